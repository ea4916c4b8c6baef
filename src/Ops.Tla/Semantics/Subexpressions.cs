using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>
/// Subexpression names (TLA+ book 17.3, SANY's selectors): <c>Op(a)!lbl(b)!2!&lt;&lt;</c>, <c>Op!:</c>,
/// <c>Op!@</c>, <c>Op!(x)</c>, <c>Op!lbl!:!LetOp</c>. The selectors after a definition's name walk its body as
/// SANY does (modes: following labels, finding operands, finding a LET definition's name); the result is an
/// operator whose parameters are those of every definition, label and binder crossed on the way (the
/// definition's own, a label's bound identifiers, the identifiers a <c>!(e)</c> or <c>!@</c> opens, a LET
/// operator's), whose body is the selected expression inside the LET definitions it was crossed under, and the
/// arguments written in the name.
/// </summary>
internal sealed class Subexpressions
{
    private readonly List<OpParam> _params = new();
    private readonly List<Expr> _args = new();
    private readonly List<List<Unit>> _lets = new();
    private bool _someArgsMissing;
    private bool _someArgsGiven;

    private enum Mode { FollowingLabels, FindingOperand, FindingLetName }

    private static TlaException Err(Node n, string msg) => new(ErrorKind.Semantic, n.Span, msg);

    private static bool IsName(NameSegment s) =>
        s.Name is not ("()" or "<<" or ">>" or ":" or "@") && !(s.Name.Length > 0 && char.IsAsciiDigit(s.Name[0]));

    /// <summary>The operator a subexpression name denotes and its arguments. <paramref name="def"/> is the
    /// definition <paramref name="sels"/>[0] names; the other selectors walk its body.</summary>
    /// <param name="asOperator">True where an operator is expected (an operator argument, a substitution for an
    /// operator constant): no selector may have arguments then.</param>
    public static (OperatorDef Op, List<Expr> Args) Resolve(OperatorDef def, IReadOnlyList<NameSegment> sels, bool asOperator, Node at)
    {
        var s = new Subexpressions();
        var body = s.Walk(def, sels);
        if (asOperator && s._someArgsGiven)
            throw Err(at, "a subexpression name used as an operator argument cannot have arguments in its selectors");
        if (!asOperator && s._someArgsMissing)
            throw Err(at, $"The subexpression {Display(sels)} requires {s._params.Count} argument(s), but {s._args.Count} were given");
        for (int i = s._lets.Count - 1; i >= 0; i--) body = new LetExpr { Defs = s._lets[i], Body = body, Span = body.Span };
        var op = new OperatorDef { Name = Display(sels), Body = body, Span = at.Span };
        op.Params.AddRange(s._params);
        return (op, s._args);
    }

    private static string Display(IReadOnlyList<NameSegment> sels) =>
        string.Join("!", sels.Select(x => x.Name == "()" ? "(...)" : x.Name));

    private void AddParams(IEnumerable<OpParam> ps, NameSegment sel, string what)
    {
        var list = ps.ToList();
        _params.AddRange(list);
        if (list.Count == 0)
        {
            if (sel.Args.Count > 0) throw Err(sel, $"{what} takes no arguments");
            return;
        }
        if (sel.Args.Count == 0)
        {
            _someArgsMissing = true;
            return;
        }
        if (sel.Args.Count != list.Count)
            throw Err(sel, $"{what} requires {list.Count} argument(s), but {sel.Args.Count} were given");
        _someArgsGiven = true;
        _args.AddRange(sel.Args);
    }

    private static OpParam Param(string name, SourceSpan span) => new() { Name = name, Arity = 0, Span = span };

