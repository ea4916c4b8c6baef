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
    /// <summary>Wait until the deployment is COMPLETED (as the file's wait: yes).</summary>
    [Parameter(HelpMessage = "Wait until the deployment the change starts is COMPLETED (also: wait: yes in the file).")]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds between DescribeServices while waiting.</summary>
    [Parameter(HelpMessage = "Seconds between DescribeServices calls while waiting for the deployment.")]
    [ValidateRange(0, 3600)]
    public int PollIntervalSeconds { get; set; } = 15;

    protected override EcsServiceOptions Options() => new() { Wait = Wait, PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds) };

    protected override void ProcessRecord() => RunSet();
}
