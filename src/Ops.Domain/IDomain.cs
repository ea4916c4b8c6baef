namespace Ops.Domain;

/// <summary>
/// The contract every ops domain implements: the rules of one kind of operation, and nothing of the pipeline that
/// runs them (<see cref="DomainPipeline"/>) or of the front ends (the generic <c>ops DOMAIN check|apply</c> command and
/// the generic Test-/Set- cmdlets). The pipeline calls, in order, each only when nothing before found an error:
/// <list type="number">
/// <item><see cref="Read"/> the configuration file (a bad file is a <see cref="ConfigException"/>, exit 151);</item>
/// <item><see cref="Validate"/> it alone (missing fields, values out of range);</item>
/// <item><see cref="ObserveAsync"/> the world it will change: the live system (reads only), or a snapshot or inventory
/// saved earlier;</item>
/// <item><see cref="CheckModel"/>: bind the domain's TLA+ model to the configuration and what was observed, check it,
/// and tell every counterexample in the domain's words (findings with the violated property and the trace);</item>
/// <item><see cref="Plan"/> the steps that make the world match the file (each a <see cref="PlanStep"/> that the
/// apply runs, or advice when the domain changes nothing).</item>
/// </list>
/// The apply runs the approved steps of a passed check (<see cref="DomainPipeline.ExecuteAsync{TConfig,TObserved,TReport}"/>).
/// </summary>
/// <typeparam name="TConfig">The configuration file, as read.</typeparam>
/// <typeparam name="TObserved">What the domain observed of the world.</typeparam>
/// <typeparam name="TReport">The domain's report: the shared one plus the facts it names.</typeparam>
public interface IDomain<TConfig, TObserved, TReport> where TReport : Report
{
    /// <summary>How the domain's reports and errors name things.</summary>
    DomainWords Words { get; }

    TConfig Read(string path);

    TReport NewReport(TConfig config);

    IEnumerable<Finding> Validate(TConfig config);

    /// <summary>Reads the world (no change). Problems it finds go to <paramref name="report"/>; null when nothing
    /// more can be checked.</summary>
    Task<TObserved> ObserveAsync(TConfig config, TReport report, CancellationToken ct);

    void CheckModel(TConfig config, TObserved observed, TReport report, CancellationToken ct);

    void Plan(TConfig config, TObserved observed, TReport report);

    ApplyResult<TReport> NewApplyResult(TReport check);

    /// <summary>The error code of a failure of a step that the apply reports as a failed apply (an AWS error, a
    /// database error), or null for an exception that is not one.</summary>
    string FailureCode(Exception e);

    /// <summary>Where the pipeline's progress lines go (model runs, applied steps), or null.</summary>
    Action<string> Log { get; }
}

/// <summary>
/// A domain whose observation is an object the operator holds between steps: made by one command, checked by a second
/// and applied by a third, piped from cmdlet to cmdlet or saved and read again (pglogical's replication plan, made by
/// New-PglogicalReplicationPlan, checked by Test-, applied by Invoke-). The observation carries the configuration it was
/// made with, so a later step needs nothing else (<see cref="DomainPipeline.Resume"/>).
/// </summary>
public interface IStagedDomain<TConfig, TObserved, TReport> : IDomain<TConfig, TObserved, TReport> where TReport : Report
{
    /// <summary>The configuration <paramref name="observed"/> was made with.</summary>
    TConfig ConfigOf(TObserved observed);

    /// <summary>Records an observation into a new report: the findings it carries (the same as
    /// <see cref="IDomain{TConfig,TObserved,TReport}.ObserveAsync"/> records when it makes it).</summary>
    void Record(TObserved observed, TReport report);

    /// <summary>Whether applying <paramref name="observed"/> changes anything. An apply of an observation that changes
    /// nothing does not run the model (there is no change to check); a check always does.</summary>
    bool Changes(TObserved observed);
}