    private Expr Walk(OperatorDef def, IReadOnlyList<NameSegment> sels)
    {
        AddParams(def.Params, sels[0], $"The operator {def.Name}");
        if (def.Body == null) throw Err(sels[0], $"{def.Name} has no expression to select a subexpression of");
        Expr cur = def.Body;
        Expr labelRoot = def.Body;
        List<Unit> letDefs = null;
        var mode = IsName(sels[1]) ? Mode.FollowingLabels : Mode.FindingOperand;
        var prev = Mode.FindingLetName; // "after an operator name"
        for (int i = 1; i < sels.Count; i++)
        {
            var sel = sels[i];
            bool last = i == sels.Count - 1;
            switch (mode)
            {
                case Mode.FollowingLabels:
                {
                    var crossed = new List<List<Unit>>();
                    var lab = FindLabel(labelRoot, sel.Name, crossed)
                              ?? throw Err(sel, $"Cannot find label `{sel.Name}'.");
                    _lets.AddRange(crossed);
                    AddParams(lab.Params.Select(p => Param(p, lab.Span)), sel, $"Label `{sel.Name}'");
                    cur = labelRoot = lab.Body;
                    if (!last && !IsName(sels[i + 1])) mode = Mode.FindingOperand;
                    prev = Mode.FollowingLabels;
                    break;
                }
                case Mode.FindingLetName:
                {
                    var od = letDefs.OfType<OperatorDef>().FirstOrDefault(d => d.Name == sel.Name)
                             ?? throw Err(sel, $"Unknown operator: `{sel.Name}' (no LET definition of that name here).");
                    AddParams(od.Params, sel, $"The operator {od.Name}");
                    if (last)
                    {
                        var call = new OpApp { Span = sel.Span };
                        var seg = new NameSegment { Name = od.Name, Span = sel.Span };
                        foreach (var p in od.Params)
                        {
                            var r = new OpApp { Span = sel.Span };
                            r.Path.Add(new NameSegment { Name = p.Name, Span = sel.Span });
                            seg.Args.Add(r);
                        }
                        call.Path.Add(seg);
                        cur = call;
                        break;
                    }
                    cur = labelRoot = od.Body;
                    mode = IsName(sels[i + 1]) ? Mode.FollowingLabels : Mode.FindingOperand;
                    prev = Mode.FindingLetName;
                    break;
                }
                case Mode.FindingOperand:
                {
                    if (sel.Name == ":")
                    {
                        bool ok = prev != Mode.FindingOperand &&
                                  ((last && prev == Mode.FindingLetName) || (!last && IsName(sels[i + 1])));
                        if (!ok)
                            throw Err(sel, "`!:' can be used only after a name and either at the end after an operator name or before an operator name.");
                    }
                    else
                    {
                        if (sel.Args.Count > 0 && sel.Name != "()") throw Err(sel, $"Selector `{sel.Name}' should not have argument(s).");
                        while (cur is LabelExpr l) cur = l.Body;
                        cur = SelectOperand(cur, sels, ref i);
                        last = i == sels.Count - 1;
                    }
                    if (!last)
                    {
                        if (IsName(sels[i + 1]))
                        {
                            while (cur is LabelExpr l) cur = l.Body;
                            if (cur is not LetExpr le) throw Err(sel, "A name selector here must be from a LET clause.");
                            _lets.Add(le.Defs);
                            letDefs = le.Defs;
                            mode = Mode.FindingLetName;
                        }
                        else if (sels[i + 1].Name == ":" && sel.Name != ":")
                            throw Err(sels[i + 1], "!: should not follow an operand selector.");
                    }
                    prev = Mode.FindingOperand;
                    break;
                }
            }
        }
        return cur;
    }

    /// <summary>SANY's ArgNum: the 1-based operand a selector names among <paramref name="arity"/>, or -1.</summary>
    private static int ArgNum(NameSegment sel, int arity)
    {
        if (sel.Name.Length > 0 && char.IsAsciiDigit(sel.Name[0]))
            return int.TryParse(sel.Name, out var n) && n >= 1 && n <= arity ? n : -1;
        return sel.Name switch
        {
            "<<" => arity > 0 ? 1 : -1,
            ">>" => arity == 2 ? 2 : -1,
            _ => -1,
        };
    }

    private static Expr Pick(IReadOnlyList<Expr> operands, NameSegment sel)
    {
        int n = ArgNum(sel, operands.Count);
        if (n < 0) throw Err(sel, $"Nonexistent operand specified by `{sel.Name}' (the expression has {operands.Count} operand(s)).");
        return operands[n - 1];
    }

