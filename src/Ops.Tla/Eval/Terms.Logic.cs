using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>Conjunction (bulleted list or infix), evaluated left to right with short-circuit.</summary>
public sealed class AndTerm : Term
{
    public readonly Term[] Items;
    /// <summary>True for a bulleted /\ list (TLC splits actions at disjunctions only; kept for labels).</summary>
    public readonly bool IsList;
    public AndTerm(Term[] items, bool isList) { Items = items; IsList = isList; Lvl = items.Max(i => i.Lvl); }

    public override Term[] Children => [.. Items];
    public override Term WithChildren(Term[] children) => Like(new AndTerm(Expect(children, Items.Length), IsList));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var items = Items;
        for (int i = 0; i < items.Length; i++)
            if (!items[i].EvalBool(es, f, this, i)) return BoolValue.False;
        return BoolValue.True;
    }
}

public sealed class OrTerm : Term
{
    public readonly Term[] Items;
    public readonly bool IsList;
    public OrTerm(Term[] items, bool isList) { Items = items; IsList = isList; Lvl = items.Max(i => i.Lvl); }

    public override Term[] Children => [.. Items];
    public override Term WithChildren(Term[] children) => Like(new OrTerm(Expect(children, Items.Length), IsList));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var items = Items;
        for (int i = 0; i < items.Length; i++)
            if (items[i].EvalBool(es, f, this, i)) return BoolValue.True;
        return BoolValue.False;
    }
}

public sealed class NotTerm : Term
{
    public Term Inner;
    public NotTerm(Term inner) { Inner = inner; Lvl = inner.Lvl; }

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new NotTerm(Expect(children, 1)[0]));
    protected internal override Value EvalCore(EvalState es, Frame f) => BoolValue.Of(!Inner.EvalBool(es, f, this));
}

public sealed class ImpliesTerm : Term
{
    public Term A, B;
    public ImpliesTerm(Term a, Term b) { A = a; B = b; Lvl = Math.Max(a.Lvl, b.Lvl); }

    public override Term[] Children => [A, B];
    public override Term WithChildren(Term[] children) => Like(new ImpliesTerm(Expect(children, 2)[0], children[1]));
    protected internal override Value EvalCore(EvalState es, Frame f) => BoolValue.Of(!A.EvalBool(es, f, this, 0) || B.EvalBool(es, f, this, 1));
}

public sealed class EquivTerm : Term
{
    public Term A, B;
    public EquivTerm(Term a, Term b) { A = a; B = b; Lvl = Math.Max(a.Lvl, b.Lvl); }

    public override Term[] Children => [A, B];
    public override Term WithChildren(Term[] children) => Like(new EquivTerm(Expect(children, 2)[0], children[1]));

    // TLC evaluates both operands before it looks at either (Tool, OPCODE_equiv).
    private bool Equiv(EvalState es, Frame f)
    {
        var a = A.Eval(es, f);
        var b = B.Eval(es, f);
        if (a is BoolValue x && b is BoolValue y) return x.B == y.B;
        throw TlcWords.NotBoolean(this, a is BoolValue ? B : A, a is BoolValue ? 1 : 0, a is BoolValue ? b : a);
    }
    protected internal override Value EvalCore(EvalState es, Frame f) => BoolValue.Of(Equiv(es, f));
}

public sealed class IfTerm : Term
{
    public Term Cond, Then, Else;
    public IfTerm(Term c, Term t, Term e) { Cond = c; Then = t; Else = e; Lvl = Math.Max(c.Lvl, Math.Max(t.Lvl, e.Lvl)); }

    public override Term[] Children => [Cond, Then, Else];
    public override Term WithChildren(Term[] children) => Like(new IfTerm(Expect(children, 3)[0], children[1], children[2]));
    protected internal override Value EvalCore(EvalState es, Frame f) => Cond.EvalBool(es, f, this) ? Then.Eval(es, f) : Else.Eval(es, f);
}

public sealed class CaseTerm : Term
{
    public readonly Term[] Guards, Values;
    public Term Other;

