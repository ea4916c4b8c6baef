using Ops.Tla.Syntax;

namespace Ops.Tla.PlusCal;

/// <summary>
/// pcal.trans's removal of name conflicts (its symbol table, PcalSymTab, and PcalFixIDs), done on the parsed
/// algorithm before it is exploded:
/// <list type="bullet">
/// <item>every global variable (and <c>pc</c>, and <c>stack</c> when there are procedures), label, procedure,
/// process, process variable, procedure variable and parameter is entered in a table with the process or procedure
/// it belongs to; a name declared twice where pcal forbids it (a label twice in one process, a local variable with
/// the name of a global, ...) is an error at the second declaration;</item>
/// <item>names are then made unique kind by kind in that order (globals are never renamed): a clashing name gets
/// "_", then the letters of its process's or procedure's name one by one, then the digit of its kind, until no
/// other entry has it; each renaming is reported on a comment line atop the translation;</item>
/// <item>the new names are written into the algorithm: declarations, labels, gotos, assignments, and identifiers in
/// expressions, looked up in the process or procedure where they occur (pcal's lookups, including their quirks: a
/// call's target is looked up as a procedure of the current process or procedure, so only calls in a uniprocess
/// body follow a renamed procedure).</item>
/// </list>
/// For a multiprocess algorithm it also closes each process's list of called procedures under calls (pcal's
/// Floyd-Warshall step), which the fairness conditions of Spec use.
/// </summary>
internal sealed class PcalNames
{
    private enum Kind { Global = 0, Label = 1, Procedure = 2, Process = 3, ProcessVar = 4, ProcedureVar = 5, Parameter = 6 }

    private static readonly string[] KindName =
        { "Global variable", "Label", "Procedure", "Process", "Process variable", "Procedure variable", "Parameter" };

    private sealed class Entry
    {
        public Kind Kind;
        public string Id, Context, CType, UseThis;
        public int Line, Col;
    }

    private readonly List<Entry> _tab = new();
    private readonly string _file;
    private TlaException _error;

    /// <summary>The comment lines pcal writes atop the translation, one for each renamed name.</summary>
    public readonly List<string> Report = new();

    private PcalNames(string file) { _file = file; }

    /// <summary>Removes the name conflicts of <paramref name="alg"/> in place; returns the renaming report. Throws
    /// <see cref="TlaException"/> (at the offending declaration) where pcal reports an error.</summary>
    public static List<string> Fix(PAlgorithm alg, string file)
    {
        var n = new PcalNames(file);
        n.Extract(alg);
        if (n._error != null) throw n._error;
        n.Disambiguate();
        n.FixAlgorithm(alg);
        return n.Report;
    }

    // ------------------------------------------------------------------ the table

    private int Find(Kind k, string id, string ctx) => _tab.FindIndex(e => e.Kind == k && e.Id == id && e.Context == ctx);

    private bool Insert(Kind k, string id, string ctx, string cType, int line, int col)
    {
        if (k is Kind.ProcedureVar or Kind.ProcessVar or Kind.Parameter)
        {
            if (Find(Kind.Global, id, "") >= 0) return false;
            if (_tab.Any(e => e.Id == id && e.Context == ctx)) return false;
        }
        else if (Find(k, id, ctx) >= 0) return false;
        _tab.Add(new Entry { Kind = k, Id = id, Context = ctx, CType = cType, Line = line, Col = col, UseThis = id });
        return true;
    }

    private void Redefined(string what, string id, int line, int col, string fix)
    {
        _error ??= new TlaException(ErrorKind.Syntax, new SourceSpan(_file, line, col, line, col),
            $"PlusCal: {what} {id} redefined at line {line}, column {col} ({fix})")
        { PcalText = $"\n{what} {id} redefined at line {line}, column {col}." };
    }

