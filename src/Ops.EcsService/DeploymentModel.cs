using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.EcsService;

/// <summary>What the model is told about one target group's rolling deployment: numbers from the file, the task
/// definition and the target group, and the names the explanation uses.</summary>
public sealed class DeploymentFacts
{
    public int Desired { get; set; }
    public int MinHealthyPercent { get; set; } = 100;
    public int MaximumPercent { get; set; } = 200;
    public int Interval { get; set; } = 30;
    public int HealthyThreshold { get; set; } = 5;
    public int UnhealthyThreshold { get; set; } = 2;
    public int DeregistrationDelay { get; set; } = 300;
    public int GracePeriod { get; set; }
    public int StartSeconds { get; set; }
    public bool CircuitBreaker { get; set; }
    public bool Rollback { get; set; }
    public int Required { get; set; } = 1;

    // Names for the explanation.
    public string Service { get; set; } = "the service";
    public string TargetGroup { get; set; } = "the target group";
    public string OldTasks { get; set; } = "the running task definition";
    public string NewTasks { get; set; } = "the new task definition";
    /// <summary>Where the start time came from ("ops.container_start_seconds", "the container's health check startPeriod").</summary>
    public string StartSource { get; set; } = "ops.container_start_seconds";
    /// <summary>Which deployment this is, when it is not the one the apply starts.</summary>
    public string Note { get; set; }
    /// <summary>How many percent longer than <see cref="StartSeconds"/> the container may take to answer for a suggested
    /// grace period to stay safe (the suggestion is checked with the model at that longer start).</summary>
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;

    /// <summary>The default margin: the container may take 50% longer than assumed to answer its health check.</summary>
    public const int DefaultMarginPercent = 50;
    /// <summary>The largest margin accepted.</summary>
    public const int MaxMarginPercent = 900;

    /// <summary><paramref name="seconds"/> longer by <paramref name="percent"/>, rounded up to a whole second.</summary>
    public static int Longer(int seconds, int percent) => (int)(((long)seconds * (100 + percent) + 99) / 100);

    /// <summary>Throws for a margin outside 0..<see cref="MaxMarginPercent"/>.</summary>
    public static void ValidateMargin(int percent, string what)
    {
        if (percent < 0 || percent > MaxMarginPercent)
            throw new ArgumentException($"{what} expects a margin from 0 to {MaxMarginPercent} percent, not {percent}");
    }

    // The spec's arithmetic, for the explanation and the fixes (the same definitions as specs/ops/ecs_service.tla).
    public static int Ceil(long a, long b) => (int)((a + b - 1) / b);
    public int MinHealthy => Ceil((long)Desired * MinHealthyPercent, 100);
    public int MaxTasks => (int)((long)Desired * MaximumPercent / 100);
    public int FirstPass => Math.Max(1, Ceil(StartSeconds, Interval));
    public bool GoesUnhealthy => FirstPass - 1 >= UnhealthyThreshold;
    public int HealthyAt => GoesUnhealthy ? FirstPass + HealthyThreshold - 1 : FirstPass;
    public int DrainTicks => Math.Max(1, Ceil(DeregistrationDelay, Interval));
    public int Threshold => Math.Min(200, Math.Max(3, Ceil(Desired, 2)));
    public string TargetState(int age) => age >= HealthyAt ? "healthy" : GoesUnhealthy && age >= UnhealthyThreshold ? "unhealthy" : "initial";
    public bool Stoppable(int age) => TargetState(age) == "unhealthy" && (long)age * Interval > GracePeriod;

    /// <summary>The shortest grace period with which ECS does not stop a task that is still starting.</summary>
    public int GraceNeeded => GoesUnhealthy ? (HealthyAt - 1) * Interval : 0;

    public DeploymentFacts Copy() => (DeploymentFacts)MemberwiseClone();

