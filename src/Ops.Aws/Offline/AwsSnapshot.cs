using System.Net;
using System.Text.Json;
using Ops.Aws.ECS;
using Ops.Aws.ECS.Model;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.ElasticLoadBalancingV2.Model;
using Ops.Aws.RDS;
using Ops.Aws.RDS.Model;
using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager;
using Ops.Aws.SecretsManager.Model;

namespace Ops.Aws.Offline;

/// <summary>A snapshot file is missing, unreadable, or lacks an answer a check needs; or a call would change AWS.</summary>
public sealed class AwsSnapshotException(string message) : InvalidOperationException(message);

/// <summary>
/// What AWS answered to the Describe/Get calls a check makes, saved as the AWS CLI prints it, in one JSON file: an
/// object whose keys are the CLI's commands and whose values are the CLI's output (a list of outputs where the command
/// takes one resource; an object by name or ARN where the answer does not name its resource):
/// <code>
/// { "region": "eu-west-2",
///   "secretsmanager describe-secret": [ {...}, ... ],            aws secretsmanager describe-secret --secret-id ID
///   "secretsmanager get-secret-value": [ {...}, ... ],           aws secretsmanager get-secret-value --secret-id ID
///   "rds describe-db-proxies": {"DBProxies": [...]},             aws rds describe-db-proxies
///   "rds describe-db-proxy-targets": {"PROXY": {"Targets": [...]}},
///   "rds describe-db-proxy-target-groups": {"PROXY": {"TargetGroups": [...]}},
///   "ecs describe-clusters": {"clusters": [...]},                aws ecs describe-clusters --clusters NAME
///   "ecs describe-task-definition": [ {"taskDefinition": {...}}, ... ],
///   "ecs describe-services": [ {"services": [...]}, ... ],
///   "elbv2 describe-target-groups": {"TargetGroups": [...]},
///   "elbv2 describe-target-group-attributes": {"TG-ARN": {"Attributes": [...]}},
///   "elbv2 describe-load-balancers": {"LoadBalancers": [...]} }
/// </code>
/// The snapshot stands for the whole account: a secret, proxy, cluster, service, target group or load balancer it does
/// not hold does not exist, and the clients answer with AWS's own "not found" errors. An answer it cannot give (a
/// secret's value, a target group's attributes that were not saved) fails with a message naming the CLI command that
/// saves it. Calls that would change AWS fail: a snapshot serves checks and dry runs, never an apply.
/// </summary>
public sealed class AwsSnapshot
{
    private readonly JsonElement _root;

    /// <summary>The file it was read from (for messages).</summary>
    public string Path { get; }

    /// <summary>The region the snapshot was taken in (its "region"), or null.</summary>
    public string Region { get; }

