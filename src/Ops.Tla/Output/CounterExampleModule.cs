using System.Text;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's <c>-dumpTrace tla FILE</c>: a module named after the file that defines <c>CounterExample</c> as TLCExt's
/// CounterExample record, <c>[action |-> {&lt;&lt;&lt;&lt;1, STATE&gt;&gt;, [name |-> .., location |-> [..]],
/// &lt;&lt;2, STATE&gt;&gt;&gt;&gt;, ...}, state |-> {&lt;&lt;1, STATE&gt;&gt;, ...}]</c>, a state as a record of
/// its variables, on one line, as TLC writes it.
/// </summary>
public static class CounterExampleModule
{
    public static bool WriteFile(CheckResult r, string path)
    {
        if (r.Trace.Count == 0) return false;
        var module = Path.GetFileNameWithoutExtension(path);
        File.WriteAllText(path, Serialize(r, module), new UTF8Encoding(false));
        return true;
    }

    public static string Serialize(CheckResult r, string module)
    {
        var (states, steps) = CounterExampleSteps.Of(r);
        var sb = new StringBuilder();
        sb.Append("---- MODULE ").Append(module).Append(" ----\nLOCAL INSTANCE TLC\n\nCounterExample == \n\t[action |-> {");
        for (int i = 0; i < steps.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            var s = steps[i];
            sb.Append("<<");
            State(sb, s.From);
            sb.Append(", [name |-> ");
            sb.Append('"').Append(s.Action.Name).Append('"');
            sb.Append($", location |-> [beginLine |-> {s.Action.Span.Line}, beginColumn |-> {s.Action.Span.Col}, endLine |-> {s.Action.Span.EndLine}, endColumn |-> {s.Action.Span.EndCol}, module |-> \"{s.Action.Module}\"]], ");
            State(sb, s.To);
            sb.Append(">>");
        }
        sb.Append("}, state |-> {");
        for (int i = 0; i < states.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            State(sb, states[i]);
        }
        sb.Append("}]\n\n====");
        return sb.ToString();
    }

    private static void State(StringBuilder sb, CounterExampleSteps.State s)
    {
        sb.Append("<<").Append(s.Number).Append(", [");
        for (int i = 0; i < s.Variables.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(s.Variables[i]).Append(" |-> ");
            s.Values[i].Print(sb);
        }
        sb.Append("]>>");
    }
}
