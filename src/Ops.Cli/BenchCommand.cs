using Ops.Tla.Differential;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ops.Tla;
using Ops.Tla.Checking;

namespace Ops.Cli;

/// <summary>
/// <c>ops bench</c>: checks a fixed set of models (the seed bank spec and, when the shared corpus is present, a few
/// large corpus models) and reports, for each, states generated per second, distinct states per second, the check's
/// time, the whole process's wall time (start-up included), peak memory and bytes per distinct state.
/// Every run is a fresh child process (<c>ops bench -child ...</c>), so start-up and peak memory are per model.
/// The counts are compared with TLC's (expected.tsv) so that a faster but wrong checker shows up at once.
/// </summary>
public static class BenchCommand
{
    /// <summary>A benchmark model: a spec (relative to the repository or to the corpus) and its configuration (beside
    /// the spec, or in the repository when <see cref="CfgInRepo"/>: a larger model of a corpus spec). Corpus models are
    /// compared with expected.tsv; the others carry the counts TLC gave for them (the seed post's, or a TLC run's, as the
    /// configuration's comment says) and, for seed models, the time it printed (a passing check).</summary>
    public sealed record BenchModel(string Name, string Tla, string Cfg, bool InCorpus, long? TlcGenerated = null, long? TlcDistinct = null,
        int? TlcSeconds = null, bool CfgInRepo = false, long? MemoryMB = null);

    /// <summary>The fixed set. Corpus models are skipped when the corpus is not there.</summary>
    public static readonly BenchModel[] Models =
    {
        // The seed post's small bank (a pipeline's check: start-up dominates, see the wall time) and its two customers.
        new("bank", "specs/seed/bank.tla", "specs/seed/bank.cfg", false, 2266, 220, TlcSeconds: 0),
        new("bank_customers", "specs/seed/bank_customers.tla", "specs/seed/bank_customers.cfg", false, 996601, 48400, TlcSeconds: 2),
        new("GameOfLife", "specifications/GameOfLife/GameOfLife.tla", "specifications/GameOfLife/GameOfLife.cfg", true),
        new("btree", "specifications/btree/btree.tla", "specifications/btree/btree.cfg", true),
        new("MCLamportMutex", "specifications/lamport_mutex/MCLamportMutex.tla", "specifications/lamport_mutex/MCLamportMutex.cfg", true),
        new("MCNanoMedium", "specifications/NanoBlockchain/MCNano.tla", "specifications/NanoBlockchain/MCNanoMedium.cfg", true),
        new("MCCheckpointCoordinationFailure", "specifications/CheckpointCoordination/MCCheckpointCoordination.tla", "specifications/CheckpointCoordination/MCCheckpointCoordinationFailure.cfg", true),
        new("TLCSailfish1", "specifications/dag-consensus/TLCSailfish1.tla", "specifications/dag-consensus/TLCSailfish1.cfg", true),
        // Temporal and action properties ([][\A data \in Array(...) : ...]_vars) checked on every transition.
        new("braf", "specifications/braf/BufferedRandomAccessFile.tla", "specifications/braf/BufferedRandomAccessFile.cfg", true),
        // The large one: MCLamportMutex with larger clocks (2.8 million distinct states), where the scaling with workers shows.
        new("MCLamportMutexLarge", "specifications/lamport_mutex/MCLamportMutex.tla", "bench/MCLamportMutexLarge.cfg", true, 10216216, 2763329, CfgInRepo: true),
        // MCLamportMutex with a memory budget (-memory) of a quarter of the live heap it needs in memory (it stops at the budget in memory with 80 MB, completes with 100 MB):
        // the search moves to disk (docs/checker.md, "Beyond memory"); the result says its slowdown against the row in memory.
        new("MCLamportMutex, 1/4 memory: disk", "specifications/lamport_mutex/MCLamportMutex.tla", "specifications/lamport_mutex/MCLamportMutex.cfg", true, MemoryMB: 20),
    };

    private const string ChildTag = "OPS-BENCH";

