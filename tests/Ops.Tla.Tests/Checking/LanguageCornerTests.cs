using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Corners of the language the corpus exercises, each checked against TLC's behaviour.</summary>
public class LanguageCornerTests
{
    [Fact]
    public void Proof_library_modules_resolve_without_the_proof_system()
    {
        const string tla = @"---- MODULE UsesTlaps ----
EXTENDS Naturals, FiniteSets, TLAPS, NaturalsInduction, WellFoundedInduction, FiniteSetTheorems,
        SequenceTheorems, FunctionTheorems
THEOREM Doubling == \A x \in 0..5 : x + x >= x
  BY SMT, Zenon, IsaM(""auto"") DEF Nat
ASSUME Doubling
ASSUME Cardinality(FiniteSubsetsOf({1, 2})) = 4
ASSUME <<{1}, {1, 2}>> \in StrictSubsetOrdering({1, 2}) /\ <<{1}, {1}>> \notin StrictSubsetOrdering({1, 2})
ASSUME SetLessThan(3, OpToRel(<, 1..5), 1..5) = {1, 2}
ASSUME FiniteNatInductiveDefConclusion([i \in 1..4 |-> IF i = 1 THEN 1 ELSE i * (i - 1)], 1, LAMBDA v, n : n * (n - 1), 1, 4)
ASSUME IsTransitivelyClosedOn(OpToRel(<, 1..4), 1..4)
====";
        var r = InlineSpec.Check("UsesTlaps", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(0, r.DistinctStates);
    }

    [Fact]
    public void A_theorem_name_stands_for_its_statement()
    {
        const string tla = @"---- MODULE Thm ----
EXTENDS Naturals
THEOREM Wrong == \A x \in 0..3 : x + x = x
ASSUME Wrong
====";
        var r = InlineSpec.Check("Thm", tla, "");
        Assert.Equal(CheckOutcome.AssumptionFailure, r.Outcome);
    }

    [Fact]
    public void Theorems_of_an_instantiated_module_are_reachable_through_the_instance()
    {
        const string inner = @"---- MODULE Facts ----
EXTENDS Naturals
CONSTANT N
LEMMA Small == N < 10
====";
        const string tla = @"---- MODULE UsesFacts ----
EXTENDS Naturals
I(n) == INSTANCE Facts WITH N <- n
ASSUME \A n \in 0..9 : I(n)!Small
ASSUME ~ I(12)!Small
====";
        var r = InlineSpec.Check("UsesFacts", tla, "", ("Facts.tla", inner));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void Applying_a_lazy_function_in_an_action_walks_its_body_as_TLC_does()
    {
        // TLC enumerates F[x] through F's body: each true disjunct is a generated state (duplicates included).
        const string tla = @"---- MODULE LazyApp ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == LET F[n \in 0..2] == \/ x' = (n + 1) % 3
                             \/ x' = (n + 1) % 3
        IN F[x]
====";
        var r = InlineSpec.Check("LazyApp", tla, "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates);
        // 1 initial state + 2 (one per disjunct) from each of the 3 states.
        Assert.Equal(1 + 3 * 2, r.StatesGenerated);
    }

    [Fact]
    public void Membership_in_a_filtered_set_does_not_enumerate_the_set()
    {
        // Enumerating the filter would divide by zero for the empty set; TLC only tests the element.
        const string tla = @"---- MODULE Member ----
EXTENDS Naturals, FiniteSets
VARIABLE s
Big == {t \in SUBSET SUBSET (1..6) : 6 \div Cardinality(t) >= 1 /\ s \in t}
Init == s \in {{1}, {1, 2}}
Next == UNCHANGED s
Inv == {s} \in Big
====";
        var r = InlineSpec.Check("Member", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(2, r.DistinctStates);
    }
}
