using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ops.Tla.Syntax;

/// <summary>
/// Turns TLA+ source text into tokens. Lexing starts at the first <c>---- MODULE</c> header and stops after the
/// <c>====</c> line that closes that module (nested submodules are counted), so text before and after is ignored.
/// Synonyms and Unicode symbols are normalised to one ASCII spelling (see <see cref="OpApp"/>).
/// </summary>
public sealed class Lexer
{
    private readonly string _src;
    private readonly string _file;
    private int _pos;
    private int _line = 1, _col = 1;
    private readonly List<Token> _tokens = new();
    private int _depth;

    public static readonly HashSet<string> Keywords = new()
    {
        "ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED",
        "EXCEPT", "EXTENDS", "IF", "IN", "INSTANCE", "LET", "LOCAL", "MODULE", "OTHER", "SUBSET", "THEN",
        "THEOREM", "UNCHANGED", "UNION", "VARIABLE", "VARIABLES", "WITH", "LAMBDA", "RECURSIVE", "TRUE", "FALSE",
        // proof language (TLA+ 2)
        "ACTION", "BY", "COROLLARY", "DEF", "DEFINE", "DEFS", "HAVE", "HIDE", "LEMMA", "NEW", "OBVIOUS",
        "OMITTED", "ONLY", "PICK", "PROOF", "PROPOSITION", "PROVE", "QED", "STATE", "SUFFICES", "TAKE",
        "TEMPORAL", "USE", "WITNESS",
    };

    /// <summary>Backslash words and their canonical spelling.</summary>
    private static readonly Dictionary<string, string> BackslashWords = new()
    {
        ["A"] = "\\A", ["E"] = "\\E", ["AA"] = "\\AA", ["EE"] = "\\EE", ["forall"] = "\\A", ["exists"] = "\\E",
        ["in"] = "\\in", ["notin"] = "\\notin", ["X"] = "\\X", ["times"] = "\\X",
        ["cup"] = "\\cup", ["union"] = "\\cup", ["cap"] = "\\cap", ["intersect"] = "\\cap",
        ["subseteq"] = "\\subseteq", ["subset"] = "\\subset", ["supseteq"] = "\\supseteq", ["supset"] = "\\supset",
        ["land"] = "/\\", ["lor"] = "\\/", ["lnot"] = "~", ["neg"] = "~", ["equiv"] = "<=>",
        ["leq"] = "\\leq", ["geq"] = "\\geq", ["o"] = "\\o", ["circ"] = "\\o",
        ["oplus"] = "(+)", ["ominus"] = "(-)", ["odot"] = "(.)", ["oslash"] = "(/)", ["otimes"] = "(\\X)",
        ["cdot"] = "\\cdot", ["div"] = "\\div", ["prec"] = "\\prec", ["preceq"] = "\\preceq", ["succ"] = "\\succ",
        ["succeq"] = "\\succeq", ["sim"] = "\\sim", ["simeq"] = "\\simeq", ["ll"] = "\\ll", ["gg"] = "\\gg",
        ["asymp"] = "\\asymp", ["approx"] = "\\approx", ["cong"] = "\\cong", ["sqsubset"] = "\\sqsubset",
        ["sqsubseteq"] = "\\sqsubseteq", ["sqsupset"] = "\\sqsupset", ["sqsupseteq"] = "\\sqsupseteq",
        ["doteq"] = "\\doteq", ["propto"] = "\\propto", ["uplus"] = "\\uplus", ["sqcap"] = "\\sqcap",
        ["sqcup"] = "\\sqcup", ["wr"] = "\\wr", ["star"] = "\\star", ["bigcirc"] = "\\bigcirc",
        ["bullet"] = "\\bullet",
    };

