using Ops.Tla.Eval;
using Ops.Tla.Values;
using Ops.Tla.Checking;

namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// A temporal formula in negation normal form over state and action predicates: what the liveness checker works on.
/// Atoms keep the term and the frame their bound identifiers live in (a quantifier over a finite set is expanded
/// into one copy per element).
/// </summary>
public abstract class Ltl
{
    /// <summary>The formulas this one is made of (none for an atom or a constant), in order.</summary>
    public virtual Ltl[] Children => [];

    public sealed class Atom : Ltl
    {
        public readonly Term Term;
        /// <summary>Builds the frame the term is evaluated in, afresh for each evaluation (LET definitions entered
        /// again, arguments passed by name); one object per scope, so it also tells atoms of different scopes apart.</summary>
        public readonly ActionContext Context;
        public readonly bool Negated;
        /// <summary>True for an action (evaluated on a step); false for a state predicate.</summary>
        public readonly bool IsAction;
        public readonly string Text;

        public Atom(Term term, ActionContext context, bool negated, bool isAction, string text)
        {
            Term = term;
            Context = context;
            Negated = negated;
            IsAction = isAction;
            Text = text;
        }

        /// <summary>The frame for one evaluation with <paramref name="es"/>.</summary>
        public Frame FrameFor(EvalState es) => Context.Reuse(es);

        public Atom Negate() => new(Term, Context, !Negated, IsAction, Text);
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
        public override Ltl[] Children => Items;
        public override string ToString() => "(" + string.Join(" /\\ ", Items.Select(i => i.ToString())) + ")";
    }

    public sealed class Or : Ltl
    {
        public readonly Ltl[] Items;
        public Or(Ltl[] items) { Items = items; }
        public override Ltl[] Children => Items;
        public override string ToString() => "(" + string.Join(" \\/ ", Items.Select(i => i.ToString())) + ")";
    }

    public sealed class Always : Ltl
    {
        public readonly Ltl Body;
        public Always(Ltl body) { Body = body; }
        public override Ltl[] Children => [Body];
        public override string ToString() => "[]" + Body;
    }

    public sealed class Eventually : Ltl
    {
        public readonly Ltl Body;
        public Eventually(Ltl body) { Body = body; }
        public override Ltl[] Children => [Body];
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

    /// <summary>True when an action is among the formula's atoms.</summary>
    public bool HasAction => this is Atom a ? a.IsAction : Children.Any(c => c.HasAction);

    /// <summary>The formula's atoms, in order (an atom used twice, twice).</summary>
    public IEnumerable<Atom> Atoms => this is Atom a ? [a] : Children.SelectMany(c => c.Atoms);

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

    /// <summary>The formula <paramref name="t"/> (negated when <paramref name="negate"/>) found at
    /// <paramref name="sc"/> of the walk.</summary>
    /// <summary>Whether <paramref name="t"/> calls an operator reading the search's state (TLCGet and its kin),
    /// looking through the definitions it calls. TLC gives such an operator state level in a temporal formula (its
    /// Java override's minimum level): TLCGet("level") is evaluated on each state, as the state's depth, not once as a
    /// constant.</summary>
    private static bool ReadsSearchState(Term t, HashSet<OpDef> seen)
    {
        switch (t)
        {
            case BuiltinCallTerm { Op.ReadsSearchState: true }:
            case LazyBuiltinCallTerm { Op.ReadsSearchState: true }:
                return true;
            case OpCallTerm c when (seen ??= new HashSet<OpDef>()).Add(c.Def) && c.Def.EnsureBody() is { } body && ReadsSearchState(body, seen):
                return true;
        }
        foreach (var child in t.Children)
            if (ReadsSearchState(child, seen)) return true;
        return false;
    }

    public Ltl Build(Term t, Scope sc, bool negate)
    {
        if (++_depth > 400) throw new TlaException(ErrorKind.Unsupported, t.Span, "the temporal formula is nested too deeply (a recursive definition?)");
        try { return BuildCore(t, sc, negate); }
        finally { _depth--; }
    }