    public CaseTerm(Term[] guards, Term[] values, Term other)
    {
        Guards = guards;
        Values = values;
        Other = other;
        Lvl = Math.Max(guards.Concat(values).Max(t => t.Lvl), other?.Lvl ?? 0);
    }

    /// <summary>Arm by arm its guard and its value, then OTHER (when there is one).</summary>
    public override Term[] Children
    {
        get
        {
            var r = new Term[2 * Guards.Length + (Other == null ? 0 : 1)];
            for (int i = 0; i < Guards.Length; i++)
            {
                r[2 * i] = Guards[i];
                r[2 * i + 1] = Values[i];
            }
            if (Other != null) r[^1] = Other;
            return r;
        }
    }

    public override Term WithChildren(Term[] children)
    {
        int n = Guards.Length;
        Expect(children, 2 * n + (Other == null ? 0 : 1));
        var guards = new Term[n];
        var values = new Term[n];
        for (int i = 0; i < n; i++)
        {
            guards[i] = children[2 * i];
            values[i] = children[2 * i + 1];
        }
        return Like(new CaseTerm(guards, values, Other == null ? null : children[^1]));
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        for (int i = 0; i < Guards.Length; i++)
            if (Guards[i].EvalBool(es, f, this, i)) return Values[i].Eval(es, f);
        if (Other != null) return Other.Eval(es, f);
        throw TlcWords.CaseNoArm(this);
    }
}

public sealed class EqTerm : Term
{
    public Term A, B;
    public EqTerm(Term a, Term b) { A = a; B = b; Lvl = Math.Max(a.Lvl, b.Lvl); }

    public override Term[] Children => [A, B];
    public override Term WithChildren(Term[] children) => Like(new EqTerm(Expect(children, 2)[0], children[1]));
    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var a = A.Eval(es, f);
        var b = B.Eval(es, f);
        try { return BoolValue.Of(TlcCompare.Equal(a, b)); }
        catch (ValueException e) { throw Failed(this, es, e, a, b); }
    }

    /// <summary>The error of <c>a = b</c> (or <c>a # b</c>) at <paramref name="at"/>; in the replay that records the
    /// expressions being evaluated, marked as a failure of the values TLC's equals went through (the left operand,
    /// then the parts of it compared) when one of them was built in place (<see cref="NestedExpressions.Fingerprint"/>).</summary>
    internal static TlaException Failed(Term at, EvalState es, ValueException e, Value a, Value b)
    {
        var x = at.Error(e.Message);
        es.Track?.Fingerprint(x, TlcCompare.Receivers(a, b));
        return x;
    }

    /// <summary>TLC's equality (an error for values of kinds it cannot compare), located at <paramref name="at"/>.</summary>
    public static bool TlcEqual(Term at, Value a, Value b)
    {
        try { return TlcCompare.Equal(a, b); }
        catch (ValueException e) { throw at.Error(e.Message); }
    }
}

public sealed class NeqTerm : Term
{
    public Term A, B;
    public NeqTerm(Term a, Term b) { A = a; B = b; Lvl = Math.Max(a.Lvl, b.Lvl); }

    public override Term[] Children => [A, B];
    public override Term WithChildren(Term[] children) => Like(new NeqTerm(Expect(children, 2)[0], children[1]));
    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var a = A.Eval(es, f);
        var b = B.Eval(es, f);
        try { return BoolValue.Of(!TlcCompare.Equal(a, b)); }
        catch (ValueException e) { throw EqTerm.Failed(this, es, e, a, b); }
    }
}

/// <summary>
/// One binder of a quantifier, set constructor or function constructor: a name (or a tuple of names) over a set.
/// Slots are in the current frame.
/// </summary>
public sealed class Binder
{
    public int[] Slots;
    public string[] Names;
    public bool IsTuple;
    public Term Set; // null for an unbounded binder

