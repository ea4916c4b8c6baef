using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>Runs the real AWS CLI against a <see cref="LoopbackAwsEndpoint"/> (no profile, no config file, the endpoint's
/// test keys), for tests that compare what the CLI prints with what Ops reads.</summary>
public static class AwsCliRunner
{
    public static (int Exit, string Out, string Err) Run(LoopbackAwsEndpoint endpoint, params string[] args)
    {
        var psi = new ProcessStartInfo(Requires.AwsCli ?? throw new InvalidOperationException("the AWS CLI is not installed"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "--endpoint-url", endpoint.Url, "--region", endpoint.Region, "--output", "json" }) psi.ArgumentList.Add(a);
        psi.Environment["AWS_ACCESS_KEY_ID"] = LoopbackAwsEndpoint.AccessKeyId;
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = LoopbackAwsEndpoint.SecretAccessKey;
        psi.Environment.Remove("AWS_SESSION_TOKEN");
        psi.Environment.Remove("AWS_PROFILE");
        psi.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_PAGER"] = "";
        psi.Environment["AWS_MAX_ATTEMPTS"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("aws " + string.Join(" ", args)); }
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The CLI's JSON output of a command that must succeed.</summary>
    public static JsonNode Json(LoopbackAwsEndpoint endpoint, params string[] args)
    {
        var (exit, output, error) = Run(endpoint, args);
        if (exit != 0) throw new InvalidOperationException($"aws {string.Join(" ", args)}: exit {exit}: {error}");
        return JsonNode.Parse(output);
    }
}
