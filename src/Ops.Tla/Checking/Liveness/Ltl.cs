using Ops.Tla.Eval;
using Ops.Tla.Values;

namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// A temporal formula in negation normal form over state and action predicates: what the liveness checker works on.
/// Atoms keep the term and the frame their bound identifiers live in (a quantifier over a finite set is expanded
/// into one copy per element).
/// </summary>
public abstract class Ltl
{
    public sealed class Atom : Ltl
    {
        public readonly Term Term;
        public readonly Frame Frame;
        public readonly bool Negated;
        /// <summary>True for an action (evaluated on a step); false for a state predicate.</summary>
        public readonly bool IsAction;
        public readonly string Text;

        public Atom(Term term, Frame frame, bool negated, bool isAction, string text)
        {
            Term = term;
            Frame = frame;
            Negated = negated;
            IsAction = isAction;
            Text = text;
        }

        public Atom Negate() => new(Term, Frame, !Negated, IsAction, Text);
        public override string ToString() => (Negated ? "~" : "") + Text;
    }

    /// <summary>A Boolean constant (a predicate known without a state).</summary>
    public sealed class Const : Ltl
    {
        public readonly bool Value;
        public Const(bool v) { Value = v; }
        public override string ToString() => Value ? "TRUE" : "FALSE";
    }

    public sealed class And : Ltl
    {
        public readonly Ltl[] Items;
        public And(Ltl[] items) { Items = items; }
        public override string ToString() => "(" + string.Join(" /\\ ", Items.Select(i => i.ToString())) + ")";
    }

    public sealed class Or : Ltl
    {
        public readonly Ltl[] Items;
        public Or(Ltl[] items) { Items = items; }
        public override string ToString() => "(" + string.Join(" \\/ ", Items.Select(i => i.ToString())) + ")";
    }

    public sealed class Always : Ltl
    {
        public readonly Ltl Body;
        public Always(Ltl body) { Body = body; }
        public override string ToString() => "[]" + Body;
    }

    public sealed class Eventually : Ltl
    {
        public readonly Ltl Body;
        public Eventually(Ltl body) { Body = body; }
        public override string ToString() => "<>" + Body;
    }

    /// <summary>True when the formula has no temporal operator (a state or action predicate combination).</summary>
    public bool IsPredicate => this switch
    {
        Atom or Const => true,
        And a => a.Items.All(i => i.IsPredicate),
        Or o => o.Items.All(i => i.IsPredicate),
        _ => false,
    };

    public bool HasAction => this switch
    {
        Atom a => a.IsAction,
        Const => false,
        And a => a.Items.Any(i => i.HasAction),
        Or o => o.Items.Any(i => i.HasAction),
        Always x => x.Body.HasAction,
        Eventually x => x.Body.HasAction,
        _ => false,
    };

    public static Ltl MkAnd(params Ltl[] items)
    {
        var list = new List<Ltl>();
        foreach (var i in items)
        {
            if (i is Const { Value: true }) continue;
            if (i is Const { Value: false }) return new Const(false);
            if (i is And a) list.AddRange(a.Items);
            else list.Add(i);
        }
        return list.Count switch { 0 => new Const(true), 1 => list[0], _ => new And(list.ToArray()) };
    }

    public static Ltl MkOr(params Ltl[] items)
    {
        var list = new List<Ltl>();
        foreach (var i in items)
        {
            if (i is Const { Value: false }) continue;
            if (i is Const { Value: true }) return new Const(true);
            if (i is Or o) list.AddRange(o.Items);
            else list.Add(i);
        }
        return list.Count switch { 0 => new Const(false), 1 => list[0], _ => new Or(list.ToArray()) };
    }
}

/// <summary>
/// Turns a resolved temporal formula (terms) into <see cref="Ltl"/> in negation normal form: definitions and LET are
/// looked through, quantifiers over finite sets expanded, <c>~&gt;</c>, WF and SF rewritten
/// (WF_v(A) = []&lt;&gt;(~ENABLED &lt;&lt;A&gt;&gt;_v \/ &lt;&lt;A&gt;&gt;_v), SF_v(A) = &lt;&gt;[]~ENABLED &lt;&lt;A&gt;&gt;_v \/ []&lt;&gt;&lt;&lt;A&gt;&gt;_v).
/// </summary>
public sealed class LtlBuilder
{
    private readonly EvalState _es;

    public LtlBuilder(EvalState es) { _es = es; }

