using System.Reflection;
using Ops.Pglogical.Sql;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>Objects handed to callers (and so to PowerShell pipelines) never expose the executed SQL, which can
/// carry the node DSN's password.</summary>
public class SecretExposureTests
{
    [Fact]
    public void PlanStatement_exposes_only_the_masked_statement()
    {
        var publicProps = typeof(PlanStatement).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
        Assert.Contains("DisplaySql", publicProps);
        Assert.DoesNotContain("Sql", publicProps);
    }
}
