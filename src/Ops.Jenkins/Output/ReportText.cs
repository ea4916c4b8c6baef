using System.Text;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Explain;
using Ops.Jenkins.Model;

namespace Ops.Jenkins.Output;

/// <summary>The report as the CLI prints it.</summary>
public static class ReportText
{
    public static string Format(JenkinsEcsReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Jenkins amazon-ecs check: {report.Path}");
        sb.AppendLine($"Assumptions: {report.Assumptions}");
        foreach (var note in report.Notes) sb.AppendLine("note: " + note);
        foreach (var c in report.Clouds)
        {
            sb.AppendLine();
            FormatCloud(sb, c, report.MarginPercent);
        }
        sb.AppendLine();
        int unsafeCount = report.Clouds.Count(c => !c.Safe);
        sb.AppendLine(report.Clouds.Count == 0
            ? "No ECS cloud to check."
            : unsafeCount == 0
                ? $"All {report.Clouds.Count} ECS cloud(s) safe."
                : $"{unsafeCount} of {report.Clouds.Count} ECS cloud(s) not safe (exit {report.ExitCode}).");
        return sb.ToString();
    }

    public static void FormatCloud(StringBuilder sb, CloudVerdict c, int marginPercent = SafetyMargin.DefaultPercent)
    {
        sb.AppendLine($"cloud '{c.Cloud}' (line {c.Line}): {c.Outcome.Headline()}" + (c.Summary != null ? " -- " + c.Summary : ""));
        if (c.Settings is EcsCloudSettings s)
        {
            sb.AppendLine("  settings: " + string.Join(", ",
                s.TaskPollingIntervalInSeconds.Describe(" s"), s.SlaveTimeoutInSeconds.Describe(" s"), s.RetentionTimeout.Describe(" min"),
                $"retainAgents: {(s.RetainAgents ? "true" : "false")} ({s.RetentionStrategy})", s.MaxAgents.Describe()));
            if (c.Templates is { Count: > 0 }) sb.AppendLine("  templates: " + string.Join(", ", c.Templates));
        }
        if (c.Error != null) sb.AppendLine("  error: " + c.Error);
        if (c.Timeline.Count > 0)
        {
            sb.AppendLine("  what can happen (t = seconds since Jenkins started launching the agent):");
            int width = c.Timeline.Max(e => e.When.Length);
            int attempt = 1;
            foreach (var e in c.Timeline)
            {
                if (e.Attempt != attempt)
                {
                    attempt = e.Attempt;
                    sb.AppendLine($"    -- agent {attempt} --");
                }
                sb.AppendLine($"    {e.When.PadRight(width)}  {e.Text}");
            }
            if (c.Run?.Result.LoopIndex != null) sb.AppendLine("    ... and so on for every new agent: the build never runs");
        }
        if (c.Causes.Count > 0)
        {
            sb.AppendLine("  why:");
            foreach (var cause in c.Causes) sb.AppendLine("    - " + cause);
        }
        if (c.Searched && c.Outcome.IsViolation())
        {
            if (c.Suggestions.Count == 0)
                sb.AppendLine("  no safe value found by changing the polling interval, the retention or the timeout (or the retention with the timeout) within the search limits" +
                              (marginPercent > 0 && c.Run?.Assumptions != null ? $" that stays safe if {SafetyMargin.Describe(c.Run.Assumptions.Widened(marginPercent))} (the assumed upper bounds + {marginPercent}%)" : ""));
            else
            {
                sb.AppendLine(c.Suggestions.Count == 1 ? "  safe setting found by the checker:" : "  safe settings found by the checker (any one of them):");
                foreach (var sug in c.Suggestions)
                {
                    sb.AppendLine("    " + sug.Text);
                    static string List(IEnumerable<CandidateCheck> xs) => string.Join(", ", xs.Select(x => $"{x.Value} {(x.Passed ? "safe" : "unsafe")}"));
                    if (sug.With.Count > 0)
                    {
                        sb.AppendLine($"      candidates checked: {sug.Setting} (with {string.Join(", ", sug.With.Select(w => w.Setting))} at the search's longest): {List(sug.Candidates)}");
                        foreach (var w in sug.With)
                            sb.AppendLine($"      then {w.Setting} (with {sug.Setting} {sug.Suggested}): {List(w.Candidates)}");
                    }
                    else if (sug.Candidates.Count > 1)
                        sb.AppendLine("      candidates checked: " + List(sug.Candidates));
                }
            }
        }
        if (c.Run != null)
        {
            var r = c.Run.Result;
            var what = c.Property != null ? $"property {c.Property} violated" : r.OutcomeText;
            sb.AppendLine($"  model: jenkins_ecs.tla, {what}; {r.StatesGenerated} states generated, {r.DistinctStates} distinct, time step {c.Run.Unit} s, {r.DurationMs} ms");
        }
    }
}