    public Ltl Build(Term t, Frame f, bool negate)
    {
        if (t.Lvl <= Level.Action && t is not TemporalTerm)
        {
            if (t.Lvl == Level.Constant && t is not OpCallTerm { Args.Length: > 0 })
            {
                bool v = t.EvalBool(_es, f);
                return new Ltl.Const(v != negate);
            }
            return new Ltl.Atom(t, f, negate, t.Lvl == Level.Action, Describe(t));
        }
        switch (t)
        {
            case AndTerm a:
            {
                var items = a.Items.Select(i => Build(i, f, negate)).ToArray();
                return negate ? Ltl.MkOr(items) : Ltl.MkAnd(items);
            }
            case OrTerm o:
            {
                var items = o.Items.Select(i => Build(i, f, negate)).ToArray();
                return negate ? Ltl.MkAnd(items) : Ltl.MkOr(items);
            }
            case NotTerm n:
                return Build(n.Inner, f, !negate);
            case ImpliesTerm imp:
                // A => B == ~A \/ B
                return negate
                    ? Ltl.MkAnd(Build(imp.A, f, false), Build(imp.B, f, true))
                    : Ltl.MkOr(Build(imp.A, f, true), Build(imp.B, f, false));
            case EquivTerm eq:
            {
                var a = Build(eq.A, f, false);
                var b = Build(eq.B, f, false);
                var na = Build(eq.A, f, true);
                var nb = Build(eq.B, f, true);
                return negate
                    ? Ltl.MkOr(Ltl.MkAnd(a, nb), Ltl.MkAnd(na, b))
                    : Ltl.MkOr(Ltl.MkAnd(a, b), Ltl.MkAnd(na, nb));
            }
            case LabelTerm l:
                return Build(l.Body, f, negate);
            case LetTerm let:
                let.Enter(_es, f);
                return Build(let.Body, f, negate);
            case OpCallTerm call:
            {
                var frame = call.Def.NewFrame(call.DefiningFrame(f), call.EvalArgs(_es, f));
                return Build(call.Def.EnsureBody(), frame, negate);
            }
            case QuantTerm q:
            {
                // Expand over the (finite) domain; each element gets its own frame copy.
                var parts = new List<Ltl>();
                q.Hoists?.Enter(_es, f);
                Binder.ForAll(q.Binders, 0, _es, f, q, () =>
                {
                    var copy = new Frame(f.Slots.Length, f.Parent);
                    Array.Copy(f.Slots, copy.Slots, f.Slots.Length);
                    parts.Add(Build(q.Body, copy, negate));
                    return true;
                });
                bool conj = q.IsForall != negate;
                return conj ? Ltl.MkAnd(parts.ToArray()) : Ltl.MkOr(parts.ToArray());
            }
            case TemporalTerm tt:
                return BuildTemporal(tt, f, negate);
            case ActionBoxTerm box:
                // [A]_v as a formula of one step: A \/ v' = v; <<A>>_v: A /\ v' # v.
                return new Ltl.Atom(box, f, negate, true, Describe(box));
            default:
                throw new TlaException(ErrorKind.Unsupported, t.Span, $"this temporal formula ({t.GetType().Name}) is not supported by the liveness checker");
        }
    }

    private Ltl BuildTemporal(TemporalTerm tt, Frame f, bool negate)
    {
        switch (tt.Op)
        {
            case "[]":
            {
                // [][A]_v inside a larger formula: [](A \/ UNCHANGED v).
                var body = Build(tt.Args[0], f, negate);
                return negate ? new Ltl.Eventually(body) : new Ltl.Always(body);
            }
            case "<>":
            {
                var body = Build(tt.Args[0], f, negate);
                return negate ? new Ltl.Always(body) : new Ltl.Eventually(body);
            }
            case "~>":
            {
                // P ~> Q == [](P => <>Q);  ~(P ~> Q) == <>(P /\ []~Q)
                var p = Build(tt.Args[0], f, false);
                var np = Build(tt.Args[0], f, true);
                var q = Build(tt.Args[1], f, false);
                var nq = Build(tt.Args[1], f, true);
                return negate
                    ? new Ltl.Eventually(Ltl.MkAnd(p, new Ltl.Always(nq)))
                    : new Ltl.Always(Ltl.MkOr(np, new Ltl.Eventually(q)));
            }
            case "WF":
            case "SF":
            {
                // <<A>>_v and ENABLED <<A>>_v as atoms.
                var angle = new ActionBoxTerm(tt.Args[0], tt.Sub, isAngle: true) { Span = tt.Span };
                var enabled = new EnabledTerm(angle) { Span = tt.Span };
                var text = $"{tt.Op}_{Describe(tt.Sub)}({Describe(tt.Args[0])})";
                var act = new Ltl.Atom(angle, f, false, true, "<<" + Describe(tt.Args[0]) + ">>");
                var en = new Ltl.Atom(enabled, f, false, false, "ENABLED <<" + Describe(tt.Args[0]) + ">>");
                if (tt.Op == "WF")
                {
                    // WF == []<>(~EN \/ <<A>>);  ~WF == <>[](EN /\ ~<<A>>)
                    return negate
                        ? new Ltl.Eventually(new Ltl.Always(Ltl.MkAnd(en, act.Negate())))
                        : new Ltl.Always(new Ltl.Eventually(Ltl.MkOr(en.Negate(), act)));
                }
                // SF == <>[]~EN \/ []<><<A>>;  ~SF == []<>EN /\ <>[]~<<A>>
                return negate
                    ? Ltl.MkAnd(new Ltl.Always(new Ltl.Eventually(en)), new Ltl.Eventually(new Ltl.Always(act.Negate())))
                    : Ltl.MkOr(new Ltl.Eventually(new Ltl.Always(en.Negate())), new Ltl.Always(new Ltl.Eventually(act)));
            }
            default:
                throw new TlaException(ErrorKind.Unsupported, tt.Span, $"the temporal operator {tt.Op} is not supported by the liveness checker");
        }
    }

    public static string Describe(Term t)
    {
        var s = t.Span;
        return s.Line > 0 ? $"line {s.Line}, col {s.Col}" : t.GetType().Name;
    }
}
