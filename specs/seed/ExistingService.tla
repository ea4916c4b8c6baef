-------------------------- MODULE ExistingService --------------------------
(***************************************************************************)
(* Seed spec from the blog post "Modeling a Resource Pool": the existing   *)
(* token service.  We pre-pay for MaxTokens vendor tokens in use at once;  *)
(* every instance of the service loops forever, either fetching a token    *)
(* (under a Redis "redlock") or returning one.                             *)
(*                                                                         *)
(* The redlock does not exclude: it expires, so an instance may hold it    *)
(* while another one takes it too.  The model therefore takes the lock     *)
(* without waiting for it (GetLock), and reads the allowance (GetToken) in *)
(* a step of its own, before the fetch (FetchToken).  Several instances    *)
(* can pass the check on the same counts and all fetch.                    *)
(*                                                                         *)
(* The post: the model without a lock already gives "Invariant             *)
(* MaxTokensNotExceeded is violated."; the redlock version keeps the       *)
(* "fundamental error" (no counts are published).  Expected here: a safety *)
(* violation of MaxTokensNotExceeded.  The check keeps one token in        *)
(* reserve ("> 1", as in the post), so two instances reach at most         *)
(* MaxTokens and the violation needs three: with MaxTokens = 2 all three   *)
(* pass the check at 0 tokens out and fetch, 3 > 2.  ExistingService.cfg:  *)
(* Instances = {i1, i2, i3}, MaxTokens = 2; the shortest counterexample    *)
(* has 13 states (3 x InstanceLoop, GetLock, GetToken, 3 x FetchToken).    *)
(*                                                                         *)
(* The processes never stop, so the counters grow without bound: the cfg   *)
(* bounds the search with CONSTRAINT StateBound (at most MaxFetches        *)
(* fetches).                                                               *)
(***************************************************************************)
EXTENDS Integers, TLC

CONSTANTS MaxTokens, Instances, MaxFetches

ASSUME MaxTokens > 0
ASSUME Instances /= {}
ASSUME MaxFetches \in Nat

(*--algorithm tokensWithLock
variables
    token_fetch_count = 0,
    token_return_count = 0;

define
    MaxTokensNotExceeded == MaxTokens >= token_fetch_count - token_return_count
end define;

process instance \in Instances
variable has_lock = FALSE;
begin
InstanceLoop:
    while TRUE do
        either
            \* The lock can always be had: an expired lock is taken over.
            GetLock:
                has_lock := TRUE;
            GetToken:
                if MaxTokens - token_fetch_count + token_return_count > 1 then
                    FetchToken:
                        token_fetch_count := token_fetch_count + 1;
                end if;
            ReleaseLock:
                has_lock := FALSE;
        or
            ReturnToken:
                \* Returning the same token multiple times is fine.
                \* So rather than modeling the individual tokens, just
                \* enforce this invariant with an if statement.
                if token_return_count < token_fetch_count then
                    token_return_count := token_return_count + 1;
                end if;
        end either;
    end while;
end process;
end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES token_fetch_count, token_return_count, pc

(* define statement *)
MaxTokensNotExceeded == MaxTokens >= token_fetch_count - token_return_count

VARIABLE has_lock

vars == << token_fetch_count, token_return_count, pc, has_lock >>

ProcSet == (Instances)

Init == (* Global variables *)
        /\ token_fetch_count = 0
        /\ token_return_count = 0
        (* Process instance *)
        /\ has_lock = [self \in Instances |-> FALSE]
        /\ pc = [self \in ProcSet |-> "InstanceLoop"]

InstanceLoop(self) == /\ pc[self] = "InstanceLoop"
                      /\ \/ /\ pc' = [pc EXCEPT ![self] = "GetLock"]
                         \/ /\ pc' = [pc EXCEPT ![self] = "ReturnToken"]
                      /\ UNCHANGED << token_fetch_count, token_return_count, 
                                      has_lock >>

GetLock(self) == /\ pc[self] = "GetLock"
                 /\ has_lock' = [has_lock EXCEPT ![self] = TRUE]
                 /\ pc' = [pc EXCEPT ![self] = "GetToken"]
                 /\ UNCHANGED << token_fetch_count, token_return_count >>

GetToken(self) == /\ pc[self] = "GetToken"
                  /\ IF MaxTokens - token_fetch_count + token_return_count > 1
                        THEN /\ pc' = [pc EXCEPT ![self] = "FetchToken"]
                        ELSE /\ pc' = [pc EXCEPT ![self] = "ReleaseLock"]
                  /\ UNCHANGED << token_fetch_count, token_return_count, 
                                  has_lock >>

FetchToken(self) == /\ pc[self] = "FetchToken"
                    /\ token_fetch_count' = token_fetch_count + 1
                    /\ pc' = [pc EXCEPT ![self] = "ReleaseLock"]
                    /\ UNCHANGED << token_return_count, has_lock >>

ReleaseLock(self) == /\ pc[self] = "ReleaseLock"
                     /\ has_lock' = [has_lock EXCEPT ![self] = FALSE]
                     /\ pc' = [pc EXCEPT ![self] = "InstanceLoop"]
                     /\ UNCHANGED << token_fetch_count, token_return_count >>

ReturnToken(self) == /\ pc[self] = "ReturnToken"
                     /\ IF token_return_count < token_fetch_count
                           THEN /\ token_return_count' = token_return_count + 1
                           ELSE /\ TRUE
                                /\ UNCHANGED token_return_count
                     /\ pc' = [pc EXCEPT ![self] = "InstanceLoop"]
                     /\ UNCHANGED << token_fetch_count, has_lock >>

instance(self) == InstanceLoop(self) \/ GetLock(self) \/ GetToken(self)
                     \/ FetchToken(self) \/ ReleaseLock(self)
                     \/ ReturnToken(self)

Next == (\E self \in Instances: instance(self))

Spec == Init /\ [][Next]_vars

\* END TRANSLATION

\* Not part of the algorithm: the bounds of the model.
\* CONSTRAINT: explore only states with at most MaxFetches fetches.
StateBound == token_fetch_count <= MaxFetches

\* SYMMETRY (ExistingService_symmetry.cfg): the instances are interchangeable.
Symmetry == Permutations(Instances)

=============================================================================