    private int _depth;

    private Ltl BuildCore(Term t, Scope sc, bool negate)
    {
        var f = sc.Frame;
        // An argument passed by name, a LET definition or an operator parameter stands for a formula whose level is
        // its own (a parameter is compiled as a constant): look through it when that formula is temporal.
        switch (t)
        {
            case LocalTerm lt when f.Up(lt.Hops).Slots[lt.Slot] is Thunk or LetPending
                                   && lt.Raw(f, _es) is Thunk th && sc.Enter(th) is { } inner:
                return Build(th.Body, inner, negate);
            case ParamCallTerm pc when f.Up(pc.Hops).Slots[pc.Slot] is Closure pcl && pcl.Def.EnsureBody() is { Lvl: Level.Temporal }
                                       && sc.CallParam(pc, _es, out var pdef) is { } pscope:
                return Build(pdef.Body, pscope, negate);
        }
        if (t.Lvl <= Level.Action && t is not TemporalTerm)
        {
            if (t.Lvl == Level.Constant && t is not (OpCallTerm { Args.Length: > 0 } or ParamCallTerm) && !ReadsSearchState(t, null))
            {
                // A parameter is compiled as a constant, but its argument (passed by name) may read the state: then
                // the predicate is one of the state after all.
                // TLC walks the connectives of a constant part too, evaluating each operand on its own.
                if (t is AndTerm or OrTerm or NotTerm or ImpliesTerm or IfTerm or LetTerm or LabelTerm && !ReadsArgumentByName(t, f, 0)) ProbeConstantParts(t, sc, 0);
                bool v;
                try { v = t.EvalBool(_es, f); }
                catch (TlaException e) when (e.Kind == ErrorKind.Eval)
                {
                    // TLC (Liveness.astToLive) evaluates a constant part of the formula as it builds its tableau,
                    // before the search: its failure ends the run there (exit 255, the message alone). A value that
                    // is not a Boolean is its own error there; Ops's evaluation words it after the operator.
                    // Unless the part reads an argument passed by name (a parameter compiled as a constant bound to
                    // a state expression): then it is a predicate of the state after all.
                    if (!NotBoolean(t, f) && !ReadsArgumentByName(t, f, 0)
                        && !(_es.Current == null && e.Message.StartsWith("In evaluation, the identifier", StringComparison.Ordinal)))
                        throw BeforeSearch(e);
                    return new Ltl.Atom(t, sc.Context, negate, false, Describe(t));
                }
                catch (ValueException e) when (!ReadsArgumentByName(t, f, 0))
                {
                    throw BeforeSearch(e);
                }
                catch (ValueException)
                {
                    return new Ltl.Atom(t, sc.Context, negate, false, Describe(t));
                }
                return new Ltl.Const(v != negate);
            }
            // TLC walks a state or action predicate too (its conjunctions, disjunctions, negations, implications, IF,
            // LET, labels and the definitions it calls), evaluating each constant part it meets.
            ProbeConstantParts(t, sc, 0);
            return new Ltl.Atom(t, sc.Context, negate, t.Lvl == Level.Action, Describe(t));
        }
        switch (t)
        {
            case AndTerm a:
            {
                var items = a.Items.Select(i => Build(i, sc, negate)).ToArray();
                return negate ? Ltl.MkOr(items) : Ltl.MkAnd(items);
            }
            case OrTerm o:
            {
                var items = o.Items.Select(i => Build(i, sc, negate)).ToArray();
                return negate ? Ltl.MkAnd(items) : Ltl.MkOr(items);
            }
            case NotTerm n:
                return Build(n.Inner, sc, !negate);
            case ImpliesTerm imp:
                // A => B == ~A \/ B
                return negate
                    ? Ltl.MkAnd(Build(imp.A, sc, false), Build(imp.B, sc, true))
                    : Ltl.MkOr(Build(imp.A, sc, true), Build(imp.B, sc, false));
            case EquivTerm eq:
            {
                var a = Build(eq.A, sc, false);
                var b = Build(eq.B, sc, false);
                var na = Build(eq.A, sc, true);
                var nb = Build(eq.B, sc, true);
                return negate
                    ? Ltl.MkOr(Ltl.MkAnd(a, nb), Ltl.MkAnd(na, b))
                    : Ltl.MkOr(Ltl.MkAnd(a, b), Ltl.MkAnd(na, nb));
            }
            case IfTerm ite:
            {
                // IF c THEN A ELSE B == (c /\ A) \/ (~c /\ B), c a state predicate or a constant.
                var c = Build(ite.Cond, sc, false);
                var nc = Build(ite.Cond, sc, true);
                return Ltl.MkOr(Ltl.MkAnd(c, Build(ite.Then, sc, negate)), Ltl.MkAnd(nc, Build(ite.Else, sc, negate)));
            }
            case CaseTerm cs:
                // TLC's liveness checker has no CASE (LiveExprNode): a temporal CASE is an error there.
                throw new TlaException(ErrorKind.TlcRefused, cs.Span, $"TLC cannot handle the temporal formula {LocationOf(cs, sc)}");
            case LabelTerm l:
                return Build(l.Body, sc, negate);
            case LetTerm let:
                return Build(let.Body, sc.Let(let, _es), negate);
            case OpCallTerm call:
                return Build(call.Def.EnsureBody(), sc.Call(call, _es), negate);
            case QuantTerm q:
            {
                // Expand over the (finite) domain; each element gets its own scope.
                var parts = new List<Ltl>();
                bool inBody = false;
                try
                {
                    q.Hoists?.Enter(_es, f);
                    Binder.ForAll(q.Binders, 0, _es, f, q, () =>
                    {
                        inBody = true;
                        parts.Add(Build(q.Body, sc.Bind(q, _es), negate));
                        inBody = false;
                        return true;
                    });
                }
                catch (Exception e) when (!inBody && e is TlaException { Kind: ErrorKind.Eval } or ValueException)
                {
                    // TLC enumerates the domain of a quantifier over a temporal formula without a state
                    // (Liveness.astToLive): one that reads a variable is EC.TLC_LIVE_CANNOT_HANDLE_FORMULA, exit 255.
                    throw new TlaException(ErrorKind.TlcRefused, q.Span, $"TLC cannot handle the temporal formula {LocationOf(q, sc)}:\n{e.Message}");
                }
                bool conj = q.IsForall != negate;
                return conj ? Ltl.MkAnd(parts.ToArray()) : Ltl.MkOr(parts.ToArray());
            }
            case TemporalTerm tt:
                return BuildTemporal(tt, sc, negate);
            case ActionBoxTerm box:
                // [A]_v as a formula of one step: A \/ v' = v; <<A>>_v: A /\ v' # v.
                return new Ltl.Atom(box, sc.Context, negate, true, Describe(box));
            default:
                throw new TlaException(ErrorKind.Unsupported, t.Span, $"this temporal formula ({t.GetType().Name}) is not supported by the liveness checker");
        }
    }

