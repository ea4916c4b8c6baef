using System.Text;
using System.Text.Json;
using Ops.Jenkins.Configuration;

namespace Ops.Jenkins.Output;

/// <summary>The report as one JSON object (for pipelines): <c>file</c>, <c>exitCode</c>, <c>assumptions</c>, <c>notes</c>,
/// and per cloud its <c>verdict</c>, <c>settings</c>, <c>timeline</c>, <c>causes</c>, <c>suggestions</c> and the
/// model run's figures.</summary>
public static class ReportJson
{
    public static string Serialize(JenkinsEcsReport report)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", report.Path);
            w.WriteNumber("exitCode", report.ExitCode);
            w.WriteStartObject("assumptions");
            w.WriteNumber("taskStartMinSeconds", report.Assumptions.TaskStart.Min);
            w.WriteNumber("taskStartMaxSeconds", report.Assumptions.TaskStart.Max);
            w.WriteNumber("agentConnectMinSeconds", report.Assumptions.AgentConnect.Min);
            w.WriteNumber("agentConnectMaxSeconds", report.Assumptions.AgentConnect.Max);
            w.WriteNumber("queueSeconds", report.Assumptions.QueueSeconds);
            w.WriteNumber("busyExecutors", report.Assumptions.BusyExecutors);
            w.WriteNumber("marginPercent", report.MarginPercent);
            w.WriteEndObject();
            w.WriteStartArray("notes");
            foreach (var n in report.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartArray("clouds");
            foreach (var c in report.Clouds) WriteCloud(w, c);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    static void WriteCloud(Utf8JsonWriter w, CloudVerdict c)
    {
        w.WriteStartObject();
        w.WriteString("cloud", c.Cloud);
        w.WriteNumber("line", c.Line);
        w.WriteString("verdict", c.Verdict);
        w.WriteNumber("exitCode", c.ExitCode);
        if (c.Property != null) w.WriteString("property", c.Property);
        if (c.Summary != null) w.WriteString("summary", c.Summary);
        if (c.Error != null) w.WriteString("error", c.Error);
        if (c.Settings is EcsCloudSettings s)
        {
            w.WriteStartObject("settings");
            foreach (var setting in new[] { s.TaskPollingIntervalInSeconds, s.SlaveTimeoutInSeconds, s.RetentionTimeout, s.MaxAgents, s.NumExecutors })
            {
                w.WriteStartObject(setting.Key);
                w.WriteNumber("value", setting.Value);
                w.WriteBoolean("default", setting.IsDefault);
                if (setting.Line > 0) w.WriteNumber("line", setting.Line);
                w.WriteEndObject();
            }
            w.WriteBoolean("retainAgents", s.RetainAgents);
            w.WriteString("retentionStrategy", s.RetentionStrategy);
            w.WriteEndObject();
        }
        w.WriteStartArray("templates");
        foreach (var t in c.Templates ?? Array.Empty<string>()) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteStartArray("timeline");
        foreach (var e in c.Timeline)
        {
            w.WriteStartObject();
            w.WriteNumber("t", e.Seconds);
            if (e.UntilSeconds is int u) w.WriteNumber("until", u);
            if (e.JustAfter) w.WriteBoolean("justAfter", true);
            w.WriteNumber("agent", e.Attempt);
            w.WriteString("action", e.Action);
            w.WriteString("text", e.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("causes");
        foreach (var cause in c.Causes) w.WriteStringValue(cause);
        w.WriteEndArray();
        w.WriteStartArray("suggestions");
        foreach (var sug in c.Suggestions)
        {
            w.WriteStartObject();
            w.WriteString("setting", sug.Setting);
            w.WriteNumber("current", sug.Current);
            w.WriteNumber("suggested", sug.Suggested);
            w.WriteString("kind", sug.Kind);
            w.WriteStartArray("with");
            foreach (var x in sug.With)
            {
                w.WriteStartObject();
                w.WriteString("setting", x.Setting);
                w.WriteNumber("current", x.Current);
                w.WriteNumber("suggested", x.Suggested);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("marginPercent", sug.MarginPercent);
            if (sug.Margin != null)
            {
                w.WriteStartObject("safeUpTo");
                w.WriteNumber("taskStartMaxSeconds", sug.Margin.TaskStart.Max);
                w.WriteNumber("agentConnectMaxSeconds", sug.Margin.AgentConnect.Max);
                w.WriteNumber("queueSeconds", sug.Margin.QueueSeconds);
                w.WriteEndObject();
            }
            w.WriteBoolean("verified", sug.Verified);
            w.WriteStartArray("candidates");
            foreach (var x in sug.Candidates)
            {
                w.WriteStartObject();
                w.WriteNumber("value", x.Value);
                w.WriteBoolean("safe", x.Passed);
                w.WriteNumber("distinctStates", x.DistinctStates);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (c.Run != null)
        {
            var r = c.Run.Result;
            w.WriteStartObject("model");
            w.WriteString("result", r.OutcomeText);
            w.WriteNumber("timeStepSeconds", c.Run.Unit);
            w.WriteNumber("statesGenerated", r.StatesGenerated);
            w.WriteNumber("distinctStates", r.DistinctStates);
            w.WriteNumber("depth", r.Depth);
            w.WriteNumber("durationMs", r.DurationMs);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
