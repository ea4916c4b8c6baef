using Ops.Tla;
using Ops.Tla.Checking;
using Ops.Tla.Output;

namespace Ops.Cli;

/// <summary>`ops`: the command-line shell over the checker. Thin: parses flags, calls Ops.Tla, prints.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: ops check SPEC.tla [-config FILE] [-workers N|auto] [-deadlock] [-json FILE|-] [-timeout SECONDS]
               ops conformance [-corpus DIR] [-timeout SECONDS] [-filter TEXT]
               ops bench [-filter TEXT] [-runs N] [-workers N[,M...]] [-timeout SECONDS] [-out FILE]

          check     Model-check a TLA+ specification the way TLC does.
                    -config FILE   the model configuration (default: SPEC with .cfg)
                    -workers N     worker threads (N or auto; default 1)
                    -deadlock      do not check for deadlock (as TLC's flag)
                    -json FILE     also write the result as one JSON object (- for stdout)
                    -timeout S     stop after S seconds
          conformance  Run the TLA+ Examples corpus (shared/conformance) and compare with TLC's figures.
          bench     Time the benchmark models (seed bank spec, large corpus models): states/s, wall time, peak memory.

        Exit codes are TLC's: 0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness,
        14 assert, 75 evaluation error, 150 spec parse error, 151 config error, 255 other.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.SystemError : 0;
        }
        switch (args[0])
        {
            case "check":
                return Check(args.Skip(1).ToArray(), stdout, stderr);
            case "conformance":
                return Conformance.Main(args.Skip(1).ToArray(), stdout, stderr);
            case "bench":
                return BenchCommand.Main(args.Skip(1).ToArray(), stdout, stderr);
            case "jenkins-ecs": return JenkinsCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            case "pcal": return PcalCommand.Main(args.Skip(1).ToArray(), stdout, stderr);
            case "rds-proxy": return RdsProxyCommand.Run(args.Skip(1).ToArray(), stdout, stderr);
            default:
                stderr.WriteLine($"ops: unknown command '{args[0]}'");
                stderr.WriteLine(Usage);
                return ExitCodes.SystemError;
        }
    }

    private static int Check(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string spec = null, json = null;
        var options = new CheckOptions { Workers = 1 };
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Value()
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"{a} needs a value");
                return args[++i];
            }
            try
            {
                switch (a)
                {
                    case "-config": options.ConfigPath = Value(); break;
                    case "-workers":
                    {
                        var v = Value();
                        options.Workers = v == "auto" ? Environment.ProcessorCount : int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"-workers expects a positive number or auto, not '{v}'");
                        break;
                    }
                    case "-deadlock": options.CheckDeadlock = false; break;
                    case "-json": json = Value(); break;
                    case "-timeout":
                    {
                        var v = Value();
                        options.TimeLimit = int.TryParse(v, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"-timeout expects seconds, not '{v}'");
                        break;
                    }
                    case "-cleanup": case "-nowarning": break; // TLC flags with no effect here
                    default:
                        if (a.StartsWith('-')) throw new ArgumentException($"unknown option {a}");
                        if (spec != null) throw new ArgumentException($"more than one specification given ({spec}, {a})");
                        spec = a;
                        break;
                }
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine("ops check: " + e.Message);
                return ExitCodes.SystemError;
            }
        }
        if (spec == null)
        {
            stderr.WriteLine("ops check: no specification given");
            stderr.WriteLine(Usage);
            return ExitCodes.SystemError;
        }
        if (!spec.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(spec + ".tla")) spec += ".tla";
        bool jsonToStdout = json == "-";
        var text = jsonToStdout ? stderr : stdout;
        options.Log = line => text.WriteLine(line);
        options.Progress = p => text.WriteLine($"Progress({p.Depth}) at {DateTime.Now:yyyy-MM-dd HH:mm:ss}: {p.StatesGenerated} states generated, {p.DistinctStates} distinct states found, {p.StatesLeftOnQueue} states left on queue.");
        text.WriteLine($"Ops model checker: {Path.GetFileName(spec)}");
        var result = ModelChecker.Check(spec, options);
        text.Write(TlcText.Format(result));
        if (json != null)
        {
            var doc = JsonReport.Serialize(result);
            if (jsonToStdout) stdout.WriteLine(doc);
            else File.WriteAllText(json, doc);
        }
        return result.ExitCode;
    }
}
