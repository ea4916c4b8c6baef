using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The spec generator's round-2 findings left open at stop 34, and what round 3 found (docs/differential-testing.md,
/// "The generator, round 3"), each reduced to a small spec. The expected texts are TLC's (tla2tools cc6b616,
/// -workers 1 -noTE), from the first "Error:" line to the figures, with TLC's progress lines ("Computed 2 initial
/// states...", "Progress(...)", "Checking temporal properties ...") left out: Ops does not print them.
/// </summary>
public class GeneratorRound3FindingsTests
{
    private static string Module(string body, string extends = "Naturals") => $"---- MODULE M ----\nEXTENDS {extends}\n{body}====\n";

    private static CheckResult Check(string body, string cfg, bool cont = false, string extends = "Naturals") =>
        InlineSpec.Check("M", Module(body, extends), cfg, new CheckOptions { Workers = 1, Continue = cont });

    /// <summary>The run's text from its first "Error:" line to the figures (Ops's "Finished in" line left out).</summary>
    private static string FromFirstError(CheckResult r)
    {
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        var start = text.IndexOf("Error:", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var end = text.IndexOf("Finished in", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private const string Framing = "TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n" +
                                   "See the User Output or TLC Console for clues to what happened.\n";

    [Fact]
    public void A_VIEW_failing_on_an_initial_state_shows_the_initial_predicates_positions()
    {
        // TLC's replay of the initial states (DoInitFunctor with a CallStackTool) fingerprints each state, and the VIEW
        // is evaluated by the state's own tool: only the initial predicate is on the stack. Ops printed its
        // file:line:col before the message and no list (its replay did not evaluate the view).
        var r = Check("VARIABLE x\nInit == x \\in 0..2\nNext == x' = (x + 1) % 3\nViewErr == <<x, 1 <= \"b\">>\n", "INIT Init\nNEXT Next\nVIEW ViewErr\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal("""
            Error: The second argument of <= should be an integer, but instead it is:
            "b"
            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 4, column 9 to line 4, column 18 in M


            1 states generated, 0 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Fact]
    public void While_working_on_the_initial_state_prints_the_state_itself_not_its_ALIAS()
    {
        // Case 214 of seed 342: TLC's DoInitFunctor prints the state (TLCState.toString), the ALIAS being for traces
        // only; Ops printed the alias record's fields (y = 100).
        var r = Check("VARIABLES x, w\nInit == x \\in 0..1 /\\ w = {Seq({1})}\nNext == UNCHANGED <<x, w>>\nAl == [y |-> x + 100]\n",
            "INIT Init\nNEXT Next\nALIAS Al\n", extends: "Naturals, Sequences");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal("""
            Error: TLC has found a state in which the value of a variable contains Seq({1})
            While working on the initial state:
            /\ w = {Seq({1})}
            /\ x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            0) line 4, col 27 to line 4, col 36 of module M

            Reason:
            TLC has found a state in which the value of a variable contains Seq({1})
            2 states generated, 0 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Fact]
    public void A_value_TLC_cannot_fingerprint_in_an_initial_state_shows_the_initial_predicates_positions()
    {
        // Seq({1}) in a variable: TLC's first run names the state, the replay fails fingerprinting it inside the
        // initial predicate (the conjunction, the conjunct that enumerates x, the one that assigns w). Ops printed no list.
        var r = Check("VARIABLES x, w\nInit == x \\in 0..2 /\\ w = Seq({1})\nNext == x' = (x + 1) % 3 /\\ w' = w\n", "INIT Init\nNEXT Next\n",
            extends: "Naturals, Sequences");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal("""
            Error: TLC has found a state in which the value of a variable contains Seq({1})
            While working on the initial state:
            /\ w = Seq({1})
            /\ x = 0

            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 4, column 9 to line 4, column 34 in M
            1. Line 4, column 9 to line 4, column 18 in M
            2. Line 4, column 23 to line 4, column 34 in M


            1 states generated, 0 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Theory]
    [InlineData("{[n \\in Nat |-> n]}", "{[n \\in Nat |-> <expression line 4, col 43 to line 4, col 43 of module M>]}", "0) line 4, col 27 to line 4, col 45 of module M",
        "Attempted to compute the number of elements in the overridden value Nat.")]
    [InlineData("{Seq({1})}", "{Seq({1})}", "0) line 4, col 27 to line 4, col 36 of module M", "TLC has found a state in which the value of a variable contains Seq({1})")]
    public void A_value_TLC_cannot_fingerprint_inside_a_value_built_in_place_lets_TLC_compute_every_initial_state(string value, string shown, string trace, string reason)
    {
        // In the replay the set written in place has its source, so the failure is its FingerprintException, which
        // DoInitFunctor catches (it is no TLCRuntimeException): TLC counts the other initial states without checking
        // them, then prints the exception's own trace (case 214 of seed 342: 18 generated, Ops 1).
        var r = Check($"VARIABLES x, w\nInit == x \\in 0..2 /\\ w = {value}\nNext == x' = (x + 1) % 3 /\\ w' = w\n", "INIT Init\nNEXT Next\n",
            extends: "Naturals, Sequences");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal($"""
            Error: {reason}
            While working on the initial state:
            /\ w = {shown}
            /\ x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            {trace}

            Reason:
            {reason}
            3 states generated, 0 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Fact]
    public void A_liveness_predicate_failing_during_the_search_prints_TLCs_positions_before_the_error()
    {
        // TLC's Worker evaluates the liveness checkers' predicates again with a CallStackTool and prints the stack
        // before the error and the trace (Worker.doNextCheckLiveness): the predicate, the call, the definition's body.
        var r = Check("VARIABLE x\nQ(a) == a = \"b\"\nInit == x = 0\nNext == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x\nP == <>(x = 1 /\\ Q(x))\n",
            "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal($"""
            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 8, column 9 to line 8, column 21 in M
            1. Line 8, column 18 to line 8, column 21 in M
            2. Line 4, column 9 to line 4, column 15 in M


            Error: {Framing}The exception was a java.lang.RuntimeException
            : Attempted to check equality of integer 1 with non-integer:
            "b"
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 0

            2 states generated, 2 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 2.

            """, FromFirstError(r));
    }

    [Fact]
    public void Continue_an_action_failing_on_a_state_without_successors_ends_in_a_deadlock()
    {
        // -continue: TLC's Worker reports the failure (doNextFailed) and still checks the state for a deadlock; with
        // no successor generated before the failure that is "Deadlock reached.", exit 11, without the call stack
        // (seed 342 case 146: TLC 11, Ops 255).
        var r = Check("VARIABLE x\nInit == x \\in 0..2\nA == x < 2 /\\ x' = x + 1\nErr == x = 2 /\\ x' = 65536 * 65538\nNext == A \\/ Err\nInv == x # 1\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n", cont: true);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal("""
            Error: Invariant Inv is violated by the initial state:
            x = 1

            Error: Overflow when computing 65536*65538
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 2

            Error: Deadlock reached.
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 2

            5 states generated, 3 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }

    [Fact]
    public void Continue_an_action_failing_after_a_successor_is_reported_twice_then_its_positions()
    {
        // -continue: with a successor generated first there is no deadlock; TLC's replay of the step (doNext with a
        // CallStackTool) goes through doNextFailed again, which prints the error and its trace a second time, then
        // the positions; the EvalException's exit code (255 for an overflow).
        var r = Check("VARIABLE x\nInit == x \\in 0..2\nA == x < 2 /\\ x' = x + 1\nErr == x = 1 /\\ x' = 65536 * 65538\nNext == A \\/ Err\n",
            "INIT Init\nNEXT Next\n", cont: true);
        Assert.Equal(255, r.ExitCode);
        Assert.Equal("""
            Error: Overflow when computing 65536*65538
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 1

            Error: Overflow when computing 65536*65538
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 1

            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 6, column 8 to line 6, column 34 in M
            1. Line 6, column 8 to line 6, column 12 in M
            2. Line 6, column 17 to line 6, column 34 in M
            3. Line 6, column 22 to line 6, column 34 in M


            5 states generated, 3 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError(r));
    }
}
