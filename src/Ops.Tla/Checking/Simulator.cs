using System.Diagnostics;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;
using static Ops.Tla.Checking.StateChecks;

namespace Ops.Tla.Checking;

/// <summary>
/// TLC's random simulation (<c>-simulate</c>, tlc2.tool.Simulator and SimulationWorker): behaviours are generated one
/// after the other from a random initial state; at each step an action is picked at random (the others are tried, in
/// an order drawn at random, only while the action tried gives no successor inside the model), every successor it
/// gives is counted and checked (invariants, action properties), and one of those inside the model (CONSTRAINT,
/// ACTION_CONSTRAINT) is picked at random as the next state. A state without such a successor is a deadlock (unless
/// deadlock is not checked, when the behaviour ends there); a behaviour ends after -depth steps, and then its
/// temporal properties are checked on it (the graph of its states and steps, every state able to stutter, as TLC's
/// LiveCheck1 checks a trace). The run stops at the first violation, after num behaviours, or when stopped.
/// Successors, predicates and the liveness check are evaluated as in the breadth-first search (ActionEnumerator,
/// <see cref="StateChecks"/>, <see cref="Liveness.LivenessChecker"/>).
/// Every random choice comes from one generator seeded with the seed, so a seed gives the same behaviours on every
/// run (one worker; TLC's own choices, from its generator and its workers' interleaving, cannot be reproduced).
/// </summary>
public sealed class Simulator : ISearchEngine, IBuiltinHost
{
    private readonly Model _m;
    private readonly CheckOptions _o;
    private readonly SimulationOptions _sim;
    private readonly CheckResult _r;
    private readonly EvalState _es;
    private readonly ActionEnumerator _enum;
    private readonly Dictionary<Value, Value> _registers = new();
    private readonly Stopwatch _clock = new();
    private readonly long _seed;
    private readonly SimulationRandom _rng;
    private readonly Random _specRandom;
    private readonly string _initLabel;
    private readonly bool _checkLiveness;

    private readonly List<Value[]> _initial = new();
    // The behaviour being generated: its states and the action that produced each (-1: initial state).
    private readonly List<Value[]> _trace = new();
    private readonly List<int> _traceActions = new();
    // The successors of the current state inside the model (the candidates for the next state), with their action.
    private readonly List<Value[]> _candidates = new();
    private readonly List<int> _candidateActions = new();
    private Value[] _nextBuf;
    private int _action;
    private SearchFailure? _stop;
    private Value[] _stopState;
    private int _stopAction = -1;

    private long _generated;
    private long _behaviors;
    private long _completed;
    // TLC's running mean and M2 of the behaviours' lengths (integer arithmetic, as SimulationWorker's statistics).
    private long _mean, _m2;
    /// <summary>The run's stop request (cancellation, time limit), polled by the simulation and the evaluation.</summary>
    private StopSignal _stopSignal;

    public Simulator(Model model, CheckOptions options)
    {
        _m = model;
        _o = options ?? new CheckOptions();
        _sim = _o.Simulation ?? new SimulationOptions();
        _seed = _o.Seed ?? Random.Shared.NextInt64();
        _rng = new SimulationRandom(_seed);
        _specRandom = new Random(unchecked((int)(_seed ^ (_seed >> 32))));
        _r = new CheckResult
        {
            SpecPath = model.SpecPath, ConfigPath = model.ConfigPath, Workers = 1, Actions = model.Actions,
            Simulation = new SimulationReport { Seed = _seed, Depth = _o.Depth },
        };
        _es = new EvalState(this, model.VariableNames);
        _enum = new ActionEnumerator(_es) { IntermediateStates = n => _generated += n };
        _checkLiveness = model.TemporalProperties.Count > 0 && _o.CheckLiveness;
        _initLabel = InitLabel(model);
    }

