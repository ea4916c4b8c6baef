using Ops.Tla.Syntax;

namespace Ops.Tla.PlusCal;

/// <summary>A token of the algorithm text with its 0-based source line and column.</summary>
internal readonly record struct LTok(string Text, PTokKind Kind, int Line, int Col)
{
    public bool Is(string s) => Text == s && Kind != PTokKind.String;
    public bool IsEof => Text == "";
}

/// <summary>Splits the text of an algorithm (from just after <c>--algorithm</c>) into tokens, skipping comments,
/// up to the <c>*)</c> that closes the comment holding the algorithm.</summary>
internal static class PcalLexer
{
    private static readonly string[] Ops =
    {
        "<=>", "|->", "-+->", "...", "(+)", "(-)", "(.)", "(/)", "\\/", "/\\", "=>", "<=", ">=", "=<", "/=", "==",
        ":=", "||", "->", "<-", "<<", ">>", "..", "::", "@@", ":>", "<:", "[]", "<>", "~>", "|-", "-|", "|=", "=|",
        "++", "--", "**", "//", "^^", "##", "$$", "??", "!!", "%%", "&&", "^+", "^*", "^#",
    };

    public static List<LTok> Lex(string[] lines, int line, int col, string file, out int endLine, out int endCol)
    {
        var result = new List<LTok>();
        int depth = 0; // (* *) comment nesting inside the algorithm
        while (line < lines.Length)
        {
            var s = lines[line];
            if (col >= s.Length) { line++; col = 0; continue; }
            char c = s[col];
            if (depth > 0)
            {
                if (c == '(' && col + 1 < s.Length && s[col + 1] == '*') { depth++; col += 2; }
                else if (c == '*' && col + 1 < s.Length && s[col + 1] == ')') { depth--; col += 2; }
                else col++;
                continue;
            }
            if (char.IsWhiteSpace(c)) { col++; continue; }
            if (c == '\\' && col + 1 < s.Length && s[col + 1] == '*') { line++; col = 0; continue; }
            if (c == '(' && col + 1 < s.Length && s[col + 1] == '*') { depth++; col += 2; continue; }
            if (c == '*' && col + 1 < s.Length && s[col + 1] == ')')
            {
                endLine = line;
                endCol = col;
                result.Add(new LTok("", PTokKind.Builtin, line, col));
                return result;
            }
            if (c == '"')
            {
                int j = col + 1;
                while (j < s.Length && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
                if (j >= s.Length)
                    throw new TlaException(ErrorKind.Syntax, new SourceSpan(file, line + 1, col + 1, line + 1, col + 1),
                        "PlusCal: unterminated string")
                    { PcalText = $"Unterminated string in line {line + 1}.", PcalFatal = true };
                result.Add(new LTok(s.Substring(col, j + 1 - col), PTokKind.String, line, col));
                col = j + 1;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                int j = col;
                while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
                var w = s.Substring(col, j - col);
                bool number = w.All(char.IsDigit);
                result.Add(new LTok(w, number ? PTokKind.Number : PTokKind.Ident, line, col));
                col = j;
                continue;
            }
            if (c == '\\' && col + 1 < s.Length && char.IsLetter(s[col + 1]))
            {
                int j = col + 1;
                while (j < s.Length && char.IsLetterOrDigit(s[j])) j++;
                result.Add(new LTok(s.Substring(col, j - col), PTokKind.Builtin, line, col));
                col = j;
                continue;
            }
            string op = null;
            foreach (var o in Ops)
                if (string.CompareOrdinal(s, col, o, 0, o.Length) == 0 && (op == null || o.Length > op.Length)) op = o;
            op ??= c.ToString();
            result.Add(new LTok(op, PTokKind.Builtin, line, col));
            col += op.Length;
        }
        endLine = lines.Length - 1;
        endCol = 0;
        result.Add(new LTok("", PTokKind.Builtin, lines.Length, 0));
        return result;
    }
}

/// <summary>
/// Parses a PlusCal algorithm in P-syntax or C-syntax into <see cref="PAlgorithm"/>, expands macros, adds the labels
/// pcal.trans adds (for an algorithm without any) and groups statements into labeled steps.
/// Errors are <see cref="TlaException"/>s (syntax) located at the offending token.
/// </summary>
public sealed class PcalParser
{
    private static readonly HashSet<string> Keywords = new()
    {
        "begin", "end", "then", "do", "else", "elsif", "or", "either", "with", "when", "await", "if", "while", "print",
        "assert", "skip", "call", "return", "goto", "variable", "variables", "process", "procedure", "fair", "define",
        "macro", "algorithm",
    };

    private static readonly HashSet<string> LabelStopWords = new()
    {
        "while", "if", "assert", "print", "else", "elsif", "either", "or", "end", "with", "when", "await", "skip",
        "call", "return", "goto",
    };

    private readonly List<LTok> _t;
    private readonly string _file;
    private int _p;
    private bool _c;
    private string _currentProcedure;
    private readonly List<PProcedure> _procedures = new();
    private List<string> _plus = new(), _minus = new(), _called = new();
    private readonly HashSet<string> _allLabels = new();
    private bool _hasLabel;
    private readonly PlusCalOptions _opts;
    private bool _gotoUsed, _gotoDoneUsed;
    private bool _omitPC = true, _omitStutter = true;
    private bool _hasDefaultInit;
    private bool _inMacro;
    private int _nextLabelNum = 1;
    private readonly List<string> _addedLabels = new();
    private readonly List<string> _addedLocs = new();

    internal PcalParser(List<LTok> tokens, string file, PlusCalOptions options = null)
    {
        _opts = options ?? new PlusCalOptions();
        // pcal: before version 1.5 the pc and the Terminating action are always there.
        if (_opts.Version < 1500) _omitPC = _omitStutter = false;
        _t = tokens;
        _file = file;
    }

    private LTok Peek(int k = 0) => _p + k < _t.Count ? _t[_p + k] : _t[^1];
    private LTok Next() => _t[Math.Min(_p++, _t.Count - 1)];

