using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Ops.PowerShell.Aws;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>Plumbing shared by the RDS Proxy cmdlets (parameters: <see cref="AwsCmdletBase"/>). No logic: everything
/// is in Ops.RdsProxy. Every text shown passes through the redactor.</summary>
public abstract class RdsProxyCmdletBase : AwsCmdletBase
{
    protected override bool IsDomainFailure(Exception e) => e is Ops.Domain.ApplyException;

    protected override string Redact(string text) => Redactor.Redact(text);

    protected RdsProxyConfig LoadConfig() => LoadFile(RdsProxyConfig.Load, e => e is Ops.Domain.ConfigException, "RdsProxyConfigInvalid");

    protected RdsProxySession OpenSession(RdsProxyConfig config, TimeSpan pollInterval)
    {
        var options = new RdsProxyOptions
        {
            Secrets = new SecretManagementResolver(this),
            PollInterval = pollInterval,
            Log = Log,
        };
        var snapshot = LoadSnapshot();
        return Open(() => snapshot != null ? new RdsProxySession(config, snapshot, options) : new RdsProxySession(config, ClientOptions(), options));
    }

    protected void WriteFindings(RdsProxyCheckResult result)
    {
        foreach (var f in result.Findings) WriteFinding(f, result.GetWords());
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
