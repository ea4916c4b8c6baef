using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit.Abstractions;

namespace Ops.Tla.Distributed.Tests;

/// <summary>
/// Each way a search stops, on models in memory: the distributed search reports what the single-process search reports
/// (exit status, message, counts at the stop, trace), whichever partition meets it and whatever else fails in the same
/// level.
/// </summary>
[Collection("cluster")]
public sealed class EdgeCaseTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static ModelSource Model(string body, string cfg, string name = "M") =>
        ModelSource.FromText(name, $"---- MODULE {name} ----\nEXTENDS Naturals, Sequences, TLC\n{body}\n====\n", cfg);

    private async Task<(CheckResult Single, CheckResult Distributed)> Compare(ModelSource source, int partitions = 4, CheckOptions options = null)
    {
        var single = ModelChecker.Check(source, options ?? new CheckOptions());
        var distributed = await new DistributedSearch(fixture.Cluster.GrainFactory, partitions).CheckAsync(source, options ?? new CheckOptions());
        output.WriteLine($"single {single.ExitStatus} {single.StatesGenerated}/{single.DistinctStates}/{single.StatesLeftOnQueue}/{single.Depth} {single.Violation?.Message}");
        output.WriteLine($"distributed {distributed.ExitStatus} {distributed.StatesGenerated}/{distributed.DistinctStates}/{distributed.StatesLeftOnQueue}/{distributed.Depth} {distributed.Violation?.Message}");
        Assert.Equal(single.ExitStatus, distributed.ExitStatus);
        Assert.Equal(single.Violation?.Kind, distributed.Violation?.Kind);
        Assert.Equal(single.Violation?.Property, distributed.Violation?.Property);
        // The one-process search re-runs a failed evaluation for TLC's nested-expressions list, which then stands for
        // the error's place (the message loses its FILE:LINE:COL, kept in Violation.Location); the distributed search
        // does not re-run it (open, docs/differential-testing.md "Messages, round 4"), so its message keeps the place.
        var message = distributed.Violation?.Message;
        if (single.Violation?.NestedExpressions is { Count: > 0 } && message != null)
            message = System.Text.RegularExpressions.Regex.Replace(message, @"^[^\s:]+:\d+:\d+: ", "");
        Assert.Equal(single.Violation?.Message, message);
        Assert.Equal(single.StatesGenerated, distributed.StatesGenerated);
        Assert.Equal(single.DistinctStates, distributed.DistinctStates);
        Assert.Equal(single.StatesLeftOnQueue, distributed.StatesLeftOnQueue);
        Assert.Equal(single.Depth, distributed.Depth);
        Assert.Equal(single.Trace.Select(t => t.Action), distributed.Trace.Select(t => t.Action));
        Assert.Equal(single.Trace.Select(t => string.Join(",", t.Values.Select(v => v.ToString()))),
            distributed.Trace.Select(t => string.Join(",", t.Values.Select(v => v.ToString()))));
        return (single, distributed);
    }

    private const string Grid = """
        VARIABLES x, y
        Init == x \in 0..3 /\ y \in 0..2
        Next == \/ x < 9 /\ x' = x + 1 /\ y' = y
                \/ y < 9 /\ y' = y + 2 /\ x' = x
                \/ x > 2 /\ x' = x - 3 /\ y' = (y * 7) % 10
        """;

    [Fact]
    public async Task A_complete_search_counts_as_one_process()
    {
        var (_, d) = await Compare(Model(Grid, "INIT Init\nNEXT Next\n"));
        Assert.Equal(ExitStatus.Success, d.ExitStatus);
        Assert.True(d.DistinctStates > 50);
    }

    [Theory]
    [InlineData("x + y < 15")]
    [InlineData("x # 7")]
    [InlineData("~(x = 4 /\\ y = 8)")]
    [InlineData("y # 4 \\/ x < 2")]
    public async Task The_first_violation_of_the_single_process_order_is_reported(string invariant)
    {
        var (_, d) = await Compare(Model(Grid + "\nInv == " + invariant, "INIT Init\nNEXT Next\nINVARIANT Inv\n"));
        Assert.Equal(ExitStatus.SafetyViolation, d.ExitStatus);
    }

    [Fact]
    public async Task An_initial_state_that_violates_an_invariant()
    {
        var (_, d) = await Compare(Model(Grid + "\nInv == x + y < 4", "INIT Init\nNEXT Next\nINVARIANT Inv\n"));
        Assert.Equal(ExitStatus.SafetyViolation, d.ExitStatus);
        Assert.Single(d.Trace);
    }

    [Fact]
    public async Task Deadlock()
    {
        var (_, d) = await Compare(Model("VARIABLE x\nInit == x \\in {0, 1}\nNext == x < 6 /\\ x' \\in {x + 1, x + 2}", "INIT Init\nNEXT Next\n"));
        Assert.Equal(ExitStatus.Deadlock, d.ExitStatus);
    }

    [Fact]
    public async Task Deadlock_not_checked()
    {
        var (_, d) = await Compare(Model("VARIABLE x\nInit == x \\in {0, 1}\nNext == x < 6 /\\ x' \\in {x + 1, x + 2}", "INIT Init\nNEXT Next\n"),
            options: new CheckOptions { CheckDeadlock = false });
        Assert.Equal(ExitStatus.Success, d.ExitStatus);
    }

    [Fact]
    public async Task An_action_property_violated_on_a_step()
    {
        var (_, d) = await Compare(Model(Grid + "\nSpec == Init /\\ [][Next]_<<x, y>>\nGrows == [][x' + y' >= x + y - 2]_<<x, y>>",
            "SPECIFICATION Spec\nPROPERTY Grows\n"));
        Assert.Equal(ExitStatus.LivenessViolation, d.ExitStatus);
    }

    [Fact]
    public async Task A_successor_the_constraint_excludes_still_has_its_invariants_checked()
    {
        var (_, d) = await Compare(Model(Grid + "\nInv == x # 6\nSmall == x < 6", "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Small\n"));
        Assert.Equal(ExitStatus.SafetyViolation, d.ExitStatus);
    }

    [Fact]
    public async Task An_evaluation_error_while_computing_successors()
    {
        var (_, d) = await Compare(Model("VARIABLE x\nInit == x \\in {0, 1}\nNext == x' = x + 1 /\\ x' < 100 \\div (5 - x)", "INIT Init\nNEXT Next\n"));
        // \div by 0 is one of TLC's EvalExceptions: met while computing successors, TLC exits 255 (cc6b616).
        Assert.Equal(ExitStatus.SystemError, d.ExitStatus);
    }

    [Fact]
    public async Task An_invariant_that_cannot_be_evaluated()
    {
        var (_, d) = await Compare(Model(Grid + "\nInv == 10 \\div (12 - x - y) < 100", "INIT Init\nNEXT Next\nINVARIANT Inv\n"));
        Assert.Equal(ExitStatus.SafetyEvaluationError, d.ExitStatus);
    }

    [Fact]
    public async Task A_false_assumption()
    {
        var (_, d) = await Compare(Model("VARIABLE x\nASSUME 1 > 2\nInit == x = 0\nNext == x' = x", "INIT Init\nNEXT Next\n"));
        Assert.Equal(ExitStatus.AssumptionViolated, d.ExitStatus);
    }

    [Fact]
    public async Task A_model_with_effects_keeps_its_states_for_the_trace()
    {
        // TLCSet in the next-state relation: a state cannot be generated again from its predecessor, so the owners
        // keep each state's bytes for the trace.
        var (_, d) = await Compare(Model(Grid + "\nCounted == TLCSet(1, x) /\\ Next\nInv == x + y # 13",
            "INIT Init\nNEXT Counted\nINVARIANT Inv\n"));
        Assert.Equal(ExitStatus.SafetyViolation, d.ExitStatus);
    }

    [Fact]
    public async Task Records_sequences_sets_and_model_values_travel_between_silos()
    {
        const string spec = """
            CONSTANT Procs
            VARIABLES pc, log, seen
            Init == pc = [p \in Procs |-> "idle"] /\ log = <<>> /\ seen = {}
            Next == \E p \in Procs :
                      \/ pc[p] = "idle" /\ pc' = [pc EXCEPT ![p] = "busy"] /\ log' = Append(log, [who |-> p, n |-> Len(log)]) /\ seen' = seen \cup {p}
                      \/ pc[p] = "busy" /\ pc' = [pc EXCEPT ![p] = "idle"] /\ UNCHANGED <<log, seen>> /\ Len(log) < 4
            Inv == Len(log) < 4 \/ seen # Procs
            """;
        var (_, d) = await Compare(Model(spec, "CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nINVARIANT Inv\n"));
        Assert.Equal(ExitStatus.SafetyViolation, d.ExitStatus);
    }

    [Fact]
    public async Task Temporal_properties_are_refused_with_the_reason()
    {
        var source = Model("VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x /\\ WF_x(Next)\nLive == <>(x = 2)",
            "SPECIFICATION Spec\nPROPERTY Live\n");
        var d = await new DistributedSearch(fixture.Cluster.GrainFactory, 3).CheckAsync(source);
        Assert.Equal(ExitStatus.SystemError, d.ExitStatus);
        Assert.Equal(ViolationKind.Unsupported, d.Violation.Kind);
        Assert.Contains("temporal properties (Live)", d.Violation.Message);
        // Without the liveness check the safety part is searched.
        var (_, off) = await Compare(source, options: new CheckOptions { CheckLiveness = false });
        Assert.Equal(ExitStatus.Success, off.ExitStatus);
    }

    [Fact]
    public async Task A_parse_error_is_reported_as_the_single_process_check_reports_it()
    {
        var source = Model("VARIABLE x\nInit == x = \nNext == x' = x", "INIT Init\nNEXT Next\n");
        var single = ModelChecker.Check(source);
        var d = await new DistributedSearch(fixture.Cluster.GrainFactory, 3).CheckAsync(source);
        Assert.Equal(single.ExitStatus, d.ExitStatus);
        Assert.Equal(single.Violation.Message, d.Violation.Message);
    }
}

