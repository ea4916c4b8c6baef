using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>The verdict, in the vocabulary of the TLA+ Examples manifests.</summary>
public enum CheckOutcome
{
    Success,
    AssumptionFailure,
    DeadlockFailure,
    SafetyFailure,
    LivenessFailure,
    Error,
}

public enum ViolationKind
{
    Invariant,
    ActionProperty,
    Deadlock,
    Assumption,
    Assert,
    Temporal,
    Evaluation,
    Parse,
    Config,
    /// <summary>The specification uses a feature the checker does not support yet.</summary>
    Unsupported,
    /// <summary>A formula TLC refuses by design (its liveness checker cannot handle it): reported as TLC reports it,
    /// exit 255; not a limit of Ops.</summary>
    TlcRefused,
    /// <summary>The run was cancelled (Ctrl+C, StopProcessing) before the search finished: the figures are partial.</summary>
    Cancelled,
    /// <summary>The time limit was reached before the search finished: the figures are partial.</summary>
    TimeLimit,
    /// <summary>The memory budget (<see cref="CheckOptions.MemoryBudgetMB"/>) would have been exceeded: the search
    /// stopped before it finished, and the figures are partial.</summary>
    MemoryBudget,
    /// <summary>A POSTCONDITION is false after a search that found nothing (TLC's exit code 10).</summary>
    Postcondition,
}

public sealed class Violation
{
    public ViolationKind Kind;
    /// <summary>The invariant, property or assumption name (null for deadlock and errors).</summary>
    public string Property;
    /// <summary>TLC's message, e.g. "Invariant NoNegativeBalance is violated."</summary>
    public string Message;
    /// <summary>"file:line:col" of the failing definition or expression, when known.</summary>
    public string Location;
    /// <summary>An error met on an initial state before it was recorded (its fingerprint): the trace is that state,
    /// printed as TLC prints it, "While working on the initial state:".</summary>
    public bool WhileInitialState;
    /// <summary>TLC's positions of the expressions it was evaluating when the error was raised ("0. Line 5, column 9
    /// to line 5, column 16 in M", ...), printed after the trace; null when TLC prints none.</summary>
    public List<string> NestedExpressions;
    /// <summary>The positions are printed before the error's message (TLC's Worker for a liveness predicate failing
    /// during the search), not after the trace.</summary>
    public bool NestedExpressionsFirst;
    /// <summary>The error was raised forcing a function TLC keeps lazy (LazyBodyErrors): TLC prints the positions as
    /// "TLC was unable to fingerprint." and its "Fingerprint Stack Trace", then this message as the "Reason".</summary>
    public string FingerprintReason;
    /// <summary>TLC's stack was printed without positions (its call stack was empty: "The error call stack is
    /// empty.", or a FingerprintException's own trace, "0) line 5, col 25 to ..."): one blank line after it, not two.</summary>
    public bool StackWithoutPositions;
    /// <summary>TLC's general failure while it computes the initial states (a runtime exception there): it ends the
    /// run without the statistics ("N states generated ...").</summary>
    public bool WithoutStatistics;
}

/// <summary>One state of a counterexample: number (1-based), the action that produced it, and the variable values.</summary>
public sealed class TraceState
{
    public int Number;
    /// <summary>TLC's label: "Initial predicate" or "Next line 50, col 5 to line 57, col 23 of module bank".</summary>
    public string Action;
    /// <summary>The index of the action in the model's actions (negative: initial state, stuttering).</summary>
    internal int ActionIndex = -1;
    public string[] Variables;
    public Value[] Values;
    /// <summary>With an ALIAS, Variables/Values are the alias record's fields; these keep the state itself (null
    /// when no alias applied).</summary>
    public string[] StateVariables;
    public Value[] StateValues;

    /// <summary>The state itself, whether an ALIAS applied or not: its variables' names and values.</summary>
    internal string[] RawVariables => StateVariables ?? Variables;
    internal Value[] RawValues => StateValues ?? Values;
}

/// <summary>A violation reported by a run that went on after it (-continue).</summary>
public sealed class ReportedViolation
{
    public Violation Violation;
    public List<TraceState> Trace = new();
    /// <summary>True for an initial state (TLC prints "is violated by the initial state:" and the state alone).</summary>
    public bool InitialState;
}

