using System.Runtime.CompilerServices;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>Expression levels, as SANY computes them.</summary>
public static class Level
{
    public const int Constant = 0;
    public const int State = 1;
    public const int Action = 2;
    public const int Temporal = 3;
}

/// <summary>Local bindings of one operator invocation (parameters and bound identifiers), chained to the frame the
/// operator was defined in (LET and LAMBDA bodies see their enclosing frame).</summary>
public sealed class Frame
{
    public readonly Value[] Slots;
    public readonly Frame Parent;

    public Frame(int size, Frame parent)
    {
        Slots = size == 0 ? Array.Empty<Value>() : new Value[size];
        Parent = parent;
    }

    /// <summary>A frame over an array the caller hands over (exactly <c>Value[]</c>, not shared).</summary>
    public Frame(Value[] slots, Frame parent)
    {
        Slots = slots;
        Parent = parent;
    }

    private static readonly Frame EmptyRoot = new(0, null);

    /// <summary>A root frame of <paramref name="size"/> slots: one shared frame when there are none (it holds nothing
    /// that could change).</summary>
    public static Frame Root(int size) => size == 0 ? EmptyRoot : new Frame(size, null);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Frame Up(int hops)
    {
        var f = this;
        while (hops-- > 0) f = f.Parent;
        return f;
    }
}

/// <summary>The states an expression is evaluated against, and the host services (Print, TLCGet...).</summary>
public sealed class EvalState
{
    /// <summary>Current state (unprimed variables); in Init mode the same array as Next.</summary>
    public Value[] Current;
    /// <summary>Next state (primed variables); entries are null until an action assigns them.</summary>
    public Value[] Next;
    public bool InitMode;
    /// <summary>TLCGet("level") as TLC answers it: 0 in the initial predicate, the level of the state being expanded
    /// in its actions and action constraints, and the level of the state being checked in its constraints and
    /// invariants (initial states are at level 1). Set by the checker.</summary>
    public int Level;
    public IBuiltinHost Host;
    public string[] VariableNames;
    /// <summary>
    /// ENABLED of an action whose primed expressions cannot be solved by assignment (a refinement mapping's
    /// <c>vrootBar' = ...</c>): when set, decides it from the successors of the current state in the state graph.
    /// </summary>
    public Func<Term, Frame, bool> EnabledFallback;

    /// <summary>TLC's coverage (-coverage): the node of the coverage tree under which evaluations are counted now;
    /// null when coverage is off or nothing is being counted (then evaluation pays one test).</summary>
    public CoverageNode Cov;

    /// <summary>Counts nested evaluations for <see cref="StackGuard"/> (one counter per evaluator, not a
    /// thread-local).</summary>
    internal int StackTicks;

    /// <summary>For <see cref="StackGuard"/>: the managed id of the thread it last asked the runtime on (0: none yet),
    /// and the lowest and highest stack addresses the runtime found deep enough there.</summary>
    internal int StackThread;
    internal nuint StackLow, StackHigh;

    /// <summary>The stop request of the check this evaluator works for (polled in long loops, see
    /// <see cref="StopSignal"/>); null outside a search.</summary>
    public StopSignal Stop;

    /// <summary>Set by the one-worker search while it expands states (and no check reads a successor but its
    /// constraints): an action's <c>x' = [x EXCEPT ...]</c> may then give x' a <see cref="PendingExcept"/>, the copies
    /// made only if the successor is new or x' is read (<see cref="ExceptTerm.EvalForSuccessor"/>).</summary>
    internal bool DeferExcept;

    /// <summary>Set while an evaluation that failed is replayed to find where it failed (TLC's CallStackTool): the
    /// expressions being evaluated, see <see cref="NestedExpressions"/>. Null otherwise.</summary>
    internal NestedExpressions Track;

    /// <summary>TLC's EvalControl.KeepLazy: set while the function of an application <c>f[a]</c> is evaluated (and
    /// everything that evaluation evaluates, as TLC passes its control down), so that a function constructor met
    /// there may stay a function built on demand (<see cref="LazyFcn"/>) instead of being computed whole. Set and
    /// restored by <see cref="FcnAppTerm"/>; read by <see cref="FcnConsTerm"/>.</summary>
    internal bool KeepLazy;

    /// <summary>How many <see cref="Thunk"/>s this evaluator made (a thunk keeps the frame it was made in): a call
    /// that made none while its body was evaluated leaves its frame to the next call (<see cref="OpCallTerm"/>).</summary>
    internal int ThunksMade;

    // Frames of module-level definitions whose bodies let nothing keep them (OpDef.FrameReusableInEval), for the next
    // call of one once the call that had it returned. A call made while the frames of its size are all in use (a
    // recursion) gets a new one, kept when it returns (up to 16 per size).
    private readonly FramePool _keptFrames = new(16);

