using System.Diagnostics;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;
using Ops.Tla.Checking.Storage;
using static Ops.Tla.Checking.StateChecks;

namespace Ops.Tla.Checking;

/// <summary>
/// Breadth-first explicit-state model checking with TLC's semantics and counting: states generated = initial states
/// + every successor produced (before de-duplication and before CONSTRAINT filtering); distinct = states kept; depth
/// = BFS level with the initial states at level 1. The first violation found is reported with the shortest trace.
/// </summary>
public sealed partial class BfsChecker : ISearchEngine, IBuiltinHost
{
    private readonly Model _m;
    private readonly CheckOptions _o;
    private readonly DiagnosticOptions _diagnostics;
    private readonly CheckResult _r;
    private readonly EvalState _es;
    private readonly ActionEnumerator _enum;
    private IFingerprintSet _seen;
    private readonly Dictionary<Value, Value> _registers = new();
    private readonly Stopwatch _clock = new();

    // The state graph kept for traces: every distinct state, its predecessor and the action that produced it.
    private readonly ChunkedList<Value[]> _states = new();
    private readonly ChunkedList<int> _parent = new();
    private readonly ChunkedList<int> _action = new();
    private readonly LevelIndex _level = new();
    private readonly ChunkedList<ulong> _fps = new();

    // A state is needed after its expansion only to print a trace through it. When the actions (and the constraints
    // and view applied to their successors) evaluate the same way every time, an expanded state is dropped and
    // re-derived for a trace from its predecessor, its action and its fingerprint (as TLC re-derives traces): the
    // search keeps fingerprints and the states still to expand, not every distinct state. Initial states are kept.
    private readonly bool _forget;

    // The states kept share one instance of each distinct value of a variable (see ValueInterner);
    // DiagnosticOptions.NoIntern (OPS_NO_INTERN=1) turns it off, to compare.
    private ValueInterner _interner;

    // The complete graph, kept only when temporal properties need it.
    private readonly bool _recordGraph;
    private readonly Dictionary<ulong, int> _indexOf;
    private readonly List<List<(int To, int Action)>> _succ;
    private readonly List<int> _initial = new();

    // TLC's -dump (null unless asked for).
    private readonly IStateDump _dump;

    private long _generated;
    private int _maxLevel;
    private int _currentLevel;
    private long _queueHead;

    private readonly Random _random = new(20260101);
    // Under -seed: the generator for the state being expanded (see SeededChoices); -1 while computing initial states.
    private readonly SeededChoices _seeded;
    private int _expanding = -1;

    public Random Random => _seeded == null ? _random : _expanding < 0 ? _seeded.Initial
        : _seeded.For(_tlcFp == null ? _fps[_expanding] : OpsFingerprint(_states[_expanding]));

    /// <summary>When temporal properties are checked, a state's fingerprint is TLC's (its -fp polynomial): the
    /// liveness checker orders each state's successors by it as TLC does, so it is computed once, not twice.</summary>
    private readonly Liveness.TlcFingerprint _tlcFp;

    private MemoryBudget _memory;
    /// <summary>TLC's coverage figures (-coverage); null when not asked for, and then nothing is counted.</summary>
    private readonly CoverageCollector _cov;

    /// <summary>Is the complete state graph recorded (temporal properties to check on it)? Then the search runs on
    /// one worker.</summary>
    internal static bool RecordsGraph(Model model, CheckOptions options) => model.TemporalProperties.Count > 0 && options.CheckLiveness;

    /// <summary>True: several workers explore each level (<c>ParallelBfs.cs</c>); chosen by
    /// <see cref="SearchEngines.Choose"/>.</summary>
    private readonly bool _parallel;

    /// <summary>The breadth-first search of <paramref name="model"/>, on one thread or, with
    /// <paramref name="parallel"/>, with <see cref="CheckOptions.Workers"/> workers (see
    /// <see cref="SearchEngines.Create"/>, which decides).</summary>
    public BfsChecker(Model model, CheckOptions options, bool parallel = false)
    {
        _m = model;
        _o = options ?? new CheckOptions();
        _diagnostics = _o.Diagnostics ?? DiagnosticOptions.None;
        _r = new CheckResult { SpecPath = model.SpecPath, ConfigPath = model.ConfigPath, Workers = 1, Actions = model.Actions };
        _dump = _o.Dump;
        _dump?.Begin(model.VariableNames);
        _es = new EvalState(this, model.VariableNames);
        _enum = new ActionEnumerator(_es) { IntermediateStates = n => _generated += n };
        _recordGraph = RecordsGraph(model, _o);
        if (_recordGraph) _tlcFp = Liveness.TlcFingerprint.For(_o.FingerprintIndex);
        if (parallel && SearchEngines.Choose(model, _o) != SearchKind.ParallelBreadthFirst)
            throw new ArgumentException("the parallel search cannot check this model with these options (one worker, temporal properties, -continue, -invlevel or -dump): see SearchEngines.Choose", nameof(parallel));
        _parallel = parallel;
        if (_o.Seed.HasValue) _seeded = new SeededChoices(_o.Seed.Value);
        if (_o.CoverageMinutes.HasValue)
        {
            _cov = new CoverageCollector(model);
            _enum.InitRejected = _cov.InitRejected;
        }
        if (_recordGraph)
        {
            _indexOf = new Dictionary<ulong, int>();
            _succ = new List<List<(int, int)>>();
        }
        _forget = !_recordGraph && !_diagnostics.KeepStates && !Hoisting.ReachesEffects(
            model.Actions.Select(a => a.Term)
                .Concat(model.Constraints.Select(c => c.Term))
                .Concat(model.ActionConstraints.Select(c => c.Term))
                .Append(model.View?.Term)
                .Append(model.Symmetry?.Term));
        // The same conditions hold the successors of each parallel worker (Worker.Held, ParallelBfs.cs).
        _holdSuccessors = !_recordGraph && _cov == null && _dump == null && !_o.Continue && _seeded == null
            && model.View == null && model.Symmetry == null && model.PossibleStates.Count == 0 && model.PossibleActions.Count == 0
            && !Hoisting.ReachesEffects(
                model.Actions.Select(a => a.Term)
                    .Concat(model.Constraints.Select(c => c.Term))
                    .Concat(model.ActionConstraints.Select(c => c.Term))
                    .Concat(model.Invariants.Select(c => c.Term))
                    .Concat(model.PropertyInvariants.Select(c => c.Term))
                    .Concat(model.ActionProperties.Select(c => c.Term)));
        // The parallel workers each find their own (Worker: their shared guards' values are per worker).
        if (_cov == null && !parallel && !_diagnostics.NoPreGuard) (_pre, _preMemo) = FindPreGuards(_diagnostics.HoistTrace);
        _possibleCounts = new long[model.Possible.Count];
        _possibleEvaluated = new int[model.Possible.Count];
        if (!_diagnostics.NoIntern) _interner = new ValueInterner(model.VariableNames.Length, keepAll: !_forget, concurrent: parallel);
        ChooseStorage();
    }

    public CheckResult Run()
    {
        try { return Search(); }
        finally { ReleaseStorage(); }
    }

    private CheckResult Search()
    {
        // The model's strings in its own order, in this thread and those the search starts.
        using var strings = StringOrder.Enter(_m.Strings);
        // Cancellation and the time limit, seen by the search between states and by the evaluation in its long loops.
        using var stop = _stop = new StopSignal(_o.Cancellation, _o.TimeLimit);
        _es.Stop = stop;
        _clock.Start();
        try
        {
            _symmetry = BuildSymmetry();
            if (CheckConstantSubstitutions() && CheckLivenessForms() && CheckAssumptions() && !_m.NoBehavior)
            {
                bool explored = ComputeInitialStates() && HasNextState() && (_parallel ? ExploreParallel() : Explore());
                _phase = SearchPhase.None;
                if (explored && _recordGraph) CheckLiveness();
                CheckPostconditions();
            }
            if (_interner != null && _diagnostics.InternTrace)
            {
                int i = 0;
                foreach (var (lookups, found, interned) in _interner.Statistics())
                    _diagnostics.Write($"intern: {_m.VariableNames[i++]}: {lookups} lookups, {found} found{(interned ? "" : ", not interned (values rarely repeat)")}");
                if (_onDisk) _diagnostics.Write($"intern: on disk at most {_internedBound} values kept, let go of {_internForgotten} times");
            }
        }
        catch (Exception e) when (StateChecks.FromException(e, _o.Diagnostics) is { } f)
        {
            // A successor left incompletely specified ends the trace (TLC's Worker; the parallel search's coordinator
            // puts the failing worker's state, action and successor where the one-worker search keeps them).
            var incomplete = (e as TlaException)?.IncompleteSuccessor ?? _failingSuccessor;
            PendingExcept.BuildAll(incomplete);
            var phase = _phase;
            // An invariant failing on an initial state with one of TLC's own EvalExceptions (Assert, Append of a
            // non-sequence, \div by 0): DoInitFunctor prints the error and its nested expressions, without "While
            // working on the initial state:" and the state, which it adds for a general failure only.
            bool ownOnInitial = e is PropertyEvaluationException { InInitialState: true } pe && IsTlcEvalException(pe.InnerException);
            var message = f.Message;
            if (incomplete != null && _xAction >= 0 && (e as TlaException)?.IncompleteSuccessor != null)
            {
                // TLC names the action that left the variables unassigned when the next-state relation has several.
                var missing = new List<string>();
                // In TLC's order of the state's variables (the order its trace prints them).
                for (int k = 0; k < incomplete.Length; k++)
                {
                    int j = _m.VariablePrintOrder?[k] ?? k;
                    if (ReferenceEquals(incomplete[j], ModelValue.Null)) missing.Add(_m.VariableNames[j]);
                }
                if (missing.Count > 0 && e is TlaException te)
                {
                    var text = ActionEnumerator.IncompleteSuccessorMessage(_m.Actions.Count > 1 ? _m.Actions[_xAction].Name : null, missing);
                    message = te.HasLocation ? $"{te.Span.File}:{te.Span.Line}:{te.Span.Col}: {text}" : text;
                }
            }
            Fail(f.Outcome, f.Kind, f.Property, message, f.ExitCode, f.AtState && !ownOnInitial ? _failingState : -1, incomplete, incomplete != null ? _xAction : -1);
            if (e is PropertyEvaluationException { InInitialState: true } && !ownOnInitial) _r.Violation.WhileInitialState = true;
            if (LazyBodyErrors.IsMarked(e))
            {
                // TLC's FingerprintException: exit 75, and the error's own message as the reason.
                _r.Violation.FingerprintReason = (e is PropertyEvaluationException pr ? pr.InnerException : e) is TlaException te ? te.Message : e.InnerException?.Message ?? e.Message;
                _r.ExitStatus = ExitStatus.EvaluationError;
                if (_r.Violation.Kind == ViolationKind.Assert) _r.Violation.Kind = ViolationKind.Evaluation;
            }
            if (phase == SearchPhase.Next && ContinueToDeadlock(e)) { }
            else if (f.AtState && (e as TlaException)?.IncompleteSuccessor == null && phase != SearchPhase.None) ReportNestedExpressions(e, phase);
            // A liveness predicate that failed during the search: TLC's Worker prints the stack of its replay first,
            // then the error and the trace.
            if (_live?.ErrorPositions is { } livePositions && _r.Violation.NestedExpressions == null)
            {
                _r.Violation.NestedExpressions = livePositions;
                _r.Violation.NestedExpressionsFirst = true;
            }
            // An initial state holding a set TLC cannot sort: TLC fails while it computes the initial states, with
            // its general exit code and without a state.
            if (_initialNotOrderable)
            {
                _r.ExitStatus = ExitStatus.SystemError;
                _r.Violation.WithoutStatistics = true;
            }
            if (_unfingerprintedInitial != null)
            {
                // TLC (DoInitFunctor) reports the search depth as 1 from the first initial state generated on.
                _maxLevel = Math.Max(_maxLevel, 1);
                _r.Violation.WhileInitialState = true;
                _r.Trace = new List<TraceState> { new() { Number = 1, Action = ActionLabel(-1), Variables = _m.VariableNames, Values = _unfingerprintedInitial } };
                ShowTrace(_r.Trace);
            }
        }
        catch (MemoryBudgetExceededException e)
        {
            Fail(CheckOutcome.Error, ViolationKind.MemoryBudget, null,
                $"The memory budget of {_memory.LimitMB} MB was reached ({e.LiveBytes / (1024 * 1024)} MB in use) after {_states.Count} distinct states: " +
                "the search stopped before it finished, and the figures below are partial. Give the check more memory (" + HostTerms.Say("ops check -memory MB", "Invoke-ModelCheck -MemoryMB MB") + "), " +
                "or make the model smaller.", ExitStatus.SystemError, -1);
        }
        catch (OperationCanceledException) when (_r.Violation == null)
        {
            bool timedOut = _stop.TimedOut;
            Fail(CheckOutcome.Error, timedOut ? ViolationKind.TimeLimit : ViolationKind.Cancelled, null, timedOut ? "The time limit was reached before the search finished." : "The check was cancelled.", ExitStatus.SystemError, -1);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop once a violation was found (while the postconditions were evaluated): the violation stands.
        }
        _r.StatesGenerated = _generated;
        _r.DistinctStates = _states.Count;
        if (_cov != null) _r.Coverage = _cov.Snapshot(final: true);
        // The one-worker search run for several workers (a recorded graph, -continue, ...) stopped while exploring:
        // TLC's other workers each hold the state they took off the queue (see ParallelBfs.CountQueueAtStop).
        if (_stoppedExploring && !_parallel && _o.Workers > 1 && !_exitRequested) _queueAdjust -= _o.Workers - 1;
        _r.StatesLeftOnQueue = _r.Violation == null && !_exitRequested ? 0 : QueueSize;
        _r.Depth = _maxLevel;
        _r.DurationMs = _clock.ElapsedMilliseconds;
        if (_r.Violation == null)
        {
            _r.Outcome = CheckOutcome.Success;
            _r.ExitStatus = ExitStatus.Success;
        }
        return _r;
    }