public sealed class CheckResult
{
    public CheckOutcome Outcome;
    public string SpecPath;
    public string ConfigPath;
    public long StatesGenerated;
    public long DistinctStates;
    public long StatesLeftOnQueue;
    /// <summary>Did the search keep its fingerprints and states on disk (see <see cref="CheckOptions.Storage"/>), from
    /// the start or once half the memory budget was live?</summary>
    public bool StoredOnDisk;
    /// <summary>BFS depth, initial states at level 1 (TLC's "depth of the complete state graph search").</summary>
    public int Depth;
    public long DurationMs;
    public int Workers = 1;
    public Violation Violation;
    public List<TraceState> Trace = new();
    /// <summary>The indices of a trace state's variables in the order TLC prints them (SANY's order, not the
    /// declaration order); null: the declaration order.</summary>
    public int[] VariablePrintOrder;
    /// <summary>The model's actions (TraceState.ActionIndex indexes them), for the writers that name a step's
    /// action and its location (-dumpTrace); null when the model did not load.</summary>
    public IReadOnlyList<ActionInfo> Actions;
    /// <summary>For a liveness lasso: the 0-based index in Trace where the cycle starts (ITF "loop"); null otherwise.</summary>
    public int? LoopIndex;
    /// <summary>For a lasso: true when the behaviour ends stuttering forever in its last state.</summary>
    public bool Stuttering;
    /// <summary>For a stuttering lasso: TLC's warning that the behaviour may stutter for want of fairness, printed
    /// after the trace (with the -nowarning hint when it is the run's first warning); null for none.</summary>
    public string StutteringWarning;
    /// <summary>For a lasso that loops back: the label of the step from the last state back to LoopIndex.</summary>
    public string LoopAction;
    /// <summary>For a lasso that loops back: the index of that step's action in <see cref="Actions"/> (-1: none).</summary>
    internal int LoopActionIndex = -1;
    /// <summary>Number of disjunctive branches the liveness check searched (TLC: "satisfiability problem has N branches").</summary>
    public int LivenessBranches;
    /// <summary>For a run in simulation mode (-simulate): the seed and the figures TLC prints; null for the
    /// breadth-first search.</summary>
    public SimulationReport Simulation;
    /// <summary>With -continue: the invariant and action property violations reported while the search went on,
    /// in the order found, each with its trace (the run's outcome does not count them, as TLC's does not).</summary>
    public List<ReportedViolation> Continued = new();
    /// <summary>Lines printed by Print/PrintT during the run.</summary>
    public List<string> Output = new();
    /// <summary>Lines printed once a violation has been found, while the POSTCONDITIONs are evaluated (their
    /// PrintT output, "Error: Postcondition P ... is false."): TLC prints them after the violation's trace.</summary>
    public List<string> OutputAfterTrace = new();
    /// <summary>Things the user should know that did not stop the check (e.g. properties not checked).</summary>
    public List<string> Warnings = new();
    /// <summary>What SANY printed while processing the modules (its warnings, line by line), printed first; kept with
    /// -nowarning, as TLC prints them.</summary>
    public List<string> ParserMessages = new();
    /// <summary>TLC's exit code for the outcome (<see cref="ExitStatus"/> as a number: the process's return value).</summary>
    public int ExitCode;
    /// <summary>The outcome in the catalogue (<see cref="Ops.Tla.ExitStatus"/>); the same as <see cref="ExitCode"/>.</summary>
    public ExitStatus ExitStatus
    {
        get => (ExitStatus)ExitCode;
        set => ExitCode = (int)value;
    }
    /// <summary>TLC's coverage statistics when they were asked for (<see cref="CheckOptions.CoverageMinutes"/>),
    /// the figures at the end of the run (also after a violation); null otherwise.</summary>
    public CoverageReport Coverage;

    /// <summary>The invariants the configuration asked for (INVARIANT), in the configuration's order; empty when
    /// the model did not load.</summary>
    public List<string> Invariants = new();
    /// <summary>The properties the configuration asked for (PROPERTY), in the configuration's order.</summary>
    public List<string> Properties = new();
    /// <summary>The number of ASSUME statements evaluated (of the specification and the modules it uses).</summary>
    public int Assumptions;
    /// <summary>True when deadlock was checked (the configuration and -deadlock did not turn it off).</summary>
    public bool DeadlockChecked;
    /// <summary>True when the model loaded (spec and configuration parsed and bound), so the lists above are known.</summary>
    public bool ModelLoaded;

    /// <summary>True when the search stopped before it finished (cancelled or out of time): the figures are partial.</summary>
    public bool Incomplete => Violation?.Kind is ViolationKind.Cancelled or ViolationKind.TimeLimit or ViolationKind.MemoryBudget;

    public string OutcomeText => Outcome switch
    {
        CheckOutcome.Success => "success",
        CheckOutcome.AssumptionFailure => "assumption failure",
        CheckOutcome.DeadlockFailure => "deadlock failure",
        CheckOutcome.SafetyFailure => "safety failure",
        CheckOutcome.LivenessFailure => "liveness failure",
        _ => "error",
    };
}