    /// <summary>The facts as the model's constants.</summary>
    public Dictionary<string, Value> Bind() => new()
    {
        ["Desired"] = TlaValue.Int(Desired), ["MinHealthyPercent"] = TlaValue.Int(MinHealthyPercent), ["MaximumPercent"] = TlaValue.Int(MaximumPercent),
        ["Interval"] = TlaValue.Int(Interval), ["HealthyThreshold"] = TlaValue.Int(HealthyThreshold), ["UnhealthyThreshold"] = TlaValue.Int(UnhealthyThreshold),
        ["DeregistrationDelay"] = TlaValue.Int(DeregistrationDelay), ["GracePeriod"] = TlaValue.Int(GracePeriod), ["StartSeconds"] = TlaValue.Int(StartSeconds),
        ["CircuitBreaker"] = TlaValue.Bool(CircuitBreaker), ["Required"] = TlaValue.Int(Required),
    };
}

/// <summary>Binds <see cref="DeploymentFacts"/> to specs/ops/ecs_service.tla, runs the embedded checker, and turns each
/// violation into a finding with its fix and the deployment told in the file's words. After a violation the model
/// is run again with the proposed fix, so that one check reports every mistake and shows that the fix holds.</summary>
public static class DeploymentModel
{
    public const string SpecName = "ecs_service.tla";
    public const string ConfigName = "ecs_service_check.cfg";
    /// <summary>The embedded spec and its configuration, read once and checked from memory.</summary>
    private static readonly Lazy<ModelSource> Source = new(() => ModelSource.FromText("ecs_service",
        EmbeddedModel.Modules(typeof(DeploymentModel).Assembly, new Dictionary<string, string> { ["ecs_service"] = "specs." + SpecName }),
        ResourceText(ConfigName), ConfigName));

    /// <summary>The text of an embedded model file (ecs_service.tla, ecs_service_check.cfg).</summary>
    public static string ResourceText(string fileName) => EmbeddedModel.Text(typeof(DeploymentModel).Assembly, "specs." + fileName);

    /// <summary>One run of the model (no explanation).</summary>
    public static CheckResult Run(DeploymentFacts facts, TimeSpan? timeLimit = null, CancellationToken ct = default) =>
        ModelChecker.Check(Source.Value, new CheckOptions { Constants = facts.Bind(), Workers = 1, TimeLimit = timeLimit, Cancellation = ct });

    /// <summary>Checks the deployment until it passes, each violation becoming a finding (the facts are not changed).</summary>
    public static void Check(DeploymentFacts original, EcsServiceCheckResult into, TimeSpan? timeLimit = null, CancellationToken ct = default)
    {
        var facts = original.Copy();
        var assumed = new List<string>();
        for (int round = 0; round < 4; round++)
        {
            var result = Run(facts, timeLimit, ct);
            into.ModelRuns.Add($"{facts.TargetGroup}: {result.OutcomeText}: {result.StatesGenerated} states generated, {result.DistinctStates} distinct, depth {result.Depth}"
                               + (result.Violation != null ? $" ({result.Violation.Property ?? result.Violation.Kind.ToString()})" : "")
                               + (assumed.Count > 0 ? " with " + string.Join(", ", assumed) : ""));
            if (result.Outcome == CheckOutcome.Success) return;
            if (result.Incomplete)
            {
                into.Findings.Add(new Finding
                {
                    Severity = Severity.Warning, Code = "ModelIncomplete", Subject = facts.TargetGroup,
                    Message = $"the deployment model was not explored to the end ({result.Violation?.Message}): {result.DistinctStates} states so far, no error among them",
                    Fix = "nothing to change; a smaller desired_count or a longer health-check interval makes the model smaller",
                });
                return;
            }
            var finding = Explain(result, facts, into, timeLimit, ct, out var fix, out var fixText);
            if (assumed.Count > 0) finding.Trace.Insert(0, $"(with the fix above assumed: {string.Join(", ", assumed)})");
            into.Findings.Add(finding);
            if (fix == null) return;
            fix(facts);
            assumed.Add(fixText);
        }
    }

