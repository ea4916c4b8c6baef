using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// Evaluates once what a definition's body would evaluate again and again with the same result:
/// <list type="bullet">
/// <item>a sub-expression that mentions no variable, no parameter and no bound identifier (<c>{{n1,n3},{n2,n3}}</c>,
/// <c>0..Max(R)</c>, <c>Nat \ {0}</c>) is evaluated the first time it is needed and its value kept
/// (<see cref="CachedTerm"/>);</item>
/// <item>a sub-expression inside a quantifier, CHOOSE, set or function constructor that does not depend on the
/// identifiers it binds (<c>Edges(dag)</c> in <c>{c \in Vertices(dag) : \E v \in vs : &lt;&lt;v,c&gt;&gt; \in Edges(dag)}</c>,
/// <c>Max({...})</c> in <c>CHOOSE l \in S : Round(l) = Max({...})</c>) is evaluated the first time one binding needs
/// it and its value kept for the other bindings (<see cref="HoistTerm"/>); each entry into the binder starts afresh.</item>
/// </list>
/// Evaluation stays lazy and in the same order: the value is computed where and when the expression would have been
/// evaluated first, so errors, short-circuits and CHOOSE are unchanged; only evaluations whose result is already known
/// are skipped. Nothing is cached that depends on the next state, on a primed or by-name argument, on an operator
/// with effects (Print, TLCGet, RandomElement, files, the clock) or on an operator passed as a parameter; a
/// sub-expression that reads the current state is kept only where the current state cannot change under it (not
/// across a prime, UNCHANGED, ENABLED or action composition, and not while the initial predicate assigns variables).
/// Formulas the action enumerator walks (conjunctions, disjunctions, \E, IF, CASE, LET, definitions used as actions)
/// keep their shape: only the values they compute are cached, so the states generated, their order and their number
/// are the same.
/// </summary>
public static class Hoisting
{
    /// <summary>True while a model checked with TLC's coverage, or with the optimisation turned off to compare
    /// (<see cref="Checking.DiagnosticOptions.NoHoist"/>), is loaded and checked (see <see cref="Suspend"/>).</summary>
    private static readonly AsyncLocal<bool> Suspended = new();

    /// <summary>Whether the optimisations are turned off in this flow (coverage, <c>OPS_NO_HOIST</c>).</summary>
    public static bool IsSuspended => Suspended.Value;

    /// <summary>Turns the optimisation off for the model loaded and checked in this flow (the search's threads
    /// included) until disposed: TLC's coverage counts every evaluation TLC makes, so none may be skipped.</summary>
    public static IDisposable Suspend()
    {
        bool before = Suspended.Value;
        Suspended.Value = true;
        return new Restore<bool>(Suspended, before);
    }

    /// <summary>Where what is cached, hoisted and inlined is written, definition by definition, for the model loaded
    /// in this flow (<see cref="Checking.DiagnosticOptions.HoistTrace"/>); null: not traced.</summary>
    private static readonly AsyncLocal<TextWriter> TraceOutput = new();

    /// <summary>Traces the rewrites of the model loaded in this flow to <paramref name="output"/> until disposed.</summary>
    public static IDisposable TraceTo(TextWriter output)
    {
        var before = TraceOutput.Value;
        TraceOutput.Value = output;
        return new Restore<TextWriter>(TraceOutput, before);
    }

    private sealed class Restore<T>(AsyncLocal<T> slot, T before) : IDisposable
    {
        public void Dispose() => slot.Value = before;
    }

    /// <summary>A line of the trace (<see cref="TraceTo"/>), when one is written.</summary>
    internal static void Note(string line) => TraceOutput.Value?.WriteLine(line);

    private static void Say(OpDef def, string what, Term t) =>
        TraceOutput.Value?.WriteLine($"hoisting: {def?.Name}: {what} {t.GetType().Name} at {t.Span}");

    /// <summary>The mark of a hoisted slot whose value must not be kept in this entry of its binder.</summary>
    internal static readonly Value Uncached = new UncachedMark();

    private sealed class UncachedMark : SlotMark
    {
        protected override string Misuse => "internal error: a hoisted slot's mark was used as a value";
        protected override string Shown => "<hoisted>";
    }

    /// <summary>Rewrites <paramref name="body"/>, the body of <paramref name="def"/> (evaluated in frames of
    /// <paramref name="frameSize"/> slots, which grows by the slots the hoisted values take).</summary>
    public static Term Optimize(OpDef def, Term body, ref int frameSize)
    {
        if (Suspended.Value || body == null) return body;
        var pass = new Pass(def, body, frameSize);
        var t = body;
        pass.Visit(ref t, Pos.Root);
        frameSize = pass.FrameSize;
        foreach (var c in pass.Cached) c.FrameSize = frameSize;
        return t;
    }

    // ------------------------------------------------------------------ analysis

    private enum Pos
    {
        /// <summary>A definition's body: looked at by the checker as it is written (a set filter tested for
        /// membership, a function constructor applied in an action, the record of an ALIAS): never replaced.</summary>
        Root,
        /// <summary>Part of a formula's structure that the action enumerator, the action splitter or the liveness
        /// checker looks at: never replaced.</summary>
        Skeleton,
        /// <summary>A value: may be replaced.</summary>
        Value,
        /// <summary>A value that is looked at as it is written (e \in {x \in S : P}, a label on the left side of
        /// x' = e): not replaced, its parts may be. (Variables, primed variables and identifiers, which the action
        /// enumerator may assign, are never replaced anywhere.)</summary>
        Fixed,
    }

    [Flags]
    private enum Flags
    {
        None = 0,
        /// <summary>Reads the current state.</summary>
        State = 1,
        /// <summary>Must never be cached: primes, effects, operator parameters, unknown definitions.</summary>
        Reject = 2,
    }

    /// <summary>What a sub-expression depends on: slots of the definition's own frame it reads (minus those it
    /// binds itself), slots of enclosing frames (LET and LAMBDA), the state, and whether it may be cached at all.</summary>
    private sealed class Info
    {
        public HashSet<int> Reads;
        public HashSet<int> Binds;
        public HashSet<(int Hops, int Slot)> Outer;
        public Flags Flags;

