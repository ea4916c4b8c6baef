using System.Globalization;
using Ops.Tla.Checking;

namespace Ops.Tla.Output.Html;

/// <summary>
/// <c>ops check -html FILE</c> / <c>Invoke-ModelCheck -ReportPath FILE</c>: one self-contained page per check (see
/// <see cref="HtmlPage"/>): the verdict and the figures (states generated and distinct, depth, time, the exit code and
/// its meaning), what was checked, the violated property and the message with its place, the counterexample as a
/// table (<see cref="TraceTable"/>), the violations a <c>-continue</c> run reported, for a small state space the
/// graph the search recorded (<see cref="StateGraphRecorder"/>, drawn by <see cref="StateGraphSvg"/>), and the coverage
/// when the check collected it (<see cref="CoverageSection"/>).
/// </summary>
public static class CheckReportHtml
{
    /// <summary>Why there is no state graph to draw (when <c>graph</c> is null): said on the page.</summary>
    public static string Render(CheckResult r, StateGraph graph = null, string noGraphReason = null)
    {
        var spec = Path.GetFileName(r.SpecPath ?? "specification");
        var page = new HtmlPage($"Ops model check: {spec} ({r.OutcomeText})", "check");
        page.Open("main", "data-outcome", r.OutcomeText, "data-exit-code", r.ExitCode.ToString(CultureInfo.InvariantCulture));
        page.Element("h1", $"Model check of {spec}");

        Verdict(page, r);
        Figures(page, r);
        Checked(page, r);
        Problem(page, r);

        if (r.Warnings.Count > 0)
        {
            page.Element("h2", "Warnings");
            page.Open("ul", "class", "warnings");
            foreach (var w in r.Warnings) page.Element("li", w);
            page.Close("ul");
        }

        Func<TraceState, int> nodeOf = graph == null ? null : s => graph.Find(s.StateValues ?? s.Values)?.Id ?? 0;
        if (r.Trace.Count > 0)
        {
            page.Open("section", "id", "counterexample");
            page.Element("h2", r.LoopIndex.HasValue ? "Counterexample (a behaviour that never satisfies the property)" : "Counterexample");
            page.Element("p", TraceIntro(r), "class", "note");
            TraceTable.Write(page, TraceView.Of(r), nodeOf);
            page.Close("section");
        }

        if (r.Continued.Count > 0)
        {
            page.Open("section", "id", "continued");
            page.Element("h2", $"Violations reported while the search went on (-continue): {r.Continued.Count}");
            int k = 0;
            foreach (var c in r.Continued)
            {
                page.Element("h3", $"{++k}. {c.Violation.Message}");
                TraceTable.Write(page, TraceView.Of(c, r.Actions), nodeOf);
            }
            page.Close("section");
        }

        page.Open("section", "id", "state-graph");
        page.Element("h2", "State graph");
        if (graph != null && graph.Nodes.Count > 0)
        {
            // The counterexample's path; after a -continue run without one, the first violation reported.
            var path = r.Trace.Count > 0
                ? new TracePath
                {
                    Nodes = r.Trace.Select(s => nodeOf(s)).ToList(),
                    LoopIndex = r.LoopIndex,
                    Stuttering = r.Stuttering,
                    LastViolates = TraceView.Of(r).LastViolates,
                }
                : r.Continued.Count > 0
                    ? new TracePath { Nodes = r.Continued[0].Trace.Select(s => nodeOf(s)).ToList(), LastViolates = true }
                    : null;
            if (r.Violation != null && !r.Incomplete && r.Trace.Count > 0 && r.LoopIndex == null)
                page.Element("p", "The states the search had found when it stopped at the violation.", "class", "note");
            StateGraphSvg.Write(page, graph, path);
        }
        else
        {
            page.Element("p", r.Simulation != null ? "A simulation (-simulate) draws random behaviours: it records no state graph."
                : noGraphReason ?? "No state graph was recorded for this check.", "class", "note");
        }
        page.Close("section");

        CoverageSection.Write(page, r.Coverage);

        if (r.Output.Count > 0)
        {
            page.Element("h2", "Output (Print, PrintT)");
            page.Element("pre", string.Join("\n", r.Output));
        }

        page.Open("details");
        page.Element("summary", "The result as TLC prints it");
        page.Element("pre", TlcText.Format(r));
        page.Close("details");
        page.Close("main");
        page.Open("footer");
        page.Text("Written by Ops (");
        page.Element("code", "ops check -html");
        page.Text(" / ");
        page.Element("code", "Invoke-ModelCheck -ReportPath");
        page.Text("). This page loads nothing from the network.");
        page.Close("footer");
        return page.Render();
    }

