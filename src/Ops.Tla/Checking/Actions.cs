using System.Text;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// One action of the next-state relation, as TLC splits it (Tool.getActions): the sub-formula reached through
/// disjunctions, definitions called with constant arguments, LET and bounded \E over constant sets, evaluated in
/// the context of the definitions' arguments and the bound variables' values. Named as TLC names it in traces:
/// <c>&lt;Deposit(c1,5) line 9, col 5 to line 11, col 40 of module bank&gt;</c>.
/// </summary>
public sealed class ActionInfo
{
    /// <summary>The definition the action comes from ("Action" when it comes from none).</summary>
    public string Name;
    /// <summary>The arguments of that definition as TLC prints them, "(c1,5)"; empty for none.</summary>
    public string Params = "";
    /// <summary>The definition's formal parameters and the values they are bound to (TLC's Action.getParameters,
    /// the context and parameters of the action's record in CounterExample); null without arguments.</summary>
    public string[] ParamNames;
    public Value[] ParamValues;
    public Term Term;
    /// <summary>The size of the root frame when <see cref="Context"/> is null.</summary>
    public int FrameSize;
    /// <summary>Where the action's formula is (TLC prints the location of the formula, not of the definition).</summary>
    public SourceSpan Span;
    public string Module;
    /// <summary>The definition the action is named after (null when none): TLC's coverage prints where its name is
    /// declared, and whether the action is all of its body or one disjunct.</summary>
    public OpDef Definition;
    /// <summary>The instance whose SubstInNode TLC's action is (an <c>I!A(args)</c> its getActions expanded to the
    /// definition's body, which SANY wraps in the INSTANCE's substitutions): TLC's call stack shows the INSTANCE
    /// statement where Ops's action term is the call.</summary>
    public InstanceMark SubstIn;
    /// <summary>The SubstInNode is around the action's term (the next-state relation of I!Spec: its <c>Next</c>), which
    /// TLC's call stack shows under it; otherwise it is the expanded call's body, shown in place of the call.</summary>
    public bool SubstInAround;
    /// <summary>With coverage: the action's coverage tree (shared by the instances of one action formula).</summary>
    internal CoverageNode Coverage;
    /// <summary>How to build the frame the term is evaluated in (arguments, bound variables, LET definitions); null
    /// for a term evaluated in a fresh root frame of <see cref="FrameSize"/> slots.</summary>
    public ActionContext Context;

    public string Label => Span.Line > 0 ? $"{Name}{Params} {Span.ToTlcString(Module)}" : Name + Params;

    /// <summary>A fresh frame for one evaluation of <see cref="Term"/>.</summary>
    public Frame NewFrame(EvalState es) => Context != null ? Context.Build(es) : new Frame(FrameSize, null);

    /// <summary>The frame for one evaluation of <see cref="Term"/> by the search: the frames built for the previous
    /// evaluation with the same <paramref name="es"/> (one worker), made ready again (see
    /// <see cref="ActionContext.Reuse"/>).</summary>
    public Frame ReuseFrame(EvalState es) => Context != null ? Context.Reuse(es) : new Frame(FrameSize, null);

    /// <summary>As <see cref="ReuseFrame(EvalState)"/>, with the frames kept by the caller in <paramref name="kept"/>
    /// (null the first time): a parallel worker keeps its own, beside its other state, instead of looking them up
    /// among every worker's.</summary>
    public Frame ReuseFrame(EvalState es, ref Frame[] kept) => Context != null ? Context.Reuse(es, ref kept) : new Frame(FrameSize, null);
}

/// <summary>
/// The frame a split action runs in, rebuilt for every evaluation by replaying the path that led to it: operator
/// calls (a new frame with the argument values), bound variables (slots set to the values of one binding), LET
/// definitions (re-entered, so that nothing evaluated in one state leaks into another) and moves to an enclosing
/// frame. <see cref="Build"/> makes new frames; <see cref="Reuse"/> keeps one set per worker.
/// </summary>
public sealed class ActionContext
{
    private readonly int _rootSize;
    private readonly Step[] _steps;
    private readonly PerEvaluator<Frame[]> _kept = new();

    private readonly bool _hasGoto;

    internal ActionContext(int rootSize, Step[] steps)
    {
        _rootSize = rootSize;
        _steps = steps;
        _hasGoto = steps.Any(s => s is Goto);
    }