    /// <summary>ASCII symbols, longest first, with their canonical spelling.</summary>
    private static readonly (string Text, string Canon)[] Symbols =
    {
        ("-+->", "-+->"), ("(\\X)", "(\\X)"),
        ("<=>", "<=>"), ("...", "..."), ("::=", "::="), ("|->", "|->"), ("(+)", "(+)"), ("(-)", "(-)"),
        ("(.)", "(.)"), ("(/)", "(/)"), (">>_", ">>_"),
        ("==", "=="), ("<-", "<-"), ("->", "->"), ("/\\", "/\\"), ("\\/", "\\/"), ("=>", "=>"), ("<=", "\\leq"),
        ("=<", "\\leq"), (">=", "\\geq"), ("/=", "#"), ("..", ".."), ("::", "::"), (":=", ":="), (":>", ":>"),
        ("<:", "<:"), ("<<", "<<"), (">>", ">>"), ("[]", "[]"), ("<>", "<>"), ("~>", "~>"), ("^+", "^+"),
        ("^*", "^*"), ("^#", "^#"), ("++", "++"), ("--", "--"), ("**", "**"), ("//", "//"), ("^^", "^^"),
        ("@@", "@@"), ("!!", "!!"), ("##", "##"), ("$$", "$$"), ("??", "??"), ("%%", "%%"), ("&&", "&&"),
        ("||", "||"), ("|-", "|-"), ("|=", "|="), ("-|", "-|"), ("=|", "=|"), ("]_", "]_"),
        ("(", "("), (")", ")"), ("[", "["), ("]", "]"), ("{", "{"), ("}", "}"), (",", ","), (":", ":"),
        ("=", "="), ("+", "+"), ("-", "-"), ("*", "*"), ("/", "/"), ("^", "^"), ("<", "<"), (">", ">"),
        ("#", "#"), ("~", "~"), ("'", "'"), ("!", "!"), ("@", "@"), ("_", "_"), (".", "."), ("|", "|"),
        ("&", "&"), ("$", "$"), ("%", "%"), ("?", "?"), ("\\", "\\"),
    };

    /// <summary>Unicode symbols and their canonical ASCII spelling (kind Symbol unless noted in the parser).</summary>
    private static readonly Dictionary<string, string> UnicodeSymbols = new()
    {
        ["∧"] = "/\\", ["∨"] = "\\/", ["¬"] = "~", ["⇒"] = "=>", ["≡"] = "<=>", ["⇔"] = "<=>", ["≠"] = "#",
        ["≤"] = "\\leq", ["≥"] = "\\geq", ["∈"] = "\\in", ["∉"] = "\\notin", ["⊆"] = "\\subseteq",
        ["⊂"] = "\\subset", ["⊇"] = "\\supseteq", ["⊃"] = "\\supset", ["∪"] = "\\cup", ["∩"] = "\\cap",
        ["×"] = "\\X", ["↦"] = "|->", ["→"] = "->", ["←"] = "<-", ["□"] = "[]", ["◇"] = "<>", ["⋄"] = "<>",
        ["↝"] = "~>", ["⇸"] = "-+->", ["≜"] = "==", ["⟨"] = "<<", ["⟩"] = ">>", ["〈"] = "<<", ["〉"] = ">>",
        ["∀"] = "\\A", ["∃"] = "\\E", ["′"] = "'", ["∘"] = "\\o", ["⊕"] = "(+)", ["⊖"] = "(-)", ["⊙"] = "(.)",
        ["⊘"] = "(/)", ["⊗"] = "(\\X)", ["≈"] = "\\approx", ["≔"] = ":=", ["≍"] = "\\asymp", ["◯"] = "\\bigcirc",
        ["⩴"] = "::=", ["●"] = "\\bullet", ["⋅"] = "\\cdot", ["≅"] = "\\cong", ["÷"] = "\\div", ["≐"] = "\\doteq",
        ["‥"] = "..", ["…"] = "...", ["‼"] = "!!", ["≫"] = "\\gg", ["⫤"] = "=|", ["≪"] = "\\ll", ["⊣"] = "-|",
        ["≺"] = "\\prec", ["⪯"] = "\\preceq", ["∝"] = "\\propto", ["⁇"] = "??", ["⊨"] = "|=", ["⊢"] = "|-",
        ["∼"] = "\\sim", ["≃"] = "\\simeq", ["⊓"] = "\\sqcap", ["⊔"] = "\\sqcup", ["⊏"] = "\\sqsubset",
        ["⊑"] = "\\sqsubseteq", ["⊐"] = "\\sqsupset", ["⊒"] = "\\sqsupseteq", ["⋆"] = "\\star", ["≻"] = "\\succ",
        ["⪰"] = "\\succeq", ["⊎"] = "\\uplus", ["‖"] = "||", ["≀"] = "\\wr", ["⁺"] = "^+", ["∷"] = "::",
    };

    private Lexer(string src, string file)
    {
        _src = src;
        _file = file ?? "";
    }

    /// <summary>Tokens of the first module in <paramref name="text"/>, ending with an Eof token.</summary>
    public static List<Token> Tokenize(string text, string file)
    {
        var lx = new Lexer(text ?? "", file);
        lx.Run();
        return lx._tokens;
    }

    /// <summary>Tokens of a fragment (an expression, for tests or the config): no module header needed.</summary>
    public static List<Token> TokenizeFragment(string text, string file)
    {
        var lx = new Lexer(text ?? "", file);
        lx._depth = int.MinValue / 2; // never stop at ====
        lx.Scan();
        return lx._tokens;
    }

