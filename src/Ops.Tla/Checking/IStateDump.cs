using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Receives the reachable state graph as the search finds it (TLC's <c>-dump</c>, its IStateWriter): the initial
/// states, then every step from an explored state to a successor the constraints keep, in the order the search
/// generates them (deterministic with one worker: a check with a dump runs on one worker). A step to a state
/// seen before is passed too (<paramref name="isNew"/> false). States are identified by their fingerprint.
/// Only set when the user asks for a dump: the search costs nothing more otherwise.
/// </summary>
public interface IStateDump
{
    /// <summary>The variables, in the order of the states' values (called once, before any state).</summary>
    void Begin(string[] variableNames);

    /// <summary>A new initial state (level 1).</summary>
    void Initial(ulong fp, Value[] state);

    /// <summary>A step from <paramref name="fromFp"/> (at <paramref name="fromLevel"/>) through
    /// <paramref name="action"/> to <paramref name="to"/>.</summary>
    void Successor(ulong fromFp, int fromLevel, ulong toFp, Value[] to, bool isNew, ActionInfo action);
}
