using System.Text;
using System.Text.RegularExpressions;

namespace Ops.Tla.Differential;

/// <summary>
/// Mutations of real specifications, for robustness testing: a model of a corpus (its .tla files and .cfg) with one
/// to three small edits of the kind a user makes by mistake or a fuzzer makes on purpose: a token deleted, doubled,
/// swapped with its neighbour or replaced (an identifier by another of the file, a number by an extreme one, an
/// operator by another, a keyword inserted), a line deleted or the file cut short. The checker must answer every
/// mutant with one of TLC's exit codes and a message, never an internal error, a stack trace or a dead process.
/// Deterministic: the same (model, seed) gives the same mutant on every machine.
/// </summary>
public static class CorpusMutator
{
    // Tokens of TLA+ and of a .cfg file, roughly: backslash operators, identifiers, numbers, strings, multi-character
    // symbols, then any other single character.
    private static readonly Regex Token = new(
        @"\\[A-Za-z]+|[A-Za-z_][A-Za-z0-9_]*|\d+|""(?:[^""\\]|\\.)*""|<<|>>|\|->|->|<-|==|/\\|\\/|=>|<=>|\.\.|::|~>|\[\]|<>|[^\s]",
        RegexOptions.Compiled);

    private static readonly string[] Operators =
    {
        "\\cup", "\\cap", "\\in", "\\notin", "\\subseteq", "=", "#", "<", ">", "<=", ">=", "+", "-", "*", "\\div", "%",
        "..", "/\\", "\\/", "=>", "~", "'", "[]", "<>", "~>", "\\X", "\\o", "@@", ":>", "|->", "->", ".", "!", "@",
        "\\A", "\\E", "CHOOSE", "SUBSET", "UNION", "DOMAIN", "ENABLED", "UNCHANGED",
    };

    private static readonly string[] Keywords =
    {
        "LET", "IN", "IF", "THEN", "ELSE", "CASE", "OTHER", "EXCEPT", "LAMBDA", "INSTANCE", "WITH", "RECURSIVE",
        "CONSTANT", "VARIABLE", "ASSUME", "THEOREM", "LOCAL", "EXTENDS", "MODULE", "====", "----", "(", ")", "[", "]",
        "{", "}", "<<", ">>", ",", ":", "==", "WF_", "SF_", "_",
    };

    private static readonly string[] Numbers = { "0", "1", "-1", "2147483647", "2147483648", "9223372036854775807", "100000", "3" };

    /// <summary>One mutant of a text. <paramref name="identifiers"/> are names to swap in (the model's own).</summary>
    internal static string Mutate(string text, Rng r, IReadOnlyList<string> identifiers, out string what)
    {
        var tokens = Token.Matches(text).Cast<Match>().ToList();
        var edits = new List<string>();
        int n = 1 + r.Int(3);
        for (int k = 0; k < n && tokens.Count > 0; k++)
        {
            var kind = r.Int(10);
            var t = tokens[r.Int(tokens.Count)];
            string replacement;
            switch (kind)
            {
                case 0: replacement = ""; edits.Add($"deleted '{t.Value}'"); break;
                case 1: replacement = t.Value + " " + t.Value; edits.Add($"doubled '{t.Value}'"); break;
                case 2 when identifiers.Count > 0 && IsIdentifier(t.Value):
                    replacement = identifiers[r.Int(identifiers.Count)]; edits.Add($"'{t.Value}' -> '{replacement}'"); break;
                case 3 when char.IsDigit(t.Value[0]):
                    replacement = Numbers[r.Int(Numbers.Length)]; edits.Add($"{t.Value} -> {replacement}"); break;
                case 4:
                    replacement = Operators[r.Int(Operators.Length)]; edits.Add($"'{t.Value}' -> '{replacement}'"); break;
                case 5:
                    replacement = t.Value + " " + Keywords[r.Int(Keywords.Length)]; edits.Add($"inserted '{replacement}'"); break;
                case 6:
                {
                    // Swap with the next token.
                    int i = tokens.IndexOf(t);
                    if (i + 1 >= tokens.Count) goto default;
                    var u = tokens[i + 1];
                    text = text[..t.Index] + u.Value + text[(t.Index + t.Length)..u.Index] + t.Value + text[(u.Index + u.Length)..];
                    edits.Add($"swapped '{t.Value}' '{u.Value}'");
                    tokens = Token.Matches(text).Cast<Match>().ToList();
                    continue;
                }
                case 7:
                {
                    // Delete the line holding the token.
                    int start = text.LastIndexOf('\n', Math.Max(0, t.Index - 1)) + 1;
                    int end = text.IndexOf('\n', t.Index);
                    if (end < 0) end = text.Length;
                    edits.Add($"deleted line '{text[start..end].Trim()}'");
                    text = text[..start] + text[Math.Min(text.Length, end + 1)..];
                    tokens = Token.Matches(text).Cast<Match>().ToList();
                    continue;
                }
                case 8 when r.Int(4) == 0:
                    edits.Add($"cut after '{t.Value}'");
                    text = text[..(t.Index + t.Length)];
                    tokens = Token.Matches(text).Cast<Match>().ToList();
                    continue;
                default:
                    replacement = Operators[r.Int(Operators.Length)] + " " + t.Value; edits.Add($"inserted '{replacement}'"); break;
            }
            text = text[..t.Index] + replacement + text[(t.Index + t.Length)..];
            tokens = Token.Matches(text).Cast<Match>().ToList();
        }
        what = string.Join("; ", edits);
        return text;
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && !s.All(char.IsUpper);

    /// <summary>The identifiers of a text (for replacements that stay plausible).</summary>
    public static List<string> Identifiers(string text) =>
        Token.Matches(text).Select(m => m.Value).Where(IsIdentifier).Distinct().ToList();
}

/// <summary>A model of a corpus to mutate: a folder, its root module and its configuration.</summary>
public sealed class CorpusModel
{
    public string Folder;
    public string Spec;
    public string Config;

