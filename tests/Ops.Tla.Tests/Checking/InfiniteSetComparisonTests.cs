using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Sets that cannot be enumerated (Nat, Seq(S), [S -&gt; Nat], {x \in Nat : p}, UNION of infinite sets) compared with
/// <c>=</c> and <c>#</c>, as TLC (tla2tools cc6b616) evaluates them in an ASSUME: equal to themselves by construction,
/// and otherwise an evaluation error (TLC enumerates both sides to compare them, and fails), which in an ASSUME is
/// "Evaluating assumption ... failed" and exit 10. Each message is TLC's.
/// </summary>
public class InfiniteSetComparisonTests
{
    [Theory]
    [InlineData("Nat = {}", "Attempted to compare overridden value Nat with non-overridden value:\n{}")]
    [InlineData("Nat # {1}", "Attempted to compare overridden value Nat with non-overridden value:\n{1}")]
    [InlineData("Seq({1}) = {}", "Attempted to compare overridden value Seq({1}) with non-overridden value:\n{}")]
    [InlineData("{} = Nat", "Attempted to check equality of the set {} with the value:\nNat")]
    [InlineData("[{1} -> Nat] = {}", "Attempted to enumerate a set of the form [D -> R],but the range R:\nNat\ncannot be enumerated.")]
    [InlineData("[a : Nat] = {}", "Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the `a' field:\nNat")]
    [InlineData("UNION {Nat, {1}} = {}", "Attempted to compare the set {1} with the value:\nNat")]
    [InlineData("{x \\in Nat : x > 1} = {}", "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    [InlineData("(Nat \\cup {1}) = {}", "Attempted to enumerate S \\cup T when S:\n{1}\nand T:\nNat\nare not both enumerable")]
    public void An_infinite_set_compared_with_another_set_is_an_error(string expr, string message)
    {
        var r = InlineSpec.Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Evaluating assumption line 3", r.Violation.Message);
        Assert.Contains(message, Ops.Tla.Output.TlcText.Format(r));
    }

    [Theory]
    [InlineData("[{1} -> Nat] = [{1} -> Nat]")]
    [InlineData("Nat = Nat")]
    [InlineData("Seq({1}) # Seq({2})")]
    [InlineData("[{1} -> Nat] # [{2} -> Nat]")]
    public void Infinite_sets_built_by_the_same_operator_are_compared_by_their_operands(string expr)
    {
        // TLC: TRUE for each, no error.
        var r = InlineSpec.Assume(expr);
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }

    [Fact]
    public void A_union_with_an_infinite_member_stays_lazy_until_it_must_be_enumerated()
    {
        // TLC's regression test Github1109: the constant C <- C2 is a function whose domain holds
        // UNION {[d -> Seq(S)] : d \in SUBSET S}; binding it succeeds (TLC keeps the UNION and the function lazy), the
        // ASSUME that compares its domain with {} fails to enumerate [S -> Seq(S)]: exit 10, not a configuration error.
        const string tla = "---- MODULE G ----\nEXTENDS Sequences\nPart(D, R) == UNION {[d -> R] : d \\in SUBSET D}\nS == {\"s\"}\nR == Seq(S)\n" +
                           "CONSTANTS C\nASSUME DOMAIN C # {}\nC2 == [ s \\in [S -> R], p \\in {Part(S, R)} |-> TRUE ]\n====\n";
        var r = InlineSpec.Check("G", tla, "CONSTANT C <- C2\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Evaluating assumption line 7", r.Violation.Message);

    }
}
