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
}
