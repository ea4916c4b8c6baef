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
