using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Sets whose elements TLC cannot order (<c>{1, "a"}</c>, <c>{&lt;&lt;1&gt;&gt;, &lt;&lt;"a"&gt;&gt;}</c>, records with values of
/// different kinds under one field): TLC keeps such a set as written and fails only where it normalizes it (enumeration,
/// Cardinality, comparison, printing, fingerprinting), while membership searches the elements as written by TLC's
/// equality. Every expected exit code and message below is TLC's (tla2tools cc6b616), each case run as
/// <c>ASSUME e</c> on line 3 of a module extending Naturals, FiniteSets, TLC and Sequences (docs/differential-testing.md,
/// "Sets whose elements TLC cannot order"). Before, Ops sorted such a set by kind and passed every case (exit 0).
/// </summary>
public class UnorderedSetTests
{
    private static CheckResult Assume(string expr) =>
        InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS Naturals, FiniteSets, TLC, Sequences\nASSUME {expr}\n====\n", "");

    [Theory]
    [InlineData("\"a\" \\in {1, \"a\"}", "line 3, col 8 to line 3, col 23",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("2 \\in {1, \"a\"}", "line 3, col 8 to line 3, col 21",
        "Attempted to check equality of string \"a\" with non-string:\n2")]
    [InlineData("1 \\notin {\"a\", 1}", "line 3, col 8 to line 3, col 24",
        "Attempted to check equality of string \"a\" with non-string:\n1")]
    [InlineData("Cardinality({1, \"a\"}) = 2", "line 3, col 8 to line 3, col 32",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("\\E x \\in {1, \"a\"} : x = 1", "line 3, col 8 to line 3, col 32",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("\\A x \\in {1, \"a\"} : TRUE", "line 3, col 8 to line 3, col 31",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("(CHOOSE x \\in {1, \"a\"} : TRUE) = 1", "line 3, col 8 to line 3, col 41",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{x \\in {1, \"a\"} : TRUE} # {}", "line 3, col 8 to line 3, col 35",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("1 \\in {x \\in {1, \"a\"} : TRUE}", "line 3, col 8 to line 3, col 36",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{x : x \\in {1, \"a\"}} # {}", "line 3, col 8 to line 3, col 32",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{1, \"a\"} = {1, \"a\"}", "line 3, col 8 to line 3, col 26",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{1, \"a\"} # {}", "line 3, col 8 to line 3, col 20",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{} # {1, \"a\"}", "line 3, col 8 to line 3, col 20",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{1, \"a\"} = 1", "line 3, col 8 to line 3, col 19",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{1, \"a\"} \\subseteq {1, \"a\"}", "line 3, col 8 to line 3, col 34",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("UNION {{1}, {\"a\"}} # {}", "line 3, col 8 to line 3, col 30",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("1 \\in UNION {{1}, {\"a\"}}", "line 3, col 8 to line 3, col 31",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("({1} \\cup {\"a\"}) # {}", "line 3, col 8 to line 3, col 28",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("1 \\in ({1} \\cup {\"a\"})", "line 3, col 8 to line 3, col 29",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("({1, \"a\"} \\cap {1}) # {}", "line 3, col 8 to line 3, col 31",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("1 \\in ({1, \"a\"} \\cap {1})", "line 3, col 8 to line 3, col 32",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("({1, \"a\"} \\ {1}) # {}", "line 3, col 8 to line 3, col 28",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("1 \\in ({1, \"a\"} \\ {2})", "line 3, col 8 to line 3, col 29",
        "Attempted to check equality of integer 2 with non-integer:\n\"a\"")]
    [InlineData("{1, \"a\"} \\in {{1, \"a\"}}", "line 3, col 8 to line 3, col 30",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("PrintT({1, \"a\"})", "line 3, col 8 to line 3, col 23",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("PrintT({1, TRUE})", "line 3, col 8 to line 3, col 24",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare boolean TRUE with non-boolean:\n1")]
    [InlineData("PrintT({1, {1}})", "line 3, col 8 to line 3, col 23",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare the set {1} with the value:\n1")]
    [InlineData("ToString({1, \"a\"}) # \"\"", "line 3, col 8 to line 3, col 30",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.ToString(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("SUBSET {1, \"a\"} # {}", "line 3, col 8 to line 3, col 27",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("<<\"a\">> \\in {<<1>>, <<\"a\">>}", "line 3, col 8 to line 3, col 35",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("PrintT({<<1>>, <<\"a\">>})", "line 3, col 8 to line 3, col 31",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("PrintT({<<1,1>>, <<2,\"a\">>, <<1,\"b\">>})", "line 3, col 8 to line 3, col 46",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"b\" with non-string:\n1")]
    [InlineData("Cardinality({[a |-> 1], [a |-> \"x\"]}) = 2", "line 3, col 8 to line 3, col 48",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"x\" with non-string:\n1")]
    [InlineData("PrintT({<<1>>, [a |-> 1]})", "line 3, col 8 to line 3, col 33",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare record:\n[a |-> 1]\nwith non-record\n<<1>>")]
    [InlineData("<<{1, \"a\"}>> = <<{1, \"a\"}>>", "line 3, col 8 to line 3, col 34",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("[{1, \"a\"} -> {0}] # {}", "line 3, col 8 to line 3, col 29",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("[x \\in {1, \"a\"} |-> 0] # <<>>", "line 3, col 8 to line 3, col 36",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("({1, \"a\"} \\X {0}) # {}", "line 3, col 8 to line 3, col 29",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("1 = \"a\"", "line 3, col 8 to line 3, col 14",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("Cardinality({1, \"a\", 1}) = 2", "line 3, col 8 to line 3, col 35",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("{2} \\in {{1, \"a\"}, {2}}", "line 3, col 8 to line 3, col 30",
        "Attempted to compare string \"a\" with non-string:\n1")]
    [InlineData("Cardinality({{2}, {1, \"a\"}}) = 2", "line 3, col 8 to line 3, col 39",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("Cardinality({IF x = 1 THEN 1 ELSE \"a\" : x \\in {1, 2}}) = 2", "line 3, col 8 to line 3, col 65",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("Print(\"x\", {1, \"a\"}) # {}", "line 3, col 8 to line 3, col 32",
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLC.Print(tlc2.value.impl.Value,tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to compare string \"a\" with non-string:\n1")]
    [InlineData("({1, \"a\"} \\cup {2}) # {}", "line 3, col 8 to line 3, col 31",
        "Attempted to check equality of string \"a\" with non-string:\n2")]
    [InlineData("1 \\in ({1, \"a\"} \\cap {1, \"a\"})", "line 3, col 8 to line 3, col 37",
        "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("LET S == {1, \"a\"} IN S = S", "line 3, col 8 to line 3, col 33",
        "Attempted to compare string \"a\" with non-string:\n1")]
    public void Where_TLC_normalizes_the_set_or_compares_values_of_different_kinds_it_fails(string expr, string location, string message)
    {
        var r = Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Contains($"Evaluating assumption {location} of module M failed.\n{message}", Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("1 \\in {1, \"a\"}", null)]
    [InlineData("LET S == {1, \"a\"} IN 1 \\in S", null)]
    [InlineData("{1} \\subseteq {1, \"a\"}", null)]
    [InlineData("1 \\in ({1, \"a\"} \\cup {1})", null)]
    [InlineData("{{1, \"a\"}} # {}", null)]
    [InlineData("{1} \\in SUBSET {1, \"a\"}", null)]
    [InlineData("<<1>> \\in {<<1>>, <<\"a\">>}", null)]
    [InlineData("PrintT({<<1,1>>, <<2,\"a\">>})", "{<<1, 1>>, <<2, \"a\">>}")]
    [InlineData("[a |-> 1] \\in {[a |-> 1], [a |-> \"x\"]}", null)]
    [InlineData("<<{1, \"a\"}>> # <<>>", null)]
    [InlineData("IsFiniteSet({1, \"a\"})", null)]
    [InlineData("<<1, 0>> \\in ({1, \"a\"} \\X {0})", null)]
    [InlineData("PrintT({<<1>>, <<1, 2>>})", "{<<1>>, <<1, 2>>}")]
    [InlineData("PrintT({[a |-> 1], [b |-> 1]})", "{[a |-> 1], [b |-> 1]}")]
    [InlineData("{2} \\in {{2}, {1, \"a\"}}", null)]
    [InlineData("Len(<<1, \"a\">>) = 2", null)]
    [InlineData("PrintT({<<1, \"a\">>, <<1, \"a\">>})", "{<<1, \"a\">>}")]
    [InlineData("1 \\in {IF x = 1 THEN 1 ELSE \"a\" : x \\in {1, 2}}", null)]
    public void Membership_in_a_set_TLC_has_not_normalized_searches_its_elements_as_written(string expr, string printed)
    {
        var r = Assume(expr);
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
        if (printed != null) Assert.Equal(printed, Assert.Single(r.Output));
    }

    private static CheckResult Steps(string defs, string cfg = "INIT Init\nNEXT Next\n") =>
        InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS Naturals, FiniteSets, TLC, Sequences\nVARIABLE x\n{defs}\n====\n", cfg);

    private const string Unexpected = "TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n"
        + "See the User Output or TLC Console for clues to what happened.\nThe exception was a java.lang.RuntimeException\n: ";

    [Theory]
    // A successor holding the set: TLC fails to fingerprint it (exit 75) after the initial state.
    [InlineData("Init == x = 0\nNext == x' = {1, \"a\"}")]
    [InlineData("Init == x = 0\nNext == x' = {{1, \"a\"}}")]
    [InlineData("Init == x = 0\nNext == x' = <<{1, \"a\"}>>")]
    public void A_state_holding_the_set_cannot_be_fingerprinted(string defs)
    {
        var r = Steps(defs);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Error: " + Unexpected + "Attempted to compare string \"a\" with non-string:\n1\nError: The behavior up to this point is:\n"
            + "State 1: <Initial predicate>\nx = 0\n", Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
    }

    [Fact]
    public void An_initial_state_holding_the_set_is_TLC_s_general_failure_without_a_state()
    {
        // TLC: "TLC threw an unexpected exception. ... : Attempted to compare string "a" with non-string:\n1", exit 255,
        // no state printed.
        var r = Steps("Init == x = {1, \"a\"}\nNext == UNCHANGED x");
        Assert.Equal(255, r.ExitCode);
        var text = Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains("Error: " + Unexpected + "Attempted to compare string \"a\" with non-string:\n1\n", text);
        Assert.DoesNotContain("State 1", text);
        Assert.DoesNotContain("states generated", text);
    }

    [Fact]
    public void Enumerating_the_set_in_a_step_fails_there()
    {
        // TLC: \E y \in {x, "a"} normalizes the set: "Attempted to compare string "a" with non-string:\n0", exit 75.
        var r = Steps("Init == x = 0\nNext == \\E y \\in {x, \"a\"} : x' = 1");
        Assert.Equal(75, r.ExitCode);
        Assert.StartsWith(Unexpected + "Attempted to compare string \"a\" with non-string:\n0", r.Violation.Message.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Counting_the_set_in_an_invariant_fails_on_the_initial_state()
    {
        var r = Steps("Init == x = 0\nNext == x' = 1 - x\nInv == Cardinality({x, \"a\"}) > 0", "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue "
            + "tlc2.module.FiniteSets.Cardinality(tlc2.value.impl.Value),\nbut it produced the following error:\n"
            + "Attempted to compare string \"a\" with non-string:\n0\nWhile working on the initial state:\nx = 0\n",
            Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Theory]
    // Membership in a step and in an invariant: TLC's counts (deadlock after x = 2: 3 generated, 3 distinct; the
    // invariant holds: 3 generated, 2 distinct).
    [InlineData("Init == x = 0\nNext == x < 2 /\\ x' = x + (IF 1 \\in {1, \"a\"} THEN 1 ELSE 0)", "INIT Init\nNEXT Next\n", 11, 3, 3)]
    [InlineData("Init == x = 0\nNext == x < 2 /\\ x \\in {x, \"a\"} /\\ x' = x + 1", "INIT Init\nNEXT Next\n", 11, 3, 3)]
    [InlineData("Init == x = 0\nNext == x' = 1 - x\nInv == x \\in {x, \"a\"}", "INIT Init\nNEXT Next\nINVARIANT Inv\n", 0, 3, 2)]
    public void Membership_in_a_step_or_an_invariant_is_decided_without_an_error(string defs, string cfg, int exit, long generated, long distinct)
    {
        var r = Steps(defs, cfg);
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(generated, r.StatesGenerated);
        Assert.Equal(distinct, r.DistinctStates);
    }

    [Theory]
    // A typed model value and a value of another kind: TLC's message depends on which is the receiver (the later
    // element, in TLC's sort): ModelValue.compareTo says "and non-model value", modelValueCompareTo "and the non-model
    // value". Ops ordered model values before other values, without an error.
    [InlineData("{TLCModelValue(\"A_a\"), 1}", "Attempted to compare the typed model value A_a and the non-model value\n1")]
    [InlineData("{1, TLCModelValue(\"A_a\")}", "Attempted to compare the typed model value A_a and non-model value\n1")]
    public void A_typed_model_value_is_ordered_with_model_values_only(string set, string message)
    {
        var r = InlineSpec.Check("T", $"---- MODULE T ----\nEXTENDS TLCExt, TLC\nASSUME PrintT({set})\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("public static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value),\nbut it produced the following error:\n"
            + message, Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }
}
