using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// A user-defined operator (module level, LET, instance copy, or LAMBDA) after resolution. Its body is evaluated in a
/// fresh <see cref="Frame"/> of <see cref="FrameSize"/> slots: parameters first, then the identifiers bound inside.
/// </summary>
/// <summary>One INSTANCE of a module; <see cref="HasSubstitutions"/> once a CONSTANT or VARIABLE of it is
/// substituted (explicitly or implicitly).</summary>
public sealed class InstanceMark
{
    public bool HasSubstitutions;
    /// <summary>The instance's name (I of <c>I == INSTANCE M</c>; null for an unnamed INSTANCE), where the INSTANCE
    /// statement is and the module it is in: TLC names and places an action of the instance so.</summary>
    public string Name;
    public SourceSpan Span;
    public string Module;
}

public sealed class OpDef
{
    public string Name;
    /// <summary>The module the definition's text belongs to (for TLC-style locations).</summary>
    public string ModuleName;
    public SourceSpan Span;
    /// <summary>Where the definition's name is (SANY's declaration location; TLC's coverage names actions by it);
    /// None for a LAMBDA or a synthetic definition.</summary>
    public SourceSpan NameSpan;
    public int Arity;
    /// <summary>Arity of each parameter (0 for an ordinary parameter, n for an operator parameter).</summary>
    public int[] ParamArities = Array.Empty<int>();
    public string[] ParamNames = Array.Empty<string>();
    public int FrameSize;
    public Term Body;
    /// <summary>Parameters the body primes (<c>q' = ...</c>, <c>UNCHANGED q</c>): their arguments are passed by name,
    /// so that <c>Lose(msgQ)</c> assigns msgQ'. Set by the resolver.</summary>
    public bool[] ByName;
    /// <summary>True when the definition sits inside another operator (LET, LAMBDA): its frame's parent is the frame
    /// it was defined in. Module-level definitions have no parent frame.</summary>
    public bool IsLocal;
    /// <summary>SANY's level parameters: the parameters used outside ENABLED (the level of a call is the body's and
    /// these arguments'). Marked by the resolver while it compiles the body; null when none is.</summary>
    public bool[] LevelParams;

    /// <summary>Parameters (instance parameters included) the body primes or uses under UNCHANGED: an argument for
    /// one may not contain primes itself (SANY's maximum argument level).</summary>
    public bool[] PrimedParams;
    /// <summary>Parameters the body primes or uses under ENABLED: SANY's non-Leibniz parameters (an operator with one
    /// cannot be substituted for a declared operator constant).</summary>
    public bool[] NonLeibnizParams;

    public void MarkParamUse(int i, bool primed, bool underEnabled)
    {
        if (i < 0 || i >= Arity) return;
        if (primed) (PrimedParams ??= new bool[Arity])[i] = true;
        if (primed || underEnabled) (NonLeibnizParams ??= new bool[Arity])[i] = true;
    }

    public void MarkLevelParam(int i)
    {
        if (i < 0 || i >= Arity) return;
        (LevelParams ??= new bool[Arity])[i] = true;
    }

    /// <summary>Whether argument <paramref name="i"/> of a call can raise the call's level: always when the body is
    /// not compiled yet (recursion) and for the parameters of an instance (by name from ParamNames "").</summary>
    public bool ArgRaisesLevel(int i)
    {
        if (Body == null || Compiling) return true;
        if (i < ParamNames.Length && ParamNames[i] == "") return true;
        return LevelParams != null && i < LevelParams.Length && LevelParams[i];
    }
    public bool IsRecursive;
    /// <summary>An operator that exists only as the meaning of a subexpression name (<c>Op!lbl(y)!:</c>): its
    /// parameters are names already bound in the definition it is cut from.</summary>
    public bool Synthetic;
    /// <summary>The instance this definition was copied into, when that INSTANCE substitutes constants or variables
    /// (SANY wraps such a definition's body in a SubstInNode); null for a definition of a module used as such.</summary>
    public InstanceMark Instance;
    /// <summary>Set by the resolver to compile the body on first use (lets recursive and forward references work).</summary>
    public Action<OpDef> Compile;
    internal bool Compiling;
    /// <summary>For <see cref="Hoisting"/>: whether the definition, with all it calls, reads the state or must not be
    /// cached; -1 until known.</summary>
    internal int HoistFlags = -1;

    // Cache for module-level zero-arity constant-level definitions (TLC evaluates those once).
    private Value _cached;
    private readonly object _gate = new();

    public Term EnsureBody()
    {
        if (Body == null && Compile != null)
        {
            lock (_gate)
            {
                if (Body == null)
                {
                    var c = Compile;
                    Compiling = true;
                    try { c(this); }
                    finally { Compiling = false; }
                }
            }
        }
        return Body;
    }

