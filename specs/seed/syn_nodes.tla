----------------------------- MODULE syn_nodes ------------------------------
(***************************************************************************)
(* Seed spec from the blog post "It's a Syn (Part 2)": the registry of     *)
(* part 1 (syn.tla) on several nodes.  Each node (an Erlang process) has   *)
(* its own set of registered names and an inbox.  Register / Unregister    *)
(* change the local set and broadcast a message to every other node;       *)
(* SyncRegister / SyncUnregister apply the message at the head of a        *)
(* node's inbox.  As in the post, Register and Unregister wait until every *)
(* inbox is empty.                                                         *)
(*                                                                         *)
(* TLC's published result (syn_nodes.cfg: Nodes = {n1, n2}, with           *)
(* PROPERTIES AllMessagesProcessed):                                       *)
(*   Implied-temporal checking--satisfiability problem has 2 branches.     *)
(*   543 states generated, 286 distinct states found, 0 states left on     *)
(*   queue.  The depth of the complete state graph search is 41.           *)
(*   (Checking 2 branches of temporal properties for the complete state    *)
(*   space with 572 total distinct states.)  No error has been found.      *)
(*                                                                         *)
(* The post shows neither Complete nor MaxValues: Complete is part 1's     *)
(* with MaxValues for 5, and MaxValues = 10 (see syn_nodes.cfg for the     *)
(* alternatives and their counts).                                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Nodes, MaxValues

VARIABLES inbox, registered, next_val, added, removed

vars == <<inbox, registered, next_val, added, removed>>

Init ==
    /\ inbox = [n \in Nodes |-> <<>>]
    /\ registered = [n \in Nodes |-> {}]
    /\ next_val = 0
    /\ added = 0
    /\ removed = 0

Register(n) ==
    /\ \A o \in Nodes: Len(inbox[o]) = 0
    /\ next_val < MaxValues
    /\ registered' = [registered EXCEPT ![n] = registered[n] \union {next_val}]
    /\ next_val' = next_val + 1
    /\ added' = added + 1
    /\ inbox' = [o \in Nodes |->
                    IF o = n
                    THEN inbox[o]
                    ELSE Append(inbox[o], [action |-> "sync_register",
                                           name |-> next_val])]
    /\ UNCHANGED <<removed>>

SyncRegister(n) ==
    /\ Len(inbox[n]) > 0
    /\ Head(inbox[n]).action = "sync_register"
    /\ registered' = [registered EXCEPT ![n] =
                                    registered[n] \union {Head(inbox[n]).name}]
    /\ inbox' = [inbox EXCEPT ![n] = Tail(inbox[n])]
    /\ UNCHANGED <<removed, added, next_val>>

ItemToRemove(n) ==
    CHOOSE r \in registered[n]: TRUE

\* Laid out as in the post: the "/\ inbox'" line is to the right of the
\* outer list's bullets, so it continues the LET body as an infix /\ and
\* item_to_remove is in scope there.
Unregister(n) ==
    /\ \A o \in Nodes: Len(inbox[o]) = 0
    /\ Cardinality(registered[n]) > 0
    /\ LET item_to_remove == ItemToRemove(n)
        IN registered' = [registered EXCEPT ![n] =
                                        registered[n] \ {item_to_remove}]
        /\ inbox' = [o \in Nodes |->
                        IF o = n
                        THEN inbox[o]
                        ELSE Append(inbox[o], [action |-> "sync_unregister",
                                               name |-> item_to_remove])]
    /\ removed' = removed + 1
    /\ UNCHANGED <<added, next_val>>

SyncUnregister(n) ==
    /\ Len(inbox[n]) > 0
    /\ Head(inbox[n]).action = "sync_unregister"
    /\ registered' = [registered EXCEPT ![n] =
                                    registered[n] \ {Head(inbox[n]).name}]
    /\ inbox' = [inbox EXCEPT ![n] = Tail(inbox[n])]
    /\ UNCHANGED <<removed, added, next_val>>

Complete ==
    /\ next_val = MaxValues
    /\ UNCHANGED <<inbox, registered, next_val, added, removed>>

\* Complete sits inside the quantifier, as in the post: TLC evaluates it
\* once per node, and each evaluation counts as a generated state.
Next ==
    /\ \E n \in Nodes:
        \/ Register(n)
        \/ SyncRegister(n)
        \/ Unregister(n)
        \/ SyncUnregister(n)
        \/ Complete

Spec == Init /\ [][Next]_vars

AllRegistered ==
    \A n \in Nodes:
        Len(inbox[n]) = 0 => Cardinality(registered[n]) = (added - removed)

\* Every inbox is empty in the initial state, so each <>(...) already holds
\* there: the property cannot fail, with or without fairness.  It is kept
\* as the post wrote it (it exercises the liveness checker's tableau).
AllMessagesProcessed ==
    \A n \in Nodes:
        <>(Len(inbox[n]) = 0)

=============================================================================