public sealed class StateCodecTests
{
    [Fact]
    public void Every_kind_of_value_comes_back_equal_with_its_fingerprint()
    {
        var source = ModelSource.FromText("C", "---- MODULE C ----\nCONSTANT A\nVARIABLE v\nInit == v = A\nNext == v' = v\n====\n",
            "CONSTANT A = A\nINIT Init\nNEXT Next\n");
        var space = StateSpace.Load(source, new CheckOptions());
        using var entered = space.Enter();
        var mv = space.Model.ModelValues.Get("A");
        var state = new Value[]
        {
            BoolValue.True, IntValue.Of(-123456789012), StringValue.Of("héllo"), mv,
            SetValue.Of(IntValue.Of(3), IntValue.Of(1)), IntervalValue.Of(2, 9),
            FcnValue.Tuple(new Value[] { IntValue.Of(1), StringValue.Of("a") }),
            FcnValue.Record(new[] { "b", "a" }, new Value[] { SetValue.Empty, FcnValue.EmptyTuple }),
            FcnValue.FromPairs(new Value[] { StringValue.Of("k"), IntValue.Of(5) }, new Value[] { mv, BoolValue.False }),
        };
        var bytes = StateCodec.Encode(state);
        var back = StateCodec.Decode(bytes, space.Model.ModelValues);
        Assert.Equal(state.Length, back.Length);
        for (int i = 0; i < state.Length; i++)
        {
            Assert.Equal(state[i], back[i]);
            Assert.Equal(state[i].Fingerprint, back[i].Fingerprint);
            Assert.Equal(state[i].ToString(), back[i].ToString());
        }
        Assert.Same(mv, back[3]);
    }

