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

/// <summary>Runs a domain: the check (read, validate, observe, check the model, plan) and the apply (the approved
/// steps of a passed check, in order). The same for every domain: <c>domain.CheckAsync(config)</c>,
/// <c>domain.ApplyAsync(config)</c>, <c>domain.ExecuteAsync(check, approved)</c>.</summary>
public static class DomainPipeline
{
    public static async Task<TReport> CheckAsync<TConfig, TObserved, TReport>(this IDomain<TConfig, TObserved, TReport> domain, TConfig config,
        CancellationToken ct = default) where TReport : Report
    {
        var report = domain.NewReport(config);
        report.Findings.AddRange(domain.Validate(config));
        if (!report.Passed) return report;
        var observed = await domain.ObserveAsync(config, report, ct);
        if (observed == null || !report.Passed) return report;
        domain.CheckModel(config, observed, report, ct);
        var log = domain.Log;
        if (log != null) foreach (var m in report.ModelRuns) log(domain.Words.Redact("model: " + m));
        if (!report.Passed) return report;
        domain.Plan(config, observed, report);
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
