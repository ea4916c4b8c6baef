using Ops.Jenkins.Configuration;
using Ops.Jenkins.Model;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Jenkins.Explain;

/// <summary>One moment of a counterexample, in the operator's words. Times are seconds since Jenkins started
/// launching the agent.</summary>
public sealed class TimelineEvent
{
    /// <summary>Seconds since the launch started (the first moment of a window).</summary>
    public int Seconds { get; init; }
    /// <summary>For something that may happen any time in a window: its last second; otherwise null.</summary>
    public int? UntilSeconds { get; init; }
    /// <summary>True when it happens just after <see cref="Seconds"/> (the retention check's first chance).</summary>
    public bool JustAfter { get; init; }
    /// <summary>Which agent launch this belongs to (1 for the first; later ones after a re-provisioning).</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>The model's action (TaskStarts, SeesRunning, ...), for tools.</summary>
    public string Action { get; init; }
    public string Text { get; init; }

    public string When => UntilSeconds is int u ? $"t={Seconds}..{u}" : JustAfter ? $"t>{Seconds}" : $"t={Seconds}";

    public override string ToString() => $"{When} {Text}";
}

/// <summary>A counterexample told in the operator's words: what happens when, and why.</summary>
public sealed class Explanation
{
    public List<TimelineEvent> Timeline { get; } = new();
    /// <summary>Why it happens, naming the settings.</summary>
    public List<string> Causes { get; } = new();
    /// <summary>The JCasC keys that cause it (for the suggestion and for tools).</summary>
    public List<string> Settings { get; } = new();
    /// <summary>One line: what goes wrong.</summary>
    public string Summary { get; set; }
    /// <summary>For a lasso (a build that waits forever): the timeline index where the repetition starts.</summary>
    public int? RepeatsFrom { get; set; }
}

