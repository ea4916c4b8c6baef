using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the fourth round on public specifications and on small specifications written for
/// corners real users reach, each reduced to a small spec written for the test. Expected exit codes, counts and
/// messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound4FindingsTests
{
    private static CheckResult Module(string units, string cfg = "INIT Init\nNEXT Next\n") =>
        InlineSpec.Check("R4", $"---- MODULE R4 ----\nEXTENDS Naturals, Sequences, FiniteSets, TLC\nCONSTANT N\nVARIABLE x\n{units}\n====\n",
            "CONSTANT N = 3\n" + cfg);

    [Theory]
    // SANY: a bound identifier, a parameter or a LET definition may not reuse a name already in scope where it is
    // written: "Multiply-defined symbol 'x': this definition or declaration conflicts with the one at line 4, col 10
    // to line 4, col 10 of module R4." (exit 150), even in a definition nothing uses. TLC refused these; Ops checked
    // them (the inner binding shadowing the outer name).
    [InlineData("Init == x = 0\nNext == x' = CHOOSE x \\in {1} : TRUE", 6, 21)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == [x \\in {} |-> 1]", 7, 7)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == {x * 2 : x \\in 1..3}", 7, 15)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == SelectSeq(<<1>>, LAMBDA x : TRUE)", 7, 30)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == \\E i \\in {1} : \\A i \\in {2} : TRUE", 7, 24)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF(N) == N", 7, 3)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF(a) == LET a == 1 IN a", 7, 13)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == LET Init == 1 IN Init", 7, 10)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == \\E Len \\in {1} : TRUE", 7, 9)]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == \\E <<a, Next>> \\in {<<1, 2>>} : TRUE", 7, 14)]
    public void A_new_name_that_reuses_one_in_scope_is_a_semantic_error(string units, int line, int col)
    {
        var r = Module(units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("Multiply-defined symbol", r.Violation.Message);
        Assert.EndsWith($"R4.tla:{line}:{col}", r.Violation.Location);
    }

    [Theory]
    // The same names where SANY accepts them: a module-level name defined after the binding (not yet in SANY's
    // symbol table), sibling bindings, a name reused in two separate definitions.
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == \\E y \\in {1} : TRUE\ny == 2")]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF == (\\E i \\in {1} : TRUE) /\\ (\\A i \\in {2} : TRUE)")]
    [InlineData("Init == x = 0\nNext == UNCHANGED x\nF(a) == a\nG(a) == LET b == a IN b")]
    public void A_name_not_yet_in_scope_may_be_bound(string units)
    {
        Assert.Equal(0, Module(units).ExitCode);
    }

    [Fact]
    public void A_subexpression_name_of_a_LET_operator_reuses_its_parameters()
    {
        // tlc-test-model's test209: U!1!Op names the LET operator Op(x) inside U; its parameter x is the same
        // declaration, not a second one (TLC: exit 0).
        var r = Module("U == /\\ LET Op(y) == y + 1\n        IN  44\n     /\\ TRUE\nASSUME U!1!Op(42) = 43\nInit == x = 0\nNext == UNCHANGED x");
        Assert.Equal(0, r.ExitCode);
        // test206: a label's parameter names the bound identifier it stands for (lab(y) :: ... y \in {1}).
        r = Module("COp2(q, p) ==\n   CHOOSE w : lab(w) ::  LET a ++ b ==  {lab(y):: y + a + b : y \\in {1}}\n                         IN  <<q, 99 ++ p >>\n"
            + "ASSUME COp2(1,2)!lab(3)!:!++(9,10)!lab(11) = 30\nInit == x = 0\nNext == UNCHANGED x");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    // TLC evaluates a constant definition once and keeps its value in place of the operator; an INIT or NEXT naming
    // one is refused before any state: "The next state action Next cannot be a constant." / "The initial predicate
    // Init cannot be a constant." (exit 151). Ops ran them: Next == FALSE was a deadlock (exit 11), Next == TRUE an
    // evaluation error (75), Init == TRUE an unassigned variable (255). Through SPECIFICATION ([][FALSE]_x) TLC
    // accepts it (a deadlock).
    [InlineData("Init == x = 0\nNext == FALSE", "The next state action Next cannot be a constant.")]
    [InlineData("Init == x = 0\nNext == TRUE", "The next state action Next cannot be a constant.")]
    [InlineData("Init == x = 0\nF == FALSE\nNext == F \\/ N > 5", "The next state action Next cannot be a constant.")]
    [InlineData("Init == x = 0\nNext == IF N > 5 THEN TRUE ELSE FALSE", "The next state action Next cannot be a constant.")]
    [InlineData("Init == TRUE\nNext == x' = x", "The initial predicate Init cannot be a constant.")]
    [InlineData("Init == N = 3\nNext == x' = x", "The initial predicate Init cannot be a constant.")]
    public void An_init_or_next_that_is_a_constant_is_a_configuration_error(string units, string message)
    {
        var r = Module(units);
        Assert.Equal(151, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void A_constant_next_state_action_through_SPECIFICATION_is_a_deadlock()
    {
        var r = Module("Init == x = 0\nSpec == Init /\\ [][FALSE]_x", "SPECIFICATION Spec\n");
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
    }

    [Theory]
    // TLC's S \cap T and S \ T enumerate S and ask T about each element: an element of another kind than T's is an
    // error ("Attempted to check equality of string "a" with non-string:\n1", exit 10 in an ASSUME); Ops's merge of
    // sorted arrays ordered the kinds and answered {} and {1, 2}.
    [InlineData("{1, 2} \\cap {\"a\"} = {}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("{1, 2} \\ {\"a\"} = {1, 2}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("{1, 2} \\ {\"a\", \"b\"} = {1, 2}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("{{1}} \\cap {{\"a\"}} = {}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    public void Intersection_and_difference_compare_elements_of_other_kinds(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Theory]
    // Sets of one kind, or of model values and one kind, or an empty side: no comparison can fail.
    [InlineData("{1, 2} \\cap {2, 3} = {2}")]
    [InlineData("{1, 2} \\ {2} = {1}")]
    [InlineData("{} \\cap {\"a\"} = {}")]
    [InlineData("{1} \\ {} = {1}")]
    [InlineData("{{1}, {2, 3}} \\ {{2, 3}} = {{1}}")]
    [InlineData("{<<1, \"a\">>} \\cap {<<1, \"a\">>, <<2, \"b\">>} = {<<1, \"a\">>}")]
    public void Intersection_and_difference_of_one_kind_are_unchanged(string expr)
    {
        Assert.Equal(0, InlineSpec.Assume(expr).ExitCode);
    }

    [Theory]
    // SequencesExt's Reverse is TLA+ in TLC (no Java override): applying a string fails, "A non-function (a string)
    // was applied as a function." (exit 10 in an ASSUME); Ops reversed the string. The empty string gives <<>>.
    [InlineData("Reverse(\"abc\") = \"cba\"", 10)]
    [InlineData("Reverse(\"\") = <<>>", 0)]
    [InlineData("Reverse(<<1, 2>>) = <<2, 1>>", 0)]
    public void Reverse_of_a_string_applies_the_string(string expr, int exit)
    {
        var r = InlineSpec.Check("Rev", $"---- MODULE Rev ----\nEXTENDS Naturals, Sequences, SequencesExt\nASSUME {expr}\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 10) Assert.Contains("A non-function (a string) was applied as a function.", r.Violation.Message);
    }
}
