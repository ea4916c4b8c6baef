using Ops.Tla.Values;
using Ops.Tla.Eval;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// TLCExt: AssertEq, Trace (from the host), TLCModelValue, TLCNoOp, TLCCache, TLCGetOrDefault, TLCGetAndSet, TLCFP.
/// TLCCache(e, c) with e a constant expression is evaluated once per value of c (and place of e) in a run, as TLC
/// does (ConstantContextTLCCache: a definition read by assumptions, Init and Next is evaluated once); otherwise it is e.
/// Not here (they need the unevaluated argument or the checker's state graph, so the evaluator must provide them):
/// AssertError, PickSuccessor, CounterExample, ToTrace, TLCDefer, TLCEvalDefinition.
/// </summary>
internal static class TlcExtModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("TLCExt")
            .Add("AssertEq", 2, (a, h) => AssertEq(a[0], a[1], h))
            .Add("TLCModelValue", 1, (a, h) => ModelValueOf(a[0], h))
            .Add("TLCNoOp", 1, a => a[0])
            .AddLazy("TLCCache", 2, Cache)
            .Add("TLCGetOrDefault", 2, (a, h) => GetOrDefault(a[0], a[1], h))
            .Add("TLCGetAndSet", 4, (a, h) => GetAndSet(a[0], a[1], a[2], a[3], h))
            .Add("Trace", 0, (_, h) => h.Trace())
            .Add("CounterExample", 0, (_, h) => h.CounterExample())
            .AddLazy("AssertError", 2, AssertError)
            .Add("ToTrace", 1, a => ToTrace(a[0]))
            .Add("TLCFP", 1, a => IntValue.Of((int)(uint)a[0].Normalize().Fingerprint))
            .ReadingSearchState("TLCGetOrDefault", "TLCGetAndSet", "Trace", "CounterExample");

    /// <summary>a = b; when they differ, prints "Assertion failed", a and b first (as PrintT does).</summary>
    /// <summary>TLCCache(e, c): a constant e is evaluated once per value of c in the run; anything else each time.</summary>
    public static Value Cache(Term[] args, EvalState es, Frame f)
    {
        var expr = args[0];
        if (expr.Lvl != Level.Constant || es.Host?.ConstantCache is not { } cache) return expr.Eval(es, f);
        var key = (expr.Span, args[1].Eval(es, f));
        if (cache.TryGetValue(key, out var known)) return known;
        return cache.GetOrAdd(key, expr.Eval(es, f));
    }

    public static Value AssertEq(Value a, Value b, IBuiltinHost host)
    {
        // TLC's override compares as = does: values of different kinds are its error.
        if (TlcCompare.Equal(a, b)) return BoolValue.True;
        host.Print(Ppr.Format(StringValue.Of("Assertion failed")));
        host.Print(Ppr.Format(a));
        host.Print(Ppr.Format(b));
        return BoolValue.False;
    }

    /// <summary>AssertError(msg, e): TRUE when evaluating e fails with exactly the error message msg, FALSE when it
    /// fails with another message or does not fail (TLC compares with its own wording of the error).</summary>
    public static Value AssertError(Term[] args, EvalState es, Frame f)
    {
        var expected = args[0].Eval(es, f);
        string message;
        try
        {
            args[1].Eval(es, f);
            return BoolValue.False;
        }
        catch (TlaException e) { message = e.Message; }
        catch (ValueException e) { message = e.Message; }
        catch (TlcAssertException e) { message = e.Message; }
        return BoolValue.Of(expected is StringValue s && s.S == message);
    }

    /// <summary>ToTrace(CE): the states of a CounterExample record as a sequence, in the order of their numbers.</summary>
    public static Value ToTrace(Value ce)
    {
        if (ce is not FcnBase f || f.Apply(StringValue.Of("state")) is not { } states || Conv.EnumSet(states) is not { } set)
            throw Err.OneArg("ToTrace", "CounterExample record", ce);
        var numbered = new List<(long, Value)>();
        foreach (var e in set.Elems)
        {
            if (e is not FcnBase t || t.Apply(IntValue.Of(1)) is not IntValue i || t.Apply(IntValue.Of(2)) is not { } s)
                throw Err.OneArg("ToTrace", "CounterExample record", ce);
            numbered.Add((i.V, s));
        }
        numbered.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return FcnValue.Tuple(numbered.Select(p => p.Item2).ToList());
    }

    public static Value ModelValueOf(Value name, IBuiltinHost host)
    {
        if (name is not StringValue s) throw Err.OneArg("ModelValue", "string", name);
        return host.GetModelValue(s.S);
    }

    public static Value GetOrDefault(Value key, Value dflt, IBuiltinHost host)
    {
        if ((key is IntValue i && i.V >= 0) || key is StringValue)
        {
            try
            {
                return host.TlcGet(key) ?? dflt;
            }
            catch (ValueException)
            {
                return dflt;
            }
        }
        throw Err.OneArg("TLCGetOrDefault", "nonnegative integer", key);
    }

    /// <summary>Sets register key to Op(old, val), where old is its value (or defaultVal); returns old.</summary>
    public static Value GetAndSet(Value key, Value op, Value val, Value dflt, IBuiltinHost host)
    {
        var old = GetOrDefault(key, dflt, host);
        TlcModule.TlcSet(key, Conv.Call(op, old, val), host);
        return old;
    }
}

