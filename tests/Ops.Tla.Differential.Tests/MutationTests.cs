using Ops.Tla.Checking;
using Ops.Tla.Differential;
using Ops.Tla.Output;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Differential.Tests;

/// <summary>
/// Robustness on mutants of the conformance corpora (../shared/conformance): every mutant must be answered with one
/// of TLC's exit codes and a message, never an internal error or a stack trace (a stack overflow would kill this test
/// run). Long batches run in child processes with <c>ops fuzz</c>. Skipped, with a note, where ../shared is absent.
/// </summary>
public class MutationTests
{
    public const ulong Seed = 20261206;
    public const int Count = 120;

    private readonly ITestOutputHelper output;

    public MutationTests(ITestOutputHelper output) => this.output = output;

    private static string FindCorpus(string name) =>
        ConformanceCorpus.FindCorpus(AppContext.BaseDirectory, name) ?? ConformanceCorpus.FindCorpus(Directory.GetCurrentDirectory(), name);

    [Fact]
    public void Mutants_of_the_corpora_are_answered_with_an_exit_code_and_a_message()
    {
        var corpora = new[] { "tlaplus-examples", "tlc-test-model" }.Select(FindCorpus).Where(c => c != null).ToList();
        if (corpora.Count == 0)
        {
            output.WriteLine("skipped: ../shared/conformance not found beside the repository");
            return;
        }
        var models = corpora.SelectMany(CorpusModel.Read).ToList();
        var fuzzer = new MutationFuzzer
        {
            Jobs = 2,
            WorkDir = Path.Combine(Path.GetTempPath(), $"ops-mutants-{Guid.NewGuid():N}"),
            Check = (spec, cfg) =>
            {
                var r = ModelChecker.Check(spec, new CheckOptions
                {
                    ConfigPath = cfg,
                    Workers = 1,
                    TimeLimit = TimeSpan.FromSeconds(5),
                    MemoryBudgetMB = 512,
                });
                return (r.ExitCode, TlcText.Format(r));
            },
        };
        var outcomes = fuzzer.Run(models, Count, Seed);
        Assert.Equal(Count, outcomes.Count);
        output.WriteLine($"{outcomes.Count} mutants; exit codes " +
                         string.Join(", ", outcomes.GroupBy(o => o.Exit).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        // The batch reaches the parser, the configuration and the search, not only one of them.
        Assert.Contains(outcomes, o => o.Exit == 150);
        Assert.Contains(outcomes, o => o.Exit == 151);
        Assert.Contains(outcomes, o => o.Exit is 0 or 10 or 11 or 12 or 13 or 14);
        var crashes = outcomes.Where(o => o.Crash != null).ToList();
        Assert.True(crashes.Count == 0, string.Join("\n\n", crashes.Select(o =>
            $"{o.Crash}: mutant {o.Seed} of {o.Model.Spec} ({o.What}), exit {o.Exit}\n{o.Output}")));
    }

    [Theory]
    [InlineData(255, "Error: internal error in the checker (NullReferenceException: ...)", "internal error")]
    [InlineData(134, "Stack overflow.\n   at Ops.Tla.Eval.Term.Eval(EvalState, Frame)", "stack overflow")]
    [InlineData(1, "Unhandled exception. System.InvalidCastException", "stack trace")]
    [InlineData(3, "something", "exit code 3")]
    [InlineData(150, "Error: Expected an expression, but found ')' at M.tla:3:9", null)]
    [InlineData(12, "Error: Invariant Inv is violated.", null)]
    public void A_crash_is_told_from_an_answer(int exit, string text, string crash) =>
        Assert.Equal(crash, MutationFuzzer.Classify(exit, text));
}
