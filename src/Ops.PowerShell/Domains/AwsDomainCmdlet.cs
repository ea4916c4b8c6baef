using System.Management.Automation;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;

namespace Ops.PowerShell.Domains;

/// <summary>The generic adapter (<see cref="DomainCmdlet{TConfig,TObserved,TReport}"/>) for the domains that observe
/// and change AWS (Test-/Set-RdsProxyConfiguration, Test-EcsServiceConfiguration, Set-EcsService): the file and AWS's
/// region, endpoint and profile, or a saved snapshot of AWS's answers, as parameters. No domain logic.</summary>
public abstract class AwsDomainCmdlet<TConfig, TObserved, TReport> : DomainCmdlet<TConfig, TObserved, TReport> where TReport : Report
{
    /// <summary>The configuration file (YAML) the cmdlet checks or applies.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The configuration file (YAML) to check or apply.")]
    [Alias("FullName", "ConfigPath")]
    public string Path { get; set; }

    /// <summary>AWS region; default: the file's region:, then the SDK's chain (AWS_REGION, the profile).</summary>
    [Parameter(HelpMessage = "AWS region (default: the file's region:, then AWS_REGION or the profile's region).")]
    public string Region { get; set; }

    /// <summary>Endpoint URL for the AWS services the cmdlet calls (a VPC endpoint, a test endpoint).</summary>
    [Parameter(HelpMessage = "Endpoint URL for the AWS services the cmdlet calls (VPC endpoints, test endpoints).")]
    public string EndpointUrl { get; set; }

    /// <summary>Shared-config profile (static keys, assume-role, SSO).</summary>
    [Parameter(HelpMessage = "Named profile from the AWS shared config/credentials files (default: the file's profile:, then the SDK's chain).")]
    public string ProfileName { get; set; }

    /// <summary>Offline: a snapshot of AWS's Describe/Get answers (AWS CLI output in one JSON file) read instead of AWS;
    /// for checks and -WhatIf (a change fails).</summary>
    [Parameter(HelpMessage = "Read AWS from a saved snapshot of its Describe/Get answers (AWS CLI output, one JSON file) instead of calling it.")]
    public string AwsSnapshotPath { get; set; }

    protected override string ConfigFile => Path;

    /// <summary>Opens the domain's clients: on AWS with <paramref name="aws"/>, or on <paramref name="snapshot"/> when
    /// it is not null.</summary>
    protected abstract IDomainSession<TConfig, TObserved, TReport> Connect(TConfig config, AwsClientOptions aws, AwsSnapshot snapshot);

    protected override IDomainSession<TConfig, TObserved, TReport> Connect(TConfig config)
    {
        var snapshot = LoadSnapshot();
        try
        {
            return Connect(config, snapshot == null ? new AwsClientOptions { Region = Region, EndpointUrl = EndpointUrl, Profile = ProfileName } : null, snapshot);
        }
        catch (AwsConfigurationException e)
        {
            Fail(new OpsCommandException(Redact(e.Message), OpsCommandException.OtherFailure), "AwsConfiguration", ErrorCategory.InvalidArgument, null);
            return default;
        }
    }

    protected override bool IsFailure(Exception e) => e is AwsServiceException || base.IsFailure(e);

    /// <summary>The snapshot -AwsSnapshotPath names, or null; an unreadable one is a terminating error.</summary>
    private AwsSnapshot LoadSnapshot()
    {
        if (AwsSnapshotPath == null) return null;
        var resolved = GetUnresolvedProviderPathFromPSPath(AwsSnapshotPath);
        try
        {
            return AwsSnapshot.Load(resolved);
        }
        catch (AwsSnapshotException e)
        {
            Fail(new OpsCommandException(e.Message, ConfigErrorExitCode), "AwsSnapshotInvalid", ErrorCategory.InvalidData, resolved);
            return null;
        }
    }
}