    /// <summary>Does building the frame evaluate something (arguments passed by name: their constant parts are
    /// evaluated by each worker when it first builds its frames)? Otherwise every value the frame holds was computed
    /// once, when the next-state relation was split.</summary>
    internal bool EvaluatesArguments => _steps.Any(s => s is CallByName or CallParam);

    /// <summary>True when the context is just a fresh root frame (no steps).</summary>
    public bool IsRoot => _steps.Length == 0;

    public Frame Build(EvalState es)
    {
        if (!_hasGoto)
        {
            var f = new Frame(_rootSize, null);
            foreach (var s in _steps) f = s.Apply(es, f);
            return f;
        }
        var frames = new Frame[_steps.Length + 1];
        frames[0] = new Frame(_rootSize, null);
        for (int i = 0; i < _steps.Length; i++) frames[i + 1] = Next(es, frames, i);
        return frames[^1];
    }

    private Frame Next(EvalState es, Frame[] frames, int i) =>
        _steps[i] is Goto g ? frames[g.Index] : _steps[i].Apply(es, frames[i]);

    /// <summary>
    /// The frames of the previous evaluation with <paramref name="es"/> (they are built on the first), made ready for
    /// the next one: LET definitions entered again and hoisted values cleared, bound variables set again. The other
    /// slots are always written before they are read (by the binder, LET, EXCEPT or inlined call that owns them),
    /// and values held in states never refer to frames, so one set of frames per worker and action is enough. Only
    /// for evaluations that do not overlap (the search runs one action at a time in each worker).
    /// </summary>
    public Frame Reuse(EvalState es)
    {
        var frames = _kept.Get(es);
        if (frames == null)
        {
            frames = NewKept(es);
            _kept.Set(es, frames);
            return frames[^1];
        }
        return Refresh(es, frames);
    }

    /// <summary>As <see cref="Reuse(EvalState)"/>, with the frames kept by the caller (one evaluator's, for this
    /// context alone) in <paramref name="kept"/>, built when it is null.</summary>
    public Frame Reuse(EvalState es, ref Frame[] kept)
    {
        var frames = kept;
        if (frames == null)
        {
            kept = NewKept(es);
            return kept[^1];
        }
        return Refresh(es, frames);
    }

    private Frame[] NewKept(EvalState es)
    {
        var frames = new Frame[_steps.Length + 1];
        frames[0] = new Frame(_rootSize, null);
        for (int i = 0; i < _steps.Length; i++) frames[i + 1] = Next(es, frames, i);
        return frames;
    }

    private Frame Refresh(EvalState es, Frame[] frames)
    {
        for (int i = 0; i < _steps.Length; i++) _steps[i].Refresh(es, frames[i]);
        return frames[^1];
    }

    internal abstract class Step
    {
        public abstract Frame Apply(EvalState es, Frame f);

        /// <summary>What <see cref="Apply"/> must do again on the frame it was applied to, for a new evaluation.</summary>
        public virtual void Refresh(EvalState es, Frame f) { }
    }

    internal sealed class Call : Step
    {
        private readonly OpDef _def;
        private readonly int _hops;
        private readonly Value[] _args;
        public Call(OpDef def, int hops, Value[] args) { _def = def; _hops = hops; _args = args; }
        /// <summary>The definition called.</summary>
        public OpDef Def => _def;
        public override Frame Apply(EvalState es, Frame f) => _def.NewFrame(_def.IsLocal ? f.Up(_hops) : null, _args);
    }

    internal sealed class Bind : Step
    {
        private readonly QuantTerm _q;
        private readonly int[] _slots;
        private readonly Value[] _values;
        public Bind(QuantTerm q, int[] slots, Value[] values) { _q = q; _slots = slots; _values = values; }

        public override Frame Apply(EvalState es, Frame f)
        {
            _q.Hoists?.Enter(es, f);
            for (int i = 0; i < _slots.Length; i++) ValueArray.Set(f.Slots, _slots[i], _values[i]);
            return f;
        }

        public override void Refresh(EvalState es, Frame f) => Apply(es, f);
    }

    internal sealed class Let : Step
    {
        private readonly LetTerm _let;
        public Let(LetTerm let) { _let = let; }

        public override Frame Apply(EvalState es, Frame f)
        {
            _let.Enter(es, f);
            return f;
        }

        public override void Refresh(EvalState es, Frame f) => _let.Enter(es, f);
    }

