using Ops.Cli;

namespace Ops.Tla.Distributed.Tests;

/// <summary><c>ops distributed check</c>: silos started in the process, TLC's text and exit code; errors in one line.</summary>
public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Ops(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Check_prints_the_counterexample_and_exits_as_TLC()
    {
        var (exit, output, err) = Ops("distributed", "check", TestPaths.Seed("bank_transfers.tla"), "-silos", "2", "-partitions", "3");
        Assert.Equal(12, exit);
        Assert.Contains("Ops model checker: bank_transfers.tla (distributed: 2 silos in this process, 3 partitions)", output);
        Assert.Contains("Error: Invariant NoNegativeBalance is violated.", output);
        Assert.Contains("State 5: <Next line 50, col 5 to line 57, col 23 of module bank_transfers>", output);
        Assert.Contains("12020 states generated, 3096 distinct states found, 2766 states left on queue.", output);
        Assert.Equal("", err);
    }

    [Fact]
    public void A_bad_join_list_is_one_line_and_exit_255()
    {
        var (exit, _, err) = Ops("distributed", "check", TestPaths.Seed("bank.tla"), "-join", "thirty");
        Assert.Equal(255, exit);
        Assert.Equal("ops distributed check: -join expects gateway ports (e.g. 30000,30001), not 'thirty'", err.Trim());
    }

    [Fact]
    public void No_silo_behind_the_join_ports_is_a_cluster_failure_in_one_line()
    {
        var port = LocalCluster.FreePorts(1)[0];
        LocalCluster.ConnectTimeout = TimeSpan.FromSeconds(3);
        var (exit, _, err) = Ops("distributed", "check", TestPaths.Seed("bank.tla"), "-join", port.ToString());
        Assert.Equal(255, exit);
        Assert.StartsWith("ops distributed check: the cluster failed:", err.Trim());
        Assert.Contains($"no silo of cluster 'ops' answered on 127.0.0.1 port(s) {port}", err);
        Assert.DoesNotContain("   at ", err);
    }
}
