using Amazon.Runtime;

namespace Ops.Aws.Runtime;

/// <summary>Where and as whom a client talks to AWS. The counterpart of the SDK's <c>ClientConfig</c> plus the
/// credentials: every client (Secrets Manager, RDS, ECS, ...) takes one.</summary>
public sealed class AwsClientOptions
{
    /// <summary>Region system name (eu-west-2). Default: the SDK's chain (AWS_REGION, AWS_DEFAULT_REGION, the profile's region, instance metadata).</summary>
    public string Region { get; set; }

    /// <summary>Overrides the service endpoint (a test endpoint, a VPC endpoint, LocalStack). The same URL serves every service.</summary>
    public string EndpointUrl { get; set; }

    /// <summary>Named profile from the shared config/credentials files (static keys, assume-role, SSO, credential_process).</summary>
    public string Profile { get; set; }

    /// <summary>The shared credentials file to read profiles from (default: the SDK's, ~/.aws/credentials and ~/.aws/config).</summary>
    public string ProfilesLocation { get; set; }

    /// <summary>Explicit credentials; when null the SDK's default chain resolves them (environment, profiles, SSO, container and instance roles).</summary>
    public AWSCredentials Credentials { get; set; }

    /// <summary>Retries with backoff on throttling, 5xx and transient network errors.</summary>
    public AwsRetryPolicy Retry { get; set; } = new();

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One line per call (service, operation, status, attempt, duration). Never request or response bodies.</summary>
    public Action<string> Log { get; set; }

    /// <summary>The HTTP handler (tests); default a shared SocketsHttpHandler.</summary>
    public HttpMessageHandler HttpHandler { get; set; }

    /// <summary>The signing clock (tests).</summary>
    public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

    public AwsClientOptions Clone() => (AwsClientOptions)MemberwiseClone();
}
