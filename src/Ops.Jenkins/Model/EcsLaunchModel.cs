using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Jenkins.Model;

/// <summary>The timing settings of one ECS cloud that the model needs (values the plugin uses, defaults applied).</summary>
public readonly record struct EcsTiming(int PollSeconds, int SlaveTimeoutSeconds, int RetentionMinutes, int MaxAgents = 0, int NumExecutors = 1)
{
    public EcsTiming WithPoll(int v) => this with { PollSeconds = v };
    public EcsTiming WithSlaveTimeout(int v) => this with { SlaveTimeoutSeconds = v };
    public EcsTiming WithRetention(int v) => this with { RetentionMinutes = v };
    public EcsTiming WithMaxAgents(int v) => this with { MaxAgents = v };
}

/// <summary>One run of the checker on specs/ops/jenkins_ecs.tla.</summary>
public sealed class ModelRun
{
    public EcsTiming Timing { get; init; }
    public LaunchAssumptions Assumptions { get; init; }
    /// <summary>Seconds per model step (the gcd of all the numbers).</summary>
    public int Unit { get; init; }
    public CheckResult Result { get; init; }
    public bool Passed => Result.Outcome == CheckOutcome.Success;

    /// <summary>"success, 606 states generated, 606 distinct".</summary>
    public override string ToString() => Result == null ? "not run" : $"{Result.OutcomeText}, {Result.StatesGenerated} states generated, {Result.DistinctStates} distinct";
}

/// <summary>Binds a cloud's settings and the assumptions to the embedded TLA+ model and runs the checker.</summary>
public static class EcsLaunchModel
{
    public const string ModuleName = "jenkins_ecs";
    public const string SafetyProperty = "AgentNotTerminatedWhileBuildWaits";
    public const string LivenessProperty = "BuildEventuallyRuns";

    /// <summary>The model (its module and its two configurations), read once from this assembly's resources and
    /// checked from memory: an installed tool needs no repository and writes no file.</summary>
    static readonly Lazy<(ModelSource Full, ModelSource SafetyOnly)> Sources = new(() =>
    {
        var modules = EmbeddedModel.Modules(typeof(EcsLaunchModel).Assembly, new Dictionary<string, string> { [ModuleName] = Resource(ModuleName + ".tla") });
        return (ModelSource.FromText(ModuleName, modules, ResourceText(ModuleName + ".cfg"), ModuleName + ".cfg"),
                ModelSource.FromText(ModuleName, modules, ResourceText(ModuleName + "_safety.cfg"), ModuleName + "_safety.cfg"));
    });

    /// <summary>The text of an embedded model file (jenkins_ecs.tla / .cfg / _safety.cfg).</summary>
    public static string ResourceText(string fileName) => EmbeddedModel.Text(typeof(EcsLaunchModel).Assembly, Resource(fileName));

    static string Resource(string fileName) => "Ops.Jenkins.Specs." + fileName;

    /// <summary>Seconds per model step: the gcd of every number the model compares. Exact (see the spec's header).</summary>
    public static int UnitFor(EcsTiming t, LaunchAssumptions a)
    {
        int g = 0;
        foreach (var v in new[] { t.PollSeconds, t.SlaveTimeoutSeconds, t.RetentionMinutes * 60, a.QueueSeconds,
                     a.TaskStart.Min, a.TaskStart.Max, a.AgentConnect.Min, a.AgentConnect.Max })
            g = Gcd(g, v);
        return Math.Max(1, g);
    }

    public static int Gcd(int a, int b)
    {
        a = Math.Abs(a); b = Math.Abs(b);
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The constants of the model, as values.</summary>
    public static Dictionary<string, Value> Constants(EcsTiming t, LaunchAssumptions a, int unit, bool exploreAllConnectTimes = false) => new()
    {
        ["ExploreAllConnectTimes"] = TlaValue.Bool(exploreAllConnectTimes),
        ["Unit"] = TlaValue.Int(unit),
        ["PollSeconds"] = TlaValue.Int(t.PollSeconds),
        ["SlaveTimeoutSeconds"] = TlaValue.Int(t.SlaveTimeoutSeconds),
        ["RetentionMinutes"] = TlaValue.Int(t.RetentionMinutes),
        ["QueueSeconds"] = TlaValue.Int(a.QueueSeconds),
        ["TaskStartMinSeconds"] = TlaValue.Int(a.TaskStart.Min),
        ["TaskStartMaxSeconds"] = TlaValue.Int(a.TaskStart.Max),
        ["ConnectMinSeconds"] = TlaValue.Int(a.AgentConnect.Min),
        ["ConnectMaxSeconds"] = TlaValue.Int(a.AgentConnect.Max),
        ["MaxAgents"] = TlaValue.Int(t.MaxAgents),
        ["NumExecutors"] = TlaValue.Int(Math.Max(1, t.NumExecutors)),
        ["OtherExecutors"] = TlaValue.Int(a.BusyExecutors),
    };

    /// <summary>Checks one launch with these settings and assumptions. <paramref name="unit"/> forces the time step
    /// (it must divide every number; the default is their gcd); <paramref name="exploreAllConnectTimes"/> makes the model try
    /// every second for the agent's connection instead of one moment per class of moments that behave alike;
    /// <paramref name="safetyOnly"/> leaves out the liveness property.</summary>
    public static ModelRun Check(EcsTiming timing, LaunchAssumptions assumptions = null, int? unit = null,
        bool exploreAllConnectTimes = false, bool safetyOnly = false, CancellationToken cancel = default)
    {
        assumptions ??= LaunchAssumptions.Default;
        if (timing.PollSeconds <= 0 || timing.SlaveTimeoutSeconds <= 0 || timing.RetentionMinutes <= 0)
            throw new ArgumentException($"settings must be positive: {timing}");
        int step = unit ?? UnitFor(timing, assumptions);
        var options = new CheckOptions
        {
            Workers = 1,
            CheckDeadlock = false,
            Constants = Constants(timing, assumptions, step, exploreAllConnectTimes),
            Cancellation = cancel,
        };
        // A cancelled check (Ctrl+C) ends here, and so does every search loop over settings that calls it: a run
        // stopped half-way is no verdict.
        cancel.ThrowIfCancellationRequested();
        var result = ModelChecker.Check(safetyOnly ? Sources.Value.SafetyOnly : Sources.Value.Full, options);
        cancel.ThrowIfCancellationRequested();
        return new ModelRun { Timing = timing, Assumptions = assumptions, Unit = step, Result = result };
    }
}
