using System.Text;

namespace Ops.Tla.Syntax;

/// <summary>Renders expressions as compact S-expressions, for tests and debugging:
/// <c>a + b * c</c> prints as <c>(+ a (* b c))</c>; a bulleted list as <c>(/\* a b)</c>.</summary>
public static class AstPrinter
{
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e);
        return sb.ToString();
    }

    public static string Print(Unit u)
    {
        var sb = new StringBuilder();
        if (u.Local) sb.Append("LOCAL ");
        switch (u)
        {
            case OperatorDef d:
                sb.Append(d.Recursive ? "RECURSIVE-DEF " : "DEF ").Append(d.Name);
                if (d.Params.Count > 0) sb.Append('(').Append(string.Join(", ", d.Params.Select(Param))).Append(')');
                sb.Append(" == ");
                Write(sb, d.Body);
                break;
            case FunctionDef f:
                sb.Append("FUNDEF ").Append(f.Name).Append('[');
                Bounds(sb, f.Bounds);
                sb.Append("] == ");
                Write(sb, f.Body);
                break;
            case InstanceDef i:
                sb.Append("INSTANCE ");
                if (i.Name != null)
                {
                    sb.Append(i.Name);
                    if (i.Params.Count > 0) sb.Append('(').Append(string.Join(", ", i.Params.Select(Param))).Append(')');
                    sb.Append(" == ");
                }
                sb.Append(i.Module.Name);
                foreach (var s in i.Substitutions)
                {
                    sb.Append(' ').Append(s.Name).Append("<-");
                    Write(sb, s.Value);
                }
                break;
            case VariableDecl v:
                sb.Append("VARIABLES ").Append(string.Join(", ", v.Names));
                break;
            case ConstantDecl c:
                sb.Append("CONSTANTS ").Append(string.Join(", ", c.Items.Select(Param)));
                break;
            case RecursiveDecl r:
                sb.Append("RECURSIVE ").Append(string.Join(", ", r.Items.Select(Param)));
                break;
            case AssumeDecl a:
                sb.Append("ASSUME ");
                if (a.Name != null) sb.Append(a.Name).Append(" == ");
                Write(sb, a.Body);
                break;
            case TheoremDecl t:
                sb.Append("THEOREM ");
                if (t.Name != null) sb.Append(t.Name).Append(" == ");
                if (t.Body != null) Write(sb, t.Body);
                else sb.Append("<assume-prove>");
                break;
            case SubmoduleUnit m:
                sb.Append("MODULE ").Append(m.Module.Name);
                break;
            case SkippedUnit s:
                sb.Append("SKIPPED ").Append(s.What);
                break;
            default:
                sb.Append(u.GetType().Name);
                break;
        }
        return sb.ToString();
    }

    private static string Param(OpParam p) =>
        p.Arity == 0 ? p.Name : p.Name + "(" + string.Join(", ", Enumerable.Repeat("_", p.Arity)) + ")";

    private static void List(StringBuilder sb, IEnumerable<Expr> es)
    {
        foreach (var e in es)
        {
            sb.Append(' ');
            Write(sb, e);
        }
    }

    private static void Bound(StringBuilder sb, BoundDecl b)
    {
        sb.Append('(');
        if (b.IsTuple) sb.Append("<<").Append(string.Join(" ", b.Names)).Append(">>");
        else sb.Append(string.Join(" ", b.Names));
        if (b.Set != null)
        {
            sb.Append(" \\in ");
            Write(sb, b.Set);
        }
        sb.Append(')');
    }

    private static void Bounds(StringBuilder sb, List<BoundDecl> bs)
    {
        for (int i = 0; i < bs.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            Bound(sb, bs[i]);
        }
    }

    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case null:
                sb.Append("null");
                break;
            case OpApp o:
            {
                var name = new StringBuilder();
                for (int i = 0; i < o.Path.Count; i++)
                {
                    if (i > 0) name.Append('!');
                    name.Append(o.Path[i].Name);
                    if (i < o.Path.Count - 1 && o.Path[i].Args.Count > 0)
                    {
                        name.Append('(');
                        for (int j = 0; j < o.Path[i].Args.Count; j++)
                        {
                            if (j > 0) name.Append(", ");
                            Write(name, o.Path[i].Args[j]);
                        }
                        name.Append(')');
                    }
                }
                if (o.Args.Count == 0) sb.Append(name);
                else
                {
                    sb.Append('(').Append(name);
                    List(sb, o.Args);
                    sb.Append(')');
                }
                break;
            }
            case NumberLit n:
                sb.Append(n.Decimal ?? n.Value.ToString());
                break;
            case StringLit s:
                sb.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")
                    .Replace("\t", "\\t")).Append('"');
                break;
            case BoolLit b:
                sb.Append(b.Value ? "TRUE" : "FALSE");
                break;
            case AtExpr:
                sb.Append('@');
                break;
            case PrimeExpr p:
                sb.Append("(' ");
                Write(sb, p.Inner);
                sb.Append(')');
                break;
            case JunctionList j:
                sb.Append(j.IsConjunction ? "(/\\*" : "(\\/*");
                List(sb, j.Items);
                sb.Append(')');
                break;
            case QuantExpr q:
                sb.Append('(').Append(q.IsForall ? (q.IsTemporal ? "\\AA" : "\\A") : (q.IsTemporal ? "\\EE" : "\\E"))
                    .Append(' ');
                Bounds(sb, q.Bounds);
                sb.Append(' ');
                Write(sb, q.Body);
                sb.Append(')');
                break;
            case ChooseExpr c:
                sb.Append("(CHOOSE ");
                Bound(sb, c.Bound);
                sb.Append(' ');
                Write(sb, c.Body);
                sb.Append(')');
                break;
            case SetEnumExpr s:
                sb.Append('{');
                for (int i = 0; i < s.Items.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    Write(sb, s.Items[i]);
                }
                sb.Append('}');
                break;
            case SetFilterExpr f:
                sb.Append("(filter ");
                Bound(sb, f.Bound);
                sb.Append(' ');
                Write(sb, f.Predicate);
                sb.Append(')');
                break;
            case SetMapExpr m:
                sb.Append("(map ");
                Write(sb, m.Body);
                sb.Append(' ');
                Bounds(sb, m.Bounds);
                sb.Append(')');
                break;
            case FunctionExpr f:
                sb.Append("(fn ");
                Bounds(sb, f.Bounds);
                sb.Append(' ');
                Write(sb, f.Body);
                sb.Append(')');
                break;
            case FunctionSetExpr fs:
                sb.Append("(-> ");
                Write(sb, fs.Domain);
                sb.Append(' ');
                Write(sb, fs.Range);
                sb.Append(')');
                break;
            case RecordExpr r:
                sb.Append("(rec");
                foreach (var (f, v) in r.Fields)
                {
                    sb.Append(' ').Append(f.Name).Append('=');
                    Write(sb, v);
                }
                sb.Append(')');
                break;
            case RecordSetExpr rs:
                sb.Append("(recset");
                foreach (var (f, v) in rs.Fields)
                {
                    sb.Append(' ').Append(f.Name).Append(':');
                    Write(sb, v);
                }
                sb.Append(')');
                break;
            case TupleExpr t:
                sb.Append("<<");
                for (int i = 0; i < t.Items.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    Write(sb, t.Items[i]);
                }
                sb.Append(">>");
                break;
            case CartesianExpr x:
                sb.Append("(\\X");
                List(sb, x.Factors);
                sb.Append(')');
                break;
            case FunctionAppExpr a:
                sb.Append("(app ");
                Write(sb, a.Function);
                List(sb, a.Args);
                sb.Append(')');
                break;
            case FieldExpr f:
                sb.Append("(. ");
                Write(sb, f.Record);
                sb.Append(' ').Append(f.Field.Name).Append(')');
                break;
            case ExceptExpr ex:
                sb.Append("(except ");
                Write(sb, ex.Function);
                foreach (var c in ex.Clauses)
                {
                    sb.Append(" (!");
                    foreach (var st in c.Path)
                    {
                        if (st.Field != null) sb.Append('.').Append(st.Field.Name);
                        else
                        {
                            sb.Append('[');
                            for (int i = 0; i < st.Index.Count; i++)
                            {
                                if (i > 0) sb.Append(", ");
                                Write(sb, st.Index[i]);
                            }
                            sb.Append(']');
                        }
                    }
                    sb.Append(" = ");
                    Write(sb, c.Value);
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case IfExpr i:
                sb.Append("(IF ");
                Write(sb, i.Cond);
                sb.Append(' ');
                Write(sb, i.Then);
                sb.Append(' ');
                Write(sb, i.Else);
                sb.Append(')');
                break;
            case CaseExpr c:
                sb.Append("(CASE");
                foreach (var (g, v) in c.Arms)
                {
                    sb.Append(" (");
                    Write(sb, g);
                    sb.Append(' ');
                    Write(sb, v);
                    sb.Append(')');
                }
                if (c.Other != null)
                {
                    sb.Append(" (OTHER ");
                    Write(sb, c.Other);
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case LetExpr l:
                sb.Append("(LET [");
                for (int i = 0; i < l.Defs.Count; i++)
                {
                    if (i > 0) sb.Append("; ");
                    sb.Append(Print(l.Defs[i]));
                }
                sb.Append("] ");
                Write(sb, l.Body);
                sb.Append(')');
                break;
            case LambdaExpr lam:
                sb.Append("(LAMBDA ").Append(string.Join(" ", lam.Params)).Append(" : ");
                Write(sb, lam.Body);
                sb.Append(')');
                break;
            case ActionExpr a:
                sb.Append(a.IsAngle ? "(<>_ " : "([]_ ");
                Write(sb, a.Action);
                sb.Append(' ');
                Write(sb, a.Sub);
                sb.Append(')');
                break;
            case FairnessExpr f:
                sb.Append(f.IsStrong ? "(SF " : "(WF ");
                Write(sb, f.Sub);
                sb.Append(' ');
                Write(sb, f.Action);
                sb.Append(')');
                break;
            case LabelExpr lb:
                sb.Append("(:: ").Append(lb.Label).Append(' ');
                Write(sb, lb.Body);
                sb.Append(')');
                break;
            default:
                sb.Append(e.GetType().Name);
                break;
        }
    }
}