        public void ReadSlot(int s) => (Reads ??= new()).Add(s);
        public void BindSlot(int s) => (Binds ??= new()).Add(s);
        public void ReadOuter(int hops, int slot) => (Outer ??= new()).Add((hops, slot));

        public void Add(Info o)
        {
            if (o == null) return;
            Flags |= o.Flags;
            if (o.Reads != null) (Reads ??= new()).UnionWith(o.Reads);
            if (o.Binds != null) (Binds ??= new()).UnionWith(o.Binds);
            if (o.Outer != null) (Outer ??= new()).UnionWith(o.Outer);
        }

        /// <summary>The own-frame slots read and not bound inside.</summary>
        public List<int> Free()
        {
            var r = new List<int>();
            if (Reads != null)
                foreach (var s in Reads)
                    if (Binds == null || !Binds.Contains(s)) r.Add(s);
            return r;
        }
    }

    /// <summary>One binder (quantifier, CHOOSE, set or function constructor) being rewritten: the own-frame slots
    /// assigned anywhere inside it, and the values hoisted to it.</summary>
    private sealed class Scope
    {
        public BindingTerm Owner;
        public HashSet<int> Assigned;
        public bool Lazy;
        public List<int> Slots;
        public List<bool> StateLevel;
        public List<(int, int)[]> Deps;
    }

    private sealed class Pass
    {
        private readonly OpDef _def;
        private readonly Term _body;
        private readonly int _params;
        public int FrameSize;
        private readonly List<Scope> _scopes = new();
        /// <summary>Hoisting targets for a value that reads the state start at this scope (a prime or the like in
        /// between).</summary>
        private int _stateFloor;
        /// <summary>Hoisting targets start at this scope (a constructor that may be evaluated lazily, later, in a
        /// copy of the frame).</summary>
        private int _lazyFloor;
        private int _fresh = 1;
        private readonly Dictionary<(OpDef, int), Info> _foreign = new();
        /// <summary>The terms made again of rewritten children (<see cref="VisitChildren"/>), by the term they replace.</summary>
        private readonly Dictionary<Term, Term> _rebuilt = new(ReferenceEqualityComparer.Instance);
        /// <summary>The cached terms made in this body: they evaluate in a frame of the body's final size.</summary>
        public readonly List<CachedTerm> Cached = new();

        public Pass(OpDef def, Term body, int frameSize)
        {
            _def = def;
            _body = body;
            _params = def?.Arity ?? 0;
            FrameSize = frameSize;
        }

        // ---------------------------------------------------------- the rewriting walk

        /// <summary>Rewrites <paramref name="t"/> (in a position of kind <paramref name="pos"/>) and returns what it
        /// depends on: what it reads, binds and is itself (<see cref="Own"/>) and what its children depend on. The
        /// children are visited in the position <see cref="ChildPos"/> gives; the kinds below differ.</summary>
        public Info Visit(ref Term t, Pos pos)
        {
            if (t == null) return new Info();
            // A term the walk reaches a second time (the set of \E a, b \in S, shared by both binders) is the one it
            // rewrote the first time: its parts are not hoisted or cached twice.
            if (_rebuilt.TryGetValue(t, out var again)) t = again;
            if (t is OpCallTerm call && pos == Pos.Value && _inlineDepth < MaxInlineDepth && Inline(call) is { } inlined)
            {
                t = inlined;
                return Visit(ref t, pos);
            }
            var info = new Info();
            Own(t, info, Callee);
            switch (t)
            {
                case PrimeTerm p:
                    info.Add(StateBarrier(ref p.Inner, Pos.Value));
                    break;
                case InlineTerm il:
                    VisitAll(info, il.ArgTerms, Pos.Value);
                    _inlineDepth++;
                    try { info.Add(Visit(ref il.Body, Pos.Value)); }
                    finally { _inlineDepth--; }
                    break;
                case OpCallTerm c:
                    for (int i = 0; i < c.Args.Length; i++)
                    {
                        var a = c.Args[i];
                        if (a is OperatorArgTerm) info.Add(Visit(ref c.Args[i], Pos.Fixed));
                        // A temporal argument is a formula the walk of the specification or the liveness checker
                        // looks through (Spec == Id(Init /\ [][Next]_v)): its structure stays as written.
                        else if (a.Lvl == Level.Temporal) info.Add(StateBarrier(ref c.Args[i], Pos.Skeleton));
                        else if (a.Lvl >= Level.Action || (a.Lvl >= Level.State && MaybeByName(c.Def, i)))
                            info.Add(StateBarrier(ref c.Args[i], Pos.Fixed));
                        else info.Add(Visit(ref c.Args[i], Pos.Value));
                    }
                    break;
                case ParamCallTerm pc:
                    for (int i = 0; i < pc.Args.Length; i++)
                        info.Add(pc.Args[i].Lvl >= Level.Action
                            ? StateBarrier(ref pc.Args[i], pc.Args[i].Lvl == Level.Temporal ? Pos.Skeleton : Pos.Fixed)
                            : Visit(ref pc.Args[i], Pos.Value));
                    break;
                // Binders: the values that do not depend on the identifiers are hoisted to them.
                case SetFilterTerm sf:
                    info.Add(VisitBound(sf, lazy: true, [sf.Binder], () => Visit(ref sf.Pred, Pos.Value)));
                    break;
                case SetMapTerm sm:
                    info.Add(VisitBound(sm, lazy: false, sm.Binders, () => Visit(ref sm.Body, Pos.Value)));
                    break;
                case FcnConsTerm fc:
                    info.Add(VisitCons(fc, pos));
                    break;
                case RecursiveFcnTerm rf:
                    info.Add(VisitCons(rf.Cons, pos));
                    break;
                case QuantTerm q:
                    info.Add(VisitBound(q, lazy: false, q.Binders, () => Visit(ref q.Body, Inherit(pos))));
                    break;
                case ChooseTerm ch:
                    info.Add(VisitBound(ch, lazy: false, [ch.Binder], () => Visit(ref ch.Body, Pos.Value)));
                    break;
                case LetTerm let:
                    // A LET definition may be walked as an action where its name is used: same kind as the body.
                    VisitAll(info, let.Bodies, Inherit(pos));
                    let.RefreshPending();
                    info.Add(Visit(ref let.Body, Inherit(pos)));
                    break;
                // Evaluated where the current state is another one: the action walked in place.
                case ActionBoxTerm ab:
                    info.Add(StateBarrier(ref ab.Action, Pos.Skeleton));
                    info.Add(Analyze(ab.Sub));
                    break;
                case EnabledTerm en:
                    info.Add(StateBarrier(ref en.Action, Pos.Skeleton));
                    break;
                case ComposeTerm cd:
                    info.Add(StateBarrier(ref cd.A, Pos.Skeleton));
                    info.Add(StateBarrier(ref cd.B, Pos.Skeleton));
                    break;
                // Looked into, not rewritten: UNCHANGED's expression, a temporal formula, what is hoisted or cached already.
                case UnchangedTerm or TemporalTerm or HoistTerm or CachedTerm:
                    foreach (var c in t.Children) info.Add(Analyze(c));
                    break;
                default:
                    // Nothing inside a kind of term this pass does not judge is touched (Own rejects it).
                    if (!Opaque(t)) VisitChildren(ref t, pos, info);
                    break;
            }
            if (pos == Pos.Value || (pos == Pos.Skeleton && WalkedAsValue(t))) t = MaybeReplace(t, info);
            return info;
        }

