using System.CommandLine;
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

    /// <summary><c>ops jenkins-ecs check FILE</c>. Its arguments are still read by <see cref="Run"/>; the options declared
    /// here serve help and completion.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("jenkins-ecs", "Check the amazon-ecs clouds of a Jenkins configuration-as-code file against a model of the agent launch.")
        {
            Details = Usage,
            PassThrough = args => Run(args, ctx.Out, ctx.Err),
        };
        var check = new OpsCommand("check", "Check every `jenkins: clouds: - ecs:` entry of FILE; on a violation print the timeline, the causes and a safe setting.");
        check.Add(new Argument<string>("FILE") { Description = "the JCasC YAML file" });
        check.Add(CliOptions.Json("also write the report as JSON to FILE (- for stdout)"));
        check.Add(CliOptions.OutputFile("html", "also write the report as a self-contained HTML page"));
        check.Add(CliOptions.Value("task-start", "MIN,MAX", "seconds from RunTask until the task is RUNNING (default 20,120)"));
        check.Add(CliOptions.Value("agent-connect", "MIN,MAX", "seconds from RUNNING until the agent is online (default 10,90)"));
        check.Add(CliOptions.Value("busy-executors", "N", "executors of the cloud already in use, counted against maxAgents (default 0)"));
        check.Add(CliOptions.Value("margin", "PERCENT", "how much longer than assumed the timings may take for a suggested setting to stay safe (default 50)"));
        check.Add(CliOptions.Flag("no-suggest", "do not search for a safe setting"));
        command.Add(check);
        return command;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? JenkinsExitCodes.Other : 0;
        }
        if (args[0] != "check")
        {
            stderr.WriteLine($"ops jenkins-ecs: unknown command '{args[0]}'");
            stderr.WriteLine(Usage);
            return JenkinsExitCodes.Other;
        }

        string file = null, json = null, html = null;
        var taskStart = LaunchAssumptions.Default.TaskStart;
        var agentConnect = LaunchAssumptions.Default.AgentConnect;
        int busy = 0, margin = SafetyMargin.DefaultPercent;
        bool suggest = true;
        try
        {
            for (int i = 1; i < args.Length; i++)
            {
                var a = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
                switch (a)
                {
                    case "-json": case "--json": json = Value(); break;
                    case "-html": case "--html": html = Value(); break;
                    case "--task-start": case "-task-start": taskStart = SecondsRange.Parse(Value(), a); break;
                    case "--agent-connect": case "-agent-connect": agentConnect = SecondsRange.Parse(Value(), a); break;
                    case "--busy-executors":
                    {
                        var v = Value();
                        busy = int.TryParse(v, out var n) && n >= 0 ? n : throw new ArgumentException($"{a} expects a number >= 0, not '{v}'");
                        break;
                    }
                    case "--margin": case "-margin": margin = SafetyMargin.Parse(Value(), a); break;
                    case "--no-suggest": suggest = false; break;
                    default:
                        if (a.StartsWith('-') && a != "-") throw new ArgumentException($"unknown option {a}");
                        if (file != null) throw new ArgumentException($"more than one file given ({file}, {a})");
                        file = a;
                        break;
                }
            }
            if (file == null) throw new ArgumentException("no file given");
            if (html == "-") throw new ArgumentException("-html writes a file (only -json accepts - for stdout)");
            var problem = html != null ? Ops.Tla.Output.OutputFiles.Problem(html) : null;
            if (problem != null) throw new ArgumentException($"cannot write -html {html}: {problem}");
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("ops jenkins-ecs check: " + e.Message);
            stderr.WriteLine(Usage);
            return JenkinsExitCodes.Other;
        }

        var assumptions = new LaunchAssumptions { TaskStart = taskStart, AgentConnect = agentConnect, BusyExecutors = busy };
        JenkinsEcsReport report;
        try
        {
            report = JenkinsEcsChecker.CheckFile(file, assumptions, suggest, margin);
        }
        catch (JcascException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine($"ops jenkins-ecs check: {file} is not a valid configuration ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")})");
            return JenkinsExitCodes.ConfigError;
        }
        bool jsonToStdout = json == "-";
        (jsonToStdout ? stderr : stdout).Write(ReportText.Format(report));
        if (json != null)
        {
            var doc = ReportJson.Serialize(report);
            if (jsonToStdout) stdout.WriteLine(doc);
            else File.WriteAllText(json, doc);
        }
        if (html != null)
        {
            try
            {
                ReportHtml.WriteFile(html, report);
                (jsonToStdout ? stderr : stdout).WriteLine($"The report was written to {html} (HTML).");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"ops jenkins-ecs check: cannot write -html {html}: {e.Message}");
                return JenkinsExitCodes.Other;
            }
        }
        return report.ExitCode;
    }
}
