---- MODULE SimLive ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 4
Spec == Init /\ [][Next]_x
Reach == <>(x = 7)
Grows == [][x' > x]_x
====