    internal sealed class Up : Step
    {
        private readonly int _hops;
        public Up(int hops) { _hops = hops; }
        public override Frame Apply(EvalState es, Frame f) => f.Up(_hops);
    }

    /// <summary>Back to the frame an earlier step built (index into the path: 0 is the root): where an argument passed
    /// by name (a <see cref="Thunk"/>) is evaluated.</summary>
    internal sealed class Goto : Step
    {
        public readonly int Index;
        public Goto(int index) { Index = index; }
        public override Frame Apply(EvalState es, Frame f) => throw new InvalidOperationException("Goto is resolved by the context");
    }

    /// <summary>Into the body of a user operator called with arguments of any level: constant arguments are evaluated,
    /// the others passed by name (evaluated where they are used, in the caller's frame), as TLC passes them.</summary>
    internal sealed class CallByName : Step
    {
        private readonly OpCallTerm _call;
        public CallByName(OpCallTerm call) { _call = call; }

        public override Frame Apply(EvalState es, Frame f)
        {
            var def = _call.Def;
            def.EnsureBody();
            return def.NewFrame(_call.DefiningFrame(f), ByNameArgs(_call.Args, Math.Max(_call.Args.Length, def.FrameSize), es, f));
        }
    }

    /// <summary>Into the body of the operator an operator parameter stands for (<c>F(e)</c> with F bound to a
    /// definition), arguments passed as by <see cref="CallByName"/>.</summary>
    internal sealed class CallParam : Step
    {
        private readonly ParamCallTerm _call;
        public CallParam(ParamCallTerm call) { _call = call; }

        public override Frame Apply(EvalState es, Frame f)
        {
            if (f.Up(_call.Hops).Slots[_call.Slot] is not Closure cl) throw _call.Error($"{_call.Name} is not a user-defined operator here");
            cl.Def.EnsureBody();
            return cl.Def.NewFrame(cl.DefiningFrame, ByNameArgs(_call.Args, Math.Max(_call.Args.Length, cl.Def.FrameSize), es, f));
        }
    }

    /// <summary>Arguments as TLC passes them to an operator: constants by value, operators as closures, anything
    /// that reads the state by name (a <see cref="Thunk"/> evaluated afresh each time).</summary>
    internal static Value[] ByNameArgs(Term[] args, int size, EvalState es, Frame f)
    {
        if (args.Length == 0) return null;
        var vals = new Value[size];
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            Value v;
            if (a is OperatorArgTerm) v = a.Eval(es, f);
            else if (a is LocalTerm lt && lt.Raw(f, es) is Thunk passOn) v = passOn;
            else if (a.Lvl == Level.Constant) v = a.Eval(es, f);
            else v = new Thunk(a, f, es, noCache: true);
            ValueArray.Set(vals, i, v);
        }
        return vals;
    }
}

/// <summary>
/// Splits the next-state relation into actions the way TLC's Tool.getActions does: through disjunctions, LET, labels,
/// bounded \E whose domain is a constant (one action per binding; a domain that cannot be evaluated without a state
/// keeps the \E whole), and definitions whose arguments are all constant-level (evaluated once, here). Anything else
/// is an action. Splitting follows the enumeration order, so it never changes what is generated or in which order.
/// </summary>
internal sealed class ActionSplitter
{
    private readonly List<ActionInfo> _into;
    private readonly EvalState _es;
    private readonly int _rootSize;

    private ActionSplitter(List<ActionInfo> into, string[] variables, int rootSize)
    {
        _into = into;
        _es = new EvalState(new ConstantHost(), variables);
        _rootSize = rootSize;
    }

    /// <summary>Adds the actions of <paramref name="next"/> (evaluated in a root frame of
    /// <paramref name="rootSize"/> slots) to <paramref name="into"/>.</summary>
    public static void Split(Term next, int rootSize, string module, string[] variables, List<ActionInfo> into)
    {
        var s = new ActionSplitter(into, variables, rootSize);
        s.Walk(next, new Frame(rootSize, null), new List<ActionContext.Step>(), new Named(null, "", module), 0);
    }

