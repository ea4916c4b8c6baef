using System.Runtime.ExceptionServices;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Breadth-first exploration with several worker threads (<c>-workers N</c>, N &gt; 1), level by level: the workers
/// share the states of one BFS level (taken in chunks), each with its own evaluator, and store the new states they
/// find in ranges of the state lists each reserves for itself (in memory; on disk or with coverage they hold them and
/// the coordinator appends them between levels). Every state is expanded exactly once and
/// every successor counted, so the generated and distinct counts of a complete run are those of one worker; the depth
/// is exact and a violation's trace is a shortest one (its states lie on consecutive levels). Only the order of the
/// states within a level, and so which of several violations of the same level is reported, may vary between runs.
/// Worker 0 runs on the coordinator's thread; a level too narrow or too quick for the others to gain anything, or met
/// while the runtime's compiler has the other core, is expanded by worker 0 alone (see <see cref="LevelSharing"/>).
/// </summary>
public sealed partial class BfsChecker
{
    internal const int ChunkSize = 32;

    /// <summary>One worker's evaluator and what it found during the current level.</summary>
    private sealed class Worker : IBuiltinHost
    {
        public readonly BfsChecker Owner;
        public readonly int Id;
        public readonly EvalState Es;
        public readonly ActionEnumerator Enum;
        public readonly Value[] NextBuf;
        /// <summary>Per action, the frames this worker evaluates it in (ActionContext.Reuse), kept here rather than
        /// looked up by evaluator in the action's shared table on every evaluation (a chain of reads, each a miss).</summary>
        public readonly Frame[][] Frames;
        public readonly List<Value[]> NewStates = new();
        public readonly List<int> NewParents = new();
        public readonly List<int> NewActions = new();
        public readonly List<ulong> NewFps = new();
        /// <summary>In memory, the new states go straight into the state lists (<see cref="StoreReserved"/>): the
        /// range of indices this worker reserved last, its next free index and its end, and how many it stored since
        /// the coordinator last sealed the lists (<see cref="SealReserved"/>).</summary>
        public int BlockNext, BlockEnd, Stored;
        /// <summary>True while the worker stores its new states itself (in memory, no coverage): set at each start.</summary>
        public bool Direct;
        public SymmetryGroup.Cache SymmetryCache;
        /// <summary>This worker's counts of the values it interned.</summary>
        public readonly ValueInterner.Tally InternTally;
        /// <summary>The actions' guards evaluated first (as the one-worker search's <see cref="_pre"/>), this worker's
        /// own: the values they share are kept per evaluator (<see cref="PreMemo"/>, the shared terms' values). Null
        /// when not used.</summary>
        public readonly PreGuard[] Pre;
        public readonly PreGuardMemo PreMemo;
        public long Generated;
        /// <summary>With coverage: the successors generated so far from the state being expanded (its order).</summary>
        public int Ordinal;
        public int FailingState = -1;
        /// <summary>Set where the worker stopped on an error that the coordinator reports (see
        /// <see cref="WorkerFailure"/>): the successor whose constraints could not be evaluated, the new state whose
        /// invariants could not be evaluated (stored and counted, as one worker stores it), or the successor of a step
        /// whose action property could not be evaluated.</summary>
        public Value[] FailingSuccessor, FailingNewState, FailingStep, FailingExcluded;
        // The state being expanded, for the successor callback (one delegate per worker).
        public Value[] State;
        public int Index, Action;
        public bool Stop;
        /// <summary>Found the level's states all taken (set until the next level): a TLC worker in its place would be
        /// waiting on the queue, and would take the next state queued at once.</summary>
        public bool Idle;
        /// <summary>Took a chunk of the level (then <see cref="ChunkEnd"/> is its end): set until the next level.</summary>
        public bool Took;
        public int ChunkEnd;
        // Made once: a lambda built in Expand would allocate its closure on every call.
        public readonly Func<bool> OnSuccessor;
        // Where the search holds successors (BfsChecker._holdSuccessors), the successor generated last, checked once
        // the next one is generated (WorkerSuccessorHeld): HeldAction is -1 when none is held.
        public readonly Value[] Held;
        public int HeldAction = -1;
        // Whether the constraints admit the successor held: null when not evaluated yet (FingerprintFirst).
        public bool? HeldInModel;
        public ulong HeldFp;
        /// <summary>As the one-worker search's <see cref="_fingerprintFirst"/>: a held successor is fingerprinted first,
        /// and its constraints evaluated only when it is not in the fingerprint set (one there was admitted when it was
        /// found). Turned off for this worker at its first successor without a fingerprint.</summary>
        public bool FingerprintFirst;

        public Worker(BfsChecker owner, int id)
        {
            Owner = owner;
            Id = id;
            Es = new EvalState(this, owner._m.VariableNames) { Stop = owner._stop };
            Enum = new ActionEnumerator(Es) { IntermediateStates = n => Generated += n };
            NextBuf = new Value[owner._m.VariableNames.Length];
            Frames = new Frame[owner._m.Actions.Count][];
            _random = new Random(20260101 + id);
            if (owner._o.Seed.HasValue) _seeded = new SeededChoices(owner._o.Seed.Value);
            Held = new Value[NextBuf.Length];
            OnSuccessor = owner._holdSuccessors ? () => owner.WorkerSuccessorHeld(this) : () => owner.WorkerSuccessor(this);
            // As the one-worker search (ExploreStates): where successors are held, their EXCEPTs are left unbuilt
            // until the state is found new (PendingExcept), and they are fingerprinted before their constraints.
            Es.DeferExcept = owner.DefersExcepts;
            FingerprintFirst = owner.FingerprintsFirst;
            InternTally = owner._interner?.NewTally();
            // As the one-worker search: not with coverage (which counts every evaluation) or OPS_NO_PREGUARD; traced
            // (OPS_HOIST_TRACE) by the first worker alone, every worker's being the same.
            if (owner._cov == null && !owner._diagnostics.NoPreGuard)
                (Pre, PreMemo) = owner.FindPreGuards(owner._diagnostics.HoistTrace && id == 0);
        }

