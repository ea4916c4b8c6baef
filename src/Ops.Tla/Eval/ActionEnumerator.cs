using System.Runtime.CompilerServices;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// Finds every state an action (or the initial predicate) allows, the way TLC does: conjuncts left to right,
/// disjuncts and \E each a branch, <c>x' = e</c> and <c>x' \in S</c> assign an unassigned primed variable, anything
/// else is a guard. Every completed branch is one generated state (duplicates included, as TLC counts them).
/// In Init mode the unprimed variables are the ones assigned. Like TLC, the walk is structural whatever the level
/// of a sub-formula: a guard <c>\E x \in S : P</c> yields one state per witness.
/// </summary>
public sealed class ActionEnumerator
{
    private readonly EvalState _es;

    // The continuation of the walk, as an explicit stack of pending work instead of a chain of delegates (no
    // allocation per conjunct): what is left of a conjunction list, of an UNCHANGED tuple, the check of <<A>>_v,
    // and at the bottom the caller's callback. Each entry names the one to continue with after it (Next), and
    // Continue() runs the current one (_cont), which may itself continue with its Next. An entry stays in its slot
    // until the code that pushed it pops it, so running it reads it where it is: nothing is copied out and back.
    private enum PendingKind : byte { Final, Conjuncts, Unchanged, AngleCheck, Delegate, Forall }

    private struct Pending
    {
        public PendingKind Kind;
        public bool RequireComplete;
        public int Index;
        public Term[] Items;
        public Frame Frame;
        public Term At;
        public Func<bool> K;
        /// <summary>For Forall: the bindings of the quantifier's identifiers, one after the other.</summary>
        public Value[] Bindings;
        /// <summary>With coverage: the node the entry's terms are counted under (TLC's ActionItemList cm).</summary>
        public CoverageNode Cov;
        /// <summary>The entry to continue with once this one is done (-1: none).</summary>
        public int Next;
    }

    /// <summary>States handed to the caller so far (for the coverage counts: did the rest of the walk from a node
    /// produce a state?).</summary>
    private long _emitted;

    private Pending[] _stack = new Pending[32];
    /// <summary>The first free slot of <see cref="_stack"/>.</summary>
    private int _top;
    /// <summary>The entry <see cref="Continue"/> runs.</summary>
    private int _cont = -1;

    public ActionEnumerator(EvalState es) { _es = es; }

    /// <summary>Enumerates <paramref name="action"/>; <paramref name="onState"/> sees es.Next filled in and returns
    /// false to stop. Returns false when stopped early.</summary>
    public bool Run(Term action, Frame f, Func<bool> onState, bool requireComplete = true)
    {
        int baseTop = _top, baseCont = _cont;
        int savedFinal = _finalIndex;
        try
        {
            _finalIndex = _top;
            ref var e = ref PushSlot(PendingKind.Final);
            e.K = onState;
            e.At = action;
            e.RequireComplete = requireComplete;
            return Enum(action, f);
        }
        catch (InsufficientExecutionStackException)
        {
            // The walk recurses once per conjunct, disjunct and \A instance still open: TLC's getNextStates does too.
            throw action.Error(_es.InitMode
                ? "the initial predicate nests too deeply to be enumerated (too many conjuncts or \\A instances before every variable has a value)"
                : "the action nests too deeply to be enumerated (too many conjuncts or \\A instances before every primed variable has a value)");
        }
        finally
        {
            _top = baseTop;
            _cont = baseCont;
            _finalIndex = savedFinal;
        }
    }

    /// <summary>With coverage: called when a candidate initial state is rejected once every variable has a value
    /// (TLC adds it to the second figure of the initial predicate's line).</summary>
    public Action InitRejected;

    /// <summary>Called with the number of states TLC counts as generated that are not successors: the intermediate
    /// states of an action composition <c>A \cdot B</c>, a successor that leaves a variable unassigned.</summary>
    public Action<int> IntermediateStates;

    /// <summary>Where the current run's final entry (the caller's callback) sits on the stack: an action composition
    /// swaps it for the collector of its intermediate states while it enumerates A.</summary>
    private int _finalIndex = -1;

    private bool RunEntry(in Pending p)
    {
        if (p.Kind == PendingKind.Final && p.RequireComplete) CheckComplete(p.At);
        return p.K();
    }

    /// <summary>
    /// <c>A \cdot B</c> as TLC enumerates it (with -Dtlc2.tool.impl.Tool.cdot=true): A, followed by the rest of the
    /// action (the pending continuation), from the current state into an intermediate state t that starts as the
    /// partial successor built so far; then, from each t, B followed by the rest of the action into the successor.
    /// The intermediate states count as generated states.
    /// </summary>
    private bool EnumCompose(ComposeTerm c, Frame f)
    {
        var s0 = _es.Current;
        var s1 = _es.Next;
        var partial = (Value[])s1.Clone();
        var intermediates = new List<Value[]>();
        var final = _stack[_finalIndex];
        _stack[_finalIndex] = new Pending
        {
            Kind = PendingKind.Delegate,
            K = () =>
            {
                intermediates.Add((Value[])_es.Next.Clone());
                return true;
            },
            Next = -1,
        };
        _es.Next = (Value[])partial.Clone();
        try { Enum(c.A, f); }
        finally
        {
            _stack[_finalIndex] = final;
            _es.Current = s0;
            _es.Next = s1;
        }
        IntermediateStates?.Invoke(intermediates.Count);
        try
        {
            foreach (var t in intermediates)
            {
                Array.Copy(partial, s1, s1.Length);
                _es.Current = t;
                _stack[_finalIndex] = new Pending
                {
                    Kind = PendingKind.Delegate,
                    K = () =>
                    {
                        bool go = RunEntry(final);
                        _es.Current = t;
                        _es.Next = s1;
                        return go;
                    },
                    Next = -1,
                };
                if (!Enum(c.B, f)) return false;
            }
            return true;
        }
        finally
        {
            _stack[_finalIndex] = final;
            _es.Current = s0;
            _es.Next = s1;
            Array.Copy(partial, s1, s1.Length);
        }
    }

