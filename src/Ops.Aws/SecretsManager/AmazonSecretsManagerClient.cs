using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager.Model;

namespace Ops.Aws.SecretsManager;

/// <summary>The operations of AWSSDK.SecretsManager's <c>IAmazonSecretsManager</c> that Ops uses.</summary>
public interface IAmazonSecretsManager : IDisposable
{
    Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default);
    Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default);
    Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default);
    Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default);
    Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default);
}

public sealed class AmazonSecretsManagerClient : AwsServiceClient, IAmazonSecretsManager
{
    public static readonly AwsServiceInfo Info = new("SecretsManager", "secretsmanager", "secretsmanager", AwsProtocol.Json, "2017-10-17", TargetPrefix: "secretsmanager");

    public AmazonSecretsManagerClient(AwsClientOptions options = null) : base(Info, options) { }

    public Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<CreateSecretRequest, CreateSecretResponse>("CreateSecret", request, cancellationToken);
    public Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<PutSecretValueRequest, PutSecretValueResponse>("PutSecretValue", request, cancellationToken);
    public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<DescribeSecretRequest, DescribeSecretResponse>("DescribeSecret", request, cancellationToken);
    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<GetSecretValueRequest, GetSecretValueResponse>("GetSecretValue", request, cancellationToken);
    public Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default)
        => InvokeAsync<ListSecretsRequest, ListSecretsResponse>("ListSecrets", request, cancellationToken);
}
