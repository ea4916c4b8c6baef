using Ops.Tla.Checking;
using Ops.Tla.Output;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>SYMMETRY: states are fingerprinted through their smallest permutation under the group the symmetry set
/// generates, as TLC does, so the distinct count is the number of orbits; traces show the states actually reached.</summary>
public class SymmetryTests
{
    private static CheckResult Seed(string spec, string cfg) =>
        ModelChecker.Check(TestPaths.Seed(spec), new CheckOptions { ConfigPath = TestPaths.Seed(cfg) });

    [Fact]
    public void Token_pool_with_symmetric_instances_counts_one_state_per_orbit()
    {
        var r = Seed("UpdatedService.tla", "UpdatedService_symmetry.cfg");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(1027, r.StatesGenerated);
        Assert.Equal(287, r.DistinctStates);
        Assert.Equal(29, r.Depth);
    }

    [Fact]
    public void Several_workers_count_the_same_orbits()
    {
        var r = ModelChecker.Check(TestPaths.Seed("UpdatedService.tla"),
            new CheckOptions { ConfigPath = TestPaths.Seed("UpdatedService_symmetry.cfg"), Workers = 2 });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(1027, r.StatesGenerated);
        Assert.Equal(287, r.DistinctStates);
    }

    [Fact]
    public void Token_pool_existing_design_with_symmetry_still_fails_in_thirteen_states()
    {
        var r = Seed("ExistingService.tla", "ExistingService_symmetry.cfg");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("MaxTokensNotExceeded", r.Violation.Property);
        Assert.Equal(13, r.Trace.Count);
    }

    private const string Pairs = @"---- MODULE Pairs ----
EXTENDS Naturals
CONSTANTS A, B
VARIABLES x, y
Init == x \in A /\ y \in B
Next == \E a \in A, b \in B : x' = a /\ y' = b
Sym == Permutations(A) \cup Permutations(B)
====";

    [Fact]
    public void A_union_of_permutation_sets_acts_as_the_group_it_generates()
    {
        // Permutations(A) \cup Permutations(B) generates S_A x S_B: every (a, b) pair is one orbit.
        var r = InlineSpec.Check("Pairs", Pairs.Replace("EXTENDS Naturals", "EXTENDS Naturals, TLC"),
            "CONSTANTS A = {a1, a2}  B = {b1, b2}\nINIT Init\nNEXT Next\nSYMMETRY Sym\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(1, r.DistinctStates);
        Assert.Equal(4 + 4, r.StatesGenerated);
    }

    [Fact]
    public void Functions_over_the_whole_symmetric_set_and_over_part_of_it_count_one_state_per_orbit()
    {
        // f over all of P (a permutation maps its domain onto itself: its image keeps f's keys), g over {p1} (the image's
        // domain is another set) and h over P \X P (tuple keys). States (f, g, h) with g, h fixed are one orbit when a
        // permutation fixing p1 (the identity or p2 <-> p3) maps one f to the other: f(p1) and the multiset
        // {f(p2), f(p3)} are the orbit, 2 x 3 of them for each of g's 2 values.
        const string tla = @"---- MODULE Domains ----
EXTENDS Naturals, TLC
CONSTANTS P, p1
VARIABLES f, g, h
Init == f \in [P -> 0..1] /\ g \in [{p1} -> 0..1] /\ h = [q \in P \X P |-> q[1] = q[2]]
Next == UNCHANGED <<f, g, h>>
Sym == Permutations(P)
====";
        var r = InlineSpec.Check("Domains", tla, "CONSTANTS p1 = p1  P = {p1, p2, p3}\nINIT Init\nNEXT Next\nSYMMETRY Sym\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(12, r.DistinctStates);
        // Without the symmetry: every one of the 8 x 2 initial states.
        var all = InlineSpec.Check("Domains", tla, "CONSTANTS p1 = p1  P = {p1, p2, p3}\nINIT Init\nNEXT Next\n");
        Assert.Equal(16, all.DistinctStates);
    }

    [Fact]
    public void Without_symmetry_every_pair_is_distinct()
    {
        var r = InlineSpec.Check("Pairs", Pairs.Replace("EXTENDS Naturals", "EXTENDS Naturals, TLC"),
            "CONSTANTS A = {a1, a2}  B = {b1, b2}\nINIT Init\nNEXT Next\n");
        Assert.Equal(4, r.DistinctStates);
        Assert.Equal(4 + 16, r.StatesGenerated);
    }

    [Fact]
    public void Traces_show_the_states_reached_not_their_representatives()
    {
        // The representative of x = c is x = a (the smallest model value); the trace must show c.
        const string tla = @"---- MODULE Real ----
EXTENDS Naturals, TLC
CONSTANTS P, c
VARIABLES x, n
Init == x = c /\ n = 0
Next == \E p \in P : x' = p /\ n' = n + 1 /\ p /= x
Inv == n < 2
Sym == Permutations(P)
====";
        var r = InlineSpec.Check("Real", tla, "CONSTANTS c = c  P = {a, b, c}\nINIT Init\nNEXT Next\nINVARIANT Inv\nSYMMETRY Sym\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(3, r.Trace.Count);
        Assert.Equal("c", r.Trace[0].Values[0].ToString());
        // Each step of the trace is a real step of Next: x changes and n counts up.
        for (int i = 1; i < r.Trace.Count; i++)
        {
            Assert.NotEqual(r.Trace[i - 1].Values[0], r.Trace[i].Values[0]);
            Assert.Equal(IntValue.Of(i), r.Trace[i].Values[1]);
        }
        // The first successor of x = c in TLC's order is x = a.
        Assert.Equal("a", r.Trace[1].Values[0].ToString());
    }

    [Fact]
    public void Symmetry_applies_to_the_view_when_there_is_one()
    {
        const string tla = @"---- MODULE Viewed ----
EXTENDS Naturals, TLC
CONSTANTS P
VARIABLES x, n
Init == x \in P /\ n = 0
Next == n < 3 /\ n' = n + 1 /\ x' \in P
View == <<x>>
Sym == Permutations(P)
====";
        var r = InlineSpec.Check("Viewed", tla, "CONSTANTS P = {a, b, c}\nINIT Init\nNEXT Next\nVIEW View\nSYMMETRY Sym\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(1, r.DistinctStates);
        Assert.Equal(3 + 3, r.StatesGenerated);
    }

    [Fact]
    public void A_symmetry_set_over_other_values_than_model_values_is_rejected()
    {
        const string tla = @"---- MODULE BadSym ----
EXTENDS Naturals, TLC
VARIABLES x
Init == x \in {1, 2}
Next == x' = x
Sym == Permutations({1, 2})
====";
        var r = InlineSpec.Check("BadSym", tla, "INIT Init\nNEXT Next\nSYMMETRY Sym\n");
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("model values", r.Violation.Message);
    }

    [Fact]
    public void Permuting_a_value_renames_model_values_everywhere_and_keeps_canonical_order()
    {
        var table = new ModelValueTable();
        var a = table.Get("a");
        var b = table.Get("b");
        var perm = new ModelValue[] { b, a };
        var v = FcnValue.Record(new[] { "s", "f" }, new Value[] { SetValue.Of(a, IntValue.Of(1)), FcnValue.FromPairs(new Value[] { a, b }, new Value[] { b, b }) });
        var p = SymmetryGroup.Permute(v, perm);
        Assert.Equal("[f |-> (a :> a @@ b :> a), s |-> {b, 1}]", p.ToString()); // a model value sorts first, as in TLC
        Assert.Same(IntValue.Of(3), SymmetryGroup.Permute(IntValue.Of(3), perm));
    }
}
