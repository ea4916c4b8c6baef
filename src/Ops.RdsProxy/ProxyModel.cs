using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.RdsProxy;

/// <summary>What the model is told about one login: facts from the configuration and from AWS, never values.</summary>
public sealed class LoginFacts
{
    public string Login { get; init; }
    public AuthEntry Auth { get; init; }
    public string SecretRef { get; init; }
    public SecretSpec Declared { get; init; }
    public bool Exists { get; set; }
    public string SecretArn { get; set; }
    public string SecretName { get; set; }
    public string KmsKeyId { get; set; }
    /// <summary>Format of the value that will be in place after the apply (declared value, or the existing one).</summary>
    public SecretFormat Format { get; set; } = SecretFormat.Ok;
    public string FormatDetail { get; set; }
    /// <summary>The existing value is not a JSON object (only meaningful when not declared).</summary>
    public bool ExistingNotJson { get; set; }
    public bool UserNameSet => !UserNameCleared && Auth.UserName != null && (Auth.AuthScheme ?? "SECRETS") == "SECRETS";
    /// <summary>Assumed fixed by a later model run (the finding is already reported).</summary>
    public bool UserNameCleared { get; set; }
    public bool PolicyDenied { get; set; }
    public string PolicyDetail { get; set; }
    public bool KmsDenied { get; set; }
    public string KmsDetail { get; set; }
    /// <summary>The existing value equals the declared one (no PutSecretValue needed).</summary>
    public bool ValueUpToDate { get; set; }
}

public sealed class ProxyFacts
{
    public string Name { get; init; }
    public bool Exists { get; init; }
    public bool TargetsRegistered { get; init; }
    public int MaxFailures { get; init; } = 1;
}

/// <summary>Binds the facts to specs/ops/rds_proxy.tla, runs the embedded checker, and turns each violation into a
/// finding with its fix and the counterexample told in the configuration's words. After a violation the model is
/// run again with that mistake assumed fixed, so that one check reports every mistake, not only the first.</summary>
public static class ProxyModel
{
    public const string SpecName = "rds_proxy.tla";
    public const string ConfigName = "rds_proxy_check.cfg";

    /// <summary>The embedded spec and its configuration, read once and checked from memory.</summary>
    private static readonly Lazy<ModelSource> Source = new(() => ModelSource.FromText("rds_proxy",
        EmbeddedModel.Modules(typeof(ProxyModel).Assembly, new Dictionary<string, string> { ["rds_proxy"] = "specs." + SpecName }),
        EmbeddedModel.Text(typeof(ProxyModel).Assembly, "specs." + ConfigName), ConfigName));

    /// <summary>The text of an embedded model file (rds_proxy.tla, rds_proxy_check.cfg).</summary>
    public static string ResourceText(string fileName) => EmbeddedModel.Text(typeof(ProxyModel).Assembly, "specs." + fileName);

    /// <summary>The facts as the model's constants.</summary>
    public static Dictionary<string, Value> Bind(IReadOnlyList<LoginFacts> logins, ProxyFacts proxy)
    {
        Value Set(Func<LoginFacts, bool> p) => TlaValue.Set(logins.Where(p).Select(l => l.Login));
        return new Dictionary<string, Value>
        {
            ["Logins"] = Set(_ => true),
            ["UserNameSet"] = Set(l => l.UserNameSet),
            ["Declared"] = Set(l => l.Declared != null),
            ["Existing"] = Set(l => l.Exists),
            ["NotJson"] = Set(l => l.Exists && l.Declared == null && l.ExistingNotJson),
            ["WrongUser"] = Set(l => l.Format is SecretFormat.NoUsername or SecretFormat.WrongUsername),
            ["NoPassword"] = Set(l => l.Format == SecretFormat.NoPassword),
            ["PolicyDenied"] = Set(l => l.PolicyDenied),
            ["KmsDenied"] = Set(l => l.KmsDenied),
            ["ProxyExists"] = TlaValue.Bool(proxy.Exists),
            ["TargetsExist"] = TlaValue.Bool(proxy.TargetsRegistered),
            ["MaxFailures"] = TlaValue.Int(proxy.MaxFailures),
        };
    }

