using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>A function computed natively on demand (for function definitions over infinite domains such as Nat).</summary>
public sealed class NativeFcn : FcnBase
{
    private readonly SetBase _domain;
    private readonly Func<Value, Value> _compute;
    private readonly Dictionary<Value, Value> _memo = new();
    private readonly string _description;

    public NativeFcn(string description, SetBase domain, Func<Value, Value> compute)
    {
        _description = description;
        _domain = domain;
        _compute = compute;
    }

    public override SetBase Domain => _domain;

    public override Value Apply(Value arg)
    {
        if (!_domain.Contains(arg)) return null;
        lock (_memo)
        {
            if (_memo.TryGetValue(arg, out var v)) return v;
        }
        var r = _compute(arg);
        lock (_memo) _memo[arg] = r;
        return r;
    }

    public override FcnValue ToFcn()
    {
        if (!_domain.IsFinite) throw new ValueException($"the function {_description} has an infinite domain: it cannot be enumerated (or stored in a state)");
        var keys = _domain.ToEnumerated().Elems;
        return FcnValue.FromSorted(keys, keys.Select(Apply).ToArray());
    }

    public override ulong Fingerprint => _domain.IsFinite ? ToFcn().Fingerprint : Fp.OfString(_description);

    public override void Print(StringBuilder sb)
    {
        if (_domain.IsFinite) ToFcn().Print(sb);
        else sb.Append(_description);
    }
}

/// <summary>Relation (CommunityModules): properties of relations given as Boolean functions R[x, y] over S, or as operators (the Under variants).</summary>
internal static class RelationModule
{
    public static BuiltinModule Create()
    {
        var m = new BuiltinModule("Relation");
        void Both(string name, Func<Func<Value, Value, bool>, Value[], string, bool> test)
        {
            m.Add(name, 2, a => BoolValue.Of(test((x, y) => At(a[0], x, y, name), Elems(a[1], name), name)));
            m.Add(name + "Under", 2, a => BoolValue.Of(test((x, y) => Call(a[0], x, y, name + "Under"), Elems(a[1], name + "Under"), name + "Under")));
        }
        Both("IsReflexive", (r, s, _) => s.All(x => r(x, x)));
        Both("IsIrreflexive", (r, s, _) => s.All(x => !r(x, x)));
        Both("IsSymmetric", (r, s, _) => s.All(x => s.All(y => r(x, y) == r(y, x))));
        Both("IsAntiSymmetric", (r, s, _) => AntiSymmetric(r, s));
        Both("IsAsymmetric", (r, s, _) => s.All(x => s.All(y => !(r(x, y) && r(y, x)))));
        Both("IsTransitive", (r, s, _) => Transitive(r, s));
        Both("IsStrictlyPartiallyOrdered", (r, s, _) => StrictPartial(r, s));
        Both("IsPartiallyOrdered", (r, s, _) => Partial(r, s));
        Both("IsStrictlyTotallyOrdered", (r, s, _) => StrictPartial(r, s) && s.All(x => s.All(y => x.Equals(y) || r(x, y) || r(y, x))));
        Both("IsTotallyOrdered", (r, s, _) => Partial(r, s) && s.All(x => s.All(y => r(x, y) || r(y, x))));
        m.Add("TransitiveClosure", 2, a => Closure(a[0], a[1], reflexive: false, "TransitiveClosure"));
        m.Add("ReflexiveTransitiveClosure", 2, a => Closure(a[0], a[1], reflexive: true, "ReflexiveTransitiveClosure"));
        m.Add("IsConnected", 2, a => IsConnected(a[0], a[1]));
        m.OverridingInText();
        return m;
    }

    private static Value[] Elems(Value s, string op) => (Conv.EnumSet(s) ?? throw Err.Arg("second", op, "finite set", s)).Elems;

    private static bool Bool(Value v, string op) =>
        v is BoolValue b ? b.B : throw new ValueException($"{op}: the relation should be Boolean-valued, but it yields:\n{Err.Show(v)}");

