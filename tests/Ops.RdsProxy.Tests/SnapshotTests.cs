using System.Text.Json;
using System.Text.Json.Nodes;
using Ops.Aws.Offline;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.RdsProxy.Tests;

/// <summary>The offline path: `-aws-snapshot FILE`, a snapshot of what AWS answered saved with the AWS CLI, read instead of
/// AWS; and the worked example under examples/rds-proxy, which uses it.</summary>
public class SnapshotTests(ITestOutputHelper output)
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => OfflineCli.Run(Ops.Cli.CliApp.Run, args);

    [Fact]
    public void The_example_reports_the_seeds_two_mistakes_offline()
    {
        // -json -: the findings as JSON on stdout, the report on stderr.
        var (code, json, report) = OfflineCli.CheckExample(Ops.Cli.CliApp.Run, output.WriteLine, "rds-proxy", "proxy.yaml", "-json", "-");
        Assert.Equal(12, code);
        using var doc = JsonDocument.Parse(json);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => (Code: f.GetProperty("code").GetString(),
            Login: f.GetProperty("login").GetString(), Invariant: f.GetProperty("invariant").GetString())).ToList();
        Assert.Equal(new[] { ("UserNameWithSecrets", "foo", "NoUserNameWithSecretsScheme"), ("SecretNotJson", "foo", "EverySecretIsJson") }, findings);
        foreach (var text in new[] { "ERROR [UserNameWithSecrets]", "UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used",
                                     "ERROR [SecretNotJson] login foo", "This RDS proxy has no credentials for the role foo", "json_secret", "nothing was changed" })
            Assert.Contains(text, report);
        // The secret's value is read, never shown.
        Assert.DoesNotContain("example-only-not-a-password", json + report);
    }

    [Fact]
    public void A_snapshot_serves_checks_and_dry_runs_only()
    {
        var dir = Path.GetDirectoryName(OfflineCli.Example("rds-proxy", "proxy.yaml"))!;
        var (code, _, stderr) = Cli("rds-proxy", "apply", "-config", Path.Combine(dir, "proxy.yaml"), "-aws-snapshot", Path.Combine(dir, "aws-snapshot.json"));
        Assert.Equal(255, code);
        Assert.Contains("-aws-snapshot reads a saved picture of AWS", stderr);
        (code, _, stderr) = Cli("rds-proxy", "check", "-config", Path.Combine(dir, "proxy.yaml"), "-aws-snapshot", Path.Combine(dir, "no-such-snapshot.json"));
        Assert.Equal(255, code);
        Assert.Contains("cannot read the AWS snapshot", stderr);
    }

    [Fact]
    public async Task The_snapshot_clients_answer_as_AWS_does()
    {
        var snapshot = AwsSnapshot.Parse("""
            { "region": "eu-west-2",
              "secretsmanager describe-secret": [ { "ARN": "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo-AbCdEf", "Name": "foo",
                                                   "LastChangedDate": "2024-03-01T10:15:00.123000+00:00" } ],
              "rds describe-db-proxies": { "DBProxies": [ { "DBProxyName": "p1", "Status": "available", "EngineFamily": "POSTGRESQL" } ] } }
            """, "test.json");
        var sm = snapshot.SecretsManager();
        foreach (var id in new[] { "foo", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo-AbCdEf" })
            Assert.Equal("foo", (await sm.DescribeSecretAsync(new() { SecretId = id })).Name);
        Assert.Equal(new DateTime(2024, 3, 1, 10, 15, 0, 123, DateTimeKind.Utc), (await sm.DescribeSecretAsync(new() { SecretId = "foo" })).LastChangedDate);
        var missing = await Assert.ThrowsAsync<Ops.Aws.Runtime.AwsServiceException>(() => sm.DescribeSecretAsync(new() { SecretId = "bar" }));
        Assert.True(missing.Is("ResourceNotFoundException"));
        // Described but its value not saved: says which command saves it.
        var notSaved = await Assert.ThrowsAsync<AwsSnapshotException>(() => sm.GetSecretValueAsync(new() { SecretId = "foo" }));
        Assert.Contains("aws secretsmanager get-secret-value --secret-id foo", notSaved.Message);
        await Assert.ThrowsAsync<AwsSnapshotException>(() => sm.CreateSecretAsync(new() { Name = "x", SecretString = "{}" }));

        var rds = snapshot.Rds();
        Assert.Equal("available", Assert.Single((await rds.DescribeDBProxiesAsync(new() { DBProxyName = "p1" })).DBProxies).Status);
        Assert.True((await Assert.ThrowsAsync<Ops.Aws.Runtime.AwsServiceException>(() => rds.DescribeDBProxiesAsync(new() { DBProxyName = "p2" }))).Is("DBProxyNotFoundFault"));
        Assert.Contains("aws rds describe-db-proxy-targets --db-proxy-name p1",
            (await Assert.ThrowsAsync<AwsSnapshotException>(() => rds.DescribeDBProxyTargetsAsync(new() { DBProxyName = "p1" }))).Message);

        Assert.Contains("unknown key \"rds describe-db-instances\"", Assert.Throws<AwsSnapshotException>(() => AwsSnapshot.Parse("""{"rds describe-db-instances": {}}""")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<AwsSnapshotException>(() => AwsSnapshot.Parse("{\"region\": ")).Message);
    }

    /// <summary>A snapshot made by running the real AWS CLI against the loopback AWS gives the check the same answers
    /// as the loopback AWS itself: the file format is the CLI's output.</summary>
    [Fact]
    public void A_snapshot_saved_with_the_AWS_CLI_checks_as_AWS_itself()
    {
        if (!Requires.Cli(output.WriteLine)) return;
        using var f = new ProxyFixture();
        f.Sm.Seed("foo", $"{{'username': 'foo', 'password': '{Passwords.Seed}'}}");
        f.Sm.Seed("creds-bar", $"{{\"username\": \"bar\", \"password\": \"{Passwords.Bar}\"}}");
        var snapshot = new JsonObject
        {
            ["region"] = "eu-west-2",
            ["secretsmanager describe-secret"] = new JsonArray(AwsCliRunner.Json(f.Endpoint, "secretsmanager", "describe-secret", "--secret-id", "foo"),
                                                               AwsCliRunner.Json(f.Endpoint, "secretsmanager", "describe-secret", "--secret-id", "creds-bar")),
            ["secretsmanager get-secret-value"] = new JsonArray(AwsCliRunner.Json(f.Endpoint, "secretsmanager", "get-secret-value", "--secret-id", "foo"),
                                                                AwsCliRunner.Json(f.Endpoint, "secretsmanager", "get-secret-value", "--secret-id", "creds-bar")),
            ["rds describe-db-proxies"] = AwsCliRunner.Json(f.Endpoint, "rds", "describe-db-proxies"),
        };
        var (live, (code, offline, stderr)) = OfflineCli.LiveAndOffline("seed.yaml", Configs.Seed, snapshot.ToJsonString(),
            (config, o) => Ops.Cli.RdsProxyCommand.Run(new[] { "check", "-config", config }, o, new StringWriter(), f.Aws),
            (config, file) => Cli("rds-proxy", "check", "-config", config, "-aws-snapshot", file));
        output.WriteLine(offline + stderr);
        Assert.Equal((12, 12, live.Out), (live.Code, code, offline));
        Assert.Empty(f.Changes());
        Passwords.AssertAbsent(offline + stderr);
    }
}