    /// <summary><c>ops bench</c> (and, hidden, <c>ops bench -child SPEC CFG WORKERS</c>: one measured run).</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("bench", "Time the benchmark models: states/s, wall time, peak memory; counts compared with TLC's.")
        {
            Details = """
                Checks the seed bank spec and, when the shared corpus is here, a few large corpus models, each run in a fresh
                process (start-up and peak memory are per model).
                Exit codes: 0 every count is TLC's, 1 a count differs or a run failed, 255 a bad option.
                """,
        };
        var filter = CliOptions.Value("filter", "TEXT", "only the models whose name or configuration contains TEXT");
        var runs = CliOptions.Int("runs", "N", "runs of each model (the median is reported)", 3);
        var workers = CliOptions.WorkerList("worker counts to compare, taking turns within each run (default 1)");
        var timeout = CliOptions.Timeout("the time limit of each run", 300);
        var corpus = CliOptions.Value("corpus", "DIR", "the TLA+ Examples corpus (default: shared/conformance/tlaplus-examples above this folder)");
        var output = CliOptions.OutputFile("out", "also write the table to FILE");
        var tlc = CliOptions.Value("tlc", "PATH", "also run TLC (its launcher script, or tla2tools.jar run by java) on every model, taking turns with ops, and print both side by side: wall times, their ratio, peak memories, bytes per distinct state");
        var child = CliOptions.Make<string[]>("child", "SPEC CFG WORKERS [MEMORY_MB]", "one measured check in this process (what bench runs)");
        child.Arity = new ArgumentArity(3, 4);
        child.AllowMultipleArgumentsPerToken = true;
        child.Hidden = true;
        foreach (var o in new Option[] { filter, runs, workers, timeout, corpus, output, tlc, child }) command.Add(o);
        command.SetAction(r => r.GetValue(child) is { Length: > 0 } c
            ? Child(c, ctx.Out, ctx.Err)
            : Run(r.GetValue(filter), r.GetValue(corpus), r.GetValue(output), r.GetValue(runs), r.GetValue(timeout),
                (r.GetValue(workers) ?? Array.Empty<int>()).ToList(), r.GetValue(tlc), ctx.Out, ctx.Err));
        return command;
    }

    private static int Run(string filter, string corpus, string output, int runs, int timeout, List<int> workers, string tlcPath, TextWriter stdout, TextWriter stderr)
    {
        if (workers.Count == 0) workers.Add(1);
        if (tlcPath != null && !File.Exists(tlcPath))
        {
            stderr.WriteLine($"ops bench: -tlc {tlcPath}: no such file (give TLC's launcher, e.g. ../shared/tools/tlc, or its tla2tools.jar)");
            return (int)ExitStatus.SystemError;
        }
        var sideBySide = new List<string>();
        var repo = FindRepo(Directory.GetCurrentDirectory()) ?? FindRepo(AppContext.BaseDirectory);
        corpus ??= ConformanceCorpus.FindCorpus(Directory.GetCurrentDirectory()) ?? ConformanceCorpus.FindCorpus(AppContext.BaseDirectory);
        var expected = corpus != null ? ConformanceCorpus.ReadExpected(corpus).ToDictionary(c => c.Cfg) : new Dictionary<string, ConformanceCase>();

        var report = new StringBuilder();
        void Line(string s)
        {
            stdout.WriteLine(s);
            report.AppendLine(s);
        }
        Line($"ops bench: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} run(s)");
        Line("");
        Line($"| {"model",-32} | {"w",2} | {"generated",10} | {"distinct",9} | {"gen/s",9} | {"dist/s",9} | {"check s",8} | {"speedup",7} | {"cpu s",7} | {"wall s",7} | {"TLC s*",6} | {"peak MB",7} | {"B/state",7} | {"GCs g0/g1/g2",13} | {"GC s",6} | {"alloc MB",8} | result");
        Line($"|{new string('-', 34)}|{new string('-', 4)}|{new string('-', 12)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 15)}|{new string('-', 8)}|{new string('-', 10)}|-------");
        int failures = 0;
        // The check time of each model run in memory (spec, configuration, workers): what a row on disk compares with.
        var inMemory = new Dictionary<(string, string, int), double>();
        foreach (var m in Models)
        {
            if (filter != null && !m.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) && !m.Cfg.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            var root = m.InCorpus ? corpus : repo;
            var cfg = m.CfgInRepo ? (repo == null ? null : Path.Combine(repo, m.Cfg)) : root == null ? null : Path.Combine(root, m.Cfg);
            if (root == null || !File.Exists(Path.Combine(root, m.Tla)) || cfg == null)
            {
                Line($"| {m.Name,-32} | skipped: {(m.InCorpus ? "the corpus" : "the repository's specs/")} is not here");
                continue;
            }
            // The worker counts take turns within each run (1, 2, 1, 2, ...), so that a machine whose speed drifts
            // slows both alike, and the speed-up is the median of the ratios of the same run.
            var byWorkers = workers.ToDictionary(w => w, _ => new List<Sample>());
            var tlcByWorkers = workers.ToDictionary(w => w, _ => new List<TlcSideBySide.Run>());
            for (int r = 0; r < runs; r++)
            {
                foreach (var w in workers)
                {
                    var list = byWorkers[w];
                    if (list.Count > 0 && list[^1].Error != null) continue;
                    list.Add(RunChild(Path.Combine(root, m.Tla), cfg, w, timeout, m.MemoryMB));
                    if (tlcPath != null)
                        tlcByWorkers[w].Add(TlcSideBySide.RunTlc(tlcPath, Path.Combine(root, m.Tla), cfg, w, TimeSpan.FromSeconds(timeout)));
                }
            }
            if (tlcPath != null)
                foreach (var w in workers)
                {
                    var (row, agrees) = TlcSideBySide.Row(m.Name, w, byWorkers[w].Select(s => s.Error == null ? new TlcSideBySide.OpsRun(s.WallMs, s.PeakBytes, s.Outcome, s.Generated, s.Distinct) : null).ToList(), tlcByWorkers[w]);
                    if (!agrees) failures++;
                    sideBySide.Add(row);
                }
            foreach (var w in workers)
            {
                var samples = byWorkers[w];
                var last = samples[^1];
                if (last.Error != null)
                {
                    failures++;
                    Line($"| {m.Name,-32} | {w,2} | failed: {last.Error}");
                    continue;
                }
                string verdict = last.Outcome;
                var tlc = Reference(m, expected);
                if (tlc != null)
                {
                    bool ok = tlc.Result == last.Outcome && (tlc.Result != "success" || (tlc.Total == last.Generated && tlc.Distinct == last.Distinct));
                    if (!ok) failures++;
                    verdict += ok ? " (= TLC)" : $" (TLC: {tlc.Result} {tlc.Distinct}/{tlc.Total})";
                }
                if (samples.Select(s => (s.Generated, s.Distinct)).Distinct().Count() > 1) verdict += " (counts differ between runs!)";
                double check = Median(samples.Select(s => s.CheckMs / 1000.0));
                double cpu = Median(samples.Select(s => s.CpuMs / 1000.0));
                double wall = Median(samples.Select(s => s.WallMs / 1000.0));
                double peak = samples.Max(s => s.PeakBytes) / (1024.0 * 1024.0);
                double secs = Math.Max(check, 0.001);
                if (m.MemoryMB == null) inMemory[(m.Tla, m.Cfg, w)] = check;
                else
                {
                    if (!last.OnDisk) failures++;
                    verdict += !last.OnDisk ? " (not on disk!)"
                        : inMemory.TryGetValue((m.Tla, m.Cfg, w), out var mem) ? string.Create(CultureInfo.InvariantCulture, $" (on disk, {m.MemoryMB} MB: {check / Math.Max(mem, 0.001):0.0}x the check in memory)")
                        : $" (on disk, {m.MemoryMB} MB)";
                }
                Line(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Name,-32} | {w,2} | {last.Generated,10} | {last.Distinct,9} | {last.Generated / secs,9:0} | {last.Distinct / secs,9:0} | {check,8:0.00} | {SpeedUp(byWorkers, workers[0], w),7} | {cpu,7:0.00} | {wall,7:0.00} | {TlcTime(tlc),6} | {peak,7:0} | {(last.Distinct > 0 ? samples.Max(s => s.PeakBytes) / (double)last.Distinct : 0),7:0} | {last.Gcs,13} | {Median(samples.Select(s => s.GcPauseMs / 1000.0)),6:0.00} | {last.AllocMB,8} | {verdict}"));
            }
        }
        if (tlcPath != null)
        {
            Line("");
            Line("Side by side with TLC (" + tlcPath + "), whole processes taking turns:");
            Line("");
            Line(TlcSideBySide.Header);
            foreach (var row in sideBySide) Line(row);
            Line("");
            Line(TlcSideBySide.Legend);
        }
        Line("");
        Line("gen/s and dist/s: states generated and distinct states per second of checking (parse to verdict); check s: median of that time;");
        Line("speedup: check time with the first worker count over this row's, the median of the runs' ratios (the counts take turns in every run);");
        Line("cpu s: median of the child's user + system time (the figure to compare on a busy machine);");
        Line("wall s: median of the whole process (start-up included); peak MB: largest peak working set over the runs; B/state: peak bytes per distinct state;");
        Line("TLC s*: TLC's own time recorded with the model (expected.tsv, or the seed post's \"Finished in\"), whole seconds, on other hardware: a reference, not a run here;");
        Line("GCs: garbage collections of each generation in the last run; GC s: median time the collector paused the program; alloc MB: bytes allocated in the last run.");
        if (output != null) File.WriteAllText(output, report.ToString());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>What TLC reported for a model: its verdict, counts and time (whole seconds).</summary>
    private sealed record TlcReference(string Result, long? Distinct, long? Total, int? Seconds);

    /// <summary>TLC's figures for the model: expected.tsv's line for a corpus model, the seed post's for a seed model;
    /// null when none are known.</summary>
    private static TlcReference Reference(BenchModel m, Dictionary<string, ConformanceCase> expected)
    {
        if (m.InCorpus && !m.CfgInRepo)
            return expected.TryGetValue(m.Cfg, out var c) ? new TlcReference(c.Result, c.Distinct, c.Total, (int?)c.TlcRuntime?.TotalSeconds) : null;
        return m.TlcGenerated.HasValue ? new TlcReference("success", m.TlcDistinct, m.TlcGenerated, m.TlcSeconds) : null;
    }

    /// <summary>TLC's recorded time, in whole seconds ("&lt;1" for 0), or "-" when none is known.</summary>
    private static string TlcTime(TlcReference tlc) =>
        tlc?.Seconds switch { null => "-", 0 => "<1", { } s => s.ToString(CultureInfo.InvariantCulture) };

    private static string SpeedUp(Dictionary<int, List<Sample>> byWorkers, int baseline, int w)
    {
        if (w == baseline) return "-";
        long? Ms(Sample s) => s.Error == null && s.CheckMs > 0 ? s.CheckMs : null;
        var r = PairedSpeedUp(byWorkers[baseline].Select(Ms).ToList(), byWorkers[w].Select(Ms).ToList());
        return r.HasValue ? r.Value.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
    }

    /// <summary>How many times faster than the baseline: the median over the runs of baseline[i] / times[i], runs
    /// paired by their order (run i of both was measured in the same round); null when no run of both succeeded.</summary>
    public static double? PairedSpeedUp(IReadOnlyList<long?> baselineMs, IReadOnlyList<long?> ms)
    {
        var ratios = new List<double>();
        for (int i = 0; i < Math.Min(baselineMs.Count, ms.Count); i++)
            if (baselineMs[i] is long b && ms[i] is long x && x > 0) ratios.Add(b / (double)x);
        return ratios.Count == 0 ? null : Median(ratios);
    }

    internal static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a.Length == 0 ? 0 : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    /// <summary>The repository root: the nearest directory upwards with specs/seed.</summary>
    private static string FindRepo(string start)
    {
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "specs", "seed"))) return d.FullName;
        return null;
    }

    private sealed class Sample
    {
        public long Generated, Distinct, CheckMs, CpuMs, WallMs, PeakBytes, GcPauseMs, AllocMB;
        public string Outcome, Error, Gcs;
        public bool OnDisk;
    }

    private static Sample RunChild(string tla, string cfg, int workers, int timeoutSeconds, long? memoryMB = null)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath;
        psi.FileName = self;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in new[] { "bench", "-child", tla, cfg, workers.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        if (memoryMB is long mb) psi.ArgumentList.Add(mb.ToString(CultureInfo.InvariantCulture));
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi);
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return new Sample { Error = $"no verdict within {timeoutSeconds} s" };
        }
        p.WaitForExit();
        sw.Stop();
        var line = output.Result.Split('\n').FirstOrDefault(l => l.StartsWith(ChildTag, StringComparison.Ordinal));
        if (line == null) return new Sample { Error = $"exit {p.ExitCode}: {err.Result.Trim().Split('\n').FirstOrDefault()}" };
        var f = line.Trim().Split('\t');
        return new Sample
        {
            Outcome = f[1],
            Generated = long.Parse(f[2], CultureInfo.InvariantCulture),
            Distinct = long.Parse(f[3], CultureInfo.InvariantCulture),
            CheckMs = long.Parse(f[4], CultureInfo.InvariantCulture),
            PeakBytes = long.Parse(f[5], CultureInfo.InvariantCulture),
            CpuMs = long.Parse(f[6], CultureInfo.InvariantCulture),
            Gcs = f.Length > 7 ? f[7] : "",
            GcPauseMs = f.Length > 8 ? long.Parse(f[8], CultureInfo.InvariantCulture) : 0,
            AllocMB = f.Length > 9 ? long.Parse(f[9], CultureInfo.InvariantCulture) : 0,
            OnDisk = f.Length > 10 && f[10] == "disk",
            WallMs = sw.ElapsedMilliseconds,
        };
    }

    /// <summary>One measured check, in this process: prints one tab-separated line for the parent.</summary>
    private static int Child(string[] args, TextWriter stdout, TextWriter stderr)
    {
        using var allocations = Environment.GetEnvironmentVariable("OPS_ALLOC_PROFILE") == "1" ? new AllocationProfile() : null;
        using var gcTrace = Environment.GetEnvironmentVariable("OPS_GC_TRACE") == "1" ? new GcTrace() : null;
        var sw = Stopwatch.StartNew();
        var options = new CheckOptions { ConfigPath = args[1], Workers = int.Parse(args[2], CultureInfo.InvariantCulture) }.FromEnvironment(stderr);
        if (args.Length > 3) options.MemoryBudgetMB = long.Parse(args[3], CultureInfo.InvariantCulture);
        CheckResult result = null;
        // A large stack, as for the conformance runs: deeply recursive definitions must not overflow.
        var t = new Thread(() => result = ModelChecker.Check(args[0], options), 256 * 1024 * 1024);
        t.Start();
        t.Join();
        sw.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        allocations?.Report(stderr);
        gcTrace?.Report(stderr);
        if (result.Outcome == CheckOutcome.Error && result.Violation != null)
            stderr.WriteLine(result.Violation.Message.Split('\n')[0]);
        stdout.WriteLine(string.Join('\t', ChildTag, result.OutcomeText, result.StatesGenerated.ToString(CultureInfo.InvariantCulture),
            result.DistinctStates.ToString(CultureInfo.InvariantCulture), sw.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture),
            self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture), ((long)self.TotalProcessorTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
            ((long)GC.GetTotalPauseDuration().TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            (GC.GetTotalAllocatedBytes() >> 20).ToString(CultureInfo.InvariantCulture), result.StoredOnDisk ? "disk" : "memory"));
        return result.ExitCode;
    }
}
