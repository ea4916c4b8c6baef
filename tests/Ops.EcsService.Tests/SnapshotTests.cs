using System.Text.Json.Nodes;
using Ops.Aws.Offline;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.EcsService.Tests;

/// <summary>The offline path of `ops ecs-service check -aws-snapshot FILE` (AWS's Describe answers saved with the AWS
/// CLI), and the worked example under examples/ecs-service, which uses it.</summary>
public class SnapshotTests(ITestOutputHelper output)
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => OfflineCli.Run(Ops.Cli.CliApp.Run, args);

    [Fact]
    public void The_example_finds_the_grace_period_too_short_and_proposes_one_with_a_margin()
    {
        var dir = Path.GetDirectoryName(OfflineCli.Example("ecs-service", "web-service.yml"))!;
        var (code, stdout, stderr) = OfflineCli.CheckExample(Ops.Cli.CliApp.Run, output.WriteLine, "ecs-service", "web-service.yml");
        Assert.Equal(12, code);
        Assert.Contains("ERROR [TasksStoppedBeforeHealthy] health_check_grace_period_seconds", stdout);
        Assert.Contains("the container answers its health check 150 s after it starts (the startPeriod of container web's health check)", stdout);
        Assert.Contains("set health_check_grace_period_seconds to at least 330", stdout);
        Assert.Contains("it stays safe if the container takes up to 225 s to answer (the assumed 150 s + 50%), checked with the model at that start", stdout);
        Assert.Contains("with health_check_grace_period_seconds 330 and the container answering after 225 s (+50%)", stdout);
        Assert.Contains("nothing was changed", stdout);

        // With the grace period it proposes, the same file passes, and a dry run plans the CreateService.
        var fixedFile = Path.Combine(Directory.CreateTempSubdirectory("ops-ecs-example").FullName, "web-service.yml");
        File.WriteAllText(fixedFile, File.ReadAllText(Path.Combine(dir, "web-service.yml")).Replace("health_check_grace_period_seconds: 60", "health_check_grace_period_seconds: 330"));
        (code, stdout, stderr) = Cli("ecs-service", "apply", "-config", fixedFile, "-dry-run", "-aws-snapshot", Path.Combine(dir, "aws-snapshot.json"));
        output.WriteLine(stdout + stderr);
        Assert.Equal(0, code);
        Assert.Contains("CreateService", stdout);
        Directory.Delete(Path.GetDirectoryName(fixedFile)!, true);
    }

    [Fact]
    public async Task The_snapshot_clients_answer_as_AWS_does()
    {
        var snapshot = AwsSnapshot.Parse("""
            { "ecs describe-clusters": { "clusters": [ { "clusterArn": "arn:aws:ecs:eu-west-2:123456789012:cluster/prod", "clusterName": "prod", "status": "ACTIVE" } ] },
              "ecs describe-task-definition": [
                { "taskDefinition": { "taskDefinitionArn": "arn:aws:ecs:eu-west-2:123456789012:task-definition/web:1", "family": "web", "revision": 1, "status": "ACTIVE" } },
                { "taskDefinition": { "taskDefinitionArn": "arn:aws:ecs:eu-west-2:123456789012:task-definition/web:2", "family": "web", "revision": 2, "status": "ACTIVE" } } ] }
            """);
        var ecs = snapshot.Ecs();
        Assert.Equal(2, (await ecs.DescribeTaskDefinitionAsync(new() { TaskDefinition = "web" })).TaskDefinition.Revision);
        Assert.Equal(1, (await ecs.DescribeTaskDefinitionAsync(new() { TaskDefinition = "web:1" })).TaskDefinition.Revision);
        Assert.Equal(1, (await ecs.DescribeTaskDefinitionAsync(new() { TaskDefinition = "arn:aws:ecs:eu-west-2:123456789012:task-definition/web:1" })).TaskDefinition.Revision);
        Assert.True((await Assert.ThrowsAsync<Ops.Aws.Runtime.AwsServiceException>(() => ecs.DescribeTaskDefinitionAsync(new() { TaskDefinition = "api" }))).Is("ClientException"));
        var none = await ecs.DescribeServicesAsync(new() { Cluster = "prod", Services = new() { "web" } });
        Assert.Empty(none.Services);
        Assert.Equal("MISSING", Assert.Single(none.Failures).Reason);
        Assert.True((await Assert.ThrowsAsync<Ops.Aws.Runtime.AwsServiceException>(() => ecs.DescribeServicesAsync(new() { Cluster = "staging", Services = new() { "web" } }))).Is("ClusterNotFoundException"));
        await Assert.ThrowsAsync<AwsSnapshotException>(() => ecs.CreateServiceAsync(new()));
        var elb = snapshot.ElasticLoadBalancingV2();
        Assert.True((await Assert.ThrowsAsync<Ops.Aws.Runtime.AwsServiceException>(() => elb.DescribeTargetGroupsAsync(new() { TargetGroupArns = new() { "arn:x" } }))).Is("TargetGroupNotFound"));
    }

    /// <summary>The example's world in the loopback AWS, saved with the real AWS CLI: the check reads the same from the
    /// snapshot as from the loopback AWS itself.</summary>
    [Fact]
    public void A_snapshot_saved_with_the_AWS_CLI_checks_as_AWS_itself()
    {
        if (!Requires.Cli(output.WriteLine)) return;
        using var f = new EcsFixture();
        var slow = FakeEcs.Container("web", 8080);
        slow["healthCheck"] = new JsonObject { ["command"] = new JsonArray("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), ["startPeriod"] = 150 };
        var td = f.Ecs.RegisterTaskDefinition("slow", "awsvpc", new[] { "FARGATE" }, slow);
        var e = f.Endpoint;
        var snapshot = new JsonObject
        {
            ["region"] = "eu-west-2",
            ["ecs describe-clusters"] = AwsCliRunner.Json(e, "ecs", "describe-clusters", "--clusters", "prod"),
            ["ecs describe-task-definition"] = new JsonArray(AwsCliRunner.Json(e, "ecs", "describe-task-definition", "--task-definition", "slow:1")),
            ["ecs describe-services"] = new JsonArray(AwsCliRunner.Json(e, "ecs", "describe-services", "--cluster", "prod", "--services", "web")),
            ["elbv2 describe-target-groups"] = AwsCliRunner.Json(e, "elbv2", "describe-target-groups", "--target-group-arns", f.Web.Arn),
            ["elbv2 describe-target-group-attributes"] = new JsonObject { [f.Web.Arn] = AwsCliRunner.Json(e, "elbv2", "describe-target-group-attributes", "--target-group-arn", f.Web.Arn) },
            ["elbv2 describe-load-balancers"] = AwsCliRunner.Json(e, "elbv2", "describe-load-balancers", "--load-balancer-arns", f.Alb.Arn),
        };
        var text = snapshot.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(text);
        var (live, (code, offline, stderr)) = OfflineCli.LiveAndOffline("web-service.yml", Definitions.Web(f, taskDefinition: "slow:1", grace: 60, start: null), text,
            (config, o) => Ops.Cli.EcsServiceCommand.Run(new[] { "check", "-config", config }, o, new StringWriter(), f.Aws),
            (config, file) => Cli("ecs-service", "check", "-config", config, "-aws-snapshot", file));
        output.WriteLine(offline + stderr);
        Assert.Equal(12, live.Code);
        Assert.Equal(live.Code, code);
        Assert.Equal(live.Out, offline);
        Assert.Empty(f.Changes());
    }
}
