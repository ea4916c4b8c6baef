using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Ops.Aws.Runtime;
using Ops.RdsProxy;

namespace Ops.PowerShell.RdsProxy;

/// <summary>Parameters and plumbing shared by the RDS Proxy cmdlets. No logic: everything is in Ops.RdsProxy.</summary>
public abstract class RdsProxyCmdletBase : PSCmdlet
{
    // The parameters are declared (with their attributes) by each cmdlet, so that the cmdlet's own metadata lists
    // them (help and manifest checks read it); this class only uses them.
    public abstract string Path { get; set; }
    public abstract string Region { get; set; }
    public abstract string EndpointUrl { get; set; }
    public abstract string ProfileName { get; set; }
    public abstract int PollIntervalSeconds { get; set; }

    private readonly ConcurrentQueue<string> _log = new();

    protected RdsProxyConfig LoadConfig()
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            return RdsProxyConfig.Load(resolved);
        }
        catch (ConfigException e)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(Redactor.Redact(e.Message)), "RdsProxyConfigInvalid", ErrorCategory.InvalidData, resolved));
            return null;
        }
    }

    protected RdsProxySession OpenSession(RdsProxyConfig config)
    {
        var aws = new AwsClientOptions { Region = Region, EndpointUrl = EndpointUrl, Profile = ProfileName };
        var options = new RdsProxyOptions
        {
            Secrets = new SecretManagementResolver(this),
            PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds),
            Log = line => _log.Enqueue(line),
        };
        try
        {
            return new RdsProxySession(config, aws, options);
        }
        catch (AwsConfigurationException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "AwsConfiguration", ErrorCategory.InvalidArgument, null));
            return null;
        }
    }

    /// <summary>Verbose lines gathered from the async calls, written on the pipeline thread.</summary>
    protected void FlushLog()
    {
        while (_log.TryDequeue(out var line)) WriteVerbose(line);
    }

    protected T Wait<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AwsServiceException or RdsProxyApplyException or TimeoutException or InvalidOperationException or HttpRequestException)
        {
            FlushLog();
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(Redactor.Redact(e.Message)), e.GetType().Name, ErrorCategory.InvalidOperation, Path));
            return default;
        }
    }

    protected void WriteFindings(RdsProxyCheckResult result)
    {
        foreach (var f in result.Findings)
        {
            var text = Redactor.Redact($"[{f.Code}] {f.Message}{(f.Fix != null ? " Fix: " + f.Fix : "")}");
            if (f.Severity == Severity.Error)
                WriteError(new ErrorRecord(new InvalidOperationException(text), f.Code, ErrorCategory.InvalidData, f.Login));
            else
                WriteWarning(text);
        }
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