    /// <summary>Adds the actions of <paramref name="next"/>, found at <paramref name="scope"/> of a walk through the
    /// specification (in the text of module <paramref name="foundIn"/>), to <paramref name="into"/>.</summary>
    public static void Split(Term next, Scope scope, string module, string[] variables, List<ActionInfo> into, string foundIn = null)
    {
        var s = new ActionSplitter(into, variables, scope.RootSize);
        // The next-state relation of a specification an INSTANCE that substitutes copied (SPECIFICATION I!Spec, whose
        // [][Next]_v names the module's own Next): TLC's spec processing wraps it in the instance's SubstInNode, so it
        // is one action, named "Action", at the INSTANCE statement.
        if (next is OpCallTerm { Def: { Instance: { HasSubstitutions: true, Span.Line: > 0 } mark } def } && foundIn != null && def.ModuleName == foundIn)
        {
            s.Leaf(next, scope.Steps(), new Named("Action", "", mark.Module) { At = mark.Span });
            into[^1].SubstIn = mark;
            into[^1].SubstInAround = true;
            return;
        }
        s.Walk(next, scope.Frame, scope.Steps(), new Named(null, "", module), 0);
    }

    /// <summary>The definition an action is named after: its name, printed arguments and module; where TLC says the
    /// action is when that is not its formula (<see cref="At"/>), and the instance the walk is inside.</summary>
    private sealed record Named(string Name, string Params, string Module, OpDef Def = null)
    {
        public SourceSpan? At { get; init; }
        public InstanceMark Inside { get; init; }
        /// <summary>The values of the definition's arguments (null when it has none or they are not known).</summary>
        public Value[] Args { get; init; }
    }

    private void Leaf(Term t, List<ActionContext.Step> steps, Named n)
    {
        _into.Add(new ActionInfo
        {
            Name = n.Name ?? "Action",
            Params = n.Params,
            Term = t,
            FrameSize = _rootSize,
            Span = n.At ?? t.Span,
            Module = n.Module,
            Definition = n.Def,
            Context = new ActionContext(_rootSize, steps.ToArray()),
            ParamNames = n.Def != null && n.Args is { Length: > 0 } a && n.Def.ParamNames.Length == a.Length ? n.Def.ParamNames : null,
            ParamValues = n.Def != null && n.Args is { Length: > 0 } b && n.Def.ParamNames.Length == b.Length ? n.Args : null,
        });
    }

    private static List<ActionContext.Step> With(List<ActionContext.Step> steps, ActionContext.Step s) => new(steps) { s };

    private void Walk(Term t, Frame f, List<ActionContext.Step> steps, Named n, int depth)
    {
        if (depth > 200)
        {
            Leaf(t, steps, n);
            return;
        }
        switch (t)
        {
            case OrTerm o:
                foreach (var item in o.Items) Walk(item, f, steps, n, depth + 1);
                return;
            case LabelTerm lb:
                Walk(lb.Body, f, steps, n, depth + 1);
                return;
            case LetTerm l:
                l.Enter(_es, f);
                Walk(l.Body, f, With(steps, new ActionContext.Let(l)), n, depth + 1);
                return;
            case QuantTerm { IsForall: false } q:
                SplitExists(q, f, steps, n, depth);
                return;
            case OpCallTerm c:
                SplitCall(c, f, steps, n, depth);
                return;
            case LocalTerm lt when lt.Raw(f, _es) is Thunk th && HopsTo(f, th.Frame) is int hops:
                // A LET definition without parameters: TLC names the action after it.
                Walk(th.Body, th.Frame, With(steps, new ActionContext.Up(hops)), n with { Name = lt.Name, Params = "", Def = null, At = null, Args = null }, depth + 1);
                return;
            default:
                Leaf(t, steps, n);
                return;
        }
    }

    private static int? HopsTo(Frame from, Frame target)
    {
        int hops = 0;
        for (var f = from; f != null; f = f.Parent, hops++)
            if (ReferenceEquals(f, target)) return hops;
        return null;
    }

    private void SplitExists(QuantTerm q, Frame f, List<ActionContext.Step> steps, Named n, int depth)
    {
        var slots = q.Binders.SelectMany(b => b.Slots).ToArray();
        var bindings = new List<Value[]>();
        try
        {
            q.Hoists?.Enter(_es, f);
            // TLC's getActions splits \E x, y \in S into one action per binding in its ContextEnumerator's order.
            Binder.ForAllTlcOrder(q.Binders, 0, _es, f, q, () =>
            {
                bindings.Add(slots.Select(s => f.Slots[s]).ToArray());
                return true;
            });
        }
        catch (Exception e) when (IsEvaluationFailure(e))
        {
            // The domain depends on the state (or cannot be enumerated): the \E stays one action.
            Leaf(q, steps, n);
            return;
        }
        if (bindings.Count == 0)
        {
            Leaf(q, steps, n);
            return;
        }
        int count = _into.Count;
        try
        {
            foreach (var b in bindings)
            {
                for (int i = 0; i < slots.Length; i++) f.Slots[slots[i]] = b[i];
                Walk(q.Body, f, With(steps, new ActionContext.Bind(q, slots, b)), n, depth + 1);
            }
        }
        catch (Exception e) when (IsEvaluationFailure(e))
        {
            _into.RemoveRange(count, _into.Count - count);
            Leaf(q, steps, n);
        }
    }

