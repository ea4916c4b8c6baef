using System.Text;

namespace Ops.Tla.PlusCal;

/// <summary>
/// The text pcal.trans checksums as <c>chksum(pcal)</c>: its abstract syntax tree written as the TLA+ record that
/// PlusCal.tla reads (AST.java's toString), taken after name conflicts are removed and after the translation, whose
/// explosion rewrites the end of nested statement lists in place (a <c>goto</c> becomes <c>pc := ...</c>, calls and
/// returns become stack updates, <c>pc := next</c> is appended where control leaves an <c>if</c> or
/// <c>either</c> branch). The layout is pcal's: a stack of indentation columns, each pushed by the length of a
/// field's prefix (not by the column where the text actually is), and line breaks indented to the top column.
/// </summary>
internal sealed class PcalAstText
{
    /// <summary>The bodies as parsed (before explosion replaced them), in the order pcal prints them.</summary>
    public sealed class Snapshot
    {
        public List<PLabeledStmt> Body;
        public readonly Dictionary<PProcedure, List<PLabeledStmt>> Procedures = new();
        public readonly Dictionary<PProcess, List<PLabeledStmt>> Processes = new();

        public static Snapshot Take(PAlgorithm alg)
        {
            var s = new Snapshot { Body = alg.Body };
            foreach (var p in alg.Procedures) s.Procedures[p] = p.Body;
            if (alg.Processes != null) foreach (var p in alg.Processes) s.Processes[p] = p.Body;
            return s;
        }
    }

    private readonly StringBuilder _sb = new();
    private readonly List<int> _indent = new() { 0 };
    /// <summary>Before PlusCal version 1.5 (option -version) processes and procedures are written without their
    /// fairness and label sets.</summary>
    private bool _pre15;

    public static string Write(PAlgorithm alg, Snapshot snap, int version = PlusCalOptions.CurrentVersion)
    {
        var w = new PcalAstText { _pre15 = version < 1500 };
        w.Algorithm(alg, snap);
        return w._sb.ToString();
    }

    // pcal's Indent / EndIndent / NewLine: Indent(s) writes s and pushes (top + s.Length); NewLine writes a line
    // break and top-many spaces.
    private void Indent(string s)
    {
        _indent.Add(_indent[^1] + s.Length);
        _sb.Append(s);
    }

    private void End() => _indent.RemoveAt(_indent.Count - 1);

    private void NL() => _sb.Append('\n').Append(' ', _indent[^1]);

    private void S(string s) => _sb.Append(s);

    private static string EqOrIn(bool isEq) => isEq ? "\"=\"" : "\"\\\\in\"";

    private void Seq<T>(IEnumerable<T> items, Action<T> one)
    {
        Indent("<<");
        bool first = true;
        foreach (var x in items)
        {
            if (!first) { S(", "); NL(); }
            first = false;
            one(x);
        }
        S(">>");
        End();
    }

    private void QuotedSeq(IEnumerable<string> items)
    {
        Indent("<<");
        S(string.Join(", ", items.Select(x => "\"" + x + "\"")));
        S(">>");
        End();
    }

    private void Algorithm(PAlgorithm alg, Snapshot snap)
    {
        Indent("");
        if (!alg.IsMultiprocess)
        {
            S("[type     |-> \"uniprocess\", "); NL();
            S(" name  |-> \"" + alg.Name + "\", "); NL();
            Indent(" decls  |-> "); Seq(alg.Decls, VarDecl); S(","); End(); NL();
            Indent(" defs   |-> "); Expr(alg.Defs); S(","); End(); NL();
            Indent(" prcds  |-> "); Seq(alg.Procedures, p => Procedure(p, snap.Procedures[p])); S(","); End(); NL();
            Indent(" body  |-> "); Seq(snap.Body, Labeled); S("]"); End();
        }
        else
        {
            S("[type    |-> \"multiprocess\", "); NL();
            S(" name  |-> \"" + alg.Name + "\", "); NL();
            Indent(" decls |-> "); Seq(alg.Decls, VarDecl); S(","); End(); NL();
            Indent(" defs  |-> "); Expr(alg.Defs); S(","); End(); NL();
            Indent(" prcds |-> "); Seq(alg.Procedures, p => Procedure(p, snap.Procedures[p])); S(","); End(); NL();
            Indent(" procs |-> "); Seq(alg.Processes, p => Process(p, snap.Processes[p])); S("]"); End();
        }
        End();
    }

