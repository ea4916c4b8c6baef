---- MODULE DiffTrace ----
EXTENDS Naturals
VARIABLES a, b, c
Init == a = 0 /\ b = 0 /\ c = "x"
Next == \/ a < 2 /\ a' = a + 1 /\ UNCHANGED <<b, c>>
        \/ a = 2 /\ b' = b + 1 /\ c' = "y" /\ UNCHANGED a
Inv == b < 1
====
