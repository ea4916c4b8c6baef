using Xunit;

namespace Ops.EcsService.Tests;

/// <summary>The service definition file: the seed post's ansible shapes, and the errors that name the line.</summary>
public class ConfigTests
{
    /// <summary>The seed post's task, its "..." filled in.</summary>
    public const string SeedTask = """
        - name: Create service
          ecs_service:
            name: web
            cluster: prod
            task_definition: web:2
            network_configuration:
              assign_public_ip: no
              security_groups: [sg-web]
              subnets: [subnet-a, subnet-b]
            launch_type: FARGATE
            desired_count: 2
            load_balancers:
              -
                targetGroupArn: arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067
                containerName: web
                containerPort: 8080
        """;

    [Fact]
    public void The_seed_posts_task_is_read_as_ansible_passes_it_to_aws()
    {
        var c = EcsServiceConfig.Parse(SeedTask);
        Assert.Equal("task 'Create service'", c.Origin);
        Assert.Equal("web", c.Name);
        Assert.Equal("prod", c.Cluster);
        Assert.Equal("web:2", c.TaskDefinition);
        Assert.Equal("FARGATE", c.LaunchType);
        Assert.Equal(2, c.DesiredCount);
        Assert.False(c.Network!.AssignPublicIp);
        Assert.Equal(new[] { "subnet-a", "subnet-b" }, c.Network.Subnets);
        Assert.Equal(new[] { "sg-web" }, c.Network.SecurityGroups);
        var lb = Assert.Single(c.LoadBalancers);
        Assert.EndsWith("targetgroup/web/73e2d6bc24d8a067", lb.TargetGroupArn);
        Assert.Equal("web", lb.ContainerName);
        Assert.Equal(8080, lb.ContainerPort);
        Assert.Equal(14, lb.Line);
        Assert.Empty(EcsServiceManager.Validate(c));
    }

    [Fact]
    public void A_plain_file_an_ecs_service_block_and_a_playbook_are_the_same_service()
    {
        var plain = EcsServiceConfig.Parse("""
            name: web
            cluster: prod
            task_definition: web:2
            desired_count: 2
            launch_type: fargate
            network_configuration: {subnets: [subnet-a], assign_public_ip: ENABLED}
            load_balancers:
              - target_group_arn: arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067
                container_name: web
                container_port: "8080"
            deployment_configuration:
              minimum_healthy_percent: 50
              maximum_percent: 150
              deployment_circuit_breaker: {enable: true, rollback: yes}
            health_check_grace_period_seconds: 90
            ops:
              container_start_seconds: 45
              min_serving_tasks: 1
              health_check_path: /health
            """);
        Assert.Equal("the file", plain.Origin);
        Assert.Equal("FARGATE", plain.LaunchType);
        Assert.True(plain.Network!.AssignPublicIp);
        Assert.Equal(8080, plain.LoadBalancers[0].ContainerPort);
        Assert.Equal(50, plain.Deployment.MinimumHealthyPercent);
        Assert.Equal(150, plain.Deployment.MaximumPercent);
        Assert.True(plain.Deployment.CircuitBreakerEnable);
        Assert.True(plain.Deployment.CircuitBreakerRollback);
        Assert.Equal(90, plain.HealthCheckGracePeriodSeconds);
        Assert.Equal(45, plain.ContainerStartSeconds);
        Assert.Equal("/health", plain.HealthCheckPath);

        var block = EcsServiceConfig.Parse("""
            region: eu-west-2
            community.aws.ecs_service:
              name: web
              task_definition: web:2
              desired_count: 1
            ops: {container_start_seconds: 30}
            """);
        Assert.Equal("eu-west-2", block.Region);
        Assert.Equal("default", block.Cluster);
        Assert.Equal(30, block.ContainerStartSeconds);

        var playbook = EcsServiceConfig.Parse("""
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: Register the task definition
                  ecs_taskdefinition: {family: web, state: present}
                - block:
                    - name: Put the service behind the ALB
                      amazon.aws.ecs_service:
                        name: web
                        cluster: prod
                        task_definition: web:2
                        desired_count: 2
                        region: eu-west-2
                        profile: staging
                        wait: yes
                      vars:
                        ops_container_start_seconds: 75
                        ops_min_serving_tasks: 2
            """);
        Assert.Equal("task 'Put the service behind the ALB'", playbook.Origin);
        Assert.Equal("staging", playbook.Profile);
        Assert.True(playbook.Wait);
        Assert.Equal(75, playbook.ContainerStartSeconds);
        Assert.Equal(2, playbook.MinServingTasks);
    }

