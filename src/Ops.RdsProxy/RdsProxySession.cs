using Ops.Aws.Offline;
using Ops.Aws.RDS;
using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager;

namespace Ops.RdsProxy;

/// <summary>The clients and the manager for one run of the CLI or a cmdlet: region from the file or the options,
/// the same endpoint URL for both services (a test endpoint, a VPC endpoint), credentials from the SDK's chain; or, offline,
/// the answers saved in an <see cref="AwsSnapshot"/>.</summary>
public sealed class RdsProxySession : IDomainSession<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>
{
    public RdsProxySession(RdsProxyConfig config, AwsClientOptions aws, RdsProxyOptions options)
    {
        aws = aws?.Clone() ?? new AwsClientOptions();
        if (aws.Region == null && config.Region != null) aws.Region = config.Region;
        var log = options.Log;
        aws.Log ??= log == null ? null : line => log(Redactor.Redact(line));
        SecretsManager = new AmazonSecretsManagerClient(aws);
        Rds = new AmazonRDSClient(aws);
        options.Region ??= ((AwsServiceClient)Rds).Region;
        Manager = new RdsProxyManager(SecretsManager, Rds, options);
    }

    /// <summary>Offline: AWS as the snapshot saved it (checks and dry runs; an apply fails at its first change).</summary>
    public RdsProxySession(RdsProxyConfig config, AwsSnapshot snapshot, RdsProxyOptions options)
    {
        SecretsManager = snapshot.SecretsManager();
        Rds = snapshot.Rds();
        options.Region ??= config.Region ?? snapshot.Region;
        Manager = new RdsProxyManager(SecretsManager, Rds, options);
    }

    public IAmazonSecretsManager SecretsManager { get; }
    public IAmazonRDS Rds { get; }
    public RdsProxyManager Manager { get; }
    public IDomain<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult> Domain => Manager;

    public void Dispose()
    {
        SecretsManager.Dispose();
        Rds.Dispose();
    }
}
