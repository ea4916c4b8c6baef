using System.Text;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's <c>-simulate file=PREFIX</c>: each behaviour generated without a violation is written to the file
/// <c>PREFIX_W_N</c> (W the worker, always 0 here; N the behaviour's number from 0) as TLC's SimulationWorker writes
/// it: a module header naming the file, then for each state a comment with its action (<c>\* &lt;Next line 5, col 9
/// to line 5, col 18 of module M&gt;</c>), <c>STATE_i == </c> and the state (TLCState.toString), and a closing line.
/// </summary>
public static class SimulationTraceFile
{
    public static string PathFor(string prefix, long number) => $"{prefix}_0_{number}";

    public static string Format(string name, IReadOnlyList<TraceState> trace)
    {
        var sb = new StringBuilder();
        sb.Append("---------------- MODULE ").Append(name).Append(" -----------------\n");
        for (int i = 0; i < trace.Count; i++)
        {
            var s = trace[i];
            if (s.Action != null) sb.Append("\\* <").Append(s.Action).Append(">\n");
            sb.Append("STATE_").Append(i + 1).Append(" == \n");
            StateText.Append(sb, s.RawVariables, s.RawValues);
            sb.Append("\n\n");
        }
        sb.Append("=================================================\n");
        return sb.ToString();
    }

    /// <summary>Writes behaviour <paramref name="number"/> to PREFIX_0_number.</summary>
    public static void Write(string prefix, long number, IReadOnlyList<TraceState> trace)
    {
        var path = PathFor(prefix, number);
        File.WriteAllText(path, Format(path, trace), new UTF8Encoding(false));
    }
}
