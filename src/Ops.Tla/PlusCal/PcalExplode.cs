namespace Ops.Tla.PlusCal;

/// <summary>
/// pcal.trans's "explode" phase: turns labeled statements with <c>while</c>, labeled <c>if</c>/<c>either</c>,
/// <c>goto</c>, <c>call</c> and <c>return</c> into flat labeled steps that test and set <c>pc</c> and push and pop
/// <c>stack</c>.
/// </summary>
internal sealed class PcalExplode
{
    private readonly PAlgorithm _alg;
    private string _currentProcedure;

    public PcalExplode(PAlgorithm alg) { _alg = alg; }

    private PProcedure FindProc(string name) => _alg.Procedures.FirstOrDefault(p => p.Name == name);

    public static string IPC(List<PLabeledStmt> body) => body.Count > 0 ? body[0].Label : "Done";

    public void Run()
    {
        foreach (var p in _alg.Procedures)
        {
            _currentProcedure = p.Name;
            p.Body = ExplodeSeq(p.Body, "Error");
            _currentProcedure = null;
        }
        if (_alg.IsMultiprocess)
            foreach (var p in _alg.Processes) p.Body = ExplodeSeq(p.Body, "Done");
        else
            _alg.Body = ExplodeSeq(_alg.Body, "Done");
    }

    private List<PLabeledStmt> ExplodeSeq(List<PLabeledStmt> seq, string next)
    {
        var result = new List<PLabeledStmt>();
        for (int i = 0; i < seq.Count; i++)
            result.AddRange(ExplodeLabeledStmt(seq[i], i + 1 < seq.Count ? seq[i + 1].Label : next));
        return result;
    }

    private static PWhen CheckPC(string label) =>
        new() { Exp = PExpr.Spaced(new PTok("pc", 0, PTokKind.Added), new PTok("=", 0, PTokKind.Builtin), Str(label)) };

    private static PTok Str(string s) => new("\"" + s + "\"", 0, PTokKind.String);

    private static PAssign UpdatePC(string next) =>
        new() { Ass = { new PSingleAssign { Var = "pc", Rhs = PExpr.Spaced(Str(next)) } } };

    private static bool IsTrue(PExpr e)
    {
        if (e.Lines.Count > 1) return false;
        var l = e.Lines[0];
        return (l.Count == 1 && l[0].Text == "TRUE") || (l.Count == 3 && l[0].Text == "(" && l[1].Text == "TRUE" && l[2].Text == ")");
    }

    private bool OmitPC => _alg.OmitPC;

