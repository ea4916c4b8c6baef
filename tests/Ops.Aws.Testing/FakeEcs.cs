using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>ECS services in memory, with the rules AWS applies when CreateService and UpdateService are called (the
/// errors it answers with, in its words): a task definition that does not exist, a load balancer entry whose
/// container is not in the task definition or whose port is not one of that container's port mappings, a target
/// group whose target type does not fit the network mode (ip for awsvpc, instance for bridge and host) or that no
/// load balancer uses, a missing or superfluous network configuration, a launch type the task definition does not
/// support, a second CreateService for an active service. Target groups come from a <see cref="FakeElbv2"/>.
/// A deployment is IN_PROGRESS for a few DescribeServices, then COMPLETED with every task running.</summary>
public sealed class FakeEcs : IFakeService
{
    public sealed class Service
    {
        public JsonObject Fields = new();
        public string Name => (string)Fields["serviceName"];
        public string Status { get => (string)Fields["status"]; set => Fields["status"] = value; }
        public int DescribesUntilStable;
        public int Deployments;
    }

    private readonly FakeElbv2 _elb;

    public FakeEcs(FakeElbv2 elb = null) => _elb = elb;

    public string ModelName => "ecs";
    public string Region { get; set; } = "eu-west-2";
    public string Account { get; set; } = "123456789012";
    public HashSet<string> Clusters { get; } = new(StringComparer.Ordinal) { "default" };
    /// <summary>Task definitions by ARN (camelCase JSON as DescribeTaskDefinition answers).</summary>
    public Dictionary<string, JsonObject> TaskDefinitions { get; } = new(StringComparer.Ordinal);
    /// <summary>Services by cluster name and service name.</summary>
    public Dictionary<(string Cluster, string Name), Service> Services { get; } = new();
    /// <summary>How many DescribeServices a new deployment stays IN_PROGRESS for.</summary>
    public int DeployingDescribes { get; set; } = 1;
    /// <summary>The rollout state a deployment ends in (FAILED to simulate the circuit breaker).</summary>
    public string RolloutOutcome { get; set; } = "COMPLETED";

    /// <summary>Registers a task definition (the next revision of the family) and returns its ARN.</summary>
    public string RegisterTaskDefinition(string family, string networkMode, string[] requiresCompatibilities, params JsonObject[] containers)
    {
        var revision = TaskDefinitions.Values.Count(t => (string)t["family"] == family) + 1;
        var arn = $"arn:aws:ecs:{Region}:{Account}:task-definition/{family}:{revision}";
        var compat = new JsonArray("EC2");
        if (networkMode == "awsvpc") compat.Add("FARGATE");
        TaskDefinitions[arn] = new JsonObject
        {
            ["taskDefinitionArn"] = arn, ["family"] = family, ["revision"] = revision, ["status"] = "ACTIVE", ["networkMode"] = networkMode,
            ["containerDefinitions"] = new JsonArray(containers.Select(c => (JsonNode)c.DeepClone()).ToArray()),
            ["compatibilities"] = compat,
            ["requiresCompatibilities"] = new JsonArray(requiresCompatibilities.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
            ["cpu"] = "256", ["memory"] = "512",
        };
        return arn;
    }

    /// <summary>A container definition with the given port mappings (TCP, host port = container port for awsvpc).</summary>
    public static JsonObject Container(string name, params int[] ports) => new()
    {
        ["name"] = name, ["image"] = $"123456789012.dkr.ecr.eu-west-2.amazonaws.com/{name}:latest", ["essential"] = true,
        ["portMappings"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["containerPort"] = p, ["hostPort"] = p, ["protocol"] = "tcp" }).ToArray()),
    };

    public JsonObject FindTaskDefinition(string reference)
    {
        if (reference == null) return null;
        if (TaskDefinitions.TryGetValue(reference, out var byArn)) return byArn;
        var name = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference[(reference.IndexOf('/') + 1)..] : reference;
        var colon = name.LastIndexOf(':');
        if (colon > 0)
        {
            var family = name[..colon];
            return int.TryParse(name[(colon + 1)..], out var rev)
                ? TaskDefinitions.Values.FirstOrDefault(t => (string)t["family"] == family && (int)t["revision"]! == rev)
                : null;
        }
        return TaskDefinitions.Values.Where(t => (string)t["family"] == name && (string)t["status"] == "ACTIVE").OrderByDescending(t => (int)t["revision"]!).FirstOrDefault();
    }

    private static string ClusterName(string cluster)
    {
        if (cluster == null) return "default";
        return cluster.StartsWith("arn:", StringComparison.Ordinal) ? cluster[(cluster.LastIndexOf('/') + 1)..] : cluster;
    }

    private string RequireCluster(JsonObject input)
    {
        var name = ClusterName((string)input["cluster"]);
        if (!Clusters.Contains(name)) throw new FakeAwsException("ClusterNotFoundException", "Cluster not found.");
        return name;
    }

    private static string ServiceName(string service) =>
        service != null && service.StartsWith("arn:", StringComparison.Ordinal) ? service[(service.LastIndexOf('/') + 1)..] : service;

    private static FakeAwsException Invalid(string message) => new("InvalidParameterException", message);

    /// <summary>The checks AWS makes of a service's task definition, network configuration and load balancers.</summary>
    private void Validate(JsonObject td, string launchType, JsonObject networkConfiguration, JsonArray loadBalancers)
    {
        var mode = (string)td["networkMode"] ?? "bridge";
        if (launchType == "FARGATE" && !(td["requiresCompatibilities"] as JsonArray ?? new JsonArray()).Any(c => (string)c == "FARGATE")
                                    && !(td["compatibilities"] as JsonArray ?? new JsonArray()).Any(c => (string)c == "FARGATE"))
            throw Invalid("Task definition does not support launch_type FARGATE.");
        if (mode == "awsvpc" && networkConfiguration == null)
            throw Invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        if (mode != "awsvpc" && networkConfiguration != null)
            throw Invalid("Network Configuration is not valid for the given networkMode of this task definition.");
        if (networkConfiguration?["awsvpcConfiguration"]?["assignPublicIp"] is JsonValue ip && (string)ip == "ENABLED" && launchType != "FARGATE")
            throw Invalid("Assign public IP is not supported for this launch type.");
        foreach (var lb in loadBalancers ?? new JsonArray())
        {
            var arn = (string)lb!["targetGroupArn"];
            var name = (string)lb["containerName"];
            var port = lb["containerPort"]?.GetValue<int>();
            if (string.IsNullOrEmpty(name)) throw Invalid("Container Name can not be blank.");
            if (arn == null) throw Invalid("Target Group ARN can not be blank.");
            var tg = _elb?.FindTargetGroup(arn) ?? throw Invalid($"Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.");
            var container = (td["containerDefinitions"] as JsonArray ?? new JsonArray()).FirstOrDefault(c => (string)c!["name"] == name)
                            ?? throw Invalid($"The container {name} does not exist in the task definition.");
            if (port == null || !(container["portMappings"] as JsonArray ?? new JsonArray()).Any(p => p!["containerPort"]?.GetValue<int>() == port))
                throw Invalid($"The container {name} did not have a container port {port?.ToString() ?? "null"} defined.");
            if (tg.TargetType == "instance" && mode == "awsvpc")
                throw Invalid($"The provided target group {arn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.");
            if (tg.TargetType == "ip" && mode is "bridge" or "host")
                throw Invalid($"The provided target group {arn} has target type ip, which is incompatible with the {mode} network mode specified in the task definition.");
            if (tg.LoadBalancerArns.Count == 0)
                throw Invalid($"The target group with targetGroupArn {arn} does not have an associated load balancer.");
        }
    }

    private JsonObject RequireTaskDefinition(string reference) =>
        FindTaskDefinition(reference) ?? throw new FakeAwsException("ClientException", "TaskDefinition not found.");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private void StartDeployment(Service s)
    {
        s.Deployments++;
        s.DescribesUntilStable = DeployingDescribes;
        var f = s.Fields;
        var deployment = new JsonObject
        {
            ["id"] = $"ecs-svc/{1000000000000000000L + s.Deployments}", ["status"] = "PRIMARY", ["taskDefinition"] = (string)f["taskDefinition"],
            ["desiredCount"] = f["desiredCount"]!.GetValue<int>(), ["pendingCount"] = 0, ["runningCount"] = 0, ["failedTasks"] = 0,
            ["createdAt"] = Now(), ["updatedAt"] = Now(), ["rolloutState"] = DeployingDescribes > 0 ? "IN_PROGRESS" : RolloutOutcome,
            ["rolloutStateReason"] = DeployingDescribes > 0 ? "ECS deployment in progress." : Reason(RolloutOutcome),
        };
        if (f["launchType"] != null) deployment["launchType"] = (string)f["launchType"];
        if (f["networkConfiguration"] != null) deployment["networkConfiguration"] = f["networkConfiguration"]!.DeepClone();
        var list = new JsonArray(deployment);
        foreach (var d in f["deployments"] as JsonArray ?? new JsonArray())
            if ((string)d!["status"] == "PRIMARY" && (string)d["rolloutState"] == "IN_PROGRESS")
            {
                var active = d.DeepClone().AsObject();
                active["status"] = "ACTIVE";
                list.Add(active);
            }
        f["deployments"] = list;
        if (DeployingDescribes == 0 && RolloutOutcome == "COMPLETED") f["runningCount"] = f["desiredCount"]!.GetValue<int>();
    }

    private static string Reason(string outcome) => outcome == "COMPLETED"
        ? "ECS deployment completed."
        : "ECS deployment circuit breaker: tasks failed to start.";

    public JsonObject Handle(string operation, JsonObject input, FakeRequestContext context)
    {
        switch (operation)
        {
            case "DescribeTaskDefinition":
            {
                var td = FindTaskDefinition((string)input["taskDefinition"]) ?? throw new FakeAwsException("ClientException", "Unable to describe task definition.");
                return new JsonObject { ["taskDefinition"] = td.DeepClone() };
            }
            case "DescribeClusters":
            {
                // Not called by Ops's client; the AWS CLI's describe-clusters reads it (an offline snapshot's clusters).
                var clusters = new JsonArray();
                var failures = new JsonArray();
                var names = input["clusters"] is JsonArray wanted ? wanted.Select(c => ClusterName((string)c)).ToList() : new List<string> { "default" };
                foreach (var name in names)
                {
                    var arn = $"arn:aws:ecs:{Region}:{Account}:cluster/{name}";
                    if (Clusters.Contains(name))
                        clusters.Add(new JsonObject
                        {
                            ["clusterArn"] = arn, ["clusterName"] = name, ["status"] = "ACTIVE",
                            ["activeServicesCount"] = Services.Keys.Count(k => k.Item1 == name),
                        });
                    else failures.Add(new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
                }
                return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
            }
            case "DescribeServices":
            {
                var cluster = RequireCluster(input);
                var services = new JsonArray();
                var failures = new JsonArray();
                foreach (var n in input["services"]!.AsArray())
                {
                    var name = ServiceName((string)n);
                    if (Services.TryGetValue((cluster, name), out var s))
                    {
                        if (s.DescribesUntilStable > 0 && --s.DescribesUntilStable == 0) Settle(s);
                        services.Add(s.Fields.DeepClone());
                    }
                    else failures.Add(new JsonObject { ["arn"] = $"arn:aws:ecs:{Region}:{Account}:service/{cluster}/{name}", ["reason"] = "MISSING" });
                }
                return new JsonObject { ["services"] = services, ["failures"] = failures };
            }
            case "CreateService":
            {
                var cluster = RequireCluster(input);
                var name = (string)input["serviceName"];
                if (Services.TryGetValue((cluster, name), out var existing) && existing.Status != "INACTIVE")
                    throw Invalid("Creation of service was not idempotent.");
                var td = RequireTaskDefinition((string)input["taskDefinition"]);
                var launchType = (string)input["launchType"] ?? "EC2";
                Validate(td, launchType, input["networkConfiguration"] as JsonObject, input["loadBalancers"] as JsonArray);
                var s = new Service();
                var f = s.Fields;
                f["serviceArn"] = $"arn:aws:ecs:{Region}:{Account}:service/{cluster}/{name}";
                f["serviceName"] = name;
                f["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{cluster}";
                f["loadBalancers"] = input["loadBalancers"]?.DeepClone() ?? new JsonArray();
                f["status"] = "ACTIVE";
                f["desiredCount"] = input["desiredCount"]?.GetValue<int>() ?? 0;
                f["runningCount"] = 0;
                f["pendingCount"] = 0;
                f["launchType"] = launchType;
                if (launchType == "FARGATE") f["platformVersion"] = (string)input["platformVersion"] ?? "LATEST";
                f["taskDefinition"] = (string)td["taskDefinitionArn"];
                var dc = input["deploymentConfiguration"]?.DeepClone().AsObject() ?? new JsonObject();
                dc["maximumPercent"] ??= 200;
                dc["minimumHealthyPercent"] ??= 100;
                dc["deploymentCircuitBreaker"] ??= new JsonObject { ["enable"] = false, ["rollback"] = false };
                f["deploymentConfiguration"] = dc;
                if (input["networkConfiguration"] != null) f["networkConfiguration"] = input["networkConfiguration"]!.DeepClone();
                if ((input["loadBalancers"] as JsonArray)?.Count > 0 || input["healthCheckGracePeriodSeconds"] != null)
                    f["healthCheckGracePeriodSeconds"] = input["healthCheckGracePeriodSeconds"]?.GetValue<int>() ?? 0;
                f["schedulingStrategy"] = (string)input["schedulingStrategy"] ?? "REPLICA";
                f["deploymentController"] = new JsonObject { ["type"] = "ECS" };
                f["createdAt"] = Now();
                f["enableExecuteCommand"] = input["enableExecuteCommand"]?.GetValue<bool>() ?? false;
                if (input["tags"] is JsonArray tags && tags.Count > 0) f["tags"] = tags.DeepClone();
                if (input["role"] != null) f["roleArn"] = (string)input["role"];
                Services[(cluster, name)] = s;
                StartDeployment(s);
                return new JsonObject { ["service"] = f.DeepClone() };
            }
            case "UpdateService":
            {
                var cluster = RequireCluster(input);
                var name = ServiceName((string)input["service"]);
                if (!Services.TryGetValue((cluster, name), out var s)) throw new FakeAwsException("ServiceNotFoundException", "Service not found.");
                if (s.Status != "ACTIVE") throw new FakeAwsException("ServiceNotActiveException", "Service was not ACTIVE.");
                var f = s.Fields;
                var td = input["taskDefinition"] is JsonValue tdRef ? RequireTaskDefinition(tdRef.GetValue<string>()) : FindTaskDefinition((string)f["taskDefinition"]);
                var network = input["networkConfiguration"] as JsonObject ?? f["networkConfiguration"] as JsonObject;
                var lbs = input["loadBalancers"] as JsonArray ?? f["loadBalancers"] as JsonArray;
                Validate(td!, (string)f["launchType"], network, lbs);
                bool deploy = input["forceNewDeployment"]?.GetValue<bool>() == true;
                if (input["taskDefinition"] != null && (string)td!["taskDefinitionArn"] != (string)f["taskDefinition"]) { f["taskDefinition"] = (string)td["taskDefinitionArn"]; deploy = true; }
                if (input["networkConfiguration"] != null && input["networkConfiguration"]!.ToJsonString() != f["networkConfiguration"]?.ToJsonString()) { f["networkConfiguration"] = input["networkConfiguration"]!.DeepClone(); deploy = true; }
                if (input["loadBalancers"] != null && input["loadBalancers"]!.ToJsonString() != f["loadBalancers"]?.ToJsonString()) { f["loadBalancers"] = input["loadBalancers"]!.DeepClone(); deploy = true; }
                if (input["platformVersion"] != null && (string)input["platformVersion"] != (string)f["platformVersion"]) { f["platformVersion"] = (string)input["platformVersion"]; deploy = true; }
                if (input["desiredCount"] != null)
                {
                    f["desiredCount"] = input["desiredCount"]!.GetValue<int>();
                    if (!deploy) f["runningCount"] = f["desiredCount"]!.GetValue<int>();
                }
                if (input["deploymentConfiguration"] is JsonObject dc)
                {
                    var current = f["deploymentConfiguration"]!.AsObject();
                    foreach (var (k, v) in dc) current[k] = v?.DeepClone();
                }
                if (input["healthCheckGracePeriodSeconds"] != null) f["healthCheckGracePeriodSeconds"] = input["healthCheckGracePeriodSeconds"]!.GetValue<int>();
                if (input["enableExecuteCommand"] != null) f["enableExecuteCommand"] = input["enableExecuteCommand"]!.GetValue<bool>();
                if (deploy) StartDeployment(s);
                return new JsonObject { ["service"] = f.DeepClone() };
            }
            default:
                throw new FakeAwsException("InvalidAction", $"{operation} is not simulated");
        }
    }

    private void Settle(Service s)
    {
        var f = s.Fields;
        var deployments = f["deployments"]!.AsArray();
        var primary = deployments.First(d => (string)d!["status"] == "PRIMARY")!;
        primary["rolloutState"] = RolloutOutcome;
        primary["rolloutStateReason"] = Reason(RolloutOutcome);
        if (RolloutOutcome == "COMPLETED")
        {
            primary["runningCount"] = f["desiredCount"]!.GetValue<int>();
            f["runningCount"] = f["desiredCount"]!.GetValue<int>();
            f["deployments"] = new JsonArray(primary.DeepClone());
        }
        else
        {
            primary["failedTasks"] = 3;
        }
    }

    /// <summary>A service that exists before the test (created by someone else, e.g. by ansible).</summary>
    public Service Seed(string cluster, string name, JsonObject createServiceInput)
    {
        createServiceInput["cluster"] = cluster;
        createServiceInput["serviceName"] = name;
        var saved = DeployingDescribes;
        DeployingDescribes = 0;
        try { Handle("CreateService", createServiceInput, new FakeRequestContext { Region = Region, Account = Account }); }
        finally { DeployingDescribes = saved; }
        return Services[(cluster, name)];
    }
}
