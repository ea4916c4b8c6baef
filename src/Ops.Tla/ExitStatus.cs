namespace Ops.Tla;

/// <summary>
/// The one catalogue of outcomes a check ends with, numbered as TLC's process exit statuses
/// (<c>tlc2.output.EC.ExitStatus</c>): the library reports them (<see cref="Checking.CheckResult.ExitStatus"/>,
/// <see cref="TlaException.ExitCode"/>), the front ends return them as the process's exit code, and pipelines that
/// ran TLC keep working. TLC's enum also declares 152 (state space too large) and 153 (system error), which no TLC
/// path returns; they are left out. Only these numbers are answers: any other exit means a crash.
/// </summary>
public enum ExitStatus
{
    /// <summary>The search finished and found no error.</summary>
    Success = 0,
    /// <summary>An ASSUME is false, or a POSTCONDITION is false after the search (TLC's VIOLATION_ASSUMPTION).</summary>
    AssumptionViolated = 10,
    /// <summary>A reachable state has no successor and deadlock is checked (VIOLATION_DEADLOCK).</summary>
    Deadlock = 11,
    /// <summary>An invariant is violated (VIOLATION_SAFETY).</summary>
    SafetyViolation = 12,
    /// <summary>A temporal property or an action property is violated (VIOLATION_LIVENESS).</summary>
    LivenessViolation = 13,
    /// <summary>TLC's Assert(FALSE, ...) (VIOLATION_ASSERT).</summary>
    AssertFailed = 14,
    /// <summary>An expression could not be evaluated (FAILURE_SPEC_EVAL).</summary>
    EvaluationError = 75,
    /// <summary>An invariant or action property could not be evaluated (FAILURE_SAFETY_EVAL).</summary>
    SafetyEvaluationError = 76,
    /// <summary>A temporal property could not be evaluated (FAILURE_LIVENESS_EVAL).</summary>
    LivenessEvaluationError = 77,
    /// <summary>The specification does not parse or does not resolve (ERROR_SPEC_PARSE).</summary>
    ParseError = 150,
    /// <summary>The model configuration is not valid, or cannot be applied to the specification (ERROR_CONFIG_PARSE).</summary>
    ConfigError = 151,
    /// <summary>Anything else: an unsupported feature, a formula TLC refuses, a time or memory limit, cancellation,
    /// a usage or I/O error (TLC's general failure).</summary>
    SystemError = 255,
}

/// <summary>What an <see cref="ExitStatus"/> means, and the status of an <see cref="ErrorKind"/>.</summary>
public static class ExitStatuses
{
    /// <summary>Every status of the catalogue, in numeric order.</summary>
    public static IReadOnlyList<ExitStatus> All { get; } = Enum.GetValues<ExitStatus>().OrderBy(s => (int)s).ToArray();

    /// <summary>True when the number is one of the catalogue's (any other exit code is a crash, not an answer).</summary>
    public static bool IsKnown(int code) => Enum.IsDefined(typeof(ExitStatus), code);

    /// <summary>True for the statuses that answer the question (no error, or a property that does not hold), as
    /// opposed to a check that could not answer it.</summary>
    public static bool IsVerdict(this ExitStatus s) => s is ExitStatus.Success or ExitStatus.AssumptionViolated
        or ExitStatus.Deadlock or ExitStatus.SafetyViolation or ExitStatus.LivenessViolation;

    /// <summary>True for a property that does not hold (an assumption, deadlock, safety or liveness violation).</summary>
    public static bool IsViolation(this ExitStatus s) => s != ExitStatus.Success && s.IsVerdict();

    /// <summary>The status TLC ends with for an error of this kind (a <see cref="TlaException"/> may say otherwise).</summary>
    public static ExitStatus For(ErrorKind kind) => kind switch
    {
        ErrorKind.Syntax or ErrorKind.Semantic => ExitStatus.ParseError,
        ErrorKind.Config => ExitStatus.ConfigError,
        ErrorKind.Eval => ExitStatus.EvaluationError,
        ErrorKind.Assert => ExitStatus.AssertFailed,
        _ => ExitStatus.SystemError,
    };

    /// <summary>One line for a person: what the status means.</summary>
    public static string Meaning(this ExitStatus s) => s switch
    {
        ExitStatus.Success => "success: no error found",
        ExitStatus.AssumptionViolated => "an assumption is false",
        ExitStatus.Deadlock => "deadlock reached",
        ExitStatus.SafetyViolation => "a safety property (invariant, action property) is violated",
        ExitStatus.LivenessViolation => "a liveness property is violated",
        ExitStatus.AssertFailed => "an Assert failed",
        ExitStatus.EvaluationError => "an expression could not be evaluated",
        ExitStatus.SafetyEvaluationError => "an invariant or action property could not be evaluated",
        ExitStatus.LivenessEvaluationError => "a temporal property could not be evaluated",
        ExitStatus.ParseError => "the specification does not parse",
        ExitStatus.ConfigError => "the configuration is not valid",
        ExitStatus.SystemError => "another error (unsupported feature, time or memory limit, usage, I/O)",
        _ => "not one of TLC's exit codes",
    };
}
