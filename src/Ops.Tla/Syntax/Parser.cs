namespace Ops.Tla.Syntax;

/// <summary>Entry points of the TLA+ front end.</summary>
public static class TlaParser
{
    /// <summary>Parses the first module in <paramref name="text"/> (text before its header and after its closing
    /// <c>====</c> is ignored). Throws <see cref="TlaException"/> (kind Syntax) on any error.</summary>
    public static ModuleNode ParseModule(string text, string filePath)
    {
        filePath ??= "";
        var tokens = Parser.GuardLexer(() => Lexer.Tokenize(text, filePath), filePath);
        var lexicon = ModuleLexicon.From(tokens);
        var p = new Parser(tokens, filePath);
        return p.Guard(() =>
        {
            var m = p.ParseModuleFromHeader();
            m.FilePath = filePath;
            m.Lexicon = lexicon;
            return m;
        });
    }

    /// <summary>Parses a standalone expression (used by tests and tools); the whole text must be one expression.</summary>
    public static Expr ParseExpression(string text, string filePath = "")
    {
        filePath ??= "";
        var tokens = Parser.GuardLexer(() => Lexer.TokenizeFragment(text, filePath), filePath);
        var p = new Parser(tokens, filePath);
        return p.Guard(p.ParseStandaloneExpression);
    }
}

/// <summary>A recursive-descent parser over the token list. Bulleted /\ and \/ lists are handled with a stack of
/// bullet columns: a token at or left of the innermost column is "offside" and ends the current item
/// (parentheses, brackets and braces suspend the rule for their contents).</summary>
internal sealed partial class Parser
{
    private readonly List<Token> _toks;
    private readonly string _file;
    /// <summary>The first numeral larger than TLC's integers in the module being parsed (see <see cref="ModuleNode.TooBigNumeral"/>).</summary>
    private NumberLit _tooBigNumeral;
    private int _p;
    private Token _last;
    private readonly List<int> _limits = new();
    private int _depth;
    private const int MaxDepth = 600;

    public Parser(List<Token> toks, string file)
    {
        _toks = toks;
        _file = file;
        if (_toks.Count == 0 || _toks[^1].Kind != TokenKind.Eof)
            _toks.Add(new Token { Kind = TokenKind.Eof, Text = "", Raw = "", Line = 1, Col = 1, EndLine = 1, EndCol = 1 });
    }

    /// <summary>Runs the lexer, turning an unexpected internal failure into a syntax error.</summary>
    public static List<Token> GuardLexer(Func<List<Token>> f, string file)
    {
        try
        {
            return f();
        }
        catch (TlaException)
        {
            throw;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or NullReferenceException
                                      or InvalidOperationException or FormatException or OverflowException)
        {
            throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, 1, 1, 1, 1),
                $"Could not read the text ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Runs a parse, turning internal failures into syntax errors at the current token.</summary>
    public T Guard<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (TlaException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error(Raw, "Expression nested too deeply");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException
                                      or NullReferenceException or InvalidOperationException
                                      or FormatException or OverflowException)
        {
            throw Error(Raw, $"Could not parse the text at {Raw.Describe()} ({e.GetType().Name})");
        }
    }

    // ------------------------------------------------------------------ token access

    private int Limit => _limits.Count == 0 ? 0 : _limits[^1];

    /// <summary>The current token without the offside rule.</summary>
    private Token Raw => _toks[Math.Min(_p, _toks.Count - 1)];

    /// <summary>The current token, or an Offside token when it lies at or left of the current bullet column.</summary>
    private Token Cur
    {
        get
        {
            var t = Raw;
            if (t.Kind != TokenKind.Eof && t.Col <= Limit)
                return new Token
                {
                    Kind = TokenKind.Offside, Text = t.Text, Raw = t.Raw, Line = t.Line, Col = t.Col,
                    EndLine = t.EndLine, EndCol = t.EndCol,
                };
            return t;
        }
    }

    /// <summary>Raw lookahead (k = 0 is the current token).</summary>
    private Token Peek(int k) => _toks[Math.Min(_p + k, _toks.Count - 1)];

    private Token Next()
    {
        var t = Raw;
        if (t.Kind != TokenKind.Eof) _p++;
        _last = t;
        return t;
    }

    private bool IsSym(string s) => Cur.IsSym(s);
    private bool IsKw(string s) => Cur.IsKw(s);

    private bool AcceptSym(string s)
    {
        if (!IsSym(s)) return false;
        Next();
        return true;
    }

    private bool AcceptKw(string s)
    {
        if (!IsKw(s)) return false;
        Next();
        return true;
    }

    private Token ExpectSym(string s, string context)
    {
        if (IsSym(s)) return Next();
        throw Expected($"'{s}' {context}".TrimEnd());
    }

    private Token ExpectKw(string s, string context)
    {
        if (IsKw(s)) return Next();
        throw Expected($"'{s}' {context}".TrimEnd());
    }

    /// <summary>Expects the symbol closing a bracket opened by <paramref name="open"/>.</summary>
    private Token ExpectClose(string s, Token open, string what)
    {
        if (IsSym(s)) return Next();
        throw Expected($"'{s}' to close the {what} opened at line {open.Line}, col {open.Col}");
    }

    private Token ExpectIdent(string what)
    {
        if (Cur.Kind == TokenKind.Ident) return Next();
        throw Expected(what);
    }

    private TlaException Expected(string what)
    {
        var t = Cur;
        string found = t.Describe();
        if (t.Kind == TokenKind.Offside)
        {
            int col = Limit;
            found += $" (it is not to the right of the /\\ or \\/ bullet in column {col}, so it ends the bulleted list)";
        }
        return Error(t, $"Expected {what}, but found {found}");
    }

    private TlaException Error(Token t, string message) =>
        new(ErrorKind.Syntax, t.Span(_file), message);

    private SourceSpan SpanOf(Token t) => t.Span(_file);

    /// <summary>Span from <paramref name="start"/> to the last consumed token.</summary>
    private SourceSpan From(Token start) => start.Span(_file).To((_last ?? start).Span(_file));

    private T Fin<T>(T node, Token start) where T : Node
    {
        node.Span = From(start);
        return node;
    }

    private void PushLimit(int col) => _limits.Add(col);
    private void PopLimit() => _limits.RemoveAt(_limits.Count - 1);

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw Error(Raw, "Expression nested too deeply");
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _depth--;

    public Expr ParseStandaloneExpression()
    {
        var e = ParseExpr();
        if (Raw.Kind != TokenKind.Eof)
            throw Expected("end of expression");
        return e;
    }
}
