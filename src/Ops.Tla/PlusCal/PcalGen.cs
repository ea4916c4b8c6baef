using System.Text;

namespace Ops.Tla.PlusCal;

/// <summary>How often each variable has been assigned in the conjuncts generated so far (pcal's Changed).</summary>
internal sealed class Changed
{
    public readonly List<string> Vars;
    public readonly int[] Count;

    public Changed(List<string> vars) { Vars = vars; Count = new int[vars.Count]; }
    public Changed(Changed c) { Vars = c.Vars; Count = (int[])c.Count.Clone(); }

    public void AllChanged() { for (int i = 0; i < Count.Length; i++) Count[i] = 1; }
    public bool IsChanged(string s) { int i = Vars.IndexOf(s); return i >= 0 && Count[i] > 0; }
    public void Merge(Changed c) { for (int i = 0; i < Count.Length; i++) Count[i] = Math.Max(Count[i], c.Count[i]); }
    public int Set(string v) { int i = Vars.IndexOf(v); return i >= 0 ? ++Count[i] : 0; }

    private IEnumerable<string> UnchangedVars(Changed other) =>
        Vars.Where((v, i) => Count[i] == 0 && (other == null || other.Count[i] > 0));

    public string Unchanged(Changed other = null) => string.Join(", ", UnchangedVars(other));
    public int NumUnchanged(Changed other = null) => UnchangedVars(other).Count();

    /// <summary>The unchanged variables in chunks of at most <paramref name="ch"/> characters (pcal's wrapping,
    /// where a chunk ends with ", " when the next variable did not fit).</summary>
    public List<string> UnchangedWrapped(int ch, Changed other = null)
    {
        var sv = new List<string>();
        string s = "";
        bool haveOne = false;
        foreach (var one in UnchangedVars(other))
        {
            if (haveOne) s += ", ";
            else haveOne = true;
            if (s.Length + one.Length > ch)
            {
                if (s.Length > 0) sv.Add(s);
                s = one;
            }
            else s += one;
        }
        if (s.Length > 0) sv.Add(s);
        return sv;
    }
}

/// <summary>
/// Generates the TLA+ translation of an exploded algorithm line by line, with pcal.trans's layout (PcalTLAGen):
/// VARIABLES, the define block, vars, ProcSet, Init, one action per label, process and procedure disjunctions, Next,
/// Spec with fairness, Termination.
/// </summary>
internal sealed class PcalGen
{
    private const int WrapColumn = 78;

    private readonly PAlgorithm _alg;
    private readonly List<string> _lines = new();
    private string _next = "";
    private readonly List<string> _vars = new();
    private readonly List<string> _procVars = new();
    private readonly List<string> _procSetVars = new();
    private bool _mp;
    private PExpr _self;
    private bool _selfIsSelf;
    private readonly List<string> _nextStep = new();
    private string _currentProcName;

    private readonly bool _pcLast;

    private readonly PlusCalOptions _opts;

    public PcalGen(PAlgorithm alg, bool pcLast = false, PlusCalOptions options = null)
    {
        _alg = alg;
        _pcLast = pcLast;
        _opts = options ?? new PlusCalOptions();
    }

    public List<string> Generate(List<string> report = null)
    {
        foreach (var r in report ?? new List<string>()) Line(r);
        if (_alg.IsMultiprocess) GenMultiprocess();
        else GenUniprocess();
        EndLine();
        return _lines;
    }

    // ------------------------------------------------------------ output

    private static string Sp(int n) => new(' ', Math.Max(0, n));
    private void Tok(string s) => _next += s;

    private void EndLine()
    {
        if (_next.Length != 0)
        {
            _lines.Add(_next);
            _next = "";
        }
    }

    private void Line(string s)
    {
        EndLine();
        if (s.Length == 0) _lines.Add("");
        else
        {
            Tok(s);
            EndLine();
        }
    }

    private void Expr(PExpr e)
    {
        var sv = e.ToStringLines();
        if (sv.Count == 0) return;
        int indent = _next.Length;
        int nl = 0;
        if (indent != 0)
        {
            _next += sv[0];
            nl = 1;
            if (sv.Count > 1) EndLine();
        }
        if (sv.Count > 1)
        {
            var spaces = Sp(indent);
            while (nl < sv.Count - 1) _lines.Add(spaces + sv[nl++]);
            _next = spaces + sv[nl];
        }
        else if (indent == 0) _next += sv[0];
    }

    // ------------------------------------------------------------ top level

    private void GenUniprocess()
    {
        _mp = false;
        _currentProcName = "Next";
        GenVarsAndDefs(null);
        GenInit();
        foreach (var p in _alg.Procedures) GenProcedure(p);
        foreach (var ls in _alg.Body)
        {
            _nextStep.Add(ls.Label);
            GenLabeledStmt(ls, "");
        }
        GenNext();
        GenSpec();
        GenTermination();
    }

    private void GenMultiprocess()
    {
        _mp = true;
        GenVarsAndDefs(_alg.Processes);
        GenProcSet();
        GenInit();
        foreach (var p in _alg.Procedures) GenProcedure(p);
        foreach (var p in _alg.Processes) GenProcess(p);
        GenNext();
        GenSpec();
        GenTermination();
    }

