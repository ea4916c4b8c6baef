using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// The modules of the TLA+ proof system's library (tlaplus/tlapm library/) that specifications extend for their
/// proofs. Theorems need no implementation (the model checker ignores them); what is provided are the operators the
/// texts define, and the EXTENDS of each text so that operators visible through them stay visible. All are plain
/// TLA+ definitions (TLC overrides none), so a shipped copy of a module keeps its own definitions.
/// </summary>
internal static class ProofModules
{
    /// <summary>TLAPS: backend pragmas, all defined as TRUE (EnabledWrapper and CdotWrapper as FALSE).</summary>
    public static BuiltinModule Tlaps()
    {
        var m = new BuiltinModule("TLAPS");
        string[] nullary =
        {
            "SimpleArithmetic", "SMT", "CVC3", "CVC4", "Yices", "veriT", "Zipper", "Z3", "Spass", "LS4", "PTL", "Zenon",
            "Isa", "IsaWithSetExtensionality", "SlowZenon", "SlowerZenon", "VerySlowZenon", "SlowestZenon",
            "Auto", "SlowAuto", "SlowerAuto", "SlowestAuto", "Force", "SlowForce", "SlowerForce", "SlowestForce",
            "SimplifyAndSolve", "SlowSimplifyAndSolve", "SlowerSimplifyAndSolve", "SlowestSimplifyAndSolve",
            "Simplification", "SlowSimplification", "SlowerSimplification", "SlowestSimplification",
            "Blast", "SlowBlast", "SlowerBlast", "SlowestBlast", "AutoBlast", "AllProvers", "AllSMT", "AllIsa",
            "ExpandENABLED", "ExpandCdot", "AutoUSE", "Lambdify", "ENABLEDaxioms", "LevelComparison", "Trivial",
        };
        foreach (var n in nullary) m.Add(n, 0, _ => BoolValue.True);
        string[] unary =
        {
            "SMTT", "CVC3T", "CVC4T", "YicesT", "veriTT", "ZipperT", "Z3T", "SpassT", "LS4T", "ZenonT", "IsaT", "IsaM",
            "AllProversT", "AllSMTT", "AllIsaT",
        };
        foreach (var n in unary) m.Add(n, 1, _ => BoolValue.True);
        m.Add("IsaMT", 2, _ => BoolValue.True);
        m.Add("EnabledWrapper", 1, _ => BoolValue.False);
        m.Add("CdotWrapper", 1, _ => BoolValue.False);
        return m.OverridingInText();
    }

    private static ValueException NotEvaluable(string module, string op, string why) =>
        new($"{module}!{op} cannot be evaluated by the model checker: {why}.");

    /// <summary>NaturalsInduction (EXTENDS Integers): the definitions used to state its theorems.</summary>
    public static BuiltinModule NaturalsInduction() =>
        new BuiltinModule("NaturalsInduction", "Integers")
            .Add("NatInductiveDefHypothesis", 3, _ => throw NotEvaluable("NaturalsInduction", "NatInductiveDefHypothesis", "it is an unbounded CHOOSE"))
            .Add("NatInductiveDefConclusion", 3, _ => throw NotEvaluable("NaturalsInduction", "NatInductiveDefConclusion", "it compares with a function over the infinite set Nat"))
            .Add("FiniteNatInductiveDefHypothesis", 5, _ => throw NotEvaluable("NaturalsInduction", "FiniteNatInductiveDefHypothesis", "it is an unbounded CHOOSE"))
            .Add("FiniteNatInductiveDefConclusion", 5, a => FiniteNatInductiveDefConclusion(a[0], a[1], a[2], a[3], a[4]))
            .OverridingInText();

