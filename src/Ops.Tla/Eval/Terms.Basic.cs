using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

public sealed class ConstTerm : LeafTerm
{
    public readonly Value Value;
    /// <summary>A number or string written in the spec (not an operator application for SANY, so not a node of
    /// TLC's coverage tree); false for TRUE, FALSE, a constant's value, a folded definition.</summary>
    public bool Literal;
    /// <summary>The identifier the value was written as (TRUE, FALSE, a CONSTANT given a value by the configuration),
    /// which SANY keeps as an operator application without arguments (TLC names a boxed property by it).</summary>
    public string Name;
    public ConstTerm(Value v) { Value = v; Lvl = Level.Constant; }
    protected internal override Value EvalCore(EvalState es, Frame f) => Value;
}

/// <summary>A numeral larger than TLC's integers (2147483647). TLC refuses the specification before it starts when any
/// module has one (<see cref="TooBig"/>, used or not); the term is there so that a module with one still resolves and
/// its other errors come first, as in TLC (SANY's errors, then TLC's refusal).</summary>
public sealed class TooBigNumeralTerm : LeafTerm
{
    public readonly System.Numerics.BigInteger Number;
    public TooBigNumeralTerm(System.Numerics.BigInteger n) { Number = n; Lvl = Level.Constant; }

    /// <summary>TLC's refusal (EC.TLC_INTEGER_TOO_BIG), exit 255.</summary>
    public static TlaException TooBig(Ops.Tla.Syntax.SourceSpan span, System.Numerics.BigInteger n) =>
        new(ErrorKind.TlcRefused, span,
            $"TLC can't handle a number this big.\n{n}\n(at {span.File}:{span.Line}:{span.Col}; {IntValue.RangeNote})");

    protected internal override Value EvalCore(EvalState es, Frame f) => throw TooBig(Span, Number);
}

/// <summary>An operator the configuration gives by a table (<c>F(0) = 1</c>, <c>F(1) = 2</c>): TLC's OpRcdValue. The
/// first line whose arguments equal the arguments given decides; none is an evaluation error.</summary>
public sealed class OpTableTerm : Term
{
    public readonly string Name;
    public readonly List<(Value[] Args, Value Result)> Table;
    public readonly Term[] Args;
    public OpTableTerm(string name, List<(Value[] Args, Value Result)> table, Term[] args, int lvl)
    { Name = name; Table = table; Args = args; Lvl = lvl; }

    public override Term[] Children => [.. Args];
    public override Term WithChildren(Term[] children) => Like(new OpTableTerm(Name, Table, Expect(children, Args.Length), ArgumentsLevel(children)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var vals = new Value[Args.Length];
        for (int i = 0; i < Args.Length; i++) vals[i] = Args[i].Eval(es, f);
        try
        {
            foreach (var (args, result) in Table)
            {
                if (args.Length != vals.Length)
                    throw Error($"Attempted to apply the operator {Show()}\nwith wrong number of arguments.");
                bool matched = true;
                for (int j = 0; j < args.Length && matched; j++) matched = TlcCompare.Equal(args[j], vals[j]);
                if (matched) return result;
            }
        }
        catch (ValueException e) { throw Error(e.Message); }
        throw Error($"Attempted to apply operator:\n{Show()}\nto arguments ({string.Join(", ", vals.Select(v => v.ToString()))}), which is undefined.");
    }

    /// <summary>TLC's print of the table: <c>{ &lt;0, 1&gt;, &lt;1, 2&gt;}</c>.</summary>
    private string Show() =>
        "{ " + string.Join(", ", Table.Select(r => "<" + string.Concat(r.Args.Select(a => a + ", ")) + r.Result + ">")) + "}";
}

/// <summary>An unprimed state variable.</summary>
public sealed class VarTerm : LeafTerm
{
    public readonly int Index;
    public readonly string Name;
    public VarTerm(int index, string name) { Index = index; Name = name; Lvl = Level.State; }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var s = es.Current;
        // No state (a POSTCONDITION, a constant expression): TLC looks the name up in an empty state.
        if (s == null) throw Error(TlcWords.Undefined(Name, this));
        var v = s[Index];
        if (v == null && !es.InitMode && ReferenceEquals(s, es.Next))
            throw new UnassignedPrimeException(Span, $"{Name}' is used before the action assigns it a value (TLC: the successor state is not completely specified)") { Variable = Name };
        if (v == null)
            throw Error(es.InitMode ? TlcWords.Undefined(Name, this) : $"the variable {Name} has no value");
        // A successor's value not built yet (EvalState.DeferExcept) is built when it is read, and kept in its place.
        if (v is PendingExcept p) ValueArray.Set(s, Index, v = p.ToFcn());
        return v;
    }
}

