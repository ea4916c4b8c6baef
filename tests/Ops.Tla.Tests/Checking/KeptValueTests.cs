using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// SUBSET enumerated in the order of sets without sorting, and the value a state-level definition without arguments
/// keeps while the variables it reads are unchanged: each must give what evaluating everything again would give.
/// </summary>
public class KeptValueTests
{
    [Fact]
    public void Subsets_come_one_at_a_time_in_the_order_of_the_enumerated_set()
    {
        var baseSet = SetValue.Of(IntValue.Of(1), IntValue.Of(2), IntValue.Of(3), IntValue.Of(4), IntValue.Of(5));
        // Every subset, by bit mask, sorted as any set is.
        var all = new List<Value>();
        for (int mask = 0; mask < 32; mask++)
        {
            var elems = new List<Value>();
            for (int i = 0; i < 5; i++)
                if ((mask & (1 << i)) != 0) elems.Add(IntValue.Of(i + 1));
            all.Add(SetValue.From(elems));
        }
        var sorted = SetValue.FromList(all).Elems;

        var lazy = new SubsetValue(baseSet).Elements.ToList();
        Assert.Equal(sorted.Length, lazy.Count);
        for (int i = 0; i < sorted.Length; i++) Assert.True(sorted[i].Equals(lazy[i]), $"subset {i}: {lazy[i]} where {sorted[i]} was expected");

        var enumerated = new SubsetValue(baseSet).ToEnumerated().Elems;
        for (int i = 0; i < sorted.Length; i++) Assert.True(sorted[i].Equals(enumerated[i]));
        Assert.Equal(SetValue.Empty, new SubsetValue(SetValue.Empty).Elements.Single());
    }

    [Fact]
    public void A_quantifier_over_a_filter_of_SUBSET_evaluates_the_whole_filter_as_TLC_does()
    {
        // TLC 1.8 reports the division by zero for 1..4 itself, although {1} would decide the \E: the filter is
        // built whole before the quantifier looks at it.
        const string tla = @"---- MODULE WholeFilter ----
EXTENDS Naturals, FiniteSets
ASSUME \E R \in {R \in SUBSET (1..4) : 12 \div (4 - Cardinality(R)) > 0} : Cardinality(R) = 1
====";
        var r = InlineSpec.Check("WholeFilter", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("The second argument of \\div is 0", r.Violation.Message);
    }

    private const string Kept = @"---- MODULE KeptValue ----
EXTENDS Naturals, FiniteSets
VARIABLES x, y
Evens == {n \in 0..x : n % 2 = 0}
Init == x = 0 /\ y = {}
Next == /\ x' = (x + 1) % 5
        /\ y' \in SUBSET Evens'
        /\ \A e \in y' : e \in Evens'
Inv == /\ y \subseteq Evens
       /\ Cardinality(Evens) = x \div 2 + 1
====";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_definition_read_again_under_a_prime_gives_each_successor_its_own_value(int workers)
    {
        // Evens' is asked for once per candidate y' with x' the same: its value is kept, and given up when x' changes.
        // (x, y) with y any subset of the even numbers up to x: 2 + 2 + 4 + 4 + 8 states.
        var r = InlineSpec.Check("KeptValue", Kept, "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(20, r.DistinctStates);
        Assert.Equal(1 + SuccessorsOfAll(), r.StatesGenerated);
    }

    /// <summary>Successors generated over the 20 states: each state of x has 2^|Evens(x+1)| successors.</summary>
    private static long SuccessorsOfAll()
    {
        int[] statesAt = { 2, 2, 4, 4, 8 };
        int[] evensAt = { 1, 1, 2, 2, 3 };
        long n = 0;
        for (int x = 0; x < 5; x++) n += statesAt[x] * (1L << evensAt[(x + 1) % 5]);
        return n;
    }

    [Fact]
    public void A_definition_whose_values_do_not_repeat_is_still_evaluated_every_time()
    {
        // Total changes with every state: its kept value is never reused, it is given up after a thousand, and
        // the count is still exact.
        const string tla = @"---- MODULE Counter ----
EXTENDS Naturals
VARIABLE n
Total == n * 2
Init == n = 0
Next == n < 3000 /\ n' = n + 1
Inv == Total = 2 * n
====";
        var r = InlineSpec.Check("Counter", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3001, r.DistinctStates);
    }

    private const string Tabulated = @"---- MODULE Tabulated ----
EXTENDS Naturals
VARIABLE n
f[i \in 0..20] == IF i = 13 THEN 1 \div 0 ELSE i + n
Init == n = 0
Next == n < 5 /\ n' = n + 1
Often == \A i, j \in 0..12 : f[i] + f[j] = i + j + 2 * n
Every == \A i \in 0..20 : f[i] >= 0
====";

    [Fact]
    public void A_recursive_function_applied_often_gives_the_values_of_its_applications()
    {
        // f is applied 338 times per state, far more than its 21 elements: it is computed whole, its element 13 fails,
        // and so it stays lazy, as TLC's is: the element never applied is never an error.
        var r = InlineSpec.Check("Tabulated", Tabulated, "INIT Init\nNEXT Next\nINVARIANT Often\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(6, r.DistinctStates);

        // Without the failing element it is computed whole, with the same values in every state.
        var whole = InlineSpec.Check("Tabulated", Tabulated.Replace(@"IF i = 13 THEN 1 \div 0 ELSE i + n", "i + n"),
            "INIT Init\nNEXT Next\nINVARIANT Often\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, whole.Outcome);
        Assert.Equal(6, whole.DistinctStates);

        // An application of the failing element is the error it is.
        var error = InlineSpec.Check("Tabulated", Tabulated, "INIT Init\nNEXT Next\nINVARIANT Often\nINVARIANT Every\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Error, error.Outcome);
    }
}
