namespace Ops.Tla.Differential;

/// <summary>
/// The newer components (<see cref="Component.Errors"/>, <see cref="Component.Values"/>, <see cref="Component.TlcOps"/>,
/// <see cref="Component.RecFunctions"/>). Each draws from its own stream (rErr, rVal, rTlc, rRec) and only when it is on,
/// so that with all of them left out (<c>-exclude new</c>) a batch is the one the generator made before them.
/// </summary>
internal sealed partial class SpecBuilderState
{
    // -------------------------------------------------------------------------------------------------------------
    // Errors on purpose.

    /// <summary>Where the spec's error is: none, an extra action, Init, an invariant or a helper operator.</summary>
    private enum ErrSite { None, Action, Init, Invariant, Helper }

    private ErrSite errSite = ErrSite.None;

    private void ChooseErrorSite()
    {
        if (!On(Component.Errors) || !rErr.Chance(30)) return;
        errSite = rErr.Int(10) switch
        {
            < 5 => ErrSite.Action,
            < 6 => ErrSite.Init,
            < 8 => ErrSite.Invariant,
            _ => ErrSite.Helper,
        };
    }

    /// <summary>A condition under which the error is evaluated: often a random state predicate, so that the error
    /// comes some steps into the search (or never), sometimes TRUE.</summary>
    private string ErrGuard(Env env)
    {
        if (rErr.Chance(25)) return "TRUE";
        var v = vars[rErr.Int(vars.Count)];
        if (v.Type == Ty.Int) return $"{v.Name} = {rErr.Range(0, intMax)}";
        if (v.Type == Ty.Bool) return rErr.Chance(50) ? v.Name : $"~{v.Name}";
        if (v.Type is SetTy) return $"Cardinality({v.Name}) = {rErr.Range(0, 2)}";
        if (v.Type is SeqTy) return $"Len({v.Name}) = {rErr.Range(0, 2)}";
        return $"{v.Name} # {v.Name}" + (rErr.Chance(50) ? " \\/ TRUE" : "");
    }

    /// <summary>A Boolean expression whose evaluation fails (one of TLC's evaluation errors), sometimes inside a
    /// larger expression (IF, LET, \E, a conjunction) so that the nested positions TLC prints have some depth.</summary>
    private string ErrBool(Env env)
    {
        var core = rErr.Int(10) switch
        {
            8 or 9 => ErrWords(env),
            0 => ErrKinds(env),
            1 => ErrKinds(env),
            2 => $"({ErrInt(env)} = {rErr.Range(0, 3)})",
            3 => $"({ErrInt(env)} > {rErr.Range(0, 3)})",
            4 => $"({rErr.Range(0, 3)} < {ErrInt(env)})",
            5 => $"({ErrInt(env)} \\in {{{rErr.Range(0, 3)}, {rErr.Range(0, 3)}}})",
            6 => $"(Len({ErrSeq(env)}) = 0)",
            _ => $"({ErrInt(env)} # {ErrInt(env)})",
        };
        switch (rErr.Int(6))
        {
            case 0:
                {
                    var u = Fresh("u");
                    return $"(\\E {u} \\in {intDom.Text} : {u} = {u} /\\ {core})";
                }
            case 1:
                {
                    var l = Fresh("l");
                    return $"(LET {l} == {rErr.Range(0, 3)} IN {l} = {l} /\\ {core})";
                }
            case 2: return $"(TRUE /\\ {core})";
            default: return core;
        }
    }

    /// <summary>Values of different kinds compared (TLC: "Attempted to check equality of integer 1 with non-integer",
    /// "The first argument of &lt; should be an integer").</summary>
    private string ErrKinds(Env env)
    {
        var i = IntErrOperand(env);
        var s = $"\"{rErr.Pick(ErrStrings)}\"";
        return rErr.Int(9) switch
        {
            0 => $"({i} = {s})",
            1 => $"({s} = {i})",
            2 => $"({s} < {i})",
            3 => $"({i} <= {s})",
            4 => $"({i} = {(rErr.Chance(50) ? "TRUE" : "FALSE")})",
            5 => $"({(rErr.Chance(50) ? "TRUE" : "FALSE")} = {i})",
            6 => $"({{{i}}} = {i})",
            7 => $"(<<{i}>> = {s})",
            _ => $"({i} # {s})",
        };
    }

