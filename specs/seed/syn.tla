-------------------------------- MODULE syn ---------------------------------
(***************************************************************************)
(* Seed spec from the blog post "It's a Syn (Part 1)": the Syn process     *)
(* registry reduced to a single node.                                      *)
(*                                                                         *)
(* Integers 0, 1, 2, ... stand for the registered names.  Register adds    *)
(* the next one (at most 5 in all), Unregister removes one of those        *)
(* registered, and Complete lets the model stop (stutter) once 5 values    *)
(* have been registered.  The invariant: the registry holds exactly as     *)
(* many names as were added and not removed.                               *)
(*                                                                         *)
(* TLC's published result (syn.cfg, TLC 2.18):                             *)
(*   Model checking completed. No error has been found.                    *)
(*   37 states generated, 21 distinct states found, 0 states left on       *)
(*   queue.  The depth of the complete state graph search is 11.           *)
(* ItemToRemove is TLC's CHOOSE: the first element of the set in TLC's     *)
(* value order, i.e. the smallest integer; the figures depend on that.     *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

VARIABLES registered, next_val, added, removed

vars == <<registered, next_val, added, removed>>

Init ==
    /\ registered = {}
    /\ next_val = 0
    /\ added = 0
    /\ removed = 0

Register ==
    /\ next_val < 5
    /\ registered' = registered \union {next_val}
    /\ next_val' = next_val + 1
    /\ added' = added + 1
    /\ UNCHANGED <<removed>>

ItemToRemove ==
    CHOOSE r \in registered: TRUE

Unregister ==
    /\ Cardinality(registered) > 0
    /\ registered' = registered \ {ItemToRemove}
    /\ removed' = removed + 1
    /\ UNCHANGED <<added, next_val>>

Complete ==
    /\ next_val = 5
    /\ UNCHANGED <<added, next_val, registered, removed>>

Next ==
    \/ Register
    \/ Unregister
    \/ Complete

Spec == Init /\ [][Next]_vars

AllRegistered == Cardinality(registered) = (added - removed)

=============================================================================
