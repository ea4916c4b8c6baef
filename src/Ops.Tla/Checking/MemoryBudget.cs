namespace Ops.Tla.Checking;

/// <summary>
/// The memory a check may use (<see cref="CheckOptions.MemoryBudgetMB"/>): the managed heap, where the states, the
/// fingerprint set and the queue live, and what the search keeps outside it (<see cref="OutsideHeap"/>: the one-worker
/// fingerprint set's table). Checked every thousand or so new states; when the heap looks larger than the
/// budget, a full collection decides (garbage does not count), and the search stops cleanly if what is live is still
/// larger. Forced collections are spaced by a sixteenth of the budget of allocation, so a heap that hovers just
/// below the budget costs little.
/// <para>
/// A search that may move to disk (<see cref="Storage.StorageMode.Auto"/>) is told so earlier: once what is live
/// passes half the budget, <see cref="Check"/> returns true until the search says it moved
/// (<see cref="MovedToDisk"/>); from then on only the budget itself is watched.
/// </para>
/// </summary>
public sealed class MemoryBudget
{
    public readonly long LimitBytes;
    private readonly long _spacing;
    private long _nextForcedAt;
    // The live heap past which the search should move to disk (long.MaxValue: not, or no more), and whether it passed.
    private long _moveAt = long.MaxValue;
    private volatile bool _moveWanted;

    private MemoryBudget(long limitBytes)
    {
        LimitBytes = limitBytes;
        _spacing = Math.Max(limitBytes / 16, 4L << 20);
    }

    /// <summary>The budget of a check: the option's, or 85% of the memory available to the process.</summary>
    /// <param name="mayMoveToDisk">Can the search move to disk when half the budget is live?</param>
    public static MemoryBudget For(CheckOptions o, bool mayMoveToDisk = false)
    {
        MemoryBudget b;
        if (o.MemoryBudgetMB is long mb) b = new MemoryBudget(Math.Max(1, mb) * 1024 * 1024);
        else
        {
            long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            b = new MemoryBudget(available > 0 ? available / 100 * 85 : long.MaxValue);
        }
        if (mayMoveToDisk && b.LimitBytes != long.MaxValue) b._moveAt = b.LimitBytes / 2;
        return b;
    }

    public long LimitMB => LimitBytes / (1024 * 1024);

    /// <summary>What the search keeps outside the managed heap (the one-worker fingerprint set's table, see
    /// <see cref="FingerprintSet"/>), counted with the heap; null: nothing.</summary>
    public Func<long> OutsideHeap { get; set; }

    private long Outside => OutsideHeap?.Invoke() ?? 0;

    /// <summary>Throws <see cref="MemoryBudgetExceededException"/> when the live heap is larger than the budget;
    /// true when the search should move to disk (see the class). Safe to call from several workers.</summary>
    public bool Check()
    {
        long threshold = Math.Min(LimitBytes, Volatile.Read(ref _moveAt));
        long outside = Outside;
        if (GC.GetTotalMemory(false) + outside <= threshold) return _moveWanted;
        // The heap counts the garbage made since the last collection (with the server collector, tens of megabytes
        // before a collection of the youngest generation): what the last collection left is what was live then, and
        // only when that is past the threshold does a full collection decide. Forcing one whenever the heap looked
        // large cost a search on disk with a small budget a full collection every few megabytes allocated.
        if (HeapAfterLastCollection() + outside <= threshold) return _moveWanted;
        long allocated = GC.GetTotalAllocatedBytes();
        if (allocated < Volatile.Read(ref _nextForcedAt)) return _moveWanted;
        GC.Collect();
        long live = GC.GetTotalMemory(false) + Outside;
        Volatile.Write(ref _nextForcedAt, GC.GetTotalAllocatedBytes() + _spacing);
        if (live > Volatile.Read(ref _moveAt) && !(_moveWanted && live > LimitBytes))
        {
            // Moving to disk comes first: what is live now is mostly what the move releases.
            _moveWanted = true;
            return true;
        }
        if (live > LimitBytes) throw new MemoryBudgetExceededException(live);
        return _moveWanted;
    }

    /// <summary>The heap as the last collection left it (0 before the first): what was live then, plus the garbage of
    /// the generations it did not collect.</summary>
    internal static long HeapAfterLastCollection()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>The search moved to disk: from now on only the budget is watched.</summary>
    public void MovedToDisk()
    {
        Volatile.Write(ref _moveAt, long.MaxValue);
        _moveWanted = false;
        Volatile.Write(ref _nextForcedAt, 0);
    }
}

/// <summary>The search needs more memory than its budget allows (see <see cref="MemoryBudget"/>).</summary>
public sealed class MemoryBudgetExceededException : Exception
{
    public readonly long LiveBytes;
    public MemoryBudgetExceededException(long liveBytes) : base("memory budget exceeded") { LiveBytes = liveBytes; }
}
