using System.Text;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>Writes a check result the way TLC prints it (the lines CI logs and people grep for).</summary>
public static class TlcText
{
    /// <param name="diffTrace">TLC's -difftrace: after the first state of a trace, only the variables whose value
    /// differs from the state before are shown.</param>
    public static string Format(CheckResult r, bool diffTrace = false)
    {
        var sb = new StringBuilder();
        Write(r, sb, diffTrace);
        return sb.ToString();
    }

    public static void Write(CheckResult r, StringBuilder sb, bool diffTrace = false)
    {
        foreach (var line in r.ParserMessages) sb.AppendLine(line);
        foreach (var w in r.Warnings) sb.Append("Warning: ").AppendLine(w);
        foreach (var c in r.Continued)
        {
            // -continue: each violation as TLC prints it when it goes on (an initial state alone, else its trace).
            sb.Append("Error: ").AppendLine(c.Violation.Message);
            if (c.InitialState && c.Trace.Count == 1)
            {
                WriteState(c.Trace[0], sb, null, r.VariablePrintOrder);
                sb.AppendLine();
            }
            else
            {
                sb.AppendLine("Error: The behavior up to this point is:");
                WriteStates(c.Trace, sb, diffTrace ? DiffMode.ExceptLast : DiffMode.None, r.VariablePrintOrder);
            }
        }
        if (r.Violation != null)
        {
            var v = r.Violation;
            // TLC's liveness checker (LiveWorker, and TableauLiveChecker for a finite prefix) follows its two error
            // lines with a blank line each.
            bool liveBlank = v.Kind == ViolationKind.Temporal && r.Simulation == null && r.Trace.Count > 0
                && !(v.WhileInitialState && r.Trace.Count == 1);
            if (v.NestedExpressions != null && v.NestedExpressionsFirst && v.FingerprintReason == null)
                WriteNestedExpressions(sb, v);
            switch (v.Kind)
            {
                case ViolationKind.Parse:
                case ViolationKind.Config:
                    sb.Append(v.Location != null ? v.Location + ": " : "").Append(v.Kind == ViolationKind.Parse ? "error: " : "configuration error: ").AppendLine(v.Message);
                    return;
                case ViolationKind.Invariant when IsInitialStateViolation(r):
                    // TLC's DoInitFunctor (EC.TLC_INVARIANT_VIOLATED_INITIAL, TLC_PROPERTY_VIOLATED_INITIAL): the
                    // message ends with a colon, the state follows alone, and the run ends there, without figures.
                    sb.Append("Error: ").AppendLine(InitialStateMessage(v.Message));
                    WriteState(r.Trace[0], sb, null, r.VariablePrintOrder);
                    sb.AppendLine();
                    foreach (var line in r.OutputAfterTrace) sb.AppendLine(line);
                    sb.Append("Finished in ").Append(FormatDuration(r.DurationMs)).AppendLine();
                    return;
                case ViolationKind.Invariant:
                case ViolationKind.ActionProperty:
                case ViolationKind.Temporal:
                case ViolationKind.Deadlock:
                    sb.Append("Error: ").AppendLine(v.Message);
                    if (liveBlank) sb.AppendLine();
                    break;
                case ViolationKind.Assumption:
                    sb.Append("Error: ").AppendLine(v.Message);
                    break;
                default:
                    sb.AppendLine("Error: " + v.Message);
                    break;
            }
            if (v.WhileInitialState && r.Trace.Count == 1)
            {
                // TLC prints the state itself here (DoInitFunctor's EC.TLC_INITIAL_STATE, TLCState.toString): the ALIAS
                // is for traces only.
                var s0 = r.Trace[0];
                sb.AppendLine("While working on the initial state:");
                WriteState(s0.StateValues != null ? new TraceState { Variables = s0.StateVariables, Values = s0.StateValues } : s0, sb, null, r.VariablePrintOrder);
                sb.AppendLine();
            }
            else if (r.Trace.Count > 0)
            {
                sb.AppendLine(r.LoopIndex.HasValue || r.Violation?.Kind == ViolationKind.Temporal ? "Error: The following behavior constitutes a counter-example:" : "Error: The behavior up to this point is:");
                if (liveBlank) sb.AppendLine();
                WriteTrace(r, sb, diffTrace);
            }
            if (v.NestedExpressions != null && v.FingerprintReason != null)
            {
                // TLC's EC.TLC_FINGERPRINT_EXCEPTION: the positions, two blank lines, and the error's message.
                sb.AppendLine("Error: TLC was unable to fingerprint.").AppendLine();
                sb.AppendLine("Fingerprint Stack Trace:");
                foreach (var line in v.NestedExpressions) sb.AppendLine(line);
                sb.AppendLine();
                if (!v.StackWithoutPositions) sb.AppendLine();
                sb.AppendLine("Reason:");
                sb.AppendLine(v.FingerprintReason);
            }
            else if (v.NestedExpressions != null && !v.NestedExpressionsFirst) WriteNestedExpressions(sb, v);
            // The POSTCONDITIONs are evaluated once the violation has been reported (TLC's
            // checkPostConditionWithCounterExample, also from LiveWorker after a counterexample).
            foreach (var line in r.OutputAfterTrace) sb.AppendLine(line);
        }
        else if (r.Continued.Count > 0)
        {
            // TLC ends such a run with "No error has been found." and exit code 0; Ops keeps the exit code and says
            // what was found.
            sb.Append("Model checking completed. ").Append(r.Continued.Count)
              .AppendLine(r.Continued.Count == 1 ? " violation was reported above (-continue: exit code 0, as TLC's)." : " violations were reported above (-continue: exit code 0, as TLC's).");
        }
        else if (r.Simulation == null)
        {
            sb.AppendLine("Model checking completed. No error has been found.");
        }
        // TLC prints its coverage statistics at the end of the run, after the verdict, before the figures.
        if (r.Coverage != null) CoverageText.Write(r.Coverage, sb);
        if (r.Simulation is { } sim)
        {
            // TLC's simulator ends with its statistics (EC.TLC_STATS_SIMU, EC.TLC_PROGRESS_SIMU): the progress line
            // first when the run ended without error, after the statistics otherwise.
            var progress = SimulationProgress(r.StatesGenerated, sim);
            if (r.Violation?.Kind is ViolationKind.Parse or ViolationKind.Config or ViolationKind.Assumption) { }
            else if (r.Violation?.Kind is ViolationKind.Postcondition) sb.AppendLine(progress);
            else
            {
                if (r.Violation == null) sb.AppendLine(progress);
                sb.Append("The number of states generated: ").Append(r.StatesGenerated).AppendLine();
                sb.Append("Simulation using seed ").Append(sim.Seed).Append(" and aril ").Append(sim.Aril).AppendLine();
                if (r.Violation != null) sb.AppendLine(progress);
                if (r.Incomplete) sb.AppendLine("The simulation was stopped before it finished: these figures are partial.");
            }
            sb.Append("Finished in ").Append(FormatDuration(r.DurationMs)).AppendLine();
            return;
        }
        // A specification TLC refuses before it starts (a number too big for it) has no figures, as in TLC.
        bool refusedBeforeSearch = r.Violation?.Kind == ViolationKind.TlcRefused && !r.ModelLoaded;
        if (!refusedBeforeSearch && r.Violation?.WithoutStatistics != true
            && (r.Violation == null || r.Violation.Kind is not (ViolationKind.Parse or ViolationKind.Config or ViolationKind.Assumption)))
        {
            sb.Append(r.StatesGenerated).Append(" states generated, ").Append(r.DistinctStates).Append(" distinct states found, ")
              .Append(r.StatesLeftOnQueue).AppendLine(" states left on queue.");
            if (r.Incomplete)
                sb.Append("The search stopped before it finished, at depth ").Append(r.Depth).AppendLine(": these figures are partial.");
            else
                sb.Append("The depth of the complete state graph search is ").Append(r.Depth).AppendLine(".");
        }
        sb.Append("Finished in ").Append(FormatDuration(r.DurationMs)).AppendLine();
    }

