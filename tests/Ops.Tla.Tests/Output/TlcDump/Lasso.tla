---- MODULE Lasso ----
EXTENDS Naturals
VARIABLES a, b
Init == a = 0 /\ b = 0
Step == a < 2 /\ a' = a + 1 /\ b' = b
Back == a = 2 /\ a' = 1 /\ b' = b
Next == Step \/ Back
Spec == Init /\ [][Next]_<<a, b>> /\ WF_<<a, b>>(Next)
Prop == <>(b = 1)
====