    [Fact]
    public void A_finite_lazy_set_goes_as_its_elements_and_an_infinite_one_is_refused()
    {
        var lazy = new SubsetValue(SetValue.Of(IntValue.Of(1), IntValue.Of(2)));
        var back = StateCodec.Decode(StateCodec.Encode(new Value[] { lazy }), null);
        var set = Assert.IsType<SetValue>(Assert.Single(back));
        Assert.Equal<Value>(lazy, set);
        Assert.Equal(lazy.Fingerprint, set.Fingerprint);
        Assert.Equal("{{}, {1}, {2}, {1, 2}}", set.ToString());

        var e = Assert.Throws<TlaException>(() => StateCodec.Encode(new Value[] { InfiniteSetValue.Nat }));
        Assert.Equal(ErrorKind.Unsupported, e.Kind);
        Assert.Contains("cannot be sent to another process", e.Message);
    }

    [Fact]
    public void A_cut_or_foreign_byte_string_is_invalid_data_not_a_state()
    {
        var bytes = StateCodec.Encode(new Value[] { FcnValue.Tuple(new Value[] { IntValue.Of(1), StringValue.Of("abc") }) });
        for (int cut = 0; cut < bytes.Length; cut++)
            Assert.Throws<InvalidDataException>(() => StateCodec.Decode(bytes[..cut], null));
        var e = Assert.Throws<InvalidDataException>(() => StateCodec.Decode(bytes.Append((byte)0).ToArray(), null));
        Assert.Contains("bytes after its end", e.Message);
        e = Assert.Throws<InvalidDataException>(() => StateCodec.Decode(new byte[] { 1, 77 }, null));
        Assert.Contains("unknown value tag 77", e.Message);
    }

    [Fact]
    public void The_partitions_keys_merge_into_ranks_in_key_order()
    {
        var ranks = DistributedSearch.Rank(new[] { new long[] { 1, 5, 9 }, Array.Empty<long>(), new long[] { 2, 3, 10 } });
        Assert.Equal(new[] { 0, 3, 4 }, ranks[0]);
        Assert.Empty(ranks[1]);
        Assert.Equal(new[] { 1, 2, 5 }, ranks[2]);
    }
}
