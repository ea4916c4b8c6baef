------------------------- MODULE FiniteSetTheorems --------------------------
(***************************************************************************)
(* Ops' stand-in for the proof system's FiniteSetTheorems module: the      *)
(* operators it defines. Theorems are omitted: proofs are not checked.     *)
(***************************************************************************)
EXTENDS FiniteSets, Functions, WellFoundedInduction

FiniteSubsetsOf(S) == {T \in SUBSET S : IsFiniteSet(T)}

\* Strict inclusion between subsets of S.
StrictSubsetOrdering(S) ==
    {p \in (SUBSET S) \X (SUBSET S) : p[1] \subseteq p[2] /\ p[1] /= p[2]}
=============================================================================
