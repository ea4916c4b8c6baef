using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Open items of earlier rounds, closed in round 9 (branch open35). Each expectation is TLC's own output (tla2tools
/// cc6b616, <c>tlc M.tla -config M.cfg -workers W -noTE</c>). See docs/differential-testing.md, "Open items of earlier
/// rounds, round 9".
/// </summary>
public class OpenItemsRound9Tests
{
    // UNION of sets TLC keeps as a UnionValue (one of the sets is not an enumerated set) whose elements TLC cannot
    // sort: membership asks each set of the sorted set of sets in turn, an enumerated one by TLC's binary search of a
    // normalized set, an interval by its own member method.
    [Theory]
    [InlineData("1 \\in UNION {1..2, {\"a\"}}", "Attempted to compare integer 1 with non-integer:\n\"a\"")]
    [InlineData("3 \\in UNION {1..2, {\"a\"}}", "Attempted to compare integer 3 with non-integer:\n\"a\"")]
    [InlineData("1 \\in UNION {{\"a\"}, 1..2}", "Attempted to compare integer 1 with non-integer:\n\"a\"")]
    [InlineData("<<1>> \\in UNION {1..2, {\"a\"}}", "Attempted to compare the function <<1>> with the value:\n\"a\"")]
    [InlineData("\"b\" \\in UNION {1..2, {\"a\"}}", "Attempted to check if the value:\n\"b\"\nis in the integer interval 1..2")]
    // Enumerated, the union sorts its elements and fails there (as before).
    [InlineData("Cardinality(UNION {1..2, {\"a\"}})", "Attempted to compare integer 1 with non-integer:\n\"a\"")]
    // Every set enumerated: TLC's UnionValue.union combines them, searching the elements so far (as before).
    [InlineData("1 \\in UNION {{\"a\"}, {1, 2}}", "Attempted to check equality of string \"a\" with non-string:\n1")]
    // An interval on the left of \cup asks itself about each element of the other set (IntervalValue.cup).
    [InlineData("1 \\in (1..2) \\cup {\"a\"}", "Attempted to check if the value:\n\"a\"\nis in the integer interval 1..2")]
    [InlineData("(1..2) \\cup {\"a\"}", "Attempted to check if the value:\n\"a\"\nis in the integer interval 1..2")]
    // An enumerated set on the left searches itself for each element of the interval (as before).
    [InlineData("1 \\in {\"a\"} \\cup (1..2)", "Attempted to check equality of string \"a\" with non-string:\n1")]
    public void Membership_in_a_union_TLC_keeps_lazy_asks_each_set_in_turn(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, TlcText.Format(r));
    }

    [Fact]
    public void A_member_of_a_union_TLC_keeps_lazy_is_found_in_its_set()
    {
        // TLC: TRUE ({"a"} is searched first and holds it).
        var r = InlineSpec.Assume("\"a\" \\in UNION {1..2, {\"a\"}}");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }

    // A deadlock found by the one-worker search run for two workers (a temporal property records the state graph):
    // TLC's other worker holds the state it took off the queue, so TLC -workers 2 reports one state fewer left than
    // -workers 1 (7 generated, 7 distinct, 3 left; -workers 1: 4 left), as the parallel search of Ops already did
    // without the property.
    private const string Deadlock = "---- MODULE DL ----\nEXTENDS Naturals\nVARIABLE x\nvars == <<x>>\nInit == x = 0\n" +
                                    "Next == x < 3 /\\ x' \\in {x + 1, x + 10, x + 20}\nSpec == Init /\\ [][Next]_vars /\\ WF_vars(Next)\n" +
                                    "Prop == <>(x > 100)\n====\n";

    [Theory]
    [InlineData("SPECIFICATION Spec\nPROPERTY Prop\n", 1, 4)]
    [InlineData("SPECIFICATION Spec\nPROPERTY Prop\n", 2, 3)]
    [InlineData("SPECIFICATION Spec\n", 1, 4)]
    [InlineData("SPECIFICATION Spec\n", 2, 3)]
    public void At_a_deadlock_with_two_workers_TLCs_other_worker_holds_a_state(string cfg, int workers, long left)
    {
        var r = InlineSpec.Check("DL", Deadlock, cfg, workers);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(7, r.StatesGenerated);
        Assert.Equal(7, r.DistinctStates);
        Assert.Equal(left, r.StatesLeftOnQueue);
    }
}