    public void Bind(Frame f, Value v, Term at)
    {
        if (!IsTuple)
        {
            ValueArray.Set(f.Slots, Slots[0], v);
            return;
        }
        if (v is not FcnBase fb || fb.ToFcn() is not { IsTuple: true } t || t.Size != Slots.Length)
            throw at.Error($"cannot bind the tuple <<{string.Join(", ", Names)}>> to {Term.Show(v)}");
        for (int i = 0; i < Slots.Length; i++) ValueArray.Set(f.Slots, Slots[i], t.Vals[i]);
    }

    /// <summary>The sets of <paramref name="binders"/>, in order, leaving out the unbounded ones (a binder term's
    /// children after its body).</summary>
    public static Term[] SetsOf(Binder[] binders)
    {
        int n = 0;
        foreach (var b in binders) if (b.Set != null) n++;
        var r = new Term[n];
        n = 0;
        foreach (var b in binders) if (b.Set != null) r[n++] = b.Set;
        return r;
    }

    /// <summary>Copies of <paramref name="binders"/> whose sets are <paramref name="sets"/>[<paramref name="from"/>..]
    /// in order (an unbounded binder takes none): for a binder term's <see cref="Term.WithChildren"/>.</summary>
    public static Binder[] WithSets(Binder[] binders, Term[] sets, int from)
    {
        var r = new Binder[binders.Length];
        for (int i = 0; i < binders.Length; i++)
        {
            var b = binders[i];
            r[i] = new Binder { Slots = b.Slots, Names = b.Names, IsTuple = b.IsTuple, Set = b.Set == null ? null : sets[from++] };
        }
        return r;
    }

    /// <summary>Elements of the binder's set in TLC's order (errors on an unbounded or infinite domain).</summary>
    public IEnumerable<Value> Domain(EvalState es, Frame f, Term at) => DomainSet(es, f, at).Elements;

    /// <summary>The binder's set, checked to be bounded and finite.</summary>
    public SetBase DomainSet(EvalState es, Frame f, Term at)
    {
        if (Set == null) throw at.Error($"TLC cannot enumerate the unbounded quantification over {string.Join(", ", Names)}: bound it with \\in S");
        var v = Set.Eval(es, f);
        if (v is not SetBase s)
        {
            // TLC's words for a bound that is not a set: CHOOSE's own, else its contexts' (quantifiers, set maps).
            if (at is ChooseTerm) throw ChooseNotEnumerable(at);
            throw TlcWords.NonEnumerableBound(Set, v);
        }
        if (!s.IsFinite) throw NotEnumerable(s, at);
        return s;
    }

