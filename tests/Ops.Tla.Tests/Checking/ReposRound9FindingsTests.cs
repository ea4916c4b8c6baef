using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the ninth round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 9"), each reduced to a small spec written for the test. Expected exit codes,
/// counts and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound9FindingsTests
{
    private const string Cfg = "INIT Init\nNEXT Next\n";

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    // TLC passes an operator's arguments unevaluated (Tool.getOpContext makes a LazyValue of each) and evaluates one
    // where the body first refers to the parameter. Found on sachand/MESI-TLA's MESI.tla (`Send(m) == sent' = sent
    // \cup {m}` called as `Send([..., reqnum |-> Reqnum])`, Reqnum a CHOOSE over Nat): TLC's nested expressions
    // list goes through Send's body to the reference m, then to the argument; Ops listed the argument under the call.

    [Fact]
    public void An_argument_of_an_action_fails_where_the_body_refers_to_the_parameter()
    {
        const string spec = "---- MODULE L1 ----\nEXTENDS Naturals\nVARIABLE x\nR == CHOOSE r \\in Nat : r > x\n" +
                            "Send(m) == x' = x + m\nOp(m) == x + m\nInit == x = 0\nA1 == Send(R)\nNext == A1\n====\n";
        var r = InlineSpec.Check("L1", spec, Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Contains("Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n" +
                        "0. Line 8, column 7 to line 8, column 13 in L1\n" +
                        "1. Line 5, column 12 to line 5, column 21 in L1\n" +
                        "2. Line 5, column 17 to line 5, column 21 in L1\n" +
                        "3. Line 5, column 21 to line 5, column 21 in L1\n" +
                        "4. Line 8, column 12 to line 8, column 12 in L1\n" +
                        "5. Line 4, column 6 to line 4, column 29 in L1\n", Text(r));
    }

    [Fact]
    public void An_argument_of_a_small_definition_fails_at_the_parameters_reference()
    {
        // Op is small enough to be inlined where it is called: the reference to m keeps its own place.
        const string spec = "---- MODULE L3 ----\nEXTENDS Naturals\nVARIABLE x\nR == CHOOSE r \\in Nat : r > x\n" +
                            "Op(m) == x + m\nInit == x = 0\nInv == Op(R) > 0\nNext == x' = x\n====\n";
        var r = InlineSpec.Check("L3", spec, Cfg + "INVARIANT Inv\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Error: Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable.\n" +
                        "line 4, col 6 to line 4, col 29 of module L3\nWhile working on the initial state:\nx = 0\n", Text(r));
        Assert.Contains("2. Line 7, column 8 to line 7, column 12 in L3\n" +
                        "3. Line 5, column 10 to line 5, column 14 in L3\n" +
                        "4. Line 5, column 14 to line 5, column 14 in L3\n" +
                        "5. Line 7, column 11 to line 7, column 11 in L3\n" +
                        "6. Line 4, column 6 to line 4, column 29 in L3\n", Text(r));
    }

    [Fact]
    public void An_argument_the_body_does_not_use_is_never_evaluated()
    {
        // Op(R) in a step uses R only when x > 5: TLC runs to the deadlock at x = 3 (4 states); Ops evaluated the
        // CHOOSE before the call and stopped at the first step (exit 75).
        const string spec = "---- MODULE L4 ----\nEXTENDS Naturals\nVARIABLE x\nR == CHOOSE r \\in Nat : r > x\n" +
                            "Op(m) == IF x > 5 THEN m ELSE x + 1\nInit == x = 0\nNext == x < 3 /\\ x' = Op(R)\n====\n";
        var r = InlineSpec.Check("L4", spec, Cfg);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void Unused_failing_arguments_of_ASSUMEs_LAMBDAs_RECURSIVE_and_LET_definitions_fail_nothing()
    {
        // Every call below ignores its failing argument (an unbounded CHOOSE, an Assert that fails): TLC checks the
        // assumptions, the initial state and one step, and fails only where the invariant uses R (exit 76).
        const string spec = "---- MODULE L5 ----\nEXTENDS Naturals, TLC\nVARIABLE x\nR == CHOOSE r \\in Nat : r > x\n" +
                            "Op(m) == m + m\nK(m) == 0\nASSUME K(CHOOSE n \\in Nat : n > 1) = 0\nASSUME K(Assert(FALSE, \"boom\")) = 0\n" +
                            "RECURSIVE Rec(_, _)\nRec(n, m) == IF n = 0 THEN 0 ELSE Rec(n - 1, m)\nAp(F(_), v) == F(v)\n" +
                            "Init == x = Rec(2, R) + Ap(LAMBDA a : 0, R) + (LET G(a) == 1 IN G(R))\n" +
                            "Next == x < 2 /\\ x' = x + 1 + K(R)\nInv == x < 2 \\/ Op(R) > 0\n====\n";
        var r = InlineSpec.Check("L5", spec, Cfg + "INVARIANT Inv\n");
        Assert.Equal(76, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Contains("Error: Evaluating invariant Inv failed.\nAttempted to compute the value of an expression of\n" +
                        "form CHOOSE x \\in S: P, but S was not enumerable.\nline 4, col 6 to line 4, col 29 of module L5\n" +
                        "Error: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 1\n\n" +
                        "State 2: <Next line 13, col 9 to line 13, col 34 of module L5>\nx = 2\n", Text(r));
    }
}
