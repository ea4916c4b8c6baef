using Ops.Aws.Runtime;

namespace Ops.Aws.ElasticLoadBalancingV2.Model;

// Shapes of the ELBv2 API (2015-12-01) for ECS services behind an ALB, named as in AWSSDK.ElasticLoadBalancingV2.

public sealed class Matcher
{
    public string HttpCode { get; set; }
    public string GrpcCode { get; set; }
}

public sealed class TargetGroup
{
    public string TargetGroupArn { get; set; }
    public string TargetGroupName { get; set; }
    public string Protocol { get; set; }
    public int? Port { get; set; }
    public string VpcId { get; set; }
    public string HealthCheckProtocol { get; set; }
    public string HealthCheckPort { get; set; }
    public bool? HealthCheckEnabled { get; set; }
    public int? HealthCheckIntervalSeconds { get; set; }
    public int? HealthCheckTimeoutSeconds { get; set; }
    public int? HealthyThresholdCount { get; set; }
    public int? UnhealthyThresholdCount { get; set; }
    public string HealthCheckPath { get; set; }
    public Matcher Matcher { get; set; }
    public List<string> LoadBalancerArns { get; set; }
    /// <summary>instance, ip, lambda or alb (awsvpc/Fargate tasks need ip).</summary>
    public string TargetType { get; set; }
    public string ProtocolVersion { get; set; }
    public string IpAddressType { get; set; }
}

public sealed class LoadBalancerState
{
    public string Code { get; set; }
    public string Reason { get; set; }
}

public sealed class AvailabilityZone
{
    public string ZoneName { get; set; }
    public string SubnetId { get; set; }
}

public sealed class LoadBalancer
{
    public string LoadBalancerArn { get; set; }
    public string DNSName { get; set; }
    public string CanonicalHostedZoneId { get; set; }
    public DateTime? CreatedTime { get; set; }
    public string LoadBalancerName { get; set; }
    public string Scheme { get; set; }
    public string VpcId { get; set; }
    public LoadBalancerState State { get; set; }
    public string Type { get; set; }
    public List<AvailabilityZone> AvailabilityZones { get; set; }
    public List<string> SecurityGroups { get; set; }
    public string IpAddressType { get; set; }
}

public sealed class DescribeTargetGroupsRequest : AwsRequest
{
    public string LoadBalancerArn { get; set; }
    public List<string> TargetGroupArns { get; set; }
    public List<string> Names { get; set; }
    public string Marker { get; set; }
    public int? PageSize { get; set; }
}

public sealed class DescribeTargetGroupsResponse : AwsResponse
{
    public List<TargetGroup> TargetGroups { get; set; }
    public string NextMarker { get; set; }
}

public sealed class DescribeLoadBalancersRequest : AwsRequest
{
    public List<string> LoadBalancerArns { get; set; }
    public List<string> Names { get; set; }
    public string Marker { get; set; }
    public int? PageSize { get; set; }
}

public sealed class DescribeLoadBalancersResponse : AwsResponse
{
    public List<LoadBalancer> LoadBalancers { get; set; }
    public string NextMarker { get; set; }
}

public sealed class TargetGroupAttribute
{
    /// <summary>deregistration_delay.timeout_seconds, slow_start.duration_seconds, stickiness.enabled, ...</summary>
    public string Key { get; set; }
    public string Value { get; set; }
}

public sealed class DescribeTargetGroupAttributesRequest : AwsRequest
{
    public string TargetGroupArn { get; set; }
}

public sealed class DescribeTargetGroupAttributesResponse : AwsResponse
{
    public List<TargetGroupAttribute> Attributes { get; set; }
}
