using Xunit;
using Ops.Tla.Checking;

namespace Ops.Tla.Tests.Checking;

/// <summary>Front-end forms SANY accepts: prefix forms of infix/postfix operators, operators of the language
/// passed as operator arguments, keywords as record field names, INSTANCE inside LET.</summary>
public class OperatorFormsTests
{
    [Fact]
    public void An_infix_or_postfix_operator_can_be_applied_in_prefix_form()
    {
        const string tla = @"---- MODULE PrefixForm ----
a ++ b == <<1, a, b>>
a (+) b == <<2, a, b>>
a ^* == <<3, a>>
a \leq b == <<4, a, b>>
ASSUME ++(4, 6) = <<1, 4, 6>>
ASSUME (+) (4, 6) = <<2, 4, 6>>
ASSUME \oplus(4, 6) = <<2, 4, 6>>
ASSUME ^*(4) = <<3, 4>>
ASSUME <=(4, 6) = <<4, 4, 6>>
ASSUME \in(1, {1}) /\ \cup({1}, {2}) = {1, 2}
I == INSTANCE PrefixFormDefs
ASSUME I!**(1, 2) = <<5, 1, 2>> /\ I!^#(7) = <<6, 7>>
====";
        const string defs = @"---- MODULE PrefixFormDefs ----
a ** b == <<5, a, b>>
a ^# == <<6, a>>
====";
        var r = InlineSpec.Check("PrefixForm", tla, "", ("PrefixFormDefs.tla", defs));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void Operators_of_the_language_can_be_passed_as_operator_arguments()
    {
        const string tla = @"---- MODULE CoreArgs ----
VARIABLE x
Bin(F(_, _)) == F(TRUE, FALSE)
Un(F(_)) == F({{1}, {2}})
OnFcn(F(_)) == F([i \in {1, 2} |-> i])
Primed(F(_)) == F(x) = x
ASSUME Bin(=>) = FALSE /\ Bin(<=>) = FALSE /\ Bin(\/) = TRUE /\ Bin(=) = FALSE
ASSUME Un(SUBSET) = SUBSET {{1}, {2}} /\ Un(UNION) = {1, 2} /\ OnFcn(DOMAIN) = {1, 2}
Init == x = 0
Next == Primed(') /\ UNCHANGED x
====";
        var r = InlineSpec.Check("CoreArgs", tla, "INIT Init NEXT Next");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(1, r.DistinctStates);
    }

    [Fact]
    public void Keywords_can_be_record_field_names_after_a_dot()
    {
        const string tla = @"---- MODULE KeywordFields ----
r == [a |-> 1]
Unused == r.NEW \cup [r EXCEPT !.IF = 0].THEN \cup r.WF_
ASSUME [r EXCEPT !.a = 2].a = 2
====";
        var r = InlineSpec.Check("KeywordFields", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void An_instance_inside_LET_substitutes_the_local_values_in_scope()
    {
        const string tla = @"---- MODULE LetInst ----
EXTENDS Naturals
VARIABLE y
Next == LET x == y + 1
            M == INSTANCE LetInstInner
        IN  y' = M!Twice % 7
Op(x) == LET M == INSTANCE LetInstInner IN M!Twice
ASSUME Op(5) = 10
Init == y = 0
====";
        const string inner = @"---- MODULE LetInstInner ----
EXTENDS Naturals
VARIABLE x
Twice == 2 * x
====";
        var r = InlineSpec.Check("LetInst", tla, "INIT Init NEXT Next", ("LetInstInner.tla", inner));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates); // 0 -> 2 -> 6 -> 14 % 7 = 0
    }

    [Theory]
    [InlineData("HIDE T, Def", "4:9")]
    [InlineData("HIDE T, TRUE", "4:9")]
    [InlineData("HIDE T!1", "4:6")]
    public void HIDE_names_only_theorems_assumptions_and_steps(string hide, string at)
    {
        var tla = "---- MODULE Hide ----\nDef == 1\nTHEOREM T == TRUE\n" + hide + "\nASSUME A == TRUE\nHIDE A, T\nUSE T, Def, TRUE\n====\n";
        var r = InlineSpec.Check("Hide", tla, "");
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("The only expression allowed as a fact in a HIDE", r.Violation.Message);
        Assert.EndsWith("Hide.tla:" + at, r.Violation.Location);
    }

    [Fact]
    public void HIDE_of_theorem_and_assumption_names_is_accepted()
    {
        const string tla = "---- MODULE HideOk ----\nTHEOREM T == TRUE\nTHEOREM AP == ASSUME TRUE PROVE TRUE\nASSUME A == TRUE\nHIDE A, T, AP\nUSE T, TRUE DEF A\n====\n";
        var r = InlineSpec.Check("HideOk", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }
}
