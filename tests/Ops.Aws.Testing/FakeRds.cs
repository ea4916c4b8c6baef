using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>RDS Proxy in memory, with the rules AWS applies at call time: UserName is refused with the SECRETS scheme,
/// a proxy is "creating" for a few describes, targets register only on an available proxy, once.</summary>
public sealed class FakeRds : IFakeService
{
    public sealed class Proxy
    {
        public JsonObject Fields = new();
        public string Name => (string)Fields["DBProxyName"];
        public string Status { get => (string)Fields["Status"]; set => Fields["Status"] = value; }
        public int DescribesUntilAvailable;
        public List<string> Instances = new();
        public List<string> Clusters = new();
    }

    private readonly FakeSecretsManager _secrets;

    public FakeRds(FakeSecretsManager secrets = null) => _secrets = secrets;

    public string ModelName => "rds";
    public Dictionary<string, Proxy> Proxies { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DbInstances { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DbClusters { get; } = new(StringComparer.Ordinal);
    /// <summary>How many DescribeDBProxies a new proxy stays "creating" (modifying) for.</summary>
    public int CreatingDescribes { get; set; } = 1;
    public string Region { get; set; } = "eu-west-2";
    public string Account { get; set; } = "123456789012";

    private Proxy Require(string name) =>
        name != null && Proxies.TryGetValue(name, out var p) ? p : throw new FakeAwsException("DBProxyNotFoundFault", $"DBProxy {name} not found.", 404);

    private static void CheckAuth(JsonArray auth)
    {
        foreach (var a in auth ?? new JsonArray())
        {
            var scheme = (string)a!["AuthScheme"] ?? "SECRETS";
            if (scheme == "SECRETS" && a["UserName"] != null)
                throw new FakeAwsException("InvalidParameterValue", "UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used.");
            if (scheme == "SECRETS" && a["SecretArn"] == null)
                throw new FakeAwsException("InvalidParameterValue", "SecretArn must be set in UserAuthConfig when SECRETS AuthScheme is used.");
        }
    }

    public JsonObject Handle(string operation, JsonObject input, FakeRequestContext context)
    {
        switch (operation)
        {
            case "CreateDBProxy":
            {
                var name = (string)input["DBProxyName"];
                if (Proxies.ContainsKey(name)) throw new FakeAwsException("DBProxyAlreadyExistsFault", $"DBProxy {name} already exists.");
                CheckAuth(input["Auth"] as JsonArray);
                var p = new Proxy { DescribesUntilAvailable = CreatingDescribes };
                var f = p.Fields;
                f["DBProxyName"] = name;
                f["DBProxyArn"] = $"arn:aws:rds:{Region}:{Account}:db-proxy:prx-{Math.Abs(name.GetHashCode()):x8}";
                f["Status"] = CreatingDescribes > 0 ? "creating" : "available";
                f["EngineFamily"] = (string)input["EngineFamily"];
                f["VpcId"] = "vpc-0123456789abcdef0";
                f["VpcSubnetIds"] = input["VpcSubnetIds"]?.DeepClone() ?? new JsonArray();
                f["VpcSecurityGroupIds"] = input["VpcSecurityGroupIds"]?.DeepClone() ?? new JsonArray("sg-default0");
                f["Auth"] = input["Auth"]?.DeepClone() ?? new JsonArray();
                f["RoleArn"] = (string)input["RoleArn"];
                f["Endpoint"] = $"{name}.proxy-abcdefghijkl.{Region}.rds.amazonaws.com";
                f["RequireTLS"] = input["RequireTLS"]?.GetValue<bool>() ?? false;
                f["IdleClientTimeout"] = input["IdleClientTimeout"]?.GetValue<long>() ?? 1800;
                f["DebugLogging"] = input["DebugLogging"]?.GetValue<bool>() ?? false;
                f["CreatedDate"] = Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3);
                Proxies[name] = p;
                return new JsonObject { ["DBProxy"] = Shown(p) };
            }
            case "DescribeDBProxies":
            {
                var name = (string)input["DBProxyName"];
                var list = new JsonArray();
                foreach (var p in name != null ? new[] { Require(name) } : Proxies.Values.ToArray())
                {
                    if (p.Status is "creating" or "modifying" && --p.DescribesUntilAvailable <= 0) p.Status = "available";
                    list.Add(Shown(p));
                }
                return new JsonObject { ["DBProxies"] = list };
            }
            case "ModifyDBProxy":
            {
                var p = Require((string)input["DBProxyName"]);
                if (p.Status != "available") throw new FakeAwsException("InvalidDBProxyStateFault", $"DBProxy {p.Name} is in the {p.Status} state.");
                if (input["Auth"] is JsonArray auth) { CheckAuth(auth); p.Fields["Auth"] = auth.DeepClone(); }
                if (input["RequireTLS"] is JsonValue tls) p.Fields["RequireTLS"] = tls.GetValue<bool>();
                if (input["IdleClientTimeout"] is JsonValue idle) p.Fields["IdleClientTimeout"] = idle.GetValue<long>();
                if (input["DebugLogging"] is JsonValue dbg) p.Fields["DebugLogging"] = dbg.GetValue<bool>();
                if (input["RoleArn"] is JsonValue role) p.Fields["RoleArn"] = role.GetValue<string>();
                if (input["SecurityGroups"] is JsonArray sgs) p.Fields["VpcSecurityGroupIds"] = sgs.DeepClone();
                if (input["NewDBProxyName"] != null) throw new FakeAwsException("InvalidParameterValue", "renaming is not simulated");
                p.Fields["UpdatedDate"] = Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3);
                return new JsonObject { ["DBProxy"] = Shown(p) };
            }
            case "RegisterDBProxyTargets":
            {
                var p = Require((string)input["DBProxyName"]);
                var group = (string)input["TargetGroupName"] ?? "default";
                if (group != "default") throw new FakeAwsException("DBProxyTargetGroupNotFoundFault", $"Target group {group} not found.", 404);
                if (p.Status != "available") throw new FakeAwsException("InvalidDBProxyStateFault", $"DBProxy {p.Name} is in the {p.Status} state.");
                var added = new JsonArray();
                foreach (var id in (input["DBInstanceIdentifiers"] as JsonArray ?? new JsonArray()).Select(x => (string)x))
                {
                    if (!DbInstances.Contains(id)) throw new FakeAwsException("DBInstanceNotFoundFault", $"DBInstance {id} not found.", 404);
                    if (p.Instances.Contains(id)) throw new FakeAwsException("DBProxyTargetAlreadyRegisteredFault", $"DBInstance {id} is already registered.");
                    p.Instances.Add(id);
                    added.Add(Target(p, id, "RDS_INSTANCE"));
                }
                foreach (var id in (input["DBClusterIdentifiers"] as JsonArray ?? new JsonArray()).Select(x => (string)x))
                {
                    if (!DbClusters.Contains(id)) throw new FakeAwsException("DBClusterNotFoundFault", $"DBCluster {id} not found.", 404);
                    if (p.Clusters.Contains(id)) throw new FakeAwsException("DBProxyTargetAlreadyRegisteredFault", $"DBCluster {id} is already registered.");
                    p.Clusters.Add(id);
                    added.Add(Target(p, id, "TRACKED_CLUSTER"));
                }
                return new JsonObject { ["DBProxyTargets"] = added };
            }
            case "DescribeDBProxyTargets":
            {
                var p = Require((string)input["DBProxyName"]);
                var group = (string)input["TargetGroupName"] ?? "default";
                if (group != "default") throw new FakeAwsException("DBProxyTargetGroupNotFoundFault", $"Target group {group} not found.", 404);
                var list = new JsonArray();
                foreach (var id in p.Instances) list.Add(Target(p, id, "RDS_INSTANCE"));
                foreach (var id in p.Clusters) list.Add(Target(p, id, "TRACKED_CLUSTER"));
                return new JsonObject { ["Targets"] = list };
            }
            case "DescribeDBProxyTargetGroups":
            {
                var p = Require((string)input["DBProxyName"]);
                var group = (string)input["TargetGroupName"];
                if (group != null && group != "default") throw new FakeAwsException("DBProxyTargetGroupNotFoundFault", $"Target group {group} not found.", 404);
                return new JsonObject
                {
                    ["TargetGroups"] = new JsonArray(new JsonObject
                    {
                        ["DBProxyName"] = p.Name, ["TargetGroupName"] = "default", ["IsDefault"] = true, ["Status"] = "available",
                        ["TargetGroupArn"] = $"arn:aws:rds:{Region}:{Account}:target-group:prx-tg-default",
                        ["ConnectionPoolConfig"] = new JsonObject { ["MaxConnectionsPercent"] = 100, ["MaxIdleConnectionsPercent"] = 50, ["ConnectionBorrowTimeout"] = 120 },
                    }),
                };
            }
            default:
                throw new FakeAwsException("InvalidAction", $"{operation} is not simulated");
        }
    }

