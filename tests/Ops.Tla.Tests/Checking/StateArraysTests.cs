using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The one-worker search stores a new state in the emptied array of a state it expanded and dropped
/// (<see cref="StateArrays"/>). Nothing TLC reports may change: the figures and the trace below are TLC's (cc6b616,
/// one worker) on the same spec, whose 9-state trace is derived again through states the search dropped; each check
/// runs with and without the recycling (OPS_NO_RECYCLE).</summary>
public class StateArraysTests
{
    [Fact]
    public void A_recycled_array_is_emptied_and_given_to_the_next_state_of_its_length()
    {
        var pool = new StateArrays();
        var old = new Value[] { IntValue.Of(1), IntValue.Of(2), IntValue.Of(3) };
        pool.Recycle(old);
        // Emptied at once: a state waiting in the pool keeps no value alive.
        Assert.All(old, v => Assert.Null(v));
        Assert.Equal(1, pool.Count);
        var next = new Value[] { IntValue.Of(4), IntValue.Of(5), IntValue.Of(6) };
        var copy = pool.Copy(next);
        Assert.Same(old, copy);
        Assert.Equal(next, copy);
        Assert.Equal(0, pool.Count);
        // None free: a new array, a copy and not the buffer itself.
        var fresh = pool.Copy(next);
        Assert.NotSame(next, fresh);
        Assert.Equal(next, fresh);
        // An array of another length is not given to a state of this one.
        pool.Recycle(new Value[2]);
        Assert.Equal(3, pool.Copy(next).Length);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void At_most_65536_arrays_wait_for_new_states()
    {
        var pool = new StateArrays();
        for (int i = 0; i < 70_000; i++) pool.Recycle(new Value[] { IntValue.Of(i) });
        Assert.Equal(65_536, pool.Count);
    }

    private const string Spec = """
        ---- MODULE R ----
        EXTENDS Naturals, Sequences
        VARIABLES q, n, log
        Init == /\ q = <<>>
                /\ n = 0
                /\ log = [i \in 1..2 |-> 0]
        Put(v) == /\ Len(q) < 3
                  /\ q' = Append(q, v)
                  /\ n' = (n + v + 1) % 5
                  /\ log' = [log EXCEPT ![1 + v] = @ + 1]
        Get == /\ q # <<>>
               /\ q' = Tail(q)
               /\ UNCHANGED <<n, log>>
        Next == (\E v \in 0..1 : Put(v)) \/ Get
        Constraint == log[1] + log[2] <= 7
        Inv == ~(n = 3 /\ log = <<2, 3>> /\ q = <<1, 0>>)
        ====
        """;

    private static CheckResult Check(string cfg, bool recycle) =>
        InlineSpec.Check("R", Spec, cfg, new CheckOptions { Workers = 1, Diagnostics = new DiagnosticOptions { NoRecycle = !recycle } });

    private static string[] Values(CheckResult r, string variable) =>
        r.Trace.Select(s => s.Values[Array.IndexOf(s.Variables, variable)].ToString()).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_search_finds_the_states_TLC_finds(bool recycle)
    {
        // TLC: "613 states generated, 296 distinct states found, 0 states left on queue", depth 15.
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Constraint\n", recycle);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((613L, 296L, 0L, 15), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_trace_through_states_dropped_and_recycled_is_TLCs(bool recycle)
    {
        // TLC: "Invariant Inv is violated.", 9 states; "183 states generated, 116 distinct states found, 25 states left
        // on queue", depth 9.
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Constraint\nINVARIANT Inv\n", recycle);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(new[] { "<<>>", "<<0>>", "<<0, 1>>", "<<0, 1, 1>>", "<<1, 1>>", "<<1, 1, 1>>", "<<1, 1>>", "<<1, 1, 0>>", "<<1, 0>>" },
            Values(r, "q"));
        Assert.Equal(new[] { "0", "1", "3", "0", "0", "2", "2", "3", "3" }, Values(r, "n"));
        Assert.Equal(new[] { "<<0, 0>>", "<<1, 0>>", "<<1, 1>>", "<<1, 2>>", "<<1, 2>>", "<<1, 3>>", "<<1, 3>>", "<<2, 3>>", "<<2, 3>>" },
            Values(r, "log"));
        Assert.Equal(new[] { "Put", "Put", "Put", "Get", "Put", "Get", "Put", "Get" }, r.Trace.Skip(1).Select(s => s.Action.Split(' ', '(')[0]).ToArray());
        Assert.Equal((183L, 116L, 25L, 9), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }
}
