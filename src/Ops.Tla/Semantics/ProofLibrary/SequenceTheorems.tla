-------------------------- MODULE SequenceTheorems --------------------------
(***************************************************************************)
(* Ops' stand-in for the proof system's SequenceTheorems module, which     *)
(* defines no operators of its own: only theorems, for proofs, which a     *)
(* model checker does not check.                                           *)
(***************************************************************************)
EXTENDS Sequences, Functions
=============================================================================
