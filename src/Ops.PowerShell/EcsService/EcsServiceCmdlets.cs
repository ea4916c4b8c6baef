using System.Management.Automation;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;
using Ops.EcsService;
using Ops.PowerShell.Domains;

namespace Ops.PowerShell.EcsService;

/// <summary>The margin both ECS service cmdlets take.</summary>
public interface IMarginCmdlet
{
    int MarginPercent { get; }
}

/// <summary>The ECS service domain for the generic cmdlets (<see cref="AwsDomainCmdlet{TConfig,TObserved,TReport,TBinding}"/>):
/// its file and its session, with the cmdlets' margin, wait and poll interval. No logic: everything is in Ops.EcsService.</summary>
public sealed class EcsServiceCmdlets() : AwsCmdletBinding<EcsServiceConfig, LiveState, EcsServiceCheckResult>(EcsServiceManager.Words, "EcsService", EcsServiceConfig.Load)
{
    public override IDomainSession<EcsServiceConfig, LiveState, EcsServiceCheckResult> Connect(PSCmdlet cmdlet, Action<string> log, EcsServiceConfig config, AwsClientOptions aws, AwsSnapshot snapshot)
    {
        var margin = (cmdlet as IMarginCmdlet)?.MarginPercent ?? DeploymentFacts.DefaultMarginPercent;
        var options = new EcsServiceOptions { Log = log, MarginPercent = margin, Wait = cmdlet is SetEcsServiceCommand { Wait.IsPresent: true } };
        if (cmdlet is IPollingCmdlet polling) options.PollInterval = TimeSpan.FromSeconds(polling.PollIntervalSeconds);
        return EcsServiceManager.Open(config, aws, snapshot, options);
    }
}

/// <summary>
/// <para type="synopsis">Checks an ECS service definition (ansible's ecs_service arguments) against AWS and the rolling-deployment model before anything is created.</para>
/// <para type="description">Reads the file and AWS with Describe calls only (DescribeTaskDefinition, DescribeServices,
/// DescribeTargetGroups, DescribeTargetGroupAttributes, DescribeLoadBalancers), reports what CreateService or
/// UpdateService would refuse, checks specs/ops/ecs_service.tla with the embedded model checker, and returns the
/// findings (each with its fix and counterexample) and the plan.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsServiceConfiguration")]
[OutputType(typeof(EcsServiceCheckResult), typeof(bool))]
public sealed class TestEcsServiceConfigurationCommand : AwsTestCmdlet<EcsServiceConfig, LiveState, EcsServiceCheckResult, EcsServiceCmdlets>, IMarginCmdlet
{
    /// <summary><para type="description">How many percent longer than assumed (ops.container_start_seconds, or the health check's
    /// startPeriod) the container may take to answer its health check for a suggested grace period to stay safe; the
    /// suggestion is checked with the model at that longer start. Default 50; 0 for none.</para></summary>
    [Parameter(HelpMessage = "Percent longer than assumed the container may take to start for a suggested grace period to stay safe (default 50).")]
    [ValidateRange(0, DeploymentFacts.MaxMarginPercent)]
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;
}

/// <summary>
/// <para type="synopsis">Creates or updates a checked ECS service behind an Application Load Balancer.</para>
/// <para type="description">Runs Test-EcsServiceConfiguration's check first; when it finds an error nothing is
/// changed and the cmdlet fails. Otherwise the planned CreateService or UpdateService (of what differs) goes through
/// ShouldProcess, so -WhatIf shows the plan and -Confirm asks. Applying the same file again changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EcsService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EcsServiceApplyResult))]
public sealed class SetEcsServiceCommand : AwsSetCmdlet<EcsServiceConfig, LiveState, EcsServiceCheckResult, EcsServiceCmdlets>, IMarginCmdlet, IPollingCmdlet
{
    /// <summary>The margin, as Test-EcsServiceConfiguration takes it.</summary>
    [Parameter(HelpMessage = "Percent longer than assumed the container may take to start for a suggested grace period to stay safe (default 50).")]
    [ValidateRange(0, DeploymentFacts.MaxMarginPercent)]
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;

    /// <summary>Wait until the deployment is COMPLETED (as the file's wait: yes).</summary>
    [Parameter(HelpMessage = "Wait until the deployment the change starts is COMPLETED (also: wait: yes in the file).")]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds between DescribeServices while waiting.</summary>
    [Parameter(HelpMessage = "Seconds between DescribeServices calls while waiting for the deployment.")]
    [ValidateRange(0, 3600)]
    public int PollIntervalSeconds { get; set; } = 15;
}
