using Ops.Tla.Differential;
using Ops.Cli;
using Ops.Tla.Checking;
using Ops.Tla.PlusCal;
using Xunit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>
/// The PlusCal modules of the shared corpus (TLA+ Examples) and the seed token-pool specs: our translation is the
/// file's own (modulo white space, in one of pcal.trans's two variable layouts) or at least checks with the same
/// verdict and the same distinct/generated counts as TLC. Skipped, with a note, where the corpus is absent.
/// </summary>
[Collection(CorpusRunsCollection.Name)]
public class PlusCalCorpusTests
{
    private static IEnumerable<string> PlusCalModules(string corpus) =>
        Directory.GetFiles(Path.Combine(corpus, "specifications"), "*.tla", SearchOption.AllDirectories)
            .Where(f => { var t = File.ReadAllText(f); return PlusCalTranslator.HasAlgorithm(t) && t.Contains("BEGIN TRANSLATION"); })
            .OrderBy(f => f, StringComparer.Ordinal);

    [CorpusFact]
    public void Every_corpus_algorithm_translates_and_most_translations_are_the_files_own()
    {
        var corpus = TestPaths.Corpus;
        int total = 0, same = 0;
        var differing = new List<string>();
        foreach (var f in PlusCalModules(corpus))
        {
            total++;
            var text = File.ReadAllText(f);
            var a = PlusCalTranslator.Translate(text, f);
            var b = PlusCalTranslator.Translate(text, f, pcLast: true);
            if (!a.ExistingIsStale || PlusCalTranslator.SameTranslation(a.ExistingLines, b.Lines)) same++;
            else differing.Add(Path.GetFileName(f));
        }
        Assert.True(total >= 17, $"found {total} PlusCal modules");
        // VoteProof (an older pcal.trans: UNCHANGED v for one variable, blank lines of the define block) and
        // Sailfish are the known differences.
        Assert.True(same >= 15, $"{same} of {total} identical; differing: {string.Join(", ", differing)}");
    }

    public static IEnumerable<object[]> Models()
    {
        // Every ratchet model whose folder holds a PlusCal module with its translation.
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "conformance", "ratchet.txt");
        var corpus = TestPaths.Corpus;
        if (corpus == null) yield break;
        var withAlgorithm = Directory.GetFiles(Path.Combine(corpus, "specifications"), "*.tla", SearchOption.AllDirectories)
            .Where(f => { var t = File.ReadAllText(f); return System.Text.RegularExpressions.Regex.IsMatch(t, @"--(fair\s+)?algorithm\b") && t.Contains("BEGIN TRANSLATION"); })
            .Select(f => Path.GetRelativePath(corpus, Path.GetDirectoryName(f)!).Replace('\\', '/')).ToHashSet();
        foreach (var line in File.ReadAllLines(path))
        {
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            if (withAlgorithm.Contains(Path.GetDirectoryName(t)!.Replace('\\', '/'))) yield return new object[] { t };
        }
    }

    /// <summary>Copies the model's folder to a temporary corpus, writes our translation into every PlusCal module
    /// there, and checks the model against TLC's figures.</summary>
    [CorpusTheory]
    [MemberData(nameof(Models))]
    public void Our_translation_checks_like_TLC_on_the_files_translation(string cfg)
    {
        var corpus = TestPaths.Corpus;
        var c = ConformanceCorpus.ReadExpected(corpus).Single(x => x.Cfg == cfg);
        var dir = Path.GetDirectoryName(c.Cfg)!;
        var root = Path.Combine(Path.GetTempPath(), "ops-pcal-corpus-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(root, dir);
        Directory.CreateDirectory(target);
        foreach (var f in Directory.GetFiles(Path.Combine(corpus, dir)))
            File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        int translated = 0;
        foreach (var f in Directory.GetFiles(target, "*.tla"))
        {
            var text = File.ReadAllText(f);
            if (!PlusCalTranslator.HasAlgorithm(text) || !text.Contains("BEGIN TRANSLATION")) continue;
            File.WriteAllText(f, PlusCalTranslator.Translate(text, f).ModuleText);
            translated++;
        }
        Assert.True(translated > 0);
        var outcome = Conformance.Run(root, c, CorpusRunsCollection.HangGuard);
        Assert.True(outcome.Verdict == ConformanceVerdict.Matched, $"{cfg}: {outcome.Verdict}: {outcome.Detail}");
        Directory.Delete(root, true);
    }

    private static string SeedWithoutTranslation(string name)
    {
        var text = File.ReadAllText(TestPaths.Seed(name + ".tla"));
        var lines = text.Split('\n').ToList();
        int b = lines.FindIndex(l => l.Contains("BEGIN TRANSLATION"));
        int e = lines.FindIndex(l => l.Contains("END TRANSLATION"));
        lines.RemoveRange(b, e - b + 1);
        var dir = Path.Combine(Path.GetTempPath(), "ops-pcal-seed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".tla"), string.Join("\n", lines));
        foreach (var cfg in Directory.GetFiles(Path.GetDirectoryName(TestPaths.Seed(name + ".tla"))!, name + "*.cfg"))
            File.Copy(cfg, Path.Combine(dir, Path.GetFileName(cfg)));
        return Path.Combine(dir, name + ".tla");
    }

    [Theory]
    [InlineData("ExistingService")]
    [InlineData("UpdatedService")]
    public void Seed_translation_is_the_hand_written_one(string name)
    {
        // The seed posts' translations are in the layout of pcal.trans before 1.11 (pc after the variables).
        var text = File.ReadAllText(TestPaths.Seed(name + ".tla"));
        var t = PlusCalTranslator.Translate(text, name + ".tla", pcLast: true);
        Assert.False(t.ExistingIsStale);
        Assert.Equal(t.ExistingLines, t.Lines);
    }

    [Fact]
    public void ExistingService_translated_in_memory_violates_MaxTokensNotExceeded_in_13_states()
    {
        var spec = SeedWithoutTranslation("ExistingService");
        foreach (var cfg in new[] { "ExistingService.cfg", "ExistingService_symmetry.cfg" })
        {
            var r = ModelChecker.Check(spec, new CheckOptions { ConfigPath = Path.Combine(Path.GetDirectoryName(spec)!, cfg) });
            Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
            Assert.Equal(12, r.ExitCode);
            Assert.Equal("MaxTokensNotExceeded", r.Violation.Property);
            Assert.Equal(13, r.Trace.Count);
            Assert.Contains(r.Warnings, w => w.Contains("no translation"));
        }
    }

    [Fact]
    public void UpdatedService_translated_in_memory_holds_with_the_seed_counts()
    {
        var spec = SeedWithoutTranslation("UpdatedService");
        var r = ModelChecker.Check(spec);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3952, r.StatesGenerated);
        Assert.Equal(1111, r.DistinctStates);
        // With SYMMETRY: the same figures as the file's hand-written translation gives.
        r = ModelChecker.Check(spec, new CheckOptions { ConfigPath = Path.Combine(Path.GetDirectoryName(spec)!, "UpdatedService_symmetry.cfg") });
        var own = ModelChecker.Check(TestPaths.Seed("UpdatedService.tla"), new CheckOptions { ConfigPath = TestPaths.Seed("UpdatedService_symmetry.cfg") });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(own.StatesGenerated, r.StatesGenerated);
        Assert.Equal(own.DistinctStates, r.DistinctStates);
    }
}
