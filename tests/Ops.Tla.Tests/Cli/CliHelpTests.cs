using System.CommandLine;
using System.Text.Json;
using Ops.Cli;
using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops` on System.CommandLine: generated help for every command, the shared options in both spellings,
/// System.CommandLine's errors with each command's usage exit code, completion.</summary>
public class CliHelpTests
{
    /// <summary>Every command and subcommand of `ops` (as `ops --help` lists them), with its path.</summary>
    public static IEnumerable<object[]> AllCommands()
    {
        var root = CliApp.CreateRoot(new CliContext { Out = TextWriter.Null, Err = TextWriter.Null, Host = new CliHost() });
        var paths = new List<string[]>();
        void Walk(Command c, string[] path)
        {
            paths.Add(path);
            foreach (var s in c.Subcommands.Where(s => !s.Hidden)) Walk(s, path.Append(s.Name).ToArray());
        }
        foreach (var c in root.Subcommands) Walk(c, new[] { c.Name });
        return paths.Select(p => new object[] { p });
    }

    private static Command Find(string[] path)
    {
        Command c = CliApp.CreateRoot(new CliContext { Out = TextWriter.Null, Err = TextWriter.Null, Host = new CliHost() });
        foreach (var name in path) c = c.Subcommands.Single(s => s.Name == name);
        return c;
    }

    [Fact]
    public void Ops_help_lists_every_command()
    {
        var r = CliRun.Of("--help");
        Assert.Equal(0, r.Exit);
        var names = AllCommands().Select(p => (string[])p[0]).Where(p => p.Length == 1).Select(p => p[0]).ToList();
        Assert.Equal(new[] { "check", "distributed", "pcal", "conformance", "bench", "difftest", "fuzz", "jenkins-ecs", "rds-proxy", "ecs-service", "pglogical" }, names);
        foreach (var name in names) Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(name)}\b", r.Out);
        // `ops help` and `ops` alone print the same list (the latter exits 255, as before).
        Assert.Equal(r.Out, CliRun.Of("help").Out);
        var bare = CliRun.Of();
        Assert.Equal(255, bare.Exit);
        Assert.Equal(r.Out, bare.Out);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Every_command_has_help_that_lists_its_options_and_exits_0(string[] path)
    {
        foreach (var spelling in new[] { "--help", "-h", "-help" })
        {
            var r = CliRun.Of(path.Append(spelling).ToArray());
            Assert.Equal(0, r.Exit);
            Assert.Contains("Usage:", r.Out);
            Assert.Contains("ops " + string.Join(' ', path), r.Out);
            foreach (var o in Find(path).Options.Where(o => !o.Hidden))
                Assert.Matches($@"(?m)^\s+(\S+, )*{System.Text.RegularExpressions.Regex.Escape("-" + o.Name.TrimStart('-'))}[ ,\r\n]", r.Out);
            Assert.Equal("", r.Err);
        }
    }

    [Fact]
    public void Check_help_lists_TLC_options_and_what_Ops_adds()
    {
        var r = CliRun.Of("check", "--help");
        foreach (var option in new[] { "-config <FILE>", "-workers <N|auto>", "-deadlock", "-continue", "-seed <N>", "-simulate", "-depth <N>",
                     "-dump <FILE>", "-dumpTrace <json|tla FILE>", "-coverage <MINUTES>", "-cleanup", "-fpmem <X>", "-json <FILE|->", "-junit <FILE>", "-timeout <SECONDS>" })
            Assert.Contains(option, r.Out);
        Assert.Contains("Exit codes are TLC's", r.Out);
        Assert.DoesNotContain("-dfid", r.Out); // refused, so not offered
    }

    [Theory]
    [InlineData(new[] { "check", "A.tla", "-workres", "2" }, "-workres", "-workers", 255)]
    [InlineData(new[] { "check", "A.tla", "--deadlok" }, "--deadlok", "--deadlock", 255)]
    [InlineData(new[] { "conformance", "-paralel", "2" }, "-paralel", "-parallel", 255)]
    [InlineData(new[] { "difftest", "-cont", "5" }, "-cont", "-count", 255)]
    [InlineData(new[] { "pcal", "A.tla", "-stdot" }, "-stdot", "-stdout", 255)]
    public void A_misspelt_option_is_named_with_the_one_meant_and_the_usage_and_the_commands_exit_code(string[] args, string typo, string meant, int exit)
    {
        var r = CliRun.Of(args);
        Assert.Equal(exit, r.Exit);
        Assert.Contains($"ops {args[0]}: Unrecognized command or argument '{typo}'", r.Err);
        Assert.Contains($"{typo}: did you mean {meant}?", r.Err);
        Assert.Contains($"usage: ops {args[0]} ", r.Err);
        Assert.Contains($"(ops {args[0]} --help lists them)", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void An_unknown_command_is_one_error_and_the_usage_line()
    {
        var r = CliRun.Of("frobnicate");
        Assert.Equal(255, r.Exit);
        Assert.Equal(new[] { "ops: Unrecognized command or argument 'frobnicate'.", "usage: ops <check|distributed|pcal|conformance|bench|difftest|fuzz|jenkins-ecs|rds-proxy|ecs-service|pglogical> [options]  (ops --help lists them)" },
            r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var check = CliRun.Of("check");
        Assert.Equal(255, check.Exit);
        Assert.StartsWith("ops check: no specification given", check.Err);
    }

    [Fact]
    public void Commands_run_with_their_options_left_out()
    {
        // An absent list option is an empty array to System.CommandLine, not null: bench must not take it for -child.
        var r = CliRun.Of("bench", "-filter", "no-such-model", "-runs", "1");
        Assert.Equal(0, r.Exit);
        Assert.StartsWith("ops bench: ", r.Out);
        Assert.Contains("| model ", r.Out);
    }

    [Theory]
    [InlineData("bench", "-workers", "0,2")]
    [InlineData("bench", "-runs", "0")]
    [InlineData("fuzz", "-count", "x")]
    [InlineData("difftest", "-exclude", "nonsense")]
    public void A_bad_value_names_the_option_and_exits_255(string command, string option, string value)
    {
        var r = CliRun.Of(command, option, value);
        Assert.Equal(255, r.Exit);
        Assert.Contains($"ops {command}: {option}", r.Err);
    }

    [Fact]
    public void The_domain_commands_keep_their_own_usage_exit_codes()
    {
        Assert.Equal(2, CliRun.Of("pglogical", "plan", "--bogus").Exit);
        Assert.Equal(2, CliRun.Of("pglogical").Exit);
        Assert.Equal(255, CliRun.Of("jenkins-ecs", "check", "a.yaml", "--bogus").Exit);
        Assert.Equal(255, CliRun.Of("rds-proxy", "check", "-bogus").Exit);
    }

    [Fact]
    public void Workers_auto_and_two_dash_workers_2_both_work_and_are_the_same_option()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        var auto = CliRun.Of("check", spec, "-workers", "auto", "-json", "-");
        Assert.Equal(0, auto.Exit);
        Assert.Equal(Environment.ProcessorCount, Workers(auto.Out));
        var two = CliRun.Of("check", spec, "--workers", "2", "-json", "-");
        Assert.Equal(0, two.Exit);
        Assert.Equal(2, Workers(two.Out));
        Assert.Equal(2, Workers(CliRun.Of("check", spec, "-workers:2", "--json=-").Out));
        // As TLC, an option given again replaces the value before.
        Assert.Equal(2, Workers(CliRun.Of("check", spec, "-workers", "1", "-json", "-", "--workers", "2").Out));
        // One wording for a bad count, whichever command and spelling.
        foreach (var args in new[] { new[] { "check", spec, "-workers", "none" }, new[] { "conformance", "--workers", "none" }, new[] { "bench", "-workers", "none" } })
        {
            var r = CliRun.Of(args);
            Assert.Equal(255, r.Exit);
            Assert.Contains($"{args[^2]} expects positive", r.Err.Replace("a positive", "positive"));
        }

        static int Workers(string json) => JsonDocument.Parse(json).RootElement.GetProperty("workers").GetInt32();
    }

    [Fact]
    public void TLC_single_dash_spellings_and_two_dash_spellings_mean_the_same()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Deadlock", TempSpecs.Samples.Deadlock, TempSpecs.Samples.DeadlockCfg);
        Assert.Equal(11, CliRun.Of("check", spec).Exit);
        Assert.Equal(0, CliRun.Of("check", spec, "-deadlock").Exit);
        Assert.Equal(0, CliRun.Of("check", spec, "--deadlock").Exit);
        // TLC's two-word values: -dump dot,colorize FILE and -simulate num=N.
        var dot = t.File_("graph.dot");
        var r = CliRun.Of("check", "-dump", "dot,colorize", dot, spec, "-deadlock");
        Assert.Equal(0, r.Exit);
        Assert.StartsWith("strict digraph", File.ReadAllText(dot).TrimStart());
        var states = t.File_("states.txt");
        Assert.Equal(0, CliRun.Of("check", "-dump", states, spec, "-deadlock").Exit);
        Assert.Contains("State 1:", File.ReadAllText(states + ".dump")); // TLC adds .dump
        var sim = CliRun.Of("check", "-simulate", "num=3", spec, "-deadlock", "-depth", "5", "-seed", "-7");
        Assert.Equal(0, sim.Exit);
        Assert.Contains("3 traces generated", sim.Out);
        Assert.Contains("Simulation using seed -7", sim.Out);
        // TLC options Ops does not need are accepted as before.
        Assert.Equal(0, CliRun.Of("check", spec, "-deadlock", "-cleanup", "-fp", "3", "-fpmem", "0.25", "-metadir", t.File_("meta"), "-gzip").Exit);
    }

    [Fact]
    public void Normalize_gives_TLC_two_word_values_their_own_options()
    {
        Assert.Equal(new[] { "-simulate", "--simulate-params", "num=3,file=t", "A.tla" }, TlcOptions.Normalize(new[] { "-simulate", "num=3,file=t", "A.tla" }));
        Assert.Equal(new[] { "-simulate", "A.tla" }, TlcOptions.Normalize(new[] { "-simulate", "A.tla" }));
        Assert.Equal(new[] { "-dump", "g.dot", "--dump-format", "dot,colorize", "A.tla" }, TlcOptions.Normalize(new[] { "-dump", "dot,colorize", "g.dot", "A.tla" }));
        Assert.Equal(new[] { "-dump", "s.txt", "A.tla" }, TlcOptions.Normalize(new[] { "-dump", "s.txt", "A.tla" }));
    }

    [Fact]
    public void The_suggest_directive_completes_commands_and_options()
    {
        var r = CliRun.Of("[suggest:9]", "check -wo");
        Assert.Equal(0, r.Exit);
        Assert.Contains("-workers", r.Out.Split('\n').Select(l => l.Trim()));
        var commands = CliRun.Of("[suggest:3]", "pgl");
        Assert.Equal("pglogical", commands.Out.Trim());
        // Values that are words: TLC's -lncheck strategies, -workers auto.
        Assert.Equal(new[] { "default", "final", "off", "seqfinal" }, Lines(CliRun.Of("[suggest:24]", "check A.tla -lncheck ").Out));
        Assert.Equal(new[] { "auto" }, Lines(CliRun.Of("[suggest:24]", "check A.tla -workers ").Out));

        static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public void Help_command_gives_the_help_of_a_command()
    {
        var r = CliRun.Of("help", "check");
        Assert.Equal(0, r.Exit);
        Assert.Equal(CliRun.Of("check", "--help").Out, r.Out);
    }

    [Fact]
    public void A_command_line_builds_the_commands_up_to_the_one_it_names()
    {
        // `ops check` need not build (or load the assemblies of) the ops domains' commands listed after it.
        var built = new List<string>();
        Func<CliContext, Command> Make(string name) => ctx =>
        {
            built.Add(name);
            var c = new Command(name, name);
            c.SetAction(_ => { ctx.Out.Write("ran " + name); return 0; });
            return c;
        };
        var commands = new[] { Make("first"), Make("second"), Make("third") };
        var output = new StringWriter();
        Assert.Equal(0, CliApp.Run(new[] { "second" }, output, TextWriter.Null, new CliHost(), commands));
        Assert.Equal("ran second", output.ToString());
        Assert.Equal(new[] { "first", "second" }, built);
        // A word that names no command (a typo, an option of the root): all of them, for the suggestion and the help.
        built.Clear();
        var err = new StringWriter();
        Assert.NotEqual(0, CliApp.Run(new[] { "thrid" }, TextWriter.Null, err, new CliHost(), commands));
        Assert.Equal(new[] { "first", "second", "third" }, built);
        Assert.Contains("third", err.ToString());
        built.Clear();
        var help = new StringWriter();
        CliApp.Run(new[] { "--help" }, help, TextWriter.Null, new CliHost(), commands);
        Assert.Equal(new[] { "first", "second", "third" }, built);
        Assert.Contains("third", help.ToString());
    }
}