    /// <summary>TLC labels the first state of a simulated behaviour with the initial predicate's definition and
    /// location (<c>Init line 4, col 9 to line 4, col 13 of module M</c>), where the breadth-first search says
    /// "Initial predicate".</summary>
    private static string InitLabel(Model m)
    {
        if (m.Init == null) return "Initial predicate";
        var t = m.Init.Term;
        if (t is OpCallTerm { Args.Length: 0 } c && c.Def.EnsureBody() is { } body && body.Span.Line > 0)
            return $"{c.Def.Name} {body.Span.ToTlcString(c.Def.ModuleName ?? m.ModuleName)}";
        return t.Span.Line > 0 ? $"{m.Init.Name} {t.Span.ToTlcString(m.ModuleName)}" : "Initial predicate";
    }

    public CheckResult Run()
    {
        using var strings = StringOrder.Enter(_m.Strings);
        using var stop = _stopSignal = new StopSignal(_o.Cancellation, _o.TimeLimit);
        _es.Stop = stop;
        _clock.Start();
        _o.Log?.Invoke($"Running Random Simulation with seed {_seed} with 1 worker.");
        try
        {
            if (Before() && !_m.NoBehavior && ComputeInitialStates())
            {
                if (_m.Next == null && _initial.Count > 0)
                    Fail(new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, "No next state actions defined to generate successor states from.", ExitStatus.EvaluationError), false);
                else if (_initial.Count > 0)
                    Simulate();
            }
        }
        catch (Exception e) when (FromException(e, _o.Diagnostics) is { } f)
        {
            Fail(f, f.AtState);
        }
        catch (OperationCanceledException) when (_stopSignal.TimedOut || _r.Violation != null)
        {
            // -timeout ends a simulation as TLC's stopAfter does: what was generated so far, without error.
        }
        catch (OperationCanceledException)
        {
            Fail(new SearchFailure(CheckOutcome.Error, ViolationKind.Cancelled, null, "The check was cancelled.", ExitStatus.SystemError), false);
        }
        // The simulation is over (a time limit ends it normally): what follows is evaluated whole.
        _es.Stop = null;
        if (_r.Violation == null && _m.Postconditions.Count > 0) CheckPostconditions();
        _r.StatesGenerated = _generated;
        _r.DistinctStates = 0;
        _r.Depth = 0;
        _r.DurationMs = _clock.ElapsedMilliseconds;
        Figures(_r.Simulation);
        if (_r.Violation == null)
        {
            _r.Outcome = CheckOutcome.Success;
            _r.ExitStatus = ExitStatus.Success;
        }
        return _r;
    }

    /// <summary>POSTCONDITION(S), as TLC's simulator evaluates them when the run ended without error (TLCGet("diameter")
    /// is then the number of behaviours generated): the first false one is reported, exit 10.</summary>
    private void CheckPostconditions()
    {
        _es.Current = null;
        _es.Next = null;
        _es.InitMode = false;
        try
        {
            foreach (var p in _m.Postconditions)
            {
                if (StateChecks.Postcondition(_m, _es, p, ExitStatus.ConfigError) is not { } f) continue;
                Fail(f, false);
                return;
            }
        }
        catch (Exception e) when (FromException(e, _o.Diagnostics) is { } f)
        {
            Fail(f, false);
        }
    }

    /// <summary>The behaviours so far and their lengths' statistics, as TLC's progress line gives them (variance and
    /// standard deviation of M2 / (traces + 1), rounded).</summary>
    private SimulationReport Figures(SimulationReport s)
    {
        s.Behaviors = _behaviors;
        s.LengthMean = _mean;
        s.LengthVariance = (long)Math.Floor(_m2 / (_behaviors + 1d) + 0.5);
        s.LengthSd = (long)Math.Floor(Math.Sqrt(_m2 / (_behaviors + 1d)) + 0.5);
        return s;
    }

    /// <summary>Constant substitutions and assumptions, as before any search.</summary>
    private bool Before()
    {
        var f = ConstantSubstitutions(_m, _es) ?? Assumptions(_m, _es);
        if (f == null) return true;
        Fail(f.Value, false);
        return false;
    }

    /// <summary>The initial states (all of them, as TLC's simulator keeps them), each counted and checked.</summary>
    private bool ComputeInitialStates() =>
        EnumerateInitialStates(_m, _es, _enum, state =>
        {
            _generated++;
            _initial.Add(state);
            return CheckInitialState(state);
        });

    private bool CheckInitialState(Value[] state)
    {
        _trace.Clear();
        _traceActions.Clear();
        _trace.Add(state);
        _traceActions.Add(-1);
        var (inv, isProperty) = FirstViolatedInvariant(_m, _es, state);
        if (inv != null)
        {
            Fail(new SearchFailure(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                isProperty ? $"Property {inv.Name} is violated." : $"Invariant {inv.Name} is violated.", ExitStatus.SafetyViolation), true);
            return false;
        }
        if (_m.InitProperties.Count > 0 && FirstFalse(_es, _m.InitProperties, state, null) is { } p)
        {
            Fail(new SearchFailure(CheckOutcome.SafetyFailure, ViolationKind.Invariant, p.Name,
                $"Property {p.Name} is violated by the initial state.", ExitStatus.LivenessViolation), true);
            return false;
        }
        return true;
    }

    private void Simulate()
    {
        _nextBuf = new Value[_m.VariableNames.Length];
        var lastProgress = _clock.Elapsed;
        while ((_sim.Behaviors is not long n || _behaviors < n) && !_exitRequested)
        {
            _stopSignal.ThrowIfRaised();
            if (_o.Progress != null && _clock.Elapsed - lastProgress >= _o.ProgressInterval)
            {
                lastProgress = _clock.Elapsed;
                _o.Progress(new CheckProgress(_o.Depth, _generated, 0, 0, _clock.Elapsed) { Simulation = Figures(new SimulationReport { Seed = _seed, Depth = _o.Depth }) });
            }
            if (!Behavior()) return;
        }
    }

    /// <summary>Generates and checks one behaviour; false when it violated something (recorded in the result).</summary>
    private bool Behavior()
    {
        _behaviors++;
        _trace.Clear();
        _traceActions.Clear();
        var current = _initial[_rng.NextIndex(_initial.Count)];
        _trace.Add(current);
        _traceActions.Add(-1);
        var actions = _m.Actions;
        for (int step = 0; step < _o.Depth; step++)
        {
            if ((step & 0xFF) == 0xFF) _stopSignal.ThrowIfRaised();
            _candidates.Clear();
            _candidateActions.Clear();
            int len = actions.Count;
            int index = _rng.NextIndex(len);
            int p = _rng.NextStep(len);
            for (int i = 0; i < len; i++)
            {
                Successors(current, index);
                if (_stop != null) return GoOn();
                if (_candidates.Count > 0) break;
                index = (index + p) % len;
            }
            if (_exitRequested) return false;
            if (_candidates.Count == 0)
            {
                if (!_m.CheckDeadlock) break;
                Fail(new SearchFailure(CheckOutcome.DeadlockFailure, ViolationKind.Deadlock, null, "Deadlock reached.", ExitStatus.Deadlock), true);
                return GoOn();
            }
            int pick = _rng.NextIndex(_candidates.Count);
            current = _candidates[pick];
            _trace.Add(current);
            _traceActions.Add(_candidateActions[pick]);
        }
        if (_checkLiveness && !CheckTemporalProperties()) return false;
        // TLC's statistics of the behaviours' lengths: min(depth, level of the last state), integer Welford.
        long x = Math.Min(_o.Depth, _trace.Count);
        long delta = x - _mean;
        _mean = (int)(_mean + delta / Math.Max(_behaviors, 1));
        _m2 += delta * (x - _mean);
        try
        {
            _sim.OnBehavior?.Invoke(_completed, BuildTrace());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null,
                $"The behaviour could not be written (-simulate file=): {e.Message}", ExitStatus.SystemError), false);
            return false;
        }
        _completed++;
        return true;
    }

    /// <summary>After a behaviour violated an invariant, an action property or deadlock: with -continue the violation is
    /// reported (with its behaviour) and the simulation goes on with the next behaviour, as TLC's simulator does
    /// (exit 0 at the end); a temporal property or an evaluation error still ends the run. Returns whether to go on.</summary>
    private bool GoOn()
    {
        if (!_o.Continue || _r.Violation?.Kind is not (ViolationKind.Invariant or ViolationKind.ActionProperty or ViolationKind.Deadlock)) return false;
        _r.Continued.Add(new ReportedViolation { Violation = _r.Violation, Trace = _r.Trace });
        _r.Violation = null;
        _r.Trace = new List<TraceState>();
        _r.Outcome = CheckOutcome.Success;
        _r.ExitStatus = ExitStatus.Success;
        _stop = null;
        _stopState = null;
        _stopAction = -1;
        return true;
    }

    /// <summary>The successors of <paramref name="current"/> through one action: each counted and checked, those
    /// inside the model kept as candidates. A violation is recorded in <see cref="_stop"/>.</summary>
    private void Successors(Value[] current, int action)
    {
        var a = _m.Actions[action];
        _action = action;
        int level = _trace.Count;
        _es.Level = level;
        _es.Current = current;
        _es.Next = _nextBuf;
        _es.InitMode = false;
        Array.Clear(_nextBuf);
        try
        {
            _enum.Run(a.Term, a.ReuseFrame(_es), () =>
            {
                _generated++;
                bool go = OnSuccessor(current, _nextBuf, level);
                _es.Level = level;
                _es.Current = current;
                _es.Next = _nextBuf;
                return go;
            });
        }
        catch (TlaException e) when (e.TlcEvalError && e.ExitCode == null)
        {
            // As in the breadth-first search: TLC ends with the EvalException's own code (255).
            throw new TlaException(e.Kind, e.Span, e.Message) { ExitCode = ExitStatus.SystemError, TlcEvalError = true };
        }
    }

    private bool OnSuccessor(Value[] current, Value[] next, int level)
    {
        // The invariants see TLCGet("level") of the successor; then the action properties on the step.
        _es.Level = level + 1;
        var (inv, isProperty) = FirstViolatedInvariant(_m, _es, next);
        if (inv != null)
        {
            Stop(new SearchFailure(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                isProperty ? $"Property {inv.Name} is violated." : $"Invariant {inv.Name} is violated.", ExitStatus.SafetyViolation), next);
            return false;
        }
        _es.Level = level;
        if (_m.ActionProperties.Count > 0 && FirstFalse(_es, _m.ActionProperties, current, next) is { } ap)
        {
            // TLC reports an action property violated by a behaviour with exit code 13, as the search does.
            Stop(new SearchFailure(CheckOutcome.SafetyFailure, ViolationKind.ActionProperty, ap.Name,
                $"Action property {ap.Name} is violated.", ExitStatus.LivenessViolation), next);
            return false;
        }
        if (!InModel(current, next, level)) return true;
        _candidates.Add((Value[])next.Clone());
        _candidateActions.Add(_action);
        return true;
    }

    /// <summary>CONSTRAINT on the successor (at its level), ACTION_CONSTRAINT on the step.</summary>
    private bool InModel(Value[] from, Value[] to, int level)
    {
        if (_m.Constraints.Count > 0)
        {
            _es.Level = level + 1;
            try
            {
                if (FirstFalse(_es, _m.Constraints, to, null) != null) return false;
            }
            finally { _es.Level = level; }
        }
        return _m.ActionConstraints.Count == 0 || FirstFalse(_es, _m.ActionConstraints, from, to) == null;
    }

    private void Stop(SearchFailure f, Value[] state)
    {
        _stop = f;
        _stopState = (Value[])state.Clone();
        _stopAction = _action;
        Fail(f, true);
    }

    /// <summary>The temporal properties on the behaviour just generated: the graph of its distinct states and its
    /// steps, from its first state (TLC's LiveCheck1.checkTrace).</summary>
    private bool CheckTemporalProperties()
    {
        var states = new List<Value[]>();
        var succ = new List<List<(int To, int Action)>>();
        var index = new Dictionary<ulong, int>();
        int previous = -1;
        for (int i = 0; i < _trace.Count; i++)
        {
            ulong fp = Fingerprint(_trace[i]);
            if (!index.TryGetValue(fp, out int at))
            {
                at = states.Count;
                index[fp] = at;
                states.Add(_trace[i]);
                succ.Add(new List<(int, int)>());
            }
            if (previous >= 0 && !succ[previous].Exists(e => e.To == at)) succ[previous].Add((at, _traceActions[i]));
            previous = at;
        }
        var graph = new Liveness.StateGraph { States = states, Initial = new List<int> { 0 }, Successors = succ };
        var liveEs = new EvalState(this, _m.VariableNames) { Stop = _stopSignal };
        var live = new Liveness.LivenessChecker(_m, graph, liveEs);
        var cx = live.Check();
        _r.LivenessBranches = live.BranchCount;
        if (cx == null) return true;
        RecordLiveness(_r, _m, cx, live, states, ActionLabel, ShowTrace);
        return false;
    }

    private string ActionLabel(int a) => a switch { -3 => "Stuttering", < 0 => _initLabel, _ => _m.Actions[a].Label };

    private void Fail(SearchFailure f, bool withTrace)
    {
        _r.Outcome = f.Outcome;
        _r.ExitStatus = f.ExitCode;
        _r.Violation = new Violation { Kind = f.Kind, Property = f.Property, Message = f.Message };
        if (!withTrace) return;
        _r.Trace = BuildTrace();
        if (_stopState != null)
            _r.Trace.Add(new TraceState { Number = _r.Trace.Count + 1, Action = ActionLabel(_stopAction), ActionIndex = _stopAction, Variables = _m.VariableNames, Values = _stopState });
        ShowTrace(_r.Trace, null);
    }

    private List<TraceState> BuildTrace()
    {
        var trace = new List<TraceState>(_trace.Count);
        for (int i = 0; i < _trace.Count; i++)
            trace.Add(new TraceState { Number = i + 1, Action = ActionLabel(_traceActions[i]), ActionIndex = _traceActions[i], Variables = _m.VariableNames, Values = _trace[i] });
        return trace;
    }

    /// <summary>How a trace is shown: through the ALIAS, and with -view through the VIEW (a result being reported is
    /// completed even when a stop was asked for meanwhile).</summary>
    private void ShowTrace(List<TraceState> trace, Value[] afterLast)
    {
        var stop = _es.Stop;
        _es.Stop = null;
        try
        {
            TraceAlias.Apply(_m, _es, trace, afterLast);
            if (_o.PrintView) TraceAlias.ApplyView(_m, _es, trace);
        }
        finally { _es.Stop = stop; }
    }

    // ------------------------------------------------------------------ IBuiltinHost

    public Random Random => _specRandom;

    public ModelValue GetModelValue(string name) => _m.ModelValues.Get(name);

    public System.Collections.Concurrent.ConcurrentDictionary<(Ops.Tla.Syntax.SourceSpan, Value), Value> ConstantCache { get; } = new();

    public void Print(string line)
    {
        _r.Output.Add(line);
        _o.Log?.Invoke(line);
    }

    public void Warn(string message)
    {
        if (!_o.NoWarnings) Print("Warning: " + _m.WithWarningHint(message));
    }

    /// <summary>TLCExt!Trace: the behaviour generated so far.</summary>
    public Value Trace() => FcnValue.Tuple(_trace.Select(s => (Value)FcnValue.Record(_m.VariableNames, s)).ToList());

    /// <summary>TLCGet in simulation, as TLC answers it there: "level" is the level of the state at hand,
    /// "diameter" the number of the behaviour being generated (0 before the first), "stats" and "config" describe the
    /// simulation; "distinct", "generated" and "queue" are undefined.</summary>
    public Value TlcGet(Value key)
    {
        if (key is StringValue s)
        {
            switch (s.S)
            {
                case "level": return IntValue.Of(_es.Level);
                case "diameter": return IntValue.Of(_behaviors);
                case "duration": return IntValue.Of((long)_clock.Elapsed.TotalSeconds);
                case "distinct" or "generated" or "queue":
                    throw new ValueException($"TLCGet({s.S}) was undefined.");
                case "config":
                    return FcnValue.Record(
                        new[] { "install", "mode", "deadlock", "seed", "worker", "traces", "depth", "aril", "sched" },
                        new Value[]
                        {
                            StringValue.Of(""), StringValue.Of("simulate"), BoolValue.Of(_m.CheckDeadlock), StringValue.Of(_seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                            IntValue.Of(1), IntValue.Of(_sim.Behaviors ?? long.MaxValue), IntValue.Of(_o.Depth), StringValue.Of("0"), StringValue.Of("random"),
                        });
                case "stats":
                {
                    var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
                    for (int i = 1; i < _traceActions.Count; i++)
                        if (_traceActions[i] >= 0)
                        {
                            var name = _m.Actions[_traceActions[i]].Name;
                            counts[name] = counts.GetValueOrDefault(name) + 1;
                        }
                    var behavior = FcnValue.Record(new[] { "id", "actions" }, new Value[]
                    {
                        IntValue.Of(_behaviors),
                        FcnValue.Record(counts.Keys.ToArray(), counts.Values.Select(c => (Value)IntValue.Of(c)).ToArray()),
                    });
                    return FcnValue.Record(
                        new[] { "behavior", "worker", "traces", "actions", "duration", "generated", "distinct", "retries", "distinctvalues", "levelmean", "levelvariance" },
                        new Value[]
                        {
                            behavior, IntValue.Of(0), IntValue.Of(Math.Max(0, _behaviors - 1)), FcnValue.Record(Array.Empty<string>(), Array.Empty<Value>()),
                            IntValue.Of((long)_clock.Elapsed.TotalSeconds), IntValue.Of(_generated), IntValue.Of(-1), IntValue.Of(-1), IntValue.Of(-1),
                            IntValue.Of(_mean), IntValue.Of((long)Math.Floor(_m2 / (_behaviors + 1d) + 0.5)),
                        });
                }
                case "spec":
                    return FcnValue.Record(new[] { "name", "config" }, new Value[] { StringValue.Of(_m.ModuleName), StringValue.Of(_m.ConfigPath ?? "") });
                case "all" or "all:named":
                {
                    bool named = s.S == "all:named";
                    var keys = new List<Value>();
                    var vals = new List<Value>();
                    foreach (var (k, v) in _registers)
                        if (named ? k is StringValue : k is IntValue) { keys.Add(k); vals.Add(FcnValue.Tuple(new List<Value> { v })); }
                    return FcnValue.FromPairs(keys, vals);
                }
            }
        }
        if (_registers.TryGetValue(key, out var value)) return value;
        // Undefined: the builtin fails in TLC's words (TLC.TlcGet).
        return null;
    }

    public void TlcSet(Value key, Value value)
    {
        // TLCSet("exit", TRUE): TLC's simulator.stop(); the behaviour being generated ends after this step and no
        // other is started, without error.
        if (TlcModule.IsExitRequest(key, value)) _exitRequested = true;
        _registers[key] = value;
    }

    private bool _exitRequested;
}

/// <summary>
/// The generator of a simulation's choices (the initial state, the action tried first, the order of the others, the
/// successor kept): SplitMix64 from the seed, defined here so that a seed gives the same behaviours with any .NET
/// version.
/// </summary>
internal sealed class SimulationRandom
{
    private ulong _state;

    public SimulationRandom(long seed) => _state = unchecked((ulong)seed);

    public ulong NextULong()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, 1), from the 53 high bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An index in [0, n), as TLC draws one: floor(nextDouble() * n).</summary>
    public int NextIndex(int n) => n <= 1 ? 0 : (int)Math.Floor(NextDouble() * n);

    private static readonly int[] Primes = { 1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061, 1063, 1069, 1087, 1091, 1093, 1097 };

    /// <summary>The stride through the actions after the first one tried gives nothing (TLC's nextPrime): a prime
    /// drawn at random; coprime with <paramref name="n"/>, so every action is tried once.</summary>
    public int NextStep(int n)
    {
        int p = Primes[(int)(NextULong() % (ulong)Primes.Length)];
        return n > 0 && n % p == 0 ? 1 : p;
    }
}
