using System.Diagnostics;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Distributed;

/// <summary>
/// The coordinator of a distributed breadth-first search over an Orleans cluster: states are partitioned by fingerprint
/// across <see cref="IPartitionGrain"/>s, and the search goes level by level (every partition expands its share of the
/// level and sends each successor to its owner; a barrier ends the level; the owners keep the new states and check
/// them). Each state carries an order key (its predecessor's rank in its level, its number among that state's
/// successors), so every partition keeps, of the states with one fingerprint, the one the single-process search keeps,
/// and of the failures of a level the coordinator reports the one the single-process search meets first: the verdict,
/// the counts (generated, distinct, left on queue, depth) and the trace are those of
/// <c>ModelChecker.Check</c> with one worker. What it cannot check (temporal properties, POSTCONDITION...) is refused
/// with the reason (<see cref="StateSpace.SearchLimitation"/>). See docs/distributed.md.
/// </summary>
public sealed class DistributedSearch
{
    private readonly IGrainFactory _grains;
    private readonly int _partitions;
    private readonly string _id = Guid.NewGuid().ToString("N");

    /// <param name="grains">The cluster (a silo's or a client's grain factory).</param>
    /// <param name="partitions">How many partitions share the states (a few per silo).</param>
    public DistributedSearch(IGrainFactory grains, int partitions)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (partitions < 1) throw new ArgumentOutOfRangeException(nameof(partitions), "at least one partition");
        _grains = grains;
        _partitions = partitions;
    }

    /// <summary>What the last run did: its levels, and the bytes of states sent between partitions.</summary>
    public DistributedFigures Figures { get; } = new();

    private IPartitionGrain Partition(int i) => _grains.GetGrain<IPartitionGrain>($"{_id}/{i}");

    private int Owner(ulong fp) => (int)(fp % (ulong)_partitions);

    /// <summary>Checks the specification file <paramref name="specPath"/> (with <see cref="CheckOptions.ConfigPath"/>
    /// or SPEC.cfg).</summary>
    public Task<CheckResult> CheckAsync(string specPath, CheckOptions options = null) =>
        CheckAsync(ModelSource.FromFile(specPath, options?.ConfigPath), options, specPath);

    /// <summary>Checks a model. Never throws for a user error: as <see cref="ModelChecker.Check(ModelSource, CheckOptions)"/>,
    /// parse, configuration and evaluation errors come back as results with TLC's exit code. A failure of the
    /// cluster (a silo lost, a call timed out) is thrown as <see cref="DistributedSearchException"/>.</summary>
    public async Task<CheckResult> CheckAsync(ModelSource source, CheckOptions options = null, string specPath = null)
    {
        options ??= new CheckOptions();
        specPath ??= source.ConfigText != null ? source.RootModule + ".tla" : source.RootModule;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var thread = new EvalThread("ops-coordinator");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        if (options.TimeLimit is { } limit) stop.CancelAfter(limit);

        // The model, loaded here first: its errors are reported as the single-process check reports them, and the
        // modules it reads are the ones shipped to the silos.
        string configText = source.ConfigText;
        if (configText == null && File.Exists(source.ConfigPath)) configText = await File.ReadAllTextAsync(source.ConfigPath);
        var recording = new RecordingModules(source.Modules);
        var shipped = configText != null ? ModelSource.FromText(source.RootModule, recording, configText, source.ConfigPath) : source;
        var (space, loadError) = await thread.Run(() =>
        {
            try
            {
                var s = StateSpace.Load(shipped, options);
                s.Enter();
                return (s, (TlaException)null);
            }
            catch (TlaException e) { return (null, e); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, new TlaException(ErrorKind.System, e.Message)); }
        });
        if (loadError != null) return ModelChecker.ErrorResult(specPath, source.ConfigPath, loadError, started);
        if (space.SearchLimitation() is { } why)
            return ModelChecker.Describe(ModelChecker.ErrorResult(specPath, source.ConfigPath,
                new TlaException(ErrorKind.Unsupported, $"The distributed search cannot check this model: {why}. Check it without -distributed."), started), space.Model, options);

        var model = space.Model;
        var r = new CheckResult { SpecPath = specPath, ConfigPath = source.ConfigPath, Actions = model.Actions, Workers = 1 };
        var eval = await thread.Run(() => space.NewEvaluator(line =>
        {
            lock (r.Output) r.Output.Add(line);
            options.Log?.Invoke(line);
        }));
        Figures.Levels = 0;
        Figures.BatchBytes = 0;
        Figures.StatesSent = 0;
        Figures.StatesKept = 0;
        Figures.Partitions = _partitions;

        var prep = await thread.Run(() => eval.Prepare(checkModel: true));
        if (prep != null) return Finish(space, options, r, clock, Fail(r, prep));
        if (eval.NoBehavior) return Finish(space, options, r, clock, null);

        var init = await thread.Run(() => eval.Initial());
        r.StatesGenerated = init.Generated;
        r.DistinctStates = init.States.Count;
        r.Depth = init.States.Count > 0 ? 1 : 0;
        if (init.Failure != null)
        {
            r.StatesLeftOnQueue = init.States.Count;
            Fail(r, init.Failure);
            if (init.FailureState >= 0 || init.Failure.Successor != null)
            {
                var states = new List<Value[]>();
                if (init.FailureState >= 0) states.Add(init.States[init.FailureState]);
                if (init.Failure.Successor != null) states.Add(init.Failure.Successor);
                r.Trace = await thread.Run(() => MakeTrace(space, eval, states, Enumerable.Repeat(-1, states.Count).ToList()));
            }
            return Finish(space, options, r, clock, r.Violation);
        }
        if (init.States.Count == 0) return Finish(space, options, r, clock, null);

        var initialByFp = new Dictionary<ulong, Value[]>();
        for (int i = 0; i < init.States.Count; i++) initialByFp[init.Fingerprints[i]] = init.States[i];

        try
        {
            var setup = Setup(source.RootModule, recording, configText, source.ConfigPath, options);
            var opened = await Task.WhenAll(Enumerable.Range(0, _partitions).Select(i => Partition(i).Open(setup)));
            if (opened.FirstOrDefault(e => e != null) is { } openError)
                throw new DistributedSearchException($"a partition could not start: {openError}");
            var seeds = await thread.Run(() =>
            {
                var b = Enumerable.Range(0, _partitions).Select(_ => new BatchBuilder()).ToArray();
                for (int i = 0; i < init.States.Count; i++)
                    b[Owner(init.Fingerprints[i])].Add(init.States[i], init.Fingerprints[i], i, -1, 0);
                return b.Select(x => x.Take()).ToArray();
            });
            await Task.WhenAll(seeds.Select((b, i) => b == null ? Task.CompletedTask : Partition(i).Seed(b)));

            long statesBeforeLevel = 0;                 // the states of the levels before the one expanded
            long statesThroughLevel = init.States.Count;
            long generatedBeforeLevel = init.Generated;
            int[][] ranks = new int[_partitions][];
            var lastProgress = TimeSpan.Zero;
            for (int level = 1; ; level++)
            {
                if (stop.IsCancellationRequested) return Stopped(space, options, r, clock, stop.Token, options.Cancellation.IsCancellationRequested);
                int lv = level;
                var expanded = await Task.WhenAll(Enumerable.Range(0, _partitions).Select(i => Partition(i).Expand(lv, ranks[i])));
                var closed = await Task.WhenAll(Enumerable.Range(0, _partitions).Select(i => Partition(i).Close(lv)));
                Figures.Levels++;
                Figures.BatchBytes += expanded.Sum(e => e.SentBytes);
                Figures.StatesSent += expanded.Sum(e => e.SentStates);
                Figures.StatesKept += expanded.Sum(e => e.KeptStates);
                foreach (var e in expanded) Collect(r, e.Output);
                foreach (var c in closed) Collect(r, c.Output);
                var failure = expanded.Select(e => e.Failure).Concat(closed.Select(c => c.Failure)).Where(f => f != null)
                    .OrderBy(f => f.Order).FirstOrDefault();
                if (failure != null)
                {
                    var counts = await Task.WhenAll(Enumerable.Range(0, _partitions).Select(i => Partition(i).CountBefore(failure.Rank, failure.Ordinal)));
                    long newUpTo = counts.Sum(c => c.NewUpTo);
                    bool newAtKey = counts.Any(c => c.NewAtKey);
                    r.StatesGenerated = generatedBeforeLevel + counts.Sum(c => c.GeneratedBefore) + failure.Ordinal;
                    r.DistinctStates = statesThroughLevel + newUpTo;
                    // The single-process search enqueues a new state once its checks pass: one that fails them is not on the queue.
                    int unqueued = failure.Phase == 0 || (failure.Phase == 1 && failure.SuccessorEmitted && newAtKey) ? 1 : 0;
                    r.StatesLeftOnQueue = Math.Max(0, r.DistinctStates - (statesBeforeLevel + failure.Rank + 1) - unqueued);
                    r.Depth = newUpTo > 0 ? level + 1 : level;
                    var sf = ToFailure(failure);
                    Fail(r, sf);
                    if (failure.AtState)
                        r.Trace = await TraceTo(thread, space, eval, initialByFp, failure.StateFingerprint, failure.Successor, failure.SuccessorAction);
                    return Finish(space, options, r, clock, r.Violation);
                }
                long generatedLevel = expanded.Sum(e => e.Generated);
                long fresh = closed.Sum(c => (long)c.Keys.Length);
                generatedBeforeLevel += generatedLevel;
                r.StatesGenerated = generatedBeforeLevel;
                r.DistinctStates = statesThroughLevel + fresh;
                if (fresh == 0)
                {
                    r.Depth = level;
                    return Finish(space, options, r, clock, null);
                }
                if (fresh > int.MaxValue) throw new DistributedSearchException($"level {level + 1} has {fresh} states: more than the order keys can rank");
                statesBeforeLevel = statesThroughLevel;
                statesThroughLevel += fresh;
                r.Depth = level + 1;
                ranks = Rank(closed.Select(c => c.Keys).ToArray());
                if (options.Progress != null && clock.Elapsed - lastProgress >= options.ProgressInterval)
                {
                    lastProgress = clock.Elapsed;
                    options.Progress(new CheckProgress(r.Depth, r.StatesGenerated, r.DistinctStates, fresh, clock.Elapsed));
                }
            }
        }
        catch (Exception e) when (e is not DistributedSearchException and not OutOfMemoryException)
        {
            throw new DistributedSearchException($"the cluster failed during the search ({e.GetType().Name}: {FirstLine(e.Message)})", e);
        }
        finally
        {
            await Task.WhenAll(Enumerable.Range(0, _partitions).Select(async i =>
            {
                try { await Partition(i).Release(); }
                catch (Exception) { /* the search is over: a partition that cannot be reached holds nothing needed */ }
            }));
        }
    }

    private static string FirstLine(string s) => s == null ? "" : s.Split('\n')[0].Trim();

    private static void Collect(CheckResult r, List<string> lines)
    {
        if (lines.Count > 0) lock (r.Output) r.Output.AddRange(lines);
    }

    /// <summary>The rank of every new state in its level: the partitions' sorted keys merged.</summary>
    public static int[][] Rank(long[][] keys)
    {
        var ranks = keys.Select(k => new int[k.Length]).ToArray();
        var pos = new int[keys.Length];
        var queue = new PriorityQueue<int, long>();
        for (int p = 0; p < keys.Length; p++)
            if (keys[p].Length > 0) queue.Enqueue(p, keys[p][0]);
        int rank = 0;
        while (queue.TryDequeue(out int p, out _))
        {
            ranks[p][pos[p]++] = rank++;
            if (pos[p] < keys[p].Length) queue.Enqueue(p, keys[p][pos[p]]);
        }
        return ranks;
    }

    private SearchSetup Setup(string root, RecordingModules recording, string configText, string configPath, CheckOptions options)
    {
        var read = recording.Read.Values.ToList();
        return new SearchSetup
        {
            SearchId = _id,
            Partitions = _partitions,
            RootModule = root,
            ModuleNames = read.Select(m => m.Name).ToArray(),
            ModuleTexts = read.Select(m => m.Text).ToArray(),
            ModulePaths = read.Select(m => m.Path).ToArray(),
            ConfigText = configText,
            ConfigName = configPath,
            CheckDeadlock = options.CheckDeadlock,
            Seed = options.Seed,
            CheckLiveness = options.CheckLiveness,
        };
    }

    private static StateFailure ToFailure(FailureReport f) => new()
    {
        Outcome = (CheckOutcome)f.Outcome, Kind = (ViolationKind)f.Kind, Property = f.Property, Message = f.Message,
        ExitStatus = (ExitStatus)f.ExitStatus, AtState = f.AtState,
    };

    private static Violation Fail(CheckResult r, StateFailure f)
    {
        r.Outcome = f.Outcome;
        r.ExitStatus = f.ExitStatus;
        r.Violation = new Violation { Kind = f.Kind, Property = f.Property, Message = f.Message };
        return r.Violation;
    }

    /// <summary>The trace to the state <paramref name="fp"/> (asking each owner for its predecessor link, then
    /// generating the states again from the initial one), and <paramref name="last"/> after it.</summary>
    private async Task<List<TraceState>> TraceTo(EvalThread thread, StateSpace space, StateEvaluator eval, Dictionary<ulong, Value[]> initial,
        ulong fp, byte[] last, int lastAction)
    {
        var chain = new List<(ulong Fp, TraceLink Link)>();
        for (ulong cur = fp; ;)
        {
            var link = await Partition(Owner(cur)).Link(cur);
            if (!link.Found) throw new DistributedSearchException($"internal error: partition {Owner(cur)} has no link for a state of the trace");
            chain.Add((cur, link));
            if (link.Action < 0) break;
            cur = link.Parent;
        }
        chain.Reverse();
        return await thread.Run(() =>
        {
            var states = new List<Value[]>();
            var actions = new List<int>();
            for (int k = 0; k < chain.Count; k++)
            {
                var (f, link) = chain[k];
                Value[] s;
                if (k == 0) s = initial.TryGetValue(f, out var i0) ? i0 : throw new DistributedSearchException("internal error: the trace does not start at an initial state");
                else if (link.State != null)
                {
                    int offset = 0;
                    s = space.Decode(link.State, ref offset);
                }
                else s = eval.Regenerate(states[k - 1], link.Action, f, k)
                         ?? throw new DistributedSearchException("internal error: a state of the trace could not be generated again from its predecessor");
                states.Add(s);
                actions.Add(k == 0 ? -1 : link.Action);
            }
            if (last != null)
            {
                int offset = 0;
                states.Add(space.Decode(last, ref offset));
                actions.Add(lastAction);
            }
            return MakeTrace(space, eval, states, actions);
        });
    }

    private static List<TraceState> MakeTrace(StateSpace space, StateEvaluator eval, List<Value[]> states, List<int> actions) =>
        eval.MakeTrace(states, actions);

    private CheckResult Stopped(StateSpace space, CheckOptions options, CheckResult r, Stopwatch clock, CancellationToken token, bool cancelled)
    {
        r.Outcome = CheckOutcome.Error;
        r.ExitStatus = ExitStatus.SystemError;
        r.Violation = new Violation
        {
            Kind = cancelled ? ViolationKind.Cancelled : ViolationKind.TimeLimit,
            Message = cancelled ? "The check was cancelled." : "The time limit was reached before the search finished.",
        };
        return Finish(space, options, r, clock, r.Violation);
    }

    private static CheckResult Finish(StateSpace space, CheckOptions options, CheckResult r, Stopwatch clock, Violation violation)
    {
        if (violation == null)
        {
            r.Outcome = CheckOutcome.Success;
            r.ExitStatus = ExitStatus.Success;
            r.StatesLeftOnQueue = 0;
        }
        r.DurationMs = clock.ElapsedMilliseconds;
        ModelChecker.AddLoadMessages(r, space.Model, options);
        return ModelChecker.Describe(r, space.Model, options);
    }

    /// <summary>States gathered for one partition.</summary>
    internal sealed class BatchBuilder
    {
        private readonly List<byte> _bytes = new();
        private readonly List<int> _ends = new();
        private readonly List<ulong> _fps = new();
        private readonly List<long> _keys = new();
        private readonly List<int> _actions = new();
        private readonly List<ulong> _parents = new();

        public void Add(Value[] state, ulong fp, long key, int action, ulong parent)
        {
            StateCodec.Encode(state, _bytes);
            _ends.Add(_bytes.Count);
            _fps.Add(fp);
            _keys.Add(key);
            _actions.Add(action);
            _parents.Add(parent);
        }

        public StateBatch Take()
        {
            if (_fps.Count == 0) return null;
            var b = new StateBatch
            {
                States = _bytes.ToArray(), Ends = _ends.ToArray(), Fingerprints = _fps.ToArray(), Keys = _keys.ToArray(),
                Actions = _actions.ToArray(), Parents = _parents.ToArray(),
            };
            _bytes.Clear(); _ends.Clear(); _fps.Clear(); _keys.Clear(); _actions.Clear(); _parents.Clear();
            return b;
        }
    }
}

/// <summary>What a distributed run did, for the benchmark and the design note.</summary>
public sealed class DistributedFigures
{
    public int Partitions;
    public int Levels;
    /// <summary>Bytes of successors sent between partitions (the batches' content, not Orleans' framing).</summary>
    public long BatchBytes;
    /// <summary>Successors sent to another partition, and those the expanding partition owned itself.</summary>
    public long StatesSent, StatesKept;
}

/// <summary>The cluster failed (a silo lost, a call timed out, a partition could not start): not a verdict on the
/// model. The message says what happened, in one line.</summary>
public sealed class DistributedSearchException : Exception
{
    public DistributedSearchException(string message, Exception inner = null) : base(message, inner) { }
}
