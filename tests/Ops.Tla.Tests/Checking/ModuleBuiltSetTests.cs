using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Sets built by the community modules' operators that TLC writes as set maps (SequencesExt's <c>ToSet(s) ==
/// {s[i] : i \in DOMAIN s}</c>, Functions' <c>Range(f) == {f[x] : x \in DOMAIN f}</c>): TLC keeps such a set
/// unnormalized, so one holding values it cannot compare fails where TLC sorts it (printed, counted, compared) and
/// not in a membership test that finds the element first (UnorderedSetValue). Expected outcomes are TLC's (cc6b616).
/// </summary>
public class ModuleBuiltSetTests
{
    private static CheckResult Assume(string e) => InlineSpec.Check("Q",
        $"---- MODULE Q ----\nEXTENDS Sequences, SequencesExt, Functions, FiniteSets, TLC, Naturals\nVARIABLE x\nASSUME {e}\nInit == x = 0\nNext == UNCHANGED x\n====\n",
        "INIT Init\nNEXT Next\n");

    private const string PrintTFailed = "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\n";

    [Theory]
    [InlineData("PrintT(ToSet(<<1, \"a\">>))", PrintTFailed + "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("PrintT(Range(<<1, \"a\">>))", PrintTFailed + "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("PrintT(ToSet(<<<<1>>, <<\"a\">>>>))", PrintTFailed + "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("Cardinality(ToSet(<<1, \"a\">>)) = 2", "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("ToSet(<<1, \"a\">>) # {}", "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("\"a\" \\in ToSet(<<1, \"a\">>)", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    public void A_set_of_values_TLC_cannot_order_fails_where_TLC_sorts_it(string e, string message)
    {
        var r = Assume(e);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains($"Error: Evaluating assumption line 4, col 8 to line 4, col {7 + e.Length} of module Q failed.\n" + message,
            TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("1 \\in ToSet(<<1, \"a\">>)")]
    [InlineData("1 \\in Range(<<1, \"a\">>)")]
    [InlineData("ToSet(<<3, 1, 2, 1>>) = {1, 2, 3} /\\ Range([i \\in {1, 2} |-> 2 * i]) = {2, 4}")]
    public void Membership_found_first_and_sets_TLC_can_order_pass(string e)
    {
        var r = Assume(e);
        Assert.Equal(0, r.ExitCode);
    }
}
