using System.Management.Automation;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>
/// <para type="synopsis">Checks an RDS Proxy configuration against AWS and the model before anything is created.</para>
/// <para type="description">Reads the file and AWS (DescribeSecret, GetSecretValue, DescribeDBProxies,
/// DescribeDBProxyTargets: reads only), checks specs/ops/rds_proxy.tla with the embedded model checker, and returns
/// the findings (each with its fix and counterexample) and the plan. Secret values are never written.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RdsProxyConfiguration")]
[OutputType(typeof(RdsProxyCheckResult), typeof(bool))]
public sealed class TestRdsProxyConfigurationCommand : RdsProxyCmdletBase
{
    /// <summary>The proxy's configuration file (YAML).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The RDS Proxy configuration file (YAML).")]
    [Alias("FullName", "ConfigPath")]
    public override string Path { get; set; }

    /// <summary>AWS region; default: the file's region:, then the SDK's chain (AWS_REGION, the profile).</summary>
    [Parameter(HelpMessage = "AWS region (default: the file's region:, then AWS_REGION or the profile's region).")]
    public override string Region { get; set; }

    /// <summary>Service endpoint for Secrets Manager and RDS (a VPC endpoint, a test endpoint).</summary>
    [Parameter(HelpMessage = "Endpoint URL used for Secrets Manager and RDS (VPC endpoints, test endpoints).")]
    public override string EndpointUrl { get; set; }

    /// <summary>Shared-config profile (static keys, assume-role, SSO).</summary>
    [Parameter(HelpMessage = "Named profile from the AWS shared config/credentials files.")]
    public override string ProfileName { get; set; }

    /// <summary>Seconds between DescribeDBProxies while waiting for the proxy.</summary>
    [Parameter(HelpMessage = "Seconds between status polls while waiting for the proxy to become available.")]
    [ValidateRange(0, 3600)]
    public override int PollIntervalSeconds { get; set; } = 10;

    /// <summary>Return $true/$false only.</summary>
    [Parameter(HelpMessage = "Return only $true (no error) or $false.")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var config = LoadConfig();
        using var session = OpenSession(config);
        var result = Wait(session.Manager.CheckAsync(config));
        FlushLog();
        if (Quiet) { WriteObject(result.Passed); return; }
        WriteFindings(result);
        WriteObject(result);
    }
}
