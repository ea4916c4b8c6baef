using Ops.Tla.Differential;
using Ops.Cli;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The ratchet: every model listed in tests/conformance/ratchet.txt matched TLC once and must keep matching
/// (verdict, and distinct/generated counts where expected.tsv has them). Grow the list as the checker grows:
/// `ops conformance` prints the candidates.
/// </summary>
[Collection(CorpusRunsCollection.Name)]
public class ConformanceRatchetTests
{
    public static IEnumerable<object[]> Models()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "conformance", "ratchet.txt");
        foreach (var line in File.ReadAllLines(path))
        {
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            yield return new object[] { t };
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Models))]
    public void Listed_model_still_matches_TLC(string cfg)
    {
        var corpus = TestPaths.Corpus;
        var c = ConformanceCorpus.ReadExpected(corpus).SingleOrDefault(x => x.Cfg == cfg);
        Assert.True(c != null, $"{cfg} is listed in ratchet.txt but not in expected.tsv");
        var outcome = Conformance.Run(corpus, c, CorpusRunsCollection.HangGuard);
        Assert.True(outcome.Verdict == ConformanceVerdict.Matched, $"{cfg}: {outcome.Verdict}: {outcome.Detail}");
    }

    [CorpusFact]
    public void Ratchet_holds_at_least_half_of_the_safety_models()
    {
        var corpus = TestPaths.Corpus;
        var safety = ConformanceCorpus.ReadExpected(corpus).Where(c => !c.Temporal).Select(c => c.Cfg).ToHashSet();
        var listed = Models().Select(m => (string)m[0]).Where(safety.Contains).Count();
        Assert.True(listed * 2 >= safety.Count, $"the ratchet lists {listed} of {safety.Count} safety models");
    }
}
