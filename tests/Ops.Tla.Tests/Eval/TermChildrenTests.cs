using System.Reflection;
using Binder = Ops.Tla.Eval.Binder;
using Ops.Tla.Checking;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;
using Ops.Tla.Tests.Builtins;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Eval;

/// <summary>
/// The contract of <see cref="Term.Children"/> and <see cref="Term.WithChildren"/>, which the passes over terms
/// (hoisting, coverage trees) rely on instead of a case per kind of term: every term the term holds is a child, the
/// children come in SANY's order, and a term made again of its children is the same term.
/// </summary>
public class TermChildrenTests
{
    private static int _line;

    /// <summary>A fresh constant (a distinct object each time, so that a child can be told by reference).</summary>
    private static ConstTerm K(long n) => new(IntValue.Of(n)) { Span = Place() };

    private static SourceSpan Place() => new("Sample.tla", ++_line, 1, _line, 9);

    private static OpDef Def(string name, int arity) => new()
    {
        Name = name, Arity = arity, ParamNames = Enumerable.Range(0, arity).Select(i => "p" + i).ToArray(), ParamArities = new int[arity],
    };

    private static Binder Bound(int slot, Term set) => new() { Slots = [slot], Names = ["x" + slot], Set = set };

    private static readonly Builtin Plus = new("+", 2, (a, _) => IntValue.Of(((IntValue)a[0]).V + ((IntValue)a[1]).V),
        a => IntValue.Of(((IntValue)a[0]).V + ((IntValue)a[1]).V));

    private static readonly Builtin LazyOp = new("AssertError", 2, (_, _) => BoolValue.True) { Lazy = (_, _, _) => BoolValue.True };

    private static readonly HoistSet NoHoists = new([], [], []);

    private static LocalTerm Local(int slot) => new(0, slot, "x" + slot, Level.Constant) { Span = Place() };

