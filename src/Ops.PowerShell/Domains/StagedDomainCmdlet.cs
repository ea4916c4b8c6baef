using System.Management.Automation;
using Ops.Domain;

namespace Ops.PowerShell.Domains;

/// <summary>
/// The one adapter between PowerShell and a staged domain (<see cref="IStagedDomain{TConfig,TObserved,TReport}"/>),
/// whose observation is an object the operator holds between cmdlets: a New- cmdlet makes it (<see cref="NewStage"/>:
/// validate and observe, no model; the object goes down the pipeline or into a variable or a file), a Test- cmdlet checks
/// one it is given (<see cref="TestStage"/>: the model, whatever the object's own findings), an Invoke- cmdlet applies one
/// (<see cref="InvokeStage"/>: the check an apply runs, then ShouldProcess per planned step, -WhatIf saying what would
/// stop it without connecting or throwing). The object may also be saved to a file and read back
/// (<see cref="SaveStageFile"/>, <see cref="LoadStageFile"/>, in the format of the CLI's <c>plan --save FILE</c> and
/// <c>check|apply --plan FILE</c>) when the domain says how (<see cref="SaveText"/>, <see cref="LoadText"/>). The findings as errors and warnings, the exit codes
/// (<see cref="DomainWords.ExitCodes"/>) and the failures of the world as terminating errors are the same for every such
/// domain; the domain's cmdlets declare their parameters, open the domain, and say in its words what an error is
/// (<see cref="FailWith"/>) and why a check stops an apply (<see cref="Refusal"/>).
/// </summary>
public abstract class StagedDomainCmdlet<TConfig, TObserved, TReport> : OpsCmdlet where TReport : Report
{
    /// <summary>How the domain names things (and redacts what it shows), and its exit codes.</summary>
    protected abstract DomainWords Words { get; }

    protected string Redact(string text) => Words.Redact(text);

    /// <summary>The failures of the domain's world (a connection refused, a statement that failed, a file that cannot be
    /// read): a terminating error through <see cref="FailWith"/>; anything else is a bug and surfaces as such.</summary>
    protected abstract bool IsFailure(Exception e);

    /// <summary>Ends the cmdlet with the terminating error for <paramref name="e"/> (a failure, or a <see cref="Refusal"/>),
    /// with the domain's error id, category and exit code; <paramref name="target"/> holds no secret;
    /// <paramref name="report"/> (the check's text) goes to the host first.</summary>
    protected abstract void FailWith(Exception e, object target, string report = null);

    /// <summary>Why a check stops an apply (<paramref name="forApply"/>: an error before the model or one the model
    /// found), or why a test that asked for an error fails (an error the model found), in the domain's words: the
    /// error, what -WhatIf warns instead, and the report to show.</summary>
    protected abstract StageRefusal Refusal(TReport check, bool forApply);

    /// <summary>What -WhatIf says (verbose) of an apply that would change nothing.</summary>
    protected virtual string NothingToApply(TReport check) => $"Nothing to apply to {check.Title}: it is already in place.";

    /// <summary>The ShouldProcess target of a planned step (default: its kind and target).</summary>
    protected virtual string StepTarget(PlanStep step) => $"{step.Kind} {step.Target}";

    /// <summary>The observation as the text of a saved file, without any secret (the CLI's <c>plan --save FILE</c>).</summary>
    protected virtual string SaveText(TObserved observed) => throw new NotSupportedException($"{MyInvocation.MyCommand.Name} saves nothing to a file");

    /// <summary>An observation read back from a saved file's text (<paramref name="source"/> names the file in errors;
    /// the CLI's <c>check|apply --plan FILE</c>).</summary>
    protected virtual TObserved LoadText(string text, string source) => throw new NotSupportedException($"{MyInvocation.MyCommand.Name} reads nothing from a file");