    private void Run()
    {
        int header = ModuleHeaderScan.Find(_src);
        if (header < 0)
            throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, 1, 1, 1, 1),
                "No module header found: expected a line like '---- MODULE Name ----'");
        while (_pos < header) Advance();
        Scan();
    }

    private SourceSpan Here() => new(_file, _line, _col, _line, _col);

    private char Ch(int k = 0) => _pos + k < _src.Length ? _src[_pos + k] : '\0';

    private void Advance()
    {
        char c = _src[_pos++];
        if (c == '\n') { _line++; _col = 1; }
        else if (c == '\t') { _col = ((_col - 1) / 8 + 1) * 8 + 1; }
        else if (char.IsLowSurrogate(c)) { }
        else if (c == '\r') { }
        else _col++;
    }

    private void Advance(int n) { for (int i = 0; i < n && _pos < _src.Length; i++) Advance(); }

    private bool StartsWith(string s) => string.CompareOrdinal(_src, _pos, s, 0, s.Length) == 0;

    private void Scan()
    {
        while (true)
        {
            bool space = SkipTrivia();
            if (_pos >= _src.Length)
            {
                Emit(TokenKind.Eof, "", "", _line, _col, _line, _col, space);
                return;
            }
            Token t = LexOne(space);
            if (t.Kind == TokenKind.Keyword && t.Text == "MODULE" && _tokens.Count >= 2 &&
                _tokens[^2].Kind == TokenKind.Separator)
                _depth++;
            if (t.Kind == TokenKind.ModuleEnd)
            {
                _depth--;
                if (_depth <= 0 && _depth > int.MinValue / 4)
                {
                    Emit(TokenKind.Eof, "", "", _line, _col, _line, _col, true);
                    return;
                }
            }
        }
    }

    /// <summary>Skips whitespace and comments; true if anything was skipped.</summary>
    private bool SkipTrivia()
    {
        bool any = false;
        while (_pos < _src.Length)
        {
            char c = Ch();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\u00A0' ||
                c == '\uFEFF')
            {
                Advance();
                any = true;
            }
            else if (c == '\\' && Ch(1) == '*')
            {
                while (_pos < _src.Length && Ch() != '\n') Advance();
                any = true;
            }
            else if (c == '(' && Ch(1) == '*')
            {
                SkipBlockComment();
                any = true;
            }
            else break;
        }
        return any;
    }

    private void SkipBlockComment()
    {
        var open = Here();
        int depth = 0;
        while (_pos < _src.Length)
        {
            if (Ch() == '(' && Ch(1) == '*') { depth++; Advance(2); }
            else if (Ch() == '*' && Ch(1) == ')')
            {
                depth--;
                Advance(2);
                if (depth == 0) return;
            }
            else Advance();
        }
        throw new TlaException(ErrorKind.Syntax, open,
            $"Unterminated comment: the '(*' at line {open.Line}, col {open.Col} is never closed by '*)'");
    }

    private Token Emit(TokenKind kind, string text, string raw, int line, int col, int endLine, int endCol, bool space)
    {
        var t = new Token
        {
            Kind = kind, Text = text, Raw = raw, Line = line, Col = col, EndLine = endLine, EndCol = endCol,
            SpaceBefore = space,
        };
        _tokens.Add(t);
        return t;
    }

    /// <summary>Emits a token made of the characters from the current position up to (excluding) end.</summary>
    private Token EmitUpTo(int end, TokenKind kind, string text, bool space)
    {
        int line = _line, col = _col, start = _pos;
        int lastLine = _line, lastCol = _col;
        while (_pos < end)
        {
            if (!char.IsLowSurrogate(_src[_pos]))
            {
                lastLine = _line;
                lastCol = _col;
            }
            Advance();
        }
        return Emit(kind, text, _src.Substring(start, end - start), line, col, lastLine, lastCol, space);
    }

    private static bool IsWordChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' ||
        (c > 127 && char.IsLetter(c));

    private Token LexOne(bool space)
    {
        char c = Ch();
        // ---- separators and ==== module ends
        if (c == '-' && StartsWith("----"))
        {
            int e = _pos;
            while (e < _src.Length && _src[e] == '-') e++;
            return EmitUpTo(e, TokenKind.Separator, "----", space);
        }
        if (c == '=' && StartsWith("===="))
        {
            int e = _pos;
            while (e < _src.Length && _src[e] == '=') e++;
            return EmitUpTo(e, TokenKind.ModuleEnd, "====", space);
        }
        if (IsWordChar(c) && !char.IsSurrogate(c))
            return LexWord(space);
        if (c == '"')
            return LexString(space);
        if (c == '\\')
        {
            var t = LexBackslash(space);
            if (t != null) return t;
        }
        if (c == '<')
        {
            var t = LexStepLabel(space);
            if (t != null) return t;
        }
        if (c == '-' && Ch(1) == '.' && Ch(2) != '.')
            return EmitUpTo(_pos + 2, TokenKind.Symbol, "-.", space);
        foreach (var (text, canon) in Symbols)
        {
            if (StartsWith(text))
            {
                if (text == "\\") break; // handled below: a lone backslash is set difference
                return EmitUpTo(_pos + text.Length, TokenKind.Symbol, canon, space);
            }
        }
        if (c == '\\')
            return EmitUpTo(_pos + 1, TokenKind.Symbol, "\\", space);
        // Unicode symbols
        if (c > 127)
        {
            string s = char.IsHighSurrogate(c) && _pos + 1 < _src.Length ? _src.Substring(_pos, 2) : c.ToString();
            if ((s == "∀" || s == "∃") && _pos + 1 < _src.Length && _src[_pos + 1] == c)
                return EmitUpTo(_pos + 2, TokenKind.Symbol, s == "∀" ? "\\AA" : "\\EE", space);
            if (s == "⊤") return EmitUpTo(_pos + 1, TokenKind.Keyword, "TRUE", space);
            if (s == "⊥") return EmitUpTo(_pos + 1, TokenKind.Keyword, "FALSE", space);
            if (s == "⟩" && Ch(1) == '_') return EmitUpTo(_pos + 2, TokenKind.Symbol, ">>_", space);
            if (UnicodeSymbols.TryGetValue(s, out var canon))
                return EmitUpTo(_pos + s.Length, TokenKind.Symbol, canon, space);
            if (char.IsLetter(c) || (char.IsHighSurrogate(c) && char.IsLetter(_src, _pos)))
                return LexWord(space);
        }
        throw new TlaException(ErrorKind.Syntax, Here(), $"Unexpected character '{c}' (U+{(int)c:X4})");
    }

    private Token LexWord(bool space)
    {
        int e = _pos;
        while (e < _src.Length && (IsWordChar(_src[e]) || (char.IsSurrogate(_src[e]) && char.IsLetter(_src, e - (char.IsLowSurrogate(_src[e]) ? 1 : 0)))))
            e++;
        if (e == _pos)
            throw new TlaException(ErrorKind.Syntax, Here(), $"Unexpected character '{Ch()}' (U+{(int)Ch():X4})");
        string w = _src.Substring(_pos, e - _pos);
        // WF_ / SF_ prefix a subscript
        if ((w.StartsWith("WF_") || w.StartsWith("SF_")))
            return EmitUpTo(_pos + 3, TokenKind.Keyword, w.Substring(0, 3), space);
        bool allDigits = true;
        foreach (char ch in w) if (ch < '0' || ch > '9') { allDigits = false; break; }
        if (allDigits)
        {
            // decimal number 1.5 (but not 1..5)
            if (e + 1 < _src.Length && _src[e] == '.' && char.IsAsciiDigit(_src[e + 1]))
            {
                int f = e + 1;
                while (f < _src.Length && char.IsAsciiDigit(_src[f])) f++;
                string whole = _src.Substring(_pos, f - _pos);
                var dt = EmitUpTo(f, TokenKind.Number, whole, space);
                dt.Value = BigInteger.Parse(w);
                dt.Decimal = whole;
                return dt;
            }
            var nt = EmitUpTo(e, TokenKind.Number, w, space);
            nt.Value = BigInteger.Parse(w);
            return nt;
        }
        bool hasLetter = false;
        foreach (char ch in w) if (ch != '_' && !char.IsAsciiDigit(ch)) { hasLetter = true; break; }
        if (!hasLetter)
        {
            // "_" alone (or runs of underscores/digits) is the placeholder symbol
            if (w.StartsWith("_")) return EmitUpTo(_pos + 1, TokenKind.Symbol, "_", space);
            // digits followed by underscores: lex the digits as a number
            int d = _pos;
            while (d < _src.Length && char.IsAsciiDigit(_src[d])) d++;
            var nt = EmitUpTo(d, TokenKind.Number, _src.Substring(_pos, d - _pos), space);
            nt.Value = BigInteger.Parse(nt.Text);
            return nt;
        }
        if (Keywords.Contains(w))
            return EmitUpTo(e, TokenKind.Keyword, w, space);
        return EmitUpTo(e, TokenKind.Ident, w, space);
    }

    private Token LexString(bool space)
    {
        int line = _line, col = _col, start = _pos;
        var sb = new StringBuilder();
        Advance(); // opening quote
        while (true)
        {
            if (_pos >= _src.Length || Ch() == '\n')
                throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, line, col, line, col),
                    $"Unterminated string starting at line {line}, col {col}");
            char c = Ch();
            if (c == '"')
            {
                int endLine = _line, endCol = _col;
                Advance();
                return Emit(TokenKind.String, sb.ToString(), _src.Substring(start, _pos - start), line, col,
                    endLine, endCol, space);
            }
            if (c == '\\')
            {
                char n = Ch(1);
                string rep = n switch
                {
                    '"' => "\"", '\\' => "\\", 'n' => "\n", 't' => "\t", 'r' => "\r", 'f' => "\f",
                    _ => null,
                };
                if (rep == null)
                    throw new TlaException(ErrorKind.Syntax, Here(),
                        $"Invalid escape sequence '\\{n}' in string: expected one of \\\" \\\\ \\n \\t \\r \\f");
                sb.Append(rep);
                Advance(2);
                continue;
            }
            sb.Append(c);
            Advance();
        }
    }

    private Token LexBackslash(bool space)
    {
        char n = Ch(1);
        // \* comments and \/ are handled elsewhere
        if (!char.IsAsciiLetter(n)) return null;
        int e = _pos + 1;
        while (e < _src.Length && char.IsAsciiLetter(_src[e])) e++;
        string w = _src.Substring(_pos + 1, e - _pos - 1);
        // numbers in other bases: \b101, \o17, \h1F
        if (w.Length >= 1)
        {
            char b = char.ToLowerInvariant(w[0]);
            if (b is 'b' or 'o' or 'h')
            {
                int f = _pos + 2;
                Func<char, bool> ok = b switch
                {
                    'b' => ch => ch is '0' or '1',
                    'o' => ch => ch is >= '0' and <= '7',
                    _ => char.IsAsciiHexDigit,
                };
                if (f < _src.Length && ok(_src[f]) && (b == 'h' || char.IsAsciiDigit(_src[f])))
                {
                    while (f < _src.Length && ok(_src[f])) f++;
                    string digits = _src.Substring(_pos + 2, f - _pos - 2);
                    int radix = b == 'b' ? 2 : b == 'o' ? 8 : 16;
                    BigInteger v = BigInteger.Zero;
                    foreach (char ch in digits) v = v * radix + Convert.ToInt32(ch.ToString(), 16);
                    // SANY reads a \b, \o or \h numeral as a Java int and fails on a larger one (a parse error).
                    if (v > int.MaxValue)
                        throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, _line, _col, _line, _col + (f - _pos)),
                            $"The number {_src.Substring(_pos, f - _pos)} ({v}) is too big: TLC's integers are 32-bit, at most 2147483647");
                    var t = EmitUpTo(f, TokenKind.Number, _src.Substring(_pos, f - _pos), space);
                    t.Value = v;
                    return t;
                }
            }
        }
        if (BackslashWords.TryGetValue(w, out var canon))
            return EmitUpTo(e, TokenKind.Symbol, canon, space);
        throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, _line, _col, _line, _col + w.Length),
            $"Unknown operator '\\{w}'");
    }

    /// <summary>Proof step labels: &lt;1&gt;, &lt;1&gt;2, &lt;1&gt;a., &lt;+&gt;, &lt;*&gt;.</summary>
    private Token LexStepLabel(bool space)
    {
        int p = _pos + 1;
        if (p < _src.Length && (_src[p] == '+' || _src[p] == '*'))
        {
            if (p + 1 < _src.Length && _src[p + 1] == '>') p += 2;
            else return null;
        }
        else
        {
            int d = p;
            while (d < _src.Length && char.IsAsciiDigit(_src[d])) d++;
            if (d == p || d >= _src.Length || _src[d] != '>') return null;
            p = d + 1;
        }
        int q = p;
        while (q < _src.Length && (char.IsAsciiLetterOrDigit(_src[q]) || _src[q] == '_')) q++;
        string text = _src.Substring(_pos, q - _pos);
        while (q < _src.Length && _src[q] == '.' && !(q + 1 < _src.Length && _src[q + 1] == '.')) q++;
        return EmitUpTo(q, TokenKind.StepLabel, text, space);
    }
}
