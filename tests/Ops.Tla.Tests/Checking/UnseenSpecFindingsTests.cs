using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found on specifications outside the conformance corpora (public repositories' specs and
/// specs written to exercise corners), each reduced to a small spec. Expected figures and text are what TLC printed
/// (tla2tools cc6b616, -workers 1).
/// </summary>
public class UnseenSpecFindingsTests
{
    private const string InitViolation = @"---- MODULE InitViol ----
EXTENDS Naturals
VARIABLES x, y
Init == x \in 1..3 /\ y = 0
Next == x < 1 /\ x' = x /\ y' = y
Spec == Init /\ [][Next]_<<x, y>>
Inv == x < 2
P == x < 2
====";

    [Theory]
    [InlineData("INIT Init\nNEXT Next\nINVARIANT Inv\n", "Error: Invariant Inv is violated by the initial state:\n", 12)]
    [InlineData("SPECIFICATION Spec\nPROPERTY P\n", "Error: Property P is violated by the initial state:\n", 13)]
    [InlineData("INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT P\n", "Error: Invariant Inv is violated by the initial state:\n", 12)]
    public void A_violation_in_an_initial_state_prints_the_state_alone_and_no_figures(string cfg, string error, int exit)
    {
        // TLC's DoInitFunctor (EC.TLC_INVARIANT_VIOLATED_INITIAL / TLC_PROPERTY_VIOLATED_INITIAL) prints the state
        // after the message, without "The behavior up to this point is:", and the run ends without its statistics.
        var r = InlineSpec.Check("InitViol", InitViolation, cfg);
        Assert.Equal(exit, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains(error + "/\\ x = 2\n/\\ y = 0\n\nFinished in ", text);
        Assert.DoesNotContain("states generated", text);
        Assert.DoesNotContain("The behavior up to this point", text);
    }

    [Fact]
    public void A_violation_in_an_initial_state_of_a_simulation_is_printed_the_same_way()
    {
        var r = InlineSpec.Check("InitViol", InitViolation, "INIT Init\nNEXT Next\nINVARIANT Inv\n",
            new Ops.Tla.Checking.CheckOptions { Simulation = new Ops.Tla.Checking.SimulationOptions { Behaviors = 3 }, Seed = 1 });
        Assert.Equal(12, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.StartsWith("Error: Invariant Inv is violated by the initial state:\n/\\ x = ", text);
        Assert.DoesNotContain("states generated", text);
    }

    [Theory]
    // TLC's OPCODE_cup: an enumerated set (or interval) does the union, and membership in the union of it and an
    // infinite set asks the enumerated set first, whichever side it is written on.
    [InlineData(@"1 \in STRING \union {1}", 12)]
    [InlineData(@"<<""p1"", 1>> \in Seq(STRING) \union {<<""p1"", 1>>, <<""p2"", 2>>}", 12)]
    [InlineData(@"1 \in STRING \union ({3} \union {1})", 12)]
    [InlineData(@"1 \in (STRING \union {3}) \union {1}", 12)]
    // Not in the enumerated set: the infinite one is asked, and fails on a value of another kind.
    [InlineData(@"1 \in STRING \union {2}", 75)]
    // Two infinite sets: the left one first.
    [InlineData(@"1 \in STRING \union Nat", 75)]
    [InlineData(@"1 \in Nat \union STRING", 12)]
    public void Membership_in_a_union_with_an_infinite_set_asks_the_enumerated_set_first(string expr, int exit)
    {
        var tla = $"---- MODULE CupOrder ----\nEXTENDS Naturals, Sequences\nVARIABLE x\nInit == x = ({expr})\nNext == UNCHANGED x\nInv == x # x\n====";
        var r = InlineSpec.Check("CupOrder", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 12) Assert.Equal("x", r.Trace[0].Variables[0]);
        if (exit == 12) Assert.Equal("TRUE", r.Trace[0].Values[0].ToString());
    }

    [Fact]
    public void A_sequence_typed_by_a_union_with_Seq_STRING_is_checked_as_TLC_does()
    {
        // The type invariant of a public regression spec (tla2's LetCacheBug277): buffer holds <<"p1", 1>> tuples and
        // <<"noop">>. TLC: deadlock after 923 generated, 923 distinct, 582 left on queue, depth 7.
        const string tla = @"---- MODULE LetCache ----
EXTENDS Integers, Sequences
CONSTANTS Procs
VARIABLES cursors, buffer
Init == cursors = [p \in Procs |-> 0] /\ buffer = <<>>
Advance(proc) ==
    LET next == cursors[proc] + 1
        idx == next % 4
    IN /\ cursors[proc] < 3
       /\ next <= 3
       /\ cursors' = [cursors EXCEPT ![proc] = next]
       /\ buffer' = Append(buffer, <<proc, idx>>)
Noop == Len(buffer) < 6 /\ UNCHANGED cursors /\ buffer' = Append(buffer, <<""noop"">>)
Next == (\E p \in Procs : Advance(p)) \/ Noop
StateConstraint == (\A p \in Procs : cursors[p] <= 3) /\ Len(buffer) <= 6
TypeOK == /\ cursors \in [Procs -> 0..3]
          /\ buffer \in Seq(Seq(STRING) \union {<<p, n>> : p \in Procs, n \in 0..3})
====";
        var r = InlineSpec.Check("LetCache", tla, "INIT Init\nNEXT Next\nCONSTANT Procs = {\"p1\", \"p2\"}\nCONSTRAINT StateConstraint\nINVARIANT TypeOK\n");
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(923, r.StatesGenerated);
        Assert.Equal(923, r.DistinctStates);
        Assert.Equal(582, r.StatesLeftOnQueue);
        Assert.Equal(7, r.Trace.Count);
    }

    [Theory]
    // SANY reads '-' after an operator as the prefix -. (precedence 12) and rejects it after an operator that binds
    // tighter: "Precedence conflict between ops * in block ... and -.", exit 150.
    [InlineData(@"3 * -2", 150)]
    [InlineData(@"7 \div -2", 150)]
    [InlineData(@"2 ^ -1", 150)]
    [InlineData(@"3 * - 2 + 1", 150)]
    // Looser or equal operators, another prefix operator, or parentheses: accepted.
    [InlineData(@"3 + -2 = 1", 0)]
    [InlineData(@"3 - -2 = 5", 0)]
    [InlineData(@"3 .. -2 = {}", 0)]
    [InlineData(@"- - 2 = 2", 0)]
    [InlineData(@"-3 * 2 = -6", 0)]
    [InlineData(@"3 * (-2) = -6", 0)]
    [InlineData(@"TRUE = ~FALSE", 0)]
    public void A_prefix_minus_after_an_operator_that_binds_tighter_is_a_precedence_conflict(string expr, int exit)
    {
        var tla = $"---- MODULE PrefixMinus ----\nEXTENDS Integers\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\nInv == {expr}\n====";
        var r = InlineSpec.Check("PrefixMinus", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 150) Assert.Contains("Precedence conflict", r.Violation.Message);
    }
    [Fact]
    public void A_successor_left_incompletely_specified_is_counted_and_ends_the_trace_with_its_null_variables()
    {
        // TLC (Worker): the successor is generated (4 generated, 2 distinct), then reported as the last state of the
        // trace, labelled with its action, the unassigned variable null; exit 75.
        const string tla = @"---- MODULE Incomplete ----
EXTENDS Naturals
VARIABLES x, y
Init == x \in {0, 1} /\ y = 0
Next == \/ x = 0 /\ x' = 1 /\ y' = y
        \/ x = 1 /\ x' = 2
====";
        var r = InlineSpec.Check("Incomplete", tla, "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Equal(2, r.Trace.Count);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains("State 1: <Initial predicate>\n/\\ x = 1\n/\\ y = 0\n\n" +
            "State 2: <Next line 6, col 12 to line 6, col 26 of module Incomplete>\n/\\ x = 2\n/\\ y = null\n", text);
    }

    [Fact]
    public void An_initial_predicate_that_leaves_a_variable_unassigned_is_a_general_error()
    {
        // TLC: "current state is not a legal state" while working on the initial state, exit 255.
        const string tla = @"---- MODULE InitIncomplete ----
VARIABLES x, y
Init == x \in {0, 1} /\ (x = 1 => y = 2)
Next == x' = x /\ y' = y
====";
        var r = InlineSpec.Check("InitIncomplete", tla, "INIT Init\nNEXT Next\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("does not assign a value to the variable y", r.Violation.Message);
    }
    [Fact]
    public void A_state_level_property_is_warned_of_as_TLC_does()
    {
        // TLC warns of each state-level PROPERTY (not of a constant-level one, nor of one with a temporal part); the
        // hint about -nowarning follows the first warning of the run only.
        const string tla = @"---- MODULE StateProp ----
EXTENDS Naturals
CONSTANT N
VARIABLES x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Spec == Init /\ [][Next]_x
P == x < 5
PC == N > 0
PMix == P /\ [](x < 5)
PLet == LET y == x IN y < 5
====";
        var r = InlineSpec.Check("StateProp", tla, "CONSTANT N = 1\nSPECIFICATION Spec\nPROPERTIES P PC PMix PLet\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.Warnings.Count);
        Assert.StartsWith("The formula P is a state-level formula, but it was used as a PROPERTY (or PROPERTIES)", r.Warnings[0]);
        Assert.EndsWith("for additional details.\n(Use the -nowarning option to disable this warning.)", r.Warnings[0]);
        Assert.StartsWith("The formula PLet is a state-level formula", r.Warnings[1]);
        Assert.EndsWith("for additional details.", r.Warnings[1]);
        var quiet = InlineSpec.Check("StateProp", tla, "CONSTANT N = 1\nSPECIFICATION Spec\nPROPERTIES P\nCHECK_DEADLOCK FALSE\n",
            new Ops.Tla.Checking.CheckOptions { NoWarnings = true });
        Assert.Empty(quiet.Warnings);
    }
}
