using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// <c>TLCSet("exit", TRUE)</c> ends the run as TLC's <c>mainChecker.stop()</c> does: the state being expanded is
/// finished (all its successors generated and checked), no further state is taken off the queue, and the run ends
/// as a clean one (exit 0, "No error has been found.") with what was queued left on the queue. Each expected figure
/// is TLC's own (tla2tools cc6b616, <c>tlc M.tla -config M.cfg -workers N -noTE</c>, the same with one and two
/// workers). Ops ignored the key and searched on to the end.
/// </summary>
public class TlcSetExitTests
{
    private const string Head = "---- MODULE M ----\nEXTENDS Naturals, TLC\nVARIABLE x\n";

    private static CheckResult Check(string body, string cfg, int workers) =>
        InlineSpec.Check("M", Head + body + "\n====\n", cfg, workers);

    private static void AssertClean(CheckResult r, long generated, long distinct, long left, int depth)
    {
        var text = TlcText.Format(r);
        Assert.True(r.ExitCode == 0, text);
        Assert.Contains("Model checking completed. No error has been found.", text);
        Assert.Equal((generated, distinct, left, depth), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Set_in_a_step_stops_after_the_state_being_expanded(int workers)
    {
        // Without the stop: x runs to 10 and deadlocks (exit 11). TLC: 5 generated, 5 distinct, 1 left, depth 5.
        var r = Check("Init == x = 0\nNext == /\\ x < 10\n        /\\ x' = x + 1\n        /\\ TLCSet(\"exit\", x = 3)\nInv == x < 20",
                      "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        AssertClean(r, 5, 5, 1, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Set_in_the_initial_predicate_leaves_every_initial_state_queued(int workers)
    {
        // TLC: the initial states are all computed, none is expanded: 3 generated, 3 distinct, 3 left, depth 1.
        var r = Check("Init == x \\in 0..2 /\\ TLCSet(\"exit\", x = 1)\nNext == x < 10 /\\ x' = x + 1",
                      "INIT Init\nNEXT Next\n", workers);
        AssertClean(r, 3, 3, 3, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Set_in_an_invariant_finishes_the_state_whose_successor_set_it(int workers)
    {
        // x = 3 is found (and its invariant evaluated) while x = 1 is expanded: x = 1's other successor is still
        // generated. TLC: 5 generated, 4 distinct, 2 left (x = 2 and x = 3), depth 3.
        var r = Check("Init == x = 0\nNext == \\/ x < 10 /\\ x' = x + 1\n        \\/ x < 10 /\\ x' = x + 2\nInv == TLCSet(\"exit\", x = 3)",
                      "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        AssertClean(r, 5, 4, 2, 3);
    }

    [Fact]
    public void Set_to_false_or_another_key_does_not_stop()
    {
        // TLC: 11 generated, 11 distinct, then the deadlock at x = 10 (exit 11).
        var r = Check("Init == x = 0\nNext == x < 10 /\\ x' = x + 1 /\\ TLCSet(\"exit\", FALSE) /\\ TLCSet(1, TRUE)",
                      "INIT Init\nNEXT Next\n", 1);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal((11L, 11L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void Set_while_simulating_ends_the_simulation()
    {
        // TLC -simulate num=3 -depth 20: "The number of states generated: 5" (x = 0 .. 4), exit 0.
        var r = InlineSpec.Check("M", Head + "Init == x = 0\nNext == /\\ x < 10\n        /\\ x' = x + 1\n        /\\ TLCSet(\"exit\", x = 3)\n====\n",
            "INIT Init\nNEXT Next\n", new CheckOptions { Simulation = new SimulationOptions { Behaviors = 3 }, Depth = 20, Seed = 1 });
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(5, r.StatesGenerated);
    }

    // Liveness on the graph a stopped search leaves: TLC's behaviour graph has steps only from the states it expanded
    // (LiveCheck.addNextState); a state left on the queue has no node of its own, not even a stuttering step, so no
    // behaviour can end there. Ops gave each of them the implicit stuttering step (and a counterexample TLC has not).

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Liveness_after_the_stop_has_no_behaviour_ending_in_a_state_never_expanded(int workers)
    {
        // x = 4 is found while x = 3 is expanded and stays queued: stuttering there would violate []<>(x # 4).
        // TLC: no error, 5 generated, 5 distinct, 1 left, depth 5 (Ops before: "Temporal property Prop was violated",
        // x = 0 .. 4 and stuttering).
        var r = Check("Init == x = 0\nNext == x < 10 /\\ x' = x + 1 /\\ TLCSet(\"exit\", x = 3)\nSpec == Init /\\ [][Next]_x\nProp == []<>(x # 4)",
                      "SPECIFICATION Spec\nPROPERTY Prop\n", workers);
        AssertClean(r, 5, 5, 1, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Liveness_after_the_stop_finds_the_counterexample_among_the_expanded_states(int workers)
    {
        // Stopped after x = 1 is expanded (x = 2 queued). TLC: "Temporal property Prop was violated", x = 0, x = 1,
        // then "Stuttering" (Ops before: on through x = 2, stuttering there); 3 generated, 3 distinct, 1 left.
        var r = Check("Init == x = 0\nNext == x < 10 /\\ x' = x + 1 /\\ TLCSet(\"exit\", x = 1)\nSpec == Init /\\ [][Next]_x\nProp == <>(x = 10)",
                      "SPECIFICATION Spec\nPROPERTY Prop\n", workers);
        var text = TlcText.Format(r);
        Assert.True(r.ExitCode == 13, text);
        Assert.Contains("Temporal property Prop was violated.", text);
        Assert.Contains("State 3: Stuttering", text);
        Assert.DoesNotContain("x = 2", text);
        Assert.Equal((3L, 3L, 1L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }
}
