using System.Globalization;
using Ops.Aws.ECS;
using Ops.Aws.ECS.Model;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.ElasticLoadBalancingV2.Model;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using EcsLoadBalancer = Ops.Aws.ECS.Model.LoadBalancer;
using ElbLoadBalancer = Ops.Aws.ElasticLoadBalancingV2.Model.LoadBalancer;

namespace Ops.EcsService;

public sealed class EcsServiceOptions
{
    public Action<string> Log { get; set; }
    /// <summary>Wait for the deployment to complete after applying, even when the file does not say wait: yes.</summary>
    public bool Wait { get; set; }
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long one run of the deployment model may take before it is reported as incomplete.</summary>
    public TimeSpan ModelTimeLimit { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>A suggested grace period must stay safe when the container takes this many percent longer than assumed
    /// (ops.container_start_seconds or the health check's startPeriod) to answer; 0 for none.</summary>
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;
}

/// <summary>What AWS says about the service's parts: read before anything is checked or changed.</summary>
public sealed class LiveState
{
    internal TaskDefinition TaskDefinition;
    internal Service Service;
    internal readonly Dictionary<string, TargetGroup> TargetGroups = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, Dictionary<string, string>> Attributes = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, ElbLoadBalancer> LoadBalancers = new(StringComparer.Ordinal);
    internal readonly HashSet<string> MissingTargetGroups = new(StringComparer.Ordinal);
}

/// <summary>The ECS service domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): Test-EcsServiceConfiguration and
/// Set-EcsService read the file and AWS, check what CreateService and UpdateService would refuse and the
/// rolling-deployment model, plan, apply. Only Describe calls happen before the check passes; applying the same file
/// again changes nothing.</summary>
public sealed class EcsServiceManager(IAmazonECS ecs, IAmazonElasticLoadBalancingV2 elb, EcsServiceOptions options = null)
    : IDomain<EcsServiceConfig, LiveState, EcsServiceCheckResult>
{
    /// <summary>How the ECS service reports name things.</summary>
    public static readonly DomainWords Words =
        new("ecs-service", "the ECS service configuration", "model: {0} of specs/ops/ecs_service.tla is violated by this deployment:") { ApplyAgain = "apply again once fixed" };

    /// <summary>Opens the clients and the manager for one run of the CLI or a cmdlet: on AWS, with the region, profile
    /// and endpoint of the options, else of the file (ansible's region:/profile:), credentials from the SDK's chain; or,
    /// offline, on the answers saved in <paramref name="snapshot"/> (checks and dry runs; an apply fails at its first change).</summary>
    public static DomainSession<EcsServiceConfig, LiveState, EcsServiceCheckResult> Open(EcsServiceConfig config, AwsClientOptions aws, AwsSnapshot snapshot, EcsServiceOptions options)
    {
        if (snapshot != null)
        {
            var (offlineEcs, offlineElb) = (snapshot.Ecs(), snapshot.ElasticLoadBalancingV2());
            return new(new EcsServiceManager(offlineEcs, offlineElb, options), offlineEcs, offlineElb);
        }
        aws = aws?.Clone() ?? new AwsClientOptions();
        if (aws.Profile == null && aws.Credentials == null) aws.Profile = config.Profile;
        aws.Region ??= config.Region;
        aws.EndpointUrl ??= config.EndpointUrl;
        aws.Log ??= options.Log;
        var ecs = new AmazonECSClient(aws);
        try
        {
            var elb = new AmazonElasticLoadBalancingV2Client(aws);
            return new(new EcsServiceManager(ecs, elb, options), ecs, elb);
        }
        catch
        {
            ecs.Dispose();
            throw;
        }
    }

    DomainWords IDomain<EcsServiceConfig, LiveState, EcsServiceCheckResult>.Words => Words;
    Action<string> IDomain<EcsServiceConfig, LiveState, EcsServiceCheckResult>.Log => _options.Log;

    private readonly IAmazonECS _ecs = ecs;
    private readonly IAmazonElasticLoadBalancingV2 _elb = elb;
    private readonly EcsServiceOptions _options = options ?? new EcsServiceOptions();

    private void Log(string line) => _options.Log?.Invoke(line);

    // ---------------- the file ----------------

    public EcsServiceConfig Read(string path) => EcsServiceConfig.Load(path);
    public EcsServiceCheckResult NewReport(EcsServiceConfig config) => new() { Cluster = config.Cluster, ServiceName = config.Name };
    IEnumerable<Finding> IDomain<EcsServiceConfig, LiveState, EcsServiceCheckResult>.Validate(EcsServiceConfig config) => Validate(config);

    /// <summary>Checks of the file alone (no AWS): required arguments, load_balancers entries, numbers in range.</summary>
    public static List<Finding> Validate(EcsServiceConfig c)
    {
        var f = new List<Finding>();
        void Error(string code, string subject, string message, string fix) => f.Add(new Finding { Code = code, Subject = subject, Message = message, Fix = fix });
        void Warn(string code, string subject, string message, string fix) => f.Add(new Finding { Severity = Severity.Warning, Code = code, Subject = subject, Message = message, Fix = fix });
        if (string.IsNullOrEmpty(c.Name)) Error("ConfigMissing", "name", "the service has no name", "set name: to the service's name");
        if (string.IsNullOrEmpty(c.TaskDefinition)) Error("ConfigMissing", "task_definition", "task_definition is missing", "set task_definition: to family:revision, a family (its latest ACTIVE revision) or an ARN");
        var daemon = c.SchedulingStrategy == "DAEMON";
        if (c.DesiredCount == null && !daemon) Error("ConfigMissing", "desired_count", "desired_count is missing", "set desired_count: to the number of tasks to run");
        if (c.DesiredCount < 0) Error("ConfigInvalid", "desired_count", $"desired_count {c.DesiredCount} is negative", "set a number of tasks, 0 or more");
        if (c.LaunchType is not (null or "FARGATE" or "EC2" or "EXTERNAL")) Error("ConfigInvalid", "launch_type", $"launch_type {c.LaunchType} is not FARGATE, EC2 or EXTERNAL", "use FARGATE, EC2 or EXTERNAL");
        var d = c.Deployment;
        if (d.MinimumHealthyPercent is < 0 or > 100) Error("ConfigInvalid", "deployment_configuration", $"minimum_healthy_percent {d.MinimumHealthyPercent} is outside 0-100", "use a percentage of desired_count from 0 to 100");
        if (d.MaximumPercent is < 100) Error("ConfigInvalid", "deployment_configuration", $"maximum_percent {d.MaximumPercent} is below 100: ECS could not even run desired_count tasks", "use 100 or more (AWS's default is 200)");
        if (c.HealthCheckGracePeriodSeconds < 0) Error("ConfigInvalid", "health_check_grace_period_seconds", "health_check_grace_period_seconds is negative", "use seconds, 0 or more");
        if (c.ContainerStartSeconds < 0) Error("ConfigInvalid", "ops.container_start_seconds", "ops.container_start_seconds is negative", "give the seconds the container takes to answer its health check");
        if (c.MinServingTasks < 0) Error("ConfigInvalid", "ops.min_serving_tasks", "ops.min_serving_tasks is negative", "give the number of healthy tasks that must serve at every moment");
        if (c.MinServingTasks > c.DesiredCount)
            Error("ServingAboveDesired", "ops.min_serving_tasks", $"ops.min_serving_tasks {c.MinServingTasks} is more than desired_count {c.DesiredCount}: not even a service at rest serves that many", "raise desired_count or lower ops.min_serving_tasks");
        if (c.DeploymentControllerType is not (null or "ECS"))
            Warn("NotRollingUpdate", "deployment_controller", $"the deployment controller is {c.DeploymentControllerType}: deployments are not ECS rolling updates and are not modelled", "nothing to change; Ops checks rolling updates (deployment controller ECS)");
        foreach (var lb in c.LoadBalancers)
        {
            if (lb.LoadBalancerName != null && lb.TargetGroupArn == null)
            {
                Warn("ClassicLoadBalancer", lb.Subject, $"the entry names a Classic Load Balancer ({lb.LoadBalancerName}): it is passed to ECS as given and not checked", "use an Application Load Balancer target group (targetGroupArn) to have it checked");
                continue;
            }
            var missing = new List<string>();
            if (string.IsNullOrEmpty(lb.TargetGroupArn)) missing.Add("targetGroupArn");
            if (string.IsNullOrEmpty(lb.ContainerName)) missing.Add("containerName");
            if (lb.ContainerPort == null) missing.Add("containerPort");
            if (missing.Count > 0)
                Error("LoadBalancerIncomplete", lb.Subject, $"the entry at line {lb.Line} has no {string.Join(", ", missing)}: ECS needs the target group, the container and its port for every entry",
                    "write the entry as {targetGroupArn: arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID, containerName: the container in the task definition, containerPort: the port it listens on}");
            else if (lb.ContainerPort is < 1 or > 65535) Error("ConfigInvalid", lb.Subject, $"containerPort {lb.ContainerPort} is not a port", "use 1-65535");
            else if (!lb.TargetGroupArn!.StartsWith("arn:", StringComparison.Ordinal) || !lb.TargetGroupArn.Contains(":targetgroup/", StringComparison.Ordinal))
                Error("ConfigInvalid", lb.Subject, $"targetGroupArn '{lb.TargetGroupArn}' is not a target group ARN", "give the ARN (aws elbv2 describe-target-groups --names NAME --query 'TargetGroups[0].TargetGroupArn')");
        }
        foreach (var dup in c.LoadBalancers.Where(l => l.TargetGroupArn != null).GroupBy(l => (l.TargetGroupArn, l.ContainerName, l.ContainerPort)).Where(g => g.Count() > 1))
            Error("LoadBalancerDuplicate", dup.First().Subject, $"target group {Short(dup.Key.TargetGroupArn)} is listed {dup.Count()} times for {dup.Key.ContainerName}:{dup.Key.ContainerPort}", "keep one entry");
        foreach (var key in c.NotApplied)
            Warn("NotApplied", key, $"{key} is read but not applied by Ops", "apply it with ansible or the console, or remove it");
        return f;
    }

    internal static string Short(string arn)
    {
        if (arn == null) return null;
        var i = arn.IndexOf(":targetgroup/", StringComparison.Ordinal);
        if (i >= 0) return arn[(i + 13)..].Split('/')[0];
        i = arn.IndexOf(":loadbalancer/", StringComparison.Ordinal);
        if (i >= 0) { var p = arn[(i + 14)..].Split('/'); return p.Length > 1 ? p[1] : p[0]; }
        i = arn.IndexOf(":task-definition/", StringComparison.Ordinal);
        if (i >= 0) return arn[(i + 17)..];
        return arn;
    }

    /// <summary>Describe calls only: the task definition, the service, the target groups and their load balancers;
    /// then what CreateService or UpdateService would refuse of the file against them.</summary>
    public async Task<LiveState> ObserveAsync(EcsServiceConfig config, EcsServiceCheckResult result, CancellationToken ct)
    {
        var live = await ReadAsync(config, result, ct);
        if (live != null) CheckAgainstAws(config, live, result);
        return live;
    }

    /// <summary>The rolling deployment, checked by specs/ops/ecs_service.tla bound to the file and what AWS said.</summary>
    public void CheckModel(EcsServiceConfig config, LiveState live, EcsServiceCheckResult result, CancellationToken ct) =>
        CheckDeployment(config, live, result, ct);

    public void Plan(EcsServiceConfig config, LiveState live, EcsServiceCheckResult result) => BuildPlan(config, live, result);

    // ---------------- reads ----------------

    private async Task<LiveState> ReadAsync(EcsServiceConfig c, EcsServiceCheckResult result, CancellationToken ct)
    {
        var live = new LiveState();
        try
        {
            live.TaskDefinition = (await _ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = c.TaskDefinition }, ct)).TaskDefinition;
        }
        catch (AwsServiceException e) when (e.Is("ClientException") || e.Is("InvalidParameterException"))
        {
            result.Findings.Add(new Finding
            {
                Code = "TaskDefinitionNotFound", Subject = "task_definition",
                Message = $"task definition {c.TaskDefinition} does not exist{((_ecs as AwsServiceClient)?.Region is { } region ? " in " + region : "")} ({e.ServiceMessage}): CreateService would fail with \"TaskDefinition not found.\"",
                Fix = "register it first (aws ecs register-task-definition, or ansible's ecs_taskdefinition), or name an existing family:revision",
            });
        }
        if (live.TaskDefinition != null) result.TaskDefinition = $"{live.TaskDefinition.Family}:{live.TaskDefinition.Revision}";

