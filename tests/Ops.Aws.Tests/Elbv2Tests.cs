using System.Text.Json.Nodes;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.ElasticLoadBalancingV2.Model;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Aws.Tests;

/// <summary>ELBv2 (for the ECS-service issue): query requests and XML answers of the second query service.</summary>
public class Elbv2Tests(ITestOutputHelper output)
{
    private sealed class StubElbv2 : IFakeService
    {
        public string ModelName => "elbv2";
        public JsonObject LastInput;

        public JsonObject Handle(string operation, JsonObject input, FakeRequestContext context)
        {
            LastInput = input;
            const string lb = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
            return operation switch
            {
                "DescribeTargetGroups" => new JsonObject
                {
                    ["TargetGroups"] = new JsonArray(new JsonObject
                    {
                        ["TargetGroupArn"] = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067",
                        ["TargetGroupName"] = "web", ["Protocol"] = "HTTP", ["Port"] = 80, ["VpcId"] = "vpc-1", ["TargetType"] = "ip",
                        ["HealthCheckPath"] = "/health", ["Matcher"] = new JsonObject { ["HttpCode"] = "200" },
                        ["LoadBalancerArns"] = new JsonArray(lb),
                    }),
                },
                "DescribeLoadBalancers" => new JsonObject
                {
                    ["LoadBalancers"] = new JsonArray(new JsonObject
                    {
                        ["LoadBalancerArn"] = lb, ["LoadBalancerName"] = "web", ["Type"] = "application", ["Scheme"] = "internet-facing",
                        ["VpcId"] = "vpc-1", ["State"] = new JsonObject { ["Code"] = "active" }, ["CreatedTime"] = 1767225600.0,
                        ["AvailabilityZones"] = new JsonArray(new JsonObject { ["ZoneName"] = "eu-west-2a", ["SubnetId"] = "subnet-1" }),
                    }),
                },
                _ => throw new FakeAwsException("InvalidAction", operation),
            };
        }
    }

    [Fact]
    public async Task Target_groups_and_load_balancers_are_read_through_the_query_protocol()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var stub = new StubElbv2();
        using var endpoint = new LoopbackAwsEndpoint(stub);
        using var client = new AmazonElasticLoadBalancingV2Client(TestClients.Options(endpoint));
        var groups = await client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = new() { "web" }, PageSize = 10 });
        var tg = Assert.Single(groups.TargetGroups!);
        Assert.Equal("ip", tg.TargetType);
        Assert.Equal(80, tg.Port);
        Assert.Equal("200", tg.Matcher.HttpCode);
        Assert.Single(tg.LoadBalancerArns!);
        Assert.Equal("web", (string)stub.LastInput["Names"]![0]);

        var lbs = await client.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = tg.LoadBalancerArns });
        var lb = Assert.Single(lbs.LoadBalancers!);
        Assert.Equal("vpc-1", lb.VpcId);
        Assert.Equal("active", lb.State.Code);
        Assert.Equal("subnet-1", lb.AvailabilityZones![0].SubnetId);
        Assert.Equal(2026, lb.CreatedTime!.Value.Year);
        Assert.Empty(endpoint.ModelViolations);
    }
}
