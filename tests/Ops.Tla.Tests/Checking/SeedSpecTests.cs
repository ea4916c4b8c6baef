using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The seed posts' specifications reproduce TLC's published figures exactly.</summary>
public class SeedSpecTests
{
    private static CheckResult Check(string spec, string cfg = null) =>
        ModelChecker.Check(TestPaths.Seed(spec), new CheckOptions { ConfigPath = cfg == null ? null : TestPaths.Seed(cfg) });

    [Fact]
    public void Bank_single_account_matches_TLC()
    {
        var r = Check("bank.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(2266, r.StatesGenerated);
        Assert.Equal(220, r.DistinctStates);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Bank_with_two_customers_matches_TLC()
    {
        var r = Check("bank_customers.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(996601, r.StatesGenerated);
        Assert.Equal(48400, r.DistinctStates);
    }

    [Fact]
    public void Bank_with_queued_transfers_violates_NoNegativeBalance_in_five_states()
    {
        var r = Check("bank_transfers.tla");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("NoNegativeBalance", r.Violation.Property);
        Assert.Equal(5, r.Trace.Count);
        Assert.Equal("Initial predicate", r.Trace[0].Action);
        var text = TlcText.Format(r);
        Assert.Contains("Error: Invariant NoNegativeBalance is violated.", text);
        Assert.Contains("State 5: <Next line 50, col 5 to line 57, col 23 of module bank_transfers>", text);
        // The last state has a negative balance, the first all zero.
        Assert.Contains("-1", r.Trace[4].Values[1].ToString());
        Assert.Equal("(c1 :> 0 @@ c2 :> 0)", r.Trace[0].Values[1].ToString());
    }

    [Fact]
    public void Syn_registry_one_node_matches_TLC()
    {
        var r = Check("syn.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(37, r.StatesGenerated);
        Assert.Equal(21, r.DistinctStates);
        Assert.Equal(11, r.Depth);
    }

    [Fact]
    public void Syn_registry_two_nodes_safety_matches_TLC()
    {
        var r = Check("syn_nodes.tla", "syn_nodes_safety.cfg");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(543, r.StatesGenerated);
        Assert.Equal(286, r.DistinctStates);
        Assert.Equal(41, r.Depth);
    }

    [Fact]
    public void Token_pool_existing_design_exceeds_the_token_limit()
    {
        var r = Check("ExistingService.tla");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("MaxTokensNotExceeded", r.Violation.Property);
        Assert.Contains("Invariant MaxTokensNotExceeded is violated.", TlcText.Format(r));
    }

    [Fact]
    public void Token_pool_updated_design_holds()
    {
        var r = Check("UpdatedService.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Null(r.Violation);
    }
}

/// <summary>Temporal properties and fairness on the seed registry.</summary>
public class SeedLivenessTests
{
    private static CheckResult Check(string spec, string cfg = null) =>
        ModelChecker.Check(TestPaths.Seed(spec), new CheckOptions { ConfigPath = cfg == null ? null : TestPaths.Seed(cfg) });

    [Fact]
    public void Two_node_registry_with_AllMessagesProcessed_matches_TLC()
    {
        var r = Check("syn_nodes.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(543, r.StatesGenerated);
        Assert.Equal(286, r.DistinctStates);
        Assert.Empty(r.Warnings);
        Assert.Equal(2, r.LivenessBranches); // TLC: "satisfiability problem has 2 branches"
    }

    [Fact]
    public void Reliable_registry_processes_every_message_under_weak_fairness()
    {
        var r = Check("syn_nodes_live.tla");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Null(r.Violation);
    }

    [Fact]
    public void Lossy_registry_fails_with_a_lasso()
    {
        var r = Check("syn_nodes_live.tla", "syn_nodes_live_lossy.cfg");
        Assert.Equal(CheckOutcome.LivenessFailure, r.Outcome);
        Assert.Equal(13, r.ExitCode);
        Assert.Equal("MessagesEventuallyProcessed", r.Violation.Property);
        Assert.NotNull(r.LoopIndex);
        // The behaviour reaches a garbled message and never drains that inbox.
        var last = r.Trace[^1];
        Assert.Contains("lost", last.Values[0].ToString());
        var text = TlcText.Format(r);
        Assert.Contains("Error: The following behavior constitutes a counter-example:", text);
        Assert.True(text.Contains(": Stuttering") || text.Contains("\nBack to state "), text);
        var json = JsonReport.Serialize(r);
        Assert.Contains("\"loop\":", json);
        Assert.Contains("\"result\": \"liveness failure\"", json);
    }
}
