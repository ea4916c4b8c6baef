namespace Ops.Tla.Checking;

/// <summary>
/// The memory a check may use (<see cref="CheckOptions.MemoryBudgetMB"/>): the managed heap, where the states, the
/// fingerprint set and the queue live. Checked every thousand or so new states; when the heap looks larger than the
/// budget, a full collection decides (garbage does not count), and the search stops cleanly if what is live is still
/// larger. Forced collections are spaced by a sixteenth of the budget of allocation, so a heap that hovers just
/// below the budget costs little.
/// </summary>
internal sealed class MemoryBudget
{
    public readonly long LimitBytes;
    private readonly long _spacing;
    private long _nextForcedAt;

    private MemoryBudget(long limitBytes)
    {
        LimitBytes = limitBytes;
        _spacing = Math.Max(limitBytes / 16, 4L << 20);
    }

    /// <summary>The budget of a check: the option's, or 85% of the memory available to the process.</summary>
    public static MemoryBudget For(CheckOptions o)
    {
        if (o.MemoryBudgetMB is long mb) return new MemoryBudget(Math.Max(1, mb) * 1024 * 1024);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new MemoryBudget(available > 0 ? available / 100 * 85 : long.MaxValue);
    }

    public long LimitMB => LimitBytes / (1024 * 1024);

    /// <summary>Throws <see cref="MemoryBudgetExceededException"/> when the live heap is larger than the budget.
    /// Safe to call from several workers.</summary>
    public void Check()
    {
        if (GC.GetTotalMemory(false) <= LimitBytes) return;
        long allocated = GC.GetTotalAllocatedBytes();
        if (allocated < Volatile.Read(ref _nextForcedAt)) return;
        GC.Collect();
        long live = GC.GetTotalMemory(false);
        Volatile.Write(ref _nextForcedAt, GC.GetTotalAllocatedBytes() + _spacing);
        if (live > LimitBytes) throw new MemoryBudgetExceededException(live);
    }
}

/// <summary>The search needs more memory than its budget allows (see <see cref="MemoryBudget"/>).</summary>
public sealed class MemoryBudgetExceededException : Exception
{
    public readonly long LiveBytes;
    public MemoryBudgetExceededException(long liveBytes) : base("memory budget exceeded") { LiveBytes = liveBytes; }
}