    private Expr SelectOperand(Expr cur, IReadOnlyList<NameSegment> sels, ref int i)
    {
        var sel = sels[i];
        switch (cur)
        {
            case LetExpr le:
                if (ArgNum(sel, 1) != 1) throw Err(sel, "A LET/IN expression has only one operand.");
                _lets.Add(le.Defs);
                return le.Body;
            case QuantExpr q: return Binder(q.Bounds, q.Body, sel);
            case ChooseExpr c: return Binder(new List<BoundDecl> { c.Bound }, c.Body, sel);
            case SetFilterExpr sf: return Binder(new List<BoundDecl> { sf.Bound }, sf.Predicate, sel);
            case SetMapExpr sm: return Binder(sm.Bounds, sm.Body, sel);
            case FunctionExpr fe: return Binder(fe.Bounds, fe.Body, sel);
            case LambdaExpr lam:
                if (sel.Name is not ("()" or "@")) throw Err(sel, $"Cannot use !{sel.Name} to select subexpression of a LAMBDA.");
                AddParams(lam.Params.Select(p => Param(p.Name, p.Span)), sel, "The LAMBDA");
                if (sel.Name == "@") _someArgsMissing |= lam.Params.Count > 0;
                return lam.Body;
            case CaseExpr ce:
            {
                if (i == sels.Count - 1) throw Err(sel, "Subexpression of CASE must have form !i!j.");
                var arms = ce.Arms.Select(a => (a.Guard, a.Value)).ToList();
                if (ce.Other != null) arms.Add((null, ce.Other));
                int n = ArgNum(sel, arms.Count);
                if (n < 0) throw Err(sel, $"Nonexistent operand specified by `{sel.Name}'.");
                var arm = arms[n - 1];
                var second = sels[++i];
                int m = ArgNum(second, 2);
                if (m < 0) throw Err(second, "Second selector for CASE subexpression must specify one of two operands.");
                if (m == 1 && arm.Guard == null) throw Err(second, "Selecting OTHER in a CASE statement.");
                return m == 1 ? arm.Guard : arm.Value;
            }
            case ExceptExpr ex:
            {
                int n = ArgNum(sel, 1 + ex.Clauses.Count);
                if (n < 0) throw Err(sel, $"Nonexistent operand specified by `{sel.Name}'.");
                if (n > 1) throw Err(sel, "Selecting subexpression of an EXCEPT not yet implemented.");
                return ex.Function;
            }
        }
        var operands = Operands(cur) ?? throw Err(sel, "Selecting subexpression of expression that has none.");
        return Pick(operands, sel);
    }

    /// <summary>A node with bound identifiers: <c>!(e1, ..., en)</c> and <c>!@</c> select its body (the identifiers
    /// become parameters), <c>!i</c> the i-th bounding set.</summary>
    private Expr Binder(List<BoundDecl> bounds, Expr body, NameSegment sel)
    {
        if (sel.Name is "()" or "@")
        {
            var names = bounds.SelectMany(b => b.Names).ToList();
            if (sel.Name == "()" && sel.Args.Count != names.Count)
                throw Err(sel, $"Selector with {sel.Args.Count} argument(s) used for quantifier with {names.Count} bound identifier(s).");
            AddParams(names.Select(n => Param(n.Name, n.Span)), sel, "The quantifier");
            return body;
        }
        var sets = bounds.Where(b => b.Set != null).Select(b => b.Set).ToList();
        return Pick(sets, sel);
    }