/// <summary>Turns the checker's trace of specs/ops/jenkins_ecs.tla into a timeline and its causes.</summary>
public static class TraceExplainer
{
    public static Explanation Explain(ModelRun run, EcsCloudSettings cloud = null)
    {
        var r = run.Result;
        var t = run.Timing;
        var a = run.Assumptions;
        int unit = run.Unit;
        var ex = new Explanation();
        if (r.Trace.Count == 0) return ex;

        // "(taskPollingIntervalInSeconds, line 23)" / "(slaveTimeoutInSeconds, plugin default)"
        string Ref(string key)
        {
            var s = cloud == null ? null : key switch
            {
                "taskPollingIntervalInSeconds" => cloud.TaskPollingIntervalInSeconds,
                "slaveTimeoutInSeconds" => cloud.SlaveTimeoutInSeconds,
                "retentionTimeout" => cloud.RetentionTimeout,
                "maxAgents" => cloud.MaxAgents,
                _ => null,
            };
            var where = s == null ? "" : s.IsDefault ? ", plugin default" : $", line {s.Line}";
            return $"({key}{where})";
        }

        int idleLimit = t.RetentionMinutes * 60;
        int attempt = 1;
        int taskAt = 0, seenAt = -1, acceptedAt = -1;
        TraceState before = null;
        for (int i = 0; i < r.Trace.Count; i++)
        {
            var s = r.Trace[i];
            if (r.LoopIndex == i) ex.RepeatsFrom = ex.Timeline.Count;
            string action = i == 0 ? "Initial" : ActionName(s.Action);
            int now = Int(s, "now") * unit;
            void Add(string text, int? at = null, int? until = null, bool after = false) =>
                ex.Timeline.Add(new TimelineEvent { Seconds = at ?? now, UntilSeconds = until, JustAfter = after, Attempt = attempt, Action = action, Text = text });

            switch (action)
            {
                case "Initial":
                case "Reprovision":
                    if (action == "Reprovision") attempt++;
                    if (Str(s, "node") == "none")
                    {
                        Add($"the build waits: no room for an agent: maxAgents {t.MaxAgents} {Ref("maxAgents")} with {a.BusyExecutors} executors of the cloud busy");
                        break;
                    }
                    taskAt = Int(s, "taskAt") * unit;
                    seenAt = acceptedAt = -1;
                    Add(action == "Initial"
                        ? "the build is queued; Jenkins adds an agent node and the launcher calls RunTask (the node counts as idle from now on)"
                        : $"the agent is gone and the build still waits: Jenkins provisions another agent (attempt {attempt}); t is counted from its launch");
                    if (taskAt > 0) Add($"launcher: DescribeTasks says PENDING; it asks again every {t.PollSeconds} s");
                    break;
                case "TaskStarts":
                {
                    int next = Int(s, "nextPoll") * unit;
                    Add("ECS: the task is RUNNING" + (next > now ? $" (the launcher's next DescribeTasks is at t={next})" : ""));
                    break;
                }
                case "SeesRunning":
                {
                    seenAt = now;
                    if (Str(s, "agent") == "online")
                    {
                        int from = taskAt + a.AgentConnect.Min, to = Math.Min(taskAt + a.AgentConnect.Max, now);
                        Add("the agent connects to the controller (any time in this window; the launcher is not looking for it yet)",
                            at: from, until: to > from ? to : null);
                    }
                    int deadline = t.SlaveTimeoutSeconds;
                    Add($"launcher: DescribeTasks sees RUNNING; it now checks once a second for the agent " +
                        (now >= deadline
                            ? $"-- but the deadline t={deadline} {Ref("slaveTimeoutInSeconds")} has passed, so it checks just once"
                            : $"until the deadline t={deadline}"));
                    break;
                }
                case "AgentConnects":
                    Add("the agent connects to the controller");
                    break;
                case "LaunchReturns":
                    acceptedAt = now;
                    Add($"launcher: the agent is online; launch returns and the agent accepts work (the queue hands it the build within {a.QueueSeconds} s)");
                    break;
                case "LaunchFails":
                    Add("launcher: last check, the agent is not online: \"Agent is not connected\"; the agent is terminated and the build waits");
                    if (before != null && Int(before, "onlineAt") * unit is int late && late > now)
                        Add($"the agent connects, {late - taskAt} s after the task was RUNNING (the assumptions allow {a.AgentConnect}): too late", at: late);
                    break;
                case "BuildStarts":
                    Add("the queue hands the build to the agent: the build runs");
                    break;
                case "RetentionTerminates":
                {
                    var strategy = cloud?.RetentionStrategy ?? "OnceRetentionStrategy";
                    Add($"retention check ({strategy}, once a minute): idle for more than {t.RetentionMinutes} min since t=0 -> the agent is terminated while the build waits",
                        at: now, after: true);
                    break;
                }
                default:
                    Add(action);
                    break;
            }
            if (i < r.Trace.Count - 1) before = s;
        }

        // Why: from the step that broke the property.
        var last = r.Trace[^1];
        string lastStep = r.Trace.Count > 1 ? ActionName(last.Action) : "Initial";
        int P = t.PollSeconds, T = t.SlaveTimeoutSeconds, R = t.RetentionMinutes;
        if (r.Outcome == CheckOutcome.LivenessFailure && Str(r.Trace[0], "node") == "none")
        {
            ex.Summary = "the build waits forever: the cloud has no room for another agent";
            ex.Causes.Add($"maxAgents {t.MaxAgents} {Ref("maxAgents")} counts executors; {a.BusyExecutors} are busy, so the plugin provisions no agent (ECSCloud.getProvisioningCapacity)");
            ex.Settings.Add("maxAgents");
            return ex;
        }
        if (lastStep == "RetentionTerminates")
        {
            string launcher = Str(last, "launcher");
            if (launcher == "returned")
            {
                ex.Summary = $"the agent is terminated by its retention check just after it started accepting work, before the queue hands it the build";
                if (seenAt > taskAt)
                    ex.Causes.Add($"the launcher polls DescribeTasks every {P} s {Ref("taskPollingIntervalInSeconds")}: the task was RUNNING at t={taskAt} but the launcher saw it only at t={seenAt}");
                if (acceptedAt > seenAt)
                    ex.Causes.Add($"the agent came online at t={acceptedAt}, {acceptedAt - taskAt} s after the task was RUNNING (the assumptions allow {a.AgentConnect})");
                if (seenAt >= T)
                    ex.Causes.Add($"the launch deadline t={T} {Ref("slaveTimeoutInSeconds")} had already passed, so the launcher checked for the agent just once: connected long before, it was accepted at t={seenAt}");
                ex.Causes.Add($"the agent accepted work at t={acceptedAt} and the queue may take up to {a.QueueSeconds} s to hand it the build, but from t={idleLimit} on " +
                              $"the retention check may terminate it: {R} min {Ref("retentionTimeout")} of idleness counted from the start of the launch, not from when the agent could first take work");
                ex.Settings.AddRange(new[] { "taskPollingIntervalInSeconds", "retentionTimeout" });
                if (seenAt >= T) ex.Settings.Add("slaveTimeoutInSeconds");
            }
            else
            {
                ex.Summary = $"the agent is terminated by its retention check while it is still being launched";
                var doing = launcher == "polling"
                    ? Str(last, "task") == "RUNNING"
                        ? $"the task was RUNNING at t={taskAt} but the launcher's next DescribeTasks is only at t={Int(last, "nextPoll") * unit}: it polls every {P} s {Ref("taskPollingIntervalInSeconds")}"
                        : $"the task was not RUNNING yet (it may take up to {a.TaskStart.Max} s)"
                    : $"the launcher was still waiting for the agent, until t={Math.Max(seenAt, T)} {Ref("slaveTimeoutInSeconds")}";
                ex.Causes.Add($"at t={idleLimit} the launch had not finished: {doing}");
                ex.Causes.Add($"{R} min {Ref("retentionTimeout")} of idleness are counted from the start of the launch, so the first retention check after t={idleLimit} terminates the agent");
                ex.Settings.Add("retentionTimeout");
                ex.Settings.Add(launcher == "polling" ? "taskPollingIntervalInSeconds" : "slaveTimeoutInSeconds");
            }
        }
        else if (lastStep == "LaunchFails")
        {
            int limit = Math.Max(seenAt, T);
            int online = before != null ? Int(before, "onlineAt") * unit : -1;
            ex.Summary = "the launch gives up on an agent that would have connected in time for the assumptions: \"Agent is not connected\"";
            ex.Causes.Add($"the launcher checks for the agent until the deadline, {T} s after the launch started {Ref("slaveTimeoutInSeconds")}: its last check was at t={limit}");
            if (seenAt >= T)
                ex.Causes.Add($"it saw the task RUNNING only at t={seenAt}, after the deadline, because it polls every {P} s {Ref("taskPollingIntervalInSeconds")}");
            if (online > 0) ex.Causes.Add($"an agent may connect as late as t={online}: the task RUNNING at t={taskAt}, plus up to {a.AgentConnect.Max} s to connect (the assumptions)");
            ex.Settings.AddRange(new[] { "slaveTimeoutInSeconds", "taskPollingIntervalInSeconds" });
        }
        if (r.Outcome == CheckOutcome.LivenessFailure)
            ex.Summary = "the build can wait forever: " + (ex.Summary ?? "every new agent can fail the same way");
        return ex;
    }

    /// <summary>"TaskStarts line 164, col 5 to ..." -> "TaskStarts".</summary>
    public static string ActionName(string label)
    {
        if (string.IsNullOrEmpty(label)) return "";
        int sp = label.IndexOf(' ');
        return sp < 0 ? label : label[..sp];
    }

    static Value Get(TraceState s, string name)
    {
        int i = Array.IndexOf(s.Variables, name);
        return i >= 0 ? s.Values[i] : null;
    }

    static int Int(TraceState s, string name) => Get(s, name) is IntValue v ? (int)v.V : 0;
    static string Str(TraceState s, string name) => Get(s, name) is StringValue v ? v.S : null;
}
