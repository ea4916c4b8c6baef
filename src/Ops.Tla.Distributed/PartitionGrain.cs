using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Distributed;

/// <summary>
/// A partition of the distributed search (see <see cref="IPartitionGrain"/>): a share of the fingerprint set, of the
/// predecessor links and of each level's states. Its model is built on its silo from the shipped texts; it evaluates
/// on its own thread (<see cref="EvalThread"/>) and keeps no state in storage: a search lives as long as its grains.
/// </summary>
[KeepAlive]
public sealed class PartitionGrain : Grain, IPartitionGrain
{
    /// <summary>Successors gathered for the owners before a round of sends.</summary>
    private const int SendEvery = 4096;

    private sealed class Entry
    {
        public ulong Fp;
        public long Key;
        public ulong Parent;
        public int Action;
        public byte[] Bytes;
        public Value[] State;
        public int Rank;
        public long Generated;
    }

    private readonly struct LinkEntry(ulong parent, int action, byte[] state)
    {
        public readonly ulong Parent = parent;
        public readonly int Action = action;
        public readonly byte[] State = state;
    }

    private int _index, _partitions;
    private string _searchId;
    private EvalThread _thread;
    private StateSpace _space;
    private StateEvaluator _eval;
    private readonly List<string> _output = new();
    private readonly HashSet<ulong> _seen = new();
    private readonly Dictionary<ulong, LinkEntry> _links = new();
    /// <summary>The new states of the level being expanded, as they arrive (by fingerprint, the least key kept).</summary>
    private Dictionary<ulong, Entry> _incoming = new();
    /// <summary>The new states of the last level closed, in key order: the next frontier.</summary>
    private List<Entry> _closed = new();
    /// <summary>The level being (or last) expanded, with each state's successor count.</summary>
    private List<Entry> _frontier = new();

    public async Task<string> Open(SearchSetup setup)
    {
        _searchId = setup.SearchId;
        _partitions = setup.Partitions;
        _index = int.Parse(this.GetPrimaryKeyString().AsSpan(this.GetPrimaryKeyString().LastIndexOf('/') + 1));
        _thread?.Dispose();
        _thread = new EvalThread($"ops-partition-{_index}");
        return await _thread.Run(() =>
        {
            var source = ModelSource.FromText(setup.RootModule, new ShippedModules(setup), setup.ConfigText, setup.ConfigName);
            var options = new CheckOptions { CheckDeadlock = setup.CheckDeadlock, Seed = setup.Seed, CheckLiveness = setup.CheckLiveness };
            try
            {
                _space = StateSpace.Load(source, options);
            }
            catch (TlaException e)
            {
                return $"the model does not load on this silo: {e.Message}";
            }
            // The model's strings and options hold on this thread from here on.
            _space.Enter();
            _eval = _space.NewEvaluator(line => { lock (_output) _output.Add(line); });
            var f = _eval.Prepare(checkModel: false);
            return f?.Message;
        });
    }

    private int Owner(ulong fp) => (int)(fp % (ulong)_partitions);

    private IPartitionGrain Partition(int i) => GrainFactory.GetGrain<IPartitionGrain>($"{_searchId}/{i}");

    public async Task Seed(StateBatch initial)
    {
        var entries = await _thread.Run(() => Decode(initial));
        foreach (var e in entries)
        {
            _seen.Add(e.Fp);
            _links[e.Fp] = new LinkEntry(0, -1, _space.CanRegenerate ? null : e.Bytes);
            e.Rank = (int)e.Key;
            _closed.Add(e);
        }
    }

    private List<Entry> Decode(StateBatch b)
    {
        var list = new List<Entry>(b.Count);
        int start = 0;
        for (int i = 0; i < b.Count; i++)
        {
            int offset = start;
            var state = _space.Decode(b.States, ref offset);
            list.Add(new Entry
            {
                Fp = b.Fingerprints[i], Key = b.Keys[i], Parent = b.Parents[i], Action = b.Actions[i], State = state,
                Bytes = b.States.AsSpan(start, b.Ends[i] - start).ToArray(),
            });
            start = b.Ends[i];
        }
        return list;
    }

