namespace Ops.RdsProxy;

/// <summary>A problem with an RDS Proxy configuration (see <see cref="Ops.Aws.Checks.Finding"/>).</summary>
public sealed class Finding : Ops.Aws.Checks.Finding
{
    public string Login { get; init; }
    /// <summary>The model's invariant that the finding violates, when it came from the model.</summary>
    public string Invariant { get; init; }

    public override string About => Login != null ? "login " + Login : null;

    protected override string ModelLine =>
        Invariant != null ? $"model: invariant {Invariant} of specs/ops/rds_proxy.tla is violated by this behaviour:" : null;
}

public enum StepKind
{
    CreateSecret,
    PutSecretValue,
    CreateDBProxy,
    ModifyDBProxy,
    WaitForProxy,
    RegisterDBProxyTargets,
}

/// <summary>One change the apply makes, shown by -WhatIf and `ops rds-proxy check`.</summary>
public sealed class PlanStep
{
    public StepKind Kind { get; init; }
    /// <summary>The resource it acts on (secret name, proxy name).</summary>
    public string Target { get; init; }
    /// <summary>What it does, without secret values.</summary>
    public string Description { get; init; }
    internal Func<ApplyContext, CancellationToken, Task> Run { get; init; }

    public override string ToString() => $"{Kind} {Target}: {Description}";
}

/// <summary>The outcome of Test-RdsProxyConfiguration / `ops rds-proxy check`.</summary>
public sealed class RdsProxyCheckResult
{
    public string ProxyName { get; init; }
    public List<Finding> Findings { get; } = new();
    public List<PlanStep> Plan { get; } = new();
    /// <summary>Model runs (one per violation found, then the clean one): states, outcome.</summary>
    public List<string> ModelRuns { get; } = new();
    public bool Passed => Findings.All(f => f.Severity != Severity.Error);
    public bool NoChanges => Plan.Count == 0;

    /// <summary>The report as text (what the CLI prints). Secret values never appear: they are not part of it, and
    /// the whole text is passed through the redactor besides.</summary>
    public string ToText()
    {
        var sb = new System.Text.StringBuilder();
        Ops.Aws.Checks.Finding.AppendReport(sb, Findings);
        foreach (var m in ModelRuns) sb.AppendLine("model: " + m);
        if (!Passed)
        {
            sb.AppendLine($"{Findings.Count(f => f.Severity == Severity.Error)} error(s): nothing was changed.");
        }
        else if (Plan.Count == 0)
        {
            sb.AppendLine($"RDS Proxy {ProxyName}: up to date, no changes.");
        }
        else
        {
            sb.AppendLine($"Plan for RDS Proxy {ProxyName} ({Plan.Count} step(s)):");
            for (int i = 0; i < Plan.Count; i++) sb.AppendLine($"  {i + 1}. {Plan[i].Kind} {Plan[i].Target}: {Plan[i].Description}");
        }
        return Redactor.Redact(sb.ToString());
    }
}

public sealed class RdsProxyApplyResult
{
    public RdsProxyCheckResult Check { get; init; }
    public List<string> Applied { get; } = new();
    public List<string> Skipped { get; } = new();
    public bool Changed => Applied.Count > 0;

    public string ToText()
    {
        var sb = new System.Text.StringBuilder(Check.ToText());
        foreach (var a in Applied) sb.AppendLine("applied: " + a);
        foreach (var s in Skipped) sb.AppendLine("skipped: " + s);
        if (Check.Passed && Check.Plan.Count > 0 && Applied.Count == Check.Plan.Count) sb.AppendLine("Apply complete.");
        return Redactor.Redact(sb.ToString());
    }
}