    /// <summary>A frame of <paramref name="size"/> slots, kept from an earlier call or new; its slots hold what the
    /// earlier call left (the caller overwrites or clears every one).</summary>
    internal Frame TakeFrame(int size) => _keptFrames.Take(size);

    /// <summary>How many frames wait for the next call (<see cref="TakeFrame"/>): for tests and diagnostics.</summary>
    public int FramesKept => _keptFrames.Count;

    /// <summary>Keeps a frame <see cref="TakeFrame"/> gave, once nothing can hold it any longer.</summary>
    internal void KeepFrame(Frame frame) => _keptFrames.Keep(frame, frame.Slots.Length);

    public EvalState(IBuiltinHost host, string[] variableNames)
    {
        Host = host;
        VariableNames = variableNames;
    }
}

/// <summary>Something kept for each evaluator (each <see cref="EvalState"/>, one per worker): a few entries looked up
/// by reference, without locking to read.</summary>
public sealed class PerEvaluator<T> where T : class
{
    private (EvalState Es, T Value)[] _entries = Array.Empty<(EvalState, T)>();

    public T Get(EvalState es)
    {
        foreach (var (e, v) in Volatile.Read(ref _entries))
            if (ReferenceEquals(e, es)) return v;
        return null;
    }

    public void Set(EvalState es, T value)
    {
        lock (this)
        {
            var a = _entries;
            var b = new (EvalState, T)[a.Length + 1];
            Array.Copy(a, b, a.Length);
            b[^1] = (es, value);
            Volatile.Write(ref _entries, b);
        }
    }
}

/// <summary>
/// A resolved, executable expression. Produced from the syntax tree by the resolver (Semantics), evaluated here.
/// </summary>
public abstract class Term
{
    public SourceSpan Span;
    /// <summary>Constant, State, Action or Temporal (see <see cref="Level"/>).</summary>
    public int Lvl;

    /// <summary>What the action enumerator does with a term of this class (<see cref="EnumTag"/>): read once per term
    /// instead of testing its class against each case in turn.</summary>
    internal readonly byte Tag;

    /// <summary>Is this an operator named as an argument (<see cref="OperatorArgTerm"/>)? Read on every argument of
    /// every operator call: testing the class against an abstract one is a call into the runtime.</summary>
    internal readonly bool IsOperatorArg;

    protected Term()
    {
        Tag = EnumTag.Of(this);
        IsOperatorArg = this is OperatorArgTerm;
    }

    /// <summary>Evaluates the term. With TLC's coverage on (<see cref="EvalState.Cov"/> set), the evaluation is
    /// counted on the term's node of the coverage tree first.</summary>
    public Value Eval(EvalState es, Frame f) => es.Cov == null ? EvalCore(es, f) : CoverageNode.Eval(this, es, f);

    /// <summary>The evaluation itself (what each kind of term does).</summary>
    protected internal abstract Value EvalCore(EvalState es, Frame f);

    // ------------------------------------------------------------------ structure (for the passes over terms)

    /// <summary>
    /// The terms this term is made of, in SANY's order: the operands as written, then the bounds of the identifiers a
    /// binder introduces (<c>\A x \in S : P</c> lists P, then S) — the order TLC's coverage report walks an operator
    /// application (<see cref="CoverageNode"/>). Only what is evaluated as part of this term (a called definition's
    /// body is not a child of the call); an absent part (no OTHER, an unbounded identifier) is not listed, so there
    /// are no nulls. A fresh array on every call, which a pass may overwrite and hand to <see cref="WithChildren"/>.
    /// For the passes that compile, copy or walk terms (hoisting, coverage trees); evaluation never calls it.
    /// </summary>
    public abstract Term[] Children { get; }

    /// <summary>A new term of the same kind made of <paramref name="children"/> (as many as <see cref="Children"/>
    /// lists, in its order) instead of this one's, with everything else as this one has it (span, names, slots, the
    /// values hoisted to a binder); its level is computed from the new children as the resolver computes it. A term
    /// without children returns itself.</summary>
    public abstract Term WithChildren(Term[] children);

    /// <summary>For <see cref="WithChildren"/>: checks the number of children given.</summary>
    protected Term[] Expect(Term[] children, int count)
    {
        if (children == null || children.Length != count)
            throw new ArgumentException($"{GetType().Name}.WithChildren takes {count} children (as Children lists them), not {children?.Length ?? 0}");
        return children;
    }

    /// <summary>For <see cref="WithChildren"/>: the new term, located where this one is.</summary>
    protected T Like<T>(T t) where T : Term
    {
        t.Span = Span;
        return t;
    }