    /// <summary>TLC's EC.TLC_NESTED_EXPRESSION: the positions, a blank line, and println's own.</summary>
    private static void WriteNestedExpressions(StringBuilder sb, Violation v)
    {
        sb.AppendLine("Error: The error occurred when TLC was evaluating the nested");
        sb.AppendLine("expressions at the following positions:");
        foreach (var line in v.NestedExpressions) sb.AppendLine(line);
        sb.AppendLine();
        if (!v.StackWithoutPositions) sb.AppendLine();
    }

    /// <summary>An invariant (or a property's initial predicate) false in an initial state: its trace is that state
    /// alone (the violations -continue reports are <see cref="CheckResult.Continued"/>).</summary>
    public static bool IsInitialStateViolation(CheckResult r) =>
        r.Violation is { Kind: ViolationKind.Invariant } && !r.LoopIndex.HasValue && r.Trace.Count == 1;

    /// <summary>"Invariant I is violated." / "Property P is violated by the initial state." as TLC words them for an
    /// initial state: "... is violated by the initial state:".</summary>
    private static string InitialStateMessage(string message)
    {
        const string suffix = " is violated by the initial state";
        if (message.EndsWith(suffix + ".", StringComparison.Ordinal)) return message[..^1] + ":";
        if (message.EndsWith(" is violated.", StringComparison.Ordinal)) return message[..^" is violated.".Length] + suffix + ":";
        return message;
    }

    /// <summary>TLC's progress line of a simulation (EC.TLC_PROGRESS_SIMU), printed while it runs and at its end.</summary>
    public static string SimulationProgress(long statesGenerated, SimulationReport sim) =>
        $"Progress: {statesGenerated} states checked, {sim.Behaviors} traces generated (trace length: mean={sim.LengthMean}, var(x)={sim.LengthVariance}, sd={sim.LengthSd})";

