using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.Checking.Storage;

/// <summary><c>ops check -diskstates</c> (with TLC's -fpmem and -metadir) prints what the check in memory prints, and
/// leaves nothing in -metadir.</summary>
public class DiskStatesCliTests
{
    [Fact]
    public void A_check_on_disk_prints_the_counterexample_and_figures_of_the_check_in_memory()
    {
        using var t = new TempSpecs();
        var meta = t.File_("meta");
        string spec = TestPaths.Seed("bank_transfers.tla");
        var memory = CliRun.Of("check", spec);
        var disk = CliRun.Of("check", spec, "-diskstates", "-fpmem", "0.001", "-metadir", meta);
        Assert.Equal(12, disk.Exit);
        Assert.Equal(memory.Exit, disk.Exit);
        Assert.Equal(Body(memory.Out), Body(disk.Out));
        Assert.Contains("Invariant NoNegativeBalance is violated.", disk.Out);
        Assert.Empty(Directory.GetFileSystemEntries(meta));
    }

    /// <summary>The output without its lines of times (start, progress, duration).</summary>
    private static string Body(string output) => string.Join("\n", output.Split('\n')
        .Where(l => !l.StartsWith("Finished in", StringComparison.Ordinal) && !l.StartsWith("Progress(", StringComparison.Ordinal)
                    && !l.Contains(" at 20", StringComparison.Ordinal)));
}
