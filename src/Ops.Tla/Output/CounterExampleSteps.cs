using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>The counterexample as TLC's <c>CounterExample</c> (TLCExt) has it, for <c>-dumpTrace</c>: the states
/// numbered from 1, and each step from state i to state i+1 with the action's name and location.</summary>
internal static class CounterExampleSteps
{
    public sealed record State(int Number, string[] Variables, Value[] Values);
    public sealed record Step(State From, ActionInfo Action, State To);

    public static (List<State> States, List<Step> Steps) Of(CheckResult r)
    {
        var states = r.Trace.Select((t, i) => new State(i + 1, t.RawVariables, t.RawValues)).ToList();
        var steps = new List<Step>();
        for (int i = 1; i < r.Trace.Count; i++)
        {
            int a = r.Trace[i].ActionIndex;
            if (a >= 0 && r.Actions != null && a < r.Actions.Count) steps.Add(new Step(states[i - 1], r.Actions[a], states[i]));
        }
        // A lasso that loops back: TLC's CounterExample has the step from the last state back into the loop.
        if (r.LoopIndex is int loop && !r.Stuttering && r.LoopActionIndex >= 0 && r.Actions != null && states.Count > 0)
            steps.Add(new Step(states[^1], r.Actions[r.LoopActionIndex], states[loop]));
        return (states, steps);
    }
}
