using System.Globalization;
using System.Numerics;
using System.Text;
using Ops.Tla.Syntax;

namespace Ops.Tla.Config;

internal enum CfgTokenKind { Eof, Ident, Number, String, Symbol }

/// <summary>
/// One token of a .cfg file. Text is the source image (for strings, with quotes and escapes);
/// StringValue is a string's decoded contents, Number a number's value.
/// </summary>
internal readonly record struct CfgToken(CfgTokenKind Kind, string Text, SourceSpan Span,
    string StringValue = null, BigInteger Number = default)
{
    public bool Is(string symbol) => Kind == CfgTokenKind.Symbol && Text == symbol;
}

/// <summary>
/// Splits a .cfg file into tokens the way TLC's TLA+ tokenizer does for the parts a configuration can use:
/// identifiers, numbers, strings, TLA+ operator symbols and delimiters; <c>\*</c> line comments and nested
/// <c>(* *)</c> comments are skipped. Columns are 1-based and count characters (a tab is one column);
/// spans end at the token's last character (inclusive, as TLC reports them).
/// </summary>
internal sealed class CfgLexer
{
    /// <summary>Multi-character symbols of TLA+, longest first so that matching is maximal munch.</summary>
    private static readonly string[] MultiSymbols =
    {
        "(\\X)",
        "-+->",
        "<=>", "...", "::=", "(+)", "(-)", "(.)", "(/)", "|->", ">>_",
        "//", "/\\", "\\/", "/=", "~>", "=>", "=<", "=|", "==", "##", "^^", "^+", "^*", "^#", "--", "-|", "-.",
        "**", "++", "<:", "<=", "<-", "<<", "<>", ">=", ">>", "..", "||", "|-", "|=", "&&", "$$", "??", "%%",
        "@@", "!!", ":>", ":=", "::", "->", "[]", "]_",
    };

    private const string SingleSymbols = "()[]{},:.!=#^-*+<>|&$%@~'/\\_";

    private readonly string _src;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _col = 1;

    private CfgLexer(string src, string file)
    {
        _src = src;
        _file = file;
        if (_src.Length > 0 && _src[0] == '\uFEFF') _pos = 1;
    }

    public static List<CfgToken> Tokenize(string text, string file)
    {
        var lexer = new CfgLexer(text, file);
        var tokens = new List<CfgToken>();
        while (true)
        {
            var t = lexer.Next();
            tokens.Add(t);
            if (t.Kind == CfgTokenKind.Eof) return tokens;
        }
    }

    private char Ch(int ahead = 0) => _pos + ahead < _src.Length ? _src[_pos + ahead] : '\0';
    private bool AtEnd => _pos >= _src.Length;

    private void Advance()
    {
        char c = _src[_pos++];
        if (c == '\n' || (c == '\r' && Ch() != '\n'))
        {
            _line++;
            _col = 1;
        }
        else if (c != '\r')
        {
            _col++;
        }
    }

    private void Advance(int n)
    {
        for (int i = 0; i < n; i++) Advance();
    }

    private SourceSpan Here(int length) => new(_file, _line, _col, _line, _col + Math.Max(length, 1) - 1);

    private static TlaException Error(SourceSpan span, string message) => new(ErrorKind.Config, span, message);

    private CfgToken Next()
    {
        SkipBlanksAndComments();
        if (AtEnd) return new CfgToken(CfgTokenKind.Eof, "end of file", Here(1));

        char c = Ch();
        if (IsWordChar(c)) return Word();
        if (c == '"') return StringLiteral();
        if (c == '\\')
        {
            if (Ch(1) == '/') return Symbol(2);
            if (IsBaseNumberStart()) return BaseNumber();
            if (IsLetter(Ch(1)))
            {
                int n = 1;
                while (IsLetter(Ch(n))) n++;
                return Symbol(n);
            }
            return Symbol(1);
        }
        foreach (var s in MultiSymbols)
        {
            if (string.CompareOrdinal(_src, _pos, s, 0, s.Length) == 0) return Symbol(s.Length);
        }
        if (SingleSymbols.IndexOf(c) >= 0) return Symbol(1);

        string shown = char.IsControl(c) || char.IsWhiteSpace(c)
            ? $"U+{(int)c:X4}"
            : $"'{c}' (U+{(int)c:X4})";
        throw Error(Here(1), $"unexpected character {shown}; a .cfg file is written in ASCII TLA+ tokens");
    }

