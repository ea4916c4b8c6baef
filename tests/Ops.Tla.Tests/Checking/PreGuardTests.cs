using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The one-worker search evaluates the guards an action begins with before it sets the action up, and a
/// guard several actions share once per state (<see cref="Ops.Tla.Eval.PreGuards"/>): what TLC reports must not
/// change. Figures from TLC (cc6b616, one worker) on the same specs; each spec is also checked with the guards off
/// (OPS_NO_PREGUARD) to the same result, and with two workers, each of which has its own guards and memo of their
/// shared values (TLC with -workers 2 reports the same).</summary>
public class PreGuardTests
{
    // RecvA(p) and RecvB(p) share their first guard (ch[p] # <<>>, a different one for each p); their second reads a
    // LET definition. Both begins with a disjunction, which TLC walks: two successors when both disjuncts hold.
    private const string Channels = """
        ---- MODULE G ----
        EXTENDS Integers, Sequences
        VARIABLES x, ch
        Init == x = 0 /\ ch = [p \in 1..2 |-> <<>>]
        Send(p) == /\ x < 4
                   /\ x' = x + 1
                   /\ ch' = [ch EXCEPT ![p] = Append(@, IF x % 2 = 0 THEN "a" ELSE "b")]
        RecvA(p) == /\ ch[p] # <<>>
                    /\ LET m == Head(ch[p]) IN
                         /\ m = "a"
                         /\ ch' = [ch EXCEPT ![p] = Tail(@)]
                         /\ UNCHANGED x
        RecvB(p) == /\ ch[p] # <<>>
                    /\ LET m == Head(ch[p]) IN
                         /\ m = "b"
                         /\ ch' = [ch EXCEPT ![p] = Tail(@)]
                         /\ UNCHANGED x
        Both == /\ (x > 1 \/ x > 2)
                /\ x < 4
                /\ x' = x + 1
                /\ UNCHANGED ch
        Next == \E p \in 1..2 : Send(p) \/ RecvA(p) \/ RecvB(p)
                \/ Both
        ====
        """;

    private static CheckResult Check(string name, string spec, bool preGuards, StringWriter trace = null, int workers = 1) =>
        InlineSpec.Check(name, spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", new CheckOptions
        {
            Workers = workers,
            Diagnostics = new DiagnosticOptions { NoPreGuard = !preGuards, HoistTrace = trace != null, Output = trace },
        });

    [Fact]
    public void Guards_are_found_and_shared_by_the_actions_that_have_the_same()
    {
        var trace = new StringWriter();
        var r = Check("G", Channels, preGuards: true, trace);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        var lines = trace.ToString().Split('\n').Where(l => l.StartsWith("guards: ")).ToList();
        // ch[p] # <<>> shared by RecvA(p) and RecvB(p); m = "a" read through the LET, not shared.
        Assert.Contains(lines, l => l.StartsWith("guards: RecvA(1) ") && l.Contains("2 evaluated first (1 shared with other actions), then the action from line 9, col"));
        Assert.Contains(lines, l => l.StartsWith("guards: RecvB(2) ") && l.Contains("2 evaluated first (1 shared with other actions)"));
        // Send's x < 4 is in every Send(p) (and in Both): the same guard, shared.
        Assert.Contains(lines, l => l.StartsWith("guards: Send(1) ") && l.Contains("1 evaluated first (1 shared with other actions), then the action from line 6, col"));
        // The disjunction is a guard but TLC walks it: the action is enumerated whole once the guards hold. Both is in
        // the body of \E p (an action for each p, the same guards).
        Assert.Equal(2, lines.Count(l => l.StartsWith("guards: Both ") && l.Contains("2 evaluated first (2 shared with other actions), then the whole action")));
        var off = new StringWriter();
        Check("G", Channels, preGuards: false, off);
        Assert.DoesNotContain("guards: ", off.ToString());
    }

