using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Traces name each step by the action that produced it, split and printed as TLC does
/// (Tool.getActions, Action.getLocation): the definition, its argument values, and the formula's location.</summary>
public class ActionLabelTests
{
    private const string Spec = @"---- MODULE Labels ----
EXTENDS Naturals
CONSTANTS C
VARIABLES x, msgs
Init == x = 0 /\ msgs = {}
Deposit(c, a) ==
    /\ x' = x + a
    /\ msgs' = msgs \cup {c}
Recv ==
    \E m \in msgs :
        /\ x' = x + 10
        /\ UNCHANGED msgs
Bump(v) == x' = v /\ UNCHANGED msgs
Next ==
    LET Tick == x < 100 /\ x' = x + 100 /\ UNCHANGED msgs
    IN \/ \E c \in C, a \in 1..2 : Deposit(c, a)
       \/ Recv
       \/ Tick
       \/ Bump(x + 1000)
       \/ \E s \in {""a""} : Deposit(s, 3)
Inv == INV
====";

    private static string LastLabel(string inv)
    {
        var r = InlineSpec.Check("Labels", Spec.Replace("INV", inv), "CONSTANTS C = {c1, c2}\nINIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        return r.Trace[^1].Action;
    }

    [Fact]
    public void A_definition_called_with_constant_arguments_is_named_with_their_values()
    {
        Assert.Equal("Deposit(c1,2) line 7, col 5 to line 8, col 28 of module Labels", LastLabel("x /= 2"));
    }

    [Fact]
    public void String_arguments_are_printed_as_TLA_values()
    {
        Assert.Equal("Deposit(\"a\",3) line 7, col 5 to line 8, col 28 of module Labels", LastLabel("x /= 3"));
    }

    [Fact]
    public void A_LET_definition_names_its_action()
    {
        Assert.Equal("Tick line 15, col 17 to line 15, col 57 of module Labels", LastLabel("x < 100"));
    }

    [Fact]
    public void A_call_with_state_level_arguments_is_one_action_located_at_the_call()
    {
        Assert.Equal("Bump line 19, col 11 to line 19, col 24 of module Labels", LastLabel("x < 1000"));
    }

    [Fact]
    public void An_exists_over_a_state_dependent_set_stays_one_action()
    {
        Assert.Equal("Recv line 10, col 5 to line 12, col 25 of module Labels", LastLabel("x /= 11"));
    }

    [Fact]
    public void Splitting_does_not_change_the_counts()
    {
        // The same relation written without definitions to split through.
        const string flat = @"---- MODULE Flat ----
EXTENDS Naturals
VARIABLES x, msgs
Init == x = 0 /\ msgs = {}
Next == x < 30 /\ \E c \in {""c1"", ""c2""}, a \in 1..2 : x' = x + a /\ msgs' = msgs \cup {c}
====";
        const string split = @"---- MODULE Split ----
EXTENDS Naturals
VARIABLES x, msgs
Init == x = 0 /\ msgs = {}
Deposit(c, a) == x < 30 /\ x' = x + a /\ msgs' = msgs \cup {c}
Next == \E c \in {""c1"", ""c2""}, a \in 1..2 : Deposit(c, a)
====";
        var a = InlineSpec.Check("Flat", flat, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        var b = InlineSpec.Check("Split", split, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        var c = InlineSpec.Check("Split", split, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", 2);
        Assert.Equal(CheckOutcome.Success, b.Outcome);
        Assert.Equal(a.StatesGenerated, b.StatesGenerated);
        Assert.Equal(a.DistinctStates, b.DistinctStates);
        Assert.Equal(a.StatesGenerated, c.StatesGenerated);
        Assert.Equal(a.DistinctStates, c.DistinctStates);
    }

    [Fact]
    public void Processes_of_a_PlusCal_translation_are_named_with_their_self()
    {
        const string tla = @"---- MODULE Procs ----
EXTENDS Naturals
VARIABLES pc, n
vars == <<pc, n>>
Init == pc = [p \in {1, 2} |-> ""a""] /\ n = 0
a(self) == /\ pc[self] = ""a""
           /\ pc' = [pc EXCEPT ![self] = ""b""]
           /\ n' = n + 1
b(self) == /\ pc[self] = ""b""
           /\ pc' = [pc EXCEPT ![self] = ""Done""]
           /\ UNCHANGED n
p(self) == a(self) \/ b(self)
Next == (\E self \in {1, 2}: p(self))
Spec == Init /\ [][Next]_vars
Inv == n < 2
====";
        var r = InlineSpec.Check("Procs", tla, "SPECIFICATION Spec\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("a(1) line 6, col 12 to line 8, col 24 of module Procs", r.Trace[1].Action);
        Assert.Equal("a(2) line 6, col 12 to line 8, col 24 of module Procs", r.Trace[2].Action);
    }

    [Fact]
    public void A_next_state_relation_without_a_name_is_an_Action()
    {
        const string tla = @"---- MODULE Anon ----
EXTENDS Naturals
VARIABLE x
Spec == x = 0 /\ [][x' = x + 1]_x
Inv == x < 1
====";
        var r = InlineSpec.Check("Anon", tla, "SPECIFICATION Spec\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Action line 4, col 21 to line 4, col 30 of module Anon", r.Trace[1].Action);
    }

    [Fact]
    public void More_actions_than_a_short_can_count_are_fine()
    {
        const string tla = @"---- MODULE Many ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == \E i \in 1..40000 : x' = i
Inv == x < 39999
====";
        var r = InlineSpec.Check("Many", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(1 + 39999, r.StatesGenerated);
        Assert.Equal("Next line 5, col 29 to line 5, col 34 of module Many", r.Trace[^1].Action);
    }

    [Fact]
    public void A_one_item_conjunction_list_is_not_split()
    {
        // TLC keeps /\ \E c \in S : ... (a conjunction list of one item) as one action, named after Next.
        const string tla = @"---- MODULE One ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next ==
    /\ \E d \in 1..2 :
        \/ x' = x + d
        \/ x' = x - d
Inv == x < 2
====";
        var r = InlineSpec.Check("One", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Next line 6, col 5 to line 8, col 21 of module One", r.Trace[^1].Action);
    }
}