        /// <summary>Visits the children of <paramref name="t"/> in turn, each in the position <see cref="ChildPos"/>
        /// gives it, adding what each depends on to <paramref name="info"/>; when one was rewritten, t becomes the same
        /// kind of term made of the rewritten children, at t's level (the level the resolver gave it).</summary>
        private void VisitChildren(ref Term t, Pos pos, Info info)
        {
            var children = t.Children;
            bool changed = false;
            for (int i = 0; i < children.Length; i++)
            {
                var before = children[i];
                info.Add(Visit(ref children[i], ChildPos(t, i, before, pos)));
                changed |= !ReferenceEquals(before, children[i]);
            }
            if (!changed) return;
            var rebuilt = t.WithChildren(children);
            rebuilt.Lvl = t.Lvl;
            _rebuilt[t] = rebuilt;
            t = rebuilt;
        }

        /// <summary>The position of <paramref name="child"/>, child <paramref name="i"/> of <paramref name="t"/> (itself
        /// in position <paramref name="pos"/>): a value, unless t is part of a formula's structure.</summary>
        private static Pos ChildPos(Term t, int i, Term child, Pos pos)
        {
            bool skeleton = pos is Pos.Skeleton or Pos.Root;
            switch (t)
            {
                // What the action enumerator walks (the arms of an IF or CASE, not its conditions).
                case AndTerm or OrTerm or NotTerm or ImpliesTerm or EquivTerm:
                    return Inherit(pos);
                case IfTerm:
                    return i == 0 ? Pos.Value : Inherit(pos);
                case CaseTerm cs:
                    return i < 2 * cs.Guards.Length && i % 2 == 0 ? Pos.Value : Inherit(pos);
                case LabelTerm:
                    return pos == Pos.Fixed ? Pos.Fixed : Inherit(pos);
                // In an action, f[a] with f a function constructor is enumerated through the constructor's body.
                case FcnAppTerm when i == 0:
                    return skeleton ? Pos.Skeleton : Pos.Value;
                // x' = e and x' \in S (x = e, x \in S in an initial predicate) assign x: a label there stays.
                case EqTerm or InTerm when i == 0:
                    return skeleton && child is LabelTerm ? Pos.Fixed : Pos.Value;
                // e \in {x \in S : P} is decided without building the set.
                case InTerm:
                    return TestedInPlace(child) ? Pos.Fixed : Pos.Value;
                default:
                    return child is OperatorArgTerm ? Pos.Fixed : Pos.Value;
            }
        }

        // ---------------------------------------------------------- inlining

        private const int MaxInlineDepth = 4, MaxInlineNodes = 64;
        private int _inlineDepth;

        /// <summary>
        /// A call of a small definition that binds nothing (<c>Round(v) == IF v = &lt;&lt;&gt;&gt; THEN 0 ELSE v[2]</c>,
        /// <c>Edges(g) == g[2]</c>) written as a value, replaced by the definition's body with the parameters read
        /// from slots of this frame (or, for a constant or an identifier, replaced by the argument itself): no frame
        /// and no argument array per call. The arguments are evaluated first, in order, as a call evaluates them.
        /// Null when the call cannot be inlined.
        /// </summary>
        private Term Inline(OpCallTerm c)
        {
            var def = c.Def;
            if (def.IsLocal || def.IsRecursive || ReferenceEquals(def, _def) || def.Compiling || def.Body == null) return null;
            if (def.Arity != c.Args.Length) return null;
            if (def.Arity == 0 && def.Cacheable) return null;
            foreach (var a in def.ParamArities) if (a != 0) return null;
            if (def.ByName != null) foreach (var b in def.ByName) if (b) return null;
            foreach (var a in c.Args) if (a is OperatorArgTerm || a.Lvl >= Level.Action) return null;
            if ((DefFlags(def) & Flags.Reject) != 0) return null;
            var subst = new Term[def.FrameSize];
            var argSlot = new bool[def.FrameSize];
            var argTerms = new List<Term>();
            var argSlots = new List<int>();
            int next = FrameSize;
            for (int i = 0; i < c.Args.Length; i++)
            {
                var a = c.Args[i];
                if (a is ConstTerm or LocalTerm) subst[i] = a;
                else
                {
                    int slot = next++;
                    argTerms.Add(a);
                    argSlots.Add(slot);
                    subst[i] = new LocalTerm(0, slot, def.ParamNames.Length > i ? def.ParamNames[i] : "parameter", a.Lvl) { Span = a.Span };
                    argSlot[i] = true;
                }
            }
            int budget = MaxInlineNodes;
            int first = FrameSize;
            var body = new Cloner(subst, argSlot, next).Clone(def.Body, ref budget, out next);
            if (body == null) return null;
            FrameSize = next;
            // The argument slots (this call's and those of the calls inlined in the body) are assigned inside every
            // binder around the call: nothing that reads them may be hoisted out of it.
            for (int slot = first; slot < next; slot++)
                foreach (var sc in _scopes) sc.Assigned.Add(slot);
            Say(_def, $"inlined {def.Name}", c);
            return new InlineTerm(def, argTerms.ToArray(), argSlots.ToArray(), body) { Span = c.Span };
        }

