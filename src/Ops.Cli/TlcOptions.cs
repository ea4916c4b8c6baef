using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Ops.Tla.Checking;

namespace Ops.Cli;

/// <summary>
/// TLC's command-line options as System.CommandLine options, spelled as TLC spells them (one dash) and with two dashes,
/// defined in one place for <c>ops check</c> and for the conformance runner (the <c>args</c> column of TLC's regression
/// suite, parsed by <see cref="ParseAll"/> with the same options). What each does is TLC's:
/// <list type="bullet">
/// <item><c>-deadlock</c>, <c>-config FILE</c>, <c>-workers N|auto</c>.</item>
/// <item><c>-continue</c>: report every invariant/action-property violation and go on (exit 0, as TLC).</item>
/// <item><c>-seed N</c>: the seed of the random choices (RandomElement, RandomSubset...).</item>
/// <item><c>-view</c>: traces show the states through the VIEW.</item>
/// <item><c>-inv EXPR</c>: a state predicate checked as an invariant; <c>-invlevel N</c>: the invariant
/// TLCGet("level") &lt; N.</item>
/// <item><c>-lncheck STRATEGY</c>: <c>off</c> skips temporal properties; any other strategy (final, seqfinal,
/// default) checks them, as Ops always does, once the state graph is complete.</item>
/// <item><c>-maxSetSize N</c>: TLC's bound on the sets it enumerates; Ops has no such bound (accepted, no effect).</item>
/// <item><c>-nowarning</c>: no warnings.</item>
/// <item><c>-simulate [num=N][,file=PATH]</c>, <c>-depth N</c>: random behaviours (see Ops.Tla.Checking.Simulator);
/// <c>-difftrace</c>: traces show the variables that changed; <c>-terse</c>: values TLC keeps unexpanded are printed
/// as written.</item>
/// <item><c>-coverage MINUTES</c>: TLC's coverage statistics (per action: states found and distinct; per
/// sub-expression: evaluations), at the end of the run and every MINUTES minutes while it runs (0: at the end only).</item>
/// <item><c>-dump [dot[,colorize][,actionlabels][,snapshot]] FILE</c>: the state graph (TLC's formats); <c>-dumpTrace
/// json|tla FILE</c>: the counterexample (see Ops.Tla.Output). A run with a dump explores with one worker.</item>
/// <item>Options about TLC's files, fingerprints and output that do not change the verdict or the counts are
/// accepted and have no effect: -cleanup, -gzip, -tool, -debug, -noGenerateSpecTE, -noTE,
/// -generateSpecTE, -fp N, -fpbits N, -teSpecOutDir DIR; -checkpoint MIN with a
/// warning that Ops writes no checkpoints.</item>
/// <item><c>-fpmem X</c>: the memory of the fingerprint set once the search is on disk (a fraction of the memory
/// budget below 1, else megabytes); <c>-metadir DIR</c>: where its files go (see Ops.Tla.Checking.Storage).</item>
/// </list>
/// TLC's other modes and outputs (-dfid, -recover, -loadTrace, -postCondition,
/// -userFile, -aril, -messagesAsErrors, -suppressMessages, -debugger) are refused with a message.
/// </summary>
public sealed class TlcOptions
{
    public readonly Option<string> Config = CliOptions.Value("config", "FILE", "the model configuration (default: SPEC with .cfg)");
    public readonly Option<int> Workers = CliOptions.Workers();
    public readonly Option<bool> Deadlock = CliOptions.Flag("deadlock", "do not check for deadlock (TLC's flag)");
    public readonly Option<bool> Continue = CliOptions.Flag("continue", "report every invariant violation and go on (exit 0, as TLC)");
    public readonly Option<bool> View = CliOptions.Flag("view", "traces show the states through the VIEW");
    public readonly Option<bool> NoWarning = CliOptions.Flag("nowarning", "no warnings");
    public readonly Option<bool> DiffTrace = CliOptions.Flag("difftrace", "traces show only the variables that changed");
    public readonly Option<bool> Terse = CliOptions.Flag("terse", "values TLC keeps unexpanded are printed as written");
    public readonly Option<bool> Simulate = CliOptions.Flag("simulate",
        "random behaviours instead of the whole state graph (reproducible from -seed; their length: -depth); TLC's " +
        "-simulate num=N,file=PATH is read as -simulate --simulate-params num=N,file=PATH");
    public readonly Option<string> SimulateParams = CliOptions.Value("simulate-params", "num=N,file=PATH",
        "with -simulate: the number of behaviours and the prefix of the files each one is written to");
    public readonly Option<int> Depth = CliOptions.Int("depth", "N", "with -simulate: the length of each behaviour", 100, 0, "a number of steps (0 or more)");
    public readonly Option<long> Seed = CliOptions.Make<long>("seed", "N", "the seed of the random choices (RandomElement, -simulate)");
    public readonly Option<string[]> Inv = CliOptions.Make<string[]>("inv", "EXPR", "a state predicate checked as an invariant (repeatable)");
    public readonly Option<int> InvLevel = CliOptions.Int("invlevel", "N", "the invariant TLCGet(\"level\") < N", null, 0, "a natural number");
    public readonly Option<string> LnCheck = CliOptions.Value("lncheck", "off|final|seqfinal|default",
        "off: temporal properties are not checked; any other strategy checks them once the state graph is complete");
    public readonly Option<string> Dump = CliOptions.Value("dump", "FILE",
        "write the state graph to FILE as TLC does (one worker); TLC's -dump dot[,colorize][,actionlabels][,snapshot] FILE " +
        "is read as -dump FILE --dump-format dot...");
    public readonly Option<string> DumpFormat = CliOptions.Value("dump-format", "FORMAT",
        "with -dump: dot[,colorize][,actionlabels][,snapshot], the state graph in GraphViz dot");
    public readonly Option<string[]> DumpTrace = CliOptions.Make<string[]>("dumpTrace", "json|tla FILE",
        "write the counterexample, if any, as TLC does (repeatable)");
    public readonly Option<int> Coverage = CliOptions.Int("coverage", "MINUTES",
        "coverage statistics at the end, and every MINUTES minutes while the search runs (0: at the end only)", null, 0, "a number of minutes (0 or more)");
    public readonly Option<int> MaxSetSize = CliOptions.Int("maxSetSize", "N", "TLC's bound on enumerated sets (accepted; Ops has no such bound)", null, 0, "a number in 0..2147483647");
    public readonly Option<int> Checkpoint = CliOptions.Int("checkpoint", "MINUTES", "accepted with a warning: Ops writes no checkpoints", null, 0, "a number of minutes (0 or more)");
    public readonly Option<int> Fp = CliOptions.Int("fp", "N", "TLC's fingerprint polynomial: which lasso a liveness violation is reported with (TLC picks one at random)", null, 0, "a number in 0..130");
    public readonly Option<int> FpBits = CliOptions.Int("fpbits", "N", "TLC's fingerprint set (accepted, no effect)", null, 0, "a number in 0..30");
    public readonly Option<double> FpMem = CliOptions.Make<double>("fpmem", "X", "the fingerprint set's memory once on disk: a fraction of the memory budget (below 1) or megabytes (default 0.25)");
    public readonly Option<string> MetaDir = CliOptions.Value("metadir", "DIR", "where a search on disk makes its folder of files (removed at the end; default: the temporary folder)");
    public readonly Option<string> TeSpecOutDir = CliOptions.Value("teSpecOutDir", "DIR", "TLC's trace-explorer folder (accepted, no effect)");
    private readonly List<Option<bool>> noEffect = new();
    private readonly List<Option<string[]>> refused = new();

