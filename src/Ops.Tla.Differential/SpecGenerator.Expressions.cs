using System.Text;

namespace Ops.Tla.Differential;

/// <summary>The typed expression generators: each returns TLA+ text of an expression of the requested type.</summary>
internal sealed partial class SpecBuilderState
{
    /// <summary>Set when the spec uses an expression that is not symmetric in Procs (CHOOSE of a model value): SYMMETRY
    /// is then left out, since TLC's result would depend on which representative of a class it keeps.</summary>
    private bool asymmetric;

    private string Expr(Ty t, Env env, int d)
    {
        nodes++;
        if (d <= 0 || r.Chance(20)) return Leaf(t, env);
        return t switch
        {
            Scalar when t == Ty.Int => IntExpr(env, d),
            Scalar when t == Ty.Bool => BoolExpr(env, d),
            Scalar when t == Ty.Str => StrExpr(env, d),
            Scalar => MvExpr(env, d),
            SetTy s => SetExpr(s.Elem, env, d),
            FunTy f => FunExpr(f, env, d),
            RecTy rec => RecExpr(rec, env, d),
            TupTy tup => TupExpr(tup, env, d),
            SeqTy sq => SeqExpr(sq, env, d),
            _ => throw new InvalidOperationException(t.ToString()),
        };
    }

    /// <summary>A binding, a projection of one (f[k], r.a, t[i]) or a literal.</summary>
    private string Leaf(Ty t, Env env)
    {
        nodes++;
        var cands = new List<string>();
        foreach (var b in env.Vars)
        {
            if (b.Type.Equals(t)) { cands.Add(b.Name); cands.Add(b.Name); }
            if (b.Name == "@") continue;
            switch (b.Type)
            {
                case FunTy f when f.Range.Equals(t):
                    cands.Add($"{b.Name}[{Key(f.Domain, env, -1)}]");
                    break;
                case RecTy rec:
                    for (var i = 0; i < rec.Fields.Length; i++)
                        if (rec.Types[i].Equals(t)) cands.Add($"{b.Name}.{rec.Fields[i]}");
                    break;
                case TupTy tup:
                    for (var i = 0; i < tup.Items.Length; i++)
                        if (tup.Items[i].Equals(t)) cands.Add($"{b.Name}[{i + 1}]");
                    break;
            }
        }
        if (cands.Count > 0 && (r.Chance(75) || !HasLiteral(t))) return r.Pick(cands);
        return Lit(t, env);
    }

    private static bool HasLiteral(Ty t) => true;

    private string Lit(Ty t, Env env)
    {
        switch (t)
        {
            case Scalar when t == Ty.Int: return MoreInt() ?? r.Range(0, 3).ToString();
            case Scalar when t == Ty.Bool: return r.Chance(50) ? "TRUE" : "FALSE";
            case Scalar when t == Ty.Str: return MoreString() ?? $"\"{r.Pick(Strings)}\"";
            case Scalar:
                asymmetric = true;
                var p = Fresh("p");
                return r.Chance(50) ? $"(CHOOSE {p} \\in Procs : TRUE)" : $"(CHOOSE {p} \\in Procs : \\A q{p} \\in Procs : {p} = q{p} \\/ {p} # q{p})";
            case SetTy s:
                return r.Int(3) switch
                {
                    0 => "{}",
                    1 when s.Elem is Scalar => ScalarDom(s.Elem).Text,
                    _ => "{" + string.Join(", ", Enumerable.Range(0, r.Range(1, 2)).Select(_ => Leaf(s.Elem, env))) + "}",
                };
            case FunTy f:
                {
                    var k = Fresh("k");
                    return $"[{k} \\in {f.Domain.Text} |-> {Leaf(f.Range, env.With(k, f.Domain.Elem, f.Domain))}]";
                }
            case RecTy rec:
                return "[" + string.Join(", ", rec.Fields.Select((f, i) => $"{f} |-> {Leaf(rec.Types[i], env)}")) + "]";
            case TupTy tup:
                return "<<" + string.Join(", ", tup.Items.Select(it => Leaf(it, env))) + ">>";
            case SeqTy sq:
                return r.Int(3) switch
                {
                    0 => "<<>>",
                    _ => "<<" + string.Join(", ", Enumerable.Range(0, r.Range(1, 2)).Select(_ => Leaf(sq.Elem, env))) + ">>",
                };
        }
        throw new InvalidOperationException(t.ToString());
    }

