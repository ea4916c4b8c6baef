using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Function constructors built on demand where TLC keeps them lazy (docs/differential-testing.md, "Functions built on
/// demand"). TLC's Tool makes <c>[x \in S |-&gt; e]</c> a FcnLambdaValue and computes it whole at once only when every
/// domain is an interval or an enumerated set (Reducible) and the evaluation is not under EvalControl.KeepLazy, which
/// an application <c>f[a]</c> sets while it evaluates f (and everything that evaluates). A FcnLambdaValue evaluates e
/// at the arguments it is applied to only, keeps EXCEPT lazily, and is computed whole when compared, enumerated,
/// printed (its constructor form when that fails) or fingerprinted. Every expected outcome is what TLC printed
/// (tla2tools cc6b616, -workers 1).
/// </summary>
public class LazyFunctionTests
{
    private const string Bad = "IF i = 1 THEN 5 ELSE Append(3, i)";

    private static string Module(string name, string assume) =>
        $"---- MODULE {name} ----\nEXTENDS Sequences, Naturals, TLC, FiniteSets\nVARIABLE x\nASSUME {assume}\n"
        + "G == [i \\in {1, 2} |-> " + Bad + "]\n"
        + "H(k) == [i \\in {1, 2} |-> IF i = k THEN 5 ELSE Append(3, i)]\n"
        + "Init == x = 0\nNext == UNCHANGED x\n====\n";

    private const string Cfg = "INIT Init\nNEXT Next\n";

    private static CheckResult Assume(string e) => InlineSpec.Check("L", Module("L", e), Cfg);

    [Theory]
    // Applied: the body at the argument only (the other argument's Append never runs).
    [InlineData("[i \\in {1, 2} |-> " + Bad + "][1] = 5")]
    [InlineData("[i \\in 1..2 |-> " + Bad + "][1] = 5")]
    [InlineData("[i \\in {1, 2}, j \\in {3} |-> " + Bad + "][1, 3] = 5")]
    [InlineData("[<<a, b>> \\in {<<1, 2>>, <<3, 4>>} |-> IF a = 1 THEN 5 ELSE Append(3, a)][<<1, 2>>] = 5")]
    [InlineData("[i \\in {1, 2} |-> Assert(i = 1, \"bad\")][1]")]
    // Through LET, a definition (with and without parameters), CASE, IF, a nested constructor and an EXCEPT with @.
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5")]
    [InlineData("G[1] = 5")]
    [InlineData("H(1)[1] = 5")]
    [InlineData("(CASE TRUE -> [i \\in {1, 2} |-> " + Bad + "])[1] = 5")]
    [InlineData("(IF TRUE THEN [i \\in {1, 2} |-> " + Bad + "] ELSE <<>>)[1] = 5")]
    [InlineData("[i \\in {1, 2} |-> [j \\in {1, 2} |-> IF j = 1 THEN i ELSE Append(3, j)]][2][1] = 2")]
    [InlineData("[y \\in {1, 2} |-> [i \\in {1, 2} |-> " + Bad + "][y]][1] = 5")]
    [InlineData("[[i \\in {1, 2} |-> " + Bad + "] EXCEPT ![1] = @ + 1][1] = 6")]
    [InlineData("{[i \\in {1, 2} |-> " + Bad + "][k] : k \\in {1}} = {5}")]
    [InlineData("\\A k \\in {1} : [i \\in {1, 2} |-> " + Bad + "][k] = 5")]
    // Kept lazy, never computed whole: DOMAIN and its Cardinality, a quantifier over the DOMAIN.
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ DOMAIN g = {1, 2}")]
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ Cardinality(DOMAIN g) = 2")]
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ \\E k \\in DOMAIN g : g[k] = 5")]
    // A domain TLC does not reduce (SUBSET, \X, [S -> T]): lazy even outside an application.
    [InlineData("Cardinality(DOMAIN [i \\in SUBSET {1, 2} |-> Append(3, i)]) = 4")]
    [InlineData("[i \\in SUBSET {1} |-> IF i = {} THEN 5 ELSE Append(3, i)][{}] = 5")]
    [InlineData("ToString([i \\in SUBSET {1} |-> IF i = {} THEN 5 ELSE Append(3, i)]) # \"\"")]
    [InlineData("[f \\in [{1} -> {1, 2}] |-> IF f[1] = 1 THEN 0 ELSE Append(3, f)][<<1>>] = 0")]
    [InlineData("[i \\in {1, 2} \\cup {3} |-> " + Bad + "][1] = 5")]
    // Over an infinite domain.
    [InlineData("[n \\in Nat |-> n + 1][3] = 4")]
    [InlineData("3 \\in DOMAIN [n \\in Nat |-> n + 1]")]
    public void A_constructor_TLC_keeps_lazy_is_evaluated_at_the_arguments_applied_only(string e)
    {
        var r = Assume(e);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
    }

    [Theory]
    // Computed whole: not applied (DOMAIN, Cardinality, PrintT, membership, Len, =, #, a field), or forced later
    // (compared, a set of functions, Len of one kept lazy), or an EXCEPT's key (TLC selects the old value there).
    [InlineData("DOMAIN [i \\in {1, 2} |-> " + Bad + "] = {1, 2}")]
    [InlineData("Cardinality(DOMAIN [i \\in {1, 2} |-> " + Bad + "]) = 2")]
    [InlineData("PrintT([i \\in {1, 2} |-> " + Bad + "])")]
    [InlineData("[i \\in {1, 2} |-> " + Bad + "] \\in [{1, 2} -> Nat]")]
    [InlineData("Len([i \\in 1..3 |-> IF i = 2 THEN Append(3, i) ELSE i]) = 3")]
    [InlineData("[[i \\in {1, 2} |-> " + Bad + "] EXCEPT ![2] = 7][1] = 5")]
    [InlineData("[[i \\in {1, 2} |-> " + Bad + "] EXCEPT ![2] = 7] = <<5, 7>>")]
    [InlineData("[i \\in {1, 2} |-> " + Bad + "] = [i \\in {1, 2} |-> " + Bad + "]")]
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ g = g")]
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ g \\in [{1, 2} -> Nat]")]
    [InlineData("LET g == [i \\in 1..2 |-> " + Bad + "] IN g[1] = 5 /\\ Len(g) = 2")]
    [InlineData("[i \\in {\"a\", \"b\"} |-> IF i = \"a\" THEN 1 ELSE Append(3, i)].a = 1")]
    [InlineData("[i \\in {1, 2}, j \\in SUBSET {1} |-> " + Bad + "] # <<>>")]
    [InlineData("PrintT([i \\in {1, 2} \\cup {3} |-> " + Bad + "])")]
    public void A_constructor_TLC_computes_whole_fails_on_any_argument(string e)
    {
        var r = Assume(e);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains($"Error: Evaluating assumption line 4, col 8 to line 4, col {7 + e.Length} of module L failed.\n"
            + "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n3", TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Theory]
    // PrintT of a function kept lazy: whole when it can be computed, else TLC's constructor form (toString swallows
    // the failure); a body with effects prints as TLC evaluates it (once per argument, when it is computed whole).
    [InlineData("LET g == [i \\in {1, 2} |-> " + Bad + "] IN g[1] = 5 /\\ PrintT(g)",
        "[i \\in {1, 2} |-> <expression line 4, col 35 to line 4, col 67 of module L>]")]
    [InlineData("PrintT([i \\in SUBSET {1} |-> IF i = {} THEN 5 ELSE Append(3, i)])",
        "[i \\in {{}, {1}} |-> <expression line 4, col 37 to line 4, col 70 of module L>]")]
    [InlineData("[<<a, b>> \\in {1} \\X {2, 3} |-> IF b = 2 THEN 0 ELSE Append(3, b)][<<1, 2>>] = 0 /\\ PrintT([<<a, b>> \\in {1} \\X {2, 3} |-> IF b = 2 THEN 0 ELSE Append(3, b)])",
        "[<<a, b>> \\in {<<1, 2>>, <<1, 3>>} |-> <expression line 4, col 131 to line 4, col 163 of module L>]")]
    [InlineData("PrintT([s \\in SUBSET {1} |-> Cardinality(s)])", "({} :> 0 @@ {1} :> 1)")]
    [InlineData("[i \\in {1, 2, 3} |-> Print(i, i)][2] = 2", "2  2")]
    [InlineData("PrintT([i \\in {1, 2} |-> Print(i, i)])", "1  1", "2  2", "<<1, 2>>")]
    [InlineData("PrintT([i \\in SUBSET {1} |-> Print(i, 0)])", "{}  0", "{1}  0", "({} :> 0 @@ {1} :> 0)")]
    public void A_function_kept_lazy_prints_as_TLC_prints_it(string e, params string[] printed)
    {
        var r = Assume(e);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(printed, r.Output);
    }

    private static string Spec(string init, string next, string inv = null) =>
        $"---- MODULE S ----\nEXTENDS Sequences, Naturals, TLC, FiniteSets\nVARIABLE x\nInit == {init}\nNext == {next}\n"
        + (inv != null ? $"Inv == {inv}\n" : "") + "====\n";

    [Theory]
    // In the initial predicate, a step (@ of an EXCEPT inside the body), an invariant: TLC's counts, no error.
    [InlineData("x = [i \\in {1, 2} |-> " + Bad + "][1]", "x' = x", null, 0, 2, 1)]
    [InlineData("x = 0", "x < 3 /\\ x' = [i \\in {1, 2} |-> IF i = 1 THEN x + 1 ELSE Append(3, i)][1]", null, 11, 4, 4)]
    [InlineData("x = 0", "x < 3 /\\ x' = x + 1", "[i \\in {1, 2} |-> IF i = 1 THEN x < 5 ELSE Append(3, i)][1]", 11, 4, 4)]
    [InlineData("x = <<0, 0>>", "x[1] < 2 /\\ x' = [x EXCEPT ![1] = [i \\in {1, 2} |-> IF i = 1 THEN @ + 1 ELSE Append(3, i)][1]]", null, 11, 3, 3)]
    [InlineData("x = 0", "x < 2 /\\ x' = [s \\in SUBSET {1, 2} |-> Cardinality(s)][{1}] + x",
        "LET g == [i \\in {1, 2} |-> IF i = 1 THEN x ELSE Append(3, i)] IN g[1] >= 0", 11, 3, 3)]
    public void A_constructor_applied_in_a_behaviour_is_evaluated_at_its_argument_only(string init, string next, string inv, int exit, int generated, int distinct)
    {
        var r = InlineSpec.Check("S", Spec(init, next, inv), "INIT Init\nNEXT Next\n" + (inv != null ? "INVARIANT Inv\n" : ""));
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(generated, r.StatesGenerated);
        Assert.Equal(distinct, r.DistinctStates);
    }
}