    private int _failingState = -1;

    /// <summary>
    /// -continue: TLC's Worker reports an error computing a state's successors (doNextFailed, with the trace) and then
    /// still checks that state for a deadlock, which counts the successors generated before the error: with none, and
    /// deadlock checking on, "Deadlock reached." follows with the same trace, its exit code (11) is the run's, and no
    /// call stack is replayed (the deadlock replaced the error). The error is then one of the reported violations.
    /// </summary>
    private bool ContinueToDeadlock(Exception e)
    {
        // Not when liveness is checked: TLC's Worker then evaluates the state's liveness predicates after the deadlock
        // check, and fairness over the failing action fails there again (seed 36 case 24: exit 255, its positions).
        if (!_o.Continue || !_m.CheckDeadlock || _parallel || _recordGraph || !_xInActions || _generated != _xGeneratedBefore || _xIndex < 0) return false;
        if (e is PropertyEvaluationException || _live?.ErrorPositions != null || _r.Violation == null) return false;
        var v = _r.Violation;
        if ((e as TlaException ?? e.InnerException as TlaException) is { HasLocation: true } te && v.Message.Contains(te.Describe()))
            v.Message = v.Message.Replace(te.Describe(), te.Message);
        // A general failure (not one of TLC's EvalExceptions) is MP's framed message.
        if (v.Kind == ViolationKind.Evaluation && !IsTlcEvalException(e) && !IsTlcEvalException(e.InnerException)
            && !v.Message.StartsWith(UnexpectedException, StringComparison.Ordinal))
            v.Message = UnexpectedException + v.Message;
        _r.Continued.Add(new ReportedViolation { Violation = v, Trace = _r.Trace });
        Fail(CheckOutcome.DeadlockFailure, ViolationKind.Deadlock, null, "Deadlock reached.", ExitStatus.Deadlock, _xIndex);
        return true;
    }

    /// <summary>A successor whose constraints could not be evaluated: the trace ends with it (null otherwise).</summary>
    private Value[] _failingSuccessor;

    /// <summary>What the search is doing: computing the initial states, or the successors of a state (then
    /// <see cref="_xState"/> and <see cref="_xAction"/> say which).</summary>
    private enum SearchPhase { None, Init, Next }
    private SearchPhase _phase;

    /// <summary>
    /// After an evaluation error in the initial predicate or in a step, TLC evaluates it again with its call stack
    /// recorded (ModelChecker: CallStackTool) and prints where it failed, "The error occurred when TLC was evaluating
    /// the nested expressions at the following positions:". In the initial predicate the initial states are computed
    /// again, each checked again (constraints, invariants, implied initial predicates); in a step, the successors of
    /// the state being expanded by the actions up to the failing one, each checked again (constraints, action
    /// constraints, action properties) except its invariants (its successors were all seen: TLC checks the
    /// invariants of new states only, so an invariant that cannot be evaluated gets no such list). Nothing is printed
    /// when the replay does not fail. The error's own message then drops Ops's location: the list gives it.
    /// An error in the initial predicate ends TLC's run with exit code 75 whatever it was (an Assert too).
    /// </summary>
    /// <summary>Is <paramref name="e"/> an error TLC raises as its own EvalException (not a general RuntimeException)?</summary>
    private static bool IsTlcEvalException(Exception e) =>
        e is TlcAssertException or TlaException { TlcEvalError: true } or Values.ValueException { TlcEvalError: true };

    private void ReportNestedExpressions(Exception original, SearchPhase phase, bool general = true)
    {
        // An error TLC does not raise while evaluating (an initial state left incomplete: its fingerprint fails) has
        // no such list.
        if (original is TlaException { ExitCode: ExitStatus.SystemError, TlcEvalError: false }) return;
        // The initial predicate named in the configuration stands for its definition's body (TLC's init predicate).
        var transparent = new List<Term>();
        if (_m.Init?.Term is OpCallTerm { Args.Length: 0 } init0) transparent.Add(init0);
        foreach (var list in new[] { _m.Invariants, _m.PropertyInvariants, _m.Constraints, _m.ActionConstraints, _m.ActionProperties, _m.InitProperties })
            foreach (var t in list)
                if (t.NamedInConfig) transparent.Add(t.Term);
        var substIn = new Dictionary<Term, (InstanceMark, bool)>(ReferenceEqualityComparer.Instance);
        foreach (var a in _m.Actions)
            if (a.SubstIn != null) substIn[a.Term] = (a.SubstIn, a.SubstInAround);
        var track = new NestedExpressions(transparent, substIn);
        var node = CoverageNode.NewTracking();
        var (cur, next, init, level, cov, stop) = (_es.Current, _es.Next, _es.InitMode, _es.Level, _es.Cov, _es.Stop);
        Exception replayed = null;
        ValueException sourcedFailure = null;
        bool inAction = false;
        _es.Track = track;
        _es.Stop = null;
        try
        {
            if (phase == SearchPhase.Init)
            {
                _es.Cov = node;
                long initialReplayed = 0;
                Exception checkFailure = null;
                StateChecks.EnumerateInitialStates(_m, _es, _enum, state =>
                {
                    initialReplayed++;
                    // DoInitFunctor counts the states it is given after a failure it caught, and checks none.
                    if (sourcedFailure != null || checkFailure != null) return true;
                    _es.Cov = node;
                    bool excluded = FirstFalse(_es, _m.Constraints, state, null) != null;
                    // DoInitFunctor fingerprints a state the constraints keep (its VIEW evaluated by the plain tool,
                    // so the view's own positions are not on the stack): a failure there shows the initial
                    // predicate's positions only. A failure inside a value built in place is the value's
                    // FingerprintException, which DoInitFunctor catches: it goes on computing the initial states.
                    if (!excluded)
                    {
                        try { FingerprintUntracked(state); }
                        catch (ValueException e) when (!e.NotOrderable && !track.Fingerprint(e, FailingPath(state).ToArray()) && track.IsFingerprintFailure(e))
                        {
                            sourcedFailure = e;
                            return true;
                        }
                    }
                    _es.Cov = node;
                    try
                    {
                        foreach (var inv in _m.Invariants) inv.Holds(_es);
                        foreach (var inv in _m.PropertyInvariants) inv.Holds(_es);
                        FirstFalse(_es, _m.InitProperties, state, null);
                    }
                    catch (Exception e) when (track.IsFingerprintFailure(e))
                    {
                        // A check failing inside a value built in place is TLC's FingerprintException, which
                        // DoInitFunctor catches (not an EvalException, which it throws on): it records the state and
                        // goes on counting the initial states.
                        checkFailure = e;
                    }
                    return true;
                });
                if (checkFailure != null)
                {
                    _generated = initialReplayed;
                    throw checkFailure;
                }
                if (sourcedFailure != null)
                {
                    // Thrown once the initial states are computed, outside any evaluation: TLC prints the
                    // FingerprintException's own trace, and the figures of the replay.
                    var fv = _r.Violation;
                    fv.StackWithoutPositions = true;
                    fv.NestedExpressions = track.TraceLines(sourcedFailure);
                    fv.FingerprintReason = ReasonOf(sourcedFailure);
                    _r.ExitStatus = ExitStatus.EvaluationError;
                    _generated = initialReplayed;
                    return;
                }
            }
            else if (_xState != null)
            {
                var buf = new Value[_m.VariableNames.Length];
                _es.Level = _xLevel;
                for (int a = 0; a <= _xAction && a < _m.Actions.Count; a++)
                {
                    var action = _m.Actions[a];
                    _es.Current = _xState;
                    _es.Next = buf;
                    Array.Clear(buf);
                    _es.Cov = node;
                    // TLC's getNextStates collects the action's successors; doNext checks them afterwards.
                    var successors = new List<Value[]>();
                    inAction = true;
                    _enum.Run(action.Term, action.ReuseFrame(_es), () =>
                    {
                        successors.Add((Value[])buf.Clone());
                        return true;
                    });
                    inAction = false;
                    foreach (var to in successors)
                    {
                        _es.Cov = node;
                        _es.Level = _xLevel + 1;
                        bool excluded = FirstFalse(_es, _m.Constraints, to, null) != null;
                        _es.Level = _xLevel;
                        excluded |= FirstFalse(_es, _m.ActionConstraints, _xState, to) != null;
                        if (excluded)
                        {
                            // A successor the constraints exclude is never seen: TLC checks its invariants again.
                            _es.Level = _xLevel + 1;
                            FirstFalse(_es, _m.Invariants, to, null);
                            FirstFalse(_es, _m.PropertyInvariants, to, null);
                            _es.Level = _xLevel;
                        }
                        else FingerprintInReplay(track, to);
                        FirstFalse(_es, _m.ActionProperties, _xState, to);
                    }
                }
            }
        }
        catch (Exception e) { replayed = e; }
        finally
        {
            (_es.Current, _es.Next, _es.InitMode, _es.Level, _es.Cov, _es.Stop) = (cur, next, init, level, cov, stop);
            _es.Track = null;
        }
        if (replayed == null) return;
        // -continue: the replay's doNext reports the failure of an action through doNextFailed before the call stack,
        // and with -continue that prints the error and its trace a second time.
        if (inAction && _o.Continue && phase == SearchPhase.Next && _r.Violation is { } first)
            _r.Continued.Add(new ReportedViolation { Violation = first, Trace = _r.Trace });
        var v = _r.Violation;
        if (track.IsOutside(replayed))
        {
            // The replay failed fingerprinting a successor, outside any evaluation: TLC's call stack is empty. A value
            // built in place on the way gives TLC's FingerprintException its trace; else TLC says the stack is empty.
            v.StackWithoutPositions = true;
            if (track.TraceLines(replayed) is { } trace)
            {
                v.NestedExpressions = trace;
                v.FingerprintReason = ReasonOf(replayed);
            }
            else v.NestedExpressions = new List<string> { "    The error call stack is empty." };
            _r.ExitStatus = ExitStatus.EvaluationError;
            if (general && v.Kind == ViolationKind.Evaluation && !v.Message.StartsWith(UnexpectedException, StringComparison.Ordinal))
                v.Message = UnexpectedException + v.Message;
            return;
        }
        if (track.Positions(replayed) is not { Count: > 0 } positions) return;
        v.NestedExpressions = NestedExpressions.Lines(positions);
        if ((original as TlaException ?? original.InnerException as TlaException) is { HasLocation: true } te && v.Message.Contains(te.Describe()))
        {
            v.Message = v.Message.Replace(te.Describe(), te.Message);
            v.Location ??= te.Span.ToString();
        }
        if (track.IsFingerprintFailure(replayed))
        {
            // The replay failed inside a value built in place (TLC's FingerprintException): "TLC was unable to
            // fingerprint", the positions with the value's place last, and the error's message as the reason; exit 75.
            v.FingerprintReason = ReasonOf(replayed);
            _r.ExitStatus = ExitStatus.EvaluationError;
            if (v.Kind == ViolationKind.Assert) v.Kind = ViolationKind.Evaluation;
        }
        if (phase == SearchPhase.Init)
        {
            _r.ExitStatus = ExitStatus.EvaluationError;
            if (v.Kind == ViolationKind.Assert) v.Kind = ViolationKind.Evaluation;
        }
        else if (general && v.Kind == ViolationKind.Evaluation && !(original is TlaException { TlcEvalError: true } || original is PropertyEvaluationException)
                 && !v.Message.StartsWith(UnexpectedException, StringComparison.Ordinal))
            v.Message = UnexpectedException + v.Message;
    }

