using Ops.Tla.Eval.Builtins;

namespace Ops.Tla.Checking;

/// <summary>The entry point: check SPEC.tla against its model configuration, TLC-style, or a model given as text
/// (<see cref="ModelSource"/>).</summary>
public static class ModelChecker
{
    /// <summary>Checks a specification. Never throws for a user error: parse, configuration and evaluation errors
    /// come back as a result with outcome Error and TLC's exit code.</summary>
    public static CheckResult Check(string specPath, CheckOptions options = null) =>
        Check(ModelSource.FromFile(specPath, options?.ConfigPath), options, specPath, options?.ConfigPath);

    /// <summary>Checks a model whose modules and configuration come from <paramref name="source"/> (text in memory,
    /// or files); <see cref="CheckOptions.ConfigPath"/> is not used (the configuration is the source's). Never
    /// throws for a user error, as <see cref="Check(string, CheckOptions)"/>.</summary>
    public static CheckResult Check(ModelSource source, CheckOptions options = null) =>
        Check(source, options, source.ConfigText != null ? source.RootModule + ".tla" : source.RootModule, source.ConfigPath);

    /// <param name="specPath">The specification as the caller named it (an error result's SpecPath).</param>
    /// <param name="configPath">The configuration as the caller named it (an error result's ConfigPath).</param>
    private static CheckResult Check(ModelSource source, CheckOptions options, string specPath, string configPath)
    {
        options ??= new CheckOptions();
        var started = DateTime.UtcNow;
        // TLC's coverage counts every evaluation TLC makes: the values hoisting would keep are computed each time.
        // The scope also carries the diagnostics switches and IOEnv's environment to what the check evaluates.
        using var scope = CheckScope.Enter(options);
        Model model;
        try
        {
            model = Model.Load(source, options);
        }
        catch (TlaException e)
        {
            var r = ErrorResult(specPath, configPath, e, started);
            if (e.Data[Model.PriorWarningsKey] is List<string> prior && !options.NoWarnings) r.Warnings.InsertRange(0, prior);
            return r;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ErrorResult(specPath, configPath, new TlaException(ErrorKind.System, e.Message), started);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var detail = options.Diagnostics?.Debug == true ? "\n" + e : "";
            return ErrorResult(specPath, configPath, new TlaException(ErrorKind.System,
                $"internal error while loading the specification ({e.GetType().Name}: {e.Message}); please report it with the spec{detail}"), started);
        }
        CheckResult result;
        using var strings = Values.StringOrder.Enter(model.Strings);
        using var terse = Values.PrintOptions.EnterTerse(options.Terse);
        try
        {
            result = SearchEngines.Create(model, options).Run();
            AddLoadMessages(result, model, options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of the checker, not of the spec: say so in one line (DiagnosticOptions.Debug, OPS_DEBUG=1, adds the stack).
            var detail = options.Diagnostics?.Debug == true ? "\n" + e : "";
            result = ErrorResult(specPath, configPath, new TlaException(ErrorKind.System,
                $"internal error in the checker ({e.GetType().Name}: {e.Message}); please report it with the spec{detail}"), started);
        }
        return Describe(result, model, options);
    }

    /// <summary>Puts what loading the model printed and warned (and the options' warnings) before what the search
    /// did, as TLC prints them. Every engine's result goes through it.</summary>
    public static void AddLoadMessages(CheckResult result, Model model, CheckOptions options)
    {
        result.Warnings.InsertRange(0, model.LoadWarnings);
        result.ParserMessages.InsertRange(0, model.ParserMessages);
        result.Output.InsertRange(0, model.LoadOutput);
        result.Warnings.InsertRange(0, options.OptionWarnings);
    }

    /// <summary>Records what the configuration asked to verify (JUnit has one test case per item) and applies
    /// -nowarning.</summary>
    public static CheckResult Describe(CheckResult result, Model model, CheckOptions options)
    {
        result.ModelLoaded = true;
        result.VariablePrintOrder = model.VariablePrintOrder;
        result.Invariants.AddRange(model.Invariants.Select(i => i.Name));
        result.Properties.AddRange(model.Properties.Select(p => p.Name));
        result.DeadlockChecked = model.CheckDeadlock;
        result.Assumptions = model.Spec.Assumptions.Count;
        if (options.NoWarnings)
        {
            result.Warnings.Clear();
            result.StutteringWarning = null;
        }
        return result;
    }

    public static CheckResult ErrorResult(string specPath, CheckOptions options, TlaException e, DateTime started) =>
        ErrorResult(specPath, options?.ConfigPath, e, started);

    public static CheckResult ErrorResult(string specPath, string configPath, TlaException e, DateTime started)
    {
        var kind = e.Kind switch
        {
            ErrorKind.Syntax or ErrorKind.Semantic => ViolationKind.Parse,
            ErrorKind.Config => ViolationKind.Config,
            ErrorKind.Assert => ViolationKind.Assert,
            ErrorKind.Unsupported => ViolationKind.Unsupported,
            ErrorKind.TlcRefused => ViolationKind.TlcRefused,
            _ => ViolationKind.Evaluation,
        };
        return new CheckResult
        {
            Outcome = CheckOutcome.Error,
            SpecPath = specPath,
            ConfigPath = configPath,
            ExitStatus = e.Status,
            DurationMs = (long)(DateTime.UtcNow - started).TotalMilliseconds,
            Violation = new Violation
            {
                Kind = kind,
                Message = e.Message,
                Location = e.HasLocation ? $"{e.Span.File}:{e.Span.Line}:{e.Span.Col}" : null,
                WithoutStatistics = e.BeforeSearch,
            },
        };
    }
}