    private static readonly string[] ErrStrings = { "a", "b", "c", "" };

    /// <summary>Errors TLC words after the operator that meets a value of the wrong kind (TlcWords in the evaluator):
    /// a non-Boolean operand of <c>~</c>, <c>/\</c>, <c>\/</c>, <c>=&gt;</c>, an IF or CASE condition, a quantifier
    /// body; a non-integer operand of <c>+ - * ..</c> (TLC's override failing to cast it); membership in, DOMAIN of, a
    /// quantifier over a value that is not a set or function; a CASE without a true arm; a CHOOSE over a non-set. Not
    /// the set operators over a non-set (<c>\cup</c>, SUBSET, <c>\cap</c>, <c>\subseteq</c>), whose failure TLC meets
    /// again while fingerprinting in its replay (finding 015's form), nor a set filter over a non-set (TLC's lazy
    /// SetPredValue fails where the set is compared, one nested position outside Ops's).</summary>
    private string ErrWords(Env env)
    {
        var i = IntErrOperand(env);
        var nonInt = rErr.Pick(new[] { "TRUE", "FALSE", "\"a\"", "{1}", "<<1>>", "[a |-> 1]", "(1..2)" });
        var c = Fresh("c");
        return rErr.Int(18) switch
        {
            0 => $"(~{i})",
            1 => $"({i} /\\ TRUE)",
            2 => $"(TRUE /\\ {i})",
            3 => $"(FALSE \\/ {i})",
            4 => $"({i} => TRUE)",
            5 => $"(IF {i} THEN TRUE ELSE FALSE)",
            6 => $"((CASE {i} > {intMax + 1} -> 1) = 1)",
            7 => $"((CASE {i} -> 1 [] OTHER -> 2) = 1)",
            8 => $"(\\A {c} \\in {i} : TRUE)",
            9 => $"(\\E {c} \\in {{{i}}} : {c})",
            10 => $"({nonInt} + {i} = {i})",
            11 => $"({i} - {nonInt} = {i})",
            12 => $"(({i}..{nonInt}) = {{}})",
            13 => $"({i} \\in {rErr.Pick(new[] { i, "TRUE", "\"a\"" })})",
            14 => $"(DOMAIN {rErr.Pick(new[] { i, "TRUE", "{1}" })} = {{}})",
            15 => $"({i} \\/ FALSE)",
            16 => $"((CHOOSE {c} \\in {i} : TRUE) = {i})",
            _ => $"({i} <=> TRUE)",
        };
    }

    /// <summary>An integer operand for an erroneous expression: a literal, or a variable of the spec.</summary>
    private string IntErrOperand(Env env)
    {
        var ints = env.Vars.Where(b => b.Type == Ty.Int && !b.Name.EndsWith('\'') && b.Name != "@").ToList();
        if (ints.Count > 0 && rErr.Chance(50)) return rErr.Pick(ints).Name;
        return rErr.Range(0, 3).ToString();
    }

    /// <summary>An integer expression whose evaluation fails.</summary>
    private string ErrInt(Env env)
    {
        var i = IntErrOperand(env);
        switch (rErr.Int(16))
        {
            // A function applied outside its domain: a constructor, a variable, a tuple, a sequence, a record.
            case 0: return $"[k{fresh++} \\in {intDom.Text} |-> {i}][{intMax + 1 + rErr.Range(0, 2)}]";
            case 1:
                {
                    var f = vars.FirstOrDefault(v => v.Type is FunTy { Range: var rt } && rt == Ty.Int);
                    if (f != null) return $"{f.Name}[{(((FunTy)f.Type).Domain == procDom ? "NoVal" : "\"c\"")}]";
                    return $"<<{i}, {i}>>[{rErr.Pick(new[] { 0, 3 })}]";
                }
            case 2:
                {
                    var s = vars.FirstOrDefault(v => v.Type is SeqTy);
                    if (s != null) return $"{s.Name}[Len({s.Name}) + 1]";
                    return $"<<{i}>>[2]";
                }
            case 3: return $"[a |-> {i}, b |-> TRUE][\"c\"]";
            case 4: return $"[k{fresh++} \\in {{\"a\", \"b\"}} |-> {i}][\"{rErr.Pick(new[] { "c", "" })}\"]";
            // CHOOSE without a witness.
            case 5: return $"(CHOOSE c{fresh++} \\in {intDom.Text} : FALSE)";
            case 6:
                {
                    var c = Fresh("c");
                    return $"(CHOOSE {c} \\in {intDom.Text} : {c} > {intMax + rErr.Range(1, 3)})";
                }
            case 7: return $"(CHOOSE c{fresh++} \\in {{}} : TRUE)";
            // The empty sequence's head.
            case 8: return "Head(<<>>)";
            case 9: return $"Head(Tail(<<{i}>>))";
            case 10:
                {
                    var s = vars.FirstOrDefault(v => v.Type is SeqTy);
                    return s != null ? $"Head(SubSeq({s.Name}, 2, 1))" : $"Head(SubSeq(<<{i}>>, 2, 1))";
                }
            // Division by zero.
            case 11: return $"({i} \\div 0)";
            case 12: return rErr.Chance(50) ? $"({i} % 0)" : $"({i} \\div ({i} - {i}))";
            // Integer overflow (TLC's integers are 32 bits).
            case 13: return rErr.Chance(50) ? $"(2^{rErr.Range(31, 33)} + {i})" : $"(2147483647 + {rErr.Range(1, 3)})";
            case 14: return rErr.Chance(50) ? $"(65536 * {65536 + rErr.Range(0, 2)})" : $"(-2147483647 - {rErr.Range(2, 4)})";
            default: return "Fact(13)";
        }
    }

    /// <summary>A sequence expression whose evaluation fails: Tail of the empty sequence, Append to a non-sequence.</summary>
    private string ErrSeq(Env env) => rErr.Int(3) switch
    {
        0 => "Tail(<<>>)",
        1 => $"Tail(Tail(<<{IntErrOperand(env)}>>))",
        _ => $"SubSeq(<<1, 2>>, {rErr.Range(2, 3)}, {rErr.Range(4, 5)})",
    };

    /// <summary>The error action: a guard, then the failing expression (or an assignment holding it), the rest
    /// unchanged.</summary>
    private string ErrorAction()
    {
        var env = StateEnv();
        var guard = ErrGuard(env);
        var v = vars[rErr.Int(vars.Count)];
        if (v.Type == Ty.Int && rErr.Chance(40))
        {
            var others = vars.Where(o => o != v).Select(o => o.Name).ToList();
            return $"AErr == ({guard}) /\\ {v.Name}' = ({ErrInt(env)} % {intMax + 1})" + (others.Count > 0 ? $" /\\ UNCHANGED <<{string.Join(", ", others)}>>" : "");
        }
        return $"AErr == ({guard}) /\\ {ErrBool(env)} /\\ UNCHANGED vars";
    }

    private string ErrorInitConjunct() => $"(IF {ErrGuard(StateEnv())} THEN {ErrBool(StateEnv())} ELSE TRUE)";

    private string ErrorInvariant() => $"IF {ErrGuard(StateEnv())} THEN {ErrBool(StateEnv())} ELSE TRUE";

    /// <summary>A helper operator that fails on some arguments, called by an extra action.</summary>
    private string ErrorHelper(out string action)
    {
        var env = StateEnv();
        var p = Fresh("h");
        var body = $"IF {p} = {rErr.Range(0, intMax)} THEN {ErrInt(env.With(p, Ty.Int))} ELSE {p}";
        var n = Fresh("n");
        action = $"AErr == \\E {n} \\in {intDom.Text} : ({ErrGuard(env)}) /\\ HErr({n}) >= 0 /\\ UNCHANGED vars";
        return $"HErr({p}) == {body}";
    }

    // -------------------------------------------------------------------------------------------------------------
    // Values beyond the base domains.

    /// <summary>Set while a key of a fixed domain is generated: a key must stay inside its domain.</summary>
    private int inKey;

    /// <summary>Strings other than "a" and "b": the empty string, longer ones, blanks, escapes (TLC orders strings by
    /// first appearance and prints them with their escapes).</summary>
    private static readonly string[] MoreStrings = { "", "c", "ab", "a b", "B", "\\\"q\\\"", "a\\\\b", "ba" };

    /// <summary>A string literal beyond "a" and "b", or null (the component is off, or a key is being made).</summary>
    private string MoreString()
    {
        if (!On(Component.Values) || inKey > 0 || !rVal.Chance(20)) return null;
        return $"\"{rVal.Pick(MoreStrings)}\"";
    }

    /// <summary>A negative or larger integer literal, or null.</summary>
    private string MoreInt()
    {
        if (!On(Component.Values) || inKey > 0 || !rVal.Chance(15)) return null;
        return rVal.Int(5) == 0 ? "100" : $"(-{rVal.Range(1, 3)})";
    }

    /// <summary>A membership test in an infinite set (Nat, Int, STRING, Seq(S), sets built from them), or null.</summary>
    private string InfiniteMembership(Env env, int d)
    {
        if (!On(Component.Values) || !rVal.Chance(10)) return null;
        var op = rVal.Chance(75) ? "\\in" : "\\notin";
        switch (rVal.Int(12))
        {
            case 0: return $"({IntExpr0(env, d)} {op} Nat)";
            case 1: return $"({IntExpr0(env, d)} {op} Int)";
            case 2: return $"({IntExpr0(env, d)} {op} Nat \\ {{0}})";
            case 3:
                {
                    var n = Fresh("n");
                    return $"({IntExpr0(env, d)} {op} {{{n} \\in Nat : {n} < {rVal.Range(1, 3)}}})";
                }
            case 4: return $"({SetExpr(Ty.Int, env, d)} \\subseteq {(rVal.Chance(50) ? "Nat" : "Int")})";
            case 5: return $"({Expr(Ty.Str, env, d)} {op} STRING)";
            case 6: return $"({SeqExpr(new SeqTy(Ty.Int), env, d)} {op} Seq({(rVal.Chance(50) ? "Nat" : SetExpr(Ty.Int, env, Math.Min(d, 1)))}))";
            case 7: return $"({SeqExpr(new SeqTy(Ty.Int), env, d)} {op} Seq(Int))";
            case 8: return $"({RecExpr(new RecTy(new[] { "a", "b" }, new[] { Ty.Int, Ty.Bool }), env, d)} {op} [a : Nat, b : BOOLEAN])";
            case 9: return $"({TupExpr(new TupTy(new[] { Ty.Int, Ty.Bool }), env, d)} {op} Int \\X BOOLEAN)";
            case 10: return $"({FunExpr(new FunTy(procDom, Ty.Int), env, d)} {op} [Procs -> Nat])";
            default: return $"({IntExpr0(env, d)} {op} Nat \\cup {{-1}})";
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // TLC's module and the community modules.

    /// <summary>The community modules are instantiated by name (FSE!Max, SQE!Reverse, FUN!Range, BAG!SetToBag), so their
    /// names (FoldSeq, SumSet, ...) do not meet the spec's own library.</summary>
    private bool useCommunity;

    private const string CommunityInstances = """
        FSE == INSTANCE FiniteSetsExt
        SQE == INSTANCE SequencesExt
        FUN == INSTANCE Functions
        BAG == INSTANCE Bags

        """;

    private string TlcInt(Env env, int d)
    {
        if (!On(Component.TlcOps) || !rTlc.Chance(8)) return null;
        var k = rTlc.Int(useCommunity ? 12 : 3);
        switch (k)
        {
            case 0: return $"TLCEval({IntExpr0(env, d)})";
            case 1:
                {
                    var a = Fresh("a");
                    var b = Fresh("b");
                    return $"Head(SortSeq(<<{IntExpr0(env, d)}, {IntExpr0(env, d)}>>, LAMBDA {a}, {b} : {a} {(rTlc.Chance(50) ? "<" : ">")} {b}))";
                }
            case 2: return $"(IF ToString({Expr(AnyType(1), env, d)}) = ToString({Expr(AnyType(1), env, d)}) THEN {IntExpr0(env, d)} ELSE {IntExpr0(env, d)})";
            case 3: return $"FSE!Max({{{IntExpr0(env, d)}}} \\cup {SetExpr(Ty.Int, env, d)})";
            case 4: return $"FSE!Min({{{IntExpr0(env, d)}}} \\cup {SetExpr(Ty.Int, env, d)})";
            case 5: return $"FSE!SumSet({SetExpr(Ty.Int, env, d)})";
            case 6:
                {
                    var v = Fresh("v");
                    return $"FSE!Quantify({SetExpr(Ty.Int, env, d)}, LAMBDA {v} : {BoolExpr(env.With(v, Ty.Int), Math.Min(d, 1))})";
                }
            case 7: return $"BAG!BagCardinality(BAG!SetToBag({SetExpr(AnyScalar(), env, d)}))";
            case 8: return $"SQE!FoldLeft(Plus, {IntExpr0(env, 0)}, {SeqExpr(new SeqTy(Ty.Int), env, d)})";
            case 9: return $"Cardinality(FUN!Range({FunExpr(new FunTy(r.Chance(50) ? procDom : strDom, Ty.Int), env, d)}))";
            case 10: return $"SQE!Last(Append({SeqExpr(new SeqTy(Ty.Int), env, d)}, {IntExpr0(env, d)}))";
            default: return $"Len(SQE!Reverse({SeqExpr(new SeqTy(Ty.Int), env, d)}))";
        }
    }

    private string TlcBool(Env env, int d)
    {
        if (!On(Component.TlcOps) || !rTlc.Chance(6)) return null;
        switch (rTlc.Int(useCommunity ? 7 : 2))
        {
            case 0:
                {
                    var t = AnyType(1);
                    return $"(ToString({Expr(t, env, d)}) {(rTlc.Chance(50) ? "=" : "#")} ToString({Expr(t, env, d)}))";
                }
            case 1: return $"(TLCEval({BoolExpr(env, d)}))";
            case 2: return $"SQE!IsPrefix({SeqExpr(new SeqTy(Ty.Int), env, d)}, {SeqExpr(new SeqTy(Ty.Int), env, d)})";
            case 3: return $"FUN!IsInjective({FunExpr(new FunTy(r.Chance(50) ? procDom : strDom, AnyScalar()), env, d)})";
            case 4: return $"BAG!BagIn({IntExpr0(env, d)}, BAG!SetToBag({SetExpr(Ty.Int, env, d)}))";
            case 5: return $"SQE!Contains({SeqExpr(new SeqTy(Ty.Int), env, d)}, {IntExpr0(env, d)})";
            default: return $"(FSE!SymDiff({SetExpr(Ty.Int, env, d)}, {SetExpr(Ty.Int, env, d)}) = {{}})";
        }
    }

    /// <summary>ASSUME (a constant formula, sometimes false; sometimes a PrintT).</summary>
    private string TlcAssume()
    {
        if (!On(Component.TlcOps) || !rTlc.Chance(25)) return null;
        if (rTlc.Chance(30)) return $"ASSUME PrintT({Expr(AnyType(1), ConstEnv(), 2)})";
        return $"ASSUME {BoolExpr(ConstEnv(), 2)}";
    }

    /// <summary>An action that checks an Assert (TLC's exit 14 when it fails) or prints (PrintT), changing nothing.</summary>
    private string TlcAction()
    {
        if (!On(Component.TlcOps) || !rTlc.Chance(20)) return null;
        var env = StateEnv();
        var guard = BoolExpr(env, 1);
        var body = rTlc.Chance(60)
            ? $"Assert({BoolExpr(env, 2)}, \"{rTlc.Pick(new[] { "failed", "x is wrong", "" })}\")"
            : $"PrintT({Expr(AnyType(1), env, 2)})";
        return $"AChk == ({guard}) /\\ {body} /\\ UNCHANGED vars";
    }

    /// <summary>TLCGet("level") bounding the search: an invariant (violated at that depth) or a constraint.</summary>
    private (string Def, bool IsConstraint) TlcLevel()
    {
        if (!On(Component.TlcOps) || !rTlc.Chance(20)) return (null, false);
        var k = rTlc.Range(1, 5);
        var asConstraint = rTlc.Chance(50);
        return ($"{(asConstraint ? "ConstrLvl" : "InvLvl")} == TLCGet(\"level\") {(rTlc.Chance(50) ? "<" : "<=")} {k}", asConstraint);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Recursive functions and functions over infinite domains.

    private bool useRecFunctions;

    private const string RecFunctionLibrary = """
        RF[n \in 0..6] == IF n = 0 THEN 0 ELSE n + RF[n - 1]
        SF[s \in SUBSET (0..2)] == IF s = {} THEN 0 ELSE LET m == CHOOSE e \in s : TRUE IN m + SF[s \ {m}]
        NF == [n \in Nat |-> n * 2]
        FF[n \in Nat] == IF n <= 1 THEN 1 ELSE n * FF[n - 1]
        PF == [a \in 0..2, b \in BOOLEAN |-> IF b THEN a ELSE -a]
        TF == [<<a, b>> \in (0..1) \X (0..1) |-> a + 2 * b]

        """;

    private string RecFunInt(Env env, int d)
    {
        if (!useRecFunctions || !rRec.Chance(8)) return null;
        var i = IntExpr0(env, Math.Min(d, 1));
        switch (rRec.Int(9))
        {
            case 0: return $"RF[({i}) % 7]";
            case 1: return $"SF[{SetExpr(Ty.Int, env, d)} \\cap 0..2]";
            case 2: return $"NF[({i}) % 5]";
            case 3: return $"FF[({i}) % 6]";
            case 4: return $"PF[({i}) % 3, {BoolExpr(env, 0)}]";
            case 5: return $"TF[<<({i}) % 2, {rRec.Range(0, 1)}>>]";
            case 6:
                {
                    var n = Fresh("n");
                    return $"[{n} \\in Nat |-> {n} + {IntExpr0(env, 0)}][({i}) % 4]";
                }
            case 7:
                {
                    var g = Fresh("g");
                    var n = Fresh("n");
                    return $"(LET {g}[{n} \\in 0..3] == IF {n} = 0 THEN {IntExpr0(env, 0)} ELSE {g}[{n} - 1] + 1 IN {g}[({i}) % 4])";
                }
            default:
                {
                    var n = Fresh("n");
                    return $"[{n} \\in Int |-> -{n}][{i}]";
                }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // ALIAS and POSTCONDITION.

    /// <summary>An ALIAS (a record of the variables, some changed, and TLCGet("level")) and a POSTCONDITION on the
    /// search's figures (TLCGet("stats")), written into the module; which of them the configuration names.</summary>
    private (bool Alias, bool Post) AliasAndPostcondition(System.Text.StringBuilder sb)
    {
        if (!On(Component.AliasPost)) return (false, false);
        var alias = rAlias.Chance(20);
        var post = rAlias.Chance(15);
        if (alias)
        {
            var fields = new List<string>();
            foreach (var v in vars)
            {
                var k = rAlias.Int(4);
                if (k == 0) continue;
                fields.Add(k == 1 && v.Type == Ty.Int ? $"{v.Name}2 |-> {v.Name} * 2" : $"{v.Name} |-> {v.Name}");
            }
            if (rAlias.Chance(50)) fields.Add("lvl |-> TLCGet(\"level\")");
            if (fields.Count == 0) fields.Add($"{vars[0].Name} |-> {vars[0].Name}");
            sb.AppendLine($"Alias == [{string.Join(", ", fields)}]");
        }
        if (post)
        {
            var field = rAlias.Pick(new[] { "distinct", "generated", "diameter" });
            sb.AppendLine($"Post == TLCGet(\"stats\").{field} {rAlias.Pick(new[] { "<", ">=", "#" })} {rAlias.Range(1, 40)}");
        }
        return (alias, post);
    }
}
