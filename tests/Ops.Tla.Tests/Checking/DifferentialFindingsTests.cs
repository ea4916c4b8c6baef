using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found by differential testing (`ops difftest`, docs/differential-testing.md), reduced to
/// small specs. Each expected figure is what TLC (tla2tools cc6b616, -workers 1) printed for the spec.
/// </summary>
public class DifferentialFindingsTests
{
    private const string Counter = @"---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Spec == Init /\ [][Next]_x
NotZero == x > 0
Jumps == [][x' > x + 5]_x
====";

    [Fact]
    public void An_action_property_violation_exits_13_as_TLC()
    {
        // TLC: "Error: Action property Jumps is violated.", 2 states generated, 2 distinct, exit 13.
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY Jumps\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(ViolationKind.ActionProperty, r.Violation?.Kind);
        Assert.Equal("Jumps", r.Violation.Property);
        Assert.Equal(13, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Equal(2, r.Trace.Count);
    }

    [Fact]
    public void An_action_property_violation_exits_13_with_two_workers()
    {
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY Jumps\nCHECK_DEADLOCK FALSE\n", 2);
        Assert.Equal(ViolationKind.ActionProperty, r.Violation?.Kind);
        Assert.Equal(13, r.ExitCode);
    }

    [Fact]
    public void A_property_violated_by_the_initial_state_exits_13_as_TLC()
    {
        // TLC: "Error: Property NotZero is violated by the initial state", exit 13.
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY NotZero\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal("NotZero", r.Violation?.Property);
        Assert.Equal(13, r.ExitCode);
        Assert.Single(r.Trace);
    }
}
