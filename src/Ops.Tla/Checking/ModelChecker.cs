using Ops.Tla.Eval.Builtins;

namespace Ops.Tla.Checking;

/// <summary>The entry point: check SPEC.tla against its model configuration, TLC-style.</summary>
public static class ModelChecker
{
    /// <summary>Checks a specification. Never throws for a user error: parse, configuration and evaluation errors
    /// come back as a result with outcome Error and TLC's exit code.</summary>
    public static CheckResult Check(string specPath, CheckOptions options = null)
    {
        options ??= new CheckOptions();
        var started = DateTime.UtcNow;
        Model model;
        try
        {
            model = Model.Load(specPath, options);
        }
        catch (TlaException e)
        {
            return ErrorResult(specPath, options, e, started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ErrorResult(specPath, options, new TlaException(ErrorKind.System, e.Message), started);
        }
        var result = new BfsChecker(model, options).Run();
        result.ModelLoaded = true;
        result.Invariants.AddRange(model.Invariants.Select(i => i.Name));
        result.Properties.AddRange(model.Properties.Select(p => p.Name));
        result.UncheckedProperties.AddRange(model.TemporalProperties.Select(p => p.Name).Distinct());
        result.DeadlockChecked = model.CheckDeadlock;
        result.Assumptions = model.Spec.Assumptions.Count;
        if (model.TemporalProperties.Count > 0)
            result.Warnings.Add($"Temporal properties ({string.Join(", ", model.TemporalProperties.Select(p => p.Name).Distinct())}) were not checked: liveness checking is not implemented yet; only safety was checked.");
        return result;
    }

    public static CheckResult ErrorResult(string specPath, CheckOptions options, TlaException e, DateTime started)
    {
        var kind = e.Kind switch
        {
            ErrorKind.Syntax or ErrorKind.Semantic => ViolationKind.Parse,
            ErrorKind.Config => ViolationKind.Config,
            ErrorKind.Assert => ViolationKind.Assert,
            ErrorKind.Unsupported => ViolationKind.Unsupported,
            _ => ViolationKind.Evaluation,
        };
        return new CheckResult
        {
            Outcome = CheckOutcome.Error,
            SpecPath = specPath,
            ConfigPath = options?.ConfigPath,
            ExitCode = ExitCodes.For(e.Kind),
            DurationMs = (long)(DateTime.UtcNow - started).TotalMilliseconds,
            Violation = new Violation
            {
                Kind = kind,
                Message = e.Message,
                Location = e.HasLocation ? $"{e.Span.File}:{e.Span.Line}:{e.Span.Col}" : null,
            },
        };
    }
}
