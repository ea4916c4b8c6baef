using System.Runtime.CompilerServices;
using System.Text;

namespace Ops.Tla.Values;

/// <summary>
/// A TLA+ value. Values are immutable. Every finite value has a canonical form (sets sorted and de-duplicated,
/// functions sorted by key, tuples and records as functions), so equality, ordering and the 64-bit fingerprint are
/// structural. Ordering follows TLC's (it decides CHOOSE and the order in which sets are printed).
/// </summary>
public abstract class Value : IComparable<Value>, IEquatable<Value>
{
    /// <summary>Rank of the value's kind, used to order values of different kinds.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>TLC's total order on values of the same kind; values of different kinds order by kind.</summary>
    public abstract int CompareTo(Value other);

    public abstract bool Equals(Value other);

    public sealed override bool Equals(object obj) => obj is Value v && Equals(v);

    public sealed override int GetHashCode()
    {
        ulong fp;
        // A value holding a set that cannot be enumerated (Nat, {n \in Nat : P}) has no fingerprint, but may still be
        // a key or an element while it is evaluated: its kind is a hash code equal values share.
        try { fp = Fingerprint; }
        catch (ValueException) { return (int)Kind; }
        return (int)fp ^ (int)(fp >> 32);
    }

    /// <summary>64-bit fingerprint of the canonical form; equal values have equal fingerprints.</summary>
    public abstract ulong Fingerprint { get; }

    /// <summary>Writes the value as TLC prints it.</summary>
    public abstract void Print(StringBuilder sb);

    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb);
        return sb.ToString();
    }

    /// <summary>A canonical, fully evaluated form of this value (lazy sets and functions are enumerated).</summary>
    public virtual Value Normalize() => this;

    /// <summary>The order of values of different kinds, which TLC does not have: it fails to compare them (a model
    /// value aside), so each such comparison is counted (<see cref="TlcCompare.CrossKindComparisons"/>) for the sets
    /// that must know whether TLC could sort their elements (<see cref="SetValue.Build(Value[])"/>).</summary>
    protected static int CompareKinds(Value a, Value b)
    {
        if (!Untyped(a) && !Untyped(b)) TlcCompare.CrossKindComparisons++;
        return KindRank(a.Kind).CompareTo(KindRank(b.Kind));
    }

    private static bool Untyped(Value v) => v is ModelValue m && !TlcCompare.IsTyped(m);

    /// <summary>The order of values of different kinds. A model value comes before any other value (TLC's
    /// ModelValue.compareTo is -1 against a value of another kind, and the others' compareTo +1 against a model value):
    /// <c>{"a", m1}</c> is <c>{m1, "a"}</c>, and CHOOSE and \E take m1 first.</summary>
    private static int KindRank(ValueKind k) => k == ValueKind.ModelValue ? -1 : (int)k;

    public static bool operator ==(Value a, Value b) => ReferenceEquals(a, b) || (a is not null && b is not null && a.Equals(b));
    public static bool operator !=(Value a, Value b) => !(a == b);
}

/// <summary>TLC's order on values, as an <see cref="IComparer{T}"/> (one shared instance).</summary>
public sealed class ValueComparer : IComparer<Value>
{
    public static readonly ValueComparer Instance = new();
    public int Compare(Value a, Value b) => a.CompareTo(b);
}

/// <summary>Stores into arrays that are exactly <c>Value[]</c> (allocated as such by the caller) without the
/// covariance check an ordinary store into an array of a non-sealed class costs.</summary>
public static class ValueArray
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Value[] a, int i, Value v)
    {
        if ((uint)i >= (uint)a.Length) ThrowIndex();
        System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a), i) = v;
    }

    /// <summary>A copy of <paramref name="a"/>: a new array and a bulk copy, where <c>Array.Clone</c> is a call into the
    /// runtime that costs more than both for the small arrays of states and function values.</summary>
    public static Value[] Copy(Value[] a)
    {
        var r = new Value[a.Length];
        a.AsSpan().CopyTo(r);
        return r;
    }

    private static void ThrowIndex() => throw new IndexOutOfRangeException();
}

