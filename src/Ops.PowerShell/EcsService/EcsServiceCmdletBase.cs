using System.Management.Automation;
using Ops.EcsService;
using Ops.PowerShell.Aws;

namespace Ops.PowerShell.EcsService;

/// <summary>Plumbing shared by the ECS service cmdlets (parameters: <see cref="AwsCmdletBase"/>). No logic: everything
/// is in Ops.EcsService.</summary>
public abstract class EcsServiceCmdletBase : AwsCmdletBase
{
    /// <summary><para type="description">How many percent longer than assumed (ops.container_start_seconds, or the health check's
    /// startPeriod) the container may take to answer its health check for a suggested grace period to stay safe; the
    /// suggestion is checked with the model at that longer start. Default 50; 0 for none.</para></summary>
    [Parameter(HelpMessage = "Percent longer than assumed the container may take to start for a suggested grace period to stay safe (default 50).")]
    [ValidateRange(0, DeploymentFacts.MaxMarginPercent)]
    public int MarginPercent { get; set; } = DeploymentFacts.DefaultMarginPercent;

    protected override bool IsDomainFailure(Exception e) => e is Ops.Domain.ApplyException;

    protected EcsServiceConfig LoadConfig() => LoadFile(EcsServiceConfig.Load, e => e is Ops.Domain.ConfigException, "EcsServiceConfigInvalid");

    protected EcsServiceSession OpenSession(EcsServiceConfig config, EcsServiceOptions options)
    {
        options.Log = Log;
        options.MarginPercent = MarginPercent;
        var snapshot = LoadSnapshot();
        return Open(() => snapshot != null ? new EcsServiceSession(config, snapshot, options) : new EcsServiceSession(config, ClientOptions(), options));
    }

    protected void WriteFindings(EcsServiceCheckResult result)
    {
        foreach (var f in result.Findings) WriteFinding(f, result.GetWords());
    }
}
