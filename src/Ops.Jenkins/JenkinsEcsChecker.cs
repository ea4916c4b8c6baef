using Ops.Domain;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Explain;
using Ops.Jenkins.Model;
using Ops.Tla;
using Ops.Tla.Checking;

namespace Ops.Jenkins;

/// <summary>Exit codes of <c>ops jenkins-ecs check</c> and the outcome of <c>Test-JenkinsEcsCloud</c>. The model's
/// codes are TLC's (<see cref="ExitStatus"/>: 12 safety, 13 liveness); a bad file is 151, like TLC's configuration error.</summary>
public static class JenkinsExitCodes
{
    /// <summary>Every ECS cloud is safe (or the file has none).</summary>
    public const int Safe = (int)ExitStatus.Success;
    /// <summary>An agent that starts and connects within the assumptions can be terminated before it runs the build.</summary>
    public const int AgentTerminated = (int)ExitStatus.SafetyViolation;
    /// <summary>A build can wait forever (e.g. no room under maxAgents).</summary>
    public const int BuildWaitsForever = (int)ExitStatus.LivenessViolation;
    /// <summary>The file is not valid: malformed YAML, an unknown field, a value that is not a number... (with lines).</summary>
    public const int ConfigError = (int)ExitStatus.ConfigError;
    /// <summary>Usage errors, unreadable files, checker failures.</summary>
    public const int Other = (int)ExitStatus.SystemError;
}

/// <summary>What the launch model says of one ECS cloud.</summary>
public enum CloudOutcome
{
    /// <summary>An agent that starts and connects within the assumptions always runs the queued build.</summary>
    Safe,
    /// <summary>An agent can be terminated before it runs the build (a safety violation).</summary>
    Unsafe,
    /// <summary>A build can wait forever (a liveness violation, e.g. no room under maxAgents).</summary>
    WaitsForever,
    /// <summary>The model check could not run to a verdict.</summary>
    Error,
}

/// <summary>The one place an outcome becomes words, a finding code and an exit code.</summary>
public static class CloudOutcomes
{
    /// <summary>The verdict as the report and the JSON spell it: "safe", "unsafe", "waits forever", "error".</summary>
    public static string Word(this CloudOutcome o) => o switch
    {
        CloudOutcome.Safe => "safe",
        CloudOutcome.Unsafe => "unsafe",
        CloudOutcome.WaitsForever => "waits forever",
        _ => "error",
    };

    /// <summary>The verdict as the text report shouts it: "safe", "UNSAFE", "BUILD CAN WAIT FOREVER", "ERROR".</summary>
    public static string Headline(this CloudOutcome o) => o switch
    {
        CloudOutcome.Safe => "safe",
        CloudOutcome.Unsafe => "UNSAFE",
        CloudOutcome.WaitsForever => "BUILD CAN WAIT FOREVER",
        _ => "ERROR",
    };

    /// <summary>The shared report's finding code of a cloud that is not safe.</summary>
    public static string FindingCode(this CloudOutcome o) => o switch
    {
        CloudOutcome.Unsafe => "AgentTerminated",
        CloudOutcome.WaitsForever => "BuildWaitsForever",
        _ => "ModelFailure",
    };

    /// <summary><see cref="JenkinsExitCodes"/> of the outcome.</summary>
    public static int ExitCode(this CloudOutcome o) => o switch
    {
        CloudOutcome.Safe => JenkinsExitCodes.Safe,
        CloudOutcome.Unsafe => JenkinsExitCodes.AgentTerminated,
        CloudOutcome.WaitsForever => JenkinsExitCodes.BuildWaitsForever,
        _ => JenkinsExitCodes.Other,
    };

    /// <summary>Whether the model found a counterexample (a timeline to tell and safe settings to search for).</summary>
    public static bool IsViolation(this CloudOutcome o) => o is CloudOutcome.Unsafe or CloudOutcome.WaitsForever;
}

