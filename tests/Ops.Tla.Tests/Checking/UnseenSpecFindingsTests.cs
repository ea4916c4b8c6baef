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

    [Theory]
    // TLC's fingerprint of a state fails on a set it cannot enumerate: Nat, STRING, Seq(S) (UserValue.fingerPrint),
    // or the error of enumerating a lazy set (SetPredValue, SetDiffValue, SetCupValue, SubsetValue, SetOfFcnsValue,
    // SetOfRcdsValue, SetOfTuplesValue), wherever the set is in the value. Exit 75, the state not counted as distinct.
    [InlineData("Nat", "TLC has found a state in which the value of a variable contains Nat")]
    [InlineData("Seq({1})", "TLC has found a state in which the value of a variable contains Seq({1})")]
    [InlineData("<<1, [a |-> {STRING}]>>", "TLC has found a state in which the value of a variable contains STRING")]
    [InlineData(@"{n \in Nat : n > 2}", "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    [InlineData(@"Int \ {0}", "Attempted to enumerate S \\ T when S:\nInt\nis not enumerable.")]
    [InlineData(@"(Nat \ {1}) \ {2}", "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.")]
    [InlineData(@"Nat \cup {1}", "Attempted to enumerate S \\cup T when S:\n{1}\nand T:\nNat\nare not both enumerable")]
    [InlineData(@"Nat \cap Int", "Attempted to enumerate S \\cap T when neither S:\nNat\nnor T:\nInt\nis enumerable")]
    [InlineData("SUBSET Nat", "Attempted to compute the number of elements in the overridden value Nat.")]
    [InlineData(@"SUBSET {n \in Nat : n > 1}", "Attempted to enumerate { x \\in S : p(x) } when S:\nNat\nis not enumerable")]
    [InlineData("[Nat -> {1}]", "Attempted to enumerate a set of the form [D -> R],but the domain D:\nNat\ncannot be enumerated.")]
    [InlineData("[a : Nat]", "Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the `a' field:\nNat")]
    [InlineData(@"{1} \X Nat", "Attempted to enumerate a set of the form s1 \\X s2 ... \\X sn,\nbut can't enumerate s1:\nNat")]
    public void A_state_holding_a_set_that_cannot_be_enumerated_is_TLCs_fingerprint_error(string value, string message)
    {
        var tla = $"---- MODULE InfState ----\nEXTENDS Naturals, Integers, Sequences\nVARIABLE x\nInit == x = 0\nNext == x < 1 /\\ x' = {value}\n====";
        var r = InlineSpec.Check("InfState", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(75, r.ExitCode);
        // TLC's general failure (a runtime exception met fingerprinting the successor), then the replay's report
        // (finding 015: the fingerprint trace of a value built in place, or an empty call stack).
        Assert.Equal("TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n" +
                     "See the User Output or TLC Console for clues to what happened.\nThe exception was a java.lang.RuntimeException\n: " + message,
                     r.Violation.Message);
        Assert.Equal((2L, 1L, 0L, 1), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
        Assert.Single(r.Trace);
        Assert.Equal("0", r.Trace[0].Values[0].ToString());
    }

    [Fact]
    public void An_initial_state_without_a_fingerprint_is_named_and_the_depth_is_1()
    {
        // TLC (DoInitFunctor): "While working on the initial state:", the state, and depth 1 (the counts: the states
        // generated so far, the failing one not distinct).
        const string tla = @"---- MODULE InfInit ----
EXTENDS Naturals
VARIABLE x, y
Init == x \in {1, 2} /\ y = IF x = 2 THEN Nat ELSE 0
Next == UNCHANGED <<x, y>>
====";
        var r = InlineSpec.Check("InfInit", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Equal((2L, 1L, 1L, 1), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        // Then the replay's positions (TLC fingerprints each initial state inside the initial predicate; checked
        // against tla2tools cc6b616 at stop 35).
        Assert.Contains("Error: TLC has found a state in which the value of a variable contains Nat\nWhile working on the initial state:\n/\\ x = 2\n/\\ y = Nat\n\n" +
                        "Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n" +
                        "0. Line 4, column 9 to line 4, column 52 in InfInit\n1. Line 4, column 9 to line 4, column 20 in InfInit\n" +
                        "2. Line 4, column 25 to line 4, column 52 in InfInit\n\n\n2 states generated", text);
    }

    [Fact]
    public void Finite_lazy_sets_in_a_state_and_infinite_sets_inside_expressions_still_work()
    {
        const string tla = @"---- MODULE FinLazy ----
EXTENDS Naturals, Integers, FiniteSets
VARIABLE x, y, z
Init == x = SUBSET {1, 2} /\ y = [{1, 2} -> {3, 4}] /\ z = {n \in Nat : n < 3} \cap 0..5
Next == x' = {s \in x : Cardinality(s) < 2} /\ y' = y /\ z' = z \ {1}
Inv == /\ \A t \in {<<Nat, 1>>, <<Int, 2>>} : t[2] > 0
       /\ Nat \in {Nat, Int}
       /\ Cardinality(z) > 1
====";
        var r = InlineSpec.Check("FinLazy", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal((3L, 2L, 2), (r.StatesGenerated, r.DistinctStates, r.Depth));
    }

    [Fact]
    public void An_EXCEPT_outside_the_domain_warns_as_TLC_does_once_per_clause_evaluated()
    {
        // TLC (EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD): records, functions and tuples alike, nested paths too; the
        // place is the EXCEPT's function expression; the -nowarning hint after the run's first warning only.
        const string tla = @"---- MODULE ExcWarn ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x < 1 /\ x' = x + 1 /\ PrintT([[a |-> 1] EXCEPT !.b = 2, !.c = 3])
                /\ [<<1, 2>> EXCEPT ![3] = 1] = <<1, 2>> /\ [[a |-> [b |-> 1]] EXCEPT !.a.c = 2].a = [b |-> 1]
====";
        var r = InlineSpec.Check("ExcWarn", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[]
        {
            "Warning: The EXCEPT was applied to non-existing fields of the value at\nline 5, col 40 to line 5, col 48 of module ExcWarn\n(Use the -nowarning option to disable this warning.)",
            "Warning: The EXCEPT was applied to non-existing fields of the value at\nline 5, col 40 to line 5, col 48 of module ExcWarn",
            "[a |-> 1]",
            "Warning: The EXCEPT was applied to non-existing fields of the value at\nline 6, col 21 to line 6, col 28 of module ExcWarn",
            "Warning: The EXCEPT was applied to non-existing fields of the value at\nline 6, col 62 to line 6, col 78 of module ExcWarn",
        }, r.Output);
        var quiet = InlineSpec.Check("ExcWarn", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", new Ops.Tla.Checking.CheckOptions { NoWarnings = true });
        Assert.Equal(new[] { "[a |-> 1]" }, quiet.Output);
    }

    [Fact]
    public void SUBSET_of_an_interval_is_printed_with_parentheses_in_an_overflow_message()
    {
        // TLC's SubsetValue.toString: SUBSET binds tighter than .., so the interval is parenthesized.
        var r = InlineSpec.Check("SubOverflow", "---- MODULE SubOverflow ----\nEXTENDS Naturals, FiniteSets\nVARIABLE x\nInit == x = Cardinality(SUBSET (1..31))\nNext == UNCHANGED x\n====",
            "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(75, r.ExitCode);
        Assert.EndsWith("Overflow when computing the number of elements in:\nSUBSET (1..31)", r.Violation.Message);
    }
}