    private TlaException Error(LTok at, string msg) =>
        new(ErrorKind.Syntax, new SourceSpan(_file, at.Line + 1, at.Col + 1, at.Line + 1, at.Col + 1 + Math.Max(0, at.Text.Length - 1)),
            "PlusCal: " + msg);

    /// <summary>An error with pcal.trans's words (<paramref name="pcal"/>); <paramref name="at"/>: pcal's "at line"
    /// position form (its semantic checks) rather than "line" (its parser's).</summary>
    private TlaException Error(LTok at, string msg, string pcal, bool atLine = false)
    {
        var e = Error(at, msg);
        return new TlaException(e.Kind, e.Span, e.Message) { PcalText = $"{pcal}\n    {(atLine ? "at " : "")}line {at.Line + 1}, column {at.Col + 1}." };
    }

    private static string Show(LTok t) => t.IsEof ? "the end of the algorithm" : $"`{t.Text}'";

    /// <summary><paramref name="s"/> was expected where <paramref name="t"/> stands: with pcal.trans's words
    /// (ParseAlgorithm.GobbleThis) unless the algorithm ended there.</summary>
    private TlaException Expected(string s, LTok t)
    {
        var msg = $"expected `{s}' but found {Show(t)}";
        return t.IsEof ? Error(t, msg) : Error(t, msg, $"Expected \"{s}\" but found \"{t.Text}\"");
    }

    private LTok Expect(string s)
    {
        var t = Peek();
        if (!t.Is(s)) throw Expected(s, t);
        return Next();
    }

    private bool Accept(string s)
    {
        if (!Peek().Is(s)) return false;
        _p++;
        return true;
    }

    private string Ident(string what)
    {
        var t = Peek();
        if (t.Kind != PTokKind.Ident || t.IsEof) throw Error(t, $"expected {what} but found {Show(t)}");
        return Next().Text;
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>Reads a TLA+ expression up to a PlusCal delimiter at nesting depth 0 (or an unmatched closing
    /// bracket); with <paramref name="stopAtComma"/>, also a comma that is not part of a quantifier's bound list.</summary>
    private PExpr GetExpr(bool stopAtComma = false, bool stopAtEquals = false)
    {
        var toks = new List<LTok>();
        int depth = 0;
        int quantOpen = 0;
        while (true)
        {
            var t = Peek();
            if (t.IsEof) break;
            if (t.Kind == PTokKind.Builtin)
            {
                if (depth == 0 && (t.Text is ";" or ":=" or "||")) break;
                if (depth == 0 && stopAtComma && t.Text == "," && quantOpen == 0) break;
                if (depth == 0 && stopAtEquals && (t.Text is "=" or "\\in")) break;
                if (t.Text is "(" or "[" or "{" or "<<") depth++;
                else if (t.Text is ")" or "]" or "}" or ">>")
                {
                    if (depth == 0) break;
                    depth--;
                }
                else if (depth == 0 && (t.Text is "\\A" or "\\E" or "\\AA" or "\\EE")) quantOpen++;
                else if (depth == 0 && t.Text == ":" && quantOpen > 0) quantOpen--;
            }
            else if (t.Kind == PTokKind.Ident)
            {
                if (depth == 0 && Keywords.Contains(t.Text)) break;
                if (depth == 0 && t.Text == "CHOOSE") quantOpen++;
            }
            toks.Add(Next());
        }
        return MakeExpr(toks);
    }

    internal static PExpr MakeExpr(List<LTok> toks)
    {
        var e = new PExpr();
        if (toks.Count == 0) return e;
        int first = toks[0].Line;
        int last = toks[^1].Line;
        for (int l = first; l <= last; l++) e.Lines.Add(new List<PTok>());
        foreach (var t in toks)
            e.Lines[t.Line - first].Add(new PTok(t.Text, t.Col, t.Kind) { Line = t.Line, SrcCol = t.Col });
        e.Normalize();
        return e;
    }

    private PExpr NonEmpty(PExpr e, LTok at, string what)
    {
        if (e.IsEmpty) throw Error(at, $"missing {what}");
        return e;
    }

    // ---------------------------------------------------------------- algorithm structure

    internal PAlgorithm ParseAlgorithm(bool fair)
    {
        var alg = new PAlgorithm { FairAlgorithm = fair };
        if (fair) Expect("algorithm");
        alg.Name = Ident("the algorithm's name");
        if (Peek().Is("{")) { _c = true; Next(); }
        alg.CSyntax = _c;
        if (Peek().Is("variable") || Peek().Is("variables")) alg.Decls = GetVarDecls(global: true);
        if (Accept("define"))
        {
            if (_c) Expect("{");
            var at = Peek();
            alg.Defs = GetExpr();
            if (_c) Expect("}");
            else { Expect("end"); Expect("define"); }
            Accept(";");
        }
        while (Peek().Is("macro")) alg.Macros.Add(GetMacro(alg.Macros));
        while (Peek().Is("procedure"))
        {
            var pr = GetProcedure();
            _procedures.Add(pr);
            alg.Procedures.Add(pr);
            _omitPC = false;
        }
        for (int i = 0; i < alg.Macros.Count; i++)
            for (int j = i + 1; j < alg.Macros.Count; j++)
                if (alg.Macros[i].Name == alg.Macros[j].Name)
                    throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, alg.Macros[j].Line, alg.Macros[j].Col, alg.Macros[j].Line, alg.Macros[j].Col),
                        $"PlusCal: multiple definitions of macro name `{alg.Macros[i].Name}'");
        bool isMulti = Peek().Is("process") || (Peek().Is("fair") && (Peek(1).Is("process") || (Peek(1).Is("+") && Peek(2).Is("process"))));
        if (isMulti)
        {
            alg.Processes = new List<PProcess>();
            while (Peek().Is("fair") || Peek().Is("process"))
            {
                var fairness = PFairness.Unfair;
                if (Accept("fair")) fairness = Accept("+") ? PFairness.Strong : PFairness.Weak;
                else if (_opts.Fairness == "wf") fairness = PFairness.Weak;
                else if (_opts.Fairness == "sf") fairness = PFairness.Strong;
                var proc = GetProcess();
                proc.Fairness = fairness;
                alg.Processes.Add(proc);
            }
            if (_c) Expect("}");
            else { Expect("end"); Expect("algorithm"); }
            bool omitStutterAny = false;
            foreach (var proc in alg.Processes)
            {
                ExpandMacros(proc.RawBody, alg.Macros);
                AddLabels(proc.RawBody);
                proc.Body = MakeLabeledStmtSeq(proc.RawBody);
                _omitStutter = true;
                CheckBody(proc.Body);
                omitStutterAny = omitStutterAny || _omitStutter;
            }
            _omitStutter = omitStutterAny;
            foreach (var prcd in alg.Procedures)
            {
                _currentProcedure = prcd.Name;
                ExpandMacros(prcd.RawBody, alg.Macros);
                AddLabels(prcd.RawBody);
                prcd.Body = MakeLabeledStmtSeq(prcd.RawBody);
                _currentProcedure = null;
            }
            if (_addedLabels.Count > 0 && !_opts.Label) MissingLabels();
            if (_gotoDoneUsed) { _omitPC = false; _omitStutter = false; }
            if (_gotoUsed) _omitPC = false;
        }
        else
        {
            // pcal (version 1.5 only): `fair' or `fair +' before the body of a uniprocess algorithm means -wf (the
            // `+' too).
            if (_opts.Version == 1500 && Peek().Is("fair"))
            {
                Next();
                Accept("+");
                _opts.Fairness = "wf";
            }
            if (_c) Expect("{");
            else Expect("begin");
            alg.RawBody = GetStmtSeq();
            ExpandMacros(alg.RawBody, alg.Macros);
            foreach (var prcd in alg.Procedures)
            {
                _currentProcedure = prcd.Name;
                ExpandMacros(prcd.RawBody, alg.Macros);
                AddLabels(prcd.RawBody);
                prcd.Body = MakeLabeledStmtSeq(prcd.RawBody);
                _currentProcedure = null;
            }
            if (_c) { Expect("}"); Expect("}"); }
            else { Expect("end"); Expect("algorithm"); }
            AddLabels(alg.RawBody);
            alg.Body = MakeLabeledStmtSeq(alg.RawBody);
            if (_addedLabels.Count > 0 && _hasLabel && !_opts.Label) MissingLabels();
            if (_gotoUsed) _omitPC = false;
            if (_gotoDoneUsed) { _omitPC = false; _omitStutter = false; }
            else CheckBody(alg.Body);
        }
        alg.OmitPC = _omitPC;
        alg.OmitStutteringWhenDone = _omitStutter;
        alg.HasDefaultInitialization = _hasDefaultInit;
        alg.AddedLabels.AddRange(_addedLabels);
        return alg;
    }

