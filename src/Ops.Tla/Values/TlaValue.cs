using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ops.Tla.Values;

/// <summary>
/// TLA+ values from .NET data, for binding a model's CONSTANTs as values (<see cref="Checking.CheckOptions.Constants"/>)
/// instead of TLA+ text: integers, strings, Booleans, model values, sets, sequences (tuples), records and functions.
/// Values made here belong to no model; the checker takes them into the model it loads (its string and model-value
/// order, as TLC's for a .cfg that lists the same values in the same order).
/// </summary>
public static class TlaValue
{
    // Model values made outside a model, numbered in the order they are first named (the model re-makes them by name).
    private static readonly ModelValueTable Detached = new();

    /// <summary>The integer <paramref name="v"/>: TLC's integers are 32-bit, so it must be in
    /// -2147483648..2147483647.</summary>
    public static IntValue Int(long v) => v == (int)v ? IntValue.Of(v)
        : throw new ArgumentOutOfRangeException(nameof(v), v, IntValue.RangeNote);
    public static StringValue Str(string s) => StringValue.Of(s ?? throw new ArgumentNullException(nameof(s)));
    public static BoolValue Bool(bool b) => BoolValue.Of(b);

    /// <summary>The model value <paramref name="name"/> (a .cfg's bare name: <c>CONSTANT Nil = Nil</c>).</summary>
    public static ModelValue ModelValue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Detached.Get(name);
    }

    /// <summary>The set of <paramref name="items"/> (each converted by <see cref="Of"/>). Bound to a constant, its
    /// strings are ranked in the order given, as TLC ranks those of a .cfg that lists them so (the order of a set of
    /// strings, and so of its enumeration, follows it).</summary>
    public static SetValue Set(params object[] items) => Given(items.Select(Of).ToArray());

    public static SetValue Set<T>(IEnumerable<T> items) => Given(items.Select(x => Of(x)).ToArray());

    private static SetValue Given(Value[] items) => new(SetValue.From(items).Elems) { GivenOrder = items };

    /// <summary>The sequence (tuple) &lt;&lt;items&gt;&gt;.</summary>
    public static FcnValue Seq(params object[] items) => FcnValue.Tuple(items.Select(Of).ToArray());

    public static FcnValue Seq<T>(IEnumerable<T> items) => FcnValue.Tuple(items.Select(x => Of(x)).ToArray());

    /// <summary>The record [f1 |-> v1, ...].</summary>
    public static FcnValue Record(params (string Field, object Value)[] fields) =>
        FcnValue.Record(fields.Select(f => f.Field).ToArray(), fields.Select(f => Of(f.Value)).ToArray());

    /// <summary>The function that maps each key to its value (keys and values converted by <see cref="Of"/>).</summary>
    public static FcnValue Function<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> pairs)
    {
        var list = pairs.ToList();
        var keys = list.Select(p => Of(p.Key)).ToList();
        if (keys.Distinct().Count() != keys.Count) throw new ArgumentException("a function maps each key once: two keys are the same value", nameof(pairs));
        return FcnValue.FromPairs(keys, list.Select(p => Of(p.Value)).ToList());
    }

    /// <summary>
    /// The value of a .NET object: a <see cref="Value"/> as it is; integers (TLC's: 32-bit), strings and Booleans;
    /// a set (<see cref="ISet{T}"/>, <see cref="IReadOnlySet{T}"/>) as a set; a dictionary as a function (a record when
    /// its keys are strings); a C# tuple, an array or a list as a sequence.
    /// </summary>
    public static Value Of(object o) => o switch
    {
        null => throw new ArgumentNullException(nameof(o), "TLA+ has no null value"),
        Value v => v,
        bool b => BoolValue.Of(b),
        string s => StringValue.Of(s),
        int or short or sbyte or byte or ushort => IntValue.Of(Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture)),
        long l => Int(l),
        uint u when u <= int.MaxValue => IntValue.Of(u),
        ulong u when u <= int.MaxValue => IntValue.Of((long)u),
        BigInteger i when i >= int.MinValue && i <= int.MaxValue => IntValue.Of((long)i),
        uint or ulong or BigInteger => throw new ArgumentOutOfRangeException(nameof(o), o, IntValue.RangeNote),
        IDictionary d => Function(d.Keys.Cast<object>().Select(k => new KeyValuePair<object, object>(k, d[k]))),
        ITuple t => FcnValue.Tuple(Enumerable.Range(0, t.Length).Select(i => Of(t[i])).ToArray()),
        IEnumerable e when IsSet(o) => Set(e.Cast<object>()),
        IEnumerable e => Seq(e.Cast<object>()),
        _ => throw new ArgumentException($"no TLA+ value for a {o.GetType().Name}", nameof(o)),
    };

    private static bool IsSet(object o) => o.GetType().GetInterfaces().Any(i => i.IsGenericType
        && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
}
