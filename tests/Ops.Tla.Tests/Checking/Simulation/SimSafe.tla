---- MODULE SimSafe ----
\* Safe, and every state has exactly one successor through each action: a behaviour of depth D generates D states
\* whatever is picked, so TLC's counts do not depend on the random choices.
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Inc == x' = (x + 1) % 3 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Next == Inc \/ Flip
Inv == x \in 0..2 /\ y \in {0, 1}
====