        /// <summary>Copies a definition's body (one that binds nothing but the arguments of the calls inlined in it)
        /// with its parameters replaced; the argument slots of those inlined calls get new slots in this frame.</summary>
        private sealed class Cloner
        {
            private readonly Term[] _subst;
            /// <summary>The parameters whose argument the call evaluates into a slot (not replaced by the argument).</summary>
            private readonly bool[] _argSlot;
            private int _next;

            public Cloner(Term[] subst, bool[] argSlot, int next)
            {
                _subst = subst;
                _argSlot = argSlot;
                _next = next;
            }

            public Term Clone(Term t, ref int budget, out int next)
            {
                var r = Clone(t, ref budget);
                next = _next;
                return r;
            }

        /// <summary>Null when the body is too large or holds a kind of term not copied here.</summary>
        private Term Clone(Term t, ref int budget)
        {
            if (--budget < 0) return null;
            Term r;
            switch (t)
            {
                case ConstTerm or VarTerm or CachedTerm or BuiltinRefTerm or OpRefTerm { Def.IsLocal: false }:
                    return t;
                case LocalTerm lt:
                {
                    if (lt.Hops != 0 || lt.Slot >= _subst.Length) return null;
                    var s = _subst[lt.Slot];
                    // An argument read from a slot is read where the parameter is referred to: the reference keeps its
                    // place, which TLC's nested expressions list shows before the argument's when the argument, which
                    // TLC evaluates there, fails (see InlineTerm.Arg).
                    if (s is LocalTerm sl && _argSlot[lt.Slot])
                        return new LocalTerm(sl.Hops, sl.Slot, sl.Name, sl.Lvl) { Span = lt.Span };
                    return s;
                }
                case InlineTerm il:
                {
                    var args = CloneAll(il.ArgTerms, ref budget);
                    if (args == null) return null;
                    var slots = new int[il.ArgSlots.Length];
                    for (int i = 0; i < slots.Length; i++)
                    {
                        if (il.ArgSlots[i] >= _subst.Length || _subst[il.ArgSlots[i]] != null) return null;
                        slots[i] = _next++;
                        _subst[il.ArgSlots[i]] = new LocalTerm(0, slots[i], "parameter", args[i].Lvl) { Span = args[i].Span };
                        _argSlot[il.ArgSlots[i]] = true;
                    }
                    var body = Clone(il.Body, ref budget);
                    if (body == null) return null;
                    r = new InlineTerm(il.Def, args, slots, body);
                    break;
                }
                default:
                {
                    // A term that binds nothing and reads no slot itself: its children copied in order, then the same
                    // kind of term made of the copies.
                    if (!CopiedByParts(t)) return null;
                    var parts = CloneAll(t.Children, ref budget);
                    if (parts == null) return null;
                    r = t.WithChildren(parts);
                    break;
                }
            }
            r.Span = t.Span;
            return r;
        }

        private Term[] CloneAll(Term[] ts, ref int budget)
        {
            var r = new Term[ts.Length];
            for (int i = 0; i < ts.Length; i++)
                if ((r[i] = Clone(ts[i], ref budget)) == null) return null;
            return r;
        }

        /// <summary>The kinds of terms copied part by part: calls of module-level definitions and built-in operators,
        /// and the operators of the language that bind no identifier.</summary>
        private static bool CopiedByParts(Term t) =>
            t is OpCallTerm { Def.IsLocal: false } or BuiltinCallTerm or FcnAppTerm or TupleTerm or SetEnumTerm or RecordTerm
                or IfTerm or CaseTerm or EqTerm or NeqTerm or AndTerm or OrTerm or NotTerm or ImpliesTerm or EquivTerm
                or InTerm or SetOpTerm or CartesianTerm or FcnSetTerm or RecordSetTerm;
        }

        /// <summary>A set that <c>e \in S</c> tests without building it (see SetFilterMembership): a filter written
        /// in place or behind a definition without arguments.</summary>
        private static bool TestedInPlace(Term s) =>
            s is SetFilterTerm or LabelTerm
            || s is OpCallTerm { Args.Length: 0 } c && !c.Def.IsLocal && c.Def.Body is SetFilterTerm or LabelTerm && !c.Def.Cacheable;

        private static Pos Inherit(Pos pos) => pos is Pos.Skeleton or Pos.Root ? Pos.Skeleton : Pos.Value;

        /// <summary>Kinds of terms that the action enumerator, the action splitter and the liveness checker only ever
        /// evaluate, wherever they are: caching their value leaves the walk as it was.</summary>
        private static bool WalkedAsValue(Term t) =>
            t is SetEnumTerm or SetMapTerm or SetFilterTerm or SetOpTerm or CartesianTerm or FcnSetTerm or RecordSetTerm
                or BuiltinCallTerm or NeqTerm or ChooseTerm or ExceptTerm or InlineTerm;

        private static void BindBinder(Info i, Binder b)
        {
            foreach (var s in b.Slots) i.BindSlot(s);
        }

        /// <summary>Visits every term of ts (rewritten in place) in position pos, adding what each depends on to info.</summary>
        private void VisitAll(Info info, Term[] ts, Pos pos)
        {
            for (int i = 0; i < ts.Length; i++) info.Add(Visit(ref ts[i], pos));
        }

        /// <summary>A binder's term (\A, \E, CHOOSE, a set filter or map): the first set outside the scope, then, in
        /// it, each later set (which may read the identifiers bound before it), the bindings, and the body.</summary>
        private Info VisitBound(BindingTerm owner, bool lazy, Binder[] binders, Func<Info> visitBody)
        {
            var info = Visit(ref binders[0].Set, Pos.Value);
            info.Add(InScope(owner, lazy, () =>
            {
                var i = new Info();
                for (int k = 0; k < binders.Length; k++)
                {
                    if (k > 0) i.Add(Visit(ref binders[k].Set, Pos.Value));
                    BindBinder(i, binders[k]);
                }
                i.Add(visitBody());
                return i;
            }));
            return info;
        }