    private void MissingLabels()
    {
        var msg = _addedLabels.Count > 1 ? "missing labels at the following locations:" : "missing label at the following location:";
        throw new TlaException(ErrorKind.Syntax, SourceSpanOf(_addedLocs[0]), "PlusCal: " + msg + " " + string.Join("; ", _addedLocs))
        {
            PcalText = char.ToUpperInvariant(msg[0]) + msg[1..] + string.Concat(_addedLocs.Select(l => "\n     " + l)) + ".",
        };
    }

    private SourceSpan SourceSpanOf(string loc)
    {
        // "line L, column C"
        var parts = loc.Replace("line ", "").Replace(" column ", "").Split(',');
        int l = int.Parse(parts[0]), c = int.Parse(parts[1]);
        return new SourceSpan(_file, l, c, l, c);
    }

    /// <summary>pcal's checkBody: the pc (and the stuttering-when-done disjunct) can be omitted only when the body is
    /// one `while TRUE' loop (and, for the pc, without labels inside it).</summary>
    private void CheckBody(List<PLabeledStmt> body)
    {
        if (body.Count == 0) return;
        if (body.Count > 1) { _omitPC = false; _omitStutter = false; return; }
        var ls = body[0];
        if (ls.Stmts.Count == 0) return;
        if (ls.Stmts.Count > 1 || ls.Stmts[0] is not PWhile w) { _omitPC = false; _omitStutter = false; return; }
        if (w.Test.TokenCount != 1 || w.Test.First.Text != "TRUE") { _omitPC = false; _omitStutter = false; return; }
        if (w.LabDo.Count > 0) _omitPC = false;
        foreach (var s in w.UnlabDo)
            if ((s is PIf i && i.IsLabelIf) || (s is PEither e && e.IsLabelEither)) { _omitPC = false; return; }
    }

    private List<PVarDecl> GetVarDecls(bool global)
    {
        if (!Accept("variables")) Expect("variable");
        var result = new List<PVarDecl>();
        while (!(Peek().Is("begin") || Peek().Is("{") || Peek().IsEof
                 || (global && (Peek().Is("procedure") || Peek().Is("process") || Peek().Is("fair") || Peek().Is("define") || Peek().Is("macro")))))
        {
            var at = Peek();
            var d = new PVarDecl { Var = Ident("a variable name"), Line = at.Line + 1, Col = at.Col + 1 };
            if (Peek().Is("=") || Peek().Is("\\in"))
            {
                d.IsEq = Next().Text == "=";
                var eat = Peek();
                d.Val = NonEmpty(GetExpr(stopAtComma: true), eat, "expression");
            }
            else
            {
                d.Val = DefaultInit();
                _hasDefaultInit = true;
            }
            if (!Accept(",") && !Accept(";"))
            {
                if (!(Peek().Is("begin") || Peek().Is("{") || Peek().Is("procedure") || Peek().Is("process") || Peek().Is("fair") || Peek().Is("define") || Peek().Is("macro")))
                    throw Error(Peek(), $"expected `;' or `,' after the declaration of {d.Var} but found {Show(Peek())}");
            }
            result.Add(d);
        }
        return result;
    }