/// <summary>A primed variable was read before the action assigned it.</summary>
public sealed class UnassignedPrimeException : TlaException
{
    public UnassignedPrimeException(Ops.Tla.Syntax.SourceSpan span, string message) : base(ErrorKind.Eval, span, message) { }

    /// <summary>The variable whose primed value is missing.</summary>
    public string Variable { get; init; }
}

/// <summary>A primed state variable <c>x'</c>.</summary>
public sealed class PrimedVarTerm : LeafTerm
{
    public readonly int Index;
    public readonly string Name;
    public PrimedVarTerm(int index, string name) { Index = index; Name = name; Lvl = Level.Action; }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var s = es.Next;
        if (s == null) throw Error($"{Name}' cannot be used here: primed variables are only meaningful in an action");
        var v = s[Index];
        if (v == null) throw new UnassignedPrimeException(Span, $"{Name}' is used before the action assigns it a value (TLC: the successor state is not completely specified)") { Variable = Name };
        if (v is PendingExcept p) ValueArray.Set(s, Index, v = p.ToFcn());
        return v;
    }
}

/// <summary>Slots for primed variables an ENABLED quantifies over beyond the state's variables (one per VARIABLE of an
/// instantiated module primed under an ENABLED written in that module), after the state variables in the successor
/// the ENABLED builds.</summary>
public sealed class FreshSlots
{
    public int Count;
}

/// <summary><c>x'</c> under an ENABLED written in an instantiated module, x a VARIABLE of that module: the ENABLED's own
/// primed variable (slot <see cref="Slot"/> after the state variables), free of the substitution for x.</summary>
public sealed class FreshPrimedVarTerm : LeafTerm
{
    public readonly int Slot;
    public readonly string Name;
    public FreshPrimedVarTerm(int slot, string name) { Slot = slot; Name = name; Lvl = Level.Action; }

    public int IndexIn(EvalState es) => es.VariableNames.Length + Slot;

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var s = es.Next;
        int i = IndexIn(es);
        if (s == null || i >= s.Length) throw Error($"{Name}' cannot be evaluated here: it is the primed variable of an ENABLED");
        var v = s[i];
        if (v == null) throw new UnassignedPrimeException(Span, $"{Name}' is used before the action assigns it a value (TLC: the successor state is not completely specified)") { Variable = Name };
        return v;
    }
}

/// <summary><c>e'</c> for an expression other than a variable: e evaluated in the next state.</summary>
public sealed class PrimeTerm : Term
{
    public Term Inner;
    public PrimeTerm(Term inner) { Inner = inner; Lvl = Level.Action; }

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new PrimeTerm(Expect(children, 1)[0]));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (es.Next == null) throw Error("a primed expression cannot be used here: primes are only meaningful in an action");
        var cur = es.Current;
        int level = es.Level;
        es.Current = es.Next;
        // TLCGet("level")' is the successor's level (TLC).
        es.Level = level + 1;
        try { return Inner.Eval(es, f); }
        finally
        {
            es.Current = cur;
            es.Level = level;
        }
    }
}

/// <summary>A bound identifier or parameter: slot <see cref="Slot"/> of the frame <see cref="Hops"/> levels up.</summary>
public sealed class LocalTerm : LeafTerm
{
    /// <summary>The name of a parameter of a parameterised INSTANCE passed on, unchanged, by a definition of the
    /// instantiated module to another one (SANY has no such argument: the call is one without arguments).</summary>
    public const string InstanceParameter = "instance parameter";

