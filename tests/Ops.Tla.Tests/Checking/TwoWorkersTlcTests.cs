using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The parallel search (two workers) reports what TLC reports with <c>-workers 2</c>: each expected report below is
/// TLC's own (tla2tools cc6b616, <c>tlc M.tla -config M.cfg -workers 2 -noTE</c>, the same in three runs), from its
/// first "Error:" line to the depth. Every case is run with one worker and with two: the report is made by the same
/// code for both searches (the parallel search's coordinator hands the failing worker's state, action and successor
/// to the one-worker search's report). See docs/differential-testing.md, "Two workers against TLC -workers 2".
/// </summary>
public class TwoWorkersTlcTests
{
    private const string Head = "---- MODULE M ----\nEXTENDS Integers, TLC, FiniteSets, Sequences\n";

    private static CheckResult Check(string body, string cfg, int workers) =>
        InlineSpec.Check("M", Head + body + "\n====\n", cfg, workers);

    /// <summary>The report from its first "Error:" line to the depth, blank lines left out.</summary>
    private static string Report(CheckResult r)
    {
        var lines = TlcText.Format(r).Replace("\r\n", "\n").Split('\n').ToList();
        int i = lines.FindIndex(l => l.StartsWith("Error:"));
        Assert.True(i >= 0, TlcText.Format(r));
        int j = lines.FindIndex(i, l => l.StartsWith("The depth of the complete state graph search"));
        Assert.True(j >= 0, TlcText.Format(r));
        return string.Join("\n", lines.Skip(i).Take(j - i + 1).Where(l => l.Length > 0));
    }

