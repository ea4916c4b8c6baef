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
    // Compared (enumerated), the union sorts its elements and fails there (as before).
    [InlineData("UNION {1..2, {\"a\"}} = {1}", "Attempted to compare integer 1 with non-integer:\n\"a\"")]
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
    // -workers 1 (7 generated, 7 distinct, 3 left in five runs of seven, the other two TLC's own race, 10 / 10 and 5
    // left; -workers 1: 4 left), as the parallel search of Ops already did without the property.
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

    // Functions of strings built by the community modules' operators are TLC's FcnRcdValue (the operators are TLA+
    // function constructors, or Java overrides that build a FcnRcdValue), not records: a field TLC words as a
    // function's argument. A record's EXCEPT stays a record (TLC: "Attempted to select nonexistent field").
    [Theory]
    [InlineData("Restrict([a |-> 1, b |-> 2], {\"a\"}).c", "[a |-> 1]")]
    [InlineData("RestrictDomain([a |-> 1, b |-> 2], LAMBDA x : x = \"a\").c", "[a |-> 1]")]
    [InlineData("Inverse(<<\"a\", \"b\">>, 1..2, {\"a\", \"b\"}).c", "[a |-> 1, b |-> 2]")]
    [InlineData("AntiFunction(<<\"a\", \"b\">>).c", "[a |-> 1, b |-> 2]")]
    [InlineData("SetToBag({\"a\"}).c", "[a |-> 1]")]
    [InlineData("BagAdd(SetToBag({\"a\"}), \"b\").c", "[a |-> 1, b |-> 1]")]
    [InlineData("BagRemoveAll(SetToBag({\"a\", \"b\"}), \"b\").c", "[a |-> 1]")]
    [InlineData("(SetToBag({\"a\"}) (+) SetToBag({\"b\"})).c", "[a |-> 1, b |-> 1]")]
    [InlineData("(CHOOSE p \\in Permutations({\"a\", \"b\"}) : TRUE).c", "[a |-> \"a\", b |-> \"b\"]")]
    [InlineData("RandomElement([{\"a\"} -> {1}]).c", "[a |-> 1]")]
    public void Functions_of_strings_built_by_community_operators_are_functions(string expr, string shown)
    {
        var r = InlineSpec.Check("F", "---- MODULE F ----\nEXTENDS Naturals, Sequences, FiniteSets, TLC, Functions, SequencesExt, Bags, BagsExt\n" +
                                      "ASSUME PrintT(" + expr + ")\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains($"Attempted to apply function:\n{shown}\nto argument \"c\", which is not in the domain of the function.", TlcText.Format(r));
    }

    [Fact]
    public void A_function_of_strings_from_Restrict_compared_with_a_tuple_is_worded_as_a_function()
    {
        var r = InlineSpec.Check("F", "---- MODULE F ----\nEXTENDS Naturals, TLC, Functions\n" +
                                      "ASSUME PrintT(Restrict([a |-> 1, b |-> 2], {\"a\"}) = <<1>>)\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Attempted to compare an integer with non-integer:\n\"a\".", TlcText.Format(r));
    }

    [Fact]
    public void A_records_EXCEPT_stays_a_record()
    {
        var r = InlineSpec.Assume("[[a |-> 1, b |-> 2] EXCEPT ![\"a\"] = 3].c");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Attempted to select nonexistent field \"c\" from the record\n[a |-> 3, b |-> 2]", TlcText.Format(r));
    }
}
