using System.Text.Json;

namespace Ops.EcsService;

public enum StepKind
{
    CreateService,
    UpdateService,
    WaitForDeployment,
}

/// <summary>The outcome of Test-EcsServiceConfiguration / `ops ecs-service check`: the shared report (findings, model
/// runs, plan) about one service, with what AWS said of it.</summary>
public sealed class EcsServiceCheckResult() : Report(EcsServiceManager.Words)
{
    public string Cluster { get; init; }
    public string ServiceName { get; init; }
    /// <summary>True when the service exists (ACTIVE): the apply updates it.</summary>
    public bool Exists { get; set; }
    /// <summary>The task definition the file names, resolved (family:revision), when found.</summary>
    public string TaskDefinition { get; set; }

    public override string Title => $"ECS service {Cluster}/{ServiceName}";

    public override void WriteJsonFacts(Utf8JsonWriter w)
    {
        w.WriteString("cluster", Cluster);
        w.WriteString("service", ServiceName);
        w.WriteBoolean("exists", Exists);
        w.WriteString("taskDefinition", TaskDefinition);
    }

    public override void WriteJsonFactsOfNoApply(Utf8JsonWriter w) => w.WriteNull("serviceArn");
}

/// <summary>The outcome of Set-EcsService / `ops ecs-service apply`.</summary>
public sealed class EcsServiceApplyResult : ApplyResult<EcsServiceCheckResult>
{
    /// <summary>The service's ARN after the apply, when a step returned it.</summary>
    public string ServiceArn { get; set; }

    public override void StepDone(PlanStep step, string output)
    {
        if (output != null) ServiceArn = output;
    }

    public override void WriteJsonFacts(Utf8JsonWriter w) => w.WriteString("serviceArn", ServiceArn);
}