    private void GenDisjunction(string name, string argument, List<PLabeledStmt> body)
    {
        var head = name + argument + " == ";
        Tok(head);
        var indent = Sp(head.Length + 2);
        for (int i = 0; i < body.Count; i++)
        {
            var disjunct = body[i].Label + argument;
            if (i != 0 && _next.Length + 7 + disjunct.Length > WrapColumn) EndLine();
            if (i != 0) Tok((_next.Length == 0 ? indent : "") + " \\/ ");
            Tok(disjunct);
        }
        Line("");
    }

    private void GenProcedure(PProcedure p)
    {
        if (_mp)
        {
            _self = SelfExpr();
            _selfIsSelf = true;
        }
        else _nextStep.Add(p.Name);
        foreach (var ls in p.Body) GenLabeledStmt(ls, "procedure");
        GenDisjunction(p.Name, _mp ? "(self)" : "", p.Body);
    }

    private void GenProcess(PProcess p)
    {
        _currentProcName = p.Name;
        bool isSet = !p.IsEq;
        if (p.IsEq)
        {
            _self = p.Id;
            _selfIsSelf = false;
        }
        else
        {
            _self = SelfExpr();
            _selfIsSelf = true;
        }
        if (!isSet) _nextStep.Add(p.Name);
        foreach (var ls in p.Body) GenLabeledStmt(ls, "process");
        if (!_alg.OmitPC) GenDisjunction(p.Name, isSet ? "(self)" : "", p.Body);
    }

    private void GenLabeledStmt(PLabeledStmt ast, string context)
    {
        var actionName = _alg.OmitPC ? _currentProcName : ast.Label;
        var sb = new StringBuilder(actionName);
        var c = new Changed(_vars);
        if (_mp && (context == "procedure" || _selfIsSelf)) sb.Append("(self)");
        sb.Append(" == ");
        int col = sb.Length;
        sb.Append("/\\ ");
        int defStartLine = _lines.Count;
        int colAfterAnd = sb.Length;
        foreach (var st in ast.Stmts)
        {
            GenStmt(st, c, context, sb.ToString(), sb.Length);
            sb = new StringBuilder(Sp(col) + "/\\ ");
        }
        var unc = c.UnchangedWrapped(WrapColumn - col - "/\\ UNCHANGED << ".Length);
        if (c.NumUnchanged() > 1)
        {
            sb = new StringBuilder(Sp(col) + "/\\ UNCHANGED << ");
            int here = sb.Length;
            sb.Append(unc[0]);
            for (int i = 1; i < unc.Count; i++)
            {
                Line(sb.ToString());
                sb = new StringBuilder(Sp(here) + unc[i]);
            }
            sb.Append(" >>");
            Tok(sb.ToString());
        }
        else if (c.NumUnchanged() == 1)
        {
            var u = c.Unchanged();
            Tok(u.Length > 5 ? Sp(col) + "/\\ UNCHANGED " + u : Sp(col) + "/\\ " + u + "' = " + u);
        }
        else if (ast.Stmts.Count == 1)
        {
            EndLine();
            for (int i = defStartLine; i < _lines.Count; i++)
            {
                var line = _lines[i];
                if (i == defStartLine) _lines[i] = line.Substring(0, colAfterAnd - 3) + line.Substring(colAfterAnd);
                else if (line.Length > 3) _lines[i] = line.Substring(3);
            }
        }
        Line("");
    }

    private void GenStmt(PStmt ast, Changed c, string context, string prefix, int col)
    {
        switch (ast)
        {
            case PAssign a: GenAssign(a, c, context, prefix); break;
            case PIf f: GenIf(f, c, context, prefix); break;
            case PEither e: GenEither(e, c, context, prefix); break;
            case PWith w: GenWith(w, c, context, prefix, col); break;
            case PWhen w:
                Tok(prefix);
                Expr(AddSubscripts(w.Exp, SubExpr(Self(context)), c));
                EndLine();
                break;
            case PPrint p:
                Tok(prefix + "PrintT(");
                Expr(AddSubscripts(p.Exp, SubExpr(Self(context)), c));
                Tok(")");
                EndLine();
                break;
            case PAssert a: GenAssert(a, c, context, prefix); break;
            case PSkip:
                Tok(prefix);
                Tok("TRUE");
                EndLine();
                break;
            default:
                throw new InvalidOperationException("unexpected statement " + ast.GetType().Name);
        }
    }

    private bool NeedsSelfSubscript(string v) =>
        _mp && (v == "pc" || v == "stack" || _procVars.Contains(v) || _procSetVars.Contains(v));