    private JsonObject Target(Proxy p, string id, string type)
    {
        var t = new JsonObject
        {
            ["Endpoint"] = $"{id}.abcdefghijkl.{Region}.rds.amazonaws.com", ["Port"] = 5432, ["Type"] = type,
            ["RdsResourceId"] = id, ["TargetHealth"] = new JsonObject { ["State"] = "AVAILABLE" },
        };
        if (type == "TRACKED_CLUSTER") t["TrackedClusterId"] = id;
        return t;
    }

    private static JsonObject Shown(Proxy p) => p.Fields.DeepClone().AsObject();

    /// <summary>What a client connecting through the proxy as <paramref name="login"/> gets: "ok", or RDS Proxy's error.
    /// The proxy looks for an auth entry whose secret is a JSON object with that username and a password.</summary>
    public string Connect(string proxyName, string login)
    {
        var p = Require(proxyName);
        if (p.Status != "available") return $"proxy {proxyName} is {p.Status}";
        if (p.Instances.Count == 0 && p.Clusters.Count == 0) return "no targets registered";
        foreach (var a in p.Fields["Auth"]!.AsArray())
        {
            var secret = _secrets?.Find((string)a!["SecretArn"]);
            if (secret != null && FakeSecretsManager.ServesLogin(secret.Current, login)) return "ok";
        }
        return $"FATAL:  This RDS proxy has no credentials for the role {login}. Check the credentials for this role and try again.";
    }
}
