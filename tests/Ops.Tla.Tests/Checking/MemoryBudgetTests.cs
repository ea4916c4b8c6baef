using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>A check that would need more memory than its budget stops cleanly with the partial figures.</summary>
public class MemoryBudgetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Exceeding_the_budget_ends_with_an_error_and_partial_figures(int workers)
    {
        var r = ModelChecker.Check(TestPaths.Seed("bank_customers.tla"), new CheckOptions { Workers = workers, MemoryBudgetMB = 1 });
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(ViolationKind.MemoryBudget, r.Violation.Kind);
        Assert.True(r.Incomplete);
        Assert.Contains("The memory budget of 1 MB was reached", r.Violation.Message);
        Assert.InRange(r.DistinctStates, 1, 48399);
        Assert.True(r.StatesGenerated > r.DistinctStates);
        Assert.True(r.StatesLeftOnQueue > 0);
        Assert.True(r.Depth > 0);
        Assert.Empty(r.Trace);
    }

    [Fact]
    public void A_sufficient_budget_changes_nothing()
    {
        var r = ModelChecker.Check(TestPaths.Seed("bank_customers.tla"), new CheckOptions { MemoryBudgetMB = 4096 });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(996601, r.StatesGenerated);
        Assert.Equal(48400, r.DistinctStates);
    }
}

/// <summary>The budget's watch does not force collections while what the last collection left is within it: the heap
/// between two collections counts their garbage too (with the server collector, tens of megabytes), and a search on
/// disk with a small budget forced a full collection every few megabytes allocated (MCLamportMutex at 20 MB: 356).
/// Measures the process's heap, so it runs alone.</summary>
[Collection(Storage.MemoryMeasuringCollection.Name)]
public class MemoryBudgetWatchTests
{
    [Fact]
    public void Garbage_over_the_budget_does_not_force_a_collection_while_what_is_live_is_within_it()
    {
        GC.Collect();
        long liveMB = GC.GetTotalMemory(false) >> 20;
        var budget = MemoryBudget.For(new CheckOptions { MemoryBudgetMB = liveMB + 24 });
        // 64 MB of garbage with no collection in between: the heap looks over the budget, what is live is not.
        Assert.True(GC.TryStartNoGCRegion(96L << 20));
        int full = GC.CollectionCount(2);
        try
        {
            for (int i = 0; i < 64; i++) GC.KeepAlive(new byte[(1 << 20) - 64]);
            Assert.True(GC.GetTotalMemory(false) > budget.LimitBytes);
            Assert.False(budget.Check());
            Assert.Equal(full, GC.CollectionCount(2));
        }
        finally
        {
            if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    [Fact]
    public void What_is_live_over_the_budget_still_stops_the_search()
    {
        GC.Collect();
        long liveMB = GC.GetTotalMemory(false) >> 20;
        var budget = MemoryBudget.For(new CheckOptions { MemoryBudgetMB = liveMB + 16 });
        var kept = new List<byte[]>();
        for (int i = 0; i < 32; i++) kept.Add(new byte[(1 << 20) - 64]);
        GC.Collect();
        Assert.Throws<MemoryBudgetExceededException>(() => budget.Check());
        GC.KeepAlive(kept);
    }

    [Fact]
    public void What_the_search_keeps_outside_the_heap_counts_with_it()
    {
        // The one-worker fingerprint set's table is outside the managed heap (FingerprintSet.Bytes): the budget counts
        // it, both for the move to disk (half the budget) and for the budget itself.
        GC.Collect();
        long liveMB = GC.GetTotalMemory(false) >> 20;
        var options = new CheckOptions { MemoryBudgetMB = liveMB + 64 };
        Assert.False(MemoryBudget.For(options).Check());
        long outside = 48L << 20;
        var moving = MemoryBudget.For(options, mayMoveToDisk: true);
        moving.OutsideHeap = () => outside;
        Assert.True(moving.Check());
        var within = MemoryBudget.For(options);
        within.OutsideHeap = () => outside;
        Assert.False(within.Check());
        var over = MemoryBudget.For(options);
        over.OutsideHeap = () => 96L << 20;
        Assert.Throws<MemoryBudgetExceededException>(() => over.Check());
    }
}