public enum ValueKind
{
    Bool = 0,
    Int = 1,
    Real = 2,
    String = 3,
    ModelValue = 4,
    Function = 5,
    Set = 6,
    Operator = 7,
}

/// <summary>64-bit fingerprint mixing (a 64-bit multiply-xorshift, avalanche-quality).</summary>
public static class Fp
{
    public const ulong Seed = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong h, ulong v)
    {
        h ^= v + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 31;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }

    public static ulong OfString(string s)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Finish(h);
    }
}

public sealed class BoolValue : Value
{
    public readonly bool B;
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);
    private BoolValue(bool b) { B = b; }
    public static BoolValue Of(bool b) => b ? True : False;
    public override ValueKind Kind => ValueKind.Bool;
    public override int CompareTo(Value other) => other is BoolValue o ? B.CompareTo(o.B) : CompareKinds(this, other);
    public override bool Equals(Value other) => ReferenceEquals(this, other);
    public override ulong Fingerprint => B ? 0x5A17C0DE00000001UL : 0x5A17C0DE00000000UL;
    public override void Print(StringBuilder sb) => sb.Append(B ? "TRUE" : "FALSE");
}

/// <summary>An integer, in TLC's range: TLC's integers are Java ints (tlc2.value.impl.IntValue), so every IntValue
/// is in -2147483648..2147483647. <see cref="V"/> is a long so that the arithmetic of two of them cannot wrap; the
/// operators that make integers (Naturals, Integers, Cardinality, numerals) check the range and report TLC's errors.</summary>
public sealed class IntValue : Value
{
    /// <summary>What a value outside TLC's integers is told (the front ends' and the library's messages).</summary>
    public const string RangeNote = "TLC's integers are 32-bit: -2147483648..2147483647";

    public readonly long V;
    private readonly ulong _fp;
    private static readonly IntValue[] Small = CreateSmall();
    private IntValue(long v) { V = v; _fp = FingerprintOf(v); }

    /// <summary>The fingerprint of the integer <paramref name="v"/> (without making the value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong FingerprintOf(long v) => Fp.Finish((ulong)v * 0x2545F4914F6CDD1DUL + 0x1234567UL);

    private static IntValue[] CreateSmall()
    {
        var a = new IntValue[1280];
        for (int i = 0; i < a.Length; i++) a[i] = new IntValue(i - 256);
        return a;
    }

    public static IntValue Of(long v) => v >= -256 && v < 1024 ? Small[v + 256] : new IntValue(v);
    public override ValueKind Kind => ValueKind.Int;
    public override int CompareTo(Value other) => other is IntValue o ? V.CompareTo(o.V) : CompareKinds(this, other);
    public override bool Equals(Value other) => other is IntValue o && o.V == V;
    public override ulong Fingerprint => _fp;
    public override void Print(StringBuilder sb) => sb.Append(V);
}

public sealed class StringValue : Value
{
    public readonly string S;
    private readonly ulong _fp;
    /// <summary>The model's string order this instance belongs to (null: created outside any model, ordered by
    /// content), and its rank there.</summary>
    internal readonly StringOrder Order;
    internal readonly int Rank;