    /// <summary>TLC's replay of a step fingerprints each successor the constraints keep (ModelChecker.doNext): a value
    /// TLC cannot fingerprint (a set it cannot sort, Nat) fails there, outside any evaluation.</summary>
    private void FingerprintInReplay(NestedExpressions track, Value[] state)
    {
        try { Fingerprint(state); }
        catch (ValueException e)
        {
            track.OutsideEvaluation(e, FailingPath(state));
            throw;
        }
    }

    /// <summary>The values TLC fingerprints on the way to the one that fails, from the state's value inwards.</summary>
    private List<Value> FailingPath(Value[] state)
    {
        var path = new List<Value>();
        foreach (var value in state)
        {
            if (value == null || !FingerprintFails(value)) continue;
            for (var at = value; at != null; )
            {
                path.Add(at);
                Value inner = null;
                foreach (var c in PartsOf(at))
                    if (c != null && FingerprintFails(c)) { inner = c; break; }
                at = inner;
            }
            break;
        }
        return path;
    }

    /// <summary>An initial state fingerprinted in the replay as DoInitFunctor does, inside the initial predicate's
    /// evaluation: the VIEW evaluated without tracking (TLCState.fingerPrint uses the tool without a call stack), so a
    /// failure is captured with the initial predicate's positions only.</summary>
    private void FingerprintUntracked(Value[] state)
    {
        var cov = _es.Cov;
        _es.Cov = null;
        try { Fingerprint(state); }
        finally { _es.Cov = cov; }
    }

    private bool FingerprintFails(Value v)
    {
        try
        {
            _ = _tlcFp != null ? _tlcFp.OfValue(v) : v.Fingerprint;
            return false;
        }
        catch (ValueException) { return true; }
    }

    /// <summary>The values <paramref name="v"/> is made of, as TLC fingerprints them (a function's domain and values,
    /// a set's elements).</summary>
    private static IEnumerable<Value> PartsOf(Value v) => v switch
    {
        FcnValue fn => (fn.Keys ?? Array.Empty<Value>()).Concat(fn.Vals),
        SetValue sv => sv.Elems,
        UnorderedSetValue u => u.Written,
        _ => Array.Empty<Value>(),
    };

    /// <summary>The message of the error a replay ended with, without Ops's location (TLC's root cause).</summary>
    private static string ReasonOf(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
            if (x is TlaException te) return te.Message;
        for (var x = e; x != null; x = x.InnerException)
            if (x.InnerException == null) return x.Message;
        return e.Message;
    }

    /// <summary>TLC's words before the message of a general error in a step (MP.ECGeneralMsg of a RuntimeException).</summary>
    internal const string UnexpectedException = TlcWords.UnexpectedFrame + "The exception was a java.lang.RuntimeException\n: ";

    /// <summary>An initial state held a set TLC cannot sort (its fingerprint failed on it).</summary>
    private bool _initialNotOrderable;

    /// <summary>The initial state whose fingerprint failed (the run ends there), else null.</summary>
    private Value[] _unfingerprintedInitial;
    /// <summary>The run's stop request (cancellation, time limit), polled by the search and the evaluation.</summary>
    private StopSignal _stop;

    private void Fail(CheckOutcome outcome, ViolationKind kind, string property, string message, ExitStatus exitCode, int stateIndex, Value[] extraState = null, int extraAction = -1)
    {
        _r.Outcome = outcome;
        _r.ExitStatus = exitCode;
        _r.Violation = new Violation { Kind = kind, Property = property, Message = message };
        if (stateIndex >= 0) _r.Trace = BuildTrace(stateIndex);
        if (extraState != null)
        {
            _r.Trace ??= new List<TraceState>();
            _r.Trace.Add(new TraceState { Number = _r.Trace.Count + 1, Action = ActionLabel(extraAction), ActionIndex = extraAction, Variables = _m.VariableNames, Values = extraState });
        }
        ShowTrace(_r.Trace);
    }

    /// <summary>How a trace is shown: through the ALIAS, and with -view through the VIEW (a result being reported is
    /// completed even when a stop was asked for meanwhile).</summary>
    private void ShowTrace(List<TraceState> trace, Value[] afterLast = null)
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

    /// <summary>-continue: a violation is reported with its trace, and the search goes on.</summary>
    private void Report(ViolationKind kind, string property, string message, int stateIndex, Value[] extraState = null, int extraAction = -1, bool initial = false)
    {
        var trace = BuildTrace(stateIndex);
        if (extraState != null)
            trace.Add(new TraceState { Number = trace.Count + 1, Action = ActionLabel(extraAction), Variables = _m.VariableNames, Values = extraState });
        ShowTrace(trace);
        _r.Continued.Add(new ReportedViolation { Violation = new Violation { Kind = kind, Property = property, Message = message }, Trace = trace, InitialState = initial });
    }

    private string ActionLabel(int a) => a switch { -3 => "Stuttering", < 0 => "Initial predicate", _ => _m.Actions[a].Label };

    private List<TraceState> BuildTrace(int index)
    {
        var path = new List<int>();
        for (int i = index; i >= 0; i = _parent[i]) path.Add(i);
        path.Reverse();
        var states = StatesOnPath(path);
        var trace = new List<TraceState>();
        for (int k = 0; k < path.Count; k++)
            trace.Add(new TraceState { Number = trace.Count + 1, Action = ActionLabel(_action[path[k]]), ActionIndex = _action[path[k]], Variables = _m.VariableNames, Values = states[k] });
        return trace;
    }

    /// <summary>The states of a path from an initial state (each index the successor of the one before): kept ones
    /// as they are, dropped ones generated again from their predecessor.</summary>
    private Value[][] StatesOnPath(List<int> path)
    {
        var states = new Value[path.Count][];
        for (int k = 0; k < path.Count; k++)
        {
            int i = path[k];
            states[k] = _states[i] ?? Regenerate(states[k - 1], _action[i], _fps[i]);
        }
        return states;
    }

    private EvalState _traceEs;
    private ActionEnumerator _traceEnum;

    /// <summary>The first successor of <paramref name="from"/> through action <paramref name="action"/> that the
    /// search would have kept with fingerprint <paramref name="fp"/>: the state it stored (the actions evaluate the
    /// same way every time, see <see cref="_forget"/>).</summary>
    private Value[] Regenerate(Value[] from, int action, ulong fp) =>
        TryRegenerate(from, action, fp) ?? throw new InvalidOperationException("internal error: a state of the trace could not be generated again from its predecessor");

    /// <summary>TLC's Tool.getState(fp, s): the first successor of <paramref name="from"/>, over the actions in their
    /// order, whose fingerprint is <paramref name="fp"/>, and its action; (null, -1) when there is none.</summary>
    private (Value[] State, int Action) SuccessorWithFingerprint(Value[] from, ulong fp)
    {
        for (int a = 0; a < _m.Actions.Count; a++)
            if (TryRegenerate(from, a, fp) is { } s) return (s, a);
        return (null, -1);
    }

    private Value[] TryRegenerate(Value[] from, int action, ulong fp)
    {
        _traceEs ??= new EvalState(this, _m.VariableNames);
        _traceEnum ??= new ActionEnumerator(_traceEs);
        var es = _traceEs;
        var buf = new Value[_m.VariableNames.Length];
        Value[] found = null;
        es.Current = from;
        es.Next = buf;
        es.InitMode = false;
        var a = _m.Actions[action];
        _traceEnum.Run(a.Term, a.NewFrame(es), () =>
        {
            if (InModel(es, from, buf) && Fingerprint(buf) == fp)
            {
                found = (Value[])buf.Clone();
                return false;
            }
            es.Current = from;
            es.Next = buf;
            return true;
        });
        return found;
    }

    // ------------------------------------------------------------------ IBuiltinHost

    /// <summary>TLCExt!TLCModelValue(name): the model's model value of that name (the one the configuration made, if
    /// it names one).</summary>
    public ModelValue GetModelValue(string name) => _m.ModelValues.Get(name);

    /// <summary>TLCExt!TLCCache's values of constant expressions, for the whole run (all workers).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(Ops.Tla.Syntax.SourceSpan, Value), Value> ConstantCache { get; } = new();

    /// <summary>TLCExt!Trace: the path from an initial state to the state being checked or expanded.</summary>
    public Value Trace()
    {
        // A state being checked against the constraints is not stored yet: its trace is its predecessor's and itself
        // (TLC evaluates Trace for the state at hand).
        int last = _pending != null ? _pendingParent : _failingState;
        if (last < 0 && _pending == null) return FcnValue.EmptyTuple;
        var path = new List<int>();
        for (int i = last; i >= 0; i = _parent[i]) path.Add(i);
        path.Reverse();
        var states = StatesOnPath(path).ToList();
        if (_pending != null) states.Add(_pending);
        return FcnValue.Tuple(states.Select(s => (Value)FcnValue.Record(_m.VariableNames, s)).ToList());
    }