    /// <summary>R[x, y]</summary>
    private static bool At(Value r, Value x, Value y, string op)
    {
        var arg = FcnValue.Tuple(new[] { x, y });
        if (r is not FcnBase f)
            throw new ValueException($"Attempted to apply {Err.Show(r)}, which is not a function, to the argument {Err.Show(arg)}");
        var v = f.Apply(arg)
            ?? throw new ValueException($"Attempted to apply function:\n{Err.Show(r)}\nto argument {Err.Show(arg)}, which is not in the domain of the function.");
        return Bool(v, op);
    }

    private static bool Call(Value op, Value x, Value y, string name) => Bool(Conv.Call(op, x, y), name);

    private static bool AntiSymmetric(Func<Value, Value, bool> r, Value[] s) =>
        s.All(x => s.All(y => !(r(x, y) && r(y, x)) || x.Equals(y)));

    private static bool Transitive(Func<Value, Value, bool> r, Value[] s) =>
        s.All(x => s.All(y => s.All(z => !(r(x, y) && r(y, z)) || r(x, z))));

    private static bool StrictPartial(Func<Value, Value, bool> r, Value[] s) =>
        s.All(x => !r(x, x)) && AntiSymmetric(r, s) && Transitive(r, s);

    private static bool Partial(Func<Value, Value, bool> r, Value[] s) =>
        s.All(x => r(x, x)) && AntiSymmetric(r, s) && Transitive(r, s);

    private static bool[,] Reach(Value r, Value[] s, bool reflexive, string op)
    {
        int n = s.Length;
        var reach = new bool[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                reach[i, j] = At(r, s[i], s[j], op);
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                if (reach[i, k])
                    for (int j = 0; j < n; j++)
                        if (reach[k, j]) reach[i, j] = true;
        if (reflexive)
            for (int i = 0; i < n; i++) reach[i, i] = true;
        return reach;
    }

    /// <summary>[x, y \in S |-&gt; there is an R-path from x to y through S] (x = y included when reflexive).</summary>
    private static Value Closure(Value r, Value s, bool reflexive, string op)
    {
        var set = Elems(s, op);
        var reach = Reach(r, set, reflexive, op);
        var keys = new List<Value>();
        var vals = new List<Value>();
        for (int i = 0; i < set.Length; i++)
            for (int j = 0; j < set.Length; j++)
            {
                keys.Add(FcnValue.Tuple(new[] { set[i], set[j] }));
                vals.Add(BoolValue.Of(reach[i, j]));
            }
        return FcnValue.FromPairs(keys, vals);
    }

    private static Value IsConnected(Value r, Value s)
    {
        var set = Elems(s, "IsConnected");
        var reach = Reach(r, set, reflexive: true, "IsConnected");
        foreach (var b in reach)
            if (!b) return BoolValue.False;
        return BoolValue.True;
    }
}

/// <summary>Bitwise (CommunityModules): &amp;, |, ^^ and Not on natural numbers; shiftR as TLC's override (Java's &gt;&gt;&gt;).</summary>
internal static class BitwiseModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Bitwise")
            .Add("&", 2, a => IntValue.Of(Nat(a[0], "first", "&") & Nat(a[1], "second", "&")))
            .Add("|", 2, a => IntValue.Of(Nat(a[0], "first", "|") | Nat(a[1], "second", "|")))
            .Add("^^", 2, a => IntValue.Of(Nat(a[0], "first", "^^") ^ Nat(a[1], "second", "^^")))
            .Add("Not", 1, a => Not(a[0]))
            .Add("shiftR", 2, a => ShiftR(a[0], a[1]))
            .OverridingInText("shiftR");

    private static long Nat(Value v, string nth, string op)
    {
        if (v is IntValue i && i.V >= 0) return i.V;
        throw Err.Arg(nth, op, "natural number", v);
    }

    /// <summary>The bits of a below its highest set bit, flipped (Not(0) = 0).</summary>
    public static Value Not(Value v)
    {
        long a = Nat(v, "first", "Not");
        long mask = 0;
        for (long m = a; m != 0; m >>= 1) mask = (mask << 1) | 1;
        return IntValue.Of(~a & mask);
    }