        public void Print(string line) => Owner.Print(line);
        public void Warn(string message) => Owner.Warn(message);
        public Value TlcGet(Value key) => key is StringValue { S: "level" } ? IntValue.Of(Es.Level) : Owner.TlcGet(key, Id);
        public void TlcSet(Value key, Value value) => Owner.TlcSet(key, value);
        private readonly Random _random;
        private readonly SeededChoices _seeded;
        public Random Random => _seeded == null ? _random : _seeded.For(Owner._fps[Index]);
        public ModelValue GetModelValue(string name) => ((IBuiltinHost)Owner).GetModelValue(name);
        public System.Collections.Concurrent.ConcurrentDictionary<(Ops.Tla.Syntax.SourceSpan, Value), Value> ConstantCache => Owner.ConstantCache;
    }

    /// <summary>
    /// With coverage, the new states of the level being expanded, by fingerprint: the first successor that found
    /// each in the one-worker search's order (the lowest parent index, then the successor's place among that state's
    /// successors) and its action. At the end of the level the new states are stored in that order, and each new
    /// state is counted for the action that found it first: the figures, the state numbers and the traces are those
    /// of one worker, whatever the workers' interleaving.
    /// </summary>
    private System.Collections.Concurrent.ConcurrentDictionary<ulong, FirstFinder> _levelFinders;

    private sealed class FirstFinder
    {
        public long Key;
        public int Parent, Action;
        public Value[] State;
    }

    private static long FinderKey(int parent, int ordinal) => ((long)parent << 31) | (uint)ordinal;

    /// <summary>With coverage: a successor found again in this level, maybe before (in one worker's order) the one
    /// that was added.</summary>
    /// <summary>Every successor the constraints keep goes through here (the entry exists before any worker looks,
    /// whichever added the state to the fingerprint set); <paramref name="state"/> is set by the one that added it.
    /// An entry that gets no state is a state of an earlier level, and is dropped.</summary>
    private void FoundInLevel(ulong fp, int parent, int ordinal, int action, Value[] state)
    {
        var f = _levelFinders.GetOrAdd(fp, static _ => new FirstFinder { Key = long.MaxValue });
        long key = FinderKey(parent, ordinal);
        lock (f)
        {
            if (state != null) f.State = state;
            if (key >= f.Key) return;
            f.Key = key;
            f.Parent = parent;
            f.Action = action;
        }
    }

    /// <summary>When the parallel search stopped: what TLC's queue would hold beyond the states stored and not taken
    /// (see <see cref="CountQueueAtStop"/>); 0 otherwise.</summary>
    private long _queueAdjust;

    /// <summary>
    /// "States left on queue" when the workers stopped on a violation or an error, as TLC's queue would hold them:
    /// TLC's workers take (dequeue) one state at a time, so the states of a chunk a worker took but had not started to
    /// expand are still queued; and a worker that had nothing to expand (the level's states all taken, or none taken
    /// before the stop) is, in TLC, one waiting on the queue, which takes the next state queued at once (TLC does
    /// not count it). With states on a level fewer than a chunk, the failing worker has the whole level and the
    /// others wait: the count TLC -workers 2 prints run after run (a chain: 0 left where one worker leaves 1).
    /// </summary>
    private void CountQueueAtStop(Worker[] workers)
    {
        long inChunks = 0, waiting = 0;
        foreach (var w in workers)
        {
            if (w.Took && !w.Idle)
            {
                inChunks += Math.Max(0, w.ChunkEnd - w.Index - 1);
                if (w.ChunkEnd > w.Index + 1) (_notExpanded ??= new()).Add((w.Index + 1, w.ChunkEnd));
            }
            // TLCSet("exit", TRUE) ends the queue for every worker (TLC's finishAll): none takes another state.
            if ((w.Idle || !w.Took) && !_exitRequested) waiting++;
        }
        _queueAdjust = inChunks - waiting;
    }

    // Shared by the workers during a level.
    private int _levelCursor, _levelEnd;
    // The next index of the state lists not reserved by a worker (see StoreReserved); _states.Count when sealed.
    private int _reserved;
    private volatile bool _stopWorkers;
    // Set by a worker: the workers stop taking chunks, so that the coordinator stores what they found (on disk, so
    // that a wide level's new states are spilled as they are found) or moves the search to disk (_moveRequested).
    private volatile bool _pauseWorkers, _moveRequested;
    private long _pauses;
    private readonly object _failGate = new();
    private Exception _workerError;

    /// <summary>Where the worker that met <see cref="_workerError"/> was: the state it expanded (its index and values:
    /// the values, since the level's expanded states may be dropped before the coordinator reports), the action, and
    /// what it was checking (see <see cref="Worker.FailingSuccessor"/>).</summary>
    private sealed record WorkerFailure(int Index, Value[] State, int Action, Value[] Successor, Value[] NewState, Value[] Step, Value[] Excluded);
    private WorkerFailure _workerFailure;
    /// <summary>The index the failing new state (<see cref="WorkerFailure.NewState"/>) was stored at.</summary>
    private int _failingNewIndex = -1;
    // For DiagnosticOptions.ParallelTrace (OPS_PAR_TRACE=1): how long the workers ran (in all, collections included) and the coordinator alone.
    private long _busyTicks, _serialTicks, _levels;
    // How many new states the workers stored themselves (StoreReserved), for that trace.
    private long _storedReserved;

