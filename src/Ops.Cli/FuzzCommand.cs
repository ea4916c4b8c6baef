using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ops.Tla;
using Ops.Tla.Differential;

namespace Ops.Cli;

/// <summary>
/// <c>ops fuzz -corpus DIR [-corpus DIR...] [-count N] [-seed S] [-jobs N] [-timeout SECONDS] [-out DIR]</c>: robustness
/// testing on mutants of real specifications. Each mutant (one to three edits of a corpus model: a token deleted,
/// doubled, swapped or replaced, a line deleted, the file cut short) is checked by <c>ops check</c> in a child process,
/// so that even a stack overflow shows; the answer must be one of TLC's exit codes with a message, never an internal
/// error, a stack trace or a dead process. Crashing mutants are kept in DIR. Exit 0 when none crashed, 1 otherwise.
/// </summary>
public static class FuzzCommand
{
    /// <summary><c>ops fuzz</c>: mutants of a corpus's models, each checked in a child process.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("fuzz", "Robustness: check mutants of a corpus's models, each in a child process.")
        {
            Details = """
                Each mutant (one to three edits of a corpus model: a token deleted, doubled, swapped or replaced, a line
                deleted, the file cut short) is checked by `ops check` in a child process; every one must end with one of
                TLC's exit codes and a message. Crashing mutants are kept in DIR.
                Exit codes: 0 none crashed, 1 a crash, 255 a bad option.
                """,
        };
        var corpus = CliOptions.Make<string[]>("corpus", "DIR", "a corpus folder with expected.tsv (repeatable; at least one)");
        corpus.Required = true;
        var count = CliOptions.Int("count", "N", "mutants to check", 500);
        var seed = CliOptions.BatchSeed("the batch: the same seed gives the same mutants");
        var jobs = CliOptions.Int("jobs", "N", "mutants checked at the same time", 2);
        var timeout = CliOptions.Timeout("the time limit of each check", 20);
        var output = CliOptions.Value("out", "DIR", "where crashing mutants are kept");
        output.DefaultValueFactory = _ => "fuzz-out";
        foreach (var o in new Option[] { corpus, count, seed, jobs, timeout, output }) command.Add(o);
        command.SetAction(r => Run(r.GetValue(corpus).ToList(), r.GetValue(count), r.GetValue(seed), r.GetValue(jobs), r.GetValue(timeout),
            r.GetValue(output), ctx.Out, ctx.Err, ctx.Host.Cancellation));
        return command;
    }

    private static int Run(List<string> corpora, int count, ulong seed, int jobs, int timeout, string output,
        TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var models = new List<CorpusModel>();
        foreach (var c in corpora)
        {
            var read = CorpusModel.Read(c);
            if (read.Count == 0)
            {
                stderr.WriteLine($"ops fuzz: {c}: no models (expected an expected.tsv with cfg and tla columns)");
                return (int)ExitStatus.SystemError;
            }
            models.AddRange(read);
        }
        var fuzzer = new MutationFuzzer
        {
            Jobs = jobs,
            OutDir = Path.GetFullPath(output),
            Check = (spec, cfg) => RunChild(spec, cfg, timeout),
        };
        stdout.WriteLine($"ops fuzz: {count} mutants of {models.Count} models, seed {seed}, {jobs} jobs, crashing mutants kept in {fuzzer.OutDir}");
        var sw = Stopwatch.StartNew();
        int crashes = 0;
        var step = Math.Max(1, count / 20);
        var outcomes = fuzzer.Run(models, count, seed, (o, done) =>
        {
            lock (stdout)
            {
                if (o.Crash != null)
                {
                    crashes++;
                    stdout.WriteLine($"  CRASH ({o.Crash}, exit {o.Exit}): {o.Model.Spec} [{o.What}]");
                }
                if (done % step == 0 || done == count)
                    stdout.WriteLine($"  {done}/{count} mutants, {crashes} crashed ({sw.Elapsed.TotalSeconds:F0}s)");
                stdout.Flush();
            }
        }, cancel);
        if (cancel.IsCancellationRequested) stdout.WriteLine($"ops fuzz: stopped (Ctrl+C or SIGTERM) after {outcomes.Count} of {count} mutants");
        var byExit = outcomes.GroupBy(o => o.Exit).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        stdout.WriteLine($"fuzz: {outcomes.Count} mutants, {outcomes.Count(o => o.Crash == null)} answered, {crashes} crashed; exit codes {string.Join(", ", byExit)}");
        return crashes == 0 ? 0 : 1;
    }

    /// <summary>Runs <c>ops check</c> on a mutant in a child process of this same program.</summary>
    private static (int, string) RunChild(string spec, string cfg, int timeout)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(spec),
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(FuzzCommand).Assembly.Location);
        foreach (var a in new[] { "check", spec, "-config", cfg, "-workers", "1", "-timeout", timeout.ToString(CultureInfo.InvariantCulture), "-memory", "1024" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // The check's own -timeout stops it; the margin covers start-up and writing the result.
        if (!p.WaitForExit((timeout + 30) * 1000))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            return (-1, "the check did not stop at its -timeout\n" + stdout.Result + stderr.Result);
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
