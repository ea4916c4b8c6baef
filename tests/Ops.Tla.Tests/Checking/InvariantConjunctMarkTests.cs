using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>An invariant conjunct that reads one function-valued variable alone is not evaluated again on a value it
/// was found true of (a mark on the value; states share the values they do not change). The marks of one invariant's
/// conjuncts must never stand for another's, nor for a value they were not found true of: TLC's verdicts and counts.</summary>
public class InvariantConjunctMarkTests
{
    // f's values recur in many states (n changes alone); TypeOK's conjunct on f holds everywhere and is marked first,
    // Small's conjunct on f fails on the first value whose elements sum to 5.
    private const string Spec = """
        ---- MODULE Marks ----
        EXTENDS Naturals
        VARIABLES f, n
        Init == f = [i \in 1..3 |-> 0] /\ n = 0
        Next == \/ n < 4 /\ n' = n + 1 /\ UNCHANGED f
                \/ \E i \in 1..3 : f[i] < 2 /\ f' = [f EXCEPT ![i] = f[i] + 1] /\ UNCHANGED n
        TypeOK == /\ f \in [1..3 -> 0..2]
                  /\ n \in 0..4
        Small == /\ n \in 0..4
                 /\ f[1] + f[2] + f[3] < 5
                 /\ f[1] + n < 6
        ====
        """;

    [Fact]
    public void A_conjunct_on_one_variable_still_fails_on_the_first_value_it_is_false_of()
    {
        // TLC: Invariant Small is violated, 177 states generated, 78 distinct, 27 left on queue, a trace of 6 states.
        var r = InlineSpec.Check("Marks", Spec, "INIT Init\nNEXT Next\nINVARIANT TypeOK\nINVARIANT Small\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Small", r.Violation.Property);
        Assert.Equal(177, r.StatesGenerated);
        Assert.Equal(78, r.DistinctStates);
        Assert.Equal(6, r.Trace.Count);
    }

    [Fact]
    public void Without_a_violation_every_state_is_checked_with_TLCs_counts()
    {
        // TLC: 379 states generated, 135 distinct, depth 11.
        var r = InlineSpec.Check("Marks", Spec, "INIT Init\nNEXT Next\nINVARIANT TypeOK\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(379, r.StatesGenerated);
        Assert.Equal(135, r.DistinctStates);
    }

    [Fact]
    public void Two_workers_find_the_violation_too()
    {
        var r = InlineSpec.Check("Marks", Spec, "INIT Init\nNEXT Next\nINVARIANT TypeOK\nINVARIANT Small\n", 2);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Small", r.Violation.Property);
        Assert.Equal(6, r.Trace.Count);
    }
}
