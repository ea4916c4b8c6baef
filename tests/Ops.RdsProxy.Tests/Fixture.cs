using Ops.Aws.RDS;
using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager;
using Ops.Aws.Testing;
using Xunit;

namespace Ops.RdsProxy.Tests;

/// <summary>Test passwords: every captured output is scanned for them.</summary>
public static class Passwords
{
    public const string Foo = "Foo-S3cret-Pa55word-7741";
    public const string Bar = "Bar-S3cret-Pa55word-9182";
    public const string Seed = "seed-ansible-pw-3306";
    public const string Changed = "Foo-Rotated-Pa55word-0001";
    public static readonly string[] All = { Foo, Bar, Seed, Changed };

    public static void AssertAbsent(string captured)
    {
        foreach (var p in All) Assert.DoesNotContain(p, captured);
    }
}

public sealed class DictionaryResolver(Dictionary<string, string> values) : ISecretResolver
{
    public SecretText Resolve(SecretReference reference, out string problem)
    {
        problem = null;
        if (reference.Env != null && values.TryGetValue(reference.Env, out var v)) return new SecretText(v);
        problem = $"the environment variable {reference.Env} is not set";
        return null;
    }
}

/// <summary>A loopback AWS with Secrets Manager and RDS, a manager pointed at it, and everything it writes captured.</summary>
public sealed class ProxyFixture : IDisposable
{
    public FakeSecretsManager Sm { get; } = new();
    public FakeRds Rds { get; }
    public LoopbackAwsEndpoint Endpoint { get; }
    public List<string> Captured { get; } = new();
    public Dictionary<string, string> Env { get; } = new() { ["FOO_DB_PASSWORD"] = Passwords.Foo, ["BAR_DB_PASSWORD"] = Passwords.Bar };
    private readonly List<IDisposable> _clients = new();

    public ProxyFixture()
    {
        Rds = new FakeRds(Sm) { CreatingDescribes = 2 };
        Rds.DbInstances.Add("app-db");
        Endpoint = new LoopbackAwsEndpoint(Sm, Rds);
    }

    public AwsClientOptions Aws => LoopbackClients.Options(Endpoint, Captured);

    public void Capture(string line)
    {
        lock (Captured) Captured.Add(line);
    }

    public RdsProxyManager Manager()
    {
        var sm = new AmazonSecretsManagerClient(Aws);
        var rds = new AmazonRDSClient(Aws);
        _clients.Add(sm);
        _clients.Add(rds);
        return new RdsProxyManager(sm, rds, new RdsProxyOptions
        {
            Secrets = new DictionaryResolver(Env), Region = "eu-west-2", Log = Capture, PollInterval = TimeSpan.Zero,
        });
    }

    /// <summary>Calls that change AWS.</summary>
    public List<RecordedCall> Changes() => Endpoint.CallsSnapshot().Where(c => c.Operation is "CreateSecret" or "PutSecretValue" or "CreateDBProxy" or "ModifyDBProxy" or "RegisterDBProxyTargets").ToList();

    public string AllCaptured()
    {
        lock (Captured) return string.Join("\n", Captured);
    }

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
        Endpoint.Dispose();
    }
}

public static class Configs
{
    public const string Policy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": ["arn:aws:secretsmanager:eu-west-2:123456789012:secret:*"] },
            { "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
              "Condition": { "StringEquals": { "kms:ViaService": "secretsmanager.eu-west-2.amazonaws.com" } } }
          ]
        }
        """;

    public static string Indent(string s, int n) => string.Join("\n", s.Split('\n').Select(l => new string(' ', n) + l));

    /// <summary>The post's setup, done right: two logins whose secrets Ops writes, one target.</summary>
    public static string Good(string policy = Policy, int idle = 1800, string extraSecretFoo = "", string authExtra = "") => $"""
        region: eu-west-2
        proxy:
          name: rds-proxy
          engineFamily: POSTGRESQL
          roleArn: arn:aws:iam::123456789012:role/RdsProxySecrets
          vpcSubnetIds: [subnet-1, subnet-2]
          vpcSecurityGroupIds: [sg-rds-proxy]
          requireTls: true
          idleClientTimeout: {idle}
          debugLogging: false
        rolePolicy:
          document: |
        {Indent(policy, 4)}
        auth:
          - login: foo
            secret: creds-foo
            iamAuth: DISABLED
        {authExtra}
          - login: bar
            secret: creds-bar
            iamAuth: DISABLED
        secrets:
          - name: creds-foo
            username: foo
            password: {"{"}env: FOO_DB_PASSWORD{"}"}
        {extraSecretFoo}
          - name: creds-bar
            username: bar
            password: {"{"}env: BAR_DB_PASSWORD{"}"}
        targets:
          targetGroup: default
          dbInstances: [app-db]
        """;

    /// <summary>The seed post's configuration: username in the auth block, the secret created by ansible as a string.</summary>
    public const string Seed = """
        region: eu-west-2
        proxy:
          name: rds-proxy
          engineFamily: POSTGRESQL
          roleArn: arn:aws:iam::123456789012:role/RdsProxySecrets
          vpcSubnetIds: [subnet-1, subnet-2]
          vpcSecurityGroupIds: [sg-rds-proxy]
          requireTls: true
          idleClientTimeout: 1800
          debugLogging: false
        rolePolicy:
          document: |
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": ["arn:aws:secretsmanager:eu-west-2:123456789012:secret:*"]}]}
        auth:
          - userName: foo
            secret: arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo
            iamAuth: DISABLED
        targets:
          dbInstances: [app-db]
        """;
}
