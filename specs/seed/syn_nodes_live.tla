--------------------------- MODULE syn_nodes_live ----------------------------
(***************************************************************************)
(* The two-node registry of "It's a Syn (Part 2)" (syn_nodes.tla) with     *)
(* weak fairness, checking that every message sent to a node is            *)
(* eventually processed.  With CanLose = TRUE the network can garble the   *)
(* message at the head of an inbox; no node can process it, the inbox      *)
(* never drains, and the checker answers with a lasso: the prefix up to    *)
(* the loss, then the stuttering that goes on forever.                     *)
(*                                                                         *)
(*   syn_nodes_live.cfg        CanLose = FALSE: success                    *)
(*   syn_nodes_live_lossy.cfg  CanLose = TRUE:  temporal property violated *)
(***************************************************************************)
EXTENDS syn_nodes

CONSTANT CanLose

\* The message at the head of n's inbox is garbled in transit.
Lose(n) ==
    /\ CanLose
    /\ Len(inbox[n]) > 0
    /\ Head(inbox[n]).action # "lost"
    /\ inbox' = [inbox EXCEPT ![n][1].action = "lost"]
    /\ UNCHANGED <<registered, next_val, added, removed>>

LiveNext == Next \/ \E n \in Nodes : Lose(n)

LiveSpec == Init /\ [][LiveNext]_vars /\ WF_vars(Next)

\* Whatever lands in an inbox is eventually processed.
MessagesEventuallyProcessed ==
    \A n \in Nodes : (Len(inbox[n]) > 0) ~> (Len(inbox[n]) = 0)
=============================================================================
