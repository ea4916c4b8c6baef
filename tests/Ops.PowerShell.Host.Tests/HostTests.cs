using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace Ops.PowerShell.Host.Tests;

/// <summary>The two hosts share one collection: they import the same module folder, and run one after the other on
/// a two-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class PackagedModuleCollection
{
    public const string Name = "packaged module";
}

/// <summary>PowerShell 7.4 LTS on .NET 8 (in this process): the manifest's minimum.</summary>
[Collection(PackagedModuleCollection.Name)]
public class PowerShell74Tests
{
    private static IPowerShellHost Host => InProcessHost.Instance;

    [Fact]
    public void Runs_PowerShell_7_4_on_dotnet_8()
    {
        var e = OfflinePaths.Environment(Host);
        Assert.StartsWith("7.4.", e.GetProperty("PSVersion").GetString());
        Assert.StartsWith("8.0.", e.GetProperty("Runtime").GetString());
    }

    [Fact] public void Commands_are_the_manifests() => OfflinePaths.Commands_are_the_manifests(Host);
    [Fact] public void Invoke_ModelCheck_reproduces_TLC_on_shipped_specs() => OfflinePaths.Invoke_ModelCheck_reproduces_TLC_on_shipped_specs(Host);
    [Fact] public void Get_ModelCheckSpec_lists_the_shipped_models() => OfflinePaths.Get_ModelCheckSpec_lists_the_shipped_models(Host);
    [Fact] public void Test_TlaSyntax_passes_a_shipped_spec_and_names_the_place_of_an_error() => OfflinePaths.Test_TlaSyntax_passes_a_shipped_spec_and_names_the_place_of_an_error(Host);
    [Fact] public void ConvertFrom_PlusCal_writes_a_translation_that_checks() => OfflinePaths.ConvertFrom_PlusCal_writes_a_translation_that_checks(Host);
    [Fact] public void Test_JenkinsEcsCloud_checks_the_example() => OfflinePaths.Test_JenkinsEcsCloud_checks_the_example(Host);
    [Fact] public void Pglogical_plan_check_and_sql_from_a_saved_inventory() => OfflinePaths.Pglogical_plan_check_and_sql_from_a_saved_inventory(Host);
    [Fact] public void Get_PglogicalInventory_fails_cleanly_on_an_unreachable_server() => OfflinePaths.Get_PglogicalInventory_fails_cleanly_on_an_unreachable_server(Host);
    [PostgresFact] public void Get_PglogicalInventory_reads_a_live_provider() => OfflinePaths.Get_PglogicalInventory_reads_a_live_provider(Host);
    [Fact] public void Test_RdsProxyConfiguration_offline() => OfflinePaths.Test_RdsProxyConfiguration_offline(Host);
    [Fact] public void Test_EcsServiceConfiguration_offline() => OfflinePaths.Test_EcsServiceConfiguration_offline(Host);

