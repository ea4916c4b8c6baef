using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Ops.Tla;
using Ops.Tla.Checking;
using Ops.Tla.Distributed;

namespace Ops.Cli;

/// <summary>
/// <c>ops distributed bench</c>: the distributed search's throughput against the single-process search on the same
/// models, in turns: each model checked by <c>ModelChecker</c> with one worker, then on the cluster (three silos in this
/// process by default, or <c>-processes</c>: one <c>ops distributed silo</c> process each on 127.0.0.1). The counts of the two must
/// be equal (exit 1 otherwise). Also the message volume: successors sent to another partition per distinct state, and
/// their bytes.
/// </summary>
public static class DistributedBench
{
    /// <summary>A model: its name, its spec and configuration (relative to the repository, or to the corpus).</summary>
    public sealed record Model(string Name, string Tla, string Cfg, bool InCorpus);

    public static readonly Model[] Models =
    {
        new("bank", "specs/seed/bank.tla", "specs/seed/bank.cfg", false),
        new("bank_customers", "specs/seed/bank_customers.tla", "specs/seed/bank_customers.cfg", false),
        new("2PCwithBTM", "specifications/transaction_commit/2PCwithBTM.tla", "specifications/transaction_commit/2PCwithBTM.cfg", true),
        new("Chameneos", "specifications/Chameneos/Chameneos.tla", "specifications/Chameneos/Chameneos.cfg", true),
    };

    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("bench", "Time the distributed search against the single-process one: states/s, messages per state.")
        {
            Details = """
                Each model is checked by the single-process search (one worker) and by the distributed search, taking turns
                within each run; the medians are reported. The silos run in this process (-silos N) or, with -processes, as
                one `ops distributed silo` process each on 127.0.0.1. Corpus models are skipped when the shared corpus is not here.
                Exit codes: 0 the counts agree, 1 a count differs or a run failed, 255 a bad option.
                """,
        };
        var filter = CliOptions.Value("filter", "TEXT", "only the models whose name contains TEXT");
        var runs = CliOptions.Int("runs", "N", "runs of each model (the median is reported)", 3);
        var silos = CliOptions.Int("silos", "N", "silos of the cluster", 3);
        var partitions = CliOptions.Int("partitions", "P", "partitions of the state space (default: 2 per silo)", null);
        var processes = CliOptions.Flag("processes", "run each silo as its own `ops distributed silo` process on 127.0.0.1");
        foreach (var o in new Option[] { filter, runs, silos, partitions, processes }) command.Add(o);
        command.SetAction(r => Run(ctx, r.GetValue(filter), r.GetValue(runs), r.GetValue(silos), r.GetValue(partitions), r.GetValue(processes)));
        return command;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Ops.sln"))) return d.FullName;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Ops.sln"))) return d.FullName;
        return null;
    }

    private static string Corpus(string repo)
    {
        for (var d = new DirectoryInfo(repo); d != null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "shared", "conformance", "tlaplus-examples");
            if (Directory.Exists(c)) return c;
        }
        return null;
    }

    private static int Run(CliContext ctx, string filter, int runs, int silos, int partitions, bool processes)
    {
        var repo = RepoRoot();
        if (repo == null)
        {
            ctx.Err.WriteLine("ops distributed bench: run it inside the repository (the seed specs are found from Ops.sln)");
            return (int)ExitStatus.SystemError;
        }
        var corpus = Corpus(repo);
        var models = Models.Where(m => filter == null || m.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        int parts = partitions > 0 ? partitions : 2 * silos;
        ctx.Out.WriteLine($"ops distributed bench: {silos} silos {(processes ? "as processes" : "in this process")} on 127.0.0.1, {parts} partitions, " +
                          $"{runs} run(s), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        ctx.Out.WriteLine($"{"model",-16} {"distinct",9} {"generated",10} {"single s",9} {"distrib. s",10} {"single st/s",12} {"distrib. st/s",13} {"ratio",6} {"sent/dist",9} {"B/sent",7} {"levels",6}  counts");
        int status = 0;
        SiloProcesses cluster = null;
        LocalCluster local = null;
        try
        {
            IGrainFactory grains;
            if (processes)
            {
                cluster = SiloProcesses.Start(silos, ctx.Host.Cancellation);
                grains = cluster.Grains;
            }
            else
            {
                local = LocalCluster.StartAsync(silos, ctx.Host.Cancellation).GetAwaiter().GetResult();
                grains = local.Grains;
            }
            foreach (var m in models)
            {
                var root = m.InCorpus ? corpus : repo;
                if (root == null)
                {
                    ctx.Out.WriteLine($"{m.Name,-16} skipped: needs the TLA+ Examples corpus (shared/conformance/tlaplus-examples beside the repository)");
                    continue;
                }
                string tla = Path.Combine(root, m.Tla), cfg = Path.Combine(root, m.Cfg);
                var singleMs = new List<double>();
                var distMs = new List<double>();
                CheckResult single = null, dist = null;
                var figures = new DistributedFigures();
                for (int i = 0; i < runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    single = ModelChecker.Check(tla, new CheckOptions { ConfigPath = cfg, Cancellation = ctx.Host.Cancellation });
                    singleMs.Add(sw.Elapsed.TotalMilliseconds);
                    sw.Restart();
                    var search = new DistributedSearch(grains, parts);
                    dist = search.CheckAsync(tla, new CheckOptions { ConfigPath = cfg, Cancellation = ctx.Host.Cancellation }).GetAwaiter().GetResult();
                    distMs.Add(sw.Elapsed.TotalMilliseconds);
                    figures = search.Figures;
                }
                bool same = single.ExitStatus == dist.ExitStatus && single.StatesGenerated == dist.StatesGenerated
                            && single.DistinctStates == dist.DistinctStates && single.Depth == dist.Depth && single.StatesLeftOnQueue == dist.StatesLeftOnQueue;
                if (!same) status = 1;
                double s = Median(singleMs) / 1000, d = Median(distMs) / 1000;
                var verdict = same ? "equal" : FormattableString.Invariant(
                    $"DIFFER: single {single.ExitStatus} {single.StatesGenerated}/{single.DistinctStates}/{single.Depth}, distributed {dist.ExitStatus} {dist.StatesGenerated}/{dist.DistinctStates}/{dist.Depth}");
                ctx.Out.WriteLine(FormattableString.Invariant(
                    $"{m.Name,-16} {dist.DistinctStates,9} {dist.StatesGenerated,10} {s,9:0.00} {d,10:0.00} {single.StatesGenerated / s,12:0} {dist.StatesGenerated / d,13:0} {d / s,6:0.0} {(double)figures.StatesSent / Math.Max(1, dist.DistinctStates),9:0.00} {(double)figures.BatchBytes / Math.Max(1, figures.StatesSent),7:0} {figures.Levels,6}  {verdict}"));
            }
        }
        catch (Exception e) when (e is DistributedSearchException or OrleansException or TimeoutException or IOException or InvalidOperationException)
        {
            ctx.Err.WriteLine($"ops distributed bench: the cluster failed: {(e.Message ?? "").Split('\n')[0].Trim()}");
            status = 1;
        }
        finally
        {
            local?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            cluster?.Dispose();
        }
        ctx.Out.WriteLine("ratio: the distributed time over the single-process time (above 1: slower); sent/dist: successors sent to another partition per distinct state; B/sent: bytes per successor sent.");
        return status;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>Silos as <c>ops distributed silo</c> child processes on 127.0.0.1, and a client connected to them. Disposing closes
    /// their standard input (they stop) and kills any left after a few seconds.</summary>
    private sealed class SiloProcesses : IDisposable
    {
        private readonly List<Process> _children = new();
        private Microsoft.Extensions.Hosting.IHost _client;
        public IGrainFactory Grains { get; private set; }

        public static SiloProcesses Start(int silos, CancellationToken cancellation)
        {
            var s = new SiloProcesses();
            try
            {
                var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
                var ports = LocalCluster.FreePorts(2 * silos);
                for (int i = 0; i < silos; i++)
                {
                    var args = new List<string> { "distributed", "silo", "-port", ports[2 * i].ToString(CultureInfo.InvariantCulture), "-gateway", ports[2 * i + 1].ToString(CultureInfo.InvariantCulture), "-cluster", clusterId };
                    if (i > 0) args.AddRange(new[] { "-primary", ports[0].ToString(CultureInfo.InvariantCulture) });
                    var p = Launch(args);
                    s._children.Add(p);
                    var ready = p.StandardOutput.ReadLineAsync(cancellation).AsTask();
                    if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result != "ready")
                        throw new InvalidOperationException($"silo {i} (ops silo, port {ports[2 * i]}) did not start: {p.StandardError.ReadToEnd().Split('\n')[0]}");
                }
                var gateways = Enumerable.Range(0, silos).Select(i => ports[2 * i + 1]).ToArray();
                var (host, grains) = LocalCluster.ConnectAsync(gateways, clusterId, cancellation).GetAwaiter().GetResult();
                s._client = host;
                s.Grains = grains;
                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }

        private static Process Launch(List<string> args)
        {
            var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            var self = Environment.ProcessPath;
            psi.FileName = self;
            if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                psi.ArgumentList.Add(typeof(DistributedBench).Assembly.Location);
            foreach (var a in args) psi.ArgumentList.Add(a);
            return Process.Start(psi);
        }

        public void Dispose()
        {
            try { _client?.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult(); }
            catch (Exception) { /* disconnecting anyway */ }
            _client?.Dispose();
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                var p = _children[i];
                try
                {
                    p.StandardInput.Close();
                    if (!p.WaitForExit(10_000)) p.Kill();
                }
                catch (Exception) { /* already gone */ }
                p.Dispose();
            }
            _children.Clear();
        }
    }
}