    /// <summary>Does <paramref name="t"/> read an operator parameter bound, in <paramref name="f"/>, to an argument
    /// passed by name (which may read the state though the parameter is compiled as a constant)?</summary>
    private static bool ReadsArgumentByName(Term t, Frame f, int depth)
    {
        if (depth > 200) return true;
        switch (t)
        {
            case ParamCallTerm:
                return true;
            case LocalTerm lt:
                {
                    var fr = f;
                    for (int h = 0; h < lt.Hops && fr != null; h++) fr = fr.Up(1);
                    if (fr == null || lt.Slot >= fr.Slots.Length) return true;
                    if (fr.Slots[lt.Slot] is Thunk) return true;
                    break;
                }
        }
        foreach (var c in t.Children)
            if (ReadsArgumentByName(c, f, depth + 1)) return true;
        return false;
    }

    /// <summary>Does <paramref name="t"/> evaluate to something other than a Boolean (rather than fail)?</summary>
    private bool NotBoolean(Term t, Frame f)
    {
        try { return t.Eval(_es, f) is not BoolValue; }
        catch (Exception e) when (e is TlaException or ValueException) { return false; }
    }

    /// <summary>TLC's error for a failure while it builds its liveness tableau (before the search, exit 255, no
    /// figures): MP's general message naming the Java exception, then the message.</summary>
    private static TlaException BeforeSearch(Exception e)
    {
        var tlcEval = e is TlaException { TlcEvalError: true } or ValueException { TlcEvalError: true };
        if (e is TlaException { TlcRuntime: true } or ValueException { TlcRuntime: true })
            return new TlaException(ErrorKind.TlcRefused, e.Message);
        return new TlaException(ErrorKind.TlcRefused, TlcWords.Unexpected(e.Message, tlcEval));
    }

