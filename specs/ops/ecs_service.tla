------------------------------ MODULE ecs_service ------------------------------
(***************************************************************************)
(* An ECS service behind an Application Load Balancer target group          *)
(* ("Putting an ECS Service behind an ALB, using Ansible"): a rolling       *)
(* deployment (deployment controller ECS) that replaces the Desired tasks  *)
(* of the running task definition ("old" tasks) by tasks of the new one.   *)
(*                                                                         *)
(* What ECS and the load balancer do, as their documentation states it:    *)
(*  - ECS keeps at least MinHealthy = ceil(Desired * MinHealthyPercent/100) *)
(*    tasks healthy, a task behind a load balancer counting as healthy     *)
(*    when the target group reports it healthy, and runs at most            *)
(*    MaxTasks = floor(Desired * MaximumPercent/100) tasks (draining tasks *)
(*    are still running).  It starts and stops tasks in batches.           *)
(*  - A new task is registered in the target group when it runs; the load  *)
(*    balancer checks it every Interval seconds.  The container answers    *)
(*    from StartSeconds on.  A new target needs one passing check to become *)
(*    healthy, but after UnhealthyThreshold failed checks it is unhealthy   *)
(*    and needs HealthyThreshold passing checks to recover.                *)
(*  - ECS stops a task whose target is unhealthy once GracePeriod seconds   *)
(*    have passed since it started ("Task failed ELB health checks"); with *)
(*    the deployment circuit breaker, enough such failures fail the        *)
(*    deployment and roll it back.                                         *)
(*  - Stopping a task deregisters its target first: it drains for          *)
(*    DeregistrationDelay seconds (no new requests), then the task stops.  *)
(*                                                                         *)
(* Time advances in steps of one health-check interval (Tick), once the    *)
(* scheduler has done what it can at that moment.  Tasks are              *)
(* counted, not named: fresh[a] is the number of new tasks that have had a *)
(* health checks and are not healthy yet, draining[r] the number of        *)
(* deregistered tasks with r intervals of draining left.                   *)
(*                                                                         *)
(* The constants are facts Ops reads from the service definition file, the *)
(* task definition and the target group (DescribeTargetGroups and its     *)
(* attributes).                                                            *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS
    Desired,              \* desired_count
    MinHealthyPercent,    \* deployment_configuration.minimum_healthy_percent (AWS default 100)
    MaximumPercent,       \* deployment_configuration.maximum_percent (AWS default 200)
    Interval,             \* the target group's HealthCheckIntervalSeconds
    HealthyThreshold,     \* HealthyThresholdCount
    UnhealthyThreshold,   \* UnhealthyThresholdCount
    DeregistrationDelay,  \* the target group's deregistration_delay.timeout_seconds
    GracePeriod,          \* health_check_grace_period_seconds (AWS default 0)
    StartSeconds,         \* seconds from a task's start until its container answers the health check
    CircuitBreaker,       \* deployment_circuit_breaker.enable
    Required              \* healthy targets that must serve at every moment (1: "some healthy target")

ASSUME /\ Desired \in Nat \ {0}
       /\ MinHealthyPercent \in Nat /\ MaximumPercent \in Nat
       /\ Interval \in Nat \ {0} /\ HealthyThreshold \in Nat \ {0} /\ UnhealthyThreshold \in Nat \ {0}
       /\ DeregistrationDelay \in Nat /\ GracePeriod \in Nat /\ StartSeconds \in Nat
       /\ CircuitBreaker \in BOOLEAN /\ Required \in Nat

Min(a, b) == IF a < b THEN a ELSE b
Max(a, b) == IF a > b THEN a ELSE b
Ceil(a, b) == (a + b - 1) \div b

MinHealthy == Ceil(Desired * MinHealthyPercent, 100)
MaxTasks   == (Desired * MaximumPercent) \div 100

\* Health check k of a new target happens k intervals after it is registered; the first that passes:
FirstPass == Max(1, Ceil(StartSeconds, Interval))
\* The target fails enough checks before that to be marked unhealthy:
GoesUnhealthy == FirstPass - 1 >= UnhealthyThreshold
\* The number of checks after which the target is healthy.
HealthyAt == IF GoesUnhealthy THEN FirstPass + HealthyThreshold - 1 ELSE FirstPass
Ages == 0..(HealthyAt - 1)
TargetState(a) ==
    IF a >= HealthyAt THEN "healthy"
    ELSE IF GoesUnhealthy /\ a >= UnhealthyThreshold THEN "unhealthy"
    ELSE "initial"
\* ECS stops a task whose target is unhealthy once the grace period is over.
Stoppable(a) == TargetState(a) = "unhealthy" /\ a * Interval > GracePeriod

DrainTicks == Max(1, Ceil(DeregistrationDelay, Interval))
\* The circuit breaker's failure threshold: half the desired count, at least 3, at most 200.
Threshold == Min(200, Max(3, Ceil(Desired, 2)))

RECURSIVE SumOver(_, _, _)
SumOver(f, lo, hi) == IF lo > hi THEN 0 ELSE f[lo] + SumOver(f, lo + 1, hi)

VARIABLES
    phase,     \* "deploying", "done" (the new tasks serve) or "rolledback" (the circuit breaker failed the deployment)
    old,       \* tasks of the previous task definition, healthy in the target group
    fresh,     \* [Ages -> Nat]: new tasks by health checks received, not healthy yet
    healthy,   \* new tasks healthy in the target group
    draining,  \* [1..DrainTicks -> Nat]: deregistered tasks by intervals of draining left
    failed     \* with the circuit breaker: new tasks ECS stopped for failing their health checks (up to the threshold)

vars == <<phase, old, fresh, healthy, draining, failed>>

Fresh    == SumOver(fresh, 0, HealthyAt - 1)
Draining == SumOver(draining, 1, DrainTicks)
Serving  == old + healthy
Running  == old + Fresh + healthy + Draining
\* The circuit breaker has counted enough failed tasks: ECS fails the deployment before anything else happens.
Tripped == CircuitBreaker /\ failed >= Threshold
Deploying == phase = "deploying" /\ ~Tripped

Init ==
    /\ phase = "deploying"
    /\ old = Desired
    /\ fresh = [a \in Ages |-> 0]
    /\ healthy = 0
    /\ draining = [r \in 1..DrainTicks |-> 0]
    /\ failed = 0

\* What the scheduler can do now: start tasks, stop old ones, stop unhealthy new ones.
StartCount == Min(Desired - (Fresh + healthy), MaxTasks - Running)
StopCount  == Min(old, Serving - MinHealthy)
Unhealthy  == {a \in Ages : Stoppable(a) /\ fresh[a] > 0}
AllNew     == old = 0 /\ healthy = Desired

\* ECS starts as many new tasks as the maximum percent and the desired count allow.
StartTasks ==
    /\ Deploying
    /\ StartCount > 0
    /\ fresh' = [fresh EXCEPT ![0] = @ + StartCount]
    /\ UNCHANGED <<phase, old, healthy, draining, failed>>

\* ECS stops as many old tasks as the minimum healthy percent allows: their targets drain.
StopOldTasks ==
    /\ Deploying
    /\ StopCount > 0
    /\ old' = old - StopCount
    /\ draining' = [draining EXCEPT ![DrainTicks] = @ + StopCount]
    /\ UNCHANGED <<phase, fresh, healthy, failed>>

\* ECS stops the new tasks whose targets are unhealthy after the grace period.
StopUnhealthyTasks ==
    /\ Deploying
    /\ \E a \in Unhealthy :
         /\ fresh' = [fresh EXCEPT ![a] = 0]
         /\ draining' = [draining EXCEPT ![DrainTicks] = @ + fresh[a]]
         /\ failed' = IF CircuitBreaker THEN Min(Threshold, failed + fresh[a]) ELSE failed
    /\ UNCHANGED <<phase, old, healthy>>

\* One health-check interval passes: every new target gets one more check, draining goes on. The scheduler acts
\* within seconds, well inside an interval: time passes once it has nothing left to do.
Tick ==
    /\ Deploying
    /\ StartCount <= 0 /\ StopCount <= 0 /\ Unhealthy = {} /\ ~AllNew
    /\ fresh' = [a \in Ages |-> IF a = 0 THEN 0 ELSE fresh[a - 1]]
    /\ healthy' = healthy + fresh[HealthyAt - 1]
    /\ draining' = [r \in 1..DrainTicks |-> IF r = DrainTicks THEN 0 ELSE draining[r + 1]]
    /\ UNCHANGED <<phase, old, failed>>

\* Every task is a new one and healthy: the deployment is complete.
Complete ==
    /\ Deploying
    /\ AllNew
    /\ phase' = "done"
    /\ UNCHANGED <<old, fresh, healthy, draining, failed>>

\* The circuit breaker counts enough failed tasks: the deployment fails and is rolled back.
TripCircuitBreaker ==
    /\ phase = "deploying"
    /\ Tripped
    /\ phase' = "rolledback"
    /\ UNCHANGED <<old, fresh, healthy, draining, failed>>

Finished ==
    /\ phase \in {"done", "rolledback"}
    /\ UNCHANGED vars

Next == StartTasks \/ StopOldTasks \/ StopUnhealthyTasks \/ Tick \/ Complete \/ TripCircuitBreaker \/ Finished

Fairness ==
    /\ WF_vars(StartTasks) /\ WF_vars(StopOldTasks) /\ WF_vars(StopUnhealthyTasks)
    /\ WF_vars(Tick) /\ WF_vars(Complete) /\ WF_vars(TripCircuitBreaker)

Spec == Init /\ [][Next]_vars /\ Fairness

----------------------------------------------------------------------------
TypeOK ==
    /\ phase \in {"deploying", "done", "rolledback"}
    /\ old \in 0..Desired
    /\ fresh \in [Ages -> 0..Desired]
    /\ healthy \in 0..Desired
    /\ draining \in [1..DrainTicks -> 0..Max(MaxTasks, Desired)]
    /\ failed \in 0..Threshold

\* ECS never runs more tasks than the maximum percent allows (or the desired count, when that is more).
MaximumRespected == Running <= Max(MaxTasks, Desired)

\* Some healthy target serves traffic at every moment (at least Required of them).
HealthyTargetsServe == Serving >= Required

\* The deployment completes: every task runs the new task definition and is healthy.
DeploymentCompletes == <>(phase = "done")
=============================================================================
