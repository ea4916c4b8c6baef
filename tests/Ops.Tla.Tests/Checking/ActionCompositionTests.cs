using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Action composition <c>A \cdot B</c>, as TLC runs it with -Dtlc2.tool.impl.Tool.cdot=true.</summary>
public class ActionCompositionTests
{
    [Fact]
    public void Composition_steps_through_every_intermediate_state_and_counts_them_as_generated()
    {
        const string tla = @"---- MODULE Cdot ----
EXTENDS Naturals, TLC
ASSUME TLCGet(""-Dtlc2.tool.impl.Tool.cdot"") = ""true""
VARIABLE x
Init == x = 0
Inc == x' \in {x + 1, x + 2}
Double == x' = 2 * x
Next == x < 10 /\ (Inc \cdot Double)
====";
        foreach (var workers in new[] { 1, 2 })
        {
            var r = InlineSpec.Check("Cdot", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", workers);
            Assert.Equal(CheckOutcome.Success, r.Outcome);
            // 0 -> {2, 4}; 2 -> {6, 8}; 4 -> {10, 12}; 6 -> {14, 16}; 8 -> {18, 20}; the rest stop (x >= 10).
            Assert.Equal(11, r.DistinctStates);
            // 1 initial state + 5 expanded states x (2 intermediate + 2 final).
            Assert.Equal(1 + 5 * 4, r.StatesGenerated);
        }
    }

    [Fact]
    public void Conjuncts_after_a_composition_apply_to_both_of_its_steps()
    {
        // TLC enumerates A \cdot B followed by the rest of the conjunction twice: after A and after B.
        const string tla = @"---- MODULE CdotRest ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x < 3 /\ ((x' = x + 1) \cdot (x' = x + 1)) /\ UNCHANGED y
====";
        var r = InlineSpec.Check("CdotRest", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates); // x = 0, 2, 4
        Assert.Equal(1 + 2 * 2, r.StatesGenerated);
    }

    [Fact]
    public void Composition_is_evaluated_as_a_predicate_on_a_step()
    {
        // As an action constraint: only steps that are two increments in a row are kept.
        const string tla = @"---- MODULE CdotEval ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 6 /\ x' \in {x + 1, x + 2, x + 3}
TwoIncrements == (x' = x + 1) \cdot (x' = x + 1)
====";
        var r = InlineSpec.Check("CdotEval", tla, "INIT Init\nNEXT Next\nACTION_CONSTRAINT TwoIncrements\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates); // 0, 2, 4, 6
        Assert.Equal(1 + 3 * 3, r.StatesGenerated);
    }

    [Fact]
    public void An_action_property_can_be_a_composition()
    {
        const string tla = @"---- MODULE CdotProp ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 4 /\ x' = x + 2
Prop == [][(x' = x + 1) \cdot (x' = x + 1)]_x
Bad == [][(x' = x + 1) \cdot (x' = x)]_x
====";
        var ok = InlineSpec.Check("CdotProp", tla, "INIT Init\nNEXT Next\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, ok.Outcome);
        var bad = InlineSpec.Check("CdotProp", tla, "INIT Init\nNEXT Next\nPROPERTY Bad\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.SafetyFailure, bad.Outcome);
        Assert.Equal(2, bad.Trace.Count);
    }
}
