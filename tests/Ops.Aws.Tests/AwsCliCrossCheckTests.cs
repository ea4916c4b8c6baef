using System.Diagnostics;
using System.Text.Json;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Aws.Tests;

/// <summary>The loopback endpoint checked against the real AWS CLI (botocore's own signer and parsers): the CLI's
/// signatures verify, its requests pass the model validation, and it reads the endpoint's answers and errors.</summary>
public class AwsCliCrossCheckTests(ITestOutputHelper output)
{
    private const string CliPassword = "cli-cross-check-pw-5150";

    private async Task<(int Exit, string Out, string Err)> Aws(LoopbackAwsEndpoint endpoint, string secretKey, params string[] args)
    {
        var psi = new ProcessStartInfo(Requires.AwsCli!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "--endpoint-url", endpoint.Url, "--region", endpoint.Region, "--output", "json" }) psi.ArgumentList.Add(a);
        psi.Environment["AWS_ACCESS_KEY_ID"] = LoopbackAwsEndpoint.AccessKeyId;
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = secretKey;
        psi.Environment.Remove("AWS_SESSION_TOKEN");
        psi.Environment.Remove("AWS_PROFILE");
        psi.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_PAGER"] = "";
        psi.Environment["AWS_MAX_ATTEMPTS"] = "1";
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("aws " + string.Join(" ", args)); }
        var result = (p.ExitCode, await stdout, await stderr);
        output.WriteLine($"aws {args[0]} {args[1]}: exit {p.ExitCode} in {watch.ElapsedMilliseconds} ms {result.Item3.Trim()}");
        return result;
    }

    [Fact]
    public async Task The_aws_cli_signs_sends_and_reads_as_the_endpoint_expects()
    {
        if (!Requires.Cli(output.WriteLine)) return;
        var sm = new FakeSecretsManager();
        var rds = new FakeRds(sm);
        using var endpoint = new LoopbackAwsEndpoint(sm, rds);
        var key = LoopbackAwsEndpoint.SecretAccessKey;

        async Task SecretsChain()
        {
            var created = await Aws(endpoint, key, "secretsmanager", "create-secret", "--name", "creds-cli", "--secret-string", $"{{\"username\":\"cli\",\"password\":\"{CliPassword}\"}}");
            Assert.True(created.Exit == 0, created.Err);
            Assert.StartsWith("arn:aws:secretsmanager:", JsonDocument.Parse(created.Out).RootElement.GetProperty("ARN").GetString());
            var value = await Aws(endpoint, key, "secretsmanager", "get-secret-value", "--secret-id", "creds-cli");
            Assert.True(value.Exit == 0, value.Err);
            Assert.Contains(CliPassword, JsonDocument.Parse(value.Out).RootElement.GetProperty("SecretString").GetString());
        }

        async Task ProxyChain()
        {
            var args = new[]
            {
                "rds", "create-db-proxy", "--db-proxy-name", "cli-proxy", "--engine-family", "POSTGRESQL",
                "--auth", "AuthScheme=SECRETS,SecretArn=arn:aws:secretsmanager:eu-west-2:123456789012:secret:creds-cli,IAMAuth=DISABLED",
                "--role-arn", "arn:aws:iam::123456789012:role/RdsProxySecrets", "--vpc-subnet-ids", "subnet-1", "subnet-2", "--require-tls",
            };
            var created = await Aws(endpoint, key, args);
            Assert.True(created.Exit == 0, created.Err);
            Assert.Equal("creating", JsonDocument.Parse(created.Out).RootElement.GetProperty("DBProxy").GetProperty("Status").GetString());
            var described = await Aws(endpoint, key, "rds", "describe-db-proxies", "--db-proxy-name", "cli-proxy");
            Assert.True(described.Exit == 0, described.Err);
            var proxy = JsonDocument.Parse(described.Out).RootElement.GetProperty("DBProxies")[0];
            Assert.Equal("available", proxy.GetProperty("Status").GetString());
            Assert.Equal(2, proxy.GetProperty("VpcSubnetIds").GetArrayLength());
            Assert.True(proxy.GetProperty("RequireTLS").GetBoolean());

            // The seed's first failure, as the CLI shows it.
            var seed = await Aws(endpoint, key, "rds", "create-db-proxy", "--db-proxy-name", "seed-proxy", "--engine-family", "POSTGRESQL",
                "--auth", "UserName=foo,AuthScheme=SECRETS,SecretArn=arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo,IAMAuth=DISABLED",
                "--role-arn", "arn:aws:iam::123456789012:role/RdsProxySecrets", "--vpc-subnet-ids", "subnet-1");
            Assert.NotEqual(0, seed.Exit);
            Assert.Contains("An error occurred (InvalidParameterValue) when calling the CreateDBProxy operation", seed.Err);
            Assert.Contains("UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used.", seed.Err);
        }

        async Task BadSignature()
        {
            var bad = await Aws(endpoint, "wrong-secret-key", "secretsmanager", "list-secrets");
            Assert.NotEqual(0, bad.Exit);
            Assert.Contains("InvalidSignatureException", bad.Err);
        }

        await Task.WhenAll(SecretsChain(), ProxyChain(), BadSignature());
        Assert.Empty(endpoint.ModelViolations);
        var calls = endpoint.CallsSnapshot();
        Assert.Equal(4, calls.Count(c => c.Status == 200));
        Assert.Contains(calls, c => c.Status == 403 && c.Operation == "ListSecrets");
    }
}