    private static string Expected(string text) => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0));

    private const string Cfg = "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_error_in_a_step_has_TLCs_nested_expressions(int workers)
    {
        // Two workers printed no nested expressions (the replay was the one-worker search's only).
        var r = Check("VARIABLE x\nvars == <<x>>\nInit == x = 0\nErr == x = 1 /\\ (CHOOSE c \\in {1, 2} : c > 5) = 1 /\\ x' = x\n" +
                      "A == x < 3 /\\ x' = x + 1\nNext == Err \\/ A", Cfg, workers);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(Expected(@"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 6, col 18 to line 6, col 44 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0
State 2: <A line 7, col 6 to line 7, col 24 of module M>
x = 1
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 8 to line 6, column 59 in M
1. Line 6, column 8 to line 6, column 49 in M
2. Line 6, column 8 to line 6, column 12 in M
3. Line 6, column 17 to line 6, column 49 in M
4. Line 6, column 18 to line 6, column 44 in M
2 states generated, 2 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 2."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_error_in_the_initial_predicate_has_TLCs_nested_expressions(int workers)
    {
        var r = Check("VARIABLE x\nvars == <<x>>\nInit == x = 0 /\\ (CHOOSE c \\in {1, 2} : c > 5) = 1\nNext == x < 3 /\\ x' = x + 1", Cfg, workers);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(Expected(@"Error: Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 5, col 19 to line 5, col 45 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 50 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 50 in M
3. Line 5, column 19 to line 5, column 45 in M
0 states generated, 0 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 0."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_constraint_that_fails_ends_the_trace_with_the_successor(int workers)
    {
        // Two workers ended the trace at the predecessor, without the nested expressions.
        var r = Check("VARIABLE x\nvars == <<x>>\nC == x = 2 => (CHOOSE c \\in {1, 2} : c > 5) = 1\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1",
            Cfg + "CONSTRAINT C\n", workers);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(Expected(@"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 5, col 16 to line 5, col 42 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0
State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1
State 3: <Next line 7, col 9 to line 7, col 27 of module M>
x = 2
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 6 to line 5, column 47 in M
1. Line 5, column 15 to line 5, column 47 in M
2. Line 5, column 16 to line 5, column 42 in M
3 states generated, 2 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 2."), Report(r));
    }

    private const string ActionPropertyTrace = @"Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0
State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1
State 3: <Next line 7, col 9 to line 7, col 27 of module M>
x = 2
";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_action_property_that_fails_with_Assert_is_exit_14(int workers)
    {
        // TLC (doNextEvalFailed) ends with the error's own code: Assert's 14. Ops said 75 with one worker, and with
        // two reported it as an error of the step.
        var r = Check("VARIABLE x\nvars == <<x>>\nAP == [][x' = 2 => Assert(FALSE, \"boom\")]_vars\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1",
            Cfg + "PROPERTY AP\n", workers);
        Assert.Equal(14, r.ExitCode);
        Assert.Equal(Expected(@"Error: Evaluating action property AP failed.
The first argument of Assert evaluated to FALSE; the second argument was:
""boom""
" + ActionPropertyTrace + @"Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 46 in M
1. Line 5, column 10 to line 5, column 40 in M
2. Line 5, column 20 to line 5, column 40 in M
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_action_property_that_fails_on_one_of_TLCs_argument_checks_is_exit_255(int workers)
    {
        var r = Check("VARIABLE x\nvars == <<x>>\nAP == [][x' = 2 => Head(<<>>) = 1]_vars\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1",
            Cfg + "PROPERTY AP\n", workers);
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(Expected(@"Error: Evaluating action property AP failed.
Attempted to apply Head to the empty sequence.
" + ActionPropertyTrace + @"Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 39 in M
1. Line 5, column 10 to line 5, column 33 in M
2. Line 5, column 20 to line 5, column 33 in M
3. Line 5, column 20 to line 5, column 29 in M
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_invariant_that_fails_on_a_new_state_counts_it_and_leaves_it_off_the_queue(int workers)
    {
        // Two workers counted 2 distinct states (the failing one was not kept) and a depth of 2.
        var r = Check("VARIABLE x\nvars == <<x>>\nInv == x = 2 => TRUE + 1 = 2\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1",
            Cfg + "INVARIANT Inv\n", workers);
        Assert.Equal(76, r.ExitCode);
        Assert.Equal(Expected(@"Error: Evaluating invariant Inv failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue
" + ActionPropertyTrace + @"3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_new_state_violating_an_invariant_and_an_action_property_is_reported_for_the_invariant(int workers)
    {
        // TLC's Worker checks a new state's invariants before the step's action properties; two workers checked the
        // action properties first (exit 13).
        var r = Check("VARIABLE x\nvars == <<x>>\nInit == x = 0\nNext == x < 5 /\\ x' = x + 1\nInv == x < 3\nAP == [][x' < 3]_vars",
            "INIT Init\nNEXT Next\nINVARIANT Inv\nPROPERTY AP\n", workers);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(4, r.Trace.Count);
        Assert.Equal((4L, 4L, 0L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_violation_on_a_new_state_leaves_it_off_the_queue(int workers)
    {
        // TLC enqueues a new state once its checks pass: 0 left. Two workers counted it as queued (1 left).
        var inv = Check("VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nInv == x < 3", "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(12, inv.ExitCode);
        Assert.Equal((4L, 4L, 0L, 4), (inv.StatesGenerated, inv.DistinctStates, inv.StatesLeftOnQueue, inv.Depth));
        var prop = Check("VARIABLE x\nvars == <<x>>\nInit == x = 0\nNext == x < 5 /\\ x' = x + 1\nAP == [][x' < 3]_vars",
            "INIT Init\nNEXT Next\nPROPERTY AP\n", workers);
        Assert.Equal(13, prop.ExitCode);
        Assert.Equal((4L, 4L, 0L, 4), (prop.StatesGenerated, prop.DistinctStates, prop.StatesLeftOnQueue, prop.Depth));
    }

    [Fact]
    public void A_successor_left_incomplete_ends_the_trace_with_it()
    {
        // TLC -workers 2: the trace ends with the incomplete successor (y = null), 0 left on the queue (the other
        // worker took x = 3, found by A before B failed). Two workers ended the trace at the predecessor, 1 left.
        // TLC -workers 1 leaves that state on the queue: 1 left.
        foreach (var (workers, left) in new[] { (1, 1L), (2, 0L) })
        {
            var r = Check("VARIABLES x, y\nInit == x = 0 /\\ y = 0\nA == x < 3 /\\ x' = x + 1 /\\ y' = y\nB == x = 2 /\\ x' = 0\nNext == A \\/ B",
                Cfg, workers);
            Assert.Equal(75, r.ExitCode);
            Assert.Contains("Successor state is not completely specified by action B of the next-state relation. The following variable is not defined: y.", r.Violation.Message);
            Assert.Equal(4, r.Trace.Count);
            Assert.Contains("B line 6, col 6 to line 6, col 20 of module M", r.Trace[3].Action);
            Assert.Contains("/\\ y = null", TlcText.Format(r));
            Assert.Equal((5L, 4L, left, 4), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
        }
    }

    [Fact]
    public void The_states_left_on_the_queue_are_those_TLCs_workers_had_not_taken()
    {
        // A level of ten states, the first successor of its first state violates the invariant. TLC -workers 1: nine
        // left (the other nine of the level); TLC -workers 2, run after run: eight (its other worker had taken one).
        // Two workers said 0 (the whole chunk of the level counted as taken).
        foreach (var (workers, left) in new[] { (1, 9L), (2, 8L) })
        {
            var r = Check("VARIABLES a, b\nInit == a = 0 /\\ b = 0\nNext == \\E i \\in 0..9 : a' = i /\\ b' = b + 1\nInv == b < 3",
                "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
            Assert.Equal(12, r.ExitCode);
            Assert.Equal(4, r.Trace.Count);
            Assert.Equal(left, r.StatesLeftOnQueue);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_ALIAS_that_fails_on_a_state_shows_the_state_and_the_error(int workers)
    {
        // TLC (Tool.evalAlias): the state's variables and _ALIASEvalError, the error's message. Ops showed the state
        // alone ("x = 2").
        var r = Check("VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nInv == x < 2\nAlias == [x |-> x, bad |-> 1 \\div (x - 2)]",
            "INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS Alias\n", workers);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(Expected(@"Error: Invariant Inv is violated.
Error: The behavior up to this point is:
State 1: <Initial predicate>
/\ x = 0
/\ bad = -1
State 2: <Next line 5, col 9 to line 5, col 18 of module M>
/\ x = 1
/\ bad = -1
State 3: <Next line 5, col 9 to line 5, col 18 of module M>
/\ x = 2
/\ _ALIASEvalError = ""The second argument of \\div is 0.""
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3."), Report(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TLCGet_of_a_key_never_set_fails_in_TLCs_words(int workers)
    {
        // Ops said "TLCGet(7): no value has been set for this key with TLCSet".
        var r = Check("VARIABLE x\nInit == x = 0\nNext == x < 3 /\\ TLCGet(7) = 1 /\\ x' = x + 1", "INIT Init\nNEXT Next\n", workers);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(Expected(@"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.Value tlc2.module.TLCGetSet.TLCGetEval(tlc2.tool.impl.Tool,tla2sany.semantic.ExprOrOpArgNode[],tlc2.util.Context,tlc2.tool.TLCState,tlc2.tool.TLCState,int,tlc2.tool.coverage.CostModel),
but it produced the following error:
TLCGet(7) was undefined.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 44 in M
1. Line 5, column 9 to line 5, column 30 in M
2. Line 5, column 9 to line 5, column 13 in M
3. Line 5, column 18 to line 5, column 30 in M
4. Line 5, column 18 to line 5, column 26 in M
1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1."), Report(r));
    }

    [Theory]
    [InlineData(1, "1 \\div x = 1", false)]
    [InlineData(2, "1 \\div x = 1", false)]
    [InlineData(2, "Head(<<>>) = 1", false)]
    [InlineData(1, "x = \"a\"", true)]
    [InlineData(2, "x = \"a\"", true)]
    public void A_constraint_failing_on_an_initial_state_names_it_for_a_general_failure_only(int workers, string constraint, bool named)
    {
        // TLC (DoInitFunctor, tla2tools cc6b616): one of its own EvalExceptions leaves the state unnamed; a general
        // failure prints "While working on the initial state:" and the state. Ops named it for both.
        var r = Check($"VARIABLE x\nInit == x = 0\nNext == x' = x\nC == {constraint}", "INIT Init\nNEXT Next\nCONSTRAINT C\n", workers);
        Assert.Equal(75, r.ExitCode);
        var report = Report(r);
        Assert.Equal(named, report.Contains("While working on the initial state:\nx = 0"));
        Assert.Contains("Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n0. Line 4, column 9 to line 4, column 13 in M", report);
        Assert.EndsWith("1 states generated, 0 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 1.", report);
    }

    [Theory]
    [InlineData(1, "(CHOOSE c \\in {1, 2} : c > 5) = 1", 75, "0. Line 7, column 8 to line 7, column 49 in M\n1. Line 7, column 17 to line 7, column 49 in M\n2. Line 7, column 18 to line 7, column 44 in M")]
    [InlineData(2, "(CHOOSE c \\in {1, 2} : c > 5) = 1", 75, "0. Line 7, column 8 to line 7, column 49 in M\n1. Line 7, column 17 to line 7, column 49 in M\n2. Line 7, column 18 to line 7, column 44 in M")]
    [InlineData(1, "Assert(FALSE, \"no\")", 14, "0. Line 7, column 8 to line 7, column 35 in M\n1. Line 7, column 17 to line 7, column 35 in M")]
    [InlineData(2, "Assert(FALSE, \"no\")", 14, "0. Line 7, column 8 to line 7, column 35 in M\n1. Line 7, column 17 to line 7, column 35 in M")]
    [InlineData(1, "Head(<<>>) = 1", 255, "0. Line 7, column 8 to line 7, column 30 in M\n1. Line 7, column 17 to line 7, column 30 in M\n2. Line 7, column 17 to line 7, column 26 in M")]
    [InlineData(2, "Head(<<>>) = 1", 255, "0. Line 7, column 8 to line 7, column 30 in M\n1. Line 7, column 17 to line 7, column 30 in M\n2. Line 7, column 17 to line 7, column 26 in M")]
    public void An_invariant_failing_on_a_state_the_constraint_excludes_has_TLCs_replay(int workers, string body, int exit, string positions)
    {
        // TLC's replay checks the excluded successor's invariants again (it is never seen), fails there, prints the
        // nested expressions and ends with the error's own code. Ops said 76 without the list (one worker and two).
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Integers, Sequences, TLC\nVARIABLE x\nInit == x = 0\n" +
            $"Next == x < 5 /\\ x' = x + 1\nC == x < 2\nInv == x = 2 => {body}\n====\n",
            "INIT Init\nNEXT Next\nCONSTRAINT C\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", workers);
        Assert.Equal(exit, r.ExitCode);
        var report = Report(r);
        Assert.StartsWith("Error: Evaluating invariant Inv failed.\n", report);
        Assert.Contains("Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n" + positions + "\n3 states generated, 2 distinct states found, 0 states left on queue.", report);
        Assert.Equal(3, r.Trace.Count);
    }
}
