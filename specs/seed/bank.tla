-------------------------------- MODULE bank --------------------------------
(***************************************************************************)
(* Seed spec from the blog post "Specifying a state machine with TLA+".    *)
(*                                                                         *)
(* A single bank account: it is "open" or "closed" and has a balance.      *)
(* While open it accepts deposits and withdrawals of 1..10; it can be      *)
(* closed and reopened.  Deposits are only possible while the balance is   *)
(* below 100, which keeps the state space finite.  The balance must never  *)
(* become negative.                                                        *)
(*                                                                         *)
(* TLC's published result (bank.cfg, TLC 2.18, 8 workers):                 *)
(*   Model checking completed. No error has been found.                    *)
(*   2266 states generated, 220 distinct states found, 0 states left on    *)
(*   queue.  The depth of the complete state graph search is 15.           *)
(* (220 = 2 states x balances 0..109.  The exact BFS depth is 13; the 15   *)
(* comes from TLC's multi-worker run, where depth is approximate.)         *)
(***************************************************************************)
EXTENDS Integers

VARIABLES state, balance

vars == <<state, balance>>

Init ==
    /\ state = "open"
    /\ balance = 0

Deposit(amount) ==
    /\ state = "open"
    /\ balance < 100
    /\ balance' = balance + amount
    /\ UNCHANGED <<state>>

Withdraw(amount) ==
    /\ state = "open"
    /\ (balance - amount) >= 0
    /\ balance' = balance - amount
    /\ UNCHANGED <<state>>

Close ==
    /\ state = "open"
    /\ state' = "closed"
    /\ UNCHANGED <<balance>>

Reopen ==
    /\ state = "closed"
    /\ state' = "open"
    /\ UNCHANGED <<balance>>

Next ==
    \/ \E amount \in 1..10:
            Deposit(amount)
    \/ \E amount \in 1..10:
            Withdraw(amount)
    \/ Close
    \/ Reopen

Spec == Init /\ [][Next]_vars

NoNegativeBalance ==
    balance >= 0

=============================================================================