    /// <summary>The parallel search; false when it stopped on a violation.</summary>
    private bool ExploreParallel()
    {
        int n = _o.Workers;
        _r.Workers = n;
        // As the one-worker search: an error from here on is one of computing successors (ReportNestedExpressions).
        _phase = SearchPhase.Next;
        // OPS_PAR_TRACE: per level, its states, how long the workers took, how long the coordinator took to store what
        // they found, and the methods the JIT had compiled by then (the runtime's recompilation of the hot methods in
        // the first second or so shows as a run of slow levels while that count climbs).
        var levelTrace = _diagnostics.ParallelTrace ? new List<(int States, bool Shared, long Ticks, long Serial, long Jit, double JitMs)>() : null;
        var workers = new Worker[n];
        if (_cov != null) _levelFinders = new();
        // A kept spacer between the workers' objects: what one worker writes for every state (its counters, its
        // evaluator's states) must not share a cache line with what the next one writes.
        var spacers = new byte[n][];
        for (int i = 0; i < n; i++)
        {
            spacers[i] = new byte[256];
            workers[i] = new Worker(this, i);
        }
        var lastProgress = _clock.Elapsed;

        // The coordinator's thread is worker 0's. Workers 1 to n-1 run on persistent threads (with a large stack, like
        // the single-worker check's host threads), started at the first level the workers share (see LevelSharing),
        // released once per such level by the coordinator and waited for at the barrier. A level they do not share
        // runs on the coordinator's thread alone: no thread is woken, and nothing waits.
        Barrier start = null, done = null;
        bool finished = false;
        Thread[] threads = null;
        void StartThreads()
        {
            start = new Barrier(n);
            done = new Barrier(n);
            threads = new Thread[n - 1];
            for (int i = 1; i < n; i++)
            {
                var w = workers[i];
                threads[i - 1] = new Thread(() =>
                {
                    while (true)
                    {
                        start.SignalAndWait();
                        if (Volatile.Read(ref finished)) return;
                        RunWorkerGuarded(w);
                        done.SignalAndWait();
                    }
                }, 256 * 1024 * 1024) { IsBackground = true, Name = $"ops-worker-{i}" };
                threads[i - 1].Start();
            }
        }
        var share = new LevelSharing(n, _diagnostics.ShareEveryLevel);

        try
        {
            while (_queueHead < _states.Count && !_exitRequested)
            {
                int levelStart = (int)_queueHead;
                _levelCursor = levelStart;
                _levelEnd = _states.Count;
                _currentLevel = _level[levelStart];
                foreach (var w in workers) w.Idle = w.Took = false;
                // The level in one go, or in parts: the workers pause between chunks when the search should move to
                // disk, or (on disk) when the new states they hold should be stored, and so spilled, before they
                // find more (see RunWorker). Every state below the cursor was expanded when they pause.
                long l0 = System.Diagnostics.Stopwatch.GetTimestamp();
                bool together = share.Together(_levelEnd - levelStart, Volatile.Read(ref _busyTicks));
                if (together && threads == null) StartThreads();
                while (true)
                {
                    _pauseWorkers = false;
                    _reserved = _states.Count;
                    if (together) start.SignalAndWait();
                    RunWorkerGuarded(workers[0]);
                    if (together) done.SignalAndWait();
                    if (_stopWorkers || _workerError != null || _exitRequested || Volatile.Read(ref _levelCursor) >= _levelEnd) break;
                    long p0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    _pauses++;
                    SealReserved(workers);
                    if (_moveRequested) MoveToDisk();
                    // Under coverage the level's new states are stored in one worker's order at its end.
                    if (_levelFinders == null) StoreFound(workers);
                    if (_onDisk) ForgetInterned();
                    _stop.ThrowIfRaised();
                    _serialTicks += System.Diagnostics.Stopwatch.GetTimestamp() - p0;
                }
                long s0 = System.Diagnostics.Stopwatch.GetTimestamp();
                long levelTicks = s0 - l0;
                _levels++;
                // Stopped on a violation or an error: the states of the level no worker took are still queued (as in
                // TLC, whose workers dequeue a state when they take it).
                bool stopped = _stopWorkers || _workerError != null || _exitRequested;
                _queueHead = stopped ? Math.Min(Volatile.Read(ref _levelCursor), _levelEnd) : _levelEnd;
                // The level's expanded states were dropped (see Expand): so are their chunks.
                if (_forget) _states.ReleaseExpanded(_levelEnd);

                SealReserved(workers);
                if (_levelFinders != null) StoreLevelInOrder(workers);
                StoreFound(workers);
                if (stopped) CountQueueAtStop(workers);
                if (_workerError != null) return RaiseWorkerError();
                if (_moveRequested) MoveToDisk();
                if (_onDisk) ForgetInterned();
                _stop.ThrowIfRaised();
                _serialTicks += System.Diagnostics.Stopwatch.GetTimestamp() - s0;
                levelTrace?.Add((_levelEnd - levelStart, together, levelTicks, System.Diagnostics.Stopwatch.GetTimestamp() - s0, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds));
                if (_r.Violation != null) return false;
                if (_o.Progress != null && _clock.Elapsed - lastProgress >= _o.ProgressInterval)
                {
                    lastProgress = _clock.Elapsed;
                    _o.Progress(new CheckProgress(_maxLevel, _generated, _states.Count, _states.Count - _queueHead, _clock.Elapsed));
                }
                PeriodicCoverage();
            }
        }
        finally
        {
            if (threads != null)
            {
                Volatile.Write(ref finished, true);
                start.SignalAndWait();
                foreach (var t in threads) t.Join();
                start.Dispose();
                done.Dispose();
            }
            if (_diagnostics.ParallelTrace)
                _diagnostics.Write($"parallel: {_levels} levels ({share.Shared} shared by the workers, {share.Alone} expanded by worker 0 alone), {_pauses} pauses, workers busy {_busyTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0} ms in all, coordinator alone {_serialTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0} ms, wall {_clock.ElapsedMilliseconds} ms, successors {(_holdSuccessors ? "held" : "checked as generated")}{(workers[0].Es.DeferExcept ? ", EXCEPTs left unbuilt" : "")}{(workers[0].FingerprintFirst ? ", fingerprints before constraints" : "")}, new states stored by {(_storedReserved > 0 ? "the workers" : "the coordinator")}{(workers[0].PreMemo is { CachedGuards: > 0 } ? ", guards answered by the values kept per value: " + string.Join(", ", workers.Select(w => $"worker {w.Id} {w.PreMemo?.KeptAnswers ?? 0}")) : "")}");
            if (levelTrace != null)
                foreach (var (states, shared, ticks, serial, jit, jitMs) in levelTrace)
                    _diagnostics.Write($"level: {states} states, {(shared ? "shared" : "worker 0 alone")}, workers {ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0.00} ms, stored in {serial * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0.00} ms, JIT {jit} methods in {jitMs:0} ms");
            GC.KeepAlive(spacers);
        }
        return _r.Violation == null;
    }

