using Ops.Tla.Differential;
using Ops.Cli;
using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops bench`'s speed-up column: ratios of runs measured in the same round, then their median.</summary>
public class BenchSpeedUpTests
{
    [Fact]
    public void The_speed_up_is_the_median_of_the_ratios_of_paired_runs()
    {
        // Rounds 2 and 3 ran at other speeds of the machine: their ratios are 2x, the first round's 1.6x; the medians
        // of the times taken apart (8000 / 5000) would say 1.6x.
        var one = new long?[] { 8000, 16000, 7000 };
        var two = new long?[] { 5000, 8000, 3500 };
        Assert.Equal(2.0, BenchCommand.PairedSpeedUp(one, two)!.Value, 3);
        // An even number of runs: the mean of the middle two (1.6x and 2x).
        Assert.Equal(1.8, BenchCommand.PairedSpeedUp(new long?[] { 8000, 16000 }, new long?[] { 5000, 8000 })!.Value, 3);
    }

    [Fact]
    public void Failed_runs_are_left_out_and_no_pair_gives_no_figure()
    {
        Assert.Equal(2.0, BenchCommand.PairedSpeedUp(new long?[] { 6000, null, 9000 }, new long?[] { 3000, 4000, null })!.Value, 3);
        Assert.Null(BenchCommand.PairedSpeedUp(new long?[] { null }, new long?[] { 1000 }));
        Assert.Null(BenchCommand.PairedSpeedUp(new long?[0], new long?[0]));
    }
}

/// <summary>`ops bench`'s fixed set: every model is where the bench looks for it, with TLC's figures to compare.</summary>
public class BenchModelSetTests
{
    [Fact]
    public void Seed_models_ship_with_the_repository_and_carry_TLCs_counts()
    {
        foreach (var m in BenchCommand.Models.Where(m => !m.InCorpus))
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, m.Tla)), m.Tla);
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, m.Cfg)), m.Cfg);
            Assert.True(m.TlcGenerated > 0 && m.TlcDistinct > 0, $"{m.Name} has no TLC counts to compare with");
            Assert.True(m.TlcSeconds >= 0, $"{m.Name} has no TLC time to show");
            var r = Ops.Tla.Checking.ModelChecker.Check(Path.Combine(TestPaths.RepoRoot, m.Tla),
                new Ops.Tla.Checking.CheckOptions { ConfigPath = Path.Combine(TestPaths.RepoRoot, m.Cfg) });
            Assert.Equal((m.TlcGenerated, m.TlcDistinct), ((long?)r.StatesGenerated, (long?)r.DistinctStates));
        }
    }

    [CorpusFact]
    public void Larger_models_of_corpus_specs_ship_their_configuration_and_TLCs_counts()
    {
        var large = BenchCommand.Models.Where(m => m.CfgInRepo).ToList();
        Assert.NotEmpty(large);
        foreach (var m in large)
        {
            Assert.True(m.InCorpus, $"{m.Name}: a repository configuration is for a corpus spec");
            Assert.True(File.Exists(Path.Combine(TestPaths.Corpus, m.Tla)), m.Tla);
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, m.Cfg)), m.Cfg);
            Assert.True(m.TlcGenerated > 0 && m.TlcDistinct > 0, $"{m.Name} has no TLC counts to compare with");
            // The configuration parses and binds against its spec; the search is cancelled before it starts (the full
            // check is the bench's, a minute and more).
            var r = Ops.Tla.Checking.ModelChecker.Check(Path.Combine(TestPaths.Corpus, m.Tla),
                new Ops.Tla.Checking.CheckOptions { ConfigPath = Path.Combine(TestPaths.RepoRoot, m.Cfg), Cancellation = new CancellationToken(true) });
            Assert.True(r.ModelLoaded, r.Violation?.Message);
            Assert.NotEqual(Ops.Tla.Checking.ViolationKind.Config, r.Violation?.Kind);
        }
    }

    [CorpusFact]
    public void Corpus_models_are_in_expected_tsv()
    {
        var expected = ConformanceCorpus.ReadExpected(TestPaths.Corpus);
        foreach (var m in BenchCommand.Models.Where(m => m.InCorpus && !m.CfgInRepo))
        {
            var c = expected.FirstOrDefault(x => x.Cfg == m.Cfg && x.Tla == m.Tla);
            Assert.True(c != null, $"{m.Cfg} is not in expected.tsv");
            Assert.True(c.TlcRuntime > TimeSpan.Zero, $"{m.Cfg}: TLC's time is not read from expected.tsv");
        }
        // TLC's time is read from the tlc_runtime column (hh:mm:ss).
        Assert.Equal(TimeSpan.FromSeconds(15), expected.First(x => x.Cfg == "specifications/btree/btree.cfg").TlcRuntime);
    }
}
