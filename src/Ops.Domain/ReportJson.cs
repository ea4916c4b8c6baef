using System.Text;
using System.Text.Json;

namespace Ops.Domain;

/// <summary>A report as one JSON object for pipelines: the domain's own facts first, then <c>passed</c>,
/// <c>findings</c> (severity, code, subject, message, fix, property, trace; <c>file</c>, <c>line</c>, <c>column</c> when
/// the finding points into the file), <c>plan</c> (kind, target, description), <c>model</c> (one line per model run),
/// <c>applied</c> (null for a check), then the apply's own facts. Passed through the domain's redactor.</summary>
public static class ReportJson
{
    public static string Format<TReport>(Report report, ApplyResult<TReport> apply) where TReport : Report
    {
        var words = report.GetWords();
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            report.WriteJsonFacts(w);
            w.WriteBoolean("passed", report.Passed);
            w.WriteStartArray("findings");
            foreach (var f in report.Findings) WriteFinding(w, f, words);
            w.WriteEndArray();
            w.WriteStartArray("plan");
            foreach (var p in report.Plan)
            {
                w.WriteStartObject();
                w.WriteString("kind", p.Kind);
                w.WriteString("target", p.Target);
                w.WriteString("description", p.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("model");
            foreach (var m in report.ModelRuns) w.WriteStringValue(m);
            w.WriteEndArray();
            if (apply == null)
            {
                w.WriteNull("applied");
                report.WriteJsonFactsOfNoApply(w);
            }
            else
            {
                w.WriteStartArray("applied");
                foreach (var a in apply.Applied) w.WriteStringValue(a);
                w.WriteEndArray();
                apply.WriteJsonFacts(w);
            }
            w.WriteEndObject();
        }
        return words.Redact(Encoding.UTF8.GetString(ms.ToArray()));
    }

    public static void WriteFinding(Utf8JsonWriter w, Finding f, DomainWords words)
    {
        w.WriteStartObject();
        w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        w.WriteString("code", f.Code);
        w.WriteString(words.SubjectJsonName, f.Subject);
        w.WriteString("message", f.Message);
        w.WriteString("fix", f.Fix);
        w.WriteString(words.PropertyJsonName, f.Property);
        w.WriteStartArray("trace");
        foreach (var t in f.Trace) w.WriteStringValue(t);
        w.WriteEndArray();
        if (f.File != null)
        {
            w.WriteString("file", f.File);
            w.WriteNumber("line", f.Line);
            w.WriteNumber("column", f.Column);
        }
        w.WriteEndObject();
    }
}
