using System.Collections.Concurrent;
using System.Management.Automation;
using Ops.Domain;
using Ops.Tla;

namespace Ops.PowerShell.Domains;

/// <summary>
/// The one adapter between PowerShell and a domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): a domain's
/// Test- cmdlet is <see cref="RunTest"/> and its Set- cmdlet <see cref="RunSet"/>, over the parameters the cmdlet
/// declares. Reading the file (a bad one is a terminating error with exit code 151 that names the file), opening the
/// domain, the check, the findings as errors and warnings, ShouldProcess per planned step (-WhatIf, -Confirm), the
/// apply, and verbose lines from async calls written on the pipeline thread: the same for every domain.
/// </summary>
public abstract class DomainCmdlet<TConfig, TObserved, TReport> : OpsCmdlet where TReport : Report
{
    /// <summary>The CLI's exit codes: 151 for a bad file, 12 for a check that found an error.</summary>
    public const int ConfigErrorExitCode = (int)ExitStatus.ConfigError, CheckFailedExitCode = (int)ExitStatus.SafetyViolation;

    /// <summary>The configuration file the cmdlet was given (its -Path).</summary>
    protected abstract string ConfigFile { get; }

    /// <summary>The configuration file as a file-system path (the target of the cmdlet's errors).</summary>
    protected string ResolvedConfigFile
    {
        get
        {
            try { return GetUnresolvedProviderPathFromPSPath(ConfigFile); }
            catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException) { return ConfigFile; }
        }
    }

    /// <summary>How the domain names things (and redacts what it shows).</summary>
    protected abstract DomainWords Words { get; }

    /// <summary>The start of the cmdlet's error ids: RdsProxy gives RdsProxyConfigInvalid, RdsProxyCheckFailed.</summary>
    protected abstract string ErrorIdPrefix { get; }

    /// <summary>Reads the configuration file (throws <see cref="ConfigException"/> for a bad one).</summary>
    protected abstract TConfig Read(string path);

    /// <summary>Opens the domain on the world it observes, with the cmdlet's parameters.</summary>
    protected abstract IDomainSession<TConfig, TObserved, TReport> Connect(TConfig config);

    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>Queues a verbose line (any thread); written on the pipeline thread.</summary>
    protected void Log(string line) => _log.Enqueue(line);

    protected void FlushLog()
    {
        while (_log.TryDequeue(out var line)) WriteVerbose(line);
    }

    protected string Redact(string text) => Words.Redact(text);

    /// <summary>The failures of a check or an apply that end the cmdlet with exit code 255 (the world could not be
    /// read or changed); anything else is a bug and surfaces as such.</summary>
    protected virtual bool IsFailure(Exception e) => e is ApplyException or TimeoutException or InvalidOperationException or HttpRequestException;

    /// <summary>Test-: reads the file and the world, checks; writes the report (or only $true/$false with
    /// <paramref name="quiet"/>), its error findings as non-terminating errors and its warnings as warnings.</summary>
    protected void RunTest(bool quiet)
    {
        var report = Check();
        if (report == null) return;
        if (quiet) { WriteObject(report.Passed); return; }
        WriteFindings(report);
        WriteObject(report);
    }

    /// <summary>Reads the file and the world and checks: the report, for a Test- cmdlet that writes its own objects
    /// (null when the file could not be read and the error was written: see <see cref="TryLoad"/>).</summary>
    protected TReport Check()
    {
        if (!TryLoad(out var config)) return null;
        using var session = Connect(config);
        var report = Await(DomainPipeline.CheckAsync(session.Domain, config, Cancellation));
        FlushLog();
        return report;
    }

    /// <summary>Set-: the check first; when it finds an error nothing is changed and the cmdlet fails (exit code 12);
    /// otherwise each planned step goes through ShouldProcess, then the approved ones run in order. Under -WhatIf a
    /// failed check is not a terminating error (as for Invoke-PglogicalReplicationPlan): the findings are written as
    /// Test- writes them (errors as non-terminating errors, each with exit code 12), a warning says the apply would stop
    /// there, each step planned from the file as it is shows as "What if:", and the result (DryRun, not Passed) is
    /// returned.</summary>
    protected void RunSet()
    {
        if (!TryLoad(out var config)) return;
        using var session = Connect(config);
        var (stage, check) = Await(CheckKeepingStage(session.Domain, config, Cancellation));
        FlushLog();
        WriteFindings(check);
        if (!check.Passed)
        {
            var result = session.Domain.NewApplyResult(check);
            var reason = $"{System.IO.Path.GetFileName(ConfigFile)}: the check found {check.Findings.Count(f => f.IsError)} error(s) in {Words.ConfigurationNoun}";
            if (WhatIfRequested)
            {
                var steps = PlanOfFailedCheck(session.Domain, stage, check);
                WriteWarning(Redact($"The apply would stop here, before changing anything: {reason} (each error above says how to fix it)." +
                    (steps.Count > 0 ? " The steps below are the ones planned from the file as it is." : " Nothing can be planned before they are fixed.")));
                foreach (var step in steps) ShouldProcess($"{step.Kind} {step.Target}", step.Description);
                result.DryRun = true;
                WriteObject(result);
                return;
            }
            WriteObject(result);
            Fail(new OpsCommandException($"{reason}; nothing was changed.", CheckFailedExitCode),
                ErrorIdPrefix + "CheckFailed", ErrorCategory.InvalidData, ResolvedConfigFile, report: Redact(check.ToText()),
                recommendedAction: "Fix the findings above (each says how), then run again.");
            return;
        }
        // Decide on the pipeline thread, then run the approved steps.
        var approved = check.Plan.Where(step => ShouldProcess($"{step.Kind} {step.Target}", step.Description)).ToHashSet();
        var applied = Await(DomainPipeline.ExecuteAsync(session.Domain, check, approved, Cancellation));
        FlushLog();
        // Under -WhatIf the check ran and no step did: the result says so, as the CLI's -dry-run does.
        if (WhatIfRequested) applied.DryRun = true;
        WriteObject(applied);
    }

    /// <summary>The check (<see cref="DomainPipeline.CheckAsync{TConfig,TObserved,TReport}"/>), keeping the stage it
    /// checked (what was observed), so that -WhatIf can show the plan of a check that failed.</summary>
    private static async Task<(Stage<TConfig, TObserved, TReport> Stage, TReport Check)> CheckKeepingStage(IDomain<TConfig, TObserved, TReport> domain, TConfig config,
        CancellationToken ct)
    {
        var stage = await domain.StageAsync(config, ct);
        if (stage.Observed == null || !stage.Report.Passed) return (stage, stage.Report);
        return (stage, domain.CheckStage(stage, ct: ct));
    }

    /// <summary>The steps an apply would run were <paramref name="check"/> not failing: planned from what was observed
    /// when only the model found errors (the world was read and the file matched it); none when the file or the world
    /// already had an error (nothing sound can be planned from them). The report is left as the check made it.</summary>
    private static List<PlanStep> PlanOfFailedCheck(IDomain<TConfig, TObserved, TReport> domain, Stage<TConfig, TObserved, TReport> stage, TReport check)
    {
        if (stage.Observed == null || check.FindingsBeforeModel.Any(f => f.IsError)) return new List<PlanStep>();
        int findings = check.Findings.Count, planned = check.Plan.Count;
        domain.Plan(stage.Config, stage.Observed, check);
        var steps = check.Plan.Skip(planned).ToList();
        check.Plan.RemoveRange(planned, check.Plan.Count - planned);
        check.Findings.RemoveRange(findings, check.Findings.Count - findings);
        return steps;
    }

    /// <summary>
    /// Loads the file; a bad file is an error (InvalidData, exit code 151) naming the file and the place. Given as a
    /// parameter it is a terminating error; piped (Get-ChildItem *.yaml | Test-JenkinsEcsCloud) it is a non-terminating
    /// one and this returns false, so that one bad file does not stop the check of the others, unless
    /// <see cref="StopOnBadFile"/> (-ErrorOnViolation).
    /// </summary>
    protected bool TryLoad(out TConfig config)
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(ConfigFile);
        config = default;
        // A missing file, or a folder: ObjectNotFound with the fix (before: InvalidData "no such file" for both, or
        // "Access to the path is denied" for a folder), the same error id and exit code 151 as a bad file.
        if (!File.Exists(resolved))
        {
            var record = FileNotFoundRecord("-Path", ConfigFile, resolved, ErrorIdPrefix + "ConfigInvalid", ConfigErrorExitCode,
                Directory.Exists(resolved)
                    ? $"give the configuration file, or pipe the folder's: Get-ChildItem -Path {ConfigFile} -File | {MyInvocation.MyCommand.Name}."
                    : "check the name and the current folder (Get-ChildItem lists the files here).");
            return LoadFailed(record);
        }
        try
        {
            config = Read(resolved);
            return true;
        }
        catch (ConfigException e)
        {
            var failure = new OpsCommandException(Redact(e.Message), ConfigErrorExitCode);
            return LoadFailed(new ErrorRecord(failure, ErrorIdPrefix + "ConfigInvalid", ErrorCategory.InvalidData, resolved));
        }
    }

    /// <summary>A file that could not be loaded: a non-terminating error when it came from the pipeline (unless
    /// <see cref="StopOnBadFile"/>), else a terminating one; false.</summary>
    private bool LoadFailed(ErrorRecord record)
    {
        if (MyInvocation.ExpectingInput && !StopOnBadFile)
        {
            WriteError(record);
            return false;
        }
        Fail((OpsCommandException)record.Exception, ErrorIdPrefix + "ConfigInvalid", record.CategoryInfo.Category, record.TargetObject,
            recommendedAction: record.ErrorDetails?.RecommendedAction);
        return false;
    }

    /// <summary>True when a bad file ends the pipeline even when it came from it (-ErrorOnViolation).</summary>
    protected virtual bool StopOnBadFile => false;

    private readonly CancellationTokenSource _stop = new();

    /// <summary>Cancelled when PowerShell stops the pipeline (Ctrl+C, Stop-Job, a runspace's Stop()): the checks (the
    /// model runs, a Jenkins cloud's search for a safe setting) and the applies (the waits for a deployment or a proxy)
    /// end at their next step, instead of Ctrl+C waiting until they had finished (minutes for -Wait).</summary>
    protected CancellationToken Cancellation => _stop.Token;

    protected override void StopProcessing()
    {
        _stop.Cancel();
        base.StopProcessing();
    }

    /// <summary>Waits for a check or an apply on the pipeline thread; a failure is a terminating error; a check or an
    /// apply that ended because the pipeline is stopping ends the cmdlet as a stopped pipeline.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            var result = task.GetAwaiter().GetResult();
            // A check cancelled half-way may come back with "cancelled" model runs as its verdicts: never a result.
            if (_stop.IsCancellationRequested) throw new PipelineStoppedException();
            return result;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (IsFailure(e))
        {
            FlushLog();
            Fail(new OpsCommandException(Redact(e.Message), OpsCommandException.OtherFailure), e.GetType().Name, ErrorCategory.InvalidOperation, ResolvedConfigFile);
            return default;
        }
    }

    /// <summary>Error findings as non-terminating errors (their exception an OpsCommandException with exit code 12,
    /// so -ErrorAction Stop ends a step with the CLI's code), warnings as warnings.</summary>
    protected void WriteFindings(Report report)
    {
        foreach (var f in report.Findings)
        {
            var text = ReportText.OneLine(f, Words);
            if (f.IsError)
                WriteError(new ErrorRecord(new OpsCommandException(text, CheckFailedExitCode), f.Code, ErrorCategory.InvalidData, Words.About(f)));
            else
                WriteWarning(text);
        }
    }
}