    /// <summary>TLC's options about its own files and output that change nothing here: accepted, no effect.</summary>
    private static readonly string[] NoEffectFlags =
    {
        "cleanup", "gzip", "tool", "debug", "noGenerateSpecTE", "noTE", "noGenerateSpecTEBin", "noTEBin", "generateSpecTE", "modelcheck",
    };

    /// <summary>TLC's other modes and outputs: refused with a message.</summary>
    private static readonly string[] RefusedOptions =
    {
        "dfid", "recover", "loadTrace", "postCondition", "userFile", "aril", "messagesAsErrors", "suppressMessages", "debugger",
    };

    public TlcOptions()
    {
        // Completion of the values that are words (files are the shell's).
        LnCheck.CompletionSources.Add("off", "final", "seqfinal", "default");
        DumpTrace.CompletionSources.Add("json", "tla");
        DumpFormat.CompletionSources.Add("dot", "dot,colorize", "dot,actionlabels", "dot,colorize,actionlabels");
        Seed.CustomParser = r =>
        {
            var v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)) return seed;
            r.AddError($"{CliOptions.Spelling(r)} expects an integer, not '{v}'");
            return 0;
        };
        Fp.CustomParser = r =>
        {
            var v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 && n < Ops.Tla.Checking.Liveness.TlcFingerprint.Polynomials.Length) return n;
            r.AddError($"{CliOptions.Spelling(r)} expects one of TLC's fingerprint polynomials, a number in 0..{Ops.Tla.Checking.Liveness.TlcFingerprint.Polynomials.Length - 1}, not '{v}'");
            return 0;
        };
        FpMem.CustomParser = r =>
        {
            var v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0) return d;
            r.AddError($"{CliOptions.Spelling(r)} expects a positive number or a fraction, not '{v}'");
            return 0;
        };
        DumpTrace.Arity = new ArgumentArity(2, 2);
        DumpTrace.AllowMultipleArgumentsPerToken = true;
        DumpTrace.Validators.Add(r =>
        {
            for (int i = 0; i < r.Tokens.Count; i += 2)
                if (r.Tokens[i].Value is not ("json" or "tla"))
                    r.AddError($"{r.IdentifierToken?.Value} expects json or tla and a file, not '{r.Tokens[i].Value}'");
        });
        DumpFormat.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
            {
                var parts = t.Value.Split(',');
                if (!parts[0].Equals("dot", StringComparison.OrdinalIgnoreCase))
                    r.AddError($"-dump expects dot[,colorize][,actionlabels][,snapshot] FILE or FILE, not '{t.Value}'");
                else
                    foreach (var opt in parts.Skip(1))
                        if (opt is not ("colorize" or "actionlabels" or "snapshot"))
                            r.AddError($"-dump dot takes colorize, actionlabels and snapshot, not '{opt}'");
            }
        });
        SimulateParams.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
                foreach (var part in t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (part.StartsWith("num=", StringComparison.Ordinal))
                    {
                        if (!long.TryParse(part[4..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var num) || num < 1)
                            r.AddError($"-simulate num= expects a positive number of behaviours, not '{part[4..]}'");
                    }
                    else if (!(part.StartsWith("file=", StringComparison.Ordinal) && part.Length > 5))
                        r.AddError($"-simulate takes num=N and file=PATH (comma-separated), not '{part}'");
                }
        });
        foreach (var name in NoEffectFlags) noEffect.Add(CliOptions.Flag(name, "TLC's; accepted, no effect in Ops"));
        foreach (var name in RefusedOptions)
        {
            var o = CliOptions.Make<string[]>(name, null, "TLC's; not supported by Ops");
            o.Arity = ArgumentArity.ZeroOrMore;
            o.Hidden = true;
            o.Validators.Add(r => r.AddError(
                $"the TLC option {r.IdentifierToken?.Value ?? o.Name} is not supported by ops check (it selects a mode or an output Ops does not have)"));
            refused.Add(o);
        }
    }

    /// <summary>Every option, in the order help lists them.</summary>
    public IEnumerable<Option> All =>
        new Option[]
        {
            Config, Workers, Deadlock, Continue, Seed, Inv, InvLevel, LnCheck, View, NoWarning, DiffTrace, Terse, Simulate, SimulateParams,
            Depth, Dump, DumpFormat, DumpTrace, Coverage, MaxSetSize, Checkpoint, Fp, FpBits, FpMem, MetaDir, TeSpecOutDir,
        }.Concat(noEffect).Concat(refused);

    /// <summary>Adds TLC's options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in All) command.Add(o);
    }

    /// <summary>Sets <paramref name="o"/> from the TLC options given on the command line (those not given leave it as
    /// it is).</summary>
    public void Apply(ParseResult r, CheckOptions o)
    {
        bool Given(Option option) => r.GetResult(option) is { Implicit: false };
        if (Given(Config)) o.ConfigPath = r.GetValue(Config);
        if (Given(Workers)) o.Workers = r.GetValue(Workers);
        if (Given(Deadlock)) o.CheckDeadlock = false;
        if (Given(Continue)) o.Continue = true;
        if (Given(View)) o.PrintView = true;
        if (Given(NoWarning)) o.NoWarnings = true;
        if (Given(DiffTrace)) o.DiffTrace = true;
        if (Given(Terse)) o.Terse = true;
        if (Given(Simulate) || Given(SimulateParams))
        {
            var sim = o.Simulation ??= new SimulationOptions();
            foreach (var part in (r.GetValue(SimulateParams) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("num=", StringComparison.Ordinal)) sim.Behaviors = long.Parse(part[4..], NumberStyles.Integer, CultureInfo.InvariantCulture);
                else sim.TraceFile = part[5..];
            }
        }
        if (Given(Depth)) o.Depth = r.GetValue(Depth);
        if (Given(Seed)) o.Seed = r.GetValue(Seed);
        if (Given(Fp)) o.FingerprintIndex = r.GetValue(Fp);
        if (Given(Inv)) o.CommandLineInvariants.AddRange(r.GetValue(Inv));
        if (Given(InvLevel)) o.InvariantLevel = r.GetValue(InvLevel);
        if (Given(LnCheck)) o.CheckLiveness = r.GetValue(LnCheck) != "off";
        if (Given(Dump))
        {
            o.DumpPath = r.GetValue(Dump);
            o.DumpDot = r.GetValue(DumpFormat);
        }
        if (Given(DumpTrace))
        {
            var v = r.GetValue(DumpTrace);
            for (int i = 0; i + 1 < v.Length; i += 2) o.DumpTraces.Add((v[i], v[i + 1]));
        }
        if (Given(Coverage)) o.CoverageMinutes = r.GetValue(Coverage);
        if (Given(FpMem) && r.GetValue(FpMem) > 0) o.FingerprintMemory = r.GetValue(FpMem);
        if (Given(MetaDir)) o.StorageDirectory = r.GetValue(MetaDir);
        if (Given(Checkpoint))
            o.OptionWarnings.Add("-checkpoint has no effect: Ops keeps the search in memory and writes no checkpoints " +
                                 "(TLC's -recover is not supported either); a long run is stopped with Ctrl+C or -timeout and prints its figures");
    }

    /// <summary>TLC's options whose value is optional or in two words, rewritten to one option per value, which
    /// System.CommandLine can parse without taking the specification for a value: <c>-simulate num=N,file=P</c>
    /// becomes <c>-simulate --simulate-params num=N,file=P</c> (a bare <c>-simulate</c> stays as it is), and
    /// <c>-dump dot,colorize FILE</c> becomes <c>-dump FILE --dump-format dot,colorize</c> (<c>-dump FILE</c> stays).</summary>
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-simulate" or "--simulate" && i + 1 < args.Count
                && (args[i + 1].StartsWith("num=", StringComparison.Ordinal) || args[i + 1].StartsWith("file=", StringComparison.Ordinal)))
            {
                result.AddRange(new[] { a, "--simulate-params", args[++i] });
            }
            else if (a is "-dump" or "--dump" && i + 2 < args.Count && args[i + 1].StartsWith("dot", StringComparison.OrdinalIgnoreCase)
                     && !args[i + 2].StartsWith('-'))
            {
                result.AddRange(new[] { a, args[i + 2], "--dump-format", args[i + 1] });
                i += 2;
            }
            else result.Add(a);
        }
        return result.ToArray();
    }

    /// <summary>True when <paramref name="flag"/> (one dash or two) is one of TLC's options.</summary>
    public static bool IsTlcOption(string flag)
    {
        var name = flag.StartsWith("--", StringComparison.Ordinal) ? flag[2..] : flag.StartsWith('-') ? flag[1..] : null;
        return name != null && Names.Value.Contains(name);
    }

    private static readonly Lazy<HashSet<string>> Names = new(() => new TlcOptions().All.Select(o => o.Name[2..]).ToHashSet(StringComparer.Ordinal));

    /// <summary>Parses a list of TLC options (all of it) into <paramref name="o"/>, with the options of
    /// <c>ops check</c>: throws <see cref="ArgumentException"/> with the parser's messages for anything else.</summary>
    public static void ParseAll(IReadOnlyList<string> args, CheckOptions o)
    {
        var tlc = new TlcOptions();
        var command = new RootCommand("TLC's options");
        tlc.AddTo(command);
        var result = command.Parse(Normalize(args), CliApp.ParserConfiguration);
        if (result.Errors.Count > 0) throw new ArgumentException(string.Join("; ", result.Errors.Select(e => e.Message)));
        tlc.Apply(result, o);
    }

    /// <summary>Splits a command line written without quotes (expected.tsv's args column) into arguments: words
    /// separated by white space, where the value of an option taking an expression (-inv) runs up to the next
    /// option TLC knows.</summary>
    public static string[] Split(string text)
    {
        var words = (text ?? "").Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
        var args = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            args.Add(words[i]);
            if (words[i] != "-inv" || i + 1 >= words.Length) continue;
            int j = i + 1;
            var expr = new List<string> { words[j] };
            while (j + 1 < words.Length && !IsTlcOption(words[j + 1])) expr.Add(words[++j]);
            args.Add(string.Join(" ", expr));
            i = j;
        }
        return args.ToArray();
    }
}
