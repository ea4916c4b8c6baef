using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Several workers find exactly the states one worker finds, and a shortest counterexample.</summary>
public class ParallelBfsTests
{
    private static CheckResult Check(string spec, int workers, string cfg = null, bool shareAll = false, TextWriter trace = null) =>
        ModelChecker.Check(TestPaths.Seed(spec), new CheckOptions
        {
            ConfigPath = cfg == null ? null : TestPaths.Seed(cfg), Workers = workers,
            Diagnostics = new DiagnosticOptions { ShareEveryLevel = shareAll, ParallelTrace = trace != null, Output = trace },
        });

    [Theory]
    [InlineData("bank.tla", null)]
    [InlineData("syn.tla", null)]
    [InlineData("syn_nodes.tla", "syn_nodes_safety.cfg")]
    [InlineData("UpdatedService.tla", null)]
    public void Counts_and_depth_match_one_worker(string spec, string cfg)
    {
        var one = Check(spec, 1, cfg);
        // The levels too narrow or too quick to share expanded by worker 0 alone (the default), and every level shared.
        foreach (var (n, shareAll) in new[] { (2, false), (3, false), (2, true), (3, true) })
        {
            var many = Check(spec, n, cfg, shareAll);
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

    /// <summary>Worker 0 expands alone, on the coordinator's thread, the levels too narrow to split (fewer than two
    /// chunks' states) or too quick for a second worker to gain anything; the others are shared. bank_customers'
    /// levels grow from 1 state to 4,158 and fall back to 81: the first two (1 and 22 states) cannot be split.</summary>
    [Fact]
    public void Narrow_levels_are_expanded_by_one_worker_and_wide_ones_shared()
    {
        var trace = new StringWriter();
        var r = Check("bank_customers.tla", 2, trace: trace);
        Assert.Equal((996601L, 48400L, 25), (r.StatesGenerated, r.DistinctStates, r.Depth));
        var levels = System.Text.RegularExpressions.Regex.Matches(trace.ToString(), @"(?m)^level: (\d+) states, (shared|worker 0 alone),")
            .Select(m => (States: int.Parse(m.Groups[1].Value), Shared: m.Groups[2].Value == "shared")).ToList();
        Assert.Equal(25, levels.Count);
        Assert.All(levels.Where(l => l.States < LevelSharing.MinStates), l => Assert.False(l.Shared));
        Assert.Equal(new[] { 1, 22 }, levels.Where(l => l.States < LevelSharing.MinStates).Select(l => l.States));
        var summary = System.Text.RegularExpressions.Regex.Match(trace.ToString(), @"parallel: 25 levels \((\d+) shared by the workers, (\d+) expanded by worker 0 alone\)");
        Assert.True(summary.Success, trace.ToString());
        Assert.Equal(25, int.Parse(summary.Groups[1].Value) + int.Parse(summary.Groups[2].Value));

        // Every level shared when asked.
        trace = new StringWriter();
        r = Check("bank_customers.tla", 2, shareAll: true, trace: trace);
        Assert.Equal((996601L, 48400L, 25), (r.StatesGenerated, r.DistinctStates, r.Depth));
        Assert.Contains("parallel: 25 levels (25 shared by the workers, 0 expanded by worker 0 alone)", trace.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_violation_found_by_workers_has_a_shortest_valid_trace(bool shareAll)
    {
        var r = Check("bank_transfers.tla", 2, shareAll: shareAll);
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

    [Fact]
    public void A_deep_violation_in_wide_levels_has_a_trace_of_valid_steps_with_expanded_states_dropped()
    {
        // Wide levels (z takes any of ten values at every step), so that the workers drop many expanded states of a
        // level while the others are still being expanded; the trace is generated again from the predecessors.
        var r = InlineSpec.Check("Walk", """
            ---- MODULE Walk ----
            EXTENDS Naturals
            VARIABLES x, y, z
            Init == x = 0 /\ y = 0 /\ z = 0
            Next == \E d \in 0..9 :
                      /\ z' = d
                      /\ \/ x < 20 /\ x' = x + 1 /\ y' = y
                         \/ y < 20 /\ y' = y + 1 /\ x' = x
            NotThere == ~(x = 12 /\ y = 12)
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT NotThere\n", 2);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("NotThere", r.Violation.Property);
        Assert.Equal(25, r.Trace.Count);
        long X(int i) => ((Ops.Tla.Values.IntValue)r.Trace[i].Values[0]).V;
        long Y(int i) => ((Ops.Tla.Values.IntValue)r.Trace[i].Values[1]).V;
        Assert.Equal((0L, 0L), (X(0), Y(0)));
        for (int i = 1; i < r.Trace.Count; i++) Assert.Equal(1, X(i) - X(i - 1) + Y(i) - Y(i - 1));
        Assert.Equal((12L, 12L), (X(24), Y(24)));
    }

    /// <summary>As TLC (cc6b616, -workers 2): TLCGet("stats").worker is the number of the worker evaluating (0 to N - 1;
    /// 0 outside a worker, in a POSTCONDITION) and TLCGet("config").worker the number of workers.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TLCGet_stats_worker_is_the_workers_number_and_config_worker_their_count(int workers)
    {
        var r = InlineSpec.Check("Workers", """
            ---- MODULE Workers ----
            EXTENDS Naturals, TLC
            CONSTANT N
            VARIABLES x, y
            Init == x = 0 /\ y \in 1..50
            Next == x < 20 /\ x' = x + 1 /\ y' = y
            Numbered == TLCGet("stats").worker \in 0..N - 1 /\ TLCGet("config").worker = N
            Post == TLCGet("stats").worker = 0 /\ TLCGet("config").worker = N
            ====
            """, $"CONSTANT N = {workers}\nINIT Init\nNEXT Next\nINVARIANT Numbered\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n", workers);
        Assert.True(r.Outcome == CheckOutcome.Success, r.Violation?.Message);
        Assert.Equal(1050, r.DistinctStates);
    }
}
