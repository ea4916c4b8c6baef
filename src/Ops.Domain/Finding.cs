namespace Ops.Domain;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// A problem a domain found, with the fix: in the configuration file (a place file:line:column), in the world it
/// observed (a resource: a login, a target group, a table), or in a behaviour of its model (the violated property and
/// the counterexample told in the domain's words). Error findings block the apply; warnings do not.
/// Every domain reports its problems as these, whatever it checks.
/// </summary>
public sealed class Finding
{
    public Severity Severity { get; init; } = Severity.Error;
    /// <summary>Stable code for tools (UserNameWithSecrets, TargetTypeMismatch, AgentTerminated, ...).</summary>
    public string Code { get; init; }
    public string Message { get; init; }
    /// <summary>What to change, or null.</summary>
    public string Fix { get; init; }
    /// <summary>What the finding is about, in the domain's words (a login, <c>load_balancers[0]</c>, a table), or null.</summary>
    public string Subject { get; init; }
    /// <summary>The configuration file the finding points into, or null.</summary>
    public string File { get; init; }
    /// <summary>1-based line and column in <see cref="File"/>; 0 when not known.</summary>
    public int Line { get; init; }
    public int Column { get; init; }
    /// <summary>The model's invariant or property the finding violates, when it came from the model.</summary>
    public string Property { get; init; }
    /// <summary>The counterexample in the configuration's words (one line a step), when it came from the model.</summary>
    public List<string> Trace { get; init; } = new();

    /// <summary>Where to look: <c>file:line:column</c> when the finding points into the file, else the subject.</summary>
    public string Place => File != null
        ? Line > 0 ? Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}" : File
        : Subject;

    public bool IsError => Severity == Severity.Error;

    /// <summary>The same finding as a warning: an error the operator accepted (it no longer blocks the apply).</summary>
    public Finding AsWarning() => new()
    {
        Severity = Severity.Warning, Code = Code, Message = Message, Fix = Fix, Subject = Subject, File = File, Line = Line, Column = Column,
        Property = Property, Trace = Trace,
    };

    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Message}";

    /// <summary>The finding for a domain model that ended in none of the outcomes its domain explains (an evaluation
    /// error, a deadlock, a property the domain does not know): a bug in Ops, not in the user's input.</summary>
    /// <param name="model">What failed, e.g. "the deployment model specs/ops/ecs_service.tla".</param>
    /// <param name="notAtFault">What the user gave, e.g. "the service definition".</param>
    public static Finding ModelFailure(string model, Ops.Tla.Checking.CheckResult result, string notAtFault, string property = null, List<string> trace = null) => new()
    {
        Code = "ModelFailure", Property = property, Trace = trace ?? new(),
        Message = $"{model} fails ({result.OutcomeText}{(result.Violation != null ? ": " + result.Violation.Message : "")}); this is a bug in Ops, not in {notAtFault}.",
        Fix = "report it with this output.",
    };
}
