using Ops.Tla.Syntax;

namespace Ops.Tla.PlusCal;

/// <summary>
/// pcal.trans's options, from its command line (<c>ops pcal SPEC.tla -wf -termination</c>) and from the module's
/// options statement (<c>PlusCal options (-termination -wf)</c> anywhere in the file, in a comment; the "-" may be
/// left out there). As in pcal, the command line is read first; the first fairness option of the statement replaces
/// the command line's; <c>-termination</c> without a fairness option means <c>-wf</c>.
/// </summary>
public sealed class PlusCalOptions
{
    /// <summary>"" (none), "wf", "sf", "wfNext" or "nof".</summary>
    public string Fairness = "";
    /// <summary>-termination (pcal also adds <c>PROPERTY Termination</c> to the .cfg file it writes; Ops writes no
    /// .cfg).</summary>
    public bool Termination;
    /// <summary>-label: add missing labels (without it, pcal adds them only to a uniprocess algorithm that has no
    /// label at all).</summary>
    public bool Label;
    /// <summary>-labelRoot name: the prefix of added labels.</summary>
    public string LabelRoot = "Lbl_";
    /// <summary>-noDoneDisjunct: no <c>Terminating</c> action.</summary>
    public bool NoDoneDisjunct;
    /// <summary>-version: the PlusCal version the algorithm is written for, as pcal's VersionToNumber reads it
    /// ("1.5" is 1500); pcal's default is 1903. Version 1.5 allows <c>fair</c> or <c>fair +</c> before the body of a
    /// uniprocess algorithm (meaning -wf); before 1.5, pc and the Terminating action are never left out.</summary>
    public int Version = CurrentVersion;
    internal const int CurrentVersion = 1903;
    /// <summary>Options read but without effect here (reported as warnings).</summary>
    public List<string> Warnings = new();
    /// <summary>The errors of the options statement in pcal.trans's words (what its PcalDebug.reportError prints after
    /// " -- "), which TLC prints as it validates the module's algorithm.</summary>
    public List<string> PcalReports = new();

    public PlusCalOptions Clone()
    {
        var o = (PlusCalOptions)MemberwiseClone();
        o.Warnings = new List<string>(Warnings);
        o.PcalReports = new List<string>(PcalReports);
        return o;
    }

    /// <summary>pcal's PcalParams.VersionToNumber: the digits of "m.n" with the decimals padded to three places
    /// ("1.5" is 1500, "1.12" is 1120); -1 when a character is not a digit or a dot, or there are more than three
    /// decimals.</summary>
    public static int VersionToNumber(string v)
    {
        int n = 0, decimals = 0;
        bool dot = false;
        foreach (var ch in v)
        {
            if (ch >= '0' && ch <= '9')
            {
                n = 10 * n + (ch - '0');
                if (dot && ++decimals > 3) return -1;
            }
            else if (ch == '.') dot = true;
            else return -1;
        }
        for (int i = decimals; i < 3; i++) n *= 10;
        return n;
    }

    /// <summary>Reads command-line options (each with its "-"); throws <see cref="ArgumentException"/> for an
    /// unknown one.</summary>
    public static PlusCalOptions FromCommandLine(IEnumerable<string> args)
    {
        var o = new PlusCalOptions();
        var list = args.ToList();
        o.Apply(list.Select(a => (a, 0, 0)).ToList(), inFile: false, file: "");
        return o;
    }