    /// <summary>
    /// TLC's Liveness.astToLive walks a predicate of a temporal formula the way it walks the formula: through
    /// <c>/\</c>, <c>\/</c>, <c>~</c>, <c>=&gt;</c>, IF, LET, labels and the bodies of the definitions it calls (with
    /// arguments it can evaluate without a state), and evaluates each part of constant level it meets on the way
    /// (not inside a quantifier over a predicate, whose failures it swallows). A part that fails there ends the run
    /// before the search: this walk meets those parts in TLC's order and raises the first failure.
    /// </summary>
    private void ProbeConstantParts(Term t, Scope sc, int depth)
    {
        if (depth > 64) return;
        if (t is OpCallTerm { Args.Length: > 0 } c0 && c0.Args.All(a => a.Lvl == Level.Constant) && c0.Def.EnsureBody() is { } b0)
        {
            // TLC evaluates the arguments without a state; when one fails it does not look into the body.
            Scope inner;
            try
            {
                foreach (var a in c0.Args) a.Eval(_es, sc.Frame);
                inner = sc.Call(c0, _es);
            }
            catch (Exception e) when (e is TlaException or ValueException) { return; }
            ProbeConstantParts(b0, inner, depth + 1);
            return;
        }
        if (t.Lvl == Level.Constant && t is not (AndTerm or OrTerm or NotTerm or ImpliesTerm or IfTerm or LetTerm or LabelTerm or OpCallTerm { Args.Length: 0 }))
        {
            if (t is OpCallTerm { Args.Length: > 0 } or ParamCallTerm || ReadsSearchState(t, null) || ReadsArgumentByName(t, sc.Frame, 0)) return;
            Value v;
            try { v = t.Eval(_es, sc.Frame); }
            catch (TlaException e) when (e.Kind == ErrorKind.Eval && _es.Current == null && e.Message.StartsWith("In evaluation, the identifier", StringComparison.Ordinal))
            {
                // A parameter is compiled as a constant, but the argument passed by name for it reads the state: the
                // part is not constant after all.
                return;
            }
            catch (TlaException e) when (e.Kind == ErrorKind.Eval)
            {
                throw BeforeSearch(e);
            }
            catch (ValueException e)
            {
                throw BeforeSearch(e);
            }
            // A value that is not a Boolean: TLC's EC.TLC_EXPECTED_VALUE names the expression as SANY prints it: a
            // number as the number, any other expression by its place.
            if (v is not BoolValue)
                throw new TlaException(ErrorKind.TlcRefused, "TLC expected a boolean value, but did not find one. " +
                    (t is ConstTerm { Literal: true, Value: IntValue n } ? n.ToString() : LocationOf(t, sc)));
            return;
        }
        switch (t)
        {
            case AndTerm a:
                foreach (var i in a.Items) ProbeConstantParts(i, sc, depth + 1);
                return;
            case OrTerm o:
                foreach (var i in o.Items) ProbeConstantParts(i, sc, depth + 1);
                return;
            case NotTerm n:
                ProbeConstantParts(n.Inner, sc, depth + 1);
                return;
            case ImpliesTerm imp:
                ProbeConstantParts(imp.A, sc, depth + 1);
                ProbeConstantParts(imp.B, sc, depth + 1);
                return;
            case IfTerm ite:
                ProbeConstantParts(ite.Cond, sc, depth + 1);
                ProbeConstantParts(ite.Then, sc, depth + 1);
                ProbeConstantParts(ite.Else, sc, depth + 1);
                return;
            case LabelTerm l:
                ProbeConstantParts(l.Body, sc, depth + 1);
                return;
            case LetTerm let:
                {
                    Scope inner;
                    try { inner = sc.Let(let, _es); }
                    catch (Exception e) when (e is TlaException or ValueException) { return; }
                    ProbeConstantParts(let.Body, inner, depth + 1);
                    return;
                }
            case OpCallTerm { Args.Length: 0 } call when call.Def.EnsureBody() is { } body:
                {
                    Scope inner;
                    try { inner = sc.Call(call, _es); }
                    catch (Exception e) when (e is TlaException or ValueException) { return; }
                    ProbeConstantParts(body, inner, depth + 1);
                    return;
                }
        }
    }