    /// <summary>Returns (statements with the last one exploded, labeled statements it produced, needs a goto).</summary>
    private (List<PStmt>, List<PLabeledStmt>, bool) CopyAndExplodeLast(List<PStmt> stmts, string next)
    {
        // pcal works on the list itself (so the parsed statement sees the change, which its checksum shows) unless
        // the list is empty: then it starts a new one.
        var r1 = stmts is { Count: > 0 } ? stmts : new List<PStmt>();
        var r2 = new List<PLabeledStmt>();
        bool needsGoto;
        if (r1.Count == 0) needsGoto = true;
        else
        {
            var last = r1[^1];
            needsGoto = false;
            switch (last)
            {
                case PIf f when f.IsLabelIf:
                {
                    var (s1, s2) = ExplodeLabelIf(f, next);
                    r1.RemoveAt(r1.Count - 1);
                    r1.AddRange(s1);
                    r2 = s2;
                    break;
                }
                case PEither e when e.IsLabelEither:
                {
                    var (s1, s2) = ExplodeLabelEither(e, next);
                    r1.RemoveAt(r1.Count - 1);
                    r1.AddRange(s1);
                    r2 = s2;
                    break;
                }
                case PGoto g:
                    r1.RemoveAt(r1.Count - 1);
                    r1.Add(UpdatePC(g.To));
                    break;
                case PCall c when c.ThenReturn:
                    r1.RemoveAt(r1.Count - 1);
                    r1.AddRange(ExplodeCallReturn(c));
                    break;
                case PCall c:
                    r1.RemoveAt(r1.Count - 1);
                    r1.AddRange(ExplodeCall(c, c.ThenGoto ?? next));
                    break;
                case PReturn rt:
                    r1.RemoveAt(r1.Count - 1);
                    r1.AddRange(ExplodeReturn(rt));
                    break;
                case PIf f:
                {
                    var (t1, t2, tg) = CopyAndExplodeLast(f.Then, next);
                    var (e1, e2, eg) = CopyAndExplodeLast(f.Else, next);
                    r2.AddRange(t2);
                    r2.AddRange(e2);
                    f.Then = t1;
                    f.Else = e1;
                    if (!OmitPC)
                    {
                        needsGoto = tg && eg;
                        if (!needsGoto)
                        {
                            if (tg) f.Then.Add(UpdatePC(next));
                            if (eg) f.Else.Add(UpdatePC(next));
                        }
                    }
                    break;
                }
                case PEither e:
                {
                    needsGoto = true;
                    var flags = new List<bool>();
                    foreach (var c in e.Clauses)
                    {
                        var (c1, c2, cg) = CopyAndExplodeLast(c.Unlab, next);
                        c.Unlab = c1;
                        r2.AddRange(c2);
                        needsGoto = needsGoto && cg;
                        flags.Add(cg);
                    }
                    if (!OmitPC && !needsGoto)
                        for (int i = 0; i < e.Clauses.Count; i++)
                            if (flags[i]) e.Clauses[i].Unlab.Add(UpdatePC(next));
                    break;
                }
                case PWith w:
                {
                    var (d1, d2, dg) = CopyAndExplodeLast(w.Do, next);
                    w.Do = d1;
                    r2.AddRange(d2);
                    needsGoto = dg;
                    break;
                }
                default:
                    needsGoto = true;
                    break;
            }
        }
        if (OmitPC) needsGoto = false;
        return (r1, r2, needsGoto);
    }

    private (List<PStmt>, List<PLabeledStmt>) CopyAndExplodeLastWithGoto(List<PStmt> stmts, string next)
    {
        var (a, b, g) = CopyAndExplodeLast(stmts, next);
        if (g) a.Add(UpdatePC(next));
        return (a, b);
    }

    private List<PLabeledStmt> ExplodeLabeledStmt(PLabeledStmt ast, string next)
    {
        if (ast.Stmts.Count > 0 && ast.Stmts[0] is PWhile) return ExplodeWhile(ast, next);
        var (stmts, more) = CopyAndExplodeLastWithGoto(new List<PStmt>(ast.Stmts), next);
        var result = new List<PLabeledStmt>();
        var n = new PLabeledStmt { Label = ast.Label, Stmts = stmts, Line = ast.Line, Col = ast.Col };
        if (!OmitPC)
        {
            n.Stmts.Insert(0, CheckPC(n.Label));
        }
        result.Add(n);
        result.AddRange(more);
        return result;
    }

    private List<PLabeledStmt> ExplodeWhile(PLabeledStmt ast, string next)
    {
        var result = new List<PLabeledStmt>();
        var w = (PWhile)ast.Stmts[0];
        var n = new PLabeledStmt { Label = ast.Label, Line = ast.Line, Col = ast.Col };
        if (!OmitPC) n.Stmts.Add(CheckPC(ast.Label));
        var firstLS = w.LabDo.Count == 0 ? null : w.LabDo[0];
        var (u1, u2) = CopyAndExplodeLastWithGoto(new List<PStmt>(w.UnlabDo), firstLS == null ? ast.Label : firstLS.Label);
        var rest = new List<PStmt>(ast.Stmts);
        rest.RemoveAt(0);
        var (r1, r2) = CopyAndExplodeLastWithGoto(rest, next);
        if (IsTrue(w.Test)) n.Stmts.AddRange(u1);
        else n.Stmts.Add(new PIf { Test = w.Test, Then = u1, Else = r1, Line = w.Line, Col = w.Col });
        result.Add(n);
        for (int i = 0; i < w.LabDo.Count; i++)
            result.AddRange(ExplodeLabeledStmt(w.LabDo[i], i + 1 < w.LabDo.Count ? w.LabDo[i + 1].Label : ast.Label));
        result.AddRange(u2);
        if (!IsTrue(w.Test)) result.AddRange(r2);
        return result;
    }