    /// <summary>Java's n &gt;&gt;&gt; pos on 32-bit integers (on 64 bits beyond TLC's range).</summary>
    public static Value ShiftR(Value n, Value pos)
    {
        if (n is not IntValue x) throw Err.Arg("first", "shiftR", "integer", n);
        if (pos is not IntValue p) throw Err.Arg("second", "shiftR", "integer", pos);
        if (x.V is < int.MinValue or > int.MaxValue) return IntValue.Of(x.V >= 0 ? x.V >> (int)(p.V & 63) : (long)((ulong)x.V >> (int)(p.V & 63)));
        return IntValue.Of((int)((uint)(int)x.V >> (int)(p.V & 31)));
    }
}

/// <summary>Combinatorics (CommunityModules, EXTENDS Naturals): factorial (a function over Nat) and choose (TLC's override).</summary>
internal static class CombinatoricsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Combinatorics", "Naturals")
            .Add("factorial", 0, _ => Factorial)
            .Add("choose", 2, a => Choose(a[0], a[1]))
            .OverridingInText("choose");

    /// <summary>factorial[n \in Nat] == IF n = 0 THEN 1 ELSE n * factorial[n-1]</summary>
    private static readonly NativeFcn Factorial = new("factorial", InfiniteSetValue.Nat, n =>
    {
        long k = ((IntValue)n).V;
        Value acc = IntValue.Of(1);
        for (long i = 1; i <= k; i++) acc = Arith.Times(IntValue.Of(i), acc);
        return acc;
    });

    public static Value Choose(Value n, Value k)
    {
        if (n is not IntValue ni || ni.V < 0) throw Err.Arg("first", "choose", "natural number", n);
        if (k is not IntValue ki || ki.V < 0) throw Err.Arg("second", "choose", "natural number", k);
        if (ki.V > ni.V) return IntValue.Of(0);
        BigInteger r = BigInteger.One;
        long kk = Math.Min(ki.V, ni.V - ki.V);
        for (long i = 1; i <= kk; i++) r = r * (ni.V - kk + i) / i;
        if (r > int.MaxValue) throw Err.Overflow($"{ni.V}choose{ki.V}");
        return IntValue.Of((long)r);
    }
}

/// <summary>DyadicRationals (CommunityModules): rationals [num |-&gt; n, den |-&gt; d] with power-of-two denominators.</summary>
internal static class DyadicRationalsModule
{
    private static StringValue Num => StringValue.Of("num");
    private static StringValue Den => StringValue.Of("den");

    public static BuiltinModule Create() =>
        new BuiltinModule("DyadicRationals")
            .Add("IsDyadicRational", 1, a => IsDyadic(a[0]))
            .Add("Zero", 0, _ => Rational(0, 1))
            .Add("One", 0, _ => Rational(1, 1))
            .Add("Add", 2, a => Add(a[0], a[1]))
            .Add("Half", 1, a => Reduce(Rational(Field(a[0], Num), Arith.Times(Field(a[0], Den), IntValue.Of(2)))))
            .Add("PrettyPrint", 1, a => PrettyPrint(a[0]))
            .OverridingInText();

    private static FcnValue Rational(long num, long den) => Rational(IntValue.Of(num), IntValue.Of(den));

    private static FcnValue Rational(Value num, Value den) =>
        FcnValue.FromSorted(new Value[] { Den, Num }, new[] { den, num });

    private static Value Field(Value r, StringValue f)
    {
        if (r is FcnBase fb && fb.Apply(f) is { } v) return v;
        throw new ValueException($"Attempted to access the field {f.S} of {Err.Show(r)}, which is not a record with that field");
    }

    private static long Int(Value r, StringValue f) =>
        Field(r, f) is IntValue i ? i.V : throw new ValueException($"The field {f.S} of {Err.Show(r)} should be an integer");

    /// <summary>\E i \in 0..r.den : 2^i = r.den</summary>
    private static Value IsDyadic(Value r)
    {
        long d = Int(r, Den);
        return BoolValue.Of(d >= 1 && (d & (d - 1)) == 0);
    }

    /// <summary>TLC's override: divide num and den by their gcd.</summary>
    private static Value Reduce(Value r)
    {
        long n = Int(r, Num), d = Int(r, Den);
        long g = (long)BigInteger.GreatestCommonDivisor(n, d);
        if (g == 1 || g == 0) return r;
        return Rational(n / g, d / g);
    }

