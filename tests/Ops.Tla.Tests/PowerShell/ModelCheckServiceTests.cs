using System.Text.Json;
using Ops.PowerShell;
using Ops.Tla.Tests.Cli;
using Ops.Tla.Tests.Output;
using Xunit;
using S = Ops.Tla.Tests.Cli.TempSpecs.Samples;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>Invoke-ModelCheck's service path: everything the cmdlet does except talking to PowerShell.</summary>
public class ModelCheckServiceTests
{
    [Fact]
    public void A_success_result_has_the_contract_fields()
    {
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = TestPaths.Seed("bank.tla") });
        Assert.Equal("success", r.Result);
        Assert.True(r.Succeeded);
        Assert.True(r.Complete);
        Assert.Equal(2266, r.StatesGenerated);
        Assert.Equal(220, r.DistinctStates);
        Assert.Equal(13, r.Depth);
        Assert.True(r.Duration >= TimeSpan.Zero);
        Assert.Null(r.Violation);
        Assert.Empty(r.Trace);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("bank.tla", r.Spec);
        Assert.EndsWith("bank.cfg", r.ConfigPath);
        Assert.StartsWith("bank.tla: success (2266 states generated, 220 distinct, depth 13)", r.ToString());
    }

    [Fact]
    public void Simulate_runs_TLCs_random_simulation_with_its_counts_and_its_seed()
    {
        using var t = new TempSpecs();
        // One successor per action at every state: TLC's counts (51 for 5 behaviours of 10 steps) do not depend on the
        // random choices.
        var spec = t.Spec("SimSafe", """
            ---- MODULE SimSafe ----
            EXTENDS Naturals
            VARIABLES x, y
            Init == x = 0 /\ y = 0
            Inc == x' = (x + 1) % 3 /\ y' = y
            Flip == y' = 1 - y /\ x' = x
            Next == Inc \/ Flip
            ====
            """, "INIT Init\nNEXT Next\n");
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Simulate = true, Behaviors = 5, Depth = 10, Seed = 1, JsonPath = t.File_("sim.json") });
        Assert.Equal("success", r.Result);
        Assert.Equal("simulate", r.Mode);
        Assert.Equal(51, r.StatesGenerated);
        Assert.Equal(5L, r.Behaviors);
        Assert.Equal(1L, r.Seed);
        Assert.StartsWith("SimSafe.tla: success (51 states generated, 5 behaviours, seed 1)", r.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(t.File_("sim.json")));
        Assert.Equal(5, json.RootElement.GetProperty("simulation").GetProperty("behaviors").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("simulation").GetProperty("seed").GetInt64());
        // Without -Simulate, the breadth-first search.
        Assert.Equal("bfs", ModelCheckService.Run(new ModelCheckRequest { Path = spec }).Mode);
        Assert.Throws<ArgumentException>(() => new ModelCheckRequest { Path = spec, Behaviors = 3 }.ToOptions());
        Assert.Throws<ArgumentException>(() => new ModelCheckRequest { Path = spec, Depth = 3 }.ToOptions());
    }

    [Fact]
    public void A_violation_has_the_trace_as_objects_and_the_outputs_are_written()
    {
        using var t = new TempSpecs();
        var request = new ModelCheckRequest
        {
            Path = t.Spec("Invariant", S.Invariant, S.InvariantCfg),
            TracePath = t.File_("cex.itf.json"),
            JUnitPath = t.File_("junit.xml"),
            JsonPath = t.File_("result.json"),
        };
        var r = ModelCheckService.Run(request);
        Assert.Equal("safety failure", r.Result);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("invariant", r.Violation.Kind);
        Assert.Equal("Small", r.Violation.Property);
        Assert.Equal("Invariant Small is violated.", r.Violation.Message);
        Assert.Equal(4, r.Trace.Length);
        var last = r.GetTraceStates()[^1];
        Assert.Equal(4, last.Step);
        Assert.Equal(3L, last.GetVariables()["x"]);
        var owner = (TlaMap)last.GetVariables()["owner"];
        Assert.Equal(3L, owner["n1"]);
        var log = (object[])last.GetVariables()["log"];
        Assert.Equal(3, log.Length);
        Assert.Equal(new object[] { "a", "b" }, ((TlaMap)log[2])["tags"]);
        Assert.Equal("Initial predicate", r.GetTraceStates()[0].Action);

        Assert.Equal(request.TracePath, r.TracePath);
        Assert.Empty(ItfSchema.Validate(File.ReadAllText(request.TracePath)));
        Assert.Empty(JUnitSchema.Validate(File.ReadAllText(request.JUnitPath)));
        using var json = JsonDocument.Parse(File.ReadAllText(request.JsonPath));
        Assert.Equal("safety failure", json.RootElement.GetProperty("result").GetString());
        Assert.Equal(r.ToItf(), File.ReadAllText(request.TracePath).TrimEnd('\n'));
        Assert.Contains("Error: Invariant Small is violated.", r.ToTlcText());
    }

    [Fact]
    public void The_trace_states_go_through_the_hosts_decoration()
    {
        using var t = new TempSpecs();
        var r = ModelCheckService.Run(new ModelCheckRequest
        {
            Path = t.Spec("Invariant", S.Invariant, S.InvariantCfg),
            DecorateState = s => new KeyValuePair<int, string>(s.Step, s.ToString()),
        });
        var first = Assert.IsType<KeyValuePair<int, string>>(r.Trace[0]);
        Assert.Equal(1, first.Key);
        Assert.StartsWith("x = 0, owner = (n1 :> 0 @@ n2 :> 0), log = <<>>", first.Value);
        Assert.IsType<ModelCheckTraceState>(r.GetTraceStates()[0]);
    }

    [Fact]
    public void DumpPath_and_DumpTracePath_write_TLCs_files()
    {
        // The fixtures TLC wrote (see Output/TlcDumpTests): the trace files compare as they are.
        using var t = new TempSpecs();
        var fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "Ops.Tla.Tests", "Output", "TlcDump");
        var spec = t.Spec("DumpViol", File.ReadAllText(Path.Combine(fixtures, "DumpViol.tla")), File.ReadAllText(Path.Combine(fixtures, "DumpViol.cfg")));
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Workers = 2, DumpPath = t.File_("g.dot"), DumpTracePath = t.File_("t.tla") });
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(fixtures, "DumpViol-trace.tla")), File.ReadAllText(t.File_("t.tla")));
        var dot = File.ReadAllText(t.File_("g.dot"));
        Assert.StartsWith("strict digraph DiskGraph {", dot);
        Assert.Contains("1 -> 3 [label=\"Up\",color=\"2\",fontcolor=\"2\"];", dot);
        Assert.Throws<ArgumentException>(() => new ModelCheckRequest { Path = spec, DumpTracePath = t.File_("t.txt") }.ToOptions());
    }

    [Fact]
    public void No_trace_file_is_written_without_a_counterexample()
    {
        using var t = new TempSpecs();
        var trace = t.File_("none.itf.json");
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("Counter", S.Counter, S.CounterCfg), TracePath = trace });
        Assert.True(r.Succeeded);
        Assert.False(File.Exists(trace));
        Assert.Null(r.TracePath);
    }

    [Fact]
    public void ErrorOnViolation_exception_carries_the_result_and_TLCs_exit_code()
    {
        using var t = new TempSpecs();
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("Deadlock", S.Deadlock, S.DeadlockCfg) });
        var e = new ModelCheckFailedException(r);
        Assert.Equal(11, e.ExitCode);
        Assert.Same(r, e.Result);
        Assert.Equal("Model check of Deadlock.tla failed: Deadlock reached. (deadlock failure, exit code 11).", e.Message);

        var parse = ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("ParseError", S.ParseError, S.DeadlockCfg) });
        Assert.True(ModelCheckService.IsError(parse));
        var pe = new ModelCheckFailedException(parse);
        Assert.Equal(150, pe.ExitCode);
        Assert.Contains("at " + parse.Violation.Location, pe.Message);
        Assert.Matches(@"ParseError\.tla:5:\d+", parse.Violation.Location);
    }

    [Fact]
    public void NoDeadlock_is_TLCs_minus_deadlock()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Deadlock", S.Deadlock, S.DeadlockCfg);
        Assert.Equal("deadlock failure", ModelCheckService.Run(new ModelCheckRequest { Path = spec }).Result);
        Assert.Equal("success", ModelCheckService.Run(new ModelCheckRequest { Path = spec, NoDeadlock = true }).Result);
    }

    [Fact]
    public void Progress_is_reported_and_cancelling_returns_the_partial_result()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "2000000"));
        using var cts = new CancellationTokenSource();
        var progress = new List<ModelCheckProgress>();
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, ProgressInterval = TimeSpan.Zero }, e =>
        {
            if (e is ModelCheckProgressEvent p)
            {
                progress.Add(p.Progress);
                if (p.Progress.DistinctStates > 5000) cts.Cancel();
            }
        }, cts.Token);
        Assert.NotEmpty(progress);
        var first = progress[0];
        Assert.Equal("Model checking Counter.tla", first.Activity);
        Assert.Matches(@"^[\d,. ]+ states generated \([\d,. ]+/min\), [\d,. ]+ distinct \([\d,. ]+/min\), [\d,. ]+ on queue, depth \d+$", first.Status);
        Assert.Matches(@"^Progress\(\d+\) at 2025-01-02 03:04:05: [\d,]+ states generated \([\d,]+ s/min\), [\d,]+ distinct states found", first.TlcLine(new DateTime(2025, 1, 2, 3, 4, 5)));
        Assert.False(r.Complete);
        Assert.Equal("error", r.Result);
        Assert.Equal("cancelled", r.Violation.Kind);
        Assert.True(r.DistinctStates > 5000 && r.DistinctStates < 2000000);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("incomplete", r.ToString());
    }

    [Fact]
    public void A_session_can_be_cancelled_from_the_host_thread()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "50000000"));
        using var session = ModelCheckSession.Start(new ModelCheckRequest { Path = spec });
        Assert.False(session.Wait(TimeSpan.FromMilliseconds(300)));
        session.Cancel();
        Assert.True(session.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(session.CancellationRequested);
        Assert.False(session.Result.Complete);
        Assert.Same(session.Result, session.Result);
    }

    [Fact]
    public void Print_output_is_reported_and_kept()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Printer", """
            ---- MODULE Printer ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0 /\ PrintT("hello")
            Next == UNCHANGED x
            ====
            """, "INIT Init\nNEXT Next\n");
        var lines = new List<string>();
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec }, e => { if (e is ModelCheckOutputEvent o) lines.Add(o.Line); });
        Assert.True(r.Succeeded);
        Assert.Contains("\"hello\"", lines);
        Assert.Contains("\"hello\"", r.Output);
    }

    [Fact]
    public void A_time_limit_returns_the_partial_result()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "50000000"));
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, TimeLimit = TimeSpan.FromMilliseconds(500) });
        Assert.False(r.Complete);
        Assert.Equal("time limit", r.Violation.Kind);
    }

    [Fact]
    public void Bad_requests_fail_before_the_check_starts()
    {
        Assert.Throws<ArgumentException>(() => ModelCheckSession.Start(new ModelCheckRequest { Path = "" }));
        Assert.Throws<ArgumentException>(() => ModelCheckSession.Start(new ModelCheckRequest { Path = "x.tla", Workers = 0 }));
        Assert.Throws<ArgumentException>(() => ModelCheckSession.Start(new ModelCheckRequest { Path = "x.tla", Constants = new System.Collections.Hashtable { ["N"] = 1.5 } }));
        var e = Assert.Throws<ArgumentException>(() => ModelCheckSession.Start(new ModelCheckRequest { Path = "x.tla", JUnitPath = Path.Combine(Path.GetTempPath(), "no", "such", "dir", "r.xml") }));
        Assert.Contains("-JUnitPath", e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_missing_spec_is_a_result_not_an_exception()
    {
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = Path.Combine(Path.GetTempPath(), "no-such-spec-" + Guid.NewGuid() + ".tla") });
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("Cannot find the specification file", r.Violation.Message);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData("2", 2)]
    [InlineData(" Auto ", -1)]
    [InlineData(null, 1)]
    public void Workers_accepts_numbers_and_auto(object value, int expected) =>
        Assert.Equal(expected == -1 ? Environment.ProcessorCount : expected, ModelCheckService.ParseWorkers(value));

    [Theory]
    [InlineData(0)]
    [InlineData("many")]
    [InlineData(-4)]
    public void Workers_refuses_the_rest(object value) =>
        Assert.Contains("-Workers expects a positive number or 'auto'", Assert.Throws<ArgumentException>(() => ModelCheckService.ParseWorkers(value)).Message);

    [Fact]
    public void A_pipeline_of_specifications_writes_one_report_with_a_test_suite_per_specification()
    {
        using var t = new TempSpecs();
        var specs = new[] { t.Spec("Counter", S.Counter, S.CounterCfg), t.Spec("Invariant", S.Invariant, S.InvariantCfg), TestPaths.Seed("bank.tla") };
        var reports = new ModelCheckReportFiles();
        var junit = t.File_("junit.xml");
        var json = t.File_("results.json");
        foreach (var spec in specs)
            ModelCheckService.Run(new ModelCheckRequest { Path = spec, JUnitPath = junit, JsonPath = json }, reports: reports);

        var doc = System.Xml.Linq.XDocument.Load(junit);
        var suites = doc.Root.Elements("testsuite").ToList();
        Assert.Equal(new[] { "Counter", "Invariant", "bank" }, suites.Select(s => (string)s.Attribute("name")));
        Assert.Equal(suites.Sum(s => (int)s.Attribute("tests")), (int)doc.Root.Attribute("tests"));
        Assert.Equal(1, (int)doc.Root.Attribute("failures"));

        using var results = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Array, results.RootElement.ValueKind);
        Assert.Equal(new[] { "success", "safety failure", "success" }, results.RootElement.EnumerateArray().Select(r => r.GetProperty("result").GetString()));
    }

    [Fact]
    public void Two_configurations_of_one_specification_are_two_suites_told_apart_by_the_configuration()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg);
        File.WriteAllText(t.File_("Counter_big.cfg"), S.CounterCfg.Replace("N = 3", "N = 5"));
        var reports = new ModelCheckReportFiles();
        var junit = t.File_("junit.xml");
        ModelCheckService.Run(new ModelCheckRequest { Path = spec, JUnitPath = junit }, reports: reports);
        ModelCheckService.Run(new ModelCheckRequest { Path = spec, ConfigPath = t.File_("Counter_big.cfg"), JUnitPath = junit }, reports: reports);
        var names = System.Xml.Linq.XDocument.Load(junit).Root.Elements("testsuite").Select(s => (string)s.Attribute("name")).ToList();
        Assert.Equal(new[] { "Counter (Counter.cfg)", "Counter (Counter_big.cfg)" }, names);
    }

    [Fact]
    public void Counterexamples_of_a_pipeline_go_one_per_specification_into_a_trace_folder_and_never_overwrite_a_trace_file()
    {
        using var t = new TempSpecs();
        var first = t.Spec("Invariant", S.Invariant, S.InvariantCfg);
        var second = t.Spec("Deadlock", S.Deadlock, S.DeadlockCfg);
        var folder = t.File_("traces");
        Directory.CreateDirectory(folder);
        var reports = new ModelCheckReportFiles();
        var a = ModelCheckService.Run(new ModelCheckRequest { Path = first, TracePath = folder }, reports: reports);
        var b = ModelCheckService.Run(new ModelCheckRequest { Path = second, TracePath = folder }, reports: reports);
        Assert.Equal(Path.Combine(folder, "Invariant.itf.json"), a.TracePath);
        Assert.Equal(Path.Combine(folder, "Deadlock.itf.json"), b.TracePath);
        Assert.True(File.Exists(a.TracePath) && File.Exists(b.TracePath));

        var file = t.File_("cex.itf.json");
        var single = new ModelCheckReportFiles();
        ModelCheckService.Run(new ModelCheckRequest { Path = first, TracePath = file }, reports: single);
        var before = File.ReadAllText(file);
        var e = Assert.Throws<IOException>(() => ModelCheckService.Run(new ModelCheckRequest { Path = second, TracePath = file }, reports: single));
        Assert.Contains("already holds the counterexample of Invariant.tla", e.Message);
        Assert.Contains("give -TracePath a folder", e.Message);
        Assert.Equal(before, File.ReadAllText(file));
    }
}
