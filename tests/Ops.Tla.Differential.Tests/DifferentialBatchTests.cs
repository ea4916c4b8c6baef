using Ops.Tla.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Differential.Tests;

/// <summary>
/// A fixed-seed batch of generated specs checked by Ops and by TLC (../shared/tools/tlc): any disagreement fails the
/// test and prints the shrunk reproducer. Skipped, with a note, where java or TLC is missing.
/// </summary>
public class DifferentialBatchTests
{
    /// <summary>The CI batch: seed and size (about a second per spec with TLC's JVM start-up, two at a time).</summary>
    public const ulong Seed = 20261206;
    public const int Count = 30;

    private readonly ITestOutputHelper output;

    public DifferentialBatchTests(ITestOutputHelper output) => this.output = output;

    private static string FindTlc() => TlcRunner.Locate(AppContext.BaseDirectory) ?? TlcRunner.Locate(Directory.GetCurrentDirectory());

    [Fact]
    public void Fixed_seed_batch_agrees_with_TLC()
    {
        var tlc = FindTlc();
        if (tlc == null || !TlcRunner.JavaAvailable(Environment.GetEnvironmentVariable("PATH")))
        {
            output.WriteLine(tlc == null
                ? "skipped: TLC not found (../shared/tools/tlc beside the repository)"
                : "skipped: java not found (apt-get install -y openjdk-17-jre-headless)");
            return;
        }
        var outDir = Path.Combine(Path.GetTempPath(), $"ops-difftest-ci-{Guid.NewGuid():N}");
        var harness = new DiffHarness(tlc, outDir)
        {
            Jobs = 2,
            Timeout = TimeSpan.FromSeconds(60),
            ShrinkIterations = 15,
            ShrinkTime = TimeSpan.FromSeconds(60),
            Log = line => output.WriteLine(line),
        };
        var summary = harness.RunBatch(Count, Seed);
        harness.Cleanup();
        output.WriteLine(summary.Format());
        if (summary.Disagreements.Count == 0)
        {
            Assert.Equal(Count, summary.Run);
            return;
        }
        var report = string.Join("\n\n", summary.Disagreements.Select(d =>
            $"{d.Describe()}\n{d.Case}\n---- TLC\n{Tail(d.Tlc.Output)}\n---- Ops\n{Tail(d.Ops.Output)}"));
        Assert.Fail($"{summary.Disagreements.Count} disagreement(s) with TLC:\n{report}");
    }

    [Fact]
    public void Generation_is_deterministic_and_varied()
    {
        var a = DiffHarness.CaseFor(7, 3);
        var b = DiffHarness.CaseFor(7, 3);
        Assert.Equal(a.Tla, b.Tla);
        Assert.Equal(a.Cfg, b.Cfg);
        var texts = Enumerable.Range(0, 200).Select(i => DiffHarness.CaseFor(7, i)).ToList();
        Assert.True(texts.Select(t => t.Tla).Distinct().Count() > 190);
        // The generator covers the language broadly: every construct appears somewhere in 200 specs.
        var all = string.Join("\n", texts.Select(t => t.Tla + t.Cfg + string.Concat(t.Modules.Values)));
        foreach (var construct in new[] { "EXCEPT", "@", "LET", "CHOOSE", "CASE", "IF", "\\A <<", "\\E", "LAMBDA", "RECURSIVE",
                     "SUBSET", "UNION", "\\X", "DOMAIN", "Append", "SelectSeq", "SubSeq", "INSTANCE", "WITH", "WF_vars", "SF_vars",
                     "CONSTRAINT", "ACTION_CONSTRAINT", "SYMMETRY", "VIEW", "PROPERTY", "~>", "[]<>", ":>", "NoVal" })
            Assert.Contains(construct, all);
    }

    [Fact]
    public void Thousands_of_cases_generate_without_failure()
    {
        for (var i = 0; i < 3000; i++)
        {
            var c = DiffHarness.CaseFor(11, i);
            Assert.Contains("Init ==", c.Tla);
            Assert.True(c.Complexity > 0);
        }
    }

    [Fact]
    public void Leaving_a_component_out_keeps_the_others()
    {
        var full = SpecGen.Build(42, 0, 3);
        var less = SpecGen.Build(42, 1L << Component.View | 1L << Component.Invariant0, 3);
        Assert.DoesNotContain("INVARIANT Inv0", less.Cfg);
        Assert.True(less.Complexity <= full.Complexity);
    }

    [Fact]
    public void TLC_output_is_parsed()
    {
        const string text = """
            Error: Invariant Inv1 is violated.
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 0

            State 2: <A0 line 20, col 1 to line 20, col 30 of module Gen>
            x = 1

            1,234 states generated, 56 distinct states found, 0 states left on queue.
            """;
        var o = TlcRunner.Parse(12, text);
        Assert.Equal("Inv1", o.Property);
        Assert.Equal(2, o.TraceLength);
        Assert.Equal(1234, o.Generated);
        Assert.Equal(56, o.Distinct);
        var live = TlcRunner.Parse(13, "Error: Temporal property Prop0 was violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n9 states generated, 3 distinct states found, 0 states left on queue.");
        Assert.Equal("Prop0", live.Property);
        Assert.Equal(1, live.TraceLength);
        // One counterexample violating several properties (finding 008): Ops names one of them, and that agrees.
        var many = TlcRunner.Parse(13, "Error: Temporal properties Prop0 and Prop2 were violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n9 states generated, 3 distinct states found, 0 states left on queue.");
        Assert.Equal(new HashSet<string> { "Prop0", "Prop2" }, many.Properties);
        var ops = new RunOutcome { Exit = 13, Generated = 9, Distinct = 3, Property = "Prop2", TraceLength = 1 };
        Assert.Empty(DiffHarness.Compare(many, ops));
        ops.Property = "Prop1";
        Assert.Equal(new[] { "property" }, DiffHarness.Compare(many, ops));
        // A liveness lasso's length is each checker's search order (finding 005); a safety trace's is not.
        ops.Property = "Prop2";
        ops.TraceLength = 4;
        Assert.Empty(DiffHarness.Compare(many, ops));
        // TLC's liveness check of the partial graph runs when time has passed: its counts are the clock's (006).
        var timed = TlcRunner.Parse(13, "Checking temporal properties for the current state space with 1092 total distinct states\nError: Temporal property Prop2 was violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n6312 states generated, 1944 distinct states found, 0 states left on queue.");
        Assert.True(timed.LivenessMidSearch);
        Assert.Empty(DiffHarness.Compare(timed, new RunOutcome { Exit = 13, Generated = 9720, Distinct = 1944, Property = "Prop2", TraceLength = 1 }));
        var inv = TlcRunner.Parse(12, "Error: Invariant Inv1 is violated.\nState 1: <Initial predicate>\nx = 0\n\n5 states generated, 5 distinct states found, 0 states left on queue.");
        Assert.Equal(new[] { "trace" }, DiffHarness.Compare(inv, new RunOutcome { Exit = 12, Generated = 5, Distinct = 5, Property = "Inv1", TraceLength = 2 }));
    }

    private static string Tail(string text)
    {
        var lines = (text ?? "").Split('\n');
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
    }
}