    /// <summary>One term of every kind (and of both shapes where a part may be absent), each part a distinct object.</summary>
    private static IEnumerable<Term> Samples()
    {
        Term set() => new SetEnumTerm([K(1), K(2)]) { Span = Place() };
        var samples = new List<Term>
        {
            new ConstTerm(IntValue.Of(1)) { Literal = true },
            new OpTableTerm("F", new List<(Value[], Value)> { (new Value[] { IntValue.Of(0) }, IntValue.Of(1)) }, [K(0)], Level.Constant),
            new VarTerm(0, "x"),
            new PrimedVarTerm(0, "x"),
            new FreshPrimedVarTerm(0, "y"),
            new PrimeTerm(new VarTerm(0, "x")),
            Local(0),
            new OpCallTerm(Def("F", 2), [K(1), K(2)], 0, Level.Constant),
            new ParamCallTerm(0, 0, "G", [K(1)], Level.Constant),
            new LazyBuiltinCallTerm(LazyOp, [K(1), K(2)], Level.Constant),
            new BuiltinCallTerm(Plus, [K(1), K(2)], Level.Constant),
            new OpRefTerm(Def("F", 1), 0),
            new LambdaTerm(Def("LAMBDA", 1)),
            new BuiltinRefTerm(Plus),
            new ParamRefTerm(0, 1),
            set(),
            new SetFilterTerm(Bound(0, set()), new EqTerm(Local(0), K(1))) { Hoists = NoHoists },
            new SetMapTerm([Bound(0, set()), Bound(1, set())], new TupleTerm([Local(0), Local(1)])) { Hoists = NoHoists },
            new FcnConsTerm([Bound(0, set())], Local(0)) { Hoists = NoHoists },
            new RecursiveFcnTerm(new FcnConsTerm([Bound(0, set())], K(3))),
            new FcnSetTerm(set(), set()),
            new RecordTerm(["b", "a"], [K(1), K(2)]),
            new RecordSetTerm(["a"], [set()]),
            new TupleTerm([K(1), K(2)]),
            new CartesianTerm([set(), set()]),
            new FcnAppTerm(new TupleTerm([K(7), K(8)]), [K(1)], false),
            new ExceptTerm(new TupleTerm([K(7), K(8)]), [[[K(1)]], [[K(2)], [K(3), K(4)]]], [K(5), K(6)], 3),
            new AndTerm([K(1), K(2), K(3)], true),
            new OrTerm([K(1), K(2)], false),
            new NotTerm(K(1)),
            new ImpliesTerm(K(1), K(2)),
            new EquivTerm(K(1), K(2)),
            new IfTerm(K(1), K(2), K(3)),
            new CaseTerm([K(1), K(2)], [K(3), K(4)], K(5)),
            new CaseTerm([K(1)], [K(3)], null),
            new EqTerm(K(1), K(2)),
            new NeqTerm(K(1), K(2)),
            new QuantTerm(true, [Bound(0, set()), Bound(1, null), Bound(2, set())], K(1)) { Hoists = NoHoists },
            new ChooseTerm(Bound(0, set()), K(1)) { Hoists = NoHoists },
            new ChooseTerm(Bound(0, null), K(1)),
            new LetTerm([2, 3], [K(1), K(2)], K(3)) { LocalOps = [Def("L", 1)] },
            new LabelTerm("lbl", K(1)),
            new ScopedTerm(K(1), _ => Frame.Root(0)),
            new InTerm(K(1), set(), negated: true),
            new SetOpTerm(SetOpTerm.Op.Cup, set(), set()),
            new SetOpTerm(SetOpTerm.Op.Subset, set(), null),
            new UnchangedTerm(new VarTerm(0, "x")),
            new ActionBoxTerm(new EqTerm(new PrimedVarTerm(0, "x"), K(1)), new VarTerm(0, "x"), isAngle: true) { OfFairness = true },
            new EnabledTerm(new EqTerm(new PrimedVarTerm(0, "x"), K(1))) { Fresh = new FreshSlots() },
            new TemporalTerm("[]", [new VarTerm(0, "x")]),
            new TemporalTerm("WF", [new EqTerm(new PrimedVarTerm(0, "x"), K(1))], new VarTerm(0, "x")),
            new TemporalTerm("\\EE", [new VarTerm(0, "x")], null, [Bound(4, null)]),
            new ComposeTerm(K(1), K(2)),
            new HoistTerm(K(1), 4) { Lvl = Level.Constant },
            new InlineTerm(Def("F", 1), [K(1)], [5], Local(5)),
            new CachedTerm(K(1)) { FrameSize = 3 },
            new TooBigNumeralTerm(3000000000),
            new SharedValueTerm(K(1), new PreGuardMemo()),
            new LetBodyTerm(K(1)),
        };
        foreach (var t in samples) t.Span = Place();
        return samples;
    }

    public static IEnumerable<object[]> SampleData() => Samples().Select(t => new object[] { t.GetType().Name + "#" + t.Children.Length, t });

