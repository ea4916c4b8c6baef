using System.Management.Automation;
using Ops.EcsService;

namespace Ops.PowerShell.EcsService;

/// <summary>
/// <para type="synopsis">Checks an ECS service definition (ansible's ecs_service arguments) against AWS and the rolling-deployment model before anything is created.</para>
/// <para type="description">Reads the file and AWS with Describe calls only (DescribeTaskDefinition, DescribeServices,
/// DescribeTargetGroups, DescribeTargetGroupAttributes, DescribeLoadBalancers), reports what CreateService or
/// UpdateService would refuse, checks specs/ops/ecs_service.tla with the embedded model checker, and returns the
/// findings (each with its fix and counterexample) and the plan.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsServiceConfiguration")]
[OutputType(typeof(EcsServiceCheckResult), typeof(bool))]
public sealed class TestEcsServiceConfigurationCommand : EcsServiceCmdletBase
{
    /// <summary>Return $true/$false only.</summary>
    [Parameter(HelpMessage = "Return only $true (no error) or $false.")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => RunTest(Quiet);
}