    private void Extract(PAlgorithm alg)
    {
        Insert(Kind.Global, "pc", "", "", 0, 0);
        if (alg.Procedures.Count > 0) Insert(Kind.Global, "stack", "", "", 0, 0);
        foreach (var d in alg.Decls)
            if (!Insert(Kind.Global, d.Var, "", "process", d.Line, d.Col))
                Redefined("Global variable", d.Var, d.Line, d.Col,
                    d.Var is "pc" or "stack" ? "the translation declares it: rename the variable" : "declare each variable once");
        var procNames = new HashSet<string>();
        foreach (var p in alg.Procedures)
        {
            if (!procNames.Add(p.Name)) Redefined("Procedure", p.Name, p.Line, p.Col, "give each procedure its own name");
            Insert(Kind.Procedure, p.Name, "", "procedure", p.Line, p.Col);
            foreach (var d in p.Decls)
                if (!Insert(Kind.ProcedureVar, d.Var, p.Name, "procedure", d.Line, d.Col))
                    Redefined("Procedure variable", d.Var, d.Line, d.Col, "a procedure's variables need names of their own, distinct from the global variables");
            foreach (var d in p.Params)
                if (!Insert(Kind.Parameter, d.Var, p.Name, "procedure", d.Line, d.Col))
                    Redefined("Parameter", d.Var, d.Line, d.Col, "a parameter needs a name distinct from the global variables and the procedure's variables");
            Labels(p.Body, p.Name, "procedure");
        }
        if (alg.Processes == null)
        {
            Labels(alg.Body, "", "");
            return;
        }
        var processNames = new HashSet<string>();
        foreach (var p in alg.Processes)
        {
            if (!processNames.Add(p.Name)) Redefined("Process", p.Name, p.Line, p.Col, "give each process its own name");
            Insert(Kind.Process, p.Name, "", "process", p.Line, p.Col);
            foreach (var d in p.Decls)
                if (!Insert(Kind.ProcessVar, d.Var, p.Name, "process", d.Line, d.Col))
                    Redefined("Process variable", d.Var, d.Line, d.Col, "a process's variables need names of their own, distinct from the global variables");
            Labels(p.Body, p.Name, "process");
        }
    }

    private void Labels(List<PLabeledStmt> seq, string ctx, string cType)
    {
        foreach (var ls in seq)
        {
            if (!Insert(Kind.Label, ls.Label, ctx, cType, ls.Line, ls.Col))
                Redefined("Label", ls.Label, ls.Line, ls.Col, "labels must differ within a process or procedure");
            foreach (var s in ls.Stmts) StmtLabels(s, ctx, cType);
        }
    }

    private void StmtLabels(PStmt s, string ctx, string cType)
    {
        switch (s)
        {
            case PWhile w:
                foreach (var x in w.UnlabDo) StmtLabels(x, ctx, cType);
                Labels(w.LabDo, ctx, cType);
                break;
            case PIf f:
                foreach (var x in f.Then) StmtLabels(x, ctx, cType);
                Labels(f.LabThen, ctx, cType);
                foreach (var x in f.Else) StmtLabels(x, ctx, cType);
                Labels(f.LabElse, ctx, cType);
                break;
            case PWith w:
                foreach (var x in w.Do) StmtLabels(x, ctx, cType);
                break;
            case PEither e:
                foreach (var c in e.Clauses)
                {
                    foreach (var x in c.Unlab) StmtLabels(x, ctx, cType);
                    Labels(c.Lab, ctx, cType);
                }
                break;
        }
    }

    private bool Ambiguous(string id) => _tab.Count(e => e.UseThis == id) > 1;

    private void Disambiguate()
    {
        for (int k = 0; k <= 6; k++)
            foreach (var e in _tab.Where(e => (int)e.Kind == k))
            {
                e.UseThis = e.Id;
                int suffix = 0;
                while (k > 0 && Ambiguous(e.UseThis))
                {
                    suffix++;
                    if (suffix == 1) e.UseThis += "_";
                    else if (suffix > e.Context.Length + 1) e.UseThis += k.ToString();
                    else e.UseThis += e.Context[suffix - 2];
                }
                if (e.Id != e.UseThis)
                    Report.Add("\\* " + KindName[k] + " " + e.Id + (e.Context.Length == 0 ? "" : " of " + e.CType + " " + e.Context) +
                               " at line " + e.Line + " col " + e.Col + " changed to " + e.UseThis);
            }
    }

