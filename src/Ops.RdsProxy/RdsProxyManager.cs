using System.Text.Json;
using Ops.Aws.Offline;
using Ops.Aws.RDS;
using Ops.Aws.RDS.Model;
using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager;
using Ops.Aws.SecretsManager.Model;

namespace Ops.RdsProxy;

public sealed class RdsProxyOptions
{
    /// <summary>Resolves password references (environment variables, through the lookup the caller gives; the
    /// PowerShell module adds vaults). The default knows no variable.</summary>
    public ISecretResolver Secrets { get; set; } = EnvironmentSecretResolver.NoEnvironment;
    /// <summary>Region for ARNs and kms:ViaService, when the configuration does not name one.</summary>
    public string Region { get; set; }
    public Action<string> Log { get; set; }
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(20);
    /// <summary>Failed runs the model lets happen before the apply is run again (0: no failures modelled).</summary>
    public int ModelledFailures { get; set; } = 1;
}

internal sealed class ApplyContext
{
    public Dictionary<string, string> SecretArns { get; } = new(StringComparer.Ordinal);
}

/// <summary>What the check read of AWS (and of the password sources) for the model and the plan.</summary>
public sealed class RdsProxyObserved
{
    internal Dictionary<string, SecretText> DeclaredValues { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, (bool Exists, string Arn, string Name, string Kms, bool UpToDate)> Live { get; } = new(StringComparer.Ordinal);
    internal List<LoginFacts> Logins { get; } = new();
    internal DBProxy Proxy { get; set; }
    internal string TargetGroup { get; set; }
    internal List<string> MissingInstances { get; set; }
    internal List<string> MissingClusters { get; set; }
}

/// <summary>The RDS Proxy domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): Test-RdsProxyConfiguration and
/// Set-RdsProxyConfiguration read the configuration and AWS, check the model, plan, apply. Only reads happen before the
/// check passes.</summary>
public sealed class RdsProxyManager(IAmazonSecretsManager secretsManager, IAmazonRDS rds, RdsProxyOptions options = null)
    : IDomain<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>
{
    /// <summary>How the RDS Proxy reports name things.</summary>
    public static readonly DomainWords Words = new("rds-proxy", "the RDS Proxy configuration",
        "model: invariant {0} of specs/ops/rds_proxy.tla is violated by this behaviour:")
    {
        SubjectNoun = "login",
        SubjectJsonName = "login",
        PropertyJsonName = "invariant",
        ApplyAgain = "run the apply again once fixed: it continues where it stopped",
        Redact = Redactor.Redact,
    };

    /// <summary>Opens the clients and the manager for one run of the CLI or a cmdlet: on AWS (region from the file or
    /// the options, one endpoint URL for both services, credentials from the SDK's chain), or, offline, on the answers
    /// saved in <paramref name="snapshot"/> (checks and dry runs; an apply fails at its first change).</summary>
    public static DomainSession<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult> Open(RdsProxyConfig config, AwsClientOptions aws, AwsSnapshot snapshot, RdsProxyOptions options)
    {
        IAmazonSecretsManager sm;
        IAmazonRDS rds;
        if (snapshot != null)
        {
            (sm, rds) = (snapshot.SecretsManager(), snapshot.Rds());
            options.Region ??= config.Region ?? snapshot.Region;
        }
        else
        {
            aws = aws?.Clone() ?? new AwsClientOptions();
            aws.Region ??= config.Region;
            var log = options.Log;
            aws.Log ??= log == null ? null : line => log(Redactor.Redact(line));
            (sm, rds) = (new AmazonSecretsManagerClient(aws), new AmazonRDSClient(aws));
            options.Region ??= ((AwsServiceClient)rds).Region;
        }
        return new(new RdsProxyManager(sm, rds, options), sm, rds);
    }

    DomainWords IDomain<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>.Words => Words;
    Action<string> IDomain<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>.Log => _options.Log == null ? null : Log;

    private readonly IAmazonSecretsManager _sm = secretsManager;
    private readonly IAmazonRDS _rds = rds;
    private readonly RdsProxyOptions _options = options ?? new RdsProxyOptions();

    private void Log(string line) => _options.Log?.Invoke(Redactor.Redact(line));

    // ---------------- the file ----------------

    public RdsProxyConfig Read(string path) => RdsProxyConfig.Load(path);
    public RdsProxyCheckResult NewReport(RdsProxyConfig config) => new() { ProxyName = config.Proxy?.Name };
    IEnumerable<Finding> IDomain<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>.Validate(RdsProxyConfig config) => Validate(config);

    /// <summary>Static checks of the file alone (no AWS): missing fields, passwords that cannot be resolved.</summary>
    public static List<Finding> Validate(RdsProxyConfig c)
    {
        var f = new List<Finding>();
        void Error(string code, string message, string fix, string login = null) => f.Add(new Finding { Code = code, Message = message, Fix = fix, Subject = login });
        if (c.Proxy == null) { Error("ConfigMissing", "the file has no proxy: section", "add proxy: with name, engineFamily, roleArn and vpcSubnetIds"); return f; }
        if (string.IsNullOrEmpty(c.Proxy.Name)) Error("ConfigMissing", "proxy.name is missing", "name the proxy");
        if (string.IsNullOrEmpty(c.Proxy.EngineFamily)) Error("ConfigMissing", "proxy.engineFamily is missing", "POSTGRESQL, MYSQL or SQLSERVER");
        if (string.IsNullOrEmpty(c.Proxy.RoleArn)) Error("ConfigMissing", "proxy.roleArn is missing", "the IAM role the proxy reads the secrets with");
        if (c.Proxy.VpcSubnetIds == null || c.Proxy.VpcSubnetIds.Count == 0) Error("ConfigMissing", "proxy.vpcSubnetIds is empty", "list the subnets (at least two availability zones)");
        if (c.Auth.Count == 0) Error("ConfigMissing", "auth: lists no login", "add one auth entry per login, each with login: and secret:");
        foreach (var (a, i) in c.Auth.Select((a, i) => (a, i)))
        {
            if (string.IsNullOrEmpty(a.Secret)) Error("ConfigMissing", $"auth[{i}] has no secret:", "name a secret under secrets:, or an existing secret's name or ARN", a.EffectiveLogin);
            if (a.EffectiveLogin == null && (a.Secret == null || c.Declared(a.Secret)?.Username == null))
                Error("ConfigMissing", $"auth[{i}] has no login:", "set login: to the database user clients connect as", null);
        }
        foreach (var dup in c.Auth.GroupBy(a => LoginOf(c, a)).Where(g => g.Key != null && g.Count() > 1))
            Error("DuplicateLogin", $"login '{dup.Key}' has {dup.Count()} auth entries", "keep one auth entry per login", dup.Key);
        foreach (var s in c.Secrets)
        {
            if (string.IsNullOrEmpty(s.Name)) Error("ConfigMissing", "a secret under secrets: has no name", "name it");
            if (string.IsNullOrEmpty(s.Username)) Error("ConfigMissing", $"secret {s.Name} has no username", "set username: to the database user");
            if (s.Password == null) Error("ConfigMissing", $"secret {s.Name} has no password source", "password: {env: VARIABLE} or {vault: NAME, secret: NAME}");
        }
        return f;
    }

    internal static string LoginOf(RdsProxyConfig c, AuthEntry a) => a.EffectiveLogin ?? (a.Secret != null ? c.Declared(a.Secret)?.Username : null);

    /// <summary>Reads the passwords the file names (into memory, never shown) and AWS: the secrets (format, KMS key),
    /// the role's policy, the proxy and its targets. Reads only.</summary>
    public async Task<RdsProxyObserved> ObserveAsync(RdsProxyConfig config, RdsProxyCheckResult result, CancellationToken ct)
    {
        var observed = new RdsProxyObserved();
        var region = config.Region ?? _options.Region ?? "us-east-1";
        var account = config.Account ?? "000000000000";

        // Declared secrets: their JSON, built in memory, never printed.
        var declaredValues = observed.DeclaredValues;
        foreach (var s in config.Secrets)
        {
            var password = _options.Secrets.Resolve(s.Password, out var problem);
            if (password == null)
            {
                result.Findings.Add(new Finding { Code = "PasswordUnavailable", Message = $"secret {s.Name}: the password cannot be read: {problem}", Fix = $"provide {s.Password}" });
                continue;
            }
            var doc = new Dictionary<string, string>(s.Fields ?? new()) { ["username"] = s.Username, ["password"] = password.Reveal() };
            declaredValues[s.Name] = new SecretText(JsonSerializer.Serialize(doc));
        }
        if (!result.Passed) return null;

        // What exists: secrets (format, KMS key), the proxy, its targets. Reads only.
        var live = observed.Live;
        async Task<(bool, string, string, string, bool)> ReadSecret(string reference, string login, LoginFacts facts)
        {
            DescribeSecretResponse d;
            try { d = await _sm.DescribeSecretAsync(new DescribeSecretRequest { SecretId = reference }, ct); }
            catch (AwsServiceException e) when (e.Is("ResourceNotFoundException")) { return (false, null, null, null, false); }
            bool upToDate = false;
            if (d.DeletedDate != null)
            {
                result.Findings.Add(new Finding
                {
                    Code = "SecretScheduledForDeletion", Subject = login, Message = $"secret {d.Name} is scheduled for deletion: the proxy cannot use it and CreateSecret cannot reuse its name",
                    Fix = "restore it (aws secretsmanager restore-secret) or use another name",
                });
                return (false, d.ARN, d.Name, d.KmsKeyId, false);
            }
            var v = await _sm.GetSecretValueAsync(new GetSecretValueRequest { SecretId = d.ARN }, ct);
            var value = v.SecretString;
            if (value != null) Redactor.Register(value);
            if (facts != null)
            {
                var declared = facts.Declared != null && declaredValues.TryGetValue(facts.Declared.Name, out var dv) ? dv : null;
                if (declared != null) upToDate = SameJson(value, declared.Reveal());
                else
                {
                    var (format, detail) = SecretInspection.Inspect(value, login);
                    facts.Format = format;
                    facts.FormatDetail = detail;
                    facts.ExistingNotJson = format == SecretFormat.NotJson;
                }
            }
            return (true, d.ARN, d.Name, d.KmsKeyId, upToDate);
        }

        var logins = observed.Logins;
        IamPolicy policy = null;
        try { policy = LoadPolicy(config); }
        catch (ConfigException e) { result.Findings.Add(new Finding { Code = "PolicyUnreadable", Message = e.Message, Fix = "give rolePolicy.file or rolePolicy.document as an IAM policy JSON document" }); return null; }
        if (policy == null)
            result.Findings.Add(new Finding { Severity = Severity.Warning, Code = "PolicyNotGiven", Message = "rolePolicy is not given: secretsmanager:GetSecretValue and kms:Decrypt for the proxy's role are not checked", Fix = "add rolePolicy: {file: policy.json} with the policy attached to the proxy's role" });

        foreach (var a in config.Auth)
        {
            var login = LoginOf(config, a);
            var declared = config.Declared(a.Secret);
            var facts = new LoginFacts { Login = login, Auth = a, SecretRef = a.Secret, Declared = declared };
            if (declared != null)
            {
                var (format, detail) = SecretInspection.Inspect(declaredValues[declared.Name].Reveal(), login);
                facts.Format = format;
                facts.FormatDetail = detail;
            }
            var (exists, arn, name, kms, upToDate) = await ReadSecret(a.Secret, login, facts);
            facts.Exists = exists;
            facts.SecretArn = arn ?? (a.Secret.StartsWith("arn:", StringComparison.Ordinal) ? a.Secret : $"arn:aws:secretsmanager:{region}:{account}:secret:{a.Secret}-AbCdEf");
            facts.SecretName = name ?? declared?.Name ?? a.Secret;
            facts.KmsKeyId = declared?.KmsKeyId ?? kms;
            facts.ValueUpToDate = upToDate;
            if (!exists && declared == null) facts.Format = SecretFormat.Ok;
            if (policy != null)
            {
                if (!policy.IsAllowed("secretsmanager:GetSecretValue", facts.SecretArn))
                {
                    facts.PolicyDenied = true;
                    facts.PolicyDetail = exists ? facts.SecretArn : $"{facts.SecretArn[..^6]}?????? (the ARN it will get; the suffix is random)";
                }
                if (IsCustomerKey(facts.KmsKeyId))
                {
                    var keyArn = KeyArn(facts.KmsKeyId, region, account);
                    var via = $"secretsmanager.{region}.amazonaws.com";
                    if (!policy.IsAllowed("kms:Decrypt", keyArn, new Dictionary<string, string> { ["kms:ViaService"] = via }))
                    {
                        facts.KmsDenied = true;
                        facts.KmsDetail = $"the role's policy does not allow kms:Decrypt on {keyArn} via {via}";
                    }
                }
            }
            logins.Add(facts);
        }
        // Declared secrets no auth entry uses are still written.
        foreach (var s in config.Secrets.Where(s => !config.Auth.Any(a => a.Secret == s.Name)))
        {
            var (exists, arn, name, kms, upToDate) = await ReadSecret(s.Name, s.Username, null);
            live[s.Name] = (exists, arn, name, kms, upToDate);
            result.Findings.Add(new Finding { Severity = Severity.Warning, Code = "SecretUnused", Message = $"secret {s.Name} is declared but no auth entry uses it", Fix = "add an auth entry for it, or remove it" });
        }
        foreach (var l in logins.Where(l => l.Declared != null)) live[l.Declared.Name] = (l.Exists, l.Exists ? l.SecretArn : null, l.SecretName, l.KmsKeyId, l.ValueUpToDate);

        DBProxy proxy = null;
        try { proxy = (await _rds.DescribeDBProxiesAsync(new DescribeDBProxiesRequest { DBProxyName = config.Proxy.Name }, ct)).DBProxies?.FirstOrDefault(); }
        catch (AwsServiceException e) when (e.Is("DBProxyNotFoundFault")) { }
        var group = config.Targets?.TargetGroup ?? "default";
        var registered = new HashSet<string>(StringComparer.Ordinal);
        if (proxy != null && config.Targets != null)
        {
            var t = await _rds.DescribeDBProxyTargetsAsync(new DescribeDBProxyTargetsRequest { DBProxyName = config.Proxy.Name, TargetGroupName = group }, ct);
            foreach (var target in t.Targets ?? new()) registered.Add(target.TrackedClusterId ?? target.RdsResourceId);
        }
        var wantInstances = config.Targets?.DbInstances ?? new();
        var wantClusters = config.Targets?.DbClusters ?? new();
        if (wantInstances.Count + wantClusters.Count == 0)
            result.Findings.Add(new Finding { Severity = Severity.Warning, Code = "NoTargets", Message = "targets: lists no database: the proxy will serve no connection", Fix = "add targets: {dbInstances: [...]} or {dbClusters: [...]}" });
        var missingInstances = wantInstances.Where(i => !registered.Contains(i)).ToList();
        var missingClusters = wantClusters.Where(i => !registered.Contains(i)).ToList();

        if (proxy != null)
        {
            if (!string.Equals(proxy.EngineFamily, config.Proxy.EngineFamily, StringComparison.OrdinalIgnoreCase))
                result.Findings.Add(new Finding { Code = "ImmutableChange", Message = $"proxy {proxy.DBProxyName} has engine family {proxy.EngineFamily}, the file says {config.Proxy.EngineFamily}: it cannot be changed", Fix = "keep the engine family, or delete the proxy and apply again" });
            if (proxy.VpcSubnetIds != null && !proxy.VpcSubnetIds.OrderBy(x => x).SequenceEqual(config.Proxy.VpcSubnetIds.OrderBy(x => x)))
                result.Findings.Add(new Finding { Code = "ImmutableChange", Message = $"proxy {proxy.DBProxyName} is in subnets {string.Join(", ", proxy.VpcSubnetIds)}, the file says {string.Join(", ", config.Proxy.VpcSubnetIds)}: they cannot be changed", Fix = "keep the subnets, or delete the proxy and apply again" });
        }

        observed.Proxy = proxy;
        observed.TargetGroup = group;
        observed.MissingInstances = missingInstances;
        observed.MissingClusters = missingClusters;
        return observed;
    }

    /// <summary>The model (specs/ops/rds_proxy.tla) bound to the logins and the proxy: every mistake it finds, in the
    /// configuration's words.</summary>
    public void CheckModel(RdsProxyConfig config, RdsProxyObserved o, RdsProxyCheckResult result, CancellationToken ct) =>
        ProxyModel.Check(o.Logins, new ProxyFacts
        {
            Name = config.Proxy.Name, Exists = o.Proxy != null,
            TargetsRegistered = o.Proxy != null && o.MissingInstances.Count + o.MissingClusters.Count == 0,
            MaxFailures = _options.ModelledFailures,
        }, result, config.Proxy.Name);

    public void Plan(RdsProxyConfig config, RdsProxyObserved o, RdsProxyCheckResult result) =>
        BuildPlan(config, result, o.Logins, o.Live, o.DeclaredValues, o.Proxy, o.TargetGroup, o.MissingInstances, o.MissingClusters);

    private static bool SameJson(string a, string b)
    {
        try
        {
            using var x = JsonDocument.Parse(a ?? "");
            using var y = JsonDocument.Parse(b);
            if (x.RootElement.ValueKind != JsonValueKind.Object) return false;
            var xs = x.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetRawText());
            var ys = y.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetRawText());
            return xs.SequenceEqual(ys);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IamPolicy LoadPolicy(RdsProxyConfig c)
    {
        if (c.RolePolicy == null) return null;
        if (c.RolePolicy.Document != null) return IamPolicy.Parse(c.RolePolicy.Document);
        if (c.RolePolicy.File == null) return null;
        var path = Path.IsPathRooted(c.RolePolicy.File) || c.SourcePath == null ? c.RolePolicy.File : Path.Combine(Path.GetDirectoryName(c.SourcePath)!, c.RolePolicy.File);
        if (!File.Exists(path)) throw new ConfigException($"rolePolicy.file {c.RolePolicy.File}: no such file");
        return IamPolicy.Parse(File.ReadAllText(path));
    }

    private static bool IsCustomerKey(string kmsKeyId) =>
        !string.IsNullOrEmpty(kmsKeyId) && !kmsKeyId.EndsWith("alias/aws/secretsmanager", StringComparison.Ordinal);

    private static string KeyArn(string id, string region, string account)
    {
        if (id.StartsWith("arn:", StringComparison.Ordinal)) return id;
        if (id.StartsWith("alias/", StringComparison.Ordinal)) return $"arn:aws:kms:{region}:{account}:{id}";
        return $"arn:aws:kms:{region}:{account}:key/{id}";
    }

    private void BuildPlan(RdsProxyConfig config, RdsProxyCheckResult result, List<LoginFacts> logins,
        Dictionary<string, (bool Exists, string Arn, string Name, string Kms, bool UpToDate)> live, Dictionary<string, SecretText> values,
        DBProxy proxy, string group, List<string> missingInstances, List<string> missingClusters)
    {
        var ctx = new ApplyContext();
        foreach (var s in config.Secrets)
        {
            var l = live.TryGetValue(s.Name, out var x) ? x : default;
            var value = values[s.Name];
            if (!l.Exists)
            {
                result.Plan.Add(new PlanStep(nameof(StepKind.CreateSecret), s.Name,
                    $"create secret {s.Name} as {{\"username\": \"{s.Username}\", \"password\": <{s.Password}>}}{(s.KmsKeyId != null ? ", encrypted with " + s.KmsKeyId : "")}",
                    async ct =>
                    {
                        var r = await _sm.CreateSecretAsync(new CreateSecretRequest
                        {
                            Name = s.Name, Description = s.Description, KmsKeyId = s.KmsKeyId, SecretString = value.Reveal(),
                            ClientRequestToken = Guid.NewGuid().ToString(), Tags = new() { new Aws.SecretsManager.Model.Tag { Key = "managed-by", Value = "ops" } },
                        }, ct);
                        ctx.SecretArns[s.Name] = r.ARN;
                        return null;
                    }));
            }
            else
            {
                if (s.KmsKeyId != null && l.Kms != null && s.KmsKeyId != l.Kms)
                    result.Findings.Add(new Finding { Severity = Severity.Warning, Code = "KmsKeyDiffers", Message = $"secret {s.Name} is encrypted with {l.Kms}, the file says {s.KmsKeyId}: Ops does not re-encrypt existing secrets", Fix = "change it with UpdateSecret, or make the file match" });
                var arn = l.Arn;
                if (!l.UpToDate)
                    result.Plan.Add(new PlanStep(nameof(StepKind.PutSecretValue), s.Name,
                        $"store a new value in {s.Name} ({{\"username\": \"{s.Username}\", \"password\": <{s.Password}>}}; the current value differs and is not shown)",
                        async ct =>
                        {
                            await _sm.PutSecretValueAsync(new PutSecretValueRequest { SecretId = arn, SecretString = value.Reveal(), ClientRequestToken = Guid.NewGuid().ToString() }, ct);
                            ctx.SecretArns[s.Name] = arn;
                            return null;
                        }));
            }
        }

        List<UserAuthConfig> Auth(ApplyContext ctx) => logins.Select(l => new UserAuthConfig
        {
            AuthScheme = l.Auth.AuthScheme ?? "SECRETS",
            SecretArn = l.Declared != null && ctx.SecretArns.TryGetValue(l.Declared.Name, out var a) ? a : (l.Exists ? l.SecretArn : l.SecretRef),
            IAMAuth = l.Auth.IamAuth,
            ClientPasswordAuthType = l.Auth.ClientPasswordAuthType,
            Description = l.Auth.Description,
        }).ToList();
        void SeedArns(ApplyContext ctx)
        {
            foreach (var (name, v) in live) if (v.Exists && v.Arn != null) ctx.SecretArns.TryAdd(name, v.Arn);
        }

        var p = config.Proxy;
        bool waitNeeded = proxy != null && proxy.Status != "available";
        if (proxy == null)
        {
            result.Plan.Add(new PlanStep(nameof(StepKind.CreateDBProxy), p.Name,
                $"create proxy {p.Name} ({p.EngineFamily}, TLS {(p.RequireTls == true ? "required" : "optional")}, idle timeout {(p.IdleClientTimeout is { } idle ? idle.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s" : "the default, 1800 s")}) with auth for {string.Join(", ", logins.Select(l => $"{l.Login} -> {l.SecretName}"))}",
                async ct =>
                {
                    SeedArns(ctx);
                    await _rds.CreateDBProxyAsync(new CreateDBProxyRequest
                    {
                        DBProxyName = p.Name, EngineFamily = p.EngineFamily, RoleArn = p.RoleArn, VpcSubnetIds = p.VpcSubnetIds, VpcSecurityGroupIds = p.VpcSecurityGroupIds,
                        RequireTLS = p.RequireTls, IdleClientTimeout = p.IdleClientTimeout, DebugLogging = p.DebugLogging, Auth = Auth(ctx),
                        Tags = p.Tags?.Select(t => new Aws.RDS.Model.Tag { Key = t.Key, Value = t.Value }).ToList(),
                    }, ct);
                    return null;
                }));
            waitNeeded = true;
        }
        else
        {
            var changes = new List<string>();
            var request = new ModifyDBProxyRequest { DBProxyName = p.Name };
            if (p.RequireTls != null && p.RequireTls != proxy.RequireTLS) { request.RequireTLS = p.RequireTls; changes.Add($"requireTLS {proxy.RequireTLS} -> {p.RequireTls}"); }
            if (p.IdleClientTimeout != null && p.IdleClientTimeout != proxy.IdleClientTimeout) { request.IdleClientTimeout = p.IdleClientTimeout; changes.Add($"idleClientTimeout {proxy.IdleClientTimeout} -> {p.IdleClientTimeout}"); }
            if (p.DebugLogging != null && p.DebugLogging != proxy.DebugLogging) { request.DebugLogging = p.DebugLogging; changes.Add($"debugLogging {proxy.DebugLogging} -> {p.DebugLogging}"); }
            if (p.RoleArn != proxy.RoleArn) { request.RoleArn = p.RoleArn; changes.Add($"roleArn -> {p.RoleArn}"); }
            if (p.VpcSecurityGroupIds != null && !Same(p.VpcSecurityGroupIds, proxy.VpcSecurityGroupIds)) { request.SecurityGroups = p.VpcSecurityGroupIds; changes.Add($"security groups -> {string.Join(", ", p.VpcSecurityGroupIds)}"); }
            var planned = Auth(new ApplyContext());
            bool authDiffers = logins.Any(l => l.Declared != null && !l.Exists) || !SameAuth(planned, proxy.Auth);
            if (authDiffers) changes.Add("auth -> " + string.Join(", ", logins.Select(l => $"{l.Login} -> {l.SecretName}")));
            if (changes.Count > 0)
            {
                result.Plan.Add(new PlanStep(nameof(StepKind.ModifyDBProxy), p.Name, string.Join("; ", changes),
                    async ct =>
                    {
                        SeedArns(ctx);
                        if (authDiffers) request.Auth = Auth(ctx);
                        await _rds.ModifyDBProxyAsync(request, ct);
                        return null;
                    }));
                waitNeeded = true;
            }
        }
        if (waitNeeded && (missingInstances.Count + missingClusters.Count > 0 || proxy == null || result.Plan.Count > 0))
        {
            result.Plan.Add(new PlanStep(nameof(StepKind.WaitForProxy), p.Name, $"wait until {p.Name} is available (DescribeDBProxies)",
                async ct => { await WaitAvailable(p.Name, ct); return null; }));
        }
        if (missingInstances.Count + missingClusters.Count > 0)
        {
            result.Plan.Add(new PlanStep(nameof(StepKind.RegisterDBProxyTargets), p.Name,
                $"register {string.Join(", ", missingInstances.Select(i => "instance " + i).Concat(missingClusters.Select(c => "cluster " + c)))} in target group {group}",
                async ct =>
                {
                    await _rds.RegisterDBProxyTargetsAsync(new RegisterDBProxyTargetsRequest
                    {
                        DBProxyName = p.Name, TargetGroupName = group,
                        DBInstanceIdentifiers = missingInstances.Count > 0 ? missingInstances : null, DBClusterIdentifiers = missingClusters.Count > 0 ? missingClusters : null,
                    }, ct);
                    return null;
                }));
        }
    }

    private static bool Same(List<string> a, List<string> b) => (a ?? new()).OrderBy(x => x).SequenceEqual((b ?? new()).OrderBy(x => x));

    private static bool SameAuth(List<UserAuthConfig> want, List<UserAuthConfigInfo> have)
    {
        have ??= new();
        if (want.Count != have.Count) return false;
        foreach (var w in want)
        {
            var h = have.FirstOrDefault(x => x.SecretArn == w.SecretArn);
            if (h == null) return false;
            if (w.IAMAuth != null && w.IAMAuth != h.IAMAuth) return false;
            if (w.ClientPasswordAuthType != null && w.ClientPasswordAuthType != h.ClientPasswordAuthType) return false;
            if (w.Description != null && w.Description != h.Description) return false;
            if ((w.AuthScheme ?? "SECRETS") != (h.AuthScheme ?? "SECRETS")) return false;
        }
        return true;
    }

    private async Task WaitAvailable(string name, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.WaitTimeout;
        while (true)
        {
            var p = (await _rds.DescribeDBProxiesAsync(new DescribeDBProxiesRequest { DBProxyName = name }, ct)).DBProxies?.FirstOrDefault();
            Log($"proxy {name}: {p?.Status}");
            if (p?.Status == "available") return;
            if (p?.Status is "incompatible-network" or "insufficient-resource-limits" or "suspended")
                throw new InvalidOperationException($"proxy {name} is {p.Status}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"proxy {name} is still {p?.Status} after {_options.WaitTimeout.TotalMinutes:0} minutes");
            if (_options.PollInterval > TimeSpan.Zero) await Task.Delay(_options.PollInterval, ct);
        }
    }

    // ---------------- the apply (DomainPipeline runs the plan's steps) ----------------

    public ApplyResult<RdsProxyCheckResult> NewApplyResult(RdsProxyCheckResult check) => new RdsProxyApplyResult { Check = check };
    public string FailureCode(Exception e) => AwsServiceException.FailureCode(e);
}
