using System.Text.Json;
using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>The runtime settings the CLI ships in ops.runtimeconfig.json (src/Ops.Cli/Ops.Cli.csproj), which the
/// speed of a check depends on: see docs/benchmarks.md.</summary>
public class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        // The test project references the CLI, whose runtimeconfig is copied beside the tests.
        var path = Path.Combine(AppContext.BaseDirectory, "ops.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void Hot_methods_are_recompiled_after_a_short_call_counting_delay_with_PGO_on()
    {
        var p = ConfigProperties();
        // 16 ms rather than the runtime's 100: a search keeps reaching code for the first time during its first
        // second, which with 100 ms postponed the recompilation of the hot methods to when both workers ran.
        Assert.Equal(16, p.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        // Instrumented recompilation stays on: without it the long checks lose 10-25%.
        Assert.True(p.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.True(p.GetProperty("System.GC.Server").GetBoolean());
    }
}
