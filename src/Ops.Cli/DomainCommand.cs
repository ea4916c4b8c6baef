using System.CommandLine;
using Ops.Domain;
using Ops.Tla;

namespace Ops.Cli;

/// <summary>What a domain gives the generic <c>ops DOMAIN [plan|]check|apply</c> command (<see cref="DomainCommand"/>): its
/// name and help, how its configuration is read (a file, or the command's options), its own options and verbs, and how
/// it is opened with them.</summary>
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
    /// <summary>Reads the configuration file (a <see cref="ConfigException"/> for a bad one: the domain's config-error
    /// code, 151 for most).</summary>
    public Func<string, TConfig> Read { get; init; }
    /// <summary>For a domain whose configuration is the command's options (pglogical's selection and rules) rather than a
    /// file: builds it from the parsed options. The verbs then take no FILE argument or <c>-config</c>.</summary>
    public Func<ParseResult, TConfig> Configure { get; init; }
    /// <summary>Adds the domain's own options to the plan, check or (true) apply command (<c>verb.Name</c> tells plan
    /// from check).</summary>
    public Action<Command, bool> AddOptions { get; init; }
    /// <summary>A usage problem of the parsed options the parser cannot see (an offline snapshot with a real apply), or
    /// null; given whether the command only reads. The domain's usage exit code.</summary>
    public Func<ParseResult, bool, string> Validate { get; init; }
    /// <summary>Opens the domain with the parsed options (<c>true</c>: the command only reads: plan, check or a dry run);
    /// its progress lines go to the log.</summary>
    public Func<ParseResult, bool, TConfig, Action<string>, IDomainSession<TConfig, TObserved, TReport>> Open { get; init; }
    /// <summary>Failures of the world the domain reads or changes (its clients, its network): the domain's failure exit
    /// code (255 for most) with one line.</summary>
    public Func<Exception, bool> IsFailure { get; init; } = _ => false;
    /// <summary>How the domain names things (and redacts what it prints), and its exit codes.</summary>
    public DomainWords Words { get; init; }
    /// <summary>What stderr says of a bad file (default: <c>ops NAME VERB: message</c>).</summary>
    public Func<ConfigException, string, string> ConfigError { get; init; }
    /// <summary>After the report and its JSON and JUnit: the domain's own outputs (an HTML page), given the report's
    /// writer and stderr; an exit code to return instead of the report's when one failed, else null.</summary>
    public Func<ParseResult, TReport, TextWriter, TextWriter, int?> Finish { get; init; }

    /// <summary>More spellings of <c>-dry-run</c> (pglogical's <c>--whatif</c>).</summary>
    public string[] DryRunAliases { get; init; } = Array.Empty<string>();
    /// <summary>For an apply the operator may force past what the model finds (pglogical's <c>--allow-divergence</c>):
    /// the option's name and help; its model findings then become warnings (a staged domain only).</summary>
    public (string Name, string Description)? AcceptModelFindings { get; init; }

    /// <summary>For a staged domain (<see cref="IStagedDomain{TConfig,TObserved,TReport}"/>) whose first stage the
    /// operator looks at on its own: the <c>plan</c> verb's description, or null for none. <c>ops DOMAIN plan</c> validates
    /// and observes (no model), prints <see cref="PlanText"/>, writes <see cref="PlanJson"/> for <c>-json</c>, then
    /// <see cref="FinishPlan"/>; its exit code is the report's (0, or the domain's code for an invalid plan).</summary>
    public string PlanDescription { get; init; }
    public Func<TObserved, string> PlanText { get; init; }
    public Func<TObserved, string> PlanJson { get; init; }
    /// <summary>The plan's text goes to stderr (as with <c>-json -</c>) because another output takes stdout.</summary>
    public Func<ParseResult, bool> PlanTextToStderr { get; init; }
    /// <summary>The plan verb's own outputs after its text and JSON, given the text's writer, stdout and stderr.</summary>
    public Func<ParseResult, TObserved, TextWriter, TextWriter, TextWriter, int?> FinishPlan { get; init; }

    /// <summary>For a staged domain whose observation can be saved to a file and read back: <c>ops DOMAIN plan -save FILE</c>
    /// writes it (<see cref="SaveStage"/>), <c>check -plan FILE</c> and <c>apply -plan FILE</c> continue from it
    /// (<see cref="LoadStage"/>, given the file's text and its name; the domain opened by <see cref="OpenStage"/>, given
    /// the observation) instead of observing again.</summary>
    public Func<TObserved, string> SaveStage { get; init; }
    public Func<string, string, TObserved> LoadStage { get; init; }
    public Func<ParseResult, bool, TObserved, IDomainSession<TConfig, TObserved, TReport>> OpenStage { get; init; }

    /// <summary>The domain's verbs besides plan, check and apply (pglogical's <c>inventory</c>), listed first.</summary>
    public Func<CliContext, IEnumerable<Command>> MoreVerbs { get; init; }
}