    /// <summary>f = [i \in m..n |-&gt; IF i = m THEN c ELSE Def(f[i-1], i)]</summary>
    public static Value FiniteNatInductiveDefConclusion(Value f, Value c, Value def, Value m, Value n)
    {
        const string op = "FiniteNatInductiveDefConclusion";
        long lo = m is IntValue mi ? mi.V : throw Err.Arg("fourth", op, "integer", m);
        long hi = n is IntValue ni ? ni.V : throw Err.Arg("fifth", op, "integer", n);
        if (f is not FcnBase fb) return BoolValue.False;
        var fn = fb.ToFcn();
        long count = hi < lo ? 0 : hi - lo + 1;
        if (fn.Size != count) return BoolValue.False;
        for (long i = lo; i <= hi; i++)
        {
            var actual = fn.Apply(IntValue.Of(i));
            if (actual == null) return BoolValue.False;
            Value expected;
            if (i == lo) expected = c;
            else
            {
                var prev = fn.Apply(IntValue.Of(i - 1))
                    ?? throw new ValueException($"Attempted to apply function:\n{Err.Show(fn)}\nto argument {i - 1}, which is not in the domain of the function.");
                expected = Conv.Call(def, prev, IntValue.Of(i));
            }
            if (!actual.Equals(expected)) return BoolValue.False;
        }
        return BoolValue.True;
    }

    /// <summary>WellFoundedInduction (EXTENDS NaturalsInduction).</summary>
    public static BuiltinModule WellFoundedInduction()
    {
        const string mod = "WellFoundedInduction";
        return new BuiltinModule(mod, "NaturalsInduction")
            .Add("IsTransitivelyClosedOn", 2, a => IsTransitivelyClosedOn(a[0], a[1]))
            .Add("IsWellFoundedOn", 2, _ => throw NotEvaluable(mod, "IsWellFoundedOn", "it quantifies over [Nat -> S]"))
            .Add("SetLessThan", 3, a => SetLessThan(a[0], a[1], a[2]))
            .Add("WFDefOn", 3, _ => throw NotEvaluable(mod, "WFDefOn", "it quantifies over all functions"))
            .Add("OpDefinesFcn", 3, _ => throw NotEvaluable(mod, "OpDefinesFcn", "it is an unbounded CHOOSE"))
            .Add("WFInductiveDefines", 3, a => WFInductiveDefines(a[0], a[1], a[2]))
            .Add("WFInductiveUnique", 2, _ => throw NotEvaluable(mod, "WFInductiveUnique", "it quantifies over all functions"))
            .Add("TransitiveClosureOn", 2, a => TransitiveClosureOn(a[0], a[1]))
            .Add("OpToRel", 2, a => OpToRel(a[0], a[1]))
            .Add("PreImage", 3, a => PreImage(a[0], a[1], a[2]))
            .Add("LexPairOrdering", 4, a => LexPairOrdering(a[0], a[1], a[2], a[3]))
            .Add("LexProductOrdering", 3, a => LexProductOrdering(a[0], a[1], a[2]))
            .OverridingInText();
    }

    private static Value Pair(Value a, Value b) => FcnValue.Tuple(new[] { a, b });

    private static SetBase AsSet(Value v, string nth, string op) =>
        v as SetBase ?? throw Err.Arg(nth, op, "set", v);

    private static SetValue Finite(Value v, string nth, string op) =>
        Conv.EnumSet(v) ?? throw Err.Arg(nth, op, "finite set", v);

    /// <summary>\A i, j, k \in S : &lt;&lt;i, j&gt;&gt; \in R /\ &lt;&lt;j, k&gt;&gt; \in R =&gt; &lt;&lt;i, k&gt;&gt; \in R</summary>
    public static Value IsTransitivelyClosedOn(Value r, Value s)
    {
        var rel = AsSet(r, "first", "IsTransitivelyClosedOn");
        var set = Finite(s, "second", "IsTransitivelyClosedOn").Elems;
        foreach (var i in set)
            foreach (var j in set)
            {
                if (!rel.Contains(Pair(i, j))) continue;
                foreach (var k in set)
                    if (rel.Contains(Pair(j, k)) && !rel.Contains(Pair(i, k))) return BoolValue.False;
            }
        return BoolValue.True;
    }

