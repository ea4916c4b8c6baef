namespace Ops.Domain;

/// <summary>How a domain's reports name things: the shared renderers and adapters say everything in these words, so
/// each domain's text, JSON and errors read as its own.</summary>
public sealed class DomainWords(string command, string configurationNoun, string modelLine)
{
    /// <summary>The domain's name on the command line (<c>ops rds-proxy</c>): rds-proxy, ecs-service, ...</summary>
    public string Command { get; } = command;
    /// <summary>What a file of the domain is, for errors: "the RDS Proxy configuration".</summary>
    public string ConfigurationNoun { get; } = configurationNoun;
    /// <summary>Put before a finding's subject in the text ("login" gives "login app"); null shows the subject alone.</summary>
    public string SubjectNoun { get; init; }
    /// <summary>The line that introduces a model counterexample, {0} the violated property
    /// ("model: invariant {0} of specs/ops/rds_proxy.tla is violated by this behaviour:").</summary>
    public string ModelLine { get; } = modelLine;
    /// <summary>The JSON names of a finding's subject and property (kept as each domain first published them).</summary>
    public string SubjectJsonName { get; init; } = "subject";
    public string PropertyJsonName { get; init; } = "property";
    /// <summary>What to do after an apply failed half-way ("apply again once fixed").</summary>
    public string ApplyAgain { get; init; } = "apply again once fixed";
    /// <summary>Applied to every text the domain shows (secrets a domain has read are replaced); identity by default.</summary>
    public Func<string, string> Redact { get; init; } = s => s;
    /// <summary>The domain's exit codes (TLC's catalogue unless it published its own).</summary>
    public DomainExitCodes ExitCodes { get; init; } = DomainExitCodes.Tlc;

    /// <summary>The finding's subject as the text names it ("login app", "load_balancers[0]"), or null.</summary>
    public string About(Finding f) => f.Subject == null ? null : SubjectNoun != null ? SubjectNoun + " " + f.Subject : f.Subject;
}
