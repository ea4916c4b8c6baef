using System.Text;
using Ops.Tla.Syntax;

namespace Ops.Tla.PlusCal;

/// <summary>The outcome of translating the algorithm of a module.</summary>
public sealed class PlusCalTranslation
{
    /// <summary>The translation's lines (what goes between BEGIN TRANSLATION and END TRANSLATION).</summary>
    public List<string> Lines = new();
    /// <summary>The module with the translation written in (BEGIN/END TRANSLATION block replaced or added).</summary>
    public string ModuleText;
    /// <summary>The translation the module carried (null when none: no BEGIN/END TRANSLATION block, or an empty one).</summary>
    public List<string> ExistingLines;
    /// <summary>Whether the module's translation differs (ignoring white space) from ours.</summary>
    public bool ExistingIsStale;
    public string PcalChecksum;
    public string TlaChecksum;
    public PAlgorithm Algorithm;
    /// <summary>Labels the translator added (the algorithm had none).</summary>
    public List<string> AddedLabels = new();
    /// <summary>The names the translator changed to tell them apart (its comment lines "\* Process variable x of
    /// process p at line 5 col 10 changed to x_").</summary>
    public List<string> Renamed = new();
    /// <summary>The options in force (command line, then the module's options statement).</summary>
    public PlusCalOptions Options;
    /// <summary>What was read but has no effect (options Ops ignores).</summary>
    public List<string> Warnings = new();
}

/// <summary>
/// PlusCal to TLA+ with pcal.trans's semantics and layout: finds <c>--algorithm</c> / <c>--fair algorithm</c> in a
/// module's comment, parses it (P-syntax or C-syntax), explodes it into labeled steps and generates the
/// translation; writes it between <c>\* BEGIN TRANSLATION</c> and <c>\* END TRANSLATION</c> with the checksums
/// pcal.trans records.
/// </summary>
public static class PlusCalTranslator
{
    /// <summary>True when the text contains a PlusCal algorithm (<c>--algorithm</c> or <c>--fair algorithm</c>).</summary>
    public static bool HasAlgorithm(string moduleText) => FindAlgorithm(SplitLines(moduleText), out _, out _, out _);