    private AwsSnapshot(string path, JsonElement root)
    {
        Path = path;
        _root = root;
        Region = root.TryGetProperty("region", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
    }

    public static AwsSnapshot Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AwsSnapshotException($"cannot read the AWS snapshot {path}: {e.Message}");
        }
        return Parse(text, path);
    }

    public static AwsSnapshot Parse(string json, string path = "the AWS snapshot")
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new AwsSnapshotException($"{path}: an AWS snapshot is a JSON object whose keys are AWS CLI commands (\"rds describe-db-proxies\", ...)");
            var root = doc.RootElement.Clone();
            foreach (var p in root.EnumerateObject())
                if (p.Name != "region" && p.Name != "about" && !Known.Contains(p.Name))
                    throw new AwsSnapshotException($"{path}: unknown key \"{p.Name}\": the keys are \"region\", \"about\" and the commands {string.Join(", ", Known.Select(k => "\"" + k + "\""))}");
            return new AwsSnapshot(path, root);
        }
        catch (JsonException e)
        {
            throw new AwsSnapshotException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {e.Message}");
        }
    }

    /// <summary>The commands a snapshot may hold.</summary>
    public static readonly string[] Known =
    {
        "secretsmanager describe-secret", "secretsmanager get-secret-value",
        "rds describe-db-proxies", "rds describe-db-proxy-targets", "rds describe-db-proxy-target-groups",
        "ecs describe-clusters", "ecs describe-task-definition", "ecs describe-services",
        "elbv2 describe-target-groups", "elbv2 describe-target-group-attributes", "elbv2 describe-load-balancers",
    };

    public IAmazonSecretsManager SecretsManager() => new SnapshotSecretsManager(this);
    public IAmazonRDS Rds() => new SnapshotRds(this);
    public IAmazonECS Ecs() => new SnapshotEcs(this);
    public IAmazonElasticLoadBalancingV2 ElasticLoadBalancingV2() => new SnapshotElbv2(this);

    // ---------------- reading the file ----------------

    /// <summary>The outputs saved for a command that takes one resource (a list), or of one that lists (an object).</summary>
    internal IEnumerable<T> Outputs<T>(string command, bool camelCase) where T : new()
    {
        if (!_root.TryGetProperty(command, out var e)) yield break;
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) yield return Read<T>(item, command, camelCase);
        }
        else yield return Read<T>(e, command, camelCase);
    }

    /// <summary>The output saved under a name (a proxy's, a target group's ARN), or null.</summary>
    internal T Keyed<T>(string command, string key, bool camelCase) where T : class, new()
    {
        if (key == null || !_root.TryGetProperty(command, out var e) || e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (p.Name == key) return Read<T>(p.Value, command, camelCase);
        return null;
    }

    internal bool Has(string command) => _root.TryGetProperty(command, out _);

    private T Read<T>(JsonElement e, string command, bool camelCase) where T : new()
    {
        try
        {
            return e.ValueKind == JsonValueKind.Object ? (T)JsonProtocol.ReadValue(e, typeof(T), camelCase) : throw new FormatException("not a JSON object");
        }
        catch (Exception x) when (x is FormatException or InvalidOperationException or JsonException)
        {
            throw new AwsSnapshotException($"{Path}: \"{command}\": not the AWS CLI's output of {command}: {x.Message}");
        }
    }

    internal AwsServiceException NotFound(string service, string operation, string code, string message) =>
        new(service, operation, code, message + $" (in the AWS snapshot {System.IO.Path.GetFileName(Path)})", HttpStatusCode.BadRequest, "snapshot");

    internal AwsSnapshotException NotSaved(string command, string save) =>
        new($"the AWS snapshot {Path} has no answer of \"{command}\" for this: save it with `aws {command} {save}` and add it under \"{command}\"");

    internal Task<T> ReadOnly<T>(string operation) =>
        Task.FromException<T>(new AwsSnapshotException($"{operation} would change AWS, and {Path} is a snapshot of what AWS answered: check or dry-run with it, apply against AWS"));

    /// <summary>"arn:aws:ecs:eu-west-2:123456789012:cluster/prod" and "prod" name the same cluster.</summary>
    internal static string LastName(string nameOrArn)
    {
        if (nameOrArn == null) return null;
        var slash = nameOrArn.LastIndexOf('/');
        return nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? nameOrArn[(slash + 1)..] : nameOrArn;
    }
}

internal sealed class SnapshotSecretsManager(AwsSnapshot s) : IAmazonSecretsManager
{
    private const string Service = "SecretsManager";

    /// <summary>A secret is named by its name, its full ARN, or its ARN without the six random characters AWS appends.</summary>
    private static bool Names(string id, string name, string arn) =>
        id == name || id == arn || (arn != null && arn.Length > 7 && arn[^7] == '-' && id == arn[..^7]);

