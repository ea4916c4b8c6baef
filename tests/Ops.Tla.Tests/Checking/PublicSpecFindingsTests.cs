using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the second round on specifications outside the conformance corpora (public
/// specifications and small specifications written to reach corners), each reduced to a small spec. Expected exit
/// codes and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class PublicSpecFindingsTests
{
    private static CheckResult Module(string units) =>
        InlineSpec.Check("Lvl", $"---- MODULE Lvl ----\nEXTENDS Naturals, Sequences\nVARIABLE x\n{units}\nInit == x = 0\nNext == x' = x\n====\n",
            "INIT Init\nNEXT Next\n");

    /// <summary><c>ASSUME expr</c> in a module extending Integers, Sequences and TLC (exit 10 where it fails).</summary>
    private static CheckResult Assume(string expr) =>
        InlineSpec.Check("IntAssume", $"---- MODULE IntAssume ----\nEXTENDS Integers, Sequences, TLC\nASSUME {expr}\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\n");

    [Theory]
    // SANY's BuiltInLevel table: the elements of a set, the operands of =, a function's argument are at most actions;
    // the subscript of [A]_v, of <<A>>_v and of WF_v(A) is at most a state function; UNCHANGED's argument too. SANY
    // checks every definition, used or not: "Level error in applying operator $SetEnumerate: The level of argument 1
    // exceeds the maximum level allowed by the operator." (exit 150).
    [InlineData("I == [](x > 0)\nJ == {I}", "$SetEnumerate")]
    [InlineData("I == [](x > 0)\nJ == I = TRUE", "=")]
    [InlineData("I == <>(x > 0)\nJ == <<I>>", "$Tuple")]
    [InlineData("I == [](x > 0)\nJ == [n \\in {1} |-> n][I]", "$FcnApply")]
    [InlineData("R == [][x' > x]_(x')", "$SquareAct")]
    [InlineData("R == <><<x' > x>>_(x')", "$AngleAct")]
    [InlineData("R == WF_(x')(x' > x)", "$WF")]
    [InlineData("R == UNCHANGED (x')", "UNCHANGED")]
    [InlineData("I == [](x > 0)\nR == ENABLED I", "ENABLED")]
    public void An_argument_above_the_level_a_built_in_operator_allows_is_a_semantic_error(string units, string op)
    {
        var r = Module(units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains($"Level error in applying operator {op}: The level of argument", r.Violation.Message);
    }

    [Theory]
    // The same operators at the levels they allow: no error.
    [InlineData("I == [](x > 0)\nJ == IF TRUE THEN I ELSE I")]
    [InlineData("I == [](x > 0)\nJ == [n \\in {1} |-> I]")]
    [InlineData("A == x' > x\nJ == {A} = {A}")]
    [InlineData("R == [][x' > x]_<<x, x + 1>>")]
    [InlineData("A == x' > x\nR == ENABLED A")]
    public void Arguments_at_the_allowed_levels_are_accepted(string units)
    {
        var r = Module(units);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.DistinctStates);
    }

    [Fact]
    public void An_assumption_that_mentions_a_variable_is_a_level_error()
    {
        // SANY: "Level error: assumptions must be level 0 (Constant), but this one has level 1." (exit 150; Ops
        // evaluated it and failed with exit 10).
        var r = Module("ASSUME x > 0");
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("assumptions must be level 0 (Constant), but this one has level 1", r.Violation.Message);
    }

    [Theory]
    // SANY: "Lambda expression with arity 2 used as argument 1 of operator `U', but an operator of arity 1 is
    // required." (exit 150), in a definition nothing uses.
    [InlineData("U(Op(_)) == Op(1)\nW == U(LAMBDA a, b : a)")]
    [InlineData("U(Op(_)) == Op(1)\nTwo(a, b) == a\nW == U(Two)")]
    [InlineData("U(Op(_, _)) == Op(1, 2)\nW == U(Len)")]
    public void An_operator_argument_of_the_wrong_arity_is_a_semantic_error(string units)
    {
        var r = Module(units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("is passed where an operator of", r.Violation.Message);
    }

    [Theory]
    // TLC's Nat and Int are overridden values (UserValue) whose compareTo knows each other: Nat = Int is FALSE, not
    // an error (Ops failed with exit 10).
    [InlineData("Nat = Int", true)]
    [InlineData("Int # Nat", false)]
    [InlineData("{Nat} = {Int}", true)]
    public void Nat_and_Int_are_unequal_without_an_error(string expr, bool negate)
    {
        var r = Assume(negate ? $"~({expr})" : expr);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    // Two overridden sets of different kinds: "Attempted to compare STRING with the value\nNat"; an overridden set
    // and any other value: UserValue's "Attempted to compare overridden value Nat with non-overridden value:".
    [InlineData("STRING = Nat", "Attempted to compare STRING with the value\nNat")]
    [InlineData("Seq({1}) = Int", "Attempted to compare Seq({1}) with the value\nInt")]
    [InlineData("Nat = 1", "Attempted to compare overridden value Nat with non-overridden value:\n1")]
    [InlineData("Int = \"s\"", "Attempted to compare overridden value Int with non-overridden value:\n\"s\"")]
    public void Comparing_an_overridden_infinite_set_fails_with_TLCs_message(string expr, string message)
    {
        var r = Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void The_value_Any_prints_as_TLC_prints_it()
    {
        var printed = new List<string>();
        var r = InlineSpec.Check("AnyP", "---- MODULE AnyP ----\nEXTENDS TLC\nASSUME PrintT(<<Any, ToString(Any)>>)\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\n", new CheckOptions { Log = printed.Add });
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<<ANY, \"ANY\">>", printed);
    }

    [Theory]
    // A quantifier over an overridden infinite set names the bound and its place (TLC's lines, checked against TLC),
    // with TLC's explanation for Nat, Int and Seq(S).
    [InlineData("\\E y \\in Nat : y < 0", "TLC encountered the non-enumerable quantifier bound\nNat\nline 3, col 17 to line 3, col 19 of module IntAssume\nThe set Nat contains infinitely many elements.")]
    [InlineData("\\A y \\in Int : y > 0", "TLC encountered the non-enumerable quantifier bound\nInt\nline 3, col 17 to line 3, col 19 of module IntAssume\nThe set Int contains infinitely many elements.")]
    [InlineData("{y + 1 : y \\in Nat} = {}", "TLC encountered the non-enumerable quantifier bound\nNat\nline 3, col 23 to line 3, col 25 of module IntAssume\n")]
    [InlineData("\\E y \\in Seq({1}) : TRUE", "TLC encountered the non-enumerable quantifier bound\nSeq({1})\nline 3, col 17 to line 3, col 24 of module IntAssume\nIn TLA+, Seq(S) represents the set of all finite sequences")]
    [InlineData("\\E y \\in STRING : TRUE", "TLC encountered a non-enumerable quantifier bound\nSTRING.\nline 3, col 17 to line 3, col 22 of module IntAssume")]
    // CHOOSE and \subseteq have their own words.
    [InlineData("CHOOSE y \\in Int : TRUE", "Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable.")]
    [InlineData("Nat \\subseteq Nat", "Attempted to evaluate an expression of form S \\subseteq T, but S was not enumerable.")]
    // Other infinite sets fail where TLC enumerates them, in the set's words.
    [InlineData("\\E y \\in {z \\in Nat : z > 1} : TRUE", "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    [InlineData("\\E y \\in Nat \\ {1} : TRUE", "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    [InlineData("\\E y \\in Nat \\cup {1} : TRUE", "Attempted to enumerate S \\cup T when S:\n{1}\nand T:\nNat\nare not both enumerable")]
    public void Enumerating_an_infinite_set_fails_with_TLCs_message(string expr, string message)
    {
        var r = Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }
    [Fact]
    public void A_model_value_comes_before_values_of_other_kinds()
    {
        // TLC's ModelValue.compareTo is -1 against any other kind of value: {"a", m1} is {m1, "a"}, CHOOSE picks m1, a
        // function's domain starts with it. Found on Slush (tlaplus/Examples), whose ProcSet mixes model values and
        // the string "ClientRequest": the pc function printed in the other order.
        var printed = new List<string>();
        var r = InlineSpec.Check("MvOrder", "---- MODULE MvOrder ----\nEXTENDS TLC\nCONSTANT m1\n" +
            "ASSUME PrintT(<<{\"a\", m1}, {1, m1}, {TRUE, m1}, CHOOSE v \\in {\"a\", m1} : TRUE, [v \\in {\"a\", m1} |-> 1]>>)\n" +
            "VARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            "CONSTANT m1 = m1\nINIT Init\nNEXT Next\n", new CheckOptions { Log = printed.Add });
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<<{m1, \"a\"}, {m1, 1}, {m1, TRUE}, m1, (m1 :> 1 @@ \"a\" :> 1)>>", printed);
    }

    private const string ViewSym = @"---- MODULE ViewSym ----
EXTENDS Naturals, TLC
CONSTANTS P
VARIABLES y, x
Init == y \in P /\ x \in P
Next == UNCHANGED <<x, y>>
Sym == Permutations(P)
ViewX == x
ViewY == y
====";

    [Theory]
    // With SYMMETRY and VIEW, TLC (TLCStateMut.fingerPrint) takes the smallest permutation of the state, comparing
    // the variables in the order it holds them (the order it prints them: x before y here), and fingerprints the view
    // of that state. Permuting the view's value instead merged the states whose view differs only by a permutation.
    [InlineData("{a, b}", "ViewX", 5, 1)]
    [InlineData("{a, b, c}", "ViewX", 10, 1)]
    [InlineData("{a, b}", "ViewY", 6, 2)]
    [InlineData("{a, b, c}", "ViewY", 11, 2)]
    public void With_symmetry_the_view_is_taken_of_the_smallest_permutation_of_the_state(string p, string view, long generated, long distinct)
    {
        var r = InlineSpec.Check("ViewSym", ViewSym, $"CONSTANTS P = {p}\nINIT Init\nNEXT Next\nVIEW {view}\nSYMMETRY Sym\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(generated, r.StatesGenerated);
        Assert.Equal(distinct, r.DistinctStates);
    }
}
