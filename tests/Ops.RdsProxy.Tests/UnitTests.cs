using Ops.Tla.Checking;
using Xunit;

namespace Ops.RdsProxy.Tests;

public class PolicyTests
{
    private static readonly IamPolicy Seed = IamPolicy.Parse(Configs.Policy);

    [Theory]
    [InlineData("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo-AbCdEf", true)]
    [InlineData("SecretsManager:getSecretValue", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo-AbCdEf", true)]
    [InlineData("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:foo-AbCdEf", false)]
    [InlineData("secretsmanager:PutSecretValue", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo-AbCdEf", false)]
    public void Actions_and_resources_match_with_wildcards(string action, string resource, bool allowed) =>
        Assert.Equal(allowed, Seed.IsAllowed(action, resource));

    [Fact]
    public void Kms_decrypt_needs_the_via_service_condition()
    {
        const string key = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Assert.True(Seed.IsAllowed("kms:Decrypt", key, new Dictionary<string, string> { ["kms:ViaService"] = "secretsmanager.eu-west-2.amazonaws.com" }));
        Assert.False(Seed.IsAllowed("kms:Decrypt", key, new Dictionary<string, string> { ["kms:ViaService"] = "s3.eu-west-2.amazonaws.com" }));
        Assert.False(Seed.IsAllowed("kms:Decrypt", key));
    }

    [Fact]
    public void An_explicit_deny_wins_and_single_statements_parse()
    {
        var p = IamPolicy.Parse("""
            {"Statement": [
              {"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"},
              {"Effect": "Deny", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:*:*:secret:admin-*"}
            ]}
            """);
        Assert.True(p.IsAllowed("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-2:1:secret:app-AbCdEf"));
        Assert.False(p.IsAllowed("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-2:1:secret:admin-AbCdEf"));
        var single = IamPolicy.Parse("""{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}""");
        Assert.True(single.IsAllowed("secretsmanager:GetSecretValue", "x"));
        Assert.False(single.IsAllowed("iam:PassRole", "x"));
        Assert.Throws<ConfigException>(() => IamPolicy.Parse("{not json"));
    }
}

public class SecretInspectionTests
{
    [Theory]
    [InlineData("{\"username\": \"foo\", \"password\": \"p\"}", SecretFormat.Ok, "")]
    [InlineData("{'username': 'foo', 'password': 'p'}", SecretFormat.NotJson, "Python dict")]
    [InlineData("\"{\\\"username\\\": \\\"foo\\\"}\"", SecretFormat.NotJson, "encoded twice")]
    [InlineData("foo:p", SecretFormat.NotJson, "not JSON")]
    [InlineData("[1]", SecretFormat.NotJson, "array")]
    [InlineData("{\"password\": \"p\"}", SecretFormat.NoUsername, "no \"username\"")]
    [InlineData("{\"username\": \"bar\", \"password\": \"p\"}", SecretFormat.WrongUsername, "'bar', not 'foo'")]
    [InlineData("{\"username\": \"foo\", \"password\": \"\"}", SecretFormat.NoPassword, "password")]
    public void Formats_are_told_apart_without_the_value(string value, SecretFormat format, string detail)
    {
        var (f, d) = SecretInspection.Inspect(value, "foo");
        Assert.Equal(format, f);
        Assert.Contains(detail, d);
        Assert.DoesNotContain("\"p\"", d);
    }
}

public class ConfigTests
{
    [Theory]
    [InlineData("proxy: [a, b]\n", "proxy.yaml:1:8: proxy must be a mapping (key: value lines), not a list")]
    [InlineData("proxy:\n  name: [a, b]\n", "proxy.yaml:2:9: proxy.name must be a single value (text), not a list")]
    [InlineData("proxy:\n  name: x\n  requireTls: maybe\n", "proxy.yaml:3:15: proxy.requireTls must be true or false")]
    [InlineData("auth: 5\n", "proxy.yaml:1:7: auth must be a list, not a single value")]
    [InlineData("auth:\n  - login: a\n  - login: {x: 1}\n", "proxy.yaml:3:12: auth[1].login must be a single value (text), not a mapping")]
    [InlineData("proxy:\n  nmae: x\n", "proxy.yaml:2:3: proxy.nmae: unknown key 'nmae' (proxy takes name, engineFamily")]
    public void A_file_of_the_wrong_shape_is_explained_in_its_keys_not_in_dotnet_types(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => RdsProxyConfig.Parse(yaml, "proxy.yaml"));
        Assert.StartsWith(expected, e.Message);
        Assert.DoesNotContain("Ops.RdsProxy", e.Message);
        Assert.DoesNotContain("System.", e.Message);
        Assert.DoesNotContain("deserializ", e.Message);
    }

    [Fact]
    public void A_password_in_clear_is_refused_without_being_repeated()
    {
        var yaml = Configs.Good().Replace("password: {env: FOO_DB_PASSWORD}", $"password: {Passwords.Foo}");
        var e = Assert.Throws<ConfigException>(() => RdsProxyConfig.Parse(yaml, "proxy.yaml"));
        Assert.Contains("never read from the file", e.Message);
        Assert.StartsWith("proxy.yaml:", e.Message);
        Assert.DoesNotContain(Passwords.Foo, e.Message);
    }

    [Fact]
    public void The_file_maps_to_the_api_and_defaults_are_aws_defaults()
    {
        var c = RdsProxyConfig.Parse(Configs.Good());
        Assert.Equal("rds-proxy", c.Proxy.Name);
        Assert.Equal(new[] { "subnet-1", "subnet-2" }, c.Proxy.VpcSubnetIds);
        Assert.Equal(1800, c.Proxy.IdleClientTimeout);
        Assert.Equal("SECRETS", c.Auth[0].AuthScheme);
        Assert.Equal("FOO_DB_PASSWORD", c.Secrets[0].Password.Env);
        Assert.Equal("default", c.Targets.TargetGroup);
        Assert.Equal("123456789012", c.Account);
        Assert.Empty(RdsProxyManager.Validate(c));
        var broken = RdsProxyConfig.Parse("proxy:\n  name: x\nauth:\n  - secret: s\n");
        var codes = RdsProxyManager.Validate(broken).Select(f => f.Message).ToList();
        Assert.Contains(codes, m => m.Contains("engineFamily"));
        Assert.Contains(codes, m => m.Contains("no login"));
    }

    [Fact]
    public void Secret_text_never_prints_its_value()
    {
        var s = new SecretText(Passwords.Bar);
        Assert.Equal("***", s.ToString());
        Assert.Equal("***", $"{s}");
        Assert.Equal("token=*** end", Redactor.Redact($"token={Passwords.Bar} end"));
    }
}

public class SpecTests
{
    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public void The_seed_configuration_violates_the_username_invariant_and_the_fixed_one_passes()
    {
        var spec = Path.Combine(Repo(), "specs", "ops", "rds_proxy.tla");
        var seed = ModelChecker.Check(spec, new CheckOptions());
        Assert.Equal(12, seed.ExitCode);
        Assert.Equal("NoUserNameWithSecretsScheme", seed.Violation.Property);
        var fixedRun = ModelChecker.Check(spec, new CheckOptions { ConfigPath = Path.Combine(Repo(), "specs", "ops", "rds_proxy_fixed.cfg") });
        Assert.Equal(0, fixedRun.ExitCode);
    }

    [Fact]
    public void The_embedded_model_is_the_repository_one_and_reports_every_mistake()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Repo(), "specs", "ops", "rds_proxy.tla")), ProxyModel.ResourceText("rds_proxy.tla"));
        var auth = new AuthEntry { Login = "foo", Secret = "s", UserName = "foo" };
        var facts = new List<LoginFacts>
        {
            new() { Login = "foo", Auth = auth, SecretRef = "s", Exists = true, ExistingNotJson = true, Format = SecretFormat.NotJson, PolicyDenied = true, PolicyDetail = "arn" },
            new() { Login = "bar", Auth = new AuthEntry { Login = "bar", Secret = "t" }, SecretRef = "t", Exists = false },
        };
        var result = new RdsProxyCheckResult { ProxyName = "p" };
        ProxyModel.Check(facts, new ProxyFacts { Name = "p" }, result, "p");
        Assert.Equal(new[] { "UserNameWithSecrets", "SecretMissing", "PolicyDoesNotCoverSecret", "SecretNotJson" }.OrderBy(x => x), result.Findings.Select(f => f.Code).OrderBy(x => x));
        Assert.StartsWith("success", result.ModelRuns[^1]);
        Assert.True(facts[0].UserNameSet, "the caller's facts are not changed");
    }

    [Theory]
    [InlineData("foo", "bar")]
    [InlineData("bar", "foo")]
    public void The_facts_bound_as_values_check_as_the_same_constants_written_in_the_configuration(string first, string second)
    {
        // Two mistakes on two logins: which one the search meets first follows the order the logins are listed in.
        LoginFacts Facts(string login) => login == "foo"
            ? new() { Login = "foo", Auth = new AuthEntry { Login = "foo", Secret = "s" }, SecretRef = "s", Exists = true, ExistingNotJson = true, Format = SecretFormat.NotJson, PolicyDenied = true, PolicyDetail = "arn" }
            : new() { Login = "bar", Auth = new AuthEntry { Login = "bar", Secret = "t" }, SecretRef = "t", Exists = false };
        var facts = new List<LoginFacts> { Facts(first), Facts(second) };
        var bound = ProxyModel.Bind(facts, new ProxyFacts { Name = "p" });
        string Text(string name, Ops.Tla.Values.Value v) => v is Ops.Tla.Values.SetBase set
            ? "{" + string.Join(", ", facts.Select(f => f.Login).Where(l => set.Contains(Ops.Tla.Values.StringValue.Of(l))).Select(l => $"\"{l}\"")) + "}"
            : v.ToString();
        var cfg = "CONSTANTS\n" + string.Concat(bound.Select(kv => $"    {kv.Key} = {Text(kv.Key, kv.Value)}\n")) + ProxyModel.ResourceText("rds_proxy_check.cfg");
        var written = ModelChecker.Check(ModelSource.FromText("rds_proxy", ProxyModel.ResourceText("rds_proxy.tla"), cfg));
        var values = ModelChecker.Check(ModelSource.FromText("rds_proxy", ProxyModel.ResourceText("rds_proxy.tla"), ProxyModel.ResourceText("rds_proxy_check.cfg")),
            new CheckOptions { Constants = bound });
        Assert.Equal(Ops.Tla.ExitStatus.SafetyViolation, written.ExitStatus);
        Assert.Equal(written.Violation.Property, values.Violation.Property);
        Assert.Equal(written.StatesGenerated, values.StatesGenerated);
        Assert.Equal(Show(written), Show(values));
    }

    private static string Show(CheckResult r) => string.Join("\n", r.Trace.Select(t => t.Action + " | " + string.Join(", ", t.Values.Select(v => v.ToString()))));
}
