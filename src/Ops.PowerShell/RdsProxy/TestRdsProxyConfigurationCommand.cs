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
    /// <summary>Return $true/$false only.</summary>
    [Parameter(HelpMessage = "Return only $true (no error) or $false.")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => RunTest(Quiet);
}
