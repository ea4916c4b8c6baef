using System.CommandLine;
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
    /// <summary><c>ops difftest</c>: N random specs checked by Ops and by TLC, compared.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("difftest", "Differential testing against TLC on generated specs.")
        {
            Details = """
                Generates N random well-formed specs (batch S: the same specs on every machine), checks each with Ops and TLC,
                and compares verdicts, counts, violated properties and trace lengths. Each disagreement is shrunk and
                written to DIR (spec, cfg, both outputs).
                Exit codes: 0 all agree, 1 a disagreement, 255 a bad option or no TLC/java.
                """,
        };
        var count = CliOptions.Int("count", "N", "specs to generate and check", 100, 0);
        var seed = CliOptions.BatchSeed("the batch: the same seed gives the same specs on every machine");
        var output = CliOptions.Value("out", "DIR", "where disagreements are written (spec, cfg, both outputs)");
        output.DefaultValueFactory = _ => "difftest-out";
        var tlc = CliOptions.Value("tlc", "PATH", "TLC (default: shared/tools/tlc above this folder)");
        var jobs = CliOptions.Int("jobs", "N", "specs checked at the same time", 2);
        var timeout = CliOptions.Timeout("the time limit of each check", 60);
        var noShrink = CliOptions.Flag("no-shrink", "write disagreements as generated, without shrinking them");
        var keep = CliOptions.Flag("keep", "keep every generated spec, not only the disagreements");
        var exclude = CliOptions.Make<long>("exclude", "C,...", "leave components out of every spec (invariants, properties, actions, constraint, " +
                                                               "action-constraint, view, symmetry, ..., round2, round3, round4)");
        exclude.CustomParser = r =>
        {
            long mask = 0;
            foreach (var name in r.Tokens[^1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                try { mask |= Component.MaskOf(name); }
                catch (ArgumentException e) { r.AddError($"{CliOptions.Spelling(r)}: {e.Message}"); }
            }
            return mask;
        };
        foreach (var o in new Option[] { count, seed, output, tlc, jobs, timeout, noShrink, keep, exclude }) command.Add(o);
        command.SetAction(r => Run(r.GetValue(count), r.GetValue(seed), r.GetValue(output), r.GetValue(tlc), r.GetValue(jobs), r.GetValue(timeout),
            !r.GetValue(noShrink), r.GetValue(keep), r.GetValue(exclude), ctx.Out, ctx.Err, ctx.Host.Cancellation));
        return command;
    }

    private static int Run(int count, ulong seed, string output, string tlc, int jobs, int timeout, bool shrink, bool keep, long exclude,
        TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        tlc ??= TlcRunner.Locate(Directory.GetCurrentDirectory()) ?? TlcRunner.Locate(AppContext.BaseDirectory);
        if (tlc == null || !File.Exists(tlc))
        {
            stderr.WriteLine("ops difftest: TLC not found (give -tlc PATH; looked for shared/tools/tlc above the current folder)");
            return (int)ExitStatus.SystemError;
        }
        if (!TlcRunner.JavaAvailable(EnvironmentOptions.Lookup("PATH")))
        {
            stderr.WriteLine("ops difftest: java not found (apt-get install -y openjdk-17-jre-headless)");
            return (int)ExitStatus.SystemError;
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