    private static PExpr DefaultInit() => PExpr.Spaced(new PTok("defaultInitValue", 0, PTokKind.Ident));

    private PVarDecl GetPVarDecl()
    {
        var at = Peek();
        var d = new PVarDecl { Var = Ident("a variable name"), Line = at.Line + 1, Col = at.Col + 1 };
        if (Accept("="))
        {
            var eat = Peek();
            d.Val = NonEmpty(GetExpr(stopAtComma: true), eat, "expression");
        }
        else
        {
            d.Val = DefaultInit();
            _hasDefaultInit = true;
        }
        return d;
    }

    private PProcedure GetProcedure()
    {
        var kw = Expect("procedure");
        var r = new PProcedure { Line = kw.Line + 1, Col = kw.Col + 1 };
        r.Name = Ident("the procedure's name");
        _currentProcedure = r.Name;
        _plus = r.PlusLabels; _minus = r.MinusLabels; _called = r.ProceduresCalled;
        Expect("(");
        bool comma = false;
        while (!Peek().Is(")"))
        {
            if (comma) Expect(",");
            r.Params.Add(GetPVarDecl());
            comma = true;
        }
        Expect(")");
        if (Peek().Is("variable") || Peek().Is("variables"))
        {
            Next();
            while (!(Peek().Is("begin") || Peek().Is("{") || Peek().IsEof))
            {
                r.Decls.Add(GetPVarDecl());
                if (!Accept(",") && !Accept(";") && !(Peek().Is("begin") || Peek().Is("{")))
                    throw Error(Peek(), $"expected `;' or `,' but found {Show(Peek())}");
            }
        }
        GobbleBegin();
        r.RawBody = GetStmtSeq();
        GobbleEnd("procedure");
        Accept(";");
        _currentProcedure = null;
        return r;
    }

    private PProcess GetProcess()
    {
        var kw = Expect("process");
        var r = new PProcess { Line = kw.Line + 1, Col = kw.Col + 1 };
        if (_c) Expect("(");
        r.Name = Ident("the process's name");
        if (Accept("=")) r.IsEq = true;
        else if (Accept("\\in")) r.IsEq = false;
        else throw Error(Peek(), $"expected `=' or `\\in' after the process name but found {Show(Peek())}");
        var at = Peek();
        r.Id = NonEmpty(GetExpr(), at, "process id");
        _plus = r.PlusLabels; _minus = r.MinusLabels; _called = r.ProceduresCalled;
        if (_c) Expect(")");
        if (Peek().Is("variable") || Peek().Is("variables")) r.Decls = GetVarDecls(global: false);
        GobbleBegin();
        r.RawBody = GetStmtSeq();
        GobbleEnd("process");
        Accept(";");
        return r;
    }

    private PMacro GetMacro(List<PMacro> macros)
    {
        _inMacro = true;
        var kw = Expect("macro");
        var r = new PMacro { Line = kw.Line + 1, Col = kw.Col + 1, Name = Ident("the macro's name") };
        Expect("(");
        bool comma = false;
        while (!Peek().Is(")"))
        {
            if (comma) Expect(",");
            r.Params.Add(Ident("a macro parameter"));
            comma = true;
        }
        Expect(")");
        GobbleBegin();
        r.Body = GetStmtSeq();
        GobbleEnd("macro");
        Accept(";");
        ExpandMacros(r.Body, macros);
        _inMacro = false;
        return r;
    }

    private void GobbleBegin()
    {
        if (_c) Expect("{");
        else Expect("begin");
    }

    private void GobbleEnd(string what)
    {
        if (_c) Expect("}");
        else { Expect("end"); Expect(what); }
    }

    // ---------------------------------------------------------------- statements

    private bool IsLabelNext()
    {
        var t = Peek();
        if (t.Kind != PTokKind.Ident || t.IsEof || LabelStopWords.Contains(t.Text)) return false;
        return Peek(1).Is(":");
    }

    private int _labelLine, _labelCol;

    private string GetLabel()
    {
        if (!IsLabelNext()) return "";
        var t = Next();
        _labelLine = t.Line + 1;
        _labelCol = t.Col + 1;
        if (_inMacro) throw Error(t, "a label may not appear in a macro", "A label may not appear in a macro.");
        if (t.Text == "Done") throw Error(t, "cannot use `Done' as a label", "Cannot use `Done' as a label.");
        if (t.Text == "Error") throw Error(t, "cannot use `Error' as a label", "Cannot use `Error' as a label.");
        Expect(":");
        _hasLabel = true;
        _allLabels.Add(t.Text);
        if (Accept("+")) { _plus.Add(t.Text); _omitPC = false; }
        else if (Accept("-")) { _minus.Add(t.Text); _omitPC = false; }
        return t.Text;
    }

    private bool AtSeqEnd()
    {
        var t = Peek();
        if (t.IsEof) return true;
        return _c ? t.Is("}") : (t.Is("end") || t.Is("else") || t.Is("elsif") || t.Is("or"));
    }

    private List<PStmt> GetStmtSeq()
    {
        var result = new List<PStmt>();
        while (!AtSeqEnd())
        {
            var lbl = GetLabel();
            int ll = _labelLine, lc = _labelCol;
            if (_c && Peek().Is("{"))
                result.AddRange(GetCStmtSeq(lbl, ll, lc));
            else
            {
                var s = GetStmt();
                s.Label = lbl;
                s.LabelLine = ll;
                s.LabelCol = lc;
                result.Add(s);
            }
        }
        if (_c && result.Count == 0) throw Error(Peek(), "empty statement list");
        return result;
    }

    private List<PStmt> GetCStmtSeq(string lbl, int ll, int lc)
    {
        var open = Expect("{");
        var seq = GetStmtSeq();
        Expect("}");
        Accept(";");
        if (lbl != "")
        {
            if (seq[0].Label != "") throw Error(open, "duplicate labeling of statement");
            seq[0].Label = lbl;
            seq[0].LabelLine = ll;
            seq[0].LabelCol = lc;
        }
        return seq;
    }