    private void Procedure(PProcedure p, List<PLabeledStmt> body)
    {
        Indent("");
        S("[name   |-> \"" + p.Name + "\", "); NL();
        if (!_pre15)
        {
            S("minusLabels |-> "); QuotedSeq(p.MinusLabels);
            S(", plusLabels |->"); QuotedSeq(p.PlusLabels);
            S(", proceduresCalled |->"); QuotedSeq(p.ProceduresCalled);
            S(","); NL();
        }
        Indent(" params |-> "); Seq(p.Params, PVarDecl); S(","); End(); NL();
        Indent(" decls  |-> "); Seq(p.Decls, PVarDecl); S(","); End(); NL();
        Indent(" body   |-> "); Seq(body, Labeled); S("]"); End();
        End();
    }

    private static readonly string[] FairnessName = { "unfair", "wf", "sf" };

    private void Process(PProcess p, List<PLabeledStmt> body)
    {
        Indent("");
        if (_pre15)
        {
            S("[name   |-> \"" + p.Name + "\", "); NL();
        }
        else
        {
            S("[name   |-> \"" + p.Name + "\","); NL();
            S(" fairness |-> \"" + FairnessName[(int)p.Fairness] + "\", minusLabels |-> "); QuotedSeq(p.MinusLabels);
            S(", plusLabels |->"); QuotedSeq(p.PlusLabels);
            S(", proceduresCalled |->"); QuotedSeq(p.ProceduresCalled);
            S(","); NL();
        }
        S(" eqOrIn |-> " + EqOrIn(p.IsEq) + ","); NL();
        S(" id     |-> "); Expr(p.Id); S(","); NL();
        Indent(" decls  |-> "); Seq(p.Decls, VarDecl); S(","); End(); NL();
        Indent(" body   |-> "); Seq(body, Labeled); S("]"); End();
        End();
    }

    private void VarDecl(PVarDecl d)
    {
        Indent("");
        S("[var |-> \"" + d.Var + "\", eqOrIn |-> " + EqOrIn(d.IsEq) + ", val |-> "); Expr(d.Val); S("]");
        End();
    }

    private void PVarDecl(PVarDecl d)
    {
        Indent("");
        S("[var |-> \"" + d.Var + "\", eqOrIn |-> \"=\", val |-> "); Expr(d.Val); S("]");
        End();
    }

    private void Labeled(PLabeledStmt ls)
    {
        Indent("");
        S("[label |-> \"" + ls.Label + "\","); NL();
        Indent(" stmts |-> "); Seq(ls.Stmts, Stmt); S("]"); End();
        End();
    }

