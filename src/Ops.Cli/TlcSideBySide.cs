using System.Diagnostics;
using System.Globalization;
using Ops.Tla.Differential;

namespace Ops.Cli;

/// <summary>
/// <c>ops bench -tlc PATH</c>: TLC itself on the same models, whole processes taking turns with Ops (one Ops run, one
/// TLC run, for every worker count and every round), so that a machine whose speed drifts slows both alike. Both sides
/// are measured from outside by <see cref="ProcessMeter"/>: wall time from start to exit (start-up included: what a
/// pipeline waits for), peak resident memory and CPU time. TLC runs as a user runs it: the given launcher (the shared
/// <c>tlc</c> script, or a tla2tools.jar run by java with its defaults), in the spec's folder, writing its states
/// to a temporary -metadir and no trace-exploration spec.
/// </summary>
public static class TlcSideBySide
{
    /// <summary>One side's run of one model.</summary>
    public sealed record Run(long WallMs, long PeakBytes, long CpuMs, string Outcome, long? Generated, long? Distinct, string Error);

    /// <summary>Runs TLC once on the model with the worker count.</summary>
    public static Run RunTlc(string tlcPath, string tla, string cfg, int workers, TimeSpan timeout)
    {
        var meta = Path.Combine(Path.GetTempPath(), "ops-bench-tlc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var psi = Launcher(tlcPath);
            psi.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(tla));
            foreach (var a in new[] { "-workers", workers.ToString(CultureInfo.InvariantCulture), "-config", Path.GetFullPath(cfg), "-metadir", meta, "-noTE", Path.GetFileName(tla) })
                psi.ArgumentList.Add(a);
            var m = ProcessMeter.Run(psi, timeout);
            if (m.TimedOut) return new Run(m.WallMs, m.PeakBytes, m.CpuMs, null, null, null, $"no verdict within {timeout.TotalSeconds:0} s");
            var parsed = TlcRunner.Parse(m.ExitCode, m.Output);
            if (parsed.Generated == null && m.ExitCode != 0)
                return new Run(m.WallMs, m.PeakBytes, m.CpuMs, null, null, null, $"TLC exit {m.ExitCode}: {FirstError(m.Output)}");
            return new Run(m.WallMs, m.PeakBytes, m.CpuMs, Outcome(m.ExitCode), parsed.Generated, parsed.Distinct, null);
        }
        finally
        {
            try { if (Directory.Exists(meta)) Directory.Delete(meta, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>How to start TLC: a .jar through java (the shared launcher's JVM options), anything else as a program.</summary>
    private static ProcessStartInfo Launcher(string tlcPath)
    {
        if (!tlcPath.EndsWith(".jar", StringComparison.OrdinalIgnoreCase)) return new ProcessStartInfo(Path.GetFullPath(tlcPath));
        var psi = new ProcessStartInfo("java");
        foreach (var a in new[] { "-XX:+UseParallelGC", "-cp", Path.GetFullPath(tlcPath), "tlc2.TLC" }) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>TLC's verdict in the words of <c>ops check</c>'s result (CheckResult.OutcomeText; the exit codes are
    /// the same).</summary>
    public static string Outcome(int exit) => exit switch
    {
        0 => "success",
        10 => "assumption failure",
        11 => "deadlock failure",
        12 => "safety failure",
        13 => "liveness failure",
        _ => "error",
    };

    private static string FirstError(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("rror:"))
        ?? output.Trim().Split('\n').LastOrDefault() ?? "";

    /// <summary>How many times TLC's wall time is ops's: the median of the rounds' ratios (run i of both in the same
    /// round, as <see cref="BenchCommand.PairedSpeedUp"/> pairs them), as "4.10x"; "-" when no pair succeeded.</summary>
    public static string Ratio(IReadOnlyList<Run> tlc, IReadOnlyList<long?> opsWallMs)
    {
        var r = BenchCommand.PairedSpeedUp(tlc.Select(t => t.Error == null ? t.WallMs : (long?)null).ToList(), opsWallMs);
        return r.HasValue ? r.Value.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
    }

    /// <summary>Ops's side of a round, as the bench's child measured it; null for a failed run.</summary>
    public sealed record OpsRun(long WallMs, long PeakBytes, string Outcome, long Generated, long Distinct);

    public const string Header =
        "| model                            |  w | ops wall s | TLC wall s | TLC/ops | ops peak MB | TLC peak MB | ops B/state | TLC B/state | counts\n" +
        "|----------------------------------|----|-----------:|-----------:|--------:|------------:|------------:|------------:|------------:|-------";

    public const string Legend =
        "wall s: median of the whole processes (start-up included); TLC/ops: median of the rounds' ratios of TLC's wall time to ops's;\n" +
        "peak MB: largest peak resident memory over the rounds (TLC's sampled every 10 ms from /proc); B/state: that peak over the distinct states;\n" +
        "counts: whether TLC's verdict and counts (generated, distinct) are ops's in every round.";

    /// <summary>One row of the side-by-side table, and whether TLC's verdict and counts were ops's in every round.</summary>
    public static (string Row, bool Agrees) Row(string model, int workers, IReadOnlyList<OpsRun> ops, IReadOnlyList<Run> tlc)
    {
        var okOps = ops.Where(o => o != null).ToList();
        var okTlc = tlc.Where(t => t.Error == null).ToList();
        string Cell(double? v, string format) => v.HasValue ? v.Value.ToString(format, CultureInfo.InvariantCulture) : "-";
        double? opsWall = okOps.Count > 0 ? BenchCommand.Median(okOps.Select(o => o.WallMs / 1000.0)) : null;
        double? tlcWall = okTlc.Count > 0 ? BenchCommand.Median(okTlc.Select(t => t.WallMs / 1000.0)) : null;
        long? opsPeak = okOps.Count > 0 ? okOps.Max(o => o.PeakBytes) : null;
        long? tlcPeak = okTlc.Count > 0 ? okTlc.Max(t => t.PeakBytes) : null;
        long? opsDistinct = okOps.LastOrDefault()?.Distinct;
        long? tlcDistinct = okTlc.LastOrDefault()?.Distinct;
        string counts;
        bool agrees;
        if (okTlc.Count == 0)
        {
            counts = tlc.Count > 0 ? "TLC failed: " + tlc[^1].Error : "TLC did not run";
            agrees = false;
        }
        else if (okOps.Count == 0)
        {
            counts = "ops failed";
            agrees = false;
        }
        else
        {
            var mismatch = okTlc.FirstOrDefault(t => okOps.Any(o => o.Outcome != t.Outcome || o.Generated != t.Generated || o.Distinct != t.Distinct));
            agrees = mismatch == null;
            counts = agrees ? $"= TLC ({okTlc[0].Outcome} {okTlc[0].Generated}/{okTlc[0].Distinct})"
                : $"differ: TLC {mismatch.Outcome} {mismatch.Generated}/{mismatch.Distinct}, ops {okOps[0].Outcome} {okOps[0].Generated}/{okOps[0].Distinct}";
        }
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {model,-32} | {workers,2} | {Cell(opsWall, "0.00"),10} | {Cell(tlcWall, "0.00"),10} | " +
            $"{Ratio(tlc, ops.Select(o => o == null ? (long?)null : o.WallMs).ToList()),7} | {Cell(opsPeak / 1048576.0, "0"),11} | {Cell(tlcPeak / 1048576.0, "0"),11} | " +
            $"{Cell(opsDistinct > 0 ? opsPeak / (double)opsDistinct : null, "0"),11} | {Cell(tlcDistinct > 0 ? tlcPeak / (double)tlcDistinct : null, "0"),11} | {counts}");
        return (row, agrees);
    }
}
