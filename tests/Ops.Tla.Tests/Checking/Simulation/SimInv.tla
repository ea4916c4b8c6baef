---- MODULE SimInv ----
\* Every behaviour violates Inv at its sixth state (one successor at each step: nothing is left to chance).
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x < 5
====
