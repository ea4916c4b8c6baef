using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>A state as TLC prints it (TLCStateMut.toString): one line per variable, <c>/\ x = 1</c>, without the
/// conjunction bullet when there is one variable; each line ends with a newline.</summary>
public static class StateText
{
    public static void Append(StringBuilder sb, string[] variables, Value[] values)
    {
        for (int v = 0; v < variables.Length; v++)
        {
            if (variables.Length > 1) sb.Append("/\\ ");
            sb.Append(variables[v]).Append(" = ");
            values[v].Print(sb);
            sb.Append('\n');
        }
    }

    public static string Format(string[] variables, Value[] values)
    {
        var sb = new StringBuilder();
        Append(sb, variables, values);
        return sb.ToString();
    }
}
