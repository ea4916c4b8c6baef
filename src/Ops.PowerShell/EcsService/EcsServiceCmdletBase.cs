using Ops.EcsService;
using Ops.PowerShell.Aws;

namespace Ops.PowerShell.EcsService;

/// <summary>Plumbing shared by the ECS service cmdlets (parameters: <see cref="AwsCmdletBase"/>). No logic: everything
/// is in Ops.EcsService.</summary>
public abstract class EcsServiceCmdletBase : AwsCmdletBase
{
    protected override bool IsDomainFailure(Exception e) => e is EcsServiceApplyException;

    protected EcsServiceConfig LoadConfig() => LoadFile(EcsServiceConfig.Load, e => e is ConfigException, "EcsServiceConfigInvalid");

    protected EcsServiceSession OpenSession(EcsServiceConfig config, EcsServiceOptions options)
    {
        options.Log = Log;
        return Open(() => new EcsServiceSession(config, ClientOptions(), options));
    }

    protected void WriteFindings(EcsServiceCheckResult result)
    {
        foreach (var f in result.Findings) WriteFinding(f);
    }
}
