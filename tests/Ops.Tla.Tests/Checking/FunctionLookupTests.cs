using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Function application on domains of integers and of tuples of integers (found by index arithmetic when the
/// keys form a grid, by search otherwise), set maps of one binder and <c>S \ {e}</c>: the values TLC gives, on grids,
/// sparse domains, mixed tuple lengths and applications outside the domain.</summary>
public class FunctionLookupTests
{
    private static CheckResult Assume(string assumptions) => InlineSpec.Check("Lk", $$"""
        ---- MODULE Lk ----
        EXTENDS Integers, FiniteSets
        VARIABLE x
        Len(s) == Cardinality(DOMAIN s)
        f == [p \in (0..5) \X (0..5) |-> p[1] * 10 + p[2]]
        g == [p \in (-2..2) \X (-1..1) \X (3..4) |-> p[1] + p[2] * p[3]]
        sparse == {<<1, 1>>, <<1, 3>>, <<2, 2>>, <<2, 5>>, <<3, 1>>, <<3, 4>>, <<4, 4>>, <<5, 1>>, <<5, 5>>, <<6, 6>>}
        h == [p \in sparse |-> p[1] - p[2]]
        mixed == {<<1>>, <<2>>, <<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>, <<3>>, <<3, 3>>, <<4>>, <<4, 4>>}
        m == [p \in mixed |-> Len(p) * 10 + p[1]]
        k == [i \in 3..20 |-> i * i]
        primes == {2, 3, 5, 7, 11, 13, 17, 19, 23, 29}
        q == [i \in primes |-> i + 1]
        {{assumptions}}
        Init == x = 0
        Next == UNCHANGED x
        ====
        """, "INIT Init\nNEXT Next\n");

    [Fact]
    public void Applications_on_grids_sparse_and_mixed_domains_give_each_key_its_value()
    {
        var r = Assume("""
            ASSUME \A a, b \in 0..5 : f[<<a, b>>] = a * 10 + b
            ASSUME \A a \in -2..2, b \in -1..1, c \in 3..4 : g[<<a, b, c>>] = a + b * c
            ASSUME \A p \in sparse : h[p] = p[1] - p[2]
            ASSUME \A p \in mixed : m[p] = Len(p) * 10 + p[1]
            ASSUME \A i \in 3..20 : k[i] = i * i
            ASSUME \A i \in primes : q[i] = i + 1
            """);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Theory]
    [InlineData("f[<<6, 0>>]")]     // past the grid's last row
    [InlineData("f[<<1>>]")]        // a tuple of another length
    [InlineData("f[<<\"a\", 1>>]")] // not integers
    [InlineData("h[<<2, 3>>]")]     // inside the sparse domain's bounds, not in it
    [InlineData("k[2]")]            // below the interval
    [InlineData("q[4]")]            // between two keys
    public void An_application_outside_the_domain_is_an_error(string app)
    {
        var r = Assume($"ASSUME {app} = 0");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to apply function", r.Violation?.Message);
    }

    [Fact]
    public void Set_maps_of_one_binder_and_removing_one_element()
    {
        var r = Assume("""
            ASSUME {i * i : i \in -3..3} = {0, 1, 4, 9}
            ASSUME {i * i : i \in {3, -1, 2, -3}} = {1, 4, 9}
            ASSUME {i : i \in {}} = {} /\ {i : i \in 5..4} = {}
            ASSUME {<<i, j>> : <<i, j>> \in {<<2, 1>>, <<1, 2>>}} = {<<1, 2>>, <<2, 1>>}
            ASSUME {1, 2, 3} \ {2} = {1, 3} /\ {1, 2, 3} \ {4} = {1, 2, 3} /\ {1} \ {1} = {} /\ {} \ {1} = {}
            ASSUME {1, 2, 3} \ {0} = {1, 2, 3} /\ {1, 2, 3} \ {3} = {1, 2} /\ {1, 2, 3} \ {1} = {2, 3}
            RECURSIVE Sum(_, _)
            Sum(fn, S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE IN fn[e] + Sum(fn, S \ {e})
            ASSUME Sum(f, {<<1, 1>>, <<2, 3>>, <<5, 5>>}) = 11 + 23 + 55
            ASSUME Sum(k, 3..6) = 9 + 16 + 25 + 36
            """);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }
}
