---- MODULE CovSeq ----
EXTENDS Naturals, Sequences, FiniteSets
CONSTANT N
VARIABLES q, st, cnt
vars == <<q, st, cnt>>
Init == /\ q = <<>>
        /\ st \in {"idle", "busy"}
        /\ cnt = 0
Enq(v) == /\ Len(q) < 2
          /\ q' = Append(q, v)
          /\ UNCHANGED <<st, cnt>>
Deq == /\ q # <<>>
       /\ LET h == Head(q) IN
            /\ q' = Tail(q)
            /\ cnt' = IF h > 1 THEN cnt + 1 ELSE cnt
       /\ st' = CASE cnt > 5 -> "busy" [] OTHER -> st
Toggle == /\ \E s \in {"idle", "busy"} : s # st /\ st' = s
          /\ UNCHANGED <<q, cnt>>
Stuck == /\ cnt > 100
         /\ UNCHANGED vars
Next == \/ \E v \in 1..N : Enq(v)
        \/ Deq
        \/ Toggle
        \/ Stuck
Inv == /\ Cardinality({i \in 1..Len(q) : q[i] > 0}) <= 2
       /\ cnt <= 10
Bound == cnt < 4
====