    private (List<PStmt>, List<PLabeledStmt>) ExplodeLabelIf(PIf ast, string next)
    {
        var firstThen = ast.LabThen.Count > 0 ? ast.LabThen[0] : null;
        var firstElse = ast.LabElse.Count > 0 ? ast.LabElse[0] : null;
        var (t1, t2) = CopyAndExplodeLastWithGoto(ast.Then, firstThen == null ? next : firstThen.Label);
        var (e1, e2) = CopyAndExplodeLastWithGoto(ast.Else, firstElse == null ? next : firstElse.Label);
        var newIf = new PIf { Test = ast.Test, Then = t1, Else = e1, Line = ast.Line, Col = ast.Col };
        var r2 = new List<PLabeledStmt>();
        r2.AddRange(ExplodeSeq(ast.LabThen, next));
        r2.AddRange(ExplodeSeq(ast.LabElse, next));
        r2.AddRange(t2);
        r2.AddRange(e2);
        return (new List<PStmt> { newIf }, r2);
    }

    private (List<PStmt>, List<PLabeledStmt>) ExplodeLabelEither(PEither ast, string next)
    {
        var ne = new PEither { Line = ast.Line, Col = ast.Col };
        var r2 = new List<PLabeledStmt>();
        foreach (var c in ast.Clauses)
        {
            var (s1, s2) = CopyAndExplodeLastWithGoto(c.Unlab, c.Lab.Count > 0 ? c.Lab[0].Label : next);
            ne.Clauses.Add(new PClause { Unlab = s1 });
            r2.AddRange(s2);
            r2.AddRange(ExplodeSeq(c.Lab, next));
        }
        return (new List<PStmt> { ne }, r2);
    }

    // ------------------------------------------------------------ call and return

    private static PTok Id(string s) => new(s, 0, PTokKind.Ident);
    private static PTok B(string s) => new(s, 0, PTokKind.Builtin);
    private static PTok Stack() => new("stack", 0, PTokKind.Added);

    private static PExpr HeadOf(string field) => PExpr.Tight(Id("Head"), B("("), Stack(), B(")"), B("."), Id(field));

    /// <summary>The record pushed on the stack, laid out as pcal's MakeNewStackTopExprPretty does.</summary>
    private static PExpr StackPush(string proc, List<PTok> pcValue, PProcedure pe, bool tailOfStack)
    {
        var lines = new List<List<PTok>>
        {
            new() { B("<<"), B("["), Id("procedure"), B("|->"), Str(proc), B(",") },
            new List<PTok> { Id("pc"), B("|->") }.Concat(pcValue).ToList(),
        };
        foreach (var d in pe.Decls.Concat(pe.Params))
        {
            lines[^1].Add(B(","));
            lines.Add(new List<PTok> { Id(d.Var), B("|->"), Id(d.Var) });
        }
        lines[^1].Add(B("]"));
        lines[^1].Add(B(">>"));
        if (tailOfStack) lines.Add(new List<PTok> { B("\\o"), Id("Tail"), B("("), Stack(), B(")") });
        else lines.Add(new List<PTok> { B("\\o"), Stack() });
        for (int i = 0; i < lines.Count; i++)
        {
            int next = i == 0 || i == lines.Count - 1 ? 1 : 6;
            foreach (var t in lines[i])
            {
                t.Col = next;
                next += t.Width;
                if (t.Kind == PTokKind.Builtin && t.Text == "|->")
                {
                    t.Col += 1;
                    if (t.Col < 16) t.Col = 16;
                    next = t.Col + 5;
                }
                else if (t.Kind == PTokKind.Builtin && t.Text == "[") next += 1;
                else if (t.Kind == PTokKind.Builtin && t.Text == "]") { t.Col += 1; next += 1; }
                else if (t.Kind == PTokKind.Builtin && t.Text == "<<") next += 1;
                else if (t.Kind == PTokKind.Builtin && t.Text == ">>") { t.Col += 1; next += 1; }
                else if (t.Kind == PTokKind.Builtin && t.Text == "\\o") { t.Col += 1; next += 2; }
            }
        }
        return PExpr.FromLines(lines);
    }

