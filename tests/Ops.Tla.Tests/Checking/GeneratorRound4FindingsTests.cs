using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The spec generator's round-3 findings left open at stop 35, and what round 4 found (docs/differential-testing.md,
/// "The generator, round 4"), each reduced to a small spec. The expected texts and figures are TLC's (tla2tools
/// cc6b616, -workers 1 -noTE), from the first "Error:" line (or TLC's last lines) to the figures.
/// </summary>
public class GeneratorRound4FindingsTests
{
    private const string Spec = "VARIABLE x\nInit == x \\in 0..2\nNext == x' = (x + 1) % 3\n" +
                                "ConstrC == Max({3}) > 4\nInvC == Min({3, 4}) > 3\nConstrD == Cardinality({3}) > 4\n";

    private static CheckResult Check(string body, string cfg, string extends = "Naturals, FiniteSets, FiniteSetsExt") =>
        InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS {extends}\n{body}====\n", cfg, new CheckOptions { Workers = 1 });

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    // Seed 36 cases 25 and 59, seed 35 case 20: TLC pre-evaluates a definition whose level bound is 0
    // (SpecProcessor.processConstantDefns) and then refuses a configured constraint or invariant equal to FALSE
    // (processConfigInvariants/Constraints, exit 151). The bound (SymbolNodeValueLookupProvider.getLevelBoundAppl) goes
    // by names: an operator application named as a state variable (UniqueString.getVarLoc) counts as level 1. The bound
    // identifier x of FiniteSetsExt's Max(S) == CHOOSE x \in S : \A y \in S : x >= y is such a name in a spec with
    // VARIABLE x, so TLC leaves the definition to the search, where it is FALSE on every state.

    [Fact]
    public void A_constant_CONSTRAINT_calling_a_definition_with_a_variables_name_inside_is_evaluated_on_the_states()
    {
        var r = Check(Spec, "INIT Init\nNEXT Next\nCONSTRAINT ConstrC\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Model checking completed. No error has been found.\n", Text(r));
        Assert.Contains("3 states generated, 0 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 1.\n", Text(r));
    }

