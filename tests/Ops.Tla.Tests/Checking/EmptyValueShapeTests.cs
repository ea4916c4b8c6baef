using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// A membership test that misses compares the value with the set's elements only where a comparison may fail (see
/// <see cref="ModelValueShapeTests"/>). Two functions (tuples) of different sizes, or two sets, are unequal without a
/// look inside, so the empty tuple and the empty set fit every function and set shape (TLCSailfish1's
/// <c>&lt;&lt;v, LeaderVertex(0)&gt;&gt; \in es</c>, with <c>LeaderVertex(0) = &lt;&lt;&gt;&gt;</c>): the answers and
/// the errors must be the ones the element-by-element comparison gives.
/// </summary>
public class EmptyValueShapeTests
{
    [Fact]
    public void Empty_tuples_and_sets_are_missed_without_an_error()
    {
        const string tla = @"---- MODULE EmptyShapes ----
EXTENDS Naturals, TLC
CONSTANTS n1, n2
ASSUME ~ (<<>> \in {<<n1, 1>>, <<n2, 2>>})
ASSUME ~ (<<n1, 3>> \in {<<>>, <<n1, 1>>, <<n2, 2>>})
ASSUME ~ (<<<<n1, 1>>, <<>>>> \in {<<<<n1, 1>>, <<n2, 2>>>>, <<<<n2, 2>>, <<n1, 1>>>>})
ASSUME <<<<n1, 1>>, <<>>>> \in {<<<<n1, 1>>, <<>>>>, <<<<n2, 2>>, <<n1, 1>>>>}
ASSUME ~ ({} \in {{1}, {2}})
ASSUME ~ ({3} \in {{}, {1}, {2}})
ASSUME ~ ({{}} \in {{{1}}, {{2, 3}}})
ASSUME ~ (<<>> \in {[a |-> 2], [a |-> 3]})
ASSUME ~ ([a |-> 1] \in {<<>>, [a |-> 2]})
====";
        var r = InlineSpec.Check("EmptyShapes", tla, "CONSTANTS n1 = n1\nn2 = n2\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_comparison_of_different_kinds_beside_an_empty_tuple_is_still_an_error()
    {
        const string tla = @"---- MODULE EmptyShapes2 ----
EXTENDS Naturals, TLC
ASSUME ~ (<<1, ""a"">> \in {<<>>, <<1, 2>>})
====";
        var r = InlineSpec.Check("EmptyShapes2", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of integer 2 with non-integer", r.Violation.Message);
    }

    [Fact]
    public void A_comparison_of_different_kinds_beside_an_empty_set_is_still_an_error()
    {
        const string tla = @"---- MODULE EmptyShapes3 ----
EXTENDS Naturals, TLC
ASSUME ~ ({""a""} \in {{}, {1}})
====";
        var r = InlineSpec.Check("EmptyShapes3", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of integer 1 with non-integer", r.Violation.Message);
    }

    [Fact]
    public void A_set_of_a_tuple_and_a_set_is_still_compared_element_by_element()
    {
        // The empty tuple does not fit a set's shape: {} and <<>> are values of different kinds.
        const string tla = @"---- MODULE EmptyShapes4 ----
EXTENDS Naturals, TLC
ASSUME ~ (<<>> \in {{1}})
====";
        var r = InlineSpec.Check("EmptyShapes4", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of the set {1} with the value:", r.Violation.Message);
    }
}
