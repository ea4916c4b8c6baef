---- MODULE CovSets ----
EXTENDS Naturals, FiniteSets
VARIABLES x, y
Init == x \in 0..2 /\ y \in {0, 1}
A == \E i \in 1..2 : x' = (x + i) % 3 /\ y' = y
B == \E j \in {0, 1} : x' = x /\ y' = j
C == x' \in 0..1 /\ y' \in {1, 0}
Inv == /\ \A k \in 1..3 : k > x - 5
       /\ \E m \in {1, 2, 3} : m > y
       /\ Cardinality({n \in 0..4 : n > x}) >= 0
       /\ (CHOOSE z \in {0, 1, 2} : z >= y) >= 0
       /\ {w + 1 : w \in 0..1} # {}
Next == A \/ B \/ C
====
