------------------------ MODULE FunctionTheorems ----------------------------
(***************************************************************************)
(* Ops' stand-in for the proof system's FunctionTheorems module, which     *)
(* defines no operators of its own: only theorems, for proofs, which a     *)
(* model checker does not check.                                           *)
(***************************************************************************)
EXTENDS Functions, Integers
=============================================================================