    /// <summary>The state the constraints are being evaluated on (not stored yet) and its predecessor (-1 for an
    /// initial state); null outside that evaluation.</summary>
    private Value[] _pending;
    private int _pendingParent = -1;

    public void Print(string line)
    {
        if (_inPostcondition && _r.Violation != null)
        {
            // After a violation, TLC prints what the postconditions print after the violation's trace.
            lock (_r.OutputAfterTrace) _r.OutputAfterTrace.Add(line);
            return;
        }
        lock (_r.Output) _r.Output.Add(line);
        _o.Log?.Invoke(line);
    }

    public void Warn(string message)
    {
        if (!_o.NoWarnings) Print("Warning: " + _m.WithWarningHint(message));
    }

    public Value TlcGet(Value key) => TlcGet(key, worker: 0);

    /// <summary>TLCGet as <paramref name="worker"/> asks it (TLC's IdThread number: 0 outside the parallel search's
    /// workers).</summary>
    private Value TlcGet(Value key, int worker)
    {
        if (key is StringValue s)
        {
            if (_beforeSearch && s.S is "level" or "diameter" or "distinct" or "generated" or "queue" or "duration")
                throw new ValueException($"TLCGet(\"{s.S}\") has no value before the search starts");
            switch (s.S)
            {
                case "level": return IntValue.Of(_es.Level);
                case "action": return Eval.Builtins.TlcModule.UnnamedAction();
                case "diameter": return IntValue.Of(_maxLevel);
                case "distinct": return IntValue.Of(_states.Count);
                case "generated": return IntValue.Of(_generated);
                case "queue": return IntValue.Of(QueueSize);
                case "duration": return IntValue.Of((long)_clock.Elapsed.TotalSeconds);
                case "stats":
                    if (_beforeSearch) throw new ValueException("TLCGet(\"stats\") has no value before the search starts");
                    // TLC's ModelChecker.getStatistics (cc6b616): the search's figures, the worker asking (its number
                    // from 0 in the parallel search; 0 outside a worker: a POSTCONDITION) and the number of initial states.
                    // Its fields in TLC's order (tla2tools cc6b616 prints them so).
                    return FcnValue.Record(
                        new[] { "worker", "duration", "generated", "diameter", "distinct", "initial", "queue" },
                        new Value[] { IntValue.Of(worker), IntValue.Of((long)_clock.Elapsed.TotalSeconds), IntValue.Of(_generated), IntValue.Of(_maxLevel),
                            IntValue.Of(_states.Count), IntValue.Of(_initialStates), IntValue.Of(QueueSize) });
                case "config":
                    // TLC's breadth-first search (cc6b616) has no "depth" or "traces" here (the simulator has): reading
                    // them is its "Attempted to select nonexistent field" error. Its fields in TLC's order.
                    return FcnValue.Record(
                        new[] { "install", "mode", "deadlock", "seed", "fingerprint", "worker" },
                        new Value[] { StringValue.Of(""), StringValue.Of("bfs"), BoolValue.Of(_m.CheckDeadlock), StringValue.Of((_o.Seed ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)), StringValue.Of("0"), IntValue.Of(Math.Max(1, _o.Workers)) });
                case "all":
                case "all:named":
                {
                    // Every numbered register ("all") or named one ("all:named") with its value in each worker (one
                    // here: TLC keeps the registers per worker).
                    var keys = new List<Value>();
                    var vals = new List<Value>();
                    bool named = s.S == "all:named";
                    lock (_registers)
                        foreach (var (k, v) in _registers)
                            if (named ? k is StringValue : k is IntValue) { keys.Add(k); vals.Add(FcnValue.Tuple(new List<Value> { v })); }
                    if (!named) return FcnValue.FromPairs(keys, vals);
                    if (_m.Possible.Count > 0 && !keys.Contains(StringValue.Of("s:_possible")))
                    {
                        keys.Add(StringValue.Of("s:_possible"));
                        vals.Add(FcnValue.Tuple(new List<Value> { PossibleCounts() }));
                    }
                    return FcnValue.FromPairs(keys, vals);
                }
                case "s:_possible" when _m.Possible.Count > 0:
                    return PossibleCounts();
                case "spec":
                    return FcnValue.Record(new[] { "name", "config" }, new Value[] { StringValue.Of(_m.ModuleName), StringValue.Of(_m.ConfigPath ?? "") });
                case var p when p.StartsWith("-D", StringComparison.Ordinal):
                    // TLC answers Java system properties; we answer the ones that describe supported features
                    // (action composition is always on, as with -Dtlc2.tool.impl.Tool.cdot=true).
                    return StringValue.Of(p == "-Dtlc2.tool.impl.Tool.cdot" ? "true" : "");
            }
        }
        lock (_registers)
        {
            if (_registers.TryGetValue(key, out var v)) return v;
        }
        // Undefined: the builtin fails in TLC's words (TLC.TlcGet).
        return null;
    }

    public void TlcSet(Value key, Value value)
    {
        // TLCSet("exit", TRUE): TLC's mainChecker.stop(). The state being expanded is finished (all its successors),
        // then no state is taken off the queue: the run ends as a clean one, with what is queued left on the queue.
        if (TlcModule.IsExitRequest(key, value)) _exitRequested = true;
        lock (_registers) _registers[key] = value;
    }

    /// <summary>Set by <c>TLCSet("exit", TRUE)</c>: the search takes no further state off its queue.</summary>
    private volatile bool _exitRequested;

    /// <summary>The states the parallel search had taken but not expanded when it stopped (see CountQueueAtStop).</summary>
    private List<(int From, int To)> _notExpanded;

    /// <summary>Whether state <paramref name="s"/> was expanded: every state unless TLCSet("exit", TRUE) ended the
    /// search with states on the queue (those from the queue's head on, and the rest of the chunks workers held).</summary>
    private bool WasExpanded(int s)
    {
        if (!_exitRequested) return true;
        if (s >= _queueHead) return false;
        if (_notExpanded != null)
            foreach (var (from, to) in _notExpanded)
                if (s >= from && s < to) return false;
        return true;
    }

    // ------------------------------------------------------------------ phases

    /// <summary>A specification without a next-state relation (TLC accepts one when nothing needs successors):
    /// its initial states are computed and checked, and if there are any, TLC stops at the first it would expand.</summary>
    private bool HasNextState()
    {
        if (_m.Next != null || _states.Count == 0) return true;
        Fail(CheckOutcome.Error, ViolationKind.Evaluation, null, "No next state actions defined to generate successor states from.", ExitStatus.EvaluationError, -1);
        return false;
    }

    /// <summary>TLC evaluates a definition that replaces a declared constant (<c>C &lt;- Foo</c>) once, as a constant,
    /// before the search (SpecProcessor): one that cannot be evaluated without a state, or whose value only the
    /// search would give (TLCGet("diameter")), is a configuration error.</summary>
    private bool CheckConstantSubstitutions()
    {
        if (_m.ConstantSubstitutions.Count == 0) return true;
        _beforeSearch = true;
        try
        {
            if (StateChecks.ConstantSubstitutions(_m, _es) is not { } f) return true;
            Fail(f.Outcome, f.Kind, f.Property, f.Message, f.ExitCode, -1);
            return false;
        }
        finally { _beforeSearch = false; }
    }

    /// <summary>While the constants are processed: TLCGet's run statistics do not exist yet.</summary>
    private bool _beforeSearch;

    private bool CheckAssumptions()
    {
        if (StateChecks.Assumptions(_m, _es) is not { } f) return true;
        Fail(f.Outcome, f.Kind, f.Property, f.Message, f.ExitCode, -1);
        return false;
    }

    private bool ComputeInitialStates()
    {
        _currentLevel = 1;
        _es.Cov = _cov?.InitRoot;
        _phase = SearchPhase.Init;
        try
        {
            return StateChecks.EnumerateInitialStates(_m, _es, _enum, state =>
            {
                _generated++;
                // TLC (DoInitFunctor) counts the search's depth as 1 from the first initial state generated on: a
                // CONSTRAINT or invariant reading TLCGet("diameter") sees 1 on every initial state, the first included.
                _maxLevel = Math.Max(_maxLevel, 1);
                _cov?.InitialGenerated();
                if (_m.Constraints.Count > 0)
                {
                    _pending = state;
                    _pendingParent = -1;
                    try
                    {
                        // TLC (ModelChecker.DoInitFunctor) still checks an initial state the constraints exclude.
                        if (_cov != null ? !CountedAll(_es, _m.Constraints, state, null, _cov.Constraint) : FirstFalse(_es, _m.Constraints, state, null) != null)
                            return CheckExcludedState(-1, state, -1);
                    }
                    catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
                    {
                        // TLC (DoInitFunctor) names the initial state it was working on, for a general failure: one of its
                        // own EvalExceptions (\div by 0, Head of <<>>) leaves it unnamed (tla2tools cc6b616). The depth
                        // is 1 from the first initial state on, either way.
                        if (IsTlcEvalException(e)) _maxLevel = Math.Max(_maxLevel, 1);
                        else _unfingerprintedInitial = state;
                        throw;
                    }
                    finally
                    {
                        _pending = null;
                    }
                }
                if (_m.PossibleStates.Count > 0) TrackPossible(_es, _m.PossibleStates, state, null);
                ulong fp;
                try { fp = Fingerprint(state); }
                catch (ValueException e) when (e.NotOrderable)
                {
                    // A set TLC cannot sort: TLC's general failure, without the state (see Search's handler).
                    _initialNotOrderable = true;
                    throw;
                }
                catch (ValueException)
                {
                    // A value TLC cannot fingerprint (a set holding Nat): TLC names the initial state it was working on.
                    _unfingerprintedInitial = state;
                    throw;
                }
                if (!_seen.Add(fp)) return true;
                _cov?.InitialNew();
                _interner?.InternChanged(null, state);
                int idx = Store(state, -1, -1, 1, fp);
                _initialStates++;
                _dump?.Initial(fp, state);
                if (_recordGraph)
                {
                    _indexOf[fp] = idx;
                    _initial.Add(idx);
                }
                // TLC's DoInitFunctor: the invariants (the INVARIANTs, then the []P parts of the PROPERTYs) first,
                // then the implied initial predicates (a property's state-level part, exit 13).
                return CheckInvariants(idx, initial: true) && CheckInitProperties(idx);
            });
        }
        finally
        {
            // The initial predicate's coverage tree is current only while it is enumerated.
            _es.Cov = null;
        }
    }

    private int Store(Value[] state, int parent, int action, int level, ulong fp)
    {
        _states.Add(state);
        _parent.Add(parent);
        _action.Add(action);
        _level.Add(level);
        _fps.Add(fp);
        if (level > _maxLevel) _maxLevel = level;
        if ((_states.Count & 0x3FF) == 0 && _memory.Check()) MoveToDisk();
        if (_recordGraph) _succ.Add(new List<(int, int)>());
        return _states.Count - 1;
    }

