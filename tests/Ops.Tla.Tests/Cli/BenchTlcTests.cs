using Ops.Cli;
using Ops.Tla.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops bench` runs its models in child processes, and with `-tlc PATH` runs TLC on them in turns and prints
/// both side by side.</summary>
public class BenchTlcTests
{
    private readonly ITestOutputHelper output;

    public BenchTlcTests(ITestOutputHelper output) => this.output = output;

    private static (int Exit, string Out, string Err) Bench(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // The bench finds the seed specs above the test's binaries (the repository's specs/seed).
        int exit = CliApp.Run(new[] { "bench" }.Concat(args).ToArray(), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_bench_run_checks_the_model_in_a_child_and_compares_TLCs_counts()
    {
        var (exit, text, err) = Bench("-filter", "seed/bank.cfg", "-runs", "1");
        Assert.True(exit == 0, text + err);
        var row = text.Split('\n').Single(l => l.StartsWith("| bank ", StringComparison.Ordinal));
        Assert.Contains("2266", row);
        Assert.Contains("success (= TLC)", row);
        Assert.DoesNotContain("Side by side with TLC", text);
    }

    [Fact]
    public void A_missing_TLC_is_a_usage_error_that_names_the_path()
    {
        var (exit, _, err) = Bench("-filter", "seed/bank.cfg", "-runs", "1", "-tlc", "/nonexistent/tlc");
        Assert.Equal(255, exit);
        Assert.Contains("-tlc /nonexistent/tlc: no such file", err);
    }

    [Fact]
    public void With_TLC_the_side_by_side_row_gives_both_wall_times_and_memories_and_agreeing_counts()
    {
        var tlc = TlcRunner.Locate(TestPaths.RepoRoot);
        if (tlc == null || !TlcRunner.JavaAvailable(Environment.GetEnvironmentVariable("PATH")))
        {
            output.WriteLine("skipped: TLC (../shared/tools/tlc) or java is not here");
            return;
        }
        var (exit, text, err) = Bench("-filter", "seed/bank.cfg", "-runs", "1", "-workers", "1,2", "-tlc", tlc);
        Assert.True(exit == 0, text + err);
        var table = text[text.IndexOf("Side by side with TLC", StringComparison.Ordinal)..];
        foreach (var w in new[] { "1", "2" })
        {
            var row = table.Split('\n').Single(l => l.StartsWith($"| bank                             | {w,2} |", StringComparison.Ordinal));
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            // model, w, ops wall, TLC wall, ratio, ops peak, TLC peak, ops B/state, TLC B/state, counts
            Assert.True(double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
            Assert.True(double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
            Assert.EndsWith("x", cells[5]);
            Assert.True(long.Parse(cells[7]) > 0, row);
            Assert.Equal("= TLC (success 2266/220)", cells[10]);
        }
    }

    [Fact]
    public void The_row_says_where_TLCs_counts_differ_and_counts_it_as_a_failure()
    {
        var ops = new[] { new TlcSideBySide.OpsRun(1000, 100 << 20, "success", 2266, 220) };
        var same = new[] { new TlcSideBySide.Run(3000, 300 << 20, 2500, "success", 2266, 220, null) };
        var (row, agrees) = TlcSideBySide.Row("bank", 1, ops, same);
        Assert.True(agrees);
        Assert.Contains("3.00x", row);
        Assert.Contains("= TLC (success 2266/220)", row);

        var other = new[] { new TlcSideBySide.Run(3000, 300 << 20, 2500, "success", 2266, 221, null) };
        (row, agrees) = TlcSideBySide.Row("bank", 1, ops, other);
        Assert.False(agrees);
        Assert.Contains("differ: TLC success 2266/221, ops success 2266/220", row);

        var failed = new[] { new TlcSideBySide.Run(300000, 0, 0, null, null, null, "no verdict within 300 s") };
        (row, agrees) = TlcSideBySide.Row("bank", 1, ops, failed);
        Assert.False(agrees);
        Assert.Contains("TLC failed: no verdict within 300 s", row);
    }
}
