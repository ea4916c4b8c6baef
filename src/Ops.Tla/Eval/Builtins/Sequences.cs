using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>Sequences (extends Naturals): Seq, Len, \o, Append, Head, Tail, SubSeq, SelectSeq (TLC's
/// tlc2.module.Sequences; Len, \o, Tail and SubSeq also accept strings, as in TLC).</summary>
internal static class SequencesModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Sequences", "Naturals")
            .Add("Seq", x => Seq(x))
            .Add("Len", x => Len(x))
            .Add("\\o", (x, y) => Concat(x, y))
            .Add("Append", (x, y) => Append(x, y))
            .Add("Head", x => Head(x))
            .Add("Tail", x => Tail(x))
            .Add("SubSeq", 3, a => SubSeq(a[0], a[1], a[2]))
            .Add("SelectSeq", 2, a => SelectSeq(a[0], a[1]));

    public static Value Seq(Value s)
    {
        if (s is not SetBase set) throw Err.OneArg("Seq", "set", s);
        return new InfiniteSetValue(InfiniteSetValue.Which.Seq, set);
    }

    public static Value Len(Value s)
    {
        if (s is StringValue str) return IntValue.Of(str.S.Length);
        var t = Conv.Tuple(s) ?? throw Err.OneArg("Len", "sequence", s);
        return IntValue.Of(t.Size);
    }

    public static Value Head(Value s)
    {
        var t = Conv.Tuple(s) ?? throw Err.OneArg("Head", "sequence", s);
        if (t.Size == 0) throw Err.EmptySeq("Head");
        return t.Vals[0];
    }

    public static Value Tail(Value s)
    {
        if (s is StringValue str)
        {
            if (str.S.Length == 0) throw Err.EmptySeq("Tail");
            return StringValue.Of(str.S.Substring(1));
        }
        var t = Conv.Tuple(s) ?? throw Err.OneArg("Tail", "sequence", s);
        if (t.Size == 0) throw Err.EmptySeq("Tail");
        return FcnValue.Tuple(t.Vals.AsSpan(1).ToArray());
    }

    public static Value Append(Value s, Value v)
    {
        var t = Conv.Tuple(s) ?? throw Err.Evaluating("Append(s, v)", "sequence", s);
        var vals = new Value[t.Size + 1];
        Array.Copy(t.Vals, vals, t.Size);
        vals[t.Size] = v;
        return FcnValue.Tuple(vals);
    }

    public static Value Concat(Value s1, Value s2)
    {
        if (s1 is StringValue a)
        {
            if (s2 is not StringValue b) throw Err.Evaluating("t \\o s", "string", s2);
            return StringValue.Of(a.S + b.S);
        }
        var t1 = Conv.Tuple(s1) ?? throw Err.Evaluating("s \\o t", "sequence", s1);
        var t2 = Conv.Tuple(s2) ?? throw Err.Evaluating("t \\o s", "sequence", s2);
        if (t1.Size == 0) return t2;
        if (t2.Size == 0) return t1;
        var vals = new Value[t1.Size + t2.Size];
        Array.Copy(t1.Vals, vals, t1.Size);
        Array.Copy(t2.Vals, 0, vals, t1.Size, t2.Size);
        return FcnValue.Tuple(vals);
    }

    /// <summary>SubSeq(s, m, n): empty when m &gt; n; otherwise m and n must lie in 1..Len(s).</summary>
    public static Value SubSeq(Value s, Value m, Value n)
    {
        FcnValue t = null;
        var str = s as StringValue;
        if (str == null) t = Conv.Tuple(s) ?? throw Err.Arg("first", "SubSeq", "sequence", s);
        if (m is not IntValue mi) throw Err.Arg("second", "SubSeq", "natural number", m);
        if (n is not IntValue ni) throw Err.Arg("third", "SubSeq", "natural number", n);
        long beg = mi.V, end = ni.V;
        if (beg > end) return str != null ? StringValue.Of("") : FcnValue.EmptyTuple;
        long len = str != null ? str.S.Length : t.Size;
        if (beg < 1 || beg > len) throw Err.NotInDomain("second", "SubSeq", "first", s, m);
        if (end < 1 || end > len) throw Err.NotInDomain("third", "SubSeq", "first", s, n);
        if (str != null) return StringValue.Of(str.S.Substring((int)beg - 1, (int)(end - beg + 1)));
        return FcnValue.Tuple(t.Vals.AsSpan((int)beg - 1, (int)(end - beg + 1)).ToArray());
    }

    public static Value SelectSeq(Value s, Value test)
    {
        var t = Conv.Tuple(s) ?? throw Err.Arg("first", "SelectSeq", "sequence", s);
        if (t.Size == 0) return FcnValue.EmptyTuple;
        if (test is not OperatorValue op) throw Err.Arg("second", "SelectSeq", "operator", test);
        var kept = new List<Value>();
        foreach (var e in t.Vals)
        {
            var r = op.Apply(new[] { e });
            if (r is not BoolValue b) throw Err.Arg("second", "SelectSeq", "boolean-valued operator", test);
            if (b.B) kept.Add(e);
        }
        return FcnValue.Tuple(kept);
    }
}

/// <summary>FiniteSets: IsFiniteSet, Cardinality.</summary>
internal static class FiniteSetsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("FiniteSets")
            .Add("IsFiniteSet", x => IsFiniteSet(x))
            .Add("Cardinality", x => Cardinality(x));

    public static Value IsFiniteSet(Value v)
    {
        if (v is SetBase s) return BoolValue.Of(s.IsFinite);
        throw new ValueException($"Attempted to check if the value:\n{Err.Show(v)}\nis a finite set.");
    }

    /// <summary>Cardinality's Java override, as TLC names it when the override fails.</summary>
    private const string CardinalityOverride = "public static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value)";

    public static Value Cardinality(Value v)
    {
        if (v is SetBase s && s.IsFinite)
        {
            // TLC counts the elements of a set in a 32-bit int (Value.size()): more is an error of the set's kind. It
            // is a general failure of Cardinality's Java override, not one of TLC's argument checks: exit 75, also
            // while computing successors.
            long n;
            try { n = s.Count; }
            catch (OverflowException) { n = long.MaxValue; }
            catch (ValueException e) when (e.NotOrderable)
            {
                throw Err.InOverride(CardinalityOverride, e.Message);
            }
            if (n > int.MaxValue)
                throw new ValueException(s switch
                {
                    IntervalValue iv => $"Size of interval value exceeds the maximum representable size (32bits): {iv.Lo}..{iv.Hi}.",
                    CartesianValue => $"Overflow when computing the number of elements in {s.Unenumerated()}",
                    _ => $"Overflow when computing the number of elements in:\n{s.Unenumerated()}",
                });
            return IntValue.Of(n);
        }
        // A set TLC keeps as an operation or a set of sets, functions, records or tuples: TLC's Cardinality asks its
        // size, which fails in the set's words, wrapped as the override's error.
        if (v is SetBase inf && inf is not InfiniteSetValue)
            throw Err.InOverride(CardinalityOverride, inf.SizeMessage());
        throw Err.Cardinality(v);
    }
}