/// <summary>
/// _Possible, the module behind the _POSSIBLE config entry, for specifications that read its counts: _Counts (the
/// record [name |-> number of states or steps it held in]), _CheckName(name), _PrintCounts.
/// </summary>
internal static class PossibleModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("_Possible")
            .Add("_Counts", 0, (_, h) => Counts(h))
            .Add("_PrintCounts", 0, (_, h) => { h.Print(Ppr.Format(Counts(h))); return BoolValue.True; })
            .Add("_CheckName", 1, (a, h) => CheckName(a[0], h))
            .WithEffects()
            // The counts are the search's: a POSTCONDITION over _Counts is not a constant to evaluate once.
            .ReadingSearchState("_Counts", "_PrintCounts", "_CheckName");

    private static Value Counts(IBuiltinHost h) =>
        TlcExtModule.GetOrDefault(StringValue.Of("s:_possible"), FcnValue.Record(Array.Empty<string>(), Array.Empty<Value>()), h);

    private static Value CheckName(Value name, IBuiltinHost h)
    {
        var counts = Counts(h);
        try
        {
            if (counts is FcnBase f && name is StringValue && f.Apply(name) is IntValue { V: > 0 }) return BoolValue.True;
        }
        catch (ValueException)
        {
            // Not in the counts' domain: never evaluated, so never true.
        }
        h.Print(Ppr.Format(counts));
        return BoolValue.False;
    }
}

