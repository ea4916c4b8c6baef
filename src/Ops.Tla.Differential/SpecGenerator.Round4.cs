using System.Text;

namespace Ops.Tla.Differential;

/// <summary>
/// The fourth round of components (2026-12-07, stop 36): the standard modules' operators at the edges of their
/// arguments (<c>edge-args</c>: SubSeq out of range or empty, strings as sequences, Cardinality of an infinite set,
/// Permutations and SortSeq of nothing, ToString of every kind, TLCGet of a register never set, \div and % of negative
/// numbers, CHOOSE over an infinite set, EXCEPT outside the domain, ...) in an invariant, an action or an ASSUME, and a
/// parameterized INSTANCE (<c>param-instance</c>: <c>P(k) == INSTANCE Inner WITH K &lt;- k, w &lt;- x</c>, called as
/// <c>P(1)!Step(a)</c>). Each draws from its own stream, and only when it is on.
/// </summary>
internal sealed partial class SpecBuilderState
{
    private Rng rEdge, rPInst;

    private void OpenRound4Streams()
    {
        rEdge = Stream(Component.EdgeArgs);
        rPInst = Stream(Component.ParamInstance);
    }

    /// <summary>Constant expressions at the edges of the standard operators' arguments: some are values, some are
    /// TLC's evaluation errors. Each is evaluated in full through ToString (every kind of value prints).</summary>
    private static readonly string[] EdgeExprs =
    {
        // Sequences and strings as sequences
        "SubSeq(<<1, 2, 3>>, 2, 1)", "SubSeq(<<1, 2, 3>>, 0, 1)", "SubSeq(<<1, 2, 3>>, 2, 5)", "SubSeq(<<1, 2, 3>>, 3, 3)",
        "SubSeq(<<>>, 1, 0)", "SubSeq(\"abc\", 2, 3)", "SubSeq(\"abc\", 0, 1)", "Len(\"abc\")", "Len(\"\")", "\"ab\" \\o \"c\"",
        "\"ab\" \\o <<1>>", "<<1>> \\o \"ab\"", "Append(\"ab\", \"c\")", "Head(\"abc\")", "Tail(\"abc\")", "Append(<<>>, <<>>)",
        "SelectSeq(<<1, 2, 3>>, LAMBDA e : e > 1)", "SelectSeq(<<>>, LAMBDA e : e > 1)", "SelectSeq(<<1, 2>>, LAMBDA e : e)",
        "<<>> \\in Seq({})", "<<1>> \\in Seq({})", "\"abc\"[1]", "DOMAIN \"abc\"", "<<1, 2>> = [i \\in 1..2 |-> i]",
        "\"\" = <<>>", "\"ab\" = <<\"a\", \"b\">>", "Head(<<>>)", "Tail(<<>>)", "<<1, 2>>[3]", "Len(<<1>> \\o <<>>)",
        // Finite sets
        "Cardinality(Nat)", "Cardinality(STRING)", "Cardinality({})", "Cardinality(SUBSET {1, 2, 3})",
        "Cardinality([{1, 2} -> {1, 2, 3}])", "Cardinality({1, 2} \\X {3})", "IsFiniteSet(Nat)", "IsFiniteSet({1})",
        "Cardinality(1..0)", "Cardinality(Seq({1}))", "Cardinality([{1} -> {}])", "Cardinality(Int \\ Nat)",
        // TLC
        "Permutations({})", "Cardinality(Permutations({1, 2, 3}))", "SortSeq(<<3, 1, 2>>, <)", "SortSeq(<<>>, <)",
        "SortSeq(<<\"b\", \"a\">>, LAMBDA a, b : a < b)", "ToString(<<>>)", "ToString({})", "ToString(\"a\")",
        "ToString(1..3)", "ToString([a |-> 1])", "ToString(<<\"a\", {1}>>)", "1 :> 2 @@ 1 :> 3", "(1 :> 2)[2]",
        "TLCGet(42)", "TLCGet(\"nosuchkey\")", "Assert(TRUE, \"m\")", "TLCEval(1..3)", "ToString(Nat)", "ToString(Nat \\ {1})",
        "ToString(SUBSET {1})", "ToString([{1} -> {2}])", "ToString(Seq({1}))", "(1 :> 2) = <<2>>",
        // Integers
        "(-3) \\div 2", "(-3) % 2", "3 % (-2)", "2^0", "0^0", "(-2)^3", "2^(-1)", "-(-3)", "1..0", "(-1) \\in Nat",
        "10 \\div (-3)", "-7 % 3",
        // CHOOSE, sets, functions, records
        "CHOOSE n \\in Nat : n > 2", "CHOOSE n \\in Nat : n < 0", "UNION {}", "SUBSET {}", "{} \\X {1}", "[{} -> {1}]",
        "[{1} -> {}]", "[[i \\in 1..2 |-> i] EXCEPT ![3] = 0]", "DOMAIN [a |-> 1]", "[a |-> 1].b", "[a |-> 1] @@ [b |-> 2]",
        "[i \\in {} |-> 1] = <<>>", "<<2>> = [a |-> 2]", "[a |-> 1] = [a |-> 1, b |-> 2]", "{1, 2} \\subseteq Nat",
        "Int \\subseteq Nat", "\"a\" < \"b\"", "STRING \\subseteq STRING", "{<<>>} = {[i \\in {} |-> 2]}",
        "[r \\in {\"x\"} |-> 1] = [x |-> 1]", "[[a |-> 1] EXCEPT !.a = @ + 1]", "[[a |-> 1] EXCEPT !.b = 2]",
    };

