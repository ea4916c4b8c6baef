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

    protected override void ProcessRecord()
    {
        var config = LoadConfig();
        using var session = OpenSession(config, TimeSpan.FromSeconds(PollIntervalSeconds));
        var check = Await(session.Manager.CheckAsync(config));
        FlushLog();
        WriteFindings(check);
        if (!check.Passed)
        {
            WriteObject(new RdsProxyApplyResult { Check = check });
            FailCheck("the RDS Proxy configuration", check.Findings.Count(f => f.IsError), check.ToText(), "RdsProxyCheckFailed");
            return;
        }
        // Decide on the pipeline thread, then run the approved steps.
        var approved = check.Plan.Where(step => ShouldProcess($"{step.Kind} {step.Target}", step.Description)).ToHashSet();
        var result = Await(session.Manager.ExecuteAsync(check, approved));
        FlushLog();
        WriteObject(result);
    }
}
