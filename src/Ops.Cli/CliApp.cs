using Ops.Tla;
using Ops.Tla.Checking;
using Ops.Tla.Output;
using Ops.Tla.Output.Html;

namespace Ops.Cli;

/// <summary>What the process gives the CLI besides its arguments: Ctrl+C, the progress schedule, the clock and
/// OPS_DEBUG. Tests pass their own.</summary>
public sealed class CliHost
{
    /// <summary>Cancelled by Ctrl+C (or SIGTERM): the check stops and the partial result is printed.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>When progress lines are printed on long runs.</summary>
    public ProgressSchedule Progress { get; init; } = new();

    public Func<DateTime> Now { get; init; } = () => DateTime.Now;

    /// <summary>OPS_DEBUG=1: internal errors print their details (stack trace) after the one-line message.</summary>
    public bool Debug { get; init; } = Environment.GetEnvironmentVariable("OPS_DEBUG") is "1" or "true";

    /// <summary>Called once the check has started (tests use it to cancel a run midway).</summary>
    public Action<CheckProgress> OnProgress { get; init; }
}

/// <summary>`ops`: the command-line shell over the checker. Thin: parses flags, calls Ops.Tla, prints.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: ops check SPEC.tla [-config FILE] [-workers N|auto] [-deadlock] [-json FILE|-] [-itf FILE] [-junit FILE] [-html FILE] [-timeout SECONDS] [-memory MB] [TLC options]
               ops conformance [-corpus DIR] [-timeout SECONDS] [-filter TEXT] [-workers N|auto] [-parallel N] [-json FILE|-] [-tsv FILE|-]
               ops pglogical inventory|plan|check|apply [--connection CONN] ... (ops pglogical --help)
               ops bench [-filter TEXT] [-runs N] [-workers N[,M...]] [-timeout SECONDS] [-out FILE]
               ops difftest [-count N] [-seed S] [-out DIR] [-tlc PATH] [-jobs N] [-timeout SECONDS] [-no-shrink] [-exclude C,...]
               ops fuzz -corpus DIR [-corpus DIR...] [-count N] [-seed S] [-jobs N] [-timeout SECONDS] [-out DIR]

          check     Model-check a TLA+ specification the way TLC does.
                    -config FILE   the model configuration (default: SPEC with .cfg)
                    -workers N     worker threads (N or auto; default 1)
                    -deadlock      do not check for deadlock (as TLC's flag)
                    -json FILE     also write the result as one JSON object (- for stdout)
                    -itf FILE      write the counterexample, if any, in the Informal Trace Format (.itf.json)
                    -dump [dot[,colorize][,actionlabels][,snapshot]] FILE   the state graph as TLC writes it (one worker)
                    -dumpTrace json|tla FILE   the counterexample, if any, as TLC writes it
                    -junit FILE    write a JUnit XML report (one test case per invariant and property)
                    -html FILE     write a self-contained HTML page: verdict, figures, the counterexample as a
                                   table (changed values highlighted), the state graph when it has at most 200
                                   states and the search ran on one worker
                    -timeout S     stop after S seconds (the partial result is printed; exit 255)
                    -memory MB     stop cleanly (partial result, exit 255) when the search would need more than
                                   MB megabytes (default: 85% of the memory available)
                    TLC options, as TLC spells them: -continue (report every invariant violation and go on;
                                   exit 0 as TLC), -seed N (random choices), -view (traces through the VIEW),
                                   -inv EXPR (an extra invariant), -invlevel N, -lncheck off|final, -nowarning,
                                   -maxSetSize N (no bound in Ops), -simulate [num=N][,file=PATH] with -depth N
                                   (random behaviours, reproducible from -seed), -difftrace, -terse; -cleanup -fp
                                   -fpmem -metadir -noGenerateSpecTE -tool -gzip ... are accepted and change nothing
                                   (docs/tlc-options.md)
          conformance  Run a corpus of TLC results (the TLA+ Examples corpus by default, or TLC's regression suite
                       with -corpus .../tlc-test-model) and compare verdicts, exit codes and counts with TLC's.
          pglogical    Plan, check and apply pglogical replication sets for a whole database.
          bench     Time the benchmark models (seed bank spec, large corpus models): states/s, wall time, peak memory.
          difftest  Differential testing against TLC: N random specs (batch S), checked by Ops and by TLC (-tlc PATH,
                    default ../shared/tools/tlc), verdicts, counts, violated property and trace length compared; each
                    disagreement is shrunk and written to DIR (default difftest-out). Exit 0 when all agree.
                    -exclude C,... leaves components out of every spec (constraint, view, symmetry, properties, ...).
          fuzz      Robustness: N mutants of a corpus's models (a token deleted, doubled, swapped or replaced, a line
                    deleted, a file cut short), each checked by `ops check` in a child process; every one must end
                    with one of TLC's exit codes and a message. Crashing mutants are kept in DIR (default fuzz-out).

        Exit codes are TLC's: 0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness,
        14 assert, 75 evaluation error, 150 spec parse error, 151 config error, 255 other.
        Ctrl+C stops a check and prints what was found so far. OPS_DEBUG=1 shows internal error details.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, new CliHost());

    /// <summary>Runs one command. Never throws: an unexpected failure is one line on stderr and exit code 255 (with
    /// the details only when <see cref="CliHost.Debug"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        host ??= new CliHost();
        try
        {
            return Dispatch(args ?? Array.Empty<string>(), stdout, stderr, host);
        }
        catch (Exception e)
        {
            return InternalError(e, stderr, host.Debug);
        }
    }

    /// <summary>The one line an unexpected exception becomes (exit 255).</summary>
    public static int InternalError(Exception e, TextWriter stderr, bool debug)
    {
        try
        {
            var message = (e.Message ?? "").Split('\n')[0].Trim();
            stderr.WriteLine($"ops: internal error: {e.GetType().Name}: {message}" + (debug ? "" : " (set OPS_DEBUG=1 for details)"));
            if (debug) stderr.WriteLine(e.ToString());
            stderr.Flush();
        }
        catch (Exception)
        {
            // stderr itself failed: nothing more can be said.
        }
        return ExitCodes.SystemError;
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.SystemError : 0;
        }
        switch (args[0])
        {
            case "check":
                return Check(args.Skip(1).ToArray(), stdout, stderr, host);
            case "conformance":
                return Conformance.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "pglogical":
                return PglogicalCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "bench":
                return BenchCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "difftest":
                return DiffTestCommand.Run(args.Skip(1).ToArray(), stdout, stderr, host.Cancellation);
            case "fuzz":
                return FuzzCommand.Run(args.Skip(1).ToArray(), stdout, stderr, host.Cancellation);
            case "jenkins-ecs": return JenkinsCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "pcal": return PcalCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "rds-proxy": return RdsProxyCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "ecs-service": return EcsServiceCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            default:
                stderr.WriteLine($"ops: unknown command '{args[0]}'");
                stderr.WriteLine(Usage);
                return ExitCodes.SystemError;
        }
    }

    /// <summary>The parsed `ops check` command line.</summary>
    public sealed class CheckArgs
    {
        public string Spec;
        public string Json;
        public string Itf;
        public string JUnit;
        public string Html;
        public CheckOptions Options = new() { Workers = 1 };
    }

    /// <summary>Parses `ops check`'s arguments; throws ArgumentException with the message to print.</summary>
    public static CheckArgs ParseCheckArgs(string[] args)
    {
        var c = new CheckArgs();
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var flag = a.StartsWith("--", StringComparison.Ordinal) ? a[1..] : a;
            string Value()
            {
                if (i + 1 >= args.Length || (args[i + 1].StartsWith('-') && args[i + 1] != "-"))
                    throw new ArgumentException($"{a} needs a value");
                return args[++i];
            }
            // TLC's own options (one parser, shared with the conformance runner).
            if (TlcOptions.TryParse(args, ref i, c.Options)) continue;
            switch (flag)
            {
                case "-json": c.Json = Value(); break;
                case "-itf": c.Itf = Value(); break;
                case "-junit": c.JUnit = Value(); break;
                case "-html": c.Html = Value(); break;
                case "-timeout":
                {
                    var v = Value();
                    c.Options.TimeLimit = int.TryParse(v, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"-timeout expects a positive number of seconds, not '{v}'");
                    break;
                }
                case "-memory":
                {
                    var v = Value();
                    c.Options.MemoryBudgetMB = long.TryParse(v, out var mb) && mb > 0 ? mb : throw new ArgumentException($"-memory expects a positive number of megabytes, not '{v}'");
                    break;
                }
                default:
                    if (a.StartsWith('-') && a != "-") throw new ArgumentException($"unknown option {a}");
                    if (c.Spec != null) throw new ArgumentException($"more than one specification given ({c.Spec}, {a})");
                    c.Spec = a;
                    break;
            }
        }
        if (c.Spec == null) throw new ArgumentException("no specification given");
        if (c.Itf == "-" || c.JUnit == "-" || c.Html == "-") throw new ArgumentException("-itf, -junit and -html write files (only -json accepts - for stdout)");
        return c;
    }

    private static int Check(string[] args, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        if (args.Any(a => a is "-h" or "-help" or "--help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        CheckArgs c;
        try
        {
            c = ParseCheckArgs(args);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("ops check: " + e.Message);
            stderr.WriteLine("usage: ops check SPEC.tla [-config FILE] [-workers N|auto] [-deadlock] [-json FILE|-] [-itf FILE] [-junit FILE] [-html FILE] [-timeout SECONDS] [-memory MB] [TLC options]  (ops --help for more)");
            return ExitCodes.SystemError;
        }
        var spec = c.Spec;
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        foreach (var (flag, file) in new[] { ("-json", c.Json), ("-itf", c.Itf), ("-junit", c.JUnit), ("-html", c.Html) })
        {
            if (file == null || file == "-") continue;
            var problem = OutputPathProblem(file);
            if (problem != null)
            {
                stderr.WriteLine($"ops check: cannot write {flag} {file}: {problem}");
                return ExitCodes.SystemError;
            }
        }

        bool jsonToStdout = c.Json == "-";
        var text = jsonToStdout ? stderr : stdout;
        var options = c.Options;
        options.Cancellation = host.Cancellation;
        options.Log = line => text.WriteLine(line);
        var schedule = host.Progress ?? new ProgressSchedule();
        options.ProgressInterval = schedule.PollInterval;
        CheckProgress? lastReported = null;
        options.Progress = p =>
        {
            host.OnProgress?.Invoke(p);
            if (!schedule.Due(p.Elapsed)) return;
            text.WriteLine(p.Simulation != null ? TlcText.SimulationProgress(p.StatesGenerated, p.Simulation) : ProgressReport.Line(p, host.Now(), lastReported));
            lastReported = p;
        };

        // TLC's -coverage MINUTES: the statistics while the search runs (the final ones are printed with the result).
        options.CoverageProgress = report => text.Write(CoverageText.Format(report));
        text.WriteLine($"Ops model checker: {Path.GetFileName(spec)}");
        // TLC's -dump: the state graph, written as the search goes (the file is closed whatever the outcome).
        IDisposable dumpFile = null;
        if (options.DumpPath != null)
        {
            try
            {
                var dump = options.DumpDot != null
                    ? (IStateDump)new DotStateGraph(options.DumpPath, options.DumpDot.Contains("colorize"), options.DumpDot.Contains("actionlabels"), options.DumpDot.Contains("snapshot"))
                    : new StateDumpFile(options.DumpPath);
                options.Dump = dump;
                dumpFile = (IDisposable)dump;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                stderr.WriteLine($"ops check: cannot write -dump {options.DumpPath}: {e.Message}");
                return ExitCodes.SystemError;
            }
        }
        // -html: the state graph of a small check, recorded when the search runs on one worker anyway.
        var graph = c.Html != null ? CheckReportHtml.Attach(options) : null;
        // TLC's -simulate file=PREFIX: each behaviour generated without a violation, as TLC writes it.
        if (options.Simulation is { TraceFile: { } prefix } sim)
        {
            var problem = OutputPathProblem(SimulationTraceFile.PathFor(prefix, 0));
            if (problem != null)
            {
                stderr.WriteLine($"ops check: cannot write -simulate file={prefix}: {problem}");
                return ExitCodes.SystemError;
            }
            sim.OnBehavior = (n, trace) => SimulationTraceFile.Write(prefix, n, trace);
        }
        CheckResult result;
        try
        {
            result = ModelChecker.Check(spec, options);
        }
        finally
        {
            dumpFile?.Dispose();
        }
        using (Ops.Tla.Values.PrintOptions.EnterTerse(options.Terse))
            text.Write(TlcText.Format(result, options.DiffTrace));

        int exit = result.ExitCode;
        foreach (var (format, file) in options.DumpTraces)
        {
            exit = WriteOutput(stderr, "-dumpTrace", file, exit, () =>
            {
                bool written = format == "json" ? CounterExampleJson.WriteFile(result, file) : CounterExampleModule.WriteFile(result, file);
                // TLC prints this line (a PrintT of its trace module) after the trace.
                if (written) text.WriteLine($"\"CounterExample written: {file}\"");
            });
        }
        exit = WriteOutput(stderr, "-json", c.Json, exit, () =>
        {
            var doc = JsonReport.Serialize(result);
            if (jsonToStdout) stdout.WriteLine(doc);
            else File.WriteAllText(c.Json, doc + "\n");
        });
        if (c.Itf != null)
        {
            exit = WriteOutput(stderr, "-itf", c.Itf, exit, () =>
            {
                if (ItfTrace.WriteFile(result, c.Itf)) text.WriteLine($"The counterexample was written to {c.Itf} (ITF).");
                else text.WriteLine($"No counterexample: {c.Itf} was not written.");
            });
        }
        exit = WriteOutput(stderr, "-junit", c.JUnit, exit, () => JUnitReport.WriteFile(result, c.JUnit));
        exit = WriteOutput(stderr, "-html", c.Html, exit, () =>
        {
            CheckReportHtml.WriteFile(c.Html, result, graph);
            text.WriteLine($"The report was written to {c.Html} (HTML).");
        });
        return exit;
    }

    /// <summary>Runs a writer of an output file; a failure is one line on stderr and exit 255 (the result was
    /// printed already, but a pipeline that asked for the file must not pass without it).</summary>
    private static int WriteOutput(TextWriter stderr, string flag, string file, int exit, Action write)
    {
        if (file == null) return exit;
        try
        {
            write();
            return exit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"ops check: cannot write {flag} {file}: {e.Message}");
            return ExitCodes.SystemError;
        }
    }

    /// <summary>Why <paramref name="file"/> cannot be written, or null (see <see cref="OutputFiles.Problem"/>).</summary>
    public static string OutputPathProblem(string file) => OutputFiles.Problem(file);
}