    [Fact]
    public void Every_kind_of_term_has_a_sample_here()
    {
        // A new kind of term must say what its children are (Children and WithChildren are abstract) and show it here.
        var kinds = typeof(Term).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Term)) && !t.IsAbstract).ToHashSet();
        var sampled = Samples().Select(s => s.GetType()).ToHashSet();
        Assert.Empty(kinds.Except(sampled).Select(t => t.Name));
        Assert.True(kinds.Count >= 48, $"only {kinds.Count} kinds of terms found");
    }

    /// <summary>Fields that hold terms but are not parts of their own: made of other parts, or caches.</summary>
    private static readonly HashSet<(Type, string)> Derived =
    [
        (typeof(ActionBoxTerm), nameof(ActionBoxTerm.Unchanged)),   // UNCHANGED v, made of Sub
        (typeof(LetTerm), "_pending"),                              // markers made of Bodies
        (typeof(CachedTerm), "_value"),                             // the value once computed
    ];

    private static IEnumerable<FieldInfo> Fields(Type t) =>
        t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Concat(t.BaseType != null && t.BaseType != typeof(object) ? Fields(t.BaseType) : [])
            .Where(f => !Derived.Contains((f.DeclaringType, f.Name)));

    /// <summary>The terms a field's value holds (through arrays and binders), in order.</summary>
    private static IEnumerable<Term> TermsIn(object v) => v switch
    {
        Term t => [t],
        Binder b => b.Set == null ? [] : [b.Set],
        Array a => a.Cast<object>().SelectMany(TermsIn),
        _ => [],
    };

    private static bool HoldsTerms(Type t) =>
        typeof(Term).IsAssignableFrom(t) || t == typeof(Binder) || t.IsArray && HoldsTerms(t.GetElementType());

    [Theory]
    [MemberData(nameof(SampleData))]
    public void Children_are_every_term_the_term_holds(string kind, Term t)
    {
        var held = Fields(t.GetType()).Where(f => HoldsTerms(f.FieldType)).SelectMany(f => TermsIn(f.GetValue(t))).ToList();
        var children = t.Children;
        Assert.True(children.All(c => c != null), kind);
        Assert.Equal(held.Count, children.Length);
        foreach (var h in held) Assert.Contains(children, c => ReferenceEquals(c, h));
    }

    [Theory]
    [MemberData(nameof(SampleData))]
    public void Made_again_of_its_children_a_term_is_the_same_term(string kind, Term t)
    {
        var children = t.Children;
        var r = t.WithChildren(children);
        Assert.Equal(t.GetType(), r.GetType());
        if (children.Length == 0)
        {
            Assert.Same(t, r);
            return;
        }
        Assert.NotSame(t, r);
        Assert.Equal(t.Span, r.Span);
        Assert.Equal(t.Lvl, r.Lvl);
        Assert.Equal<Term>(children, r.Children, ReferenceEqualityComparer.Instance);
        foreach (var f in Fields(t.GetType()))
        {
            object a = f.GetValue(t), b = f.GetValue(r);
            if (f.FieldType == typeof(Binder[]) || f.FieldType == typeof(Binder))
            {
                // New binders (a pass may set their sets in place), with the same identifiers.
                var xs = a is Binder x ? [x] : (Binder[])a;
                var ys = b is Binder y ? [y] : (Binder[])b;
                if (xs == null) { Assert.Null(ys); continue; }
                Assert.Equal(xs.Length, ys.Length);
                for (int i = 0; i < xs.Length; i++)
                {
                    Assert.NotSame(xs[i], ys[i]);
                    Assert.Equal(xs[i].Slots, ys[i].Slots);
                    Assert.Equal(xs[i].Names, ys[i].Names);
                    Assert.Equal(xs[i].IsTuple, ys[i].IsTuple);
                }
            }
            else if (HoldsTerms(f.FieldType)) continue;
            else if (a is Array aa) Assert.Equal(aa.Cast<object>(), ((Array)b).Cast<object>());
            else Assert.True(Equals(a, b), $"{kind}: {f.Name} is {a}, made again {b}");
        }
    }

    [Theory]
    [MemberData(nameof(SampleData))]
    public void New_children_take_the_places_Children_lists_them_in(string kind, Term t)
    {
        var fresh = t.Children.Select(c => c is FcnConsTerm fc ? fc.WithChildren(fc.Children) : (Term)K(9)).ToArray();
        var r = t.WithChildren(fresh);
        Assert.Equal<Term>(fresh, r.Children, ReferenceEqualityComparer.Instance);
        Assert.Throws<ArgumentException>(() => t.WithChildren([.. fresh, K(10)]));
        _ = kind;
    }

    [Fact]
    public void Children_come_in_SANY_order_operands_then_bounds()
    {
        var body = K(1);
        var s1 = K(2);
        var s3 = K(3);
        var q = new QuantTerm(false, [Bound(0, s1), Bound(1, null), Bound(2, s3)], body);
        Assert.Equal<Term>([body, s1, s3], q.Children, ReferenceEqualityComparer.Instance);

        Term g1 = K(1), v1 = K(2), g2 = K(3), v2 = K(4), other = K(5);
        Assert.Equal<Term>([g1, v1, g2, v2, other], new CaseTerm([g1, g2], [v1, v2], other).Children, ReferenceEqualityComparer.Instance);

        Term f = K(0), a = K(1), b = K(2), c = K(3), e1 = K(4), e2 = K(5);
        var ex = new ExceptTerm(f, [[[a]], [[b, c]]], [e1, e2], 0);
        Assert.Equal<Term>([f, a, e1, b, c, e2], ex.Children, ReferenceEqualityComparer.Instance);
        var rebuilt = (ExceptTerm)ex.WithChildren(ex.Children);
        Assert.Same(c, rebuilt.Paths[1][0][1]);
        Assert.Same(e2, rebuilt.Values[1]);
    }

    [Fact]
    public void A_call_made_of_other_arguments_takes_on_the_level_of_those_that_raise_it()
    {
        var def = Def("F", 2);
        var call = new OpCallTerm(def, [K(1), K(2)], 0, Level.Constant);
        // Without a compiled body every parameter may raise the level (as while resolving a recursive definition).
        Assert.Equal(Level.State, call.WithChildren([new VarTerm(0, "x"), K(2)]).Lvl);
        var builtin = new BuiltinCallTerm(Plus, [K(1), K(2)], Level.Constant);
        Assert.Equal(Level.State, builtin.WithChildren([K(1), new VarTerm(0, "x")]).Lvl);
        Assert.Equal(Level.Constant, builtin.WithChildren([K(1), K(2)]).Lvl);
    }

    /// <summary>Every term of every assumption made again (each node from copies of its children) evaluates as the
    /// original does: hoisted values, cached values, LET definitions and binders included.</summary>
    [Fact]
    public void Terms_made_again_from_their_children_evaluate_as_the_originals()
    {
        const string tla = @"---- MODULE Remade ----
EXTENDS Naturals, Sequences, FiniteSets
CONSTANT N
Sq(x) == x * x
Pairs == {<<a, b>> \in (1..N) \X (1..N) : a < b}
f[n \in 0..N] == IF n = 0 THEN 1 ELSE n * f[n - 1]
R == [a |-> 1, b |-> <<2, 3>>]
ASSUME \A p \in Pairs : Sq(p[1]) < Sq(p[2])
ASSUME {Sq(k) + N : k \in 1..N} = {Sq(1) + N, Sq(2) + N, Sq(3) + N}
ASSUME f[N] = 6
ASSUME LET g(y) == y + N
           h == g(1)
       IN  CASE h = 4 -> [R EXCEPT !.a = @ + h, !.b[2] = 0].a = 5
             [] OTHER -> FALSE
ASSUME (CHOOSE s \in SUBSET (1..N) : Cardinality(s) = 2 /\ 3 \notin s) = {1, 2}
ASSUME [i \in 1..N |-> i * 2] = <<2, 4, 6>> /\ DOMAIN R = {""a"", ""b""}
ASSUME \E r \in [a : 1..2, b : {<<2, 3>>}] : r = R /\ (R.a = 1 => R.b # <<>>) /\ (TRUE <=> ~FALSE)
ASSUME Len(SelectSeq(<<1, 2, 3, 4>>, LAMBDA e : e % 2 = 0)) = 2 /\ ({1, 2} \cup {3}) \ {2} = {1, 3}
ASSUME [x \in {1} |-> 2] \in [{1} -> 1..3] /\ IF N > 2 THEN TRUE ELSE FALSE
====";
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Remade.tla"), tla);
            File.WriteAllText(Path.Combine(dir, "Remade.cfg"), "CONSTANT N = 3\n");
            var model = Model.Load(Path.Combine(dir, "Remade.tla"), new CheckOptions());
            Assert.Equal(9, model.Spec.Assumptions.Count);
            int remade = 0;
            foreach (var a in model.Spec.Assumptions)
            {
                var copy = Remake(a.Term, ref remade);
                Assert.NotSame(a.Term, copy);
                var es = new EvalState(new FakeHost(), model.VariableNames);
                var expected = a.Term.Eval(es, Frame.Root(a.FrameSize));
                Assert.Equal(BoolValue.True, expected);
                Assert.Equal(expected, copy.Eval(es, Frame.Root(a.FrameSize)));
            }
            Assert.True(remade > 50, $"only {remade} terms made again");
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static Term Remake(Term t, ref int count)
    {
        var children = t.Children;
        if (children.Length == 0) return t;
        for (int i = 0; i < children.Length; i++) children[i] = Remake(children[i], ref count);
        count++;
        return t.WithChildren(children);
    }
}