    /// <summary>The shortest grace period (a multiple of 10 s) with which ECS does not stop a task of <paramref name="slower"/>
    /// that is still starting: computed from the health-check arithmetic, then checked with the model at that start
    /// (raised by 10 s at a time while the model still finds a task stopped before it is healthy).</summary>
    private static (int Grace, bool Verified) SafeGrace(DeploymentFacts slower, EcsServiceCheckResult into, TimeSpan? timeLimit, CancellationToken ct)
    {
        var grace = Math.Max(slower.GracePeriod, RoundUp(slower.GraceNeeded, 10));
        for (int tries = 0; tries < 10; tries++, grace += 10)
        {
            var probe = slower.Copy();
            probe.GracePeriod = grace;
            var r = Run(probe, timeLimit, ct);
            // Passes, or fails for another reason (reported by its own finding): no task is stopped before it is healthy.
            bool ok = r.Outcome == CheckOutcome.Success || (!r.Incomplete && r.Violation != null && !StopsStartingTasks(r));
            into.ModelRuns.Add($"{slower.TargetGroup}: {r.OutcomeText}: {r.StatesGenerated} states generated, {r.DistinctStates} distinct, depth {r.Depth}"
                               + (r.Violation != null ? $" ({r.Violation.Property ?? r.Violation.Kind.ToString()})" : "")
                               + $" with health_check_grace_period_seconds {grace} and the container answering after {slower.StartSeconds} s"
                               + (slower.MarginPercent > 0 ? $" (+{slower.MarginPercent}%)" : ""));
            if (ok) return (grace, true);
        }
        return (Math.Max(slower.GracePeriod, RoundUp(slower.GraceNeeded, 10)), false);
    }

    private static bool StopsStartingTasks(CheckResult r) =>
        r.Violation?.Property == "DeploymentCompletes"
        && (r.Trace.Any(s => ActionName(s) == "StopUnhealthyTasks") || (r.Trace.Count > 0 && Str(r.Trace[^1], "phase") == "rolledback"));

