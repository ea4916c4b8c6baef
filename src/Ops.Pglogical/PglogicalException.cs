namespace Ops.Pglogical;

/// <summary>What went wrong, in the operator's terms, and what to do about it. Every error this library
/// reports on purpose is one of these: the CLI and the cmdlets print <see cref="Problem"/> and <see cref="Fix"/>
/// and never a stack trace.</summary>
public sealed class PglogicalException : Exception
{
    public string Problem { get; }
    public string Fix { get; }
    /// <summary>A short machine-readable code, e.g. "connection", "no-extension", "pattern", "row-filter".</summary>
    public string Code { get; }

    public PglogicalException(string code, string problem, string fix, Exception inner = null)
        : base(fix == null ? problem : problem + Environment.NewLine + "  fix: " + fix, inner)
    {
        Code = code;
        Problem = problem;
        Fix = fix;
    }
}

/// <summary>One problem found while planning: which object, what is wrong, and the fix.</summary>
public sealed class PlanProblem
{
    public string Code { get; init; }
    public string Object { get; init; }
    public string Problem { get; init; }
    public string Fix { get; init; }

    public override string ToString() => Fix == null ? Problem : Problem + Environment.NewLine + "  fix: " + Fix;

    /// <summary>The problem as the shared finding (an error about <see cref="Object"/>). The plan keeps this shape: its
    /// JSON (<c>ops pglogical plan --json</c>) and PowerShell objects publish these field names.</summary>
    public Ops.Domain.Finding ToFinding() => new() { Code = Code, Subject = Object, Message = Problem, Fix = Fix };
}
