using Ops.Aws.Runtime;

namespace Ops.Aws.SecretsManager.Model;

// Shapes of the Secrets Manager API (2017-10-17) that Ops uses, named as in AWSSDK.SecretsManager.
// SecretString holds a secret value: never log, print or put it in an exception.

public sealed class Tag
{
    public string Key { get; set; }
    public string Value { get; set; }
}

public sealed class Filter
{
    public string Key { get; set; }
    public List<string> Values { get; set; }
}

public sealed class CreateSecretRequest : AwsRequest
{
    public string Name { get; set; }
    public string ClientRequestToken { get; set; }
    public string Description { get; set; }
    public string KmsKeyId { get; set; }
    public string SecretString { get; set; }
    public List<Tag> Tags { get; set; }
    public override string ToString() => $"CreateSecret {Name}";
}

public sealed class CreateSecretResponse : AwsResponse
{
    public string ARN { get; set; }
    public string Name { get; set; }
    public string VersionId { get; set; }
}

public sealed class PutSecretValueRequest : AwsRequest
{
    public string SecretId { get; set; }
    public string ClientRequestToken { get; set; }
    public string SecretString { get; set; }
    public List<string> VersionStages { get; set; }
    public override string ToString() => $"PutSecretValue {SecretId}";
}

public sealed class PutSecretValueResponse : AwsResponse
{
    public string ARN { get; set; }
    public string Name { get; set; }
    public string VersionId { get; set; }
    public List<string> VersionStages { get; set; }
}

public sealed class DescribeSecretRequest : AwsRequest
{
    public string SecretId { get; set; }
}

public sealed class DescribeSecretResponse : AwsResponse
{
    public string ARN { get; set; }
    public string Name { get; set; }
    public string Description { get; set; }
    public string KmsKeyId { get; set; }
    public bool? RotationEnabled { get; set; }
    public DateTime? LastChangedDate { get; set; }
    public DateTime? DeletedDate { get; set; }
    public DateTime? CreatedDate { get; set; }
    public List<Tag> Tags { get; set; }
    public Dictionary<string, List<string>> VersionIdsToStages { get; set; }
    public string OwningService { get; set; }
    public string PrimaryRegion { get; set; }
}

public sealed class GetSecretValueRequest : AwsRequest
{
    public string SecretId { get; set; }
    public string VersionId { get; set; }
    public string VersionStage { get; set; }
}

public sealed class GetSecretValueResponse : AwsResponse
{
    public string ARN { get; set; }
    public string Name { get; set; }
    public string VersionId { get; set; }
    public string SecretString { get; set; }
    public byte[] SecretBinary { get; set; }
    public List<string> VersionStages { get; set; }
    public DateTime? CreatedDate { get; set; }
    public override string ToString() => $"GetSecretValueResponse {Name} (value not shown)";
}

public sealed class ListSecretsRequest : AwsRequest
{
    public bool? IncludePlannedDeletion { get; set; }
    public int? MaxResults { get; set; }
    public string NextToken { get; set; }
    public List<Filter> Filters { get; set; }
    public string SortOrder { get; set; }
}

public sealed class SecretListEntry
{
    public string ARN { get; set; }
    public string Name { get; set; }
    public string Description { get; set; }
    public string KmsKeyId { get; set; }
    public DateTime? LastChangedDate { get; set; }
    public DateTime? CreatedDate { get; set; }
    public List<Tag> Tags { get; set; }
}

public sealed class ListSecretsResponse : AwsResponse
{
    public List<SecretListEntry> SecretList { get; set; }
    public string NextToken { get; set; }
}
