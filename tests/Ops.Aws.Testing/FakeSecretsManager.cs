using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>Secrets Manager in memory: secrets by name and ARN (full or without the random suffix), versions with
/// AWSCURRENT/AWSPREVIOUS, customer KMS keys recorded as given.</summary>
public sealed class FakeSecretsManager : IFakeService
{
    public sealed class Secret
    {
        public string Name;
        public string Arn;
        public string KmsKeyId;
        public string Description;
        public double Created;
        public List<(string VersionId, string Value, List<string> Stages)> Versions = new();
        public string Current => Versions.LastOrDefault(v => v.Stages.Contains("AWSCURRENT")).Value;
    }

    public string Region { get; set; } = "eu-west-2";
    public string Account { get; set; } = "123456789012";
    public Dictionary<string, Secret> Secrets { get; } = new(StringComparer.Ordinal);
    public string ModelName => "secretsmanager";

    /// <summary>A secret that exists before the test (created by someone else, e.g. ansible's string secret).</summary>
    public Secret Seed(string name, string secretString, string kmsKeyId = null)
    {
        var s = new Secret { Name = name, Arn = ArnFor(name), KmsKeyId = kmsKeyId, Created = Now() };
        s.Versions.Add((Guid.NewGuid().ToString(), secretString, new List<string> { "AWSCURRENT" }));
        Secrets[name] = s;
        return s;
    }

    private string ArnFor(string name)
    {
        var suffix = new string(Enumerable.Range(0, 6).Select(i => (char)('a' + Math.Abs((name.GetHashCode() >> (i * 4)) % 26))).ToArray());
        return $"arn:aws:secretsmanager:{Region}:{Account}:secret:{name}-{suffix}";
    }

    private static double Now() => Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3);

    public Secret Find(string id)
    {
        if (id == null) return null;
        if (Secrets.TryGetValue(id, out var byName)) return byName;
        return Secrets.Values.FirstOrDefault(s => s.Arn == id || s.Arn[..^7] == id);
    }

    private Secret Require(string id) => Find(id) ?? throw new FakeAwsException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

    public JsonObject Handle(string operation, JsonObject input, FakeRequestContext context)
    {
        switch (operation)
        {
            case "CreateSecret":
            {
                var name = (string)input["Name"];
                if (Secrets.ContainsKey(name)) throw new FakeAwsException("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
                var s = new Secret { Name = name, Arn = ArnFor(name), KmsKeyId = (string)input["KmsKeyId"], Description = (string)input["Description"], Created = Now() };
                var versionId = (string)input["ClientRequestToken"] ?? Guid.NewGuid().ToString();
                if (input["SecretString"] is JsonValue v) s.Versions.Add((versionId, v.GetValue<string>(), new List<string> { "AWSCURRENT" }));
                Secrets[name] = s;
                var o = new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name };
                if (s.Versions.Count > 0) o["VersionId"] = versionId;
                return o;
            }
            case "PutSecretValue":
            {
                var s = Require((string)input["SecretId"]);
                var versionId = (string)input["ClientRequestToken"] ?? Guid.NewGuid().ToString();
                for (int i = 0; i < s.Versions.Count; i++)
                {
                    var (id, val, stages) = s.Versions[i];
                    stages.Remove("AWSPREVIOUS");
                    if (stages.Remove("AWSCURRENT")) stages.Add("AWSPREVIOUS");
                    s.Versions[i] = (id, val, stages);
                }
                s.Versions.Add((versionId, (string)input["SecretString"], new List<string> { "AWSCURRENT" }));
                return new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name, ["VersionId"] = versionId, ["VersionStages"] = new JsonArray("AWSCURRENT") };
            }
            case "DescribeSecret":
            {
                var s = Require((string)input["SecretId"]);
                var o = new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name, ["CreatedDate"] = s.Created, ["LastChangedDate"] = s.Created };
                if (s.KmsKeyId != null) o["KmsKeyId"] = s.KmsKeyId;
                if (s.Description != null) o["Description"] = s.Description;
                var map = new JsonObject();
                foreach (var (id, _, stages) in s.Versions) map[id] = new JsonArray(stages.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
                o["VersionIdsToStages"] = map;
                return o;
            }
            case "GetSecretValue":
            {
                var s = Require((string)input["SecretId"]);
                var stage = (string)input["VersionStage"] ?? "AWSCURRENT";
                var v = s.Versions.LastOrDefault(x => x.Stages.Contains(stage));
                if (v.VersionId == null) throw new FakeAwsException("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: " + stage);
                return new JsonObject
                {
                    ["ARN"] = s.Arn, ["Name"] = s.Name, ["VersionId"] = v.VersionId, ["SecretString"] = v.Value,
                    ["VersionStages"] = new JsonArray(v.Stages.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()), ["CreatedDate"] = s.Created,
                };
            }
            case "ListSecrets":
            {
                var list = new JsonArray();
                foreach (var s in Secrets.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    var e = new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name, ["CreatedDate"] = s.Created };
                    if (s.KmsKeyId != null) e["KmsKeyId"] = s.KmsKeyId;
                    list.Add(e);
                }
                return new JsonObject { ["SecretList"] = list };
            }
            default:
                throw new FakeAwsException("UnknownOperationException", $"{operation} is not simulated");
        }
    }

    /// <summary>Whether the value is what RDS Proxy accepts for the login: a JSON object with that username and a password.</summary>
    public static bool ServesLogin(string secretString, string login)
    {
        try
        {
            using var doc = JsonDocument.Parse(secretString ?? "");
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String && u.GetString() == login
                   && root.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String && p.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