    private void Stmt(PStmt s)
    {
        switch (s)
        {
            case PWhile w:
                Indent("");
                S("[type    |-> \"while\", "); NL();
                S(" test    |-> "); Expr(w.Test); S(","); NL();
                Indent(" labDo   |-> "); Seq(w.LabDo, Labeled); S(","); End(); NL();
                Indent(" unlabDo |-> "); Seq(w.UnlabDo, Stmt); S("]"); End();
                End();
                break;
            case PAssign a:
                Indent("");
                S("[type |-> \"assignment\","); NL();
                Indent(" ass  |-> "); Seq(a.Ass, SingleAssign); S("]"); End();
                End();
                break;
            case PIf f when f.IsLabelIf:
                Indent("");
                S("[type      |-> \"labelIf\","); NL();
                S(" test      |-> "); Expr(f.Test); S(","); NL();
                Indent(" unlabThen |-> "); Seq(f.Then, Stmt); S(","); End(); NL();
                Indent(" labThen   |-> "); Seq(f.LabThen, Labeled); S(","); End(); NL();
                Indent(" unlabElse |-> "); Seq(f.Else, Stmt); S(","); End(); NL();
                Indent(" labElse   |-> "); Seq(f.LabElse, Labeled); S("]"); End(); NL();
                End();
                break;
            case PIf f:
                Indent("");
                S("[type    |-> \"if\", "); NL();
                S(" test    |-> "); Expr(f.Test); S(","); NL();
                Indent(" then |-> "); Seq(f.Then, Stmt); S(","); End(); NL();
                Indent(" else |-> "); Seq(f.Else, Stmt); S("]"); End();
                End();
                break;
            case PEither e when e.IsLabelEither:
                Indent("");
                S("[type    |-> \"labelEither\","); NL();
                Indent(" clauses |-> "); Seq(e.Clauses, Clause); S("]"); End(); NL();
                End();
                break;
            case PEither e:
                Indent("");
                S("[type |-> \"either\", "); NL();
                Indent(" ors  |-> ");
                Indent("<< ");
                for (int i = 0; i < e.Clauses.Count; i++)
                {
                    if (i > 0) { S(", "); NL(); }
                    Seq(e.Clauses[i].Unlab, Stmt);
                }
                S(" >>"); End();
                S("]"); End();
                End();
                break;
            case PWith w:
                Indent("");
                S("[type   |-> \"with\", "); NL();
                S(" var    |-> \"" + w.Var + "\","); NL();
                S(" eqOrIn |-> " + EqOrIn(w.IsEq) + ","); NL();
                S(" exp    |-> "); Expr(w.Exp); S(","); NL();
                Indent(" do     |-> "); Seq(w.Do, Stmt); S("]"); End();
                End();
                break;
            case PWhen w: Simple("when", w.Exp); break;
            case PPrint p: Simple("print", p.Exp); break;
            case PAssert a: Simple("assert", a.Exp); break;
            case PSkip: S("[type |-> \"skip\"]"); break;
            case PCall c when c.ThenReturn:
                Indent("");
                S("[type     |-> \"callReturn\","); NL();
                S(" from     |-> \"" + c.From + "\","); NL();
                S(" to       |-> \"" + c.To + "\","); NL();
                Indent("args     |-> "); Seq(c.Args, Expr); S("]"); NL(); End();
                End();
                break;
            case PCall c when c.ThenGoto != null:
                Indent("");
                S("[type     |-> \"callGoto\","); NL();
                S(" after    |-> \"" + c.ThenGoto + "\","); NL();
                S(" to       |-> \"" + c.To + "\","); NL();
                Indent("args     |-> "); Seq(c.Args, Expr); S("]"); NL(); End();
                End();
                break;
            case PCall c:
                Indent("");
                S("[type     |-> \"call\","); NL();
                S(" returnTo |-> \"\","); NL();
                S(" to       |-> \"" + c.To + "\","); NL();
                Indent(" args     |-> "); Seq(c.Args, Expr); S("]"); End();
                End();
                break;
            case PReturn r: S("[type |-> \"return\", from |-> \"" + r.From + "\"]"); break;
            case PGoto g: S("[type |-> \"goto\",  to |-> \"" + g.To + "\"]"); break;
            default: throw new InvalidOperationException("PlusCal: unexpected statement " + s.GetType().Name);
        }
    }

    private void Simple(string type, PExpr e)
    {
        Indent("");
        S("[type |-> \"" + type + "\", "); NL();
        S(" exp |-> "); Expr(e); S("]");
        End();
    }

    private void Clause(PClause c)
    {
        Indent("");
        Indent("[unlabOr |-> "); Seq(c.Unlab, Stmt); S(","); End(); NL();
        Indent(" labOr   |-> "); Seq(c.Lab, Labeled); S("]"); End(); NL();
        End();
    }

    private void SingleAssign(PSingleAssign a)
    {
        Indent("");
        S("[lhs |-> [var |-> \"" + a.Var + "\", sub |-> "); Expr(a.Sub); S("],"); NL();
        S(" rhs |-> "); Expr(a.Rhs); S("]");
        End();
    }

    /// <summary>TLAExpr.toString: the tokens as a sequence of strings, lines separated by a bare line break; a
    /// string token as three (the quotes apart), a conjunction or disjunction bullet with its column.</summary>
    private void Expr(PExpr e)
    {
        S("<< ");
        bool any = false;
        for (int i = 0; i < e.Lines.Count; i++)
        {
            if (i > 0) S("\n");
            foreach (var t in e.Lines[i])
            {
                if (any) S(", ");
                any = true;
                if (t.Kind == PTokKind.String)
                    S("\"\\\"\", \"" + Unquote(t.Text) + "\", \"\\\"\"");
                else if (t.Text == "\\/") S("\"(col" + t.Col + ") \\\\/\"");
                else if (t.Text.Length > 0 && t.Text[0] == '\\') S("\"\\" + t.Text + "\"");
                else if (t.Text == "/\\") S("\"(col" + t.Col + ") /\\\\\"");
                else S("\"" + t.Text + "\"");
            }
        }
        S(" >>");
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s.Substring(1, s.Length - 2) : s;
}
