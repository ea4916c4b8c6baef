using System.CommandLine;
using Ops.Domain;
using Ops.Jenkins;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Model;
using Ops.Jenkins.Output;

namespace Ops.Cli;

/// <summary><c>ops jenkins-ecs check FILE</c>: validates the amazon-ecs clouds of a Jenkins configuration-as-code file.</summary>
public static class JenkinsCommand
{
    public const string Usage = """
        usage: ops jenkins-ecs check FILE [-json FILE|-] [--task-start MIN,MAX] [--agent-connect MIN,MAX]
                                          [--busy-executors N] [--margin PERCENT] [--no-suggest] [-html FILE]

          Checks every `jenkins: clouds: - ecs:` entry of a JCasC YAML file against a model of the agent
          launch (specs/ops/jenkins_ecs.tla): an agent that starts and connects within the assumed times
          must run the queued build, never be terminated while the build waits, and no build may wait forever.
          On a violation it prints the timeline, the settings that cause it and a safe value found by the
          checker, one that stays safe when the timings take longer than assumed by the margin, verified by a
          second check with those longer timings.

          --task-start MIN,MAX     seconds from RunTask until the task is RUNNING (default 20,120)
          --agent-connect MIN,MAX  seconds from RUNNING until the agent is online (default 10,90)
          --busy-executors N       executors of the cloud already in use, counted against maxAgents (default 0)
          --margin PERCENT         a suggested setting must stay safe when tasks take this much longer to start,
                                   agents to connect and the queue to hand over the build than the upper
                                   bounds above (default 50: up to 180 s, 135 s and 8 s); 0 suggests values
                                   safe only at the edge of the assumptions
          --no-suggest             do not search for a safe setting
          -json FILE               also write the report as JSON (- for stdout)
          -html FILE               also write the report as a self-contained HTML page (each cloud's verdict,
                                   settings, timeline, causes, safe settings and the model's counterexample)

        Exit codes: 0 every cloud safe (or no ECS cloud), 12 an agent can be terminated before it runs the
        build, 13 a build can wait forever, 151 the file is not valid (malformed YAML, unknown field, bad
        value: each reported with its line), 255 usage or other errors.
        """;

    /// <summary><c>ops jenkins-ecs check FILE</c>: the generic domain command over Ops.Jenkins (it has no apply: the
    /// safe settings it finds are advice).</summary>
    public static OpsCommand Create(CliContext ctx) => DomainCommand.Create(ctx, new DomainCommandSpec<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>
    {
        Name = "jenkins-ecs",
        Description = "Check the amazon-ecs clouds of a Jenkins configuration-as-code file against a model of the agent launch.",
        CheckDescription = "Check every ECS cloud of the file: its verdict, the timeline of a violation and a safe setting found by the checker.",
        Details = Usage,
        Words = JenkinsEcsDomain.Words,
        Read = JcascReader.ReadFile,
        AddOptions = (verb, _) =>
        {
            verb.Add(Range("task-start", "seconds from RunTask until the task is RUNNING (default 20,120)", LaunchAssumptions.Default.TaskStart));
            verb.Add(Range("agent-connect", "seconds from RUNNING until the agent is online (default 10,90)", LaunchAssumptions.Default.AgentConnect));
            verb.Add(CliOptions.Int("busy-executors", "N", "executors of the cloud already in use, counted against maxAgents", 0, min: 0));
            verb.Add(Margin());
            verb.Add(CliOptions.Flag("no-suggest", "do not search for a safe setting"));
            verb.Add(CliOptions.OutputFile("html", "also write the report as a self-contained HTML page"));
        },
        Validate = (r, _) => r.GetValue<string>("--html") is { } html && Ops.Tla.Output.OutputFiles.Problem(html) is { } problem ? $"cannot write -html {html}: {problem}" : null,
        Open = (r, _, doc, _) => new DomainSession<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>(new JenkinsEcsDomain(
            new LaunchAssumptions
            {
                TaskStart = r.GetValue<SecondsRange>("--task-start"), AgentConnect = r.GetValue<SecondsRange>("--agent-connect"),
                BusyExecutors = r.GetValue<int>("--busy-executors"),
            },
            suggest: !r.GetValue<bool>("--no-suggest"), marginPercent: r.GetValue<int>("--margin"))),
        ConfigError = (e, file) => e is JcascException j
            ? $"{e.Message}{Environment.NewLine}ops jenkins-ecs check: {file} is not a valid configuration ({j.Problems.Count} problem{(j.Problems.Count == 1 ? "" : "s")})"
            : $"ops jenkins-ecs check: {e.Message}",
        Finish = (r, report, text, err) =>
        {
            if (r.GetValue<string>("--html") is not { } html) return null;
            try
            {
                ReportHtml.WriteFile(html, report);
                text.WriteLine($"The report was written to {html} (HTML).");
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                err.WriteLine($"ops jenkins-ecs check: cannot write -html {html}: {e.Message}");
                return JenkinsExitCodes.Other;
            }
        },
    });

    /// <summary><c>--task-start MIN,MAX</c>, <c>--agent-connect MIN,MAX</c>: seconds, MIN at most MAX.</summary>
    private static Option<SecondsRange> Range(string name, string description, SecondsRange defaultValue)
    {
        var o = CliOptions.Make<SecondsRange>(name, "MIN,MAX", description);
        o.DefaultValueFactory = _ => defaultValue;
        o.CustomParser = r =>
        {
            try { return SecondsRange.Parse(r.Tokens.Count > 0 ? r.Tokens[^1].Value : "", CliOptions.Spelling(r)); }
            catch (ArgumentException e) { r.AddError(e.Message); return defaultValue; }
        };
        return o;
    }

    /// <summary><c>--margin PERCENT</c> (50 or 50%).</summary>
    private static Option<int> Margin()
    {
        var o = CliOptions.Make<int>("margin", "PERCENT", "a suggested setting must stay safe when the timings are this much longer than assumed (default 50)");
        o.DefaultValueFactory = _ => SafetyMargin.DefaultPercent;
        o.CustomParser = r =>
        {
            try { return SafetyMargin.Parse(r.Tokens.Count > 0 ? r.Tokens[^1].Value : "", CliOptions.Spelling(r)); }
            catch (ArgumentException e) { r.AddError(e.Message); return SafetyMargin.DefaultPercent; }
        };
        return o;
    }
}
