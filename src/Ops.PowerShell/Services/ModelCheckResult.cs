using Ops.Tla.Checking;
using Ops.Tla.Output;

namespace Ops.PowerShell;

/// <summary>What a violation or error was: its kind, the property's name, TLC's message and where.</summary>
public sealed class ModelCheckViolation
{
    /// <summary>invariant, action property, deadlock, assumption, assert, temporal property, evaluation error,
    /// parse error, config error, unsupported, cancelled, time limit.</summary>
    public string Kind { get; init; }
    public string Property { get; init; }
    public string Message { get; init; }
    /// <summary>"file:line:column" when known.</summary>
    public string Location { get; init; }

    /// <summary>"file:line:column: message" when the place is known (a parse or configuration error, an evaluation
    /// error), else TLC's message.</summary>
    public override string ToString() =>
        Location != null && Message != null && !Message.StartsWith(Location, StringComparison.Ordinal) ? $"{Location}: {Message}" : Message;

    /// <summary>One short line for a table: "Invariant Small", "Deadlock", or "Spec.tla:5:6: Expected ..." (the file
    /// without its folder).</summary>
    public string Summary
    {
        get
        {
            var first = (Message ?? "").Split('\n')[0].TrimEnd();
            if (Property != null && Kind is "invariant" or "action property" or "temporal property" or "postcondition")
                return $"{char.ToUpperInvariant(Kind[0])}{Kind[1..]} {Property}";
            if (Location == null || first.StartsWith(Location, StringComparison.Ordinal)) return first;
            var place = Location;
            var colon = place.LastIndexOf(':', place.LastIndexOf(':') - 1);
            if (colon > 0) place = Path.GetFileName(place[..colon]) + place[colon..];
            return $"{place}: {first}";
        }
    }
}

/// <summary>
/// The result of Invoke-ModelCheck: the same fields as <c>ops check -json</c> (see DESIGN.md), as properties.
/// </summary>
public sealed class ModelCheckResult
{
    private readonly CheckResult _raw;

    public ModelCheckResult(CheckResult raw, Func<ModelCheckTraceState, object> decorate = null)
    {
        _raw = raw ?? throw new ArgumentNullException(nameof(raw));
        _traceStates = raw.Trace.Select(TraceConverter.ToState).ToArray();
        Trace = _traceStates.Select(s => decorate != null ? decorate(s) : s).ToArray();
        if (raw.Violation != null)
        {
            Violation = new ModelCheckViolation
            {
                Kind = JsonReport.KindText(raw.Violation.Kind),
                Property = raw.Violation.Property,
                Message = raw.Violation.Message,
                Location = raw.Violation.Location,
            };
        }
    }

    /// <summary>The spec's file name (without folder).</summary>
    public string Spec => _raw.SpecPath != null ? Path.GetFileName(_raw.SpecPath) : null;
    public string SpecPath => _raw.SpecPath;
    public string ConfigPath => _raw.ConfigPath;

    /// <summary>success, assumption failure, deadlock failure, safety failure, liveness failure or error.</summary>
    public string Result => _raw.OutcomeText;

    /// <summary>True for a run that found no error.</summary>
    public bool Succeeded => _raw.Outcome == CheckOutcome.Success;

    /// <summary>False when the run was cancelled or ran out of time: the figures are partial.</summary>
    public bool Complete => !_raw.Incomplete;

