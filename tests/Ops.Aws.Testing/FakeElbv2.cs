using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>Elastic Load Balancing v2 in memory: load balancers, target groups (with their health-check settings and
/// attributes) and which load balancers a target group is attached to, through a listener or a rule. Answers as
/// AWS does: unknown ARNs or names fail the whole call, a target group lists the load balancers whose listeners
/// forward to it (none when it is not used by any), attributes have AWS's defaults.</summary>
public sealed class FakeElbv2 : IFakeService
{
    public sealed class TargetGroup
    {
        public JsonObject Fields = new();
        public Dictionary<string, string> Attributes = new(StringComparer.Ordinal);
        public string Arn => (string)Fields["TargetGroupArn"];
        public string Name => (string)Fields["TargetGroupName"];
        public string TargetType => (string)Fields["TargetType"];
        public string VpcId => (string)Fields["VpcId"];
        public List<string> LoadBalancerArns = new();
    }

    public sealed class LoadBalancer
    {
        public JsonObject Fields = new();
        public string Arn => (string)Fields["LoadBalancerArn"];
        public string VpcId => (string)Fields["VpcId"];
    }

    public string ModelName => "elbv2";
    public string Region { get; set; } = "eu-west-2";
    public string Account { get; set; } = "123456789012";
    public Dictionary<string, TargetGroup> TargetGroups { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, LoadBalancer> LoadBalancers { get; } = new(StringComparer.Ordinal);
    private int _ids;

    private string Id() => (0x50dc6c495c0c9188L + 7919L * Interlocked.Increment(ref _ids)).ToString("x16");

    /// <summary>An application (or network) load balancer in a VPC, with one subnet per availability zone.</summary>
    public LoadBalancer AddLoadBalancer(string name, string vpcId = "vpc-0a1b2c3d", string type = "application", params string[] subnets)
    {
        var arn = $"arn:aws:elasticloadbalancing:{Region}:{Account}:loadbalancer/{(type == "network" ? "net" : "app")}/{name}/{Id()}";
        var zones = new JsonArray();
        var subnetList = subnets.Length > 0 ? subnets : new[] { "subnet-a", "subnet-b" };
        for (int i = 0; i < subnetList.Length; i++)
            zones.Add(new JsonObject { ["ZoneName"] = $"{Region}{(char)('a' + i)}", ["SubnetId"] = subnetList[i] });
        var lb = new LoadBalancer
        {
            Fields = new JsonObject
            {
                ["LoadBalancerArn"] = arn, ["LoadBalancerName"] = name, ["Type"] = type, ["Scheme"] = "internet-facing",
                ["VpcId"] = vpcId, ["State"] = new JsonObject { ["Code"] = "active" }, ["CreatedTime"] = 1767225600.0,
                ["DNSName"] = $"{name}-1234567890.{Region}.elb.amazonaws.com", ["CanonicalHostedZoneId"] = "ZHURV8PSTC4K8",
                ["AvailabilityZones"] = zones, ["IpAddressType"] = "ipv4",
            },
        };
        if (type == "application") lb.Fields["SecurityGroups"] = new JsonArray("sg-alb");
        LoadBalancers[arn] = lb;
        return lb;
    }

    /// <summary>A target group with AWS's default health checks for HTTP (every 30 s, timeout 5 s, healthy after 5
    /// passing checks, unhealthy after 2 failures, path /, the traffic port) and a deregistration delay of 300 s.</summary>
    public TargetGroup AddTargetGroup(string name, string targetType = "ip", int port = 80, string vpcId = "vpc-0a1b2c3d", string protocol = "HTTP")
    {
        var arn = $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/{name}/{Id()}";
        var http = protocol is "HTTP" or "HTTPS";
        var tg = new TargetGroup
        {
            Fields = new JsonObject
            {
                ["TargetGroupArn"] = arn, ["TargetGroupName"] = name, ["Protocol"] = protocol, ["Port"] = port, ["VpcId"] = vpcId,
                ["HealthCheckProtocol"] = http ? protocol : "TCP", ["HealthCheckPort"] = "traffic-port", ["HealthCheckEnabled"] = true,
                ["HealthCheckIntervalSeconds"] = 30, ["HealthCheckTimeoutSeconds"] = 5, ["HealthyThresholdCount"] = 5,
                ["UnhealthyThresholdCount"] = 2, ["TargetType"] = targetType, ["IpAddressType"] = "ipv4",
            },
        };
        if (http)
        {
            tg.Fields["HealthCheckPath"] = "/";
            tg.Fields["Matcher"] = new JsonObject { ["HttpCode"] = "200" };
            tg.Fields["ProtocolVersion"] = "HTTP1";
        }
        tg.Attributes["deregistration_delay.timeout_seconds"] = "300";
        tg.Attributes["stickiness.enabled"] = "false";
        tg.Attributes["stickiness.type"] = "lb_cookie";
        tg.Attributes["load_balancing.algorithm.type"] = "round_robin";
        tg.Attributes["slow_start.duration_seconds"] = "0";
        TargetGroups[arn] = tg;
        return tg;
    }

    /// <summary>A listener (or rule) of the load balancer forwards to the target group.</summary>
    public void Attach(TargetGroup tg, LoadBalancer lb)
    {
        if (!tg.LoadBalancerArns.Contains(lb.Arn)) tg.LoadBalancerArns.Add(lb.Arn);
    }

    public TargetGroup FindTargetGroup(string arn) => arn != null && TargetGroups.TryGetValue(arn, out var tg) ? tg : null;

    public JsonObject Handle(string operation, JsonObject input, FakeRequestContext context)
    {
        switch (operation)
        {
            case "DescribeTargetGroups":
            {
                IEnumerable<TargetGroup> found = TargetGroups.Values;
                if (input["TargetGroupArns"] is JsonArray arns)
                    found = arns.Select(a => FindTargetGroup((string)a) ?? throw new FakeAwsException("TargetGroupNotFound", "One or more target groups not found")).ToList();
                if (input["Names"] is JsonArray names)
                    found = names.Select(n => TargetGroups.Values.FirstOrDefault(t => t.Name == (string)n) ?? throw new FakeAwsException("TargetGroupNotFound", "One or more target groups not found")).ToList();
                if (input["LoadBalancerArn"] is JsonValue lbArn)
                {
                    var arn = lbArn.GetValue<string>();
                    if (!LoadBalancers.ContainsKey(arn)) throw new FakeAwsException("LoadBalancerNotFound", "One or more load balancers not found");
                    found = found.Where(t => t.LoadBalancerArns.Contains(arn)).ToList();
                }
                var list = new JsonArray();
                foreach (var tg in found)
                {
                    var o = tg.Fields.DeepClone().AsObject();
                    o["LoadBalancerArns"] = new JsonArray(tg.LoadBalancerArns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
                    list.Add(o);
                }
                return new JsonObject { ["TargetGroups"] = list };
            }
            case "DescribeLoadBalancers":
            {
                IEnumerable<LoadBalancer> found = LoadBalancers.Values;
                if (input["LoadBalancerArns"] is JsonArray arns)
                    found = arns.Select(a => LoadBalancers.TryGetValue((string)a, out var lb) ? lb : throw new FakeAwsException("LoadBalancerNotFound", "One or more load balancers not found")).ToList();
                if (input["Names"] is JsonArray names)
                    found = names.Select(n => LoadBalancers.Values.FirstOrDefault(l => (string)l.Fields["LoadBalancerName"] == (string)n) ?? throw new FakeAwsException("LoadBalancerNotFound", "One or more load balancers not found")).ToList();
                return new JsonObject { ["LoadBalancers"] = new JsonArray(found.Select(l => (JsonNode)l.Fields.DeepClone()).ToArray()) };
            }
            case "DescribeTargetGroupAttributes":
            {
                var tg = FindTargetGroup((string)input["TargetGroupArn"]) ?? throw new FakeAwsException("TargetGroupNotFound", "One or more target groups not found");
                return new JsonObject
                {
                    ["Attributes"] = new JsonArray(tg.Attributes.Select(a => (JsonNode)new JsonObject { ["Key"] = a.Key, ["Value"] = a.Value }).ToArray()),
                };
            }
            default:
                throw new FakeAwsException("InvalidAction", $"{operation} is not simulated");
        }
    }
}