    public readonly int Hops, Slot;
    public readonly string Name;
    public LocalTerm(int hops, int slot, string name, int level) { Hops = hops; Slot = slot; Name = name; Lvl = level; }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var frame = f.Up(Hops);
        var v = frame.Slots[Slot];
        if (v is Thunk t) return t.Force();
        if (v is LetPending lp) return lp.Force(es, frame, Slot);
        if (v == null) throw Error($"{Name} has no value here");
        return v;
    }

    /// <summary>Whether the slot holds a value not evaluated yet (a LET definition, an argument passed by name).</summary>
    internal bool IsDeferred(Frame f) => f.Up(Hops).Slots[Slot] is Thunk or LetPending;

    /// <summary>What the slot holds, without evaluating it: a value, an operator, or a <see cref="Thunk"/> (a LET
    /// definition not evaluated yet becomes one, so that it can be passed on or looked into).</summary>
    public Value Raw(Frame f, EvalState es)
    {
        var frame = f.Up(Hops);
        var v = frame.Slots[Slot];
        if (v is LetPending lp)
        {
            var th = new Thunk(lp.Body, frame, es);
            ValueArray.Set(frame.Slots, Slot, th);
            return th;
        }
        return v;
    }
}

/// <summary>A call of a user-defined operator.</summary>
public sealed class OpCallTerm : Term
{
    public readonly OpDef Def;
    public readonly Term[] Args;
    /// <summary>For a LET/LAMBDA definition: frames between the call site and the frame the definition lives in.</summary>
    public readonly int Hops;

    public OpCallTerm(OpDef def, Term[] args, int hops, int level)
    {
        Def = def;
        Args = args;
        Hops = hops;
        Lvl = level;
    }

    public override Term[] Children => [.. Args];

    /// <summary>The call with other arguments: its level raised by those of the arguments that raise it (see
    /// <see cref="OpDef.ArgRaisesLevel"/>).</summary>
    public override Term WithChildren(Term[] children)
    {
        Expect(children, Args.Length);
        int l = Lvl;
        for (int i = 0; i < children.Length; i++)
            if (Def.ArgRaisesLevel(i)) l = Math.Max(l, ArgumentsLevel([children[i]]));
        return Like(new OpCallTerm(Def, children, Hops, l));
    }

    public Value[] EvalArgs(EvalState es, Frame f) => EvalArgs(es, f, Args.Length);

    /// <summary>The arguments in an array of the definition's frame size, which the call's frame then takes over
    /// (one array per call instead of two when the body binds identifiers of its own).</summary>
    public Value[] EvalArgsForFrame(EvalState es, Frame f)
    {
        if (Args.Length == 0) return null;
        Def.EnsureBody();
        return EvalArgs(es, f, Math.Max(Args.Length, Def.FrameSize));
    }

    /// <summary>As <see cref="EvalArgsForFrame(EvalState, Frame)"/>, for the initial predicate being enumerated
    /// (<paramref name="unassignedByName"/>): an argument that reads the state (a variable the partial initial state
    /// has no value for yet, say) is passed by name, as TLC passes arguments unevaluated, so that
    /// <c>Init(var) == var = 0</c> called as <c>Init(s)</c> assigns s.</summary>
    public Value[] EvalArgsForFrame(EvalState es, Frame f, bool unassignedByName)
    {
        if (!unassignedByName || Args.Length == 0) return EvalArgsForFrame(es, f);
        Def.EnsureBody();
        var vals = new Value[Math.Max(Args.Length, Def.FrameSize)];
        for (int i = 0; i < Args.Length; i++)
        {
            // TLC's getInitStates passes every argument unevaluated: MyInit(Init) with MyInit(p) == p enumerates Init.
            if (Args[i].Lvl >= Level.State && Args[i] is not OperatorArgTerm || UnassignedVariable(Args[i], f, es))
                ValueArray.Set(vals, i, new Thunk(Args[i], f, es, noCache: true));
            else
                ValueArray.Set(vals, i, EvalArg(i, es, f));
        }
        return vals;
    }