    /// <summary>Appends what the workers found, worker by worker (the states' order within a level is the workers'
    /// interleaving), and their counts of generated states.</summary>
    private void StoreFound(Worker[] workers)
    {
        foreach (var w in workers)
        {
            _generated += w.Generated;
            w.Generated = 0;
            for (int i = 0; i < w.NewStates.Count; i++)
            {
                NoteFailingNewState(w.NewStates[i], Store(w.NewStates[i], w.NewParents[i], w.NewActions[i], _currentLevel + 1, w.NewFps[i]));
            }
            w.NewStates.Clear();
            w.NewParents.Clear();
            w.NewActions.Clear();
            w.NewFps.Clear();
        }
    }

    /// <summary>With coverage: the level's new states stored in one worker's order (see <see cref="_levelFinders"/>),
    /// each counted for the action that found it first.</summary>
    private void StoreLevelInOrder(Worker[] workers)
    {
        var found = new List<(ulong Fp, FirstFinder F)>(_levelFinders.Count);
        foreach (var kv in _levelFinders)
            if (kv.Value.State != null) found.Add((kv.Key, kv.Value));
        found.Sort((a, b) => a.F.Key.CompareTo(b.F.Key));
        foreach (var (fp, f) in found)
        {
            NoteFailingNewState(f.State, Store(f.State, f.Parent, f.Action, _currentLevel + 1, fp));
            _cov.Distinct(f.Action, f.State);
        }
        foreach (var w in workers)
        {
            _generated += w.Generated;
            w.Generated = 0;
            w.NewStates.Clear();
            w.NewParents.Clear();
            w.NewActions.Clear();
            w.NewFps.Clear();
        }
        _levelFinders.Clear();
    }

