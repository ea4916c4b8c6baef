---- MODULE CovProcs ----
EXTENDS Naturals
CONSTANT Procs
VARIABLES pc, n
Init == pc = [p \in Procs |-> "a"] /\ n = 0
Step(p) == /\ pc[p] = "a"
           /\ pc' = [pc EXCEPT ![p] = "b"]
           /\ n' = n + 1
Back(p) == pc[p] = "b" /\ pc' = [pc EXCEPT ![p] = "a"] /\ UNCHANGED n
Next == \/ \E p \in Procs : Step(p)
        \/ \E p \in Procs : Back(p)
        \/ n > 100 /\ UNCHANGED <<pc, n>>
Small == n < 3
ActC == n' >= n
TypeOK == n \in Nat
====