    [Fact]
    public void A_constant_ACTION_CONSTRAINT_calling_it_is_evaluated_on_the_steps()
    {
        var r = Check(Spec, "INIT Init\nNEXT Next\nACTION_CONSTRAINT ConstrC\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("6 states generated, 3 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 1.\n", Text(r));
    }

    [Fact]
    public void A_constant_INVARIANT_calling_it_is_violated_by_the_initial_state()
    {
        var r = Check(Spec, "INIT Init\nNEXT Next\nINVARIANT InvC\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Contains("Error: Invariant InvC is violated by the initial state:\nx = 0\n", Text(r));
    }

    [Fact]
    public void A_constant_CONSTRAINT_without_such_a_name_is_still_refused_before_the_search()
    {
        var r = Check(Spec, "INIT Init\nNEXT Next\nCONSTRAINT ConstrD\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("The constraint of ConstrD is equal to FALSE", Text(r));
    }

    [Fact]
    public void A_failing_constant_part_of_a_later_property_comes_before_an_action_form_of_an_earlier_one()
    {
        // Seed 36 case 34: TLC (Liveness.parseLiveness) turns every fairness formula and property into its live
        // expression (astToLive, evaluating constant parts) before classifyExpr refuses an action outside <>[]A and
        // []<>A. Ops refused PropAct's form first.
        var r = Check("VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nPropAct == <><<Next>>_x\nPropErr == <>(x = 1 \\/ {1} + 2 = 2)\n",
            "INIT Init\nNEXT Next\nPROPERTY PropAct\nPROPERTY PropErr\n", extends: "Naturals");
        Assert.Equal(255, r.ExitCode);
        var text = Text(r);
        // TLC's MethodValue wraps the override's failure with Assert.fail (a TLCRuntimeException): MP prints it
        // without the frame of an unexpected exception (Ops framed it as it frames an EvalException).
        Assert.DoesNotContain("TLC threw an unexpected exception", text);
        Assert.Contains("Error: Attempted to apply the operator overridden by the Java method\n" +
                        "public static tlc2.value.impl.IntValue tlc2.module.Naturals.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\n" +
                        "but it produced the following error:\nCannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue\n", text);
        Assert.DoesNotContain("Temporal formulas containing actions", text);
    }

    /// <summary>The run's text from its first "Error:" line to the figures (Ops's "Finished in" line left out).</summary>
    private static string FromFirstError(CheckResult r)
    {
        var text = Text(r);
        var start = text.IndexOf("Error:", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var end = text.IndexOf("Finished in", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [Theory]
    [InlineData("1 <= \"c\"", "Error: The second argument of <= should be an integer, but instead it is:\n\"c\"\n", 53, 60)]
    [InlineData("1 \\in 2", "Error: Attempted to check if the value:\n1\nis an element of the integer 2\nWhile working on the initial state:\nx = 0\n\n", 53, 59)]
    public void An_invariant_failing_on_an_initial_state_the_constraint_excludes_shows_the_replays_positions(string failing, string head, int col0, int col1)
    {
        // Batch seed 400, case 68: DoInitFunctor checks the invariants of an initial state the CONSTRAINT excludes as it
        // checks a kept one, and its replay prints the nested expressions (the initial predicate's, the invariant's).
        // Ops printed "While working on the initial state:" and the state for either kind of failure, and no list.
        var r = Check($"VARIABLE x\nInit == x \\in 0..1\nNext == x' = 1 - x\nInvErr == IF TRUE THEN (\\E u \\in (0..3) : u = u /\\ ({failing})) ELSE TRUE\nConstr == x = 5\n",
            "INIT Init\nNEXT Next\nINVARIANT InvErr\nCONSTRAINT Constr\n", extends: "Naturals");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(head + $"""
            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 4, column 9 to line 4, column 18 in M
            1. Line 6, column 11 to line 6, column {col1 + 12} in M
            2. Line 6, column 25 to line 6, column {col1 + 1} in M
            3. Line 6, column 43 to line 6, column {col1 + 1} in M
            4. Line 6, column {col0} to line 6, column {col1} in M


            1 states generated, 0 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Theory]
    [InlineData("Id", "<Operator Id>")]
    [InlineData("LAMBDA e : e", "<Operator LAMBDA>")]
    public void A_user_operator_in_an_argument_error_prints_as_TLCs_operator_value(string op, string shown)
    {
        // The edge-args probes: SelectSeq(<<1, 2>>, LAMBDA e : e). TLC prints the operator value (OpLambdaValue) as
        // <Operator NAME>; Ops printed the bare name.
        var r = Check($"VARIABLE x\nInit == x = 0\nNext == x' = 1 - x\nId(e) == e\nInv == SelectSeq(<<1, 2>>, {op}) = <<>>\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n", extends: "Naturals, Sequences");
        Assert.Equal(75, r.ExitCode);
        Assert.StartsWith($"Error: The second argument of SelectSeq should be a boolean-valued operator, but instead it is:\n{shown}\n", FromFirstError(r));
    }

    [Fact]
    public void A_value_that_is_no_function_applied_as_one_is_TLCs_general_error_naming_its_kind_and_place()
    {
        // The edge-args probes: "abc"[1]. TLC's Tool.evalAppl fails with Assert.fail("A non-function (KIND) was
        // applied as a function.\n" + the application's place), a general error; Ops had a message of its own.
        var r = Check("VARIABLE x\nInit == x = 0\nNext == x' = IF x = 1 THEN x[2] ELSE x + 1\n", "INIT Init\nNEXT Next\n", extends: "Naturals");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal("""
            Error: TLC threw an unexpected exception.
            This was probably caused by an error in the spec or model.
            See the User Output or TLC Console for clues to what happened.
            The exception was a java.lang.RuntimeException
            : A non-function (an integer) was applied as a function.
            line 5, col 28 to line 5, col 31 of module M
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 0

            State 2: <Next line 5, col 9 to line 5, col 42 of module M>
            x = 1

            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 5, column 9 to line 5, column 42 in M
            1. Line 5, column 14 to line 5, column 42 in M
            2. Line 5, column 28 to line 5, column 31 in M


            2 states generated, 2 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 2.

            """, FromFirstError(r));
        var s = Check("VARIABLE x\nInit == x = \"ab\"\nNext == x' = x\nInv == \"abc\"[1] = 2\n", "INIT Init\nNEXT Next\nINVARIANT Inv\n", extends: "Naturals");
        Assert.Equal(75, s.ExitCode);
        Assert.StartsWith("Error: A non-function (a string) was applied as a function.\nline 6, col 8 to line 6, col 15 of module M\nWhile working on the initial state:\n", FromFirstError(s));
    }
}
