using Ops.Tla;

namespace Ops.Domain;

/// <summary>
/// A domain's exit codes, in one place: what the CLI returns and what the cmdlets put in
/// <c>OpsCommandException.ExitCode</c> for each outcome. Most domains use TLC's catalogue (<see cref="Tlc"/>): 0 passed,
/// 12 (13 for liveness) the check found an error, 151 a bad configuration file, 255 a usage error or a failure. A domain
/// that published its own codes before it came to the shared front ends declares them here (pglogical: 1 a failure or
/// a plan that cannot be made as asked, 2 a usage error).
/// </summary>
public sealed class DomainExitCodes
{
    /// <summary>TLC's catalogue, the codes of every domain that has no published codes of its own.</summary>
    public static readonly DomainExitCodes Tlc = new();

    /// <summary>A command line (or parameters) the domain cannot run with.</summary>
    public int Usage { get; init; } = (int)ExitStatus.SystemError;

    /// <summary>A configuration file that cannot be read as the domain's configuration.</summary>
    public int ConfigError { get; init; } = (int)ExitStatus.ConfigError;

    /// <summary>The world could not be read or changed (a connection refused, a failed apply).</summary>
    public int Failure { get; init; } = (int)ExitStatus.SystemError;

    /// <summary>A check whose errors were found before its model ran (a configuration or an observation that is not
    /// valid: a plan that cannot be made as asked), when the domain tells it apart from a failed model check; null: the
    /// check's status (<see cref="Report.ExitStatus"/>).</summary>
    public int? Invalid { get; init; }

    /// <summary>The exit code of a check: 0 passed; <see cref="Invalid"/> for an error found before the model ran (when
    /// the domain has that code); else the report's status in TLC's catalogue (12, 13).</summary>
    public int Of(Report report)
    {
        if (report.Passed) return (int)ExitStatus.Success;
        if (Invalid is { } invalid && report.FindingsBeforeModel.Any(f => f.IsError)) return invalid;
        return (int)report.ExitStatus;
    }
}