    private static Finding Explain(CheckResult result, DeploymentFacts f, EcsServiceCheckResult into, TimeSpan? timeLimit, CancellationToken ct,
        out Action<DeploymentFacts> fix, out string fixText)
    {
        fix = null;
        fixText = null;
        var trace = Narrate(result, f);
        var property = result.Violation?.Property;
        var last = result.Trace.Count > 0 ? result.Trace[^1] : null;
        switch (property)
        {
            case "HealthyTargetsServe":
            {
                var serving = last == null ? 0 : Int(last, "old") + Int(last, "healthy");
                var (min, max) = SafePercents(f);
                var fixMin = min;
                var fixMax = max;
                fix = x => { x.MinHealthyPercent = fixMin; x.MaximumPercent = fixMax; };
                fixText = $"minimum_healthy_percent {min}, maximum_percent {max}";
                var need = f.Required == 1 ? "no healthy target serves" : $"only {serving} healthy target(s) serve, below ops.min_serving_tasks {f.Required}";
                return new Finding
                {
                    Code = serving == 0 ? "DeploymentLeavesNoHealthyTarget" : "DeploymentBelowServingMinimum", Subject = "deployment_configuration",
                    Property = property, Trace = trace,
                    Message = $"during a deployment of {f.Service}, {need} in {f.TargetGroup}: minimum_healthy_percent {f.MinHealthyPercent} of desired_count {f.Desired} "
                              + $"lets ECS stop all but {f.MinHealthy} old task(s) before a new one is healthy"
                              + (serving == 0 ? $"; the load balancer then has no healthy target and answers 503 for at least {Outage(f)} s ({OutageWhy(f)})" : "") + ".",
                    Fix = $"set deployment_configuration.minimum_healthy_percent to {min}{(max != f.MaximumPercent ? $" and maximum_percent to {max}" : "")}: ECS then keeps "
                          + $"{DeploymentFacts.Ceil((long)f.Desired * min, 100)} task(s) healthy and starts new ones in the room maximum_percent leaves"
                          + (f.Required > 1 && f.Desired < f.Required ? $"; desired_count {f.Desired} itself is below ops.min_serving_tasks {f.Required}" : "") + ".",
                };
            }
            case "DeploymentCompletes":
            {
                bool rolledBack = last != null && Str(last, "phase") == "rolledback";
                bool stopped = result.Trace.Any(s => ActionName(s) == "StopUnhealthyTasks");
                if (stopped || rolledBack)
                {
                    // The grace period for a container that answers MarginPercent later than assumed, checked with the model.
                    var slower = f.Copy();
                    slower.StartSeconds = DeploymentFacts.Longer(f.StartSeconds, f.MarginPercent);
                    var (grace, verified) = SafeGrace(slower, into, timeLimit, ct);
                    fix = x => x.GracePeriod = Math.Max(x.GracePeriod, grace);
                    fixText = $"health_check_grace_period_seconds {grace}";
                    var unhealthyAt = f.UnhealthyThreshold * f.Interval;
                    var margin = f.MarginPercent == 0
                        ? (verified ? "; checked with the model" : "")
                        : $"; it stays safe if the container takes up to {slower.StartSeconds} s to answer (the assumed {f.StartSeconds} s + {f.MarginPercent}%)"
                          + (verified ? ", checked with the model at that start" : ", NOT confirmed by the model (see the model lines)");
                    return new Finding
                    {
                        Code = "TasksStoppedBeforeHealthy", Subject = "health_check_grace_period_seconds", Property = property, Trace = trace,
                        Message = $"the deployment of {f.Service} never completes: the container answers its health check {f.StartSeconds} s after it starts ({f.StartSource}), "
                                  + $"but {f.TargetGroup} marks a new target unhealthy after {f.UnhealthyThreshold} failed checks {f.Interval} s apart ({unhealthyAt} s) and "
                                  + $"health_check_grace_period_seconds is {f.GracePeriod}: ECS stops every new task (\"Task failed ELB health checks\") before it can become healthy"
                                  + (f.CircuitBreaker ? $"; after {f.Threshold} such tasks the deployment circuit breaker fails the deployment{(f.Rollback ? " and rolls back" : "")}" : ", and starts another, forever")
                                  + ".",
                        Fix = $"set health_check_grace_period_seconds to at least {grace} (the target fails from {unhealthyAt} s, answers at {slower.FirstPass * f.Interval} s "
                              + $"and needs {f.HealthyThreshold} passing checks to recover: healthy at {slower.HealthyAt * f.Interval} s{margin})"
                              + ", or make the health check answer sooner (a lighter health-check path, or a higher UnhealthyThresholdCount on the target group).",
                    };
                }
                var fixMax = MaxForProgress(f);
                fix = x => x.MaximumPercent = Math.Max(x.MaximumPercent, fixMax);
                fixText = $"maximum_percent {fixMax}";
                return new Finding
                {
                    Code = "DeploymentCannotProgress", Subject = "deployment_configuration", Property = property, Trace = trace,
                    Message = $"a deployment of {f.Service} cannot start: maximum_percent {f.MaximumPercent} of desired_count {f.Desired} allows {f.MaxTasks} running task(s) "
                              + $"(rounded down) and minimum_healthy_percent {f.MinHealthyPercent} requires {f.MinHealthy} healthy (rounded up), so ECS can neither start a new task "
                              + "nor stop an old one: the deployment stays IN_PROGRESS with the old tasks.",
                    Fix = $"set deployment_configuration.maximum_percent to at least {fixMax} (room for one more task), or lower minimum_healthy_percent.",
                };
            }
            default:
                return Finding.ModelFailure("the deployment model specs/ops/ecs_service.tla", result, "the service definition", property, trace);
        }
    }

    /// <summary>The shortest outage when every old task is stopped at once: the new tasks wait for room (the drained
    /// tasks still count against maximum_percent) and then for their first passing health checks.</summary>
    private static int Outage(DeploymentFacts f) => (WaitsForDrain(f) ? f.DrainTicks * f.Interval : 0) + f.HealthyAt * f.Interval;

    private static bool WaitsForDrain(DeploymentFacts f) => f.MaxTasks <= f.Desired;

    private static string OutageWhy(DeploymentFacts f) =>
        (WaitsForDrain(f) ? $"maximum_percent {f.MaximumPercent} leaves no room for a new task until the old ones have drained for {f.DeregistrationDelay} s, then " : "")
        + $"a new target is healthy {f.HealthyAt * f.Interval} s after its task starts";