    private List<PStmt> GetCStmt()
    {
        var lbl = GetLabel();
        int ll = _labelLine, lc = _labelCol;
        if (Peek().Is("{")) return GetCStmtSeq(lbl, ll, lc);
        var s = GetStmt();
        s.Label = lbl;
        s.LabelLine = ll;
        s.LabelCol = lc;
        return new List<PStmt> { s };
    }

    /// <summary>`when e;`, `await e;`, `print e;`, `assert e;`: the keyword <paramref name="t"/>, a non-empty expression,
    /// the end of the statement.</summary>
    private PStmt ExprStatement(LTok t, Func<PExpr, PStmt> make)
    {
        Next();
        var at = Peek();
        var s = At(make(NonEmpty(GetExpr(), at, "expression in `" + t.Text + "'")), t);
        EndStmt();
        return s;
    }

    private T At<T>(T s, LTok t) where T : PStmt
    {
        s.Line = t.Line + 1;
        s.Col = t.Col + 1;
        return s;
    }

    private void EndStmt()
    {
        if (Accept(";")) return;
        if (Peek().Is("}") || Peek().Is("end") || Peek().Is("else") || Peek().Is("elsif") || Peek().Is("or")) return;
        throw Expected(";", Peek());
    }

    private PStmt GetStmt()
    {
        var t = Peek();
        if (t.Kind == PTokKind.Ident)
        {
            switch (t.Text)
            {
                case "if": return GetIf(0);
                case "either": return GetEither();
                case "with": return GetWith(0);
                case "when":
                case "await": return ExprStatement(t, e => new PWhen { Exp = e });
                case "print": return ExprStatement(t, e => new PPrint { Exp = e });
                case "assert": return ExprStatement(t, e => new PAssert { Exp = e });
                case "skip":
                {
                    Next();
                    var s = At(new PSkip(), t);
                    EndStmt();
                    return s;
                }
                case "call": return GetCall();
                case "return":
                {
                    Next();
                    var s = At(new PReturn { From = _currentProcedure }, t);
                    EndStmt();
                    return s;
                }
                case "goto":
                {
                    Next();
                    var s = At(new PGoto { To = GotoTarget() }, t);
                    EndStmt();
                    return s;
                }
                case "while": return GetWhile();
            }
            if (Keywords.Contains(t.Text)) throw Error(t, $"unexpected {Show(t)}: a statement was expected");
            if (Peek(1).Is("(")) return GetMacroCall();
            return GetAssign();
        }
        throw Error(t, $"unexpected {Show(t)}: a statement was expected");
    }

    private string GotoTarget()
    {
        var t = Peek();
        string to;
        if (t.Kind == PTokKind.String) { Next(); to = t.Text.Trim('"'); }
        else to = Ident("a label after `goto'");
        _gotoUsed = true;
        if (to == "Done") _gotoDoneUsed = true;
        return to;
    }

    private PStmt GetCall()
    {
        var kw = Expect("call");
        var c = At(new PCall(), kw);
        c.To = Ident("a procedure name");
        Expect("(");
        if (!Peek().Is(")"))
        {
            while (true)
            {
                var at = Peek();
                c.Args.Add(NonEmpty(GetExpr(stopAtComma: true), at, "argument in call statement"));
                if (Peek().Is(")")) break;
                Expect(",");
            }
        }
        Expect(")");
        EndStmt();
        if (!_called.Contains(c.To)) _called.Add(c.To);
        if (Peek().Is("return"))
        {
            Next();
            EndStmt();
            c.ThenReturn = true;
            c.From = _currentProcedure;
        }
        else if (Peek().Is("goto"))
        {
            Next();
            c.ThenGoto = GotoTarget();
            EndStmt();
        }
        return c;
    }

    private PStmt GetMacroCall()
    {
        var t = Peek();
        var m = At(new PMacroCall { Name = Next().Text }, t);
        Expect("(");
        if (!Peek().Is(")"))
        {
            while (true)
            {
                var at = Peek();
                m.Args.Add(NonEmpty(GetExpr(stopAtComma: true), at, "argument in macro call"));
                if (Peek().Is(")")) break;
                Expect(",");
            }
        }
        Expect(")");
        EndStmt();
        return m;
    }

    private PStmt GetAssign()
    {
        var first = Peek();
        var a = At(new PAssign(), first);
        while (true)
        {
            var vt = Peek();
            var sa = new PSingleAssign { Line = vt.Line + 1, Col = vt.Col + 1 };
            sa.Var = Ident("a variable to assign");
            sa.Sub = GetExpr();
            if (!Peek().Is(":="))
                throw Expected(":=", Peek());
            Next();
            var at = Peek();
            sa.Rhs = NonEmpty(GetExpr(), at, "right-hand side of assignment");
            a.Ass.Add(sa);
            if (!Accept("||")) break;
        }
        EndStmt();
        return a;
    }

    private PStmt GetWhile()
    {
        var kw = Expect("while");
        var w = At(new PWhile(), kw);
        if (_c) Expect("(");
        var at = Peek();
        w.Test = NonEmpty(GetExpr(), at, "while test");
        if (_c) Expect(")");
        if (!_c)
        {
            Expect("do");
            w.UnlabDo = GetStmtSeq();
            Expect("end"); Expect("while"); EndStmt();
        }
        else w.UnlabDo = GetCStmt();
        return w;
    }

    private PIf GetIf(int depth)
    {
        var kw = depth == 0 ? Expect("if") : Expect("elsif");
        var r = At(new PIf(), kw);
        if (_c) Expect("(");
        var at = Peek();
        r.Test = NonEmpty(GetExpr(), at, "if test");
        if (_c) Expect(")");
        if (!_c)
        {
            Expect("then");
            r.Then = GetStmtSeq();
            if (Accept("else")) r.Else = GetStmtSeq();
            else if (Peek().Is("elsif")) r.Else = new List<PStmt> { GetIf(depth + 1) };
            else if (!Peek().Is("end")) throw Error(Peek(), $"expected `else', `elsif' or `end' but found {Show(Peek())}");
            if (depth == 0) { Expect("end"); Expect("if"); EndStmt(); }
        }
        else
        {
            r.Then = GetCStmt();
            if (Accept("else")) r.Else = GetCStmt();
        }
        return r;
    }

