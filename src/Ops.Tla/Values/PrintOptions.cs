namespace Ops.Tla.Values;

/// <summary>
/// How values print in the current check (an <see cref="AsyncLocal{T}"/>, so it holds in the search's threads and
/// never leaks into another check). <see cref="Terse"/> is TLC's -terse (TLCGlobals.expand = false): the sets TLC keeps
/// unexpanded print as written (<c>SUBSET {1, 2}</c>, <c>[{1, 2} -&gt; {3}]</c>, <c>({1, 2} \X {3})</c>,
/// <c>[a: {1, 2}]</c>) instead of enumerated.
/// </summary>
public static class PrintOptions
{
    private static readonly AsyncLocal<bool> TerseValue = new();

    public static bool Terse => TerseValue.Value;

    /// <summary>Sets <see cref="Terse"/> until the result is disposed.</summary>
    public static IDisposable EnterTerse(bool terse)
    {
        var before = TerseValue.Value;
        TerseValue.Value = terse;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => TerseValue.Value = before;
    }
}