    public int Level => EnsureBody()?.Lvl ?? 0;

    /// <summary>A module-level definition without arguments at constant level is evaluated once for the run (as TLC
    /// does), unless it reads where the search is (TLCGet("level") in a constraint or invariant).</summary>
    public bool Cacheable
    {
        get
        {
            int c = _cacheable;
            if (c < 0)
            {
                if (IsLocal || Arity != 0 || EnsureBody().Lvl != Eval.Level.Constant) c = 0;
                else if (Compiling) return false; // not known yet: the body is being compiled
                else c = Hoisting.ReachesSearchState(Body) ? 0 : 1;
                _cacheable = c;
            }
            return c == 1;
        }
    }

    private int _cacheable = -1;

    public Value Invoke(EvalState es, Frame definingFrame, Value[] args)
    {
        if (EvalProfile.Enabled) return EvalProfile.Invoke(this, es, definingFrame, args);
        return InvokeCore(es, definingFrame, args);
    }

    internal Value InvokeCore(EvalState es, Frame definingFrame, Value[] args)
    {
        var body = EnsureBody();
        StackGuard.Check(es);
        if (Arity == 0 && !IsLocal && body.Lvl == Eval.Level.Constant && Cacheable)
        {
            var c = _cached;
            if (c != null) return c;
            var v = body.Eval(es, new Frame(FrameSize, null));
            if (!LazyFcn.IsOnDemand(v)) _cached = v;
            return v;
        }
        if (Arity == 0 && !IsLocal && body.Lvl == Eval.Level.State && es.Cov == null && !es.InitMode && _memoVars != NoMemo)
            return InvokeMemo(es, body);
        return body.Eval(es, NewFrame(definingFrame, args));
    }

    // A module-level definition without arguments whose value depends on a few state variables alone (opId == UNION
    // {... opQ[p] ...}) is often evaluated again with the same values of them: within one state's successors, the
    // variables an action leaves alone, or an expression primed while the action tries every value of another
    // variable (opOrder' \in SUBSET ... /\ Serializable'). Each evaluator keeps the last value with the variables'
    // values it came from, compared by reference (states share the values they do not change). Values are immutable
    // and the definition reads nothing else, so the kept value is the one the evaluation would give. A definition
    // whose values are seldom reused stops being kept.
    private static readonly int[] NoMemo = Array.Empty<int>();
    private int[] _memoVars; // null: not decided; NoMemo: not kept
    private int _memoCalls;
    private PerEvaluator<StateMemo> _memos;

    private sealed class StateMemo
    {
        public Value[] Keys;
        public Value Result;
        public int Hits, Misses;
        public bool Off;
    }

    private Value InvokeMemo(EvalState es, Term body)
    {
        var vars = _memoVars;
        if (vars == null)
        {
            // Decided on the second call, when what the first evaluation called is compiled.
            if (Interlocked.Increment(ref _memoCalls) < 2) return body.Eval(es, NewFrame(null, null));
            vars = Hoisting.IsSuspended ? null : Hoisting.StateVariablesRead(body);
            if (vars == null || vars.Length == 0) vars = NoMemo;
            _memos ??= new PerEvaluator<StateMemo>();
            _memoVars = vars;
            if (vars == NoMemo) return body.Eval(es, NewFrame(null, null));
        }
        var memos = _memos;
        var m = memos.Get(es);
        if (m == null) memos.Set(es, m = new StateMemo { Keys = new Value[vars.Length] });
        if (m.Off) return body.Eval(es, NewFrame(null, null));
        var cur = es.Current;
        var keys = m.Keys;
        if (m.Result != null)
        {
            int i = 0;
            while (i < vars.Length && ReferenceEquals(cur[vars[i]], keys[i])) i++;
            if (i == vars.Length)
            {
                m.Hits++;
                return m.Result;
            }
        }
        // Seldom reused (fewer than one value in four after 1,000 evaluations): no longer kept.
        if (++m.Misses >= 1000 && m.Hits < m.Misses / 3)
        {
            m.Off = true;
            m.Result = null;
            return body.Eval(es, NewFrame(null, null));
        }
        m.Result = null;
        var v = body.Eval(es, NewFrame(null, null));
        for (int i = 0; i < vars.Length; i++)
        {
            var k = cur[vars[i]];
            if (k == null) return v; // not a complete state: not kept
            keys[i] = k;
        }
        m.Result = v;
        return v;
    }

    private sbyte _frameStays = -1;

