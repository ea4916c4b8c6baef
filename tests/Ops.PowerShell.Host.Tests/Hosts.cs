using System.Diagnostics;
using System.Reflection;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Ops.PowerShell.Host.Tests;

/// <summary>A PowerShell that runs a script after importing the packaged module (with $ErrorActionPreference = 'Stop'
/// and $ModuleDir set to the module's folder), and hands back what it wrote.</summary>
public interface IPowerShellHost
{
    string Name { get; }
    HostRun Run(string script);
}

/// <summary>What a script wrote: its output as text, its error records as text, and, when it stopped on a terminating
/// error, that error.</summary>
public sealed record HostRun(string Host, IReadOnlyList<string> Output, IReadOnlyList<string> Errors, string Terminated)
{
    /// <summary>The script's last output line, read as JSON (the scripts end with ConvertTo-Json -Compress); a
    /// terminating error or no output fails the test with what the host wrote.</summary>
    public JsonElement Json()
    {
        if (Terminated != null || Output.Count == 0)
            throw new XunitException($"{Host}: the script {(Terminated != null ? "stopped: " + Terminated : "wrote nothing")}\n{Describe()}");
        var last = Output[^1];
        try { return JsonDocument.Parse(last).RootElement.Clone(); }
        catch (JsonException e) { throw new XunitException($"{Host}: the last output line is not JSON ({e.Message})\n{Describe()}"); }
    }

    public string Describe() =>
        "output:\n  " + string.Join("\n  ", Output) + "\nerrors:\n  " + string.Join("\n  ", Errors) +
        (Terminated != null ? "\nterminated: " + Terminated : "");
}

internal static class Preamble
{
    public static string For(string manifest) =>
        "$ErrorActionPreference = 'Stop'\n" +
        "$ProgressPreference = 'SilentlyContinue'\n" +
        $"Import-Module '{manifest.Replace("'", "''")}'\n" +
        "$ModuleDir = (Get-Module Ops).ModuleBase\n";
}

/// <summary>PowerShell 7.4 (Microsoft.PowerShell.SDK 7.4.x) in this process, which runs on .NET 8: what a user of
/// pwsh 7.4 LTS has. One runspace per script; the module's assemblies, once loaded, stay loaded, as in a pwsh
/// session.</summary>
public sealed class InProcessHost : IPowerShellHost
{
    public static readonly InProcessHost Instance = new();

    public string Name =>
        $"PowerShell {typeof(PSObject).Assembly.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>()?.InformationalVersion} in-process on .NET {Environment.Version}";

    public HostRun Run(string script)
    {
        var output = new List<string>();
        var errors = new List<string>();
        string terminated = null;
        var iss = InitialSessionState.CreateDefault();
        using var runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(Preamble.For(PackagedModule.ManifestPath) + script);
        try
        {
            foreach (var o in ps.Invoke()) output.Add(o?.ToString() ?? "");
        }
        catch (RuntimeException e)
        {
            terminated = Describe(e.ErrorRecord, e);
        }
        catch (Exception e)
        {
            terminated = e.GetType().FullName + ": " + e.Message;
        }
        foreach (var e in ps.Streams.Error) errors.Add(Describe(e, e.Exception));
        return new HostRun(Name, output, errors, terminated);
    }

    private static string Describe(ErrorRecord record, Exception e)
    {
        var sb = new StringBuilder();
        sb.Append(record?.FullyQualifiedErrorId).Append(": ").Append(record?.ToString() ?? e.Message);
        for (var inner = e; inner != null; inner = inner.InnerException)
            sb.Append(" | ").Append(inner.GetType().FullName).Append(": ").Append(inner.Message);
        return sb.ToString();
    }
}

/// <summary>pwsh (7.6 here: `dotnet tool install --global PowerShell --version 7.6.10`) as a process: PATH, then
/// ~/.dotnet/tools/pwsh.</summary>
public sealed class PwshHost : IPowerShellHost
{
    public static readonly string Executable = Find();

    public static readonly PwshHost Instance = new();

    public string Name => "pwsh " + Version.Value;

    private static readonly Lazy<string> Version = new(() =>
    {
        var r = Start(new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()" });
        return r.Code == 0 ? r.Stdout.Trim() : "(version unknown)";
    });

    /// <summary>Why the pwsh tests are skipped, or null when pwsh is there. Under CI=true they run and fail instead
    /// (.ci/run installs pwsh).</summary>
    public static string SkipReason =>
        Executable != null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "pwsh is not installed (on PATH or ~/.dotnet/tools): install it with `dotnet tool install --global PowerShell --version 7.6.10`; skipped";

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
            if (File.Exists(candidate)) return candidate;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var tool = Path.Combine(home, ".dotnet", "tools", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        return File.Exists(tool) ? tool : null;
    }

    public HostRun Run(string script)
    {
        if (Executable == null)
            throw new XunitException("pwsh is not installed (on PATH or ~/.dotnet/tools): .ci/run installs it with `dotnet tool install --global PowerShell --version 7.6.10`");
        var file = Path.Combine(Path.GetTempPath(), "ops-host-test-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, Preamble.For(PackagedModule.ManifestPath) + script);
        try
        {
            var r = Start(new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-File", file });
            var output = r.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            var errors = r.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            return new HostRun(Name, output, errors, r.Code == 0 ? null : $"exit code {r.Code}: {string.Join(" ", errors)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Code, string Stdout, string Stderr) Start(string[] args)
    {
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(true);
            return (-1, stdout.Result, "pwsh did not finish in 5 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
