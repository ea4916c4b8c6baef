using System.CommandLine;
using Ops.Tla;
using Ops.Tla.PlusCal;

namespace Ops.Cli;

/// <summary>`ops pcal SPEC.tla`: translate the module's PlusCal algorithm and write the translation into the file
/// (between \* BEGIN TRANSLATION and \* END TRANSLATION), as pcal.trans does.</summary>
public static class PcalCommand
{
    /// <summary>pcal.trans's own options, passed on to <see cref="PlusCalOptions.FromCommandLine"/> in the order
    /// given: (name, value placeholder or null, help).</summary>
    private static readonly (string Name, string Value, string Help)[] PcalOptions =
    {
        ("wf", null, "weak fairness for every process not declared `fair' (a uniprocess algorithm: WF_vars(Next))"),
        ("sf", null, "strong fairness for every process not declared `fair'"),
        ("wfNext", null, "WF_vars(Next)"),
        ("nof", null, "no fairness at all"),
        ("termination", null, "PROPERTY Termination in the .cfg; without a fairness option it means -wf"),
        ("label", null, "add missing labels"),
        ("labelRoot", "NAME", "the prefix of added labels (default Lbl_)"),
        ("noDoneDisjunct", null, "no Terminating action"),
        ("version", "V", "the PlusCal version the algorithm is written for (1.5: `fair' before a uniprocess body; before 1.5: pc and Terminating always)"),
        ("spec", "NAME", "accepted and ignored (warning)"),
        ("myspec", "NAME", "accepted and ignored (warning)"),
        ("lineWidth", "N", "accepted and ignored (warning)"),
        ("nocfg", null, "accepted and ignored (warning)"),
        ("noold", null, "accepted and ignored (warning)"),
        ("unixEOL", null, "accepted and ignored (warning)"),
        ("debug", null, "accepted and ignored (warning)"),
        ("reportLabels", null, "as -label (warning)"),
        ("writeAST", null, "accepted and ignored (warning)"),
    };

    /// <summary><c>ops pcal SPEC.tla [options]</c>.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("pcal", "Translate a module's PlusCal algorithm to TLA+ as pcal.trans does.")
        {
            Details = """
                Translates the PlusCal algorithm of SPEC.tla (--algorithm or --fair algorithm, P-syntax or C-syntax) to TLA+
                as pcal.trans does, and writes the translation into SPEC.tla (between \* BEGIN TRANSLATION and \* END
                TRANSLATION). pcal.trans's options are also read from the module's `PlusCal options (...)' statement, which
                wins for fairness.
                Exit codes: 0 done, 1 stale (-whatif), 150 PlusCal syntax error, 255 other errors (and a bad option).
                """,
        };
        var spec = new Argument<string>("SPEC.tla") { Arity = ArgumentArity.ZeroOrOne, Description = "the module with the algorithm (required)" };
        var output = CliOptions.Value("o", "FILE", "write the module to FILE instead of SPEC.tla");
        var toStdout = CliOptions.Flag("stdout", "print the module instead of writing it");
        var onlyTranslation = CliOptions.Flag("translation", "print only the translation (the lines between BEGIN and END TRANSLATION)");
        var pcLast = CliOptions.Flag("pclast", "declare pc and stack after the algorithm's variables (the layout of pcal.trans before 1.11); by default pc comes first and stack after the variables, as pcal.trans 1.11 on writes it");
        var pcFirst = CliOptions.Flag("pcfirst", "pc first, stack after the variables: the default (accepted for scripts that pass it)");
        var whatIf = CliOptions.Flag("whatif", "say whether the file's translation is up to date, change nothing (exit 1 if stale)");
        command.Add(spec);
        command.Validators.Add(r =>
        {
            if (r.GetValue(spec) == null) r.AddError("no specification given");
        });
        foreach (var o in new Option[] { output, toStdout, onlyTranslation, pcLast, pcFirst, whatIf }) command.Add(o);
        command.Validators.Add(r =>
        {
            if (r.GetValue(pcLast) && r.GetValue(pcFirst)) r.AddError("-pclast and -pcfirst ask for two layouts: give one");
        });
        var pcal = new List<Option>();
        foreach (var (name, value, help) in PcalOptions)
        {
            Option o = value == null ? CliOptions.Flag(name, "pcal.trans: " + help) : CliOptions.Value(name, value, "pcal.trans: " + help);
            pcal.Add(o);
            command.Add(o);
        }
        command.SetAction(r =>
        {
            // pcal.trans's options in the order given, each with its value.
            var pcalArgs = new List<string>();
            var taken = new Dictionary<Option, int>();
            foreach (var t in r.Tokens)
            {
                if (t.Type != System.CommandLine.Parsing.TokenType.Option) continue;
                var o = pcal.FirstOrDefault(p => p.Name == t.Value || p.Aliases.Contains(t.Value));
                if (o == null) continue;
                pcalArgs.Add("-" + o.Name[2..]);
                if (o.Arity.MaximumNumberOfValues == 0) continue;
                var values = r.GetResult(o)!.Tokens;
                int i = taken.GetValueOrDefault(o);
                if (i < values.Count) pcalArgs.Add(values[i].Value);
                taken[o] = i + 1;
            }
            return Run(r.GetValue(spec), r.GetValue(output), r.GetValue(toStdout), r.GetValue(onlyTranslation), r.GetValue(whatIf), r.GetValue(pcLast),
                pcalArgs, ctx.Out, ctx.Err);
        });
        return command;
    }

    private static int Run(string spec, string output, bool toStdout, bool onlyTranslation, bool whatIf, bool pcLast, List<string> pcalArgs,
        TextWriter stdout, TextWriter stderr)
    {
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        if (!File.Exists(spec))
        {
            stderr.WriteLine($"ops pcal: cannot find {spec}");
            return (int)ExitStatus.SystemError;
        }
        PlusCalOptions options;
        try
        {
            options = PlusCalOptions.FromCommandLine(pcalArgs);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("ops pcal: " + e.Message);
            stderr.WriteLine("usage: ops pcal SPEC.tla [options]  (ops pcal --help lists them)");
            return (int)ExitStatus.SystemError;
        }
        var text = File.ReadAllText(spec);
        PlusCalTranslation t;
        try
        {
            t = PlusCalTranslator.Translate(text, spec, pcLast, options);
        }
        catch (TlaException e)
        {
            stderr.WriteLine(e.Describe());
            return (int)ExitStatuses.For(e.Kind);
        }
        foreach (var w in t.Warnings) stderr.WriteLine($"ops pcal: warning: {w}");
        foreach (var l in t.AddedLabels) stderr.WriteLine($"ops pcal: added label {l}");
        if (whatIf)
        {
            stdout.WriteLine(t.ExistingLines == null
                ? $"{spec}: no translation; ops pcal would add one ({t.Lines.Count} lines)"
                : t.ExistingIsStale ? $"{spec}: the translation is stale; ops pcal would replace it" : $"{spec}: the translation is up to date");
            return t.ExistingIsStale ? 1 : 0;
        }
        if (onlyTranslation)
        {
            foreach (var l in t.Lines) stdout.WriteLine(l);
            return 0;
        }
        if (toStdout)
        {
            stdout.Write(t.ModuleText);
            return 0;
        }
        var target = output ?? spec;
        File.WriteAllText(target, t.ModuleText);
        stdout.WriteLine($"Translation completed: {target} ({t.Lines.Count} lines{(t.ExistingLines != null && !t.ExistingIsStale ? ", unchanged" : "")}).");
        return 0;
    }
}
