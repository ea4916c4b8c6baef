using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;
using Ops.PowerShell.Domains;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>The RDS Proxy domain for the generic cmdlets (<see cref="AwsDomainCmdlet{TConfig,TObserved,TReport}"/>): its
/// file, its session, passwords from SecretManagement vaults. No logic: everything is in Ops.RdsProxy. Every text shown
/// passes through the redactor.</summary>
public abstract class RdsProxyCmdletBase : AwsDomainCmdlet<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>
{
    protected override DomainWords Words => RdsProxyManager.Words;
    protected override string ErrorIdPrefix => "RdsProxy";
    protected override RdsProxyConfig Read(string path) => RdsProxyConfig.Load(path);

    /// <summary>Between DescribeDBProxies while waiting for the proxy (Set- only).</summary>
    protected virtual TimeSpan PollInterval => TimeSpan.Zero;

    protected override IDomainSession<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult> Connect(RdsProxyConfig config, AwsClientOptions aws, AwsSnapshot snapshot)
    {
        var options = new RdsProxyOptions { Secrets = new SecretManagementResolver(this), PollInterval = PollInterval, Log = Log };
        return snapshot != null ? new RdsProxySession(config, snapshot, options) : new RdsProxySession(config, aws, options);
    }
}

/// <summary>Passwords from SecretManagement vaults (Get-Secret -AsPlainText), then environment variables.
/// Called on the pipeline thread: the manager resolves passwords before its first await.</summary>
internal sealed class SecretManagementResolver(PSCmdlet cmdlet) : EnvironmentSecretResolver
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