    /// <summary>TLC's error for a bound set it cannot enumerate. Nat, Int, STRING and Seq(S) (its overridden values)
    /// are not enumerable at all: a quantifier names the bound (with TLC's explanation for Nat, Int and Seq(S), located
    /// at the bound set), a CHOOSE says S was not enumerable. Any other infinite set (<c>{x \in Nat : p}</c>,
    /// <c>Nat \ {0}</c>, <c>[Nat -> S]</c>) fails when TLC tries to enumerate it, in that set's own words.</summary>
    private TlaException NotEnumerable(SetBase s, Term at)
    {
        if (s is InfiniteSetValue inf)
        {
            if (at is ChooseTerm) return ChooseNotEnumerable(at);
            var name = Term.Show(s);
            // TLC names the bound set's place on the line after its name.
            var bound = Set ?? at;
            var place = bound.Span.Line > 0 ? "\n" + bound.Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(bound.Span.File)) : "";
            var msg = inf.Set switch
            {
                InfiniteSetValue.Which.Nat or InfiniteSetValue.Which.Int =>
                    $"TLC encountered the non-enumerable quantifier bound\n{name}{place}\n" +
                    $"The set {name} contains infinitely many elements. As a result, TLC cannot evaluate expressions that\n" +
                    $"universally (\\A) or existentially (\\E) quantify over {name}, because this would require checking an\n" +
                    $"infinite number of cases. Note that TLC handles set membership like T \\subseteq {name} for any finite set T.",
                InfiniteSetValue.Which.Seq =>
                    $"TLC encountered the non-enumerable quantifier bound\n{name}{place}\n" +
                    "In TLA+, Seq(S) represents the set of all finite sequences whose elements come from the set S. Even when S\n" +
                    "is a finite set, the number of possible sequences in Seq(S) is unbounded because sequences can have any\n" +
                    "finite length (e.g., length 0, 1, 2, and so on). As a result, TLC cannot evaluate expressions that\n" +
                    $"universally (\\A) or existentially (\\E) quantify over {name}, because this would require checking an\n" +
                    "infinite number of cases. Note that for a finite set of sequences s, TLC handles s \\subseteq Seq(S).\n" +
                    "See https://explain.tlapl.us/seq-unenumerable for additional details.",
                _ => $"TLC encountered a non-enumerable quantifier bound\n{name}.{place}",
            };
            return bound.Error(msg);
        }
        return at.Error(s.NotEnumerableMessage());
    }

    private static TlaException ChooseNotEnumerable(Term at) =>
        at.Error("Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable.\n" + TlcWords.Place(at));

    /// <summary>Calls body for every binding of binders[i..], the first binder the outer loop; stops early when body
    /// returns false. Returns false if stopped.</summary>
    public static bool ForAll(Binder[] binders, int i, EvalState es, Frame f, Term at, Func<bool> body) =>
        Each(binders, i, tlcOrder: false, es, f, at, body);

    /// <summary>Calls body for every binding of binders in TLC's order (its ContextEnumerator, used for \E and \A with
    /// several identifiers, in actions, the initial predicate and expressions): the first identifier varies fastest.
    /// The domains do not read the identifiers (SANY rejects <c>\E a \in S, b \in a</c>), so any order may bind them.</summary>
    public static bool ForAllTlcOrder(Binder[] binders, int i, EvalState es, Frame f, Term at, Func<bool> body) =>
        Each(binders, i, tlcOrder: true, es, f, at, body);

    /// <summary><see cref="ForAll"/> (binder i bound at depth i) or <see cref="ForAllTlcOrder"/> (the last binder at
    /// depth 0).</summary>
    private static bool Each(Binder[] binders, int i, bool tlcOrder, EvalState es, Frame f, Term at, Func<bool> body)
    {
        if (i == binders.Length) return body();
        var b = binders[tlcOrder ? binders.Length - 1 - i : i];
        var set = b.DomainSet(es, f, at);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), at);
                StopSignal.Poll(es);
                if (!Each(binders, i + 1, tlcOrder, es, f, at, body)) return false;
            }
            return true;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, at);
            StopSignal.Poll(es);
            if (!Each(binders, i + 1, tlcOrder, es, f, at, body)) return false;
        }
        return true;
    }

    /// <summary>With coverage, over a set written {a, b, ...}: as <see cref="Quantify"/>, charging the set's
    /// enumeration (<see cref="CoverageNode.SetCost"/>).</summary>
    private static bool QuantifyCounted(Binder b, SetBase set, EvalState es, Frame f, Term at, Term body, bool forall)
    {
        long calls = 0;
        foreach (var v in set.ToEnumerated().Elems)
        {
            calls++;
            b.Bind(f, v, at);
            StopSignal.Poll(es);
            if (body.EvalBool(es, f, at) != forall)
            {
                // TLC's ContextEnumerator has asked for the next element already.
                CoverageNode.SetCost(es, b.Set, Math.Min(calls + 1, set.Count + 1));
                return !forall;
            }
        }
        CoverageNode.SetCost(es, b.Set, calls + 1);
        return forall;
    }

    /// <summary>Quantify over the binders not yet bound (i of them are), several binders, in TLC's order (see
    /// <see cref="ForAllTlcOrder"/>): no delegate, no closure.</summary>
    private static bool QuantifyNested(Binder[] binders, int i, EvalState es, Frame f, Term at, Term body, bool forall)
    {
        if (i == binders.Length) return body.EvalBool(es, f, at);
        var b = binders[binders.Length - 1 - i];
        var set = b.DomainSet(es, f, at);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), at);
                StopSignal.Poll(es);
                if (QuantifyNested(binders, i + 1, es, f, at, body, forall) != forall) return !forall;
            }
            return forall;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, at);
            StopSignal.Poll(es);
            if (QuantifyNested(binders, i + 1, es, f, at, body, forall) != forall) return !forall;
        }
        return forall;
    }

    /// <summary>Does body hold for every binding (forall) / some binding (exists)? Without allocating a delegate for
    /// the common single-binder case.</summary>
    public static bool Quantify(Binder[] binders, EvalState es, Frame f, Term at, Term body, bool forall)
    {
        if (binders.Length != 1) return QuantifyNested(binders, 0, es, f, at, body, forall);
        var b = binders[0];
        var set = b.DomainSet(es, f, at);
        if (es.Cov != null && b.Set is SetEnumTerm) return QuantifyCounted(b, set, es, f, at, body, forall);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), at);
                StopSignal.Poll(es);
                if (body.EvalBool(es, f, at) != forall) return !forall;
            }
            return forall;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, at);
            StopSignal.Poll(es);
            if (body.EvalBool(es, f, at) != forall) return !forall;
        }
        return forall;
    }
}