        /// <summary>A function constructor: every domain outside the scope (none reads another's identifier).</summary>
        private Info VisitCons(FcnConsTerm fc, Pos pos)
        {
            var info = new Info();
            for (int k = 0; k < fc.Binders.Length; k++) info.Add(Visit(ref fc.Binders[k].Set, Pos.Value));
            info.Add(InScope(fc, lazy: true, () =>
            {
                var i = new Info();
                foreach (var b in fc.Binders) BindBinder(i, b);
                i.Add(Visit(ref fc.Body, Inherit(pos)));
                return i;
            }));
            return info;
        }

        /// <summary>Visits a part evaluated where the current state may be another (a prime, ENABLED, action
        /// composition, an argument passed by name): values read from the state are not hoisted out of it.</summary>
        private Info StateBarrier(ref Term t, Pos pos)
        {
            int saved = _stateFloor;
            _stateFloor = _scopes.Count;
            try { return Visit(ref t, pos); }
            finally { _stateFloor = saved; }
        }

        private Info InScope(BindingTerm owner, bool lazy, Func<Info> body)
        {
            var scope = new Scope { Owner = owner, Assigned = AssignedIn(owner), Lazy = lazy };
            int savedLazy = _lazyFloor;
            _scopes.Add(scope);
            if (lazy) _lazyFloor = _scopes.Count - 1;
            try { return body(); }
            finally
            {
                _scopes.RemoveAt(_scopes.Count - 1);
                _lazyFloor = savedLazy;
                if (scope.Slots != null)
                {
                    owner.Hoists = new HoistSet(scope.Slots.ToArray(), scope.StateLevel.ToArray(), scope.Deps.ToArray());
                }
            }
        }

        private static bool Trivial(Term t) =>
            t is ConstTerm or LocalTerm or VarTerm or HoistTerm or CachedTerm or OperatorArgTerm or PrimedVarTerm;

        private Term MaybeReplace(Term t, Info info)
        {
            if ((info.Flags & Flags.Reject) != 0 || Trivial(t) || t.Lvl >= Level.Action) return t;
            var free = info.Free();
            bool state = (info.Flags & Flags.State) != 0;
            if (free.Count == 0 && info.Outer == null && !state)
            {
                Say(_def, "cached", t);
                var cached = new CachedTerm(t) { Span = t.Span, Lvl = t.Lvl };
                Cached.Add(cached);
                return cached;
            }
            int floor = Math.Max(_lazyFloor, state ? _stateFloor : 0);
            for (int k = floor; k < _scopes.Count; k++)
            {
                var sc = _scopes[k];
                bool ok = true;
                foreach (var s in free)
                    if (sc.Assigned.Contains(s)) { ok = false; break; }
                if (!ok) continue;
                int slot = FrameSize++;
                var deps = new List<(int, int)>();
                // Only parameters (and slots of enclosing frames) can hold an argument evaluated on demand.
                foreach (var s in free)
                    if (s < _params) deps.Add((0, s));
                if (info.Outer != null) deps.AddRange(info.Outer);
                (sc.Slots ??= new()).Add(slot);
                (sc.StateLevel ??= new()).Add(state);
                (sc.Deps ??= new()).Add(deps.ToArray());
                Say(_def, $"hoisted to {sc.Owner.GetType().Name} at {sc.Owner.Span}:", t);
                return new HoistTerm(t, slot) { Span = t.Span, Lvl = t.Lvl };
            }
            return t;
        }

        private static bool MaybeByName(OpDef def, int i)
        {
            if (def.Body == null || def.Compiling) return true;
            return def.ByName != null && i < def.ByName.Length && def.ByName[i];
        }

        // ---------------------------------------------------------- callees

        /// <summary>What calling (or naming) <paramref name="def"/> from this body depends on: the definition's
        /// flags, and for a LET or LAMBDA definition the slots of this frame (and of enclosing ones) its body reads.</summary>
        private Info Callee(OpDef def, int hops)
        {
            var info = new Info { Flags = DefFlags(def) };
            if (def.IsLocal)
            {
                if (!_foreign.TryGetValue((def, hops), out var refs))
                {
                    refs = new Info();
                    // The callee's frame sits below the frame `hops` up from this one.
                    var chain = new[] { _fresh++, -hops };
                    ForeignReads(def, chain, refs, new HashSet<(OpDef, string)>());
                    _foreign[(def, hops)] = refs;
                }
                info.Add(refs);
            }
            return info;
        }

        private int Tag(int[] chain, int hops)
        {
            if (hops < chain.Length) return chain[hops];
            int last = chain[^1];
            return last <= 0 ? last - (hops - (chain.Length - 1)) : _fresh++;
        }

        private int[] Below(int[] chain, int hops)
        {
            if (hops < chain.Length)
            {
                var r = new int[chain.Length - hops + 1];
                r[0] = _fresh++;
                Array.Copy(chain, hops, r, 1, chain.Length - hops);
                return r;
            }
            return new[] { _fresh++, Tag(chain, hops) };
        }

        /// <summary>The slots of this body's frame (tag 0) and of enclosing frames (negative tags) that the body of a
        /// LET or LAMBDA definition reads, through the LET and LAMBDA definitions it calls in turn.</summary>
        private void ForeignReads(OpDef def, int[] chain, Info into, HashSet<(OpDef, string)> seen)
        {
            if (!seen.Add((def, string.Join(",", chain.Select(c => c <= 0 ? c : 1))))) return;
            var body = ReferenceEquals(def, _def) ? _body : def.Body;
            if (body == null) return; // flags say Reject for a definition not compiled yet
            Walk(body, t =>
            {
                switch (t)
                {
                    case LocalTerm lt: Read(lt.Hops, lt.Slot); break;
                    case ParamCallTerm pc: Read(pc.Hops, pc.Slot); break;
                    case ParamRefTerm pr: Read(pr.Hops, pr.Slot); break;
                    case OpCallTerm c when c.Def.IsLocal: ForeignReads(c.Def, Below(chain, c.Hops), into, seen); break;
                    case OpRefTerm o when o.Def.IsLocal: ForeignReads(o.Def, Below(chain, o.Hops), into, seen); break;
                    case LambdaTerm l: ForeignReads(l.Def, Below(chain, 0), into, seen); break;
                }
            }, unknown: () => into.Flags |= Flags.Reject);

            void Read(int hops, int slot)
            {
                int tag = Tag(chain, hops);
                if (tag == 0) into.ReadSlot(slot);
                else if (tag < 0) into.ReadOuter(-tag, slot);
            }
        }

