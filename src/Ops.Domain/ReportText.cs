using System.Text;

namespace Ops.Domain;

/// <summary>A report as the CLI prints it: each finding on a line with its fix and counterexample, the model runs, then
/// the verdict: the errors that stop the apply, "up to date", or the numbered plan. Passed through the domain's redactor.</summary>
public static class ReportText
{
    public static string Format(Report report) => Format(report, null, null);

    /// <summary>The report, then the steps applied and skipped, then "Apply complete." when every step ran.</summary>
    public static string Format(Report report, IReadOnlyList<string> applied, IReadOnlyList<string> skipped)
    {
        var words = report.GetWords();
        var sb = new StringBuilder();
        AppendFindings(sb, report.Findings, words);
        foreach (var m in report.ModelRuns) sb.AppendLine("model: " + m);
        if (!report.Passed) sb.AppendLine($"{report.Findings.Count(f => f.IsError)} error(s): nothing was changed.");
        else if (report.Plan.Count == 0) sb.AppendLine($"{report.Title}: up to date, no changes.");
        else
        {
            sb.AppendLine($"Plan for {report.Title} ({report.Plan.Count} step(s)):");
            for (int i = 0; i < report.Plan.Count; i++) sb.AppendLine($"  {i + 1}. {report.Plan[i]}");
        }
        if (applied != null)
        {
            foreach (var a in applied) sb.AppendLine("applied: " + a);
            foreach (var s in skipped ?? Array.Empty<string>()) sb.AppendLine("skipped: " + s);
            if (report.Passed && report.Plan.Count > 0 && applied.Count == report.Plan.Count) sb.AppendLine("Apply complete.");
        }
        return words.Redact(sb.ToString());
    }

    /// <summary>One line per finding (<c>ERROR [Code] subject: message</c>), then its fix, the model line and the trace.</summary>
    public static void AppendFindings(StringBuilder sb, IEnumerable<Finding> findings, DomainWords words)
    {
        foreach (var f in findings)
        {
            var about = words.About(f) ?? (f.File != null ? f.Place : null);
            sb.AppendLine($"{(f.IsError ? "ERROR" : "WARNING")} [{f.Code}]{(about != null ? " " + about : "")}: {f.Message}");
            if (f.Fix != null) sb.AppendLine($"  fix: {f.Fix}");
            if (f.Property != null && words.ModelLine != null) sb.AppendLine("  " + string.Format(words.ModelLine, f.Property));
            foreach (var t in f.Trace) sb.AppendLine("    " + t);
        }
    }

    /// <summary>A finding in one line, as a PowerShell error or warning shows it: <c>[Code] subject: message Fix: ...</c>.</summary>
    public static string OneLine(Finding f, DomainWords words)
    {
        var about = words.About(f) ?? (f.File != null ? f.Place : null);
        return words.Redact($"[{f.Code}]{(about != null ? " " + about : "")}: {f.Message}{(f.Fix != null ? " Fix: " + f.Fix : "")}");
    }
}