    private static Value Add(Value p, Value q)
    {
        if (p.Equals(Rational(0, 1))) return q;
        long pd = Int(p, Den), qd = Int(q, Den);
        var lcn = IntValue.Of(Math.Max(pd, qd));
        var qq = Arith.Times(Field(q, Num), Arith.Div(lcn, Field(q, Den)));
        var pp = Arith.Times(Field(p, Num), Arith.Div(lcn, Field(p, Den)));
        return Reduce(Rational(Arith.Plus(qq, pp), lcn));
    }

    private static Value PrettyPrint(Value p)
    {
        if (p.Equals(Rational(0, 1))) return StringValue.Of("0");
        if (p.Equals(Rational(1, 1))) return StringValue.Of("1");
        return StringValue.Of($"{Field(p, Num)}/{Field(p, Den)}");
    }
}

/// <summary>BagsExt (CommunityModules): BagAdd, BagRemove, BagRemoveAll, MapThenFoldBag, FoldBag (TLC's override), SumBag, ProductBag.</summary>
internal static class BagsExtModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("BagsExt")
            .Add("BagAdd", 2, a => BagAdd(a[0], a[1]))
            .Add("BagRemove", 2, a => BagRemove(a[0], a[1]))
            .Add("BagRemoveAll", 2, a => BagRemoveAll(a[0], a[1]))
            .Add("MapThenFoldBag", 5, a => MapThenFoldBag(a[0], a[1], a[2], a[3], a[4]))
            .Add("FoldBag", 3, a => FoldBag(a[0], a[1], a[2]))
            .Add("SumBag", 1, a => FoldBag(new DelegateOperator("+", 2, x => Arith.Plus(x[0], x[1])), IntValue.Of(0), a[0]))
            .Add("ProductBag", 1, a => FoldBag(new DelegateOperator("*", 2, x => Arith.Times(x[0], x[1])), IntValue.Of(1), a[0]))
            .OverridingInText("FoldBag");

    private static FcnValue Bag(Value b, string nth, string op) => Conv.Fcn(b) ?? throw Err.Arg(nth, op, "bag", b);

    public static Value BagAdd(Value b, Value x)
    {
        var f = Bag(b, "first", "BagAdd");
        var keys = new List<Value>();
        var vals = new List<Value>();
        bool found = false;
        for (int i = 0; i < f.Size; i++)
        {
            keys.Add(f.KeyAt(i));
            if (f.KeyAt(i).Equals(x)) { vals.Add(Arith.Plus(f.Vals[i], IntValue.Of(1))); found = true; }
            else vals.Add(f.Vals[i]);
        }
        if (!found) { keys.Add(x); vals.Add(IntValue.Of(1)); }
        return FcnValue.FromPairs(keys, vals).AsFunction();
    }

    public static Value BagRemove(Value b, Value x)
    {
        var f = Bag(b, "first", "BagRemove");
        int at = f.IndexOf(x);
        if (at < 0) return b;
        var keys = new List<Value>();
        var vals = new List<Value>();
        for (int i = 0; i < f.Size; i++)
        {
            if (i == at)
            {
                if (f.Vals[i] is IntValue { V: 1 }) continue;
                keys.Add(f.KeyAt(i));
                vals.Add(Arith.Minus(f.Vals[i], IntValue.Of(1)));
            }
            else { keys.Add(f.KeyAt(i)); vals.Add(f.Vals[i]); }
        }
        return FcnValue.FromPairs(keys, vals).AsFunction();
    }

    public static Value BagRemoveAll(Value b, Value x)
    {
        var f = Bag(b, "first", "BagRemoveAll");
        var keys = new List<Value>();
        var vals = new List<Value>();
        for (int i = 0; i < f.Size; i++)
        {
            if (f.KeyAt(i).Equals(x)) continue;
            keys.Add(f.KeyAt(i));
            vals.Add(f.Vals[i]);
        }
        return FcnValue.FromPairs(keys, vals).AsFunction();
    }

    /// <summary>
    /// MapThenFoldSet(op, base, handle, LAMBDA S : CHOOSE x \in S : TRUE, DOMAIN B) where handle(x) applies
    /// acc := op(acc, f(x)) B[x] times starting from base.
    /// </summary>
    public static Value MapThenFoldBag(Value op, Value b, Value f, Value choose, Value bag)
    {
        var fn = Bag(bag, "fifth", "MapThenFoldBag");
        var handle = new DelegateOperator("handle", 1, a =>
        {
            var x = a[0];
            var count = fn.Apply(x);
            if (count is not IntValue { V: >= 1 } c)
                throw new ValueException($"MapThenFoldBag: the multiplicity of {Err.Show(x)} in the bag should be a positive integer, but it is {Err.Show(count)}");
            var fx = Conv.Call(f, x);
            var acc = b;
            for (long i = 0; i < c.V; i++) acc = Conv.Call(op, acc, fx);
            return acc;
        });
        var first = new DelegateOperator("CHOOSE", 1, a => ((SetBase)a[0]).Elements.First());
        return FoldsModule.MapThenFoldSet(op, b, handle, first, fn.Domain.ToEnumerated());
    }

    /// <summary>TLC's override: over DOMAIN B in order, acc := op(acc, x) B[x] times.</summary>
    public static Value FoldBag(Value op, Value b, Value bag)
    {
        var fn = Bag(bag, "third", "FoldBag");
        var acc = b;
        for (int i = 0; i < fn.Size; i++)
        {
            if (fn.Vals[i] is not IntValue { V: > 0 } n) throw Err.Arg("third", "FoldBag", "bag", bag);
            for (long j = 0; j < n.V; j++) acc = Conv.Call(op, acc, fn.KeyAt(i));
        }
        return acc;
    }
}