    /// <summary>
    /// Does a frame of this definition stay within the evaluation of its body: can no value the body makes keep it
    /// (a <see cref="Thunk"/> of an argument passed by name, a LET definition's, a <see cref="Closure"/>, a function
    /// built on demand, a frame whose parent it is)? Decided from the body's terms alone, conservatively: every term
    /// must be of a kind known not to keep its frame (values are computed at once, or copy the frame as a set filter
    /// over an infinite set does), and every call in it must pass values to a module-level definition (whose own
    /// frame is another). Used by the action enumerator to keep one frame per definition for the next call.
    /// </summary>
    internal bool FrameStaysInWalk()
    {
        int r = _frameStays;
        if (r >= 0) return r == 1;
        var body = EnsureBody();
        if (body == null || Compiling) return false;
        bool ok = !IsLocal && StaysIn(body, 0);
        _frameStays = (sbyte)(ok ? 1 : 0);
        return ok;
    }

    private sbyte _frameReusable = -1;

    /// <summary>
    /// May a call of this definition, evaluated as an expression, leave its frame to the next call once it returns
    /// (<see cref="OpCallTerm"/>)? As <see cref="FrameStaysInWalk"/>, and a LET without operators of its own is
    /// allowed too: its definitions are evaluated into the frame's slots, and one passed on to a call becomes a
    /// <see cref="Thunk"/> of the frame, which the call notices (<see cref="EvalState.ThunksMade"/>) and then does not
    /// leave its frame. Decided once, when the body is compiled.
    /// </summary>
    internal bool FrameReusableInEval()
    {
        int r = _frameReusable;
        if (r >= 0) return r == 1;
        var body = EnsureBody();
        if (body == null || Compiling) return false;
        bool ok = !IsLocal && Arity > 0 && StaysIn(body, 0, lets: true);
        _frameReusable = (sbyte)(ok ? 1 : 0);
        return ok;
    }

    private static bool StaysIn(Term t, int depth, bool lets = false)
    {
        if (depth > 200) return false;
        switch (t)
        {
            case LetTerm let when lets:
                if (let.LocalOps.Length > 0) return false;
                break;
            case OpCallTerm call:
                if (call.Def.IsLocal || !call.ArgsAreValues()) return false;
                break;
            case ConstTerm or VarTerm or PrimedVarTerm or PrimeTerm or LocalTerm or BuiltinCallTerm or SetEnumTerm
                or TupleTerm or RecordTerm or FcnAppTerm or ExceptTerm or AndTerm or OrTerm or NotTerm or ImpliesTerm
                or EquivTerm or IfTerm or CaseTerm or EqTerm or NeqTerm or QuantTerm or ChooseTerm or LabelTerm or InTerm
                or SetOpTerm or UnchangedTerm or SetFilterTerm or SetMapTerm or CartesianTerm or FcnSetTerm
                or RecordSetTerm or HoistTerm or CachedTerm or InlineTerm:
                break;
            default:
                return false;
        }
        foreach (var c in t.Children)
            if (!StaysIn(c, depth + 1, lets)) return false;
        return true;
    }

    public Frame NewFrame(Frame definingFrame, Value[] args)
    {
        var parent = IsLocal ? definingFrame : null;
        // A frame of exactly the arguments takes the argument array over (EvalArgs makes a fresh one per call).
        if (args != null && args.Length == FrameSize) return new Frame(args, parent);
        var frame = new Frame(FrameSize, parent);
        if (args != null) Array.Copy(args, frame.Slots, args.Length);
        return frame;
    }

    public override string ToString() => Name;
}

/// <summary>
/// Guards deep recursion (RECURSIVE operators, recursive function definitions) against stack overflow. Asking the
/// runtime whether the stack is deep enough costs a look-up in native code (a thread-local of the runtime's, read
/// through <c>__tls_get_addr</c> on Linux), so it is done once per 16 nested entries (counted on the evaluator, not in
/// a thread-local): 16 (or, when two evaluators alternate, 32) nested evaluations stay far below the runtime's reserve.
/// And it is asked only below the deepest point it already answered for on this evaluator's thread: the stack
/// pointers between the lowest and the highest ones the runtime found deep enough are all in that thread's stack,
/// no deeper than one it accepted.
/// </summary>
public static class StackGuard
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Check(EvalState es)
    {
        if ((++es.StackTicks & 15) == 0) Verify(es);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static unsafe void Verify(EvalState es)
    {
        byte probe = 0;
        nuint sp = (nuint)(&probe);
        int thread = Environment.CurrentManagedThreadId;
        if (thread != es.StackThread || sp < es.StackLow || sp > es.StackHigh)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            if (thread != es.StackThread)
            {
                es.StackThread = thread;
                es.StackLow = es.StackHigh = sp;
            }
            else if (sp < es.StackLow) es.StackLow = sp;
            else es.StackHigh = sp;
        }
        // Deep or long evaluations pass here: a stop request is seen within a moment.
        StopSignal.Poll(es);
    }
}

