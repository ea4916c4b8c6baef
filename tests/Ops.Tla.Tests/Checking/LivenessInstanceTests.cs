using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Temporal properties and ENABLED through INSTANCE and parameterised operators, as TLC treats them.</summary>
public class LivenessInstanceTests
{
    private const string Steps = """
        ---- MODULE Steps ----
        VARIABLE v
        Always(F(_), a) == [](F(a))
        Wrapped(F(_), a) == Always(F, a)
        ====
        """;

    private static string Counter(string prop) => $$"""
        ---- MODULE Counter ----
        EXTENDS Naturals
        VARIABLE v
        S == INSTANCE Steps
        Init == v = 0
        Next == v < 6 /\ v' = v + 1
        Spec == Init /\ [][Next]_v
        Below3(n) == n < 3
        Small(n) == n < 9
        Prop == {{prop}}
        ====
        """;

    [Fact]
    public void Box_through_an_instantiated_wrapper_is_a_temporal_property_found_when_the_violating_state_is_explored()
    {
        // processConfigProps inlines S!Wrapped (no substitution yet) but not Always(F, a) inside it (under the
        // INSTANCE's substitution): the property goes to the liveness checker, whose tableau reaches an accepting
        // node once the state v = 3 is explored (its successor v = 4 generated): 5 states, exit 12.
        var r = InlineSpec.Check("Counter", Counter("S!Wrapped(Below3, v)"), "SPECIFICATION Spec\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n", ("Steps.tla", Steps));
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Temporal property Prop was violated.", r.Violation.Message);
        Assert.Equal(5, r.StatesGenerated);
        Assert.Equal(5, r.DistinctStates);
        Assert.Equal(4, r.Trace.Count);
    }

    [Fact]
    public void Box_through_one_instantiated_operator_is_an_invariant()
    {
        // S!Always is inlined (no substitution yet): []Below3(v) is an implied invariant, violated on generating v = 3.
        var r = InlineSpec.Check("Counter", Counter("S!Always(Below3, v)"), "SPECIFICATION Spec\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n", ("Steps.tla", Steps));
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(ViolationKind.Invariant, r.Violation.Kind);
    }

    [Fact]
    public void A_state_argument_passed_by_name_to_a_temporal_property_is_read_in_each_state()
    {
        var r = InlineSpec.Check("Counter", Counter("S!Wrapped(Small, v)"), "SPECIFICATION Spec\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n", ("Steps.tla", Steps));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(7, r.DistinctStates);
    }

    [Fact]
    public void Enabled_in_an_instantiated_module_quantifies_over_that_module_s_own_primed_variables()
    {
        // With a <- z and b <- z, ENABLED (a' = 0 /\ b' = 1) is TRUE (a' and b' are the ENABLED's own variables), and
        // ENABLED (a # b /\ a' = 0 /\ b' = 1) is a # b with the substitution: z # z, FALSE (TLC agrees).
        var r = InlineSpec.Check("Outer", """
            ---- MODULE Outer ----
            EXTENDS Naturals
            VARIABLE z
            I == INSTANCE Two WITH a <- z, b <- z
            Init == z = 0
            Next == z' = 1 - z
            Spec == Init /\ [][Next]_z
            Inv == I!F /\ ~I!G /\ ~ENABLED (z' = 0 /\ z' = 1)
            ====
            """, "SPECIFICATION Spec\nINVARIANT Inv\n", ("Two.tla", """
            ---- MODULE Two ----
            VARIABLES a, b
            F == ENABLED (a' = 0 /\ b' = 1)
            G == ENABLED (a # b /\ a' = 0 /\ b' = 1)
            ====
            """));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(2, r.DistinctStates);
        Assert.Equal(3, r.StatesGenerated);
    }

    [Fact]
    public void Trace_in_a_state_constraint_ends_with_the_state_being_checked()
    {
        var r = InlineSpec.Check("Tr", """
            ---- MODULE Tr ----
            EXTENDS Naturals, Sequences, TLCExt
            VARIABLE x
            Spec == x = 1 /\ [][x < 4 /\ x' = x + 1]_x
            Inv == Len(Trace) = x /\ \A i \in 1..x : Trace[i].x = i
            ====
            """, "SPECIFICATION Spec\nINVARIANT Inv\nCONSTRAINT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates);
        Assert.Equal(4, r.StatesGenerated);
    }

    private static CheckResult Step(string next) => InlineSpec.Check("H", $$"""
        ---- MODULE H ----
        EXTENDS Naturals, Sequences, FiniteSets
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Next == {{next}}
        ====
        """, "INIT Init\nNEXT Next\n");

    [Theory]
    // TLC's argument checks of its standard modules raise an EvalException of their own: met while computing
    // successors, the run ends with exit 255.
    [InlineData("x' = Head(<<>>) /\\ y' = y", 255)]
    [InlineData("x' = IF \"a\" <= 1 THEN 1 ELSE 2 /\\ y' = y", 255)]
    [InlineData("x' = Len(3) /\\ y' = y", 255)]
    [InlineData("x' = Cardinality(Nat) /\\ y' = y", 255)]
    // +, - take integers in TLC's Java signature: another value is a general failure, 75.
    [InlineData("x' = 1 + \"a\" /\\ y' = y", 75)]
    [InlineData("x' = 2 - \"a\" /\\ y' = y", 75)]
    public void Evaluation_errors_while_computing_successors_exit_as_TLC_classifies_them(string next, int exit)
    {
        var r = Step(next);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal(exit, r.ExitCode);
    }

    [Fact]
    public void An_error_in_a_fairness_predicate_while_the_search_runs_is_TLC_s_general_error()
    {
        // TLC evaluates ENABLED <<A>>_v of WF_v(A) on each state it explores; A leaving y' open is its error (255).
        var r = InlineSpec.Check("F", """
            ---- MODULE F ----
            EXTENDS Naturals
            VARIABLES x, y
            Init == x = 0 /\ y = 0
            A == x' = x + 1 /\ x' < 3
            Next == A /\ UNCHANGED y
            Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(A)
            Prop == <>(x = 2)
            ====
            """, "SPECIFICATION Spec\nPROPERTY Prop\n");
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("does not specify the primed value of the variable y", r.Violation.Message);
    }

    [Fact]
    public void A_box_of_a_state_predicate_in_the_specification_is_refused_as_TLC_refuses_it()
    {
        var r = InlineSpec.Check("R", """
            ---- MODULE R ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = (x + 1) % 3
            Spec == Init /\ [][Next]_x /\ [](x < 3)
            ====
            """, "SPECIFICATION Spec\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(ViolationKind.TlcRefused, r.Violation.Kind);
        Assert.StartsWith("TLC cannot handle the temporal formula line 6, col", r.Violation.Message);
    }
}
