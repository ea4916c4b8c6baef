using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Ops.Cli;

/// <summary>
/// The options several commands share, defined once: each factory returns a new <see cref="Option{T}"/> (a
/// System.CommandLine option belongs to one command) with the same spellings, value parsing and error wording
/// everywhere. Every option is spelled with one dash, as TLC spells its options (<c>-workers</c>), and with two
/// (<c>--workers</c>); <c>-name:value</c> and <c>-name=value</c> work too.
/// </summary>
public static class CliOptions
{
    /// <summary>An option named <c>--NAME</c> with the alias <c>-NAME</c> (TLC's spelling), plus any other aliases.</summary>
    public static Option<T> Make<T>(string name, string helpName, string description, params string[] aliases)
    {
        var all = new List<string> { "-" + name };
        all.AddRange(aliases);
        var o = new Option<T>("--" + name, all.ToArray()) { HelpName = helpName, Description = description };
        if (typeof(T) == typeof(string))
        {
            // As TLC: an option given again replaces the value given before (-workers 1 ... -workers 4). Each
            // occurrence takes one value; the parsers below read the last.
            o.Arity = new ArgumentArity(1, Repeatable);
            o.CustomParser = r => (T)(object)Token(r);
        }
        else if (typeof(T) != typeof(bool) && !typeof(T).IsArray)
            o.Arity = new ArgumentArity(1, Repeatable);
        return o;
    }

    /// <summary>How often a single-valued option may be repeated (the last one counts).</summary>
    private const int Repeatable = 1000;

    /// <summary>An option without a value (<c>-deadlock</c>): present or not.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases)
    {
        var o = Make<bool>(name, null, description, aliases);
        o.Arity = ArgumentArity.Zero;
        return o;
    }

    /// <summary>The spelling the user wrote for the option a value belongs to (<c>-workers</c> or <c>--workers</c>).</summary>
    public static string Spelling(ArgumentResult r) =>
        r.Parent is OptionResult o ? o.IdentifierToken?.Value ?? o.Option.Name : r.Argument.Name;

    /// <summary>The value of a single-valued option: the last token (a repeated option is refused by the parser).</summary>
    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";

    /// <summary><c>N</c> or <c>auto</c> (the machine's processor count), N at least 1.</summary>
    public static bool TryWorkerCount(string text, out int workers)
    {
        workers = 0;
        var t = (text ?? "").Trim();
        if (t.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            workers = Environment.ProcessorCount;
            return true;
        }
        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out workers) && workers >= 1;
    }

    /// <summary><c>-workers N|auto</c>: search threads (auto: one per processor).</summary>
    public static Option<int> Workers(string description = "worker threads of the search: N, or auto for one per processor", int defaultValue = 1) =>
        CountOrAuto("workers", description, defaultValue);

    /// <summary>A count that may be <c>auto</c> (one per processor): <c>-workers</c>, <c>-parallel</c>.</summary>
    public static Option<int> CountOrAuto(string name, string description, int defaultValue)
    {
        var o = Make<int>(name, "N|auto", description);
        o.CompletionSources.Add("auto");
        o.DefaultValueFactory = _ => defaultValue;
        o.CustomParser = r =>
        {
            var v = Token(r);
            if (TryWorkerCount(v, out var n)) return n;
            r.AddError($"{Spelling(r)} expects a positive number or auto, not '{v}'");
            return 0;
        };
        return o;
    }

    /// <summary><c>-workers N[,M...]</c>: several worker counts (each N or auto), for runs that compare them.</summary>
    public static Option<int[]> WorkerList(string description)
    {
        var o = Make<int[]>("workers", "N|auto[,M...]", description);
        o.Arity = new ArgumentArity(1, Repeatable);
        o.CustomParser = r =>
        {
            var list = new List<int>();
            foreach (var w in Token(r).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryWorkerCount(w, out var n)) list.Add(n);
                else
                {
                    r.AddError($"{Spelling(r)} expects positive numbers or auto separated by commas, not '{w}'");
                    return Array.Empty<int>();
                }
            }
            return list.ToArray();
        };
        return o;
    }

    /// <summary>A whole number of at least <paramref name="min"/> (<c>-runs 3</c>, <c>-jobs 2</c>).</summary>
    /// <param name="defaultValue">The value when the option is not given (shown by help); null: no default shown.</param>
    public static Option<int> Int(string name, string helpName, string description, int? defaultValue, int min = 1, string what = null)
    {
        var o = Make<int>(name, helpName, description);
        if (defaultValue is { } d) o.DefaultValueFactory = _ => d;
        what ??= min == 1 ? "a positive number" : min == 0 ? "a number of 0 or more" : $"a number of at least {min}";
        o.CustomParser = r =>
        {
            var v = Token(r);
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
            r.AddError($"{Spelling(r)} expects {what}, not '{v}'");
            return defaultValue ?? 0;
        };
        return o;
    }

    /// <summary><c>-timeout SECONDS</c>: a positive number of seconds.</summary>
    public static Option<int> Timeout(string description, int defaultValue) =>
        Int("timeout", "SECONDS", description, defaultValue, 1, "a positive number of seconds");

    /// <summary><c>-seed S</c>: the seed of a generated batch (a whole number of 0 or more).</summary>
    public static Option<ulong> BatchSeed(string description, ulong defaultValue = 1)
    {
        var o = Make<ulong>("seed", "S", description);
        o.DefaultValueFactory = _ => defaultValue;
        o.CustomParser = r =>
        {
            var v = Token(r);
            if (ulong.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            r.AddError($"{Spelling(r)} expects a whole number of 0 or more, not '{v}'");
            return defaultValue;
        };
        return o;
    }

    /// <summary>A value that must not look like an option: <c>-json -itf x</c> is a forgotten value, not a file called
    /// "-itf". <paramref name="dashForStdout"/>: "-" (stdout) is a value.</summary>
    public static Option<string> Value(string name, string helpName, string description, bool dashForStdout = false, params string[] aliases)
    {
        var o = Make<string>(name, helpName, description, aliases);
        o.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
            {
                if (t.Value == "-" && !dashForStdout)
                    r.AddError($"{r.IdentifierToken?.Value ?? o.Name} writes a file (only -json accepts - for stdout)");
                else if (t.Value.Length > 1 && t.Value[0] == '-' && !char.IsDigit(t.Value[1]))
                    r.AddError($"{r.IdentifierToken?.Value ?? o.Name} needs a value (found the option {t.Value})");
            }
        });
        return o;
    }

    /// <summary><c>-json FILE|-</c>: the result as JSON, to a file or (-) to stdout.</summary>
    public static Option<string> Json(string description = "also write the result as JSON to FILE (- for stdout; the text then goes to stderr)") =>
        Value("json", "FILE|-", description, dashForStdout: true);

    /// <summary>An output file (<c>-junit FILE</c>, <c>-html FILE</c>): "-" is refused.</summary>
    public static Option<string> OutputFile(string name, string description, params string[] aliases) =>
        Value(name, "FILE", description, dashForStdout: false, aliases);
}
