using Ops.Tla.Checking.Storage;

namespace Ops.Tla.Checking;

/// <summary>Where the breadth-first search keeps what grows with the states (see <see cref="SearchStorage"/>): in
/// memory, or on disk from the start (-diskstates) or from the moment half the memory budget is live.</summary>
public sealed partial class BfsChecker
{
    private SearchStorage _storage;
    private bool _onDisk;

    /// <summary>Chooses the fingerprint sets and the memory budget (called once by the constructor). The search whose
    /// complete state graph is kept for temporal properties stays in memory: the liveness check reads that graph
    /// everywhere at once.</summary>
    private void ChooseStorage()
    {
        bool diskPossible = !_recordGraph;
        if (_o.Storage == StorageMode.Disk && !diskPossible)
            _r.Warnings.Add("-diskstates is not used for a model with temporal properties to check: their check needs the whole state graph in memory.");
        _memory = MemoryBudget.For(_o, mayMoveToDisk: diskPossible && SearchStorage.MayMoveToDisk(_o));
        _storage = new SearchStorage(_o, _memory.LimitBytes);
        // One worker: a set without locks; several: one whose lookups only read and whose insertions claim a slot
        // with a compare-and-swap.
        _seen = _parallel ? new ConcurrentFingerprintSet() : new FingerprintSet();
        _checkedTransitions = _parallel ? new ConcurrentFingerprintSet() : new FingerprintSet();
        // The one-worker sets' tables are outside the managed heap: counted with it.
        _memory.OutsideHeap = () => ((_seen as FingerprintSet)?.Bytes ?? 0) + ((_checkedTransitions as FingerprintSet)?.Bytes ?? 0);
        if (diskPossible && _storage.StartOnDisk) MoveToDisk();
    }

    /// <summary>From now on the fingerprints are on disk (those in memory moved there), and so are the full chunks
    /// of the state lists: the states still to expand (the queue) and each state's predecessor, action and
    /// fingerprint (the trace file; the levels are ranges of indices, see LevelIndex). Called between states, never while the workers of a level run (they pause for it, see ExploreParallel).</summary>
    private void MoveToDisk()
    {
        _moveRequested = false;
        if (_onDisk) return;
        _onDisk = true;
        _seen = _storage.MoveToDisk(_seen);
        _checkedTransitions = _storage.MoveToDisk(_checkedTransitions, share: 0.25);
        _states.SpillTo(_storage.States("states"));
        _parent.SpillTo(_storage.Records<int>("parents"));
        _action.SpillTo(_storage.Records<int>("actions"));
        _fps.SpillTo(_storage.Records<ulong>("fingerprints"));
        // The interner's tables would keep a value of every state: they keep the values of the recent states only,
        // let go of whenever they hold more than a bound of the budget's (see ForgetInterned).
        _interner?.Forget();
        _internedBound = InternedBound(_memory.LimitBytes);
        _r.StoredOnDisk = true;
        _memory.MovedToDisk();
        if (_diagnostics.Debug) _diagnostics.Write($"storage: moved to disk at {_states.Count} distinct states ({_storage.Directory})");
    }

    // On disk, how many values and parts the interner may keep before it lets go of them all (see ForgetInterned).
    private long _internedBound = long.MaxValue;

    /// <summary>How many values the interner keeps on disk for a budget of <paramref name="limitBytes"/>: a value kept
    /// and its parts take about 200 bytes (MCLamportMutex), so a budget's 1/2,048 of them take a tenth of it.</summary>
    internal static long InternedBound(long limitBytes)
    {
        return Math.Clamp(limitBytes / 2048, 1024, 1 << 18);
    }

    /// <summary>On disk, between two chunks of states expanded or stored (the parallel search: while its workers pause,
    /// see ExploreParallel, which they do on disk whenever one holds a chunk of new states): the interner's values let go of once
    /// they are more than the bound. The states on disk keep their values as written; the new states found from then on
    /// share the values of the recent ones (the successors of the states of a level repeat one another's values), so
    /// that the values built for them die young, and the writer meets the shared instances again.</summary>
    private void ForgetInterned()
    {
        if (_interner != null && _interner.Kept > _internedBound)
        {
            _interner.Forget();
            _internForgotten++;
        }
    }

    // How many times ForgetInterned let go of the interner's values (OPS_INTERN_TRACE=1).
    private int _internForgotten;

    /// <summary>The search's files are removed whatever ended it.</summary>
    private void ReleaseStorage()
    {
        _seen?.Dispose();
        _checkedTransitions?.Dispose();
        _storage?.Dispose();
    }
}
