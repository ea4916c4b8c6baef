---- MODULE DumpViol ----
EXTENDS Naturals, Sequences
VARIABLES cnt, flags, hist
Init == cnt \in {0, 1} /\ hist = <<>> /\ flags = [k \in {"p", "q"} |-> FALSE]
Up == cnt' = cnt + 1 /\ hist' = Append(hist, cnt) /\ flags' = flags
Mark == flags' = [flags EXCEPT !["p"] = TRUE] /\ UNCHANGED <<cnt, hist>>
Next == Up \/ Mark
Inv == cnt < 3
====
