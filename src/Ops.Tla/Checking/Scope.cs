using Ops.Tla.Eval;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Where a walk through a temporal formula (SPECIFICATION, PROPERTY, fairness) has got to: the frame built for this
/// point now (to evaluate constants while walking), and the path of steps that builds it again for each evaluation
/// (<see cref="ActionContext"/>): definitions entered with their arguments passed by name, LET definitions entered,
/// bound identifiers set, and jumps back to the frame an argument passed by name lives in. A part of the formula
/// found at a scope is evaluated in <see cref="Context"/>'s frame, so that a LET definition or an argument is never
/// evaluated in one state and reused in another.
/// </summary>
public sealed class Scope
{
    /// <summary>The frame built for this point of the walk.</summary>
    public readonly Frame Frame;
    private readonly Scope _parent;
    private readonly ActionContext.Step _step;
    private readonly int _rootSize;
    /// <summary>Steps from the root.</summary>
    public readonly int Depth;
    private ActionContext _context;

    private Scope(Frame frame, Scope parent, ActionContext.Step step, int rootSize)
    {
        Frame = frame;
        _parent = parent;
        _step = step;
        _rootSize = rootSize;
        Depth = parent == null ? 0 : parent.Depth + 1;
    }

    public static Scope Root(int size) => new(new Frame(size, null), null, null, size);

    public bool IsRoot => _parent == null;

    /// <summary>How to build this scope's frame for one evaluation (one object per scope: atoms of the same scope
    /// are recognised by it).</summary>
    public ActionContext Context => _context ??= new ActionContext(_rootSize, Steps().ToArray());

    internal List<ActionContext.Step> Steps()
    {
        var list = new List<ActionContext.Step>(Depth);
        for (var s = this; s._parent != null; s = s._parent) list.Add(s._step);
        list.Reverse();
        return list;
    }

    internal int RootSize => _rootSize;

    /// <summary>Into the body of a user operator (arguments by name).</summary>
    public Scope Call(OpCallTerm c, EvalState es)
    {
        var step = new ActionContext.CallByName(c);
        return new Scope(step.Apply(es, Frame), this, step, _rootSize);
    }

    /// <summary>Into the body of the operator an operator parameter is bound to; null when it is not a user
    /// definition (a built-in passed as an argument).</summary>
    public Scope CallParam(ParamCallTerm pc, EvalState es, out OpDef def)
    {
        def = null;
        if (Frame.Up(pc.Hops).Slots[pc.Slot] is not Closure cl) return null;
        def = cl.Def;
        var step = new ActionContext.CallParam(pc);
        return new Scope(step.Apply(es, Frame), this, step, _rootSize);
    }

    /// <summary>LET entered (same frame).</summary>
    public Scope Let(LetTerm l, EvalState es)
    {
        l.Enter(es, Frame);
        return new Scope(Frame, this, new ActionContext.Let(l), _rootSize);
    }

    /// <summary>The binding of a quantifier's identifiers that <paramref name="q"/>'s slots of this frame hold now
    /// (the walk sets them, element after element; each binding gets its own scope and context).</summary>
    public Scope Bind(QuantTerm q, EvalState es)
    {
        var slots = q.Slots;
        var values = slots.Select(s => Frame.Slots[s]).ToArray();
        return new Scope(Frame, this, new ActionContext.Bind(q, slots, values), _rootSize);
    }

    /// <summary>Where the argument passed by name <paramref name="th"/> is evaluated: the deepest scope of this path
    /// whose frame it was made in; null when it comes from elsewhere.</summary>
    public Scope Enter(Thunk th)
    {
        for (var s = this; s != null; s = s._parent)
            if (ReferenceEquals(s.Frame, th.Frame))
                return ReferenceEquals(s, this) ? this : new Scope(s.Frame, this, new ActionContext.Goto(s.Depth), _rootSize);
        return null;
    }
}
