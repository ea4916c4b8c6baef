using System.Management.Automation;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;

namespace Ops.PowerShell.Domains;

/// <summary>What a domain that observes and changes AWS gives its cmdlets: its words, the start of their error ids
/// (RdsProxy: RdsProxyConfigInvalid, RdsProxyCheckFailed), how its file is read, and how it opens its clients (with the
/// cmdlet's own parameters, which the cmdlet exposes through interfaces the binding knows).</summary>
public abstract class AwsCmdletBinding<TConfig, TObserved, TReport>(DomainWords words, string errorIdPrefix, Func<string, TConfig> read)
    where TReport : Report
{
    public DomainWords Words { get; } = words;
    public string ErrorIdPrefix { get; } = errorIdPrefix;
    public TConfig Read(string path) => read(path);

    /// <summary>Opens the domain's clients: on AWS with <paramref name="aws"/>, or on <paramref name="snapshot"/> when
    /// it is not null; <paramref name="log"/> queues verbose lines.</summary>
    public abstract IDomainSession<TConfig, TObserved, TReport> Connect(PSCmdlet cmdlet, Action<string> log, TConfig config, AwsClientOptions aws, AwsSnapshot snapshot);
}

/// <summary>A Set- cmdlet's seconds between status polls while it waits for what it changed.</summary>
public interface IPollingCmdlet
{
    int PollIntervalSeconds { get; }
}

/// <summary>The generic adapter (<see cref="DomainCmdlet{TConfig,TObserved,TReport}"/>) for the domains that observe
/// and change AWS (Test-/Set-RdsProxyConfiguration, Test-EcsServiceConfiguration, Set-EcsService): the file and AWS's
/// region, endpoint and profile, or a saved snapshot of AWS's answers, as parameters. No domain logic: that is the
/// binding's (<typeparamref name="TBinding"/>).</summary>
public abstract class AwsDomainCmdlet<TConfig, TObserved, TReport, TBinding> : DomainCmdlet<TConfig, TObserved, TReport>
    where TReport : Report where TBinding : AwsCmdletBinding<TConfig, TObserved, TReport>, new()
{
    private static readonly TBinding Binding = new();

    protected override DomainWords Words => Binding.Words;
    protected override string ErrorIdPrefix => Binding.ErrorIdPrefix;
    protected override TConfig Read(string path) => Binding.Read(path);

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

    protected override IDomainSession<TConfig, TObserved, TReport> Connect(TConfig config)
    {
        var snapshot = LoadSnapshot();
        try
        {
            return Binding.Connect(this, Log, config, snapshot == null ? new AwsClientOptions { Region = Region, EndpointUrl = EndpointUrl, Profile = ProfileName } : null, snapshot);
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

/// <summary>A domain's Test- cmdlet: the check, its findings as errors and warnings, the report (or only $true/$false).</summary>
public abstract class AwsTestCmdlet<TConfig, TObserved, TReport, TBinding> : AwsDomainCmdlet<TConfig, TObserved, TReport, TBinding>
    where TReport : Report where TBinding : AwsCmdletBinding<TConfig, TObserved, TReport>, new()
{
    /// <summary>Return $true/$false only.</summary>
    [Parameter(HelpMessage = "Return only $true (no error) or $false.")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => RunTest(Quiet);
}

/// <summary>A domain's Set- cmdlet: the check, then each planned step through ShouldProcess (-WhatIf, -Confirm).</summary>
public abstract class AwsSetCmdlet<TConfig, TObserved, TReport, TBinding> : AwsDomainCmdlet<TConfig, TObserved, TReport, TBinding>
    where TReport : Report where TBinding : AwsCmdletBinding<TConfig, TObserved, TReport>, new()
{
    protected override void ProcessRecord() => RunSet();
}
