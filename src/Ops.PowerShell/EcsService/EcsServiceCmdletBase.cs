using System.Management.Automation;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;
using Ops.EcsService;
using Ops.PowerShell.Domains;

namespace Ops.PowerShell.EcsService;

/// <summary>The ECS service domain for the generic cmdlets (<see cref="AwsDomainCmdlet{TConfig,TObserved,TReport}"/>):
/// its file, its session and the margin parameter both cmdlets take. No logic: everything is in Ops.EcsService.</summary>
public abstract class EcsServiceCmdletBase : AwsDomainCmdlet<EcsServiceConfig, LiveState, EcsServiceCheckResult>
{
    /// <summary><para type="description">How many percent longer than assumed (ops.container_start_seconds, or the health check's
    /// startPeriod) the container may take to answer its health check for a suggested grace period to stay safe; the
    /// suggestion is checked with the model at that longer start. Default 50; 0 for none.</para></summary>
    [Parameter(HelpMessage = "Percent longer than assumed the container may take to start for a suggested grace period to stay safe (default 50).")]
    [ValidateRange(0, DeploymentFacts.MaxMarginPercent)]
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;

    protected override DomainWords Words => EcsServiceManager.Words;
    protected override string ErrorIdPrefix => "EcsService";
    protected override EcsServiceConfig Read(string path) => EcsServiceConfig.Load(path);

    /// <summary>The options of the manager beyond the margin (Set-: wait and poll interval).</summary>
    protected virtual EcsServiceOptions Options() => new();

    protected override IDomainSession<EcsServiceConfig, LiveState, EcsServiceCheckResult> Connect(EcsServiceConfig config, AwsClientOptions aws, AwsSnapshot snapshot)
    {
        var options = Options();
        options.Log = Log;
        options.MarginPercent = MarginPercent;
        return snapshot != null ? new EcsServiceSession(config, snapshot, options) : new EcsServiceSession(config, aws, options);
    }
}