    /// <summary>Runs the model until it passes, each violation becoming a finding. Mutates the facts it assumes fixed
    /// on copies only.</summary>
    public static void Check(IReadOnlyList<LoginFacts> original, ProxyFacts proxy, RdsProxyCheckResult into, string proxyName)
    {
        var logins = original.Select(Copy).ToList();
        var assumed = new List<string>();
        for (int round = 0; round < 4 * Math.Max(1, logins.Count) + 4; round++)
        {
            var result = ModelChecker.Check(Source.Value, new CheckOptions { Constants = Bind(logins, proxy), Workers = 1 });
            into.ModelRuns.Add($"{result.OutcomeText}: {result.StatesGenerated} states generated, {result.DistinctStates} distinct, depth {result.Depth}"
                               + (result.Violation != null ? $" ({result.Violation.Property ?? result.Violation.Kind.ToString()})" : ""));
            if (result.Outcome == CheckOutcome.Success) return;
            var finding = Explain(result, logins, original, proxy, proxyName, out var fix);
            if (assumed.Count > 0) finding.Trace.Insert(0, "(with the fixes above assumed: " + string.Join("; ", assumed) + ")");
            assumed.Add(finding.Code + (finding.Subject != null ? " " + finding.Subject : ""));
            into.Findings.Add(finding);
            if (fix == null) return;
            fix();
        }
    }

    private static LoginFacts Copy(LoginFacts l) => new()
    {
        Login = l.Login, Auth = l.Auth, UserNameCleared = l.UserNameCleared, SecretRef = l.SecretRef, Declared = l.Declared, Exists = l.Exists, SecretArn = l.SecretArn, SecretName = l.SecretName,
        KmsKeyId = l.KmsKeyId, Format = l.Format, FormatDetail = l.FormatDetail, ExistingNotJson = l.ExistingNotJson, PolicyDenied = l.PolicyDenied,
        PolicyDetail = l.PolicyDetail, KmsDenied = l.KmsDenied, KmsDetail = l.KmsDetail, ValueUpToDate = l.ValueUpToDate,
    };

