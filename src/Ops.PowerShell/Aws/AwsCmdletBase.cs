using System.Collections.Concurrent;
using System.Management.Automation;
using Ops.Aws.Runtime;

namespace Ops.PowerShell.Aws;

/// <summary>What the cmdlets that check and apply a file through the AWS APIs share (Test-/Set-RdsProxyConfiguration,
/// Test-EcsServiceConfiguration, Set-EcsService): the file and AWS's region, endpoint and profile as parameters;
/// loading the file and opening clients with terminating errors that name the file; verbose lines from async calls
/// written on the pipeline thread. No domain logic.</summary>
public abstract class AwsCmdletBase : OpsCmdlet
{
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

    /// <summary>The snapshot -AwsSnapshotPath names, or null; an unreadable one is a terminating error.</summary>
    protected Ops.Aws.Offline.AwsSnapshot LoadSnapshot()
    {
        if (AwsSnapshotPath == null) return null;
        var resolved = GetUnresolvedProviderPathFromPSPath(AwsSnapshotPath);
        try
        {
            return Ops.Aws.Offline.AwsSnapshot.Load(resolved);
        }
        catch (Ops.Aws.Offline.AwsSnapshotException e)
        {
            Fail(new OpsCommandException(e.Message, ConfigErrorExitCode), "AwsSnapshotInvalid", ErrorCategory.InvalidData, resolved);
            return null;
        }
    }

    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>The CLI's exit codes: 151 for a bad file, 12 for a check that found an error.</summary>
    public const int ConfigErrorExitCode = 151, CheckFailedExitCode = 12;

    /// <summary>The check found an error, so nothing is applied: the findings were written (as errors and warnings)
    /// and the report goes to the host; the terminating error says so in one line, with exit code 12.</summary>
    protected void FailCheck(string what, int errors, string report, string errorId) =>
        Fail(new OpsCommandException($"{System.IO.Path.GetFileName(Path)}: the check found {errors} error(s) in {what}; nothing was changed.", CheckFailedExitCode),
            errorId, ErrorCategory.InvalidData, Path, report: Redact(report), recommendedAction: "Fix the findings above (each says how), then run again.");

    /// <summary>The domain's failures of a check or an apply (besides AWS's, the network's and time-outs).</summary>
    protected abstract bool IsDomainFailure(Exception e);

    /// <summary>Text safe to show; domains that handle secrets redact them here.</summary>
    protected virtual string Redact(string text) => text;

    protected AwsClientOptions ClientOptions() => new() { Region = Region, EndpointUrl = EndpointUrl, Profile = ProfileName };

    /// <summary>Queues a verbose line (any thread); <see cref="FlushLog"/> writes them.</summary>
    protected void Log(string line) => _log.Enqueue(line);

    /// <summary>Verbose lines gathered from the async calls, written on the pipeline thread.</summary>
    protected void FlushLog()
    {
        while (_log.TryDequeue(out var line)) WriteVerbose(line);
    }

    /// <summary>Loads the file; a bad file is a terminating error (InvalidData) naming the file and the place.</summary>
    protected T LoadFile<T>(Func<string, T> load, Func<Exception, bool> isFileError, string errorId)
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            return load(resolved);
        }
        catch (Exception e) when (isFileError(e))
        {
            Fail(new OpsCommandException(Redact(e.Message), ConfigErrorExitCode), errorId, ErrorCategory.InvalidData, resolved);
            return default;
        }
    }

    /// <summary>Opens the clients; missing region or credentials are a terminating error.</summary>
    protected T Open<T>(Func<T> open)
    {
        try
        {
            return open();
        }
        catch (AwsConfigurationException e)
        {
            Fail(new OpsCommandException(Redact(e.Message), OpsCommandException.OtherFailure), "AwsConfiguration", ErrorCategory.InvalidArgument, null);
            return default;
        }
    }

    /// <summary>Waits for a check or an apply on the pipeline thread; a failure is a terminating error.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AwsServiceException or TimeoutException or InvalidOperationException or HttpRequestException || IsDomainFailure(e))
        {
            FlushLog();
            Fail(new OpsCommandException(Redact(e.Message), OpsCommandException.OtherFailure), e.GetType().Name, ErrorCategory.InvalidOperation, Path);
            return default;
        }
    }

    /// <summary>An error finding as a non-terminating error (its exception an OpsCommandException with exit code 12,
    /// so -ErrorAction Stop ends a step with the CLI's code), a warning as a warning.</summary>
    protected void WriteFinding(Ops.Domain.Finding f, Ops.Domain.DomainWords words)
    {
        var text = Redact(Ops.Domain.ReportText.OneLine(f, words));
        if (f.IsError)
            WriteError(new ErrorRecord(new OpsCommandException(text, CheckFailedExitCode), f.Code, ErrorCategory.InvalidData, words.About(f)));
        else
            WriteWarning(text);
    }
}
