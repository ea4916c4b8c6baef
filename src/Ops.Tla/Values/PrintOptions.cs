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

    [ThreadStatic] private static bool _expanding;

    /// <summary>Set while TLC's Print, PrintT and ToString print a value: TLC prints with its sets expanded and no
    /// error swallowed (Value.toString(sb, 0, false)), so a set it keeps unevaluated is enumerated to be printed and
    /// one it cannot enumerate (<c>Nat \ {1}</c>, <c>SUBSET Nat</c>, <c>[{1} -&gt; Nat]</c>) is an error, where
    /// messages, Assert and traces print it as written. Nat, Int, Real, STRING and Seq(S) print by name either way.</summary>
    public static bool Expanding => _expanding;

    /// <summary><paramref name="print"/> with <see cref="Expanding"/> set.</summary>
    public static string Expanded(Func<string> print) => Printing(expanding: true, print);

    /// <summary>TLC's message for a set printing cannot expand: made as messages print values (as written, errors
    /// swallowed), whatever the printing that asked for it.</summary>
    public static ValueException NotExpandable(Func<string> message) => new(Unexpanded(message));

    /// <summary><paramref name="print"/> with <see cref="Expanding"/> off: a value printed as written.</summary>
    public static string Unexpanded(Func<string> print) => Printing(expanding: false, print);

    private static string Printing(bool expanding, Func<string> print)
    {
        bool before = _expanding;
        _expanding = expanding;
        try { return print(); }
        finally { _expanding = before; }
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => TerseValue.Value = before;
    }
}
