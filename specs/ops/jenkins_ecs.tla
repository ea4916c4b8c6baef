----------------------------- MODULE jenkins_ecs -----------------------------
(***************************************************************************)
(* One agent launch of the Jenkins amazon-ecs plugin, with the settings    *)
(* that interact, in discrete time.                                        *)
(*                                                                         *)
(* A build is queued for a label that an ECS cloud serves.  Jenkins        *)
(* creates a node and starts launching it; the launcher runs an ECS task,  *)
(* waits for the task to reach RUNNING, then waits for the agent inside    *)
(* it to connect, and only then lets the node take work.  Meanwhile the    *)
(* node's retention strategy looks at the node once a minute and           *)
(* terminates it when it has been idle longer than the retention timeout.  *)
(* The property the operator wants: an agent whose task starts and         *)
(* connects within the assumed times runs the queued build -- it is never  *)
(* terminated while the build waits -- and no build waits forever.         *)
(*                                                                         *)
(* The rules, with the source they were read from (class#method):          *)
(*                                                                         *)
(* R1 t = 0 is when Jenkins starts the launch.  CloudRetentionStrategy     *)
(*    #start calls Computer#connect, which records connectTime; then       *)
(*    ECSLauncher#launch calls setAcceptingTasks(false), registers the     *)
(*    task definition and calls RunTask (ECSLauncher#runECSTask).          *)
(* R2 The launcher waits for RUNNING with ECSService#waitForTasksRunning:  *)
(*    an AWS SDK waiter with FixedDelayStrategy(taskPollingInterval) and   *)
(*    MaxTimeRetryStrategy(timeout).  The SDK's WaiterExecution            *)
(*    #pollResource calls DescribeTasks at once and then after every       *)
(*    delay, so the task is seen RUNNING at the first multiple of the      *)
(*    polling interval at or after it is RUNNING.  MaxTimeRetryStrategy's  *)
(*    constructor adds its argument to the current time, and the launcher  *)
(*    passes an absolute deadline (now + slaveTimeoutInSeconds), so the    *)
(*    waiter's own limit lies decades ahead: polling never gives up.       *)
(* R3 The deadline is launch start + slaveTimeoutInSeconds (ECSLauncher    *)
(*    #launch, `timeout`).  After RUNNING is seen the launcher checks      *)
(*    once a second whether the agent is online while now < deadline,      *)
(*    then once more; if it is not online it throws "Agent is not          *)
(*    connected" and the catch block terminates the node.  So the launch   *)
(*    returns at max(seen, online) when that is <= max(seen, deadline),    *)
(*    and fails at max(seen, deadline) otherwise.                          *)
(* R4 Only when launch returns does the node accept work                   *)
(*    (computer.setAcceptingTasks(true) at the end of ECSLauncher#launch). *)
(*    The queue hands the build to it at its next maintenance: Queue       *)
(*    #maintain runs every 5 s (Queue.MaintainTask#periodic), so the       *)
(*    build starts at most QueueSeconds after launch returns.              *)
(* R5 ECSSlave's constructor picks OnceRetentionStrategy(retentionTimeout) *)
(*    (durable-task plugin) or, with retainAgents,                         *)
(*    CloudRetentionStrategy(retentionTimeout) (Jenkins core).  Both       *)
(*    #check terminate the node when Computer#isIdle and now -             *)
(*    Computer#getIdleStartMilliseconds > retentionTimeout minutes, and    *)
(*    return 1: ComputerRetentionWork (a PeriodicWork of one minute)       *)
(*    calls check again a minute later.  An executor that runs nothing is  *)
(*    idle whether or not the node is online or accepting work, and        *)
(*    Executor#getIdleStartMilliseconds of an idle executor is             *)
(*    max(creationTime, Computer#getConnectTime), i.e. about t = 0.  So a  *)
(*    launch that is still going on, or a node that accepts work but has   *)
(*    not been given the build yet, is terminated by the first check after *)
(*    t = retentionTimeout * 60.  The check's phase within the minute is   *)
(*    arbitrary, so the model lets it happen at any moment after that      *)
(*    time (only the first such check matters).                            *)
(* R6 Plugin defaults (ECSCloud.DescriptorImpl and the getters, which also *)
(*    map 0 to the default): slaveTimeoutInSeconds 900,                    *)
(*    taskPollingIntervalInSeconds 1, retentionTimeout 5, maxAgents 0      *)
(*    (unlimited), numExecutors 1.  These are applied by the caller.       *)
(* R7 Capacity: ECSCloud#getProvisioningCapacity allows                    *)
(*    maxAgents - (online + connecting executors) more executors, or any   *)
(*    number when maxAgents = 0; ECSCloud#provision then creates nodes of  *)
(*    numExecutors executors.  With one queued build, OtherExecutors       *)
(*    stands for the executors of this cloud already in use.  A failed or  *)
(*    terminated node is removed, and NodeProvisioner provisions again.    *)
(*                                                                         *)
(* The environment, as ranges the operator assumes: the task reaches       *)
(* RUNNING TaskStart seconds after RunTask (a DescribeTasks at or after    *)
(* that second sees RUNNING), and the agent is online Connect seconds      *)
(* after the task is RUNNING (the launcher's check at or after that second *)
(* sees it online).                                                        *)
(*                                                                         *)
(* Time.  All constants are in seconds (retention in minutes) and the      *)
(* model counts in steps of Unit seconds, a common divisor of all of them  *)
(* (the caller uses their gcd): every threshold and every range bound is a *)
(* multiple of Unit, and every comparison in the rules is between such     *)
(* multiples and sums of one environment time and a constant, so the       *)
(* coarser grid reaches the same verdicts as whole seconds.  Time does not *)
(* tick: each step jumps to the next moment at which something happens     *)
(* (the task starts, the agent connects, the launcher's poll that sees     *)
(* RUNNING, its final online check, the queue handing over the build), and *)
(* the retention check may fall into any interval between two such         *)
(* moments that lies after the idle limit.  Events due at the same moment  *)
(* happen in every order.  The agent's connection time is tried at one     *)
(* moment per class of moments that behave alike (ConnectMoments); with    *)
(* ExploreAllConnectTimes = TRUE every moment is tried, and the tests      *)
(* check that both give the same verdicts.                                 *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS
    Unit,                  \* seconds per model step
    PollSeconds,           \* taskPollingIntervalInSeconds
    SlaveTimeoutSeconds,   \* slaveTimeoutInSeconds
    RetentionMinutes,      \* retentionTimeout
    QueueSeconds,          \* longest wait for the queue to hand the build over (R4)
    TaskStartMinSeconds, TaskStartMaxSeconds,  \* RunTask -> RUNNING, assumed range
    ConnectMinSeconds, ConnectMaxSeconds,      \* RUNNING -> agent online, assumed range
    MaxAgents,             \* maxAgents (0 = unlimited)
    NumExecutors,          \* numExecutors of the cloud
    OtherExecutors,        \* executors of this cloud already online or connecting
    ExploreAllConnectTimes \* TRUE: try every second for the agent's connection (see ConnectMoments)

ASSUME /\ Unit \in Nat \ {0}
       /\ \A x \in {PollSeconds, SlaveTimeoutSeconds, RetentionMinutes * 60, QueueSeconds,
                     TaskStartMinSeconds, TaskStartMaxSeconds,
                     ConnectMinSeconds, ConnectMaxSeconds} : x \in Nat /\ x % Unit = 0
       /\ PollSeconds > 0 /\ SlaveTimeoutSeconds > 0 /\ RetentionMinutes > 0
       /\ TaskStartMinSeconds <= TaskStartMaxSeconds
       /\ ConnectMinSeconds <= ConnectMaxSeconds
       /\ MaxAgents \in Nat /\ NumExecutors \in Nat \ {0} /\ OtherExecutors \in Nat
       /\ ExploreAllConnectTimes \in BOOLEAN

Poll      == PollSeconds \div Unit
Deadline  == SlaveTimeoutSeconds \div Unit
IdleLimit == (RetentionMinutes * 60) \div Unit
Handover  == QueueSeconds \div Unit
StartMin  == TaskStartMinSeconds \div Unit
StartMax  == TaskStartMaxSeconds \div Unit
ConnMin   == ConnectMinSeconds \div Unit
ConnMax   == ConnectMaxSeconds \div Unit

\* R7: room for one more node of this cloud.
Capacity == MaxAgents = 0 \/ MaxAgents - OtherExecutors > 0

VARIABLES
    now,         \* model time since the launch started (R1)
    taskAt,      \* when the task reaches RUNNING (forgotten, 0, once the launcher has seen it)
    onlineAt,    \* when the agent is online, if later than the launcher's poll (else 0)
    task,        \* "PENDING", "RUNNING" ("none" without a node)
    agent,       \* "offline", "online"
    launcher,    \* "polling", "waiting" (for the agent), "returned", "failed" ("none")
    nextPoll,    \* the DescribeTasks that sees RUNNING
    waitUntil,   \* the launcher's final online check: max(seen, deadline) (R3)
    handoverAt,  \* when the queue gives the build to the node (R4)
    node,        \* "alive", "terminated" ("none": no capacity)
    build        \* "queued", "running"

vars == <<now, taskAt, onlineAt, task, agent, launcher, nextPoll, waitUntil, handoverAt, node, build>>

Max(a, b) == IF a >= b THEN a ELSE b
Min(S) == CHOOSE x \in S : \A y \in S : x <= y

\* The moments in lo..hi at which a later agent may come online, given the launcher's last check
\* at u.  With ExploreAllConnectTimes every second is tried.  Otherwise one moment stands for each
\* class of moments that behave alike: from then on the only things that depend on the moment o
\* are whether o <= u (else "Agent is not connected" at u) and whether the build is handed over
\* after the idle limit (o + Handover > IdleLimit; any earlier retention check finds the node
\* idle for less than the limit).  So the classes are: o <= Min(u, IdleLimit - Handover) (the
\* build runs), IdleLimit - Handover < o <= u (retention terminates the node first), and o > u
\* (the launch fails); the representatives are the latest of the first and the earliest of the
\* others.  The tests check that both settings of ExploreAllConnectTimes give the same verdicts.
ConnectMoments(lo, hi, u) ==
    IF ExploreAllConnectTimes THEN lo..hi
    ELSE {x \in {Min({hi, u, IdleLimit - Handover}), Max(lo, IdleLimit - Handover + 1), Max(lo, u + 1)} :
              lo <= x /\ x <= hi}

Init ==
    /\ build = "queued" /\ now = 0 /\ onlineAt = 0 /\ agent = "offline"
    /\ nextPoll = 0 /\ waitUntil = 0 /\ handoverAt = 0
    /\ IF Capacity
       THEN /\ taskAt \in StartMin..StartMax
            /\ task = "PENDING" /\ launcher = "polling" /\ node = "alive"
       ELSE /\ taskAt = 0 /\ task = "none" /\ launcher = "none" /\ node = "none"

\* The moments at which something is due; never in the past.
Pending ==
    (IF task = "PENDING" THEN {taskAt} ELSE {})
    \cup (IF launcher = "polling" /\ task = "RUNNING" THEN {nextPoll} ELSE {})
    \cup (IF launcher = "waiting" /\ agent = "online" THEN {now} ELSE {})
    \cup (IF launcher = "waiting" /\ agent = "offline" THEN {onlineAt, waitUntil} ELSE {})
    \cup (IF launcher = "returned" THEN {handoverAt} ELSE {})

Live == node = "alive" /\ build = "queued"

\* An event due at t happens when t is the next moment anything is due.
At(t) == Live /\ t = Min(Pending) /\ now' = t

\* Environment: ECS reports the task RUNNING.  The launcher's next DescribeTasks sees it (R2).
TaskStarts ==
    /\ task = "PENDING" /\ At(taskAt)
    /\ task' = "RUNNING"
    /\ nextPoll' = ((taskAt + Poll - 1) \div Poll) * Poll
    /\ UNCHANGED <<taskAt, onlineAt, agent, launcher, waitUntil, handoverAt, node, build>>

\* R2/R3: DescribeTasks returns RUNNING; the launcher starts waiting for the agent.  When the
\* agent is online is chosen now, within its range.  All times up to this poll lead to the same
\* behaviour (the agent is online at the first check), so they are one choice.
SeesRunning ==
    /\ launcher = "polling" /\ task = "RUNNING" /\ At(nextPoll)
    /\ launcher' = "waiting" /\ nextPoll' = 0 /\ waitUntil' = Max(nextPoll, Deadline) /\ taskAt' = 0
    /\ \/ taskAt + ConnMin <= nextPoll /\ agent' = "online" /\ onlineAt' = 0
       \/ \E o \in ConnectMoments(Max(nextPoll + 1, taskAt + ConnMin), taskAt + ConnMax, Max(nextPoll, Deadline)) :
              agent' = "offline" /\ onlineAt' = o
    /\ UNCHANGED <<task, handoverAt, node, build>>

\* Environment: the agent connects while the launcher checks once a second.
AgentConnects ==
    /\ launcher = "waiting" /\ agent = "offline" /\ At(onlineAt)
    /\ agent' = "online" /\ onlineAt' = 0
    /\ UNCHANGED <<taskAt, task, launcher, nextPoll, waitUntil, handoverAt, node, build>>

\* R3/R4: the launcher's check sees the agent online; launch returns and the node accepts work.
LaunchReturns ==
    /\ launcher = "waiting" /\ agent = "online" /\ At(now)
    /\ launcher' = "returned" /\ waitUntil' = 0 /\ handoverAt' = now + Handover
    /\ UNCHANGED <<taskAt, onlineAt, task, agent, nextPoll, node, build>>

\* R3: the final check finds the agent offline: "Agent is not connected", the node is terminated.
LaunchFails ==
    /\ launcher = "waiting" /\ agent = "offline" /\ onlineAt > waitUntil /\ At(waitUntil)
    /\ launcher' = "failed" /\ node' = "terminated"
    /\ UNCHANGED <<taskAt, onlineAt, task, agent, nextPoll, waitUntil, handoverAt, build>>

\* R4: the queue gives the build to the node; from now on its executor is busy.
BuildStarts ==
    /\ launcher = "returned" /\ At(handoverAt)
    /\ build' = "running"
    /\ UNCHANGED <<taskAt, onlineAt, task, agent, launcher, nextPoll, waitUntil, handoverAt, node>>

\* R5: a retention check between two events, after the idle limit, finds the node idle.
RetentionTerminates ==
    /\ Live
    /\ Min(Pending) > now
    /\ Min(Pending) > IdleLimit
    /\ node' = "terminated" /\ now' = Max(now, IdleLimit)
    /\ UNCHANGED <<taskAt, onlineAt, task, agent, launcher, nextPoll, waitUntil, handoverAt, build>>

\* R7: the node is gone and the build still waits: NodeProvisioner provisions a new one.
Reprovision ==
    /\ node = "terminated" /\ build = "queued" /\ Capacity
    /\ now' = 0 /\ onlineAt' = 0 /\ agent' = "offline" /\ nextPoll' = 0 /\ waitUntil' = 0
    /\ handoverAt' = 0 /\ taskAt' \in StartMin..StartMax
    /\ task' = "PENDING" /\ launcher' = "polling" /\ node' = "alive"
    /\ UNCHANGED build

Next == TaskStarts \/ SeesRunning \/ AgentConnects \/ LaunchReturns \/ LaunchFails
        \/ BuildStarts \/ RetentionTerminates \/ Reprovision

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
\* The agent launched for the build is never terminated while the build waits for it.
AgentNotTerminatedWhileBuildWaits == ~(node = "terminated" /\ build = "queued")

\* No build waits forever.
BuildEventuallyRuns == <>(build = "running")

\* Sanity: nothing is due in the past.
TimeMovesForward == Live => \A t \in Pending : t >= now
=============================================================================
