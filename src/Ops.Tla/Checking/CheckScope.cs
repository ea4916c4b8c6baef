using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;

namespace Ops.Tla.Checking;

/// <summary>
/// What a check's options set for everything evaluated while it loads and runs, in its flow and the threads it
/// starts: hoisting off (TLC's coverage counts every evaluation; <see cref="DiagnosticOptions.NoHoist"/>) or traced,
/// the environment IOUtils!IOEnv answers, the evaluation profile. Entered once by <see cref="ModelChecker.Check"/>;
/// disposing it restores the flow as it was (and writes the profile, when one was asked for).
/// </summary>
internal sealed class CheckScope : IDisposable
{
    private readonly List<IDisposable> _entered = new();
    private readonly DiagnosticOptions _diagnostics;

    private CheckScope(CheckOptions options)
    {
        _diagnostics = options.Diagnostics ?? DiagnosticOptions.None;
        if (options.CoverageMinutes.HasValue || _diagnostics.NoHoist) _entered.Add(Hoisting.Suspend());
        if (_diagnostics.HoistTrace && _diagnostics.Output != null) _entered.Add(Hoisting.TraceTo(_diagnostics.Output));
        _entered.Add(IOUtilsModule.WithEnvironment(options.EnvironmentVariables));
        if (_diagnostics.EvalProfile) _entered.Add(EvalProfile.Collect());
    }

    public static CheckScope Enter(CheckOptions options) => new(options);

    public void Dispose()
    {
        for (int i = _entered.Count - 1; i >= 0; i--) _entered[i].Dispose();
        _entered.Clear();
        if (_diagnostics.EvalProfile && _diagnostics.Output != null) EvalProfile.Report(_diagnostics.Output);
    }
}
