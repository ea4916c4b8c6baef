using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.EcsService;

/// <summary>One ECS service as the seed post's ansible task declares it: the arguments of <c>ecs_service</c> (its
/// snake_case names; the AWS API's camelCase names are accepted too, as in the post's <c>load_balancers</c> block),
/// plus what Ops needs to check the deployment (<c>ops:</c>, or <c>ops_*</c> task vars in a playbook).
/// <para>The file is either the arguments themselves (a mapping, optionally under <c>ecs_service:</c>), or an
/// ansible task list or playbook holding exactly one <c>ecs_service</c> task.</para></summary>
public sealed class EcsServiceConfig
{
    public string Region { get; set; }
    public string Profile { get; set; }
    public string EndpointUrl { get; set; }
    public string Name { get; set; }
    public string Cluster { get; set; } = "default";
    public string TaskDefinition { get; set; }
    public int? DesiredCount { get; set; }
    /// <summary>FARGATE, EC2 or EXTERNAL; null: the cluster's default capacity provider, else EC2.</summary>
    public string LaunchType { get; set; }
    public string PlatformVersion { get; set; }
    public NetworkSettings Network { get; set; }
    public List<LoadBalancerSpec> LoadBalancers { get; set; } = new();
    public int? HealthCheckGracePeriodSeconds { get; set; }
    public DeploymentSettings Deployment { get; set; } = new();
    public string Role { get; set; }
    public bool? EnableExecuteCommand { get; set; }
    public Dictionary<string, string> Tags { get; set; }
    public bool ForceNewDeployment { get; set; }
    /// <summary>Wait until the deployment is complete (ansible's wait).</summary>
    public bool Wait { get; set; }
    public string SchedulingStrategy { get; set; }
    public string DeploymentControllerType { get; set; }

    /// <summary>Seconds from a task's start until its container answers the health check (ops.container_start_seconds).</summary>
    public int? ContainerStartSeconds { get; set; }
    /// <summary>Healthy targets that must serve at every moment of a deployment (ops.min_serving_tasks; default 1).</summary>
    public int? MinServingTasks { get; set; }
    /// <summary>The path the application answers health checks on (ops.health_check_path), checked against the target group.</summary>
    public string HealthCheckPath { get; set; }

    /// <summary>Arguments ansible knows that Ops does not apply (reported as warnings).</summary>
    public List<string> NotApplied { get; } = new();
    /// <summary>The file it was read from, or null.</summary>
    public string SourcePath { get; set; }
    /// <summary>Where in the file the service was found ("the file", "task 'Create service'").</summary>
    public string Origin { get; set; } = "the file";

    public string Id => $"{Cluster}/{Name}";

