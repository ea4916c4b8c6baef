using System.Text;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>Writes a check result the way TLC prints it (the lines CI logs and people grep for).</summary>
public static class TlcText
{
    public static string Format(CheckResult r)
    {
        var sb = new StringBuilder();
        Write(r, sb);
        return sb.ToString();
    }

    public static void Write(CheckResult r, StringBuilder sb)
    {
        foreach (var w in r.Warnings) sb.Append("Warning: ").AppendLine(w);
        foreach (var c in r.Continued)
        {
            // -continue: each violation as TLC prints it when it goes on (an initial state alone, else its trace).
            sb.Append("Error: ").AppendLine(c.Violation.Message);
            if (c.InitialState && c.Trace.Count == 1)
            {
                WriteState(c.Trace[0], sb);
                sb.AppendLine();
            }
            else
            {
                sb.AppendLine("Error: The behavior up to this point is:");
                WriteStates(c.Trace, sb);
            }
        }
        if (r.Violation != null)
        {
            var v = r.Violation;
            switch (v.Kind)
            {
                case ViolationKind.Parse:
                case ViolationKind.Config:
                    sb.Append(v.Location != null ? v.Location + ": " : "").Append(v.Kind == ViolationKind.Parse ? "error: " : "configuration error: ").AppendLine(v.Message);
                    return;
                case ViolationKind.Invariant:
                case ViolationKind.ActionProperty:
                case ViolationKind.Temporal:
                case ViolationKind.Deadlock:
                    sb.Append("Error: ").AppendLine(v.Message);
                    break;
                case ViolationKind.Assumption:
                    sb.Append("Error: ").AppendLine(v.Message);
                    break;
                default:
                    sb.AppendLine("Error: " + v.Message);
                    break;
            }
            if (r.Trace.Count > 0)
            {
                sb.AppendLine(r.LoopIndex.HasValue ? "Error: The following behavior constitutes a counter-example:" : "Error: The behavior up to this point is:");
                WriteTrace(r, sb);
            }
        }
        else if (r.Continued.Count > 0)
        {
            // TLC ends such a run with "No error has been found." and exit code 0; Ops keeps the exit code and says
            // what was found.
            sb.Append("Model checking completed. ").Append(r.Continued.Count)
              .AppendLine(r.Continued.Count == 1 ? " violation was reported above (-continue: exit code 0, as TLC's)." : " violations were reported above (-continue: exit code 0, as TLC's).");
        }
        else
        {
            sb.AppendLine("Model checking completed. No error has been found.");
        }
        if (r.Violation == null || r.Violation.Kind is not (ViolationKind.Parse or ViolationKind.Config or ViolationKind.Assumption))
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

    public static void WriteTrace(CheckResult r, StringBuilder sb)
    {
        WriteStates(r.Trace, sb);
        if (r.LoopIndex.HasValue)
        {
            int n = r.Trace.Count + 1;
            if (r.Stuttering) sb.Append("State ").Append(n).AppendLine(": Stuttering");
            // TLC (EC.TLC_BACK_TO_STATE) prints the loop without a state number of its own.
            else sb.Append("Back to state ").Append(r.LoopIndex.Value + 1).Append(": <").Append(r.LoopAction).AppendLine(">");
            sb.AppendLine();
        }
    }

    private static void WriteStates(List<TraceState> trace, StringBuilder sb)
    {
        foreach (var s in trace)
        {
            sb.Append("State ").Append(s.Number).Append(": <").Append(s.Action).AppendLine(">");
            WriteState(s, sb);
            sb.AppendLine();
        }
    }

    private static void WriteState(TraceState s, StringBuilder sb)
    {
        for (int v = 0; v < s.Variables.Length; v++)
        {
            // TLC writes a state of one variable (or an alias of one field) without the conjunction bullet.
            if (s.Variables.Length > 1) sb.Append("/\\ ");
            sb.Append(s.Variables[v]).Append(" = ");
            s.Values[v].Print(sb);
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
