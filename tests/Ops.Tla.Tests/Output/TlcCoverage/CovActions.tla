---- MODULE CovActions ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
IncY == y < 2 /\ y' = y + 1 /\ UNCHANGED x
Never == x > 10 /\ x' = 0 /\ y' = y
Next == IncX \/ IncY \/ Never
Inv == x + y <= 5
====
