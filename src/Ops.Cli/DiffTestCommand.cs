using System.Globalization;
using Ops.Tla;
using Ops.Tla.Differential;

namespace Ops.Cli;

/// <summary>
/// <c>ops difftest -count N -seed S [-out DIR] [-tlc PATH] [-jobs N] [-timeout SECONDS] [-no-shrink]</c>: differential
/// testing against TLC. Generates N random well-formed specs (batch S: the same specs on every machine), checks each
/// with Ops (in this process, one worker) and TLC, and compares verdicts, counts, violated properties and trace lengths.
/// Each disagreement is shrunk and written to DIR (spec, cfg, both outputs). Exit 0 when all agree, 1 otherwise.
/// </summary>
public static class DiffTestCommand
{
    public const string Usage = "usage: ops difftest [-count N] [-seed S] [-out DIR] [-tlc PATH] [-jobs N] [-timeout SECONDS] [-no-shrink] [-exclude COMPONENTS] [-keep]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var count = 100;
        ulong seed = 1;
        string output = "difftest-out", tlc = null;
        int jobs = 2, timeout = 60;
        var shrink = true;
        var keep = false;
        long exclude = 0;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "-count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "-seed": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "-out": output = Value(); break;
                    case "-tlc": tlc = Value(); break;
                    case "-jobs": jobs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "-timeout": timeout = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "-no-shrink": shrink = false; break;
                    case "-keep": keep = true; break;
                    case "-exclude":
                        foreach (var name in Value().Split(',', StringSplitOptions.RemoveEmptyEntries)) exclude |= Component.MaskOf(name);
                        break;
                    case "-h": case "--help": stdout.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (count < 0 || jobs < 1 || timeout < 1) throw new ArgumentException("-count, -jobs and -timeout must be positive");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            stderr.WriteLine($"ops difftest: {e.Message}");
            stderr.WriteLine(Usage);
            return ExitCodes.SystemError;
        }
        tlc ??= TlcRunner.Locate(Directory.GetCurrentDirectory()) ?? TlcRunner.Locate(AppContext.BaseDirectory);
        if (tlc == null || !File.Exists(tlc))
        {
            stderr.WriteLine("ops difftest: TLC not found (give -tlc PATH; looked for shared/tools/tlc above the current folder)");
            return ExitCodes.SystemError;
        }
        if (!TlcRunner.JavaAvailable())
        {
            stderr.WriteLine("ops difftest: java not found (apt-get install -y openjdk-17-jre-headless)");
            return ExitCodes.SystemError;
        }
        var harness = new DiffHarness(Path.GetFullPath(tlc), Path.GetFullPath(output))
        {
            Jobs = jobs,
            Timeout = TimeSpan.FromSeconds(timeout),
            Shrink = shrink,
            KeepAll = keep,
            BaseMask = exclude,
            Log = line => { lock (stdout) { stdout.WriteLine(line); stdout.Flush(); } },
        };
        stdout.WriteLine($"ops difftest: {count} specs, seed {seed}, {jobs} jobs, TLC {tlc}, reproducers in {Path.GetFullPath(output)}");
        var step = Math.Max(1, count / 20);
        var summary = harness.RunBatch(count, seed, (s, _) =>
        {
            if (s.Run % step == 0 || s.Run == count)
            {
                lock (stdout)
                {
                    stdout.WriteLine($"  {s.Run}/{count} run, {s.Agreements} agree, {s.Disagreements.Count} disagree, {s.Skipped} skipped ({s.Elapsed.TotalSeconds:F0}s)");
                    stdout.Flush();
                }
            }
        }, cancel);
        if (cancel.IsCancellationRequested) stdout.WriteLine($"ops difftest: stopped (Ctrl+C or SIGTERM) after {summary.Run} of {count} specs");
        harness.Cleanup();
        stdout.Write(summary.Format());
        return summary.Disagreements.Count == 0 ? 0 : 1;
    }
}