    [Fact]
    public void Each_parallel_worker_evaluates_the_guards_first()
    {
        // The same guards as one worker's, traced once (by the first worker) though every worker has its own.
        var one = new StringWriter();
        Check("G", Channels, preGuards: true, one);
        var two = new StringWriter();
        var r = Check("G", Channels, preGuards: true, two, workers: 2);
        Assert.Equal((CheckOutcome.Success, 299L, 87L), (r.Outcome, r.StatesGenerated, r.DistinctStates));
        static List<string> Guards(StringWriter w) => w.ToString().Split('\n').Where(l => l.StartsWith("guards: ")).ToList();
        Assert.NotEmpty(Guards(one));
        Assert.Equal(Guards(one), Guards(two));
        var off = new StringWriter();
        Check("G", Channels, preGuards: false, off, workers: 2);
        Assert.DoesNotContain("guards: ", off.ToString());
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void Counts_are_TLCs_with_shared_guards_and_a_walked_disjunction(bool preGuards, int workers)
    {
        // TLC (one worker and two): "299 states generated, 87 distinct states found, 0 states left on queue."
        var r = Check("G", Channels, preGuards, workers: workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((299L, 87L), (r.StatesGenerated, r.DistinctStates));
    }

    // Every Bad(p) and Other(p) begins with x = 3 (one shared guard); their second guard fails for p = 3 (<<1, 2>>[3])
    // once Bad(1) and Other(2) have generated their successors.
    private const string Failing = """
        ---- MODULE E ----
        EXTENDS Integers
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Inc == x < 3 /\ x' = x + 1 /\ UNCHANGED y
        Bad(p) == /\ x = 3
                  /\ <<1, 2>>[p] = 1
                  /\ y' = p /\ UNCHANGED x
        Other(p) == /\ x = 3
                    /\ <<1, 2>>[p] = 2
                    /\ y' = p /\ UNCHANGED x
        Next == Inc \/ \E p \in 1..3 : Bad(p) \/ Other(p)
        ====
        """;

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void An_error_in_a_guard_is_TLCs_first_error_after_the_successors_before_it(bool preGuards, int workers)
    {
        // TLC: "Attempted to access index 3 of tuple <<1, 2>> which is out of bounds.", the trace 0, 1, 2, 3 (Inc),
        // nested expressions from Bad(3)'s body, its x = 3 and its <<1, 2>>[p] = 1; "6 states generated, 6 distinct
        // states found, 2 states left on queue."
        var r = Check("E", Failing, preGuards, workers: workers);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("Attempted to access index 3 of tuple", r.Violation.Message);
        Assert.Equal(new[] { "0", "1", "2", "3" }, r.Trace.Select(s => s.Values[0].ToString()));
        // TLC with two workers: the same error, trace and nested expressions, "8 states generated, 6 distinct states
        // found, 1 states left on queue" (its generated and queued counts at an error vary with its workers' timing).
        // The parallel search does not name the nested expressions (with the guards or without): not asserted there.
        if (workers > 1)
        {
            Assert.Equal(6L, r.DistinctStates);
            return;
        }
        Assert.Equal((6L, 6L, 2L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
        Assert.Contains("Line 6, column 11 to line 8, column 34 in E", r.Violation.NestedExpressions[0]);
        Assert.Contains("Line 6, column 14 to line 6, column 18 in E", r.Violation.NestedExpressions[1]);
        Assert.Contains("Line 7, column 14 to line 7, column 28 in E", r.Violation.NestedExpressions[2]);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void A_successor_left_incomplete_after_the_guards_is_reported_at_the_action(bool preGuards, int workers)
    {
        // TLC: "Successor state is not completely specified by the next-state action. The following variable is not
        // defined: y.", State 2 <Next line 5, col 9 to line 5, col 36 of module I>; "2 states generated, 1 distinct
        // states found".
        const string spec = """
            ---- MODULE I ----
            EXTENDS Integers
            VARIABLES x, y
            Init == x = 0 /\ y = 0
            Next == x < 2 /\ x # 5 /\ x' = x + 1
            ====
            """;
        var r = Check("I", spec, preGuards, workers: workers);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("Successor state is not completely specified", r.Violation.Message);
        // TLC with two workers reports the same. The parallel search (with the guards or without) ends the trace at
        // the predecessor: only the place and the counts are asserted there.
        if (workers > 1)
        {
            Assert.Contains("I.tla:5:9", r.Violation.Location ?? r.Violation.Message);
            Assert.Equal((2L, 1L), (r.StatesGenerated, r.DistinctStates));
            return;
        }
        Assert.Contains("I.tla:5:9", r.Violation.Location ?? r.Violation.Message);
        Assert.Equal("Next line 5, col 9 to line 5, col 36 of module I", r.Trace[^1].Action);
        Assert.Equal((2L, 1L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void Guards_reading_one_variable_are_counted_in_the_trace()
    {
        // Send's x < 4 (Both's too) and Both's disjunction read x alone; ch[p] # <<>> and the LET's m = "a", m = "b"
        // read ch alone, for p = 1, 2: 2 + 6 guards whose values are kept per value of the variable they read.
        var trace = new StringWriter();
        Check("G", Channels, preGuards: true, trace);
        Assert.Contains("guards: 8 read one variable alone, kept per value of it by each worker", trace.ToString());
    }

    [Fact]
    public void A_guards_value_is_known_of_an_equal_value_in_another_state()
    {
        // One guard (bit 1) reading variable 1. Known of an equal function in a later state (another instance, the
        // other variable different); not of a different function; forgotten when the entry is taken by another value.
        var memo = new Ops.Tla.Eval.PreGuardMemo();
        memo.InitCache([1], 1);
        // Fingerprinted, as the values of a state the search stored are (an unfingerprinted function is not kept).
        Ops.Tla.Values.Value F(params long[] xs)
        {
            var f = Ops.Tla.Values.FcnValue.Tuple(xs.Select(x => (Ops.Tla.Values.Value)Ops.Tla.Values.IntValue.Of(x)).ToArray());
            _ = f.Fingerprint;
            return f;
        }
        memo.NextState([Ops.Tla.Values.IntValue.Of(0), F(1, 2)]);
        Assert.False(memo.TryCached(1, 1, out _));
        memo.SetCached(1, 1, true);
        memo.NextState([Ops.Tla.Values.IntValue.Of(7), F(1, 2)]);
        Assert.True(memo.TryCached(1, 1, out var holds));
        Assert.True(holds);
        memo.NextState([Ops.Tla.Values.IntValue.Of(7), F(2, 1)]);
        Assert.False(memo.TryCached(1, 1, out _));
        memo.SetCached(1, 1, false);
        memo.NextState([Ops.Tla.Values.IntValue.Of(0), F(2, 1)]);
        Assert.True(memo.TryCached(1, 1, out holds));
        Assert.False(holds);
    }

    [Fact]
    public void An_action_is_skipped_in_a_state_holding_a_value_its_first_guards_are_false_of()
    {
        // One action (bit 3) whose first guards read variable 1 alone, the second false of <<1, 2>>: skipped in a later
        // state holding an equal function (another instance), not in one holding another; forgotten with the entry.
        var memo = new Ops.Tla.Eval.PreGuardMemo();
        memo.InitCache([1], 2);
        Ops.Tla.Values.Value F(params long[] xs)
        {
            var f = Ops.Tla.Values.FcnValue.Tuple(xs.Select(x => (Ops.Tla.Values.Value)Ops.Tla.Values.IntValue.Of(x)).ToArray());
            _ = f.Fingerprint;
            return f;
        }
        memo.NextState([Ops.Tla.Values.IntValue.Of(0), F(1, 2)]);
        Assert.Equal(0UL, memo.SkipActions);
        memo.SetCached(1, 1, true);
        memo.SetCached(1, 2, false);
        memo.MarkSkip(1, 3);
        memo.MarkSkip(1, 64);
        memo.NextState([Ops.Tla.Values.IntValue.Of(5), F(1, 2)]);
        Assert.Equal(1UL << 3, memo.SkipActions);
        memo.NextState([Ops.Tla.Values.IntValue.Of(5), F(2, 1)]);
        Assert.Equal(0UL, memo.SkipActions);
    }

    // A's first guard reads x, its second y: false of y = 0 in the first state, it says nothing of x = 0 in the next
    // ones (A has a successor from x = 0, y = 1). The same for C (x < 1, then y = 2).
    private const string Prefix = """
        ---- MODULE S ----
        EXTENDS Integers
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        A == /\ x = 0
             /\ y = 1
             /\ y' = 5
             /\ x' = x
        B == /\ y < 2
             /\ y' = y + 1
             /\ x' = x
        C == /\ x < 1
             /\ y = 2
             /\ x' = x + 1
             /\ y' = 0
        Next == A \/ B \/ C
        ====
        """;

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void Actions_are_skipped_only_by_the_first_guards_that_read_one_variable(bool preGuards, int workers)
    {
        // TLC (one worker and -workers 2): "7 states generated, 7 distinct states found, 0 states left on queue",
        // depth 6.
        var r = Check("S", Prefix, preGuards, workers: workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((7L, 7L), (r.StatesGenerated, r.DistinctStates));
    }

    // Reset(i)'s second guard reads f alone and fails once f[3 - i] = 2 (<<1, 2>>[3]); before that it holds of f =
    // <<2, 0>> and <<2, 1>>, each reached with several n: its value known of f, the error still TLC's.
    private const string PerValue = """
        ---- MODULE K ----
        EXTENDS Integers, Sequences
        VARIABLES f, n
        Init == f = [i \in 1..2 |-> 0] /\ n = 0
        Inc(i) == /\ f[i] < 2
                  /\ f' = [f EXCEPT ![i] = @ + 1]
                  /\ n' = (n + 1) % 3
        Reset(i) == /\ f[i] = 2
                    /\ <<1, 2>>[f[3 - i] + 1] >= 1
                    /\ f' = [f EXCEPT ![i] = 0]
                    /\ UNCHANGED n
        Next == \E i \in 1..2 : Inc(i) \/ Reset(i)
        ====
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_guard_kept_per_value_fails_where_TLCs_does(bool preGuards)
    {
        // TLC: "Attempted to access index 3 of tuple <<1, 2>> which is out of bounds.", the trace <<0, 0>>, <<1, 0>>,
        // <<2, 0>>, <<2, 1>>, <<2, 2>>; the nested expressions Reset's body, f[i] = 2, the second guard; "23 states
        // generated, 15 distinct states found, 3 states left on queue."
        var r = Check("K", PerValue, preGuards);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("Attempted to access index 3 of tuple", r.Violation.Message);
        Assert.Equal(new[] { "<<0, 0>>", "<<1, 0>>", "<<2, 0>>", "<<2, 1>>", "<<2, 2>>" }, r.Trace.Select(s => s.Values[0].ToString()));
        Assert.Equal((23L, 15L, 3L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
        Assert.Contains("Line 8, column 13 to line 11, column 26 in K", r.Violation.NestedExpressions[0]);
        Assert.Contains("Line 9, column 16 to line 9, column 42 in K", r.Violation.NestedExpressions[2]);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void Counts_are_TLCs_with_guards_kept_per_value(bool preGuards, int workers)
    {
        // The same spec with <<1, 2, 3>>[...] >= 2: the guard false of f = <<2, 0>>, true of <<2, 1>> and <<2, 2>>.
        // TLC (one worker and -workers 2): "45 states generated, 25 distinct states found, 0 states left on queue",
        // depth 11.
        var spec = PerValue.Replace("<<1, 2>>[f[3 - i] + 1] >= 1", "<<1, 2, 3>>[f[3 - i] + 1] >= 2");
        var r = Check("K", spec, preGuards, workers: workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((45L, 25L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void Each_parallel_worker_keeps_guards_per_value()
    {
        // Two workers sharing every level: each worker keeps the values of the guards that read one variable alone per
        // value of it, as one worker does (OPS_PAR_TRACE counts the evaluations they answered); the figures TLC's with
        // -workers 2: 299 / 87.
        var trace = new StringWriter();
        var r = InlineSpec.Check("G", Channels, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", new CheckOptions
        {
            Workers = 2,
            Diagnostics = new DiagnosticOptions { ParallelTrace = true, ShareEveryLevel = true, Output = trace },
        });
        Assert.Equal((CheckOutcome.Success, 299L, 87L), (r.Outcome, r.StatesGenerated, r.DistinctStates));
        var line = trace.ToString().Split('\n').Single(l => l.StartsWith("parallel: "));
        var m = System.Text.RegularExpressions.Regex.Match(line, @"guards answered by the values kept per value: worker 0 (\d+), worker 1 (\d+)");
        Assert.True(m.Success, line);
        Assert.True(long.Parse(m.Groups[1].Value) + long.Parse(m.Groups[2].Value) > 0, line);
    }
}
