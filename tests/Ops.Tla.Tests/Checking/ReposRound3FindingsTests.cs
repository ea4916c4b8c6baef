using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the third round on public specifications from repositories other than
/// tlaplus/Examples (MongoDB's, lemmy's, teaching repositories, other checkers' regression specs), each reduced to a
/// small spec written for the test. Expected exit codes, counts and messages are what TLC printed (tla2tools cc6b616,
/// -workers 1).
/// </summary>
public class ReposRound3FindingsTests
{
    private static CheckResult InitOnly(string init) =>
        InlineSpec.Check("TupApply", $"---- MODULE TupApply ----\nEXTENDS Integers, Sequences, TLC\nVARIABLE x\nInit == x = {init}\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\n");

    [Theory]
    // TLC's TupleValue.apply: a value built as a tuple (<<...>>, Append, Tail, SubSeq, EXCEPT of a tuple) has its own
    // words for an index outside 1..Len and for an argument that is not an integer (several arguments are one tuple
    // argument). Found on MongoDB's KNotIdempotentRetry, whose liveness property reads requests[1] while requests is
    // still <<>>. A function built by a constructor or @@ keeps the function's words.
    [InlineData("Tail(<<1>>)[1]", "Attempted to access index 1 of tuple\n<<>>\nwhich is out of bounds.")]
    [InlineData("Append(<<>>, 1)[2]", "Attempted to access index 2 of tuple\n<<1>>\nwhich is out of bounds.")]
    [InlineData("[<<1, 2>> EXCEPT ![1] = 5][0]", "Attempted to access index 0 of tuple\n<<5, 2>>\nwhich is out of bounds.")]
    [InlineData("SubSeq(<<1, 2, 3>>, 1, 2)[3]", "Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds.")]
    [InlineData("<<1, 2>>[\"a\"]", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("<<1, 2>>[1, 2]", "Attempted to access tuple at a non integral index: <<1, 2>>")]
    [InlineData("((1 :> 2) @@ (2 :> 3))[3]", "Attempted to apply function:\n<<2, 3>>\nto argument 3, which is not in the domain of the function.")]
    public void Applying_a_tuple_outside_its_domain_uses_TLCs_tuple_words(string init, string message)
    {
        var r = InitOnly(init);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }
}