    private ulong Fingerprint(Value[] state)
    {
        if (_symmetry != null) state = _symmetry.Canonical(state, _symmetryCache ??= new SymmetryGroup.Cache(_symmetry));
        if (_m.View != null)
        {
            var cur = _es.Current;
            _es.Current = state;
            try
            {
                var view = _m.View.Term.Eval(_es, Frame.Root(_m.View.FrameSize)).Normalize();
                return _tlcFp != null ? _tlcFp.OfValue(view) : view.Fingerprint;
            }
            finally { _es.Current = cur; }
        }
        if (_tlcFp != null) return (ulong)_tlcFp.OfState(state, _m.VariablePrintOrder);
        return OpsFingerprint(state);
    }

    private static ulong OpsFingerprint(Value[] state)
    {
        ulong h = Fp.Seed;
        for (int i = 0; i < state.Length; i++) h = Fp.Mix(h, state[i].Fingerprint);
        return Fp.Finish(h);
    }

    private SymmetryGroup _symmetry;

    // With SYMMETRY and a VIEW, TLC (TLCStateMut.fingerPrint of tla2tools cc6b616) takes the smallest permutation of
    // the state, variable by variable, and fingerprints the VIEW evaluated in that state; permuting the view's value
    // instead (as later TLC sources do) merges more states and changes the counts.

    /// <summary>The main thread's permutation cache (each worker has its own).</summary>
    private SymmetryGroup.Cache _symmetryCache;

    /// <summary>The permutation group of the SYMMETRY definition (null without one), evaluated as a constant.</summary>
    private SymmetryGroup BuildSymmetry()
    {
        if (_m.Symmetry == null) return null;
        _es.Current = null;
        _es.Next = null;
        var set = _m.Symmetry.Term.Eval(_es, Frame.Root(_m.Symmetry.FrameSize));
        var group = SymmetryGroup.FromValue(set, _m.Symmetry.Name, _m.Symmetry.Span, _m.VariablePrintOrder);
        return group.Count == 0 ? null : group;
    }

    // The helpers below, used by both searches (one worker, and the workers of ParallelBfs), set the states to evaluate
    // in and restore them, without a closure per call (a lambda that captures a parameter is allocated on entry to the
    // method, even when the method returns before using it).

    /// <summary>Is the transition from → to inside the model (state constraints on to, action constraints)? The
    /// state constraints (and _POSSIBLE state predicates) see TLCGet("level") of the successor (es.Level + 1).</summary>
    /// <remarks>With <paramref name="track"/> (a step of the search, not a trace being rebuilt), the _POSSIBLE
    /// predicates are counted where TLC evaluates them: as the last state constraints, then the last action
    /// constraints.</remarks>
    private bool InModel(EvalState es, Value[] from, Value[] to, bool track = false)
    {
        int level = es.Level;
        es.Level = level + 1;
        try
        {
            // Not with several workers: TLCExt!Trace is the one-worker search's (a worker's host has none), and both
            // workers writing these fields for every successor moved their cache line between the cores.
            if (track && !_parallel)
            {
                _pending = to;
                _pendingParent = _xIndex;
            }
            if (_m.Constraints.Count > 0 && (_cov != null ? !CountedAll(es, _m.Constraints, to, null, _cov.Constraint) : FirstFalse(es, _m.Constraints, to, null) != null)) return false;
            if (track && _m.PossibleStates.Count > 0) TrackPossible(es, _m.PossibleStates, to, null);
        }
        finally
        {
            es.Level = level;
            if (track && !_parallel) _pending = null;
        }
        if (_m.ActionConstraints.Count > 0 && (_cov != null ? !CountedAll(es, _m.ActionConstraints, from, to, _cov.ActionConstraint) : FirstFalse(es, _m.ActionConstraints, from, to) != null)) return false;
        if (track && _m.PossibleActions.Count > 0) TrackPossible(es, _m.PossibleActions, from, to);
        return true;
    }

    private TimeSpan _lastCoverage;

    /// <summary>TLC's -coverage MINUTES (more than 0): the figures so far, every MINUTES minutes of the search.</summary>
    private void PeriodicCoverage()
    {
        if (_cov == null || _o.CoverageMinutes is not > 0 || _o.CoverageProgress == null) return;
        var now = _clock.Elapsed;
        if (now - _lastCoverage < TimeSpan.FromMinutes(_o.CoverageMinutes.Value)) return;
        _lastCoverage = now;
        _o.CoverageProgress(_cov.Snapshot(final: false));
    }

    /// <summary>As <see cref="FirstFalse"/> (true when all hold), counting each evaluation for the coverage figures.</summary>
    private static bool CountedAll(EvalState es, List<NamedTerm> predicates, Value[] current, Value[] next, Action<int, bool> count)
    {
        for (int i = 0; i < predicates.Count; i++)
        {
            bool holds = FirstFalse(es, predicates.GetRange(i, 1), current, next) == null;
            count(i, holds);
            if (!holds) return false;
        }
        return true;
    }

    private long[] _possibleCounts;
    private int[] _possibleEvaluated;

    /// <summary>Counts, for each _POSSIBLE predicate, the states or steps it held in (TLC's "s:_possible" register).</summary>
    private void TrackPossible(EvalState es, List<NamedTerm> predicates, Value[] current, Value[] next)
    {
        var cur = es.Current;
        var nx = es.Next;
        es.Current = current;
        es.Next = next;
        try
        {
            foreach (var p in predicates)
            {
                int i = _m.Possible.IndexOf(p);
                bool holds = p.Holds(es);
                Volatile.Write(ref _possibleEvaluated[i], 1);
                if (holds) Interlocked.Increment(ref _possibleCounts[i]);
            }
        }
        finally
        {
            es.Current = cur;
            es.Next = nx;
        }
    }

    /// <summary>The _POSSIBLE counts as TLC's _Possible module keeps them: [name |-> times it held] for every
    /// predicate evaluated at least once.</summary>
    private Value PossibleCounts()
    {
        var names = new List<string>();
        var counts = new List<Value>();
        for (int i = 0; i < _m.Possible.Count; i++)
        {
            if (Volatile.Read(ref _possibleEvaluated[i]) == 0) continue;
            names.Add(_m.Possible[i].Name);
            counts.Add(IntValue.Of(Interlocked.Read(ref _possibleCounts[i])));
        }
        return FcnValue.Record(names.ToArray(), counts.ToArray());
    }

    private ulong WorkerFingerprint(Worker w, EvalState es, Value[] state)
    {
        if (_symmetry != null) state = _symmetry.Canonical(state, w.SymmetryCache ??= new SymmetryGroup.Cache(_symmetry));
        if (_m.View != null)
        {
            var cur = es.Current;
            es.Current = state;
            try { return _m.View.Term.Eval(es, Frame.Root(_m.View.FrameSize)).Normalize().Fingerprint; }
            finally { es.Current = cur; }
        }
        ulong h = Fp.Seed;
        for (int i = 0; i < state.Length; i++) h = Fp.Mix(h, state[i].Fingerprint);
        return Fp.Finish(h);
    }

    /// <summary>The first invariant, then the first invariant-like property, that state violates (true: a property).</summary>
    private (NamedTerm, bool) FirstViolatedInvariant(EvalState es, Value[] state) => StateChecks.FirstViolatedInvariant(_m, es, state);

    /// <summary>The first action property the transition violates; transitions that passed before are not checked again.</summary>
    private NamedTerm FirstViolatedActionProperty(EvalState es, Value[] from, Value[] to)
    {
        if (_m.ActionProperties.Count == 0) return null;
        ulong transition = TransitionFingerprint(from, to);
        if (_checkedTransitions.Contains(transition)) return null;
        var failed = FirstFalse(es, _m.ActionProperties, from, to);
        if (failed == null) _checkedTransitions.Add(transition);
        return failed;
    }

    /// <summary>Checks the invariants on a newly found state; records the violation and returns false on failure
    /// (with -continue: reports it and returns true; TLC reports every invariant an initial state violates, and the
    /// first one for a successor).</summary>
    private bool CheckInvariants(int idx, bool initial = false)
    {
        if (_m.Invariants.Count == 0 && _m.PropertyInvariants.Count == 0 && _o.InvariantLevel == null) return true;
        // An invariant that fails to evaluate ends the trace at this state; once they hold, an error in what follows
        // (the next successor of the state being expanded) ends it at the expanded state again, as in TLC.
        int failing = _failingState;
        _failingState = idx;
        int expanding = _es.Level;
        _es.Level = _level[idx];
        try
        {
            bool holds = CheckInvariantsAtLevel(idx, initial);
            if (holds) _failingState = failing;
            return holds;
        }
        finally
        {
            _es.Level = expanding;
        }
    }

    private bool CheckInvariantsAtLevel(int idx, bool initial)
    {
        var (inv, isProperty) = FirstViolatedInvariant(_es, _states[idx]);
        string name = inv?.Name;
        if (inv == null)
        {
            // -invlevel N: TLC's invariant TLCGet("level") < N, after the others.
            if (_o.InvariantLevel is not int n || _level[idx] < n) return true;
            name = $"TLCGet(\"level\") < {n}";
        }
        // TLC names a violated []P property an invariant too.
        string Message(string nm, bool prop) => $"Invariant {nm} is violated" + (initial && _o.Continue ? " by the initial state:" : ".");
        if (!_o.Continue)
        {
            Fail(CheckOutcome.SafetyFailure, ViolationKind.Invariant, name, Message(name, isProperty), ExitStatus.SafetyViolation, idx);
            return false;
        }
        if (!initial)
        {
            Report(ViolationKind.Invariant, name, Message(name, isProperty), idx);
            return true;
        }
        var state = _states[idx];
        foreach (var (list, prop) in new[] { (_m.Invariants, false), (_m.PropertyInvariants, true) })
            foreach (var p in list)
                if (FirstFalse(_es, new List<NamedTerm> { p }, state, null) != null)
                    Report(ViolationKind.Invariant, p.Name, Message(p.Name, prop), idx, initial: true);
        if (_o.InvariantLevel is int lv && _level[idx] >= lv)
            Report(ViolationKind.Invariant, $"TLCGet(\"level\") < {lv}", Message($"TLCGet(\"level\") < {lv}", false), idx, initial: true);
        return true;
    }

    // Transitions whose action properties held already ([][A]_v is a function of the pair of states): a transition
    // generated again (by another action, another \E witness, or from another path) is not evaluated again.
    private IFingerprintSet _checkedTransitions;

    /// <summary>The fingerprint of a transition (the states as they are, before symmetry or VIEW).</summary>
    private static ulong TransitionFingerprint(Value[] from, Value[] to)
    {
        ulong h = 0x7A11510UL;
        for (int i = 0; i < from.Length; i++) h = Fp.Mix(h, from[i].Fingerprint);
        for (int i = 0; i < to.Length; i++) h = Fp.Mix(h, to[i].Fingerprint);
        return Fp.Finish(h);
    }

    private bool CheckActionProperties(int fromIdx, Value[] from, Value[] to, int action)
    {
        NamedTerm failed;
        try { failed = FirstViolatedActionProperty(_es, from, to); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            ReportActionPropertyFailure(e, fromIdx, from, to, action);
            return false;
        }
        if (failed == null) return true;
        if (_o.Continue)
        {
            Report(ViolationKind.ActionProperty, failed.Name, $"Action property {failed.Name} is violated.", fromIdx, (Value[])to.Clone(), action);
            return true;
        }
        // TLC checks implied actions with its liveness machinery and reports a violation as one (exit 13).
        Fail(CheckOutcome.SafetyFailure, ViolationKind.ActionProperty, failed.Name, $"Action property {failed.Name} is violated.",
            ExitStatus.LivenessViolation, fromIdx, (Value[])to.Clone(), action);
        return false;
    }