    public Task Receive(StateBatch batch)
    {
        Accept(batch);
        return Task.CompletedTask;
    }

    /// <summary>Keeps the successors not seen before; of several with one fingerprint, the first in the search's order
    /// (the least key), as the single-process search keeps the first it generates.</summary>
    private void Accept(StateBatch b)
    {
        int start = 0;
        for (int i = 0; i < b.Count; i++)
        {
            int end = b.Ends[i];
            ulong fp = b.Fingerprints[i];
            if (!_seen.Contains(fp))
            {
                long key = b.Keys[i];
                if (!_incoming.TryGetValue(fp, out var e))
                    _incoming[fp] = e = new Entry { Fp = fp, Key = long.MaxValue };
                if (key < e.Key)
                {
                    e.Key = key;
                    e.Parent = b.Parents[i];
                    e.Action = b.Actions[i];
                    e.Bytes = b.States.AsSpan(start, end - start).ToArray();
                }
            }
            start = end;
        }
    }

    private sealed class Builder
    {
        public readonly List<byte> Bytes = new();
        public readonly List<int> Ends = new();
        public readonly List<ulong> Fps = new();
        public readonly List<long> Keys = new();
        public readonly List<int> Actions = new();
        public readonly List<ulong> Parents = new();

        public StateBatch Take()
        {
            if (Fps.Count == 0) return null;
            var b = new StateBatch
            {
                States = Bytes.ToArray(), Ends = Ends.ToArray(), Fingerprints = Fps.ToArray(), Keys = Keys.ToArray(),
                Actions = Actions.ToArray(), Parents = Parents.ToArray(),
            };
            Bytes.Clear(); Ends.Clear(); Fps.Clear(); Keys.Clear(); Actions.Clear(); Parents.Clear();
            return b;
        }
    }

    public async Task<ExpandReport> Expand(int level, int[] ranks)
    {
        if (ranks != null)
        {
            if (ranks.Length != _closed.Count) throw new InvalidOperationException($"partition {_index}: {ranks.Length} ranks for {_closed.Count} states");
            for (int i = 0; i < ranks.Length; i++) _closed[i].Rank = ranks[i];
        }
        _frontier = _closed;
        _closed = new List<Entry>();
        var report = new ExpandReport();
        var builders = new Builder[_partitions];
        for (int i = 0; i < builders.Length; i++) builders[i] = new Builder();
        int pos = 0;
        Task sending = Task.CompletedTask;
        while (pos < _frontier.Count && report.Failure == null)
        {
            int from = pos;
            var (next, generated, failure) = await _thread.Run(() => ExpandSome(from, level, builders));
            pos = next;
            report.Generated += generated;
            report.Failure = failure;
            var batches = builders.Select(b => b.Take()).ToArray();
            await sending;
            var sends = new List<Task>();
            for (int i = 0; i < batches.Length; i++)
            {
                if (batches[i] == null) continue;
                if (i == _index)
                {
                    report.KeptStates += batches[i].Count;
                    Accept(batches[i]);
                    continue;
                }
                report.SentStates += batches[i].Count;
                report.SentBytes += batches[i].Bytes;
                sends.Add(Partition(i).Receive(batches[i]));
            }
            sending = Task.WhenAll(sends);
        }
        await sending;
        report.Expanded = pos;
        lock (_output)
        {
            report.Output.AddRange(_output);
            _output.Clear();
        }
        return report;
    }