    /// <summary>For <see cref="Children"/>: the terms of <paramref name="parts"/> that are present, in order.</summary>
    protected static Term[] Present(params Term[] parts)
    {
        int n = 0;
        foreach (var p in parts) if (p != null) n++;
        if (n == parts.Length) return parts;
        var r = new Term[n];
        n = 0;
        foreach (var p in parts) if (p != null) r[n++] = p;
        return r;
    }

    /// <summary>The level of an operator application with these arguments (an operator passed as an argument counts
    /// with the level of what it reads), as the resolver computes it.</summary>
    public static int ArgumentsLevel(Term[] args)
    {
        int l = Level.Constant;
        foreach (var a in args)
        {
            int al = a is OperatorArgTerm op ? op.OperatorLevel : a.Lvl;
            if (al > l) l = al;
        }
        return l;
    }

    /// <summary>Evaluates a term that must be Boolean (no operator asked: TlcWords.NotBoolean's general words).</summary>
    public bool EvalBool(EvalState es, Frame f) => EvalBool(es, f, null);

    /// <summary>Evaluates a term that must be Boolean, an operand of <paramref name="caller"/> (the <paramref
    /// name="operand"/>th): a value of another kind is TLC's error in that operator's words (<see cref="TlcWords.NotBoolean"/>).</summary>
    public bool EvalBool(EvalState es, Frame f, Term caller, int operand = 0)
    {
        var v = Eval(es, f);
        if (v is BoolValue b) return b.B;
        throw TlcWords.NotBoolean(caller, this, operand, v);
    }

    public SetBase EvalSet(EvalState es, Frame f)
    {
        var v = Eval(es, f);
        if (v is SetBase s) return s;
        throw Error($"expected a set here, but the expression evaluates to {Show(v)}");
    }

    public long EvalInt(EvalState es, Frame f)
    {
        var v = Eval(es, f);
        if (v is IntValue i) return i.V;
        throw Error($"expected an integer here, but the expression evaluates to {Show(v)}");
    }

    public TlaException Error(string message) => new(ErrorKind.Eval, Span, message);

    /// <summary>A value error at this term, keeping whether TLC raises it as an EvalException of its own.</summary>
    public TlaException Error(ValueException e) => LazyBodyErrors.Carry(e, new TlaException(ErrorKind.Eval, Span, e.Message) { TlcEvalError = e.TlcEvalError, TlcRuntime = e.TlcRuntime });

    public static string Show(Value v)
    {
        var s = v.ToString();
        return s.Length > 200 ? s.Substring(0, 200) + "..." : s;
    }
}

/// <summary>A term made of no other terms: a constant, a variable, a bound identifier, an operator named as an
/// argument.</summary>
public abstract class LeafTerm : Term
{
    public sealed override Term[] Children => [];
    public sealed override Term WithChildren(Term[] children) { Expect(children, 0); return this; }
}

/// <summary>A term that binds identifiers to the elements of sets: a quantifier, CHOOSE, a set or function constructor.
/// Values its body computes the same way for every binding may be hoisted to it.</summary>
public abstract class BindingTerm : Term
{
    /// <summary>Values hoisted out of the body (<see cref="Hoisting"/>), cleared at each entry; null when none.</summary>
    public HoistSet Hoists;
}

/// <summary>The classes of terms the action enumerator walks into or looks through (<see cref="Term.Tag"/>); every
/// other term is a guard there (<see cref="Guard"/>).</summary>
internal static class EnumTag
{
    public const byte Guard = 0, And = 1, Or = 2, Quant = 3, Eq = 4, In = 5, SetOp = 6, Implies = 7, Unchanged = 8,
        If = 9, Case = 10, Let = 11, Label = 12, Scoped = 13, OpCall = 14, Local = 15, Inline = 16, ParamCall = 17,
        FcnApp = 18, Compose = 19, ActionBox = 20,
        // Guards to the enumerator, but looked at by its test of an assignable primed variable.
        PrimedVar = 21, FreshPrimedVar = 22, Var = 23, Prime = 24;

    public static byte Of(Term t) => t switch
    {
        AndTerm => And,
        OrTerm => Or,
        QuantTerm => Quant,
        EqTerm => Eq,
        InTerm => In,
        SetOpTerm => SetOp,
        ImpliesTerm => Implies,
        UnchangedTerm => Unchanged,
        IfTerm => If,
        CaseTerm => Case,
        LetTerm => Let,
        LabelTerm => Label,
        ScopedTerm => Scoped,
        OpCallTerm => OpCall,
        LocalTerm => Local,
        InlineTerm => Inline,
        ParamCallTerm => ParamCall,
        FcnAppTerm => FcnApp,
        ComposeTerm => Compose,
        ActionBoxTerm => ActionBox,
        PrimedVarTerm => PrimedVar,
        FreshPrimedVarTerm => FreshPrimedVar,
        VarTerm => Var,
        PrimeTerm => Prime,
        _ => Guard,
    };
}
