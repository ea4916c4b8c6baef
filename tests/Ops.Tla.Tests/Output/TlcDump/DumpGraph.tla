---- MODULE DumpGraph ----
EXTENDS Naturals
VARIABLES x, y
Init == x \in {0, 1} /\ y = "a"
Inc == x < 3 /\ x' = x + 1 /\ y' = y
Flip == y' = (IF y = "a" THEN "b" ELSE "a") /\ x' = x
Stay == x = 3 /\ UNCHANGED <<x, y>>
Next == Inc \/ Flip \/ Stay
Constr == x < 3 \/ y = "a"
====