    /// <summary>An action property that could not be evaluated on the step from → to (TLC's
    /// EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED): the property named, the trace to the successor, exit 75, and the
    /// nested expressions of the replay. The one-worker search's and, once the workers stopped, the parallel one's.</summary>
    private void ReportActionPropertyFailure(Exception e, int fromIdx, Value[] from, Value[] to, int action)
    {
        string name = null;
        foreach (var p in _m.ActionProperties)
        {
            try { FirstFalse(_es, new List<NamedTerm> { p }, from, to); }
            catch (Exception) { name = p.Name; break; }
        }
        var exit = ErrorExit(e);
        Fail(CheckOutcome.Error, ViolationKind.Evaluation, name, $"Evaluating action property {name} failed.\n{e.Message}",
            exit, fromIdx, (Value[])to.Clone(), action);
        ReportNestedExpressions(e, SearchPhase.Next, general: false);
    }

    /// <summary>The exit code of an error TLC's replay meets again (ModelChecker's doNext rethrowing it): the error's
    /// own, as for an error in a step: 14 for Assert, 255 for one of TLC's own argument checks, 75 for a general
    /// failure.</summary>
    private static ExitStatus ErrorExit(Exception e) =>
        e is TlcAssertException ? ExitStatus.AssertFailed
        : IsTlcEvalException(e) && !LazyBodyErrors.IsMarked(e) ? ExitStatus.SystemError
        : ExitStatus.EvaluationError;

    private void AddEdge(int from, int to, int action)
    {
        var list = _succ[from];
        foreach (var (t, _) in list)
            if (t == to) return;
        list.Add((to, action));
    }

    // The state being expanded by Explore, for the successor callback (one delegate for the whole run instead of a
    // closure per action and state).
    private Value[] _xState, _xNext;
    private int _xIndex, _xLevel, _xAction;
    private bool _xStop;

    /// <summary>The states generated before the state being expanded was (see <see cref="ContinueToDeadlock"/>).</summary>
    private long _xGeneratedBefore;

    /// <summary>The actions of the state being expanded are being evaluated (an error there is TLC's doNextFailed).</summary>
    private bool _xInActions;
    private Func<bool> _onSuccessor;

    /// <summary>One successor of _xState through action _xAction, in _xNext (the enumerator's buffer).</summary>
    private bool OnSuccessor()
    {
        _generated++;
        _cov?.Generated(_xAction);
        var nextBuf = _xNext;
        // Checked on the enumerator's buffer; copied only when it is a new state.
        bool inModel = SuccessorInModel(nextBuf);
        return CheckSuccessor(nextBuf, inModel, inModel ? Fingerprint(nextBuf) : 0);
    }

    /// <summary>Do the constraints and action constraints admit the successor in <paramref name="nextBuf"/>?</summary>
    private bool SuccessorInModel(Value[] nextBuf)
    {
        try { return InModel(_es, _xState, nextBuf, track: true); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            // TLC (ModelChecker.doNextFailed) ends the trace with the successor it was checking.
            _failingSuccessor = (Value[])nextBuf.Clone();
            PendingExcept.BuildAll(_failingSuccessor);
            throw;
        }
    }

    // Where nothing the search does can be seen from one successor to the next but its order (no Print, TLCGet or
    // TLCSet, no coverage, dump, graph, VIEW or SYMMETRY), a successor's check waits until the enumerator has
    // generated the next one (OnSuccessorHeld): its fingerprint is known at once, so its slot in the fingerprint set
    // is asked of the processor then and is in the cache when the set is probed, a whole action evaluation later,
    // instead of a memory miss per successor. The checks still run in the order of the successors; an error or the
    // end of the state's actions checks the held successor first (TLC checked it before generating more).
    private readonly bool _holdSuccessors;

    /// <summary>Does the search (one worker or each parallel worker) check a successor one successor late (see
    /// <see cref="OnSuccessorHeld"/>)?</summary>
    internal bool HoldsSuccessors => _holdSuccessors;
    private Value[] _held;
    private int _heldAction = -1;
    // Whether the constraints admit the successor held: null when not evaluated yet (see _fingerprintFirst).
    private bool? _heldInModel;
    private ulong _heldFp;

    // Where successors are held and no ACTION_CONSTRAINT is given, the constraints are a function of the successor
    // alone (no TLCGet, no effect): a successor already seen, most of them, was admitted when it was found, and is
    // admitted again. So a successor is fingerprinted first, and its constraints are evaluated when it is checked,
    // only if it is not in the fingerprint set (in the same order, before its other checks; an error there still
    // comes before the next successor's checks). Turned off for the rest of the search at the first successor
    // without a fingerprint (a value that has none, in a state the constraints would exclude).
    private bool _fingerprintFirst;

    /// <summary><see cref="OnSuccessor"/> one successor late: checks the successor held back, then holds this one
    /// (its fingerprint computed and, unless <see cref="_fingerprintFirst"/>, its constraints evaluated, as TLC does
    /// on generating it).</summary>
    private bool OnSuccessorHeld()
    {
        if (_heldAction >= 0 && !CheckHeld()) return false;
        _generated++;
        var nextBuf = _xNext;
        bool? inModel = null;
        ulong fp = 0;
        if (_fingerprintFirst)
        {
            try { fp = Fingerprint(nextBuf); }
            catch (Exception e) when (e is ValueException or TlaException) { _fingerprintFirst = false; }
        }
        if (!_fingerprintFirst)
        {
            inModel = SuccessorInModel(nextBuf);
            if (inModel == true) fp = Fingerprint(nextBuf);
        }
        if (inModel != false)
        {
            PrefetchSeen(fp);
            // Where a new state's changed values will be looked up (their fingerprints are computed now).
            _interner?.PrefetchChanged(_xState, nextBuf);
        }
        var held = _held;
        for (int i = 0; i < held.Length; i++) held[i] = nextBuf[i];
        _heldAction = _xAction;
        _heldInModel = inModel;
        _heldFp = fp;
        return true;
    }

    /// <summary>Checks the successor held back (false: the search stops; the action it came from is then _xAction,
    /// for the report).</summary>
    private bool CheckHeld()
    {
        int action = _heldAction, current = _xAction;
        _heldAction = -1;
        _xAction = action;
        // Seen already: admitted when it was found (see _fingerprintFirst); else its constraints are evaluated now.
        bool inModel = _heldInModel ?? (_seen.Contains(_heldFp) || SuccessorInModel(_held));
        if (!CheckSuccessor(_held, inModel, inModel ? _heldFp : 0)) return false;
        _xAction = current;
        return true;
    }

    /// <summary>The checks of a successor of _xState through _xAction in <paramref name="nextBuf"/>, once its
    /// constraints were evaluated (and, in the model, its fingerprint <paramref name="fp"/> computed).</summary>
    private bool CheckSuccessor(Value[] nextBuf, bool inModel, ulong fp)
    {
        var state = _xState;
        int idx = _xIndex;
        if (!inModel)
        {
            // TLC (Worker.addElement) checks the invariants and the implied actions of a successor that a
            // CONSTRAINT or ACTION_CONSTRAINT excludes, every time it is generated; it only does not explore it.
            // The successor held (a buffer of the search's own): its changed values replaced by the equal ones kept,
            // whose invariant marks spare the invariants' conjuncts that read them alone (an EXCEPT found kept is
            // never built), then the rest built.
            if (_holdSuccessors) _interner?.ShareKept(state, nextBuf);
            PendingExcept.BuildAll(nextBuf);
            if (!CheckExcludedState(idx, nextBuf, _xAction) || !CheckActionProperties(idx, state, nextBuf, _xAction))
            {
                _xStop = true;
                return false;
            }
            _es.Current = state;
            _es.Next = _xNext;
            return true;
        }
        // As TLC's Worker: a new state is recorded (and counted) and its invariants checked, then the action
        // properties are checked on the step, whether the state is new or not.
        if (!_seen.Add(fp))
        {
            if (_recordGraph) AddEdge(idx, _indexOf[fp], _xAction);
            _dump?.Successor(_fps[idx], _xLevel, fp, nextBuf, false, _m.Actions[_xAction]);
            if (!CheckActionProperties(idx, state, nextBuf, _xAction)) { _xStop = true; return false; }
            return true;
        }
        var succ = _free.Copy(nextBuf);
        // Interned first: an EXCEPT whose value is found kept is never built (ValueInterner.SameAsPending).
        _interner?.InternChanged(state, succ);
        PendingExcept.BuildAll(succ);
        int sIdx = Store(succ, idx, _xAction, _xLevel + 1, fp);
        // A state of many successors (a wide level) interns them between two of the checks of ExploreStates.
        if (_onDisk && (sIdx & 0x3FF) == 0) ForgetInterned();
        _cov?.Distinct(_xAction, succ);
        _dump?.Successor(_fps[idx], _xLevel, fp, succ, true, _m.Actions[_xAction]);
        if (_recordGraph)
        {
            _indexOf[fp] = sIdx;
            AddEdge(idx, sIdx, _xAction);
        }
        // TLC (Worker.addElement) enqueues a new state only once its invariants and the step's action properties
        // hold: a violation (or an evaluation error) leaves it off the queue, and off "states left on queue".
        _unqueued = 1;
        if (!CheckInvariants(sIdx)) { _xStop = true; return false; }
        if (!CheckActionProperties(idx, state, succ, _xAction)) { _xStop = true; return false; }
        _unqueued = 0;
        _es.Current = state;
        _es.Next = _xNext;
        return true;
    }

    /// <summary>The distinct initial states (TLCGet("stats").initial).</summary>
    private long _initialStates;

    /// <summary>Set while the one-worker search explores the queue, left set when it stops before the queue is empty
    /// (a violation, an error, a deadlock).</summary>
    private bool _stoppedExploring;

    /// <summary>1 while the new state just stored is being checked (TLC has not enqueued it yet), else 0.</summary>
    private int _unqueued;

    /// <summary>The states TLC would have on its queue: the stored ones not yet explored, less a new one being checked.</summary>
    private long QueueSize => Math.Max(0, _states.Count - _queueHead - _unqueued + _queueAdjust);

    /// <summary>Each action's guards, evaluated before the action is set up (<see cref="PreGuards"/>); null when not
    /// used (coverage, OPS_NO_PREGUARD) and in the parallel search, whose workers have their own (Worker.Pre), an entry
    /// null for an action without any.</summary>
    private PreGuard[] _pre;
    /// <summary>The values the actions' guards share, for the state being expanded.</summary>
    private PreGuardMemo _preMemo;
    private static readonly Frame NoFrame = new(0, null);