    private PStmt GetEither()
    {
        var kw = Expect("either");
        var r = At(new PEither(), kw);
        bool hasOr = false;
        while (true)
        {
            var clause = new PClause { Unlab = _c ? GetCStmt() : GetStmtSeq() };
            if (clause.Unlab.Count == 0) throw Error(Peek(), "`either' statement with empty `or' clause");
            r.Clauses.Add(clause);
            if (Accept("or")) hasOr = true;
            else break;
        }
        if (!_c) { Expect("end"); Expect("either"); EndStmt(); }
        if (!hasOr) throw Error(kw, "`either' statement has no `or'", "`either' statement has no `or'", atLine: true);
        return r;
    }

    private PStmt GetWith(int depth)
    {
        LTok kw = Peek();
        if (depth == 0)
        {
            kw = Expect("with");
            if (_c) Expect("(");
        }
        var r = At(new PWith(), kw);
        r.Var = Ident("a variable name in `with'");
        if (Accept("=")) r.IsEq = true;
        else if (Accept("\\in")) r.IsEq = false;
        else throw Error(Peek(), $"expected `=' or `\\in' but found {Show(Peek())}");
        var at = Peek();
        r.Exp = NonEmpty(GetExpr(stopAtComma: true), at, "expression in `with'");
        if (!_c || !Peek().Is(")"))
        {
            if (!Accept(";") && !Accept(","))
            {
                if (!(Peek().Is("do") || Peek().Is(")"))) throw Error(Peek(), $"expected `;' or `,' but found {Show(Peek())}");
            }
        }
        if (!_c && Peek().Is("do"))
        {
            Next();
            r.Do = GetStmtSeq();
            Expect("end"); Expect("with"); EndStmt();
        }
        else if (_c && Peek().Is(")"))
        {
            Next();
            r.Do = GetCStmt();
        }
        else r.Do = new List<PStmt> { GetWith(depth + 1) };
        return r;
    }

    // ---------------------------------------------------------------- macros

