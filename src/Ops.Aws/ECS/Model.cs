using Ops.Aws.Runtime;

namespace Ops.Aws.ECS.Model;

// Shapes of the ECS API (2014-11-13) for services behind a load balancer, named as in AWSSDK.ECS.
// On the wire the members are camelCase (the client sets CamelCaseMembers).

public sealed class Tag
{
    public string Key { get; set; }
    public string Value { get; set; }
}

public sealed class LoadBalancer
{
    public string TargetGroupArn { get; set; }
    public string LoadBalancerName { get; set; }
    public string ContainerName { get; set; }
    public int? ContainerPort { get; set; }
}

public sealed class AwsVpcConfiguration
{
    public List<string> Subnets { get; set; }
    public List<string> SecurityGroups { get; set; }
    /// <summary>ENABLED or DISABLED.</summary>
    public string AssignPublicIp { get; set; }
}

public sealed class NetworkConfiguration
{
    [AwsName("awsvpcConfiguration")] public AwsVpcConfiguration AwsvpcConfiguration { get; set; }
}

public sealed class DeploymentCircuitBreaker
{
    public bool? Enable { get; set; }
    public bool? Rollback { get; set; }
}

/// <summary>ECS (rolling update), CODE_DEPLOY (blue/green) or EXTERNAL.</summary>
public sealed class DeploymentController
{
    public string Type { get; set; }
}

public sealed class DeploymentConfiguration
{
    public DeploymentCircuitBreaker DeploymentCircuitBreaker { get; set; }
    public int? MaximumPercent { get; set; }
    public int? MinimumHealthyPercent { get; set; }
}

public sealed class Deployment
{
    public string Id { get; set; }
    public string Status { get; set; }
    public string TaskDefinition { get; set; }
    public int? DesiredCount { get; set; }
    public int? PendingCount { get; set; }
    public int? RunningCount { get; set; }
    public int? FailedTasks { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string LaunchType { get; set; }
    public string RolloutState { get; set; }
    public string RolloutStateReason { get; set; }
}

public sealed class Service
{
    public string ServiceArn { get; set; }
    public string ServiceName { get; set; }
    public string ClusterArn { get; set; }
    public List<LoadBalancer> LoadBalancers { get; set; }
    public string Status { get; set; }
    public int? DesiredCount { get; set; }
    public int? RunningCount { get; set; }
    public int? PendingCount { get; set; }
    public string LaunchType { get; set; }
    public string PlatformVersion { get; set; }
    public string TaskDefinition { get; set; }
    public DeploymentConfiguration DeploymentConfiguration { get; set; }
    public List<Deployment> Deployments { get; set; }
    public string RoleArn { get; set; }
    public DateTime? CreatedAt { get; set; }
    public NetworkConfiguration NetworkConfiguration { get; set; }
    public int? HealthCheckGracePeriodSeconds { get; set; }
    public string SchedulingStrategy { get; set; }
    public DeploymentController DeploymentController { get; set; }
    public List<Tag> Tags { get; set; }
    public bool? EnableExecuteCommand { get; set; }
}

public sealed class Failure
{
    public string Arn { get; set; }
    public string Reason { get; set; }
    public string Detail { get; set; }
}

public sealed class DescribeServicesRequest : AwsRequest
{
    public string Cluster { get; set; }
    public List<string> Services { get; set; }
    public List<string> Include { get; set; }
}

public sealed class DescribeServicesResponse : AwsResponse
{
    public List<Service> Services { get; set; }
    public List<Failure> Failures { get; set; }
}

public sealed class CreateServiceRequest : AwsRequest
{
    public string Cluster { get; set; }
    public string ServiceName { get; set; }
    public string TaskDefinition { get; set; }
    public List<LoadBalancer> LoadBalancers { get; set; }
    public int? DesiredCount { get; set; }
    public string ClientToken { get; set; }
    public string LaunchType { get; set; }
    public string PlatformVersion { get; set; }
    public string Role { get; set; }
    public DeploymentConfiguration DeploymentConfiguration { get; set; }
    public NetworkConfiguration NetworkConfiguration { get; set; }
    public int? HealthCheckGracePeriodSeconds { get; set; }
    public string SchedulingStrategy { get; set; }
    public DeploymentController DeploymentController { get; set; }
    public List<Tag> Tags { get; set; }
    public bool? EnableExecuteCommand { get; set; }
}

public sealed class CreateServiceResponse : AwsResponse
{
    public Service Service { get; set; }
}

public sealed class UpdateServiceRequest : AwsRequest
{
    public string Cluster { get; set; }
    public string Service { get; set; }
    public int? DesiredCount { get; set; }
    public string TaskDefinition { get; set; }
    public DeploymentConfiguration DeploymentConfiguration { get; set; }
    public NetworkConfiguration NetworkConfiguration { get; set; }
    public string PlatformVersion { get; set; }
    public bool? ForceNewDeployment { get; set; }
    public int? HealthCheckGracePeriodSeconds { get; set; }
    public bool? EnableExecuteCommand { get; set; }
    public List<LoadBalancer> LoadBalancers { get; set; }
}

public sealed class UpdateServiceResponse : AwsResponse
{
    public Service Service { get; set; }
}

public sealed class PortMapping
{
    public int? ContainerPort { get; set; }
    public int? HostPort { get; set; }
    public string Protocol { get; set; }
    public string Name { get; set; }
    public string AppProtocol { get; set; }
}

/// <summary>A container's own health check (Docker HEALTHCHECK); StartPeriod is the time it is given to start.</summary>
public sealed class HealthCheck
{
    public List<string> Command { get; set; }
    public int? Interval { get; set; }
    public int? Timeout { get; set; }
    public int? Retries { get; set; }
    public int? StartPeriod { get; set; }
}

public sealed class ContainerDefinition
{
    public string Name { get; set; }
    public string Image { get; set; }
    public int? Cpu { get; set; }
    public int? Memory { get; set; }
    public int? MemoryReservation { get; set; }
    public List<PortMapping> PortMappings { get; set; }
    public bool? Essential { get; set; }
    public HealthCheck HealthCheck { get; set; }
    public int? StartTimeout { get; set; }
    public int? StopTimeout { get; set; }
}

public sealed class TaskDefinition
{
    public string TaskDefinitionArn { get; set; }
    public List<ContainerDefinition> ContainerDefinitions { get; set; }
    public string Family { get; set; }
    public string TaskRoleArn { get; set; }
    public string ExecutionRoleArn { get; set; }
    /// <summary>bridge, host, awsvpc or none.</summary>
    public string NetworkMode { get; set; }
    public int? Revision { get; set; }
    public string Status { get; set; }
    public List<string> Compatibilities { get; set; }
    public List<string> RequiresCompatibilities { get; set; }
    public string Cpu { get; set; }
    public string Memory { get; set; }
}

public sealed class DescribeTaskDefinitionRequest : AwsRequest
{
    public string TaskDefinition { get; set; }
    public List<string> Include { get; set; }
}

public sealed class DescribeTaskDefinitionResponse : AwsResponse
{
    public TaskDefinition TaskDefinition { get; set; }
    public List<Tag> Tags { get; set; }
}