    /// <summary>The actions' guards (<see cref="PreGuards"/>) and the memo of the values they share, for one evaluator
    /// (the memo and the shared values are written as the guards are evaluated); (null, null) when no action has any.
    /// With <paramref name="trace"/>, OPS_HOIST_TRACE's lines on them.</summary>
    private (PreGuard[], PreGuardMemo) FindPreGuards(bool trace)
    {
        var es = new EvalState(new ActionSplitter.ConstantHost(), _m.VariableNames);
        var actions = new List<(Term, Frame)>();
        foreach (var a in _m.Actions)
        {
            Frame f;
            // The guards are closed over the values the frame holds: only where those are the search's too.
            if (a.Context is { EvaluatesArguments: true })
            {
                actions.Add((a.Term, null));
                continue;
            }
            try { f = a.NewFrame(es); }
            catch (Exception e) when (e is TlaException or ValueException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or InvalidCastException)
            {
                f = null;
            }
            actions.Add((a.Term, f));
        }
        var pre = PreGuards.Analyze(actions, out var memo);
        if (pre.All(p => p == null)) return (null, null);
        if (trace)
        {
            _diagnostics.Write($"guards: {memo.Values} sub-expressions read by several guards, evaluated once per state");
            _diagnostics.Write($"guards: {memo.CachedGuards} read one variable alone, kept per value of it by each worker");
            for (int i = 0; i < pre.Length; i++)
                if (pre[i] is { } g)
                    _diagnostics.Write($"guards: {_m.Actions[i].Label}: {g.Guards.Length} evaluated first ({g.Shared.Count(s => s >= 0)} shared with other actions), "
                        + (ReferenceEquals(g.Rest, _m.Actions[i].Term) ? "then the whole action" : $"then the action from line {(g.Rest is AndTerm r ? r.Items[0] : g.Rest).Span.Line}, col {(g.Rest is AndTerm r2 ? r2.Items[0] : g.Rest).Span.Col}"));
        }
        return (pre, memo);
    }

    /// <summary>What to enumerate of an action whose first guards are <paramref name="guards"/> (none: the action
    /// whole): null when a guard is false, else the rest of the action. A guard too deep (a constant's recursive
    /// definition) or that cannot be evaluated leaves the action whole: its own walk evaluates the guard again and
    /// reports the error as it does (TLC walks a guard's \/, => and IF, whose errors it words as its walk's). Used
    /// by the one-worker search and by each parallel worker with its own memo.</summary>
    private static Term AfterPreGuards(Term action, PreGuard guards, EvalState es, PreGuardMemo memo, int index)
    {
        if (guards == null) return action;
        try { return PreGuardsHold(guards, es, memo, index) ? guards.Rest : null; }
        catch (Exception e) when (e is InsufficientExecutionStackException or TlaException { Kind: ErrorKind.Eval } or ValueException)
        {
            return action;
        }
    }

    /// <summary>Do the guards of action <paramref name="index"/> hold in the state being expanded
    /// (<paramref name="es"/>.Current), the values they share in <paramref name="memo"/> (the evaluator's own)? When
    /// one of the first guards that read one variable alone is false (those before it true), the action is marked to
    /// be skipped in the states that hold an equal value of that variable (<see cref="PreGuardMemo.SkipActions"/>).</summary>
    private static bool PreGuardsHold(PreGuard g, EvalState es, PreGuardMemo memo, int index)
    {
        var guards = g.Guards;
        var shared = g.Shared;
        var vars = g.Var;
        for (int i = 0; i < guards.Length; i++)
        {
            int s = shared[i];
            int x = vars[i];
            bool v;
            // Known of the value of the one variable it reads (when the search gave the memo the state), or of
            // this state (a guard another action shares).
            if (x >= 0 && memo.TryCached(x, g.Bit[i], out v)) memo.KeptAnswers++;
            else
            {
                if (s < 0) v = guards[i].EvalBool(es, NoFrame);
                else if (!memo.TryGet(s, out v))
                {
                    v = guards[i].EvalBool(es, NoFrame);
                    memo.Set(s, v);
                }
                if (x >= 0) memo.SetCached(x, g.Bit[i], v);
            }
            if (!v)
            {
                if (i < g.SameVarPrefix) memo.MarkSkip(vars[0], index);
                return false;
            }
        }
        return true;
    }

    /// <summary>Asks the processor for where the fingerprint set will look <paramref name="fp"/> up (a hint), whichever
    /// set the search uses: the one-worker search's, the parallel one's, or the one on disk.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void PrefetchSeen(ulong fp)
    {
        var seen = _seen;
        if (seen is FingerprintSet set) set.Prefetch(fp);
        else if (seen is ConcurrentFingerprintSet concurrent) concurrent.Prefetch(fp);
        else if (seen is Storage.DiskFingerprintSet onDisk) onDisk.Prefetch(fp);
    }

    /// <summary>Successors' EXCEPTs left unbuilt until the state is found new (PendingExcept): where the successors are
    /// held (nothing reads them but the constraints and the search) and no action property reads the step. The same
    /// for the one-worker search and each parallel worker.</summary>
    private bool DefersExcepts => _holdSuccessors && _m.ActionProperties.Count == 0 && !_diagnostics.NoDeferExcept;

    /// <summary>A held successor fingerprinted before its constraints are evaluated (see <see cref="_fingerprintFirst"/>):
    /// where there are constraints and no action constraint. The same for the one-worker search and each parallel
    /// worker.</summary>
    private bool FingerprintsFirst => _holdSuccessors && _m.Constraints.Count > 0 && _m.ActionConstraints.Count == 0 && !_diagnostics.NoDeferExcept;

    /// <summary>Breadth-first search; false when it stopped on a violation.</summary>
    private bool Explore()
    {
        try { return ExploreStates(); }
        // What evaluates actions after the search (the replays that find an error's place, traces) builds every value.
        finally { _es.DeferExcept = false; }
    }

    private bool ExploreStates()
    {
        var nextBuf = new Value[_m.VariableNames.Length];
        _xNext = nextBuf;
        _held = new Value[nextBuf.Length];
        _onSuccessor = _holdSuccessors ? OnSuccessorHeld : OnSuccessor;
        _es.DeferExcept = DefersExcepts;
        _recycle = _forget && _holdSuccessors && !_parallel && !_diagnostics.NoRecycle;
        _fingerprintFirst = FingerprintsFirst;
        // Until Explore returns (an exception leaves it set, for the report: ReportNestedExpressions).
        _phase = SearchPhase.Next;
        var lastProgress = _clock.Elapsed;
        _liveDuringSearch = _recordGraph && Live.StartDuringSearch();
        _stoppedExploring = true;
        while (_queueHead < _states.Count && !_exitRequested)
        {
            int idx = (int)_queueHead++;
            var state = _states[idx];
            StatePrefetch.Ahead(_states, idx);
            int level = _level[idx];
            _currentLevel = level;
            _es.Level = level;
            _failingState = idx;
            _expanding = idx;
            if ((_queueHead & 0x3FF) == 0)
            {
                if (_forget) _states.ReleaseExpanded(idx);
                if (_onDisk) ForgetInterned();
                _stop.ThrowIfRaised();
                if (_o.Progress != null && _clock.Elapsed - lastProgress >= _o.ProgressInterval)
                {
                    lastProgress = _clock.Elapsed;
                    _o.Progress(new CheckProgress(_maxLevel, _generated, _states.Count, _states.Count - _queueHead, _clock.Elapsed));
                }
                PeriodicCoverage();
            }
            if (!Expand(idx, state, level)) return false;
        }
        _stoppedExploring = false;
        return _r.Violation == null;
    }

    /// <summary>Generates and checks the successors of state <paramref name="idx"/> (false: the search stops). A method
    /// of its own, called once per state, so that it is compiled in full at the second tier with the profile of its
    /// calls: the loop of <see cref="ExploreStates"/>, entered once, only ever runs its on-stack replacement.</summary>
    private bool Expand(int idx, Value[] state, int level)
    {
        var actions = _m.Actions;
        var nextBuf = _xNext;
        long before = _generated;
        _xState = state;
        _xIndex = idx;
        _xLevel = level;
        _xStop = false;
        try
        {
            try
            {
                var pre = _pre;
                ulong skip = 0;
                if (_preMemo is { } memo)
                {
                    memo.NextState(state);
                    skip = memo.SkipActions;
                    memo.Prefetch(_states.Peek(idx + 1));
                }
                _xGeneratedBefore = before;
                _xInActions = true;
                for (int a = 0; a < actions.Count && !_xStop; a++)
                {
                    // Known to end at their first guards in a state with these values (PreGuardMemo.SkipActions).
                    if (PreGuardMemo.Skips(skip, a)) continue;
                    var action = actions[a];
                    _es.Current = state;
                    _es.Next = nextBuf;
                    _xAction = a;
                    // Most actions end at their first guards: evaluated before anything else is done.
                    var term = AfterPreGuards(action.Term, pre?[a], _es, _preMemo, a);
                    if (term == null) continue;
                    Array.Clear(nextBuf);
                    _es.Cov = action.Coverage;
                    _enum.Run(term, action.ReuseFrame(_es), _onSuccessor);
                }
                _xInActions = false;
                if (_heldAction >= 0) CheckHeld();
            }
            catch (Exception) when (_heldAction >= 0)
            {
                // The successor held back was generated before this error: TLC checked it first. A violation
                // there ends the search instead of the error.
                if (CheckHeld()) throw;
            }
        }
        catch (TlaException e) when (e.TlcEvalError && e.ExitCode == null && !LazyBodyErrors.IsMarked(e))
        {
            // TLC ends the run with the EvalException's own code when computing successors fails on one of its
            // argument checks: exit 255 (ModelChecker, EC.ExitStatus), where a general failure is 75.
            throw new TlaException(e.Kind, e.Span, e.Message) { ExitCode = ExitStatus.SystemError, TlcEvalError = true };
        }
        finally
        {
            _es.Cov = null;
        }
        if (_xStop) return false;
        if (_generated == before && _m.CheckDeadlock)
        {
            Fail(CheckOutcome.DeadlockFailure, ViolationKind.Deadlock, null, "Deadlock reached.", ExitStatus.Deadlock, idx);
            return false;
        }
        if (_liveDuringSearch && Live.OnExplored(idx) is { } cx)
        {
            ReportLiveness(cx, Live);
            return false;
        }
        if (_forget && _parent[idx] >= 0)
        {
            _states[idx] = null;
            if (_recycle && !_states.Spilled) _free.Recycle(state);
        }
        return true;
    }

    // The arrays of expanded states, emptied, for the next new states (see StateArrays): one worker, where an
    // expanded state is dropped and successors are held, so that nothing but the search holds a stored state's array.
    private bool _recycle;
    private readonly StateArrays _free = new();

    /// <summary>The liveness checker over the graph recorded so far (shared by the check during the search and the
    /// final one).</summary>
    private Liveness.LivenessChecker Live => _live ??= new Liveness.LivenessChecker(_m, new Liveness.StateGraph { States = _states, Initial = _initial, Successors = _succ, LevelOf = i => _level[i], Expanded = WasExpanded }, _es)
        {
            FingerprintIndex = _o.FingerprintIndex,
            TlcFingerprintOf = _tlcFp == null ? null : i => (long)_fps[i],
        };
    private Liveness.LivenessChecker _live;
    private bool _liveDuringSearch;

    /// <summary>The temporal formulas TLC refuses are its error before the search (and before the assumptions): no
    /// figures follow.</summary>
    private bool CheckLivenessForms()
    {
        if (!_recordGraph) return true;
        try
        {
            Live.CheckFormsBeforeSearch();
            return true;
        }
        catch (TlaException e) when (e.Kind is ErrorKind.TlcRefused or ErrorKind.Unsupported)
        {
            var f = StateChecks.FromException(e, _o.Diagnostics).Value;
            Fail(f.Outcome, f.Kind, f.Property, f.Message, f.ExitCode, -1);
            _r.Violation.WithoutStatistics = true;
            return false;
        }
    }