    /// <summary>Worker w's share of one level (<see cref="RunWorker"/>) on the calling thread, an error kept for the
    /// coordinator's report (<see cref="RaiseWorkerError"/>) and the other workers stopped.</summary>
    private void RunWorkerGuarded(Worker w)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        try { RunWorker(w); }
        catch (Exception e)
        {
            lock (_failGate)
            {
                if (_workerError == null && _r.Violation == null)
                {
                    _workerError = e;
                    _workerFailure = new WorkerFailure(w.FailingState, w.State, w.Action, w.FailingSuccessor, w.FailingNewState, w.FailingStep, w.FailingExcluded);
                }
            }
            _stopWorkers = true;
        }
        Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - t0);
    }

    /// <summary>A worker's share of one level: chunks of states taken until the level is done, a stop or a pause.</summary>
    private void RunWorker(Worker w)
    {
        // The budget is watched every 256 states expanded or 1,024 found (as the one-worker search watches it every
        // 1,024 stored), whichever comes first: a state may have many successors.
        w.Direct = !_onDisk && _levelFinders == null;
        int sinceCheck = 0, checkAt = w.NewStates.Count + w.Stored + 1024;
        // On disk, a worker holds about a chunk of new states (the unit the state lists write) before they are stored.
        bool flush = _onDisk && _levelFinders == null;
        while (!_stopWorkers && !_pauseWorkers && !_exitRequested)
        {
            int from = Interlocked.Add(ref _levelCursor, ChunkSize) - ChunkSize;
            if (from >= _levelEnd)
            {
                w.Idle = true;
                return;
            }
            int to = Math.Min(from + ChunkSize, _levelEnd);
            w.Took = true;
            w.ChunkEnd = to;
            // As the one-worker search (StatePrefetch): the states about to be expanded are brought into the cache in
            // stages while the one before them is expanded; at a chunk's start the stages for its first states are
            // asked for at once (on disk, only those of chunks of the list in memory: see ChunkedList.Peek).
            StatePrefetch.RangeStart(_states, from, to);
            // A chunk taken is expanded to its end (unless a stop): at a pause, every state below the cursor is done.
            for (int idx = from; idx < to && !_stopWorkers && !_exitRequested; idx++)
            {
                StatePrefetch.Ahead(_states, idx);
                Expand(w, idx);
                int held = w.NewStates.Count + w.Stored;
                if (flush && held >= ChunkedList<Value[]>.ChunkSize) _pauseWorkers = true;
                if (++sinceCheck >= 256 || held >= checkAt)
                {
                    sinceCheck = 0;
                    checkAt = held + 1024;
                    if (_stop.Raised) _stopWorkers = true;
                    // The states found in this level are not stored yet: the budget is watched here too, and past
                    // half of it the search moves to disk at a pause.
                    if (_memory.Check() && !_onDisk)
                    {
                        _moveRequested = true;
                        _pauseWorkers = true;
                    }
                }
            }
        }
    }

    /// <summary>Generates the successors of state idx through every action (as the single-worker loop does).</summary>
    private void Expand(Worker w, int idx)
    {
        var state = _states[idx];
        var es = w.Es;
        var nextBuf = w.NextBuf;
        w.FailingState = idx;
        long before = w.Generated;
        var actions = _m.Actions;
        w.State = state;
        w.Index = idx;
        w.Ordinal = 0;
        // Every state of the level being expanded is of _currentLevel (LevelIndex: levels are ranges of indices).
        es.Level = _currentLevel;
        w.Stop = false;
        w.HeldAction = -1;
        try
        {
            try
            {
                var pre = w.Pre;
                ulong skip = 0;
                if (w.PreMemo is { } memo)
                {
                    // As the one-worker search: the guards that read one variable alone are known per value of it, in
                    // this worker's own tables (each worker learns them apart; nothing shared, nothing locked).
                    memo.NextState(state);
                    skip = memo.SkipActions;
                    if (idx + 1 < w.ChunkEnd) memo.Prefetch(_states.Peek(idx + 1));
                }
                for (int a = 0; a < actions.Count && !w.Stop; a++)
                {
                    if (PreGuardMemo.Skips(skip, a)) continue;
                    var action = actions[a];
                    es.Current = state;
                    es.Next = nextBuf;
                    es.InitMode = false;
                    w.Action = a;
                    // As the one-worker search (Explore): the action's first guards, before it is set up.
                    var term = AfterPreGuards(action.Term, pre?[a], es, w.PreMemo, a);
                    if (term == null) continue;
                    Array.Clear(nextBuf);
                    es.Cov = action.Coverage;
                    w.Enum.Run(term, action.ReuseFrame(es, ref w.Frames[a]), w.OnSuccessor);
                }
                if (w.HeldAction >= 0) WorkerCheckHeld(w);
            }
            catch (Exception) when (w.HeldAction >= 0)
            {
                // As the one-worker search: the successor held back was generated before this error, and is checked
                // first; a violation there is reported instead of the error.
                if (WorkerCheckHeld(w)) throw;
            }
        }
        catch (TlaException e) when (e.TlcEvalError && e.ExitCode == null && !LazyBodyErrors.IsMarked(e))
        {
            // As the one-worker search: TLC's own EvalException while computing successors is its exit 255 (not an
            // error met when the successor is fingerprinted: TLC's FingerprintException, 75).
            throw new TlaException(e.Kind, e.Span, e.Message) { ExitCode = ExitStatus.SystemError, TlcEvalError = true };
        }
        finally
        {
            es.Cov = null;
        }
        if (w.Stop || _stopWorkers) return;
        if (w.Generated == before && _m.CheckDeadlock)
        {
            ReportWorkerFailure(CheckOutcome.DeadlockFailure, ViolationKind.Deadlock, null, "Deadlock reached.", ExitStatus.Deadlock, idx);
            return;
        }
        // Expanded: dropped now, as the single-worker search does (see _forget), so that the collections during the
        // rest of the level neither mark nor promote it. Initial states are kept (traces start from them).
        if (_forget && _parent[idx] >= 0) _states[idx] = null;
    }

    /// <summary>One successor of w.State through action w.Action, in the worker's buffer.</summary>
    private bool WorkerSuccessor(Worker w)
    {
        w.Generated++;
        int ordinal = w.Ordinal++;
        _cov?.Generated(w.Action);
        if (_stopWorkers) { w.Stop = true; return false; }
        bool inModel = WorkerInModel(w, w.NextBuf);
        return WorkerCheck(w, w.NextBuf, w.Action, ordinal, inModel, 0, fingerprinted: false);
    }

    /// <summary><see cref="WorkerSuccessor"/> one successor late, as the one-worker search's
    /// <see cref="OnSuccessorHeld"/>: checks the successor held back, then holds this one (its fingerprint computed
    /// and, unless <see cref="Worker.FingerprintFirst"/>, its constraints evaluated), having asked for its
    /// fingerprint-set slot and the interner's slots of its changed values, which the check finds in the cache a whole
    /// action evaluation later.</summary>
    private bool WorkerSuccessorHeld(Worker w)
    {
        if (_stopWorkers) { w.Stop = true; return false; }
        if (w.HeldAction >= 0 && !WorkerCheckHeld(w)) return false;
        w.Generated++;
        var nextBuf = w.NextBuf;
        bool? inModel = null;
        ulong fp = 0;
        if (w.FingerprintFirst)
        {
            try { fp = WorkerFingerprint(w, w.Es, nextBuf); }
            catch (Exception e) when (e is ValueException or TlaException) { w.FingerprintFirst = false; }
        }
        if (!w.FingerprintFirst)
        {
            inModel = WorkerInModel(w, nextBuf);
            if (inModel == true) fp = WorkerFingerprint(w, w.Es, nextBuf);
        }
        if (inModel != false)
        {
            PrefetchSeen(fp);
            _interner?.PrefetchChanged(w.State, nextBuf);
        }
        var held = w.Held;
        for (int i = 0; i < held.Length; i++) held[i] = nextBuf[i];
        w.HeldAction = w.Action;
        w.HeldInModel = inModel;
        w.HeldFp = fp;
        return true;
    }

    /// <summary>Do the constraints admit the successor in <paramref name="nextBuf"/>? One that cannot be evaluated
    /// is kept for the report: TLC (ModelChecker.doNextFailed) ends the trace with it, as the one-worker search
    /// (SuccessorInModel).</summary>
    private bool WorkerInModel(Worker w, Value[] nextBuf)
    {
        try { return InModel(w.Es, w.State, nextBuf, track: true); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            w.FailingSuccessor = (Value[])nextBuf.Clone();
            PendingExcept.BuildAll(w.FailingSuccessor);
            throw;
        }
    }

    /// <summary>Checks the successor w holds (false: the worker stops); meanwhile w.Action is the held successor's
    /// action (as the one-worker search's CheckHeld), for a report of an error in its checks.</summary>
    private bool WorkerCheckHeld(Worker w)
    {
        int action = w.HeldAction, current = w.Action;
        w.HeldAction = -1;
        w.Action = action;
        // Seen already: admitted when it was found (see Worker.FingerprintFirst); else its constraints are evaluated now.
        bool inModel = w.HeldInModel ?? (_seen.Contains(w.HeldFp) || WorkerInModel(w, w.Held));
        if (!WorkerCheck(w, w.Held, action, 0, inModel, w.HeldFp, fingerprinted: true)) return false;
        w.Action = current;
        return true;
    }

    /// <summary>The checks of a successor of w.State through action <paramref name="actionIndex"/> in
    /// <paramref name="nextBuf"/> (the worker's buffer, or the successor it held), once its constraints were evaluated
    /// (<paramref name="inModel"/>); <paramref name="fp"/> is its fingerprint when <paramref name="fingerprinted"/>.
    /// In the one-worker search's order (CheckSuccessor, TLC's Worker.addElement): an excluded successor's invariants
    /// then the step's action properties; a successor seen before, the action properties; a new one is stored (and
    /// counted), then its invariants and the action properties are checked.</summary>
    private bool WorkerCheck(Worker w, Value[] nextBuf, int actionIndex, int ordinal, bool inModel, ulong fp, bool fingerprinted)
    {
        var es = w.Es;
        var state = w.State;
        int idx = w.Index;
        if (!inModel)
        {
            // As TLC's Worker.addElement (and the single-worker search): the invariants of an excluded successor are
            // checked, then the implied actions; it is not kept or explored.
            // The successor held (the worker's own buffer): as the one-worker search's CheckSuccessor, its changed
            // values replaced by the equal ones kept, whose invariant marks spare the conjuncts that read them alone
            // (an EXCEPT found kept is never built), then the rest built.
            if (fingerprinted) _interner?.ShareKept(state, nextBuf);
            PendingExcept.BuildAll(nextBuf);
            var (excluded, excludedIsProperty) = WorkerInvariants(w, nextBuf, idx, actionIndex, stored: false);
            if (w.Stop) return false;
            if (excluded != null)
            {
                ReportWorkerFailure(CheckOutcome.SafetyFailure, ViolationKind.Invariant, excluded.Name,
                    excludedIsProperty ? $"Property {excluded.Name} is violated." : $"Invariant {excluded.Name} is violated.",
                    ExitStatus.SafetyViolation, idx, (Value[])nextBuf.Clone(), actionIndex);
                w.Stop = true;
                return false;
            }
            if (!WorkerActionProperties(w, state, nextBuf, actionIndex)) return false;
            return RestoreAndGoOn(es, state, w.NextBuf);
        }
        if (!fingerprinted) fp = WorkerFingerprint(w, es, nextBuf);
        if (!_seen.Add(fp))
        {
            if (_levelFinders != null) FoundInLevel(fp, idx, ordinal, actionIndex, null);
            if (!WorkerActionProperties(w, state, nextBuf, actionIndex)) return false;
            return RestoreAndGoOn(es, state, w.NextBuf);
        }
        var succ = ValueArray.Copy(nextBuf);
        if (_levelFinders != null)
        {
            PendingExcept.BuildAll(succ);
            FoundInLevel(fp, idx, ordinal, actionIndex, succ);
        }
        // Interned first, as the one-worker search does: an EXCEPT found kept is never built.
        _interner?.InternChanged(state, succ, w.InternTally);
        PendingExcept.BuildAll(succ);
        // Kept in the graph (and so counted as distinct) whatever its checks find, as the single-worker check keeps it.
        Keep(w, succ, idx, actionIndex, fp);
        es.Level++;
        NamedTerm inv;
        try { (inv, _) = WorkerInvariants(w, succ, idx, actionIndex, stored: true); }
        finally { es.Level--; }
        if (inv != null)
        {
            ReportWorkerFailure(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                $"Invariant {inv.Name} is violated.",
                ExitStatus.SafetyViolation, idx, succ, actionIndex, newState: true);
            w.Stop = true;
            return false;
        }
        if (!WorkerActionProperties(w, state, succ, actionIndex, newState: true)) return false;
        return RestoreAndGoOn(es, state, w.NextBuf);
    }

    /// <summary>The step's action properties (false: one is violated, reported, and the worker stops). One that
    /// cannot be evaluated stops the worker with the error, the step kept for the coordinator's report
    /// (<see cref="ReportActionPropertyFailure"/>, as the one-worker search's).</summary>
    private bool WorkerActionProperties(Worker w, Value[] from, Value[] to, int actionIndex, bool newState = false)
    {
        NamedTerm failed;
        try { failed = FirstViolatedActionProperty(w.Es, from, to); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            w.FailingStep = (Value[])to.Clone();
            if (newState) w.FailingNewState = to;
            throw;
        }
        if (failed == null) return true;
        ReportWorkerFailure(CheckOutcome.SafetyFailure, ViolationKind.ActionProperty, failed.Name,
            $"Action property {failed.Name} is violated.", ExitStatus.LivenessViolation, w.Index, (Value[])to.Clone(), actionIndex, newState);
        w.Stop = true;
        return false;
    }

    /// <summary>A new state found by w: stored at once in memory (<see cref="StoreReserved"/>), else held for the
    /// coordinator.</summary>
    private void Keep(Worker w, Value[] succ, int parent, int action, ulong fp)
    {
        if (w.Direct)
        {
            StoreReserved(w, succ, parent, action, fp);
            return;
        }
        w.NewStates.Add(succ);
        w.NewParents.Add(parent);
        w.NewActions.Add(action);
        w.NewFps.Add(fp);
    }

    /// <summary>How many indices of the state lists a worker reserves at once.</summary>
    private const int ReservedBlock = 256;

    /// <summary>
    /// Stores a new state in the range of the state lists the worker reserved (a new range of
    /// <see cref="ReservedBlock"/> indices once it is full): the workers store what they find during the level, each
    /// in its own ranges, instead of the coordinator appending all of it between levels (a serial pass over every
    /// new state while the other cores wait). The lists' count moves when the coordinator seals them
    /// (<see cref="SealReserved"/>), at a pause or at the level's end.
    /// </summary>
    private void StoreReserved(Worker w, Value[] succ, int parent, int action, ulong fp)
    {
        int i = w.BlockNext;
        if (i == w.BlockEnd)
        {
            i = Interlocked.Add(ref _reserved, ReservedBlock) - ReservedBlock;
            int end = i + ReservedBlock;
            _states.Reserve(end);
            _parent.Reserve(end);
            _action.Reserve(end);
            _fps.Reserve(end);
            w.BlockEnd = end;
        }
        _states.SetReserved(i, succ);
        _parent.SetReserved(i, parent);
        _action.SetReserved(i, action);
        _fps.SetReserved(i, fp);
        w.BlockNext = i + 1;
        w.Stored++;
    }

    /// <summary>
    /// With the workers stopped: the states they stored in their reserved ranges become the lists' (their count, their
    /// level). The ranges are full but for each worker's last one: the states stored past the end of what is kept are
    /// moved down into those gaps (at most a range per worker), so the stored states are one run of indices. Their
    /// order within the level changes, which the workers' interleaving decides anyway; nothing refers to a state of
    /// the next level before it is expanded (but the failing new state of an error, found here, see
    /// <see cref="_failingNewIndex"/>).
    /// </summary>
    private void SealReserved(Worker[] workers)
    {
        int top = _reserved, count = top;
        List<(int From, int To)> gaps = null;
        foreach (var w in workers)
        {
            if (w.BlockNext < w.BlockEnd)
            {
                (gaps ??= new()).Add((w.BlockNext, w.BlockEnd));
                count -= w.BlockEnd - w.BlockNext;
            }
            w.BlockNext = w.BlockEnd = 0;
            w.Stored = 0;
        }
        int first = _states.Count, stored = count - first;
        if (stored < 0) throw new InvalidOperationException("internal error: fewer states sealed than the lists hold");
        if (gaps != null)
        {
            gaps.Sort();
            int src = top;
            foreach (var (from, to) in gaps)
                for (int i = from; i < to && i < count; i++)
                {
                    do src--; while (InGap(gaps, src));
                    _states.SetReserved(i, _states.GetReserved(src));
                    _parent.SetReserved(i, _parent.GetReserved(src));
                    _action.SetReserved(i, _action.GetReserved(src));
                    _fps.SetReserved(i, _fps.GetReserved(src));
                }
            // What lies past the count is garbage (moved, or never written): not kept alive by the lists.
            for (int i = count; i < top; i++) _states.SetReserved(i, null);
        }
        _reserved = count;
        if (stored == 0) return;
        _storedReserved += stored;
        _states.Commit(count);
        _parent.Commit(count);
        _action.Commit(count);
        _fps.Commit(count);
        _level.Add(_currentLevel + 1, stored);
        if (_currentLevel + 1 > _maxLevel) _maxLevel = _currentLevel + 1;
        if (_workerFailure?.NewState != null)
            for (int i = first; i < count; i++) NoteFailingNewState(_states[i], i);
    }

    /// <summary>Records where the failing worker's new state (<see cref="WorkerFailure.NewState"/>) was stored, as the
    /// coordinator stores or seals the level's new states.</summary>
    private void NoteFailingNewState(Value[] state, int index)
    {
        if (ReferenceEquals(state, _workerFailure?.NewState)) _failingNewIndex = index;
    }

    private static bool InGap(List<(int From, int To)> gaps, int i)
    {
        foreach (var (from, to) in gaps)
            if (i >= from && i < to) return true;
        return false;
    }

    private static bool RestoreAndGoOn(EvalState es, Value[] state, Value[] nextBuf)
    {
        es.Current = state;
        es.Next = nextBuf;
        return true;
    }

    /// <summary>The first invariant the successor violates. One that cannot be evaluated stops the worker with the
    /// error, and the coordinator reports it as the one-worker search does: on a new state (<paramref name="stored"/>)
    /// the trace ending in it, on an excluded successor by the one-worker search's CheckExcludedState.</summary>
    private (NamedTerm, bool) WorkerInvariants(Worker w, Value[] succ, int idx, int actionIndex, bool stored)
    {
        try { return FirstViolatedInvariant(w.Es, succ); }
        catch (PropertyEvaluationException)
        {
            if (stored) w.FailingNewState = succ;
            else w.FailingExcluded = (Value[])succ.Clone();
            throw;
        }
    }

    /// <summary>The coordinator, once the workers stopped on an error: the one-worker search's report of it, made by
    /// the same code (Search's handler, <see cref="ReportNestedExpressions"/>, <see cref="ReportActionPropertyFailure"/>)
    /// with the failing worker's state, action and successor in the fields the one-worker search keeps them in.
    /// Returns false (the search stopped) or throws the error.</summary>
    private bool RaiseWorkerError()
    {
        var f = _workerFailure;
        _xState = f.State;
        _xIndex = f.Index;
        _xLevel = f.Index >= 0 ? _level[f.Index] : 0;
        _xAction = f.Action;
        _failingState = f.Index;
        // A new state whose checks failed is stored (and counted) but, as in TLC, never queued.
        if (f.NewState != null) _unqueued = 1;
        if (f.Step != null)
        {
            ReportActionPropertyFailure(_workerError, f.Index, f.State, f.Step, f.Action);
            return false;
        }
        if (f.Excluded != null)
        {
            // The one-worker search's check of the excluded successor, again: it fails the same way and reports.
            _es.Level = _xLevel;
            CheckExcludedState(f.Index, f.Excluded, f.Action);
            return false;
        }
        if (f.NewState != null && _failingNewIndex >= 0) _failingState = _failingNewIndex;
        _failingSuccessor = f.Successor;
        ExceptionDispatchInfo.Capture(_workerError).Throw();
        return false;
    }

    /// <summary>Records the first violation found by any worker (see <see cref="Fail"/>) and stops the others. Called
    /// with the failure's parts rather than a lambda: a lambda capturing the caller's locals would make the caller
    /// allocate its closure on every call, failure or not (one per generated state).</summary>
    private void ReportWorkerFailure(CheckOutcome outcome, ViolationKind kind, string property, string message, ExitStatus exitCode,
        int stateIndex, Value[] extraState = null, int extraAction = -1, bool newState = false)
    {
        lock (_failGate)
        {
            if (_r.Violation == null && _workerError == null)
            {
                Fail(outcome, kind, property, message, exitCode, stateIndex, extraState, extraAction);
                // A new state that fails its checks is stored (and counted) but, as in TLC, never queued.
                if (newState) _unqueued = 1;
            }
        }
        _stopWorkers = true;
    }
}

