using Ops.Aws.ECS.Model;
using Ops.Aws.Runtime;

namespace Ops.Aws.ECS;

/// <summary>The service operations of AWSSDK.ECS's <c>IAmazonECS</c> (issue: ECS services behind an ALB).</summary>
public interface IAmazonECS : IDisposable
{
    Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default);
    Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default);
    Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default);
    Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default);
}

public sealed class AmazonECSClient : AwsServiceClient, IAmazonECS
{
    public static readonly AwsServiceInfo Info = new("ECS", "ecs", "ecs", AwsProtocol.Json, "2014-11-13",
        TargetPrefix: "AmazonEC2ContainerServiceV20141113", CamelCaseMembers: true);

    public AmazonECSClient(AwsClientOptions options = null) : base(Info, options) { }

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeServicesRequest, DescribeServicesResponse>("DescribeServices", request, cancellationToken);
    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<CreateServiceRequest, CreateServiceResponse>("CreateService", request, cancellationToken);
    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<UpdateServiceRequest, UpdateServiceResponse>("UpdateService", request, cancellationToken);
    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>("DescribeTaskDefinition", request, cancellationToken);
}
