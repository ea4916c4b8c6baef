using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;
using Ops.PowerShell.Domains;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>The RDS Proxy domain for the generic cmdlets (<see cref="AwsDomainCmdlet{TConfig,TObserved,TReport,TBinding}"/>):
/// its file, its session, passwords from SecretManagement vaults. No logic: everything is in Ops.RdsProxy. Every text
/// shown passes through the redactor.</summary>
public sealed class RdsProxyCmdlets() : AwsCmdletBinding<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>(RdsProxyManager.Words, "RdsProxy", RdsProxyConfig.Load)
{
    public override IDomainSession<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult> Connect(PSCmdlet cmdlet, Action<string> log, RdsProxyConfig config, AwsClientOptions aws, AwsSnapshot snapshot)
    {
        var options = new RdsProxyOptions
        {
            Secrets = new SecretManagementResolver(cmdlet), Log = log,
            PollInterval = TimeSpan.FromSeconds((cmdlet as IPollingCmdlet)?.PollIntervalSeconds ?? 0),
        };
        return RdsProxyManager.Open(config, aws, snapshot, options);
    }
}

/// <summary>
/// <para type="synopsis">Checks an RDS Proxy configuration against AWS and the model before anything is created.</para>
/// <para type="description">Reads the file and AWS (DescribeSecret, GetSecretValue, DescribeDBProxies,
/// DescribeDBProxyTargets: reads only), checks specs/ops/rds_proxy.tla with the embedded model checker, and returns
/// the findings (each with its fix and counterexample) and the plan. Secret values are never written.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RdsProxyConfiguration")]
[OutputType(typeof(RdsProxyCheckResult), typeof(bool))]
public sealed class TestRdsProxyConfigurationCommand : AwsTestCmdlet<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult, RdsProxyCmdlets>;

/// <summary>
/// <para type="synopsis">Applies a checked RDS Proxy configuration: secrets, then the proxy, then its targets.</para>
/// <para type="description">Runs Test-RdsProxyConfiguration's check first; when it finds an error nothing is
/// changed and the cmdlet fails. Otherwise each planned step (CreateSecret, PutSecretValue, CreateDBProxy,
/// ModifyDBProxy, RegisterDBProxyTargets) goes through ShouldProcess, so -WhatIf shows the plan and -Confirm asks
/// per step. Applying the same file again changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "RdsProxyConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RdsProxyApplyResult))]
public sealed class SetRdsProxyConfigurationCommand : AwsSetCmdlet<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult, RdsProxyCmdlets>, IPollingCmdlet
{
    /// <summary>Seconds between DescribeDBProxies while waiting for the proxy.</summary>
    [Parameter(HelpMessage = "Seconds between status polls while waiting for the proxy to become available.")]
    [ValidateRange(0, 3600)]
    public int PollIntervalSeconds { get; set; } = 10;
}

/// <summary>Passwords from SecretManagement vaults (Get-Secret -AsPlainText), then environment variables.
/// Called on the pipeline thread: the manager resolves passwords before its first await.</summary>
internal sealed class SecretManagementResolver(PSCmdlet cmdlet) : EnvironmentSecretResolver(EnvironmentOptions.Lookup)
{
    public override SecretText Resolve(SecretReference reference, out string problem)
    {
        if (reference.Vault == null && reference.Secret == null) return base.Resolve(reference, out problem);
        problem = null;
        try
        {
            var output = cmdlet.InvokeCommand.InvokeScript(
                "param($v, $n) if (-not (Get-Command Get-Secret -ErrorAction SilentlyContinue)) { throw 'Microsoft.PowerShell.SecretManagement is not installed' }; Get-Secret -Vault $v -Name $n -AsPlainText -ErrorAction Stop",
                false, PipelineResultTypes.None, null, reference.Vault, reference.Secret);
            var value = output.Count > 0 ? output[0]?.BaseObject as string : null;
            if (string.IsNullOrEmpty(value)) { problem = $"{reference} is empty or not a string"; return null; }
            return new SecretText(value);
        }
        catch (RuntimeException e)
        {
            problem = $"{reference}: {Redactor.Redact(e.Message)}";
            return null;
        }
    }
}
