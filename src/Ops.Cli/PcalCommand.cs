using Ops.Tla;
using Ops.Tla.PlusCal;

namespace Ops.Cli;

/// <summary>`ops pcal SPEC.tla`: translate the module's PlusCal algorithm and write the translation into the file
/// (between \* BEGIN TRANSLATION and \* END TRANSLATION), as pcal.trans does.</summary>
public static class PcalCommand
{
    public const string Usage = """
        usage: ops pcal SPEC.tla [-o FILE] [-stdout] [-translation] [-pcfirst] [-whatif] [PCAL OPTIONS]

          Translates the PlusCal algorithm of SPEC.tla (--algorithm or --fair algorithm, P-syntax or C-syntax)
          to TLA+ as pcal.trans does, and writes the translation into SPEC.tla.
            -o FILE        write the module to FILE instead of SPEC.tla
            -stdout        print the module instead of writing it
            -translation   print only the translation (the lines between BEGIN and END TRANSLATION)
            -pcfirst       declare pc and stack before the algorithm's variables (newest pcal.trans layout)
            -whatif        say whether the file's translation is up to date, change nothing (exit 1 if stale)
          pcal.trans's options (also read from the module's `PlusCal options (...)' statement, which wins for
          fairness):
            -wf | -sf      weak | strong fairness for every process not declared `fair' (a uniprocess algorithm:
                           WF_vars(Next))
            -wfNext        WF_vars(Next)
            -nof           no fairness at all
            -termination   (pcal: PROPERTY Termination in the .cfg); without a fairness option it means -wf
            -label         add missing labels;  -labelRoot NAME  their prefix (default Lbl_)
            -noDoneDisjunct  no Terminating action
            -version V, -spec NAME, -myspec NAME, -lineWidth N, -nocfg, -noold: accepted and ignored (warning)
        Exit codes: 0 done, 1 stale (-whatif), 150 PlusCal syntax error, 255 other errors.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string spec = null, output = null;
        bool toStdout = false, onlyTranslation = false, whatIf = false, pcFirst = false;
        var pcalArgs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-o":
                    if (i + 1 >= args.Length) { stderr.WriteLine("ops pcal: -o needs a file"); return ExitCodes.SystemError; }
                    output = args[++i];
                    break;
                case "-stdout": toStdout = true; break;
                case "-translation": onlyTranslation = true; break;
                case "-whatif": whatIf = true; break;
                case "-pcfirst": pcFirst = true; break;
                case "-h": case "--help": stdout.WriteLine(Usage); return 0;
                case "-labelRoot": case "-version": case "-spec": case "-myspec": case "-lineWidth":
                    pcalArgs.Add(args[i]);
                    if (i + 1 < args.Length) pcalArgs.Add(args[++i]);
                    break;
                default:
                    if (args[i].StartsWith('-')) { pcalArgs.Add(args[i]); break; }
                    if (spec != null) { stderr.WriteLine($"ops pcal: more than one specification given ({spec}, {args[i]})"); return ExitCodes.SystemError; }
                    spec = args[i];
                    break;
            }
        }
        if (spec == null)
        {
            stderr.WriteLine("ops pcal: no specification given");
            stderr.WriteLine(Usage);
            return ExitCodes.SystemError;
        }
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        if (!File.Exists(spec))
        {
            stderr.WriteLine($"ops pcal: cannot find {spec}");
            return ExitCodes.SystemError;
        }
        PlusCalOptions options;
        try
        {
            options = PlusCalOptions.FromCommandLine(pcalArgs);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("ops pcal: " + e.Message);
            stderr.WriteLine(Usage);
            return ExitCodes.SystemError;
        }
        var text = File.ReadAllText(spec);
        PlusCalTranslation t;
        try
        {
            t = PlusCalTranslator.Translate(text, spec, pcFirst, options);
        }
        catch (TlaException e)
        {
            stderr.WriteLine(e.Describe());
            return ExitCodes.For(e.Kind);
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
