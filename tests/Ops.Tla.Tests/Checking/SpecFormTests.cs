using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// How the SPECIFICATION and PROPERTY formulas are read (TLC's SpecProcessor: processConfigSpec and
/// processConfigProps) and how temporal formulas are checked. Every expectation here was taken from TLC
/// (cc6b616) run on the same module and configuration.
/// </summary>
public class SpecFormTests
{
    private const string Counter = @"---- MODULE M ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 3 /\ x' = x + 1
Wrap(f) == f
Apply(F(_)) == F(Init /\ [][Next]_vars)
SpecLet == LET I == x = 0 IN I /\ [][Next]_vars
SpecWrap == Wrap(Init /\ [][Next]_vars) /\ WF_vars(Next)
SpecLetOp == LET Id(s) == s IN Id(Init /\ [][Next]_vars)
SpecParam == Apply(Wrap)
SpecFairLet == LET Fair(A) == WF_vars(A) IN Init /\ [][Next]_vars /\ Fair(Next)
SpecNoNext == Init
SpecEmptyInit == x = 0 /\ x = 1
SpecTwoNext == Init /\ [][Next]_vars /\ [][x' > x]_vars
SpecBoxState == Init /\ [][Next]_vars /\ [](x < 5)
SpecTemporalQuant == Init /\ [][Next]_vars /\ \EE y : x = y
SpecFalse == Init /\ [][Next]_vars /\ FALSE
LetEventually == LET y == x IN <>(y = 3)
IfEventually == IF N > 1 THEN <>(x = 3) ELSE <>(x = 7)
CaseEventually == CASE N = 1 -> <>(x = 7) [] OTHER -> <>(x = 3)
WrappedAction == Wrap([][x' > x]_x)
NeverThreeAfterOne == [](x = 1 => [](x # 3))
EachEventually == \A k \in {1, 2} : Wrap(<>(x = k))
ActionLevel == x' > x
StateBox == Wrap([](x < 2))
NotThree == x # 3
Tautology == <>[]TRUE => TRUE
EachOfNone == \A k \in {} : <>(x = k)
PrimedInvariant == x' > x
====";

    private static CheckResult Run(string cfg, int n = 2) =>
        InlineSpec.Check("M", Counter, $"CONSTANT N = {n}\nCHECK_DEADLOCK FALSE\n" + cfg);

    [Theory]
    [InlineData("SpecLet")]
    [InlineData("SpecWrap")]
    [InlineData("SpecLetOp")]
    [InlineData("SpecParam")]
    [InlineData("SpecFairLet")]
    public void The_specification_is_read_through_LET_definitions_and_arguments(string spec)
    {
        var r = Run($"SPECIFICATION {spec}\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void A_specification_without_next_state_relation_stops_at_the_first_state_to_expand()
    {
        var r = Run("SPECIFICATION SpecNoNext\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("No next state actions defined", r.Violation.Message);
        // Without initial states there is nothing to expand: TLC succeeds.
        var empty = Run("SPECIFICATION SpecEmptyInit\n");
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal(0, empty.DistinctStates);
        // An invariant needs the next-state relation.
        var inv = Run("SPECIFICATION SpecNoNext\nINVARIANT NotThree\n");
        Assert.Equal(151, inv.ExitCode);
        Assert.Contains("did not specify the next state predicate", inv.Violation.Message);
    }

    [Fact]
    public void A_specification_without_variables_or_initial_predicate_has_no_states()
    {
        const string tla = @"---- MODULE NoVars ----
CONSTANT C
Spec == [][TRUE]_<<>>
====";
        var r = InlineSpec.Check("NoVars", tla, "SPECIFICATION Spec\nCONSTANT C = 1\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, r.StatesGenerated);
    }

    [Theory]
    [InlineData("SpecTwoNext", 151, "more than one conjunct of the form [][Next]_v")]
    [InlineData("SpecBoxState", 255, "TLC cannot handle the temporal formula line 18")]
    [InlineData("SpecTemporalQuant", 255, "temporal existential, nor universal, quantification")]
    [InlineData("SpecFalse", 151, "The spec is trivially false because FALSE is false.")]
    public void Forms_of_specification_TLC_rejects(string spec, int exit, string message)
    {
        var r = Run($"SPECIFICATION {spec}\n");
        Assert.Equal(exit, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void A_variable_as_a_conjunct_of_the_specification_is_a_configuration_error()
    {
        const string tla = @"---- MODULE VarSpec ----
VARIABLE x
Next == x' = ~x
Spec == x /\ [][Next]_x
Prop == x
Good == x = TRUE /\ [][Next]_x
====";
        var r = InlineSpec.Check("VarSpec", tla, "SPECIFICATION Spec\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("The operator x", r.Violation.Message);
        // Also when the specification is the variable itself (TLC reads the named definition's body).
        Assert.Equal(151, InlineSpec.Check("VarSpec", tla, "SPECIFICATION Prop\n").ExitCode);
        // As a property it is a state predicate checked on the initial states.
        var p = InlineSpec.Check("VarSpec", tla, "SPECIFICATION Good\nPROPERTY Prop\n");
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(2, p.DistinctStates);
    }

    [Fact]
    public void A_LET_definition_in_a_temporal_property_is_evaluated_in_each_state()
    {
        // Evaluated once and kept, y would stay 0 and <>(y = 3) would fail.
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY LetEventually\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void IF_and_quantifiers_over_definitions_with_arguments_in_temporal_properties()
    {
        Assert.Equal(0, Run("SPECIFICATION SpecWrap\nPROPERTY IfEventually EachEventually\n").ExitCode);
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY IfEventually\n", n: 1);
        Assert.Equal(13, r.ExitCode);
        Assert.Equal("Temporal property IfEventually was violated.", r.Violation.Message);
        // Without fairness the behaviour may stop at x = 0.
        Assert.Equal(13, Run("SPECIFICATION SpecLet\nPROPERTY EachEventually\n").ExitCode);
    }

    [Fact]
    public void A_temporal_CASE_is_an_error_as_in_TLC()
    {
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY CaseEventually\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("TLC cannot handle the temporal formula", r.Violation.Message);
        // TLC's own refusal, not a limit of Ops: the conformance runner counts it as TLC's exit.
        Assert.Equal(ViolationKind.TlcRefused, r.Violation.Kind);
    }

    [Fact]
    public void An_action_property_reached_through_a_definition_with_arguments_is_named_after_it()
    {
        // x' > x fails on no step of SpecWrap (stuttering steps satisfy [A]_x).
        Assert.Equal(0, Run("SPECIFICATION SpecWrap\nPROPERTY WrappedAction\n").ExitCode);
        const string tla = @"---- MODULE Flip ----
VARIABLE x
Init == x = TRUE
Next == x' = ~x
Spec == Init /\ [][Next]_x
Id(a) == a
Prop == Id([][x']_x)
====";
        var r = InlineSpec.Check("Flip", tla, "SPECIFICATION Spec\nPROPERTY Prop\n");
        Assert.Equal(13, r.ExitCode);
        Assert.Equal("Action property Id is violated.", r.Violation.Message);
        // The new state of the violating step is counted, as TLC counts it.
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
    }

    [Fact]
    public void A_boxed_state_predicate_property_is_an_invariant()
    {
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY StateBox\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Invariant Wrap is violated.", r.Violation.Message);
    }

    [Fact]
    public void A_state_predicate_property_violated_initially_is_a_liveness_error()
    {
        const string tla = @"---- MODULE InitProp ----
EXTENDS Naturals
VARIABLE x
Init == x \in 1..10
Spec == Init /\ [][x' = 0]_x
NotNine == x # 9
====";
        var r = InlineSpec.Check("InitProp", tla, "SPECIFICATION Spec\nPROPERTY NotNine\n");
        Assert.Equal(13, r.ExitCode);
        Assert.Equal("Property NotNine is violated by the initial state.", r.Violation.Message);
    }

    [Fact]
    public void An_action_level_property_is_a_configuration_error()
    {
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY ActionLevel\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("The formula ActionLevel at line 27, col 16 to line 27, col 21 of module M is an action-level formula", r.Violation.Message);
    }

    [Fact]
    public void An_invariant_with_primes_is_a_safety_evaluation_error()
    {
        var r = Run("SPECIFICATION SpecWrap\nINVARIANT PrimedInvariant\n");
        Assert.Equal(76, r.ExitCode);
        Assert.Contains("The invariant PrimedInvariant is not a state predicate", r.Violation.Message);
    }

    [Fact]
    public void A_temporal_property_violated_by_a_finite_prefix_is_a_safety_violation_without_fairness()
    {
        var r = Run("SPECIFICATION SpecLet\nPROPERTY NeverThreeAfterOne\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(4, r.Trace.Count);
        Assert.Equal("Temporal property NeverThreeAfterOne was violated.", r.Violation.Message);
        // With fairness the counterexample needs its tail: a liveness violation, ending in stuttering.
        var fair = Run("SPECIFICATION SpecWrap\nPROPERTY NeverThreeAfterOne\n");
        Assert.Equal(13, fair.ExitCode);
        Assert.Equal(4, fair.Trace.Count);
        Assert.True(fair.Stuttering);
    }

    [Fact]
    public void A_property_whose_negation_is_unsatisfiable_is_a_liveness_error()
    {
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY Tautology\n");
        Assert.Equal(77, r.ExitCode);
        Assert.Contains("Temporal formula is a tautology", r.Violation.Message);
    }

    [Fact]
    public void A_temporal_forall_over_an_empty_set_is_a_tautology()
    {
        // \A over {} is TRUE; TLC keeps the quantifier as one temporal formula and reports it as a tautology (77).
        var r = Run("SPECIFICATION SpecWrap\nPROPERTY EachOfNone\n");
        Assert.Equal(77, r.ExitCode);
        Assert.Contains("Temporal formula is a tautology", r.Violation.Message);
    }

    private const string ResetCounter = @"---- MODULE R ----
EXTENDS Naturals
VARIABLE x
vars == <<x>>
Init == x = 0
Inc == x < 3 /\ x' = x + 1
Reset == x = 3 /\ x' = 0
Next == Inc \/ Reset
Spec == Init /\ [][Next]_vars
EventuallyReset == <><<Reset>>_vars
NotAlwaysInc == ~[][Inc]_vars
NestedAction == [](x = 3 => <><<Reset>>_vars)
InfinitelyOftenReset == []<><<Reset>>_vars
EventuallyOnlyInc == <>[][Inc]_vars
EachStep == \A n \in {1, 2} : [][x' # n + 10]_vars
SomeStep == \A n \in {1, 2} : [][x' # n]_vars
====";

    [Theory]
    [InlineData("EventuallyReset")]
    [InlineData("NotAlwaysInc")]
    [InlineData("NestedAction")]
    public void Actions_in_temporal_properties_only_in_TLC_s_forms(string prop)
    {
        var r = InlineSpec.Check("R", ResetCounter, $"SPECIFICATION Spec\nPROPERTY {prop}\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("Temporal formulas containing actions must be of forms <>[]A or []<>A.", r.Violation.Message);
        Assert.Equal(ViolationKind.TlcRefused, r.Violation.Kind);
    }

    [Fact]
    public void Boxed_actions_under_a_quantifier_are_checked_on_every_step()
    {
        // TLC: []<><<Reset>>_v fails (the behaviour may stop), <>[][Inc]_v fails (Reset recurs), \A n : [][A(n)]_v
        // holds or fails with the step that breaks it.
        Assert.Equal(13, InlineSpec.Check("R", ResetCounter, "SPECIFICATION Spec\nPROPERTY InfinitelyOftenReset\n").ExitCode);
        var always = InlineSpec.Check("R", ResetCounter, "SPECIFICATION Spec\nPROPERTY EventuallyOnlyInc\n");
        Assert.Equal(13, always.ExitCode);
        Assert.Equal(4, always.Trace.Count);
        Assert.Equal(0, always.LoopIndex);
        Assert.Equal(0, InlineSpec.Check("R", ResetCounter, "SPECIFICATION Spec\nPROPERTY EachStep\n").ExitCode);
        // TLC expands the \A: each instance is an action property named by the body's location.
        var some = InlineSpec.Check("R", ResetCounter, "SPECIFICATION Spec\nPROPERTY SomeStep\n");
        Assert.Equal(13, some.ExitCode);
        Assert.Equal("Action property line 16, col 31 to line 16, col 45 of module R is violated.", some.Violation.Message);
        Assert.Equal(2, some.StatesGenerated);
        Assert.Equal(2, some.DistinctStates);
    }

    [Fact]
    public void A_parameterised_instance_seen_through_a_nested_instance_and_expanded_in_a_property()
    {
        const string leaf = @"---- MODULE Leaf ----
VARIABLE S
Init(ids) == S = [u \in ids |-> ""I""]
====";
        const string mid = @"---- MODULE Mid ----
CONSTANT U
VARIABLE S
L == INSTANCE Leaf
Init == L!Init(U)
Next == \E u \in U : S' = [S EXCEPT ![u] = ""D""]
Spec == Init /\ [][Next]_S
====";
        const string top = @"---- MODULE Top ----
EXTENDS Naturals, TLC
VARIABLE State
P(n) == INSTANCE Mid WITH U <- {n}, S <- n :> State[n]
Init == State = <<""I"", ""I"">>
Next == \E u \in 1..2 : State' = [State EXCEPT ![u] = ""D""]
Spec == Init /\ [][Next]_State
Inv == P(2)!Init \/ State[2] = ""D""
Prop == \A n \in {1, 2} : P(n)!Spec
Bad == \A n \in {3} : P(n)!Spec
====";
        // TLC: 9 generated, 4 distinct; with n = 3 the initial predicate of the instance cannot be evaluated (75).
        var r = InlineSpec.Check("Top", top, "SPECIFICATION Spec\nINVARIANT Inv\nPROPERTY Prop\n", ("Mid.tla", mid), ("Leaf.tla", leaf));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(9, r.StatesGenerated);
        Assert.Equal(4, r.DistinctStates);
        var bad = InlineSpec.Check("Top", top, "SPECIFICATION Spec\nPROPERTY Bad\n", ("Mid.tla", mid), ("Leaf.tla", leaf));
        Assert.Equal(75, bad.ExitCode);
    }

    [Fact]
    public void A_parameter_used_only_under_ENABLED_does_not_raise_the_level_of_a_call()
    {
        // SANY: B(Next) is ENABLED Next, a state predicate, so it is a valid invariant (TLC checks it: x = 3 has
        // no successor, and the invariant fails there).
        const string tla = @"---- MODULE En ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Spec == Init /\ [][Next]_x
B(d) == ENABLED d
CanMove == B(Next)
Uses(d) == d /\ ENABLED d
NotState == Uses(Next)
====";
        var r = InlineSpec.Check("En", tla, "SPECIFICATION Spec\nINVARIANT CanMove\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Invariant CanMove is violated.", r.Violation.Message);
        Assert.Equal(4, r.DistinctStates);
        // Used outside ENABLED too, the argument's level counts: an action is no invariant.
        Assert.Equal(76, InlineSpec.Check("En", tla, "SPECIFICATION Spec\nINVARIANT NotState\n").ExitCode);
    }
}
