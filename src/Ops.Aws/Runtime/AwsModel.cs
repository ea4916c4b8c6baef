using System.Net;

namespace Ops.Aws.Runtime;

public enum AwsProtocol
{
    /// <summary>AWS JSON 1.0/1.1: POST /, X-Amz-Target: Prefix.Operation (Secrets Manager, ECS).</summary>
    Json,
    /// <summary>AWS query: POST / with Action=...&amp;Version=..., XML answers (RDS, ELBv2, IAM).</summary>
    Query,
}

/// <summary>What a client needs to know of its service: the counterpart of the SDK's per-service metadata.</summary>
public sealed record AwsServiceInfo(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    AwsProtocol Protocol,
    string ApiVersion,
    string TargetPrefix = null,
    string JsonVersion = "1.1",
    bool CamelCaseMembers = false);

/// <summary>The member's name on the wire when it is not the property's name (or its camelCase form).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Query protocol: the element name of list items when the model gives one (Filters.Filter.1 rather than Filters.member.1).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsListMemberAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Base of every request, as the SDK's <c>AmazonWebServiceRequest</c>.</summary>
public abstract class AwsRequest
{
}

public sealed class ResponseMetadata
{
    public string RequestId { get; set; }
}

/// <summary>Base of every response, as the SDK's <c>AmazonWebServiceResponse</c>.</summary>
public abstract class AwsResponse
{
    [AwsIgnore] public ResponseMetadata ResponseMetadata { get; set; }
    [AwsIgnore] public HttpStatusCode HttpStatusCode { get; set; }
}

/// <summary>Not a wire member.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsIgnoreAttribute : Attribute
{
}