        try
        {
            var services = await _ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = c.Cluster, Services = new() { c.Name } }, ct);
            live.Service = services.Services?.FirstOrDefault(s => s.Status != "INACTIVE");
        }
        catch (AwsServiceException e) when (e.Is("ClusterNotFoundException"))
        {
            result.Findings.Add(new Finding
            {
                Code = "ClusterNotFound", Subject = "cluster", Message = $"cluster {c.Cluster} does not exist: CreateService would fail with \"Cluster not found.\"",
                Fix = "create it (ansible's ecs_cluster, aws ecs create-cluster) or fix cluster:",
            });
        }
        result.Exists = live.Service != null;

        var arns = c.LoadBalancers.Where(l => l.TargetGroupArn != null).Select(l => l.TargetGroupArn).Distinct().ToList();
        foreach (var arn in arns)
        {
            try
            {
                var tg = (await _elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = new() { arn } }, ct)).TargetGroups?.FirstOrDefault();
                if (tg == null) { live.MissingTargetGroups.Add(arn); continue; }
                live.TargetGroups[arn] = tg;
                var attrs = await _elb.DescribeTargetGroupAttributesAsync(new DescribeTargetGroupAttributesRequest { TargetGroupArn = arn }, ct);
                live.Attributes[arn] = (attrs.Attributes ?? new()).Where(a => a.Key != null).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            }
            catch (AwsServiceException e) when (e.Is("TargetGroupNotFound") || e.Is("ValidationError"))
            {
                // ValidationError: an ARN of another region or account, or not a target group's.
                live.MissingTargetGroups.Add(arn);
            }
        }
        var lbArns = live.TargetGroups.Values.SelectMany(t => t.LoadBalancerArns ?? new()).Distinct().ToList();
        if (lbArns.Count > 0)
        {
            try
            {
                foreach (var lb in (await _elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = lbArns }, ct)).LoadBalancers ?? new())
                    live.LoadBalancers[lb.LoadBalancerArn] = lb;
            }
            catch (AwsServiceException e) when (e.Is("LoadBalancerNotFound"))
            {
                // A load balancer deleted since: the target group's list is stale; reported below as missing.
            }
        }
        return result.Passed ? live : null;
    }

    // ---------------- what CreateService / UpdateService would refuse ----------------

    private static void CheckAgainstAws(EcsServiceConfig c, LiveState live, EcsServiceCheckResult result)
    {
        void Add(string code, string subject, string message, string fix, Severity severity = Severity.Error) =>
            result.Findings.Add(new Finding { Severity = severity, Code = code, Subject = subject, Message = message, Fix = fix });
        var td = live.TaskDefinition;
        var tdName = $"{td.Family}:{td.Revision}";
        var mode = td.NetworkMode ?? "bridge";
        var containers = td.ContainerDefinitions ?? new();
        string Describe(ContainerDefinition cd) =>
            $"{cd.Name} ({((cd.PortMappings ?? new()).Count == 0 ? "no port mappings" : "ports " + string.Join(", ", cd.PortMappings.Select(p => p.ContainerPort)))})";

        if (td.Status is "INACTIVE" or "DELETE_IN_PROGRESS")
            Add("TaskDefinitionInactive", "task_definition", $"task definition {tdName} is {td.Status}: ECS does not start new services on it", "register a new revision, or name an ACTIVE one");

        var launch = c.LaunchType ?? live.Service?.LaunchType;
        if (launch == "FARGATE")
        {
            var compat = (td.RequiresCompatibilities ?? new()).Concat(td.Compatibilities ?? new());
            if (!compat.Contains("FARGATE"))
                Add("LaunchTypeNotSupported", "launch_type", $"launch_type FARGATE, but task definition {tdName} is not compatible with Fargate (requires {string.Join(", ", td.RequiresCompatibilities ?? new() { "EC2" })}, network mode {mode}): CreateService would fail with \"Task definition does not support launch_type FARGATE.\"",
                    "register the task definition with requiresCompatibilities [FARGATE] and networkMode awsvpc (with cpu and memory at task level), or use launch_type EC2");
        }
        if (mode == "awsvpc" && (c.Network?.Subnets == null || c.Network.Subnets.Count == 0))
            Add("NetworkConfigurationMissing", "network_configuration", $"task definition {tdName} uses the awsvpc network mode{(launch == "FARGATE" ? " (as every Fargate task)" : "")} but network_configuration gives no subnets: CreateService would fail with \"Network Configuration must be provided when networkMode 'awsvpc' is specified.\"",
                "add network_configuration: {subnets: [...], security_groups: [...], assign_public_ip: no} (as in the seed post)");
        if (mode != "awsvpc" && c.Network != null)
            Add("NetworkConfigurationNotAllowed", "network_configuration", $"task definition {tdName} uses the {mode} network mode: CreateService would fail with \"Network Configuration is not valid for the given networkMode of this task definition.\"",
                "remove network_configuration, or register the task definition with networkMode awsvpc");
        if (c.Network?.AssignPublicIp == true && launch != "FARGATE")
            Add("AssignPublicIpNotSupported", "network_configuration", $"assign_public_ip: yes with launch type {launch ?? "EC2"}: ECS assigns public IPs only to Fargate tasks (\"Assign public IP is not supported for this launch type.\")",
                "set assign_public_ip: no (tasks on EC2 reach the internet through a NAT gateway), or use launch_type FARGATE");

        foreach (var lb in c.LoadBalancers.Where(l => l.TargetGroupArn != null))
        {
            var tgName = Short(lb.TargetGroupArn);
            var container = containers.FirstOrDefault(x => x.Name == lb.ContainerName);
            if (container == null)
            {
                Add("ContainerNotFound", lb.Subject, $"container '{lb.ContainerName}' is not in task definition {tdName}: CreateService would fail with \"The container {lb.ContainerName} does not exist in the task definition.\"",
                    containers.Count == 1 ? $"set containerName: {containers[0].Name} (the task definition's container: {Describe(containers[0])})" : $"set containerName: to one of {string.Join("; ", containers.Select(Describe))}");
            }
            else
            {
                var mapping = (container.PortMappings ?? new()).FirstOrDefault(p => p.ContainerPort == lb.ContainerPort);
                if (mapping == null)
                    Add("ContainerPortNotMapped", lb.Subject, $"container '{container.Name}' of {tdName} has no port mapping for containerPort {lb.ContainerPort}: CreateService would fail with \"The container {container.Name} did not have a container port {lb.ContainerPort} defined.\"",
                        (container.PortMappings ?? new()).Count == 0 ? $"add a port mapping for {lb.ContainerPort} to the container in the task definition" : $"set containerPort: to {string.Join(" or ", container.PortMappings.Select(p => p.ContainerPort))} (the ports the container maps), or add a port mapping for {lb.ContainerPort}");
                else if (mode == "bridge" && mapping.HostPort is > 0)
                    Add("StaticHostPort", lb.Subject, $"container '{container.Name}' maps {lb.ContainerPort} to the fixed host port {mapping.HostPort} (bridge network mode): two tasks cannot run on one instance, so a rolling deployment needs a free instance for each new task",
                        "use hostPort 0 (a dynamic port) so that the target group registers each task on its own port", Severity.Warning);
            }
            if (live.MissingTargetGroups.Contains(lb.TargetGroupArn) || !live.TargetGroups.TryGetValue(lb.TargetGroupArn, out var tg))
            {
                Add("TargetGroupNotFound", lb.Subject, $"target group {lb.TargetGroupArn} does not exist", "create it (ansible's elb_target_group with target_type: ip for awsvpc tasks) or fix targetGroupArn");
                continue;
            }
            var type = tg.TargetType ?? "instance";
            if (type == "instance" && mode == "awsvpc")
                Add("TargetTypeMismatch", lb.Subject, $"target group {tgName} has target type instance, but tasks of {tdName} use the awsvpc network mode{(launch == "FARGATE" ? " (Fargate)" : "")} and are registered by IP address: CreateService would fail with \"The provided target group {lb.TargetGroupArn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.\"",
                    $"create a target group with target type ip (the type cannot be changed) in VPC {tg.VpcId}, with the same port and health check, attach it to the listener, and use its ARN");
            else if (type == "ip" && mode is "bridge" or "host")
                Add("TargetTypeMismatch", lb.Subject, $"target group {tgName} has target type ip, but tasks of {tdName} use the {mode} network mode and are registered by instance: CreateService would fail with \"The provided target group {lb.TargetGroupArn} has target type ip, which is incompatible with the {mode} network mode specified in the task definition.\"",
                    "use a target group with target type instance, or register the task definition with networkMode awsvpc");
            else if (type is "lambda" or "alb")
                Add("TargetTypeMismatch", lb.Subject, $"target group {tgName} has target type {type}: ECS cannot register tasks in it", "use a target group with target type ip (awsvpc) or instance (bridge, host)");

            var lbArns = tg.LoadBalancerArns ?? new();
            if (lbArns.Count == 0)
                Add("TargetGroupNotAttached", lb.Subject, $"no load balancer listener forwards to target group {tgName}: CreateService would fail with \"The target group with targetGroupArn {lb.TargetGroupArn} does not have an associated load balancer.\"",
                    $"add a listener (or a listener rule) on the ALB that forwards to {tgName} before creating the service (ansible's elb_application_lb listeners: DefaultActions: [{{Type: forward, TargetGroupArn: ...}}])");
            foreach (var lbArn in lbArns)
            {
                if (!live.LoadBalancers.TryGetValue(lbArn, out var balancer))
                {
                    Add("LoadBalancerNotFound", lb.Subject, $"target group {tgName} lists load balancer {lbArn}, which does not exist any more", "attach the target group to an existing load balancer's listener");
                    continue;
                }
                if (balancer.VpcId != null && tg.VpcId != null && balancer.VpcId != tg.VpcId)
                    Add("VpcMismatch", lb.Subject, $"target group {tgName} is in {tg.VpcId} but load balancer {balancer.LoadBalancerName} is in {balancer.VpcId}", $"use a target group in {balancer.VpcId}");
                if (balancer.State?.Code is { } state && state != "active")
                    Add("LoadBalancerNotActive", lb.Subject, $"load balancer {balancer.LoadBalancerName} is {state}{(balancer.State.Reason != null ? ": " + balancer.State.Reason : "")}", "wait until it is active, or fix it", state == "failed" ? Severity.Error : Severity.Warning);
            }
            if (tg.HealthCheckEnabled == false)
                Add("HealthCheckDisabled", lb.Subject, $"target group {tgName} has health checks disabled: the load balancer sends requests to new tasks as soon as they register, before they answer", "enable health checks on the target group", Severity.Warning);
            if (container != null && int.TryParse(tg.HealthCheckPort, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hcPort) && hcPort != lb.ContainerPort)
            {
                var mapped = (container.PortMappings ?? new()).Any(p => p.ContainerPort == hcPort);
                if (mode == "awsvpc" && !mapped)
                    Add("HealthCheckPortNotServed", lb.Subject, $"target group {tgName} checks health on port {hcPort}, which container '{container.Name}' does not map (it serves {lb.ContainerPort}): every new task would fail its health checks, and ECS would stop it",
                        $"set the target group's health-check port to traffic-port (or {lb.ContainerPort}), or map port {hcPort} in the task definition");
                else if (mode is "bridge" or "host")
                    Add("HealthCheckPortFixed", lb.Subject, $"target group {tgName} checks health on the fixed port {hcPort}, not on the port each task is registered on", "set the health-check port to traffic-port", Severity.Warning);
            }
            if (c.HealthCheckPath != null && tg.HealthCheckProtocol is "HTTP" or "HTTPS" && !string.Equals(tg.HealthCheckPath, c.HealthCheckPath, StringComparison.Ordinal))
                Add("HealthCheckPathMismatch", lb.Subject, $"target group {tgName} checks {tg.HealthCheckPath ?? "/"}, but ops.health_check_path says the application answers health checks on {c.HealthCheckPath}",
                    $"set the target group's health-check path to {c.HealthCheckPath} (ansible elb_target_group health_check_path), or fix ops.health_check_path");
        }

        var service = live.Service;
        if (service != null)
        {
            if (service.Status == "DRAINING")
                Add("ServiceDraining", "name", $"service {c.Id} is being deleted (DRAINING): it can be neither updated nor created again until it is INACTIVE", "wait, then apply again");
            if (c.LaunchType != null && service.LaunchType != null && c.LaunchType != service.LaunchType)
                Add("ImmutableChange", "launch_type", $"service {c.Id} runs with launch type {service.LaunchType}, the file says {c.LaunchType}: UpdateService cannot change it", "keep the launch type, or delete the service and apply again");
            if (c.SchedulingStrategy != null && service.SchedulingStrategy != null && c.SchedulingStrategy != service.SchedulingStrategy)
                Add("ImmutableChange", "scheduling_strategy", $"service {c.Id} uses the {service.SchedulingStrategy} strategy, the file says {c.SchedulingStrategy}: it cannot change", "keep it, or recreate the service");
            if (c.Role != null && service.RoleArn != null && !service.RoleArn.EndsWith(c.Role, StringComparison.Ordinal))
                Add("ImmutableChange", "role", $"service {c.Id} uses role {service.RoleArn}, the file says {c.Role}: the role is set at creation only", "keep the role, or recreate the service");
            if (service.DeploymentController?.Type is { } controller && controller != "ECS" && c.LoadBalancers.Count > 0)
                Add("NotRollingUpdate", "deployment_controller", $"service {c.Id} uses the {controller} deployment controller: its load balancers and task definition change through that controller, not UpdateService", "deploy through CodeDeploy (or the external controller)");
            if (c.Tags != null && !SameTags(c.Tags, service.Tags))
                Add("TagsNotUpdated", "tags", $"the service's tags differ from the file's: Ops sets tags at creation only", "apply them with aws ecs tag-resource", Severity.Warning);
        }
    }

    private static bool SameTags(Dictionary<string, string> want, List<Aws.ECS.Model.Tag> have) =>
        want.Count == (have?.Count ?? 0) && want.All(w => have!.Any(h => h.Key == w.Key && h.Value == w.Value));

    // ---------------- the rolling deployment, checked by the model ----------------

    private void CheckDeployment(EcsServiceConfig c, LiveState live, EcsServiceCheckResult result, CancellationToken ct)
    {
        var service = live.Service;
        var desired = c.DesiredCount ?? service?.DesiredCount ?? 0;
        if (c.SchedulingStrategy == "DAEMON" || (c.DeploymentControllerType ?? service?.DeploymentController?.Type ?? "ECS") != "ECS") return;
        var targets = c.LoadBalancers.Where(l => l.TargetGroupArn != null && live.TargetGroups.ContainsKey(l.TargetGroupArn)).GroupBy(l => l.TargetGroupArn).Select(g => g.First()).ToList();
        if (targets.Count == 0)
        {
            if (c.LoadBalancers.Count == 0)
                result.Findings.Add(new Finding
                {
                    Severity = Severity.Warning, Code = "NoLoadBalancer", Subject = "load_balancers",
                    Message = "the service has no load_balancers: nothing routes traffic to it, and deployments are not modelled", Fix = "add load_balancers: [{targetGroupArn, containerName, containerPort}] to put it behind an ALB",
                });
            return;
        }
        if (desired == 0) return;

        var dc = service?.DeploymentConfiguration;
        var grace = c.HealthCheckGracePeriodSeconds ?? service?.HealthCheckGracePeriodSeconds ?? 0;
        var tdName = $"{live.TaskDefinition.Family}:{live.TaskDefinition.Revision}";
        // The deployment modelled: to the file's revision when it changes, else the next one (the settings govern every deployment).
        var changing = service?.TaskDefinition is { } running && running != live.TaskDefinition.TaskDefinitionArn;
        var oldName = changing ? Short(service.TaskDefinition) : tdName;
        var newName = changing ? tdName : $"the next revision of {live.TaskDefinition.Family}";
        if (grace == 0)
            result.Findings.Add(new Finding
            {
                Severity = Severity.Warning, Code = "GracePeriodNotSet", Subject = "health_check_grace_period_seconds",
                Message = "the service uses a load balancer without health_check_grace_period_seconds: ECS stops a new task as soon as its target is unhealthy, even while it is still starting",
                Fix = "set health_check_grace_period_seconds to a little more than the time the container takes to answer its health check"
                      + (c.ContainerStartSeconds is int known && known > 0 ? $" (about {known} s)" : ""),
            });
        var unknownStart = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lb in targets)
        {
            var tg = live.TargetGroups[lb.TargetGroupArn];
            var attrs = live.Attributes.TryGetValue(lb.TargetGroupArn, out var a) ? a : new();
            var container = live.TaskDefinition.ContainerDefinitions?.FirstOrDefault(x => x.Name == lb.ContainerName);
            int start = 0;
            string startSource;
            if (c.ContainerStartSeconds is int s) { start = s; startSource = "ops.container_start_seconds"; }
            else if (container?.HealthCheck?.StartPeriod is int sp && sp > 0) { start = sp; startSource = $"the startPeriod of container {container.Name}'s health check"; }
            else
            {
                startSource = "assumed: ops.container_start_seconds is not set";
                if (unknownStart.Add(lb.ContainerName ?? "")) result.Findings.Add(new Finding
                {
                    Severity = Severity.Warning, Code = "StartTimeUnknown", Subject = "ops.container_start_seconds",
                    Message = $"how long container '{lb.ContainerName}' takes to answer its health check is not known: the deployment is checked as if it answered at once, so a grace period that is too short is not detected",
                    Fix = "add ops: {container_start_seconds: N} (the seconds from a task's start until its health check passes), or a health check with startPeriod to the container",
                });
            }
            int Attr(string key, int fallback) => attrs.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;
            var facts = new DeploymentFacts
            {
                Desired = desired,
                MinHealthyPercent = c.Deployment.MinimumHealthyPercent ?? dc?.MinimumHealthyPercent ?? 100,
                MaximumPercent = c.Deployment.MaximumPercent ?? dc?.MaximumPercent ?? 200,
                Interval = Math.Max(1, tg.HealthCheckIntervalSeconds ?? 30),
                HealthyThreshold = Math.Max(1, tg.HealthyThresholdCount ?? 5),
                UnhealthyThreshold = Math.Max(1, tg.UnhealthyThresholdCount ?? 2),
                DeregistrationDelay = Attr("deregistration_delay.timeout_seconds", 300),
                GracePeriod = grace,
                StartSeconds = start,
                StartSource = startSource,
                MarginPercent = _options.MarginPercent,
                CircuitBreaker = c.Deployment.CircuitBreakerEnable ?? dc?.DeploymentCircuitBreaker?.Enable ?? false,
                Rollback = c.Deployment.CircuitBreakerRollback ?? dc?.DeploymentCircuitBreaker?.Rollback ?? false,
                Required = Math.Min(c.MinServingTasks ?? 1, desired),
                Service = $"service {c.Name}",
                TargetGroup = $"target group {Short(lb.TargetGroupArn)}",
                OldTasks = oldName,
                NewTasks = newName,
                Note = service == null ? "the service does not exist yet: this is how its deployments will go once it is created"
                     : changing ? null : "the file changes no task definition: this is how the next deployment will go",
            };
            DeploymentModel.Check(facts, result, _options.ModelTimeLimit, ct);
        }
    }

    // ---------------- the plan ----------------

    private void BuildPlan(EcsServiceConfig c, LiveState live, EcsServiceCheckResult result)
    {
        var service = live.Service;
        var tdArn = live.TaskDefinition.TaskDefinitionArn;
        var tdName = result.TaskDefinition;
        var lbs = c.LoadBalancers.Select(l => new EcsLoadBalancer { TargetGroupArn = l.TargetGroupArn, LoadBalancerName = l.LoadBalancerName, ContainerName = l.ContainerName, ContainerPort = l.ContainerPort }).ToList();
        NetworkConfiguration Network() => c.Network == null ? null : new NetworkConfiguration
        {
            AwsvpcConfiguration = new AwsVpcConfiguration
            {
                Subnets = c.Network.Subnets, SecurityGroups = c.Network.SecurityGroups,
                AssignPublicIp = c.Network.AssignPublicIp == null ? null : c.Network.AssignPublicIp.Value ? "ENABLED" : "DISABLED",
            },
        };
        DeploymentConfiguration Deployment()
        {
            var d = c.Deployment;
            if (d.MinimumHealthyPercent == null && d.MaximumPercent == null && d.CircuitBreakerEnable == null && d.CircuitBreakerRollback == null) return null;
            return new DeploymentConfiguration
            {
                MinimumHealthyPercent = d.MinimumHealthyPercent ?? service?.DeploymentConfiguration?.MinimumHealthyPercent,
                MaximumPercent = d.MaximumPercent ?? service?.DeploymentConfiguration?.MaximumPercent,
                DeploymentCircuitBreaker = d.CircuitBreakerEnable == null && d.CircuitBreakerRollback == null ? service?.DeploymentConfiguration?.DeploymentCircuitBreaker : new DeploymentCircuitBreaker
                {
                    Enable = d.CircuitBreakerEnable ?? service?.DeploymentConfiguration?.DeploymentCircuitBreaker?.Enable ?? false,
                    Rollback = d.CircuitBreakerRollback ?? service?.DeploymentConfiguration?.DeploymentCircuitBreaker?.Rollback ?? false,
                },
            };
        }
        bool deploys = false;
        if (service == null)
        {
            var request = new CreateServiceRequest
            {
                Cluster = c.Cluster, ServiceName = c.Name, TaskDefinition = tdArn, DesiredCount = c.DesiredCount, LaunchType = c.LaunchType,
                PlatformVersion = c.PlatformVersion, Role = c.Role, LoadBalancers = lbs.Count > 0 ? lbs : null, NetworkConfiguration = Network(),
                HealthCheckGracePeriodSeconds = c.HealthCheckGracePeriodSeconds, DeploymentConfiguration = Deployment(),
                SchedulingStrategy = c.SchedulingStrategy, EnableExecuteCommand = c.EnableExecuteCommand,
                DeploymentController = c.DeploymentControllerType == null ? null : new DeploymentController { Type = c.DeploymentControllerType },
                Tags = c.Tags?.Select(t => new Aws.ECS.Model.Tag { Key = t.Key, Value = t.Value }).ToList(),
                ClientToken = Guid.NewGuid().ToString("N"),
            };
            var d = request.DeploymentConfiguration;
            result.Plan.Add(new PlanStep(nameof(StepKind.CreateService), c.Id,
                $"create service {c.Name} in cluster {c.Cluster}: {c.DesiredCount} task(s) of {tdName}{(c.LaunchType != null ? " on " + c.LaunchType : "")}"
                              + (lbs.Count > 0 ? ", behind " + string.Join(", ", lbs.Select(l => $"{Short(l.TargetGroupArn) ?? l.LoadBalancerName} -> {l.ContainerName}:{l.ContainerPort}")) : "")
                              + (c.HealthCheckGracePeriodSeconds != null ? $", grace period {c.HealthCheckGracePeriodSeconds} s" : "")
                              + (d != null ? $", deployments {d.MinimumHealthyPercent?.ToString() ?? "100"}%-{d.MaximumPercent?.ToString() ?? "200"}%" : ""),
                async ct => (await _ecs.CreateServiceAsync(request, ct)).Service?.ServiceArn));
            deploys = true;
        }
        else
        {
            var changes = new List<string>();
            var request = new UpdateServiceRequest { Cluster = c.Cluster, Service = c.Name };
            if (service.TaskDefinition != tdArn) { request.TaskDefinition = tdArn; changes.Add($"task definition {Short(service.TaskDefinition)} -> {tdName} (a rolling deployment)"); deploys = true; }
            if (c.DesiredCount != null && c.DesiredCount != service.DesiredCount) { request.DesiredCount = c.DesiredCount; changes.Add($"desired_count {service.DesiredCount} -> {c.DesiredCount}"); }
            var want = Deployment();
            var have = service.DeploymentConfiguration;
            if (want != null && (want.MinimumHealthyPercent != have?.MinimumHealthyPercent || want.MaximumPercent != have?.MaximumPercent
                                 || (want.DeploymentCircuitBreaker?.Enable ?? false) != (have?.DeploymentCircuitBreaker?.Enable ?? false)
                                 || (want.DeploymentCircuitBreaker?.Rollback ?? false) != (have?.DeploymentCircuitBreaker?.Rollback ?? false)))
            {
                request.DeploymentConfiguration = want;
                changes.Add($"deployment configuration {have?.MinimumHealthyPercent}%-{have?.MaximumPercent}% -> {want.MinimumHealthyPercent}%-{want.MaximumPercent}%"
                            + (want.DeploymentCircuitBreaker != null ? $", circuit breaker {(want.DeploymentCircuitBreaker.Enable == true ? "on" : "off")}{(want.DeploymentCircuitBreaker.Rollback == true ? " with rollback" : "")}" : ""));
            }
            if (c.Network != null && !SameNetwork(c.Network, service.NetworkConfiguration?.AwsvpcConfiguration))
            {
                request.NetworkConfiguration = Network();
                changes.Add($"network configuration -> subnets {string.Join(", ", c.Network.Subnets ?? new())}{(c.Network.SecurityGroups != null ? ", security groups " + string.Join(", ", c.Network.SecurityGroups) : "")} (a rolling deployment)");
                deploys = true;
            }
            if (!SameLoadBalancers(lbs, service.LoadBalancers))
            {
                request.LoadBalancers = lbs;
                changes.Add($"load balancers -> {(lbs.Count == 0 ? "none" : string.Join(", ", lbs.Select(l => $"{Short(l.TargetGroupArn) ?? l.LoadBalancerName} -> {l.ContainerName}:{l.ContainerPort}")))} (a rolling deployment)");
                deploys = true;
            }
            if (c.HealthCheckGracePeriodSeconds != null && c.HealthCheckGracePeriodSeconds != (service.HealthCheckGracePeriodSeconds ?? 0))
            {
                request.HealthCheckGracePeriodSeconds = c.HealthCheckGracePeriodSeconds;
                changes.Add($"health_check_grace_period_seconds {service.HealthCheckGracePeriodSeconds ?? 0} -> {c.HealthCheckGracePeriodSeconds}");
            }
            if (c.PlatformVersion != null && c.PlatformVersion != service.PlatformVersion)
            {
                request.PlatformVersion = c.PlatformVersion;
                changes.Add($"platform version {service.PlatformVersion} -> {c.PlatformVersion} (a rolling deployment)");
                deploys = true;
            }
            if (c.EnableExecuteCommand != null && c.EnableExecuteCommand != (service.EnableExecuteCommand ?? false))
            {
                request.EnableExecuteCommand = c.EnableExecuteCommand;
                changes.Add($"enable_execute_command -> {c.EnableExecuteCommand}");
            }
            if (c.ForceNewDeployment)
            {
                request.ForceNewDeployment = true;
                changes.Add("force a new deployment (force_new_deployment: yes; applied on every run)");
                deploys = true;
            }
            if (changes.Count > 0)
                result.Plan.Add(new PlanStep(nameof(StepKind.UpdateService), c.Id, string.Join("; ", changes),
                    async ct => (await _ecs.UpdateServiceAsync(request, ct)).Service?.ServiceArn));
        }
        if ((c.Wait || _options.Wait) && deploys)
            result.Plan.Add(new PlanStep(nameof(StepKind.WaitForDeployment), c.Id, $"wait until the deployment of {tdName} is COMPLETED (DescribeServices)",
                async ct => { await WaitForDeployment(c, ct); return null; }) { OnlyAfterChange = true });
    }

    private static bool SameSet(List<string> a, List<string> b) => (a ?? new()).OrderBy(x => x, StringComparer.Ordinal).SequenceEqual((b ?? new()).OrderBy(x => x, StringComparer.Ordinal));

    private static bool SameNetwork(NetworkSettings want, AwsVpcConfiguration have)
    {
        if (have == null) return false;
        if (want.Subnets != null && !SameSet(want.Subnets, have.Subnets)) return false;
        if (want.SecurityGroups != null && !SameSet(want.SecurityGroups, have.SecurityGroups)) return false;
        if (want.AssignPublicIp != null && (want.AssignPublicIp.Value ? "ENABLED" : "DISABLED") != (have.AssignPublicIp ?? "DISABLED")) return false;
        return true;
    }

    private static bool SameLoadBalancers(List<EcsLoadBalancer> want, List<EcsLoadBalancer> have)
    {
        static string Key(EcsLoadBalancer l) => $"{l.TargetGroupArn}|{l.LoadBalancerName}|{l.ContainerName}|{l.ContainerPort}";
        return (want ?? new()).Select(Key).OrderBy(x => x, StringComparer.Ordinal).SequenceEqual((have ?? new()).Select(Key).OrderBy(x => x, StringComparer.Ordinal));
    }

    private async Task WaitForDeployment(EcsServiceConfig c, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.WaitTimeout;
        while (true)
        {
            var s = (await _ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = c.Cluster, Services = new() { c.Name } }, ct)).Services?.FirstOrDefault();
            var primary = s?.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");
            Log($"service {c.Id}: deployment {primary?.RolloutState ?? "?"}, {s?.RunningCount}/{s?.DesiredCount} running");
            if (primary?.RolloutState == "COMPLETED" || (primary != null && primary.RolloutState == null && s!.Deployments!.Count == 1 && s.RunningCount == s.DesiredCount)) return;
            if (primary?.RolloutState == "FAILED")
                throw new ApplyException($"the deployment of service {c.Id} FAILED: {primary.RolloutStateReason} ({primary.FailedTasks} failed task(s))", "DeploymentFailed");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the deployment of service {c.Id} is still {primary?.RolloutState} after {_options.WaitTimeout.TotalMinutes:0} minutes");
            if (_options.PollInterval > TimeSpan.Zero) await Task.Delay(_options.PollInterval, ct);
        }
    }

    // ---------------- the apply (DomainPipeline runs the plan's steps) ----------------

    public ApplyResult<EcsServiceCheckResult> NewApplyResult(EcsServiceCheckResult check) => new EcsServiceApplyResult { Check = check };
    public string FailureCode(Exception e) => AwsServiceException.FailureCode(e);
}
