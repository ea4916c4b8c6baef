using System.CommandLine;
using Ops.Domain;
using Ops.Tla;

namespace Ops.Cli;

/// <summary>What a domain gives the generic <c>ops DOMAIN check|apply</c> command (<see cref="DomainCommand"/>): its
/// name and help, how its file is read, its own options, and how it is opened with them.</summary>
public sealed class DomainCommandSpec<TConfig, TObserved, TReport> where TReport : Report
{
    /// <summary>The command's name (the domain's <see cref="DomainWords.Command"/>) and its one-line description.</summary>
    public string Name { get; init; }
    public string Description { get; init; }
    /// <summary>The end of the command's help: what check and apply do, exit codes, notes.</summary>
    public string Details { get; init; }
    public string CheckDescription { get; init; }
    /// <summary>Null for a domain that changes nothing (it has no apply).</summary>
    public string ApplyDescription { get; init; }
    /// <summary>Reads the configuration file (a <see cref="ConfigException"/> for a bad one: exit 151).</summary>
    public Func<string, TConfig> Read { get; init; }
    /// <summary>Adds the domain's own options to the check or (true) apply command.</summary>
    public Action<Command, bool> AddOptions { get; init; }
    /// <summary>A usage problem of the parsed options the parser cannot see (an offline snapshot with a real apply), or null.</summary>
    public Func<ParseResult, bool, string> Validate { get; init; }
    /// <summary>Opens the domain with the parsed options (<c>true</c>: the command only reads: check or a dry run);
    /// its progress lines go to the log.</summary>
    public Func<ParseResult, bool, TConfig, Action<string>, IDomainSession<TConfig, TObserved, TReport>> Open { get; init; }
    /// <summary>Failures of the world the domain reads or changes (its clients, its network): exit 255 with one line.</summary>
    public Func<Exception, bool> IsFailure { get; init; } = _ => false;
    /// <summary>How the domain names things (and redacts what it prints).</summary>
    public DomainWords Words { get; init; }
    /// <summary>What stderr says of a bad file (default: <c>ops NAME VERB: message</c>); exit 151 either way.</summary>
    public Func<ConfigException, string, string> ConfigError { get; init; }
    /// <summary>After the report and its JSON and JUnit: the domain's own outputs (an HTML page), given the report's
    /// writer and stderr; an exit code to return instead of the report's when one failed, else null.</summary>
    public Func<ParseResult, TReport, TextWriter, TextWriter, int?> Finish { get; init; }
}

/// <summary>
/// The one adapter between the command line and a domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>):
/// <c>ops DOMAIN check FILE</c> and <c>ops DOMAIN apply FILE [-dry-run]</c>, with <c>-json FILE|-</c> (the report as JSON;
/// with <c>-</c> the text goes to stderr) and <c>-junit FILE</c> (the report as JUnit XML) for every domain, and the
/// domain's own options. The text is the report's; the exit code is its status (0 passed, 12 an error found), 151 for
/// a bad file, 255 for a failure of the world or of the apply, or a usage error.
/// </summary>
public static class DomainCommand
{
    public static OpsCommand Create<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec)
        where TReport : Report
    {
        var command = new OpsCommand(spec.Name, spec.Description) { Details = spec.Details };
        command.Add(Verb(ctx, spec, apply: false));
        if (spec.ApplyDescription != null) command.Add(Verb(ctx, spec, apply: true));
        return command;
    }

    private static OpsCommand Verb<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec, bool apply)
        where TReport : Report
    {
        var name = apply ? "apply" : "check";
        var verb = new OpsCommand(name, apply ? spec.ApplyDescription : spec.CheckDescription);
        var file = new Argument<string>("FILE") { Arity = ArgumentArity.ZeroOrOne, Description = "the configuration file (or -config FILE)" };
        // An option the command does not have is not a file name.
        file.Validators.Add(r =>
        {
            foreach (var t in r.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                r.AddError($"Unrecognized command or argument '{t.Value}'.");
        });
        var config = CliOptions.Value("config", "FILE", "the configuration file");
        var json = CliOptions.Json();
        var junit = CliOptions.OutputFile("junit", "also write the report as JUnit XML to FILE (one failing test case per error)");
        var dryRun = apply ? CliOptions.Flag("dry-run", "print the plan only, change nothing (as -WhatIf)") : null;
        verb.Add(file);
        verb.Add(config);
        verb.Add(json);
        verb.Add(junit);
        if (dryRun != null) verb.Add(dryRun);
        spec.AddOptions?.Invoke(verb, apply);
        verb.SetAction(r =>
        {
            var path = r.GetValue(file) ?? r.GetValue(config);
            var readOnly = !apply || r.GetValue(dryRun);
            var usage = path == null ? "no configuration file given (-config FILE)" : spec.Validate?.Invoke(r, readOnly);
            if (usage != null)
            {
                ctx.Err.WriteLine($"ops {spec.Name} {name}: {usage}");
                return (int)ExitStatus.SystemError;
            }
            var jsonTarget = r.GetValue(json);
            var text = jsonTarget == "-" ? ctx.Err : ctx.Out;
            try
            {
                var configuration = spec.Read(path);
                using var session = spec.Open(r, readOnly, configuration, line => ctx.Err.WriteLine(spec.Words.Redact(line)));
                TReport check;
                ApplyResult<TReport> applied = null;
                if (readOnly)
                {
                    check = session.Domain.CheckAsync(configuration, ctx.Host.Cancellation).GetAwaiter().GetResult();
                    text.Write(check.ToText());
                }
                else
                {
                    applied = session.Domain.ApplyAsync(configuration, ct: ctx.Host.Cancellation).GetAwaiter().GetResult();
                    check = applied.Check;
                    text.Write(applied.ToText());
                }
                if (jsonTarget != null) Write(jsonTarget, applied?.ToJson() ?? check.ToJson(), ctx.Out);
                if (r.GetValue(junit) is { } junitFile) File.WriteAllText(junitFile, ReportJUnit.Format(check));
                return spec.Finish?.Invoke(r, check, text, ctx.Err) ?? check.ExitCode;
            }
            catch (ConfigException e)
            {
                ctx.Err.WriteLine(spec.Words.Redact(spec.ConfigError?.Invoke(e, path) ?? $"ops {spec.Name} {name}: {e.Message}"));
                return (int)ExitStatus.ConfigError;
            }
            catch (Exception e) when (e is ApplyException or TimeoutException or InvalidOperationException or HttpRequestException or IOException
                                          or UnauthorizedAccessException || spec.IsFailure(e))
            {
                ctx.Err.WriteLine($"ops {spec.Name} {name}: {spec.Words.Redact(e.Message)}");
                return (int)ExitStatus.SystemError;
            }
        });
        return verb;
    }

    /// <summary>Writes a document to stdout (<c>-</c>) or to the file named.</summary>
    public static void Write(string target, string document, TextWriter stdout)
    {
        if (target == "-") stdout.WriteLine(document);
        else File.WriteAllText(target, document);
    }
}
