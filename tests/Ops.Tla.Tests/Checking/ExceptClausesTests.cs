using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>EXCEPT with several clauses: each clause sees the previous ones' result (@ included), the function it
/// started from is never changed (the later clauses update the first clause's copy in place).</summary>
public class ExceptClausesTests
{
    private static CheckResult Assume(string assumptions) => InlineSpec.Check("Ex", $"""
        ---- MODULE Ex ----
        EXTENDS Naturals, Sequences
        VARIABLE x
        {assumptions}
        Init == x = 0
        Next == UNCHANGED x
        ====
        """, "INIT Init\nNEXT Next\n");

    [Fact]
    public void Later_clauses_see_the_earlier_ones_and_the_original_is_unchanged()
    {
        var r = Assume("""
            f == <<1, 2, 3>>
            g == [f EXCEPT ![1] = 7, ![3] = 9]
            ASSUME g = <<7, 2, 9>> /\ f = <<1, 2, 3>>
            ASSUME [f EXCEPT ![1] = 10, ![1] = @ + 1] = <<11, 2, 3>>
            ASSUME [f EXCEPT ![1] = 0, ![2] = f[1]] = <<0, 1, 3>>
            m == [a |-> <<1>>, b |-> <<2>>]
            ASSUME [m EXCEPT !.a[1] = 5, !.a = Append(@, 6), !.b = @ \o <<7>>] = [a |-> <<5, 6>>, b |-> <<2, 7>>]
            ASSUME m = [a |-> <<1>>, b |-> <<2>>]
            n == [i \in 1..2 |-> [j \in 1..2 |-> i * 10 + j]]
            ASSUME [n EXCEPT ![1][2] = 0, ![2][1] = 0, ![1][1] = @ + 100] = <<<<111, 0>>, <<0, 22>>>>
            ASSUME n = <<<<11, 12>>, <<21, 22>>>>
            h == [f EXCEPT ![2] = 20, ![5] = 50]
            ASSUME h = <<1, 20, 3>>
            """);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_false_assumption_about_an_except_is_reported()
    {
        var r = Assume("""
            f == <<1, 2, 3>>
            ASSUME [f EXCEPT ![1] = 7, ![3] = 9] = <<7, 2, 3>>
            """);
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void States_built_by_multi_clause_excepts_keep_their_predecessors_intact()
    {
        // Each step rewrites two entries of the predecessor's function; a predecessor changed in place would give
        // other successors and other counts (9 states: s[1], s[2] in 0..2, both moved at once).
        var r = InlineSpec.Check("Pairs", """
            ---- MODULE Pairs ----
            EXTENDS Naturals
            VARIABLE s
            Init == s = <<0, 0, 0>>
            Next == \E a, b \in 0..2 : s' = [s EXCEPT ![1] = a, ![2] = b]
            ====
            """, "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(9, r.DistinctStates);
        Assert.Equal(1 + 9 * 9, r.StatesGenerated);
    }
}