    /// <summary>Expands frontier states from <paramref name="from"/> until enough successors are gathered, the
    /// frontier ends, or a failure (after which nothing later in the search's order matters).</summary>
    private (int Next, long Generated, FailureReport Failure) ExpandSome(int from, int level, Builder[] builders)
    {
        long total = 0;
        int gathered = 0;
        int i = from;
        for (; i < _frontier.Count && gathered < SendEvery; i++)
        {
            var e = _frontier[i];
            var state = e.State;
            long rankKey = (long)e.Rank << 32;
            ulong parent = e.Fp;
            var failure = _eval.Expand(state, e.Fp, level, (succ, fp, action, ordinal) =>
            {
                if (ordinal >= uint.MaxValue) throw new InvalidOperationException("a state has more than 2^32 successors: the distributed search's order keys cannot number them");
                var b = builders[Owner(fp)];
                StateCodec.Encode(succ, b.Bytes);
                b.Ends.Add(b.Bytes.Count);
                b.Fps.Add(fp);
                b.Keys.Add(rankKey | ordinal);
                b.Actions.Add(action);
                b.Parents.Add(parent);
                gathered++;
            }, out long generated);
            e.Generated = generated;
            total += generated;
            // Expanded: only its fingerprint, rank and count are needed from now on.
            if (_space.CanRegenerate) { e.State = null; e.Bytes = null; }
            if (failure != null) return (i + 1, total, Report(failure, e.Rank, failure.AtSuccessor ? 1 : 2, e.Fp));
        }
        return (i, total, null);
    }

    private static FailureReport Report(StateFailure f, int rank, int phase, ulong stateFp) => new()
    {
        Outcome = (int)f.Outcome, Kind = (int)f.Kind, Property = f.Property, Message = f.Message, ExitStatus = (int)f.ExitStatus,
        AtState = f.AtState, Successor = f.Successor != null ? StateCodec.Encode(f.Successor) : null, SuccessorAction = f.SuccessorAction,
        Rank = rank, Ordinal = f.Ordinal, Phase = phase, SuccessorEmitted = f.SuccessorEmitted, StateFingerprint = stateFp,
    };

    public async Task<CloseReport> Close(int level)
    {
        var list = _incoming.Values.ToList();
        _incoming = new Dictionary<ulong, Entry>();
        list.Sort((a, b) => a.Key.CompareTo(b.Key));
        foreach (var e in list)
        {
            _seen.Add(e.Fp);
            _links[e.Fp] = new LinkEntry(e.Parent, e.Action, _space.CanRegenerate ? null : e.Bytes);
        }
        _closed = list;
        var failure = await _thread.Run(() =>
        {
            // The new states' checks, in the search's order: the first failure ends them (nothing after it matters).
            foreach (var e in list)
            {
                int offset = 0;
                e.State = _space.Decode(e.Bytes, ref offset);
                var f = _eval.CheckNew(e.State, level + 1);
                if (f == null) continue;
                var r = Report(f, (int)(e.Key >> 32), 0, e.Parent);
                r.Ordinal = e.Key & 0xFFFFFFFFL;
                r.Successor = e.Bytes;
                r.SuccessorAction = e.Action;
                return r;
            }
            return null;
        });
        if (_space.CanRegenerate)
            foreach (var e in list) e.Bytes = null;
        var report = new CloseReport { Keys = list.Select(e => e.Key).ToArray(), Failure = failure };
        lock (_output)
        {
            report.Output.AddRange(_output);
            _output.Clear();
        }
        return report;
    }

    public Task<CountReport> CountBefore(int rank, long ordinal)
    {
        var r = new CountReport();
        foreach (var e in _frontier)
            if (e.Rank < rank) r.GeneratedBefore += e.Generated;
        long key = ((long)rank << 32) | ordinal;
        foreach (var e in _closed)
        {
            if (e.Key <= key) r.NewUpTo++;
            if (e.Key == key) r.NewAtKey = true;
        }
        return Task.FromResult(r);
    }

    public Task<TraceLink> Link(ulong fingerprint) =>
        Task.FromResult(_links.TryGetValue(fingerprint, out var l)
            ? new TraceLink { Found = true, Parent = l.Parent, Action = l.Action, State = l.State }
            : new TraceLink { Found = false });

    public Task Release()
    {
        _seen.Clear();
        _links.Clear();
        _incoming.Clear();
        _closed.Clear();
        _frontier.Clear();
        _thread?.Dispose();
        _thread = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
