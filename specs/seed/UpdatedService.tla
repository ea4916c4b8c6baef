--------------------------- MODULE UpdatedService ---------------------------
(***************************************************************************)
(* Seed spec from the blog post "Modeling a Resource Pool": the updated    *)
(* token service, the new design that fixes ExistingService.tla.           *)
(*                                                                         *)
(* A "lease", the global outstanding_fetches, counts the fetches that      *)
(* instances have been allowed to make but have not finished.  In the      *)
(* service it is a Lua script in Redis, so GetToken checks the allowance   *)
(* (counting the leases) and takes a lease in one atomic step; FetchToken  *)
(* turns the lease into a fetched token.  The redlock stays as it was (it  *)
(* still does not exclude) but correctness no longer depends on it.        *)
(*                                                                         *)
(* Why the invariant holds: let out = token_fetch_count -                  *)
(* token_return_count.  GetToken is the only step that raises              *)
(* out + outstanding_fetches, by 1, and only when MaxTokens - out -        *)
(* outstanding_fetches > 1; FetchToken moves 1 from outstanding_fetches to *)
(* out; ReturnToken lowers out.  outstanding_fetches counts the instances  *)
(* at FetchToken, so it is >= 0, and out <= out + outstanding_fetches <=   *)
(* MaxTokens - 1 in every reachable state, whatever the bound below.       *)
(*                                                                         *)
(* The post's result: the invariant holds (no counts are published).       *)
(* Expected here: no error (UpdatedService.cfg: Instances = {i1, i2, i3},  *)
(* MaxTokens = 2, at most MaxFetches = 3 fetches by CONSTRAINT StateBound, *)
(* since the processes loop forever and the counters grow without bound).  *)
(***************************************************************************)
EXTENDS Integers, TLC

CONSTANTS MaxTokens, Instances, MaxFetches

ASSUME MaxTokens > 0
ASSUME Instances /= {}
ASSUME MaxFetches \in Nat

(*--algorithm tokensWithLease
variables
    token_fetch_count = 0,
    token_return_count = 0,
    outstanding_fetches = 0;

define
    MaxTokensNotExceeded == MaxTokens >= token_fetch_count - token_return_count
end define;

process instance \in Instances
variable has_lock = FALSE;
begin
InstanceLoop:
    while TRUE do
        either
            GetLock:
                has_lock := TRUE;
            GetToken:
                \* One Lua script in Redis: check and lease atomically.
                if MaxTokens - token_fetch_count + token_return_count
                        - outstanding_fetches > 1 then
                    outstanding_fetches := outstanding_fetches + 1;
                    FetchToken:
                        token_fetch_count := token_fetch_count + 1;
                        outstanding_fetches := outstanding_fetches - 1;
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
VARIABLES token_fetch_count, token_return_count, outstanding_fetches, pc

(* define statement *)
MaxTokensNotExceeded == MaxTokens >= token_fetch_count - token_return_count

VARIABLE has_lock

vars == << token_fetch_count, token_return_count, outstanding_fetches, pc, 
           has_lock >>

ProcSet == (Instances)

Init == (* Global variables *)
        /\ token_fetch_count = 0
        /\ token_return_count = 0
        /\ outstanding_fetches = 0
        (* Process instance *)
        /\ has_lock = [self \in Instances |-> FALSE]
        /\ pc = [self \in ProcSet |-> "InstanceLoop"]

InstanceLoop(self) == /\ pc[self] = "InstanceLoop"
                      /\ \/ /\ pc' = [pc EXCEPT ![self] = "GetLock"]
                         \/ /\ pc' = [pc EXCEPT ![self] = "ReturnToken"]
                      /\ UNCHANGED << token_fetch_count, token_return_count, 
                                      outstanding_fetches, has_lock >>

GetLock(self) == /\ pc[self] = "GetLock"
                 /\ has_lock' = [has_lock EXCEPT ![self] = TRUE]
                 /\ pc' = [pc EXCEPT ![self] = "GetToken"]
                 /\ UNCHANGED << token_fetch_count, token_return_count, 
                                 outstanding_fetches >>

GetToken(self) == /\ pc[self] = "GetToken"
                  /\ IF MaxTokens - token_fetch_count + token_return_count
                             - outstanding_fetches > 1
                        THEN /\ outstanding_fetches' = outstanding_fetches + 1
                             /\ pc' = [pc EXCEPT ![self] = "FetchToken"]
                        ELSE /\ pc' = [pc EXCEPT ![self] = "ReleaseLock"]
                             /\ UNCHANGED outstanding_fetches
                  /\ UNCHANGED << token_fetch_count, token_return_count, 
                                  has_lock >>

FetchToken(self) == /\ pc[self] = "FetchToken"
                    /\ token_fetch_count' = token_fetch_count + 1
                    /\ outstanding_fetches' = outstanding_fetches - 1
                    /\ pc' = [pc EXCEPT ![self] = "ReleaseLock"]
                    /\ UNCHANGED << token_return_count, has_lock >>

ReleaseLock(self) == /\ pc[self] = "ReleaseLock"
                     /\ has_lock' = [has_lock EXCEPT ![self] = FALSE]
                     /\ pc' = [pc EXCEPT ![self] = "InstanceLoop"]
                     /\ UNCHANGED << token_fetch_count, token_return_count, 
                                     outstanding_fetches >>

ReturnToken(self) == /\ pc[self] = "ReturnToken"
                     /\ IF token_return_count < token_fetch_count
                           THEN /\ token_return_count' = token_return_count + 1
                           ELSE /\ TRUE
                                /\ UNCHANGED token_return_count
                     /\ pc' = [pc EXCEPT ![self] = "InstanceLoop"]
                     /\ UNCHANGED << token_fetch_count, outstanding_fetches, 
                                     has_lock >>

instance(self) == InstanceLoop(self) \/ GetLock(self) \/ GetToken(self)
                     \/ FetchToken(self) \/ ReleaseLock(self)
                     \/ ReturnToken(self)

Next == (\E self \in Instances: instance(self))

Spec == Init /\ [][Next]_vars

\* END TRANSLATION

\* Not part of the algorithm: the bounds of the model.
\* CONSTRAINT: explore only states with at most MaxFetches fetches.
StateBound == token_fetch_count <= MaxFetches

\* SYMMETRY (UpdatedService_symmetry.cfg): the instances are interchangeable.
Symmetry == Permutations(Instances)

=============================================================================
