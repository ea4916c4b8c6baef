using System.Collections.Concurrent;
using System.Management.Automation;
using Ops.Aws.Runtime;
using Ops.EcsService;

namespace Ops.PowerShell.EcsService;

/// <summary>Parameters and plumbing shared by the ECS service cmdlets. No logic: everything is in Ops.EcsService.</summary>
public abstract class EcsServiceCmdletBase : PSCmdlet
{
    // The parameters are declared (with their attributes) by each cmdlet, so that the cmdlet's own metadata lists
    // them (help and manifest checks read it); this class only uses them.
    public abstract string Path { get; set; }
    public abstract string Region { get; set; }
    public abstract string EndpointUrl { get; set; }
    public abstract string ProfileName { get; set; }

    private readonly ConcurrentQueue<string> _log = new();

    protected EcsServiceConfig LoadConfig()
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            return EcsServiceConfig.Load(resolved);
        }
        catch (ConfigException e)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "EcsServiceConfigInvalid", ErrorCategory.InvalidData, resolved));
            return null;
        }
    }

    protected EcsServiceSession OpenSession(EcsServiceConfig config, EcsServiceOptions options)
    {
        var aws = new AwsClientOptions { Region = Region, EndpointUrl = EndpointUrl, Profile = ProfileName };
        options.Log = line => _log.Enqueue(line);
        try
        {
            return new EcsServiceSession(config, aws, options);
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

    protected T Await<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AwsServiceException or EcsServiceApplyException or TimeoutException or InvalidOperationException or HttpRequestException)
        {
            FlushLog();
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(e.Message), e.GetType().Name, ErrorCategory.InvalidOperation, Path));
            return default;
        }
    }

    protected void WriteFindings(EcsServiceCheckResult result)
    {
        foreach (var f in result.Findings)
        {
            var text = $"[{f.Code}]{(f.Subject != null ? " " + f.Subject : "")}: {f.Message}{(f.Fix != null ? " Fix: " + f.Fix : "")}";
            if (f.Severity == Severity.Error)
                WriteError(new ErrorRecord(new InvalidOperationException(text), f.Code, ErrorCategory.InvalidData, f.Subject));
            else
                WriteWarning(text);
        }
    }
}
