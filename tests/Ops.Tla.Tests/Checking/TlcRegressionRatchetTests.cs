using Ops.Tla.Differential;
using Ops.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The ratchet of TLC's regression suite (../shared/conformance/tlc-test-model): every row listed in
/// tests/conformance/ratchet-tlc-test-model.txt matched TLC once (exit code; generated and distinct counts with one
/// worker for verdicts) and must keep matching. The rows run in parallel (one per core, the longest by TLC's time
/// first), each with a limit that only guards against a hang (CorpusRunsCollection.HangGuard: the slowest rows take TLC 11-32 s and Ops about 80 s on a loaded machine). Skipped, with a note, where ../shared is absent.
/// </summary>
[Collection(CorpusRunsCollection.Name)]
public class TlcRegressionRatchetTests
{
    private readonly ITestOutputHelper _out;

    public TlcRegressionRatchetTests(ITestOutputHelper output) => _out = output;

    private static string Corpus => ConformanceCorpus.FindCorpus(TestPaths.RepoRoot, "tlc-test-model");

    private static string File_(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "conformance", name);

    [Fact]
    public void Listed_rows_of_TLCs_regression_suite_still_match_TLC()
    {
        var corpus = Corpus;
        if (corpus == null)
        {
            _out.WriteLine("skipped: ../shared/conformance/tlc-test-model is not next to this checkout");
            return;
        }
        var byKey = ConformanceCorpus.ReadExpected(corpus).ToDictionary(c => c.Key);
        var keys = ConformanceCorpus.ReadKeys(File_("ratchet-tlc-test-model.txt"));
        var unknown = keys.Where(k => !byKey.ContainsKey(k)).ToList();
        Assert.True(unknown.Count == 0, "listed in the ratchet but not in expected.tsv: " + string.Join(", ", unknown));
        var started = DateTime.UtcNow;
        var outcomes = Conformance.RunAll(corpus, keys.Select(k => byKey[k]).ToList(), CorpusRunsCollection.HangGuard, 1, Environment.ProcessorCount);
        _out.WriteLine($"{outcomes.Count} rows in {(DateTime.UtcNow - started).TotalSeconds:0} s on {Environment.ProcessorCount} cores");
        var failed = outcomes.Where(o => o.Verdict != ConformanceVerdict.Matched).Select(o => $"{o.Case.Name}: {o.Verdict}: {o.Detail}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} listed rows no longer match TLC:\n" + string.Join("\n", failed));
    }

    [Fact]
    public void Every_deviation_is_a_row_of_the_suite_with_a_reason_and_not_in_the_ratchet()
    {
        var deviations = ConformanceCorpus.ReadDeviations(File_("deviations-tlc-test-model.tsv"));
        Assert.NotEmpty(deviations);
        Assert.All(deviations, d => Assert.True(d.Value.Length > 20, $"{d.Key}: give the reason"));
        var ratchet = ConformanceCorpus.ReadKeys(File_("ratchet-tlc-test-model.txt")).ToHashSet();
        Assert.DoesNotContain(deviations.Keys, ratchet.Contains);
        var corpus = Corpus;
        if (corpus == null) return;
        var rows = ConformanceCorpus.ReadExpected(corpus).ToDictionary(c => c.Key);
        Assert.All(deviations.Keys, k => Assert.True(rows.ContainsKey(k), $"{k} is not a row of expected.tsv"));
    }
}
