using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Several workers find exactly the states one worker finds, and a shortest counterexample.</summary>
public class ParallelBfsTests
{
    private static CheckResult Check(string spec, int workers, string cfg = null) =>
        ModelChecker.Check(TestPaths.Seed(spec), new CheckOptions { ConfigPath = cfg == null ? null : TestPaths.Seed(cfg), Workers = workers });

    [Theory]
    [InlineData("bank.tla", null)]
    [InlineData("syn.tla", null)]
    [InlineData("syn_nodes.tla", "syn_nodes_safety.cfg")]
    [InlineData("UpdatedService.tla", null)]
    public void Counts_and_depth_match_one_worker(string spec, string cfg)
    {
        var one = Check(spec, 1, cfg);
        foreach (var n in new[] { 2, 3 })
        {
            var many = Check(spec, n, cfg);
            Assert.Equal(one.Outcome, many.Outcome);
            Assert.Equal(one.StatesGenerated, many.StatesGenerated);
            Assert.Equal(one.DistinctStates, many.DistinctStates);
            Assert.Equal(one.Depth, many.Depth);
            Assert.Equal(n, many.Workers);
        }
    }

    [Fact]
    public void Two_customers_with_two_workers_match_TLC()
    {
        var r = Check("bank_customers.tla", 2);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(996601, r.StatesGenerated);
        Assert.Equal(48400, r.DistinctStates);
        Assert.Equal(25, r.Depth);
    }

    [Fact]
    public void A_violation_found_by_workers_has_a_shortest_valid_trace()
    {
        var r = Check("bank_transfers.tla", 2);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("NoNegativeBalance", r.Violation.Property);
        Assert.Equal(5, r.Trace.Count);
        Assert.Equal("Initial predicate", r.Trace[0].Action);
        // Several shortest counterexamples exist (which one a worker finds first varies); each ends with a negative balance.
        var balances = ((Ops.Tla.Values.FcnValue)r.Trace[4].Values[1]).Vals;
        Assert.Contains(balances, v => ((Ops.Tla.Values.IntValue)v).V < 0);
        for (int i = 0; i < r.Trace.Count; i++) Assert.Equal(i + 1, r.Trace[i].Number);
    }
}