/// <summary>
/// Whether the workers share the next level of the parallel search, or worker 0 expands it alone on the
/// coordinator's thread (no thread woken, no barrier). Shared when all of these hold:
/// <list type="bullet">
/// <item>the level has at least two chunks' states (<see cref="MinStates"/>): fewer cannot be split;</item>
/// <item>one worker would take at least <see cref="MinAloneMs"/> on it, at the workers' time per state on the last
/// level (unknown before the first: then the count alone decides): waking the other threads and waiting for them at
/// the barrier costs 0.05–0.1 ms on a quiet machine, and milliseconds on a loaded one;</item>
/// <item>the runtime's compiler took less than <see cref="MaxJitShare"/> of the time since the last level began: while
/// it recompiles the hot methods (the first half second or so of a check) it has the second core, and a second worker
/// there only makes the compiler, and so the move out of the slow first tiers, later.</item>
/// </list>
/// Which levels are shared changes only the order of the states within a level, as the workers' interleaving does;
/// a violation's report is the one the same stop gives when the other workers found nothing left to take.
/// </summary>
public sealed class LevelSharing
{
    /// <summary>Two chunks of <see cref="BfsChecker"/>'s.</summary>
    public const int MinStates = 2 * BfsChecker.ChunkSize;
    public const double MinAloneMs = 1.0;
    public const double MaxJitShare = 0.25;

