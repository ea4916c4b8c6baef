namespace Ops.Tla.Checking;

/// <summary>
/// The checker's switches for its own developers (to compare an optimisation against the plain way, to trace what it
/// does, to find where a spec spends its time): never needed to check a specification, and none changes a verdict or
/// a count. The library reads no environment variable: the front ends fill this from theirs (<c>ops</c> reads
/// OPS_DEBUG, OPS_KEEP_STATES, OPS_NO_INTERN, OPS_INTERN_TRACE, OPS_PAR_TRACE, OPS_PAR_SHARE_ALL, OPS_NO_HOIST, OPS_NO_PREGUARD, OPS_NO_DEFER_EXCEPT, OPS_NO_RECYCLE, OPS_HOIST_TRACE and
/// OPS_EVAL_PROFILE once at start-up, see docs/checker.md) and pass it in <see cref="CheckOptions.Diagnostics"/>.
/// </summary>
public sealed record DiagnosticOptions
{
    /// <summary>No switch on and nowhere to write: the default.</summary>
    public static DiagnosticOptions None { get; } = new();

    /// <summary>Internal errors carry their stack trace in the message (for a bug report). OPS_DEBUG=1.</summary>
    public bool Debug { get; init; }
    /// <summary>Every distinct state is kept in memory, even when it could be derived again for a trace (see
    /// <see cref="BfsChecker"/>). OPS_KEEP_STATES=1.</summary>
    public bool KeepStates { get; init; }
    /// <summary>The states kept do not share one instance of each distinct value of a variable (see
    /// <see cref="ValueInterner"/>). OPS_NO_INTERN=1.</summary>
    public bool NoIntern { get; init; }
    /// <summary>At the end of a breadth-first search, one line per variable on <see cref="Output"/>: how often its
    /// values were looked up for sharing and found. OPS_INTERN_TRACE=1.</summary>
    public bool InternTrace { get; init; }
    /// <summary>At the end of a parallel search, one line on <see cref="Output"/>: levels, the workers' busy time, the
    /// coordinator's time alone; then one line per level: its states, the workers' time on it, the coordinator's time
    /// storing what they found, the methods the JIT had compiled by then. OPS_PAR_TRACE=1.</summary>
    public bool ParallelTrace { get; init; }
    /// <summary>The parallel search's workers share every level, however narrow, and while the runtime's compiler is
    /// busy, rather than leaving the levels where a second worker gains nothing to worker 0 alone (see
    /// <see cref="LevelSharing"/>). OPS_PAR_SHARE_ALL=1.</summary>
    public bool ShareEveryLevel { get; init; }
    /// <summary>No sub-expression is evaluated once and kept (see <see cref="Eval.Hoisting"/>). OPS_NO_HOIST=1.</summary>
    public bool NoHoist { get; init; }
    /// <summary>The search evaluates each action whole, without first evaluating the guards it begins with apart (see
    /// <see cref="Eval.PreGuards"/>). OPS_NO_PREGUARD=1.</summary>
    public bool NoPreGuard { get; init; }
    /// <summary>A successor's <c>x' = [x EXCEPT ...]</c> is built at once, rather than left unbuilt until the state is
    /// found new (see <see cref="Values.PendingExcept"/>). OPS_NO_DEFER_EXCEPT=1.</summary>
    public bool NoDeferExcept { get; init; }
    /// <summary>A new state is stored in an array of its own, rather than in the emptied array of a state already
    /// expanded (see <see cref="BfsChecker"/>). OPS_NO_RECYCLE=1.</summary>
    public bool NoRecycle { get; init; }
    /// <summary>What hoisting caches, hoists and inlines, one line per rewrite on <see cref="Output"/> while the
    /// specification loads. OPS_HOIST_TRACE=1.</summary>
    public bool HoistTrace { get; init; }
    /// <summary>A profile of evaluation by user-defined operator (see <see cref="Eval.EvalProfile"/>), written on
    /// <see cref="Output"/> when the check ends; it slows evaluation down. OPS_EVAL_PROFILE=1.</summary>
    public bool EvalProfile { get; init; }
    /// <summary>Where the traces and the profile are written (the CLI: standard error); null: nowhere. It may be
    /// written from the search's threads: give a synchronized writer (<see cref="TextWriter.Synchronized"/>).</summary>
    public TextWriter Output { get; init; }

    /// <summary>The switches as the front ends name them: each OPS_* variable that <paramref name="variable"/> gives
    /// as 1 or true turns its switch on (the caller reads its environment; the library reads none).</summary>
    public static DiagnosticOptions FromVariables(Func<string, string> variable, TextWriter output)
    {
        bool On(string name) => variable(name) is "1" or "true";
        return new DiagnosticOptions
        {
            Debug = On("OPS_DEBUG"),
            KeepStates = On("OPS_KEEP_STATES"),
            NoIntern = On("OPS_NO_INTERN"),
            InternTrace = On("OPS_INTERN_TRACE"),
            ParallelTrace = On("OPS_PAR_TRACE"),
            ShareEveryLevel = On("OPS_PAR_SHARE_ALL"),
            NoHoist = On("OPS_NO_HOIST"),
            NoPreGuard = On("OPS_NO_PREGUARD"),
            NoDeferExcept = On("OPS_NO_DEFER_EXCEPT"),
            NoRecycle = On("OPS_NO_RECYCLE"),
            HoistTrace = On("OPS_HOIST_TRACE"),
            EvalProfile = On("OPS_EVAL_PROFILE"),
            Output = output,
        };
    }

    /// <summary>A table of environment variables (as the .NET runtime gives the process's) as
    /// <see cref="CheckOptions.EnvironmentVariables"/> takes it.</summary>
    public static IReadOnlyDictionary<string, string> VariablesFrom(System.Collections.IDictionary table)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in table) all[(string)e.Key] = (string)e.Value ?? "";
        return all;
    }

    /// <summary>Writes one diagnostic line, when there is somewhere to write it.</summary>
    internal void Write(string line) => Output?.WriteLine(line);
}
