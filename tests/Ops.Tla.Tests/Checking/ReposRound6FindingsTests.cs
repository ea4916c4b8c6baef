using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the sixth round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 6"), each reduced to a small spec written for the test. Expected exit codes,
/// counts and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound6FindingsTests
{
    private static string Spec(string name, string init, string next, string more = "") =>
        $"---- MODULE {name} ----\nEXTENDS Naturals, Sequences, TLC\nVARIABLE x\nInit == {init}\nNext == {next}\n{more}====\n";

    private const string Cfg = "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n";

    private static string Block(CheckResult r) => MessagesRound4Tests.ErrorBlock(TlcText.Format(r));

    [Fact]
    public void An_error_in_the_body_of_a_function_constructor_is_TLCs_fingerprint_failure()
    {
        // TLC keeps [i \in S |-> e] as a FcnLambdaValue; forcing it (here its fingerprint) fails with a
        // FingerprintException: exit 75, not the 255 of Append's own EvalException in a step. Found on
        // jabolina/mcast-tlaplus (GenericMulticast1's AtomicBroadcast!ABroadcast appends to a set): TLC 75, Ops 255.
        var r = InlineSpec.Check("A", Spec("A", "x = 0", "x' = [i \\in {1,2} |-> Append(3, i)]"), Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(@"Error: Evaluating an expression of the form Append(s, v) when s is not a sequence:
3
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 9 to line 5, column 43 in A
1. Line 5, column 14 to line 5, column 43 in A
2. Line 5, column 31 to line 5, column 42 in A


Reason:
Evaluating an expression of the form Append(s, v) when s is not a sequence:
3".Replace("\r\n", "\n"), Block(r));
    }

    [Theory]
    // Forced whole in other ways (compared, DOMAIN, EXCEPT, inside a tuple, through LET): the same failure in TLC.
    [InlineData("/\\ x' = 1 /\\ [i \\in {1,2} |-> Append(3, i)] # 0")]
    [InlineData("x' = DOMAIN [i \\in {1,2} |-> Append(3, i)]")]
    [InlineData("x' = [[i \\in {1,2} |-> Append(3, i)] EXCEPT ![1] = 0]")]
    [InlineData("x' = <<[i \\in {1,2} |-> Append(3, i)]>>")]
    [InlineData("x' = LET g == [i \\in {1,2} |-> Append(3, i)] IN g")]
    public void A_function_constructor_forced_whole_fails_as_a_fingerprint(string next)
    {
        var r = InlineSpec.Check("Q", Spec("Q", "x = 0", next), Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Error: TLC was unable to fingerprint.\n\nFingerprint Stack Trace:\n", Block(r));
    }

    [Fact]
    public void A_function_constructor_applied_fails_as_an_ordinary_error()
    {
        // TLC applies the FcnLambdaValue at the argument: an ordinary error (exit 255, the nested expressions).
        var r = InlineSpec.Check("Q14", Spec("Q14", "x = 0", "x' = [i \\in {1,2} |-> Append(3, i)][1]"), Cfg);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("Error: The error occurred when TLC was evaluating the nested", Block(r));
        Assert.DoesNotContain("fingerprint", Block(r));
    }

    [Fact]
    public void A_function_constructor_failing_in_the_initial_predicate_is_a_fingerprint_failure()
    {
        var r = InlineSpec.Check("S1", Spec("S1", "x = [i \\in {1,2} |-> Append(3, i)]", "x' = x"), Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(@"Error: Evaluating an expression of the form Append(s, v) when s is not a sequence:
3
Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 4, column 9 to line 4, column 42 in S1
1. Line 4, column 13 to line 4, column 42 in S1
2. Line 4, column 30 to line 4, column 41 in S1


Reason:
Evaluating an expression of the form Append(s, v) when s is not a sequence:
3".Replace("\r\n", "\n"), Block(r));
    }

    private const string InvCfg = "INIT Init\nNEXT Next\nINVARIANT Inv\n";

    [Fact]
    public void An_invariant_failing_on_an_initial_state_with_a_function_constructor()
    {
        // TLC: the fingerprint failure, without "While working on the initial state:" (Append's EvalException), and
        // without a position for the invariant's name in the .cfg (Ops listed "Line 3, column 11 to line 3, column 13").
        var r = InlineSpec.Check("S2", Spec("S2", "x = 0", "x' = 1 - x", "Inv == [i \\in {1,2} |-> Append(3, i)] # 0\n")
            .Replace("EXTENDS Naturals, Sequences, TLC", "EXTENDS Naturals, Sequences"), InvCfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(@"Error: Evaluating an expression of the form Append(s, v) when s is not a sequence:
3
Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 4, column 9 to line 4, column 13 in S2
1. Line 6, column 8 to line 6, column 41 in S2
2. Line 6, column 8 to line 6, column 37 in S2
3. Line 6, column 25 to line 6, column 36 in S2


Reason:
Evaluating an expression of the form Append(s, v) when s is not a sequence:
3".Replace("\r\n", "\n"), Block(r));
    }

    [Theory]
    // An invariant failing on an initial state with one of TLC's own EvalExceptions: DoInitFunctor prints the error and
    // the nested expressions, not "While working on the initial state:" and the state (Ops printed both), and no
    // position for the invariant's name in the .cfg.
    [InlineData("Append(3, 1) # 0", @"Error: Evaluating an expression of the form Append(s, v) when s is not a sequence:
3
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 13 in S4
1. Line 6, column 8 to line 6, column 23 in S4
2. Line 6, column 8 to line 6, column 19 in S4

")]
    // Assert in a constant-level invariant: TLC evaluates it on the first initial state (exit 75); Ops failed while
    // loading the model ("internal error while loading the specification (TlcAssertException ...)", exit 255).
    [InlineData("Assert(FALSE, \"boom\")", @"Error: The first argument of Assert evaluated to FALSE; the second argument was:
""boom""
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 13 in S4
1. Line 6, column 8 to line 6, column 28 in S4

")]
    public void An_invariant_failing_on_an_initial_state_with_TLCs_own_error(string inv, string expected)
    {
        var r = InlineSpec.Check("S4", Spec("S4", "x = 0", "x' = 1 - x", $"Inv == {inv}\n"), InvCfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
        Assert.Equal(expected.Replace("\r\n", "\n"), Block(r));
    }

    [Fact]
    public void An_invariant_failing_on_an_initial_state_with_a_general_error_keeps_the_state()
    {
        // A general failure (TLC's RuntimeException, here a CHOOSE without a witness) keeps "While working on the
        // initial state:" and the state, as before.
        var r = InlineSpec.Check("S5", Spec("S5", "x = 0", "x' = 1 - x", "Inv == CHOOSE y \\in {} : TRUE\n"), InvCfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("While working on the initial state:\nx = 0\n", Block(r));
        Assert.DoesNotContain("Line 3, column 11", Block(r));
    }

    [Fact]
    public void A_variable_an_INSTANCE_leaves_unsubstituted_is_reported_at_the_INSTANCE()
    {
        // fkberthold/tla-puzzles chapter/snippets/MissingSub: SANY (exit 150) places the error at the INSTANCE
        // ("line 15, col 1 to line 15, col 18 of module MissingSub") and names the declaration; Ops placed it at the
        // declaration in the instanced module.
        const string till = "---- MODULE Till ----\nEXTENDS Naturals\nCONSTANT Max\nVARIABLE takings\nInit == takings = 0\n====\n";
        var r = InlineSpec.Check("MissingSub", "---- MODULE MissingSub ----\nEXTENDS Naturals\nCONSTANT Max\nVARIABLES a, b\n"
            + "Init == a = 0 /\\ b = 0\nNext == a' = a /\\ b' = b\nT == INSTANCE Till\n====\n", "CONSTANT Max = 3\nINIT Init\nNEXT Next\n",
            ("Till.tla", till));
        Assert.Equal(150, r.ExitCode);
        Assert.EndsWith("MissingSub.tla:7:1", r.Violation.Location);
        Assert.Contains("Substitution missing for symbol takings declared at line 4, col 10 to line 4, col 16 of module Till and instantiated in module MissingSub", r.Violation.Message);
    }

    [Fact]
    public void Membership_of_a_non_tuple_in_a_set_of_tuples_is_worded_as_TLC_words_it()
    {
        // pool2win/bitcoin-contracts-tlaplus htlc's TypeInvariant (Channel \in Node \X Node, Channel a set of pairs):
        // TLC puts the value on a line of its own.
        var r = InlineSpec.Check("T1", "---- MODULE T1 ----\nEXTENDS Naturals\nASSUME 1 \\in {1} \\X {2}\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Equal("Evaluating assumption line 3, col 8 to line 3, col 23 of module T1 failed.\nAttempted to check if non-tuple\n1\n"
            + "is in the set of tuples:\n{<<1, 2>>}", r.Violation.Message.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_state_prints_its_own_form_of_a_value_equal_to_an_earlier_one()
    {
        // The interner shared equal values of a variable by their top-level type: state 5 printed state 4's
        // [a |-> {1, 2}] where TLC prints the record the action built, [a |-> 1..2].
        var r = InlineSpec.Check("I1", "---- MODULE I1 ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = <<1..2>> /\\ y = 0\n"
            + "Next == \\/ y = 0 /\\ y' = 1 /\\ x' = <<{1, 2}>>\n        \\/ y = 1 /\\ y' = 2 /\\ x' = <<1..2>>\n"
            + "        \\/ y = 2 /\\ y' = 3 /\\ x' = [a |-> {1, 2}]\n        \\/ y = 3 /\\ y' = 4 /\\ x' = [a |-> 1..2]\n"
            + "Inv == y < 4\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(12, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains("State 2: <Next line 5, col 12 to line 5, col 45 of module I1>\n/\\ x = <<{1, 2}>>\n", text);
        Assert.Contains("State 3: <Next line 6, col 12 to line 6, col 43 of module I1>\n/\\ x = <<1..2>>\n", text);
        Assert.Contains("State 4: <Next line 7, col 12 to line 7, col 49 of module I1>\n/\\ x = [a |-> {1, 2}]\n", text);
        Assert.Contains("State 5: <Next line 8, col 12 to line 8, col 47 of module I1>\n/\\ x = [a |-> 1..2]\n", text);
    }
}
