using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ops.RdsProxy;

/// <summary>The configuration file (YAML) of one RDS Proxy: the proxy, its auth entries, the secrets Ops writes,
/// the role's policy (to check GetSecretValue/kms:Decrypt) and the targets. Passwords come from the environment or a
/// SecretManagement vault, never from the file.</summary>
public sealed class RdsProxyConfig
{
    public string Region { get; set; }
    public ProxySettings Proxy { get; set; }
    public RolePolicy RolePolicy { get; set; }
    public List<AuthEntry> Auth { get; set; } = new();
    public List<SecretSpec> Secrets { get; set; } = new();
    public TargetSpec Targets { get; set; }

    /// <summary>The file it was read from (for relative paths), or null.</summary>
    [YamlIgnore] public string SourcePath { get; set; }

    public static RdsProxyConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: no such file");
        var config = Parse(File.ReadAllText(path), path);
        config.SourcePath = Path.GetFullPath(path);
        return config;
    }

    public static RdsProxyConfig Parse(string yaml, string name = "configuration")
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).WithTypeConverter(new SecretReferenceYaml()).Build();
        try
        {
            var config = deserializer.Deserialize<RdsProxyConfig>(yaml) ?? new RdsProxyConfig();
            config.Auth ??= new();
            config.Secrets ??= new();
            return config;
        }
        catch (ConfigYamlException e)
        {
            throw new ConfigException($"{name}:{e.Start.Line}:{e.Start.Column}: {FirstLine(e.Message)}");
        }
        catch (YamlException e)
        {
            // YamlDotNet's message names .NET types: say instead, in the file's keys, what the value must be.
            throw new ConfigException($"{name}:{e.Start.Line}:{e.Start.Column}: {YamlProblem.Explain(yaml, e, typeof(RdsProxyConfig), CamelCaseNamingConvention.Instance)}");
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>The declared secret a reference names, or null (an existing secret, by name or ARN).</summary>
    public SecretSpec Declared(string reference) => Secrets.FirstOrDefault(s => s.Name == reference);

    /// <summary>Account from the role ARN (arn:aws:iam::ACCOUNT:role/...), or null.</summary>
    public string Account => Proxy?.RoleArn?.Split(':') is { Length: >= 5 } p && p[4].Length > 0 ? p[4] : null;
}

public sealed class ProxySettings
{
    public string Name { get; set; }
    public string EngineFamily { get; set; }
    public string RoleArn { get; set; }
    public List<string> VpcSubnetIds { get; set; } = new();
    public List<string> VpcSecurityGroupIds { get; set; }
    public bool? RequireTls { get; set; }
    public int? IdleClientTimeout { get; set; }
    public bool? DebugLogging { get; set; }
    public Dictionary<string, string> Tags { get; set; }
}

/// <summary>One auth entry of the proxy (UserAuthConfig) plus the login clients use.</summary>
public sealed class AuthEntry
{
    /// <summary>The database user clients connect as; the secret's "username" must be this.</summary>
    public string Login { get; set; }
    /// <summary>A secret under secrets: (by name), or an existing secret's name or ARN.</summary>
    public string Secret { get; set; }
    public string AuthScheme { get; set; } = "SECRETS";
    public string IamAuth { get; set; } = "DISABLED";
    public string ClientPasswordAuthType { get; set; }
    public string Description { get; set; }
    /// <summary>Sent as UserAuthConfig.UserName: AWS refuses it with the SECRETS scheme (the seed's first failure).</summary>
    public string UserName { get; set; }

    [YamlIgnore] public string EffectiveLogin => Login ?? UserName;
}

public sealed class SecretSpec
{
    public string Name { get; set; }
    public string Description { get; set; }
    /// <summary>A customer KMS key (ARN, id or alias); default: Secrets Manager's aws/secretsmanager key.</summary>
    public string KmsKeyId { get; set; }
    public string Username { get; set; }
    public SecretReference Password { get; set; }
    /// <summary>Extra JSON fields (engine, host, port, dbname); not secret.</summary>
    public Dictionary<string, string> Fields { get; set; }
}

public sealed class RolePolicy
{
    /// <summary>A policy document file (JSON), relative to the configuration file.</summary>
    public string File { get; set; }
    /// <summary>The policy document inline (JSON text).</summary>
    public string Document { get; set; }
}

public sealed class TargetSpec
{
    public string TargetGroup { get; set; } = "default";
    public List<string> DbInstances { get; set; } = new();
    public List<string> DbClusters { get; set; } = new();
}

