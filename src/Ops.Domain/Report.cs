using System.Text.Json;
using Ops.Tla;

namespace Ops.Domain;

/// <summary>
/// The outcome of one domain's check: the findings (an error blocks the apply), the model runs' figures, and the plan
/// (what the apply changes). Each domain derives its report to add the facts it names (the proxy, the cluster and
/// service) and may render its own text; the findings, plan and verdict are the same for all.
/// </summary>
public abstract class Report
{
    protected Report(DomainWords words) => _words = words;

    private readonly DomainWords _words;
    /// <summary>The domain's wording (not a property, so that PowerShell does not show it).</summary>
    public DomainWords GetWords() => _words;

    public List<Finding> Findings { get; } = new();
    public List<PlanStep> Plan { get; } = new();
    /// <summary>One line per model run: what was checked, its outcome and its figures (states, distinct, depth).</summary>
    public List<string> ModelRuns { get; } = new();

    /// <summary>No error finding: the plan may be applied.</summary>
    public bool Passed => Findings.All(f => f.Severity != Severity.Error);
    public bool NoChanges => Plan.Count == 0;

    /// <summary>The exit status of the check, in TLC's catalogue: success, or a violated safety property when an error
    /// was found (12); a domain whose model can find a liveness violation says so (13).</summary>
    public virtual ExitStatus ExitStatus => Passed ? ExitStatus.Success : ExitStatus.SafetyViolation;

    /// <summary>The process exit code of the check, as the domain's exit codes map it (<see cref="DomainExitCodes.Of"/>:
    /// <see cref="ExitStatus"/> as a number unless the domain has its own code for an invalid configuration).</summary>
    public int ExitCode => _words.ExitCodes.Of(this);

    private int _findingsBeforeModel = -1;

    /// <summary>Called by the pipeline just before the model runs: the findings so far came from the configuration and
    /// the observation.</summary>
    internal void ModelStarts() => _findingsBeforeModel = Findings.Count;

    /// <summary>The findings of the configuration and the observation (all of them when the model has not run).</summary>
    public IEnumerable<Finding> FindingsBeforeModel => _findingsBeforeModel < 0 ? Findings : Findings.Take(_findingsBeforeModel);

    /// <summary>The findings of the model (none when it has not run).</summary>
    public IEnumerable<Finding> ModelFindings => _findingsBeforeModel < 0 ? Enumerable.Empty<Finding>() : Findings.Skip(_findingsBeforeModel);

    /// <summary>What the report is about, in the plan's line ("RDS Proxy p1", "ECS service prod/web").</summary>
    public abstract string Title { get; }

    /// <summary>The report as the CLI prints it (<see cref="ReportText"/> unless the domain has its own).</summary>
    public virtual string ToText() => ReportText.Format(this);

    /// <summary>The report as one JSON object (<see cref="ReportJson"/> unless the domain has its own).</summary>
    public virtual string ToJson() => ReportJson.Format<Report>(this, null);

    /// <summary>Writes the report as the CLI shows it: <see cref="ToText"/> to <paramref name="output"/>, unless the
    /// domain sends some lines (its problems, as it first published them) to <paramref name="diagnostics"/> (stderr).</summary>
    public virtual void WriteText(TextWriter output, TextWriter diagnostics) => output.Write(ToText());

    /// <summary>The domain's own top-level JSON fields, written before the shared ones (passed, findings, plan, model).</summary>
    public virtual void WriteJsonFacts(Utf8JsonWriter w) { }

    /// <summary>For a check (no apply): the fields an apply of this domain adds after <c>applied</c>, as nulls.</summary>
    public virtual void WriteJsonFactsOfNoApply(Utf8JsonWriter w) { }
}

/// <summary>The outcome of an apply: the check it ran on, the steps applied and those skipped (-WhatIf, declined).</summary>
public class ApplyResult<TReport> where TReport : Report
{
    public TReport Check { get; init; }
    public List<string> Applied { get; } = new();
    public List<string> Skipped { get; } = new();
    public bool Changed => Applied.Count > 0;

    /// <summary>A dry run (<c>-dry-run</c>, <c>-WhatIf</c>): the check ran and no step was run.</summary>
    public bool DryRun { get; set; }

    /// <summary>The exit code of the apply: the check's (a step that failed is an exception, not a result).</summary>
    public virtual int ExitCode => Check.ExitCode;

    /// <summary>Called after each step that ran, with what it returned (an ARN, or null).</summary>
    public virtual void StepDone(PlanStep step, string output) { }

    /// <summary>The check's text, then what was applied and skipped; a dry run shows the check's text alone.</summary>
    public virtual string ToText() => DryRun ? Check.ToText() : ReportText.Format(Check, Applied, Skipped);

    /// <summary>The report and what was applied as JSON; a dry run is the check's JSON (<c>applied</c> null).</summary>
    public virtual string ToJson() => DryRun ? Check.ToJson() : ReportJson.Format(Check, this);

    /// <summary>Writes the apply as the CLI shows it (<see cref="ToText"/> unless the domain sends lines to stderr).</summary>
    public virtual void WriteText(TextWriter output, TextWriter diagnostics) => output.Write(ToText());

    /// <summary>The apply's own JSON fields, written after <c>applied</c>.</summary>
    public virtual void WriteJsonFacts(Utf8JsonWriter w) { }
}

/// <summary>The configuration file cannot be read as the domain's configuration (exit 151): the message names the
/// file, the line and column and what the value must be.</summary>
public class ConfigException : Exception
{
    public ConfigException(string message, Exception inner = null) : base(message, inner) { }
}

/// <summary>An apply failed at a step: what was applied before it, and that applying again continues where it stopped.</summary>
public sealed class ApplyException(string message, string errorCode, Exception inner = null) : Exception(message, inner)
{
    /// <summary>The service's error code (AccessDenied, DBProxyQuotaExceeded, ...), or the domain's own.</summary>
    public string ErrorCode { get; } = errorCode;
}
