using System.CommandLine;
using Ops.Aws.Runtime;

namespace Ops.Cli;

/// <summary>The command line every `ops &lt;aws-domain&gt; check|apply` shares (rds-proxy, ecs-service): the verb, the
/// file, AWS's region/endpoint/profile (or -aws-snapshot), -json, -dry-run and -poll-seconds, with the domain's own options added by
/// a callback; and the mapping of failures to exit codes (151 a bad file, 255 anything else).</summary>
internal sealed class AwsCommandLine
{
    public string Command { get; private init; }
    public string Verb { get; private init; }
    public string ConfigPath { get; private set; }
    public string Json { get; private set; }
    public bool DryRun { get; private set; }
    public TimeSpan? PollInterval { get; private set; }
    /// <summary>-aws-snapshot FILE: read AWS from a saved snapshot instead of calling it (check and apply -dry-run only).</summary>
    public string SnapshotPath { get; private set; }
    public AwsClientOptions Aws { get; private init; }

    /// <summary>True when the verb only reads (check, or apply -dry-run).</summary>
    public bool ReadOnly => Verb == "check" || DryRun;

    /// <summary>Where the report goes: stderr when the JSON document takes stdout (-json -).</summary>
    public TextWriter ReportWriter(TextWriter stdout, TextWriter stderr) => Json == "-" ? stderr : stdout;

    /// <summary>The <c>check</c> and <c>apply</c> subcommands of an AWS domain command with the options
    /// <see cref="Parse"/> reads (for help and completion; <paramref name="extra"/> adds the domain's own).</summary>
    public static void AddVerbs(OpsCommand command, string checkDescription, string applyDescription, Action<Command, bool> extra = null)
    {
        foreach (var (verb, description) in new[] { ("check", checkDescription), ("apply", applyDescription) })
        {
            var c = new OpsCommand(verb, description);
            c.Add(new Argument<string>("FILE") { Arity = ArgumentArity.ZeroOrOne, Description = "the configuration file (or -config FILE)" });
            c.Add(CliOptions.Value("config", "FILE", "the configuration file"));
            c.Add(CliOptions.Value("region", "R", "the AWS region"));
            c.Add(CliOptions.Value("endpoint-url", "URL", "the AWS endpoint (a test endpoint)"));
            c.Add(CliOptions.Value("profile", "NAME", "the AWS profile"));
            c.Add(CliOptions.Json("also write the result as JSON to FILE (- for stdout)"));
            c.Add(CliOptions.Value("aws-snapshot", "FILE", "offline: read AWS from a saved snapshot of its Describe/Get answers (check and apply -dry-run only)"));
            if (verb == "apply")
            {
                c.Add(CliOptions.Flag("dry-run", "print the plan only (as -WhatIf)"));
                c.Add(CliOptions.Value("poll-seconds", "N", "seconds between polls while waiting"));
            }
            extra?.Invoke(c, verb == "apply");
            command.Add(c);
        }
    }

    /// <summary>Parses <paramref name="args"/>. Returns null with <paramref name="exitCode"/> set when there is nothing
    /// to run (help, or a usage error already written to stderr).</summary>
    /// <param name="extra">The domain's own options: given the option and a function that takes its value, returns
    /// whether it knew the option.</param>
    public static AwsCommandLine Parse(string command, string usage, string[] args, AwsClientOptions baseAws,
        Func<string, Func<string>, bool> extra, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(usage);
            exitCode = args.Length == 0 ? 255 : 0;
            return null;
        }
        var verb = args[0];
        if (verb is not ("check" or "apply"))
        {
            stderr.WriteLine($"ops {command}: unknown command '{verb}' (check or apply)");
            exitCode = 255;
            return null;
        }
        var line = new AwsCommandLine { Command = command, Verb = verb, Aws = baseAws?.Clone() ?? new AwsClientOptions() };
        try
        {
            for (int i = 1; i < args.Length; i++)
            {
                var a = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][1..] : args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
                switch (a)
                {
                    case "-config": line.ConfigPath = Value(); break;
                    case "-region": line.Aws.Region = Value(); break;
                    case "-endpoint-url": line.Aws.EndpointUrl = Value(); break;
                    case "-profile": line.Aws.Profile = Value(); break;
                    case "-json": line.Json = Value(); break;
                    case "-dry-run": line.DryRun = true; break;
                    case "-aws-snapshot": line.SnapshotPath = Value(); break;
                    case "-poll-seconds":
                        var v = Value();
                        line.PollInterval = int.TryParse(v, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"-poll-seconds expects seconds, not '{v}'");
                        break;
                    default:
                        if (extra != null && extra(a, Value)) break;
                        if (line.ConfigPath == null && !a.StartsWith('-')) { line.ConfigPath = a; break; }
                        throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (line.ConfigPath == null) throw new ArgumentException("no configuration file given (-config FILE)");
            if (line.SnapshotPath != null && !line.ReadOnly)
                throw new ArgumentException("-aws-snapshot reads a saved picture of AWS: it serves check and apply -dry-run, not an apply");
            if (line.SnapshotPath != null && (line.Aws.EndpointUrl != null || line.Aws.Profile != null))
                throw new ArgumentException("-aws-snapshot replaces AWS: it takes no -endpoint-url or -profile");
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"ops {command} {verb}: {e.Message}");
            exitCode = 255;
            return null;
        }
        return line;
    }

    /// <summary>Runs the check or apply, mapping a bad file to 151 and a failure of AWS, the network or the apply
    /// to 255, each with one line on stderr (passed through <paramref name="redact"/>).</summary>
    /// <param name="isConfigError">The domain's file errors (exit 151).</param>
    /// <param name="isApplyError">The domain's apply failures (exit 255), besides AWS's, the network's and time-outs.</param>
    public int Execute(Func<int> body, Func<Exception, bool> isConfigError, Func<Exception, bool> isApplyError,
        TextWriter stderr, Func<string, string> redact = null)
    {
        redact ??= s => s;
        try
        {
            return body();
        }
        catch (Exception e) when (isConfigError(e))
        {
            stderr.WriteLine($"ops {Command} {Verb}: {redact(e.Message)}");
            return 151;
        }
        catch (Exception e) when (e is AwsServiceException or AwsConfigurationException or TimeoutException
                                      or InvalidOperationException or HttpRequestException or IOException || isApplyError(e))
        {
            stderr.WriteLine($"ops {Command} {Verb}: {redact(e.Message)}");
            return 255;
        }
    }

    /// <summary>Writes the JSON document to stdout (-json -) or to the file -json names.</summary>
    public void WriteJson(string document, TextWriter stdout)
    {
        if (Json == "-") stdout.WriteLine(document);
        else File.WriteAllText(Json, document);
    }
}
