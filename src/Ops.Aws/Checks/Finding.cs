using System.Text;

namespace Ops.Aws.Checks;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// A problem a configuration check found before anything is changed, with the fix. Error findings block the apply.
/// The RDS Proxy and ECS service checks derive their own (what a finding is about: a login, an entry of the file; the
/// model property it violates) and share the report's wording.
/// </summary>
public abstract class Finding
{
    public Severity Severity { get; init; } = Severity.Error;
    /// <summary>Stable code (UserNameWithSecrets, TargetTypeMismatch, ...).</summary>
    public string Code { get; init; }
    public string Message { get; init; }
    public string Fix { get; init; }
    /// <summary>The counterexample in the configuration's words (numbered steps), when it came from the model.</summary>
    public List<string> Trace { get; init; } = new();

    /// <summary>What the finding is about, as the report names it ("login app", "load_balancers[0]"), or null.</summary>
    public abstract string About { get; }

    /// <summary>The line that introduces the model's counterexample, or null when the finding did not come from it.</summary>
    protected abstract string ModelLine { get; }

    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Message}";

    /// <summary>The findings as the CLI prints them: one line each, then the fix, the model line and the trace.</summary>
    public static void AppendReport(StringBuilder sb, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            sb.AppendLine($"{(f.Severity == Severity.Error ? "ERROR" : "WARNING")} [{f.Code}]{(f.About != null ? " " + f.About : "")}: {f.Message}");
            if (f.Fix != null) sb.AppendLine($"  fix: {f.Fix}");
            if (f.ModelLine is { } model) sb.AppendLine("  " + model);
            foreach (var t in f.Trace) sb.AppendLine("    " + t);
        }
    }
}
