using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.RdsProxy.Tests;

public class RdsProxyTests(ITestOutputHelper output)
{
    private void Show(string text)
    {
        foreach (var line in text.Split('\n')) output.WriteLine(line);
    }

    [Fact]
    public async Task The_seeds_two_mistakes_are_reported_before_any_change_with_fixes_and_traces()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        f.Sm.Seed("foo", $"{{'username': 'foo', 'password': '{Passwords.Seed}'}}");
        var result = await f.Manager().CheckAsync(RdsProxyConfig.Parse(Configs.Seed));
        var text = result.ToText();
        Show(text);

        Assert.False(result.Passed);
        var userName = Assert.Single(result.Findings, x => x.Code == "UserNameWithSecrets");
        Assert.Contains("UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used", userName.Message);
        Assert.Contains("remove userName", userName.Fix);
        Assert.Equal("NoUserNameWithSecretsScheme", userName.Property);
        Assert.Contains(userName.Trace, t => t.Contains("CreateDBProxy rds-proxy -> refused"));

        var notJson = Assert.Single(result.Findings, x => x.Code == "SecretNotJson");
        Assert.Equal("foo", notJson.Subject);
        Assert.Contains("This RDS proxy has no credentials for the role foo", notJson.Message);
        Assert.Contains("Python dict", notJson.Message);
        Assert.Contains("json_secret", notJson.Fix);
        Assert.Equal("EverySecretIsJson", notJson.Property);
        Assert.Contains(notJson.Trace, t => t.Contains("CreateDBProxy rds-proxy (status: creating)"));
        Assert.Contains(notJson.Trace, t => t.Contains("RegisterDBProxyTargets"));
        Assert.Contains("a client connects as foo: FATAL: This RDS proxy has no credentials for the role foo", notJson.Trace[^1]);