    public long StatesGenerated => _raw.StatesGenerated;
    public long DistinctStates => _raw.DistinctStates;
    public long StatesLeftOnQueue => _raw.StatesLeftOnQueue;
    public int Depth => _raw.Depth;
    public TimeSpan Duration => TimeSpan.FromMilliseconds(_raw.DurationMs);
    public int Workers => _raw.Workers;
    /// <summary>True when the search kept its fingerprints and states on disk: with -DiskStates from the start, or
    /// once half the memory budget (-MemoryMB) was in use.</summary>
    public bool StoredOnDisk => _raw.StoredOnDisk;
    /// <summary>"bfs" for TLC's breadth-first search, "simulate" for -Simulate.</summary>
    public string Mode => _raw.Simulation != null ? "simulate" : "bfs";
    /// <summary>With -Simulate: the seed (given with -Seed, or drawn; -Seed with it repeats the run).</summary>
    public long? Seed => _raw.Simulation?.Seed;
    /// <summary>With -Simulate: the behaviours generated (TLC's "traces generated").</summary>
    public long? Behaviors => _raw.Simulation?.Behaviors;

    /// <summary>TLC's exit code for this result (0, 10, 11, 12, 13, 14, 75, 150, 151, 255).</summary>
    public int ExitCode => _raw.ExitCode;

    public ModelCheckViolation Violation { get; }

    /// <summary>The counterexample, first state first (empty when there is none). In PowerShell each state has one
    /// property per variable.</summary>
    public object[] Trace { get; }

    private readonly ModelCheckTraceState[] _traceStates;

    /// <summary>The same states, typed (for C# callers). A method, so that the trace is shown and serialized once.</summary>
    public IReadOnlyList<ModelCheckTraceState> GetTraceStates() => _traceStates;

    /// <summary>For a liveness counterexample, the index in Trace where the cycle starts.</summary>
    public int? LoopIndex => _raw.LoopIndex;

    /// <summary>TLC's coverage statistics (-Coverage): Variables (Name, Location, DistinctValues) and Actions (Kind,
    /// Name, Label, Location, Found, Distinct, Expressions: Location, Count, Cost, Depth); NeverEnabled lists the
    /// actions that never produced a state. Null without -Coverage.</summary>
    public CoverageReport Coverage => _raw.Coverage;
    public string[] Invariants => _raw.Invariants.ToArray();
    public string[] Properties => _raw.Properties.ToArray();
    public string[] Warnings => _raw.Warnings.ToArray();

    /// <summary>Lines printed by Print/PrintT.</summary>
    public string[] Output => _raw.Output.ToArray();

    /// <summary>Where the ITF trace was written (-TracePath), when it was.</summary>
    public string TracePath { get; internal set; }
    public string JUnitPath { get; internal set; }
    public string JsonPath { get; internal set; }
    /// <summary>Where the HTML report was written (-ReportPath), when it was.</summary>
    public string ReportPath { get; internal set; }

    /// <summary>The state graph recorded for the HTML report (small checks on one worker), or null.</summary>
    internal Ops.Tla.Output.Html.StateGraphRecorder Graph { get; set; }

    /// <summary>The checker's own result.</summary>
    public CheckResult GetCheckResult() => _raw;

    /// <summary>The result as `ops check -json` writes it.</summary>
    public string ToJson() => JsonReport.Serialize(_raw);

    /// <summary>The counterexample as an ITF document (null when there is none).</summary>
    public string ToItf() => ItfTrace.Serialize(_raw);

    /// <summary>The result as JUnit XML.</summary>
    public string ToJUnit() => JUnitReport.Serialize(_raw);

    /// <summary>The result as TLC prints it.</summary>
    public string ToTlcText() => TlcText.Format(_raw);

    /// <summary>One line: "bank.tla: safety failure: Invariant X is violated. (12020 states generated, 3096 distinct, depth 5)".</summary>
    public override string ToString() =>
        $"{Spec}: {Result}{(Violation != null ? ": " + FirstLine(Violation.Message) : "")} ({StatesGenerated} states generated, " +
        (_raw.Simulation is { } sim ? $"{sim.Behaviors} behaviours, seed {sim.Seed}" : $"{DistinctStates} distinct, depth {Depth}") + $"{(Complete ? "" : ", incomplete")})";

    private static string FirstLine(string s) => s == null ? "" : s.Split('\n')[0].TrimEnd();
}
