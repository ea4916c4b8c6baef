using System.Management.Automation;
using Ops.EcsService;

namespace Ops.PowerShell.EcsService;

/// <summary>
/// <para type="synopsis">Creates or updates a checked ECS service behind an Application Load Balancer.</para>
/// <para type="description">Runs Test-EcsServiceConfiguration's check first; when it finds an error nothing is
/// changed and the cmdlet fails. Otherwise the planned CreateService or UpdateService (of what differs) goes through
/// ShouldProcess, so -WhatIf shows the plan and -Confirm asks. Applying the same file again changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EcsService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EcsServiceApplyResult))]
public sealed class SetEcsServiceCommand : EcsServiceCmdletBase
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

    /// <summary>Wait until the deployment is COMPLETED (as the file's wait: yes).</summary>
    [Parameter(HelpMessage = "Wait until the deployment the change starts is COMPLETED (also: wait: yes in the file).")]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds between DescribeServices while waiting.</summary>
    [Parameter(HelpMessage = "Seconds between DescribeServices calls while waiting for the deployment.")]
    [ValidateRange(0, 3600)]
    public int PollIntervalSeconds { get; set; } = 15;

    protected override void ProcessRecord()
    {
        var config = LoadConfig();
        using var session = OpenSession(config, new EcsServiceOptions { Wait = Wait, PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds) });
        var check = Await(session.Manager.CheckAsync(config));
        FlushLog();
        WriteFindings(check);
        if (!check.Passed)
        {
            WriteObject(new EcsServiceApplyResult { Check = check });
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(check.ToText()), "EcsServiceCheckFailed", ErrorCategory.InvalidData, Path));
            return;
        }
        // Decide on the pipeline thread, then run the approved steps.
        var approved = check.Plan.Where(step => ShouldProcess($"{step.Kind} {step.Target}", step.Description)).ToHashSet();
        var result = Await(session.Manager.ExecuteAsync(check, approved));
        FlushLog();
        WriteObject(result);
    }
}
