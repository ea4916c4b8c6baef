using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// ALIAS: error traces show, for every state, the fields of the alias record instead of the variables (TLC's
/// Tool.evalAlias). The alias is evaluated on the state and its successor in the trace (the last state is its own
/// successor), so it may mention primed variables. Fields keep the order of a record constructor <c>[a |-> ..,
/// b |-> ..]</c>, as TLC prints them; a state whose alias cannot be evaluated, or is not a record, is shown as it is.
/// </summary>
public static class TraceAlias
{
    /// <param name="afterLast">The successor of the last state (the state a lasso goes back to); null for the last
    /// state itself.</param>
    public static void Apply(Model m, EvalState es, List<TraceState> trace, Value[] afterLast = null)
    {
        if (m.Alias == null || trace.Count == 0) return;
        var cur = es.Current;
        var next = es.Next;
        var init = es.InitMode;
        var level = es.Level;
        try
        {
            es.InitMode = false;
            for (int i = 0; i < trace.Count; i++)
            {
                var s = trace[i];
                if (s.Values == null) continue;
                var successor = i + 1 < trace.Count && trace[i + 1].Values != null ? trace[i + 1].Values : afterLast ?? s.Values;
                es.Current = s.Values;
                es.Next = successor;
                // TLCGet("level") in the alias: the state's own level (TLC evaluates the alias on each state of the
                // trace), not where the search stopped.
                es.Level = i + 1;
                if (Evaluate(m, es) is not { } fields) continue;
                s.StateVariables = s.Variables;
                s.StateValues = s.Values;
                s.Variables = fields.Names;
                s.Values = fields.Values;
            }
        }
        finally
        {
            es.Current = cur;
            es.Next = next;
            es.InitMode = init;
            es.Level = level;
        }
    }

    /// <summary>TLC's -view: every state of the trace is shown through the VIEW. A view that is a tuple of distinct
    /// variables shows those variables (in name order, as TLC prints them); any other view shows its value under the
    /// view's name. A state whose view cannot be evaluated is shown as it is.</summary>
    public static void ApplyView(Model m, EvalState es, List<TraceState> trace)
    {
        if (m.View == null || trace.Count == 0) return;
        var t = m.View.Term;
        while (t is OpCallTerm { Args.Length: 0 } c && !c.Def.IsLocal) t = c.Def.EnsureBody();
        var vars = t is TupleTerm tt && tt.Items.All(i => i is VarTerm) ? tt.Items.Cast<VarTerm>().ToArray() : null;
        if (vars != null && vars.Select(v => v.Index).Distinct().Count() != vars.Length) vars = null;
        var cur = es.Current;
        var next = es.Next;
        try
        {
            foreach (var s in trace)
            {
                if (s.Values == null) continue;
                var state = s.StateValues ?? s.Values;
                es.Current = state;
                es.Next = null;
                if (vars != null)
                {
                    var ordered = vars.OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
                    s.Variables = ordered.Select(v => v.Name).ToArray();
                    s.Values = ordered.Select(v => state[v.Index]).ToArray();
                    continue;
                }
                try
                {
                    var v = m.View.Term.Eval(es, new Frame(m.View.FrameSize, null)).Normalize();
                    s.Variables = new[] { m.View.Name };
                    s.Values = new[] { v };
                }
                catch (Exception e) when (e is TlaException or ValueException or TlcAssertException)
                {
                    // Shown as it is.
                }
            }
        }
        finally
        {
            es.Current = cur;
            es.Next = next;
        }
    }

    private static (string[] Names, Value[] Values)? Evaluate(Model m, EvalState es)
    {
        var alias = m.Alias;
        try
        {
            var f = new Frame(alias.FrameSize, null);
            var t = alias.Term;
            // Look through definitions, LET and labels for a record constructor, to keep its field order.
            for (int guard = 0; guard < 100; guard++)
            {
                if (t is OpCallTerm { Args.Length: 0 } c && !c.Def.IsLocal)
                {
                    f = c.Def.NewFrame(null, null);
                    t = c.Def.EnsureBody();
                }
                else if (t is LetTerm l)
                {
                    l.Enter(es, f);
                    t = l.Body;
                }
                else if (t is LabelTerm lb) t = lb.Body;
                else break;
            }
            if (t is RecordTerm r)
            {
                var vals = new Value[r.Values.Length];
                for (int i = 0; i < vals.Length; i++) vals[i] = r.Values[i].Eval(es, f).Normalize();
                return (r.Fields.ToArray(), vals);
            }
            var v = t.Eval(es, f).Normalize();
            if (v is FcnBase fb && fb.ToFcn() is { IsRecord: true } rec)
                return (rec.Keys.Select(k => ((StringValue)k).S).ToArray(), rec.Vals.ToArray());
            return null;
        }
        catch (Exception e) when (e is TlaException or ValueException or TlcAssertException)
        {
            // As TLC (Tool.evalAlias): a trace is never lost to an alias that cannot be evaluated; that state is shown
            // with its variables (in TLC's order) and the error's message as _ALIASEvalError.
            var state = es.Current;
            var names = new string[state.Length + 1];
            var vals = new Value[state.Length + 1];
            for (int k = 0; k < state.Length; k++)
            {
                int j = m.VariablePrintOrder?[k] ?? k;
                names[k] = m.VariableNames[j];
                vals[k] = state[j];
            }
            names[state.Length] = "_ALIASEvalError";
            vals[state.Length] = StringValue.Of(e.Message);
            return (names, vals);
        }
        catch (InvalidCastException)
        {
            // Not a record: that state is shown as it is.
            return null;
        }
    }
}