    /// <summary>Every assembly of the module asks for framework assemblies no newer than .NET 8's: PowerShell 7.4
    /// has those already loaded, and cannot load a second, newer copy from the module's folder (Npgsql 10's net8.0
    /// build asks for System.Diagnostics.DiagnosticSource 9.0). Names the assembly, the reference and the fix.</summary>
    [Fact]
    public void Module_assemblies_ask_for_no_framework_assembly_newer_than_dotnet_8s()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var problems = new List<string>();
        foreach (var dll in Directory.GetFiles(PackagedModule.Directory, "*.dll"))
        {
            using var stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) continue;
            var md = pe.GetMetadataReader();
            foreach (var handle in md.AssemblyReferences)
            {
                var reference = md.GetAssemblyReference(handle);
                var name = md.GetString(reference.Name);
                if (File.Exists(Path.Combine(PackagedModule.Directory, name + ".dll"))) continue; // ships with the module
                var framework = Path.Combine(runtimeDir, name + ".dll");
                if (!File.Exists(framework)) continue; // PowerShell's own (System.Management.Automation) or not loaded
                var have = System.Reflection.AssemblyName.GetAssemblyName(framework).Version!;
                if (reference.Version > have)
                    problems.Add($"{Path.GetFileName(dll)} asks for {name} {reference.Version}, but .NET {Environment.Version} (PowerShell 7.4) has {have}: " +
                                 "take a version of the package whose net8.0 build needs no newer framework (docs/powershell-hosting.md)");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

/// <summary>pwsh (7.6 on .NET 10): the same scripts in a separate process.</summary>
[Collection(PackagedModuleCollection.Name)]
public class Pwsh76Tests
{
    private static IPowerShellHost Host => PwshHost.Instance;

    [PwshFact]
    public void Runs_pwsh_7_6()
    {
        var e = OfflinePaths.Environment(Host);
        Assert.StartsWith("7.6.", e.GetProperty("PSVersion").GetString());
    }

    [PwshFact] public void Commands_are_the_manifests() => OfflinePaths.Commands_are_the_manifests(Host);
    [PwshFact] public void Invoke_ModelCheck_reproduces_TLC_on_shipped_specs() => OfflinePaths.Invoke_ModelCheck_reproduces_TLC_on_shipped_specs(Host);
    [PwshFact] public void Get_ModelCheckSpec_lists_the_shipped_models() => OfflinePaths.Get_ModelCheckSpec_lists_the_shipped_models(Host);
    [PwshFact] public void Test_TlaSyntax_passes_a_shipped_spec_and_names_the_place_of_an_error() => OfflinePaths.Test_TlaSyntax_passes_a_shipped_spec_and_names_the_place_of_an_error(Host);
    [PwshFact] public void ConvertFrom_PlusCal_writes_a_translation_that_checks() => OfflinePaths.ConvertFrom_PlusCal_writes_a_translation_that_checks(Host);
    [PwshFact] public void Test_JenkinsEcsCloud_checks_the_example() => OfflinePaths.Test_JenkinsEcsCloud_checks_the_example(Host);
    [PwshFact] public void Pglogical_plan_check_and_sql_from_a_saved_inventory() => OfflinePaths.Pglogical_plan_check_and_sql_from_a_saved_inventory(Host);
    [PwshFact] public void Get_PglogicalInventory_fails_cleanly_on_an_unreachable_server() => OfflinePaths.Get_PglogicalInventory_fails_cleanly_on_an_unreachable_server(Host);
    [PwshFact(NeedsPostgres = true)] public void Get_PglogicalInventory_reads_a_live_provider() => OfflinePaths.Get_PglogicalInventory_reads_a_live_provider(Host);
    [PwshFact] public void Test_RdsProxyConfiguration_offline() => OfflinePaths.Test_RdsProxyConfiguration_offline(Host);
    [PwshFact] public void Test_EcsServiceConfiguration_offline() => OfflinePaths.Test_EcsServiceConfiguration_offline(Host);
}

/// <summary>A fact that needs pwsh: skipped with a note where it is not installed, except under CI=true. With
/// <see cref="NeedsPostgres"/>, also a live provider (<see cref="PostgresFactAttribute"/>).</summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute()
    {
        if (PwshHost.SkipReason is string reason) Skip = reason;
    }

    public bool NeedsPostgres
    {
        get => false;
        set
        {
            if (value && Skip == null && PostgresFactAttribute.SkipReason is string reason) Skip = reason;
        }
    }
}

/// <summary>A fact that needs a live PostgreSQL with pglogical (OPS_PG_TEST_CONNECTION, as
/// `eval "$(.ci/pg-test-cluster.sh start)"` exports it): skipped with a note without it, except under CI=true,
/// where .ci/run starts the cluster and a missing variable fails the test.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public static string SkipReason =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPS_PG_TEST_CONNECTION")) ||
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "OPS_PG_TEST_CONNECTION is not set: start a throwaway provider with eval \"$(.ci/pg-test-cluster.sh start)\"; skipped";

    public PostgresFactAttribute()
    {
        if (SkipReason is string reason) Skip = reason;
    }
}
