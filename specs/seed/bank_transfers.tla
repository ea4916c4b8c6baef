--------------------------- MODULE bank_transfers ---------------------------
(* Seed spec from the blog post "TLA+ with concurrency", its end: queued   *)
(* transfers.  Transfer checks the sender's balance when it queues; Cash   *)
(* applies the transfer later without checking.  TLC (Customers = {c1,     *)
(* c2}): "Error: Invariant NoNegativeBalance is violated." with 5 states:  *)
(* c2 deposits 1; [amount |-> 1, from |-> c2, to |-> c1] is queued; c2     *)
(* withdraws 1; c1 cashes it (c1 = 1, c2 = -1).  TLC printed every step as *)
(* <Next line 50, col 5 to line 57, col 23>: Next is laid out to match.    *)
EXTENDS Integers
CONSTANTS Customers
VARIABLES state, balance, transfers

Init ==
    /\ state = [c \in Customers |-> "open"]
    /\ balance = [c \in Customers |-> 0]
    /\ transfers = {}

Deposit(customer, amount) ==
    /\ state[customer] = "open" /\ balance[customer] < 100
    /\ balance' = [balance EXCEPT ![customer] = (balance[customer] + amount)]
    /\ UNCHANGED <<state, transfers>>

Withdraw(customer, amount) ==
    /\ state[customer] = "open" /\ (balance[customer] - amount) >= 0
    /\ balance' = [balance EXCEPT ![customer] = (balance[customer] - amount)]
    /\ UNCHANGED <<state, transfers>>

Close(customer) ==
    /\ state[customer] = "open" /\ UNCHANGED <<balance, transfers>>
    /\ state' = [state EXCEPT ![customer] = "closed"]

Reopen(customer) ==
    /\ state[customer] = "closed" /\ UNCHANGED <<balance, transfers>>
    /\ state' = [state EXCEPT ![customer] = "open"]

Transfer(from, to, amount) ==  \* queued: the sender's balance is checked now
    /\ state[from] = "open" /\ from /= to /\ balance[from] >= amount
    /\ UNCHANGED <<state, balance>>
    /\ transfers' = transfers \cup
                        {[amount |-> amount, from |-> from, to |-> to]}

Cash(customer) ==  \* the recipient cashes a queued transfer: no check now
    /\ state[customer] = "open" /\ balance[customer] < 100 /\ UNCHANGED state
    /\ \E t \in transfers:
        /\ t.to = customer /\ transfers' = transfers \ {t}
        /\ balance' = [balance EXCEPT ![t.from] = @ - t.amount,
                                      ![t.to] = @ + t.amount]

Next ==
    /\ \E customer \in Customers:
      \/ \E amount \in 1..10: Deposit(customer, amount)
      \/ \E amount \in 1..10: Withdraw(customer, amount)
      \/ Close(customer)
      \/ Reopen(customer)
      \/ \E to \in Customers, amount \in 1..10:
            Transfer(customer, to, amount)
      \/ Cash(customer)

vars == <<state, balance, transfers>>

Spec == Init /\ [][Next]_vars

NoNegativeBalance ==
    /\ \A customer \in Customers:
        balance[customer] >= 0

=============================================================================
