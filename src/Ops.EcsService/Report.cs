using System.Text;

namespace Ops.EcsService;

/// <summary>A problem with an ECS service configuration (see <see cref="Ops.Aws.Checks.Finding"/>).</summary>
public sealed class Finding : Ops.Aws.Checks.Finding
{
    /// <summary>What the finding is about, in the file's terms (load_balancers[0], deployment_configuration, ...).</summary>
    public string Subject { get; init; }
    /// <summary>The model's invariant or property that the finding violates, when it came from the model.</summary>
    public string Property { get; init; }

    public override string About => Subject;

    protected override string ModelLine =>
        Property != null ? $"model: {Property} of specs/ops/ecs_service.tla is violated by this deployment:" : null;
}

public enum StepKind
{
    CreateService,
    UpdateService,
    WaitForDeployment,
}

/// <summary>One change the apply makes, shown by -WhatIf and `ops ecs-service check`.</summary>
public sealed class PlanStep
{
    public StepKind Kind { get; init; }
    /// <summary>The service it acts on (cluster/name).</summary>
    public string Target { get; init; }
    public string Description { get; init; }
    internal Func<CancellationToken, Task<string>> Run { get; init; }

    public override string ToString() => $"{Kind} {Target}: {Description}";
}

/// <summary>The outcome of Test-EcsServiceConfiguration / `ops ecs-service check`.</summary>
public sealed class EcsServiceCheckResult
{
    public string Cluster { get; init; }
    public string ServiceName { get; init; }
    /// <summary>True when the service exists (ACTIVE): the apply updates it.</summary>
    public bool Exists { get; set; }
    /// <summary>The task definition the file names, resolved (family:revision), when found.</summary>
    public string TaskDefinition { get; set; }
    public List<Finding> Findings { get; } = new();
    public List<PlanStep> Plan { get; } = new();
    /// <summary>Model runs: target group, outcome, states.</summary>
    public List<string> ModelRuns { get; } = new();
    public bool Passed => Findings.All(f => f.Severity != Severity.Error);
    public bool NoChanges => Plan.Count == 0;

    public string ToText()
    {
        var sb = new StringBuilder();
        Ops.Aws.Checks.Finding.AppendReport(sb, Findings);
        foreach (var m in ModelRuns) sb.AppendLine("model: " + m);
        var service = $"ECS service {Cluster}/{ServiceName}";
        if (!Passed) sb.AppendLine($"{Findings.Count(f => f.Severity == Severity.Error)} error(s): nothing was changed.");
        else if (Plan.Count == 0) sb.AppendLine($"{service}: up to date, no changes.");
        else
        {
            sb.AppendLine($"Plan for {service} ({Plan.Count} step(s)):");
            for (int i = 0; i < Plan.Count; i++) sb.AppendLine($"  {i + 1}. {Plan[i].Kind} {Plan[i].Target}: {Plan[i].Description}");
        }
        return sb.ToString();
    }
}

/// <summary>The outcome of Set-EcsService / `ops ecs-service apply`.</summary>
public sealed class EcsServiceApplyResult
{
    public EcsServiceCheckResult Check { get; init; }
    public List<string> Applied { get; } = new();
    public List<string> Skipped { get; } = new();
    /// <summary>The service's ARN after the apply, when a step returned it.</summary>
    public string ServiceArn { get; set; }
    public bool Changed => Applied.Count > 0;

    public string ToText()
    {
        var sb = new StringBuilder(Check.ToText());
        foreach (var a in Applied) sb.AppendLine("applied: " + a);
        foreach (var s in Skipped) sb.AppendLine("skipped: " + s);
        if (Check.Passed && Check.Plan.Count > 0 && Applied.Count == Check.Plan.Count) sb.AppendLine("Apply complete.");
        return sb.ToString();
    }
}

public sealed class EcsServiceApplyException(string message, string errorCode) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