    /// <summary>Applies options (pcal's parseAndProcessArguments). <paramref name="inFile"/>: the options statement,
    /// where the "-" may be omitted and the first fairness option replaces the command line's.</summary>
    internal void Apply(List<(string Arg, int Line, int Col)> args, bool inFile, string file)
    {
        bool firstFairness = inFile;
        bool explicitNof = false;
        Exception Err(int i, string msg, string pcalText = null)
        {
            if (!inFile) return new ArgumentException("PlusCal: " + msg);
            var (_, l, c) = args[Math.Min(i, args.Count - 1)];
            return new TlaException(ErrorKind.Syntax, new SourceSpan(file, l, c, l, c), "PlusCal: " + msg) { PcalText = pcalText };
        }
        bool Is(string opt, string name) => opt == "-" + name || (inFile && opt == name);
        string Argument(ref int i, string name)
        {
            if (i + 1 >= args.Count) throw Err(i, $"a value must follow `-{name}'");
            return args[++i].Arg;
        }
        void SetFairness(int i, string f)
        {
            if (firstFairness)
            {
                Fairness = "";
                firstFairness = false;
            }
            if (Fairness != "")
                throw Err(i, "can only have one of -wf, -sf, -wfNext and -nof (remove all but one)");
            Fairness = f;
        }
        for (int i = 0; i < args.Count; i++)
        {
            try
            {
                ApplyOne(ref i);
            }
            catch (TlaException e) when (inFile)
            {
                // pcal.trans reports an error in the options statement and translates anyway, with the options
                // before the bad one.
                Warnings.Add(e.Describe() + " (as pcal.trans: translated without this option and the ones after it)");
                if (e.PcalText != null) PcalReports.Add(e.PcalText);
                break;
            }
        }
        if (Termination && Fairness == "" && !explicitNof) Fairness = "wf";

        void ApplyOne(ref int i)
        {
            var opt = args[i].Arg;
            if (Is(opt, "wf")) SetFairness(i, "wf");
            else if (Is(opt, "sf")) SetFairness(i, "sf");
            else if (Is(opt, "wfNext")) SetFairness(i, "wfNext");
            else if (Is(opt, "nof")) { SetFairness(i, "nof"); explicitNof = true; }
            else if (Is(opt, "termination")) Termination = true;
            else if (Is(opt, "noDoneDisjunct")) NoDoneDisjunct = true;
            else if (Is(opt, "label")) Label = true;
            else if (Is(opt, "labelRoot"))
            {
                var root = Argument(ref i, "labelRoot");
                if (!System.Text.RegularExpressions.Regex.IsMatch(root, "^[a-zA-Z][a-zA-Z0-9_]*$"))
                    throw Err(i, "label root must be a PlusCal identifier (a letter, then letters, digits and underscores)");
                LabelRoot = root;
            }
            else if (Is(opt, "version"))
            {
                var v = Argument(ref i, "version");
                int n = VersionToNumber(v);
                if (n < 0) throw Err(i, $"Illegal version {v} specified.");
                if (n > CurrentVersion) throw Err(i, $"Specified version {v} later than current version 1.12");
                Version = n;
            }
            else if (Is(opt, "spec") || Is(opt, "myspec"))
            {
                var name = Argument(ref i, opt.TrimStart('-'));
                Warnings.Add($"PlusCal option {opt} {name} ignored: Ops translates itself, without TLC");
            }
            else if (opt == "-lineWidth")
            {
                var w = Argument(ref i, "lineWidth");
                if (!int.TryParse(w, out var n) || n < 60) throw Err(i, "an integer of at least 60 must follow `-lineWidth'");
                Warnings.Add($"PlusCal option -lineWidth {w} ignored: Ops wraps lines at column 78");
            }
            else if (opt is "-nocfg" or "-noold" || (!inFile && opt is "-unixEOL" or "-debug" or "-reportLabels" or "-writeAST"))
            {
                if (opt == "-reportLabels") Label = true;
                Warnings.Add($"PlusCal option {opt} ignored: it concerns files Ops does not write");
            }
            else
                throw Err(i, inFile
                    ? $"unknown or illegal option in options statement: {opt} (known: wf, sf, wfNext, nof, termination, label, labelRoot, noDoneDisjunct, version, spec, myspec)"
                    : $"unknown option: {opt} (known: -wf, -sf, -wfNext, -nof, -termination, -label, -labelRoot, -noDoneDisjunct, -version, -spec, -myspec)",
                    // pcal's CommandLineError: "Command-line error: " + its message + ".".
                    $"Command-line error: Unknown or illegal option in options statement: {opt}..");
        }
    }

    /// <summary>pcal's search for the options statement: the word <c>PlusCal</c> (beginning a space-separated word)
    /// followed by the word <c>options</c> and a parenthesised list of options separated by spaces or commas,
    /// possibly over several lines. Returns the options found (with 1-based positions) or null.</summary>
    internal static List<(string Arg, int Line, int Col)> FindStatement(string[] lines, string file)
    {
        int l = 0, c = 0;
        while (true)
        {
            if (!FindWord(lines, ref l, ref c, "PlusCal")) return null;
            if (!NextNonSpace(lines, ref l, ref c)) return null;
            var rest = lines[l].Substring(c);
            if (!rest.StartsWith("options", StringComparison.Ordinal) || (rest.Length > 7 && IsIdChar(rest[7]))) continue;
            c += 7;
            if (!NextNonSpace(lines, ref l, ref c) || lines[l][c] != '(')
                throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, l + 1, c + 1, l + 1, c + 1),
                    "PlusCal: `PlusCal options' not followed by `(' (write the options in parentheses: PlusCal options (-wf -termination))");
            c++;
            var args = new List<(string, int, int)>();
            while (true)
            {
                if (!NextNonSpace(lines, ref l, ref c))
                    throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, lines.Length, 1, lines.Length, 1),
                        "PlusCal: no closing `)' found in the options statement");
                char ch = lines[l][c];
                if (ch == ')') return args;
                if (ch == ',') { c++; continue; }
                int end = c;
                while (end < lines[l].Length && lines[l][end] is not (' ' or ',' or ')')) end++;
                args.Add((lines[l].Substring(c, end - c), l + 1, c + 1));
                c = end;
            }
        }
    }

    private static bool IsIdChar(char ch) => char.IsLetterOrDigit(ch) || ch == '_';

    private static bool NextNonSpace(string[] lines, ref int l, ref int c)
    {
        while (l < lines.Length)
        {
            while (c < lines[l].Length && lines[l][c] == ' ') c++;
            if (c < lines[l].Length) return true;
            l++;
            c = 0;
        }
        return false;
    }

    private static bool FindWord(string[] lines, ref int l, ref int c, string word)
    {
        while (NextNonSpace(lines, ref l, ref c))
        {
            var line = lines[l];
            bool found = string.CompareOrdinal(line, c, word, 0, word.Length) == 0 &&
                         (c + word.Length >= line.Length || !(char.IsLetter(line[c + word.Length]) || line[c + word.Length] == '_'));
            if (found)
            {
                c += word.Length;
                return true;
            }
            while (c < line.Length && line[c] != ' ') c++;
        }
        return false;
    }
}
