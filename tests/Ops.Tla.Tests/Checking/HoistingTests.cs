using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Values cached, hoisted out of binders or inlined (Eval/Hoisting.cs) must be the values the expressions have where
/// they are written: these specifications are built so that a value kept too long, or shared between bindings,
/// states or workers, changes a count or breaks an invariant.
/// </summary>
public class HoistingTests
{
    [Fact]
    public void Calls_inlined_inside_inlined_calls_are_evaluated_for_every_binding()
    {
        const string tla = @"---- MODULE NestedInline ----
EXTENDS Naturals
F(x) == x + 1
G(y) == F(y * 2) * 3
H(s) == {G(e) : e \in s}
K(n) == CHOOSE w \in {G(n), G(n) + 1} : w % 3 = 0
ASSUME H({1, 2, 3}) = {9, 15, 21}
ASSUME \A z \in 1..3 : K(z) = (2 * z + 1) * 3
ASSUME \A a \in 1..3 : \A b \in 1..3 : G(a) + G(b) = 3 * (2 * a + 1) + 3 * (2 * b + 1)
====";
        var r = InlineSpec.Check("NestedInline", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_constant_set_filter_in_an_inlined_body_binds_its_identifier_in_a_frame_of_its_own()
    {
        // F's filter is a closed constant (cached); F(z) is inlined into G, whose slot 1 is b: evaluating the filter
        // for the first time from G must not overwrite b.
        const string tla = @"---- MODULE InlinedFilter ----
EXTENDS Naturals, FiniteSets
F(x) == Cardinality({y \in 1..10 : y % 2 = 0}) + x
G(a, b) == /\ \A z \in a..b : F(z) = 5 + z
           /\ b = 7
ASSUME G(1, 7)
ASSUME F(4) = 9
====";
        var r = InlineSpec.Check("InlinedFilter", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_value_read_from_the_state_is_not_kept_while_the_initial_predicate_assigns_it()
    {
        const string tla = @"---- MODULE InitHoist ----
EXTENDS Naturals
VARIABLES x, y
Init == \E a \in 1..3 : /\ x = a
                        /\ y = x + 10
Next == UNCHANGED <<x, y>>
Inv == y = x + 10
====";
        var r = InlineSpec.Check("InitHoist", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates);
    }

    [Fact]
    public void An_argument_that_reads_the_next_state_is_evaluated_for_every_binding()
    {
        const string tla = @"---- MODULE PrimedArg ----
EXTENDS Naturals
VARIABLES x, y
Op(p) == \E k \in 1..3 : /\ x' = k
                         /\ y' = p + 1
Init == x = 0 /\ y = 1
Next == Op(x')
Inv == y = x + 1
====";
        var r = InlineSpec.Check("PrimedArg", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void Values_hoisted_out_of_a_binder_start_afresh_at_each_entry_and_in_each_state()
    {
        // Max(S) inside the CHOOSE does not depend on l: it is computed once per CHOOSE; the outer \A changes S.
        const string tla = @"---- MODULE HoistPerEntry ----
EXTENDS Naturals, FiniteSets
VARIABLE n
Max(S) == CHOOSE m \in S : \A o \in S : o <= m
Top(S) == CHOOSE l \in S : l = Max({v \in S : v < 100})
Init == n = 1
Next == n < 6 /\ n' = n + 1
Inv == /\ \A k \in 1..n : Top(1..k) = k
       /\ Top({x * n : x \in 1..3}) = 3 * n
       /\ Cardinality({Top(1..j) : j \in 1..n}) = n
====";
        var r = InlineSpec.Check("HoistPerEntry", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(6, r.DistinctStates);
    }

    [Fact]
    public void A_disjunction_in_an_action_still_yields_a_state_per_true_disjunct()
    {
        // beats(a) is a formula of the current state: inlining or caching it must not merge the branches TLC counts.
        const string tla = @"---- MODULE Branches ----
EXTENDS Naturals
VARIABLE x
beats(a) == \/ a > 0
            \/ a > 1
Init == x = 5
Next == /\ x > 0
        /\ \A q \in {1, 2} : beats(x + q)
        /\ x' = x - 1
====";
        var r = InlineSpec.Check("Branches", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(6, r.DistinctStates);
        // Each step: 2 true disjuncts for each of the two bindings = 4 successors per state with x > 0.
        Assert.Equal(1 + 5 * 4, r.StatesGenerated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dropped_states_are_generated_again_for_a_trace(int workers)
    {
        const string tla = @"---- MODULE DeepTrace ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Step1 == x' = x + 1 /\ y' = y
Step2 == x' = x + 2 /\ y' = y + 1
Next == Step1 \/ Step2
Inv == ~(x = 9 /\ y = 2)
====";
        var r = InlineSpec.Check("DeepTrace", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        var t = r.Trace;
        Assert.Equal("0", t[0].Values[0].ToString());
        for (int i = 1; i < t.Count; i++)
        {
            long dx = long.Parse(t[i].Values[0].ToString()) - long.Parse(t[i - 1].Values[0].ToString());
            long dy = long.Parse(t[i].Values[1].ToString()) - long.Parse(t[i - 1].Values[1].ToString());
            Assert.True((dx == 1 && dy == 0 && t[i].Action.StartsWith("Step1")) || (dx == 2 && dy == 1 && t[i].Action.StartsWith("Step2")),
                $"state {i + 1} does not follow from state {i} by its action {t[i].Action}");
        }
        Assert.Equal("9", t[^1].Values[0].ToString());
        Assert.Equal("2", t[^1].Values[1].ToString());
        // A shortest trace: two Step2 and five Step1.
        Assert.Equal(8, t.Count);
    }

    [Fact]
    public void A_set_shared_by_the_identifiers_of_one_binder_is_hoisted_once()
    {
        // \E mn, mx \in 1 .. Len(s): both identifiers' binders hold the same set term; the pass rewrites it once
        // (Len(s) and 1 .. Len(s) hoisted to the filter) and the second binder gets that rewrite, not a second copy.
        const string tla = @"---- MODULE SharedSet ----
EXTENDS Naturals, Sequences, FiniteSets
VARIABLE s
DP == {D \in SUBSET SUBSET (1..Len(s)) : \A I \in D : \E mn, mx \in 1 .. Len(s) : I = mn .. mx}
Init == s = <<1, 2, 3>>
Next == UNCHANGED s
Inv == Cardinality(DP) = 128
====";
        var output = new StringWriter();
        var r = InlineSpec.Check("SharedSet", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n",
            new CheckOptions { Workers = 1, Diagnostics = new DiagnosticOptions { HoistTrace = true, Output = output } });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        var hoisted = output.ToString().Split('\n').Where(l => l.StartsWith("hoisting: DP: hoisted")).ToList();
        Assert.Equal(3, hoisted.Count);
        Assert.Single(hoisted, l => l.EndsWith(":4:74"));
    }
}