/// <summary>Statistics (CommunityModules): ChiSquare as TLC's override (Apache Commons Math's chi-square test).</summary>
internal static class StatisticsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Statistics", "Naturals")
            .Add("ChiSquare", 3, a => ChiSquare(a[0], a[1], a[2]));

    /// <summary>TRUE iff the null hypothesis (actual follows expected) is not rejected at significance alpha.</summary>
    public static Value ChiSquare(Value expected, Value actual, Value alpha)
    {
        var e = Conv.Fcn(expected) ?? throw Err.Arg("first", "ChiSquare", "function", expected);
        var o = Conv.Fcn(actual) ?? throw Err.Arg("second", "ChiSquare", "function", actual);
        if (alpha is not StringValue a) throw Err.Arg("third", "ChiSquare", "StringValue representing a double in (0, .5]", alpha);
        if (!double.TryParse(a.S, NumberStyles.Float, CultureInfo.InvariantCulture, out var al) || al <= 0 || al > 0.5)
            throw new ValueException($"ChiSquare: the significance level {a.S} is out of range (0, 0.5]");
        var exp = e.Vals.Select(v => v is IntValue i ? (double)i.V : throw Err.Arg("first", "ChiSquare", "function to integers", expected)).ToArray();
        var obs = o.Vals.Select(v => v is IntValue i ? i.V : throw Err.Arg("second", "ChiSquare", "function to integers", actual)).ToArray();
        if (exp.Length < 2) throw new ValueException($"ChiSquare: at least 2 counts are needed, but there are {exp.Length}");
        if (exp.Length != obs.Length) throw new ValueException($"ChiSquare: the expected and actual counts differ in length ({exp.Length} and {obs.Length})");
        if (exp.Any(x => x <= 0)) throw new ValueException("ChiSquare: the expected counts must be positive");
        if (obs.Any(x => x < 0)) throw new ValueException("ChiSquare: the actual counts must not be negative");
        double sumE = exp.Sum(), sumO = obs.Sum();
        double ratio = 1.0;
        bool rescale = Math.Abs(sumE - sumO) > 10E-6;
        if (rescale) ratio = sumO / sumE;
        double stat = 0;
        for (int i = 0; i < exp.Length; i++)
        {
            double ex = rescale ? ratio * exp[i] : exp[i];
            double dev = obs[i] - ex;
            stat += dev * dev / ex;
        }
        double p = 1.0 - Gamma.RegularizedP((exp.Length - 1) / 2.0, stat / 2.0);
        return BoolValue.Of(!(p < al));
    }

    /// <summary>The regularized lower incomplete gamma function (series / continued fraction, as Apache Commons Math).</summary>
    private static class Gamma
    {
        private const double Epsilon = 1e-14;
        private const int MaxIterations = int.MaxValue;

        public static double RegularizedP(double a, double x)
        {
            if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0) return double.NaN;
            if (x == 0) return 0;
            if (x >= a + 1) return 1.0 - RegularizedQ(a, x);
            double n = 0, an = 1.0 / a, sum = an;
            while (Math.Abs(an / sum) > Epsilon && n < MaxIterations && sum < double.PositiveInfinity)
            {
                n += 1;
                an *= x / (a + n);
                sum += an;
            }
            if (double.IsInfinity(sum)) return 1.0;
            return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * sum;
        }

        private static double RegularizedQ(double a, double x)
        {
            if (x < a + 1) return 1.0 - RegularizedP(a, x);
            // Lentz's continued fraction for Q(a, x).
            const double tiny = 1e-50;
            double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
            for (int i = 1; i < 100000; i++)
            {
                double an = -i * (i - a);
                b += 2;
                d = an * d + b;
                if (Math.Abs(d) < tiny) d = tiny;
                c = b + an / c;
                if (Math.Abs(c) < tiny) c = tiny;
                d = 1 / d;
                double delta = d * c;
                h *= delta;
                if (Math.Abs(delta - 1) < Epsilon) break;
            }
            return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
        }

        /// <summary>Lanczos approximation of log Γ(a).</summary>
        private static double LogGamma(double a)
        {
            double[] g =
            {
                0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
                -0.49191381609762019978, .33994649984811888699e-4, .46523628927048575665e-4, -.98374475304879564677e-4,
                .15808870322491248884e-3, -.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
                .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5,
            };
            double sum = g[0];
            for (int i = 1; i < g.Length; i++) sum += g[i] / (a + i - 1);
            double tmp = a + 607.0 / 128 - 0.5;
            return (a - 0.5) * Math.Log(tmp) - tmp + 0.5 * Math.Log(2 * Math.PI) + Math.Log(sum);
        }
    }
}