    private PProcedure Proc(string name, PStmt at) =>
        FindProc(name) ?? throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", at.Line, at.Col, at.Line, at.Col),
            $"PlusCal: call of non-existent procedure {name}")
        { PcalText = $"Call of non-existent procedure {name}\n    at line {at.Line}, column {at.Col}." };

    private List<PStmt> ExplodeCall(PCall ast, string next)
    {
        var pe = Proc(ast.To, ast);
        if (pe.Params.Count != ast.Args.Count)
            throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", ast.Line, ast.Col, ast.Line, ast.Col),
                $"PlusCal: procedure {ast.To} called with wrong number of arguments");
        var result = new List<PStmt>();
        var ass = new PAssign { Line = ast.Line, Col = ast.Col };
        ass.Ass.Add(new PSingleAssign { Var = "stack", Rhs = StackPush(ast.To, new List<PTok> { Str(next) }, pe, false) });
        for (int i = 0; i < pe.Params.Count; i++)
            ass.Ass.Add(new PSingleAssign { Var = pe.Params[i].Var, Rhs = ast.Args[i] });
        result.Add(ass);
        foreach (var d in pe.Decls)
            result.Add(new PAssign { Line = ast.Line, Col = ast.Col, Ass = { new PSingleAssign { Var = d.Var, Rhs = d.Val } } });
        result.Add(UpdatePC(IPC(pe.Body)));
        return result;
    }

    private List<PStmt> ExplodeReturn(PReturn ast)
    {
        var from = ast.From ?? _currentProcedure
                   ?? throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", ast.Line, ast.Col, ast.Line, ast.Col), "PlusCal: `return' statement not in procedure");
        var pe = Proc(from, ast);
        var result = new List<PStmt> { new PAssign { Ass = { new PSingleAssign { Var = "pc", Rhs = HeadOf("pc") } } } };
        foreach (var d in pe.Decls.Concat(pe.Params))
            result.Add(new PAssign { Ass = { new PSingleAssign { Var = d.Var, Rhs = HeadOf(d.Var) } } });
        result.Add(new PAssign { Ass = { new PSingleAssign { Var = "stack", Rhs = PExpr.Tight(Id("Tail"), B("("), Stack(), B(")")) } } });
        return result;
    }

    private List<PStmt> ExplodeCallReturn(PCall ast)
    {
        var from = ast.From ?? _currentProcedure
                   ?? throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", ast.Line, ast.Col, ast.Line, ast.Col), "PlusCal: `return' after `call' not in a procedure");
        var peFrom = Proc(from, ast);
        var peTo = Proc(ast.To, ast);
        var result = new List<PStmt>();
        var ass = new PAssign { Line = ast.Line, Col = ast.Col };
        if (from != ast.To)
        {
            foreach (var d in peFrom.Decls)
                ass.Ass.Add(new PSingleAssign { Var = d.Var, Rhs = HeadOf(d.Var) });
            var pcVal = new List<PTok> { Id("Head"), B("("), Stack(), B(")"), B("."), Id("pc") };
            ass.Ass.Add(new PSingleAssign { Var = "stack", Rhs = StackPush(ast.To, pcVal, peTo, true) });
        }
        if (peTo.Params.Count != ast.Args.Count)
            throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", ast.Line, ast.Col, ast.Line, ast.Col),
                $"PlusCal: procedure {ast.To} called with wrong number of arguments");
        for (int i = 0; i < peTo.Params.Count; i++)
            ass.Ass.Add(new PSingleAssign { Var = peTo.Params[i].Var, Rhs = ast.Args[i] });
        if (ass.Ass.Count > 0) result.Add(ass);
        foreach (var d in peTo.Decls)
            result.Add(new PAssign { Ass = { new PSingleAssign { Var = d.Var, Rhs = d.Val } } });
        result.Add(UpdatePC(IPC(peTo.Body)));
        return result;
    }
}