public sealed class QuantTerm : BindingTerm
{
    public readonly bool IsForall;
    public readonly Binder[] Binders;
    public Term Body;

    /// <summary>The slots of all the binders' identifiers, in order.</summary>
    public readonly int[] Slots;

    /// <summary>For the action enumerator: the guards of the call this \E's body is that do not depend on the bound
    /// identifier (see ActionEnumerator.CallGuards); null until looked at.</summary>
    internal object WalkGuards;

    public QuantTerm(bool isForall, Binder[] binders, Term body)
    {
        IsForall = isForall;
        Binders = binders;
        Slots = binders.SelectMany(b => b.Slots).ToArray();
        Body = body;
        Lvl = Math.Max(body.Lvl, binders.Max(b => b.Set?.Lvl ?? 0));
    }

    /// <summary>The body, then the sets.</summary>
    public override Term[] Children => [Body, .. Binder.SetsOf(Binders)];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, 1 + Binder.SetsOf(Binders).Length);
        return Like(new QuantTerm(IsForall, Binder.WithSets(Binders, children, 1), children[0]) { Hoists = Hoists });
    }


    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Hoists?.Enter(es, f);
        return BoolValue.Of(Binder.Quantify(Binders, es, f, this, Body, IsForall));
    }
}

public sealed class ChooseTerm : BindingTerm
{
    public readonly Binder Binder;
    public Term Body;

    public ChooseTerm(Binder binder, Term body)
    {
        Binder = binder;
        Body = body;
        Lvl = Math.Max(body.Lvl, binder.Set?.Lvl ?? 0);
    }

    /// <summary>The body, then the set (when bounded).</summary>
    public override Term[] Children => [Body, .. Binder.SetsOf([Binder])];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, 1 + Binder.SetsOf([Binder]).Length);
        return Like(new ChooseTerm(Binder.WithSets([Binder], children, 1)[0], children[0]) { Hoists = Hoists });
    }


    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Hoists?.Enter(es, f);
        if (Binder.Set == null)
            // TLC's words (Tool.evalAppl, OPCODE_uc), with the place of the CHOOSE; a model value for the definition in
            // the .cfg is the other way out.
            throw Error("TLC attempted to evaluate an unbounded CHOOSE.\nMake sure that the expression is of form CHOOSE x \\in S: P(x).\n" + TlcWords.Place(this));
        var set = Binder.DomainSet(es, f, this);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                var v = IntValue.Of(x);
                Binder.Bind(f, v, this);
                StopSignal.Poll(es);
                if (Body.EvalBool(es, f, this)) return v;
            }
        }
        else
        {
            long calls = 0;
            foreach (var v in set.ToEnumerated().Elems)
            {
                calls++;
                Binder.Bind(f, v, this);
                StopSignal.Poll(es);
                if (Body.EvalBool(es, f, this))
                {
                    if (es.Cov != null) CoverageNode.SetCost(es, Binder.Set, calls);
                    return v;
                }
            }
        }
        // TLC's words (Tool, OPCODE_bc): the message, then the place of the CHOOSE.
        throw Error("Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\n" +
            Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(Span.File)));
    }
}

