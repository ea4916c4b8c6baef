using Ops.Tla.Checking;
using Ops.Tla.Values;
using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// TLC's random simulation (<c>ops check -simulate</c>, <see cref="Simulator"/>) against what TLC cc6b616 prints for
/// the same specs (tests/Ops.Tla.Tests/Checking/Simulation: <c>tlc -simulate num=1 -seed 1 SimInv.tla</c> and so on;
/// the *.tlc.txt files are TLC's output from the verdict to its statistics). The specs leave nothing to chance where
/// the text is compared: each state has one successor, or every path ends the same way. With num=1 TLC's counts at a
/// violation are those of the one behaviour, as Ops's are (TLC's worker goes on generating behaviours until it is
/// told to stop, so with more its counts at a violation depend on its threads' timing).
/// </summary>
public class SimulationTests
{
    private static string Fixtures => Path.Combine(TestPaths.RepoRoot, "tests", "Ops.Tla.Tests", "Checking", "Simulation");

    private static (CliRun Run, string Dir) Check(string spec, params string[] options)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-sim-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Fixtures, spec + "*.*").Where(f => f.EndsWith(".tla") || f.EndsWith(".cfg")))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var args = new List<string> { "check", Path.Combine(dir, spec + ".tla") };
        args.AddRange(options.Select(o => o.Replace("{dir}", dir)));
        return (CliRun.Of(args.ToArray()), dir);
    }

    /// <summary>The lines from the verdict to the simulation's statistics, without blank lines (TLC puts blank lines
    /// around a liveness counterexample's header where Ops's search does not).</summary>
    private static string Body(string output)
    {
        var lines = output.Replace("\r\n", "\n").Split('\n')
            .SkipWhile(l => !(l.StartsWith("Error:", StringComparison.Ordinal) || l.StartsWith("Progress:", StringComparison.Ordinal)))
            .TakeWhile(l => !l.StartsWith("Finished in", StringComparison.Ordinal))
            .Where(l => l.Length > 0);
        return string.Join("\n", lines);
    }

    private static string Expected(string file) => Body(File.ReadAllText(Path.Combine(Fixtures, file)));

    [Theory]
    [InlineData("SimInv", "SimInv.tlc.txt", 12, new string[0])]
    [InlineData("SimLive", "SimLive.tlc.txt", 13, new[] { "-depth", "6" })]
    [InlineData("SimLive", "SimLiveAction.tlc.txt", 13, new[] { "-depth", "6", "-config", "{dir}/SimLiveAction.cfg" })]
    public void A_violation_every_behaviour_reaches_is_reported_as_TLC_reports_it(string spec, string expected, int exit, string[] extra)
    {
        var (r, _) = Check(spec, new[] { "-simulate", "num=1", "-seed", "1" }.Concat(extra).ToArray());
        Assert.Equal(exit, r.Exit);
        Assert.Contains("Running Random Simulation with seed 1 with 1 worker.", r.Out);
        Assert.Equal(Expected(expected), Body(r.Out));
    }

    [Fact]
    public void A_spec_that_deadlocks_on_every_path_is_a_deadlock_at_its_last_state()
    {
        // TLC: "Error: Deadlock reached." after a behaviour ending at x = 3 (through Up or Jump: random), exit 11.
        var tlc = File.ReadAllText(Path.Combine(Fixtures, "SimDeadlock.tlc.txt"));
        Assert.Contains("Error: Deadlock reached.", tlc);
        for (long seed = 1; seed <= 5; seed++)
        {
            var (r, _) = Check("SimDeadlock", "-simulate", "num=3", "-seed", seed.ToString());
            Assert.Equal(11, r.Exit);
            Assert.StartsWith("Error: Deadlock reached.\nError: The behavior up to this point is:\nState 1: <Init line 5, col 9 to line 5, col 13 of module SimDeadlock>\nx = 0\n", Body(r.Out) + "\n");
            Assert.EndsWith("x = 3", Body(r.Out).Split("\nThe number of states generated")[0]);
            Assert.Contains($"Simulation using seed {seed} and aril 0", r.Out);
        }
        // With -deadlock every behaviour ends there, without error.
        var ok = Check("SimDeadlock", "-simulate", "num=3", "-seed", "1", "-deadlock").Run;
        Assert.Equal(0, ok.Exit);
        Assert.Contains("3 traces generated", ok.Out);
    }

    [Fact]
    public void A_safe_spec_runs_num_behaviours_with_TLCs_counts()
    {
        var (r, _) = Check("SimSafe", "-simulate", "num=5", "-depth", "10", "-seed", "1");
        Assert.Equal(0, r.Exit);
        // TLC: 1 initial state + 5 behaviours of 10 steps, one successor per step whatever action is picked.
        Assert.Equal(Expected("SimSafe.tlc.txt"), Body(r.Out));
        Assert.DoesNotContain("distinct states", r.Out);
    }

    [Fact]
    public void Depth_bounds_the_behaviours()
    {
        // TLC (num=3, -depth 4, any seed): "Progress: 13 states checked, 3 traces generated (trace length: mean=4,
        // var(x)=0, sd=0)"; with -depth 5 the sixth state (x = 5) is reached and violates Inv.
        var (r, _) = Check("SimInv", "-simulate", "num=3", "-depth", "4", "-seed", "9");
        Assert.Equal(0, r.Exit);
        Assert.Contains("Progress: 13 states checked, 3 traces generated (trace length: mean=4, var(x)=0, sd=0)\nThe number of states generated: 13\n", r.Out);
        var (v, _) = Check("SimInv", "-simulate", "num=3", "-depth", "5", "-seed", "9");
        Assert.Equal(12, v.Exit);
        Assert.Contains("State 6: <Next line 6, col 9 to line 6, col 18 of module SimInv>\nx = 5\n", v.Out);
        // The default depth is TLC's, 100.
        var result = ModelChecker.Check(Path.Combine(Check("SimSafe").Dir, "SimSafe.tla"), new CheckOptions { Simulation = new SimulationOptions { Behaviors = 2 }, Seed = 4 });
        Assert.Equal(1 + 2 * 100, result.StatesGenerated);
        Assert.Equal(100, result.Simulation.LengthMean);
    }

    [Fact]
    public void The_same_seed_gives_the_same_behaviours()
    {
        var dir = Check("SimSafe").Dir;
        string Behaviours(long seed)
        {
            var seen = new List<string>();
            var o = new CheckOptions
            {
                Seed = seed,
                Depth = 8,
                Simulation = new SimulationOptions { Behaviors = 20, OnBehavior = (n, trace) => seen.Add(n + ": " + string.Join(" ", trace.Select(s => s.Action.Split(' ')[0] + s.Values[0] + s.Values[1]))) },
            };
            var r = ModelChecker.Check(Path.Combine(dir, "SimSafe.tla"), o);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(20, seen.Count);
            return string.Join("\n", seen);
        }
        var first = Behaviours(42);
        Assert.Equal(first, Behaviours(42));
        Assert.NotEqual(first, Behaviours(43));
        // Behaviours differ from one another within a run (the choices are random).
        Assert.True(first.Split('\n').Select(l => l[(l.IndexOf(':') + 1)..]).Distinct().Count() > 1);
    }

    [Fact]
    public void Without_a_seed_one_is_drawn_and_printed_so_that_the_run_can_be_repeated()
    {
        var (r, dir) = Check("SimSafe", "-simulate", "num=3");
        var line = r.Out.Split('\n').First(l => l.StartsWith("Simulation using seed ", StringComparison.Ordinal));
        var seed = line["Simulation using seed ".Length..line.IndexOf(" and aril", StringComparison.Ordinal)];
        var again = CliRun.Of("check", Path.Combine(dir, "SimSafe.tla"), "-simulate", "num=3", "-seed", seed);
        Assert.Equal(Body(r.Out), Body(again.Out));
    }

    [Fact]
    public void File_writes_each_behaviour_as_TLC_does()
    {
        var (r, dir) = Check("SimInv", "-simulate", "num=2,file={dir}/SimInv", "-depth", "3", "-seed", "1");
        Assert.Equal(0, r.Exit);
        var path = Path.Combine(dir, "SimInv_0_1");
        Assert.True(File.Exists(Path.Combine(dir, "SimInv_0_0")));
        // TLC names the module after the file as given (its path); the rest is the same text.
        var expected = File.ReadAllText(Path.Combine(Fixtures, "SimInv_0_1.tlc")).Replace("/tmp/sim/tff/SimInv_0_1", path);
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void TLCGet_answers_as_TLCs_simulator()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("G", """
            ---- MODULE G ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x < 3 /\ x' = x + 1
            Inv == PrintT(<<x, TLCGet("level"), TLCGet("diameter"), TLCGet("config").mode, TLCGet("config").depth>>)
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var r = CliRun.Of("check", spec, "-simulate", "num=2", "-seed", "5", "-deadlock", "-depth", "7");
        Assert.Equal(0, r.Exit);
        // TLC: the initial state is checked once before the behaviours (level 1, diameter 0), then each successor at
        // its level, "diameter" being the number of the behaviour.
        Assert.Contains("""
            <<0, 1, 0, "simulate", 7>>
            <<1, 2, 1, "simulate", 7>>
            <<2, 3, 1, "simulate", 7>>
            <<3, 4, 1, "simulate", 7>>
            <<1, 2, 2, "simulate", 7>>
            """.Replace("\r\n", "\n"), r.Out);
        // TLC: "TLCGet(generated) was undefined." in simulation.
        var undefined = t.Spec("U", """
            ---- MODULE U ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Inv == TLCGet("distinct") > 0
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var u = CliRun.Of("check", undefined, "-simulate", "num=1");
        Assert.NotEqual(0, u.Exit);
        Assert.Contains("TLCGet(distinct) was undefined.", u.Out);
    }

    [Fact]
    public void A_postcondition_is_checked_after_the_behaviours_as_TLC_checks_it()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("PC", """
            ---- MODULE PC ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = (x + 1) % 3
            Post == TLCGet("diameter") > 5
            ====
            """, "INIT Init\nNEXT Next\nPOSTCONDITION Post\n");
        // TLC (-simulate num=2 -depth 3): "diameter" is the number of behaviours, 2, so Post is false: exit 10, and the
        // progress line alone after the error.
        var r = CliRun.Of("check", spec, "-simulate", "num=2", "-depth", "3", "-seed", "1");
        Assert.Equal(10, r.Exit);
        Assert.Equal("Error: Postcondition Post at line 6, col 9 to line 6, col 30 of module PC is false.\nProgress: 7 states checked, 2 traces generated (trace length: mean=3, var(x)=0, sd=0)", Body(r.Out));
        Assert.Equal(0, CliRun.Of("check", spec, "-simulate", "num=6", "-depth", "3", "-seed", "1").Exit);
    }

    [Fact]
    public void Continue_reports_each_violating_behaviour_and_goes_on_as_TLC()
    {
        // TLC (-simulate num=3 -continue): "Error: Invariant Inv is violated." and the behaviour, three times, then
        // "Progress: 16 states checked, 3 traces generated" and exit 0.
        var (r, _) = Check("SimInv", "-simulate", "num=3", "-seed", "1", "-continue");
        Assert.Equal(0, r.Exit);
        Assert.Equal(3, r.Out.Split("Error: Invariant Inv is violated.\nError: The behavior up to this point is:\n").Length - 1);
        Assert.Contains("Progress: 16 states checked, 3 traces generated (trace length: mean=0, var(x)=0, sd=0)", r.Out);
    }

    [Fact]
    public void Progress_lines_are_TLCs_simulation_progress()
    {
        var dir = Check("SimSafe").Dir;
        var host = new Ops.Cli.CliHost { Progress = Ops.Tla.Output.ProgressSchedule.EveryPoll(TimeSpan.Zero) };
        var r = CliRun.With(host, "check", Path.Combine(dir, "SimSafe.tla"), "-simulate", "num=3", "-depth", "10", "-seed", "1");
        Assert.Equal(0, r.Exit);
        // Reported between behaviours: after the first, "11 states checked, 1 traces generated", with its length.
        Assert.Contains("Progress: 11 states checked, 1 traces generated (trace length: mean=10, var(x)=0, sd=0)\n", r.Out);
        Assert.DoesNotContain("distinct states found", r.Out);
    }

    [Fact]
    public void An_assumption_is_checked_before_any_behaviour()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("A", """
            ---- MODULE A ----
            EXTENDS Naturals
            VARIABLE x
            ASSUME 1 > 2
            Init == x = 0
            Next == x' = x
            ====
            """, "INIT Init\nNEXT Next\n");
        var r = CliRun.Of("check", spec, "-simulate", "num=1");
        Assert.Equal(10, r.Exit);
        Assert.Contains("Assumption line 4, col 8 to line 4, col 12 of module A is false.", r.Out);
    }

    [Fact]
    public void A_time_limit_ends_an_unbounded_simulation_with_its_summary()
    {
        var (r, _) = Check("SimSafe", "-simulate", "-seed", "1", "-timeout", "1");
        // TLC's stopAfter: the simulation stops without error and prints its statistics.
        Assert.Equal(0, r.Exit);
        Assert.Contains("The number of states generated: ", r.Out);
        Assert.Contains("Simulation using seed 1 and aril 0", r.Out);
    }

    [Fact]
    public void Difftrace_shows_the_variables_that_changed_as_TLC_prints_them()
    {
        var (r, _) = Check("DiffTrace", "-difftrace", "-workers", "1");
        Assert.Equal(12, r.Exit);
        // The trace as TLC prints it (the figures after it are the search's, compared elsewhere).
        static string Trace(string body) => body[..body.IndexOf("\n4 states generated", StringComparison.Ordinal)];
        Assert.Equal(Trace(Expected("DiffTrace.tlc.txt")), Trace(Body(r.Out)));
        // Without it every state is printed in full.
        var full = Check("DiffTrace", "-workers", "1").Run;
        Assert.Contains("State 2: <Next line 5, col 12 to line 5, col 52 of module DiffTrace>\n/\\ a = 1\n/\\ b = 0\n/\\ c = \"x\"\n", full.Out);
    }

    [Fact]
    public void Difftrace_in_simulation_shows_the_variables_that_changed()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("St", """
            ---- MODULE St ----
            EXTENDS Naturals
            VARIABLES x, y
            Init == x = 0 /\ y = 0
            Next == x < 2 /\ x' = x + 1 /\ y' = y
            Inv == x < 2
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var r = CliRun.Of("check", spec, "-simulate", "num=1", "-seed", "3", "-difftrace");
        Assert.Equal(12, r.Exit);
        Assert.Contains("State 1: <Init line 4, col 9 to line 4, col 22 of module St>\n/\\ x = 0\n/\\ y = 0\n\nState 2: <Next line 5, col 9 to line 5, col 37 of module St>\n/\\ x = 1\n\nState 3: <Next line 5, col 9 to line 5, col 37 of module St>\n/\\ x = 2\n", r.Out);
    }

    [Fact]
    public void Difftrace_leaves_out_a_simulated_behaviours_stuttering_steps_as_TLC_does()
    {
        // TLC's Simulator.printBehavior: a state equal to the one before is not printed (the numbers keep the states'
        // levels), and the number left out is said after the trace.
        Value[] S(long x) => new Value[] { IntValue.Of(x), IntValue.Of(0) };
        var names = new[] { "x", "y" };
        var r = new CheckResult
        {
            Outcome = CheckOutcome.SafetyFailure, ExitCode = 12, StatesGenerated = 4,
            Violation = new Violation { Kind = ViolationKind.Invariant, Property = "Inv", Message = "Invariant Inv is violated." },
            Simulation = new SimulationReport { Seed = 1, Behaviors = 1 },
            Trace = new List<TraceState>
            {
                new() { Number = 1, Action = "Init", Variables = names, Values = S(0) },
                new() { Number = 2, Action = "A", Variables = names, Values = S(0) },
                new() { Number = 3, Action = "A", Variables = names, Values = S(1) },
            },
        };
        var text = Ops.Tla.Output.TlcText.Format(r, diffTrace: true);
        Assert.Contains("State 1: <Init>\n/\\ x = 0\n/\\ y = 0\n\nState 3: <A>\n/\\ x = 1\n\n", text);
        Assert.Contains("difftrace requested: Shortened behavior by omitting finite stuttering (1 states), which is an artifact of simulation mode.", text);
        Assert.DoesNotContain("State 2:", text);
    }
}
