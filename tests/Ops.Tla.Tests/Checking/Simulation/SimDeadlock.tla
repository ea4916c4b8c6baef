---- MODULE SimDeadlock ----
\* Every path deadlocks at x = 3: two actions, either may be picked, both stop there.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Up == x < 3 /\ x' = x + 1
Jump == x < 2 /\ x' = x + 2
Next == Up \/ Jump
====
