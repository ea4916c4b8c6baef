using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
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
    public bool Debug { get; init; } = EnvironmentOptions.Debug;

    /// <summary>Called once the check has started (tests use it to cancel a run midway).</summary>
    public Action<CheckProgress> OnProgress { get; init; }
}

/// <summary>`ops`: the command-line shell over the checker and the ops domains. Thin: System.CommandLine parses the
/// command line (typed options, help, completion, errors), the commands call the libraries and print.</summary>
public static class CliApp
{
    /// <summary>The commands of <c>ops</c>, in the order help lists them (see <see cref="OpsCommand"/> for how a command
    /// file adds one).</summary>
    public static readonly Func<CliContext, Command>[] Commands =
    {
        CreateCheck, DistributedCommand.Create, PcalCommand.Create, Conformance.Create, BenchCommand.Create, DiffTestCommand.Create, FuzzCommand.Create,
        JenkinsCommand.Create, RdsProxyCommand.Create, EcsServiceCommand.Create, PglogicalCommand.Create,
    };

    public const string Description = """
        Ops: a TLA+ model checker that behaves like TLC, and checks of operations configurations against models.
        Every option is spelled with one dash, as TLC spells them (-workers 2), or two (--workers 2).

        Exit codes are TLC's: 0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness,
        14 assert, 75 evaluation error, 150 spec parse error, 151 config error, 255 other (and a bad option).
        Ctrl+C stops a check and prints what was found so far. OPS_DEBUG=1 shows internal error details.
        Shell completion: see README.md (ops [suggest:POSITION] "COMMAND LINE").
        `ops COMMAND --help` lists a command's options.
        """;