    private void ExpandMacros(List<PStmt> seq, List<PMacro> macros)
    {
        for (int i = 0; i < seq.Count; i++)
        {
            switch (seq[i])
            {
                case PIf f:
                    ExpandMacros(f.Then, macros);
                    ExpandMacros(f.Else, macros);
                    break;
                case PEither e:
                    foreach (var c in e.Clauses) ExpandMacros(c.Unlab, macros);
                    break;
                case PWith w:
                    ExpandMacros(w.Do, macros);
                    break;
                case PWhile w:
                    ExpandMacros(w.UnlabDo, macros);
                    break;
                case PMacroCall mc:
                {
                    var m = macros.FirstOrDefault(x => x.Name == mc.Name)
                            ?? throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, mc.Line, mc.Col, mc.Line, mc.Col),
                                $"PlusCal: macro `{mc.Name}' undefined (or called inside a macro defined before it)");
                    if (m.Params.Count != mc.Args.Count)
                        throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, mc.Line, mc.Col, mc.Line, mc.Col),
                            $"PlusCal: macro `{mc.Name}' called with {mc.Args.Count} arguments; it has {m.Params.Count} parameters");
                    var subst = new Dictionary<string, PExpr>();
                    for (int k = 0; k < m.Params.Count; k++) subst[m.Params[k]] = mc.Args[k];
                    var body = m.Body.Select(s => SubstStmt(s, subst, mc)).ToList();
                    if (body.Count > 0) body[0].Label = mc.Label;
                    seq.RemoveAt(i);
                    seq.InsertRange(i, body);
                    i += body.Count - 1;
                    break;
                }
            }
        }
    }

    private static PExpr Subst(PExpr e, Dictionary<string, PExpr> s) =>
        e.Substitute(t => t.Kind == PTokKind.Ident && s.TryGetValue(t.Text, out var r) ? r : null, parenthesize: true);

    private static List<PStmt> SubstSeq(List<PStmt> seq, Dictionary<string, PExpr> s, PStmt call) =>
        seq.Select(x => SubstStmt(x, s, call)).ToList();

    private static PStmt SubstStmt(PStmt st, Dictionary<string, PExpr> s, PStmt call)
    {
        PStmt r = st switch
        {
            PAssign a => new PAssign { Ass = a.Ass.Select(x => SubstAssign(x, s)).ToList() },
            PIf f => new PIf { Test = Subst(f.Test, s), Then = SubstSeq(f.Then, s, call), Else = SubstSeq(f.Else, s, call) },
            PEither e => new PEither { Clauses = e.Clauses.Select(c => new PClause { Unlab = SubstSeq(c.Unlab, s, call) }).ToList() },
            PWith w => new PWith
            {
                Var = w.Var, IsEq = w.IsEq, Exp = Subst(w.Exp, s),
                Do = SubstSeq(w.Do, s.Where(kv => kv.Key != w.Var).ToDictionary(kv => kv.Key, kv => kv.Value), call),
            },
            PWhen w => new PWhen { Exp = Subst(w.Exp, s) },
            PPrint p => new PPrint { Exp = Subst(p.Exp, s) },
            PAssert a => new PAssert { Exp = Subst(a.Exp, s) },
            PSkip => new PSkip(),
            PWhile w => new PWhile { Test = Subst(w.Test, s), UnlabDo = SubstSeq(w.UnlabDo, s, call) },
            PCall c => new PCall { To = c.To, Args = c.Args.Select(x => Subst(x, s)).ToList(), ThenReturn = c.ThenReturn, ThenGoto = c.ThenGoto, From = c.From },
            PReturn rt => new PReturn { From = rt.From },
            PGoto g => new PGoto { To = g.To },
            PMacroCall m => new PMacroCall { Name = m.Name, Args = m.Args.Select(x => Subst(x, s)).ToList() },
            _ => throw new InvalidOperationException(st.GetType().Name),
        };
        r.Label = st.Label;
        // Statements from a macro body keep the body's position and, as in pcal, the position of the macro call
        // (the outermost one when a macro calls another).
        r.Line = st.Line;
        r.Col = st.Col;
        (r.MacroLine, r.MacroCol) = call.Line > 0 ? (call.Line, call.Col) : (st.MacroLine, st.MacroCol);
        return r;
    }

    private static PSingleAssign SubstAssign(PSingleAssign a, Dictionary<string, PExpr> s)
    {
        var r = new PSingleAssign { Var = a.Var, Sub = Subst(a.Sub, s), Rhs = Subst(a.Rhs, s), Line = a.Line, Col = a.Col };
        if (s.TryGetValue(a.Var, out var arg))
        {
            // The argument names the variable, possibly with a subscript: x, x[i], x.f
            var toks = arg.Tokens.ToList();
            r.Var = toks[0].Text;
            if (toks.Count > 1)
            {
                var rest = PExpr.FromLines(arg.Lines.Select((l, i) => i == 0 ? l.Skip(1).Select(t => t.Clone()) : l.Select(t => t.Clone())));
                r.Sub = r.Sub.IsEmpty ? rest : Concat(rest, r.Sub);
            }
        }
        return r;
    }

    private static PExpr Concat(PExpr a, PExpr b)
    {
        var x = a.Clone();
        var y = b.Clone();
        var last = x.Lines[^1];
        int shift = last[^1].Col + last[^1].Width;
        foreach (var t in y.Lines[0]) t.Col += shift;
        last.AddRange(y.Lines[0]);
        for (int i = 1; i < y.Lines.Count; i++) x.Lines.Add(y.Lines[i]);
        x.Normalize();
        return x;
    }

    // ---------------------------------------------------------------- labels

    private void AddLabels(List<PStmt> seq) => InnerAddLabels(seq, true, false, new List<string>(), new List<string>());

    private bool InnerAddLabels(List<PStmt> seq, bool firstLabeled, bool inWith, List<string> inAssigned, List<string> outAssigned)
    {
        Copy(inAssigned, outAssigned);
        bool nextNeedsLabel = firstLabeled;
        bool hadLabel = false;
        foreach (var stmt in seq)
        {
            if (stmt.Label != "")
            {
                hadLabel = true;
                outAssigned.Clear();
                if (inWith) throw StmtError(stmt, "label in `with' statement", $"Label in `with' statement\n    at line {stmt.Line}, column {stmt.Col}.");
            }
            if (nextNeedsLabel)
            {
                if (inWith) throw StmtError(stmt, "statement follows `call' or `return' inside a `with' statement");
                NeedsLabel(stmt);
                nextNeedsLabel = false;
                hadLabel = true;
                outAssigned.Clear();
            }
            switch (stmt)
            {
                case PIf f:
                {
                    var thenA = new List<string>();
                    var elseA = new List<string>();
                    nextNeedsLabel = InnerAddLabels(f.Then, false, inWith, outAssigned, thenA);
                    nextNeedsLabel = InnerAddLabels(f.Else, false, inWith, outAssigned, elseA) || nextNeedsLabel;
                    Copy(Union(thenA, elseA), outAssigned);
                    break;
                }
                case PEither e:
                {
                    var newOut = new List<string>();
                    foreach (var c in e.Clauses)
                    {
                        var orA = new List<string>();
                        nextNeedsLabel = InnerAddLabels(c.Unlab, false, inWith, outAssigned, orA) || nextNeedsLabel;
                        Copy(Union(orA, newOut), newOut);
                    }
                    Copy(newOut, outAssigned);
                    break;
                }
                case PWhile w:
                {
                    if (inWith) throw StmtError(stmt, "`while' inside a `with' statement", $"`while' inside a `with' statement\n    at line {stmt.Line}, column {stmt.Col}.");
                    NeedsLabel(stmt);
                    hadLabel = true;
                    outAssigned.Clear();
                    InnerAddLabels(w.UnlabDo, false, false, outAssigned, new List<string>());
                    nextNeedsLabel = false;
                    break;
                }
                case PWith w:
                {
                    var newIn = new List<string>();
                    if (inWith) Copy(inAssigned, newIn);
                    var newOut = new List<string>();
                    nextNeedsLabel = InnerAddLabels(w.Do, false, true, newIn, newOut);
                    Copy(newOut, outAssigned);
                    if (!inWith && !Disjoint(inAssigned, outAssigned))
                    {
                        NeedsLabel(stmt);
                        hadLabel = true;
                        outAssigned.Clear();
                    }
                    break;
                }
                case PAssign a:
                {
                    var vars = a.Ass.Select(x => x.Var).Distinct().ToList();
                    if (Disjoint(outAssigned, vars)) Copy(Union(outAssigned, vars), outAssigned);
                    else
                    {
                        if (inWith) throw StmtError(stmt, "second assignment to the same variable inside a `with' statement");
                        NeedsLabel(stmt);
                        hadLabel = true;
                        Copy(vars, outAssigned);
                    }
                    nextNeedsLabel = false;
                    break;
                }
                default:
                {
                    nextNeedsLabel = false;
                    var vars = new List<string>();
                    bool callOrReturn = false, setsPrcdVars = false;
                    if (stmt is PCall c)
                    {
                        callOrReturn = true;
                        if (c.ThenReturn || c.To == _currentProcedure) setsPrcdVars = true;
                        if (c.ThenGoto != null) nextNeedsLabel = true;
                    }
                    else if (stmt is PReturn) { callOrReturn = true; setsPrcdVars = true; }
                    else if (stmt is PGoto) nextNeedsLabel = true;
                    if (callOrReturn)
                    {
                        nextNeedsLabel = true;
                        vars.Add("stack");
                        if (setsPrcdVars)
                            foreach (var pr in _procedures)
                            {
                                vars.AddRange(pr.Params.Select(d => d.Var));
                                vars.AddRange(pr.Decls.Select(d => d.Var));
                            }
                    }
                    if (Disjoint(outAssigned, vars)) Copy(Union(outAssigned, vars), outAssigned);
                    else
                    {
                        if (inWith) throw StmtError(stmt, "call or return makes a second assignment to a variable inside a `with' statement");
                        NeedsLabel(stmt);
                        hadLabel = true;
                        Copy(vars, outAssigned);
                    }
                    break;
                }
            }
        }
        return hadLabel || nextNeedsLabel;
    }

    private TlaException StmtError(PStmt s, string msg, string pcal = null) =>
        new(ErrorKind.Syntax, new SourceSpan(_file, s.Line, s.Col, s.Line, s.Col), "PlusCal: " + msg) { PcalText = pcal };

    private void NeedsLabel(PStmt s)
    {
        if (s.Label != "") return;
        string lbl;
        do lbl = _opts.LabelRoot + _nextLabelNum++;
        while (_allLabels.Contains(lbl));
        s.Label = lbl;
        _addedLabels.Add(lbl);
        _addedLocs.Add(s.Location);
    }

    private static void Copy(List<string> from, List<string> to)
    {
        var tmp = from.ToList();
        to.Clear();
        to.AddRange(tmp);
    }

    private static List<string> Union(List<string> a, List<string> b)
    {
        var r = a.ToList();
        foreach (var x in b) if (!r.Contains(x)) r.Add(x);
        return r;
    }

    private static bool Disjoint(List<string> a, List<string> b) => !b.Any(a.Contains);

    private List<PLabeledStmt> MakeLabeledStmtSeq(List<PStmt> seq)
    {
        var result = InnerMakeLabeled(seq);
        foreach (var ls in result) Classify(ls.Stmts);
        return result;
    }

    private static List<PLabeledStmt> InnerMakeLabeled(List<PStmt> seq)
    {
        var result = new List<PLabeledStmt>();
        int i = 0;
        while (i < seq.Count)
        {
            var ls = new PLabeledStmt { Label = seq[i].Label, Line = seq[i].Line, Col = seq[i].Col };
            ls.Stmts.Add(seq[i++]);
            while (i < seq.Count && seq[i].Label == "") ls.Stmts.Add(seq[i++]);
            FixStmtSeq(ls.Stmts);
            result.Add(ls);
        }
        return result;
    }

    private static void FixStmtSeq(List<PStmt> seq)
    {
        foreach (var s in seq)
        {
            switch (s)
            {
                case PIf f:
                    (f.Then, f.LabThen) = Split(f.Then);
                    (f.Else, f.LabElse) = Split(f.Else);
                    break;
                case PEither e:
                    foreach (var c in e.Clauses) (c.Unlab, c.Lab) = Split(c.Unlab);
                    break;
                case PWhile w:
                    (w.UnlabDo, w.LabDo) = Split(w.UnlabDo);
                    break;
            }
        }
    }

    private static (List<PStmt>, List<PLabeledStmt>) Split(List<PStmt> seq)
    {
        int k = 0;
        while (k < seq.Count && seq[k].Label == "") k++;
        var unlab = seq.GetRange(0, k);
        FixStmtSeq(unlab);
        return (unlab, InnerMakeLabeled(seq.GetRange(k, seq.Count - k)));
    }

    /// <summary>pcal's ClassifyStmtSeq: 0 plain, 1 ends in call/return/goto, 2 contains a label. Marks the ifs and
    /// eithers that contain labels (LabelIf/LabelEither) and checks where returns may appear.</summary>
    private int Classify(List<PStmt> seq)
    {
        int result = 0;
        for (int i = 0; i < seq.Count; i++)
        {
            var node = seq[i];
            switch (node)
            {
                case PIf f:
                {
                    int tc = Classify(f.Then);
                    foreach (var l in f.LabThen) Classify(l.Stmts);
                    int ec = Classify(f.Else);
                    foreach (var l in f.LabElse) Classify(l.Stmts);
                    result = f.LabThen.Count > 0 || f.LabElse.Count > 0 || tc == 2 || ec == 2 ? 2 : tc + ec > 0 ? 1 : 0;
                    f.IsLabelIf = result == 2;
                    break;
                }
                case PEither e:
                {
                    int cls = 0;
                    foreach (var c in e.Clauses)
                    {
                        cls = Math.Max(cls, Classify(c.Unlab));
                        if (c.Lab.Count > 0)
                        {
                            cls = 2;
                            foreach (var l in c.Lab) Classify(l.Stmts);
                        }
                    }
                    result = cls;
                    e.IsLabelEither = cls == 2;
                    break;
                }
                case PWith w:
                    result = Classify(w.Do);
                    if (result == 2) throw StmtError(node, "`with' statement contains a labeled statement");
                    break;
                case PWhile w:
                    Classify(w.UnlabDo);
                    foreach (var l in w.LabDo) Classify(l.Stmts);
                    break;
                case PCall c:
                    if (c.ThenReturn) c.From ??= _currentProcedure;
                    if (c.ThenReturn && c.From == null)
                        throw StmtError(node, "`return' statement not in a procedure", $"return statement not in a procedure at line {node.Line}, column {node.Col}.");
                    result = 1;
                    break;
                case PReturn r:
                    if (r.From == null && _currentProcedure == null) throw StmtError(node, "`return' statement not in a procedure", $"return statement not in a procedure at line {node.Line}, column {node.Col}.");
                    r.From ??= _currentProcedure;
                    result = 1;
                    break;
                case PGoto:
                    result = 1;
                    break;
            }
            if (result > 0 && i < seq.Count - 1)
                throw StmtError(seq[i + 1], "statement must have a label (it follows a call, return, goto or labeled statement)");
        }
        return result;
    }
}