        /// <summary>Whether a definition (with everything it calls) reads the state or must never be cached.
        /// Computed over the whole call graph, so that recursive definitions are judged by their bodies and not by
        /// the level the resolver gives a call that is still being resolved.</summary>
        private Flags DefFlags(OpDef root)
        {
            if (root.HoistFlags >= 0) return (Flags)root.HoistFlags;
            var seen = new HashSet<OpDef>();
            var acc = Flags.None;
            bool complete = true;
            var stack = new Stack<OpDef>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var d = stack.Pop();
                if (!seen.Add(d)) continue;
                if (d.HoistFlags >= 0)
                {
                    acc |= (Flags)d.HoistFlags;
                    continue;
                }
                Term body;
                if (ReferenceEquals(d, _def)) body = _body;
                else if (d.Body != null) body = d.Body;
                else if (d.Compile != null && !d.Compiling) body = d.EnsureBody();
                else body = null;
                if (body == null)
                {
                    // A definition still being resolved (mutual recursion) or without a body: judged unknown.
                    acc |= Flags.Reject;
                    complete = false;
                    continue;
                }
                var info = new Info();
                Walk(body, t => Own(t, info, (def, _) =>
                {
                    stack.Push(def);
                    return null;
                }), unknown: () => info.Flags |= Flags.Reject);
                acc |= info.Flags;
            }
            if (complete && !ReferenceEquals(root, _def)) root.HoistFlags = (int)acc;
            return acc;
        }

        /// <summary>What a term depends on, without rewriting it.</summary>
        private Info Analyze(Term t)
        {
            var info = new Info();
            if (t == null) return info;
            Walk(t, n => Own(n, info, Callee), unknown: () => info.Flags |= Flags.Reject);
            return info;
        }

        /// <summary>The own-frame slots assigned anywhere inside a binder: bound identifiers, LET definitions, @.</summary>
        private static HashSet<int> AssignedIn(Term owner)
        {
            var set = new HashSet<int>();
            Walk(owner, n => set.UnionWith(BoundBy(n)), unknown: null);
            return set;
        }

        /// <summary>What <paramref name="t"/> itself (not its children) adds to what an expression depends on: the
        /// slots it reads and binds, whether it reads the state or may never be cached; a definition it calls or names
        /// is judged by <paramref name="callee"/> (which may return null).</summary>
        private static void Own(Term t, Info info, Func<OpDef, int, Info> callee)
        {
            foreach (var s in BoundBy(t)) info.BindSlot(s);
            switch (t)
            {
                case VarTerm:
                    info.Flags |= Flags.State;
                    break;
                case LocalTerm lt:
                    ReadSlot(info, lt.Hops, lt.Slot);
                    if (lt.Lvl >= Level.Action) info.Flags |= Flags.Reject;
                    else if (lt.Lvl == Level.State) info.Flags |= Flags.State;
                    break;
                // An operator passed as a parameter: unknown.
                case ParamCallTerm pc:
                    info.Flags |= Flags.Reject;
                    ReadSlot(info, pc.Hops, pc.Slot);
                    break;
                case ParamRefTerm pr:
                    info.Flags |= Flags.Reject;
                    ReadSlot(info, pr.Hops, pr.Slot);
                    break;
                // The next state, or a state other than the current one.
                case PrimedVarTerm or PrimeTerm or UnchangedTerm or ActionBoxTerm or EnabledTerm or TemporalTerm or ComposeTerm:
                    info.Flags |= Flags.Reject;
                    break;
                case BuiltinCallTerm { Op.IsPure: false } or BuiltinRefTerm { Op.IsPure: false }:
                    info.Flags |= Flags.Reject;
                    break;
                default:
                    if (Named(t) is var (def, hops)) info.Add(callee(def, hops));
                    else if (Opaque(t)) info.Flags |= Flags.Reject;
                    break;
            }
        }

        private static void ReadSlot(Info info, int hops, int slot)
        {
            if (hops == 0) info.ReadSlot(slot);
            else info.ReadOuter(hops, slot);
        }