    /// <summary>The operands SANY numbers for a positional selector, or null for an expression without any.</summary>
    private static IReadOnlyList<Expr> Operands(Expr e) => e switch
    {
        OpApp o when o.Args.Count > 0 => o.Args,
        JunctionList jl => jl.Items,
        FunctionAppExpr fa => new[] { fa.Function, fa.Args.Count == 1 ? fa.Args[0] : new TupleExpr { Items = fa.Args, Span = fa.Span } },
        FieldExpr fx => new Expr[] { fx.Record, new StringLit { Value = fx.Field.Name, Span = fx.Field.Span } },
        RecordExpr re => re.Fields.Select(f => f.Value).ToList(),
        RecordSetExpr rs => rs.Fields.Select(f => f.Set).ToList(),
        SetEnumExpr se => se.Items,
        TupleExpr te => te.Items,
        CartesianExpr ce => ce.Factors,
        FunctionSetExpr fs => new[] { fs.Domain, fs.Range },
        IfExpr ie => new[] { ie.Cond, ie.Then, ie.Else },
        ActionExpr ae => new[] { ae.Action, ae.Sub },
        FairnessExpr fe => new[] { fe.Sub, fe.Action },
        PrimeExpr pe => new[] { pe.Inner },
        _ => null,
    };

    /// <summary>The label named <paramref name="name"/> directly in <paramref name="root"/> (not inside another
    /// label, nor in a LET definition's body), with the LET definition lists crossed to reach it.</summary>
    private static LabelExpr FindLabel(Expr root, string name, List<List<Unit>> crossed)
    {
        switch (root)
        {
            case null: return null;
            case LabelExpr l: return l.Label == name ? l : null;
            case LetExpr le:
            {
                crossed.Add(le.Defs);
                var found = FindLabel(le.Body, name, crossed);
                if (found == null) crossed.RemoveAt(crossed.Count - 1);
                return found;
            }
        }
        foreach (var c in Children(root))
        {
            var found = FindLabel(c, name, crossed);
            if (found != null) return found;
        }
        return null;
    }

    /// <summary>Adds the names <paramref name="e"/> mentions (first segments of operator applications) to
    /// <paramref name="names"/>.</summary>
    public static void CollectNames(Expr e, HashSet<string> names)
    {
        switch (e)
        {
            case null: return;
            case OpApp o: names.Add(o.Path[0].Name); break;
            case LabelExpr l: CollectNames(l.Body, names); return;
            case LambdaExpr lam: CollectNames(lam.Body, names); return;
            case LetExpr le:
                foreach (var d in le.Defs)
                    switch (d)
                    {
                        case OperatorDef od: CollectNames(od.Body, names); break;
                        case FunctionDef fd:
                            CollectNames(fd.Body, names);
                            foreach (var b in fd.Bounds) CollectNames(b.Set, names);
                            break;
                    }
                CollectNames(le.Body, names);
                return;
        }
        foreach (var c in Children(e)) CollectNames(c, names);
    }

    internal static IEnumerable<Expr> Children(Expr e)
    {
        switch (e)
        {
            case OpApp o:
                foreach (var seg in o.Path) foreach (var a in seg.Args) yield return a;
                break;
            case QuantExpr q:
                foreach (var b in q.Bounds) if (b.Set != null) yield return b.Set;
                yield return q.Body;
                break;
            case ChooseExpr c:
                if (c.Bound.Set != null) yield return c.Bound.Set;
                yield return c.Body;
                break;
            case SetFilterExpr sf:
                yield return sf.Bound.Set;
                yield return sf.Predicate;
                break;
            case SetMapExpr sm:
                yield return sm.Body;
                foreach (var b in sm.Bounds) if (b.Set != null) yield return b.Set;
                break;
            case FunctionExpr fe:
                foreach (var b in fe.Bounds) if (b.Set != null) yield return b.Set;
                yield return fe.Body;
                break;
            case ExceptExpr ex:
                yield return ex.Function;
                foreach (var cl in ex.Clauses)
                {
                    foreach (var st in cl.Path) if (st.Index != null) foreach (var x in st.Index) yield return x;
                    yield return cl.Value;
                }
                break;
            case CaseExpr ce:
                foreach (var (g, v) in ce.Arms) { yield return g; yield return v; }
                if (ce.Other != null) yield return ce.Other;
                break;
            default:
                var ops = Operands(e);
                if (ops != null) foreach (var x in ops) yield return x;
                break;
        }
    }
}
