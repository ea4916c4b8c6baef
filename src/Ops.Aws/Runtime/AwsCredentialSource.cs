using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Ops.Aws.Runtime;

/// <summary>Resolves credentials and region through AWSSDK.Core's own chains, so that everything the AWS CLI and
/// the AWS Tools for PowerShell accept works here: environment variables, shared credentials and config files
/// (named profiles, assume-role, SSO with AWSSDK.SSO/SSOOIDC, credential_process), web identity, ECS container
/// credentials and EC2 instance roles.</summary>
public static class AwsCredentialSource
{
    public static AWSCredentials Resolve(AwsClientOptions options)
    {
        if (options.Credentials != null) return options.Credentials;
        if (!string.IsNullOrEmpty(options.Profile))
        {
            var chain = Chain(options);
            if (chain.TryGetAWSCredentials(options.Profile, out var fromProfile)) return fromProfile;
            throw new AwsConfigurationException($"AWS profile '{options.Profile}' was not found in the shared config or credentials files, or it has no usable credentials");
        }
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (Exception e)
        {
            throw new AwsConfigurationException("No AWS credentials found (environment, profiles, SSO, container or instance role): " + OneLine(e.Message), e);
        }
    }

    public static string ResolveRegion(AwsClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.Region)) return options.Region;
        if (!string.IsNullOrEmpty(options.Profile))
        {
            var chain = Chain(options);
            if (chain.TryGetProfile(options.Profile, out var profile) && profile.Region != null) return profile.Region.SystemName;
        }
        try
        {
            var region = FallbackRegionFactory.GetRegionEndpoint();
            if (region != null) return region.SystemName;
        }
        catch (Exception)
        {
            // fall through
        }
        throw new AwsConfigurationException("No AWS region: pass -Region, set AWS_REGION, or give the profile a region");
    }

    private static CredentialProfileStoreChain Chain(AwsClientOptions options) =>
        string.IsNullOrEmpty(options.ProfilesLocation) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(options.ProfilesLocation);

    /// <summary>The DNS suffix of the region's partition (amazonaws.com, amazonaws.com.cn, ...).</summary>
    public static string DnsSuffix(string region)
    {
        try
        {
            var suffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
            if (!string.IsNullOrEmpty(suffix)) return suffix;
        }
        catch (Exception)
        {
            // unknown region: the default partition
        }
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
    }

    private static string OneLine(string s) => string.Join(" ", (s ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>The client could not be configured (no credentials, no region, bad endpoint).</summary>
public sealed class AwsConfigurationException : Exception
{
    public AwsConfigurationException(string message, Exception inner = null) : base(message, inner) { }
}
