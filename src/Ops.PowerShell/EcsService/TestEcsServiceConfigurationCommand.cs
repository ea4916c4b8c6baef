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
    /// <summary>The service definition (YAML): ecs_service arguments, or an ansible task list with one ecs_service task.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, HelpMessage = "The service definition file (YAML): ansible's ecs_service arguments or a playbook with one ecs_service task.")]
    [Alias("FullName", "ConfigPath")]
    public override string Path { get; set; }

    /// <summary>AWS region; default: the file's region:, then the SDK's chain (AWS_REGION, the profile).</summary>
    [Parameter(HelpMessage = "AWS region (default: the file's region:, then AWS_REGION or the profile's region).")]
    public override string Region { get; set; }

    /// <summary>Service endpoint for ECS and ELBv2 (a VPC endpoint, a test endpoint).</summary>
    [Parameter(HelpMessage = "Endpoint URL used for ECS and Elastic Load Balancing (VPC endpoints, test endpoints).")]
    public override string EndpointUrl { get; set; }

    /// <summary>Shared-config profile (static keys, assume-role, SSO).</summary>
    [Parameter(HelpMessage = "Named profile from the AWS shared config/credentials files (default: the file's profile:, then the SDK's chain).")]
    public override string ProfileName { get; set; }

    /// <summary>Return $true/$false only.</summary>
    [Parameter(HelpMessage = "Return only $true (no error) or $false.")]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var config = LoadConfig();
        using var session = OpenSession(config, new EcsServiceOptions());
        var result = Await(session.Manager.CheckAsync(config));
        FlushLog();
        if (Quiet) { WriteObject(result.Passed); return; }
        WriteFindings(result);
        WriteObject(result);
    }
}