    /// <summary>A variable (possibly through a label or a by-name parameter) without a value in the state being
    /// built.</summary>
    private static bool UnassignedVariable(Term t, Frame f, EvalState es)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            switch (t)
            {
                case VarTerm v: return es.Next != null && es.Next[v.Index] == null;
                case LabelTerm lb: t = lb.Body; continue;
                case LocalTerm lt when f != null && lt.Raw(f, es) is Thunk th: t = th.Body; f = th.Frame; continue;
                default: return false;
            }
        }
        return false;
    }

    /// <summary>Argument <paramref name="i"/> as <see cref="EvalArgsForFrame(EvalState, Frame)"/> gives it, at a call
    /// <see cref="FrameStaysInWalk"/> accepted (no argument there is passed by name or as an operator).</summary>
    internal Value EvalArgValue(int i, EvalState es, Frame f) => EvalArg(i, es, f);

    /// <summary>For <see cref="FrameStaysInWalk"/>: -1 until decided, then 0 or 1.</summary>
    internal sbyte WalkFrameReuse = -1;

    /// <summary>
    /// May the action enumerator give this call a frame it keeps for the next call (<see cref="ActionEnumerator"/>)?
    /// Only when nothing can hold the frame once the walk from the call has returned: a module-level definition
    /// (its frame has no parent, and no frame has it as a parent), arguments that are values (an argument passed by
    /// name or an action-level one becomes a <see cref="Thunk"/> of the caller's frame, an operator argument a
    /// closure), and a body none of whose terms makes a value that keeps the frame it is evaluated in (see
    /// <see cref="OpDef.FrameStaysInWalk"/>). Decided once, when the body is compiled.
    /// </summary>
    internal bool FrameStaysInWalk()
    {
        int r = WalkFrameReuse;
        if (r >= 0) return r == 1;
        var def = Def;
        if (def.EnsureBody() == null || def.Compiling) return false;
        bool ok = !def.IsLocal && ArgsAreValues() && def.FrameStaysInWalk();
        WalkFrameReuse = (sbyte)(ok ? 1 : 0);
        return ok;
    }

    /// <summary>Are the arguments all evaluated to values (none passed by name, none an operator)?</summary>
    internal bool ArgsAreValues()
    {
        var byName = Def.ByName;
        for (int i = 0; i < Args.Length; i++)
        {
            var a = Args[i];
            if (a.IsOperatorArg || a.Lvl >= Level.Action) return false;
            if (byName != null && i < byName.Length && byName[i] && a.Lvl >= Level.State) return false;
        }
        return true;
    }

    private Value EvalArg(int i, EvalState es, Frame f)
    {
        var a = Args[i];
        var byName = Def.ByName;
        if (a.IsOperatorArg) return a.Eval(es, f);
        if (a is LocalTerm lt && lt.Raw(f, es) is Thunk passOn) return passOn;
        if (byName != null && byName[i] && a.Lvl >= Level.State) return new Thunk(a, f, es, noCache: true);
        if (a.Lvl >= Level.Action) return new Thunk(a, f, es);
        return Eager(a, es, f);
    }

    /// <summary>An argument of an operator passed as a parameter (<see cref="ParamCallTerm"/>) that is a user
    /// definition: as <see cref="EvalArg"/> passes it.</summary>
    internal static Value LazyArg(Term a, EvalState es, Frame f)
    {
        if (a is LocalTerm lt && lt.Raw(f, es) is Thunk passOn) return passOn;
        return Eager(a, es, f);
    }

    /// <summary>An argument evaluated now; one whose evaluation fails is passed by name instead (also for the
    /// arguments of an inlined call, <see cref="InlineTerm"/>).</summary>
    internal static Value Eager(Term a, EvalState es, Frame f)
    {
        try { return a.Eval(es, f); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            // TLC passes an argument unevaluated (a LazyValue) and evaluates it where the body first refers to the
            // parameter: an argument the body never uses fails nothing (Op(m) == IF c THEN m ELSE 0), and one it uses
            // fails there, after what the body evaluated first, with the reference on TLC's nested expressions list
            // before the argument. Arguments are evaluated here eagerly (the common case costs no thunk); one that
            // fails is passed by name instead, to fail again where it is used.
            return new Thunk(a, f, es, noCache: true);
        }
    }

    private Value[] EvalArgs(EvalState es, Frame f, int size)
    {
        if (Args.Length == 0) return null;
        var vals = new Value[size];
        for (int i = 0; i < Args.Length; i++) ValueArray.Set(vals, i, EvalArg(i, es, f));
        return vals;
    }

    public Frame DefiningFrame(Frame f) => Def.IsLocal ? f.Up(Hops) : null;

    /// <summary>For <see cref="KeepsFrame"/>: -1 until decided, then 0 or 1.</summary>
    private sbyte _evalFrameReuse = -1;

    /// <summary>May this call take a frame an earlier call left (<see cref="EvalState.TakeFrame"/>)? A module-level
    /// definition whose body lets nothing keep its frame (<see cref="OpDef.FrameReusableInEval"/>), called with
    /// values; not while coverage, profiling or a replay of an error watches the frames.</summary>
    private bool KeepsFrame(EvalState es)
    {
        int r = _evalFrameReuse;
        if (r < 0)
        {
            var def = Def;
            if (def.EnsureBody() == null || def.Compiling) return false;
            r = Args.Length > 0 && ArgsAreValues() && def.FrameReusableInEval() ? 1 : 0;
            _evalFrameReuse = (sbyte)r;
        }
        return r == 1 && es.Cov == null && es.Track == null && !EvalProfile.Enabled;
    }

    /// <summary>The call in a frame taken from those earlier calls left, evaluated as <see cref="OpDef.Invoke"/>
    /// evaluates it in a new one (arguments in order, the other slots empty); left for the next call when the body
    /// made no thunk (a thunk made there may keep the frame: a LET definition passed on, an argument of a call in the
    /// body whose evaluation failed).</summary>
    private Value EvalInKeptFrame(EvalState es, Frame f)
    {
        var def = Def;
        var frame = es.TakeFrame(Math.Max(Args.Length, def.FrameSize));
        var slots = frame.Slots;
        for (int i = 0; i < Args.Length; i++) ValueArray.Set(slots, i, EvalArg(i, es, f));
        if (Args.Length < slots.Length) Array.Clear(slots, Args.Length, slots.Length - Args.Length);
        // Counted from here: a thunk made for an argument keeps the caller's frame, not this one.
        int thunks = es.ThunksMade;
        StackGuard.Check(es);
        var v = def.Body.Eval(es, frame);
        if (es.ThunksMade == thunks) es.KeepFrame(frame);
        return v;
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        try
        {
            if (KeepsFrame(es)) return EvalInKeptFrame(es, f);
            return Def.Invoke(es, DefiningFrame(f), EvalArgsForFrame(es, f));
        }
        catch (ValueException e)
        {
            throw Error(e);
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error($"the evaluation of {Def.Name} recursed too deeply (a RECURSIVE definition without a base case?)");
        }
    }
}