    private string UseThis(Kind k, string id, string ctx)
    {
        int i = Find(k, id, ctx);
        return i < 0 ? id : _tab[i].UseThis;
    }

    /// <summary>pcal's UseThisVar: the first entry of that name in the context, if it is a variable.</summary>
    private string UseThisVar(string id, string ctx)
    {
        var e = _tab.FirstOrDefault(x => x.Id == id && x.Context == ctx);
        if (e == null) return id;
        return e.Kind is Kind.Global or Kind.ProcessVar or Kind.ProcedureVar or Kind.Parameter ? e.UseThis : id;
    }

    // ------------------------------------------------------------------ writing the new names in

    private void FixAlgorithm(PAlgorithm alg)
    {
        foreach (var d in alg.Decls) FixDecl(d, "");
        foreach (var p in alg.Procedures) FixProcedure(p);
        if (alg.Processes == null)
        {
            foreach (var ls in alg.Body) FixLabeled(ls, "");
            return;
        }
        // The call graph's transitive closure (procedures in declaration order), then each process's list gets the
        // procedures its procedures call.
        var names = alg.Procedures.Select(p => p.Name).ToList();
        int n = names.Count;
        var path = new bool[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                path[i, j] = alg.Procedures[i].ProceduresCalled.Contains(names[j]);
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    path[i, j] = path[i, j] || (path[i, k] && path[k, j]);
        for (int i = 0; i < n; i++)
        {
            var called = new List<string>();
            for (int j = 0; j < n; j++)
                if (path[i, j]) called.Add(names[j]);
            alg.Procedures[i].ProceduresCalled = called;
        }
        foreach (var p in alg.Processes)
        {
            FixProcess(p);
            var list = p.ProceduresCalled;
            for (int j = 0; j < list.Count; j++)
            {
                int num = names.IndexOf(list[j]);
                if (num < 0)
                    throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, p.Line, p.Col, p.Line, p.Col),
                        $"PlusCal: could not find procedure name `{list[j]}' called in process {p.Name} (declare the procedure or correct the call)");
                for (int k = 0; k < n; k++)
                    if (path[num, k] && !list.Contains(names[k])) list.Add(names[k]);
            }
        }
    }

    private void FixDecl(PVarDecl d, string ctx)
    {
        d.Var = UseThisVar(d.Var, ctx);
        d.Val = FixExpr(d.Val, ctx);
    }

    private void FixProcedure(PProcedure p)
    {
        var ctx = p.Name;
        foreach (var d in p.Decls) FixDecl(d, ctx);
        foreach (var d in p.Params) FixDecl(d, ctx);
        foreach (var ls in p.Body) FixLabeled(ls, ctx);
        for (int i = 0; i < p.PlusLabels.Count; i++) p.PlusLabels[i] = UseThis(Kind.Label, p.PlusLabels[i], ctx);
        for (int i = 0; i < p.MinusLabels.Count; i++) p.MinusLabels[i] = UseThis(Kind.Label, p.MinusLabels[i], ctx);
        p.Name = UseThis(Kind.Procedure, p.Name, "");
    }

    private void FixProcess(PProcess p)
    {
        var ctx = p.Name;
        foreach (var d in p.Decls) FixDecl(d, ctx);
        foreach (var ls in p.Body) FixLabeled(ls, ctx);
        for (int i = 0; i < p.PlusLabels.Count; i++) p.PlusLabels[i] = UseThis(Kind.Label, p.PlusLabels[i], ctx);
        for (int i = 0; i < p.MinusLabels.Count; i++) p.MinusLabels[i] = UseThis(Kind.Label, p.MinusLabels[i], ctx);
        p.Name = UseThis(Kind.Process, p.Name, "");
    }

    private void FixLabeled(PLabeledStmt ls, string ctx)
    {
        ls.Label = UseThis(Kind.Label, ls.Label, ctx);
        foreach (var s in ls.Stmts) FixStmt(s, ctx);
    }

    private void FixStmt(PStmt s, string ctx)
    {
        switch (s)
        {
            case PWhile w:
                foreach (var x in w.UnlabDo) FixStmt(x, ctx);
                foreach (var ls in w.LabDo) FixLabeled(ls, ctx);
                w.Test = FixExpr(w.Test, ctx);
                break;
            case PAssign a:
                foreach (var sa in a.Ass)
                {
                    sa.Var = UseThisVar(sa.Var, ctx);
                    sa.Sub = FixExpr(sa.Sub, ctx);
                    sa.Rhs = FixExpr(sa.Rhs, ctx);
                }
                break;
            case PIf f:
                f.Test = FixExpr(f.Test, ctx);
                foreach (var x in f.Then) FixStmt(x, ctx);
                foreach (var ls in f.LabThen) FixLabeled(ls, ctx);
                foreach (var x in f.Else) FixStmt(x, ctx);
                foreach (var ls in f.LabElse) FixLabeled(ls, ctx);
                break;
            case PWith w:
                w.Exp = FixExpr(w.Exp, ctx);
                foreach (var x in w.Do) FixStmt(x, ctx);
                break;
            case PWhen w: w.Exp = FixExpr(w.Exp, ctx); break;
            case PPrint p: p.Exp = FixExpr(p.Exp, ctx); break;
            case PAssert a: a.Exp = FixExpr(a.Exp, ctx); break;
            case PCall c:
                // pcal looks the target (and, for `call P(); goto L', the label too) up as a procedure of the
                // current context.
                if (c.ThenReturn) c.From = UseThis(Kind.Procedure, c.From, ctx);
                if (c.ThenGoto != null) c.ThenGoto = UseThis(Kind.Procedure, c.ThenGoto, ctx);
                c.To = UseThis(Kind.Procedure, c.To, ctx);
                for (int i = 0; i < c.Args.Count; i++) c.Args[i] = FixExpr(c.Args[i], ctx);
                break;
            case PReturn r:
                r.From = UseThis(Kind.Procedure, r.From, ctx);
                break;
            case PGoto g:
                if (Find(Kind.Label, g.To, ctx) < 0 && g.To != "Done")
                    throw new TlaException(ErrorKind.Syntax, new SourceSpan(_file, g.Line, g.Col, g.Line, g.Col),
                        $"PlusCal: goto to non-existent label `{g.To}' at line {g.Line}, column {g.Col} (a goto can go only to a label of its own process or procedure, or to Done)")
                    { PcalText = $"goto to non-existent label `{g.To}' at line {g.Line}, column {g.Col}." };
                g.To = UseThis(Kind.Label, g.To, ctx);
                break;
            case PEither e:
                foreach (var c in e.Clauses)
                {
                    foreach (var x in c.Unlab) FixStmt(x, ctx);
                    foreach (var ls in c.Lab) FixLabeled(ls, ctx);
                }
                break;
        }
    }

    private PExpr FixExpr(PExpr e, string ctx)
    {
        if (e == null || e.IsEmpty) return e;
        var map = new Dictionary<string, string>();
        foreach (var t in e.Tokens)
        {
            if (t.Kind != PTokKind.Ident || map.ContainsKey(t.Text)) continue;
            var use = UseThisVar(t.Text, ctx);
            if (use != t.Text) map[t.Text] = use;
        }
        if (map.Count == 0) return e;
        return e.Substitute(t => t.Kind == PTokKind.Ident && map.TryGetValue(t.Text, out var u)
            ? PExpr.Spaced(new PTok(u, 0, PTokKind.Ident))
            : null, parenthesize: false);
    }
}