    /// <summary>
    /// The function constructor behind <paramref name="t"/> when TLC would find it still lazy there (a function
    /// constructor written in place, a LET-defined or a non-constant function definition): TLC then enumerates the
    /// application <c>f[a]</c> by walking the function's body for <c>a</c> (so its disjunctions and \E each yield a
    /// state), instead of evaluating it as a guard. Returns the constructor and the frame it is defined in.
    /// </summary>
    private static (FcnConsTerm, Frame) LazyFunction(Term t, Frame f, EvalState es)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            switch (t)
            {
                case FcnConsTerm c:
                    return (c, f);
                case RecursiveFcnTerm r:
                    return (r.Cons, f);
                case LabelTerm lb:
                    t = lb.Body;
                    continue;
                case LocalTerm lt when f != null && lt.Raw(f, es) is Thunk th:
                    t = th.Body;
                    f = th.Frame;
                    continue;
                case OpCallTerm { Args.Length: 0 } call when !call.Def.Cacheable && call.Def.EnsureBody() is FcnConsTerm or RecursiveFcnTerm:
                    f = call.Def.NewFrame(call.DefiningFrame(f), null);
                    t = call.Def.Body;
                    continue;
                default:
                    return (null, null);
            }
        }
        return (null, null);
    }

    private bool EnumFcnApply(FcnAppTerm fa, FcnConsTerm cons, Frame defFrame, Frame f)
    {
        var arg = fa.Args.Length == 1 ? fa.Args[0].Eval(_es, f) : FcnValue.Tuple(fa.Args.Select(a => a.Eval(_es, f).Normalize()).ToArray());
        var domain = cons.EvalDomain(_es, defFrame);
        if (!domain.Contains(arg))
            throw fa.Error($"Attempted to apply a function to the argument {Term.Show(arg)}, which is not in its domain {Term.Show(domain)}.");
        // A copy of the defining frame, as for a lazy application: nested applications must not clobber the binding.
        var g = new Frame(defFrame.Slots.Length, defFrame.Parent);
        Array.Copy(defFrame.Slots, g.Slots, g.Slots.Length);
        cons.Hoists?.Enter(_es, g);
        cons.BindKey(g, arg);
        return Enum(cons.Body, g);
    }

    /// <summary>A new entry on top of the stack, made the current one (what was current is its Next); the caller
    /// sets the fields its kind reads (the others may hold an earlier entry's, which are not read) and pops it with
    /// <see cref="Pop"/> when the walk that needs it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ref Pending PushSlot(PendingKind kind)
    {
        if (_top == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        ref var e = ref _stack[_top];
        e.Kind = kind;
        e.Next = _cont;
        e.Cov = _es.Cov;
        _cont = _top++;
        return ref e;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Pop() => _cont = _stack[--_top].Next;

    /// <summary>Runs the rest of the walk (the current pending entry and, through it, those after it).</summary>
    private bool Continue()
    {
        int k = _cont;
        // Read in place; a push while it runs goes above it (into a new array if the stack grows: this one's copy of
        // the entry is not written again).
        ref var p = ref _stack[k];
        _cont = p.Next;
        bool r;
        var cov = _es.Cov;
        // Not a finally: when an exception leaves the walk, Run resets the stack.
        {
            switch (p.Kind)
            {
                case PendingKind.Conjuncts:
                {
                    var items = p.Items;
                    int index = p.Index;
                    var frame = p.Frame;
                    if (AllAssigned())
                    {
                        // TLC evaluates the rest as predicates with the node that completed the state current (its
                        // nodes are found above it).
                        r = GuardList(items, index, frame);
                    }
                    else
                    {
                        if (cov != null) _es.Cov = p.Cov;
                        r = EnumList(items, index, frame);
                    }
                    break;
                }
                case PendingKind.Unchanged:
                    if (cov != null) _es.Cov = p.Cov;
                    r = UnchangedList(p.Items, p.Index, p.Frame, p.At);
                    break;
                case PendingKind.AngleCheck:
                {
                    var box = (ActionBoxTerm)p.At;
                    bool same;
                    try { same = box.Unchanged.EvalBool(_es, p.Frame); }
                    catch (UnassignedPrimeException e) when (box.OfFairness && e.Variable != null)
                    {
                        // TLC's enabled() on <<A>>_v (Tool.enabledAppl, OPCODE_aa): a general error, exit 255.
                        throw new TlaException(ErrorKind.Eval, box.Span,
                            $"The action formula A appearing in a WF_v(A) or SF_v(A) operator does not specify the primed value of the variable {e.Variable} occurring in the state formula v.")
                        { ExitCode = ExitStatus.SystemError };
                    }
                    r = same || Continue();
                    break;
                }
                case PendingKind.Final:
                {
                    var k2 = p.K;
                    if (p.RequireComplete) CheckComplete(p.At);
                    // Every state produced (initial or successor) sees a stop request, however many one state has.
                    StopSignal.Poll(_es);
                    _emitted++;
                    if (cov != null)
                    {
                        // TLC's getInitStates counts a complete initial state on the node that completed it.
                        if (_es.InitMode && cov.Term != null) Interlocked.Increment(ref cov.Count);
                        // What the caller evaluates for the state (invariants, constraints) is counted on its own.
                        _es.Cov = null;
                    }
                    r = k2();
                    break;
                }
                case PendingKind.Forall:
                {
                    if (cov != null) _es.Cov = p.Cov;
                    // Binding p.Index is done: the next one, then this one again for the branches still to come.
                    var q = (QuantTerm)p.At;
                    var bindings = p.Bindings;
                    int index = p.Index;
                    var frame = p.Frame;
                    r = ForallFrom(q, bindings, index + 1, frame);
                    BindForall(q, bindings, index, frame);
                    break;
                }
                default:
                    r = p.K();
                    break;
            }
        }
        _cont = k;
        if (cov != null) _es.Cov = cov;
        return r;
    }

    /// <summary>Has every variable of the state being built a value? Then TLC (Tool.getNextStatesAllAssigned,
    /// and its init counterpart) evaluates what is left of the conjunct list as predicates, one after the other: a
    /// disjunction or \E there yields one state, not one per true branch.</summary>
    private bool AllAssigned()
    {
        var next = _es.Next;
        for (int i = 0; i < next.Length; i++)
            if (next[i] == null) return false;
        return true;
    }

    /// <summary>Conjuncts i.. as predicates (every variable assigned), then the rest of the walk.</summary>
    private bool GuardList(Term[] items, int i, Frame f)
    {
        for (; i < items.Length; i++)
        {
            StackGuard.Check(_es);
            if (!Formula(items[i], f, walked: false))
            {
                if (_es.Cov != null && _es.InitMode) InitRejected?.Invoke();
                return true;
            }
        }
        return Continue();
    }

    /// <summary>TLC's report of a successor some variables of which the action leaves unassigned (naming the action
    /// when the search knows it), and the fix.</summary>
    public static string IncompleteSuccessorMessage(string action, IReadOnlyList<string> missing)
    {
        var by = action == null ? "the next-state action" : $"action {action} of the next-state relation";
        var names = string.Join(", ", missing);
        return $"Successor state is not completely specified by {by}. The following variable" +
               (missing.Count == 1 ? " is" : "s are") + $" not defined: {names}.\n" +
               $"Assign {(missing.Count == 1 ? "it" : "each")} in this action ({missing[0]}' = ...) or leave it unchanged (UNCHANGED {(missing.Count == 1 ? names : "<<" + names + ">>")}).";
    }

    private void CheckComplete(Term action)
    {
        var next = _es.Next;
        for (int i = 0; i < next.Length; i++)
        {
            if (next[i] == null)
            {
                var name = _es.VariableNames[i];
                // TLC fails to fingerprint an initial state with an unassigned variable ("current state is not a
                // legal state", a general error: exit 255).
                if (_es.InitMode)
                    throw new TlaException(ErrorKind.Eval, action.Span, $"The initial predicate does not assign a value to the variable {name}")
                        { ExitCode = ExitStatus.SystemError };
                // TLC counts the successor as generated, then reports it, its unassigned variables null, as the last
                // state of the trace.
                IntermediateStates?.Invoke(1);
                var partial = new Value[next.Length];
                for (int j = 0; j < next.Length; j++) partial[j] = next[j] ?? ModelValue.Null;
                var missing = new List<string>();
                for (int j = 0; j < next.Length; j++) if (next[j] == null) missing.Add(_es.VariableNames[j]);
                throw new TlaException(ErrorKind.Eval, action.Span, IncompleteSuccessorMessage(null, missing))
                    { IncompleteSuccessor = partial };
            }
        }
    }

    private bool IsAssignable(Term t, Frame f, out int index)
    {
        index = -1;
        // Only the classes tested below can be an assignable primed variable (most terms here are guards).
        if (t.Tag is not (EnumTag.PrimedVar or EnumTag.FreshPrimedVar or EnumTag.Var or EnumTag.Label or EnumTag.Local
            or EnumTag.Prime or EnumTag.OpCall or EnumTag.Let)) return false;
        if (t is PrimedVarTerm p && !_es.InitMode) index = p.Index;
        else if (t is FreshPrimedVarTerm fp && !_es.InitMode)
        {
            index = fp.IndexIn(_es);
            if (index >= _es.Next.Length) return false;
        }
        else if (t is VarTerm v && _es.InitMode) index = v.Index;
        else if (t is LabelTerm l) return IsAssignable(l.Body, f, out index);
        // An operator argument passed by name (Send(p, memInt') with Send(a, b) == b = ...).
        else if (t is LocalTerm lt && f != null && lt.Raw(f, _es) is Thunk th) return IsAssignable(th.Body, th.Frame, out index);
        // q' where the parameter q was passed a variable by name (Lose(msgQ) == ... q' = ...).
        else if (t is PrimeTerm pt && !_es.InitMode && ByNameVariable(pt.Inner, f, _es) is int vi) index = vi;
        // As TLC's getPrimedVar: through a definition without parameters (a == x', I!F with F == x' and x <- a) and
        // a LET (LET y == a' IN y).
        else if (t is OpCallTerm { Args.Length: 0 } call && call.Def.EnsureBody() is { } body
                 && body.Lvl >= (_es.InitMode ? Level.State : Level.Action) && ++_unwrapDepth < 64)
        {
            try { return IsAssignable(body, call.Def.NewFrame(call.DefiningFrame(f), null), out index); }
            finally { _unwrapDepth--; }
        }
        else if (t is LetTerm let && let.Body.Lvl >= (_es.InitMode ? Level.State : Level.Action))
        {
            let.Enter(_es, f);
            return IsAssignable(let.Body, f, out index);
        }
        else return false;
        return _es.Next[index] == null;
    }

    private int _unwrapDepth;

    /// <summary>The state variable a by-name parameter reference (or a definition without parameters that is one)
    /// stands for, if any: <c>c'</c> with <c>c == x</c> primes x.</summary>
    private static int? ByNameVariable(Term t, Frame f, EvalState es)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            switch (t)
            {
                case LocalTerm lt when f != null && lt.Raw(f, es) is Thunk th:
                    t = th.Body;
                    f = th.Frame;
                    continue;
                case LabelTerm lb:
                    t = lb.Body;
                    continue;
                case OpCallTerm { Args.Length: 0 } call when call.Def.EnsureBody() is { Lvl: Level.State } body:
                    f = call.Def.NewFrame(call.DefiningFrame(f), null);
                    t = body;
                    continue;
                case VarTerm v:
                    return v.Index;
                case InlineTerm { ArgTerms.Length: 0 } inl:
                    t = inl.Body;
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>Assigns the variable each element of <paramref name="set"/> in turn (<c>x' \in S</c>).</summary>
    private bool AssignEach(int idx, SetBase set, Term at, CoverageNode node = null)
    {
        if (!set.IsFinite)
        {
            // TLC's Nat, Int, STRING, Seq(S) are not enumerable values at all (its walk says so); another infinite
            // set fails as TLC's enumeration of it does.
            if (set is InfiniteSetValue && at is InTerm) throw TlcWords.WalkInNotEnumerable(at, _es.InitMode);
            throw at.Error($"cannot enumerate the infinite set {Term.Show(set)} to choose a value for {_es.VariableNames[idx]}");
        }
        try
        {
            if (set is IntervalValue iv)
            {
                for (long x = iv.Lo; x <= iv.Hi; x++)
                {
                    StopSignal.Poll(_es);
                    ValueArray.Set(_es.Next, idx, IntValue.Of(x));
                    if (!(node == null ? Continue() : Counted(node))) return false;
                }
                return true;
            }
            foreach (var v in set.ToEnumerated().Elems)
            {
                StopSignal.Poll(_es);
                ValueArray.Set(_es.Next, idx, v);
                if (!(node == null ? Continue() : Counted(node))) return false;
            }
            return true;
        }
        finally { _es.Next[idx] = null; }
    }

    private bool Assign(int idx, Value v, CoverageNode node = null)
    {
        ValueArray.Set(_es.Next, idx, v);
        try { return node == null ? Continue() : Counted(node); }
        finally { _es.Next[idx] = null; }
    }

    /// <summary>With coverage: the rest of the walk from <paramref name="node"/>, counted on it when it produced a
    /// state (TLC's getNextStates(action, acts, ...) with the node's cost model: <c>copy != s1</c>).</summary>
    private bool Counted(CoverageNode node)
    {
        long before = _emitted;
        bool r = Continue();
        if (_emitted > before && !_es.InitMode && node.Term != null) Interlocked.Increment(ref node.Count);
        return r;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Enum(Term t, Frame f) => _es.Cov == null ? EnumCore(t, f, null) : EnumCovered(t, f);

    private bool EnumCovered(Term t, Frame f)
    {
        var cov = _es.Cov;
        // Coverage: the node of t (none for LET, labels...: its parts are found under the current one).
        var node = cov.Find(t);
        if (node == null) return EnumCore(t, f, null);
        if (node.IsTracking) return _es.Track.Enum(t, () => EnumCore(t, f, node));
        _es.Cov = node;
        try { return EnumCore(t, f, node); }
        finally { _es.Cov = cov; }
    }

    /// <summary>A guard (a formula that is not walked): true when it holds. With coverage, counted as TLC counts
    /// it: evaluated on its node, except a call of a standard module's operator, whose arguments only are counted
    /// (TLC applies its Java implementation, not the operator application).</summary>
    private bool Guard(Term t, Frame f, CoverageNode node)
    {
        if (node == null) return Formula(t, f, walked: true);
        if (t is not (BuiltinCallTerm or LazyBuiltinCallTerm or OpCallTerm)) Interlocked.Increment(ref node.Count);
        var v = t.EvalCore(_es, f);
        if (v is BoolValue b) return b.B;
        throw TlcWords.NotBooleanFormula(t, v, _es.InitMode, walked: true);
    }

    /// <summary>A formula of the initial predicate or an action evaluated as a predicate: a non-Boolean is TLC's
    /// error of its walk (<see cref="TlcWords.NotBooleanFormula"/>).</summary>
    private bool Formula(Term t, Frame f, bool walked)
    {
        var v = t.Eval(_es, f);
        if (v is BoolValue b) return b.B;
        throw TlcWords.NotBooleanFormula(t, v, _es.InitMode, walked);
    }

    private bool EnumCore(Term t, Frame f, CoverageNode node)
    {
        StackGuard.Check(_es);
        // One switch on the term's tag (set when the term was made) rather than a test of its class per case: most
        // terms reached here are guards, which were the last case. A case whose condition fails is a guard too.
        switch (t.Tag)
        {
            case EnumTag.Guard:
                break;
            case EnumTag.And:
                return EnumList(Unsafe.As<AndTerm>(t).Items, 0, f);
            case EnumTag.Or:
                foreach (var item in Unsafe.As<OrTerm>(t).Items)
                    if (!Enum(item, f)) return false;
                return true;
            case EnumTag.Quant:
            {
                var q = Unsafe.As<QuantTerm>(t);
                return q.IsForall ? EnumForall(q, f) : EnumExists(q, 0, f);
            }
            case EnumTag.Eq:
            {
                var eq = Unsafe.As<EqTerm>(t);
                if (IsAssignable(eq.A, f, out int idx))
                    return Assign(idx, _es.DeferExcept && eq.B is ExceptTerm ex ? ex.EvalForSuccessor(_es, f) : eq.B.Eval(_es, f).Normalize(), node);
                break;
            }
            case EnumTag.In:
            {
                var inn = Unsafe.As<InTerm>(t);
                if (inn.Negated || !IsAssignable(inn.Elem, f, out int idx)) break;
                var sv = inn.Set.Eval(_es, f);
                if (sv is not SetBase set) throw TlcWords.WalkInNotEnumerable(inn, _es.InitMode);
                if (node != null && inn.Set is SetEnumTerm && set.IsFinite)
                {
                    // TLC asks the set for each element, and once more at the end.
                    long n = set.Count;
                    bool r = AssignEach(idx, set, inn, node);
                    CoverageNode.SetCost(_es, inn.Set, r ? n + 1 : n);
                    return r;
                }
                return AssignEach(idx, set, inn, node);
            }
            // x' \subseteq S (x \subseteq S in the initial predicate) assigns x' each subset of S, as TLC's getNextStates and
            // getInitStates treat it (x' \in SUBSET S).
            case EnumTag.SetOp:
            {
                var sub = Unsafe.As<SetOpTerm>(t);
                if (sub.Kind == SetOpTerm.Op.Subseteq && IsAssignable(sub.A, f, out int idx))
                    return AssignEach(idx, new SubsetValue(sub.B.EvalSet(_es, f)), sub);
                break;
            }
            case EnumTag.Implies:
            {
                var imp = Unsafe.As<ImpliesTerm>(t);
                // TLC enumerates the consequent of P => Q (a disjunction there yields one state per true disjunct).
                // A condition the walk evaluates: a non-Boolean is the walk's error for that operator (TlcWords).
                var pv = imp.A.Eval(_es, f);
                if (pv is not BoolValue pb) throw TlcWords.WalkImplies(imp, pv, _es.InitMode);
                return pb.B ? Enum(imp.B, f) : node == null ? Continue() : Counted(node);
            }
            case EnumTag.Unchanged:
                return EnumUnchanged(Unsafe.As<UnchangedTerm>(t).Inner, f, t);
            case EnumTag.If:
            {
                var i = Unsafe.As<IfTerm>(t);
                var cv = i.Cond.Eval(_es, f);
                if (cv is not BoolValue cb) throw TlcWords.WalkIf(i, cv, _es.InitMode);
                return Enum(cb.B ? i.Then : i.Else, f);
            }
            case EnumTag.Case:
            {
                var c = Unsafe.As<CaseTerm>(t);
                for (int j = 0; j < c.Guards.Length; j++)
                {
                    var gv = c.Guards[j].Eval(_es, f);
                    if (gv is not BoolValue gb) throw TlcWords.WalkCaseGuard(c.Values[j], gv, _es.InitMode);
                    if (gb.B) return Enum(c.Values[j], f);
                }
                if (c.Other != null) return Enum(c.Other, f);
                throw TlcWords.WalkCaseNoArm(c, _es.InitMode);
            }
            case EnumTag.Let:
            {
                var l = Unsafe.As<LetTerm>(t);
                l.Enter(_es, f);
                return Enum(l.Body, f);
            }
            case EnumTag.Label:
                return Enum(Unsafe.As<LabelTerm>(t).Body, f);
            case EnumTag.Scoped:
            {
                var st = Unsafe.As<ScopedTerm>(t);
                return Enum(st.Inner, st.FrameFor(_es));
            }
            case EnumTag.OpCall:
            {
                var call = Unsafe.As<OpCallTerm>(t);
                if (call.Args.Length == 0 && call.Def.Cacheable) break;
                if (call.WalkFrameReuse != 0 && !_es.InitMode && _es.Cov == null && call.FrameStaysInWalk())
                    return EnumCallInKeptFrame(call, f);
                var args = call.EvalArgsForFrame(_es, f, unassignedByName: _es.InitMode);
                var frame = call.Def.NewFrame(call.DefiningFrame(f), args);
                return Enum(call.Def.EnsureBody(), frame);
            }
            case EnumTag.Local:
                if (Unsafe.As<LocalTerm>(t).Raw(f, _es) is Thunk th) return Enum(th.Body, th.Frame);
                break;
            // A definition the hoisting pass inlined where it saw a value (an argument, MyInit(Init)) but which is
            // walked here as a formula: TLC's getInitStates/getNextStates walk the definition's body.
            case EnumTag.Inline:
            {
                var inl = Unsafe.As<InlineTerm>(t);
                if (inl.Body.Lvl < Level.State) break;
                var slots = f.Slots;
                for (int i = 0; i < inl.ArgTerms.Length; i++) ValueArray.Set(slots, inl.ArgSlots[i], inl.ArgTerms[i].Eval(_es, f));
                return Enum(inl.Body, f);
            }
            case EnumTag.ParamCall:
            {
                var pc = Unsafe.As<ParamCallTerm>(t);
                var op = f.Up(pc.Hops).Slots[pc.Slot];
                if (op is Closure cl)
                {
                    var args = new Value[pc.Args.Length];
                    for (int j = 0; j < args.Length; j++)
                    {
                        var a = pc.Args[j];
                        ValueArray.Set(args, j, a.Lvl >= Level.Action ? new Thunk(a, f, _es) : a.Eval(_es, f));
                    }
                    return Enum(cl.Def.Body, cl.Def.NewFrame(cl.DefiningFrame, args));
                }
                return pc.EvalBool(_es, f) ? Continue() : true;
            }
            case EnumTag.FcnApp:
            {
                var fa = Unsafe.As<FcnAppTerm>(t);
                if (!fa.IsField && LazyFunction(fa.Fcn, f, _es) is var (cons, defFrame) && cons != null)
                    return EnumFcnApply(fa, cons, defFrame, f);
                break;
            }
            case EnumTag.Compose:
                if (_es.InitMode) break;
                return EnumCompose(Unsafe.As<ComposeTerm>(t), f);
            case EnumTag.ActionBox:
            {
                var box = Unsafe.As<ActionBoxTerm>(t);
                if (!box.IsAngle)
                {
                    if (!Enum(box.Action, f)) return false;
                    return EnumUnchanged(box.Sub, f, box);
                }
                ref var e = ref PushSlot(PendingKind.AngleCheck);
                e.At = box;
                e.Frame = f;
                bool r = Enum(box.Action, f);
                Pop();
                return r;
            }
        }
        return Guard(t, f, node) ? (node == null ? Continue() : Counted(node)) : true;
    }

    // Frames of the module-level definitions the walk calls (Deposit(c, a) under \E a \in 1..10), kept by size for
    // the next call of one: a call's frame lives until the walk from it returns (its continuation, the successors it
    // completes, runs inside), and then nothing holds it when the definition's body lets no value keep it (see
    // OpCallTerm.FrameStaysInWalk), so it is taken back here instead of a new frame and argument array per call. A
    // call made while the frames of its size are all in use (a recursive definition, \A over a call) gets a new one.
    // Up to 8 per size.
    private readonly FramePool _keptFrames = new(8);

    private Frame TakeFrame(int size) => _keptFrames.Take(size);

    /// <summary>Keeps a frame <see cref="TakeFrame"/> gave once the walk from its call has returned (not after an
    /// exception: the frame is then simply not kept).</summary>
    private void KeepFrame(Frame frame, int size) => _keptFrames.Keep(frame, size);

    private bool EnumCallInKeptFrame(OpCallTerm call, Frame f)
    {
        var frame = KeptFrameOf(call, f, out int size, out _);
        bool r = Enum(call.Def.Body, frame);
        KeepFrame(frame, size);
        return r;
    }

    /// <summary>A kept frame (<see cref="TakeFrame"/>) for <paramref name="call"/> from <paramref name="f"/>: its
    /// arguments evaluated in order as EvalArgsForFrame evaluates them, then the definition's other slots cleared as
    /// in a new frame (a value hoisted out of the body is computed on its first use in each call).
    /// <paramref name="byName"/>: an argument came as a <see cref="Thunk"/> (passed on by name).</summary>
    private Frame KeptFrameOf(OpCallTerm call, Frame f, out int size, out bool byName)
    {
        size = Math.Max(call.Args.Length, call.Def.FrameSize);
        var frame = TakeFrame(size);
        var slots = frame.Slots;
        var args = call.Args;
        byName = false;
        for (int i = 0; i < args.Length; i++)
        {
            var v = call.EvalArgValue(i, _es, f);
            if (v is Thunk) byName = true;
            ValueArray.Set(slots, i, v);
        }
        if (args.Length < slots.Length) Array.Clear(slots, args.Length, slots.Length - args.Length);
        return frame;
    }

    private bool EnumList(Term[] items, int i, Frame f)
    {
        if (i == items.Length) return Continue();
        // The last conjunct continues with whatever follows the list: nothing to push.
        if (i == items.Length - 1) return Enum(items[i], f);
        ref var e = ref PushSlot(PendingKind.Conjuncts);
        e.Items = items;
        e.Index = i + 1;
        e.Frame = f;
        bool r = Enum(items[i], f);
        Pop();
        return r;
    }

    /// <summary>\E x \in S, y \in T : A — one branch per binding (i binders bound so far). The bindings come in TLC's
    /// order (its ContextEnumerator): the first identifier varies fastest, so the last binder is the outermost loop.</summary>
    private bool EnumExists(QuantTerm q, int i, Frame f)
    {
        if (i == 0)
        {
            q.Hoists?.Enter(_es, f);
            if (q.Binders.Length == 1 && _es.Cov == null && !_es.InitMode
                && (q.WalkGuards ??= CallGuards.Of(q)) is CallGuards g && !AllAssigned())
                return EnumExistsGuarded(q, f, g);
        }
        if (i == q.Binders.Length) return Enum(q.Body, f);
        var b = q.Binders[q.Binders.Length - 1 - i];
        var set = b.DomainSet(_es, f, q);
        if (_es.Cov != null && b.Set is SetEnumTerm) return EnumExistsCounted(q, i, f, b, set);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), q);
                StopSignal.Poll(_es);
                if (!EnumExists(q, i + 1, f)) return false;
            }
            return true;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, q);
            StopSignal.Poll(_es);
            if (!EnumExists(q, i + 1, f)) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>\E a \in S : Op(c, a)</c> where Op's body begins with guards that do not read the parameters the bound
    /// identifier is passed to (<c>state[c] = "open"</c> in <c>Deposit(c, a)</c>): the first binding is walked as
    /// <see cref="EnumExists"/> walks it, its guards evaluated in order; their values are the same for every
    /// binding (the same state, the same values of the parameters they read, nothing with effects or answers of its
    /// own: see <see cref="CallGuards"/>), so when one is false no binding yields a state and the others are not
    /// walked, and when they hold the walk of the other bindings begins after them. What is evaluated and in which
    /// order is otherwise as TLC walks each binding (the arguments are constants or identifiers: nothing to fail).
    /// </summary>
    private bool EnumExistsGuarded(QuantTerm q, Frame f, CallGuards g)
    {
        var b = q.Binders[0];
        var set = b.DomainSet(_es, f, q);
        // 0: the first binding not walked yet; 1: the guards held on it; 2: not to be used (an argument passed on by
        // name: a guard may assign through it).
        int seen = 0;
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), q);
                StopSignal.Poll(_es);
                if (!EnumGuardedCall(g, f, ref seen)) return false;
                if (seen < 0) return true;
            }
            return true;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, q);
            StopSignal.Poll(_es);
            if (!EnumGuardedCall(g, f, ref seen)) return false;
            if (seen < 0) return true;
        }
        return true;
    }

    /// <summary>One binding of <see cref="EnumExistsGuarded"/>: the call's frame, then its guards (the first time) or
    /// the walk after them. Sets <paramref name="seen"/> to -1 when a guard was false.</summary>
    private bool EnumGuardedCall(CallGuards g, Frame f, ref int seen)
    {
        var items = g.Items;
        var frame = KeptFrameOf(g.Call, f, out int size, out bool byName);
        if (byName) seen = 2;
        bool r;
        if (seen == 1) r = EnumList(items, g.Count, frame);
        else if (seen == 2) r = Enum(g.Call.Def.Body, frame);
        else
        {
            r = true;
            seen = 1;
            for (int j = 0; j < g.Count; j++)
            {
                StackGuard.Check(_es);
                if (!Formula(items[j], frame, walked: true))
                {
                    seen = -1;
                    break;
                }
            }
            if (seen == 1) r = EnumList(items, g.Count, frame);
        }
        KeepFrame(frame, size);
        return r;
    }

    /// <summary>As <see cref="EnumExists"/> over a set written {a, b, ...}, charging its enumeration (see
    /// <see cref="CoverageNode.SetCost"/>).</summary>
    private bool EnumExistsCounted(QuantTerm q, int i, Frame f, Binder b, SetBase set)
    {
        long calls = 0;
        foreach (var v in set.ToEnumerated().Elems)
        {
            calls++;
            b.Bind(f, v, q);
            StopSignal.Poll(_es);
            if (!EnumExists(q, i + 1, f))
            {
                CoverageNode.SetCost(_es, b.Set, calls);
                return false;
            }
        }
        CoverageNode.SetCost(_es, b.Set, calls + 1);
        return true;
    }

    private bool EnumForall(QuantTerm q, Frame f)
    {
        // \A x \in S : A(x) in an action: the conjunction A(s1) /\ A(s2) /\ ...
        q.Hoists?.Enter(_es, f);
        var slots = q.Slots;
        var bindings = new List<Value>();
        CollectBindings(q, 0, f, slots, bindings);
        return ForallFrom(q, bindings.ToArray(), 0, f);
    }

    /// <summary>Every binding of q's binders i.. (in the order Binder.ForAll gives them), appended slot by slot.</summary>
    private void CollectBindings(QuantTerm q, int i, Frame f, int[] slots, List<Value> into)
    {
        if (i == q.Binders.Length)
        {
            foreach (var s in slots) into.Add(f.Slots[s]);
            return;
        }
        var b = q.Binders[i];
        var set = b.DomainSet(_es, f, q);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), q);
                StopSignal.Poll(_es);
                CollectBindings(q, i + 1, f, slots, into);
            }
            return;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, q);
            StopSignal.Poll(_es);
            CollectBindings(q, i + 1, f, slots, into);
        }
    }

    private static void BindForall(QuantTerm q, Value[] bindings, int j, Frame f)
    {
        var slots = q.Slots;
        for (int s = 0; s < slots.Length; s++) ValueArray.Set(f.Slots, slots[s], bindings[j * slots.Length + s]);
    }

    /// <summary>The body for binding j, followed (as its continuation) by the bindings after it.</summary>
    private bool ForallFrom(QuantTerm q, Value[] bindings, int j, Frame f)
    {
        int n = q.Slots.Length == 0 ? 0 : bindings.Length / q.Slots.Length;
        if (j < n && AllAssigned())
        {
            // TLC puts the instances of the body in its conjunct list: with every variable assigned they are
            // predicates, evaluated in a loop.
            for (; j < n; j++)
            {
                StackGuard.Check(_es);
                BindForall(q, bindings, j, f);
                if (!Formula(q.Body, f, walked: false)) return true;
            }
        }
        if (j == n) return Continue();
        BindForall(q, bindings, j, f);
        ref var e = ref PushSlot(PendingKind.Forall);
        e.At = q;
        e.Frame = f;
        e.Index = j;
        e.Bindings = bindings;
        bool r = Enum(q.Body, f);
        Pop();
        return r;
    }

    /// <summary>UNCHANGED e: assigns e's variables their current values where unassigned, else compares.</summary>
    private bool EnumUnchanged(Term e, Frame f, Term at)
    {
        switch (e)
        {
            case VarTerm v:
            {
                var node = _es.Cov?.Find(v);
                var cur = _es.Current[v.Index];
                if (_es.Next[v.Index] == null) return Assign(v.Index, cur, node);
                return _es.Next[v.Index].Equals(cur) ? (node == null ? Continue() : Counted(node)) : true;
            }
            case TupleTerm tup:
            {
                var cov = _es.Cov;
                var node = cov?.Find(tup);
                if (node == null) return UnchangedList(tup.Items, 0, f, at);
                _es.Cov = node;
                try { return UnchangedList(tup.Items, 0, f, at); }
                finally { _es.Cov = cov; }
            }
            case OpCallTerm call when call.Args.Length == 0:
            {
                var cov = _es.Cov;
                var node = cov?.Find(call);
                if (node == null) return EnumUnchanged(call.Def.EnsureBody(), call.Def.NewFrame(call.DefiningFrame(f), null), at);
                _es.Cov = node;
                try { return EnumUnchanged(call.Def.EnsureBody(), call.Def.NewFrame(call.DefiningFrame(f), null), at); }
                finally { _es.Cov = cov; }
            }
            case LabelTerm lb:
                return EnumUnchanged(lb.Body, f, at);
            // A definition without arguments the hoisting pass inlined into the body of another (vars == <<ev, x>>
            // with ev == <<a, b>>): TLC's UNCHANGED walks into it as into the call (each variable assigned).
            case InlineTerm { ArgTerms.Length: 0 } inl:
                return EnumUnchanged(inl.Body, f, at);
            case LocalTerm lt when lt.Raw(f, _es) is Thunk th:
                return EnumUnchanged(th.Body, th.Frame, at);
            case ConstTerm:
                return Continue();
            default:
            {
                var u = new UnchangedTerm(e) { Span = at.Span };
                return u.EvalBool(_es, f) ? Continue() : true;
            }
        }
    }

    private bool UnchangedList(Term[] items, int i, Frame f, Term at)
    {
        if (i == items.Length) return Continue();
        if (i == items.Length - 1) return EnumUnchanged(items[i], f, at);
        ref var e = ref PushSlot(PendingKind.Unchanged);
        e.Items = items;
        e.Index = i + 1;
        e.Frame = f;
        e.At = at;
        bool r = EnumUnchanged(items[i], f, at);
        Pop();
        return r;
    }
}