        Assert.Empty(f.Changes());
        Assert.Contains(f.Endpoint.CallsSnapshot(), c => c.Operation == "GetSecretValue");
        Assert.Empty(f.Endpoint.ModelViolations);
        Passwords.AssertAbsent(text + f.AllCaptured());
    }

    [Fact]
    public async Task A_policy_that_does_not_cover_a_secret_is_reported_with_the_pattern_to_add()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        var policy = Configs.Policy.Replace("secret:*", "secret:creds-foo-*");
        var result = await f.Manager().CheckAsync(RdsProxyConfig.Parse(Configs.Good(policy)));
        Show(result.ToText());
        var finding = Assert.Single(result.Findings, x => x.Severity == Severity.Error);
        Assert.Equal("PolicyDoesNotCoverSecret", finding.Code);
        Assert.Equal("bar", finding.Subject);
        Assert.Contains("secretsmanager:GetSecretValue", finding.Message);
        Assert.Contains("creds-bar", finding.Message);
        Assert.Contains("arn:aws:secretsmanager:eu-west-2:123456789012:secret:creds-bar-*", finding.Fix);
        Assert.Equal("PolicyAllowsGetSecretValue", finding.Property);
        Assert.Empty(f.Changes());
        Passwords.AssertAbsent(result.ToText() + f.AllCaptured());
    }

    [Fact]
    public async Task A_customer_kms_key_needs_decrypt_via_secrets_manager()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        const string key = "    kmsKeyId: arn:aws:kms:eu-west-2:123456789012:key/99999999-0000-0000-0000-000000000000";
        var result = await f.Manager().CheckAsync(RdsProxyConfig.Parse(Configs.Good(extraSecretFoo: key)));
        Show(result.ToText());
        var finding = Assert.Single(result.Findings, x => x.Severity == Severity.Error);
        Assert.Equal("PolicyDoesNotCoverKmsKey", finding.Code);
        Assert.Contains("kms:ViaService", finding.Fix);

        const string allowed = "    kmsKeyId: arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var ok = await f.Manager().CheckAsync(RdsProxyConfig.Parse(Configs.Good(extraSecretFoo: allowed)));
        Assert.True(ok.Passed, ok.ToText());
        Assert.Empty(f.Changes());
    }

    [Fact]
    public async Task A_correct_configuration_applies_and_reapplying_changes_nothing()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        var config = RdsProxyConfig.Parse(Configs.Good());

        var first = await f.Manager().ApplyAsync(config);
        Show(first.ToText());
        Assert.True(first.Check.Passed);
        Assert.Equal(new[] { nameof(StepKind.CreateSecret), nameof(StepKind.CreateSecret), nameof(StepKind.CreateDBProxy), nameof(StepKind.WaitForProxy), nameof(StepKind.RegisterDBProxyTargets) },
            first.Check.Plan.Select(p => p.Kind));
        Assert.Equal(5, first.Applied.Count);
        Assert.Contains("idle timeout 1800 s)", first.Check.Plan[2].Description);
        Assert.Equal("ok", f.Rds.Connect("rds-proxy", "foo"));
        Assert.Equal("ok", f.Rds.Connect("rds-proxy", "bar"));
        var proxy = f.Rds.Proxies["rds-proxy"].Fields;
        Assert.Equal(2, proxy["Auth"]!.AsArray().Count);
        Assert.All(proxy["Auth"]!.AsArray(), a => Assert.Null(a!["UserName"]));
        var secretOrder = f.Endpoint.CallsSnapshot().Select(c => c.Operation).ToList();
        Assert.True(secretOrder.LastIndexOf("CreateSecret") < secretOrder.IndexOf("CreateDBProxy"));
        Assert.True(secretOrder.IndexOf("CreateDBProxy") < secretOrder.IndexOf("RegisterDBProxyTargets"));

        var changesBefore = f.Changes().Count;
        var second = await f.Manager().ApplyAsync(config);
        Show(second.ToText());
        Assert.True(second.Check.Passed);
        Assert.Empty(second.Check.Plan);
        Assert.False(second.Changed);
        Assert.Contains("up to date, no changes", second.ToText());
        Assert.Equal(changesBefore, f.Changes().Count);
        Assert.Empty(f.Endpoint.ModelViolations);
        Passwords.AssertAbsent(first.ToText() + second.ToText() + f.AllCaptured());
    }

    [Fact]
    public async Task A_changed_setting_or_password_is_one_modify_or_put()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        await f.Manager().ApplyAsync(RdsProxyConfig.Parse(Configs.Good()));
        var before = f.Changes().Count;

        f.Env["FOO_DB_PASSWORD"] = Passwords.Changed;
        var changed = await f.Manager().ApplyAsync(RdsProxyConfig.Parse(Configs.Good(idle: 900)));
        Show(changed.ToText());
        Assert.Equal(new[] { nameof(StepKind.PutSecretValue), nameof(StepKind.ModifyDBProxy), nameof(StepKind.WaitForProxy) }, changed.Check.Plan.Select(p => p.Kind));
        Assert.Contains("idleClientTimeout 1800 -> 900", changed.Check.Plan[1].Description);
        Assert.Equal(new[] { "PutSecretValue", "ModifyDBProxy" }, f.Changes().Skip(before).Select(c => c.Operation));
        Assert.Equal(900, (long)f.Rds.Proxies["rds-proxy"].Fields["IdleClientTimeout"]!);
        Assert.True(FakeSecretsManager.ServesLogin(f.Sm.Secrets["creds-foo"].Current, "foo"));
        Assert.Equal("ok", f.Rds.Connect("rds-proxy", "foo"));
        Passwords.AssertAbsent(changed.ToText() + f.AllCaptured());
    }

    [Fact]
    public async Task What_if_applies_nothing_and_throttling_is_retried()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        var config = RdsProxyConfig.Parse(Configs.Good());
        var whatIf = await f.Manager().ApplyAsync(config, _ => false);
        Assert.Equal(5, whatIf.Skipped.Count);
        Assert.Empty(f.Changes());

        f.Endpoint.InjectFault("CreateDBProxy", "Throttling", times: 2);
        f.Endpoint.InjectFault("CreateSecret", "ThrottlingException", times: 1);
        var applied = await f.Manager().ApplyAsync(config);
        Assert.Equal(5, applied.Applied.Count);
        Assert.Equal(3, f.Endpoint.CallsSnapshot().Count(c => c.Operation == "CreateDBProxy"));
        Assert.Contains(f.Captured, l => l.Contains("Throttling") && l.Contains("retrying"));
        Assert.Equal("ok", f.Rds.Connect("rds-proxy", "bar"));
    }

    [Fact]
    public async Task A_failed_apply_stops_and_the_next_run_continues()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        var config = RdsProxyConfig.Parse(Configs.Good());
        f.Endpoint.InjectFault("CreateDBProxy", "DBProxyQuotaExceededFault", times: 1);
        var e = await Assert.ThrowsAsync<ApplyException>(() => f.Manager().ApplyAsync(config));
        Assert.Contains("CreateDBProxy rds-proxy failed", e.Message);
        Assert.Contains("CreateSecret creds-foo", e.Message);
        Assert.Equal(2, f.Sm.Secrets.Count);

        var rerun = await f.Manager().ApplyAsync(config);
        Assert.Equal(new[] { nameof(StepKind.CreateDBProxy), nameof(StepKind.WaitForProxy), nameof(StepKind.RegisterDBProxyTargets) }, rerun.Check.Plan.Select(p => p.Kind));
        Assert.Equal("ok", f.Rds.Connect("rds-proxy", "foo"));
        Passwords.AssertAbsent(e.Message + rerun.ToText() + f.AllCaptured());
    }

    [Fact]
    public async Task Missing_secrets_wrong_usernames_and_unset_passwords_are_reported()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        f.Sm.Seed("creds-baz", $"{{\"username\": \"someone-else\", \"password\": \"{Passwords.Seed}\"}}");
        var yaml = Configs.Good(authExtra: "  - login: baz\n    secret: creds-baz\n  - login: qux\n    secret: creds-qux");
        var result = await f.Manager().CheckAsync(RdsProxyConfig.Parse(yaml));
        Show(result.ToText());
        Assert.Contains(result.Findings, x => x.Code == "SecretUsernameMismatch" && x.Subject == "baz" && x.Message.Contains("'someone-else'"));
        Assert.Contains(result.Findings, x => x.Code == "SecretMissing" && x.Subject == "qux");
        Assert.Empty(f.Changes());

        f.Env.Remove("BAR_DB_PASSWORD");
        var unset = await f.Manager().CheckAsync(RdsProxyConfig.Parse(Configs.Good()));
        Assert.Contains(unset.Findings, x => x.Code == "PasswordUnavailable" && x.Message.Contains("BAR_DB_PASSWORD"));
        Passwords.AssertAbsent(result.ToText() + unset.ToText() + f.AllCaptured());
    }

    [Fact]
    public async Task The_cli_checks_and_applies_with_the_same_results()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new ProxyFixture();
        f.Sm.Seed("foo", $"{{'username': 'foo', 'password': '{Passwords.Seed}'}}");
        var dir = Directory.CreateTempSubdirectory("ops-rds-proxy-cli");
        try
        {
            var seed = Path.Combine(dir.FullName, "seed.yaml");
            File.WriteAllText(seed, Configs.Seed);
            var (code, stdout, stderr) = Cli(f, "check", "-config", seed);
            Show(stdout);
            Assert.Equal(12, code);
            Assert.Contains("ERROR [UserNameWithSecrets]", stdout);
            Assert.Contains("ERROR [SecretNotJson] login foo", stdout);
            Assert.Contains("nothing was changed", stdout);

            // The environment variable the file names: this test's own, read by the CLI.
            var variable = "OPS_TEST_FOO_PW_" + Environment.ProcessId;
            Environment.SetEnvironmentVariable(variable, Passwords.Foo);
            var good = Path.Combine(dir.FullName, "good.yaml");
            File.WriteAllText(good, Configs.Good().Replace("FOO_DB_PASSWORD", variable).Replace("BAR_DB_PASSWORD", variable).Replace("creds-foo", "cli-foo").Replace("creds-bar", "cli-bar"));
            var json = Path.Combine(dir.FullName, "plan.json");
            (code, stdout, stderr) = Cli(f, "apply", "-config", good, "-dry-run", "-json", json);
            Assert.Equal(0, code);
            Assert.Contains("Plan for RDS Proxy rds-proxy (5 step(s))", stdout);
            Assert.Contains("\"kind\": \"CreateDBProxy\"", File.ReadAllText(json));
            Assert.Empty(f.Changes());
            (code, stdout, stderr) = Cli(f, "apply", "-config", good);
            Show(stdout);
            Assert.Equal(0, code);
            Assert.Contains("Apply complete.", stdout);
            (code, stdout, stderr) = Cli(f, "apply", "-config", good);
            Assert.Equal(0, code);
            Assert.Contains("up to date, no changes", stdout);
            Environment.SetEnvironmentVariable(variable, null);

            File.WriteAllText(good, "proxy:\n  name: [unclosed");
            (code, _, stderr) = Cli(f, "check", "-config", good);
            Assert.Equal(151, code);
            Passwords.AssertAbsent(stdout + stderr + File.ReadAllText(json) + f.AllCaptured());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static (int, string, string) Cli(ProxyFixture f, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Ops.Cli.RdsProxyCommand.Run(args, o, e, f.Aws);
        f.Capture(o.ToString());
        f.Capture(e.ToString());
        return (code, o.ToString(), e.ToString());
    }
}
