------------------------------ MODULE rds_proxy ------------------------------
(***************************************************************************)
(* RDS Proxy with Secrets Manager credentials ("Terraforming an RDS Proxy"). *)
(*                                                                         *)
(* The apply of `ops rds-proxy apply` / Set-RdsProxyConfiguration, step by *)
(* step: write the declared secrets (CreateSecret or PutSecretValue, always *)
(* a JSON object), then CreateDBProxy (or ModifyDBProxy when the proxy     *)
(* exists), wait until the proxy is available, then RegisterDBProxyTargets. *)
(* A step whose retries are exhausted stops the run, and the run is started *)
(* again (it re-reads AWS and skips what is done).  AWS answers as it does: *)
(* CreateDBProxy refuses an auth entry with UserName and the SECRETS scheme. *)
(* Meanwhile clients connect through the proxy as each login; the proxy    *)
(* reads that login's secret with the proxy's IAM role.                    *)
(*                                                                         *)
(* The constants are facts the domain reads from the configuration file and *)
(* from AWS (DescribeSecret/GetSecretValue; values are never part of them). *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Logins,        \* the logins (database users) the proxy must serve, one auth entry each
    UserNameSet,   \* logins whose auth entry sets UserName together with the SECRETS scheme
    Declared,      \* logins whose secret the apply writes as {"username": ..., "password": ...}
    Existing,      \* logins whose secret exists in Secrets Manager before the apply
    NotJson,       \* logins whose existing secret is not a JSON object (e.g. a Python dict's text)
    WrongUser,     \* logins whose secret has no "username", or another one than the login
    NoPassword,    \* logins whose secret has no non-empty "password"
    PolicyDenied,  \* logins whose secret ARN the role's policy does not allow secretsmanager:GetSecretValue on
    KmsDenied,     \* logins whose secret uses a customer KMS key the role may not kms:Decrypt via Secrets Manager
    ProxyExists,   \* the proxy exists before the apply
    TargetsExist,  \* its targets are registered before the apply
    MaxFailures    \* how many times a step may fail (retries exhausted) and the apply be run again

ASSUME /\ UserNameSet \subseteq Logins /\ Declared \subseteq Logins /\ Existing \subseteq Logins
       /\ NotJson \subseteq Existing /\ WrongUser \subseteq Logins /\ NoPassword \subseteq Logins
       /\ PolicyDenied \subseteq Logins /\ KmsDenied \subseteq Logins
       /\ ProxyExists \in BOOLEAN /\ TargetsExist \in BOOLEAN /\ MaxFailures \in Nat

VARIABLES
    written,   \* logins whose declared secret the apply has written
    proxy,     \* "absent", "creating" or "available"
    targets,   \* the targets are registered
    pc,        \* the apply's next step: "secrets", "proxy", "wait", "targets", "done", or "refused"
    conn,      \* the last client connection: [login, result]
    failures   \* failed runs so far

vars == <<written, proxy, targets, pc, conn, failures>>

NoConnection == [login |-> "", result |-> "none"]

Present(l) == l \in written \/ l \in Existing

\* What the proxy finds when a client connects as l (RDS Proxy says "no credentials for the role l" for all but "ok").
Lookup(l) ==
    IF ~Present(l) THEN "no-secret"
    ELSE IF l \in PolicyDenied THEN "access-denied"
    ELSE IF l \in KmsDenied THEN "kms-denied"
    ELSE IF l \notin written /\ l \in NotJson THEN "not-json"
    ELSE IF l \in WrongUser THEN "wrong-username"
    ELSE IF l \in NoPassword THEN "no-password"
    ELSE "ok"

Init ==
    /\ written = {}
    /\ proxy = IF ProxyExists THEN "available" ELSE "absent"
    /\ targets = (ProxyExists /\ TargetsExist)
    /\ pc = "secrets"
    /\ conn = NoConnection
    /\ failures = 0

\* CreateSecret / PutSecretValue, one declared secret at a time, in the file's order.
WriteSecret ==
    /\ pc = "secrets"
    /\ IF Declared \ written = {}
         THEN pc' = "proxy" /\ UNCHANGED written
         ELSE written' = written \cup {CHOOSE l \in Declared \ written : TRUE} /\ UNCHANGED pc
    /\ UNCHANGED <<proxy, targets, conn, failures>>

\* CreateDBProxy when absent, ModifyDBProxy otherwise; AWS refuses UserName with the SECRETS scheme.
ApplyProxy ==
    /\ pc = "proxy"
    /\ IF UserNameSet # {}
         THEN pc' = "refused" /\ UNCHANGED proxy
         ELSE /\ proxy' = IF proxy = "absent" THEN "creating" ELSE proxy
              /\ pc' = "wait"
    /\ UNCHANGED <<written, targets, conn, failures>>

\* AWS finishes creating the proxy.
ProxyReady ==
    /\ proxy = "creating"
    /\ proxy' = "available"
    /\ UNCHANGED <<written, targets, pc, conn, failures>>

\* DescribeDBProxies until the status is available.
WaitAvailable ==
    /\ pc = "wait"
    /\ proxy = "available"
    /\ pc' = "targets"
    /\ UNCHANGED <<written, proxy, targets, conn, failures>>

\* RegisterDBProxyTargets for the targets not yet registered.
RegisterTargets ==
    /\ pc = "targets"
    /\ proxy = "available"
    /\ targets' = TRUE
    /\ pc' = "done"
    /\ UNCHANGED <<written, proxy, conn, failures>>

\* A step fails after its retries; the operator runs the apply again.
FailAndRerun ==
    /\ pc \in {"secrets", "proxy", "wait", "targets"}
    /\ failures < MaxFailures
    /\ failures' = failures + 1
    /\ pc' = "secrets"
    /\ UNCHANGED <<written, proxy, targets, conn>>

\* A client connects through the proxy as l.
Connect(l) ==
    /\ proxy = "available"
    /\ targets
    /\ conn' = [login |-> l, result |-> Lookup(l)]
    /\ UNCHANGED <<written, proxy, targets, pc, failures>>

Finished ==
    /\ pc \in {"done", "refused"}
    /\ UNCHANGED vars

Apply == WriteSecret \/ ApplyProxy \/ ProxyReady \/ WaitAvailable \/ RegisterTargets

Next == Apply \/ FailAndRerun \/ (\E l \in Logins : Connect(l)) \/ Finished

Spec == Init /\ [][Next]_vars /\ WF_vars(Apply)

----------------------------------------------------------------------------
TypeOK ==
    /\ written \subseteq Declared
    /\ proxy \in {"absent", "creating", "available"}
    /\ targets \in BOOLEAN
    /\ pc \in {"secrets", "proxy", "wait", "targets", "done", "refused"}
    /\ failures \in 0..MaxFailures

\* CreateDBProxy/ModifyDBProxy are never sent an auth entry with UserName and the SECRETS scheme.
NoUserNameWithSecretsScheme == pc # "refused"

\* The proxy is created or changed only once every declared secret is written.
SecretsBeforeProxy == pc \in {"wait", "targets", "done"} => Declared \subseteq written

\* Targets are registered only on an available proxy.
TargetsAfterProxy == (targets /\ ~(ProxyExists /\ TargetsExist)) => proxy = "available"

\* Every login the proxy serves finds a secret ...
EveryLoginHasASecret == conn.result # "no-secret"
\* ... that is a JSON object ...
EverySecretIsJson == conn.result # "not-json"
\* ... whose "username" is the login ...
SecretUsernameMatches == conn.result # "wrong-username"
\* ... with a "password".
SecretHasPassword == conn.result # "no-password"
\* The role's policy allows secretsmanager:GetSecretValue on every secret ARN ...
PolicyAllowsGetSecretValue == conn.result # "access-denied"
\* ... and kms:Decrypt via Secrets Manager on every customer key.
KmsDecryptAllowed == conn.result # "kms-denied"

\* Every run ends: done, or stopped by a refusal.
ApplyTerminates == <>(pc \in {"done", "refused"})
=============================================================================