    internal StringValue(string s, StringOrder order, int rank) { S = s; _fp = Fp.OfString(s); Order = order; Rank = rank; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StringValue> Unranked = new(StringComparer.Ordinal);

    /// <summary>The string <paramref name="s"/>: the one instance of the current model's <see cref="StringOrder"/>
    /// (which ranks it as TLC would), or, outside any model, one shared unranked instance ordered by content.</summary>
    public static StringValue Of(string s)
    {
        var order = StringOrder.Current;
        return order != null ? order.Get(s) : Unranked.GetOrAdd(s, static k => new StringValue(k, null, 0));
    }

    public override ValueKind Kind => ValueKind.String;
    /// <summary>TLC's order on strings: the order in which they were first interned (see <see cref="StringOrder"/>).
    /// Two strings of one model compare by rank; a string from elsewhere (made outside the model, or by another one)
    /// is ranked in the current model's order; with no current model, strings compare by content.</summary>
    public override int CompareTo(Value other)
    {
        if (other is not StringValue o) return CompareKinds(this, other);
        if (ReferenceEquals(this, o)) return 0;
        if (Order != null && ReferenceEquals(Order, o.Order)) return Rank.CompareTo(o.Rank);
        return CompareAcross(this, o);
    }

    private static int CompareAcross(StringValue a, StringValue b)
    {
        var order = StringOrder.Current;
        if (order == null) return string.CompareOrdinal(a.S, b.S);
        return order.Get(a.S).Rank.CompareTo(order.Get(b.S).Rank);
    }
    public override bool Equals(Value other) => ReferenceEquals(this, other) || (other is StringValue o && o._fp == _fp && o.S == S);
    public override ulong Fingerprint => _fp;
    public override void Print(StringBuilder sb) => AppendQuoted(sb, S);

    /// <summary><paramref name="s"/> as TLC prints a string (quoted, with its escapes).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}

/// <summary>A TLC model value: equal only to itself; ordered by creation (the order the .cfg names them).
/// Model values are created by a <see cref="ModelValueTable"/>, one per model, so runs never share indices.</summary>
public sealed class ModelValue : Value
{
    public readonly string Name;
    public readonly int Index;
    private readonly ulong _fp;

    /// <summary>TLC's null: what a trace shows for a variable the action left without a value (never in a state
    /// the search stores).</summary>
    public static readonly ModelValue Null = new("null", int.MaxValue);

    internal ModelValue(string name, int index) { Name = name; Index = index; _fp = Fp.Mix(0x4D4F44454CUL, Fp.OfString(name)); }

    public override ValueKind Kind => ValueKind.ModelValue;
    public override int CompareTo(Value other)
    {
        if (other is not ModelValue o) return CompareKinds(this, other);
        // TLC's ModelValue.compareTo: typed model values (A_x, B_y) of different types cannot be ordered, so a set or
        // a function domain holding both is an error wherever TLC orders it.
        if (!ReferenceEquals(this, o) && TlcCompare.IsTyped(this) && TlcCompare.IsTyped(o) && Name[0] != o.Name[0])
            throw new ValueException($"Attempted to compare the differently-typed model values {Name} and {o.Name}");
        return Index.CompareTo(o.Index);
    }
    public override bool Equals(Value other) => ReferenceEquals(this, other) || (other is ModelValue o && o.Name == Name);
    public override ulong Fingerprint => _fp;
    public override void Print(StringBuilder sb) => sb.Append(Name);

    private int _tlcToken;

    /// <summary>TLC's intern token of the name (util.UniqueString's number, which TLC's fingerprint of a model value
    /// extends by): the rank of the name in the current model's <see cref="StringOrder"/>, where the model's loader
    /// ranked the configuration's strings and model values in the order TLC interns them as it reads the .cfg (first,
    /// so the .cfg's first value is 1); outside any model, the order of creation.</summary>
    public int TlcToken
    {
        get
        {
            int t = _tlcToken;
            if (t == 0) _tlcToken = t = StringOrder.Current?.Get(Name).Rank ?? Index + 1;
            return t;
        }
    }
}

/// <summary>The model values of one model, numbered in the order they are first named.</summary>
public sealed class ModelValueTable
{
    private readonly Dictionary<string, ModelValue> _byName = new();

    public ModelValue Get(string name)
    {
        lock (_byName)
        {
            if (!_byName.TryGetValue(name, out var mv))
            {
                mv = new ModelValue(name, _byName.Count);
                _byName[name] = mv;
            }
            return mv;
        }
    }
}