    private void SplitCall(OpCallTerm c, Frame f, List<ActionContext.Step> steps, Named n, int depth)
    {
        var def = c.Def;
        var here = new Named(def.Name, "", n.Module, def) { Inside = n.Inside };
        // A definition an INSTANCE that substitutes copied (I!A, from outside the instance): SANY wraps its body in a
        // SubstInNode, which TLC's getActions does not split: one action, named I!A, at the INSTANCE statement.
        if (def.Instance is { HasSubstitutions: true, Span.Line: > 0 } mark && !ReferenceEquals(mark, n.Inside))
        {
            string args = "";
            // TLC's getActions expands a call whose arguments are constants into the definition's body, the
            // SubstInNode; a call it cannot expand (an operator argument) stays the action, the SubstInNode under it.
            bool expanded = false;
            if (c.Args.All(a => a is not OperatorArgTerm && a.Lvl == Level.Constant))
            {
                try { args = FormatArgs(c.EvalArgs(_es, f)?.Select(a => a is Thunk th ? th.Force() : a).ToArray()); expanded = true; }
                catch (Exception e) when (IsEvaluationFailure(e)) { args = ""; }
            }
            Leaf(c, steps, new Named(mark.Name == null ? def.Name : mark.Name + "!" + def.Name, args, mark.Module, def) { At = mark.Span, Inside = n.Inside });
            if (expanded) _into[^1].SubstIn = mark;
            return;
        }
        if (def.Body == null && def.Compile == null)
        {
            Leaf(c, steps, here);
            return;
        }
        // TLC evaluates constant definitions once, before splitting: such a call is an action of its own.
        if (c.Args.Length == 0 && def.Cacheable)
        {
            Leaf(c, steps, here);
            return;
        }
        if (c.Args.All(a => a is not OperatorArgTerm && a.Lvl == Level.Constant))
        {
            Value[] args = null;
            try
            {
                args = c.EvalArgs(_es, f);
                if (args != null)
                    for (int i = 0; i < args.Length; i++)
                        if (args[i] is Thunk th) args[i] = th.Force();
            }
            catch (Exception e) when (IsEvaluationFailure(e))
            {
                args = null;
                Leaf(c, steps, here);
                return;
            }
            var frame = def.NewFrame(c.DefiningFrame(f), args);
            Walk(def.EnsureBody(), frame, With(steps, new ActionContext.Call(def, c.Hops, args)),
                new Named(def.Name, FormatArgs(args), def.ModuleName, def) { Inside = def.Instance ?? n.Inside, Args = args }, depth + 1);
            return;
        }
        Leaf(c, steps, here);
    }

    /// <summary>TLC's parameter list: the values joined by "," in parentheses; empty without arguments.</summary>
    private static string FormatArgs(Value[] args)
    {
        if (args == null || args.Length == 0) return "";
        var sb = new StringBuilder("(");
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0) sb.Append(',');
            args[i].Print(sb);
        }
        return sb.Append(')').ToString();
    }

    private static bool IsEvaluationFailure(Exception e) =>
        e is TlaException or ValueException or InvalidCastException or NullReferenceException or OverflowException
            or IndexOutOfRangeException or TlcAssertException;

    /// <summary>The host for evaluating constant expressions while splitting: no state, no registers.</summary>
    /// <summary>The host of an evaluation before the search: no search state to ask; Print/PrintT lines go to
    /// <paramref name="print"/>, or nowhere when it is null.</summary>
    internal sealed class ConstantHost(Action<string> print = null) : IBuiltinHost
    {
        public void Print(string line) => print?.Invoke(line);
        public Value TlcGet(Value key) => throw new ValueException("TLCGet needs a running model check");
        public void TlcSet(Value key, Value value) => throw new ValueException("TLCSet needs a running model check");
        public Random Random { get; } = new(0);
    }
}
