using Ops.Aws.RDS.Model;
using Ops.Aws.Runtime;

namespace Ops.Aws.RDS;

/// <summary>The RDS Proxy operations of AWSSDK.RDS's <c>IAmazonRDS</c>.</summary>
public interface IAmazonRDS : IDisposable
{
    Task<CreateDBProxyResponse> CreateDBProxyAsync(CreateDBProxyRequest request, CancellationToken cancellationToken = default);
    Task<DescribeDBProxiesResponse> DescribeDBProxiesAsync(DescribeDBProxiesRequest request, CancellationToken cancellationToken = default);
    Task<ModifyDBProxyResponse> ModifyDBProxyAsync(ModifyDBProxyRequest request, CancellationToken cancellationToken = default);
    Task<RegisterDBProxyTargetsResponse> RegisterDBProxyTargetsAsync(RegisterDBProxyTargetsRequest request, CancellationToken cancellationToken = default);
    Task<DescribeDBProxyTargetsResponse> DescribeDBProxyTargetsAsync(DescribeDBProxyTargetsRequest request, CancellationToken cancellationToken = default);
    Task<DescribeDBProxyTargetGroupsResponse> DescribeDBProxyTargetGroupsAsync(DescribeDBProxyTargetGroupsRequest request, CancellationToken cancellationToken = default);
}

public sealed class AmazonRDSClient : AwsServiceClient, IAmazonRDS
{
    public static readonly AwsServiceInfo Info = new("RDS", "rds", "rds", AwsProtocol.Query, "2014-10-31");

    public AmazonRDSClient(AwsClientOptions options = null) : base(Info, options) { }

    public Task<CreateDBProxyResponse> CreateDBProxyAsync(CreateDBProxyRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<CreateDBProxyRequest, CreateDBProxyResponse>("CreateDBProxy", request, cancellationToken);
    public Task<DescribeDBProxiesResponse> DescribeDBProxiesAsync(DescribeDBProxiesRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeDBProxiesRequest, DescribeDBProxiesResponse>("DescribeDBProxies", request, cancellationToken);
    public Task<ModifyDBProxyResponse> ModifyDBProxyAsync(ModifyDBProxyRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<ModifyDBProxyRequest, ModifyDBProxyResponse>("ModifyDBProxy", request, cancellationToken);
    public Task<RegisterDBProxyTargetsResponse> RegisterDBProxyTargetsAsync(RegisterDBProxyTargetsRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<RegisterDBProxyTargetsRequest, RegisterDBProxyTargetsResponse>("RegisterDBProxyTargets", request, cancellationToken);
    public Task<DescribeDBProxyTargetsResponse> DescribeDBProxyTargetsAsync(DescribeDBProxyTargetsRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeDBProxyTargetsRequest, DescribeDBProxyTargetsResponse>("DescribeDBProxyTargets", request, cancellationToken);
    public Task<DescribeDBProxyTargetGroupsResponse> DescribeDBProxyTargetGroupsAsync(DescribeDBProxyTargetGroupsRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeDBProxyTargetGroupsRequest, DescribeDBProxyTargetGroupsResponse>("DescribeDBProxyTargetGroups", request, cancellationToken);
}