    /// <summary>{y \in S : &lt;&lt;y, x&gt;&gt; \in R}</summary>
    public static Value SetLessThan(Value x, Value r, Value s)
    {
        var rel = AsSet(r, "second", "SetLessThan");
        var set = AsSet(s, "third", "SetLessThan");
        if (!set.IsFinite) return new LazySetValue($"SetLessThan({Err.Show(x)}, {Err.Show(r)}, {Err.Show(s)})", y => set.Contains(y) && rel.Contains(Pair(y, x)));
        return SetValue.FromList(set.Elements.Where(y => rel.Contains(Pair(y, x))).Select(y => y.Normalize()).ToList());
    }

    /// <summary>f = [x \in S |-&gt; Def(f, x)]</summary>
    public static Value WFInductiveDefines(Value f, Value s, Value def)
    {
        var set = Finite(s, "second", "WFInductiveDefines");
        if (f is not FcnBase fb) return BoolValue.False;
        var fn = fb.ToFcn();
        if (fn.Size != set.Elems.Length) return BoolValue.False;
        foreach (var x in set.Elems)
        {
            var actual = fn.Apply(x);
            if (actual == null || !actual.Equals(Conv.Call(def, f, x))) return BoolValue.False;
        }
        return BoolValue.True;
    }

    /// <summary>The transitive closure of R restricted to S \X S (the least transitively closed superset).</summary>
    public static Value TransitiveClosureOn(Value r, Value s)
    {
        var rel = AsSet(r, "first", "TransitiveClosureOn");
        var set = Finite(s, "second", "TransitiveClosureOn").Elems;
        int n = set.Length;
        var reach = new bool[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                reach[i, j] = rel.Contains(Pair(set[i], set[j]));
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                if (reach[i, k])
                    for (int j = 0; j < n; j++)
                        if (reach[k, j]) reach[i, j] = true;
        var pairs = new List<Value>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (reach[i, j]) pairs.Add(Pair(set[i], set[j]));
        return SetValue.FromList(pairs);
    }

    private static bool Test(Value op, params Value[] args)
    {
        var r = Conv.Call(op, args);
        return r is BoolValue b ? b.B : throw new ValueException($"The operator argument should be boolean-valued, but it returned:\n{Err.Show(r)}");
    }

    /// <summary>{ss \in S \X S : ss[1] \prec ss[2]}</summary>
    public static Value OpToRel(Value prec, Value s)
    {
        var set = Finite(s, "second", "OpToRel").Elems;
        var pairs = new List<Value>();
        foreach (var a in set)
            foreach (var b in set)
                if (Test(prec, a, b)) pairs.Add(Pair(a, b));
        return SetValue.FromList(pairs);
    }

    /// <summary>{ss \in S \X S : &lt;&lt;f(ss[1]), f(ss[2])&gt;&gt; \in R}</summary>
    public static Value PreImage(Value f, Value s, Value r)
    {
        var set = Finite(s, "second", "PreImage").Elems;
        var rel = AsSet(r, "third", "PreImage");
        var image = set.Select(x => Conv.Call(f, x)).ToArray();
        var pairs = new List<Value>();
        for (int i = 0; i < set.Length; i++)
            for (int j = 0; j < set.Length; j++)
                if (rel.Contains(Pair(image[i], image[j]))) pairs.Add(Pair(set[i], set[j]));
        return SetValue.FromList(pairs);
    }

    /// <summary>The lexicographic ordering on S1 \X S2 from R1 and R2.</summary>
    public static Value LexPairOrdering(Value r1, Value r2, Value s1, Value s2)
    {
        const string op = "LexPairOrdering";
        var rel1 = AsSet(r1, "first", op);
        var rel2 = AsSet(r2, "second", op);
        var prod = new CartesianValue(new SetBase[] { Finite(s1, "third", op), Finite(s2, "fourth", op) }).ToEnumerated().Elems;
        var pairs = new List<Value>();
        foreach (var x in prod)
        {
            var xs = (FcnValue)x;
            foreach (var y in prod)
            {
                var ys = (FcnValue)y;
                if (rel1.Contains(Pair(xs.Vals[0], ys.Vals[0]))
                    || (xs.Vals[0].Equals(ys.Vals[0]) && rel2.Contains(Pair(xs.Vals[1], ys.Vals[1]))))
                    pairs.Add(Pair(x, y));
            }
        }
        return SetValue.FromList(pairs);
    }

    /// <summary>The lexicographic ordering on [1..n -&gt; S] from R.</summary>
    public static Value LexProductOrdering(Value r, Value s, Value n)
    {
        const string op = "LexProductOrdering";
        var rel = AsSet(r, "first", op);
        var set = Finite(s, "second", op);
        long len = n is IntValue ni ? ni.V : throw Err.Arg("third", op, "natural number", n);
        var fns = new FunctionSetValue(new IntervalValue(1, len), set).ToEnumerated().Elems;
        var pairs = new List<Value>();
        foreach (var a in fns)
        {
            var fa = ((FcnBase)a).ToFcn();
            foreach (var b in fns)
            {
                var fb = ((FcnBase)b).ToFcn();
                for (int j = 0; j < len; j++)
                {
                    if (rel.Contains(Pair(fa.Vals[j], fb.Vals[j]))) { pairs.Add(Pair(a, b)); break; }
                    if (!fa.Vals[j].Equals(fb.Vals[j])) break;
                }
            }
        }
        return SetValue.FromList(pairs);
    }

    /// <summary>FiniteSetTheorems (EXTENDS FiniteSets, Integers, Functions, WellFoundedInduction).</summary>
    public static BuiltinModule FiniteSetTheorems() =>
        new BuiltinModule("FiniteSetTheorems", "FiniteSets", "Integers", "Functions", "WellFoundedInduction")
            .Add("FiniteSubsetsOf", 1, a => FiniteSubsetsOf(a[0]))
            .Add("StrictSubsetOrdering", 1, a => StrictSubsetOrdering(a[0]))
            .OverridingInText();

    /// <summary>{T \in SUBSET S : IsFiniteSet(T)}</summary>
    public static Value FiniteSubsetsOf(Value s) => new SubsetValue(AsSet(s, "first", "FiniteSubsetsOf"));

    /// <summary>{ss \in (SUBSET S) \X (SUBSET S) : ss[1] \subseteq ss[2] /\ ss[1] # ss[2]}</summary>
    public static Value StrictSubsetOrdering(Value s)
    {
        var subsets = new SubsetValue(Finite(s, "first", "StrictSubsetOrdering")).ToEnumerated().Elems;
        var pairs = new List<Value>();
        foreach (var a in subsets)
            foreach (var b in subsets)
                if (!a.Equals(b) && ((SetBase)a).IsSubsetOf((SetBase)b)) pairs.Add(Pair(a, b));
        return SetValue.FromList(pairs);
    }

    /// <summary>SequenceTheorems (EXTENDS Sequences, Functions; LOCAL INSTANCE NaturalsInduction, TLAPS): theorems only.</summary>
    public static BuiltinModule SequenceTheorems() => new("SequenceTheorems", "Sequences", "Functions");

    /// <summary>SequencesExtTheorems (EXTENDS Sequences, SequencesExt, Functions, Integers, WellFoundedInduction): theorems only.</summary>
    public static BuiltinModule SequencesExtTheorems() =>
        new("SequencesExtTheorems", "Sequences", "SequencesExt", "Functions", "Integers", "WellFoundedInduction");

    /// <summary>FunctionTheorems (EXTENDS Functions, Integers, FiniteSets): theorems only.</summary>
    public static BuiltinModule FunctionTheorems() => new("FunctionTheorems", "Functions", "Integers", "FiniteSets");
}
