using Ops.Aws.ElasticLoadBalancingV2.Model;
using Ops.Aws.Runtime;

namespace Ops.Aws.ElasticLoadBalancingV2;

/// <summary>The read operations of AWSSDK.ElasticLoadBalancingV2's <c>IAmazonElasticLoadBalancingV2</c> that the
/// ECS-service checks need (query protocol, like RDS).</summary>
public interface IAmazonElasticLoadBalancingV2 : IDisposable
{
    Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default);
    Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default);
    Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default);
}

public sealed class AmazonElasticLoadBalancingV2Client : AwsServiceClient, IAmazonElasticLoadBalancingV2
{
    public static readonly AwsServiceInfo Info = new("ElasticLoadBalancingV2", "elasticloadbalancing", "elasticloadbalancing", AwsProtocol.Query, "2015-12-01");

    public AmazonElasticLoadBalancingV2Client(AwsClientOptions options = null) : base(Info, options) { }

    public Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeTargetGroupsRequest, DescribeTargetGroupsResponse>("DescribeTargetGroups", request, cancellationToken);
    public Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeLoadBalancersRequest, DescribeLoadBalancersResponse>("DescribeLoadBalancers", request, cancellationToken);
    public Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeTargetGroupAttributesRequest, DescribeTargetGroupAttributesResponse>("DescribeTargetGroupAttributes", request, cancellationToken);
}
