using System.Management.Automation;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>
/// <para type="synopsis">Applies a checked RDS Proxy configuration: secrets, then the proxy, then its targets.</para>
/// <para type="description">Runs Test-RdsProxyConfiguration's check first; when it finds an error nothing is
/// changed and the cmdlet fails. Otherwise each planned step (CreateSecret, PutSecretValue, CreateDBProxy,
/// ModifyDBProxy, RegisterDBProxyTargets) goes through ShouldProcess, so -WhatIf shows the plan and -Confirm asks
/// per step. Applying the same file again changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "RdsProxyConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RdsProxyApplyResult))]
public sealed class SetRdsProxyConfigurationCommand : RdsProxyCmdletBase
{
    /// <summary>Seconds between DescribeDBProxies while waiting for the proxy.</summary>
    [Parameter(HelpMessage = "Seconds between status polls while waiting for the proxy to become available.")]
    [ValidateRange(0, 3600)]
    public int PollIntervalSeconds { get; set; } = 10;

    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(PollIntervalSeconds);

    protected override void ProcessRecord() => RunSet();
}