    public static EcsServiceConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: no such file");
        var config = Parse(File.ReadAllText(path), path);
        config.SourcePath = Path.GetFullPath(path);
        return config;
    }

    public static EcsServiceConfig Parse(string yaml, string name = "configuration")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{name}:{e.Start.Line}:{e.Start.Column}: {FirstLine(e.Message)}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new ConfigException($"{name}: the file is empty");
        return new Reader(name).Read(stream.Documents[0].RootNode);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>Lower case without underscores: task_definition, taskDefinition and TaskDefinition are one key.</summary>
    internal static string Key(string k) => k.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private sealed class Reader(string file)
    {
        private static readonly HashSet<string> ModuleNames = new(StringComparer.Ordinal)
        {
            "ecs_service", "community.aws.ecs_service", "amazon.aws.ecs_service",
        };

        private static readonly HashSet<string> Credentials = new(StringComparer.Ordinal)
        {
            Key("aws_access_key"), Key("aws_secret_key"), Key("access_key"), Key("secret_key"), Key("aws_access_key_id"),
            Key("aws_secret_access_key"), Key("security_token"), Key("session_token"), Key("aws_session_token"), Key("aws_security_token"),
            Key("ec2_access_key"), Key("ec2_secret_key"),
        };

        /// <summary>ecs_service arguments ansible accepts and Ops reads but does not apply.</summary>
        private static readonly HashSet<string> NotAppliedKeys = new(StringComparer.Ordinal)
        {
            Key("placement_constraints"), Key("placement_strategy"), Key("service_registries"), Key("capacity_provider_strategy"),
            Key("propagate_tags"), Key("purge_placement_constraints"), Key("purge_placement_strategy"), Key("delay"), Key("repeat"),
            Key("client_token"), Key("validate_certs"), Key("debug_botocore_endpoint_logs"), Key("purge_tags"), Key("wait_timeout"),
            Key("timeout"), Key("enable_ecs_managed_tags"), Key("service_connect_configuration"),
        };

        public EcsServiceConfig Read(YamlNode root)
        {
            var c = new EcsServiceConfig();
            YamlMappingNode args;
            YamlMappingNode ops = null;
            switch (root)
            {
                case YamlMappingNode map:
                {
                    var module = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && ModuleNames.Contains(k.Value!));
                    if (module.Key != null)
                    {
                        args = module.Value as YamlMappingNode ?? throw Error(module.Value, "ecs_service: must be a mapping of its arguments");
                        foreach (var (k, v) in map.Children)
                        {
                            var key = Scalar(k);
                            if (key == ((YamlScalarNode)module.Key).Value) continue;
                            if (key == "ops") ops = v as YamlMappingNode ?? throw Error(v, "ops: must be a mapping");
                            else if (Key(key) == "region") c.Region = Text(v, "region");
                            else throw Error(k, $"unknown top-level key '{key}' (the service's arguments go under {((YamlScalarNode)module.Key).Value}:, Ops's settings under ops:)");
                        }
                    }
                    else
                    {
                        args = new YamlMappingNode();
                        foreach (var (k, v) in map.Children)
                        {
                            if (Scalar(k) == "ops") ops = v as YamlMappingNode ?? throw Error(v, "ops: must be a mapping");
                            else args.Add(k, v);
                        }
                    }
                    break;
                }
                case YamlSequenceNode seq:
                {
                    var tasks = new List<(YamlMappingNode Task, YamlMappingNode Args)>();
                    FindTasks(seq, tasks, 0);
                    if (tasks.Count == 0) throw new ConfigException($"{file}: the playbook has no ecs_service task");
                    if (tasks.Count > 1)
                        throw new ConfigException($"{file}: the playbook has {tasks.Count} ecs_service tasks ({string.Join(", ", tasks.Select(t => $"'{TaskName(t.Task)}' at line {t.Task.Start.Line}"))}); give Ops a file with one");
                    var (task, a) = tasks[0];
                    args = a;
                    c.Origin = $"task '{TaskName(task)}'";
                    if (Child(task, "vars") is YamlMappingNode vars)
                    {
                        var fromVars = new YamlMappingNode();
                        foreach (var (k, v) in vars.Children)
                            if (Scalar(k).StartsWith("ops_", StringComparison.Ordinal)) fromVars.Add(new YamlScalarNode(Scalar(k)[4..]), v);
                        if (fromVars.Children.Count > 0) ops = fromVars;
                    }
                    break;
                }
                default:
                    throw Error(root, "expected the ecs_service arguments (a mapping) or an ansible task list");
            }
            ReadArgs(args, c);
            if (ops != null) ReadOps(ops, c);
            return c;
        }

        private static string TaskName(YamlMappingNode task) => Child(task, "name") is YamlScalarNode n ? n.Value : "(unnamed)";

        private static void FindTasks(YamlSequenceNode seq, List<(YamlMappingNode, YamlMappingNode)> into, int depth)
        {
            if (depth > 8) return;
            foreach (var item in seq.Children.OfType<YamlMappingNode>())
            {
                foreach (var (k, v) in item.Children)
                {
                    var key = (k as YamlScalarNode)?.Value;
                    if (key == null) continue;
                    if (ModuleNames.Contains(key) && v is YamlMappingNode args) into.Add((item, args));
                    else if (key is "tasks" or "pre_tasks" or "post_tasks" or "handlers" or "block" or "rescue" or "always" && v is YamlSequenceNode inner)
                        FindTasks(inner, into, depth + 1);
                }
            }
        }

        private void ReadArgs(YamlMappingNode args, EcsServiceConfig c)
        {
            foreach (var (k, v) in args.Children)
            {
                var raw = Scalar(k);
                var key = Key(raw);
                if (Credentials.Contains(key))
                    throw Error(k, $"{raw}: AWS credentials are never read from the file; use a profile (-ProfileName / -profile), the environment or an instance role");
                switch (key)
                {
                    case "name": c.Name = Text(v, raw); break;
                    case "cluster": c.Cluster = Text(v, raw) ?? "default"; break;
                    case "taskdefinition": c.TaskDefinition = Text(v, raw); break;
                    case "desiredcount": c.DesiredCount = Int(v, raw); break;
                    case "launchtype": c.LaunchType = Text(v, raw)?.ToUpperInvariant(); break;
                    case "platformversion": c.PlatformVersion = Text(v, raw); break;
                    case "region": case "awsregion": case "ec2region": c.Region = Text(v, raw); break;
                    case "profile": case "awsprofile": c.Profile = Text(v, raw); break;
                    case "endpointurl": case "awsendpointurl": case "ec2url": c.EndpointUrl = Text(v, raw); break;
                    case "role": c.Role = Text(v, raw); break;
                    case "healthcheckgraceperiodseconds": c.HealthCheckGracePeriodSeconds = Int(v, raw); break;
                    case "enableexecutecommand": c.EnableExecuteCommand = Bool(v, raw); break;
                    case "forcenewdeployment": c.ForceNewDeployment = Bool(v, raw) ?? false; break;
                    case "wait": c.Wait = Bool(v, raw) ?? false; break;
                    case "schedulingstrategy": c.SchedulingStrategy = Text(v, raw)?.ToUpperInvariant(); break;
                    case "state":
                    {
                        var state = Text(v, raw);
                        if (state is not (null or "present"))
                            throw Error(v, $"state: {state} is not supported: Ops creates or updates a service (state: present)");
                        break;
                    }
                    case "tags":
                        c.Tags = (v as YamlMappingNode ?? throw Error(v, "tags: must be a mapping of names to values")).Children
                            .ToDictionary(t => Scalar(t.Key), t => Text(t.Value, "tags." + Scalar(t.Key)) ?? "", StringComparer.Ordinal);
                        break;
                    case "networkconfiguration": c.Network = ReadNetwork(v, raw); break;
                    case "loadbalancers": c.LoadBalancers = ReadLoadBalancers(v, raw); break;
                    case "deploymentconfiguration": ReadDeployment(v, raw, c.Deployment); break;
                    case "deploymentcontroller":
                    {
                        var m = v as YamlMappingNode ?? throw Error(v, $"{raw}: must be a mapping");
                        foreach (var (dk, dv) in m.Children)
                            if (Key(Scalar(dk)) is "deploymentcontrollertype" or "type") c.DeploymentControllerType = Text(dv, raw + "." + Scalar(dk))?.ToUpperInvariant();
                            else throw Error(dk, $"unknown key {raw}.{Scalar(dk)}");
                        break;
                    }
                    default:
                        if (NotAppliedKeys.Contains(key)) { c.NotApplied.Add(raw); break; }
                        throw Error(k, $"unknown ecs_service argument '{raw}'{Suggest(key)}");
                }
            }
        }

        private static readonly string[] Known =
        {
            "name", "cluster", "task_definition", "desired_count", "launch_type", "platform_version", "network_configuration",
            "load_balancers", "health_check_grace_period_seconds", "deployment_configuration", "role", "enable_execute_command",
            "tags", "force_new_deployment", "wait", "state", "region", "profile", "scheduling_strategy", "deployment_controller",
        };

        private static string Suggest(string key)
        {
            var best = Known.Select(k => (k, d: Distance(Key(k), key))).OrderBy(x => x.d).First();
            return best.d <= 3 ? $" (did you mean {best.k}?)" : "";
        }

        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
                for (int j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }

        private NetworkSettings ReadNetwork(YamlNode v, string raw)
        {
            var m = v as YamlMappingNode ?? throw Error(v, $"{raw}: must be a mapping (subnets, security_groups, assign_public_ip)");
            var n = new NetworkSettings();
            foreach (var (k, val) in m.Children)
            {
                var name = Scalar(k);
                switch (Key(name))
                {
                    case "subnets": n.Subnets = List(val, $"{raw}.{name}"); break;
                    case "securitygroups": n.SecurityGroups = List(val, $"{raw}.{name}"); break;
                    case "assignpublicip":
                    {
                        var text = Text(val, $"{raw}.{name}");
                        n.AssignPublicIp = text?.ToUpperInvariant() switch
                        {
                            "ENABLED" => true,
                            "DISABLED" => false,
                            _ => Bool(val, $"{raw}.{name}"),
                        };
                        break;
                    }
                    case "awsvpcconfiguration":
                    {
                        var inner = ReadNetwork(val, $"{raw}.{name}");
                        n.Subnets ??= inner.Subnets;
                        n.SecurityGroups ??= inner.SecurityGroups;
                        n.AssignPublicIp ??= inner.AssignPublicIp;
                        break;
                    }
                    default: throw Error(k, $"unknown key {raw}.{name} (subnets, security_groups, assign_public_ip)");
                }
            }
            return n;
        }

        private List<LoadBalancerSpec> ReadLoadBalancers(YamlNode v, string raw)
        {
            var seq = v as YamlSequenceNode ?? throw Error(v, $"{raw}: must be a list, one entry per target group: - {{targetGroupArn: ..., containerName: ..., containerPort: ...}}");
            var list = new List<LoadBalancerSpec>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var item = seq.Children[i] as YamlMappingNode
                           ?? throw Error(seq.Children[i], $"{raw}[{i}] must be a mapping with targetGroupArn, containerName and containerPort (the AWS API's names)");
                var lb = new LoadBalancerSpec { Index = i, Line = (int)item.Start.Line };
                foreach (var (k, val) in item.Children)
                {
                    var name = Scalar(k);
                    switch (Key(name))
                    {
                        case "targetgrouparn": lb.TargetGroupArn = Text(val, $"{raw}[{i}].{name}"); break;
                        case "containername": lb.ContainerName = Text(val, $"{raw}[{i}].{name}"); break;
                        case "containerport": lb.ContainerPort = Int(val, $"{raw}[{i}].{name}"); break;
                        case "loadbalancername": lb.LoadBalancerName = Text(val, $"{raw}[{i}].{name}"); break;
                        default: throw Error(k, $"unknown key {raw}[{i}].{name}: an entry takes targetGroupArn, containerName and containerPort (or loadBalancerName for a Classic Load Balancer)");
                    }
                }
                list.Add(lb);
            }
            return list;
        }

        private void ReadDeployment(YamlNode v, string raw, DeploymentSettings d)
        {
            var m = v as YamlMappingNode ?? throw Error(v, $"{raw}: must be a mapping (minimum_healthy_percent, maximum_percent, deployment_circuit_breaker)");
            foreach (var (k, val) in m.Children)
            {
                var name = Scalar(k);
                switch (Key(name))
                {
                    case "minimumhealthypercent": d.MinimumHealthyPercent = Int(val, $"{raw}.{name}"); break;
                    case "maximumpercent": d.MaximumPercent = Int(val, $"{raw}.{name}"); break;
                    case "deploymentcircuitbreaker":
                    {
                        var cb = val as YamlMappingNode ?? throw Error(val, $"{raw}.{name}: must be a mapping (enable, rollback)");
                        foreach (var (ck, cv) in cb.Children)
                        {
                            var cname = Scalar(ck);
                            switch (Key(cname))
                            {
                                case "enable": d.CircuitBreakerEnable = Bool(cv, $"{raw}.{name}.{cname}"); break;
                                case "rollback": d.CircuitBreakerRollback = Bool(cv, $"{raw}.{name}.{cname}"); break;
                                default: throw Error(ck, $"unknown key {raw}.{name}.{cname} (enable, rollback)");
                            }
                        }
                        break;
                    }
                    case "alarms": throw Error(k, $"{raw}.{name}: CloudWatch alarm rollbacks are not supported by Ops yet");
                    default: throw Error(k, $"unknown key {raw}.{name} (minimum_healthy_percent, maximum_percent, deployment_circuit_breaker)");
                }
            }
        }

        private void ReadOps(YamlMappingNode ops, EcsServiceConfig c)
        {
            foreach (var (k, v) in ops.Children)
            {
                var name = Scalar(k);
                switch (Key(name))
                {
                    case "containerstartseconds": c.ContainerStartSeconds = Int(v, "ops." + name); break;
                    case "minservingtasks": c.MinServingTasks = Int(v, "ops." + name); break;
                    case "healthcheckpath": c.HealthCheckPath = Text(v, "ops." + name); break;
                    default: throw Error(k, $"unknown Ops setting '{name}' (container_start_seconds, min_serving_tasks, health_check_path)");
                }
            }
        }

        private static YamlNode Child(YamlMappingNode m, string key) =>
            m.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

        private string Scalar(YamlNode n) => n is YamlScalarNode s && s.Value != null ? s.Value : throw Error(n, "expected a plain key");

        private string Text(YamlNode n, string what)
        {
            if (n is not YamlScalarNode s) throw Error(n, $"{what}: expected a single value");
            if (s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL") return null;
            if (s.Value != null && s.Value.Contains("{{", StringComparison.Ordinal))
                throw Error(n, $"{what} is a Jinja template ({s.Value}): Ops does not render templates; give the rendered value (e.g. ansible-playbook --check -vvv, or a vars-free copy)");
            return s.Value;
        }

        private int? Int(YamlNode n, string what)
        {
            var t = Text(n, what);
            if (t == null) return null;
            return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw Error(n, $"{what}: '{t}' is not a whole number");
        }

        private bool? Bool(YamlNode n, string what)
        {
            var t = Text(n, what);
            if (t == null) return null;
            return t.ToLowerInvariant() switch
            {
                "yes" or "y" or "true" or "on" or "1" => true,
                "no" or "n" or "false" or "off" or "0" => false,
                _ => throw Error(n, $"{what}: '{t}' is not a boolean (yes/no, true/false)"),
            };
        }

        private List<string> List(YamlNode n, string what)
        {
            if (n is YamlScalarNode) return new List<string> { Text(n, what) };
            var seq = n as YamlSequenceNode ?? throw Error(n, $"{what}: expected a list");
            return seq.Children.Select((x, i) => Text(x, $"{what}[{i}]")).Where(x => x != null).ToList();
        }

        private ConfigException Error(YamlNode n, string message) => new($"{file}:{n.Start.Line}:{n.Start.Column}: {message}");
    }
}

public sealed class NetworkSettings
{
    public List<string> Subnets { get; set; }
    public List<string> SecurityGroups { get; set; }
    public bool? AssignPublicIp { get; set; }
}

/// <summary>One entry of load_balancers: the target group the tasks register in, and which container and port.</summary>
public sealed class LoadBalancerSpec
{
    public int Index { get; set; }
    public int Line { get; set; }
    public string TargetGroupArn { get; set; }
    public string ContainerName { get; set; }
    public int? ContainerPort { get; set; }
    /// <summary>A Classic Load Balancer's name (not checked by Ops).</summary>
    public string LoadBalancerName { get; set; }

    public string Subject => $"load_balancers[{Index}]";
}

public sealed class DeploymentSettings
{
    public int? MinimumHealthyPercent { get; set; }
    public int? MaximumPercent { get; set; }
    public bool? CircuitBreakerEnable { get; set; }
    public bool? CircuitBreakerRollback { get; set; }
}

