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