    /// <summary>How every command line is split: no POSIX bundling (-wf is one of pcal's options, not -w -f) and no
    /// @response files (a TLA+ path may start with @).</summary>
    public static ParserConfiguration ParserConfiguration => new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, new CliHost());

    /// <summary>Runs one command. Never throws: an unexpected failure is one line on stderr and exit code 255 (with
    /// the details only when <see cref="CliHost.Debug"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost host) => Run(args, stdout, stderr, host, null);

    /// <summary>Runs one command of <paramref name="commands"/> (null: <see cref="Commands"/>); tests build a domain's
    /// command with their own clients' options.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost host, params Func<CliContext, Command>[] commands)
    {
        host ??= new CliHost();
        try
        {
            return Dispatch(args ?? Array.Empty<string>(), new CliContext { Out = stdout, Err = stderr, Host = host }, commands);
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            // Ctrl+C (or SIGTERM) during a command that gives no partial result, such as a domain's check or apply:
            // what it had not finished was not done, and nothing of it was written.
            stderr.WriteLine("ops: stopped (Ctrl+C or SIGTERM) before the command finished: no verdict, nothing written");
            return (int)ExitStatus.SystemError;
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
        return (int)ExitStatus.SystemError;
    }

    /// <summary>The <c>ops</c> command with every command under it, writing to <paramref name="ctx"/>'s writers.</summary>
    public static RootCommand CreateRoot(CliContext ctx, Func<CliContext, Command>[] commands = null) => CreateRoot(ctx, commands, null);

    /// <summary>The <c>ops</c> command with, when <paramref name="first"/> (the command line's first word) names one
    /// of the commands, that command alone: a command line runs one command, and the others' option trees (and the
    /// assemblies of the ops domains they name: Jenkins, AWS, pglogical, JSON) need not be built or loaded for it,
    /// which is most of `ops check`'s start-up beyond the runtime's own. The commands are built in order until one
    /// is named; when none is (a typo, --help, --version, a completion request) all of them are there.</summary>
    private static RootCommand CreateRoot(CliContext ctx, Func<CliContext, Command>[] commands, string first)
    {
        var root = new RootCommand(Description) { HelpName = "ops" };
        // -help as TLC spells it, besides -h, --help and -?.
        var help = root.Options.OfType<HelpOption>().FirstOrDefault();
        if (help != null) root.Options.Remove(help);
        var helpOption = new HelpOption("--help", "-h", "-help", "-?", "/h", "/?");
        helpOption.Action = new DetailedHelpAction((HelpAction)helpOption.Action);
        root.Options.Add(helpOption);
        var built = new List<Command>();
        foreach (var create in commands is { Length: > 0 } ? commands : Commands)
        {
            var command = create(ctx);
            if (first != null && (command.Name == first || command.Aliases.Contains(first)))
            {
                root.Add(command);
                return root;
            }
            built.Add(command);
        }
        foreach (var command in built) root.Add(command);
        return root;
    }

    /// <summary>System.CommandLine's help, then the command's <see cref="OpsCommand.Details"/> (exit codes, notes).</summary>
    private sealed class DetailedHelpAction(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult result)
        {
            help.MaxWidth = 120;
            var code = help.Invoke(result);
            if (result.CommandResult.Command is OpsCommand { Details: { } details })
                result.InvocationConfiguration.Output.WriteLine(details.TrimEnd() + Environment.NewLine);
            return code;
        }
    }

    private static int Dispatch(string[] args, CliContext ctx, Func<CliContext, Command>[] commands)
    {
        // `ops help COMMAND` is COMMAND's help: that command is the one built.
        var root = CreateRoot(ctx, commands, args.Length == 0 ? null : args[0] == "help" ? args.ElementAtOrDefault(1) : args[0]);
        var invocation = new InvocationConfiguration
        {
            Output = ctx.Out,
            Error = ctx.Err,
            // Exceptions reach Run's handler (one line, exit 255); Ctrl+C is the host's (Program.cs).
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        if (args.Length == 0)
        {
            root.Parse(new[] { "--help" }, ParserConfiguration).Invoke(invocation);
            return (int)ExitStatus.SystemError;
        }
        // `ops help` and `ops help COMMAND...`: the help of that command.
        if (args[0] == "help") args = args.Skip(1).Append("--help").ToArray();
        // TLC's options with an optional or two-word value (-simulate num=N, -dump dot FILE), as one option per value.
        if (args[0] == "check") args = TlcOptions.Normalize(args);
        var result = root.Parse(args, ParserConfiguration);
        if (result.Action is ParseErrorAction) return ParseErrors(result, ctx.Err);
        return result.Invoke(invocation);
    }

    /// <summary>"ops check", "ops pglogical plan": the command a parse result ran into.</summary>
    public static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (SymbolResult r = result.CommandResult; r is CommandResult c; r = c.Parent)
            names.Insert(0, c.Command is RootCommand ? "ops" : c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>The usage line of a command: its path, arguments and [options].</summary>
    public static string UsageLine(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var parts = new List<string> { CommandPath(result) };
        if (command.Subcommands.Count > 0) parts.Add("<" + string.Join('|', command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)) + ">");
        foreach (var a in command.Arguments.Where(a => !a.Hidden))
            parts.Add(a.Arity.MinimumNumberOfValues > 0 ? $"<{a.HelpName ?? a.Name}>" : $"[<{a.HelpName ?? a.Name}>]");
        parts.Add("[options]");
        return $"usage: {string.Join(' ', parts)}  ({CommandPath(result)} --help lists them)";
    }

    /// <summary>A command line the parser refused: each of System.CommandLine's errors (and, for a misspelt option,
    /// the one meant), the usage line, and the command's exit code for usage errors.</summary>
    private static int ParseErrors(ParseResult result, TextWriter stderr)
    {
        var path = CommandPath(result);
        var command = result.CommandResult.Command;
        var errors = result.Errors.ToList();
        // `ops frobnicate`: the unrecognised word says it; "a command is required" besides it says nothing more.
        if (command.Subcommands.Count > 0 && result.UnmatchedTokens.Count > 0)
            errors.RemoveAll(e => e.SymbolResult is CommandResult && !result.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)));
        foreach (var message in errors.Select(e => e.Message).Distinct())
            stderr.WriteLine($"{path}: {message}");
        foreach (var token in result.UnmatchedTokens.Where(t => t.StartsWith('-') && t.Length > 1).Distinct())
        {
            var meant = Closest(token, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
            if (meant != null) stderr.WriteLine($"  {token}: did you mean {meant}?");
        }
        stderr.WriteLine(UsageLine(result));
        return UsageExitCode(result);
    }

    /// <summary>The exit code for a usage error: the innermost command's own, else TLC's 255.</summary>
    public static int UsageExitCode(ParseResult result)
    {
        for (SymbolResult r = result.CommandResult; r is CommandResult c; r = c.Parent)
            if (c.Command is OpsCommand { UsageExitCode: { } code }) return code;
        return (int)ExitStatus.SystemError;
    }

    /// <summary>The spelling nearest to a misspelt option (at most a third of its letters differ), or null.</summary>
    private static string Closest(string token, IEnumerable<string> spellings)
    {
        var dashes = token.StartsWith("--", StringComparison.Ordinal) ? "--" : "-";
        string best = null;
        int bestDistance = int.MaxValue;
        foreach (var s in spellings.Where(s => s.StartsWith(dashes, StringComparison.Ordinal) && (dashes == "--" || !s.StartsWith("--", StringComparison.Ordinal))))
        {
            int d = Distance(token, s);
            if (d < bestDistance) (best, bestDistance) = (s, d);
        }
        return bestDistance <= Math.Max(1, (token.Length - dashes.Length) / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
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

    /// <summary><c>ops check SPEC.tla [options]</c>: TLC's options (<see cref="TlcOptions"/>) and Ops's outputs.</summary>
    public static OpsCommand CreateCheck(CliContext ctx)
    {
        var command = new OpsCommand("check", "Model-check a TLA+ specification the way TLC does.")
        {
            Details = """
                TLC's options are spelled as TLC spells them; the options TLC has and Ops does not need (-cleanup, -fp,
                -fpbits, ...) are accepted and change nothing (docs/tlc-options.md).
                Exit codes are TLC's: 0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness, 14 assert,
                75 evaluation error, 150 spec parse error, 151 config error, 255 other (and a bad option).
                """,
        };
        var spec = new Argument<string>("SPEC.tla") { Arity = ArgumentArity.ZeroOrOne, Description = "the specification (required; .tla may be left out)" };
        var tlc = new TlcOptions();
        var json = CliOptions.Json();
        var itf = CliOptions.OutputFile("itf", "write the counterexample, if any, in the Informal Trace Format (.itf.json)");
        var junit = CliOptions.OutputFile("junit", "write a JUnit XML report (one test case per invariant and property)");
        var html = CliOptions.OutputFile("html", "write a self-contained HTML page: verdict, figures, the counterexample as a table " +
                                                 "(changed values highlighted), the state graph when it has at most 200 states and the search ran on one worker");
        var timeout = CliOptions.Int("timeout", "SECONDS", "stop after SECONDS seconds (the partial result is printed; exit 255)", null, 1, "a positive number of seconds");
        var memory = CliOptions.Int("memory", "MB", "the memory budget: once half of it is in use the search moves its fingerprints and states to disk; " +
                                                    "it stops cleanly (partial result, exit 255) when it would need more than MB megabytes even so " +
                                                    "(default: 85% of the memory available)", null, 1, "a positive number of megabytes");
        var diskStates = CliOptions.Flag("diskstates", "keep the fingerprints and the states on disk from the start (-fpmem: the fingerprints' memory; -metadir: where the files go)");
        command.Add(spec);
        command.Validators.Add(r =>
        {
            if (r.GetValue(spec) == null) r.AddError("no specification given");
        });
        tlc.AddTo(command);
        foreach (var o in new Option[] { json, itf, junit, html, timeout, memory, diskStates }) command.Add(o);
        command.SetAction(r =>
        {
            var c = new CheckArgs { Spec = r.GetValue(spec), Json = r.GetValue(json), Itf = r.GetValue(itf), JUnit = r.GetValue(junit), Html = r.GetValue(html) };
            tlc.Apply(r, c.Options);
            if (r.GetResult(timeout) is { Implicit: false }) c.Options.TimeLimit = TimeSpan.FromSeconds(r.GetValue(timeout));
            if (r.GetResult(memory) is { Implicit: false }) c.Options.MemoryBudgetMB = r.GetValue(memory);
            if (r.GetValue(diskStates)) c.Options.Storage = Ops.Tla.Checking.Storage.StorageMode.Disk;
            return Check(c, ctx.Out, ctx.Err, ctx.Host);
        });
        return command;
    }

    private static int Check(CheckArgs c, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        var spec = c.Spec;
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        foreach (var (flag, file) in new[] { ("-json", c.Json), ("-itf", c.Itf), ("-junit", c.JUnit), ("-html", c.Html) })
        {
            if (file == null || file == "-") continue;
            var problem = OutputPathProblem(file);
            if (problem != null)
            {
                stderr.WriteLine($"ops check: cannot write {flag} {file}: {problem}");
                return (int)ExitStatus.SystemError;
            }
        }

        bool jsonToStdout = c.Json == "-";
        var text = jsonToStdout ? stderr : stdout;
        var options = c.Options.FromEnvironment(stderr);
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
                return (int)ExitStatus.SystemError;
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
                return (int)ExitStatus.SystemError;
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
            return (int)ExitStatus.SystemError;
        }
    }

    /// <summary>Why <paramref name="file"/> cannot be written, or null (see <see cref="OutputFiles.Problem"/>).</summary>
    public static string OutputPathProblem(string file) => OutputFiles.Problem(file);
}
