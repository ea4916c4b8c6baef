using Ops.Aws.ECS;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.Runtime;
using Ops.Aws.Testing;

namespace Ops.EcsService.Tests;

/// <summary>A loopback AWS with ECS and ELBv2 holding the seed post's world: an ALB in a VPC, target groups (ip and
/// instance, attached or not), a cluster and task definitions of a Fargate web service; a manager pointed at it.</summary>
public sealed class EcsFixture : IDisposable
{
    public const string Vpc = "vpc-0a1b2c3d";
    public FakeElbv2 Elb { get; } = new();
    public FakeEcs Ecs { get; }
    public LoopbackAwsEndpoint Endpoint { get; }
    public List<string> Log { get; } = new();
    private readonly List<IDisposable> _clients = new();

    public FakeElbv2.LoadBalancer Alb { get; }
    /// <summary>ip target group of the ALB, port 8080 (the one the post needs for Fargate).</summary>
    public FakeElbv2.TargetGroup Web { get; }
    /// <summary>instance target group of the ALB (the console's default type).</summary>
    public FakeElbv2.TargetGroup WebInstance { get; }
    /// <summary>ip target group that no listener forwards to.</summary>
    public FakeElbv2.TargetGroup Orphan { get; }
    public string WebV1 { get; }
    public string WebV2 { get; }
    public string Worker { get; }

    public EcsFixture()
    {
        Ecs = new FakeEcs(Elb) { DeployingDescribes = 1 };
        Ecs.Clusters.Add("prod");
        Alb = Elb.AddLoadBalancer("web", Vpc, "application", "subnet-a", "subnet-b");
        Web = Elb.AddTargetGroup("web", "ip", 8080, Vpc);
        Elb.Attach(Web, Alb);
        WebInstance = Elb.AddTargetGroup("web-instance", "instance", 8080, Vpc);
        Elb.Attach(WebInstance, Alb);
        Orphan = Elb.AddTargetGroup("orphan", "ip", 8080, Vpc);
        WebV1 = Ecs.RegisterTaskDefinition("web", "awsvpc", new[] { "FARGATE" }, FakeEcs.Container("web", 8080), FakeEcs.Container("log-router"));
        WebV2 = Ecs.RegisterTaskDefinition("web", "awsvpc", new[] { "FARGATE" }, FakeEcs.Container("web", 8080), FakeEcs.Container("log-router"));
        Worker = Ecs.RegisterTaskDefinition("worker", "bridge", new[] { "EC2" }, FakeEcs.Container("worker", 8080));
        Endpoint = new LoopbackAwsEndpoint(Ecs, Elb);
    }

    public AwsClientOptions Aws => LoopbackClients.Options(Endpoint, Log);

    public void Capture(string line)
    {
        lock (Log) Log.Add(line);
    }

    public EcsServiceManager Manager(bool wait = false)
    {
        var ecs = new AmazonECSClient(Aws);
        var elb = new AmazonElasticLoadBalancingV2Client(Aws);
        _clients.Add(ecs);
        _clients.Add(elb);
        return new EcsServiceManager(ecs, elb, new EcsServiceOptions { Log = Capture, PollInterval = TimeSpan.Zero, Wait = wait });
    }

    /// <summary>Calls that change AWS.</summary>
    public List<RecordedCall> Changes() => Endpoint.CallsSnapshot().Where(c => c.Operation is "CreateService" or "UpdateService").ToList();

    public FakeEcs.Service Service(string name = "web", string cluster = "prod") => Ecs.Services.TryGetValue((cluster, name), out var s) ? s : null;

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
        Endpoint.Dispose();
    }
}

/// <summary>Service definitions in the seed post's ansible shape.</summary>
public static class Definitions
{
    /// <summary>The post's task, filled in: a Fargate service of 2 tasks behind the ALB's ip target group.</summary>
    public static string Web(EcsFixture f, string taskDefinition = "web:2", string targetGroup = null, string container = "web", int port = 8080,
        int desired = 2, string deployment = "minimum_healthy_percent: 100\n      maximum_percent: 200", int? grace = 120, int? start = 60, string extra = "")
    {
        var tg = targetGroup ?? f.Web.Arn;
        return $"""
            - name: Create service
              ecs_service:
                name: web
                cluster: prod
                task_definition: {taskDefinition}
                network_configuration:
                  assign_public_ip: no
                  security_groups: [sg-web]
                  subnets: [subnet-a, subnet-b]
                launch_type: FARGATE
                desired_count: {desired}
                load_balancers:
                  -
                    targetGroupArn: {tg}
                    containerName: {container}
                    containerPort: {port}
            {(grace != null ? $"    health_check_grace_period_seconds: {grace}\n" : "")}    deployment_configuration:
                  {deployment}
                region: eu-west-2
            {extra}
            {(start != null ? $"  vars:\n    ops_container_start_seconds: {start}\n" : "")}
            """;
    }
}