    public static void WriteTrace(CheckResult r, StringBuilder sb, bool diffTrace = false)
    {
        // -difftrace: TLC prints the state that violates an invariant or action property in full after a search, and
        // omits a simulated behaviour's stuttering steps (saying how many).
        var mode = !diffTrace ? DiffMode.None
            : r.Simulation != null ? DiffMode.OmitStuttering
            : r.Violation?.Kind is ViolationKind.Invariant or ViolationKind.ActionProperty && !r.LoopIndex.HasValue && r.Trace.Count > 1 ? DiffMode.ExceptLast
            : DiffMode.All;
        int omitted = WriteStates(r.Trace, sb, mode, r.VariablePrintOrder);
        if (r.LoopIndex.HasValue)
        {
            int n = r.Trace.Count + 1;
            if (r.Stuttering)
            {
                sb.Append("State ").Append(n).AppendLine(": Stuttering");
                if (r.StutteringWarning != null) sb.Append("Warning: ").AppendLine(r.StutteringWarning);
                // TLC's model checker prints no blank line after the stuttering state (or its warning).
                if (r.Simulation != null) sb.AppendLine();
            }
            else
            {
                // TLC (EC.TLC_BACK_TO_STATE) prints the loop without a state number of its own, and a blank line.
                sb.Append("Back to state ").Append(r.LoopIndex.Value + 1).Append(": <").Append(r.LoopAction).AppendLine(">");
                sb.AppendLine();
            }
        }
        if (omitted > 0)
            sb.Append("difftrace requested: Shortened behavior by omitting finite stuttering (").Append(omitted)
              .AppendLine(" states), which is an artifact of simulation mode.").AppendLine();
    }

    /// <summary>How -difftrace shows a trace.</summary>
    private enum DiffMode
    {
        /// <summary>Every state in full.</summary>
        None,
        /// <summary>The first state in full, then the variables that changed.</summary>
        All,
        /// <summary>As All, the last state in full (TLC's state that violates an invariant or action property).</summary>
        ExceptLast,
        /// <summary>As All, and a state equal to the one before is left out (a simulated behaviour's stuttering step),
        /// keeping the numbers of the states shown.</summary>
        OmitStuttering,
    }

    /// <summary>Writes the states; returns how many were left out.</summary>
    private static int WriteStates(List<TraceState> trace, StringBuilder sb, DiffMode mode = DiffMode.None, int[] order = null)
    {
        int omitted = 0;
        TraceState previous = null;
        for (int i = 0; i < trace.Count; i++)
        {
            var s = trace[i];
            bool diff = mode != DiffMode.None && previous != null && !(mode == DiffMode.ExceptLast && i == trace.Count - 1)
                        && previous.Variables.Length == s.Variables.Length;
            if (diff && mode == DiffMode.OmitStuttering && Unchanged(previous, s))
            {
                omitted++;
                previous = s;
                continue;
            }
            sb.Append("State ").Append(s.Number).Append(": <").Append(s.Action).AppendLine(">");
            WriteState(s, sb, diff ? previous : null, order);
            sb.AppendLine();
            previous = s;
        }
        return omitted;
    }

    private static bool Unchanged(TraceState a, TraceState b)
    {
        for (int v = 0; v < b.Values.Length; v++)
            if (!b.Values[v].Equals(a.Values[v])) return false;
        return true;
    }

    /// <summary>A state, one line per variable; with <paramref name="previous"/>, only the variables whose value
    /// differs from it (TLC's TLCStateMut.toString(lastState)). The variables of a state (not of an ALIAS record)
    /// come in <paramref name="order"/>, TLC's, when there is one.</summary>
    private static void WriteState(TraceState s, StringBuilder sb, TraceState previous = null, int[] order = null)
    {
        bool ordered = order != null && s.StateVariables == null && order.Length == s.Variables.Length;
        for (int i = 0; i < s.Variables.Length; i++)
        {
            int v = ordered ? order[i] : i;
            if (previous != null && s.Values[v].Equals(previous.Values[v])) continue;
            // TLC writes a state of one variable (or an alias of one field) without the conjunction bullet.
            if (s.Variables.Length > 1) sb.Append("/\\ ");
            // TLC prints each value through Values.ppr: one that does not fit in 80 columns is broken over lines.
            sb.Append(s.Variables[v]).Append(" = ").Append(Values.Ppr.Format(s.Values[v]));
            sb.AppendLine();
        }
    }

    public static string FormatDuration(long ms)
    {
        var t = TimeSpan.FromMilliseconds(ms);
        if (t.TotalHours >= 1) return $"{(int)t.TotalHours:00}h {t.Minutes:00}min";
        if (t.TotalMinutes >= 1) return $"{(int)t.TotalMinutes:00}min {t.Seconds:00}s";
        return $"{t.Seconds:00}s ({ms} ms)";
    }
}