    [Theory]
    [InlineData("desired_cont: 2", "3:1: unknown ecs_service argument 'desired_cont' (did you mean desired_count?)")]
    [InlineData("aws_secret_key: abc", "AWS credentials are never read from the file")]
    [InlineData("task_definition: \"{{ task }}\"", "is a Jinja template")]
    [InlineData("state: absent", "state: absent is not supported")]
    [InlineData("desired_count: two", "3:16: desired_count: 'two' is not a whole number")]
    [InlineData("load_balancers: {targetGroupArn: x}", "load_balancers: must be a list")]
    [InlineData("load_balancers: [{targetGroup: x}]", "unknown key load_balancers[0].targetGroup")]
    [InlineData("network_configuration: {assign_public_ip: maybe}", "'maybe' is not a boolean")]
    [InlineData("deployment_configuration: {minimum_healthy: 50}", "unknown key deployment_configuration.minimum_healthy")]
    public void Mistakes_in_the_file_name_their_line_and_what_to_write(string line, string expected)
    {
        var yaml = "name: web\ncluster: prod\n" + line + "\n";
        var e = Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse(yaml, "svc.yaml"));
        Assert.StartsWith("svc.yaml:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_pester_files_definition_and_its_mistakes_read_as_those_tests_expect()
    {
        // tests/pester/Test-EcsServiceConfiguration.Tests.ps1 writes this file (pwsh is not on every host).
        var pester = File.ReadAllText(TestPaths.Repo("tests", "pester", "Test-EcsServiceConfiguration.Tests.ps1"));
        var start = pester.IndexOf("@'\n", StringComparison.Ordinal) + 3;
        var yaml = pester[start..pester.IndexOf("\n'@", start, StringComparison.Ordinal)];
        var c = EcsServiceConfig.Parse(yaml);
        Assert.Equal(60, c.ContainerStartSeconds);
        Assert.Empty(EcsServiceManager.Validate(c));
        var typo = Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse(yaml.Replace("desired_count", "desired_cont"), "typo.yaml"));
        Assert.Matches(":11:5:", typo.Message);
        Assert.Contains("did you mean desired_count", typo.Message);
        var credentials = Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse(yaml.Replace("cluster: prod", "cluster: prod\n    aws_secret_key: pester-not-a-key")));
        Assert.Contains("never read from the file", credentials.Message);
        Assert.DoesNotContain("pester-not-a-key", credentials.Message);
    }

    [Fact]
    public void A_playbook_with_two_services_or_none_is_refused()
    {
        var two = Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse("""
            - name: a
              ecs_service: {name: a, task_definition: a:1, desired_count: 1}
            - name: b
              ecs_service: {name: b, task_definition: b:1, desired_count: 1}
            """, "deploy.yml"));
        Assert.Contains("2 ecs_service tasks ('a' at line 1, 'b' at line 3)", two.Message);
        var none = Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse("- name: x\n  debug: {msg: hi}\n", "deploy.yml"));
        Assert.Contains("no ecs_service task", none.Message);
        Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse("", "empty.yml"));
        Assert.Throws<ConfigException>(() => EcsServiceConfig.Parse("name: [unclosed", "bad.yml"));
    }

    [Fact]
    public void The_static_checks_report_what_the_api_needs_with_the_shape_to_write()
    {
        var c = EcsServiceConfig.Parse("""
            name: web
            task_definition: web:2
            load_balancers:
              - targetGroupArn: arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067
              - containerName: web
                containerPort: 70000
              - loadBalancerName: classic-web
                containerName: web
                containerPort: 80
            deployment_configuration: {minimum_healthy_percent: 150, maximum_percent: 50}
            placement_strategy: [{type: spread, field: attribute:ecs.availability-zone}]
            ops: {min_serving_tasks: 3}
            """);
        var findings = EcsServiceManager.Validate(c);
        Assert.Contains(findings, f => f.Code == "ConfigMissing" && f.Subject == "desired_count");
        var incomplete = findings.Where(f => f.Code == "LoadBalancerIncomplete").ToList();
        Assert.Equal(2, incomplete.Count);
        Assert.Contains("has no containerName, containerPort", incomplete[0].Message);
        Assert.Contains("targetGroupArn: arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID", incomplete[0].Fix);
        Assert.Contains("has no targetGroupArn", incomplete[1].Message);
        Assert.Contains(findings, f => f.Code == "ClassicLoadBalancer" && f.Severity == Severity.Warning);
        Assert.Contains(findings, f => f.Code == "ConfigInvalid" && f.Message.Contains("minimum_healthy_percent 150"));
        Assert.Contains(findings, f => f.Code == "ConfigInvalid" && f.Message.Contains("maximum_percent 50"));
        Assert.Contains(findings, f => f.Code == "NotApplied" && f.Subject == "placement_strategy" && f.Severity == Severity.Warning);
    }
}
