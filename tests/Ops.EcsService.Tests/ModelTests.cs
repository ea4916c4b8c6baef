using Ops.Tla.Checking;
using Xunit;
using Xunit.Abstractions;

namespace Ops.EcsService.Tests;

/// <summary>specs/ops/ecs_service.tla alone, and bound by <see cref="DeploymentModel"/>: which deployment settings
/// can leave no healthy target, cannot start, or stop their new tasks before they are healthy.</summary>
public class ModelTests(ITestOutputHelper output)
{
    private EcsServiceCheckResult Check(DeploymentFacts facts)
    {
        var r = new EcsServiceCheckResult { Cluster = "prod", ServiceName = "web" };
        DeploymentModel.Check(facts, r);
        output.WriteLine(r.ToText());
        return r;
    }

    private static DeploymentFacts Facts(int desired, int min, int max, int grace = 120, int start = 60, bool breaker = false, int required = 1, int margin = 0) => new()
    {
        Desired = desired, MinHealthyPercent = min, MaximumPercent = max, GracePeriod = grace, StartSeconds = start, MarginPercent = margin,
        CircuitBreaker = breaker, Rollback = breaker, Required = required,
        Service = "service web", TargetGroup = "target group web", OldTasks = "web:1", NewTasks = "web:2",
    };