    private string EdgeExpr() => rEdge.Pick(EdgeExprs);

    /// <summary>The edge expression, evaluated in full: a Boolean result as it is, any other value through ToString.</summary>
    private string EdgeCheck()
    {
        var e = EdgeExpr();
        return rEdge.Chance(50) ? $"ToString({e}) # \"?\"" : $"({e}) = ({e})";
    }

    /// <summary>An invariant InvEdge (under a guard on the state, so the error comes some steps into the search or
    /// never), an action AEdge doing the same, or an ASSUME.</summary>
    private int edgeSite = -1;

    private void ChooseEdgeSite()
    {
        if (!On(Component.EdgeArgs) || !rEdge.Chance(40)) return;
        edgeSite = rEdge.Int(3);
    }

    private string EdgeAssume() => edgeSite == 2 ? $"ASSUME {EdgeCheck()}" : null;

    private string EdgeAction()
    {
        if (edgeSite != 1) return null;
        var guard = With(rEdge, () => ErrGuard(StateEnv()));
        return $"AEdge == ({guard}) /\\ {EdgeCheck()} /\\ UNCHANGED vars";
    }

    private void EdgeInvariant(StringBuilder sb, List<string> invariants)
    {
        if (edgeSite != 0) return;
        var guard = With(rEdge, () => ErrGuard(StateEnv()));
        sb.AppendLine($"InvEdge == IF {guard} THEN {EdgeCheck()} ELSE TRUE");
        invariants.Insert(rEdge.Int(invariants.Count + 1), "InvEdge");
    }

    /// <summary>A parameterized instance of Inner (a constant and a variable substituted, the constant by the
    /// parameter): its operators called with a number for the parameter.</summary>
    private void ParamInstance(StringBuilder sb, Dictionary<string, string> modules)
    {
        if (!On(Component.ParamInstance) || !rPInst.Chance(35)) return;
        var intVar = vars.FirstOrDefault(v => v.Type == Ty.Int);
        if (intVar == null) return;
        modules["Inner"] = InnerModule;
        sb.AppendLine($"PI(kp) == INSTANCE Inner WITH K <- kp, w <- {intVar.Name}");
        for (var i = 0; i < 2; i++)
        {
            var k = rPInst.Range(0, 2);
            ops.Add(new OpInfo { Name = $"PI({k})!Step", Params = new[] { Ty.Int }, Result = Ty.Int });
            ops.Add(new OpInfo { Name = $"PI({k})!Big", Params = Array.Empty<Ty>(), Result = Ty.Bool, ReadsState = true });
            ops.Add(new OpInfo { Name = $"PI({k})!Both", Params = new[] { Ty.Int, Ty.Int }, Result = Ty.Int, ReadsState = true });
        }
    }
}