    public static void WriteFile(string path, CheckResult r, StateGraph graph = null, string noGraphReason = null) =>
        File.WriteAllText(path, Render(r, graph, noGraphReason), new System.Text.UTF8Encoding(false));

    /// <summary>Attaches a <see cref="StateGraphRecorder"/> to <paramref name="o"/> (beside a -dump) when the search
    /// will run on one worker anyway, so that asking for the page never slows a parallel search down; null
    /// otherwise.</summary>
    public static StateGraphRecorder Attach(CheckOptions o)
    {
        if (!(o.Workers <= 1 || o.Dump != null || o.Continue || o.InvariantLevel != null)) return null;
        var recorder = new StateGraphRecorder();
        o.Dump = StateDumpTee.Of(o.Dump, recorder);
        return recorder;
    }

    /// <summary>Writes the page of <paramref name="r"/> with the graph <paramref name="recorder"/> holds (when it
    /// holds one).</summary>
    public static void WriteFile(string path, CheckResult r, StateGraphRecorder recorder) =>
        WriteFile(path, r, recorder?.Graph, NoGraphReason(recorder, r.Workers));

    /// <summary>The note the page shows when a recorder was attached but holds no graph.</summary>
    public static string NoGraphReason(StateGraphRecorder recorder, int workers) =>
        recorder == null
            ? workers > 1
                ? $"The state graph is recorded by the one-worker search only (this check ran with {workers} workers): run with -workers 1 to draw it."
                : "No state graph was recorded for this check."
            : recorder.TooLarge
                ? $"The state graph has more than {recorder.MaxStates} states (or too many steps to draw): it is not drawn."
                : "The search found no state (nothing to draw).";

    private static void Verdict(HtmlPage page, CheckResult r)
    {
        string cls = r.Outcome switch
        {
            CheckOutcome.Success => r.Continued.Count > 0 ? "warn" : "ok",
            CheckOutcome.Error => "error",
            _ => "fail",
        };
        string head = r.Outcome switch
        {
            CheckOutcome.Success => r.Continued.Count > 0 ? "Violations reported" : "No error found",
            CheckOutcome.AssumptionFailure => "Assumption violated",
            CheckOutcome.DeadlockFailure => "Deadlock reached",
            CheckOutcome.SafetyFailure => r.Violation?.Kind == ViolationKind.Assert ? "Assertion failed" : "Safety property violated",
            CheckOutcome.LivenessFailure => "Liveness property violated",
            _ => r.Incomplete ? "Stopped before the end" : "The check could not be completed",
        };
        page.Open("div", "class", "verdict " + cls, "id", "verdict", "role", "status");
        page.Element("strong", head);
        var detail = r.Violation?.Message?.Split('\n')[0].Trim();
        if (r.Outcome == CheckOutcome.Success)
            detail = r.Continued.Count > 0
                ? $"{r.Continued.Count} violation(s) reported while the search went on (-continue); exit code 0 as TLC's."
                : r.Incomplete ? "nothing found so far" : "every reachable state was checked";
        page.Text(detail ?? "");
        page.Close("div");
    }

