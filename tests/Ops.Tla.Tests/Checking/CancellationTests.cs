using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>A stop request (cancellation, the time limit) ends a run at once, wherever it is (computing the initial
/// states, the successors of one state, a huge quantifier), with its partial figures. Each test asks for the stop
/// where the old search did not look (between every 1024 states only): without the evaluation's polls these runs
/// would go through a hundred million bindings and end as successes.</summary>
public class CancellationTests
{
    private const string Cfg = "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n";

    private static CheckResult Check(string tla, CheckOptions options) => InlineSpec.Check("Stop", tla, Cfg, options);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_token_cancelled_up_front_stops_the_enumeration_of_a_huge_Init(int workers)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = Check("---- MODULE Stop ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in 0..99999999\nNext == x' = x\n====\n",
            new CheckOptions { Cancellation = cts.Token, Workers = workers });
        Assert.Equal(ViolationKind.Cancelled, r.Violation?.Kind);
        Assert.True(r.Incomplete);
        Assert.Equal(0, r.StatesGenerated);
    }

    [Fact]
    public void No_time_left_is_the_time_limit_during_Init()
    {
        var r = Check("---- MODULE Stop ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in 0..99999999\nNext == x' = x\n====\n",
            new CheckOptions { TimeLimit = TimeSpan.Zero });
        Assert.Equal(ViolationKind.TimeLimit, r.Violation?.Kind);
        Assert.Equal(0, r.StatesGenerated);
    }

    // The one successor of the initial state needs a quantifier over a hundred million values; the spec prints once
    // when it begins, and the test cancels right then, from the print callback.
    private const string LongStep = """
        ---- MODULE Stop ----
        EXTENDS Naturals, TLC
        VARIABLE x
        Init == x = 0
        Next == /\ x = 0
                /\ PrintT("begin")
                /\ \A i \in 1..100000000 : i > x
                /\ x' = 1
        ====
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_cancellation_during_one_long_step_ends_the_run_with_its_partial_figures(int workers)
    {
        using var cts = new CancellationTokenSource();
        var r = Check(LongStep, new CheckOptions { Cancellation = cts.Token, Workers = workers, Log = line => { if (line.Contains("begin")) cts.Cancel(); } });
        Assert.Equal(ViolationKind.Cancelled, r.Violation?.Kind);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal((1, 1), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void A_simulation_stops_too()
    {
        using var cts = new CancellationTokenSource();
        var r = Check(LongStep, new CheckOptions
        {
            Cancellation = cts.Token, Seed = 1, Simulation = new SimulationOptions { Behaviors = 1 },
            Log = line => { if (line.Contains("begin")) cts.Cancel(); },
        });
        Assert.Equal(ViolationKind.Cancelled, r.Violation?.Kind);
    }
}
