using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Ops.Tla;
using Ops.Tla.Checking;
using Ops.Tla.Distributed;
using Ops.Tla.Output;

namespace Ops.Cli;

/// <summary>
/// The distributed search on Orleans (<c>src/Ops.Tla.Distributed</c>, docs/distributed.md): <c>ops distributed check</c>
/// checks a spec on a cluster of silos (in this process, or the <c>ops distributed silo</c> processes it is told to join),
/// <c>ops distributed silo</c> runs one silo on 127.0.0.1, <c>ops distributed bench</c> compares its throughput with the
/// single-process search's.
/// </summary>
public static class DistributedCommand
{
    private const string ClusterIdDefault = "ops";

    /// <summary><c>ops distributed check|silo|bench</c>.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("distributed", "Check a spec with the search spread over a cluster of Orleans silos; run a silo; benchmark it.")
        {
            Details = """
                ops distributed check SPEC.tla   the verdict, counts and trace of `ops check` (one worker), searched on a cluster
                ops distributed silo             one silo on 127.0.0.1, for `ops distributed check -join`
                ops distributed bench            its throughput against the single-process search
                How it works and what it cannot check: docs/distributed.md.
                """,
        };
        command.Add(CreateCheck(ctx));
        command.Add(CreateSilo(ctx));
        command.Add(DistributedBench.Create(ctx));
        return command;
    }

    /// <summary><c>ops distributed check SPEC [-silos N] [-partitions P] [-join PORTS]</c>.</summary>
    public static OpsCommand CreateCheck(CliContext ctx)
    {
        var command = new OpsCommand("check", "Check a spec with the search spread over a cluster of Orleans silos (TLC's counts and traces).")
        {
            Details = """
                States are partitioned by fingerprint over the partitions (grains), a few per silo, and searched level by level;
                the verdict, the counts and the trace are those of `ops check` with one worker. Without -join the silos run in
                this process, joined over 127.0.0.1; with -join the search runs on silos started with `ops distributed silo`.
                Temporal properties, POSTCONDITION, _POSSIBLE and TLCGet of the search's figures are for `ops check` only.
                Exit codes: TLC's, as `ops check`; 255 also when the cluster fails (a silo lost).
                """,
        };
        var spec = new Argument<string>("SPEC.tla") { Arity = ArgumentArity.ZeroOrOne, Description = "the specification (required)" };
        var config = CliOptions.Value("config", "FILE", "the model configuration (default: SPEC with .cfg)");
        var silos = CliOptions.Int("silos", "N", "silos started in this process (without -join)", 3);
        var partitions = CliOptions.Int("partitions", "P", "partitions of the state space (default: 2 per silo)", null);
        var deadlock = CliOptions.Flag("deadlock", "do not check for deadlock (as TLC's -deadlock)");
        var join = CliOptions.Value("join", "PORTS", "the gateway ports of `ops distributed silo` processes on 127.0.0.1, comma-separated");
        var cluster = CliOptions.Value("cluster", "ID", $"the cluster id of those silos (default {ClusterIdDefault})");
        command.Add(spec);
        command.Validators.Add(r =>
        {
            if (r.GetValue(spec) == null) r.AddError("no specification given");
        });
        foreach (var o in new Option[] { config, silos, partitions, deadlock, join, cluster }) command.Add(o);
        command.SetAction(r => Check(ctx, r.GetValue(spec), r.GetValue(config), r.GetValue(silos), r.GetValue(partitions), r.GetValue(deadlock),
            r.GetValue(join), r.GetValue(cluster) ?? ClusterIdDefault));
        return command;
    }

    private static int Check(CliContext ctx, string spec, string config, int silos, int partitions, bool noDeadlock, string join, string clusterId)
    {
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        int[] gateways = null;
        if (join != null && !TryPorts(join, out gateways))
        {
            ctx.Err.WriteLine($"ops distributed check: -join expects gateway ports (e.g. 30000,30001), not '{join}'");
            return (int)ExitStatus.SystemError;
        }
        var options = new CheckOptions { ConfigPath = config, CheckDeadlock = !noDeadlock, Cancellation = ctx.Host.Cancellation, Log = ctx.Out.WriteLine };
        try
        {
            int parts = partitions > 0 ? partitions : 2 * (gateways?.Length ?? silos);
            var where = gateways != null ? $"{gateways.Length} silo processes on 127.0.0.1" : $"{silos} silos in this process";
            ctx.Out.WriteLine($"Ops model checker: {Path.GetFileName(spec)} (distributed: {where}, {parts} partitions)");
            var (result, _, _) = Run(spec, options, silos, parts, gateways, clusterId, ctx.Host.Cancellation).GetAwaiter().GetResult();
            ctx.Out.Write(TlcText.Format(result));
            return result.ExitCode;
        }
        catch (Exception e) when (e is DistributedSearchException or OrleansException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            ctx.Err.WriteLine($"ops distributed check: the cluster failed: {FirstLine(e.Message)}");
            return (int)ExitStatus.SystemError;
        }
        catch (OperationCanceledException)
        {
            ctx.Err.WriteLine("ops distributed check: cancelled");
            return (int)ExitStatus.SystemError;
        }
    }

    private static string FirstLine(string s) => (s ?? "").Split('\n')[0].Trim();

    private static bool TryPorts(string text, out int[] ports)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ports = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ports[i]) || ports[i] is < 1 or > 65535) return false;
        return parts.Length > 0;
    }

    /// <summary>One distributed check: on silos in this process, or on the silos behind <paramref name="gateways"/>.</summary>
    internal static async Task<(CheckResult Result, int Partitions, string Where)> Run(string spec, CheckOptions options, int silos, int partitions,
        int[] gateways, string clusterId, CancellationToken cancellation, DistributedFigures figures = null)
    {
        if (gateways != null)
        {
            var (host, grains) = await LocalCluster.ConnectAsync(gateways, clusterId, cancellation);
            try
            {
                int p = partitions > 0 ? partitions : 2 * gateways.Length;
                var search = new DistributedSearch(grains, p);
                var r = await search.CheckAsync(spec, options);
                Copy(search.Figures, figures);
                return (r, p, $"{gateways.Length} silo processes on 127.0.0.1");
            }
            finally
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
                host.Dispose();
            }
        }
        await using var cluster = await LocalCluster.StartAsync(silos, cancellation);
        int parts = partitions > 0 ? partitions : 2 * silos;
        var local = new DistributedSearch(cluster.Grains, parts);
        var result = await local.CheckAsync(spec, options);
        Copy(local.Figures, figures);
        return (result, parts, $"{silos} silos in this process");
    }

    private static void Copy(DistributedFigures from, DistributedFigures to)
    {
        if (to == null) return;
        to.Partitions = from.Partitions;
        to.Levels = from.Levels;
        to.BatchBytes = from.BatchBytes;
        to.StatesSent = from.StatesSent;
        to.StatesKept = from.StatesKept;
    }

    /// <summary><c>ops distributed silo [-port N] [-gateway N] [-primary PORT] [-cluster ID]</c>: one silo on 127.0.0.1 until Ctrl+C
    /// (or, when its standard input is a pipe, until that closes).</summary>
    public static OpsCommand CreateSilo(CliContext ctx)
    {
        var command = new OpsCommand("silo", "Run one Orleans silo of a distributed search on 127.0.0.1 (for ops distributed check -join).")
        {
            Details = """
                The first silo is the primary (it keeps the cluster's membership table); the others name its silo port with
                -primary. Prints `ready` once it has joined, then runs until Ctrl+C, or until its standard input closes when it
                is a pipe (so a parent process that dies takes its silos with it).
                """,
        };
        var port = CliOptions.Int("port", "N", "the silo-to-silo port", 11111);
        var gateway = CliOptions.Int("gateway", "N", "the port clients connect to", 30000);
        var primary = CliOptions.Int("primary", "PORT", "the primary silo's port (omit on the primary itself)", null);
        var cluster = CliOptions.Value("cluster", "ID", $"the cluster id (default {ClusterIdDefault})");
        foreach (var o in new Option[] { port, gateway, primary, cluster }) command.Add(o);
        command.SetAction(r =>
        {
            int primaryPort = r.GetValue(primary);
            var host = LocalCluster.BuildSilo(r.GetValue(port), r.GetValue(gateway),
                primaryPort > 0 ? new IPEndPoint(IPAddress.Loopback, primaryPort) : null, r.GetValue(cluster) ?? ClusterIdDefault);
            try
            {
                host.StartAsync(ctx.Host.Cancellation).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OrleansException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                ctx.Err.WriteLine($"ops distributed silo: the silo did not start: {FirstLine(e.Message)}");
                host.Dispose();
                return (int)ExitStatus.SystemError;
            }
            ctx.Out.WriteLine("ready");
            ctx.Out.Flush();
            var stdinClosed = Console.IsInputRedirected ? Task.Run(() => { while (Console.In.ReadLine() != null) { } }) : Task.Delay(Timeout.Infinite);
            Task.WaitAny(stdinClosed, Task.Delay(Timeout.Infinite, ctx.Host.Cancellation));
            try { host.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult(); }
            catch (Exception) { /* stopping anyway */ }
            host.Dispose();
            return 0;
        });
        return command;
    }
}