    [Fact]
    public void The_shipped_example_leaves_no_healthy_target_and_its_fix_passes()
    {
        var spec = TestPaths.Repo("specs", "ops", "ecs_service.tla");
        var o = new StringWriter();
        var code = Ops.Cli.CliApp.Run(new[] { "check", spec }, o, new StringWriter());
        output.WriteLine(o.ToString());
        Assert.Equal(12, code);
        Assert.Contains("Error: Invariant HealthyTargetsServe is violated.", o.ToString());
        Assert.Contains("StopOldTasks", o.ToString());

        o = new StringWriter();
        code = Ops.Cli.CliApp.Run(new[] { "check", spec, "-config", TestPaths.Repo("specs", "ops", "ecs_service_fixed.cfg") }, o, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("No error has been found", o.ToString());
    }

    [Fact]
    public void AWS_defaults_with_a_long_enough_grace_period_keep_a_healthy_target_and_complete()
    {
        var r = Check(Facts(2, 100, 200));
        Assert.True(r.Passed);
        Assert.Empty(r.Findings);
        Assert.StartsWith("target group web: success", Assert.Single(r.ModelRuns));
    }

    [Fact]
    public void Minimum_healthy_zero_drains_the_only_task_before_its_replacement_is_healthy()
    {
        var r = Check(Facts(1, 0, 100));
        var f = r.Findings[0];
        Assert.Equal("DeploymentLeavesNoHealthyTarget", f.Code);
        Assert.Equal("HealthyTargetsServe", f.Property);
        Assert.Contains("minimum_healthy_percent 0 of desired_count 1", f.Message);
        Assert.Contains("answers 503 for at least 360 s (maximum_percent 100 leaves no room for a new task until the old ones have drained for 300 s, then a new target is healthy 60 s after its task starts)", f.Message);
        Assert.Contains("minimum_healthy_percent to 100 and maximum_percent to 200", f.Fix);
        Assert.Contains("ECS stops 1 task(s) of web:1", f.Trace[1]);
        Assert.Contains("no healthy target in target group web: the load balancer answers 503", f.Trace[^1]);
        // The proposed settings are checked too, and pass.
        Assert.Contains("success", r.ModelRuns[^1]);
        Assert.Contains("with minimum_healthy_percent 100, maximum_percent 200", r.ModelRuns[^1]);
        Assert.Single(r.Findings);
    }

    [Fact]
    public void Half_of_two_tasks_keeps_one_serving_but_not_the_two_the_operator_needs()
    {
        Assert.True(Check(Facts(2, 50, 100)).Passed);
        var r = Check(Facts(3, 33, 100, required: 2));
        var f = Assert.Single(r.Findings);
        Assert.Equal("DeploymentBelowServingMinimum", f.Code);
        Assert.Contains("only 1 healthy target(s) serve, below ops.min_serving_tasks 2", f.Message);
        Assert.Contains("minimum_healthy_percent to 50: ECS then keeps 2 task(s) healthy", f.Fix);
    }

    [Fact]
    public void Rounding_can_leave_no_room_a_deployment_never_starts()
    {
        // 120% of 3 tasks is 3.6, rounded down to 3: no room for a fourth while 100% must stay healthy.
        var r = Check(Facts(3, 100, 120));
        var f = Assert.Single(r.Findings);
        Assert.Equal("DeploymentCannotProgress", f.Code);
        Assert.Equal("DeploymentCompletes", f.Property);
        Assert.Contains("maximum_percent 120 of desired_count 3 allows 3 running task(s) (rounded down)", f.Message);
        Assert.Contains("maximum_percent to at least 134", f.Fix);
        Assert.Contains("the deployment stays IN_PROGRESS", f.Trace[^1]);
        Assert.Contains("success", r.ModelRuns[^1]);
    }

    [Fact]
    public void A_grace_period_shorter_than_the_start_makes_ECS_stop_every_new_task()
    {
        // Answers after 90 s; the target is unhealthy after 2 checks (60 s); 5 passing checks to recover.
        var r = Check(Facts(2, 100, 200, grace: 0, start: 90));
        var f = Assert.Single(r.Findings);
        Assert.Equal("TasksStoppedBeforeHealthy", f.Code);
        Assert.Contains("answers its health check 90 s after it starts", f.Message);
        Assert.Contains("health_check_grace_period_seconds is 0", f.Message);
        Assert.Contains("health_check_grace_period_seconds to at least 180", f.Fix);
        Assert.Contains(f.Trace, t => t.Contains("fail health check 2") && t.Contains("unhealthy"));
        Assert.Contains(f.Trace, t => t.Contains("Task failed ELB health checks in target group web"));
        Assert.Contains("for ever", f.Trace[^1]);
        // The old tasks keep serving meanwhile (minimum 100%): no step without a healthy target.
        Assert.DoesNotContain(f.Trace, t => t.Contains("no healthy target"));
        Assert.Contains("success", r.ModelRuns[^1]);
        Assert.Contains("health_check_grace_period_seconds 180", r.ModelRuns[^1]);
        Assert.Contains("checked with the model", f.Fix);
    }

    [Fact]
    public void The_suggested_grace_period_stays_safe_for_a_container_that_starts_half_again_as_slowly()
    {
        // Without a margin, 180 s is exactly enough for 90 s; a container that answers after 135 s is stopped with it.
        var slower = Facts(2, 100, 200, grace: 180, start: 135);
        Assert.False(Check(slower).Passed);

        var r = Check(Facts(2, 100, 200, grace: 0, start: 90, margin: 50));
        var f = Assert.Single(r.Findings);
        Assert.Equal("TasksStoppedBeforeHealthy", f.Code);
        Assert.Contains("health_check_grace_period_seconds to at least 240", f.Fix);
        Assert.Contains("it stays safe if the container takes up to 135 s to answer (the assumed 90 s + 50%), checked with the model at that start", f.Fix);
        // The model ran with the slower container and the suggested grace period, and passed.
        Assert.Contains(r.ModelRuns, m => m.Contains("success") && m.Contains("with health_check_grace_period_seconds 240 and the container answering after 135 s (+50%)"));
        // And here once more, outside the check.
        slower.GracePeriod = 240;
        Assert.True(Check(slower).Passed);
        Assert.Contains("success", r.ModelRuns[^1]);
    }

    [Fact]
    public void The_margin_is_validated()
    {
        Assert.Throws<ArgumentException>(() => DeploymentFacts.ValidateMargin(-1, "-margin"));
        Assert.Throws<ArgumentException>(() => DeploymentFacts.ValidateMargin(DeploymentFacts.MaxMarginPercent + 1, "-margin"));
        Assert.Equal(135, DeploymentFacts.Longer(90, 50));
        Assert.Equal(226, DeploymentFacts.Longer(150, 50) + 1);
    }

    [Fact]
    public void With_the_circuit_breaker_the_same_deployment_fails_and_rolls_back()
    {
        var r = Check(Facts(2, 100, 200, grace: 30, start: 90, breaker: true));
        var f = Assert.Single(r.Findings);
        Assert.Equal("TasksStoppedBeforeHealthy", f.Code);
        Assert.Contains("after 3 such tasks the deployment circuit breaker fails the deployment and rolls back", f.Message);
        Assert.Contains(f.Trace, t => t.Contains("the circuit breaker counts 3 of 3 failed task(s)"));
        Assert.Contains(f.Trace, t => t.Contains("the deployment FAILED and ECS rolls back to web:1"));
        Assert.Contains("the service runs web:1 again", f.Trace[^1]);
    }

    [Fact]
    public void A_grace_period_long_enough_for_the_start_passes_even_for_a_slow_container()
    {
        Assert.True(Check(Facts(2, 100, 200, grace: 180, start: 90)).Passed);
        // Answering before the target turns unhealthy needs no grace period at all.
        Assert.True(Check(Facts(2, 100, 200, grace: 0, start: 45)).Passed);
    }

    [Fact]
    public void Both_mistakes_are_reported_in_one_check_each_with_its_own_trace()
    {
        var r = Check(Facts(1, 0, 100, grace: 0, start: 120));
        Assert.Equal(new[] { "DeploymentLeavesNoHealthyTarget", "TasksStoppedBeforeHealthy" }, r.Findings.Select(f => f.Code));
        Assert.StartsWith("(with the fix above assumed: minimum_healthy_percent 100, maximum_percent 200)", r.Findings[1].Trace[0]);
        // The check, the check with the percents fixed, the suggested grace period on its own, the check with both fixed.
        Assert.Equal(4, r.ModelRuns.Count);
        Assert.Contains("with health_check_grace_period_seconds 210 and the container answering after 120 s", r.ModelRuns[2]);
        Assert.Contains("success", r.ModelRuns[^1]);
    }

    [Fact]
    public void The_model_stays_small_for_a_large_service()
    {
        // 50 tasks, checked every 5 s, 300 s to start, 300 s of draining: the scheduler acts at once, time is counted.
        var facts = Facts(50, 50, 200, grace: 0, start: 300);
        facts.Interval = 5;
        var result = DeploymentModel.Run(facts);
        output.WriteLine($"{result.OutcomeText}: {result.DistinctStates} distinct states in {result.DurationMs} ms");
        Assert.Equal(CheckOutcome.LivenessFailure, result.Outcome);
        Assert.True(result.DistinctStates < 1_000);
    }
}