    private static Finding Explain(CheckResult result, List<LoginFacts> logins, IReadOnlyList<LoginFacts> original, ProxyFacts proxy, string proxyName, out Action fix)
    {
        fix = null;
        var trace = Narrate(result, logins, proxyName);
        var property = result.Violation?.Property;
        var last = result.Trace.Count > 0 ? result.Trace[^1] : null;
        var conn = last == null ? null : Var(last, "conn");
        var login = conn == null ? null : Field(conn, "login");
        var facts = logins.FirstOrDefault(l => l.Login == login);
        var secret = facts == null ? null : Describe(facts);
        switch (property)
        {
            case "NoUserNameWithSecretsScheme":
            {
                var offenders = logins.Where(l => l.UserNameSet).ToList();
                fix = () => { foreach (var l in offenders) l.UserNameCleared = true; };
                return new Finding
                {
                    Code = "UserNameWithSecrets", Subject = string.Join(", ", offenders.Select(l => l.Login)), Property = property, Trace = trace,
                    Message = $"the auth entr{(offenders.Count == 1 ? "y" : "ies")} for {string.Join(", ", offenders.Select(l => $"'{l.Login}' (userName: {l.Auth.UserName})"))} "
                              + "set userName with the SECRETS scheme: CreateDBProxy would fail with InvalidParameterValue: UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used.",
                    Fix = "remove userName from the auth entry (keep login:); with the SECRETS scheme the proxy takes the user name from the secret's \"username\".",
                };
            }
            case "EveryLoginHasASecret":
                fix = () => Patch(logins, login, l => l.Exists = true);
                return new Finding
                {
                    Code = "SecretMissing", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": the secret {secret} does not exist and is not declared under secrets:.",
                    Fix = $"declare it under secrets: (name: {facts?.SecretRef}, username: {login}, password: {{env: VARIABLE}}), or point the auth entry at an existing secret.",
                };
            case "EverySecretIsJson":
                fix = () => Patch(logins, login, l => l.ExistingNotJson = false);
                return new Finding
                {
                    Code = "SecretNotJson", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": the secret {secret} is not a JSON object: {facts?.FormatDetail}.",
                    Fix = $"store it as a JSON object {{\"username\": \"{login}\", \"password\": \"...\"}}: declare it under secrets: with username: {login} and password: {{env: VARIABLE}} and Ops writes it (PutSecretValue); with ansible's secretsmanager_secret use json_secret:, not secret:.",
                };
            case "SecretUsernameMatches":
                fix = () => Patch(logins, login, l => l.Format = SecretFormat.Ok);
                return new Finding
                {
                    Code = "SecretUsernameMismatch", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": in the secret {secret}, {facts?.FormatDetail}.",
                    Fix = facts?.Declared != null ? $"set username: {login} on secret {facts.Declared.Name} (or login: to the secret's username)." : $"put \"username\": \"{login}\" in the secret, or set the auth entry's login: to the secret's username.",
                };
            case "SecretHasPassword":
                fix = () => Patch(logins, login, l => l.Format = SecretFormat.Ok);
                return new Finding
                {
                    Code = "SecretNoPassword", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": the secret {secret} has no non-empty \"password\".",
                    Fix = "give the secret a \"password\" (declared secrets: set the password's env variable or vault entry to the database password).",
                };
            case "PolicyAllowsGetSecretValue":
                fix = () => Patch(logins, login, l => l.PolicyDenied = false);
                return new Finding
                {
                    Code = "PolicyDoesNotCoverSecret", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": the role's policy does not allow secretsmanager:GetSecretValue on {facts?.PolicyDetail}.",
                    Fix = $"add the secret's ARN (or a pattern that covers it, e.g. {ArnPattern(facts)}) to the Resource of the statement that allows secretsmanager:GetSecretValue.",
                };
            case "KmsDecryptAllowed":
                fix = () => Patch(logins, login, l => l.KmsDenied = false);
                return new Finding
                {
                    Code = "PolicyDoesNotCoverKmsKey", Subject = login, Property = property, Trace = trace,
                    Message = $"clients connecting as '{login}' would get \"FATAL: This RDS proxy has no credentials for the role {login}\": the secret {secret} is encrypted with the customer key {facts?.KmsKeyId}, and {facts?.KmsDetail}.",
                    Fix = $"allow kms:Decrypt on that key with the condition StringEquals kms:ViaService = secretsmanager.<region>.amazonaws.com.",
                };
            default:
                return Finding.ModelFailure("the apply model of specs/ops/rds_proxy.tla", result, "the configuration", property, trace);
        }
    }

    private static string ArnPattern(LoginFacts f)
    {
        if (f?.SecretArn == null) return "arn:aws:secretsmanager:<region>:<account>:secret:<name>-*";
        var arn = f.SecretArn;
        var colon = arn.LastIndexOf(':');
        var name = arn[(colon + 1)..];
        var dash = name.LastIndexOf('-');
        return arn[..(colon + 1)] + (dash > 0 && name.Length - dash == 7 ? name[..dash] : name) + "-*";
    }

    private static string Describe(LoginFacts f) => f.SecretArn != null && f.SecretArn != f.SecretRef ? $"'{f.SecretRef}' ({f.SecretArn})" : $"'{f.SecretRef}'";

    private static void Patch(List<LoginFacts> logins, string login, Action<LoginFacts> change)
    {
        var l = logins.FirstOrDefault(x => x.Login == login);
        if (l != null) change(l);
    }

