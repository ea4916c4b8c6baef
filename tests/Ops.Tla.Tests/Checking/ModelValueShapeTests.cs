using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// A membership test that misses compares the value with the set's elements where TLC would (an error for values of
/// different kinds); it is skipped when both have one shape. An untyped model value compares with anything without an
/// error, so it fits every shape (TLCSailfish1's tuples of nodes and rounds): the answers and the errors must be the
/// ones the element-by-element comparison gives.
/// </summary>
public class ModelValueShapeTests
{
    [Fact]
    public void Tuples_and_sets_with_untyped_model_values_are_found_or_missed_without_an_error()
    {
        const string tla = @"---- MODULE Shapes ----
EXTENDS Naturals, TLC
CONSTANTS n1, n2, n3
ASSUME ~ (<<n3, 1>> \in {<<n1, 1>>, <<n2, 2>>, <<1, n1>>})
ASSUME <<n2, 2>> \in {<<n1, 1>>, <<n2, 2>>, <<1, n1>>}
ASSUME ~ ({n3, 4} \in {{n1, 1}, {2, n2}})
ASSUME ~ (<<n3, 1>> \in {<<n1, 1>>, <<n2, [a |-> 1]>>})
====";
        var r = InlineSpec.Check("Shapes", tla, "CONSTANTS n1 = n1\nn2 = n2\nn3 = n3\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void A_domain_mixing_a_model_value_and_a_string_is_still_not_a_record()
    {
        // TLC: "Attempted to check equality of record: [a |-> 1, b |-> 2] with non-record (n1 :> 1 @@ "a" :> 2)".
        const string tla = @"---- MODULE Shapes2 ----
EXTENDS Naturals, TLC
CONSTANTS n1
ASSUME ~ (((n1 :> 1) @@ (""a"" :> 2)) \in {[a |-> 1, b |-> 2]})
====";
        var r = InlineSpec.Check("Shapes2", tla, "CONSTANTS n1 = n1\n");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of record:", r.Violation.Message);
        Assert.Contains("with non-record", r.Violation.Message);
    }
}