/// <summary>A call of an operator passed as a parameter (<c>F(x)</c> where F is a parameter of arity &gt; 0).</summary>
public sealed class ParamCallTerm : Term
{
    public readonly int Hops, Slot;
    public readonly string Name;
    public readonly Term[] Args;

    public ParamCallTerm(int hops, int slot, string name, Term[] args, int level)
    {
        Hops = hops;
        Slot = slot;
        Name = name;
        Args = args;
        Lvl = level;
    }

    public override Term[] Children => [.. Args];
    public override Term WithChildren(Term[] children) => Like(new ParamCallTerm(Hops, Slot, Name, Expect(children, Args.Length), ArgumentsLevel(children)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var op = f.Up(Hops).Slots[Slot] as OperatorValue;
        if (op == null) throw Error($"{Name} is not an operator here");
        var vals = new Value[Args.Length];
        // A user definition (a LAMBDA, an operator passed by name) takes its arguments as a call does: one whose
        // evaluation fails, or one passed by name to the caller, is passed on unevaluated (see OpCallTerm.EvalArg).
        bool byName = op is Closure;
        for (int i = 0; i < Args.Length; i++) ValueArray.Set(vals, i, byName ? OpCallTerm.LazyArg(Args[i], es, f) : Args[i].Eval(es, f));
        try { return op.Apply(vals); }
        catch (ValueException e) { throw Error(e); }
    }
}

/// <summary>A call of a natively implemented operator (standard and community modules).</summary>
/// <summary>A call of an operator that evaluates its arguments itself (<see cref="Builtin.Lazy"/>).</summary>
public sealed class LazyBuiltinCallTerm : Term
{
    public readonly Builtin Op;
    public readonly Term[] Args;

    public LazyBuiltinCallTerm(Builtin op, Term[] args, int level)
    {
        Op = op;
        Args = args;
        Lvl = level;
    }

    public override Term[] Children => [.. Args];
    public override Term WithChildren(Term[] children) => Like(new LazyBuiltinCallTerm(Op, Expect(children, Args.Length), ArgumentsLevel(children)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        try { return Op.Lazy(Args, es, f); }
        catch (ValueException e) { throw Error(e); }
    }
}

public sealed class BuiltinCallTerm : Term
{
    public readonly Builtin Op;
    public readonly Term[] Args;

    public BuiltinCallTerm(Builtin op, Term[] args, int level)
    {
        Op = op;
        Args = args;
        Lvl = level;
    }

