using Xunit;
using Ops.Tla.Checking;

namespace Ops.Tla.Tests.Checking;

/// <summary>Subexpression names (TLA+ book 17.3): labels, positional selectors, !:, !@, !(e), through
/// LET definitions, theorems and instances.</summary>
public class SubexpressionNameTests
{
    private static CheckResult Check(string name, string body, params (string File, string Text)[] extra) =>
        InlineSpec.Check(name, $"---- MODULE {name} ----\nEXTENDS Naturals\n{body}\n====\n", "", extra);

    [Theory]
    [InlineData("D == <<10, 20, 30>>", "D!2 = 20")]
    [InlineData("D == IF 1 = 2 THEN 7 ELSE 8", "D!1!<< = 1 /\\ D!2 = 7 /\\ D!3 = 8")]
    [InlineData("D(a) == /\\ TRUE\n        /\\ a + 1 > 2", "D(5)!2!<< = 6 /\\ D(5)!2!<<!>> = 1")]
    [InlineData("D == [i \\in 1..3 |-> i * 2][2]", "D!>> = 2 /\\ D!<<[3] = 6 /\\ D!<<!1!>> = 3")]
    [InlineData("D == {x \\in {1, 2} : x > 5}", "D!1 = {1, 2} /\\ D!(9)!<< = 9")]
    [InlineData("D == \\A x \\in {1}, <<y, z>> \\in {<<2, 3>>} : x + y = z", "D!2!1 = <<2, 3>> /\\ D!(4, 5, 6)!<< = 9")]
    [InlineData("D == CASE 1 = 1 -> 11 [] OTHER -> 22", "D!1!>> = 11 /\\ D!2!>> = 22")]
    [InlineData("D == [a |-> 1, b |-> 2].b", "D!1!2 = 2 /\\ D!2 = \"b\"")]
    [InlineData("D == LET Z == 23 IN Z + 1", "D!1 = 24")]
    [InlineData("D == [5]_(6)", "D!1 = 5 /\\ D!>> = 6")]
    [InlineData("D == WF_(6)(5)", "D!1 = 6 /\\ D!2 = 5")]
    public void Positional_selectors_pick_the_operands_SANY_numbers(string def, string assumption)
    {
        var r = Check("Positional", def + "\nASSUME " + assumption);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_wrong_selected_value_fails_the_assumption()
    {
        var r = Check("PositionalWrong", "D == <<10, 20, 30>>\nASSUME D!2 = 30");
        Assert.Equal(CheckOutcome.AssumptionFailure, r.Outcome);
    }

    [Fact]
    public void Labels_name_subexpressions_and_take_the_bound_identifiers_as_arguments()
    {
        const string body = @"Op(F(_), p) == \A x \in {1, 2} : lab(x) :: LET a ++ b == F(a) + b + x
                                          IN  inner :: (1 ++ p) + x
Twice(u) == 2 * u
ASSUME Op(Twice, 3)!lab(5)!inner = 2 + 3 + 5 + 5
ASSUME Op(Twice, 3)!lab(5)!:!++(4, 1) = 8 + 1 + 5
ASSUME Op(Twice, 3)!(5)!++(4, 1) = 14
ASSUME Op(Twice, 3)!1 = {1, 2}
Op2(p) == \A x \in {1} : LET a ++ b == a + b + x + p IN TRUE
Call4(G(_, _, _, _), a, b, c, d) == G(a, b, c, d)
ASSUME Call4(Op2!@!++, 1, 2, 3, 4) = 10
THEOREM Thm == lab3 :: 1 + 1 = 2
ASSUME Thm!lab3 /\ Thm!: /\ Thm!1 = 2
Scale(a) == {x * a : x \in {1, 2}}
Apply2(G(_, _), a, b) == G(a, b)
ASSUME Apply2(Scale!@, 3, 4) = 12
Id(a) == a
ASSUME Id(7)!: = 7";
        var r = Check("Labels", body);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void Subexpression_names_reach_through_instances_and_parameterised_instances()
    {
        const string inner = @"---- MODULE SubInner ----
EXTENDS Naturals
CONSTANT K
THEOREM T == lbl :: K + 1 > K
Pair(a) == {x \in {1} : at(x) :: <<x, a, K>>}
Sel(G(_, _)) == G(1, 2)
Use == Sel(Pair!@!1)
====";
        const string body = @"I == INSTANCE SubInner WITH K <- 4
P(n) == INSTANCE SubInner WITH K <- n
ASSUME I!T!lbl /\ I!T!1 = 5 /\ I!T!1!<< = 4 /\ P(9)!T!>> = 9
ASSUME I!Pair(7)!at(1)!2 = 7 /\ P(3)!Pair(7)!(1)!3 = 3
ASSUME P(5)!Use = 2";
        var r = Check("SubOuter", body, ("SubInner.tla", inner));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Theory]
    [InlineData("D == <<1, 2>>\nASSUME D!3 = 1", "Nonexistent operand")]
    [InlineData("D == \\A x \\in {1} : lab(x) :: x = 1\nASSUME D!nolab(1)", "Cannot find label")]
    [InlineData("D(a) == a + 1\nASSUME D!1 = 1", "requires 1 argument")]
    [InlineData("D == LET A == 1 IN A\nASSUME D!2 = 1", "only one operand")]
    public void A_bad_subexpression_name_is_a_semantic_error_with_its_location(string body, string message)
    {
        var r = Check("BadSub", body);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
        Assert.Contains("BadSub.tla:", r.Violation.Location);
    }
}
