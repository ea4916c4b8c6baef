using System.Text.Json;

namespace Ops.RdsProxy;

public enum StepKind
{
    CreateSecret,
    PutSecretValue,
    CreateDBProxy,
    ModifyDBProxy,
    WaitForProxy,
    RegisterDBProxyTargets,
}

/// <summary>The outcome of Test-RdsProxyConfiguration / `ops rds-proxy check`: the shared report (findings, model runs,
/// plan) about one proxy. Secret values never appear in it: they are not part of it, and every text and JSON document
/// is passed through the redactor besides.</summary>
public sealed class RdsProxyCheckResult() : Report(RdsProxyManager.Words)
{
    public string ProxyName { get; init; }

    public override string Title => $"RDS Proxy {ProxyName}";

    public override void WriteJsonFacts(Utf8JsonWriter w) => w.WriteString("proxy", ProxyName);
}

/// <summary>The outcome of Set-RdsProxyConfiguration / `ops rds-proxy apply`.</summary>
public sealed class RdsProxyApplyResult : ApplyResult<RdsProxyCheckResult>;