/// <summary>What a simulation run (TLC's -simulate) did: TLC prints it as "The number of states generated: N",
/// "Simulation using seed S and aril A" and "Progress: N states checked, T traces generated (trace length: mean=M,
/// var(x)=V, sd=D)".</summary>
public sealed class SimulationReport
{
    /// <summary>The seed of the run (given with -seed, or drawn and printed so that the run can be repeated).</summary>
    public long Seed;
    /// <summary>TLC's aril (always 0: Ops's generator has no such second seed).</summary>
    public long Aril;
    /// <summary>The behaviours begun (TLC's "traces generated"; the one that violated a property counts).</summary>
    public long Behaviors;
    /// <summary>The length of the behaviours that ended without a violation, as TLC sums them up (integer Welford
    /// mean, variance and standard deviation of min(depth, the level of the last state)).</summary>
    public long LengthMean, LengthVariance, LengthSd;
    /// <summary>The maximum length of a behaviour (-depth).</summary>
    public int Depth;
}

/// <summary>TLC's -simulate: random behaviours from the initial states instead of the breadth-first search.</summary>
public sealed class SimulationOptions
{
    /// <summary>num=N: stop after this many behaviours; null: go on until a violation, -timeout or cancellation.</summary>
    public long? Behaviors;
    /// <summary>file=PREFIX as given (the front end writes the files through <see cref="OnBehavior"/>).</summary>
    public string TraceFile;
    /// <summary>Called with each behaviour that ended without a violation and its 0-based number (TLC's file=
    /// writes it as a module PREFIX_0_N).</summary>
    public Action<long, List<TraceState>> OnBehavior;
}

/// <summary>How to run a check. Defaults are TLC's.</summary>
public sealed class CheckOptions
{
    /// <summary>The .cfg file; null means SPEC's name with .cfg.</summary>
    public string ConfigPath;
    /// <summary>Number of worker threads (1 = deterministic single thread).</summary>
    public int Workers = 1;
    /// <summary>False when -deadlock was given (TLC's flag turns deadlock checking off).</summary>
    public bool CheckDeadlock = true;
    /// <summary>Constant values as a .cfg writes them (Invoke-ModelCheck -Constant), applied over the .cfg, and able to
    /// hold what a .cfg file cannot, such as tuples.</summary>
    public Dictionary<string, Config.CfgValue> ConstantValues = new();
    /// <summary>CONSTANTs bound to values (<see cref="TlaValue"/> makes them from .NET data), applied over the .cfg and
    /// <see cref="ConstantValues"/>: what a program that embeds a model binds, with no TLA+ text to render and parse again. Their
    /// strings and model values are ranked as TLC ranks a .cfg's (after the .cfg's): a set made by
    /// <see cref="TlaValue.Set(object[])"/> in the order given, any other value in its own order. A name the root module
    /// neither declares nor defines is a configuration error (151).</summary>
    public Dictionary<string, Value> Constants = new();
    /// <summary>Called about every ProgressInterval with the running figures.</summary>
    public Action<CheckProgress> Progress;
    public TimeSpan ProgressInterval = TimeSpan.FromSeconds(60);
    /// <summary>Called with each line printed by TLC's Print/PrintT and the checker's messages.</summary>
    public Action<string> Log;
    public CancellationToken Cancellation;
    /// <summary>Stop (with outcome Error, "time limit") after this long; null for no limit.</summary>
    public TimeSpan? TimeLimit;
    /// <summary>
    /// The memory the checker may use, in MB (the managed heap, where the states, the fingerprint set and the queue
    /// live): when the search would need more it stops cleanly with outcome Error, violation kind
    /// <see cref="ViolationKind.MemoryBudget"/> and the partial figures, instead of running out of memory. Null: 85% of
    /// the memory available to the process (the machine's, or a container's limit).
    /// </summary>
    public long? MemoryBudgetMB;
    /// <summary>Where the search keeps its fingerprints and states (<see cref="Storage.StorageMode"/>): by default in
    /// memory, moved to disk when the live heap passes half <see cref="MemoryBudgetMB"/>; -diskstates: on disk from the
    /// start; Memory: never on disk (the search stops at the budget). See <see cref="Storage.SearchStorage"/>.</summary>
    public Storage.StorageMode Storage;
    /// <summary>TLC's -fpmem: the memory of the fingerprint set's table once on disk, a fraction of the budget when
    /// below 1, else megabytes; null: a quarter of the budget.</summary>
    public double? FingerprintMemory;
    /// <summary>TLC's -metadir: the folder under which a search on disk makes its directory of files (removed at
    /// the end); null: the system's temporary folder.</summary>
    public string StorageDirectory;