/// <summary>
/// For <c>\E a \in S : Op(args)</c> walked by the action enumerator: the leading conjuncts of Op's body that are
/// guards whose value is the same for every binding of a (<see cref="ActionEnumerator"/> evaluates them once per
/// entry into the \E). Taken only where that is certain: a module-level Op whose frame the walk may keep
/// (<see cref="OpCallTerm.FrameStaysInWalk"/>), arguments that are constants or identifiers (nothing to evaluate,
/// nothing to fail), and conjuncts the walk evaluates as predicates (no primed variable, no \E, disjunction, IF,
/// CASE or call it would walk into) that read no parameter the bound identifier is passed to and call nothing with
/// effects or answers of its own (Print, TLCGet, RandomElement...).
/// </summary>
internal sealed class CallGuards
{
    public readonly OpCallTerm Call;
    public readonly Term[] Items;
    /// <summary>How many of <see cref="Items"/> (the first ones) are such guards; fewer than all.</summary>
    public readonly int Count;

    private CallGuards(OpCallTerm call, Term[] items, int count)
    {
        Call = call;
        Items = items;
        Count = count;
    }

    private static readonly object None = new();

    /// <summary>The guards of <paramref name="q"/>'s call, or an object that is not a CallGuards when there are none.</summary>
    public static object Of(QuantTerm q)
    {
        // Off with the other rewrites of evaluation (TLC's coverage counts every evaluation; OPS_NO_HOIST).
        if (Hoisting.IsSuspended || q.IsForall || q.Binders.Length != 1 || q.Body is not OpCallTerm call) return None;
        var def = call.Def;
        if (!call.FrameStaysInWalk() || def.Body is not AndTerm and || and.Items.Length < 2) return None;
        var dependent = new bool[Math.Max(call.Args.Length, def.FrameSize)];
        bool any = false;
        for (int i = 0; i < call.Args.Length; i++)
        {
            switch (call.Args[i])
            {
                case ConstTerm:
                    break;
                case LocalTerm lt:
                    if (lt.Hops == 0 && Array.IndexOf(q.Slots, lt.Slot) >= 0) dependent[i] = any = true;
                    break;
                default:
                    return None;
            }
        }
        // Without an argument bound by the \E, Op's guards are Op's own: nothing to gain here.
        if (!any) return None;
        int k = 0;
        while (k < and.Items.Length - 1 && IsGuard(and.Items[k], dependent)) k++;
        if (k == 0) return None;
        Hoisting.Note($"hoisting: {def.Name}: {k} guard{(k == 1 ? "" : "s")} evaluated once per \\E {string.Join(", ", q.Binders[0].Names)} " +
                      $"at {q.Span} (the first binding's), then the call from its conjunct {k + 1}");
        return new CallGuards(call, and.Items, k);
    }

    private static bool IsGuard(Term t, bool[] dependent)
    {
        if (t.Lvl > Level.State) return false;
        if (t.Tag is not (EnumTag.Guard or EnumTag.Eq or EnumTag.In or EnumTag.SetOp)) return false;
        if (Reads(t, dependent, 0)) return false;
        return !Hoisting.ReachesEffects([t]);
    }

    /// <summary>Does <paramref name="t"/> read one of the frame's slots marked (or contain a term it cannot tell)?</summary>
    private static bool Reads(Term t, bool[] slots, int depth)
    {
        if (depth > 200 || t is EnabledTerm) return true;
        if (t is LocalTerm { Hops: 0 } lt && lt.Slot < slots.Length && slots[lt.Slot]) return true;
        foreach (var c in t.Children)
            if (Reads(c, slots, depth + 1)) return true;
        return false;
    }
}