    private static int RoundUp(int v, int step) => v <= 0 ? 0 : (v + step - 1) / step * step;

    /// <summary>A minimum healthy percent that keeps Required targets (50, 75 or 100 when one does, for readability),
    /// with a maximum percent that leaves room for a new task.</summary>
    private static (int Min, int Max) SafePercents(DeploymentFacts f)
    {
        var required = Math.Min(Math.Max(1, f.Required), f.Desired);
        bool Keeps(int p) => DeploymentFacts.Ceil((long)f.Desired * p, 100) >= required;
        var min = new[] { 50, 75, 100 }.Where(p => p >= f.MinHealthyPercent).FirstOrDefault(Keeps);
        if (min == 0) min = Math.Max(f.MinHealthyPercent, 100 * (required - 1) / f.Desired + 1);
        if (DeploymentFacts.Ceil((long)f.Desired * min, 100) >= f.Desired) min = 100; // all of them, whatever the percent says
        var probe = f.Copy();
        probe.MinHealthyPercent = min;
        return (min, Math.Max(f.MaximumPercent, MaxForProgress(probe)));
    }

    /// <summary>The smallest maximum percent with which ECS can start a new task or stop an old one.</summary>
    private static int MaxForProgress(DeploymentFacts f)
    {
        if (f.MinHealthy < f.Desired) return f.MaximumPercent;
        return Math.Max(f.MaximumPercent, DeploymentFacts.Ceil(100L * (f.Desired + 1), f.Desired));
    }

    // ---------------- the trace in the file's words ----------------

    private static List<string> Narrate(CheckResult result, DeploymentFacts f)
    {
        var lines = new List<string>();
        var lineOfState = new Dictionary<int, int>();
        int ticks = 0;
        TraceState prev = null;
        string T() => $"t={ticks * f.Interval} s";
        for (int i = 0; i < result.Trace.Count; i++)
        {
            var s = result.Trace[i];
            var texts = new List<string>();
            if (prev == null)
            {
                texts.Add($"{T()}: {f.Service} runs {Int(s, "old")} task(s) of {f.OldTasks}, healthy in {f.TargetGroup}; a deployment of {f.NewTasks} starts "
                          + $"(desired_count {f.Desired}: ECS keeps at least {f.MinHealthy} healthy and runs at most {Math.Max(f.MaxTasks, f.Desired)})"
                          + (f.Note != null ? $" [{f.Note}]" : "") + ".");
            }
            else
            {
                var action = ActionName(s);
                if (action == "Tick") ticks++;
                texts.AddRange(Step(action, prev, s, f, T()));
            }
            lineOfState[i] = lines.Count + 1;
            foreach (var t in texts) lines.Add($"{lines.Count + 1}. {t}");
            prev = s;
        }
        if (result.LoopIndex is int loop && !result.Stuttering && prev != null && loop < result.Trace.Count && lineOfState.TryGetValue(loop, out var back))
        {
            // The step from the last state back into the cycle.
            var action = ActionName(new TraceState { Action = result.LoopAction });
            if (action == "Tick") ticks++;
            foreach (var t in Step(action, prev, result.Trace[loop], f, T())) lines.Add($"{lines.Count + 1}. {t}");
            lines.Add($"{lines.Count + 1}. ... and the same again from step {back}, for ever.");
        }
        else if (result.Outcome == CheckOutcome.LivenessFailure && prev != null)
            lines.Add($"{lines.Count + 1}. nothing changes any more: {(Str(prev, "phase") == "rolledback" ? $"the service runs {f.OldTasks} again, the new task definition was not deployed" : "the deployment stays IN_PROGRESS")}.");
        return lines;
    }