        /// <summary>The own-frame slots <paramref name="t"/> itself assigns: the identifiers it binds, its LET
        /// definitions, @ of an EXCEPT, the arguments of an inlined call.</summary>
        private static IEnumerable<int> BoundBy(Term t) => t switch
        {
            ExceptTerm ex => [ex.AtSlot],
            InlineTerm il => il.ArgSlots,
            LetTerm let => let.Slots,
            QuantTerm q => q.Slots,
            ChooseTerm ch => ch.Binder.Slots,
            SetFilterTerm sf => sf.Binder.Slots,
            SetMapTerm sm => sm.Binders.SelectMany(b => b.Slots),
            FcnConsTerm fc => fc.Binders.SelectMany(b => b.Slots),
            TemporalTerm { Binders: not null } tt => tt.Binders.SelectMany(b => b.Slots),
            _ => [],
        };
    }

    /// <summary>Can evaluating these terms have an effect or an answer that changes from one evaluation to the
    /// next (Print, TLCGet/TLCSet, random choices, files, the clock), through anything they call?</summary>
    public static bool ReachesEffects(IEnumerable<Term> roots)
    {
        var seen = new HashSet<OpDef>();
        var stack = new Stack<Term>();
        foreach (var r in roots) if (r != null) stack.Push(r);
        bool found = false;
        while (stack.Count > 0 && !found)
        {
            Walk(stack.Pop(), t =>
            {
                switch (t)
                {
                    case BuiltinCallTerm { Op.IsPure: false } or BuiltinRefTerm { Op.IsPure: false }: found = true; break;
                    case var _ when Named(t) is var (d, _): Def(d); break;
                }
            }, unknown: () => found = true);
        }
        return found;

        void Def(OpDef d)
        {
            if (!seen.Add(d)) return;
            var body = d.EnsureBody();
            if (body == null) found = true;
            else stack.Push(body);
        }
    }

    /// <summary>Does evaluating the term call, through anything it calls, an operator whose answer depends on where
    /// the search is (<see cref="Builtins.Builtin.ReadsSearchState"/>: TLCGet)?</summary>
    public static bool ReachesSearchState(Term root)
    {
        bool found = false;
        WalkThroughCalls(root, (t, follow) =>
        {
            switch (t)
            {
                case BuiltinCallTerm { Op.ReadsSearchState: true } or BuiltinRefTerm { Op.ReadsSearchState: true }: found = true; break;
                case var _ when Named(t) is var (d, _): follow(d); break;
            }
        }, () => found, unknown: null);
        return found;
    }

    /// <summary>The state variables (their indexes) that evaluating the term reads, through anything it calls, when
    /// its value is a function of them alone: null when it may also depend on a prime, ENABLED, an operator passed as
    /// a parameter, an effect or where the search is (TLCGet), or on a kind of term this walk does not know.</summary>
    public static int[] StateVariablesRead(Term root)
    {
        var vars = new SortedSet<int>();
        bool reject = false;
        var seen = new HashSet<OpDef>();
        var stack = new Stack<Term>();
        stack.Push(root);
        void Follow(OpDef d)
        {
            if (!seen.Add(d)) return;
            // A definition not compiled yet (not evaluated so far, or being resolved) is not known.
            if (d.Body is { } body && !d.Compiling) stack.Push(body);
            else reject = true;
        }
        while (stack.Count > 0 && !reject)
        {
            Walk(stack.Pop(), t =>
            {
                switch (t)
                {
                    case VarTerm v: vars.Add(v.Index); break;
                    case LocalTerm lt when lt.Lvl >= Level.Action: reject = true; break;
                    case PrimedVarTerm or PrimeTerm or UnchangedTerm or ActionBoxTerm or EnabledTerm or TemporalTerm
                        or ComposeTerm or ParamCallTerm or ParamRefTerm:
                        reject = true;
                        break;
                    case BuiltinCallTerm bc when !bc.Op.IsPure || bc.Op.ReadsSearchState: reject = true; break;
                    case BuiltinRefTerm br when !br.Op.IsPure || br.Op.ReadsSearchState: reject = true; break;
                    case OpCallTerm c: Follow(c.Def); break;
                    case OpRefTerm o: Follow(o.Def); break;
                    case LambdaTerm l: Follow(l.Def); break;
                }
            }, unknown: () => reject = true);
        }
        return reject ? null : vars.ToArray();
    }

    /// <summary>Walks <paramref name="root"/> (as <see cref="Walk"/>) and the body of each definition that
    /// <paramref name="visit"/> passes to its second argument, each body once, until <paramref name="done"/>.</summary>
    private static void WalkThroughCalls(Term root, Action<Term, Action<OpDef>> visit, Func<bool> done, Action unknown)
    {
        var seen = new HashSet<OpDef>();
        var stack = new Stack<Term>();
        if (root != null) stack.Push(root);
        void Follow(OpDef d)
        {
            if (seen.Add(d) && d.EnsureBody() is { } body) stack.Push(body);
        }
        while (stack.Count > 0 && !done())
            Walk(stack.Pop(), t => visit(t, Follow), unknown);
    }

    /// <summary>
    /// Whether TLC's level bound of a term (Tool.getLevelBound) is 0, which is how TLC decides that a definition is a
    /// constant to evaluate once before the search (and so that an INVARIANT equal to FALSE, or a VIEW, is a
    /// configuration error): no variable, prime, UNCHANGED, ENABLED or temporal operator in the term, in the bodies of
    /// the operators it calls or in its LET definitions (used or not), but operators passed as arguments (LAMBDA, a
    /// named operator) are not looked into. SANY's level, <see cref="Term.Lvl"/>, does count those: a temporal formula
    /// over Apply(LAMBDA v : v + x, 0) is a state predicate to the liveness checker, a constant to this bound.
    /// TLC's bound also goes by names (SymbolNodeValueLookupProvider.getLevelBoundAppl asks UniqueString.getVarLoc of
    /// each operator's name): a bound identifier, parameter or LET definition named as one of
    /// <paramref name="variableNames"/> (the spec's variables) counts as a variable, as the <c>x</c> of FiniteSetsExt's
    /// <c>Max(S) == CHOOSE x \in S : ...</c> in a spec with <c>VARIABLE x</c>: such a definition is left to the search.
    /// </summary>
    public static bool IsConstantForTlc(Term root, IReadOnlyCollection<string> variableNames = null)
    {
        bool reads = false, unknown = false;
        bool VarNamed(string name) => variableNames != null && name != null && variableNames.Contains(name);
        WalkThroughCalls(root, (t, follow) =>
        {
            switch (t)
            {
                case VarTerm or PrimedVarTerm or PrimeTerm or UnchangedTerm or EnabledTerm or TemporalTerm or ActionBoxTerm:
                    reads = true;
                    break;
                case LocalTerm l when VarNamed(l.Name):
                case ParamCallTerm p when VarNamed(p.Name):
                case OpCallTerm { Def.IsLocal: true } lc when VarNamed(lc.Def.Name):
                case BuiltinCallTerm { Op.TlcLevelNames: { } names } when names.Any(VarNamed):
                    reads = true;
                    break;
                case OpCallTerm c: follow(c.Def); break;
                case LetTerm let: foreach (var d in let.LocalOps) follow(d); break;
            }
        }, () => reads || unknown, unknown: () => unknown = true);
        return !reads && !unknown;
    }

    /// <summary>Calls <paramref name="f"/> on <paramref name="t"/> and every term inside it that is evaluated in
    /// the same frame (not the bodies of the definitions it calls). <paramref name="unknown"/> is called for a kind
    /// of term this walk does not look into (<see cref="Opaque"/>).</summary>
    private static void Walk(Term t, Action<Term> f, Action unknown)
    {
        if (t == null) return;
        f(t);
        if (Opaque(t))
        {
            unknown?.Invoke();
            return;
        }
        foreach (var c in t.Children) Walk(c, f, unknown);
    }

    /// <summary>The definition a call, an operator named as an argument or a LAMBDA stands for, and how many frames up
    /// from the term's the frame it is defined in is; null for other terms.</summary>
    private static (OpDef Def, int Hops)? Named(Term t) => t switch
    {
        OpCallTerm c => (c.Def, c.Hops),
        OpRefTerm o => (o.Def, o.Hops),
        LambdaTerm l => (l.Def, 0),
        _ => null,
    };

    /// <summary>Kinds of terms whose effects and reads these passes do not judge: never cached, nothing inside them
    /// rewritten (a built-in that evaluates its arguments itself, an operator given by a table in the configuration,
    /// a part evaluated in a frame of its own, an ENABLED's own primed variable).</summary>
    private static bool Opaque(Term t) => t is LazyBuiltinCallTerm or OpTableTerm or ScopedTerm or FreshPrimedVarTerm;
}

