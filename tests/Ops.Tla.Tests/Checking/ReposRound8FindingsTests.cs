using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the eighth round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 8"), each reduced to a small spec written for the test. Expected exit codes,
/// counts and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound8FindingsTests
{
    private static string Spec(string name, string init, string next) =>
        $"---- MODULE {name} ----\nEXTENDS Naturals, Sequences, TLC\nVARIABLE x\nInit == {init}\nNext == {next}\n====\n";

    private const string Cfg = "INIT Init\nNEXT Next\n";

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    [Theory]
    // TLC selects each argument of an EXCEPT path first (Value.select); an argument of the wrong kind is select's
    // error, a RuntimeException in a step (exit 75, "TLC threw an unexpected exception"), not the warning about
    // non-existing fields TLC gives for an argument of the right kind outside the domain. Found on
    // jl3953/pluscalspecs' CRAQ (`[allObjLogs EXCEPT ![head][o].isDirty = FALSE]` where allObjLogs[head][o] is a
    // sequence of records): TLC 93 generated / 57 distinct, exit 75; Ops warned and ran on to a deadlock (221 / 122).
    [InlineData("<<1, 2>>", "!.a", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("<<>>", "!.a", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("<<<<1>>>>", "![1].a", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("<<1>>", "![\"a\"]", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("[i \\in 1..2 |-> i]", "!.a", "Attempted to apply function with integer domain to the non-integer argument \"a\"")]
    [InlineData("[a |-> 1]", "![1]", "Attempted to access record by a non-string argument: 1")]
    [InlineData("(1 :> 1 @@ 3 :> 2)", "![\"a\"]", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("[i \\in {\"a\", \"b\"} |-> 1]", "![2]", "Attempted to check equality of string \"a\" with non-string:\n2")]
    public void An_EXCEPT_path_argument_of_the_wrong_kind_is_TLCs_select_error(string init, string path, string message)
    {
        var r = InlineSpec.Check("X1", Spec("X1", "x = " + init, $"x' = [x EXCEPT {path} = 3]"), Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
        Assert.DoesNotContain(r.Output, line => line.Contains("non-existing fields", StringComparison.Ordinal));
        Assert.Contains("Error: TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n" +
                        "See the User Output or TLC Console for clues to what happened.\nThe exception was a java.lang.RuntimeException\n: " +
                        message + "\nError: The behavior up to this point is:\nState 1: <Initial predicate>\n", Text(r));
    }

    [Theory]
    // An argument of the right kind outside the domain: select answers "not there", TLC warns and leaves the function.
    [InlineData("<<1>>", "![3]")]
    [InlineData("[i \\in {} |-> 1]", "![\"a\"]")]
    public void An_EXCEPT_path_argument_of_the_right_kind_outside_the_domain_is_still_the_warning(string init, string path)
    {
        var r = InlineSpec.Check("X2", Spec("X2", "x = " + init, $"x' = [x EXCEPT {path} = 3]"), Cfg);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Contains("Warning: The EXCEPT was applied to non-existing fields of the value at\nline 5, col 15 to line 5, col 15 of module X2", string.Join("\n", r.Output));
    }

    [Theory]
    // UNION of enumerated sets (TLC's UnionValue.union, canCombine): the elements of each set in turn, in the order
    // the set of sets is written, each searched for among those so far (the earlier element the receiver of the
    // equality). Of any other sets (an interval among them): a UnionValue that is sorted when first normalized, its
    // sets in their sorted order. Found on hwayne/learntla-v2's dining philosophers (UNION {table, Range(held)} with
    // table an interval and Range(held) = {{}}): Ops named the pair the other way round.
    [InlineData("UNION {{1,2,3}, {{}}} # {}", "Attempted to check equality of integer 1 with non-integer:\n{}")]
    [InlineData("UNION {{{}}, {1,2,3}} # {}", "Attempted to check equality of the set {} with the value:\n1")]
    [InlineData("UNION {{1,2}, {\"a\"}} # {}", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("UNION {1..3, {{}}} = 1..3", "Attempted to compare integer 1 with non-integer:\n{}")]
    [InlineData("UNION {{{}}, 1..3} = 1..3", "Attempted to compare integer 1 with non-integer:\n{}")]
    public void UNION_of_sets_TLC_cannot_merge_fails_as_TLCs_union_does(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("failed.\n" + message + "\n", Text(r) + "\n");
    }

    [Fact]
    public void A_file_whose_module_has_another_name_is_SANYs_error()
    {
        // salmans/pluscal-workshop's crdt/crdt_7.tla holds MODULE crdt_workshop: SANY aborts, "File name 'crdt_7'
        // does not match the name 'crdt_workshop' of the top level module it contains.", exit 150. Ops checked it.
        var r = InlineSpec.Check("Wrong", "---- MODULE Other ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n", Cfg);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("File name 'Wrong' does not match the name 'Other' of the top level module it contains.", Text(r));
    }

    [Fact]
    public void A_module_reached_by_EXTENDS_whose_file_has_another_name_is_SANYs_error_too()
    {
        var r = InlineSpec.Check("Top", "---- MODULE Top ----\nEXTENDS Inner\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n", Cfg,
            ("Inner.tla", "---- MODULE Other ----\nA == 1\n====\n"));
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("File name 'Inner' does not match the name 'Other' of the top level module it contains.", Text(r));
    }
}
