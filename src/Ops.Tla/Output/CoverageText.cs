using System.Globalization;
using System.Text;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's coverage text (MP's TLC_COVERAGE_* messages), from a <see cref="CoverageReport"/>:
/// <code>
/// The coverage statistics at 2026-12-06 06:58:49 (see https://explain.tlapl.us/module-coverage-statistics for how to interpret the following statistics).
/// &lt;x line 3, col 11 to line 3, col 11 of module M1&gt;: 4
/// &lt;Init line 4, col 1 to line 4, col 4 of module M1&gt;: 1:1
///   line 4, col 9 to line 4, col 22 of module M1: 1
/// &lt;IncX line 5, col 1 to line 5, col 4 of module M1&gt;: 3:9
///   line 5, col 9 to line 5, col 13 of module M1: 9
///   |line 5, col 9 to line 5, col 9 of module M1: 12
/// &lt;Inv line 9, col 1 to line 9, col 3 of module M1&gt;
///   line 9, col 8 to line 9, col 17 of module M1: 12
/// End of statistics.
/// </code>
/// Variables: distinct values. Init: "generated:generated+rejected". Next-state actions: "distinct:found". Invariants: no figures. Constraints:
/// "kept:evaluated". Sub-expressions: two spaces, one '|' per level of depth, the location, the count (and ":cost"
/// for an expression that enumerates a set).
/// </summary>
public static class CoverageText
{
    public static string Format(CoverageReport c)
    {
        var sb = new StringBuilder();
        Write(c, sb);
        return sb.ToString();
    }

    public static void Write(CoverageReport c, StringBuilder sb)
    {
        sb.Append("The coverage statistics at ").Append(c.At.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
          .AppendLine(" (see https://explain.tlapl.us/module-coverage-statistics for how to interpret the following statistics).");
        foreach (var v in c.Variables)
            sb.Append('<').Append(v.Name).Append(' ').Append(v.Location.ToString()).Append(">: ").Append(v.DistinctValues).AppendLine();
        foreach (var a in c.Actions)
        {
            sb.Append(a.Label);
            switch (a.Kind)
            {
                case CoverageKind.Invariant:
                    sb.AppendLine();
                    break;
                case CoverageKind.Init:
                    sb.Append(": ").Append(a.Found).Append(':').Append(a.Found + a.Rejected).AppendLine();
                    break;
                default:
                    sb.Append(": ").Append(a.Distinct).Append(':').Append(a.Found).AppendLine();
                    break;
            }
            foreach (var e in a.Expressions)
            {
                sb.Append("  ").Append('|', e.Depth).Append(e.Location.ToString()).Append(": ").Append(e.Count);
                if (e.Cost > 0) sb.Append(':').Append(e.Cost);
                sb.AppendLine();
            }
        }
        sb.AppendLine("End of statistics.");
    }
}
