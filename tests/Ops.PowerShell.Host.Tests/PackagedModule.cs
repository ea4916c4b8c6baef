using System.Diagnostics;
using System.Reflection;

namespace Ops.PowerShell.Host.Tests;

/// <summary>
/// The module folder the tests import (its Ops.psd1):
/// <list type="bullet">
/// <item>OPS_MODULE_PATH when set (.ci/run sets it to the packaged out/Ops/Ops.psd1, so CI tests what it ships);</item>
/// <item>else the module published by this test, with the same command .ci/package-module.sh uses for the module
/// (<c>dotnet publish src/Ops.PowerShell</c>), into a temporary folder: a fresh clone's <c>dotnet test Ops.sln</c>
/// has no out/Ops, and a developer's out/Ops may be older than the source.</item>
/// </list>
/// </summary>
public static class PackagedModule
{
    private static readonly Lazy<string> Manifest = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The full path of Ops.psd1.</summary>
    public static string ManifestPath => Manifest.Value;

    public static string Directory => Path.GetDirectoryName(ManifestPath)!;

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Ops.sln"))) return d.FullName;
            throw new InvalidOperationException(
                $"cannot find Ops.sln above {AppContext.BaseDirectory}: run the tests from the repository, or set OPS_MODULE_PATH to a packaged Ops.psd1");
        }
    }

    private static string Locate()
    {
        var given = Environment.GetEnvironmentVariable("OPS_MODULE_PATH");
        if (!string.IsNullOrEmpty(given))
        {
            var full = Path.GetFullPath(given);
            if (!File.Exists(full))
                throw new InvalidOperationException(
                    $"OPS_MODULE_PATH is {given}, which does not exist: package the module (bash .ci/package-module.sh) or unset OPS_MODULE_PATH");
            return full;
        }
        return Publish();
    }

    private static string Publish()
    {
        var project = Path.Combine(RepoRoot, "src", "Ops.PowerShell", "Ops.PowerShell.csproj");
        var output = Path.Combine(Path.GetTempPath(), "ops-host-tests-" + Guid.NewGuid().ToString("N"), "Ops");
        var configuration = typeof(PackagedModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OpsBuildConfiguration")?.Value ?? "Debug";
        // The test project references Ops.PowerShell, so the build before the test has compiled it in this
        // configuration: --no-build only lays out the files. Without that build output, a full publish.
        var (code, log) = Dotnet("publish", project, "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "quiet");
        if (code != 0)
            (code, log) = Dotnet("publish", project, "-c", configuration, "-o", output, "--nologo", "-v", "quiet");
        var manifest = Path.Combine(output, "Ops.psd1");
        if (code != 0 || !File.Exists(manifest))
            throw new InvalidOperationException(
                $"dotnet publish {project} -o {output} failed (exit code {code}); set OPS_MODULE_PATH to a packaged Ops.psd1 " +
                $"(bash .ci/package-module.sh) to test that instead:\n{log}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(Path.GetDirectoryName(output)!, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return manifest;
    }

    private static (int Code, string Log) Dotnet(params string[] args)
    {
        // dotnet test sets DOTNET_HOST_PATH to the dotnet that runs it; elsewhere, dotnet from PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's own MSBuild/SDK variables must not leak into the child build.
        foreach (var v in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" }) psi.Environment.Remove(v);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(true);
            return (-1, "dotnet " + string.Join(' ', args) + " did not finish in 10 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