/// <summary>An operator value that calls a user definition (passed to a higher-order operator).</summary>
public sealed class Closure : OperatorValue
{
    private readonly OpDef _def;
    private readonly Frame _frame;
    private readonly EvalState _es;

    public Closure(OpDef def, Frame frame, EvalState es)
    {
        _def = def;
        _frame = frame;
        _es = es;
    }

    public OpDef Def => _def;
    public Frame DefiningFrame => _frame;
    public override string Name => _def.Name;
    public override int Arity => _def.Arity;

    /// <summary>As TLC prints a user-defined operator passed as a value (OpLambdaValue), e.g. in "The second argument
    /// of SelectSeq should be a boolean-valued operator, but instead it is:": <c>&lt;Operator Id&gt;</c>,
    /// <c>&lt;Operator LAMBDA&gt;</c>.</summary>
    public override void Print(System.Text.StringBuilder sb) => sb.Append("<Operator ").Append(_def.Name).Append('>');

    public override Value Apply(Value[] args)
    {
        if (args.Length != _def.Arity)
            throw new ValueException($"the operator {_def.Name} takes {_def.Arity} argument(s) but was given {args.Length}");
        // The frame may take the argument array over: give it a private, exactly typed copy.
        var own = new Value[args.Length];
        Array.Copy(args, own, args.Length);
        return _def.Invoke(_es, _frame, own);
    }
}

/// <summary>
/// A lazily evaluated argument or LET definition stored in a frame slot. Arguments that mention primed variables
/// are passed this way so that the action enumerator can look inside them (TLC passes arguments by name).
/// </summary>
public sealed class Thunk : Value
{
    public readonly Term Body;
    public readonly Frame Frame;
    public readonly EvalState Es;
    private readonly bool _noCache;
    private Value _value;

    /// <summary>Evaluates to the same value every time it is forced (its value is kept).</summary>
    public bool Stable => Body.Lvl < Level.Action && !_noCache;

    public Thunk(Term body, Frame frame, EvalState es, bool noCache = false)
    {
        Body = body;
        Frame = frame;
        Es = es;
        _noCache = noCache;
        if (es != null) es.ThunksMade++;
    }

    /// <summary>Value is cached only for terms below action level (primed terms depend on the partial next state),
    /// and never for by-name arguments (they are evaluated in the current or the next state).</summary>
    public Value Force()
    {
        if (_value != null) return _value;
        var v = Body.Eval(Es, Frame);
        if (Body.Lvl < Level.Action && !_noCache) _value = v;
        return v;
    }

    public override ValueKind Kind => ValueKind.Operator;
    public override int CompareTo(Value other) => Force().CompareTo(other);
    public override bool Equals(Value other) => Force().Equals(other);
    public override ulong Fingerprint => Force().Fingerprint;
    public override void Print(System.Text.StringBuilder sb) => Force().Print(sb);
    public override Value Normalize() => Force().Normalize();
}

/// <summary>What a frame slot may hold that is never a value of the language (a LET definition not evaluated yet, a
/// hoisted slot's mark): every use as a value is an internal error.</summary>
public abstract class SlotMark : Value
{
    protected abstract string Misuse { get; }
    protected abstract string Shown { get; }
    private InvalidOperationException Error() => new(Misuse);
    public override ValueKind Kind => ValueKind.Operator;
    public override int CompareTo(Value other) => throw Error();
    public override bool Equals(Value other) => throw Error();
    public override ulong Fingerprint => throw Error();
    public override void Print(System.Text.StringBuilder sb) => sb.Append(Shown);
}

/// <summary>
/// The slot of a zero-arity LET definition whose value has not been asked for yet (one shared, immutable marker per
/// definition). Read through a <see cref="LocalTerm"/>, it is evaluated in the frame that holds the slot, and its
/// value replaces it there when it does not depend on the partial next state (as a <see cref="Thunk"/> caches it);
/// <see cref="LocalTerm.Raw"/> turns it into a Thunk when the definition itself is needed (passed on, or looked
/// into by the action enumerator). It is never a value of the language.
/// </summary>
public sealed class LetPending : SlotMark
{
    public readonly Term Body;

    public LetPending(Term body) { Body = body; }

    public Value Force(EvalState es, Frame frame, int slot)
    {
        var v = Body.Eval(es, frame);
        if (Body.Lvl < Level.Action) ValueArray.Set(frame.Slots, slot, v);
        return v;
    }

    protected override string Misuse => "internal error: a LET definition's slot was used as a value before it was evaluated";
    protected override string Shown => "<LET definition>";
}
