using System.Globalization;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Model;
using Ops.Tla.Output.Html;

namespace Ops.Jenkins.Output;

/// <summary>
/// <c>ops jenkins-ecs check FILE -html PAGE</c> / <c>Test-JenkinsEcsCloud -ReportPath PAGE</c>: the report as one
/// self-contained HTML page (the checker's <see cref="HtmlPage"/>): the verdict of the file, an overview of the clouds,
/// then per cloud its verdict, settings (with their lines), the timeline of what can happen (a row per event, per
/// agent launch), why, the safe settings found, the model's figures, and the model's counterexample as a table.
/// </summary>
public static class ReportHtml
{
    public static string Render(JenkinsEcsReport report)
    {
        var file = Path.GetFileName(report.Path ?? "jenkins.yaml");
        var page = new HtmlPage($"Jenkins amazon-ecs check: {file}", "jenkins-ecs");
        page.Open("main", "data-exit-code", report.ExitCode.ToString(CultureInfo.InvariantCulture), "data-clouds", report.Clouds.Count.ToString(CultureInfo.InvariantCulture));
        page.Element("h1", $"Jenkins amazon-ecs check of {file}");

        int notSafe = report.Clouds.Count(c => !c.Safe);
        page.Open("div", "class", "verdict " + (report.ExitCode == JenkinsExitCodes.Safe ? "ok" : report.ExitCode == JenkinsExitCodes.Other ? "error" : "fail"), "id", "verdict", "role", "status");
        page.Element("strong", report.Clouds.Count == 0 ? "No ECS cloud to check" : notSafe == 0 ? $"All {report.Clouds.Count} ECS cloud(s) safe" : $"{notSafe} of {report.Clouds.Count} ECS cloud(s) not safe");
        page.Text($"exit code {report.ExitCode} \u2014 {ExitMeaning(report.ExitCode)}");
        page.Close("div");

        page.Open("dl", "class", "figures", "id", "figures");
        page.Term("File", report.Path ?? "");
        page.Term("Assumptions", report.Assumptions?.ToString() ?? "");
        page.Close("dl");
        if (report.Notes.Count > 0)
        {
            page.Open("ul", "class", "warnings");
            foreach (var note in report.Notes) page.Element("li", note);
            page.Close("ul");
        }

        if (report.Clouds.Count > 0)
        {
            page.Element("h2", "Clouds");
            page.Open("table", "class", "clouds").Open("thead").Open("tr");
            page.Element("th", "Cloud").Element("th", "Line", "class", "num").Element("th", "Verdict").Element("th", "Summary");
            page.Close("tr").Close("thead").Open("tbody");
            int k = 0;
            foreach (var c in report.Clouds)
            {
                page.Open("tr", "class", "cloud", "data-verdict", c.Verdict);
                page.Open("td").Element("a", c.Cloud, "href", $"#cloud-{++k}").Close("td");
                page.Element("td", c.Line.ToString(CultureInfo.InvariantCulture), "class", "num");
                page.Open("td").Element("span", c.Verdict, "class", "badge " + Badge(c)).Close("td");
                page.Element("td", c.Summary ?? c.Error ?? "");
                page.Close("tr");
            }
            page.Close("tbody").Close("table");
        }

        int n = 0;
        foreach (var c in report.Clouds) Cloud(page, c, ++n, report.MarginPercent);
        page.Close("main");
        page.Element("footer", "Written by Ops (ops jenkins-ecs check -html / Test-JenkinsEcsCloud -ReportPath). This page loads nothing from the network.");
        return page.Render();
    }

    public static void WriteFile(string path, JenkinsEcsReport report) =>
        File.WriteAllText(path, Render(report), new System.Text.UTF8Encoding(false));

    private static string Badge(CloudVerdict c) => c.Outcome switch { CloudOutcome.Safe => "ok", CloudOutcome.Error => "error", _ => "fail" };