    private static string LocationOf(Term t, Scope sc) =>
        t.Span.Line > 0 ? t.Span.ToTlcString(Path.GetFileNameWithoutExtension(t.Span.File)) : Describe(t);

    private Ltl BuildTemporal(TemporalTerm tt, Scope sc, bool negate)
    {
        switch (tt.Op)
        {
            case "[]":
            {
                // [][A]_v inside a larger formula: [](A \/ UNCHANGED v).
                var body = Build(tt.Args[0], sc, negate);
                return negate ? new Ltl.Eventually(body) : new Ltl.Always(body);
            }
            case "<>":
            {
                var body = Build(tt.Args[0], sc, negate);
                return negate ? new Ltl.Always(body) : new Ltl.Eventually(body);
            }
            case "~>":
            {
                // P ~> Q == [](P => <>Q);  ~(P ~> Q) == <>(P /\ []~Q)
                var p = Build(tt.Args[0], sc, false);
                var np = Build(tt.Args[0], sc, true);
                var q = Build(tt.Args[1], sc, false);
                var nq = Build(tt.Args[1], sc, true);
                return negate
                    ? new Ltl.Eventually(Ltl.MkAnd(p, new Ltl.Always(nq)))
                    : new Ltl.Always(Ltl.MkOr(np, new Ltl.Eventually(q)));
            }
            case "WF":
            case "SF":
            {
                // <<A>>_v and ENABLED <<A>>_v as atoms.
                var angle = new ActionBoxTerm(tt.Args[0], tt.Sub, isAngle: true) { Span = tt.Span, OfFairness = true };
                var enabled = new EnabledTerm(angle) { Span = tt.Span };
                var text = $"{tt.Op}_{Describe(tt.Sub)}({Describe(tt.Args[0])})";
                var act = new Ltl.Atom(angle, sc.Context, false, true, "<<" + Describe(tt.Args[0]) + ">>");
                var en = new Ltl.Atom(enabled, sc.Context, false, false, "ENABLED <<" + Describe(tt.Args[0]) + ">>");
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
            case "\\EE" or "\\AA":
                // TLC's liveness checker has no temporal quantifiers (Liveness.astToLive): EC.TLC_LIVE_CANNOT_HANDLE_FORMULA.
                throw new TlaException(ErrorKind.TlcRefused, tt.Span, $"TLC cannot handle the temporal formula {LocationOf(tt, sc)}");
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