/// <summary><c>LET</c>: zero-arity definitions become lazily evaluated slots of the current frame; definitions with
/// parameters are local operators called through <see cref="OpCallTerm"/>.</summary>
public sealed class LetTerm : Term
{
    public readonly int[] Slots;
    public readonly Term[] Bodies;
    public Term Body;
    /// <summary>The LET's operators with parameters (their bodies are compiled apart, called by name).</summary>
    public OpDef[] LocalOps = Array.Empty<OpDef>();

    // One marker per definition, shared by every entry: entering the LET allocates nothing.
    private LetPending[] _pending;

    public LetTerm(int[] slots, Term[] bodies, Term body)
    {
        Slots = slots;
        Bodies = bodies;
        Body = body;
        // TLC's level bound of a LET (Tool.getLevelBound) includes its definitions', used or not: a constraint
        // LET l == x IN 1 >= 3 is a state predicate to TLC (FALSE on every state), not a constant equal to FALSE.
        Lvl = bodies.Aggregate(body.Lvl, (l, b) => Math.Max(l, b.Lvl));
        _pending = bodies.Select(b => new LetPending(b)).ToArray();
    }

    /// <summary>After <see cref="Bodies"/> were rewritten (<see cref="Hoisting"/>).</summary>
    public void RefreshPending() => _pending = Bodies.Select(b => new LetPending(b)).ToArray();

    /// <summary>The definitions' bodies (those without parameters), then the body after IN. The definitions with
    /// parameters (<see cref="LocalOps"/>) are compiled apart: not children.</summary>
    public override Term[] Children => [.. Bodies, Body];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, Bodies.Length + 1);
        var let = new LetTerm(Slots, children[..^1], children[^1]) { LocalOps = LocalOps };
        // The resolver's level of a LET counts its definitions with parameters too.
        foreach (var op in LocalOps)
            if (!op.IsRecursive && op.Body is { } ob && ob.Lvl > let.Lvl) let.Lvl = ob.Lvl;
        return Like(let);
    }

    public void Enter(EvalState es, Frame f)
    {
        for (int i = 0; i < Slots.Length; i++) ValueArray.Set(f.Slots, Slots[i], _pending[i]);
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Enter(es, f);
        return Body.Eval(es, f);
    }
}

/// <summary>A label <c>lbl :: e</c> (or any transparent wrapper kept for trace names).</summary>
public sealed class LabelTerm : Term
{
    public readonly string Label;
    public Term Body;
    public LabelTerm(string label, Term body) { Label = label; Body = body; Lvl = body.Lvl; }

    public override Term[] Children => [Body];
    public override Term WithChildren(Term[] children) => Like(new LabelTerm(Label, Expect(children, 1)[0]));
    protected internal override Value EvalCore(EvalState es, Frame f) => Body.Eval(es, f);
}

/// <summary>
/// A part of a specification evaluated in a frame of its own, whatever frame it is given: what the walk of a
/// SPECIFICATION found under a LET or in an operator's argument (<c>Spec == LET I == ... IN I /\ [][N]_v</c>), with the
/// function that builds its frame for one evaluation. The action enumerator walks <see cref="Inner"/> in that frame.
/// </summary>
public sealed class ScopedTerm : Term
{
    public readonly Term Inner;
    public readonly Func<EvalState, Frame> FrameFor;

    public ScopedTerm(Term inner, Func<EvalState, Frame> frameFor)
    {
        Inner = inner;
        FrameFor = frameFor;
        Lvl = inner.Lvl;
        Span = inner.Span;
    }

    /// <summary>The part (evaluated in the frame <see cref="FrameFor"/> builds, not the frame this term is given).</summary>
    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new ScopedTerm(Expect(children, 1)[0], FrameFor));

    protected internal override Value EvalCore(EvalState es, Frame f) => Inner.Eval(es, FrameFor(es));
}