    /// <summary>Temporal properties on the complete graph, after safety (TLC's -lncheck final).</summary>
    private void CheckLiveness()
    {
        var live = Live;
        var cx = live.Check();
        _r.LivenessBranches = live.BranchCount;
        ReportLiveness(cx, live);
    }

    private void ReportLiveness(Liveness.LivenessChecker.Counterexample cx, Liveness.LivenessChecker live)
    {
        if (cx == null) return;
        _loopActionIndex = StateChecks.RecordLiveness(_r, _m, cx, live, _states, ActionLabel, (t, after) => ShowTrace(t, after),
            _symmetry != null || _m.View != null ? (from, to) => SuccessorWithFingerprint(from, _fps[to]) : null);
    }

    private bool CheckInitProperties(int idx)
    {
        if (_m.InitProperties.Count == 0) return true;
        var p = FirstFalse(_es, _m.InitProperties, _states[idx], null);
        if (p == null) return true;
        Fail(CheckOutcome.SafetyFailure, ViolationKind.Invariant, p.Name, $"Property {p.Name} is violated by the initial state.", ExitStatus.LivenessViolation, idx);
        return false;
    }

    /// <summary>A state the constraints exclude (not stored, not explored): its invariants are checked as TLC checks
    /// them, and for an initial state (<paramref name="fromIdx"/> -1) its implied initial predicates. The trace is the
    /// path to <paramref name="fromIdx"/> and the state itself.</summary>
    private bool CheckExcludedState(int fromIdx, Value[] state, int action)
    {
        if (_m.Invariants.Count == 0 && _m.PropertyInvariants.Count == 0 && (fromIdx >= 0 || _m.InitProperties.Count == 0)) return true;
        _failingState = fromIdx;
        NamedTerm inv;
        bool isProperty;
        try { (inv, isProperty) = FirstViolatedInvariant(_es, state); }
        catch (PropertyEvaluationException e)
        {
            e.InInitialState |= fromIdx < 0;
            // An initial state the constraints exclude fails as one they keep (DoInitFunctor checks both alike): one
            // of TLC's own EvalExceptions without "While working on the initial state:" and the state, and either
            // way the nested expressions of DoInitFunctor's replay (the initial predicate's, then the invariant's).
            bool ownOnInitial = fromIdx < 0 && IsTlcEvalException(e.InnerException);
            Fail(CheckOutcome.Error, ViolationKind.Evaluation, null, e.Report, e.ExitCode,
                fromIdx, ownOnInitial ? null : (Value[])state.Clone(), action);
            _r.Violation.WhileInitialState = e.InInitialState && !ownOnInitial;
            if (fromIdx < 0) ReportNestedExpressions(e, SearchPhase.Init);
            if (fromIdx >= 0)
            {
                // TLC's replay checks the excluded successor's invariants again (it is never seen) and fails there:
                // it prints the nested expressions and ends with the error's own exit code (doNext's EvalException).
                ReportNestedExpressions(e.InnerException ?? e, SearchPhase.Next, general: false);
                if (_r.Violation.NestedExpressions != null) _r.ExitStatus = ErrorExit(e.InnerException ?? e);
            }
            return false;
        }
        if (inv != null)
        {
            var message = isProperty ? $"Property {inv.Name} is violated." : $"Invariant {inv.Name} is violated.";
            if (_o.Continue && fromIdx < 0)
            {
                // -continue on an initial state (TLC's DoInitFunctor): every invariant it violates, each "by the
                // initial state:" with the state alone, then the implied initial predicates, as for a state the
                // constraints keep (CheckInvariantsAtLevel).
                foreach (var list in new[] { _m.Invariants, _m.PropertyInvariants })
                    foreach (var violated in list)
                        if (FirstFalse(_es, new List<NamedTerm> { violated }, state, null) != null)
                            Report(ViolationKind.Invariant, violated.Name, $"Invariant {violated.Name} is violated by the initial state:", fromIdx,
                                (Value[])state.Clone(), action, initial: true);
            }
            else if (_o.Continue)
            {
                // -continue: reported with its trace, and the search goes on (the state itself stays unexplored).
                Report(ViolationKind.Invariant, inv.Name, message, fromIdx, (Value[])state.Clone(), action);
                return true;
            }
            else
            {
                Fail(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name, message, ExitStatus.SafetyViolation,
                    fromIdx, (Value[])state.Clone(), action);
                return false;
            }
        }
        if (fromIdx < 0 && _m.InitProperties.Count > 0 && FirstFalse(_es, _m.InitProperties, state, null) is { } p)
        {
            // TLC_PROPERTY_VIOLATED_INITIAL, exit 13, whether or not a constraint excludes the state.
            Fail(CheckOutcome.SafetyFailure, ViolationKind.Invariant, p.Name, $"Property {p.Name} is violated by the initial state.",
                ExitStatus.LivenessViolation, -1, (Value[])state.Clone(), -1);
            return false;
        }
        return true;
    }

    /// <summary>
    /// POSTCONDITION(S), as TLC evaluates them once the search is over, also after it found a violation (then
    /// <c>CounterExample</c> is that violation's behavior): the first that is false is reported; it decides the
    /// exit code (10, as for a false assumption) only when the search itself found nothing.
    /// </summary>
    private void CheckPostconditions()
    {
        if (_m.Postconditions.Count == 0 && _m.Possible.Count == 0) return;
        if (_r.Violation != null && _r.Violation.Kind is not (ViolationKind.Invariant or ViolationKind.ActionProperty
                or ViolationKind.Deadlock or ViolationKind.Temporal)) return;
        _es.Current = null;
        _es.Next = null;
        _es.InitMode = false;
        // TLC evaluates the postconditions in its empty state: TLCGet("level") is 0 there.
        _es.Level = 0;
        _inPostcondition = true;
        try
        {
            // _POSSIBLE P is TLC's postcondition "P held somewhere" (_Possible!_CheckName, which prints the counts
            // when it fails), checked after the configuration's own.
            foreach (var p in _m.Postconditions.Concat(_m.Possible))
            {
                if (_m.Possible.Contains(p))
                {
                    int i = _m.Possible.IndexOf(p);
                    if (Interlocked.Read(ref _possibleCounts[i]) > 0) continue;
                    Print(Ppr.Format(PossibleCounts()));
                }
                var failure = _m.Possible.Contains(p) ? PostconditionFalse(_m, p) : StateChecks.Postcondition(_m, _es, p, ExitStatus.SystemError);
                if (failure is not { } f) continue;
                if (_r.Violation == null)
                    Fail(f.Outcome, f.Kind, f.Property, f.Message, f.ExitCode, -1);
                else
                    Print("Error: " + f.Message);
                return;
            }
        }
        finally
        {
            _inPostcondition = false;
        }
    }

    private bool _inPostcondition;

    /// <summary>
    /// TLCExt!CounterExample: the behavior of the violation found, as TLC gives it to a POSTCONDITION (the states as the
    /// error trace shows them, so through ALIAS): <c>[state |-> {&lt;&lt;i, s&gt;&gt;, ...}, action |-> {&lt;&lt;&lt;&lt;i, s&gt;&gt;,
    /// [name |-> A, location |-> [...]], &lt;&lt;j, t&gt;&gt;&gt;&gt;, ...}]</c>, with the lasso's edge back for a liveness
    /// violation. Empty sets when there is none.
    /// </summary>
    public Value CounterExample()
    {
        var states = new List<Value>();
        var actions = new List<Value>();
        var trace = _inPostcondition && _r.Violation != null ? _r.Trace : new List<TraceState>();
        var numbered = new Value[trace.Count];
        for (int i = 0; i < trace.Count; i++)
        {
            numbered[i] = FcnValue.Tuple(new List<Value> { IntValue.Of(i + 1), FcnValue.Record(trace[i].Variables, trace[i].Values) });
            states.Add(numbered[i]);
            if (i > 0) actions.Add(FcnValue.Tuple(new List<Value> { numbered[i - 1], ActionRecord(trace[i].ActionIndex), numbered[i] }));
        }
        if (trace.Count > 0 && _r.LoopIndex is int loop && loop >= 0 && loop < trace.Count)
        {
            int back = _r.Stuttering ? trace.Count - 1 : loop;
            // A stuttering lasso is closed in TLC's CounterExample by the action of its last step (the last state's
            // TLCStateInfo action), not by a step of its own.
            int via = _r.Stuttering ? (trace.Count > 1 ? trace[^1].ActionIndex : -1) : _loopActionIndex;
            actions.Add(FcnValue.Tuple(new List<Value> { numbered[^1], ActionRecord(via), numbered[back] }));
        }
        return FcnValue.Record(new[] { "state", "action" }, new Value[] { SetValue.FromList(states), SetValue.FromList(actions) });
    }

    private int _loopActionIndex = -1;

    private Value ActionRecord(int action)
    {
        string name = "UnnamedAction";
        var span = default(Syntax.SourceSpan);
        string module = _m.ModuleName;
        (string[] Names, Value[] Values)? parameters = null;
        if (action >= 0)
        {
            var a = _m.Actions[action];
            name = a.Name;
            span = a.Span;
            module = a.Module ?? module;
            if (a.ParamNames != null) parameters = (a.ParamNames, a.ParamValues);
        }
        var location = FcnValue.Record(new[] { "beginLine", "beginColumn", "endLine", "endColumn", "module" },
            new Value[] { IntValue.Of(span.Line), IntValue.Of(span.Col), IntValue.Of(span.EndLine), IntValue.Of(span.EndCol), StringValue.Of(module) });
        if (parameters is not { } p)
            return FcnValue.Record(new[] { "name", "location" }, new Value[] { StringValue.Of(name), location });
        // An action with arguments: TLC adds its definition's parameters bound to their values (context) and their
        // names (parameters), e.g. [t |-> p2, d |-> p2] and <<"t", "d">> for \E p \in Producers : Put(p, p).
        var context = FcnValue.Record(p.Names, p.Values);
        var names = FcnValue.Tuple(p.Names.Select(n => (Value)StringValue.Of(n)).ToArray());
        return FcnValue.Record(new[] { "name", "location", "context", "parameters" }, new Value[] { StringValue.Of(name), location, context, names });
    }
}

/// <summary>An invariant (or a property checked as one) that could not be evaluated: TLC's
/// TLC_INVARIANT_EVALUATION_FAILED, exit 76.</summary>
public sealed class PropertyEvaluationException : Exception
{
    public PropertyEvaluationException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Raised while computing the initial states: TLC (ModelChecker.DoInitFunctor) reports such a failure as
    /// an evaluation error of the specification (75), not as a failure to evaluate a safety property (76).</summary>
    public bool InInitialState { get; set; }

    /// <summary>TLC's exit code for this failure.</summary>
    public ExitStatus ExitCode => InInitialState ? ExitStatus.EvaluationError : ExitStatus.SafetyEvaluationError;

    /// <summary>The evaluation error, in TLC's words (without Ops's location: TLC names the property).</summary>
    public string Detail => InnerException?.Message;

    /// <summary>What TLC prints: "Evaluating invariant X failed." and the error; on an initial state the error alone
    /// (DoInitFunctor's EC.TLC_INITIAL_STATE), followed by "While working on the initial state:" and the state.</summary>
    public string Report => InInitialState ? Detail : Message + "\n" + Detail;
}
