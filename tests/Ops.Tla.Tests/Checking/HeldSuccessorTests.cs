using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The one-worker search checks a successor once the enumerator has generated the next one (so that the
/// successor's slot in the fingerprint set can be fetched meanwhile): what TLC reports must not change. An error in
/// generating the next successor comes after the checks of the one before it, as in TLC, which checks each successor
/// as it is generated. Figures from TLC (cc6b616, one worker) on the same spec.</summary>
public class HeldSuccessorTests
{
    // From x = 1 the first action gives x = 2, and the second divides by zero.
    private const string Spec = """
        ---- MODULE H ----
        EXTENDS Integers
        VARIABLE x
        Init == x = 0
        Next == \/ x' = x + 1
                \/ x' = 10 \div (1 - x)
        Inv == x # 2
        Inv3 == x # 3
        ====
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_invariant_violated_before_an_error_in_the_next_successor_is_reported(int workers)
    {
        // TLC: "Invariant Inv is violated.", the trace 0, 1, 2; "4 states generated, 4 distinct states found,
        // 1 states left on queue."
        var r = InlineSpec.Check("H", Spec, "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(new[] { "0", "1", "2" }, r.Trace.Select(s => s.Values[0].ToString()));
        if (workers == 1) Assert.Equal((4L, 4L, 1L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }

    [Fact]
    public void Two_workers_check_an_error_after_a_successor_that_holds_after_that_successor()
    {
        // TLC (cc6b616, -workers 2) as with one worker: "The second argument of \div is 0.", the trace 0, 1.
        var output = new StringWriter();
        var r = InlineSpec.Check("H", Spec, "INIT Init\nNEXT Next\nINVARIANT Inv3\n",
            new CheckOptions { Workers = 2, Diagnostics = new DiagnosticOptions { ParallelTrace = true, Output = output } });
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("The second argument of \\div is 0", r.Violation.Message);
        Assert.Equal(new[] { "0", "1" }, r.Trace.Select(s => s.Values[0].ToString()));
        Assert.Contains("successors held", output.ToString());
    }

    // MCLamportMutex-like: a bounded counter per process, an invariant; 4 x 4 x 4 states.
    private const string Counters = """
        ---- MODULE C ----
        EXTENDS Naturals, TLC
        VARIABLE c
        P == 1..3
        Init == c = [p \in P |-> 0]
        Next == \E p \in P : c[p] < 3 /\ c' = [c EXCEPT ![p] = c[p] + 1]
        Inv == \A p \in P : c[p] <= 3
        Shown == PrintT(c) /\ Inv
        ====
        """;

    [Theory]
    [InlineData("Inv", "successors held")]
    [InlineData("Shown", "successors checked as generated")]
    public void Two_workers_hold_successors_where_one_worker_would(string invariant, string expected)
    {
        // TLC (cc6b616, -workers 2): "145 states generated, 64 distinct states found, 0 states left on queue", depth 10.
        // A PrintT in an invariant prints once per new state, in the order they are checked: not held.
        var output = new StringWriter();
        var r = InlineSpec.Check("C", Counters, $"INIT Init\nNEXT Next\nINVARIANT {invariant}\nCHECK_DEADLOCK FALSE\n",
            new CheckOptions { Workers = 2, Diagnostics = new DiagnosticOptions { ParallelTrace = true, Output = output } });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((145L, 64L, 10), (r.StatesGenerated, r.DistinctStates, r.Depth));
        Assert.Contains(expected, output.ToString());
    }

    [Fact]
    public void An_error_after_a_successor_that_holds_counts_that_successor()
    {
        // TLC: "The second argument of \div is 0.", the trace 0, 1, two nested expressions; "4 states generated,
        // 4 distinct states found, 2 states left on queue."
        var r = InlineSpec.Check("H", Spec, "INIT Init\nNEXT Next\nINVARIANT Inv3\n");
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("The second argument of \\div is 0", r.Violation.Message);
        Assert.Equal(new[] { "0", "1" }, r.Trace.Select(s => s.Values[0].ToString()));
        Assert.Equal(2, r.Violation.NestedExpressions.Count);
        Assert.Equal((4L, 4L, 2L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }
}