/// <summary>
/// The values hoisted to one binder: their slots in the frame, whether each reads the state, and the slots it
/// depends on that may hold an argument evaluated on demand. <see cref="Enter"/> runs at every entry into the
/// binder (and wherever its body is evaluated in a copy of the frame) and clears the slots.
/// </summary>
public sealed class HoistSet
{
    private readonly int[] _slots;
    private readonly bool[] _state;
    private readonly (int Hops, int Slot)[][] _deps;

    public HoistSet(int[] slots, bool[] state, (int, int)[][] deps)
    {
        _slots = slots;
        _state = state;
        _deps = deps;
    }

    public void Enter(EvalState es, Frame f)
    {
        var slots = f.Slots;
        for (int i = 0; i < _slots.Length; i++)
        {
            Value mark = null;
            // While an initial predicate assigns the variables, the "current state" is being filled in.
            if (_state[i] && es.InitMode) mark = Hoisting.Uncached;
            else
            {
                foreach (var (hops, slot) in _deps[i])
                {
                    var fr = f.Up(hops);
                    if (fr != null && slot < fr.Slots.Length && fr.Slots[slot] is Thunk th && !th.Stable)
                    {
                        mark = Hoisting.Uncached;
                        break;
                    }
                }
            }
            slots[_slots[i]] = mark;
        }
    }
}

/// <summary>A value hoisted out of a binder: computed on first use in one entry of the binder, then read from its
/// slot (see <see cref="Hoisting"/>).</summary>
public sealed class HoistTerm : Term
{
    public readonly Term Inner;
    public readonly int Slot;

    public HoistTerm(Term inner, int slot)
    {
        Inner = inner;
        Slot = slot;
    }

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new HoistTerm(Expect(children, 1)[0], Slot) { Lvl = children[0].Lvl });

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var slots = f.Slots;
        var v = slots[Slot];
        if (v != null)
        {
            if (!ReferenceEquals(v, Hoisting.Uncached)) return v;
            return Inner.Eval(es, f);
        }
        v = Inner.Eval(es, f);
        ValueArray.Set(slots, Slot, v);
        return v;
    }
}

/// <summary>A call of a small definition replaced by its body (see <see cref="Hoisting"/>): the arguments that are
/// not constants or identifiers are evaluated first, in order, into slots of the caller's frame.</summary>
public sealed class InlineTerm : Term
{
    public readonly OpDef Def;
    public readonly Term[] ArgTerms;
    public readonly int[] ArgSlots;
    public Term Body;

    public InlineTerm(OpDef def, Term[] argTerms, int[] argSlots, Term body)
    {
        Def = def;
        ArgTerms = argTerms;
        ArgSlots = argSlots;
        Body = body;
        Lvl = body.Lvl;
        foreach (var a in argTerms) Lvl = Math.Max(Lvl, a.Lvl);
    }

    /// <summary>The arguments evaluated into slots, then the body.</summary>
    public override Term[] Children => [.. ArgTerms, Body];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, ArgTerms.Length + 1);
        return Like(new InlineTerm(Def, children[..^1], ArgSlots, children[^1]));
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        try
        {
            var slots = f.Slots;
            // Arguments as a call passes them: one whose evaluation fails is passed by name, to fail where the body
            // uses it (TLC evaluates arguments lazily).
            for (int i = 0; i < ArgTerms.Length; i++) ValueArray.Set(slots, ArgSlots[i], OpCallTerm.Eager(ArgTerms[i], es, f));
            return Body.Eval(es, f);
        }
        catch (ValueException e)
        {
            throw Error(e.Message);
        }
    }
}

/// <summary>A closed constant sub-expression: evaluated on first use, then kept (see <see cref="Hoisting"/>). It
/// reads no slot it does not bind itself, so it is evaluated in a frame of its own, laid out as the frame of the
/// definition it was written in: a copy of that definition's body inlined elsewhere shares this term, and the
/// identifiers it binds must not land in the slots of the frame it is evaluated from.</summary>
public sealed class CachedTerm : Term
{
    public readonly Term Inner;
    /// <summary>The size of the frames of the definition the term was written in.</summary>
    public int FrameSize;
    private Value _value;

    public CachedTerm(Term inner) { Inner = inner; }

    /// <summary>The term as written: <paramref name="t"/> without the caches put around it.</summary>
    public static Term Unwrap(Term t)
    {
        while (t is CachedTerm c) t = c.Inner;
        return t;
    }

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new CachedTerm(Expect(children, 1)[0]) { Lvl = children[0].Lvl, FrameSize = FrameSize });

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var v = Volatile.Read(ref _value);
        if (v != null) return v;
        v = Inner.Eval(es, Frame.Root(FrameSize));
        // A function built on demand where it is applied (FcnConsTerm.EvalKeptLazy) evaluates its body with the
        // evaluator that built it: not shared with the other workers, built again (cheaply) each time.
        if (LazyFcn.IsOnDemand(v)) return v;
        Volatile.Write(ref _value, v);
        return v;
    }
}