    /// <summary>An element of the fixed domain D.</summary>
    private string Key(Dom d, Env env, int depth)
    {
        inKey++;
        try { return KeyCore(d, env, depth); }
        finally { inKey--; }
    }

    private string KeyCore(Dom d, Env env, int depth)
    {
        if (d.Elem == Ty.Int)
        {
            foreach (var b in env.Vars)
                if (b.Within == d && r.Chance(50)) return b.Name;
            if (depth <= 0 || r.Chance(50)) return r.Range(0, d.Size - 1).ToString();

            return $"(({IntExpr(env, depth - 1)}) % {d.Size})";
        }
        // depth < 0: a literal (a key inside a leaf's projection must not project again: f[f[...]] would not end).
        if (depth < 0) return Lit(d.Elem, env);
        return depth == 0 ? Leaf(d.Elem, env) : Expr(d.Elem, env, depth - 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scalars.

    private string IntExpr(Env env, int d)
    {
        var e = d - 1;
        if (TlcInt(env, e) is { } tlcInt) return tlcInt;
        if (RecFunInt(env, e) is { } recInt) return recInt;
        switch (r.Int(26))
        {
            case 0: case 1: return $"({IntExpr(env, e)} + {IntExpr(env, e)})";
            case 2: return $"({IntExpr(env, e)} - {IntExpr(env, e)})";
            case 3: return $"({Leaf(Ty.Int, env)} * {Leaf(Ty.Int, env)})";
            case 4: return $"({IntExpr(env, e)} % {r.Range(1, 3)})";
            case 5: return $"({IntExpr(env, e)} \\div {r.Range(1, 3)})";
            case 6: return $"(IF {BoolExpr(env, e)} THEN {IntExpr(env, e)} ELSE {IntExpr(env, e)})";
            case 7:
                return $"(CASE {BoolExpr(env, e)} -> {IntExpr(env, e)} [] {BoolExpr(env, e)} -> {IntExpr(env, e)} [] OTHER -> {IntExpr(env, e)})";
            case 8: return $"Cardinality({SetExpr(AnyElemType(), env, e)})";
            case 9: return $"Len({SeqExpr(new SeqTy(Ty.Int), env, e)})";
            case 10:
                {
                    var v = Fresh("l");
                    var t = AnyType(1);
                    return $"(LET {v} == {Expr(t, env, e)} IN {IntExpr(env.With(v, t), e)})";
                }
            case 11:
                {
                    var v = Fresh("c");
                    var lit = r.Range(0, 3);
                    return $"(CHOOSE {v} \\in {SetExpr(Ty.Int, env, e)} \\cup {{{lit}}} : {BoolExpr(env.With(v, Ty.Int), e)} \\/ {v} = {lit})";
                }
            case 12:
                {
                    var f = new FunTy(r.Chance(50) ? procDom : intDom, Ty.Int);
                    return $"{FunExpr(f, env, e)}[{Key(f.Domain, env, e)}]";
                }
            case 13: return $"{RecExpr(new RecTy(new[] { "a", "b" }, new[] { Ty.Int, Ty.Bool }), env, e)}.a";
            case 14: return $"{TupExpr(new TupTy(new[] { Ty.Bool, Ty.Int }), env, e)}[2]";
            case 15: return $"SumSet({SetExpr(Ty.Int, env, e)})";
            case 16:
                {
                    var a = Fresh("a");
                    var b = Fresh("b");
                    var op = r.Chance(50) ? "Plus" : $"LAMBDA {a}, {b} : {IntExpr(env.With(a, Ty.Int).With(b, Ty.Int), Math.Min(e, 1))}";
                    return $"FoldSeq({op}, {Leaf(Ty.Int, env)}, {SeqExpr(new SeqTy(Ty.Int), env, e)})";
                }
            case 17:
                {
                    var v = Fresh("v");
                    return $"ApplyTwice(LAMBDA {v} : {IntExpr(env.With(v, Ty.Int), Math.Min(e, 1))}, {IntExpr(env, e)})";
                }
            case 18: return $"Max2({IntExpr(env, e)}, {IntExpr(env, e)})";
            case 19: return $"Fact(({IntExpr(env, e)}) % 4)";
            case 20: return $"SetMax({SetExpr(Ty.Int, env, e)}, {Leaf(Ty.Int, env)})";
            case 21:
                {
                    var s = SeqExpr(new SeqTy(Ty.Int), env, e);
                    var v = Fresh("q");
                    return $"(LET {v} == {s} IN IF {v} = <<>> THEN {Leaf(Ty.Int, env)} ELSE Head({v}))";
                }
            case 22: case 23: return CallOp(Ty.Int, env, e) ?? Leaf(Ty.Int, env);
            case 24:
                {
                    var s = SeqExpr(new SeqTy(Ty.Int), env, e);
                    var v = Fresh("q");
                    var i = r.Range(1, 2);
                    return $"(LET {v} == {s} IN IF Len({v}) >= {i} THEN {v}[{i}] ELSE {Leaf(Ty.Int, env)})";
                }
            default: return $"(-{Leaf(Ty.Int, env)})";
        }
    }

    private string BoolExpr(Env env, int d)
    {
        nodes++;
        if (d <= 0) return r.Chance(60) ? Compare(env, 0) : Leaf(Ty.Bool, env);
        var e = d - 1;
        if (InfiniteMembership(env, e) is { } member) return member;
        if (TlcBool(env, e) is { } tlcBool) return tlcBool;
        switch (r.Int(22))
        {
            case 0: case 1: case 2: return Compare(env, e);
            case 3: return $"({BoolExpr(env, e)} /\\ {BoolExpr(env, e)})";
            case 4: return $"({BoolExpr(env, e)} \\/ {BoolExpr(env, e)})";
            case 5: return $"~({BoolExpr(env, e)})";
            case 6: return $"({BoolExpr(env, e)} => {BoolExpr(env, e)})";
            case 7: return $"({BoolExpr(env, e)} <=> {BoolExpr(env, e)})";
            case 8: case 9: return Quant(env, e);
            case 10:
                {
                    var t = AnyElemType();
                    return $"({Expr(t, env, e)} {(r.Chance(70) ? "\\in" : "\\notin")} {SetExpr(t, env, e)})";
                }
            case 11:
                {
                    var t = AnyElemType();
                    return $"({SetExpr(t, env, e)} \\subseteq {SetExpr(t, env, e)})";
                }
            case 12:
                {
                    var t = AnyType(1);
                    return $"({Expr(t, env, e)} {(r.Chance(50) ? "=" : "#")} {Expr(t, env, e)})";
                }
            case 13: return $"(IF {BoolExpr(env, e)} THEN {BoolExpr(env, e)} ELSE {BoolExpr(env, e)})";
            case 14:
                {
                    var v = Fresh("l");
                    var t = AnyType(1);
                    return $"(LET {v} == {Expr(t, env, e)} IN {BoolExpr(env.With(v, t), e)})";
                }
            case 15: return CallOp(Ty.Bool, env, e) ?? Compare(env, e);
            case 16: return $"(NoVal {(r.Chance(50) ? "#" : "=")} {Expr(AnyType(1), env, e)})";
            case 17:
                {
                    var v = Fresh("w");
                    return $"ApplyTwice(LAMBDA {v} : ~{v}, {BoolExpr(env, e)})";
                }
            case 18:
                return $"(CASE {BoolExpr(env, e)} -> {BoolExpr(env, e)} [] OTHER -> {BoolExpr(env, e)})";
            default: return Compare(env, e);
        }
    }

    private string Compare(Env env, int d)
    {
        var op = r.Pick(new[] { "<", "<=", ">", ">=", "=", "#" });
        return $"({IntExpr0(env, d)} {op} {IntExpr0(env, d)})";
    }

    private string IntExpr0(Env env, int d) => d <= 0 ? Leaf(Ty.Int, env) : Expr(Ty.Int, env, d);

    private string Quant(Env env, int d)
    {
        var q = r.Chance(50) ? "\\A" : "\\E";
        switch (r.Int(4))
        {
            case 0:
                {
                    // A tuple binder over a product.
                    var a = Fresh("u");
                    var b = Fresh("u");
                    var ta = AnyScalar();
                    var tb = AnyScalar();
                    var inner = env.With(a, ta, ta == Ty.Int ? null : ScalarDom(ta)).With(b, tb);
                    return $"({q} <<{a}, {b}>> \\in {SetExpr(ta, env, d)} \\X {SetExpr(tb, env, d)} : {BoolExpr(inner, d)})";
                }
            case 1:
                {
                    // Two binders.
                    var a = Fresh("u");
                    var b = Fresh("u");
                    var ta = AnyElemType();
                    var tb = AnyScalar();
                    var inner = env.With(a, ta).With(b, tb);
                    return $"({q} {a} \\in {SetExpr(ta, env, d)}, {b} \\in {SetExpr(tb, env, d)} : {BoolExpr(inner, d)})";
                }
            default:
                {
                    var a = Fresh("u");
                    var dom = r.Chance(40) ? r.Pick(new[] { intDom, procDom, strDom, boolDom }) : null;
                    var ta = dom?.Elem ?? AnyElemType();
                    var set = dom?.Text ?? SetExpr(ta, env, d);
                    return $"({q} {a} \\in {set} : {BoolExpr(env.With(a, ta, dom), d)})";
                }
        }
    }

    private string StrExpr(Env env, int d)
    {
        var e = d - 1;
        switch (r.Int(5))
        {
            case 0: return $"(IF {BoolExpr(env, e)} THEN {StrExpr0(env, e)} ELSE {StrExpr0(env, e)})";
            case 1:
                {
                    var v = Fresh("c");
                    return $"(CHOOSE {v} \\in {strDom.Text} : {BoolExpr(env.With(v, Ty.Str, strDom), e)} \\/ {v} = \"b\")";
                }
            case 2: return $"{RecExpr(new RecTy(new[] { "a", "b" }, new[] { Ty.Int, Ty.Str }), env, e)}.b";
            default: return Leaf(Ty.Str, env);
        }
    }

    private string StrExpr0(Env env, int d) => d <= 0 ? Leaf(Ty.Str, env) : StrExpr(env, d);

    private string MvExpr(Env env, int d)
    {
        var e = d - 1;
        switch (r.Int(4))
        {
            case 0: return $"(IF {BoolExpr(env, e)} THEN {Leaf(Ty.Mv, env)} ELSE {Leaf(Ty.Mv, env)})";
            case 1:
                {
                    asymmetric = true;
                    var v = Fresh("c");
                    return $"(CHOOSE {v} \\in Procs : {BoolExpr(env.With(v, Ty.Mv, procDom), e)} \\/ \\A o{v} \\in Procs : o{v} = {v} \\/ o{v} # {v})";
                }
            default: return Leaf(Ty.Mv, env);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sets, functions, records, tuples, sequences.

    private string SetExpr(Ty elem, Env env, int d)
    {
        nodes++;
        if (d <= 0) return SetLeaf(elem, env);
        var e = d - 1;
        switch (r.Int(14))
        {
            case 0: return $"({SetExpr(elem, env, e)} \\cup {SetExpr(elem, env, e)})";
            case 1: return $"({SetExpr(elem, env, e)} \\cap {SetExpr(elem, env, e)})";
            case 2: return $"({SetExpr(elem, env, e)} \\ {SetExpr(elem, env, e)})";
            case 3:
                {
                    var v = Fresh("f");
                    return $"{{{v} \\in {SetExpr(elem, env, e)} : {BoolExpr(env.With(v, elem), e)}}}";
                }
            case 4:
                {
                    var v = Fresh("m");
                    var src = AnyScalar();
                    var dom = src is Scalar && src != Ty.Int ? ScalarDom(src) : null;
                    return $"{{{Expr(elem, env.With(v, src, dom), e)} : {v} \\in {SetExpr(src, env, e)}}}";
                }
            case 5: return $"(UNION {{{SetExpr(elem, env, e)}, {SetExpr(elem, env, e)}}})";
            case 6:
                if (elem == Ty.Int) return $"({Leaf(Ty.Int, env)}..{IntExpr0(env, Math.Min(e, 1))})";
                goto default;
            case 7:
                {
                    // A set built by an operator of the element's structure.
                    switch (elem)
                    {
                        case SetTy inner:
                            return $"(SUBSET {SmallSet(inner.Elem, env, e)})";
                        case TupTy tup when tup.Items.Length == 2:
                            return $"({SmallSet(tup.Items[0], env, e)} \\X {SmallSet(tup.Items[1], env, e)})";
                        case RecTy rec:
                            return "[" + string.Join(", ", rec.Fields.Select((f, i) => $"{f}: {SmallSet(rec.Types[i], env, e)}")) + "]";
                        case FunTy f:
                            return $"[{f.Domain.Text} -> {SmallSet(f.Range, env, e)}]";
                        case SeqTy sq:
                            {
                                var s = Fresh("s");
                                return $"{{{s} \\in {{<<>>, {SeqLeaf(sq, env)}}} : TRUE}}";
                            }
                    }
                    goto default;
                }
            case 8:
                {
                    // DOMAIN of a function over a domain of this type.
                    var dom = elem == Ty.Int ? intDom : elem == Ty.Mv ? procDom : elem == Ty.Str ? strDom : null;
                    if (dom == null) goto default;
                    return $"(DOMAIN {FunExpr(new FunTy(dom, AnyScalar()), env, e)})";
                }
            case 9:
                {
                    // The range of a sequence.
                    if (elem != Ty.Int) goto default;
                    var s = Fresh("q");
                    var i = Fresh("i");
                    return $"(LET {s} == {SeqExpr(new SeqTy(Ty.Int), env, e)} IN {{{s}[{i}] : {i} \\in 1..Len({s})}})";
                }
            case 10: return $"(IF {BoolExpr(env, e)} THEN {SetExpr(elem, env, e)} ELSE {SetExpr(elem, env, e)})";
            default: return SetLeaf(elem, env);
        }
    }

    private string SetLeaf(Ty elem, Env env) => Leaf(new SetTy(elem), env);

    /// <summary>A set of at most a few elements (for SUBSET, \X and function sets, which multiply sizes).</summary>
    private string SmallSet(Ty elem, Env env, int d)
    {
        if (elem is Scalar && r.Chance(40)) return ScalarDom(elem).Text;
        if (elem == Ty.Int && r.Chance(50)) return $"({SetExpr(Ty.Int, env, Math.Min(d, 1))} \\cap 0..2)";
        return "{" + string.Join(", ", Enumerable.Range(0, r.Range(1, 2)).Select(_ => Leaf(elem, env))) + "}";
    }

    private string FunExpr(FunTy f, Env env, int d)
    {
        nodes++;
        if (d <= 0) return Leaf(f, env);
        var e = d - 1;
        switch (r.Int(6))
        {
            case 0: case 1:
                {
                    var k = Fresh("k");
                    return $"[{k} \\in {f.Domain.Text} |-> {Expr(f.Range, env.With(k, f.Domain.Elem, f.Domain), e)}]";
                }
            case 2: case 3: return Except(f, FunExpr(f, env, e), env, e);
            case 4:
                if (f.Domain == strDom) return $"(\"a\" :> ({Expr(f.Range, env, e)}) @@ \"b\" :> ({Expr(f.Range, env, e)}))";
                return $"(IF {BoolExpr(env, e)} THEN {FunExpr(f, env, e)} ELSE {FunExpr(f, env, e)})";
            default: return Leaf(f, env);
        }
    }

    /// <summary>[base EXCEPT ![k]... = e, ...] with nested paths and @ in the new values.</summary>
    private string Except(Ty t, string @base, Env env, int d)
    {
        var clauses = new List<string>();
        var n = r.Range(1, 2);
        for (var i = 0; i < n; i++)
        {
            var path = new StringBuilder();
            var cur = t;
            for (var depth = 0; depth < 3; depth++)
            {
                switch (cur)
                {
                    case FunTy f:
                        path.Append($"[{Key(f.Domain, env, Math.Min(d, 1))}]");
                        cur = f.Range;
                        break;
                    case RecTy rec:
                        var fi = r.Int(rec.Fields.Length);
                        path.Append($".{rec.Fields[fi]}");
                        cur = rec.Types[fi];
                        break;
                    case TupTy tup:
                        var ti = r.Int(tup.Items.Length);
                        path.Append($"[{ti + 1}]");
                        cur = tup.Items[ti];
                        break;
                    default:
                        depth = 3;
                        continue;
                }
                if (depth == 0 && cur is Scalar) break;
                if (r.Chance(40)) break;
            }
            var value = Expr(cur, env.With("@", cur), d);
            clauses.Add($"!{path} = {value}");
        }
        return $"[{@base} EXCEPT {string.Join(", ", clauses)}]";
    }

    private string RecExpr(RecTy rec, Env env, int d)
    {
        nodes++;
        if (d <= 0) return Leaf(rec, env);
        var e = d - 1;
        switch (r.Int(4))
        {
            case 0: return "[" + string.Join(", ", rec.Fields.Select((f, i) => $"{f} |-> {Expr(rec.Types[i], env, e)}")) + "]";
            case 1: return Except(rec, RecExpr(rec, env, e), env, e);
            case 2: return $"(IF {BoolExpr(env, e)} THEN {RecExpr(rec, env, e)} ELSE {RecExpr(rec, env, e)})";
            default: return Leaf(rec, env);
        }
    }

    private string TupExpr(TupTy tup, Env env, int d)
    {
        nodes++;
        if (d <= 0) return Leaf(tup, env);
        var e = d - 1;
        switch (r.Int(3))
        {
            case 0: return "<<" + string.Join(", ", tup.Items.Select(it => Expr(it, env, e))) + ">>";
            case 1: return Except(tup, TupExpr(tup, env, e), env, e);
            default: return Leaf(tup, env);
        }
    }

    private string SeqLeaf(SeqTy sq, Env env) => Leaf(sq, env);

    private string SeqExpr(SeqTy sq, Env env, int d)
    {
        nodes++;
        if (d <= 0) return SeqLeaf(sq, env);
        var e = d - 1;
        switch (r.Int(10))
        {
            case 0: return $"Append({SeqExpr(sq, env, e)}, {Expr(sq.Elem, env, e)})";
            case 1:
                {
                    var v = Fresh("q");
                    return $"(LET {v} == {SeqExpr(sq, env, e)} IN IF {v} = <<>> THEN {v} ELSE Tail({v}))";
                }
            case 2: return $"Trunc({SeqExpr(sq, env, e)} \\o {SeqExpr(sq, env, e)}, 3)";
            case 3:
                {
                    var v = Fresh("q");
                    return $"(LET {v} == {SeqExpr(sq, env, e)} IN SubSeq({v}, {r.Range(1, 2)}, Len({v})))";
                }
            case 4:
                {
                    var v = Fresh("v");
                    return $"SelectSeq({SeqExpr(sq, env, e)}, LAMBDA {v} : {BoolExpr(env.With(v, sq.Elem), Math.Min(e, 1))})";
                }
            case 5:
                if (sq.Elem != Ty.Int) goto default;
                {
                    var v = Fresh("v");
                    return $"MapSeq(LAMBDA {v} : {IntExpr(env.With(v, Ty.Int), Math.Min(e, 1))}, {SeqExpr(sq, env, e)})";
                }
            case 6: return $"<<{Expr(sq.Elem, env, e)}, {Expr(sq.Elem, env, e)}>>";
            case 7: return $"[<<{Expr(sq.Elem, env, e)}>> EXCEPT ![1] = {Expr(sq.Elem, env.With("@", sq.Elem), e)}]";
            default: return SeqLeaf(sq, env);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Types for subexpressions.

    private Ty AnyScalar() => r.Int(8) switch
    {
        < 4 => Ty.Int,
        < 6 => Ty.Bool,
        6 => Ty.Str,
        _ => Ty.Mv,
    };

    private Ty AnyElemType() => r.Int(10) switch
    {
        < 7 => AnyScalar(),
        7 => new TupTy(new[] { Ty.Int, AnyScalar() }),
        8 => new SetTy(Ty.Int),
        _ => new RecTy(new[] { "a", "b" }, new[] { Ty.Int, Ty.Bool }),
    };

    private Ty AnyType(int level) => r.Int(12) switch
    {
        < 6 => AnyScalar(),
        6 => new SetTy(AnyScalar()),
        7 => new FunTy(r.Chance(50) ? procDom : strDom, AnyScalar()),
        8 => new RecTy(new[] { "a", "b" }, new[] { Ty.Int, AnyScalar() }),
        9 => new TupTy(new[] { AnyScalar(), AnyScalar() }),
        10 => new SeqTy(Ty.Int),
        _ => level > 0 ? new SetTy(new SetTy(Ty.Int)) : Ty.Int,
    };
}
