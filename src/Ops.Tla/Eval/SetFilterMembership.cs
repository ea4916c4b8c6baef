using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// <c>e \in {x \in S : P}</c> decided as TLC decides it (SetPredValue.member): e \in S and P with x bound to e,
/// without enumerating S. This matters when S is large (<c>SUBSET SUBSET 1..4</c>) and the filtered set is only
/// tested for membership. Applies to a filter written in place or behind a definition without arguments.
/// </summary>
internal static class SetFilterMembership
{
    public static bool TryTest(InTerm t, EvalState es, Frame f, out Value result)
    {
        result = null;
        var (sf, sfFrame) = Resolve(t.Set, f);
        if (sf == null) return false;
        var v = t.Elem.Eval(es, f);
        var dom = sf.Binder.Set.EvalSet(es, sfFrame);
        // TLC normalizes S (enumerates it to filter it): a set it cannot sort fails.
        if (dom is UnorderedSetValue u) throw t.Error(u.Failure());
        bool member;
        try { member = dom.Contains(v); }
        catch (ValueException e)
        {
            // TLC filters an interval or an enumerated set into a set of its own (SetPredValue only for the others),
            // normalized, and searches that: an element of another kind is compared with the kept elements only
            // ("a" \in {x \in 1..3 : x > 1}: "Attempted to compare string "a" with non-string:\n3"), none if none is kept.
            if (dom is not (IntervalValue or SetValue)) throw t.Error(e);
            try { member = ((SetBase)sf.Eval(es, sfFrame)).Contains(v); }
            catch (ValueException again) { throw t.Error(again); }
            result = BoolValue.Of(member != t.Negated);
            return true;
        }
        if (member)
        {
            var g = new Frame(sfFrame.Slots.Length, sfFrame.Parent);
            Array.Copy(sfFrame.Slots, g.Slots, g.Slots.Length);
            sf.Hoists?.Enter(es, g);
            sf.Binder.Bind(g, v, sf);
            member = sf.Pred.EvalBool(es, g, sf);
        }
        result = BoolValue.Of(member != t.Negated);
        return true;
    }

    private static (SetFilterTerm, Frame) Resolve(Term t, Frame f)
    {
        for (int guard = 0; guard < 16; guard++)
        {
            switch (t)
            {
                case SetFilterTerm sf:
                    return (sf, f);
                case LabelTerm lb:
                    t = lb.Body;
                    continue;
                // A definition without arguments whose value is not computed once (constant ones are cached).
                case OpCallTerm { Args.Length: 0 } c when !c.Def.Cacheable && c.Def.EnsureBody() is SetFilterTerm or LabelTerm:
                    f = c.Def.NewFrame(c.DefiningFrame(f), null);
                    t = c.Def.Body;
                    continue;
                default:
                    return (null, null);
            }
        }
        return (null, null);
    }
}