/// <summary>
/// The one adapter between the command line and a domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>):
/// <c>ops DOMAIN check FILE</c> and <c>ops DOMAIN apply FILE [-dry-run]</c>, with <c>-json FILE|-</c> (the report as JSON;
/// with <c>-</c> the text goes to stderr) and <c>-junit FILE</c> (the report as JUnit XML) for every domain, and the
/// domain's own options; for a staged domain also <c>ops DOMAIN plan</c> (the first stage alone), whose check runs the
/// model on what it observed whatever its findings. The text is the report's; the exit code is its status (0 passed,
/// 12 an error found) as the domain's <see cref="DomainExitCodes"/> map it, with the domain's codes for a bad file
/// (151), a failure of the world or of the apply (255) and a usage error (255).
/// </summary>
public static class DomainCommand
{
    public static OpsCommand Create<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec)
        where TReport : Report
    {
        var command = new OpsCommand(spec.Name, spec.Description) { Details = spec.Details, UsageExitCode = spec.Words.ExitCodes.Usage };
        foreach (var v in spec.MoreVerbs?.Invoke(ctx) ?? Enumerable.Empty<Command>()) command.Add(v);
        if (spec.PlanDescription != null) command.Add(PlanVerb(ctx, spec));
        command.Add(Verb(ctx, spec, apply: false));
        if (spec.ApplyDescription != null) command.Add(Verb(ctx, spec, apply: true));
        return command;
    }

    /// <summary>The configuration: the FILE argument or <c>-config</c> read as the domain's file, or the options.</summary>
    private sealed class ConfigSource<TConfig>(Argument<string> file, Option<string> config, Func<string, TConfig> read, Func<ParseResult, TConfig> configure)
    {
        public static ConfigSource<TConfig> Add<TObserved, TReport>(Command verb, DomainCommandSpec<TConfig, TObserved, TReport> spec) where TReport : Report
        {
            if (spec.Configure != null) return new ConfigSource<TConfig>(null, null, null, spec.Configure);
            var file = new Argument<string>("FILE") { Arity = ArgumentArity.ZeroOrOne, Description = "the configuration file (or -config FILE)" };
            // An option the command does not have is not a file name.
            file.Validators.Add(r =>
            {
                foreach (var t in r.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                    r.AddError($"Unrecognized command or argument '{t.Value}'.");
            });
            var config = CliOptions.Value("config", "FILE", "the configuration file");
            verb.Add(file);
            verb.Add(config);
            return new ConfigSource<TConfig>(file, config, spec.Read, null);
        }

        /// <summary>The file given, or null when the configuration is the options.</summary>
        public string Path(ParseResult r) => file == null ? null : r.GetValue(file) ?? r.GetValue(config);

        /// <summary>A usage problem: no file given to a domain that reads one.</summary>
        public string Missing(ParseResult r) => file != null && Path(r) == null ? "no configuration file given (-config FILE)" : null;

        public TConfig Load(ParseResult r) => configure != null ? configure(r) : read(Path(r));
    }

    private static OpsCommand PlanVerb<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec)
        where TReport : Report
    {
        var verb = new OpsCommand("plan", spec.PlanDescription);
        var source = ConfigSource<TConfig>.Add(verb, spec);
        var json = CliOptions.Json();
        var save = spec.SaveStage == null ? null : CliOptions.OutputFile("save", "save the plan to FILE for check -plan FILE and apply -plan FILE");
        spec.AddOptions?.Invoke(verb, false);
        verb.Add(json);
        if (save != null) verb.Add(save);
        verb.SetAction(r => Run(ctx, spec, source, r, "plan", readOnly: true, (session, configuration) =>
        {
            var stage = session.Domain.StageAsync(configuration, ctx.Host.Cancellation).GetAwaiter().GetResult();
            var jsonTarget = r.GetValue(json);
            var text = jsonTarget == "-" || spec.PlanTextToStderr?.Invoke(r) == true ? ctx.Err : ctx.Out;
            if (stage.Observed == null)
            {
                stage.Report.WriteText(text, ctx.Err);
                return stage.Report.ExitCode;
            }
            text.Write(spec.PlanText(stage.Observed));
            if (jsonTarget != null) Write(jsonTarget, spec.PlanJson(stage.Observed), ctx.Out);
            if (save != null && r.GetValue(save) is { } saveFile) File.WriteAllText(saveFile, spec.SaveStage(stage.Observed));
            return spec.FinishPlan?.Invoke(r, stage.Observed, text, ctx.Out, ctx.Err) ?? stage.Report.ExitCode;
        }));
        return verb;
    }

    private static OpsCommand Verb<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec, bool apply)
        where TReport : Report
    {
        var name = apply ? "apply" : "check";
        var verb = new OpsCommand(name, apply ? spec.ApplyDescription : spec.CheckDescription);
        var source = ConfigSource<TConfig>.Add(verb, spec);
        var json = CliOptions.Json();
        var junit = CliOptions.OutputFile("junit", "also write the report as JUnit XML to FILE (one failing test case per error)");
        var dryRun = apply ? CliOptions.Flag("dry-run", "print the plan only, change nothing (as -WhatIf)", spec.DryRunAliases) : null;
        var accept = apply && spec.AcceptModelFindings is { } a ? CliOptions.Flag(a.Name, a.Description) : null;
        var saved = spec.LoadStage == null ? null : CliOptions.Value("plan", "FILE", $"{name} the plan saved by plan -save FILE (made with its options) instead of planning again");
        verb.Add(json);
        if (saved != null) verb.Add(saved);
        verb.Add(junit);
        if (dryRun != null) verb.Add(dryRun);
        if (accept != null) verb.Add(accept);
        spec.AddOptions?.Invoke(verb, apply);
        verb.SetAction(r =>
        {
            var readOnly = !apply || r.GetValue(dryRun);
            var savedFile = saved == null ? null : r.GetValue(saved);
            return Run(ctx, spec, source, r, name, readOnly, (session, configuration) =>
            {
                var jsonTarget = r.GetValue(json);
                var text = jsonTarget == "-" ? ctx.Err : ctx.Out;
                var domain = session.Domain;
                var staged = domain as IStagedDomain<TConfig, TObserved, TReport>;
                // The first stage: observed now, or read from the plan saved earlier.
                Stage<TConfig, TObserved, TReport> Stage() => session is SavedSession<TConfig, TObserved, TReport> s
                    ? staged.Resume(s.Observed)
                    : domain.StageAsync(configuration, ctx.Host.Cancellation).GetAwaiter().GetResult();
                TReport check;
                ApplyResult<TReport> applied = null;
                int exitCode;
                if (!apply)
                {
                    // A staged domain checks what it observed whatever its findings; the others stop at the first error.
                    check = staged != null
                        ? domain.CheckStage(Stage(), ct: ctx.Host.Cancellation)
                        : domain.CheckAsync(configuration, ctx.Host.Cancellation).GetAwaiter().GetResult();
                    check.WriteText(text, ctx.Err);
                    exitCode = check.ExitCode;
                }
                else
                {
                    // A dry run approves no step: the check, and the plan it would run.
                    Func<PlanStep, bool> shouldProcess = readOnly ? _ => false : null;
                    applied = staged != null
                        ? domain.ApplyStageAsync(Stage(), shouldProcess,
                            accept != null && r.GetValue(accept), ctx.Host.Cancellation).GetAwaiter().GetResult()
                        : domain.ApplyAsync(configuration, shouldProcess, ctx.Host.Cancellation).GetAwaiter().GetResult();
                    applied.DryRun = readOnly;
                    check = applied.Check;
                    applied.WriteText(text, ctx.Err);
                    exitCode = applied.ExitCode;
                }
                if (jsonTarget != null) Write(jsonTarget, applied?.ToJson() ?? check.ToJson(), ctx.Out);
                if (r.GetValue(junit) is { } junitFile) File.WriteAllText(junitFile, ReportJUnit.Format(check));
                return spec.Finish?.Invoke(r, check, text, ctx.Err) ?? exitCode;
            }, savedFile);
        });
        return verb;
    }

    /// <summary>A domain opened on an observation read from a saved file (<c>-plan FILE</c>).</summary>
    private sealed class SavedSession<TConfig, TObserved, TReport>(IDomainSession<TConfig, TObserved, TReport> inner, TObserved observed)
        : IDomainSession<TConfig, TObserved, TReport> where TReport : Report
    {
        public IDomain<TConfig, TObserved, TReport> Domain => inner.Domain;
        public TObserved Observed { get; } = observed;
        public void Dispose() => inner.Dispose();
    }

    /// <summary>Runs a verb: the usage problems the parser cannot see, then the domain opened, with every exit code the
    /// domain's (<see cref="DomainExitCodes"/>): a bad file, a failure of the world or of the apply.</summary>
    private static int Run<TConfig, TObserved, TReport>(CliContext ctx, DomainCommandSpec<TConfig, TObserved, TReport> spec, ConfigSource<TConfig> source,
        ParseResult r, string verb, bool readOnly, Func<IDomainSession<TConfig, TObserved, TReport>, TConfig, int> body, string savedFile = null)
        where TReport : Report
    {
        var codes = spec.Words.ExitCodes;
        var usage = source.Missing(r) ?? spec.Validate?.Invoke(r, readOnly);
        if (usage != null)
        {
            ctx.Err.WriteLine($"ops {spec.Name} {verb}: {usage}");
            return codes.Usage;
        }
        var path = source.Path(r);
        try
        {
            // The configuration is read before the domain opens (a bad file says so before any connection).
            var configuration = source.Load(r);
            using var session = savedFile != null
                ? Saved(spec, r, readOnly, savedFile)
                : spec.Open(r, readOnly, configuration, line => ctx.Err.WriteLine(spec.Words.Redact(line)));
            return body(session, configuration);
        }
        catch (ConfigException e)
        {
            ctx.Err.WriteLine(spec.Words.Redact(spec.ConfigError?.Invoke(e, path) ?? $"ops {spec.Name} {verb}: {e.Message}"));
            return codes.ConfigError;
        }
        catch (Exception e) when (e is ApplyException or TimeoutException or InvalidOperationException or HttpRequestException or IOException
                                      or UnauthorizedAccessException || spec.IsFailure(e))
        {
            ctx.Err.WriteLine($"ops {spec.Name} {verb}: {spec.Words.Redact(e.Message)}");
            if (ctx.Host.Debug) ctx.Err.WriteLine(spec.Words.Redact(e.ToString()));
            return codes.Failure;
        }
    }

    /// <summary>The domain opened on the observation a file saved (<c>-plan FILE</c>).</summary>
    private static IDomainSession<TConfig, TObserved, TReport> Saved<TConfig, TObserved, TReport>(DomainCommandSpec<TConfig, TObserved, TReport> spec, ParseResult r,
        bool readOnly, string file) where TReport : Report
    {
        var observed = spec.LoadStage(File.ReadAllText(file), file);
        return new SavedSession<TConfig, TObserved, TReport>(spec.OpenStage(r, readOnly, observed), observed);
    }

    /// <summary>Writes a document to stdout (<c>-</c>) or to the file named.</summary>
    public static void Write(string target, string document, TextWriter stdout)
    {
        if (target == "-") stdout.WriteLine(document);
        else File.WriteAllText(target, document);
    }
}
