using Ops.Aws.Runtime;

namespace Ops.Aws.RDS.Model;

// Shapes of the RDS API (2014-10-31) for RDS Proxy, named as in AWSSDK.RDS.

public sealed class Tag
{
    public string Key { get; set; }
    public string Value { get; set; }
}

public sealed class Filter
{
    public string Name { get; set; }
    [AwsListMember("Value")] public List<string> Values { get; set; }
}

/// <summary>An auth entry of CreateDBProxy/ModifyDBProxy. With AuthScheme SECRETS, UserName must not be set: the user name is in the secret.</summary>
public sealed class UserAuthConfig
{
    public string Description { get; set; }
    public string UserName { get; set; }
    public string AuthScheme { get; set; }
    public string SecretArn { get; set; }
    public string IAMAuth { get; set; }
    public string ClientPasswordAuthType { get; set; }
}

public sealed class UserAuthConfigInfo
{
    public string Description { get; set; }
    public string UserName { get; set; }
    public string AuthScheme { get; set; }
    public string SecretArn { get; set; }
    public string IAMAuth { get; set; }
    public string ClientPasswordAuthType { get; set; }
}

public sealed class DBProxy
{
    public string DBProxyName { get; set; }
    public string DBProxyArn { get; set; }
    public string Status { get; set; }
    public string EngineFamily { get; set; }
    public string VpcId { get; set; }
    public List<string> VpcSecurityGroupIds { get; set; }
    public List<string> VpcSubnetIds { get; set; }
    public List<UserAuthConfigInfo> Auth { get; set; }
    public string RoleArn { get; set; }
    public string Endpoint { get; set; }
    public bool? RequireTLS { get; set; }
    public int? IdleClientTimeout { get; set; }
    public bool? DebugLogging { get; set; }
    public DateTime? CreatedDate { get; set; }
    public DateTime? UpdatedDate { get; set; }
}

public sealed class CreateDBProxyRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    public string EngineFamily { get; set; }
    public List<UserAuthConfig> Auth { get; set; }
    public string RoleArn { get; set; }
    public List<string> VpcSubnetIds { get; set; }
    public List<string> VpcSecurityGroupIds { get; set; }
    public bool? RequireTLS { get; set; }
    public int? IdleClientTimeout { get; set; }
    public bool? DebugLogging { get; set; }
    [AwsListMember("Tag")] public List<Tag> Tags { get; set; }
}

public sealed class CreateDBProxyResponse : AwsResponse
{
    public DBProxy DBProxy { get; set; }
}

public sealed class DescribeDBProxiesRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    [AwsListMember("Filter")] public List<Filter> Filters { get; set; }
    public string Marker { get; set; }
    public int? MaxRecords { get; set; }
}

public sealed class DescribeDBProxiesResponse : AwsResponse
{
    public List<DBProxy> DBProxies { get; set; }
    public string Marker { get; set; }
}

public sealed class ModifyDBProxyRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    public string NewDBProxyName { get; set; }
    public List<UserAuthConfig> Auth { get; set; }
    public bool? RequireTLS { get; set; }
    public int? IdleClientTimeout { get; set; }
    public bool? DebugLogging { get; set; }
    public string RoleArn { get; set; }
    public List<string> SecurityGroups { get; set; }
}

public sealed class ModifyDBProxyResponse : AwsResponse
{
    public DBProxy DBProxy { get; set; }
}

public sealed class TargetHealth
{
    public string State { get; set; }
    public string Reason { get; set; }
    public string Description { get; set; }
}

public sealed class DBProxyTarget
{
    public string TargetArn { get; set; }
    public string Endpoint { get; set; }
    public string TrackedClusterId { get; set; }
    public string RdsResourceId { get; set; }
    public int? Port { get; set; }
    public string Type { get; set; }
    public string Role { get; set; }
    public TargetHealth TargetHealth { get; set; }
}

public sealed class RegisterDBProxyTargetsRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    public string TargetGroupName { get; set; }
    public List<string> DBInstanceIdentifiers { get; set; }
    public List<string> DBClusterIdentifiers { get; set; }
}

public sealed class RegisterDBProxyTargetsResponse : AwsResponse
{
    public List<DBProxyTarget> DBProxyTargets { get; set; }
}

public sealed class DescribeDBProxyTargetsRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    public string TargetGroupName { get; set; }
    [AwsListMember("Filter")] public List<Filter> Filters { get; set; }
    public string Marker { get; set; }
    public int? MaxRecords { get; set; }
}

public sealed class DescribeDBProxyTargetsResponse : AwsResponse
{
    public List<DBProxyTarget> Targets { get; set; }
    public string Marker { get; set; }
}

public sealed class ConnectionPoolConfigurationInfo
{
    public int? MaxConnectionsPercent { get; set; }
    public int? MaxIdleConnectionsPercent { get; set; }
    public int? ConnectionBorrowTimeout { get; set; }
    public List<string> SessionPinningFilters { get; set; }
    public string InitQuery { get; set; }
}

public sealed class DBProxyTargetGroup
{
    public string DBProxyName { get; set; }
    public string TargetGroupName { get; set; }
    public string TargetGroupArn { get; set; }
    public bool? IsDefault { get; set; }
    public string Status { get; set; }
    public ConnectionPoolConfigurationInfo ConnectionPoolConfig { get; set; }
    public DateTime? CreatedDate { get; set; }
    public DateTime? UpdatedDate { get; set; }
}

public sealed class DescribeDBProxyTargetGroupsRequest : AwsRequest
{
    public string DBProxyName { get; set; }
    public string TargetGroupName { get; set; }
    [AwsListMember("Filter")] public List<Filter> Filters { get; set; }
    public string Marker { get; set; }
    public int? MaxRecords { get; set; }
}

public sealed class DescribeDBProxyTargetGroupsResponse : AwsResponse
{
    public List<DBProxyTargetGroup> TargetGroups { get; set; }
    public string Marker { get; set; }
}