/// <summary>The verdict for one ECS cloud.</summary>
public sealed class CloudVerdict
{
    public string Cloud { get; init; }
    public int Line { get; init; }
    /// <summary>What the model says of the cloud.</summary>
    public CloudOutcome Outcome { get; init; }
    /// <summary>The outcome in words: "safe", "unsafe" (an agent can be terminated before it runs the build),
    /// "waits forever", "error" (kept as text for scripts that compare it).</summary>
    public string Verdict => Outcome.Word();
    public bool Safe => Outcome == CloudOutcome.Safe;
    public int ExitCode => Outcome.ExitCode();
    public EcsCloudSettings Settings { get; init; }
    public EcsTiming Timing { get; init; }
    public IReadOnlyList<string> Templates { get; init; }
    /// <summary>The violated property of specs/ops/jenkins_ecs.tla, or null.</summary>
    public string Property { get; init; }
    public string Summary { get; init; }
    public IReadOnlyList<TimelineEvent> Timeline { get; init; } = Array.Empty<TimelineEvent>();
    public IReadOnlyList<string> Causes { get; init; } = Array.Empty<string>();
    /// <summary>Whether the search for a safe setting ran.</summary>
    public bool Searched { get; init; }
    /// <summary>Safe settings found by the checker, best first (each verified by a second check).</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; init; } = Array.Empty<Suggestion>();
    /// <summary>The checker's run on the file's settings.</summary>
    public ModelRun Run { get; init; }
    public string Error { get; init; }

    /// <summary>"frontend-builds (line 12): unsafe: the summary".</summary>
    public override string ToString() => $"{Cloud} (line {Line}): {Verdict}{(string.IsNullOrEmpty(Summary) ? "" : ": " + Summary)}";
}

/// <summary>The result of checking one JCasC file: the verdict of every ECS cloud, and the shared report's findings
/// (one per cloud that is not safe, at its line, with the safe settings found as the fix) and model runs. Its text and
/// JSON are the Jenkins check's own (<see cref="Output.ReportText"/>, <see cref="Output.ReportJson"/>).</summary>
public sealed class JenkinsEcsReport() : Report(JenkinsEcsDomain.Words)
{
    private readonly List<CloudVerdict> _clouds = new();

    public string Path { get; init; }
    public LaunchAssumptions Assumptions { get; init; }
    /// <summary>The margin the suggested settings were searched with (percent longer upper bounds of the timings).</summary>
    public int MarginPercent { get; init; } = SafetyMargin.DefaultPercent;
    public IReadOnlyList<CloudVerdict> Clouds => _clouds;
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    /// <summary>The worst verdict's status: a failed check run before 12 before 13 before success.</summary>
    public override ExitStatus ExitStatus => (ExitStatus)(
          Clouds.Any(c => c.Outcome == CloudOutcome.Error) ? CloudOutcome.Error
        : Clouds.Any(c => c.Outcome == CloudOutcome.Unsafe) ? CloudOutcome.Unsafe
        : Clouds.Any(c => c.Outcome == CloudOutcome.WaitsForever) ? CloudOutcome.WaitsForever
        : CloudOutcome.Safe).ExitCode();

    public override string Title => $"the amazon-ecs clouds of {System.IO.Path.GetFileName(Path)}";

    public override string ToText() => Output.ReportText.Format(this);

    public override string ToJson() => Output.ReportJson.Serialize(this);

    /// <summary>Adds a cloud's verdict, and when it is not safe, its finding: where the cloud is, what can happen
    /// (the timeline and why), the violated property and the safe settings found.</summary>
    internal void Add(CloudVerdict c)
    {
        _clouds.Add(c);
        if (c.Run != null)
        {
            var r = c.Run.Result;
            ModelRuns.Add($"cloud '{c.Cloud}': jenkins_ecs.tla, {(c.Property != null ? $"property {c.Property} violated" : r.OutcomeText)}; " +
                          $"{r.StatesGenerated} states generated, {r.DistinctStates} distinct, time step {c.Run.Unit} s");
        }
        if (c.Safe) return;
        Findings.Add(new Finding
        {
            Code = c.Outcome.FindingCode(),
            Subject = $"cloud '{c.Cloud}'", File = Path, Line = c.Line,
            Message = c.Error ?? c.Summary, Property = c.Property,
            Fix = c.Suggestions.Count > 0 ? string.Join("; or ", c.Suggestions.Select(s => s.Text)) : null,
            Trace = c.Timeline.Select(e => e.ToString()).Concat(c.Causes.Select(x => "why: " + x)).ToList(),
        });
    }
}