    private readonly int _workers;
    private readonly bool _always;
    private long _lastTicks, _lastBusyTicks;
    private double _lastJitMs;
    private bool _jitBusy;
    // The workers' time per state on the last level expanded, in Stopwatch ticks; 0 before the first.
    private double _ticksPerState;
    private int _lastStates;
    public int Shared, Alone;

    public LevelSharing(int workers, bool always)
    {
        _workers = workers;
        _always = always;
        _lastTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        _lastJitMs = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
    }

    /// <summary>Whether the level of <paramref name="states"/> states is shared; <paramref name="busyTicks"/> is the
    /// workers' time expanding states so far (all of them, in Stopwatch ticks).</summary>
    public bool Together(int states, long busyTicks)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        double jitMs = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
        double wallMs = (now - _lastTicks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        // Over less than a millisecond the share says nothing: the last verdict holds.
        if (wallMs >= 1.0)
        {
            _jitBusy = (jitMs - _lastJitMs) / wallMs >= MaxJitShare;
            _lastTicks = now;
            _lastJitMs = jitMs;
        }
        if (_lastStates > 0) _ticksPerState = (double)(busyTicks - _lastBusyTicks) / _lastStates;
        _lastBusyTicks = busyTicks;
        _lastStates = states;
        bool together = _workers > 1 && (_always || (states >= MinStates && !_jitBusy &&
            (_ticksPerState == 0 || states * _ticksPerState * 1000.0 / System.Diagnostics.Stopwatch.Frequency >= MinAloneMs)));
        if (together) Shared++; else Alone++;
        return together;
    }
}