/// <summary>CSV (CommunityModules): TLC's overrides, appending to and reading files (relative names from the current directory).</summary>
internal static class CsvModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("CSV")
            .Add("CSVWrite", 3, a => Write(a[0], a[1], a[2]))
            .Add("CSVWriteRecord", 4, a => WriteRecord(a[0], a[1], a[2], a[3]))
            .Add("CSVRead", 3, a => Read(a[0], a[1], a[2]))
            .Add("CSVRecords", 1, a => Records(a[0]))
            .WithEffects();

    private static string Str(Value v, string nth, string op) => v is StringValue s ? s.S : throw Err.Arg(nth, op, "string", v);

    private static void Append(string path, IEnumerable<string> lines, string op)
    {
        try
        {
            File.AppendAllText(path, string.Concat(lines.Select(l => l + Environment.NewLine)), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ValueException($"{op}: cannot write {path}: {e.Message}");
        }
    }

    /// <summary>Appends String.format(template, ToString of each element) and a line separator.</summary>
    public static Value Write(Value template, Value val, Value file)
    {
        var t = Str(template, "first", "CSVWrite");
        var seq = Conv.Tuple(val) ?? throw Err.OneArg("CSVWrite", "sequence", val);
        var path = Str(file, "third", "CSVWrite");
        Append(path, new[] { JavaFormat(t, seq.Vals.Select(v => v.ToString()).ToArray()) }, "CSVWrite");
        return BoolValue.True;
    }

    /// <summary>Appends a record's values (and, when headers is TRUE, first its field names) joined by delim.</summary>
    public static Value WriteRecord(Value record, Value delim, Value headers, Value file)
    {
        var rec = Conv.Fcn(record);
        if (rec == null || !rec.IsRecord) throw Err.OneArg("CSVWriteRecord", "record", record);
        var d = Str(delim, "second", "CSVWriteRecord");
        if (headers is not BoolValue h) throw Err.Arg("third", "CSVWriteRecord", "boolean", headers);
        var path = Str(file, "fourth", "CSVWriteRecord");
        var lines = new List<string>();
        if (h.B) lines.Add(string.Join(d, rec.Keys.Select(k => ((StringValue)k).S)));
        lines.Add(string.Join(d, rec.Vals.Select(v => v.ToString())));
        Append(path, lines, "CSVWriteRecord");
        return BoolValue.True;
    }

    /// <summary>The lines of the file as records of strings (fields split with the delimiter as a regular expression).</summary>
    public static Value Read(Value columns, Value delim, Value file)
    {
        var cols = Conv.Tuple(columns) ?? throw Err.OneArg("CSVRead", "sequence", columns);
        var names = cols.Vals.Select(v => Str(v, "first", "CSVRead")).ToArray();
        var d = Str(delim, "second", "CSVRead");
        var path = Str(file, "third", "CSVRead");
        if (!File.Exists(path)) return FcnValue.EmptyTuple;
        var records = new List<Value>();
        foreach (var line in File.ReadAllLines(path))
        {
            var fields = JavaSplit(line, d);
            if (fields.Length != names.Length)
                throw new ValueException($"CSVRead: the line \"{line}\" of {path} has {fields.Length} fields, but {names.Length} columns are named");
            records.Add(FcnValue.Record(names, fields.Select(f => (Value)StringValue.Of(f)).ToList()));
        }
        return FcnValue.Tuple(records);
    }

    /// <summary>The number of lines of the file (0 when it does not exist).</summary>
    public static Value Records(Value file)
    {
        var path = Str(file, "first", "CSVRecords");
        if (!File.Exists(path)) return IntValue.Of(0);
        return IntValue.Of(File.ReadLines(path).LongCount());
    }

    /// <summary>Java's String.split(regex): trailing empty fields are dropped.</summary>
    private static string[] JavaSplit(string s, string regex)
    {
        if (s.Length == 0) return new[] { "" };
        var parts = Regex.Split(s, regex).ToList();
        if (parts.Count > 1 && parts[0].Length == 0 && Regex.Match(s, regex) is { Success: true, Index: 0, Length: 0 }) parts.RemoveAt(0);
        while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts.ToArray();
    }

    /// <summary>Java's String.format for %s, %n$s, %S, %% and %n (the conversions that apply to strings).</summary>
    private static string JavaFormat(string template, string[] args)
    {
        var sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c != '%') { sb.Append(c); continue; }
            int j = i + 1;
            int start = j;
            while (j < template.Length && char.IsDigit(template[j])) j++;
            int? index = null;
            if (j < template.Length && template[j] == '$' && j > start)
            {
                index = int.Parse(template.AsSpan(start, j - start), CultureInfo.InvariantCulture);
                j++;
            }
            else j = start;
            bool leftAlign = false;
            if (j < template.Length && template[j] == '-') { leftAlign = true; j++; }
            int ws = j;
            while (j < template.Length && char.IsDigit(template[j])) j++;
            int? width = j > ws ? int.Parse(template.AsSpan(ws, j - ws), CultureInfo.InvariantCulture) : null;
            if (j >= template.Length) throw new ValueException($"CSVWrite: malformed format string \"{template}\"");
            char conv = template[j];
            switch (conv)
            {
                case '%': sb.Append('%'); break;
                case 'n': sb.Append(Environment.NewLine); break;
                case 's':
                case 'S':
                {
                    int k = index.HasValue ? index.Value - 1 : next++;
                    if (k < 0 || k >= args.Length)
                        throw new ValueException($"CSVWrite: the format string \"{template}\" refers to argument {k + 1}, but there are {args.Length}");
                    var s = conv == 'S' ? args[k].ToUpperInvariant() : args[k];
                    if (width.HasValue) s = leftAlign ? s.PadRight(width.Value) : s.PadLeft(width.Value);
                    sb.Append(s);
                    break;
                }
                default:
                    throw new ValueException($"CSVWrite: the conversion %{conv} in \"{template}\" does not apply to the string arguments (only %s is supported)");
            }
            i = j;
        }
        return sb.ToString();
    }
}
