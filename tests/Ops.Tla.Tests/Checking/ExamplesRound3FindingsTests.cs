using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the third round on tlaplus/Examples models outside the conformance corpus, each
/// reduced to a small spec written for the test. Expected exit codes, counts and messages are what TLC printed
/// (tla2tools cc6b616, -workers 1).
/// </summary>
public class ExamplesRound3FindingsTests
{
    private const string Library =
        "---- MODULE Lib ----\nEXTENDS Naturals\nVARIABLE y\nLimit == 7\nStep(n) == n + 1\nInit == y = 0\nNext == y' = (y + 1) % 3\n====\n";

    private const string Plain = "---- MODULE Plain ----\nLabel == \"plain\"\nTwice(a, b) == a\n====\n";
    private const string Other = "---- MODULE Other ----\nLabel == \"other\"\nTwice(a) == a\n====\n";

    [Fact]
    public void A_definition_an_unnamed_instance_brings_again_is_a_warning_and_the_module_keeps_its_own()
    {
        // The Apalache wrappers of tlaplus/Examples (APTokenRing and others) define vars and then INSTANCE the spec that
        // defines vars too. SANY: "Multiple declarations or definitions for symbol vars. This duplicates the one at
        // ..." (a warning) and TLC checks the model (exit 0, 5 generated / 4 distinct here); Ops said
        // "Multiply-defined symbol" (exit 150). The name keeps the module's own meaning: Limit is 20, not 7.
        var r = InlineSpec.Check("Wrap",
            "---- MODULE Wrap ----\nEXTENDS Naturals\nVARIABLE y\nvars == <<y, y>>\nLimit == 20\nINSTANCE Lib\nInv == Limit = 20 /\\ Step(1) = 2\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n", ("Lib.tla", Library));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
        // SANY's block (printed whatever -nowarning says): its place, a blank line, its text.
        Assert.Contains("line 6, col 1 to line 6, col 12 of module Wrap\n\nMultiple declarations or definitions for symbol Limit.  \n" +
            "This duplicates the one at line 5, col 1 to line 5, col 11 of module Wrap.\n", string.Join("\n", r.ParserMessages));
    }

    [Fact]
    public void A_local_instance_of_a_module_without_parameters_warns_at_the_instance()
    {
        // TLC: the warning is placed at the LOCAL INSTANCE, and Label keeps the module's own definition (the invariant
        // holds on "mine").
        var r = InlineSpec.Check("Loc",
            "---- MODULE Loc ----\nVARIABLE x\nLabel == \"mine\"\nLOCAL INSTANCE Plain\nInit == x = Label\nNext == UNCHANGED x\nInv == x = \"mine\"\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n", ("Plain.tla", Plain));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("line 4, col 1 to line 4, col 20 of module Loc\n\nMultiple declarations or definitions for symbol Label.", string.Join("\n", r.ParserMessages));
    }

    [Fact]
    public void Two_unnamed_instances_defining_an_operator_with_other_arities_are_an_error()
    {
        // SANY: "Multiply-defined symbol 'Twice': this definition or declaration conflicts with the one at ..." (exit
        // 150), after the warning for Label.
        var r = InlineSpec.Check("Two",
            "---- MODULE Two ----\nVARIABLE x\nINSTANCE Plain\nINSTANCE Other\nInit == x = Label\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\n", ("Plain.tla", Plain), ("Other.tla", Other));
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("Multiply-defined symbol 'Twice'", r.Violation.Message);
    }

    [Fact]
    public void Two_extended_modules_defining_one_name_are_a_warning_and_the_first_is_kept()
    {
        // SANY's Context.mergeExtendContext: "Warning: the definition of 'Label' conflicts with its definition at
        // ..." even when the arities differ (Twice); the first module's meaning is kept: x = "plain".
        var r = InlineSpec.Check("Ext",
            "---- MODULE Ext ----\nEXTENDS Plain, Other\nVARIABLE x\nInit == x = Label\nNext == UNCHANGED x\nInv == x = \"plain\" /\\ Twice(1, 2) = 1\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n", ("Plain.tla", Plain), ("Other.tla", Other));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.DistinctStates);
        Assert.Contains("Warning: the definition of 'Label' conflicts with \nits definition at line 2, col 1 to line 2, col 16 of module Plain.", string.Join("\n", r.ParserMessages));
        Assert.Contains("Warning: the definition of 'Twice'", string.Join("\n", r.ParserMessages));
    }

    [Fact]
    public void A_definition_made_again_in_the_same_module_stays_an_error()
    {
        // SANY: "Operator Limit already defined or declared." (exit 150), also after an INSTANCE bringing it.
        var r = InlineSpec.Check("Again",
            "---- MODULE Again ----\nEXTENDS Naturals\nVARIABLE y\nINSTANCE Lib\nLimit == 20\n====\n",
            "INIT Init\nNEXT Next\n", ("Lib.tla", Library));
        Assert.Equal(150, r.ExitCode);
    }

    private const string EvalSpec =
        "---- MODULE Ev ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in {0, 2}\nNext == x' = x + 1 /\\ x < 3\n"
        + "Inv == x < 1 \\/ (\\E c \\in Nat : c = x)\nInv2 == <<1, 2>>[x + 1] > 0\n====\n";

    [Fact]
    public void An_invariant_that_cannot_be_evaluated_on_an_initial_state_is_reported_as_tlc_reports_it()
    {
        // tlaplus/Examples LearnProofs (AddTwo: an invariant \E c \in Nat : ...). TLC (DoInitFunctor): the error alone,
        // without "Evaluating invariant Inv2 failed.", then "While working on the initial state:" and the state, exit
        // 75; 2 generated, 2 distinct, 2 left on queue, depth 1. Ops printed "Evaluating invariant Inv2 failed." and
        // "The behavior up to this point is:".
        var r = InlineSpec.Check("Ev", EvalSpec, "INIT Init\nNEXT Next\nINVARIANT Inv2\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Equal(1, r.Depth);
        Assert.True(r.Violation.WhileInitialState);
        Assert.DoesNotContain("Evaluating invariant", r.Violation.Message);
        var text = Ops.Tla.Output.TlcText.Format(r);
        Assert.Contains("While working on the initial state:\nx = 2\n", text.Replace("\r\n", "\n"));
        Assert.DoesNotContain("The behavior up to this point is", text);
    }

    [Fact]
    public void An_invariant_that_cannot_be_evaluated_after_the_initial_states_keeps_its_trace()
    {
        // TLC: "Evaluating invariant Inv failed." and the behaviour (exit 76), 2 generated / 2 distinct.
        var r = InlineSpec.Check("Ev", EvalSpec.Replace("x \\in {0, 2}", "x = 0"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(76, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.StartsWith("Evaluating invariant Inv failed.", r.Violation.Message);
        Assert.False(r.Violation.WhileInitialState);
        Assert.Equal(2, r.Trace.Count);
    }
}
