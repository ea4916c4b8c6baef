using System.Globalization;
using Ops.Tla.Checking;

namespace Ops.Cli;

/// <summary>
/// TLC's command-line options, spelled as TLC spells them (one dash), parsed in one place for <c>ops check</c> and
/// for the conformance runner (the <c>args</c> column of TLC's regression suite). What each does is TLC's:
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
/// -generateSpecTE, -fp N, -fpmem X, -fpbits N, -metadir DIR, -teSpecOutDir DIR; -checkpoint MIN with a
/// warning that Ops writes no checkpoints.</item>
/// </list>
/// TLC's other modes and outputs (-dfid, -recover, -loadTrace, -postCondition,
/// -userFile, -aril, -messagesAsErrors, -suppressMessages, -debugger) are refused with a message.
/// </summary>
public static class TlcOptions
{
    private static readonly HashSet<string> NoEffectFlags = new(StringComparer.Ordinal)
    {
        "-cleanup", "-gzip", "-tool", "-debug", "-noGenerateSpecTE", "-noTE",
        "-noGenerateSpecTEBin", "-noTEBin", "-generateSpecTE", "-modelcheck",
    };

    private static readonly HashSet<string> NoEffectWithValue = new(StringComparer.Ordinal)
    {
        "-fp", "-fpmem", "-fpbits", "-metadir", "-checkpoint", "-teSpecOutDir",
    };

    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal)
    {
        "-dfid", "-recover", "-loadTrace", "-postCondition", "-userFile",
        "-aril", "-messagesAsErrors", "-suppressMessages", "-debugger",
    };

    /// <summary>Options that take a value (for splitting a command line written without quotes).</summary>
    private static readonly HashSet<string> WithValue = new(StringComparer.Ordinal)
    {
        "-config", "-workers", "-seed", "-maxSetSize", "-inv", "-invlevel", "-lncheck", "-depth",
        "-fp", "-fpmem", "-fpbits", "-metadir", "-checkpoint", "-coverage", "-teSpecOutDir",
    };

    /// <summary>True when <paramref name="flag"/> is one of TLC's options that this parser knows.</summary>
    public static bool IsTlcOption(string flag) =>
        flag is "-dump" or "-dumpTrace" || WithValue.Contains(flag) || NoEffectFlags.Contains(flag) || Refused.Contains(flag)
        || flag is "-deadlock" or "-continue" or "-view" or "-nowarning" or "-simulate" or "-difftrace" or "-terse";

    /// <summary>Parses the TLC option at <c>args[i]</c> into <paramref name="o"/> (advancing <paramref name="i"/>
    /// past its value). Returns false, with <paramref name="i"/> unchanged, when it is not a TLC option; throws
    /// <see cref="ArgumentException"/> with the message to print for a missing or bad value.</summary>
    public static bool TryParse(IReadOnlyList<string> args, ref int i, CheckOptions o)
    {
        var a = args[i];
        var flag = a.StartsWith("--", StringComparison.Ordinal) ? a[1..] : a;
        int at = i;
        string Value(bool dashOk = false)
        {
            if (at + 1 >= args.Count || (!dashOk && args[at + 1].StartsWith('-') && args[at + 1] != "-"))
                throw new ArgumentException($"{a} needs a value");
            return args[++at];
        }
        int Int(string v, int min, string what) =>
            int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n
                : throw new ArgumentException($"{a} expects {what}, not '{v}'");
        switch (flag)
        {
            case "-config": o.ConfigPath = Value(); break;
            case "-workers":
            {
                var v = Value();
                o.Workers = v.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) ? Environment.ProcessorCount : Int(v, 1, "a positive number or auto");
                break;
            }
            case "-deadlock": o.CheckDeadlock = false; break;
            case "-continue": o.Continue = true; break;
            case "-view": o.PrintView = true; break;
            case "-nowarning": o.NoWarnings = true; break;
            case "-difftrace": o.DiffTrace = true; break;
            case "-terse": o.Terse = true; break;
            case "-simulate":
            {
                // TLC: "-simulate [num=N][,file=PATH]"; the parameters are optional.
                var sim = o.Simulation ??= new SimulationOptions();
                if (at + 1 < args.Count && (args[at + 1].StartsWith("num=", StringComparison.Ordinal) || args[at + 1].StartsWith("file=", StringComparison.Ordinal)))
                {
                    foreach (var part in args[++at].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (part.StartsWith("num=", StringComparison.Ordinal))
                            sim.Behaviors = long.TryParse(part[4..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var num) && num >= 1 ? num
                                : throw new ArgumentException($"-simulate num= expects a positive number of behaviours, not '{part[4..]}'");
                        else if (part.StartsWith("file=", StringComparison.Ordinal) && part.Length > 5)
                            sim.TraceFile = part[5..];
                        else
                            throw new ArgumentException($"-simulate takes num=N and file=PATH (comma-separated), not '{part}'");
                    }
                }
                break;
            }
            case "-depth": o.Depth = Int(Value(), 0, "a number of steps (0 or more)"); break;
            case "-seed":
            {
                var v = Value(dashOk: true);
                o.Seed = long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
                    : throw new ArgumentException($"-seed expects an integer, not '{v}'");
                break;
            }
            case "-maxSetSize": Int(Value(), 0, "a number in 0..2147483647"); break;
            case "-inv": o.CommandLineInvariants.Add(Value(dashOk: true)); break;
            case "-invlevel": o.InvariantLevel = Int(Value(), 0, "a natural number"); break;
            case "-dump":
            {
                var v = Value();
                // TLC: "-dump dot[,colorize][,actionlabels][,snapshot] FILE" or "-dump FILE".
                if (v.StartsWith("dot", StringComparison.OrdinalIgnoreCase) && at + 1 < args.Count && !args[at + 1].StartsWith('-'))
                {
                    foreach (var opt in v.Split(',').Skip(1))
                        if (opt is not ("colorize" or "actionlabels" or "snapshot"))
                            throw new ArgumentException($"-dump dot takes colorize, actionlabels and snapshot, not '{opt}'");
                    if (!v.Split(',')[0].Equals("dot", StringComparison.OrdinalIgnoreCase))
                        throw new ArgumentException($"-dump expects dot[,colorize][,actionlabels][,snapshot] FILE or FILE, not '{v}'");
                    o.DumpDot = v;
                    o.DumpPath = Value();
                }
                else
                {
                    o.DumpDot = null;
                    o.DumpPath = v;
                }
                break;
            }
            case "-dumpTrace":
            {
                var format = Value();
                if (format is not ("json" or "tla"))
                    throw new ArgumentException($"-dumpTrace expects json or tla and a file, not '{format}'");
                o.DumpTraces.Add((format, Value()));
                break;
            }
            case "-lncheck":
                // TLC: "off" turns liveness checking off; any other strategy checks it (when is TLC's concern).
                o.CheckLiveness = Value() != "off";
                break;
            case var f when NoEffectFlags.Contains(f): break;
            case "-fp": Int(Value(), 0, "a number of 0 or more"); break;
            case "-fpbits": Int(Value(), 0, "a number in 0..30"); break;
            case "-checkpoint":
                Int(Value(), 0, "a number of minutes (0 or more)");
                o.OptionWarnings.Add("-checkpoint has no effect: Ops keeps the search in memory and writes no checkpoints " +
                                     "(TLC's -recover is not supported either); a long run is stopped with Ctrl+C or -timeout and prints its figures");
                break;
            case "-coverage": o.CoverageMinutes = Int(Value(), 0, "a number of minutes (0 or more)"); break;
            case "-fpmem":
            {
                var v = Value();
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < 0)
                    throw new ArgumentException($"-fpmem expects a positive number or a fraction, not '{v}'");
                break;
            }
            case var f when NoEffectWithValue.Contains(f): Value(); break;
            case var f when Refused.Contains(f):
                throw new ArgumentException($"the TLC option {a} is not supported by ops check (it selects a mode or an output Ops does not have)");
            default:
                return false;
        }
        i = at;
        return true;
    }

    /// <summary>Parses a list of TLC options (all of it): throws <see cref="ArgumentException"/> for anything
    /// else.</summary>
    public static void ParseAll(IReadOnlyList<string> args, CheckOptions o)
    {
        for (int i = 0; i < args.Count; i++)
            if (!TryParse(args, ref i, o))
                throw new ArgumentException(args[i].StartsWith('-') ? $"unknown option {args[i]}" : $"unexpected argument {args[i]}");
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