/// <summary>Randomization: RandomSubset, RandomSetOfSubsets, RandomSubsetSet, TestRandomSetOfSubsets.</summary>
internal static class RandomizationModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Randomization")
            .Add("RandomSubset", 2, (a, h) => RandomSubset(a[0], a[1], h.Random))
            .Add("RandomSetOfSubsets", 3, (a, h) => RandomSetOfSubsets(a[0], a[1], a[2], h.Random))
            .Add("RandomSubsetSet", 3, (a, h) => RandomSubsetSet(a[0], a[1], a[2], h.Random))
            .Add("TestRandomSetOfSubsets", 3, (a, h) => TestRandomSetOfSubsets(a[0], a[1], a[2], h.Random));

    /// <summary>A uniformly chosen k-element subset of the finite set S (0 &lt;= k &lt;= Cardinality(S)).</summary>
    public static Value RandomSubset(Value k, Value s, Random rnd)
    {
        if (k is not IntValue ki) throw Err.Arg("first", "RandomSubset", "nonnegative integer", k);
        if (s is IntervalValue iv && ki.V >= 0 && ki.V <= iv.Count && ki.V <= iv.Count / 2)
        {
            // A few elements of a large interval (RandomSubset(1001, 1..100000000)): drawn without enumerating it,
            // each new element uniformly among those not drawn yet (by rejection, at most half are drawn).
            var drawn = new HashSet<long>();
            var chosen = new List<Value>((int)ki.V);
            while (chosen.Count < ki.V)
            {
                long x = iv.Lo + rnd.NextInt64(iv.Count);
                if (drawn.Add(x)) chosen.Add(IntValue.Of(x));
            }
            return SetValue.FromList(chosen);
        }
        if (s is SetBase big and not (SetValue or IntervalValue) && big.IsFinite && SetIndexing.IsIndexable(big) && big.Count > LargeSet)
        {
            // TLC picks from a large [S -> T], record set or product without enumerating it: k distinct positions (Floyd's
            // algorithm), each made into its element.
            long count = big.Count;
            if (ki.V < 0 || ki.V > count)
                throw Err.Arg("first", "RandomSubset", $"nonnegative integer in range 0..{count}", k);
            var positions = new HashSet<long>();
            for (long j = count - ki.V; j < count; j++)
            {
                long t = rnd.NextInt64(j + 1);
                positions.Add(positions.Contains(t) ? j : t);
            }
            var chosen = new List<Value>(positions.Count);
            foreach (var p in positions) chosen.Add(SetIndexing.ElementAt(big, p));
            return SetValue.From(chosen);
        }
        var set = Conv.EnumSet(s) ?? throw Err.Arg("second", "RandomSubset", "a finite set", s);
        var elems = set.Elems;
        if (ki.V < 0 || ki.V > elems.Length)
            throw Err.Arg("first", "RandomSubset", $"nonnegative integer in range 0..{elems.Length}", k);
        int n = (int)ki.V;
        // Partial Fisher-Yates over the indices.
        var idx = new int[elems.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        var picked = new List<Value>(n);
        for (int i = 0; i < n; i++)
        {
            int j = i + rnd.Next(idx.Length - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
            picked.Add(elems[idx[i]]);
        }
        return SetValue.FromList(picked);
    }

    /// <summary>Above this many elements a set that can be indexed is not enumerated to pick from it.</summary>
    private const long LargeSet = 100_000;

    private static long NonNegInt(Value v, string nth, string op)
    {
        if (v is IntValue i && i.V >= 0) return i.V;
        throw Err.Arg(nth, op, "nonnegative integer", v);
    }

    private static void CheckPicks(long picks, int size, string op)
    {
        if (size < 62 && picks > (1L << size))
            throw Err.ArgText("first", op, "nonnegative integer that is smaller than the subset's size of 2^" + size, picks.ToString());
    }

    /// <summary>k picks of subsets of S, each containing every element with probability n / Cardinality(S).</summary>
    public static Value RandomSetOfSubsets(Value k, Value n, Value s, Random rnd)
    {
        const string op = "RandomSetOfSubsets";
        long picks = NonNegInt(k, "first", op);
        long avg = NonNegInt(n, "second", op);
        var set = Conv.EnumSet(s) ?? throw Err.Arg("third", op, "finite set", s);
        int size = set.Elems.Length;
        CheckPicks(picks, size, op);
        if (size < avg) throw Err.Arg("second", op, "nonnegative integer in range 0..Cardinality(S)", n);
        double p = size == 0 ? 0 : (double)avg / size;
        return Pick(set, picks, p, rnd);
    }

    /// <summary>k picks of subsets of S, each containing every element with probability prob (a string "0.5").</summary>
    public static Value RandomSubsetSet(Value k, Value prob, Value s, Random rnd)
    {
        const string op = "RandomSubsetSetProbability";
        long picks = NonNegInt(k, "first", op);
        if (prob is not StringValue ps) throw Err.Arg("second", op, "string literal representing a probability", prob);
        if (!double.TryParse(ps.S, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p)
            || p < 0 || p > 1)
            throw Err.Arg("second", op, "string literal does not represent a parsable probability", prob);
        var set = Conv.EnumSet(s) ?? throw Err.Arg("third", op, "finite set", s);
        CheckPicks(picks, set.Elems.Length, op);
        return Pick(set, picks, p, rnd);
    }

    private static Value Pick(SetValue set, long picks, double p, Random rnd)
    {
        var result = new List<Value>();
        var buf = new List<Value>();
        for (long i = 0; i < picks; i++)
        {
            buf.Clear();
            foreach (var e in set.Elems)
                if (rnd.NextDouble() < p) buf.Add(e);
            result.Add(new SetValue(buf.ToArray()));
        }
        return SetValue.FromList(result);
    }

    public static Value TestRandomSetOfSubsets(Value k, Value n, Value s, Random rnd)
    {
        var vals = new Value[5];
        for (int i = 0; i < 5; i++)
            vals[i] = IntValue.Of(((SetBase)RandomSetOfSubsets(k, n, s, rnd)).Count);
        return FcnValue.Tuple(vals);
    }
}