    // The trace, step by step, in the configuration's terms.
    private static List<string> Narrate(CheckResult result, List<LoginFacts> logins, string proxyName)
    {
        var lines = new List<string>();
        TraceState prev = null;
        foreach (var s in result.Trace)
        {
            var action = prev == null ? null : Infer(prev, s);
            string text;
            if (prev == null)
            {
                var existing = logins.Where(l => l.Exists).Select(l => l.SecretRef).ToList();
                text = $"start: proxy {proxyName} {(Str(Var(s, "proxy")) == "absent" ? "does not exist" : "exists")}; "
                       + (existing.Count == 0 ? "no secret exists yet" : "existing secrets: " + string.Join(", ", existing));
            }
            else
            {
                text = action switch
                {
                    "WriteSecret" => Str(Var(s, "pc")) == "proxy" && Strings(Var(s, "written")).SetEquals(Strings(Var(prev, "written")))
                        ? (logins.Any(l => l.Declared != null) ? "every declared secret is written" : "no secret to write (none is declared under secrets:)")
                        : WriteText(Strings(Var(s, "written")).Except(Strings(Var(prev, "written"))).FirstOrDefault(), logins),
                    "ApplyProxy" => Str(Var(s, "pc")) == "refused"
                        ? $"{(Str(Var(prev, "proxy")) == "absent" ? "CreateDBProxy" : "ModifyDBProxy")} {proxyName} -> refused: InvalidParameterValue: UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used."
                        : Str(Var(prev, "proxy")) == "absent" ? $"CreateDBProxy {proxyName} (status: creating)" : $"ModifyDBProxy {proxyName} (or nothing, when it is up to date)",
                    "ProxyReady" => $"AWS finishes creating {proxyName}: available",
                    "WaitAvailable" => $"DescribeDBProxies {proxyName}: available",
                    "RegisterTargets" => "RegisterDBProxyTargets (the targets not yet registered)",
                    "FailAndRerun" => "a call fails after its retries; the apply is run again",
                    "Connect" => ConnectText(Var(s, "conn"), logins),
                    _ => action,
                };
            }
            lines.Add($"{lines.Count + 1}. {text}");
            prev = s;
        }
        return lines;
    }

    /// <summary>Which action a step was, from what it changed (an action under \E is reported by its disjunction's name).</summary>
    private static string Infer(TraceState prev, TraceState s)
    {
        bool Changed(string v) => !Equals(Var(prev, v), Var(s, v));
        string Pc(TraceState t) => Str(Var(t, "pc"));
        if (Changed("conn")) return "Connect";
        if (Changed("failures")) return "FailAndRerun";
        if (Changed("written") || (Pc(prev) == "secrets" && Pc(s) == "proxy")) return "WriteSecret";
        if (Pc(prev) == "proxy" && Changed("pc")) return "ApplyProxy";
        if (Str(Var(prev, "proxy")) == "creating" && Str(Var(s, "proxy")) == "available") return "ProxyReady";
        if (Pc(prev) == "wait" && Pc(s) == "targets") return "WaitAvailable";
        if (Pc(prev) == "targets" && Changed("pc")) return "RegisterTargets";
        return "nothing changes";
    }

    private static string WriteText(string login, List<LoginFacts> logins)
    {
        var l = logins.FirstOrDefault(x => x.Login == login);
        if (l == null) return "write a declared secret";
        return $"{(l.Exists ? "PutSecretValue" : "CreateSecret")} {l.Declared?.Name ?? l.SecretRef} (a JSON object for {login})";
    }

    private static string ConnectText(Value conn, List<LoginFacts> logins)
    {
        var login = Field(conn, "login");
        var r = Field(conn, "result");
        var l = logins.FirstOrDefault(x => x.Login == login);
        if (r == "ok") return $"a client connects as {login}: connected";
        var why = r switch
        {
            "no-secret" => $"secret '{l?.SecretRef}' does not exist",
            "not-json" => $"secret '{l?.SecretRef}' is not a JSON object",
            "wrong-username" => $"secret '{l?.SecretRef}' has another username",
            "no-password" => $"secret '{l?.SecretRef}' has no password",
            "access-denied" => "the proxy's role may not GetSecretValue on the secret",
            "kms-denied" => "the proxy's role may not decrypt the secret's KMS key",
            _ => r,
        };
        return $"a client connects as {login}: FATAL: This RDS proxy has no credentials for the role {login} ({why})";
    }

    private static Value Var(TraceState s, string name)
    {
        var i = Array.IndexOf(s.Variables, name);
        return i < 0 ? null : s.Values[i];
    }

    private static string Str(Value v) => v is StringValue s ? s.S : v?.ToString();

    private static string Field(Value record, string field) => record is FcnBase f ? Str(f.Apply(StringValue.Of(field))) : null;

    private static HashSet<string> Strings(Value set)
    {
        var result = new HashSet<string>();
        if (set is SetBase s)
            foreach (var v in s.Elements) result.Add(Str(v));
        return result;
    }
}
