using Ops.Tla.Checking;
using Xunit.Abstractions;

namespace Ops.Tla.Distributed.Tests;

/// <summary>
/// The distributed search on a three-silo cluster gives what the single-process search gives: the verdict, the
/// violated property, the counts (generated, distinct, left on queue, depth) and the same trace.
/// </summary>
[Collection("cluster")]
public sealed class DistributedSearchTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private DistributedSearch Search(int partitions = 5) => new(fixture.Cluster.GrainFactory, partitions);

    private static void SameResult(CheckResult expected, CheckResult actual)
    {
        Assert.Equal(expected.ExitStatus, actual.ExitStatus);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Violation?.Kind, actual.Violation?.Kind);
        Assert.Equal(expected.Violation?.Property, actual.Violation?.Property);
        Assert.Equal(expected.Violation?.Message, actual.Violation?.Message);
        Assert.Equal(expected.StatesGenerated, actual.StatesGenerated);
        Assert.Equal(expected.DistinctStates, actual.DistinctStates);
        Assert.Equal(expected.StatesLeftOnQueue, actual.StatesLeftOnQueue);
        Assert.Equal(expected.Depth, actual.Depth);
        // What `ops check` prints, but the time.
        static string Text(CheckResult r) => string.Join("\n", Ops.Tla.Output.TlcText.Format(r).Split('\n').Where(l => !l.StartsWith("Finished in", StringComparison.Ordinal)));
        Assert.Equal(Text(expected), Text(actual));
        Assert.Equal(expected.Trace.Count, actual.Trace.Count);
        for (int i = 0; i < expected.Trace.Count; i++)
        {
            Assert.Equal(expected.Trace[i].Action, actual.Trace[i].Action);
            Assert.Equal(expected.Trace[i].Values, actual.Trace[i].Values);
        }
    }

    private async Task<CheckResult> Compare(string spec, string cfg = null, int partitions = 5, CheckOptions options = null)
    {
        CheckOptions Options() => new() { ConfigPath = cfg, CheckDeadlock = options?.CheckDeadlock ?? true };
        var single = ModelChecker.Check(spec, Options());
        var distributed = await Search(partitions).CheckAsync(spec, Options());
        output.WriteLine($"{Path.GetFileName(spec)}: {single.ExitStatus} {single.StatesGenerated}/{single.DistinctStates}/{single.StatesLeftOnQueue}/{single.Depth}; " +
                         $"distributed {distributed.ExitStatus} {distributed.StatesGenerated}/{distributed.DistinctStates}/{distributed.StatesLeftOnQueue}/{distributed.Depth}");
        SameResult(single, distributed);
        return distributed;
    }

    [Fact]
    public async Task Bank_gives_the_single_process_counts()
    {
        var r = await Compare(TestPaths.Seed("bank.tla"));
        Assert.Equal(ExitStatus.Success, r.ExitStatus);
        Assert.Equal(2266, r.StatesGenerated);
        Assert.Equal(220, r.DistinctStates);
        Assert.Equal(13, r.Depth);
    }

    [Fact]
    public async Task Bank_transfers_gives_the_same_shortest_counterexample()
    {
        var r = await Compare(TestPaths.Seed("bank_transfers.tla"));
        Assert.Equal(ExitStatus.SafetyViolation, r.ExitStatus);
        Assert.Equal("NoNegativeBalance", r.Violation.Property);
        Assert.Equal(5, r.Trace.Count);
    }

    [Theory]
    [InlineData("ExistingService.tla", null)]
    [InlineData("ExistingService.tla", "ExistingService_symmetry.cfg")]
    [InlineData("UpdatedService.tla", null)]
    [InlineData("UpdatedService.tla", "UpdatedService_symmetry.cfg")]
    [InlineData("syn.tla", null)]
    [InlineData("syn_nodes.tla", "syn_nodes_safety.cfg")]
    public async Task Seed_specs_give_the_single_process_results(string spec, string cfg) =>
        await Compare(TestPaths.Seed(spec), cfg == null ? null : TestPaths.Seed(cfg));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task The_number_of_partitions_does_not_change_the_result(int partitions) =>
        await Compare(TestPaths.Seed("bank_transfers.tla"), partitions: partitions);

    [Theory]
    [InlineData("DieHard/DieHard.tla", "DieHard/DieHard.cfg")]
    [InlineData("MissionariesAndCannibals/MissionariesAndCannibals.tla", "MissionariesAndCannibals/MissionariesAndCannibals.cfg")]
    [InlineData("transaction_commit/TwoPhase.tla", "transaction_commit/TwoPhase.cfg")]
    [InlineData("transaction_commit/2PCwithBTM.tla", "transaction_commit/2PCwithBTM.cfg")]
    [InlineData("SpecifyingSystems/FIFO/MCInnerFIFO.tla", "SpecifyingSystems/FIFO/MCInnerFIFO.cfg")]
    [InlineData("btree/kvstore.tla", "btree/kvstore.cfg")]
    [InlineData("spanning/MC_spanning.tla", "spanning/MC_spanning.cfg")]
    [InlineData("SlidingPuzzles/SlidingPuzzles.tla", "SlidingPuzzles/SlidingPuzzles.cfg")]
    public async Task Corpus_models_give_the_single_process_results(string spec, string cfg)
    {
        if (TestPaths.CorpusOrNull == null)
        {
            output.WriteLine(TestPaths.CorpusAbsentNote);
            return;
        }
        await Compare(TestPaths.CorpusSpec(spec), TestPaths.CorpusSpec(cfg));
    }
}
