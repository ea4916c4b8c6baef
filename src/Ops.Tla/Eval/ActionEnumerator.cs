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

    public ActionEnumerator(EvalState es) { _es = es; }

    /// <summary>Enumerates <paramref name="action"/>; <paramref name="onState"/> sees es.Next filled in and returns
    /// false to stop. Returns false when stopped early.</summary>
    public bool Run(Term action, Frame f, Func<bool> onState, bool requireComplete = true)
    {
        return Enum(action, f, () =>
        {
            if (requireComplete)
            {
                var next = _es.Next;
                for (int i = 0; i < next.Length; i++)
                {
                    if (next[i] == null)
                    {
                        var name = _es.VariableNames[i];
                        throw action.Error(_es.InitMode
                            ? $"The initial predicate does not assign a value to the variable {name}"
                            : $"Successor state is not completely specified by the next-state action: the variable {name} is not assigned a value (add {name}' = ... or UNCHANGED {name})");
                    }
                }
            }
            return onState();
        });
    }

    private bool IsAssignable(Term t, Frame f, out int index)
    {
        index = -1;
        if (t is PrimedVarTerm p && !_es.InitMode) index = p.Index;
        else if (t is VarTerm v && _es.InitMode) index = v.Index;
        else if (t is LabelTerm l) return IsAssignable(l.Body, f, out index);
        // An operator argument passed by name (Send(p, memInt') with Send(a, b) == b = ...).
        else if (t is LocalTerm lt && f != null && lt.Raw(f) is Thunk th) return IsAssignable(th.Body, th.Frame, out index);
        // q' where the parameter q was passed a variable by name (Lose(msgQ) == ... q' = ...).
        else if (t is PrimeTerm pt && !_es.InitMode && ByNameVariable(pt.Inner, f) is int vi) index = vi;
        else return false;
        return _es.Next[index] == null;
    }

    /// <summary>The state variable a by-name parameter reference stands for, if any.</summary>
    private static int? ByNameVariable(Term t, Frame f)
    {
        while (t is LocalTerm lt && f != null && lt.Raw(f) is Thunk th)
        {
            t = th.Body;
            f = th.Frame;
        }
        return t is VarTerm v ? v.Index : null;
    }

    private bool Enum(Term t, Frame f, Func<bool> k)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (t)
        {
            case AndTerm a:
                return EnumList(a.Items, 0, f, k);
            case OrTerm o:
                foreach (var item in o.Items)
                    if (!Enum(item, f, k)) return false;
                return true;
            case QuantTerm q when !q.IsForall:
                return Binder.ForAll(q.Binders, 0, _es, f, q, () => Enum(q.Body, f, k));
            case QuantTerm q when q.IsForall:
                return EnumForall(q, f, k);
            case EqTerm eq when IsAssignable(eq.A, f, out int idx):
            {
                var v = eq.B.Eval(_es, f).Normalize();
                _es.Next[idx] = v;
                try { return k(); }
                finally { _es.Next[idx] = null; }
            }
            case InTerm inn when !inn.Negated && IsAssignable(inn.Elem, f, out int idx):
            {
                var set = inn.Set.EvalSet(_es, f);
                if (!set.IsFinite) throw inn.Error($"cannot enumerate the infinite set {Term.Show(set)} to choose a value for {_es.VariableNames[idx]}");
                try
                {
                    foreach (var v in set.Elements)
                    {
                        _es.Next[idx] = v;
                        if (!k()) return false;
                    }
                    return true;
                }
                finally { _es.Next[idx] = null; }
            }
            case ImpliesTerm imp:
                // TLC enumerates the consequent of P => Q (a disjunction there yields one state per true disjunct).
                return imp.A.EvalBool(_es, f) ? Enum(imp.B, f, k) : k();
            case UnchangedTerm u:
                return EnumUnchanged(u.Inner, f, k, u);
            case IfTerm i:
                return Enum(i.Cond.EvalBool(_es, f) ? i.Then : i.Else, f, k);
            case CaseTerm c:
                for (int j = 0; j < c.Guards.Length; j++)
                    if (c.Guards[j].EvalBool(_es, f)) return Enum(c.Values[j], f, k);
                if (c.Other != null) return Enum(c.Other, f, k);
                throw c.Error("Attempted to evaluate a CASE with no conditions true and no OTHER arm");
            case LetTerm l:
                l.Enter(_es, f);
                return Enum(l.Body, f, k);
            case LabelTerm lb:
                return Enum(lb.Body, f, k);
            case OpCallTerm call when !(call.Args.Length == 0 && call.Def.Cacheable):
            {
                var frame = call.Def.NewFrame(call.DefiningFrame(f), call.EvalArgs(_es, f));
                return Enum(call.Def.EnsureBody(), frame, k);
            }
            case LocalTerm loc when loc.Raw(f) is Thunk th:
                return Enum(th.Body, th.Frame, k);
            case ParamCallTerm pc:
            {
                var op = f.Up(pc.Hops).Slots[pc.Slot];
                if (op is Closure cl)
                {
                    var args = pc.Args.Select(a => a.Lvl >= Level.Action ? (Value)new Thunk(a, f, _es) : a.Eval(_es, f)).ToArray();
                    return Enum(cl.Def.Body, cl.Def.NewFrame(cl.DefiningFrame, args), k);
                }
                return pc.EvalBool(_es, f) ? k() : true;
            }
            case ActionBoxTerm box when !box.IsAngle:
                if (!Enum(box.Action, f, k)) return false;
                return EnumUnchanged(box.Sub, f, k, box);
            case ActionBoxTerm box when box.IsAngle:
                return Enum(box.Action, f, () => box.Unchanged.EvalBool(_es, f) ? true : k());
            default:
                return t.EvalBool(_es, f) ? k() : true;
        }
    }

    private bool EnumList(Term[] items, int i, Frame f, Func<bool> k)
    {
        if (i == items.Length) return k();
        return Enum(items[i], f, () => EnumList(items, i + 1, f, k));
    }

    private bool EnumForall(QuantTerm q, Frame f, Func<bool> k)
    {
        // \A x \in S : A(x) in an action: the conjunction A(s1) /\ A(s2) /\ ...
        var bindings = new List<Value[]>();
        Binder.ForAll(q.Binders, 0, _es, f, q, () =>
        {
            bindings.Add(q.Binders.SelectMany(b => b.Slots).Select(s => f.Slots[s]).ToArray());
            return true;
        });
        var slots = q.Binders.SelectMany(b => b.Slots).ToArray();

        void Bind(int j)
        {
            for (int s = 0; s < slots.Length; s++) f.Slots[slots[s]] = bindings[j][s];
        }

        bool Rec(int j)
        {
            if (j == bindings.Count) return k();
            Bind(j);
            return Enum(q.Body, f, () =>
            {
                bool ok = Rec(j + 1);
                Bind(j);
                return ok;
            });
        }

        return Rec(0);
    }

    /// <summary>UNCHANGED e: assigns e's variables their current values where unassigned, else compares.</summary>
    private bool EnumUnchanged(Term e, Frame f, Func<bool> k, Term at)
    {
        switch (e)
        {
            case VarTerm v:
            {
                var cur = _es.Current[v.Index];
                if (_es.Next[v.Index] == null)
                {
                    _es.Next[v.Index] = cur;
                    try { return k(); }
                    finally { _es.Next[v.Index] = null; }
                }
                return _es.Next[v.Index].Equals(cur) ? k() : true;
            }
            case TupleTerm tup:
                return UnchangedList(tup.Items, 0, f, k, at);
            case OpCallTerm call when call.Args.Length == 0:
                return EnumUnchanged(call.Def.EnsureBody(), call.Def.NewFrame(call.DefiningFrame(f), null), k, at);
            case LabelTerm lb:
                return EnumUnchanged(lb.Body, f, k, at);
            case LocalTerm lt when lt.Raw(f) is Thunk th:
                return EnumUnchanged(th.Body, th.Frame, k, at);
            case ConstTerm:
                return k();
            default:
            {
                var u = new UnchangedTerm(e) { Span = at.Span };
                return u.EvalBool(_es, f) ? k() : true;
            }
        }
    }

    private bool UnchangedList(Term[] items, int i, Frame f, Func<bool> k, Term at)
    {
        if (i == items.Length) return k();
        return EnumUnchanged(items[i], f, () => UnchangedList(items, i + 1, f, k, at), at);
    }
}
