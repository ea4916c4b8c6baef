using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Membership that misses compares the value with the set's elements, and TLC (tla2tools cc6b616) fails where that
/// comparison meets values of different kinds anywhere inside (<c>{1} \in {{"a"}}</c>: "Attempted to check equality
/// of string "a" with non-string"). In an ASSUME that is "Evaluating assumption ... failed", exit 10; in an invariant
/// TLC's 76 (the invariant cannot be evaluated), not a violation.
/// </summary>
public class MembershipComparisonTests
{
    [Theory]
    [InlineData("{1} \\in {{{}}}", "Attempted to check equality of the set {} with the value:\n1")]
    [InlineData("{1} \\in {{\"a\"}, {2}}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("<<1>> \\in {<<\"a\">>}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("[a |-> 1] \\in {[a |-> \"x\"]}", "Attempted to check equality of string \"x\" with non-string:\n1")]
    [InlineData("{1} \\in {{1, 2}, {\"a\"}}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("{{1}} \\in {{{\"a\"}}}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("1 \\in {\"a\"}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    public void A_missed_membership_that_compares_values_of_different_kinds_inside_is_an_error(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, Ops.Tla.Output.TlcText.Format(r));
    }

    [Theory]
    [InlineData("{1} \\notin {{2}, {3, 4}, {}}")]
    [InlineData("<<1, 2>> \\notin {<<1, 3>>, <<2, 2>>}")]
    [InlineData("[a |-> 1] \\notin {[a |-> 2], [b |-> \"x\"]}")]
    [InlineData("{1} \\notin {{1, 2}}")]
    [InlineData("<<1>> \\notin {<<1, \"a\">>}")]
    public void A_missed_membership_among_values_of_its_shape_is_no_error(string expr)
    {
        // TLC: TRUE for each (sizes or field names differ before any value of another kind is compared).
        var r = InlineSpec.Assume(expr);
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }

    [Fact]
    public void In_an_invariant_the_error_is_TLCs_failure_to_evaluate_it_not_a_violation()
    {
        // TLC: "Error: Evaluating invariant Inv failed." in the successor {1}, exit 76.
        var r = InlineSpec.Check("Inv", "---- MODULE Inv ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = {\"b\"}\nNext == x' = {1}\n" +
                                        "Inv == x \\notin {{\"a\"}}\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(76, r.ExitCode);
    }
}