    private void SkipBlanksAndComments()
    {
        while (!AtEnd)
        {
            char c = Ch();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            {
                Advance();
            }
            else if (c == '\\' && Ch(1) == '*')
            {
                while (!AtEnd && Ch() != '\n' && Ch() != '\r') Advance();
            }
            else if (c == '(' && Ch(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = Here(2);
        int depth = 0;
        while (!AtEnd)
        {
            if (Ch() == '(' && Ch(1) == '*')
            {
                depth++;
                Advance(2);
            }
            else if (Ch() == '*' && Ch(1) == ')')
            {
                depth--;
                Advance(2);
                if (depth == 0) return;
            }
            else
            {
                Advance();
            }
        }
        throw Error(start, "comment '(*' is never closed; add a matching '*)'");
    }

    private CfgToken Symbol(int length)
    {
        var span = Here(length);
        string text = _src.Substring(_pos, length);
        Advance(length);
        return new CfgToken(CfgTokenKind.Symbol, text, span);
    }

    /// <summary>A run of letters, digits and '_': an identifier if it has a letter, else a number.</summary>
    private CfgToken Word()
    {
        int n = 0;
        bool hasLetter = false;
        while (IsWordChar(Ch(n)))
        {
            hasLetter |= IsLetter(Ch(n));
            n++;
        }
        string text = _src.Substring(_pos, n);
        var span = Here(n);
        if (hasLetter)
        {
            Advance(n);
            return new CfgToken(CfgTokenKind.Ident, text, span);
        }
        if (text == "_") return Symbol(1);
        if (text.Contains('_'))
            throw Error(span, $"'{text}' is neither a number nor a name (a name needs at least one letter)");
        if (Ch(n) == '.' && IsDigit(Ch(n + 1)))
        {
            int m = n + 1;
            while (IsDigit(Ch(m))) m++;
            throw Error(Here(m), $"'{_src.Substring(_pos, m)}' is a decimal number; a .cfg file accepts only integers");
        }
        Advance(n);
        return new CfgToken(CfgTokenKind.Number, text, span, Number: BigInteger.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>TLA+'s \b101, \o17 and \h1F number forms.</summary>
    private bool IsBaseNumberStart() => BaseOf(Ch(1)) is int b && DigitValue(Ch(2)) is int d && d < b;

    private CfgToken BaseNumber()
    {
        int radix = BaseOf(Ch(1)).Value;
        int n = 2;
        BigInteger value = BigInteger.Zero;
        while (DigitValue(Ch(n)) is int d && d < radix)
        {
            value = value * radix + d;
            n++;
        }
        var span = Here(n);
        string text = _src.Substring(_pos, n);
        Advance(n);
        return new CfgToken(CfgTokenKind.Number, text, span, Number: value);
    }

    private static int? BaseOf(char c) => char.ToLowerInvariant(c) switch { 'b' => 2, 'o' => 8, 'h' => 16, _ => null };

    private static int? DigitValue(char c) =>
        c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : null;

    /// <summary>A TLA+ string: escapes \" \\ \n \t \r \f; no line breaks inside.</summary>
    private CfgToken StringLiteral()
    {
        int startPos = _pos;
        int line = _line, col = _col;
        var sb = new StringBuilder();
        Advance(); // opening quote
        while (true)
        {
            if (AtEnd || Ch() == '\n' || Ch() == '\r')
                throw Error(new SourceSpan(_file, line, col, line, col),
                    "string is not closed on this line; add the closing '\"'");
            char c = Ch();
            if (c == '"') break;
            if (c == '\\')
            {
                char e = Ch(1);
                char? decoded = e switch
                {
                    '"' => '"', '\\' => '\\', 'n' => '\n', 't' => '\t', 'r' => '\r', 'f' => '\f', _ => null,
                };
                if (decoded is null)
                    throw Error(Here(2), $"invalid escape '\\{(AtEndOrBreak(1) ? "" : e.ToString())}' in string; "
                                         + "TLA+ strings allow \\\" \\\\ \\n \\t \\r \\f");
                sb.Append(decoded.Value);
                Advance(2);
                continue;
            }
            sb.Append(c);
            Advance();
        }
        int endCol = _col;
        Advance(); // closing quote
        string text = _src.Substring(startPos, _pos - startPos);
        return new CfgToken(CfgTokenKind.String, text, new SourceSpan(_file, line, col, line, endCol), sb.ToString());
    }

    private bool AtEndOrBreak(int ahead) => _pos + ahead >= _src.Length || Ch(ahead) == '\n' || Ch(ahead) == '\r';

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    private static bool IsDigit(char c) => c >= '0' && c <= '9';
    private static bool IsWordChar(char c) => IsLetter(c) || IsDigit(c) || c == '_';
}
