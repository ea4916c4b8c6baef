---- MODULE Stut ----
EXTENDS Naturals
VARIABLES a
Init == a = 0
Next == a < 1 /\ a' = a + 1
Spec == Init /\ [][Next]_a
Prop == <>(a = 5)
====
