using System.Diagnostics;
using System.Globalization;

namespace Ops.Cli;

/// <summary>A whole child process, measured from outside the same way whatever it runs (ops or TLC's JVM): wall time
/// from start to exit, and its peak resident memory and CPU time, sampled from /proc every 10 ms while it runs (the
/// kernel's high-water mark VmHWM, so a short peak between two samples is still seen; only what happens in the last
/// 10 ms before exit can be missed). Where /proc is missing (not Linux) the peak and CPU time come from .NET's process
/// object and are 0 when it has already exited.</summary>
public sealed class ProcessMeter
{
    public sealed record Measurement(int ExitCode, string Output, long WallMs, long PeakBytes, long CpuMs, bool TimedOut);

    /// <summary>Runs the command to completion (or kills it after the timeout) and measures it.</summary>
    public static Measurement Run(ProcessStartInfo psi, TimeSpan timeout)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0, cpu = 0;
        long ticksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on
        bool timedOut = false;
        while (!p.WaitForExit(10))
        {
            Sample(p, ref peak, ref cpu, ticksPerSecond);
            if (sw.Elapsed > timeout)
            {
                timedOut = true;
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                break;
            }
        }
        p.WaitForExit();
        sw.Stop();
        return new Measurement(timedOut ? -1 : p.ExitCode, stdout.Result + stderr.Result, sw.ElapsedMilliseconds, peak, cpu, timedOut);
    }

    private static void Sample(Process p, ref long peak, ref long cpu, long ticksPerSecond)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{p.Id}/status");
            foreach (var line in status)
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    peak = Math.Max(peak, kb * 1024);
                }
            // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the command name in parentheses.
            var stat = File.ReadAllText($"/proc/{p.Id}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            cpu = Math.Max(cpu, (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) * 1000 / ticksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or the process is exiting: .NET's own figures, while they can still be read.
            try
            {
                p.Refresh();
                peak = Math.Max(peak, p.PeakWorkingSet64);
                cpu = Math.Max(cpu, (long)p.TotalProcessorTime.TotalMilliseconds);
            }
            catch (InvalidOperationException) { }
        }
    }
}