    private static void Figures(HtmlPage page, CheckResult r)
    {
        string Num(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        page.Open("dl", "class", "figures", "id", "figures");
        page.Term("Specification", r.SpecPath ?? "");
        if (r.ConfigPath != null) page.Term("Configuration", r.ConfigPath);
        page.Term("Result", r.OutcomeText, "outcome");
        page.Term("Exit code", $"{r.ExitCode} \u2014 {ExitCodeMeaning(r.ExitCode)}", "exit-code");
        bool counted = r.Violation == null || r.Violation.Kind is not (ViolationKind.Parse or ViolationKind.Config or ViolationKind.Assumption);
        if (counted)
        {
            page.Term("States generated", Num(r.StatesGenerated), "num generated");
            page.Term("Distinct states", Num(r.DistinctStates), "num distinct");
            page.Term("States left on queue", Num(r.StatesLeftOnQueue), "num");
            page.Term(r.Incomplete || r.Simulation != null ? "Depth reached" : "Depth of the complete search", r.Depth.ToString(CultureInfo.InvariantCulture), "num depth");
        }
        if (r.Simulation is { } sim)
            page.Term("Simulation", string.Create(CultureInfo.InvariantCulture,
                $"{sim.Behaviors:N0} random behaviour(s) of at most {sim.Depth} states, seed {sim.Seed}; length of those without violation: mean {sim.LengthMean}, sd {sim.LengthSd}"), "simulation");
        page.Term("Time", TlcText.FormatDuration(r.DurationMs), "time");
        page.Term("Workers", r.Workers.ToString(CultureInfo.InvariantCulture), "num");
        if (r.Incomplete) page.Term("Complete", "no: the figures are partial", "partial");
        page.Close("dl");
    }

    private static void Checked(HtmlPage page, CheckResult r)
    {
        if (!r.ModelLoaded) return;
        page.Element("h2", "What was checked");
        page.Open("ul", "class", "checked");
        var violated = r.Continued.Select(c => c.Violation).Append(r.Violation).Where(v => v?.Property != null).ToList();
        bool Violated(string name, params ViolationKind[] kinds) => violated.Any(v => v.Property == name && kinds.Contains(v.Kind));
        foreach (var inv in r.Invariants) Item(page, "invariant", inv, Violated(inv, ViolationKind.Invariant));
        foreach (var p in r.Properties) Item(page, "property", p, Violated(p, ViolationKind.Temporal, ViolationKind.ActionProperty));
        if (r.DeadlockChecked) Item(page, "deadlock", "no deadlock", r.Violation?.Kind == ViolationKind.Deadlock);
        if (r.Assumptions > 0) Item(page, "assumptions", $"{r.Assumptions} ASSUME statement(s)", r.Violation?.Kind == ViolationKind.Assumption);
        page.Close("ul");
    }

    private static void Item(HtmlPage page, string kind, string name, bool violated)
    {
        page.Open("li", "class", violated ? "violated" : null);
        page.Element("span", kind, "class", "muted").Text(" ").Element("code", name);
        if (violated) page.Text(" ").Element("span", "violated", "class", "badge fail");
        page.Close("li");
    }

    private static void Problem(HtmlPage page, CheckResult r)
    {
        var v = r.Violation;
        if (v == null) return;
        page.Open("section", "id", "violation");
        page.Element("h2", r.Outcome == CheckOutcome.Error ? "Error" : "Violation");
        page.Open("dl", "class", "figures");
        page.Term("Kind", JsonReport.KindText(v.Kind), "kind");
        if (v.Property != null) page.Term("Property", v.Property, "property");
        if (v.Location != null) page.Term("Where", v.Location, "location");
        page.Close("dl");
        page.Element("pre", v.Message ?? "", "class", "message");
        page.Close("section");
    }

    private static string TraceIntro(CheckResult r)
    {
        var n = r.Trace.Count;
        var states = n == 1 ? "1 state" : $"{n} states";
        if (r.LoopIndex is int li)
            return r.Stuttering
                ? $"{states}; the behaviour then stutters in state {r.Trace[^1].Number} forever. Highlighted cells changed in that step."
                : $"{states}; from state {r.Trace[^1].Number} the behaviour goes back to state {r.Trace[li].Number} and loops forever. Highlighted cells changed in that step.";
        var end = r.Violation?.Kind switch
        {
            ViolationKind.Deadlock => "a state with no successor (deadlock)",
            ViolationKind.Invariant or ViolationKind.ActionProperty => "the one that violates the property",
            _ => "the state where the error happened",
        };
        return $"{states}, from an initial state to {end}. Highlighted cells changed in that step.";
    }

    /// <summary>What an exit code of TLC (and Ops) means.</summary>
    public static string ExitCodeMeaning(int code) => ((ExitStatus)code).Meaning();
}