    private void GenAssign(PAssign ast, Changed c, string context, string prefix)
    {
        var cThis = new Changed(c);
        var sb = new StringBuilder();
        var ass = ast.Ass.ToList();
        // pcal sorts the single assignments by variable (a selection sort that picks the first least one)
        var sorted = new List<PSingleAssign>();
        while (ass.Count > 0)
        {
            int idx = 0;
            for (int k = 1; k < ass.Count; k++)
                if (string.CompareOrdinal(ass[idx].Var, ass[k].Var) > 0) idx = k;
            sorted.Add(ass[idx]);
            ass.RemoveAt(idx);
        }
        ass = sorted;
        // ... and keeps the sorted list in the statement (its checksum shows the order).
        ast.Ass = sorted;
        Tok(prefix);
        int i = 0;
        bool hasMultipleVars = false;
        while (i < ass.Count)
        {
            var sF = ass[i];
            if (!_vars.Contains(sF.Var))
                throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", sF.Line, sF.Col, sF.Line, sF.Col),
                    $"PlusCal: assignment to undeclared variable {sF.Var}")
                { PcalText = $"Assignment to undeclared variable {sF.Var}\n    at line {sF.Line}, column {sF.Col}." };
            int iFirst = i, iLast = i;
            bool hasNoSub = false;
            bool lastNoSub = sF.Sub.IsEmpty;
            var sL = ass[i];
            while (iLast < ass.Count && sF.Var == sL.Var)
            {
                if (lastNoSub) hasNoSub = true;
                iLast++;
                if (iLast < ass.Count)
                {
                    sL = ass[iLast];
                    if (sL.Sub.IsEmpty) lastNoSub = true;
                }
            }
            if (iLast != ass.Count) hasMultipleVars = true;
            iLast--;
            if (cThis.Set(sF.Var) > 1 || (iLast - iFirst > 0 && hasNoSub))
                throw new TlaException(ErrorKind.Syntax, new Syntax.SourceSpan("", ast.Line, ast.Col, ast.Line, ast.Col),
                    $"PlusCal: multiple assignment to {sF.Var} in one step (add a label)");
            if (hasMultipleVars) sb.Append("/\\ ");
            if (iFirst == iLast)
            {
                var sub = AddSubscripts(sF.Sub, SubExpr(Self(context)), c);
                var rhs = AddSubscripts(sF.Rhs, SubExpr(Self(context)), c);
                if (NeedsSelfSubscript(sF.Var))
                {
                    sb.Append(sF.Var).Append("' = [").Append(sF.Var).Append(" EXCEPT ![");
                    Tok(sb.ToString());
                    Expr(_self);
                    Tok("]");
                    if (!sub.IsEmpty) Expr(sub);
                    Tok(" = ");
                    Expr(rhs);
                    Tok("]");
                }
                else if (!sF.Sub.IsEmpty)
                {
                    sb.Append(sF.Var).Append("' = [").Append(sF.Var).Append(" EXCEPT !");
                    Tok(sb.ToString());
                    Expr(sub);
                    Tok(" = ");
                    Expr(rhs);
                    Tok("]");
                }
                else
                {
                    sb.Append(sF.Var).Append("' = ");
                    bool parens = NeedsParentheses(rhs.ToStringLines());
                    if (parens) sb.Append('(');
                    Tok(sb.ToString());
                    Expr(rhs);
                    if (parens) Tok(")");
                }
                sb.Clear();
            }
            else
            {
                sb.Append(sF.Var).Append("' = [").Append(sF.Var).Append(" EXCEPT ");
                int cc = sb.Length;
                if (i == 0) cc += prefix.Length;
                bool subscript = _mp && (_procVars.Contains(sF.Var) || _procSetVars.Contains(sF.Var));
                while (iFirst <= iLast)
                {
                    var sass = ass[iFirst];
                    var sub = AddSubscripts(sass.Sub, SubExpr(Self(context)), c);
                    var rhs = AddSubscripts(sass.Rhs, SubExpr(Self(context)), c);
                    sb.Append('!');
                    if (subscript)
                    {
                        sb.Append('[');
                        Tok(sb.ToString());
                        Expr(Self(context));
                        Tok("]");
                    }
                    else Tok(sb.ToString());
                    Expr(sub);
                    Tok(" = ");
                    Expr(rhs);
                    Tok(iFirst == iLast ? "]" : ",");
                    sb.Clear();
                    if (iFirst < iLast)
                    {
                        EndLine();
                        sb.Append(Sp(cc));
                    }
                    iFirst++;
                }
            }
            i = iLast + 1;
            if (i < ass.Count)
            {
                EndLine();
                sb.Append(Sp(prefix.Length));
            }
        }
        EndLine();
        c.Merge(cThis);
    }

    private void GenIf(PIf ast, Changed c, string context, string prefix)
    {
        var cThen = new Changed(c);
        var cElse = new Changed(c);
        var test = AddSubscripts(ast.Test, SubExpr(Self(context)), c);
        var sb = new StringBuilder(prefix).Append("IF ");
        int here = sb.Length;
        Tok(sb.ToString());
        Expr(test);
        EndLine();
        sb = new StringBuilder(Sp(here)).Append("THEN ");
        here = sb.Length;
        sb.Append("/\\ ");
        foreach (var st in ast.Then)
        {
            GenStmt(st, cThen, context, sb.ToString(), here + 3);
            sb = new StringBuilder(Sp(here) + "/\\ ");
        }
        int lineUncThen = _lines.Count;
        Line(sb.ToString());
        sb = new StringBuilder(Sp(here - "THEN ".Length) + "ELSE ");
        here = sb.Length;
        if (ast.Else.Count == 0)
        {
            sb.Append("/\\ TRUE");
            Line(sb.ToString());
            sb = new StringBuilder(Sp(here) + "/\\ ");
        }
        else
        {
            sb.Append("/\\ ");
            foreach (var st in ast.Else)
            {
                GenStmt(st, cElse, context, sb.ToString(), here + 3);
                sb = new StringBuilder(Sp(here) + "/\\ ");
            }
        }
        int nElse = cElse.NumUnchanged(cThen);
        if (nElse > 1)
        {
            var unc = cElse.UnchangedWrapped(WrapColumn - sb.Length - "UNCHANGED << ".Length, cThen);
            sb.Append("UNCHANGED << ");
            int cc = sb.Length;
            sb.Append(unc[0]);
            for (int i = 1; i < unc.Count; i++)
            {
                Line(sb.ToString());
                sb = new StringBuilder(Sp(cc) + unc[i]);
            }
            sb.Append(" >>");
            Tok(sb.ToString());
            EndLine();
        }
        else if (nElse == 1)
        {
            var uc = cElse.Unchanged(cThen);
            sb.Append(uc.Length > 5 ? "UNCHANGED " + uc : uc + "' = " + uc);
            Tok(sb.ToString());
            EndLine();
        }
        // Patch the THEN branch's UNCHANGED, now that the ELSE branch is known.
        var thenLine = _lines[lineUncThen];
        _lines.RemoveAt(lineUncThen);
        int nThen = cThen.NumUnchanged(cElse);
        if (nThen > 1)
        {
            var unc = cThen.UnchangedWrapped(WrapColumn - thenLine.Length - "UNCHANGED << ".Length, cElse);
            var s = new StringBuilder(thenLine).Append("UNCHANGED << ");
            int cc = s.Length;
            s.Append(unc[0]);
            for (int i = 1; i < unc.Count; i++)
            {
                _lines.Insert(lineUncThen++, s.ToString());
                s = new StringBuilder(Sp(cc) + unc[i]);
            }
            s.Append(" >>");
            _lines.Insert(lineUncThen, s.ToString());
        }
        else if (nThen == 1)
        {
            var uc = cThen.Unchanged(cElse);
            _lines.Insert(lineUncThen, thenLine + (uc.Length > 5 ? "UNCHANGED " + uc : uc + "' = " + uc));
        }
        c.Merge(cThen);
        c.Merge(cElse);
    }

    private void GenEither(PEither ast, Changed c, string context, string prefix)
    {
        var allC = new Changed(c);
        var cOrs = new Changed[ast.Clauses.Count];
        var ucLocs = new int[ast.Clauses.Count];
        var sb = new StringBuilder(prefix);
        int prefixIndent = sb.Length;
        sb.Append("\\/ ");
        int here = sb.Length;
        for (int i = 0; i < ast.Clauses.Count; i++)
        {
            if (i != 0) sb = new StringBuilder(Sp(prefixIndent) + "\\/ ");
            sb.Append("/\\ ");
            var cC = new Changed(c);
            foreach (var st in ast.Clauses[i].Unlab)
            {
                GenStmt(st, cC, context, sb.ToString(), here + 3);
                sb = new StringBuilder(Sp(here) + "/\\ ");
            }
            cOrs[i] = cC;
            allC.Merge(cC);
            ucLocs[i] = _lines.Count;
            Line("Replace by UNCHANGED");
        }
        for (int i = ast.Clauses.Count - 1; i >= 0; i--)
        {
            _lines.RemoveAt(ucLocs[i]);
            int n = cOrs[i].NumUnchanged(allC);
            var nc = cOrs[i].Unchanged(allC);
            if (n > 1) _lines.Insert(ucLocs[i], Sp(here) + "/\\ UNCHANGED <<" + nc + ">>");
            else if (n == 1)
                _lines.Insert(ucLocs[i], nc.Length > 5 ? Sp(here) + "/\\ UNCHANGED " + nc : Sp(here) + "/\\ " + nc + "' = " + nc);
        }
        c.Merge(allC);
    }

    private void GenWith(PWith ast, Changed c, string context, string prefix, int col)
    {
        var sb = new StringBuilder(prefix);
        var exp = AddSubscripts(ast.Exp, SubExpr(Self(context)), c);
        if (ast.IsEq)
        {
            sb.Append("LET ").Append(ast.Var).Append(" == ");
            Tok(sb.ToString());
            Expr(exp);
            Tok(" IN");
        }
        else
        {
            sb.Append("\\E ").Append(ast.Var).Append(" \\in ");
            Tok(sb.ToString());
            Expr(exp);
            Tok(":");
        }
        EndLine();
        sb = new StringBuilder(Sp(col + 2));
        if (ast.Do.Count > 1) sb.Append("/\\ ");
        foreach (var st in ast.Do)
        {
            GenStmt(st, c, context, sb.ToString(), sb.Length);
            sb = new StringBuilder(Sp(col + 2) + "/\\ ");
        }
    }

    private void GenAssert(PAssert ast, Changed c, string context, string prefix)
    {
        var exp = AddSubscripts(ast.Exp, SubExpr(Self(context)), c);
        var sb = prefix + "Assert(";
        Tok(sb);
        Expr(exp);
        int here = sb.Length;
        var sc = "\"Failure of assertion at " + ast.Location + ".\")";
        if (_next.Length + 2 + sc.Length < WrapColumn) Tok(", " + sc);
        else
        {
            Tok(", ");
            EndLine();
            Tok(Sp(here) + sc);
        }
        EndLine();
    }

    // ------------------------------------------------------------ declarations

    private void GenVarsAndDefs(List<PProcess> processes)
    {
        var gVars = new List<string>();
        var lVars = new List<string>();
        foreach (var d in _alg.Decls) { gVars.Add(d.Var); _vars.Add(d.Var); }
        var added = new List<string>();
        if (!_alg.OmitPC) { added.Add("pc"); _vars.Add("pc"); }
        if (_alg.Procedures.Count > 0) { added.Add("stack"); _vars.Add("stack"); }
        foreach (var p in _alg.Procedures)
            foreach (var d in p.Params.Concat(p.Decls)) { lVars.Add(d.Var); _vars.Add(d.Var); _procVars.Add(d.Var); }
        if (processes != null)
            foreach (var p in processes)
                foreach (var d in p.Decls)
                {
                    lVars.Add(d.Var);
                    _vars.Add(d.Var);
                    if (!p.IsEq) _procSetVars.Add(d.Var);
                }
        if (_alg.HasDefaultInitialization) Line("CONSTANT defaultInitValue");
        bool hasDefs = !_alg.Defs.IsEmpty;
        // pcal.trans (1.11 on) declares pc first and stack after the global variables; its older versions declared
        // both after the globals (pcLast).
        if (!_pcLast && added.Count > 0 && added[0] == "pc")
        {
            gVars.Insert(0, "pc");
            added.RemoveAt(0);
        }
        gVars.AddRange(added);
        if (!hasDefs)
        {
            gVars.AddRange(lVars);
            GenVarDecl(gVars);
        }
        else
        {
            GenVarDecl(gVars);
            Line("");
            Line("(* define statement *)");
            Expr(_alg.Defs);
            Line("");
            GenVarDecl(lVars);
            gVars.AddRange(lVars);
        }
        Line("");
        if (gVars.Count == 0) throw new TlaException(ErrorKind.Syntax, "PlusCal: the algorithm has no variables");
        Tok("vars == << ");
        int indent = _next.Length;
        for (int i = 0; i < gVars.Count; i++)
        {
            if (i > 0) Tok(", ");
            if (_next.Length + gVars[i].Length + 1 > WrapColumn)
            {
                EndLine();
                _next = Sp(indent);
            }
            Tok(gVars[i]);
        }
        if (_next.Length + " >>".Length + 1 > WrapColumn)
        {
            EndLine();
            _next = Sp("vars ==".Length);
        }
        Tok(" >>");
        Line("");
    }

    private void GenVarDecl(List<string> vars)
    {
        if (vars.Count == 0) return;
        var kw = vars.Count > 1 ? "VARIABLES " : "VARIABLE ";
        Tok(kw);
        for (int i = 0; i < vars.Count; i++)
        {
            if (i > 0) Tok(", ");
            if (_next.Length + vars[i].Length + 1 > WrapColumn)
            {
                EndLine();
                _next += Sp(kw.Length);
            }
            Tok(vars[i]);
        }
        EndLine();
    }

    private void GenProcSet()
    {
        if (_alg.Processes.Count == 0) return;
        Tok("ProcSet == ");
        for (int i = 0; i < _alg.Processes.Count; i++)
        {
            var p = _alg.Processes[i];
            if (i > 0) Tok(" \\cup ");
            Tok(p.IsEq ? "{" : "(");
            Expr(p.Id);
            Tok(p.IsEq ? "}" : ")");
        }
        EndLine();
        Line("");
    }

    private void VarDeclConjunct(PVarDecl d, string isPrefix)
    {
        Tok(isPrefix + "/\\ ");
        Tok(d.Var + (d.IsEq ? " = " : " \\in "));
        bool parens = NeedsParentheses(d.Val.ToStringLines());
        if (parens) Tok("(");
        Expr(d.Val);
        if (parens) Tok(")");
        EndLine();
    }

    private void GenInit()
    {
        const int col = 8; // "Init == "
        var prefix = "Init == ";
        if (_alg.Decls.Count > 0)
        {
            Line(prefix + "(* Global variables *)");
            prefix = Sp(col);
            foreach (var d in _alg.Decls) VarDeclConjunct(d, prefix);
        }
        foreach (var proc in _alg.Procedures)
        {
            if (proc.Params.Count == 0 && proc.Decls.Count == 0) continue;
            Line(prefix + "(* Procedure " + proc.Name + " *)");
            prefix = Sp(col);
            foreach (var d in proc.Params.Concat(proc.Decls))
            {
                if (!_mp) VarDeclConjunct(d, prefix);
                else
                {
                    Tok(prefix + "/\\ ");
                    Tok(d.Var + " = [ self \\in ProcSet |-> ");
                    Expr(AddSubscripts(d.Val, SubExpr(SelfExpr()), new Changed(new List<string>())));
                    Tok("]");
                    EndLine();
                }
            }
        }
        if (_alg.Processes != null)
            foreach (var proc in _alg.Processes)
            {
                if (proc.Decls.Count == 0) continue;
                Line(prefix + "(* Process " + proc.Name + " *)");
                prefix = Sp(col);
                foreach (var d in proc.Decls)
                {
                    Tok(prefix + "/\\ ");
                    if (proc.IsEq)
                    {
                        Tok(d.Var + (d.IsEq ? " = " : " \\in "));
                        Expr(d.Val);
                    }
                    else if (d.IsEq)
                    {
                        Tok(d.Var + " = [self \\in ");
                        Expr(proc.Id);
                        Tok(" |-> ");
                        Expr(AddSubscripts(d.Val, SubExpr(SelfExpr()), new Changed(new List<string>())));
                        Tok("]");
                    }
                    else
                    {
                        // v \in [S -> T], where process variables in T get the subscript [CHOOSE self \in S : TRUE]
                        var idLine = proc.Id.Clone();
                        var choose = PExpr.Spaced(new PTok("[", 0, PTokKind.Builtin));
                        choose = PExpr.FromLines(new[] { new[]
                        {
                            new PTok("[", 0, PTokKind.Builtin), new PTok("CHOOSE", 1, PTokKind.Builtin),
                            new PTok("self", 8, PTokKind.Ident), new PTok("\\in ", 13, PTokKind.Builtin),
                        } });
                        var sub = idLine.Prepend(choose, 1);
                        var tail = PExpr.FromLines(new[] { new[]
                        {
                            new PTok(":", 0, PTokKind.Builtin), new PTok("TRUE", 2, PTokKind.Builtin), new PTok("]", 6, PTokKind.Builtin),
                        } });
                        sub = tail.Prepend(sub, 1);
                        Tok(d.Var + " \\in [");
                        Expr(proc.Id);
                        Tok(" -> ");
                        Expr(AddSubscripts(d.Val, sub, new Changed(new List<string>())));
                        Tok("]");
                    }
                    EndLine();
                }
            }
        if (_alg.Procedures.Count > 0)
        {
            Line(prefix + (_mp ? "/\\ stack = [self \\in ProcSet |-> << >>]" : "/\\ stack = << >>"));
            prefix = Sp(col);
        }
        if (!_alg.OmitPC)
        {
            if (_mp)
            {
                bool useCase = _alg.Processes.Count != 1;
                var s = prefix + (useCase ? "/\\ pc = [self \\in ProcSet |-> CASE " : "/\\ pc = [self \\in ProcSet |-> ");
                int colPC = s.Length - 3;
                for (int p = 0; p < _alg.Processes.Count; p++)
                {
                    var pe = _alg.Processes[p];
                    var ipc = PcalExplode.IPC(pe.Body);
                    if (useCase)
                    {
                        s += "self " + (pe.IsEq ? "= " : "\\in ");
                        Tok(s);
                        Expr(pe.Id);
                        s = " -> \"" + ipc + (p == _alg.Processes.Count - 1 ? "\"]" : "\"");
                    }
                    else s += "\"" + ipc + "\"]";
                    Tok(s);
                    EndLine();
                    s = Sp(colPC);
                    if (p < _alg.Processes.Count - 1) s += "[] ";
                }
            }
            else Line(prefix + "/\\ pc = \"" + PcalExplode.IPC(_alg.Body) + "\"");
        }
        Line("");
    }

    // ------------------------------------------------------------ Next, Spec, Termination

    private void GenNext()
    {
        if (_alg.OmitPC && !_mp) return;
        bool stutter = !(_opts.NoDoneDisjunct || _alg.OmitStutteringWhenDone);
        if (stutter)
        {
            Line("(* Allow infinite stuttering to prevent deadlock on termination. *)");
            if (_mp)
            {
                Line("Terminating == /\\ \\A self \\in ProcSet: pc[self] = \"Done\"");
                Line(Sp("Terminating == ".Length) + "/\\ UNCHANGED vars");
            }
            else Line("Terminating == pc = \"Done\" /\\ UNCHANGED vars");
            Line("");
        }
        var nextS = new List<string>();
        var sb = new StringBuilder();
        int max = WrapColumn - "Next == \\/ ".Length;
        foreach (var a in _nextStep)
        {
            if (a.Length + " \\/ ".Length + sb.Length > max)
            {
                nextS.Add(sb.ToString());
                sb.Clear();
            }
            if (sb.Length > 0) sb.Append(" \\/ ");
            sb.Append(a);
        }
        if (sb.Length > 0) nextS.Add(sb.ToString());
        var nextSS = new List<string>();
        sb.Clear();
        max = WrapColumn - "Next == \\/ (\\E self \\in ProcSet: \\/ ".Length;
        if (_mp && _alg.Procedures.Count > 0)
        {
            foreach (var p in _alg.Procedures)
            {
                if (p.Name.Length + "(self) \\/ ".Length + sb.Length > max)
                {
                    nextSS.Add(sb.ToString());
                    sb.Clear();
                }
                if (sb.Length > 0) sb.Append(" \\/ ");
                sb.Append(p.Name).Append("(self)");
            }
            if (sb.Length > 0) nextSS.Add(sb + ")");
        }
        var nextSSP = new List<List<string>>();
        if (_mp)
            foreach (var p in _alg.Processes)
            {
                if (p.IsEq) continue;
                var vec = new List<string>();
                var s = new StringBuilder("(\\E self \\in ");
                var sv = p.Id.ToStringLines();
                int c0 = s.Length;
                s.Append(sv[0]);
                for (int j = 1; j < sv.Count; j++)
                {
                    vec.Add(s.ToString());
                    s = new StringBuilder(Sp(c0) + sv[j]);
                }
                s.Append(": ").Append(p.Name).Append("(self))");
                vec.Add(s.ToString());
                nextSSP.Add(vec);
            }
        sb = new StringBuilder("Next == ");
        int col = sb.Length + 2;
        foreach (var n in nextS)
        {
            sb.Append(n);
            Line(sb.ToString());
            sb = new StringBuilder(Sp(col) + " \\/ ");
        }
        if (nextSS.Count > 0)
        {
            sb.Append("(\\E self \\in ProcSet: ");
            int col2 = sb.Length;
            if (nextSS.Count > 1) sb.Append(" \\/ ");
            foreach (var n in nextSS)
            {
                sb.Append(n);
                Line(sb.ToString());
                sb = new StringBuilder(Sp(col2) + " \\/ ");
            }
            sb = new StringBuilder(Sp(col) + " \\/ ");
        }
        for (int i = 0; i < nextSSP.Count; i++)
        {
            foreach (var line in nextSSP[i])
            {
                sb.Append(line);
                Line(sb.ToString());
                sb = new StringBuilder(nextS.Count == 0 && nextSS.Count == 0 && i == 0 ? Sp(col - 2) : Sp(col + 4));
            }
            sb = new StringBuilder(Sp(col) + " \\/ ");
        }
        if (stutter) Line(sb.Append("Terminating").ToString());
        Line("");
    }

    private sealed class FormulaPair
    {
        public string Wf, Sf;
        public string SingleLine() => Sf == null ? Wf : Wf + " /\\ " + Sf;
        public int SingleLineWidth() => Sf == null ? Wf.Length : Wf.Length + 4 + Sf.Length;
        public string MultiLine(int col) => Sf == null ? "/\\ " + Wf : "/\\ " + Wf + "\n" + Sp(col) + "/\\ " + Sf;
    }

    private sealed class ProcessFairness
    {
        public List<string> Prefix = new();
        public FormulaPair Body;
        public List<FormulaPair> Prcd = new();

        private int SingleLineWidth()
        {
            int maxPrefix = 0, width = 0;
            for (int i = 0; i < Prefix.Count - 1; i++)
            {
                maxPrefix = Math.Max(maxPrefix, Prefix[i].Length);
                width = Prefix[^1].Length;
            }
            width += Body.Wf.Length;
            if (Body.Sf != null) width += Body.Sf.Length;
            foreach (var p in Prcd) width += p.SingleLineWidth();
            return Math.Max(maxPrefix, width);
        }

        private string PrefixText(int col)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < Prefix.Count; i++)
            {
                if (i != 0) sb.Append(Sp(col));
                sb.Append(Prefix[i]);
                if (i != Prefix.Count - 1) sb.Append('\n');
            }
            return sb.ToString();
        }

        public string Format(int col)
        {
            if (col + SingleLineWidth() <= WrapColumn || (Body.Sf == null && Prcd.Count == 0))
            {
                var sb = new StringBuilder(PrefixText(col)).Append(Body.Wf);
                if (Body.Sf != null) sb.Append(" /\\ ").Append(Body.Sf);
                foreach (var p in Prcd) sb.Append(" /\\ ").Append(p.SingleLine());
                return sb.ToString();
            }
            var val = new StringBuilder(PrefixText(col));
            int prefixWidth = Prefix.Count > 0 ? Prefix[^1].Length : 0;
            int curCol = col + prefixWidth;
            var line = Body.SingleLine();
            if (curCol + line.Length + 3 <= WrapColumn) val.Append("/\\ " + line);
            else val.Append(Body.MultiLine(curCol));
            for (int i = 0; i < Prcd.Count; i++)
            {
                line = Prcd[i].SingleLine();
                if (i == 0) val.Append('\n');
                val.Append(Sp(curCol));
                if (curCol + line.Length + 3 <= WrapColumn) val.Append("/\\ " + line + "\n");
                else val.Append(Prcd[i].MultiLine(curCol));
            }
            return val.ToString();
        }
    }

    private static string FairFormula(string xf, List<string> minus, string qSelf, string name)
    {
        var sb = new StringBuilder(xf + "_vars(");
        if (minus.Count > 0)
        {
            sb.Append("(pc[").Append(qSelf);
            if (minus.Count == 1) sb.Append("] # \"").Append(minus[0]).Append('"');
            else sb.Append("] \\notin {\"").Append(string.Join("\", \"", minus)).Append("\"}");
            sb.Append(") /\\ ");
        }
        sb.Append(name).Append(')');
        return sb.ToString();
    }

    private void GenSpec()
    {
        const string safety = "Init /\\ [][Next]_vars";
        // pcal's GenSpec: -nof, or a uniprocess algorithm without a fairness option, has no fairness; WF_vars(Next)
        // for -wfNext, a --fair algorithm, or -wf / -sf on a uniprocess algorithm; each process's own fairness
        // (from `fair', `fair+', or -wf / -sf for the others) otherwise.
        var option = _opts.Fairness;
        if (option == "nof" || (!_mp && option == ""))
        {
            Line("Spec == " + safety);
            Line("");
            return;
        }
        bool wfNext = option == "wfNext" || _alg.FairAlgorithm || (!_mp && option is "wf" or "sf");
        var fairness = new List<ProcessFairness>();
        if (_mp)
            foreach (var p in _alg.Processes)
            {
                if (p.Fairness == PFairness.Unfair) continue;
                var xf = p.Fairness == PFairness.Weak ? "WF" : "SF";
                var pSelf = p.Id.ToStringLines();
                bool makeLetIn = false;
                string qSelf = "self";
                if (p.IsEq)
                {
                    if (pSelf.Count > 1) makeLetIn = true;
                    else qSelf = pSelf[0];
                }
                var pf = new ProcessFairness();
                if (makeLetIn || !p.IsEq)
                {
                    var begin = p.IsEq ? "LET self == " : "\\A self \\in ";
                    var end = p.IsEq ? "" : " : ";
                    for (int j = 0; j < pSelf.Count; j++)
                    {
                        var line = (j == 0 ? begin : Sp(begin.Length)) + pSelf[j];
                        if (j == pSelf.Count - 1) line += end;
                        pf.Prefix.Add(line);
                    }
                    if (makeLetIn) pf.Prefix.Add("IN ");
                }
                var wf = FairFormula(xf, p.MinusLabels, qSelf, p.IsEq ? p.Name : p.Name + "(self)");
                string sf = null;
                if (xf == "WF" && p.PlusLabels.Count > 0)
                    sf = string.Join(" /\\ ", p.PlusLabels.Select(l => "SF_vars(" + l + (p.IsEq ? "" : "(self)") + ")"));
                pf.Body = new FormulaPair { Wf = wf, Sf = sf };
                foreach (var called in p.ProceduresCalled)
                {
                    var pe = _alg.Procedures.FirstOrDefault(x => x.Name == called);
                    if (pe == null) continue;
                    var pwf = FairFormula(xf, pe.MinusLabels, qSelf, pe.Name + "(" + qSelf + ")");
                    string psf = null;
                    if (xf == "WF" && pe.PlusLabels.Count > 0)
                        psf = string.Join(" /\\ ", pe.PlusLabels.Select(l => "SF_vars(" + l + "(" + qSelf + "))"));
                    pf.Prcd.Add(new FormulaPair { Wf = pwf, Sf = psf });
                }
                fairness.Add(pf);
            }
        if (!wfNext && fairness.Count == 0)
        {
            Line("Spec == " + safety);
            Line("");
            return;
        }
        Line("Spec == /\\ " + safety);
        int indent = "Spec == /\\ ".Length;
        if (wfNext) Line("        /\\ WF_vars(Next)");
        foreach (var f in fairness)
        {
            var str = "        /\\ " + f.Format(indent);
            var parts = str.Split('\n').ToList();
            while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
            foreach (var s in parts) Line(s);
        }
        Line("");
    }

    private void GenTermination()
    {
        if (_alg.OmitPC || _alg.OmitStutteringWhenDone) return;
        Line("Termination == <>(" + (_mp ? "\\A self \\in ProcSet: pc[self]" : "pc") + " = \"Done\")");
        Line("");
    }

    // ------------------------------------------------------------ subscripts and primes

    private static PExpr SelfExpr() => PExpr.Spaced(new PTok("self", 0, PTokKind.Ident));

    private PExpr Self(string context) => !_mp ? null : context == "procedure" ? SelfExpr() : _self;

    /// <summary>"[" self "]" (null for a uniprocess algorithm).</summary>
    private static PExpr SubExpr(PExpr sub)
    {
        if (sub == null) return null;
        var e = sub.Clone();
        foreach (var l in e.Lines)
            foreach (var t in l) t.Col += 1;
        e.Lines[0].Insert(0, new PTok("[", 0, PTokKind.Builtin));
        var r = PExpr.FromLines(e.Lines);
        r.AddTokenOffset(new PTok("]", 0, PTokKind.Builtin), 0);
        return r;
    }

    /// <summary>Primes the variables already assigned in this step and subscripts pc, stack, procedure variables and
    /// process-set variables with [self].</summary>
    private PExpr AddSubscripts(PExpr e, PExpr sub, Changed c)
    {
        if (e.IsEmpty) return e;
        return e.Substitute(tok =>
        {
            bool prime = tok.Kind == PTokKind.Ident && c.IsChanged(tok.Text);
            bool subr = sub != null && (tok.Kind == PTokKind.Added ||
                                        (_mp && tok.Kind == PTokKind.Ident && (_procVars.Contains(tok.Text) || _procSetVars.Contains(tok.Text))));
            if (!prime && !subr) return null;
            var exp = PExpr.Tight(new PTok(tok.Text, 0, tok.Kind));
            if (prime) exp.AddTokenOffset(new PTok("'", 0, PTokKind.Builtin), 0);
            if (subr) return sub.Prepend(exp, 0);
            return exp;
        }, parenthesize: false);
    }

    /// <summary>pcal's NeedsParentheses (which looks at the first line only): true when an operator of lower
    /// precedence than "=" may occur outside brackets and strings.</summary>
    internal static bool NeedsParentheses(List<string> vec)
    {
        if (vec.Count == 0) return false;
        var line = vec[0];
        int depth = 0;
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (inString)
            {
                if (ch == '"') inString = false;
                else if (ch == '\\') i++;
                continue;
            }
            char nx = i < line.Length - 1 ? line[i + 1] : ' ';
            bool left = false, right = false, may = false;
            switch (ch)
            {
                case '"': inString = true; break;
                case '=': case '#': may = true; break;
                case '<':
                    if (nx == '<') { i++; left = true; }
                    else may = true;
                    break;
                case '>':
                    if (nx == '>') { i++; right = true; }
                    else may = true;
                    break;
                case '|':
                    if (nx == '-' || (i > 0 && line[i - 1] == '-')) may = true;
                    break;
                case '\\':
                    if (!(nx == ' ' || nx == 'o' || nx == 'X')) may = true;
                    break;
                case '/':
                    if (nx == '\\') may = true;
                    break;
                case '(': case '[': case '{': left = true; break;
                case ')': case ']': case '}': right = true; break;
            }
            if (may && depth == 0) return true;
            if (left) depth++;
            if (right)
            {
                if (depth == 0) return true;
                depth--;
            }
        }
        return inString;
    }
}