    /// <summary>True when the algorithm is written inside the module (after its <c>---- MODULE</c> line), where TLC's
    /// validation of the module finds it; an algorithm before the header (pcal.trans accepts it) is not seen there.</summary>
    internal static bool AlgorithmInsideModule(string moduleText)
    {
        var lines = SplitLines(moduleText);
        if (!FindAlgorithm(lines, out int line, out _, out _)) return false;
        for (int i = 0; i < line; i++)
            if (System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^\s*-{4,}\s*MODULE\b")) return true;
        return false;
    }

    /// <summary>True when the module's algorithm begins with <c>--fair</c>.</summary>
    internal static bool IsFair(string[] lines) => FindAlgorithm(lines, out _, out _, out bool fair) && fair;

    internal static string[] SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++) lines[i] = Detab(lines[i]);
        return lines;
    }

    private static string Detab(string s)
    {
        if (!s.Contains('\t')) return s;
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            if (ch == '\t')
            {
                do sb.Append(' ');
                while (sb.Length % 8 != 0);
            }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool FindAlgorithm(string[] lines, out int line, out int col, out bool fair)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            int a = lines[i].IndexOf("--algorithm", StringComparison.Ordinal);
            int f = lines[i].IndexOf("--fair", StringComparison.Ordinal);
            if (a >= 0 && (f < 0 || a < f))
            {
                line = i; col = a + "--algorithm".Length; fair = false;
                return true;
            }
            if (f >= 0)
            {
                line = i; col = f + "--fair".Length; fair = true;
                return true;
            }
        }
        line = col = -1;
        fair = false;
        return false;
    }

    /// <summary>Parses the module's algorithm (throws <see cref="TlaException"/> with the location of a syntax
    /// error).</summary>
    public static PAlgorithm Parse(string moduleText, string file = "")
    {
        var lines = SplitLines(moduleText);
        if (!FindAlgorithm(lines, out int l, out int c, out bool fair))
            throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, 1, 1, 1, 1), "PlusCal: no `--algorithm' or `--fair algorithm' in the module");
        var toks = PcalLexer.Lex(lines, l, c, file, out _, out _);
        var alg = new PcalParser(toks, file).ParseAlgorithm(fair);
        return alg;
    }

    /// <summary>What TLC prints as it validates the algorithm of a module it parses (SpecObj.validateParseUnit runs
    /// pcal's Validator on each module, which translates the algorithm): the errors of the options statement, then the
    /// translation's failure, each as pcal's PcalDebug.reportError words (the text after " -- "); where Ops has no
    /// pcal.trans wording for an error, its own message and position. <paramref name="translation"/>: the
    /// translation when it succeeds; <paramref name="fatal"/>: the error with which TLC fails the parse of the whole
    /// module (one its validation meets before the algorithm is parsed), else null.</summary>
    public static List<string> ValidationReports(string moduleText, string file, out PlusCalTranslation translation, out TlaException fatal)
    {
        var reports = new List<string>();
        translation = null;
        fatal = null;
        try
        {
            translation = Translate(moduleText, file);
            reports.AddRange(translation.Options.PcalReports);
        }
        catch (TlaException e)
        {
            // pcal reads the options statement before the algorithm: its errors come first.
            var opts = new PlusCalOptions();
            try
            {
                var statement = PlusCalOptions.FindStatement(SplitLines(moduleText), file);
                if (statement != null) opts.Apply(statement, inFile: true, file);
            }
            catch (TlaException) { /* a malformed statement: pcal.trans translates without it */ }
            reports.AddRange(opts.PcalReports);
            reports.Add(e.PcalText ?? InPcalForm(e));
            if (e.PcalFatal) fatal = e;
        }
        return reports;
    }

    /// <summary>An error without pcal.trans wording, in the form of its reports: the message, then the position.</summary>
    private static string InPcalForm(TlaException e)
    {
        var msg = e.Message.StartsWith("PlusCal: ", StringComparison.Ordinal) ? e.Message["PlusCal: ".Length..] : e.Message;
        if (msg.Length > 0) msg = char.ToUpperInvariant(msg[0]) + msg[1..];
        return e.HasLocation ? $"{msg}\n    line {e.Span.Line}, column {e.Span.Col}." : msg;
    }

    /// <summary>An error of a translation step (which knows positions, not the file) placed in
    /// <paramref name="file"/>, with its pcal.trans words kept.</summary>
    private static TlaException InFile(TlaException e, string file) =>
        new(e.Kind, e.Span with { File = file }, e.Message) { PcalText = e.PcalText, PcalFatal = e.PcalFatal };

    /// <summary>Translates the algorithm of a module; <see cref="PlusCalTranslation.ModuleText"/> is the module with
    /// the translation written in.</summary>
    public static PlusCalTranslation Translate(string moduleText, string file = "", bool pcLast = false, PlusCalOptions options = null)
    {
        var lines = SplitLines(moduleText);
        var opts = (options ?? new PlusCalOptions()).Clone();
        List<(string Arg, int Line, int Col)> statement = null;
        try
        {
            statement = PlusCalOptions.FindStatement(lines, file);
        }
        catch (TlaException e)
        {
            // pcal.trans reports a malformed options statement and translates without it.
            opts.Warnings.Add(e.Describe() + " (as pcal.trans: translated without the options statement)");
        }
        if (statement != null) opts.Apply(statement, inFile: true, file);
        if (!FindAlgorithm(lines, out int l, out int c, out bool fair))
            throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, 1, 1, 1, 1), "PlusCal: no `--algorithm' or `--fair algorithm' in the module");
        var toks = PcalLexer.Lex(lines, l, c, file, out int endLine, out _);
        var alg = new PcalParser(toks, file, opts).ParseAlgorithm(fair);
        if (fair && !alg.IsMultiprocess)
        {
            // pcal: a --fair uniprocess algorithm is translated with -wf.
            if (opts.Fairness is not ("" or "wf" or "wfNext"))
                opts.Warnings.Add($"PlusCal option -{opts.Fairness} specified for a --fair algorithm: translated with -wf");
            opts.Fairness = "wf";
        }
        var renamed = PcalNames.Fix(alg, file);
        var snapshot = PcalAstText.Snapshot.Take(alg);
        try
        {
            new PcalExplode(alg).Run();
        }
        catch (TlaException e) when (e.Span.File == "" && e.Span.Line > 0)
        {
            throw InFile(e, file);
        }
        List<string> gen;
        try
        {
            gen = new PcalGen(alg, pcLast, opts).Generate(renamed);
        }
        catch (TlaException e) when (e.Span.File == "" && e.Span.Line > 0)
        {
            throw InFile(e, file);
        }
        // pcal.trans checksums the word "fair" for a --fair algorithm (its Validator writes
        // `fair ? "fair" : "" + ast`), and otherwise the AST's text after the translation (which sorts
        // multiple assignments in place).
        var pcalSum = Crc(fair ? "fair" : PcalAstText.Write(alg, snapshot, opts.Version));
        var result = new PlusCalTranslation { Lines = gen, Algorithm = alg, PcalChecksum = pcalSum, AddedLabels = alg.AddedLabels, Options = opts, Warnings = opts.Warnings, Renamed = renamed ?? new List<string>() };
        result.TlaChecksum = Crc(string.Concat(gen));

        // Write the translation into the module (original lines, not de-tabbed, are kept outside the block).
        var orig = moduleText.Replace("\r\n", "\n").Split('\n').ToList();
        int begin = FindTokenPair(lines, 0, "BEGIN", "TRANSLATION");
        int end = begin >= 0 ? FindTokenPair(lines, begin + 1, "END", "TRANSLATION") : -1;
        var header = $"\\* BEGIN TRANSLATION (chksum(pcal) = \"{pcalSum}\" /\\ chksum(tla) = \"{result.TlaChecksum}\")";
        if (begin >= 0 && end > begin)
        {
            // An empty block (BEGIN/END TRANSLATION with nothing but blank lines between) carries no translation:
            // writing one into it adds the translation, as when the block is missing.
            var existing = orig.GetRange(begin + 1, end - begin - 1);
            result.ExistingLines = existing.All(string.IsNullOrWhiteSpace) ? null : existing;
            result.ExistingIsStale = result.ExistingLines == null || !SameTranslation(result.ExistingLines, gen);
            var updated = new List<string>();
            updated.AddRange(orig.Take(begin));
            updated.Add(ExistingHeader(orig[begin], pcalSum, result.TlaChecksum));
            updated.AddRange(gen);
            updated.AddRange(orig.Skip(end));
            result.ModuleText = string.Join("\n", updated);
        }
        else
        {
            // After the line that closes the comment holding the algorithm.
            int at = endLine + 1;
            var updated = new List<string>();
            updated.AddRange(orig.Take(at));
            updated.Add(header);
            updated.AddRange(gen);
            updated.Add("\\* END TRANSLATION ");
            updated.AddRange(orig.Skip(at));
            result.ModuleText = string.Join("\n", updated);
            result.ExistingIsStale = true;
        }
        return result;
    }

    /// <summary>pcal.trans's pattern of a BEGIN TRANSLATION line with checksums (its Validator.CHECKSUM_PATTERN): each
    /// checksum is a hex string or <c>\in STRING</c> (never checked).</summary>
    private static readonly System.Text.RegularExpressions.Regex ChecksumLine = new(
        @"\\\* BEGIN TRANSLATION\s+\(\s*(?i:ch(ec)?ksum\(p(lus)?cal\))\s*(=\s*""(?<pcal>[0-9A-Fa-f]*)""|\\in\s*STRING)" +
        @"\s*/\\\s*(?i:ch(ec)?ksum\(tla\+?\))\s*(=\s*""(?<tla>[0-9A-Fa-f]*)""|\\in\s*STRING)\s*\)",
        System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The BEGIN TRANSLATION line pcal.trans writes over an existing one: the checksums it records are
    /// replaced in place (a <c>\in STRING</c> stays), and a line without checksums is left as it is (pcal.trans adds
    /// them only to a translation it writes for the first time).</summary>
    internal static string ExistingHeader(string line, string pcalSum, string tlaSum)
    {
        var m = ChecksumLine.Match(line);
        if (!m.Success) return line;
        var sb = new StringBuilder(line);
        // The later group first, so the earlier one's offsets stay valid.
        foreach (var (g, v) in new[] { (m.Groups["tla"], tlaSum), (m.Groups["pcal"], pcalSum) })
            if (g.Success) { sb.Remove(g.Index, g.Length); sb.Insert(g.Index, v); }
        return sb.ToString();
    }

    private static readonly System.Text.RegularExpressions.Regex PrimeEq =
        new(@"([A-Za-z_][A-Za-z0-9_]*)' = \1\s*$", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>Whether two translations are the same up to white space and the two ways pcal.trans versions
    /// write one unchanged variable (<c>v' = v</c> and <c>UNCHANGED v</c>).</summary>
    public static bool SameTranslation(IEnumerable<string> a, IEnumerable<string> b)
    {
        static IEnumerable<string> Norm(IEnumerable<string> lines) => lines.Select(l => PrimeEq.Replace(l, "UNCHANGED $1"));
        return Squash(Norm(a)) == Squash(Norm(b));
    }

    /// <summary>The text with all white space removed, for comparing translations.</summary>
    public static string Squash(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var l in lines)
            foreach (var ch in l)
                if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return sb.ToString();
    }

    /// <summary>The line holding the consecutive tokens a and b (e.g. BEGIN TRANSLATION), or -1.</summary>
    internal static int FindTokenPair(string[] lines, int from, string a, string b)
    {
        var re = new System.Text.RegularExpressions.Regex(@"(^|[^A-Za-z0-9_])" + a + @"\s+" + b + @"([^A-Za-z0-9_]|$)");
        for (int i = Math.Max(0, from); i < lines.Length; i++)
            if (re.IsMatch(lines[i])) return i;
        return -1;
    }

    /// <summary>pcal's checksum: the CRC-32 of the text, in lower-case hex without leading zeros.</summary>
    public static string Crc(string s)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return (~crc).ToString("x");
    }
}