    // TLC's command-line options that change what is checked (ops check passes them as TLC spells them).

    /// <summary>TLC's -continue: an invariant or action property violation is reported (with its trace) and the
    /// search goes on; the run ends as TLC's does, with exit code 0 unless something else stops it (deadlock,
    /// an evaluation error, a liveness violation). The single-worker search is used.</summary>
    public bool Continue;
    /// <summary>TLC's -seed: the seed of RandomElement, RandomSubset and the other random choices. Each state's
    /// successors draw from a generator seeded with the seed and the state's fingerprint (as TLC seeds with its
    /// own fingerprint), so a run is reproducible whatever the order or number of workers.</summary>
    public long? Seed;
    /// <summary>TLC's -fp: which of TLC's fingerprint polynomials (0..130) orders the successors in the behaviour graph
    /// the liveness check searches, and so which lasso a violated temporal property is reported with (TLC picks one at
    /// random when -fp is not given; Ops then uses 0). Counts and verdicts never depend on it.</summary>
    public int FingerprintIndex;
    /// <summary>TLC's -view: error traces show each state through the configuration's VIEW.</summary>
    public bool PrintView;
    /// <summary>TLC's -inv EXPR (repeatable): state predicates, in the root module's scope, checked as invariants
    /// after the configuration's.</summary>
    public List<string> CommandLineInvariants = new();
    /// <summary>What the front end has to say about options it accepted without acting on them (TLC's -checkpoint):
    /// the first warnings of the result.</summary>
    public List<string> OptionWarnings = new();
    /// <summary>TLC's -invlevel N: the invariant TLCGet("level") &lt; N (a state N steps from an initial state,
    /// counting the initial state as level 1, violates it).</summary>
    public int? InvariantLevel;
    /// <summary>TLC's -nowarning: the result carries no warnings.</summary>
    public bool NoWarnings;
    /// <summary>False with TLC's -lncheck off: temporal properties are not checked.</summary>
    public bool CheckLiveness = true;
    /// <summary>TLC's -dump: receives the state graph as the search finds it (one worker); null for none.</summary>
    public IStateDump Dump;
    /// <summary>TLC's -dump as given on the command line: the file, and for dot its comma-separated options
    /// ("dot,colorize,actionlabels"; null for TLC's plain list of states). The front end makes <see cref="Dump"/>
    /// from them.</summary>
    public string DumpPath, DumpDot;
    /// <summary>TLC's -simulate (with -depth and num=, file=): null for the breadth-first search.</summary>
    public SimulationOptions Simulation;
    /// <summary>TLC's -depth N: the number of steps of a simulated behaviour (TLC's default 100; only -simulate
    /// uses it, as TLC).</summary>
    public int Depth = 100;
    /// <summary>TLC's -difftrace: a trace shows, after its first state, only the variables that changed.</summary>
    public bool DiffTrace;
    /// <summary>TLC's -terse: Print, PrintT and traces show the values TLC keeps unexpanded (SUBSET S, [S -> T],
    /// S \X T, [a : S]) as they are written instead of enumerating them.</summary>
    public bool Terse;
    /// <summary>TLC's -coverage MINUTES: collect the coverage statistics (<see cref="CheckResult.Coverage"/>), and
    /// report them every MINUTES minutes while the search runs (through <see cref="CoverageProgress"/>; 0: only at
    /// the end, as TLC). Null (the default): not collected, at no cost.</summary>
    public int? CoverageMinutes;
    /// <summary>Receives the periodic coverage reports (<see cref="CoverageMinutes"/>) taken while the search runs;
    /// the final figures are in the result.</summary>
    public Action<CoverageReport> CoverageProgress;
    /// <summary>TLC's -dumpTrace FORMAT FILE (json or tla), in the command line's order.</summary>
    public List<(string Format, string Path)> DumpTraces = new();
    /// <summary>The environment IOUtils!IOEnv answers (TLC: the process's): the library reads none of its own, so a
    /// front end passes the process's variables (ops check and Invoke-ModelCheck do); null: IOEnv is the empty record.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables;
    /// <summary>The switches for the checker's developers (traces, profiles, optimisations off); see
    /// <see cref="DiagnosticOptions"/>.</summary>
    public DiagnosticOptions Diagnostics = DiagnosticOptions.None;
}

public readonly record struct CheckProgress(int Depth, long StatesGenerated, long DistinctStates, long StatesLeftOnQueue, TimeSpan Elapsed)
{
    /// <summary>For a simulation (-simulate): the figures so far (the behaviours and their lengths); null otherwise.</summary>
    public SimulationReport Simulation { get; init; }
}