    private static IEnumerable<string> Step(string action, TraceState prev, TraceState s, DeploymentFacts f, string at)
    {
        int Serving(TraceState x) => Int(x, "old") + Int(x, "healthy");
        string ServingText(TraceState x) => Serving(x) == 0
            ? $"no healthy target in {f.TargetGroup}: the load balancer answers 503"
            : $"{Serving(x)} healthy target(s) serve";
        switch (action)
        {
            case "StartTasks":
            {
                var n = Int(Fcn(s, "fresh"), 0) - Int(Fcn(prev, "fresh"), 0);
                yield return $"{at}: ECS starts {n} task(s) of {f.NewTasks} (maximum_percent {f.MaximumPercent} of {f.Desired} allows {f.MaxTasks} running); "
                             + $"they register in {f.TargetGroup} as initial targets; {ServingText(s)}.";
                break;
            }
            case "StopOldTasks":
            {
                var n = Int(prev, "old") - Int(s, "old");
                yield return $"{at}: ECS stops {n} task(s) of {f.OldTasks} (minimum_healthy_percent {f.MinHealthyPercent} of {f.Desired} keeps {f.MinHealthy} healthy): "
                             + $"their targets are deregistered and drain for {f.DeregistrationDelay} s; {ServingText(s)}.";
                break;
            }
            case "StopUnhealthyTasks":
            {
                var n = Int(s, "draining", f.DrainTicks) - Int(prev, "draining", f.DrainTicks);
                yield return $"{at}: ECS stops {n} task(s) of {f.NewTasks}: \"Task failed ELB health checks in {f.TargetGroup}\" (the grace period of {f.GracePeriod} s is over); "
                             + (f.CircuitBreaker ? $"the circuit breaker counts {Int(s, "failed")} of {f.Threshold} failed task(s); " : "") + $"{ServingText(s)}.";
                break;
            }
            case "Tick":
            {
                // What the interval brought: targets turning unhealthy or healthy, drained tasks stopping.
                var events = new List<string>();
                for (int a = 0; a < f.HealthyAt; a++)
                {
                    var n = Int(Fcn(prev, "fresh"), a);
                    if (n == 0) continue;
                    var before = f.TargetState(a);
                    var after = f.TargetState(a + 1);
                    if (after == before) continue;
                    events.Add(after == "healthy"
                        ? $"{n} new target(s) pass their health check{(f.GoesUnhealthy ? $" {f.HealthyThreshold} times in a row" : "")}: healthy, in service"
                        : $"{n} new target(s) fail health check {a + 1} (the container answers after {f.StartSeconds} s): unhealthy");
                }
                var drained = Int(prev, "draining", 1);
                if (drained > 0) events.Add($"{drained} drained task(s) stop");
                if (events.Count > 0) yield return $"{at}: {string.Join("; ", events)}; {ServingText(s)}.";
                break;
            }
            case "Complete":
                yield return $"{at}: the deployment is complete: {Int(s, "healthy")} task(s) of {f.NewTasks} healthy.";
                break;
            case "TripCircuitBreaker":
                yield return $"{at}: the deployment circuit breaker counts {f.Threshold} failed tasks: the deployment FAILED{(f.Rollback ? $" and ECS rolls back to {f.OldTasks}" : "")}.";
                break;
            case "Stuttering":
            case "Finished":
                break;
            default:
                yield return $"{at}: {action}.";
                break;
        }
    }

    /// <summary>The action of a trace state from its label ("StopOldTasks line 117, col 5 ..." or "Stuttering").</summary>
    private static string ActionName(TraceState s)
    {
        var a = (s.Action ?? "").Trim('<', '>', ' ');
        var space = a.IndexOf(' ');
        return space < 0 ? a : a[..space];
    }

    private static Value Var(TraceState s, string name)
    {
        var i = Array.IndexOf(s.Variables, name);
        return i < 0 ? null : s.Values[i];
    }

    private static string Str(TraceState s, string name) => Var(s, name) is StringValue v ? v.S : null;

    private static int Int(TraceState s, string name) => Var(s, name) is IntValue v ? (int)v.V : 0;

    private static FcnBase Fcn(TraceState s, string name) => Var(s, name) as FcnBase;

    private static int Int(FcnBase f, int key) => f?.Apply(IntValue.Of(key)) is IntValue v ? (int)v.V : 0;

    private static int Int(TraceState s, string name, int key) => Int(Fcn(s, name), key);
}
