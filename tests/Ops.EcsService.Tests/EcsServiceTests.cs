using System.Text.Json.Nodes;
using Ops.Aws.ECS;
using Ops.Aws.ECS.Model;
using Ops.Aws.Runtime;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.EcsService.Tests;

/// <summary>Check, plan and apply against the loopback endpoint (ECS and ELBv2 simulated with AWS's rules, every
/// request and answer validated against botocore's models).</summary>
public class EcsServiceTests(ITestOutputHelper output)
{
    private void Show(string text)
    {
        foreach (var line in text.Split('\n')) output.WriteLine(line);
    }

    /// <summary>What AWS itself answers to the CreateService the file describes (sent directly, bypassing Ops).</summary>
    private static async Task<string> CreateDirectly(EcsFixture f, EcsServiceConfig c)
    {
        using var ecs = new AmazonECSClient(f.Aws);
        try
        {
            await ecs.CreateServiceAsync(new CreateServiceRequest
            {
                Cluster = c.Cluster, ServiceName = c.Name + "-direct", TaskDefinition = c.TaskDefinition, DesiredCount = c.DesiredCount, LaunchType = c.LaunchType,
                LoadBalancers = c.LoadBalancers.Select(l => new LoadBalancer { TargetGroupArn = l.TargetGroupArn, ContainerName = l.ContainerName, ContainerPort = l.ContainerPort }).ToList(),
                NetworkConfiguration = c.Network == null ? null : new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = c.Network.Subnets, SecurityGroups = c.Network.SecurityGroups, AssignPublicIp = c.Network.AssignPublicIp == true ? "ENABLED" : "DISABLED" } },
            });
            return "created";
        }
        catch (AwsServiceException e)
        {
            return $"{e.ErrorCode}: {e.ServiceMessage}";
        }
    }

    public static IEnumerable<object[]> Mismatches() => new[]
    {
        // code, how the definition is wrong, what AWS says when CreateService is called anyway
        new object[] { "ContainerNotFound", "container", "InvalidParameterException: The container app does not exist in the task definition." },
        new object[] { "ContainerPortNotMapped", "port", "InvalidParameterException: The container web did not have a container port 80 defined." },
        new object[] { "TargetTypeMismatch", "instance", "has target type instance, which is incompatible with the awsvpc network mode specified in the task definition." },
        new object[] { "TargetGroupNotAttached", "orphan", "does not have an associated load balancer." },
        new object[] { "TaskDefinitionNotFound", "taskdef", "ClientException: TaskDefinition not found." },
        new object[] { "NetworkConfigurationMissing", "network", "InvalidParameterException: Network Configuration must be provided when networkMode 'awsvpc' is specified." },
        new object[] { "ClusterNotFound", "cluster", "ClusterNotFoundException: Cluster not found." },
        new object[] { "LaunchTypeNotSupported", "launchtype", "InvalidParameterException: Task definition does not support launch_type FARGATE." },
    };

    private static string Mismatched(EcsFixture f, string kind) => kind switch
    {
        "container" => Definitions.Web(f, container: "app"),
        "port" => Definitions.Web(f, port: 80),
        "instance" => Definitions.Web(f, targetGroup: f.WebInstance.Arn),
        "orphan" => Definitions.Web(f, targetGroup: f.Orphan.Arn),
        "taskdef" => Definitions.Web(f, taskDefinition: "web:9"),
        "network" => Definitions.Web(f).Replace("    network_configuration:\n      assign_public_ip: no\n      security_groups: [sg-web]\n      subnets: [subnet-a, subnet-b]\n", ""),
        "cluster" => Definitions.Web(f).Replace("cluster: prod", "cluster: staging"),
        "launchtype" => Definitions.Web(f, taskDefinition: "worker:1").Replace("    network_configuration:\n      assign_public_ip: no\n      security_groups: [sg-web]\n      subnets: [subnet-a, subnet-b]\n", "").Replace("containerName: web", "containerName: worker"),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task Each_mismatch_is_caught_before_any_change_with_the_error_AWS_would_give_and_the_fix(string code, string kind, string awsSays)
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var config = EcsServiceConfig.Parse(Mismatched(f, kind));
        var applied = await f.Manager().ApplyAsync(config);
        Show(applied.ToText());
        Assert.False(applied.Check.Passed);
        Assert.False(applied.Changed);
        Assert.Empty(f.Changes());
        var finding = Assert.Single(applied.Check.Findings, x => x.Code == code);
        Assert.False(string.IsNullOrEmpty(finding.Fix));
        Assert.Contains("nothing was changed", applied.ToText());

        // AWS, asked directly, refuses it as the finding says.
        var direct = await CreateDirectly(f, config);
        output.WriteLine("AWS: " + direct);
        Assert.Contains(awsSays, direct);
        var quoted = awsSays[(awsSays.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        if (code is not ("ClusterNotFound")) Assert.Contains(quoted.Replace("The provided target group ", ""), finding.Message);
        Assert.Empty(f.Endpoint.ModelViolations);
    }

    [Fact]
    public async Task The_fixes_are_concrete()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var container = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Mismatched(f, "container")));
        Assert.Contains("web (ports 8080); log-router (no port mappings)", container.Findings.Single(x => x.Code == "ContainerNotFound").Fix);
        var port = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Mismatched(f, "port")));
        Assert.Contains("set containerPort: to 8080", port.Findings.Single(x => x.Code == "ContainerPortNotMapped").Fix);
        var instance = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Mismatched(f, "instance")));
        var mismatch = instance.Findings.Single(x => x.Code == "TargetTypeMismatch");
        Assert.Contains("(Fargate) and are registered by IP address", mismatch.Message);
        Assert.Contains($"target type ip (the type cannot be changed) in VPC {EcsFixture.Vpc}", mismatch.Fix);
        var orphan = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Mismatched(f, "orphan")));
        Assert.Contains("add a listener (or a listener rule) on the ALB that forwards to orphan", orphan.Findings.Single(x => x.Code == "TargetGroupNotAttached").Fix);
        Assert.Empty(f.Changes());
    }

    [Fact]
    public async Task Several_mismatches_are_all_reported_at_once()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var yaml = Definitions.Web(f, container: "app", targetGroup: f.WebInstance.Arn).Replace("cluster: prod", "cluster: prod\n    aws_region: eu-west-2");
        var r = await f.Manager().CheckAsync(EcsServiceConfig.Parse(yaml));
        Show(r.ToText());
        Assert.Equal(new[] { "ContainerNotFound", "TargetTypeMismatch" }, r.Findings.Where(x => x.Severity == Severity.Error).Select(x => x.Code));
        Assert.Empty(r.ModelRuns); // the deployment is modelled once what AWS would refuse is fixed
    }

    [Fact]
    public async Task The_target_groups_VPC_and_health_checks_are_checked_against_the_container()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var other = f.Elb.AddLoadBalancer("other", "vpc-99999999");
        f.Elb.Attach(f.Web, other);
        f.Web.Fields["HealthCheckPort"] = "9090";
        f.Web.Fields["HealthCheckPath"] = "/";
        var yaml = Definitions.Web(f) + "ops:\n  health_check_path: /healthz\n";
        yaml = yaml.Replace("  vars:\n    ops_container_start_seconds: 60\n", "  vars:\n    ops_container_start_seconds: 60\n    ops_health_check_path: /healthz\n").Replace("ops:\n  health_check_path: /healthz\n", "");
        var r = await f.Manager().CheckAsync(EcsServiceConfig.Parse(yaml));
        Show(r.ToText());
        Assert.Contains(r.Findings, x => x.Code == "VpcMismatch" && x.Message.Contains("vpc-99999999"));
        Assert.Contains(r.Findings, x => x.Code == "HealthCheckPortNotServed" && x.Message.Contains("port 9090") && x.Fix.Contains("traffic-port"));
        Assert.Contains(r.Findings, x => x.Code == "HealthCheckPathMismatch" && x.Message.Contains("checks /, but ops.health_check_path says") && x.Fix.Contains("/healthz"));
        Assert.Empty(f.Changes());
    }

    [Fact]
    public async Task A_correct_definition_creates_the_service_a_second_apply_changes_nothing()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var config = EcsServiceConfig.Parse(Definitions.Web(f));
        var first = await f.Manager().ApplyAsync(config);
        Show(first.ToText());
        Assert.True(first.Check.Passed);
        Assert.False(first.Check.Exists);
        Assert.Equal(nameof(StepKind.CreateService), Assert.Single(first.Check.Plan).Kind);
        Assert.Equal("arn:aws:ecs:eu-west-2:123456789012:service/prod/web", Assert.IsType<EcsServiceApplyResult>(first).ServiceArn);
        var s = f.Service()!.Fields;
        Assert.Equal(f.WebV2, (string)s["taskDefinition"]);
        Assert.Equal(2, (int)s["desiredCount"]!);
        Assert.Equal("FARGATE", (string)s["launchType"]);
        Assert.Equal(120, (int)s["healthCheckGracePeriodSeconds"]!);
        Assert.Equal("DISABLED", (string)s["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
        var lb = s["loadBalancers"]![0]!;
        Assert.Equal(f.Web.Arn, (string)lb["targetGroupArn"]);
        Assert.Equal("web", (string)lb["containerName"]);
        Assert.Equal(8080, (int)lb["containerPort"]!);
        Assert.Contains("success", Assert.Single(first.Check.ModelRuns));

        var second = await f.Manager().ApplyAsync(config);
        Show(second.ToText());
        Assert.True(second.Check.Exists);
        Assert.Empty(second.Check.Plan);
        Assert.False(second.Changed);
        Assert.Contains("ECS service prod/web: up to date, no changes.", second.ToText());
        Assert.Equal(new[] { "CreateService" }, f.Changes().Select(c => c.Operation));
        Assert.Empty(f.Endpoint.ModelViolations);
    }

    [Fact]
    public async Task A_changed_definition_is_one_UpdateService_of_what_differs()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        await f.Manager().ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f, taskDefinition: "web:1")));
        var changed = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f, taskDefinition: "web", desired: 3, grace: 150)));
        Show(changed.ToText());
        var step = Assert.Single(changed.Check.Plan);
        Assert.Equal(nameof(StepKind.UpdateService), step.Kind);
        Assert.Equal("task definition web:1 -> web:2 (a rolling deployment); desired_count 2 -> 3; health_check_grace_period_seconds 120 -> 150", step.Description);
        Assert.Equal(new[] { "CreateService", "UpdateService" }, f.Changes().Select(c => c.Operation));
        var s = f.Service()!;
        Assert.Equal(f.WebV2, (string)s.Fields["taskDefinition"]);
        Assert.Equal(3, (int)s.Fields["desiredCount"]!);
        Assert.Equal(2, s.Deployments);
        // The model was told about this deployment: web:1 to web:2.
        Assert.Contains("success", Assert.Single(changed.Check.ModelRuns));

        var again = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f, taskDefinition: "web", desired: 3, grace: 150)));
        Assert.Empty(again.Check.Plan);
        Assert.Equal(2, f.Changes().Count);
    }

    [Fact]
    public async Task A_deployment_that_can_drop_to_zero_healthy_targets_is_shown_as_a_trace_and_not_applied()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        await f.Manager().ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f, taskDefinition: "web:1", desired: 1)));
        var risky = Definitions.Web(f, desired: 1, deployment: "minimum_healthy_percent: 0\n      maximum_percent: 100");
        var r = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(risky));
        Show(r.ToText());
        Assert.False(r.Check.Passed);
        var finding = Assert.Single(r.Check.Findings, x => x.Severity == Severity.Error);
        Assert.Equal("DeploymentLeavesNoHealthyTarget", finding.Code);
        Assert.Contains("ECS stops 1 task(s) of web:1", finding.Trace[1]);
        Assert.Contains("no healthy target in target group web: the load balancer answers 503", finding.Trace[^1]);
        Assert.Contains("deployment of web:2 starts", finding.Trace[0]);
        Assert.Equal(new[] { "CreateService" }, f.Changes().Select(c => c.Operation));
        Assert.Equal(f.WebV1, (string)f.Service()!.Fields["taskDefinition"]);
    }

    [Fact]
    public async Task The_container_health_check_start_period_is_the_start_time_when_the_file_gives_none()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var slow = FakeEcs.Container("web", 8080);
        slow["healthCheck"] = new JsonObject { ["command"] = new JsonArray("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), ["startPeriod"] = 150 };
        f.Ecs.RegisterTaskDefinition("slow", "awsvpc", new[] { "FARGATE" }, slow);
        var r = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Definitions.Web(f, taskDefinition: "slow:1", grace: 60, start: null)));
        Show(r.ToText());
        var finding = Assert.Single(r.Findings, x => x.Severity == Severity.Error);
        Assert.Equal("TasksStoppedBeforeHealthy", finding.Code);
        Assert.Contains("150 s after it starts (the startPeriod of container web's health check)", finding.Message);
        Assert.Contains("health_check_grace_period_seconds to at least 330", finding.Fix); // 150 s + 50%: 225 s
        Assert.Contains("the container takes up to 225 s to answer (the assumed 150 s + 50%)", finding.Fix);

        var unknown = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Definitions.Web(f, grace: null, start: null)));
        Assert.True(unknown.Passed);
        Assert.Contains(unknown.Findings, x => x.Code == "StartTimeUnknown" && x.Severity == Severity.Warning);
        Assert.Contains(unknown.Findings, x => x.Code == "GracePeriodNotSet" && x.Severity == Severity.Warning);
    }

    [Fact]
    public async Task What_if_applies_nothing_and_throttling_is_retried()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var config = EcsServiceConfig.Parse(Definitions.Web(f));
        var whatIf = await f.Manager().ApplyAsync(config, _ => false);
        Assert.Single(whatIf.Skipped);
        Assert.Empty(f.Changes());

        f.Endpoint.InjectFault("CreateService", "ThrottlingException", times: 2);
        f.Endpoint.InjectFault("DescribeTargetGroups", "Throttling", times: 1);
        var applied = await f.Manager().ApplyAsync(config);
        Assert.Single(applied.Applied);
        Assert.Equal(3, f.Endpoint.CallsSnapshot().Count(c => c.Operation == "CreateService"));
        Assert.Contains(f.Log, l => l.Contains("Throttling") && l.Contains("retrying"));
        Assert.NotNull(f.Service());
    }

    [Fact]
    public async Task Wait_follows_the_deployment_until_it_completes_or_fails()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        f.Ecs.DeployingDescribes = 3;
        var waiting = Definitions.Web(f, taskDefinition: "web:1", extra: "    wait: yes");
        var created = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(waiting));
        Show(created.ToText());
        Assert.Equal(new[] { nameof(StepKind.CreateService), nameof(StepKind.WaitForDeployment) }, created.Check.Plan.Select(p => p.Kind));
        Assert.Equal(2, created.Applied.Count);
        Assert.Contains(f.Log, l => l.Contains("deployment IN_PROGRESS"));
        Assert.Contains(f.Log, l => l.Contains("deployment COMPLETED, 2/2 running"));

        // A deployment the circuit breaker fails is an error of the apply.
        f.Ecs.RolloutOutcome = "FAILED";
        var e = await Assert.ThrowsAsync<ApplyException>(() => f.Manager(wait: true).ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f))));
        Assert.Contains("the deployment of service prod/web FAILED: ECS deployment circuit breaker: tasks failed to start.", e.Message);
        Assert.Equal("DeploymentFailed", e.ErrorCode);

        // Nothing to deploy, nothing to wait for.
        f.Ecs.RolloutOutcome = "COMPLETED";
        var same = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(Definitions.Web(f, extra: "    wait: yes")));
        Assert.Empty(same.Check.Plan);
    }

    [Fact]
    public async Task Force_new_deployment_updates_on_every_run_as_in_ansible()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var config = EcsServiceConfig.Parse(Definitions.Web(f, extra: "    force_new_deployment: yes"));
        await f.Manager().ApplyAsync(config);
        var again = await f.Manager().ApplyAsync(config);
        Assert.Contains("force a new deployment", Assert.Single(again.Check.Plan).Description);
        Assert.Equal(new[] { "CreateService", "UpdateService" }, f.Changes().Select(c => c.Operation));
        Assert.Equal(2, f.Service()!.Deployments);
    }

    [Fact]
    public async Task Each_target_group_is_modelled_with_its_own_health_checks()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var admin = f.Elb.AddTargetGroup("web-admin", "ip", 8080, EcsFixture.Vpc);
        f.Elb.Attach(admin, f.Alb);
        admin.Fields["HealthCheckIntervalSeconds"] = 10;
        admin.Fields["HealthyThresholdCount"] = 10;
        var yaml = Definitions.Web(f).Replace("        containerPort: 8080\n", $"        containerPort: 8080\n      - {{targetGroupArn: {admin.Arn}, containerName: web, containerPort: 8080}}\n");
        var r = await f.Manager().CheckAsync(EcsServiceConfig.Parse(yaml));
        Show(r.ToText());
        Assert.Contains(r.ModelRuns, m => m.StartsWith("target group web: success"));
        Assert.Contains(r.ModelRuns, m => m.StartsWith("target group web-admin: liveness failure"));
        var finding = Assert.Single(r.Findings, x => x.Severity == Severity.Error);
        Assert.Equal("TasksStoppedBeforeHealthy", finding.Code);
        Assert.Contains("target group web-admin marks a new target unhealthy after 2 failed checks 10 s apart (20 s)", finding.Message);
        Assert.Contains("at least 170", finding.Fix); // 60 s + 50%: answers at 90 s, 10 passing checks 10 s apart
        Assert.Contains("the container takes up to 90 s to answer (the assumed 60 s + 50%)", finding.Fix);
        Assert.Empty(f.Changes());
    }

    [Fact]
    public async Task An_existing_service_cannot_change_its_launch_type()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        f.Ecs.Seed("prod", "web", new JsonObject
        {
            ["taskDefinition"] = "web:1", ["desiredCount"] = 2, ["launchType"] = "EC2",
            ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-a") } },
            ["loadBalancers"] = new JsonArray(new JsonObject { ["targetGroupArn"] = f.Web.Arn, ["containerName"] = "web", ["containerPort"] = 8080 }),
        });
        var r = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Definitions.Web(f)));
        Show(r.ToText());
        Assert.Contains(r.Findings, x => x.Code == "ImmutableChange" && x.Message.Contains("launch type EC2, the file says FARGATE"));
        Assert.Empty(f.Changes());
    }
}