/// <summary>Validates the amazon-ecs clouds of a Jenkins configuration-as-code file against the launch model.</summary>
public static class JenkinsEcsChecker
{
    /// <summary>Reads the file and checks every ECS cloud. Throws <see cref="JcascException"/> for a bad file.</summary>
    /// <param name="marginPercent">How many percent longer than assumed the timings may be for a suggested setting to
    /// stay safe (<see cref="SafetyMargin"/>; 0 suggests values safe only at the edge of the assumptions).</param>
    public static JenkinsEcsReport CheckFile(string path, LaunchAssumptions assumptions = null, bool suggest = true,
        int marginPercent = SafetyMargin.DefaultPercent, CancellationToken cancel = default)
    {
        SafetyMargin.Validate(marginPercent, nameof(marginPercent));
        var doc = JcascReader.ReadFile(path);
        return Check(doc, assumptions, suggest, marginPercent, cancel);
    }

    public static JenkinsEcsReport Check(JcascDocument doc, LaunchAssumptions assumptions = null, bool suggest = true,
        int marginPercent = SafetyMargin.DefaultPercent, CancellationToken cancel = default)
    {
        var domain = new JenkinsEcsDomain(assumptions, suggest, marginPercent);
        return DomainPipeline.CheckAsync(domain, doc, cancel).GetAwaiter().GetResult();
    }

    public static EcsTiming TimingOf(EcsCloudSettings c) => new(
        c.TaskPollingIntervalInSeconds.Value, c.SlaveTimeoutInSeconds.Value, c.RetentionTimeout.Value,
        c.MaxAgents.Value, c.NumExecutors.Value);

    public static CloudVerdict CheckCloud(EcsCloudSettings cloud, LaunchAssumptions a, bool suggest = true,
        int marginPercent = SafetyMargin.DefaultPercent, CancellationToken cancel = default)
    {
        var timing = TimingOf(cloud);
        var templates = cloud.Templates.Select(t => t.DisplayName).ToList();
        var run = EcsLaunchModel.Check(timing, a, cancel: cancel);
        var r = run.Result;
        switch (r.Outcome)
        {
            case CheckOutcome.Success:
                return new CloudVerdict
                {
                    Cloud = cloud.DisplayName, Line = cloud.Line, Outcome = CloudOutcome.Safe,
                    Settings = cloud, Timing = timing, Templates = templates, Run = run,
                    Summary = "an agent that starts and connects within the assumptions always runs the queued build",
                };
            case CheckOutcome.SafetyFailure:
            case CheckOutcome.LivenessFailure:
            {
                var ex = TraceExplainer.Explain(run, cloud);
                var suggestions = suggest ? SafeSettingSearch.Find(timing, a, ex.Settings, marginPercent, cancel) : new List<Suggestion>();
                bool liveness = r.Outcome == CheckOutcome.LivenessFailure;
                return new CloudVerdict
                {
                    Cloud = cloud.DisplayName, Line = cloud.Line,
                    Outcome = liveness ? CloudOutcome.WaitsForever : CloudOutcome.Unsafe,
                    Settings = cloud, Timing = timing, Templates = templates, Run = run,
                    Property = r.Violation?.Property, Summary = ex.Summary, Timeline = ex.Timeline, Causes = ex.Causes,
                    Suggestions = suggestions, Searched = suggest,
                };
            }
            default:
                return new CloudVerdict
                {
                    Cloud = cloud.DisplayName, Line = cloud.Line, Outcome = CloudOutcome.Error,
                    Settings = cloud, Timing = timing, Templates = templates, Run = run,
                    Error = $"the model check failed ({r.OutcomeText}): {r.Violation?.Message}",
                };
        }
    }
}