    /// <summary>The models of a corpus laid out as the conformance corpora are (expected.tsv with cfg and tla
    /// columns, paths relative to the corpus).</summary>
    public static List<CorpusModel> Read(string corpus) =>
        ConformanceCorpus.Models(corpus).Select(m => new CorpusModel { Folder = Path.GetDirectoryName(m.Spec), Spec = m.Spec, Config = m.Config }).ToList();

    /// <summary>Copies the model's folder (its .tla and .cfg files) to <paramref name="dir"/> with the root module or
    /// the configuration mutated; returns the paths of the copy's spec and config, and what was changed.</summary>
    public (string Spec, string Config, string What) WriteMutant(string dir, ulong seed)
    {
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.EnumerateFiles(Folder))
            if (f.EndsWith(".tla", StringComparison.Ordinal) || f.EndsWith(".cfg", StringComparison.Ordinal))
                File.Copy(f, Path.Combine(dir, Path.GetFileName(f)), overwrite: true);
        var r = new Rng(seed);
        var spec = Path.Combine(dir, Path.GetFileName(Spec));
        var cfg = Path.Combine(dir, Path.GetFileName(Config));
        var target = r.Int(5) == 0 && cfg != spec ? cfg : spec;
        var text = File.ReadAllText(target);
        var mutant = CorpusMutator.Mutate(text, r, CorpusMutator.Identifiers(File.ReadAllText(spec)), out var what);
        File.WriteAllText(target, mutant, new UTF8Encoding(false));
        return (spec, cfg, $"{Path.GetFileName(target)}: {what}");
    }
}

/// <summary>What one mutant did to the checker.</summary>
public sealed class MutantOutcome
{
    public CorpusModel Model;
    public ulong Seed;
    public string What;
    public int Exit;
    public string Output = "";
    /// <summary>Why this is a crash (an internal error, a stack trace, an exit code outside TLC's, a dead process),
    /// or null when the checker answered properly.</summary>
    public string Crash;
}

/// <summary>
/// Runs mutants of a corpus through the checker and keeps the ones it does not answer properly. How a mutant is
/// checked is the caller's: in a child process (the CLI, so that a stack overflow shows as a dead process) or in
/// this one (the tests).
/// </summary>
public sealed class MutationFuzzer
{

    private static readonly Regex StackFrame = new(@"^\s+at [\w.`<>\[\]]+\(", RegexOptions.Compiled | RegexOptions.Multiline);

    /// <summary>Checks one mutant (spec, config) and returns the exit code and everything printed.</summary>
    public Func<string, string, (int Exit, string Output)> Check;
    public int Jobs = 1;
    public string WorkDir = Path.Combine(Path.GetTempPath(), "ops-mutants");
    /// <summary>Where crashing mutants are kept (one folder each); null to keep none.</summary>
    public string OutDir;

    public static string Classify(int exit, string output)
    {
        if (output.Contains("internal error", StringComparison.OrdinalIgnoreCase)) return "internal error";
        if (output.Contains("Stack overflow", StringComparison.Ordinal)) return "stack overflow";
        if (output.Contains("Unhandled exception", StringComparison.Ordinal) || StackFrame.IsMatch(output)) return "stack trace";
        if (!ExitStatuses.IsKnown(exit)) return $"exit code {exit}";
        return null;
    }

    /// <summary>Runs <paramref name="count"/> mutants, mutant i of a model drawn from (seed, i) with a seed of its
    /// own; returns every outcome.</summary>
    public List<MutantOutcome> Run(IReadOnlyList<CorpusModel> models, int count, ulong seed, Action<MutantOutcome, int> progress = null,
        CancellationToken cancel = default)
    {
        var outcomes = new MutantOutcome[count];
        int next = -1, done = 0;
        var threads = Enumerable.Range(0, Math.Max(1, Jobs)).Select(_ => new Thread(() =>
        {
            while (true)
            {
                if (cancel.IsCancellationRequested) return;
                int i = Interlocked.Increment(ref next);
                if (i >= count || models.Count == 0) return;
                ulong s = unchecked(seed * 1_000_003UL + (ulong)i);
                var model = models[(int)(new Rng(s ^ 0x9E3779B97F4A7C15UL).Next64() % (ulong)models.Count)];
                var dir = Path.Combine(WorkDir, $"m{seed}-{i}");
                var o = new MutantOutcome { Model = model, Seed = s };
                try
                {
                    var (spec, cfg, what) = model.WriteMutant(dir, s);
                    o.What = what;
                    (o.Exit, o.Output) = Check(spec, cfg);
                    o.Crash = Classify(o.Exit, o.Output);
                    if (o.Crash != null && OutDir != null)
                    {
                        var keep = Path.Combine(OutDir, $"mutant-{seed}-{i}");
                        Directory.CreateDirectory(keep);
                        foreach (var f in Directory.EnumerateFiles(dir)) File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), true);
                        File.WriteAllText(Path.Combine(keep, "README.txt"),
                            $"mutant of {model.Spec} with {model.Config}\n{what}\ncrash: {o.Crash}, exit {o.Exit}\n\n{o.Output}");
                    }
                }
                finally
                {
                    try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
                outcomes[i] = o;
                int d = Interlocked.Increment(ref done);
                progress?.Invoke(o, d);
            }
        })).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return outcomes.Where(o => o != null).ToList();
    }
}