    public override Term[] Children => [.. Args];
    public override Term WithChildren(Term[] children) => Like(new BuiltinCallTerm(Op, Expect(children, Args.Length), ArgumentsLevel(children)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var op = Op;
        if (op.Direct2 != null && Args.Length == 2) return Eval2(op.Direct2, es, f);
        if (op.Direct1 != null && Args.Length == 1) return Eval1(op.Direct1, es, f);
        var vals = Args.Length == 0 ? Array.Empty<Value>() : new Value[Args.Length];
        for (int i = 0; i < Args.Length; i++) ValueArray.Set(vals, i, Args[i].Eval(es, f));
        try
        {
            var direct = Op.Direct;
            return direct != null ? direct(vals) : Op.Fn(vals, es.Host);
        }
        catch (ValueException e) { throw Error(e); }
        catch (InvalidCastException) { throw Error($"wrong kind of argument to {Op.Name}"); }
        catch (OverflowException) { throw Error($"integer overflow in {Op.Name}"); }
    }

    /// <summary>An operator of two arguments: no argument array.</summary>
    private Value Eval2(Func<Value, Value, Value> fn, EvalState es, Frame f)
    {
        var a = Args[0].Eval(es, f);
        var b = Args[1].Eval(es, f);
        try { return fn(a, b); }
        catch (ValueException e) { throw Error(e); }
        catch (InvalidCastException) { throw Error($"wrong kind of argument to {Op.Name}"); }
        catch (OverflowException) { throw Error($"integer overflow in {Op.Name}"); }
    }

    private Value Eval1(Func<Value, Value> fn, EvalState es, Frame f)
    {
        var a = Args[0].Eval(es, f);
        try { return fn(a); }
        catch (ValueException e) { throw Error(e); }
        catch (InvalidCastException) { throw Error($"wrong kind of argument to {Op.Name}"); }
        catch (OverflowException) { throw Error($"integer overflow in {Op.Name}"); }
    }
}

/// <summary>Marker for terms that produce an operator (for operator parameters). As a value the term is constant (a
/// closure); <see cref="OperatorLevel"/> is the level of what the operator reads (a LAMBDA's body reading a variable
/// is state-level), which a call passing it takes on. A leaf: a LAMBDA's body is evaluated where the operator is applied.</summary>
public abstract class OperatorArgTerm : LeafTerm
{
    public virtual int OperatorLevel => Level.Constant;
}

/// <summary>A user operator named as an argument: <c>F(Op)</c>.</summary>
public sealed class OpRefTerm : OperatorArgTerm
{
    public readonly OpDef Def;
    public readonly int Hops;
    public OpRefTerm(OpDef def, int hops) { Def = def; Hops = hops; Lvl = Level.Constant; }
    public override int OperatorLevel => Def.Compiling || Def.Body == null ? Level.Constant : Def.Body.Lvl;
    protected internal override Value EvalCore(EvalState es, Frame f) => new Closure(Def, Def.IsLocal ? f.Up(Hops) : null, es);
}

/// <summary><c>LAMBDA x, y : e</c></summary>
public sealed class LambdaTerm : OperatorArgTerm
{
    public readonly OpDef Def;
    public LambdaTerm(OpDef def) { Def = def; Lvl = Level.Constant; }
    public override int OperatorLevel => Def.Body?.Lvl ?? Level.Constant;
    protected internal override Value EvalCore(EvalState es, Frame f) => new Closure(Def, f, es);
}

/// <summary>A built-in operator named as an argument: <c>F(+)</c>, <c>FoldSet(Plus, ...)</c>.</summary>
public sealed class BuiltinRefTerm : OperatorArgTerm
{
    public readonly Builtin Op;
    public BuiltinRefTerm(Builtin op) { Op = op; Lvl = Level.Constant; }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var op = Op;
        var host = es.Host;
        return new DelegateOperator(op.Name, op.Arity, args => op.Fn(args, host));
    }
}

/// <summary>An operator parameter passed on as an argument.</summary>
public sealed class ParamRefTerm : OperatorArgTerm
{
    public readonly int Hops, Slot;
    public ParamRefTerm(int hops, int slot) { Hops = hops; Slot = slot; Lvl = Level.Constant; }
    protected internal override Value EvalCore(EvalState es, Frame f) => f.Up(Hops).Slots[Slot];
}
