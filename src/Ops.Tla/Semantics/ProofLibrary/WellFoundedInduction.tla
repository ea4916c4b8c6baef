------------------------ MODULE WellFoundedInduction ------------------------
(***************************************************************************)
(* Ops' stand-in for the proof system's WellFoundedInduction module: the   *)
(* operators it defines. A relation is a set of ordered pairs: <<x, y>> in *)
(* R reads "x is below y". Theorems are omitted: proofs are not checked.   *)
(***************************************************************************)
EXTENDS NaturalsInduction

IsTransitivelyClosedOn(R, S) ==
    \A a, b, c \in S : <<a, b>> \in R /\ <<b, c>> \in R => <<a, c>> \in R

\* No infinite descending chain of elements of S.
IsWellFoundedOn(R, S) ==
    ~ \E f \in [Nat -> S] : \A n \in Nat : <<f[n + 1], f[n]>> \in R

SetLessThan(x, R, S) == {y \in S : <<y, x>> \in R}

WFDefOn(R, S, Def(_, _)) ==
    \A g, h : \A x \in S :
        (\A y \in SetLessThan(x, R, S) : g[y] = h[y]) => Def(g, x) = Def(h, x)

OpDefinesFcn(f, S, Def(_, _)) == f = CHOOSE g : g = [x \in S |-> Def(g, x)]

WFInductiveDefines(f, S, Def(_, _)) == f = [x \in S |-> Def(f, x)]

WFInductiveUnique(S, Def(_, _)) ==
    \A g, h : WFInductiveDefines(g, S, Def) /\ WFInductiveDefines(h, S, Def) => g = h

\* The smallest transitively closed relation on S containing R restricted to S.
TransitiveClosureOn(R, S) ==
    {p \in S \X S :
        \A U \in SUBSET (S \X S) :
            (R \cap (S \X S) \subseteq U /\ IsTransitivelyClosedOn(U, S)) => p \in U}

OpToRel(_\prec_, S) == {p \in S \X S : p[1] \prec p[2]}

PreImage(f(_), S, R) == {p \in S \X S : <<f(p[1]), f(p[2])>> \in R}

LexPairOrdering(R1, R2, S1, S2) ==
    {p \in (S1 \X S2) \X (S1 \X S2) :
        \/ <<p[1][1], p[2][1]>> \in R1
        \/ p[1][1] = p[2][1] /\ <<p[1][2], p[2][2]>> \in R2}

LexProductOrdering(R, S, n) ==
    {p \in [1..n -> S] \X [1..n -> S] :
        \E j \in 1..n : (\A i \in 1..(j - 1) : p[1][i] = p[2][i]) /\ <<p[1][j], p[2][j]>> \in R}
=============================================================================
