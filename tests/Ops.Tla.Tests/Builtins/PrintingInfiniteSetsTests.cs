using Ops.Tla.Checking;
using Ops.Tla.Tests.Checking;
using Xunit;

namespace Ops.Tla.Tests.Builtins;

/// <summary>
/// How TLC's Print, PrintT, ToString and Cardinality treat a set they cannot enumerate. TLC prints with its sets
/// expanded and no error swallowed: a set it keeps as an operation (<c>Nat \ {1}</c>, <c>{x \in Nat : p}</c>) or a set
/// of sets, functions, records or tuples over an infinite set (<c>SUBSET Nat</c>, <c>[{1} -&gt; Nat]</c>) is enumerated
/// to be printed and fails, wrapped as a failing Java override's error; Nat, Int, STRING and Seq(S) print by name.
/// Messages, Assert and a function over an infinite domain print such sets as written. Ops printed them as written
/// everywhere (exit 0 where TLC fails). Every expected text is TLC's (tla2tools cc6b616, -workers 1).
/// </summary>
public class PrintingInfiniteSetsTests
{
    private const string PrintT = "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\n";
    private const string Cardinality = "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\n";
    private const string NatHasNoSize = "Attempted to compute the number of elements in the overridden value Nat.";

    private static CheckResult Assume(string expr) =>
        InlineSpec.Check("Inf", $"---- MODULE Inf ----\nEXTENDS Integers, TLC, Sequences, FiniteSets\nASSUME {expr}\n====\n", "");

    [Theory]
    [InlineData("PrintT((1..3) \\cup Nat)", PrintT + "Attempted to enumerate S \\cup T when S:\n1..3\nand T:\nNat\nare not both enumerable")]
    [InlineData("PrintT(Nat \\ (1..3))", PrintT + "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    [InlineData("PrintT(Nat \\cap Int)", PrintT + "Attempted to enumerate S \\cap T when neither S:\nNat\nnor T:\nInt\nis enumerable")]
    [InlineData("PrintT({x \\in Nat : x < 3})", PrintT + "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    [InlineData("PrintT(SUBSET Nat)", PrintT + NatHasNoSize)]
    [InlineData("PrintT(SUBSET SUBSET Nat)", PrintT + NatHasNoSize)]
    [InlineData("PrintT([{1} -> Seq({1})])", PrintT + "Attempted to compute the number of elements in the overridden value Seq({1}).")]
    [InlineData("PrintT([Nat -> STRING])", PrintT + NatHasNoSize)]
    [InlineData("PrintT([b : Nat, a : STRING])", PrintT + NatHasNoSize)]
    [InlineData("PrintT(Int \\X Nat)", PrintT + "Attempted to compute the number of elements in the overridden value Int.")]
    [InlineData("PrintT(SUBSET (Nat \\ {1}))", PrintT + "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    [InlineData("PrintT(<<Nat \\ {1}>>)", PrintT + "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    // The message prints the operands as written: the inner difference is not enumerated.
    [InlineData("PrintT(((Nat \\ {1}) \\cup {2}) \\cup Int)", PrintT + "Attempted to enumerate S \\cup T when S:\n{2} \\cup Nat \\ {1}\nand T:\nInt\nare not both enumerable")]
    [InlineData("Print(1, Nat \\ {1})", "public static tlc2.value.impl.Value tlc2.module.TLC.Print(tlc2.value.impl.Value,tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to enumerate S \\ T when S:\nNat")]
    [InlineData("ToString(Nat \\ {1}) = \"a\"", "public static tlc2.value.impl.Value tlc2.module.TLC.ToString(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to enumerate S \\ T when S:\nNat")]
    [InlineData("Cardinality(Nat \\X {1}) = 1", Cardinality + NatHasNoSize)]
    [InlineData("Cardinality([a : Nat]) = 1", Cardinality + NatHasNoSize)]
    [InlineData("Cardinality(Nat \\ {1}) = 1", Cardinality + "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    [InlineData("Cardinality({x \\in Nat : TRUE}) = 1", Cardinality + "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    // Cardinality of an overridden set is Cardinality's own error.
    [InlineData("Cardinality(Seq({1})) = 1", "Attempted to compute cardinality of the value\nSeq({1})")]
    // Assert prints its message as written.
    [InlineData("Assert(FALSE, Nat \\ {1})", "The first argument of Assert evaluated to FALSE; the second argument was:\nNat \\ {1}")]
    public void A_set_TLC_cannot_enumerate_fails_where_TLC_enumerates_it_to_print_or_count(string expr, string message)
    {
        var r = Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Theory]
    [InlineData("Seq({1})", "Seq({1})")]
    [InlineData("<<Nat, Int, STRING>>", "<<Nat, Int, STRING>>")]
    [InlineData("{Nat}", "{Nat}")]
    [InlineData("Seq(Nat)", "Seq(Nat)")]
    [InlineData("(1..3) \\cap Nat", "{1, 2, 3}")]
    [InlineData("{x \\in 1..3 : x > 1} \\cup {7}", "{2, 3, 7}")]
    [InlineData("Seq({1}) \\cap {<<1>>}", "{<<1>>}")]
    // A function over an infinite domain prints its domain as written, in TLC's words for a set filter.
    [InlineData("[n \\in Nat \\ {1} |-> 1]", "[n \\in Nat \\ {1} |-> <expression 1>]")]
    [InlineData("[n \\in SUBSET (Nat \\ {1}) |-> 1]", "[n \\in SUBSET Nat \\ {1} |-> <expression 1>]")]
    [InlineData("[n \\in [{1} -> Nat] |-> 1]", "[n \\in [{1} -> Nat] |-> <expression 1>]")]
    [InlineData("[n \\in {x \\in Nat : x > 1} |-> 1]", "[n \\in {x \\in Nat : <expression line 3, col 35 to line 3, col 39 of module Inf> } |-> <expression 1>]")]
    public void Sets_TLC_prints_are_printed_as_TLC_prints_them(string expr, string expected)
    {
        var r = Assume($"PrintT({expr})");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { expected }, r.Output);
    }

    [Fact]
    public void In_a_step_the_failure_is_TLCs_unexpected_exception_with_the_trace()
    {
        // TLC: "TLC threw an unexpected exception" ... the PrintT override's error, the behaviour to the state, exit 75.
        var r = InlineSpec.Check("Step", "---- MODULE Step ----\nEXTENDS Integers, TLC\nVARIABLE y\nInit == y = 0\n" +
            "Next == y < 2 /\\ y' = y + 1 /\\ (y = 1 => PrintT(Nat \\ {y}))\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains(PrintT + "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.", r.Violation.Message);
        Assert.Equal(2, r.Trace.Count);
        Assert.Equal(2, r.DistinctStates);
    }
}
