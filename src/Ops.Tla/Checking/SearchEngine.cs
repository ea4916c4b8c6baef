namespace Ops.Tla.Checking;

/// <summary>
/// One way of searching a model's behaviours, as TLC has its ModelChecker, its parallel workers and its Simulator
/// behind <c>AbstractChecker</c> (or Stateright its <c>spawn_bfs</c>/<c>spawn_dfs</c>): it takes a loaded
/// <see cref="Model"/> and the <see cref="CheckOptions"/>, runs to the end of the search, to a violation, to a stop
/// request or the memory budget, and returns the result with TLC's figures. It never throws for the specification's
/// errors: they are results too.
/// <para>
/// What every engine checks the same way (the assumptions and constant substitutions before the search, the initial
/// states, invariants and action properties on states and steps, TLC's classification of errors, a liveness
/// counterexample made into a trace) is in <see cref="StateChecks"/>; successors come from the
/// <see cref="Eval.ActionEnumerator"/>. Temporal properties are not an engine of their own: the
/// <see cref="Liveness.LivenessChecker"/> searches the state graph an engine recorded (the whole graph of the
/// one-worker breadth-first search, each behaviour of the simulation).
/// </para>
/// </summary>
public interface ISearchEngine
{
    /// <summary>Searches and returns the result (counts, depth, the violation and its trace, if any).</summary>
    CheckResult Run();
}

/// <summary>The engines there are (see <see cref="SearchEngines.Choose"/>).</summary>
public enum SearchKind
{
    /// <summary>Breadth-first on one thread (<see cref="BfsChecker"/>): deterministic, records the state graph for
    /// temporal properties, and the only one for -continue, -invlevel and -dump.</summary>
    BreadthFirst,
    /// <summary>Breadth-first with several workers, level by level (<c>Checking/ParallelBfs.cs</c>, a part of
    /// <see cref="BfsChecker"/> that shares its state graph): the same counts and depth as one worker.</summary>
    ParallelBreadthFirst,
    /// <summary>TLC's -simulate: random behaviours (<see cref="Simulator"/>).</summary>
    Simulation,
}

/// <summary>Where the search is chosen: the one place that says which engine checks a model.</summary>
public static class SearchEngines
{
    /// <summary>The engine for <paramref name="model"/> with <paramref name="options"/>: the simulation when asked
    /// for; otherwise the parallel search with more than one worker unless something needs the one-worker search
    /// (temporal properties to check on the recorded graph, -continue, -invlevel, -dump).</summary>
    public static SearchKind Choose(Model model, CheckOptions options)
    {
        if (options.Simulation != null) return SearchKind.Simulation;
        bool needsOneWorker = BfsChecker.RecordsGraph(model, options) || options.Continue || options.InvariantLevel != null || options.Dump != null;
        return options.Workers > 1 && !needsOneWorker ? SearchKind.ParallelBreadthFirst : SearchKind.BreadthFirst;
    }

    /// <summary>A new engine of the kind <see cref="Choose"/> picks, ready to <see cref="ISearchEngine.Run"/>.</summary>
    public static ISearchEngine Create(Model model, CheckOptions options) => Choose(model, options) switch
    {
        SearchKind.Simulation => new Simulator(model, options),
        SearchKind.ParallelBreadthFirst => new BfsChecker(model, options, parallel: true),
        _ => new BfsChecker(model, options, parallel: false),
    };
}
