namespace Ops.Tla.Syntax;

/// <summary>The lexical class of a token.</summary>
public enum TokenKind
{
    /// <summary>An identifier (also BOOLEAN, STRING, Nat ...: they are resolved later).</summary>
    Ident,
    /// <summary>A reserved word (IF, THEN, MODULE, TRUE, ...); Text is the word.</summary>
    Keyword,
    /// <summary>A number; Text is the literal as written, Value/Decimal hold its value.</summary>
    Number,
    /// <summary>A string literal; Text is the unescaped value.</summary>
    String,
    /// <summary>An operator or punctuation symbol; Text is its canonical ASCII spelling.</summary>
    Symbol,
    /// <summary>A proof step label such as <c>&lt;1&gt;2.</c>, <c>&lt;1&gt;</c>, <c>&lt;+&gt;</c>; Text omits a trailing dot.</summary>
    StepLabel,
    /// <summary>A line of four or more dashes.</summary>
    Separator,
    /// <summary>A line of four or more equal signs: the end of a module.</summary>
    ModuleEnd,
    /// <summary>End of input.</summary>
    Eof,
    /// <summary>Produced by the parser, not the lexer: a token that lies at or left of the column of the enclosing
    /// bulleted /\ or \/ list, and so cannot belong to the current list item.</summary>
    Offside,
}

/// <summary>One token with its position (1-based line and column of its first and last characters).</summary>
public sealed class Token
{
    public TokenKind Kind;
    /// <summary>Canonical text: synonyms and Unicode symbols are normalised to one ASCII spelling.</summary>
    public string Text;
    /// <summary>The characters as written in the source.</summary>
    public string Raw;
    public int Line, Col, EndLine, EndCol;
    /// <summary>For numbers: the integer value (integral part for decimals).</summary>
    public System.Numerics.BigInteger Value;
    /// <summary>For a decimal number like 1.5, its text; null otherwise.</summary>
    public string Decimal;
    /// <summary>True when whitespace or a comment precedes this token.</summary>
    public bool SpaceBefore;

    public SourceSpan Span(string file) => new(file, Line, Col, EndLine, EndCol);

    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;
    public bool IsSym(string text) => Kind == TokenKind.Symbol && Text == text;
    public bool IsKw(string text) => Kind == TokenKind.Keyword && Text == text;

    /// <summary>How the token is shown in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of file",
        TokenKind.Offside => "'" + Raw + "'",
        TokenKind.String => "string \"" + Raw.Trim('"') + "\"",
        _ => "'" + Raw + "'",
    };

    public override string ToString() => $"{Kind} {Text} @{Line}:{Col}";
}
