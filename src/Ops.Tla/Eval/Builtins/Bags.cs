using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>Bags: a bag is a function from its elements to positive integers (TLC's tlc2.module.Bags plus the
/// Bags.tla definitions TLC leaves to the evaluator, here native too: SubBag).</summary>
internal static class BagsModule
{
    public static BuiltinModule Create()
    {
        var m = new BuiltinModule("Bags")
            .Add("IsABag", 1, a => IsABag(a[0]))
            .Add("BagToSet", 1, a => BagToSet(a[0]))
            .Add("SetToBag", 1, a => SetToBag(a[0]))
            .Add("BagIn", 2, a => BagIn(a[0], a[1]))
            .Add("EmptyBag", 0, _ => FcnValue.EmptyTuple)
            .Add("(+)", 2, a => BagCup(a[0], a[1]))
            .Add("(-)", 2, a => BagDiff(a[0], a[1]))
            .Add("BagUnion", 1, a => BagUnion(a[0]))
            .Add("\\sqsubseteq", 2, a => SqSubseteq(a[0], a[1]))
            .Add("SubBag", 1, a => SubBag(a[0]))
            .Add("BagOfAll", 2, a => BagOfAll(a[0], a[1]))
            .Add("BagCardinality", 1, a => BagCardinality(a[0]))
            .Add("CopiesIn", 2, a => CopiesIn(a[0], a[1]));
        // \oplus and \ominus are the ASCII spellings of (+) and (-).
        m.Operators["\\oplus"] = new Builtin("\\oplus", 2, m.Operators["(+)"].Fn, m.Operators["(+)"].Direct);
        m.Operators["\\ominus"] = new Builtin("\\ominus", 2, m.Operators["(-)"].Fn, m.Operators["(-)"].Direct);
        return m;
    }

    private static bool IsBag(FcnValue f)
    {
        if (f == null) return false;
        foreach (var v in f.Vals)
            if (v is not IntValue i || i.V <= 0) return false;
        return true;
    }

    private static long Count(Value v, string nth, string op, Value bag)
    {
        if (v is IntValue i) return i.V;
        throw Err.Arg(nth, op, "bag", bag);
    }

    /// <summary>The sum of two counts as TLC's Bags computes it, on Java ints: past 2147483647 it wraps, with no
    /// error (tlc2.module.Bags adds with int arithmetic).</summary>
    internal static long Add(long a, long b) => unchecked((int)(a + b));

    /// <summary>Builds a bag from (element, count) pairs in insertion order.</summary>
    private sealed class Acc
    {
        private readonly Dictionary<Value, int> _index = new();
        private readonly List<Value> _keys = new();
        private readonly List<long> _counts = new();

        public void Add(Value key, long n)
        {
            if (_index.TryGetValue(key, out var i)) _counts[i] = BagsModule.Add(_counts[i], n);
            else
            {
                _index[key] = _keys.Count;
                _keys.Add(key);
                _counts.Add(n);
            }
        }

        public FcnValue ToBag(bool positiveOnly = false)
        {
            var ks = new List<Value>();
            var vs = new List<Value>();
            for (int i = 0; i < _keys.Count; i++)
            {
                if (positiveOnly && _counts[i] <= 0) continue;
                ks.Add(_keys[i]);
                vs.Add(IntValue.Of(_counts[i]));
            }
            return FcnValue.FromPairs(ks, vs).AsFunction();
        }
    }

    public static Value IsABag(Value b) => BoolValue.Of(IsBag(Conv.Fcn(b)));

    public static Value BagToSet(Value b)
    {
        var f = Conv.Fcn(b) ?? throw Err.WrongValue("BagToSet", "a function with a finite domain", b);
        return f.Domain;
    }

    public static Value SetToBag(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("SetToBag", "a finite set", s);
        var ones = new Value[set.Elems.Length];
        Array.Fill(ones, IntValue.Of(1));
        return FcnValue.FromSorted(set.Elems, ones).AsFunction();
    }

    public static Value BagIn(Value e, Value b)
    {
        var f = Conv.Fcn(b) ?? throw Err.Arg("second", "BagIn", "bag", b);
        var c = f.Apply(e);
        if (c == null) return BoolValue.False;
        return BoolValue.Of(Count(c, "second", "BagIn", b) > 0);
    }

    public static Value CopiesIn(Value e, Value b)
    {
        var f = Conv.Fcn(b) ?? throw Err.Arg("second", "CopiesIn", "bag", b);
        var c = f.Apply(e);
        if (c == null)
        {
            // TLC's override (Bags.CopiesIn) compares e with each element of the bag's domain: one of another kind is
            // its error, wrapped as every failing Java override's is.
            for (int i = 0; i < f.Size; i++)
            {
                try { TlcCompare.Equal(e, f.KeyAt(i)); }
                catch (ValueException x)
                {
                    throw Err.InOverride("public static tlc2.value.impl.IntValue tlc2.module.Bags.CopiesIn(tlc2.value.impl.Value,tlc2.value.impl.Value)",
                        x.Message);
                }
            }
            return IntValue.Of(0);
        }
        Count(c, "second", "CopiesIn", b);
        return c;
    }

    public static Value BagCup(Value b1, Value b2)
    {
        var f1 = Conv.Fcn(b1);
        var f2 = Conv.Fcn(b2);
        if (!IsBag(f1)) throw Err.Arg("first", "(+)", "bag", b1);
        if (!IsBag(f2)) throw Err.Arg("second", "(+)", "bag", b2);
        var acc = new Acc();
        for (int i = 0; i < f1.Size; i++) acc.Add(f1.KeyAt(i), ((IntValue)f1.Vals[i]).V);
        for (int i = 0; i < f2.Size; i++) acc.Add(f2.KeyAt(i), ((IntValue)f2.Vals[i]).V);
        return acc.ToBag();
    }

    public static Value BagDiff(Value b1, Value b2)
    {
        var f1 = Conv.Fcn(b1) ?? throw Err.Arg("first", "(-)", "bag", b1);
        var f2 = Conv.Fcn(b2) ?? throw Err.Arg("second", "(-)", "bag", b2);
        var acc = new Acc();
        for (int i = 0; i < f1.Size; i++)
        {
            long n = Count(f1.Vals[i], "first", "(-)", b1);
            var other = f2.Apply(f1.KeyAt(i));
            if (other != null) n -= Count(other, "second", "(-)", b2);
            acc.Add(f1.KeyAt(i), n);
        }
        return acc.ToBag(positiveOnly: true);
    }

    public static Value BagUnion(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("BagUnion", "a finite enumerable set", s);
        if (set.Elems.Length == 0) return FcnValue.EmptyTuple;
        if (set.Elems.Length == 1) return set.Elems[0];
        var acc = new Acc();
        foreach (var e in set.Elems)
        {
            var f = Conv.Fcn(e);
            if (f == null)
                throw new ValueException($"Attempted to apply BagUnion to the following set, whose\nelement is not a bag:\n{Err.Show(s)}");
            for (int i = 0; i < f.Size; i++)
            {
                if (f.Vals[i] is not IntValue c)
                    throw new ValueException($"Attempted to apply BagUnion to the following set, whose\nelement is not a bag:\n{Err.Show(s)}");
                acc.Add(f.KeyAt(i), c.V);
            }
        }
        return acc.ToBag();
    }

    public static Value SqSubseteq(Value b1, Value b2)
    {
        var f1 = Conv.Fcn(b1) ?? throw Err.WrongValue("\\sqsubseteq", "a function with a finite domain", b1);
        var f2 = Conv.Fcn(b2) ?? throw Err.WrongValue("\\sqsubseteq", "a function with a finite domain", b2);
        for (int i = 0; i < f1.Size; i++)
        {
            long n = Count(f1.Vals[i], "first", "\\sqsubseteq", b1);
            var other = f2.Apply(f1.KeyAt(i));
            if (other != null) n -= Count(other, "second", "\\sqsubseteq", b2);
            if (n > 0) return BoolValue.False;
        }
        return BoolValue.True;
    }

    /// <summary>The set of all bags B' with B' \sqsubseteq B.</summary>
    public static Value SubBag(Value b)
    {
        var f = Conv.Fcn(b) ?? throw Err.WrongValue("SubBag", "a function with a finite domain", b);
        if (!IsBag(f)) throw Err.WrongValue("SubBag", "a bag", b);
        int n = f.Size;
        var max = new long[n];
        double total = 1;
        for (int i = 0; i < n; i++)
        {
            max[i] = ((IntValue)f.Vals[i]).V;
            total *= max[i] + 1;
        }
        if (total > 10_000_000) throw new ValueException($"SubBag of a bag with {total} sub-bags is too large to enumerate");
        var cur = new long[n];
        var result = new List<Value>();
        while (true)
        {
            var ks = new List<Value>();
            var vs = new List<Value>();
            for (int i = 0; i < n; i++)
            {
                if (cur[i] == 0) continue;
                ks.Add(f.KeyAt(i));
                vs.Add(IntValue.Of(cur[i]));
            }
            result.Add(FcnValue.FromPairs(ks, vs).AsFunction());
            int k = n - 1;
            while (k >= 0)
            {
                if (++cur[k] <= max[k]) break;
                cur[k] = 0;
                k--;
            }
            if (k < 0) break;
        }
        return SetValue.FromList(result);
    }

    public static Value BagOfAll(Value op, Value b)
    {
        if (op is not OperatorValue o) throw Err.ArgAn("first", "BagOfAll", "operator", op);
        var f = Conv.Fcn(b) ?? throw Err.Arg("second", "BagOfAll", "function with a finite domain", b);
        var acc = new Acc();
        for (int i = 0; i < f.Size; i++)
        {
            var img = o.Apply(new[] { f.KeyAt(i) }).Normalize();
            acc.Add(img, Count(f.Vals[i], "second", "BagOfAll", b));
        }
        return acc.ToBag();
    }

    public static Value BagCardinality(Value b)
    {
        var f = Conv.Fcn(b) ?? throw Err.WrongValue("BagCardinality", "a function with a finite domain", b);
        long num = 0;
        foreach (var v in f.Vals)
        {
            if (v is not IntValue i || i.V <= 0) throw Err.WrongValue("BagCardinality", "a bag", b);
            num = Add(num, i.V);
        }
        return IntValue.Of(num);
    }
}
