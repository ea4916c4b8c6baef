using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Open items of earlier rounds, closed in round 10 (branch open36). Each expectation is TLC's own output (tla2tools
/// cc6b616, <c>tlc M.tla -config M.cfg -workers 1 -noTE</c>). See docs/differential-testing.md, "Open items of
/// earlier rounds, round 10".
/// </summary>
public class OpenItemsRound10Tests
{
    // TLC's SetEnumValue.member searches a set it has normalized by compareTo (ValueVec.search's binary search, the
    // value the receiver) and one it has not by equality, in the order it holds the elements (each element the
    // receiver). Which TLC holds follows how the set was built.
    [Theory]
    // A UnionValue (one set is an interval): each set of the sorted set of sets in turn, {4} first.
    [InlineData("\"a\" \\in UNION {1..3, {4}}", "Attempted to compare string \"a\" with non-string:\n4")]
    // IntervalValue.diff and cap build normalized sets: {1, 3}, searched from its middle.
    [InlineData("\"a\" \\in (1..3) \\ {2}", "Attempted to compare string \"a\" with non-string:\n3")]
    [InlineData("\"a\" \\in (1..3) \\cap {1, 3}", "Attempted to compare string \"a\" with non-string:\n3")]
    // A filter of an interval or of an enumerated set is a normalized set.
    [InlineData("\"a\" \\in {x \\in 1..3 : x > 1}", "Attempted to compare string \"a\" with non-string:\n3")]
    [InlineData("<<\"a\">> \\in {x \\in 1..3 : x > 1}", "Attempted to compare the function <<\"a\">> with the value:\n3")]
    [InlineData("\"a\" \\in {x \\in {1, 2, 3} : x > 1}", "Attempted to compare string \"a\" with non-string:\n3")]
    // Sets TLC has not normalized are searched in the order it holds them: as written, S's elements before T's.
    [InlineData("\"a\" \\in {4, 1}", "Attempted to check equality of integer 4 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {4} \\cup (1..3)", "Attempted to check equality of integer 4 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {4} \\cup {1}", "Attempted to check equality of integer 4 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {5, 4} \\cup (1..3)", "Attempted to check equality of integer 5 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {4} \\cup (1..3) \\cup {5}", "Attempted to check equality of integer 4 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {3 - x : x \\in {1, 2}}", "Attempted to check equality of integer 2 with non-integer:\n\"a\"")]
    [InlineData("\"a\" \\in {1, 2, 3} \\ {2}", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    // UnionValue.union combines enumerated sets in the order it holds them.
    [InlineData("\"a\" \\in UNION {{3, 1}, {2}}", "Attempted to check equality of integer 3 with non-integer:\n\"a\"")]
    // The set of sets sorted first: an overridden value (Nat, Int, STRING, Seq(S)) the receiver of compareTo.
    [InlineData("\"b\" \\in UNION {{\"a\", \"c\"}, Nat}", "Attempted to compare overridden value Nat with non-overridden value:\n{\"a\", \"c\"}")]
    [InlineData("\"b\" \\in UNION {{\"a\", \"c\"}, STRING}", "Attempted to compare overridden value STRING with non-overridden value:\n{\"a\", \"c\"}")]
    [InlineData("\"b\" \\in UNION {{\"a\", \"c\"}, Seq({1})}", "Attempted to compare overridden value Seq({1}) with non-overridden value:\n{\"a\", \"c\"}")]
    [InlineData("\"b\" \\in UNION {Nat, {\"a\", \"c\"}}", "Attempted to compare the set {\"a\", \"c\"} with the value:\nNat")]
    // SetOfFcnsValue.member compares the domains by equality (the set's domain the receiver; a tuple's interval).
    [InlineData("[x \\in {1} |-> 1] \\in [{\"a\"} -> 1..2]", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("[x \\in {1, 2} |-> 1] \\in [{\"a\", \"b\"} -> 1..2]", "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("[a |-> 1] \\in [{1} -> 1..2]", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("<<1>> \\in [{\"a\"} -> 1..2]", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    public void A_missed_membership_searches_the_set_as_TLC_holds_it(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, TlcText.Format(r));
    }

    [Fact]
    public void A_filter_that_keeps_nothing_holds_no_element_to_compare()
    {
        // TLC: FALSE (the filtered set is empty).
        var r = InlineSpec.Assume("~(\"a\" \\in {x \\in 1..3 : FALSE})");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }

    // A configuration's set: TLC sorts it as it reads it.
    [Fact]
    public void A_configurations_set_is_searched_as_a_normalized_set()
    {
        var r = InlineSpec.Check("Q2", "---- MODULE Q2 ----\nEXTENDS Naturals, TLC\nCONSTANT S\nASSUME PrintT(\"a\" \\in S)\n====\n",
            "CONSTANT S = {3, 1, 2}\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Attempted to compare string \"a\" with non-string:\n2", TlcText.Format(r));
    }

    // A set held in a state is normalized (TLC's fingerPrint normalizes it): TLC 75, "Attempted to compare string
    // "a" with non-string:\n2" after the one-state trace.
    [Fact]
    public void A_set_held_in_a_state_is_searched_as_a_normalized_set()
    {
        var r = InlineSpec.Check("S1", "---- MODULE S1 ----\nEXTENDS Naturals\nVARIABLE s\nInit == s = {3, 1, 2}\n" +
                                       "Next == IF \"a\" \\in s THEN s' = s ELSE s' = s\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Attempted to compare string \"a\" with non-string:\n2", TlcText.Format(r));
    }
}