    private static string ExitMeaning(int code) => code switch
    {
        JenkinsExitCodes.Safe => "every cloud is safe",
        JenkinsExitCodes.AgentTerminated => "an agent can be terminated before it runs the build",
        JenkinsExitCodes.BuildWaitsForever => "a build can wait forever",
        JenkinsExitCodes.ConfigError => "the file is not valid",
        _ => "the check could not run",
    };

    private static void Cloud(HtmlPage page, CloudVerdict c, int index, int marginPercent)
    {
        page.Open("section", "class", "cloud", "id", $"cloud-{index}", "data-verdict", c.Verdict);
        page.Element("h2", $"Cloud {c.Cloud} (line {c.Line})");
        page.Open("div", "class", "verdict " + Badge(c));
        page.Element("strong", c.Outcome == CloudOutcome.WaitsForever ? "A BUILD CAN WAIT FOREVER" : c.Outcome.Headline());
        page.Text(c.Summary ?? c.Error ?? "");
        page.Close("div");

        if (c.Settings is EcsCloudSettings s)
        {
            page.Element("h3", "Settings");
            page.Open("table", "class", "settings").Open("thead").Open("tr");
            page.Element("th", "Setting").Element("th", "Value", "class", "num").Element("th", "From");
            page.Close("tr").Close("thead").Open("tbody");
            foreach (var (setting, unit) in new[] { (s.TaskPollingIntervalInSeconds, "s"), (s.SlaveTimeoutInSeconds, "s"), (s.RetentionTimeout, "min"), (s.MaxAgents, ""), (s.NumExecutors, "") })
            {
                bool named = c.Causes.Any(x => x.Contains(setting.Key, StringComparison.Ordinal)) || c.Suggestions.Any(x => x.Setting == setting.Key);
                page.Open("tr", "class", named ? "named" : null, "data-key", setting.Key);
                page.Open("td").Element("code", setting.Key).Close("td");
                page.Element("td", setting.Value.ToString(CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : ""), "class", "num");
                page.Element("td", setting.IsDefault ? "the plugin's default" : setting.Line > 0 ? $"line {setting.Line}" : "the file");
                page.Close("tr");
            }
            page.Open("tr").Open("td").Element("code", "retainAgents").Close("td");
            page.Element("td", s.RetainAgents ? "true" : "false", "class", "num").Element("td", s.RetentionStrategy).Close("tr");
            page.Close("tbody").Close("table");
            if (c.Templates is { Count: > 0 }) page.Element("p", "Templates: " + string.Join(", ", c.Templates), "class", "note");
        }

        if (c.Timeline.Count > 0)
        {
            page.Element("h3", "What can happen");
            page.Element("p", "t = seconds since Jenkins started launching the agent.", "class", "note");
            page.Open("table", "class", "timeline", "data-events", c.Timeline.Count.ToString(CultureInfo.InvariantCulture)).Open("thead").Open("tr");
            page.Element("th", "When").Element("th", "Agent", "class", "num").Element("th", "What happens");
            page.Close("tr").Close("thead").Open("tbody");
            int attempt = 0;
            for (int i = 0; i < c.Timeline.Count; i++)
            {
                var e = c.Timeline[i];
                bool newAgent = e.Attempt != attempt && attempt != 0;
                attempt = e.Attempt;
                bool last = i == c.Timeline.Count - 1;
                var cls = "event" + (newAgent ? " new-agent" : "") + (last && c.Run?.Result.LoopIndex == null ? " violation" : "");
                page.Open("tr", "class", cls, "data-action", e.Action);
                page.Element("td", e.When, "class", "step");
                page.Element("td", e.Attempt.ToString(CultureInfo.InvariantCulture), "class", "num");
                page.Element("td", e.Text);
                page.Close("tr");
            }
            if (c.Run?.Result.LoopIndex != null)
            {
                page.Open("tr", "class", "back-edge");
                page.Element("td", "\u21BB", "class", "step marker");
                page.Element("td", "");
                page.Element("td", "... and so on for every new agent: the build never runs");
                page.Close("tr");
            }
            page.Close("tbody").Close("table");
        }

        if (c.Causes.Count > 0)
        {
            page.Element("h3", "Why");
            page.Open("ul", "class", "causes");
            foreach (var cause in c.Causes) page.Element("li", cause);
            page.Close("ul");
        }

        if (c.Searched && c.Outcome.IsViolation())
        {
            page.Element("h3", "Safe settings found by the checker");
            if (c.Suggestions.Count == 0)
                page.Element("p", "No safe value found by changing the polling interval, the retention or the timeout (or the retention with the timeout) within the search limits"
                                  + (marginPercent > 0 && c.Run?.Assumptions != null ? $" that stays safe if {SafetyMargin.Describe(c.Run.Assumptions.Widened(marginPercent))} (the assumed upper bounds + {marginPercent}%)." : "."), "class", "note");
            else
            {
                if (c.Suggestions.Count > 1) page.Element("p", "Any one of them:", "class", "note");
                page.Open("table", "class", "suggestions").Open("thead").Open("tr");
                page.Element("th", "Setting").Element("th", "Now", "class", "num").Element("th", "Safe value", "class", "num").Element("th", "Kind").Element("th", "Stays safe if").Element("th", "Verified").Element("th", "Values checked");
                page.Close("tr").Close("thead").Open("tbody");
                foreach (var sug in c.Suggestions)
                {
                    static string Unit(string u) => u == "min" ? " min" : u == "" ? "" : " s";
                    page.Open("tr", "class", "suggestion", "data-key", sug.Setting, "data-margin-percent", sug.MarginPercent.ToString(CultureInfo.InvariantCulture));
                    page.Open("td").Element("code", sug.Setting);
                    foreach (var w in sug.With) page.Text(" with ").Element("code", w.Setting);
                    page.Close("td");
                    page.Element("td", string.Join(", ", sug.Changes.Select(x => x.Current + Unit(x.Unit))), "class", "num");
                    page.Open("td", "class", "num").Element("strong", string.Join(", ", sug.Changes.Select(x => x.Suggested + Unit(x.Unit)))).Close("td");
                    page.Element("td", sug.Kind);
                    page.Element("td", sug.Margin == null ? "(capacity: no margin on timings applies)"
                        : sug.MarginPercent == 0 ? "the timings stay within the assumptions (no margin)"
                        : $"{SafetyMargin.Describe(sug.Margin)} (the assumed upper bounds + {sug.MarginPercent}%)");
                    page.Open("td").Element("span", sug.Verified ? $"verified ({sug.VerificationDistinctStates} states)" : "not verified", "class", "badge " + (sug.Verified ? "ok" : "warn")).Close("td");
                    page.Element("td", string.Join("; ", new[] { sug.Candidates }.Concat(sug.With.Select(w => w.Candidates))
                        .Select(list => string.Join(", ", list.Select(x => $"{x.Value} {(x.Passed ? "safe" : "unsafe")}")))));
                    page.Close("tr");
                }
                page.Close("tbody").Close("table");
            }
        }

        if (c.Run?.Result is { } r)
        {
            page.Element("h3", "Model");
            page.Open("dl", "class", "figures");
            page.Term("Model", "specs/ops/jenkins_ecs.tla");
            page.Term("Result", c.Property != null ? $"{r.OutcomeText}: property {c.Property} violated" : r.OutcomeText);
            page.Term("States generated", r.StatesGenerated.ToString("N0", CultureInfo.InvariantCulture), "num");
            page.Term("Distinct states", r.DistinctStates.ToString("N0", CultureInfo.InvariantCulture), "num");
            page.Term("Depth", r.Depth.ToString(CultureInfo.InvariantCulture), "num");
            page.Term("Time step", $"{c.Run.Unit} s");
            page.Term("Time", $"{r.DurationMs} ms");
            page.Close("dl");
            if (r.Trace.Count > 0)
            {
                page.Open("details", "class", "model-trace");
                page.Element("summary", $"The model's counterexample ({r.Trace.Count} states, in the model's variables)");
                TraceTable.Write(page, TraceView.Of(r));
                page.Close("details");
            }
        }
        page.Close("section");
    }
}