    public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default)
    {
        var found = s.Outputs<DescribeSecretResponse>("secretsmanager describe-secret", camelCase: false).FirstOrDefault(d => Names(request.SecretId, d.Name, d.ARN));
        return found != null ? Task.FromResult(found)
            : Task.FromException<DescribeSecretResponse>(s.NotFound(Service, "DescribeSecret", "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
    }

    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default)
    {
        var found = s.Outputs<GetSecretValueResponse>("secretsmanager get-secret-value", camelCase: false).FirstOrDefault(d => Names(request.SecretId, d.Name, d.ARN));
        if (found != null) return Task.FromResult(found);
        var described = s.Outputs<DescribeSecretResponse>("secretsmanager describe-secret", camelCase: false).Any(d => Names(request.SecretId, d.Name, d.ARN));
        return Task.FromException<GetSecretValueResponse>(described
            ? s.NotSaved("secretsmanager get-secret-value", $"--secret-id {request.SecretId}")
            : s.NotFound(Service, "GetSecretValue", "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
    }

    public Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListSecretsResponse
        {
            SecretList = s.Outputs<DescribeSecretResponse>("secretsmanager describe-secret", camelCase: false)
                .Where(d => d.DeletedDate == null || request.IncludePlannedDeletion == true)
                .Select(d => new SecretListEntry { ARN = d.ARN, Name = d.Name, Description = d.Description, KmsKeyId = d.KmsKeyId, LastChangedDate = d.LastChangedDate })
                .ToList(),
        });

    public Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<CreateSecretResponse>("CreateSecret");
    public Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<PutSecretValueResponse>("PutSecretValue");
    public void Dispose() { }
}

internal sealed class SnapshotRds(AwsSnapshot s) : IAmazonRDS
{
    private const string Service = "RDS";

    private List<DBProxy> Proxies() => s.Outputs<DescribeDBProxiesResponse>("rds describe-db-proxies", camelCase: false).SelectMany(o => o.DBProxies ?? new()).ToList();

    public Task<DescribeDBProxiesResponse> DescribeDBProxiesAsync(DescribeDBProxiesRequest request, CancellationToken cancellationToken = default)
    {
        var proxies = Proxies().Where(p => request.DBProxyName == null || p.DBProxyName == request.DBProxyName).ToList();
        return request.DBProxyName != null && proxies.Count == 0
            ? Task.FromException<DescribeDBProxiesResponse>(s.NotFound(Service, "DescribeDBProxies", "DBProxyNotFoundFault", $"DBProxy {request.DBProxyName} not found."))
            : Task.FromResult(new DescribeDBProxiesResponse { DBProxies = proxies });
    }

    public Task<DescribeDBProxyTargetsResponse> DescribeDBProxyTargetsAsync(DescribeDBProxyTargetsRequest request, CancellationToken cancellationToken = default)
    {
        if (!Proxies().Any(p => p.DBProxyName == request.DBProxyName))
            return Task.FromException<DescribeDBProxyTargetsResponse>(s.NotFound(Service, "DescribeDBProxyTargets", "DBProxyNotFoundFault", $"DBProxy {request.DBProxyName} not found."));
        var saved = s.Keyed<DescribeDBProxyTargetsResponse>("rds describe-db-proxy-targets", request.DBProxyName, camelCase: false);
        return saved != null ? Task.FromResult(saved)
            : Task.FromException<DescribeDBProxyTargetsResponse>(s.NotSaved("rds describe-db-proxy-targets", $"--db-proxy-name {request.DBProxyName}"));
    }

    public Task<DescribeDBProxyTargetGroupsResponse> DescribeDBProxyTargetGroupsAsync(DescribeDBProxyTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        if (!Proxies().Any(p => p.DBProxyName == request.DBProxyName))
            return Task.FromException<DescribeDBProxyTargetGroupsResponse>(s.NotFound(Service, "DescribeDBProxyTargetGroups", "DBProxyNotFoundFault", $"DBProxy {request.DBProxyName} not found."));
        var saved = s.Keyed<DescribeDBProxyTargetGroupsResponse>("rds describe-db-proxy-target-groups", request.DBProxyName, camelCase: false);
        return saved != null ? Task.FromResult(saved)
            : Task.FromException<DescribeDBProxyTargetGroupsResponse>(s.NotSaved("rds describe-db-proxy-target-groups", $"--db-proxy-name {request.DBProxyName}"));
    }

    public Task<CreateDBProxyResponse> CreateDBProxyAsync(CreateDBProxyRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<CreateDBProxyResponse>("CreateDBProxy");
    public Task<ModifyDBProxyResponse> ModifyDBProxyAsync(ModifyDBProxyRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<ModifyDBProxyResponse>("ModifyDBProxy");
    public Task<RegisterDBProxyTargetsResponse> RegisterDBProxyTargetsAsync(RegisterDBProxyTargetsRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<RegisterDBProxyTargetsResponse>("RegisterDBProxyTargets");
    public void Dispose() { }
}

internal sealed class SnapshotEcs(AwsSnapshot s) : IAmazonECS
{
    private const string Service = "ECS";

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        var id = request.TaskDefinition ?? "";
        var all = s.Outputs<DescribeTaskDefinitionResponse>("ecs describe-task-definition", camelCase: true).Where(o => o.TaskDefinition != null).ToList();
        // An ARN, family:revision, or a family alone: its latest ACTIVE revision.
        var found = all.FirstOrDefault(o => o.TaskDefinition.TaskDefinitionArn == id || $"{o.TaskDefinition.Family}:{o.TaskDefinition.Revision}" == id)
                    ?? all.Where(o => o.TaskDefinition.Family == id && (o.TaskDefinition.Status ?? "ACTIVE") == "ACTIVE").OrderByDescending(o => o.TaskDefinition.Revision).FirstOrDefault();
        return found != null ? Task.FromResult(found)
            : Task.FromException<DescribeTaskDefinitionResponse>(s.NotFound(Service, "DescribeTaskDefinition", "ClientException", "Unable to describe task definition."));
    }

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default)
    {
        var cluster = AwsSnapshot.LastName(request.Cluster ?? "default");
        var services = s.Outputs<DescribeServicesResponse>("ecs describe-services", camelCase: true).SelectMany(o => o.Services ?? new()).ToList();
        var clusters = s.Outputs<DescribeClustersOutput>("ecs describe-clusters", camelCase: true).SelectMany(o => o.Clusters ?? new())
            .Where(c => c.Status != "INACTIVE").Select(c => c.ClusterName ?? AwsSnapshot.LastName(c.ClusterArn));
        if (!clusters.Concat(services.Select(x => AwsSnapshot.LastName(x.ClusterArn))).Contains(cluster))
            return Task.FromException<DescribeServicesResponse>(s.NotFound(Service, "DescribeServices", "ClusterNotFoundException", "Cluster not found."));
        var inCluster = services.Where(x => AwsSnapshot.LastName(x.ClusterArn) == cluster).ToList();
        var response = new DescribeServicesResponse { Services = new(), Failures = new() };
        foreach (var name in request.Services ?? new())
        {
            var found = inCluster.FirstOrDefault(x => x.ServiceName == name || x.ServiceArn == name);
            if (found != null) response.Services.Add(found);
            else response.Failures.Add(new Failure { Arn = name, Reason = "MISSING" });
        }
        return Task.FromResult(response);
    }

    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<CreateServiceResponse>("CreateService");
    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) => s.ReadOnly<UpdateServiceResponse>("UpdateService");
    public void Dispose() { }

    /// <summary>The part of `aws ecs describe-clusters` the snapshot reads (Ops's ECS client does not call it).</summary>
    internal sealed class DescribeClustersOutput
    {
        public List<ClusterOutput> Clusters { get; set; }
    }

    internal sealed class ClusterOutput
    {
        public string ClusterArn { get; set; }
        public string ClusterName { get; set; }
        public string Status { get; set; }
    }
}

internal sealed class SnapshotElbv2(AwsSnapshot s) : IAmazonElasticLoadBalancingV2
{
    private const string Service = "ElasticLoadBalancingV2";

    private List<TargetGroup> TargetGroups() => s.Outputs<DescribeTargetGroupsResponse>("elbv2 describe-target-groups", camelCase: false).SelectMany(o => o.TargetGroups ?? new()).ToList();

    public Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        var all = TargetGroups();
        var wanted = request.TargetGroupArns ?? all.Select(t => t.TargetGroupArn).ToList();
        var found = all.Where(t => wanted.Contains(t.TargetGroupArn) && (request.LoadBalancerArn == null || (t.LoadBalancerArns ?? new()).Contains(request.LoadBalancerArn))).ToList();
        if (request.TargetGroupArns != null && found.Count < request.TargetGroupArns.Distinct().Count())
            return Task.FromException<DescribeTargetGroupsResponse>(s.NotFound(Service, "DescribeTargetGroups", "TargetGroupNotFound", "One or more target groups not found"));
        return Task.FromResult(new DescribeTargetGroupsResponse { TargetGroups = found });
    }

    public Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default)
    {
        if (!TargetGroups().Any(t => t.TargetGroupArn == request.TargetGroupArn))
            return Task.FromException<DescribeTargetGroupAttributesResponse>(s.NotFound(Service, "DescribeTargetGroupAttributes", "TargetGroupNotFound", "One or more target groups not found"));
        var saved = s.Keyed<DescribeTargetGroupAttributesResponse>("elbv2 describe-target-group-attributes", request.TargetGroupArn, camelCase: false);
        return saved != null ? Task.FromResult(saved)
            : Task.FromException<DescribeTargetGroupAttributesResponse>(s.NotSaved("elbv2 describe-target-group-attributes", $"--target-group-arn {request.TargetGroupArn}"));
    }

    public Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default)
    {
        var all = s.Outputs<DescribeLoadBalancersResponse>("elbv2 describe-load-balancers", camelCase: false).SelectMany(o => o.LoadBalancers ?? new()).ToList();
        var found = all.Where(l => request.LoadBalancerArns == null || request.LoadBalancerArns.Contains(l.LoadBalancerArn)).ToList();
        if (request.LoadBalancerArns != null && found.Count < request.LoadBalancerArns.Distinct().Count())
            return Task.FromException<DescribeLoadBalancersResponse>(s.NotFound(Service, "DescribeLoadBalancers", "LoadBalancerNotFound", "One or more load balancers not found"));
        return Task.FromResult(new DescribeLoadBalancersResponse { LoadBalancers = found });
    }

    public void Dispose() { }
}
