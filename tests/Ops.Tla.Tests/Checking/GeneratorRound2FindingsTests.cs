using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found by the spec generator's second round of components (docs/differential-testing.md,
/// "The generator's uncovered areas, round 2"), each reduced to a small spec. Expected exit codes, counts and texts
/// are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class GeneratorRound2FindingsTests
{
    private static string Module(string name, string body, string extends = "Naturals, TLC") =>
        $"---- MODULE {name} ----\nEXTENDS {extends}\n{body}====\n";

    private static CheckResult Check(string name, string body, string cfg) => InlineSpec.Check(name, Module(name, body), cfg);

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    private const string Framing = "TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n" +
                                   "See the User Output or TLC Console for clues to what happened.\n";

    [Fact]
    public void TLCGet_diameter_is_1_from_the_first_initial_state_on()
    {
        // TLC (DoInitFunctor) counts the depth as 1 as soon as it generates an initial state, so a CONSTRAINT
        // TLCGet("diameter") < 1 excludes every initial state: 3 generated, 0 distinct, depth 1. Ops read 0 on the
        // first one and kept it (4 generated, 1 distinct).
        var r = Check("Diam", "VARIABLE x\nInit == x \\in 0..2\nNext == x < 5 /\\ x' = x + 1\nC == TLCGet(\"diameter\") < 1\n",
            "INIT Init\nNEXT Next\nCONSTRAINT C\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal((3L, 0L), (r.StatesGenerated, r.DistinctStates));
        Assert.Contains("The depth of the complete state graph search is 1.", Text(r));
        // Read in a constraint and an invariant (TLC's PrintT lines): the constraint of the first initial state sees 1.
        var p = Check("Diam2", "VARIABLE x\nInit == x \\in 0..1\nNext == x < 2 /\\ x' = x + 1\n" +
                               "C == PrintT(<<\"C\", x, TLCGet(\"diameter\")>>)\nI == PrintT(<<\"I\", x, TLCGet(\"diameter\")>>)\n",
            "INIT Init\nNEXT Next\nCONSTRAINT C\nINVARIANT I\n");
        Assert.StartsWith("<<\"C\", 0, 1>>\n<<\"I\", 0, 1>>\n<<\"C\", 1, 1>>\n<<\"I\", 1, 1>>\n", string.Join("\n", p.Output) + "\n");
    }

    [Fact]
    public void TLCGet_config_has_the_fields_of_TLCs_breadth_first_search()
    {
        // TLC cc6b616: [install, mode, deadlock, seed, fingerprint, worker]; "depth" (the simulator's) is not there:
        // "Attempted to select nonexistent field "depth" from the record", exit 75. Ops answered -1.
        var r = Check("Cfg", "VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\nInv == x = x /\\ TLCGet(\"config\").depth > 0\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Attempted to select nonexistent field \"depth\" from the record", Text(r));
        var ok = Check("Cfg2", "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\n" +
                               "Inv == DOMAIN TLCGet(\"config\") = {\"install\", \"mode\", \"deadlock\", \"seed\", \"fingerprint\", \"worker\"}\n" +
                               "Inv2 == DOMAIN TLCGet(\"stats\") = {\"worker\", \"duration\", \"generated\", \"diameter\", \"distinct\", \"initial\", \"queue\"}\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\nINVARIANT Inv2\n");
        Assert.Equal(0, ok.ExitCode);
    }

    [Theory]
    // A variable given a function over a set TLC cannot enumerate: TLC's FcnLambdaValue asks its domain's size when
    // it fingerprints the state ("Attempted to compute the number of elements in the overridden value Nat."; a set
    // filter over Nat fails enumerating: "Attempted to enumerate { x \in S : p(x) } when S:"). Ops said "a function with
    // an infinite domain cannot be enumerated (or stored in a state)".
    [InlineData("[n \\in Nat |-> n]", "Attempted to compute the number of elements in the overridden value Nat.")]
    [InlineData("[n \\in Int |-> 0]", "Attempted to compute the number of elements in the overridden value Int.")]
    [InlineData("[s \\in STRING |-> 1]", "Attempted to compute the number of elements in the overridden value STRING.")]
    [InlineData("[a |-> [n \\in Nat |-> n]]", "Attempted to compute the number of elements in the overridden value Nat.")]
    [InlineData("[n \\in {m \\in Nat : m > 2} |-> n]", "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    public void A_function_over_an_infinite_set_in_a_variable_is_worded_as_TLC_words_it(string value, string message)
    {
        // On an initial state: exit 75, "While working on the initial state:" and the state, 1 generated, 0 distinct.
        var r = Check("FcnInf", $"VARIABLE x\nInit == x = {value}\nNext == UNCHANGED x\n", "INIT Init\nNEXT Next\n", "Integers, TLC");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Error: " + message + "\nWhile working on the initial state:\n", Text(r));
        Assert.Equal((1L, 0L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void A_variable_holding_Seq_S_with_a_liveness_property_is_worded_as_TLCs_fingerprint_error()
    {
        // With a temporal property Ops fingerprints states as TLC does (for the order of its liveness search): a set it
        // cannot enumerate failed there with the enumeration's words ("cannot enumerate the infinite set Seq({1})").
        // TLC: "TLC has found a state in which the value of a variable contains Seq({1})", exit 75, 1 generated.
        var r = Check("SeqVar", "VARIABLES x, w\nInit == x \\in 0..1 /\\ w = Seq({1})\nNext == UNCHANGED <<x, w>>\n" +
                                "Spec == Init /\\ [][Next]_<<x, w>>\nP == <>(x = 1)\n", "SPECIFICATION Spec\nPROPERTY P\n", "Naturals, Sequences, TLC");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Error: TLC has found a state in which the value of a variable contains Seq({1})\nWhile working on the initial state:\n", Text(r));
        Assert.Equal((1L, 0L), (r.StatesGenerated, r.DistinctStates));
    }

    private static CheckResult Check(string name, string body, string cfg, string extends) => InlineSpec.Check(name, Module(name, body, extends), cfg);

    private const string Live = "VARIABLES x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\nQ(a) == a = \"b\"\nSpec == Init /\\ [][Next]_x\n";

    [Theory]
    // TLC (Liveness.astToLive) walks a temporal property before its search, through /\, \/, ~, =>, IF, LET and the
    // definitions it calls, and evaluates each constant part it meets: one that fails ends the run there, exit 255,
    // MP's framing of the exception and the message alone (no state, no figures). Ops met the failure in the search
    // (exit 75 or 12, with a trace), or not at all.
    [InlineData("<>(x = 1 /\\ 1 \\div 0 = 1)", "tlc2.tool.EvalException", "The second argument of \\div is 0.")]
    [InlineData("<>(IF x = 1 THEN (CHOOSE c \\in {} : TRUE) = 1 ELSE TRUE)", "java.lang.RuntimeException",
        "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\nline 8, col 24 to line 8, col 45 of module LiveC")]
    [InlineData("[](x = 1 => <>(1 = \"a\"))", "java.lang.RuntimeException", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("<>(x = 1 /\\ (1 = \"a\" <=> TRUE))", "java.lang.RuntimeException", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("<>(x = 1 /\\ Q(1))", "java.lang.RuntimeException", "Attempted to check equality of integer 1 with non-integer:\n\"b\"")]
    [InlineData("[]<>(x = 1 /\\ ~(<<1>>[2] = 1))", "java.lang.RuntimeException", "Attempted to access index 2 of tuple\n<<1>>\nwhich is out of bounds.")]
    [InlineData("<>(LET k == 1 = \"a\" IN x = 1 /\\ k)", "java.lang.RuntimeException", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    public void A_constant_part_of_a_temporal_property_that_fails_is_TLCs_error_before_the_search(string prop, string exception, string message)
    {
        var r = Check("LiveC", Live + "P == " + prop + "\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(Framing + $"The exception was a {exception}\n: " + message, r.Violation.Message);
        Assert.DoesNotContain("states generated", Text(r));
        Assert.DoesNotContain("The behavior up to this point", Text(r));
    }

    [Theory]
    // The failing part reads the state: TLC meets it while its liveness checker evaluates the predicates of the states
    // it explores, exit 255 with the framed message, the trace to the state being explored and the figures (2
    // generated, 2 distinct). Ops said exit 75, the message after its own file:line:col. (TLC's nested expressions
    // list, printed before the message there, is still open.)
    [InlineData("<>(\\E n \\in {1} : x = n /\\ 1 = \"a\")", "\"a\"")]
    [InlineData("<>(x = 1 /\\ Q(x))", "\"b\"")]
    public void A_temporal_property_failing_on_a_state_is_TLCs_general_error(string prop, string value)
    {
        var r = Check("LiveS", Live + "P == " + prop + "\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(Framing + "The exception was a java.lang.RuntimeException\n: Attempted to check equality of integer 1 with non-integer:\n" + value,
            r.Violation.Message);
        Assert.Equal((2L, 2L), (r.StatesGenerated, r.DistinctStates));
        Assert.Contains("Error: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 0\n", Text(r));
    }

    [Theory]
    // TLC's EC.TLC_LIVE_WRONG_FORMULA_FORMAT is the sentence alone; Ops put its file:line:col before it.
    [InlineData("<><<Next>>_x")]
    [InlineData("[](x = 0 => <><<Next>>_x)")]
    public void An_action_outside_the_forms_TLC_handles_is_the_sentence_alone(string prop)
    {
        var r = Check("Forms", "VARIABLES x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\nSpec == Init /\\ [][Next]_x /\\ WF_x(Next)\nP == " + prop + "\n",
            "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("\nError: Temporal formulas containing actions must be of forms <>[]A or []<>A.\n", "\n" + Text(r));
    }
}