/// <summary>What the first stage of a check leaves for the next: the configuration, what was observed (null when an
/// error stopped the check before the observation) and the report so far.</summary>
public sealed class Stage<TConfig, TObserved, TReport>(TConfig config, TObserved observed, TReport report) where TReport : Report
{
    public TConfig Config { get; } = config;
    public TObserved Observed { get; } = observed;
    public TReport Report { get; } = report;
}

/// <summary>Runs a domain: the check (read, validate, observe, check the model, plan) and the apply (the approved
/// steps of a passed check, in order). The same for every domain: <c>domain.CheckAsync(config)</c>,
/// <c>domain.ApplyAsync(config)</c>, <c>domain.ExecuteAsync(check, approved)</c>.</summary>
public static class DomainPipeline
{
    public static async Task<TReport> CheckAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, TConfig config,
        CancellationToken ct = default) where TReport : Report
    {
        var stage = await StageAsync(domain, config, ct);
        if (stage.Observed == null || !stage.Report.Passed) return stage.Report;
        return CheckStage(domain, stage, ct: ct);
    }

    /// <summary>The first stage of a check: read nothing more than the configuration and the world. Validates, then
    /// observes (each only when nothing before found an error). What was observed is the object a later stage continues
    /// from: the next command of a pipeline, a cmdlet down the PowerShell pipeline, or a file saved and read again
    /// (<see cref="IStagedDomain{TConfig,TObserved,TReport}.ConfigOf"/>, <see cref="Resume"/>).</summary>
    public static async Task<Stage<TConfig, TObserved, TReport>> StageAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain,
        TConfig config, CancellationToken ct = default) where TReport : Report
    {
        var report = domain.NewReport(config);
        report.Findings.AddRange(domain.Validate(config));
        if (!report.Passed) return new Stage<TConfig, TObserved, TReport>(config, default, report);
        var observed = await domain.ObserveAsync(config, report, ct);
        return new Stage<TConfig, TObserved, TReport>(config, observed, report);
    }

    /// <summary>A stage again from an observation made earlier (in this process or another): a new report with the
    /// findings the observation carries.</summary>
    public static Stage<TConfig, TObserved, TReport> Resume<TConfig, TObserved, TReport>(this IStagedDomain<TConfig, TObserved, TReport> domain,
        TObserved observed) where TReport : Report
    {
        ArgumentNullException.ThrowIfNull(observed);
        var config = domain.ConfigOf(observed);
        var report = domain.NewReport(config);
        domain.Record(observed, report);
        return new Stage<TConfig, TObserved, TReport>(config, observed, report);
    }

    /// <summary>The second stage: checks the model on what was observed, whatever the stage's findings (the operator
    /// asked for the check of this observation; its findings stay in the report), then plans when nothing found an
    /// error. With <paramref name="acceptModelFindings"/> the operator has accepted what the model finds (pglogical's
    /// <c>--allow-divergence</c>): its errors become warnings and the plan is made.</summary>
    public static TReport CheckStage<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, Stage<TConfig, TObserved, TReport> stage,
        bool acceptModelFindings = false, CancellationToken ct = default) where TReport : Report =>
        CheckStage(domain, stage, acceptModelFindings, runModel: true, ct);

    private static TReport CheckStage<TConfig, TObserved, TReport>(IDomain<TConfig, TObserved, TReport> domain, Stage<TConfig, TObserved, TReport> stage,
        bool acceptModelFindings, bool runModel, CancellationToken ct) where TReport : Report
    {
        var report = stage.Report;
        if (stage.Observed == null) return report;
        report.ModelStarts();
        var before = report.Findings.Count;
        ct.ThrowIfCancellationRequested();
        if (runModel) domain.CheckModel(stage.Config, stage.Observed, report, ct);
        ct.ThrowIfCancellationRequested();
        if (acceptModelFindings)
            for (int i = before; i < report.Findings.Count; i++)
                if (report.Findings[i].IsError) report.Findings[i] = report.Findings[i].AsWarning();
        var log = domain.Log;
        if (log != null) foreach (var m in report.ModelRuns) log(domain.Words.Redact("model: " + m));
        if (!report.Passed) return report;
        domain.Plan(stage.Config, stage.Observed, report);
        return report;
    }

    /// <summary>Checks, then runs each planned step that <paramref name="shouldProcess"/> allows (-WhatIf, -Confirm).
    /// Nothing changes when the check fails.</summary>
    public static async Task<ApplyResult<TReport>> ApplyAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, TConfig config,
        Func<PlanStep, bool> shouldProcess = null, CancellationToken ct = default) where TReport : Report
    {
        var check = await CheckAsync(domain, config, ct);
        if (!check.Passed) return domain.NewApplyResult(check);
        var approved = check.Plan.Where(step => shouldProcess == null || shouldProcess(step)).ToHashSet();
        return await ExecuteAsync(domain, check, approved, ct);
    }

    /// <summary>The check an apply runs on a stage: none when the stage already has an error (an error found before the
    /// model stops the apply there); the model only when the observation
    /// <see cref="IStagedDomain{TConfig,TObserved,TReport}.Changes"/> something (there is nothing to check otherwise); then
    /// the plan. A front end that decides on each step itself (ShouldProcess) runs this, then
    /// <see cref="ExecuteAsync{TConfig,TObserved,TReport}"/>.</summary>
    public static TReport CheckStageForApply<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, Stage<TConfig, TObserved, TReport> stage,
        bool acceptModelFindings = false, CancellationToken ct = default) where TReport : Report
    {
        if (stage.Observed == null || !stage.Report.Passed) return stage.Report;
        return CheckStage(domain, stage, acceptModelFindings,
            runModel: domain is not IStagedDomain<TConfig, TObserved, TReport> staged || staged.Changes(stage.Observed), ct);
    }

    /// <summary>Applies a stage (made now or earlier, <see cref="Resume"/>): checks it (<see cref="CheckStage"/>; an
    /// error found before the model stops it there, and the model runs only on an observation that
    /// <see cref="IStagedDomain{TConfig,TObserved,TReport}.Changes"/> something), then runs each planned step that
    /// <paramref name="shouldProcess"/> allows. Nothing changes when the check fails.</summary>
    public static async Task<ApplyResult<TReport>> ApplyStageAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain,
        Stage<TConfig, TObserved, TReport> stage, Func<PlanStep, bool> shouldProcess = null, bool acceptModelFindings = false, CancellationToken ct = default)
        where TReport : Report
    {
        var check = CheckStageForApply(domain, stage, acceptModelFindings, ct);
        if (!check.Passed) return domain.NewApplyResult(check);
        var approved = check.Plan.Where(step => shouldProcess == null || shouldProcess(step)).ToHashSet();
        return await ExecuteAsync(domain, check, approved, ct);
    }

    /// <summary>Runs the approved steps of a passed check, in order (a cmdlet decides with ShouldProcess on its own
    /// thread first). A step that waits for a change is skipped when nothing changed before it. A failure stops the
    /// run with an <see cref="ApplyException"/> that says what was applied before it; applying again continues there.</summary>
    public static async Task<ApplyResult<TReport>> ExecuteAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, TReport check,
        ISet<PlanStep> approved, CancellationToken ct = default) where TReport : Report
    {
        var result = domain.NewApplyResult(check);
        if (!check.Passed) return result;
        var words = domain.Words;
        bool changed = false;
        foreach (var step in check.Plan)
        {
            if (!approved.Contains(step) || !step.Runnable || (step.OnlyAfterChange && !changed)) { result.Skipped.Add(step.ToString()); continue; }
            domain.Log?.Invoke(words.Redact($"apply: {step}"));
            string output;
            try
            {
                output = await step.RunAsync(ct);
            }
            catch (Exception e) when (domain.FailureCode(e) is { } code)
            {
                throw new ApplyException(words.Redact($"{step.Kind} {step.Target} failed: {e.Message} (applied before it: " +
                    $"{(result.Applied.Count == 0 ? "nothing" : string.Join("; ", result.Applied))}); {words.ApplyAgain}"), code, e);
            }
            result.Applied.Add(step.ToString());
            result.StepDone(step, output);
            changed |= !step.OnlyAfterChange;
        }
        return result;
    }
}
