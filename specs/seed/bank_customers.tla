--------------------------- MODULE bank_customers ---------------------------
(***************************************************************************)
(* Seed spec from the blog post "TLA+ with concurrency" (first part: one   *)
(* account per customer, no interaction between the accounts).             *)
(*                                                                         *)
(* The single account of bank.tla, once per customer: every step picks a   *)
(* customer and then one action on that customer's account.                *)
(*                                                                         *)
(* TLC's published result (bank_customers.cfg, Customers = {c1, c2}):      *)
(*   Model checking completed. No error has been found.                    *)
(*   996601 states generated, 48400 distinct states found, 0 states left   *)
(*   on queue.  The depth of the complete state graph search is 27.        *)
(* (48400 = 220 * 220.  The exact BFS depth is 25; TLC's multi-worker run  *)
(* reported 27.)                                                           *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Customers

VARIABLES state, balance

vars == <<state, balance>>

Init ==
    /\ state = [c \in Customers |-> "open"]
    /\ balance = [c \in Customers |-> 0]

Deposit(customer, amount) ==
    /\ state[customer] = "open"
    /\ balance[customer] < 100
    /\ balance' = [balance EXCEPT ![customer] = (balance[customer] + amount)]
    /\ UNCHANGED <<state>>

Withdraw(customer, amount) ==
    /\ state[customer] = "open"
    /\ (balance[customer] - amount) >= 0
    /\ balance' = [balance EXCEPT ![customer] = (balance[customer] - amount)]
    /\ UNCHANGED <<state>>

Close(customer) ==
    /\ state[customer] = "open"
    /\ state' = [state EXCEPT ![customer] = "closed"]
    /\ UNCHANGED <<balance>>

Reopen(customer) ==
    /\ state[customer] = "closed"
    /\ state' = [state EXCEPT ![customer] = "open"]
    /\ UNCHANGED <<balance>>

\* As in the post, Next is a one-item conjunction list around the
\* quantifier, so TLC treats the whole body as a single action.
Next ==
   /\ \E customer \in Customers:
        \/ \E amount \in 1..10:
                Deposit(customer, amount)
        \/ \E amount \in 1..10:
                Withdraw(customer, amount)
        \/ Close(customer)
        \/ Reopen(customer)

Spec == Init /\ [][Next]_vars

NoNegativeBalance ==
    /\ \A customer \in Customers:
        balance[customer] >= 0

=============================================================================