    /// <summary>The file-system path of a parameter's file; a path PowerShell cannot resolve is kept as given (the file
    /// system then says what is wrong with it).</summary>
    protected string FilePath(string path)
    {
        try { return GetUnresolvedProviderPathFromPSPath(path); }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException) { return path; }
    }

    /// <summary>Why the file <paramref name="path"/> (given to -<paramref name="parameter"/>) cannot be written, as an
    /// exception the domain's failures include; null when it can. Asked before the world is observed, so that a save
    /// that cannot succeed stops the cmdlet before it connects.</summary>
    protected static IOException Unwritable(string path, string parameter) =>
        Ops.Tla.Output.OutputFiles.Problem(path) is { } problem ? new IOException($"-{parameter} {path} cannot be written: {problem}.") : null;

    /// <summary>Saves <paramref name="observed"/> to <paramref name="path"/> (<see cref="SaveText"/>): a file that cannot
    /// be written is a failure (the domain's terminating error), naming -<paramref name="parameter"/>; the verbose line
    /// says which parameter of the next cmdlet reads it back (-<paramref name="readBy"/>).</summary>
    protected void SaveStageFile(string path, string parameter, string readBy, TObserved observed)
    {
        try
        {
            File.WriteAllText(path, SaveText(observed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"-{parameter} {path} cannot be written: {e.Message}", e);
        }
        WriteVerbose($"Saved to {path}: give it to -{readBy} of the next cmdlet.");
    }

    /// <summary>The observation saved in <paramref name="path"/> (<see cref="LoadText"/>): a file that cannot be read is
    /// a failure (the domain's terminating error), naming -<paramref name="parameter"/>.</summary>
    protected TObserved LoadStageFile(string path, string parameter)
    {
        string text;
        RequireFile(path, parameter);
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"-{parameter} {path} cannot be read: {e.Message}", e);
        }
        return LoadText(text, path);
    }

    /// <summary>Runs <paramref name="body"/>; a failure of the world is the domain's terminating error.</summary>
    protected T Run<T>(Func<T> body, object target)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsFailure(e))
        {
            FailWith(e, target);
            return default;
        }
    }

    /// <summary>New-: under ShouldProcess (<paramref name="target"/>, <paramref name="action"/>), validates and observes
    /// (no model); writes the stage's findings (errors as non-terminating errors, warnings as warnings) and returns it,
    /// or null when ShouldProcess declined (-WhatIf). A failure names <paramref name="failureTarget"/>.</summary>
    protected Stage<TConfig, TObserved, TReport> NewStage(Func<IDomainSession<TConfig, TObserved, TReport>> open, TConfig config, string target, string action,
        object failureTarget)
    {
        if (!ShouldProcess(target, action)) return null;
        var stage = Run(() =>
        {
            using var session = open();
            return session.Domain.StageAsync(config).GetAwaiter().GetResult();
        }, failureTarget);
        WriteFindings(stage.Report);
        return stage;
    }

    /// <summary>Test-: checks the model on an observation made earlier (whatever its own findings, which stay in the
    /// report). With <paramref name="errorOnModelFindings"/>, an error the model found ends the cmdlet (after
    /// <paramref name="writeOutput"/> wrote the result) with the domain's refusal.</summary>
    protected TReport TestStage(IStagedDomain<TConfig, TObserved, TReport> domain, TObserved observed, bool errorOnModelFindings, Action<TReport> writeOutput, object target)
    {
        var report = Run(() => domain.CheckStage(domain.Resume(observed)), target);
        writeOutput(report);
        if (errorOnModelFindings && report.ModelFindings.Any(f => f.IsError))
        {
            var refusal = Refusal(report, forApply: false);
            FailsTheStep = true;
            FailWith(refusal.Error, target, refusal.Report);
        }
        return report;
    }

    /// <summary>
    /// Invoke-: the check an apply runs on an observation made earlier (<see cref="DomainPipeline.CheckStageForApply"/>:
    /// the model only when the observation changes something; with <paramref name="acceptModelFindings"/> what it finds
    /// is accepted), then each planned step through ShouldProcess, and the approved ones run in order. A check that stops
    /// the apply is the domain's refusal; under -WhatIf it is a warning instead, and nothing connects or throws. Returns
    /// the apply's result, or null when nothing ran under -WhatIf. A refusal names <paramref name="target"/>, a failure
    /// <paramref name="failureTarget"/>.
    /// </summary>
    protected ApplyResult<TReport> InvokeStage(IStagedDomain<TConfig, TObserved, TReport> domain, TObserved observed, bool acceptModelFindings, object target,
        object failureTarget)
    {
        var whatIf = WhatIfRequested;
        var stage = Run(() => domain.Resume(observed), failureTarget);
        var check = Run(() => domain.CheckStageForApply(stage, acceptModelFindings), failureTarget);
        if (!check.Passed)
        {
            var refusal = Refusal(check, forApply: true);
            if (!whatIf) FailWith(refusal.Error, target, refusal.Report);
            WriteWarning(Redact(refusal.WhatIfWarning));
            // -WhatIf also shows what the apply would run were nothing stopping it.
            var unchecked_ = domain.NewReport(stage.Config);
            domain.Plan(stage.Config, observed, unchecked_);
            foreach (var step in unchecked_.Plan) ShouldProcess(StepTarget(step), step.Description);
            return null;
        }
        if (check.NoChanges)
        {
            if (whatIf)
            {
                WriteVerbose(Redact(NothingToApply(check)));
                return null;
            }
            return domain.NewApplyResult(check);
        }
        // A step's description holds no secret (PlanStep), nor does its target as the cmdlet names it.
        var approved = check.Plan.Where(step => ShouldProcess(StepTarget(step), step.Description)).ToHashSet();
        if (approved.Count == 0) return null;
        return Run(() => domain.ExecuteAsync(check, approved).GetAwaiter().GetResult(), failureTarget);
    }

    /// <summary>Error findings as non-terminating errors (<see cref="FindingError"/>), warnings as warnings
    /// (<see cref="FindingWarning"/>).</summary>
    protected void WriteFindings(TReport report)
    {
        var beforeModel = report.FindingsBeforeModel.ToHashSet();
        foreach (var f in report.Findings)
        {
            if (f.IsError) WriteError(FindingError(f, beforeModel.Contains(f) ? Words.ExitCodes.Invalid ?? report.ExitCode : (int)Ops.Tla.ExitStatus.SafetyViolation));
            else WriteWarning(FindingWarning(f));
        }
    }

    /// <summary>An error finding as an error record whose exception carries <paramref name="exitCode"/> (the code the
    /// check exits with for it): by default the finding in one line, its code as the error id.</summary>
    protected virtual ErrorRecord FindingError(Finding f, int exitCode) =>
        new(new OpsCommandException(ReportText.OneLine(f, Words), exitCode), f.Code, ErrorCategory.InvalidData, Words.About(f));

    /// <summary>A warning finding as the warning's text: by default the finding in one line.</summary>
    protected virtual string FindingWarning(Finding f) => ReportText.OneLine(f, Words);
}

/// <summary>Why a check stops an apply, in the domain's words: the terminating error, the warning -WhatIf writes
/// instead, and the report (the check's text) shown with the error.</summary>
public sealed record StageRefusal(Exception Error, string WhatIfWarning, string Report = null);
