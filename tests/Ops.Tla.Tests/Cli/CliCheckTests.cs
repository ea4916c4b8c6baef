using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ops.Cli;
using Ops.Tla.Output;
using Ops.Tla.Tests.Output;
using Xunit;
using S = Ops.Tla.Tests.Cli.TempSpecs.Samples;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops check` end to end: every exit code of the contract from a real small spec, and the outputs.</summary>
public class CliCheckTests
{
    private static void NoStackTrace(CliRun r)
    {
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+\(", RegexOptions.Multiline), r.All);
        // TLC's own framing of a general error names a Java exception class: that is its text, not a trace.
        Assert.DoesNotContain("Exception", r.All.Replace("The exception was a java.lang.RuntimeException\n", ""));
    }

    [Fact]
    public void Success_exits_0_and_prints_TLCs_summary()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg);
        var r = CliRun.Of("check", spec);
        Assert.Equal(0, r.Exit);
        Assert.Contains("Model checking completed. No error has been found.", r.Out);
        Assert.Contains("4 states generated, 3 distinct states found, 0 states left on queue.", r.Out);
        Assert.Contains("The depth of the complete state graph search is 3.", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void The_tla_extension_may_be_left_out()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg);
        Assert.Equal(0, CliRun.Of("check", spec[..^4]).Exit);
    }

    [Fact]
    public void Assumption_failure_exits_10()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Assume", S.Assume, S.AssumeCfg));
        Assert.Equal(10, r.Exit);
        Assert.Contains("Error: Assumption line 4, col 8 to line 4, col 12 of module Assume is false.", r.Out);
        NoStackTrace(r);
    }

    [Fact]
    public void Deadlock_exits_11_with_the_trace_and_minus_deadlock_turns_it_off()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Deadlock", S.Deadlock, S.DeadlockCfg);
        var r = CliRun.Of("check", spec);
        Assert.Equal(11, r.Exit);
        Assert.Contains("Error: Deadlock reached.", r.Out);
        Assert.Contains("State 4: <Next line 5, col 9 to line 5, col 27 of module Deadlock>", r.Out);
        // One variable: TLC prints the state without the conjunction bullet.
        Assert.Contains("\nx = 3", r.Out.Replace("\r\n", "\n"));
        Assert.DoesNotContain("/\\ x = 3", r.Out);

        var off = CliRun.Of("check", spec, "-deadlock");
        Assert.Equal(0, off.Exit);
    }

    [Fact]
    public void Invariant_violation_exits_12_with_the_shortest_trace()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Invariant", S.Invariant, S.InvariantCfg));
        Assert.Equal(12, r.Exit);
        Assert.Contains("Error: Invariant Small is violated.", r.Out);
        Assert.Contains("Error: The behavior up to this point is:", r.Out);
        Assert.Contains("State 1: <Initial predicate>", r.Out);
        Assert.Contains("State 4: <Next", r.Out);
        Assert.DoesNotContain("State 5:", r.Out);
    }

    [Fact]
    public void Assert_failure_exits_14_with_the_message_once()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Assert", S.Assert, S.AssertCfg));
        Assert.Equal(14, r.Exit);
        Assert.Contains("Error: The first argument of Assert evaluated to FALSE; the second argument was:\n\"x got too big\"", r.Out.Replace("\r\n", "\n"));
        Assert.Single(Regex.Matches(r.Out, "The first argument of Assert"));
        NoStackTrace(r);
    }

    [Fact]
    public void Evaluation_error_exits_75_and_names_the_place()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("EvalError", S.EvalError, S.EvalErrorCfg);
        var r = CliRun.Of("check", spec);
        Assert.Equal(75, r.Exit);
        // The place as TLC gives it: the expressions it was evaluating, outermost first.
        Assert.Contains("expressions at the following positions:\n0. Line 6, column 9 to line 6, column 21 in EvalError\n1. Line 6, column 14 to line 6, column 21 in EvalError\n", r.Out.Replace("\r\n", "\n"));
        Assert.Contains("not in the domain of the function", r.Out);
        NoStackTrace(r);
    }

    [Fact]
    public void Parse_error_exits_150_and_names_file_line_column()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("ParseError", S.ParseError, S.DeadlockCfg);
        var r = CliRun.Of("check", spec);
        Assert.Equal(150, r.Exit);
        Assert.Matches(new Regex(Regex.Escape(spec) + @":5:\d+: error: "), r.Out);
        NoStackTrace(r);
    }

    [Fact]
    public void Config_error_exits_151_and_names_file_line_column()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Deadlock", S.Deadlock, S.ConfigErrorCfg);
        var r = CliRun.Of("check", spec);
        Assert.Equal(151, r.Exit);
        Assert.Contains(Path.ChangeExtension(spec, ".cfg") + ":3:11: configuration error:", r.Out);
        NoStackTrace(r);
    }

    [Fact]
    public void A_missing_config_is_a_config_error_and_a_missing_spec_a_parse_error()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("NoCfg", S.Deadlock.Replace("Deadlock", "NoCfg"));
        // TLC: a ConfigFileException for the missing file, "TLC threw an unexpected exception", exit 255.
        Assert.Equal(255, CliRun.Of("check", spec).Exit);
        Assert.Equal(255, CliRun.Of("check", spec, "-config", t.File_("nope.cfg")).Exit);
        var missing = CliRun.Of("check", t.File_("Nope.tla"));
        Assert.Equal(150, missing.Exit);
        Assert.Contains("Cannot find the specification file", missing.Out);
    }

    [Theory]
    [InlineData(new string[0], "Usage:")]
    [InlineData(new[] { "frobnicate" }, "ops: Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "check" }, "no specification given")]
    [InlineData(new[] { "check", "A.tla", "-bogus" }, "ops check: Unrecognized command or argument '-bogus'")]
    [InlineData(new[] { "check", "A.tla", "-config" }, "Required argument missing for option: '-config'")]
    [InlineData(new[] { "check", "A.tla", "-json", "-itf", "x" }, "-json needs a value")]
    [InlineData(new[] { "check", "A.tla", "-workers", "0" }, "-workers expects a positive number or auto")]
    [InlineData(new[] { "check", "A.tla", "-timeout", "soon" }, "-timeout expects a positive number of seconds")]
    [InlineData(new[] { "check", "A.tla", "-memory", "lots" }, "-memory expects a positive number of megabytes")]
    [InlineData(new[] { "check", "A.tla", "B.tla" }, "Unrecognized command or argument 'B.tla'")]
    [InlineData(new[] { "check", "A.tla", "-itf", "-" }, "only -json accepts - for stdout")]
    public void Usage_errors_exit_255_with_one_clear_message(string[] args, string message)
    {
        var r = CliRun.Of(args);
        Assert.Equal(255, r.Exit);
        Assert.Contains(message, r.All);
        NoStackTrace(r);
    }

    [Fact]
    public void Help_exits_0()
    {
        Assert.Equal(0, CliRun.Of("--help").Exit);
        var r = CliRun.Of("check", "--help");
        Assert.Equal(0, r.Exit);
        Assert.Contains("-junit <FILE>", r.Out);
    }

    /// <summary>A writer that fails, as a closed pipe does: an exception no layer below the CLI handles.</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void WriteLine(string value) => throw new IOException("Broken pipe\nsecond line");
        public override void Write(string value) => throw new IOException("Broken pipe");
    }

    [Fact]
    public void An_internal_error_is_one_line_and_exit_255_with_details_only_under_OPS_DEBUG()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg);
        var err = new StringWriter();
        int exit = CliApp.Run(new[] { "check", spec }, new BrokenWriter(), err, new CliHost { Debug = false });
        Assert.Equal(255, exit);
        Assert.Equal("ops: internal error: IOException: Broken pipe (set OPS_DEBUG=1 for details)", err.ToString().Trim());

        var debugErr = new StringWriter();
        Assert.Equal(255, CliApp.Run(new[] { "check", spec }, new BrokenWriter(), debugErr, new CliHost { Debug = true }));
        Assert.Contains("ops: internal error: IOException: Broken pipe", debugErr.ToString());
        Assert.Contains(" at ", debugErr.ToString());
    }

    [Fact]
    public void A_checker_defect_is_a_result_with_exit_255_not_a_crash()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "5000"));
        var host = new CliHost { Progress = ProgressSchedule.EveryPoll(TimeSpan.Zero), OnProgress = _ => throw new InvalidOperationException("boom") };
        var r = CliRun.With(host, "check", spec, "-json", t.File_("r.json"));
        Assert.Equal(255, r.Exit);
        Assert.Contains("internal error in the checker (InvalidOperationException: boom)", r.Out);
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+\(", RegexOptions.Multiline), r.All);
        Assert.True(File.Exists(t.File_("r.json")));
    }

    [Fact]
    public void Progress_lines_are_TLCs()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "5000"));
        var host = new CliHost { Progress = ProgressSchedule.EveryPoll(TimeSpan.Zero), Now = () => new DateTime(2025, 1, 2, 3, 4, 5) };
        var r = CliRun.With(host, "check", spec);
        Assert.Equal(0, r.Exit);
        Assert.Matches(new Regex(@"^Progress\(\d+\) at 2025-01-02 03:04:05: [\d,]+ states generated \([\d,]+ s/min\), [\d,]+ distinct states found \([\d,]+ ds/min\), [\d,]+ states left on queue\.$", RegexOptions.Multiline), r.Out.Replace("\r", ""));
    }

    [Fact]
    public void Short_runs_print_no_progress()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Counter", S.Counter, S.CounterCfg));
        Assert.DoesNotContain("Progress(", r.Out);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Cancelling_prints_the_partial_result_and_writes_the_outputs(string workers)
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", S.Counter, S.CounterCfg.Replace("3", "100000"));
        using var cts = new CancellationTokenSource();
        var host = new CliHost { Cancellation = cts.Token, Progress = ProgressSchedule.EveryPoll(TimeSpan.Zero), OnProgress = p => { if (p.DistinctStates > 3000) cts.Cancel(); } };
        var json = t.File_("r.json");
        var junit = t.File_("r.xml");
        var r = CliRun.With(host, "check", spec, "-json", json, "-junit", junit, "-workers", workers);
        Assert.Equal(255, r.Exit);
        Assert.Contains("Error: The check was cancelled.", r.Out);
        Assert.Matches(new Regex(@"\d+ states generated, \d+ distinct states found, \d+ states left on queue\."), r.Out);
        Assert.Contains("these figures are partial", r.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("error", doc.RootElement.GetProperty("result").GetString());
        Assert.False(doc.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("cancelled", doc.RootElement.GetProperty("violation").GetProperty("kind").GetString());
        Assert.True(doc.RootElement.GetProperty("distinctStates").GetInt64() > 3000);
        var xml = File.ReadAllText(junit);
        Assert.Empty(JUnitSchema.Validate(xml));
        Assert.Contains("type=\"cancelled\"", xml);
    }

    [Fact]
    public void A_time_limit_stops_the_run_with_the_partial_result()
    {
        using var t = new TempSpecs();
        // About 10^6 states at a few hundred thousand a second: more than the one-second limit.
        var spec = t.Spec("Big", """
            ---- MODULE Big ----
            EXTENDS Naturals
            VARIABLES a, b, c
            Init == a = 0 /\ b = 0 /\ c = 0
            Next == \/ a' = (a + 1) % 10000 /\ UNCHANGED <<b, c>>
                    \/ b' = (b + 1) % 10000 /\ UNCHANGED <<a, c>>
                    \/ c' = (c + 1) % 10000 /\ UNCHANGED <<a, b>>
            ====
            """, "INIT Init\nNEXT Next\n");
        var r = CliRun.Of("check", spec, "-timeout", "1", "-json", "-");
        Assert.Equal(255, r.Exit);
        Assert.Contains("The time limit was reached", r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("time limit", doc.RootElement.GetProperty("violation").GetProperty("kind").GetString());
    }

    [Fact]
    public void A_memory_budget_too_small_stops_cleanly_with_partial_figures()
    {
        // 48,400 distinct states; a budget of 1 MB is exceeded once the first thousand states are stored.
        var r = CliRun.Of("check", TestPaths.Seed("bank_customers.tla"), "-memory", "1", "-json", "-");
        Assert.Equal(255, r.Exit);
        Assert.Contains("The memory budget of 1 MB was reached", r.Err);
        Assert.Contains("these figures are partial", r.Err);
        NoStackTrace(r);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        Assert.Equal("error", o.GetProperty("result").GetString());
        Assert.False(o.GetProperty("complete").GetBoolean());
        Assert.Equal("memory budget", o.GetProperty("violation").GetProperty("kind").GetString());
        long distinct = o.GetProperty("distinctStates").GetInt64();
        Assert.InRange(distinct, 1, 48399);
        Assert.True(o.GetProperty("statesGenerated").GetInt64() > distinct);
    }

    [Fact]
    public void Json_to_stdout_is_the_contracts_object_and_the_text_goes_to_stderr()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Invariant", S.Invariant, S.InvariantCfg), "-json", "-");
        Assert.Equal(12, r.Exit);
        Assert.Contains("Error: Invariant Small is violated.", r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        Assert.Equal("safety failure", o.GetProperty("result").GetString());
        Assert.Equal(12, o.GetProperty("exitCode").GetInt32());
        Assert.True(o.GetProperty("statesGenerated").GetInt64() >= o.GetProperty("distinctStates").GetInt64());
        Assert.Equal(4, o.GetProperty("depth").GetInt32());
        Assert.True(o.GetProperty("durationMs").GetInt64() >= 0);
        var v = o.GetProperty("violation");
        Assert.Equal("invariant", v.GetProperty("kind").GetString());
        Assert.Equal("Small", v.GetProperty("property").GetString());
        Assert.Equal("Invariant Small is violated.", v.GetProperty("message").GetString());
        var trace = o.GetProperty("trace");
        Assert.Empty(ItfSchema.Validate(trace.GetRawText()));
        Assert.Equal(4, trace.GetProperty("states").GetArrayLength());
        Assert.Equal(new[] { "TypeOK", "Small" }, o.GetProperty("invariants").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Json_for_a_success_has_a_null_violation_and_trace()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Counter", S.Counter, S.CounterCfg), "-json", "-");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("success", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("violation").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("trace").ValueKind);
        Assert.True(doc.RootElement.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Itf_file_holds_the_counterexample_in_the_Informal_Trace_Format()
    {
        using var t = new TempSpecs();
        var itf = t.File_("cex.itf.json");
        var r = CliRun.Of("check", t.Spec("Invariant", S.Invariant, S.InvariantCfg), "-itf", itf);
        Assert.Equal(12, r.Exit);
        Assert.Contains($"The counterexample was written to {itf} (ITF).", r.Out);
        var json = File.ReadAllText(itf);
        Assert.Empty(ItfSchema.Validate(json));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(new[] { "x", "owner", "log" }, root.GetProperty("vars").EnumerateArray().Select(e => e.GetString()));
        var states = root.GetProperty("states");
        Assert.Equal(4, states.GetArrayLength());
        Assert.Equal("ITF", root.GetProperty("#meta").GetProperty("format").GetString());
        Assert.Equal(0, states[0].GetProperty("#meta").GetProperty("index").GetInt32());
        Assert.Equal("0", states[0].GetProperty("x").GetProperty("#bigint").GetString());
        Assert.Equal("3", states[3].GetProperty("x").GetProperty("#bigint").GetString());
        // owner: a function from model values, as a #map; log: a sequence (list) of records with a set field.
        var owner = states[0].GetProperty("owner").GetProperty("#map");
        Assert.Equal("n1", owner[0][0].GetProperty("#unserializable").GetString());
        var log = states[1].GetProperty("log");
        Assert.Equal(JsonValueKind.Array, log.ValueKind);
        Assert.Equal(2, log[0].GetProperty("tags").GetProperty("#set").GetArrayLength());
        Assert.Equal("0", log[0].GetProperty("step").GetProperty("#bigint").GetString());
    }

    [Fact]
    public void Itf_is_not_written_without_a_counterexample()
    {
        using var t = new TempSpecs();
        var itf = t.File_("none.itf.json");
        var r = CliRun.Of("check", t.Spec("Counter", S.Counter, S.CounterCfg), "-itf", itf);
        Assert.Equal(0, r.Exit);
        Assert.False(File.Exists(itf));
        Assert.Contains("No counterexample", r.Out);
    }

    [Fact]
    public void JUnit_has_one_case_per_invariant_and_the_trace_in_the_failure()
    {
        using var t = new TempSpecs();
        var junit = t.File_("report.xml");
        var r = CliRun.Of("check", t.Spec("Invariant", S.Invariant, S.InvariantCfg), "-junit", junit);
        Assert.Equal(12, r.Exit);
        var xml = File.ReadAllText(junit);
        Assert.Empty(JUnitSchema.Validate(xml));
        var doc = XDocument.Parse(xml);
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(new[] { "Invariant TypeOK", "Invariant Small", "Deadlock" }, cases.Select(c => (string)c.Attribute("name")));
        var failure = cases[1].Element("failure");
        Assert.NotNull(failure);
        Assert.Equal("Invariant Small is violated.", (string)failure.Attribute("message"));
        Assert.Contains("State 4: <Next", failure.Value);
        Assert.Contains("/\\ x = 3", failure.Value);
        Assert.NotNull(cases[0].Element("skipped"));
        Assert.Equal("1", (string)doc.Root.Attribute("failures"));
    }

    [Fact]
    public void JUnit_for_a_success_passes_every_case()
    {
        using var t = new TempSpecs();
        var junit = t.File_("ok.xml");
        Assert.Equal(0, CliRun.Of("check", t.Spec("Counter", S.Counter, S.CounterCfg), "-junit", junit).Exit);
        var xml = File.ReadAllText(junit);
        Assert.Empty(JUnitSchema.Validate(xml));
        var doc = XDocument.Parse(xml);
        Assert.Equal(new[] { "Invariant TypeOK", "Deadlock" }, doc.Descendants("testcase").Select(c => (string)c.Attribute("name")));
        Assert.All(doc.Descendants("testcase"), c => Assert.False(c.HasElements));
    }

    [Theory]
    [InlineData("Assume", 10, "Assumptions", "failure")]
    [InlineData("Deadlock", 11, "Deadlock", "failure")]
    [InlineData("Assert", 14, "Assert", "failure")]
    [InlineData("EvalError", 75, JUnitReport.ErrorCaseName, "error")]
    [InlineData("ParseError", 150, JUnitReport.ErrorCaseName, "error")]
    public void JUnit_reports_every_kind_of_failure(string sample, int exit, string caseName, string element)
    {
        using var t = new TempSpecs();
        var tla = (string)typeof(S).GetField(sample).GetValue(null);
        var cfg = (string)typeof(S).GetField(sample + "Cfg")?.GetValue(null) ?? S.DeadlockCfg;
        var junit = t.File_("r.xml");
        var r = CliRun.Of("check", t.Spec(sample, tla, cfg), "-junit", junit);
        Assert.Equal(exit, r.Exit);
        var xml = File.ReadAllText(junit);
        Assert.Empty(JUnitSchema.Validate(xml));
        var c = XDocument.Parse(xml).Descendants("testcase").Single(e => (string)e.Attribute("name") == caseName);
        Assert.NotNull(c.Element(element));
    }

    [Fact]
    public void An_output_path_in_a_missing_folder_fails_before_the_check()
    {
        using var t = new TempSpecs();
        var r = CliRun.Of("check", t.Spec("Counter", S.Counter, S.CounterCfg), "-junit", t.File_("no/such/dir/r.xml"));
        Assert.Equal(255, r.Exit);
        Assert.Contains("cannot write -junit", r.Err);
        Assert.Contains("does not exist", r.Err);
        Assert.DoesNotContain("Ops model checker", r.Out);
    }

    [Fact]
    public void A_liveness_counterexample_is_a_lasso_in_every_output()
    {
        using var t = new TempSpecs();
        var itf = t.File_("live.itf.json");
        var junit = t.File_("live.xml");
        var r = CliRun.Of("check", TestPaths.Seed("syn_nodes_live.tla"), "-config", TestPaths.Seed("syn_nodes_live_lossy.cfg"), "-itf", itf, "-junit", junit, "-json", t.File_("live.json"));
        Assert.Equal(13, r.Exit);
        var doc = File.ReadAllText(itf);
        Assert.Empty(ItfSchema.Validate(doc));
        using var json = JsonDocument.Parse(doc);
        Assert.True(json.RootElement.TryGetProperty("loop", out var loop));
        Assert.InRange(loop.GetInt32(), 0, json.RootElement.GetProperty("states").GetArrayLength() - 1);
        var xml = File.ReadAllText(junit);
        Assert.Empty(JUnitSchema.Validate(xml));
        var failure = XDocument.Parse(xml).Descendants("failure").Single();
        Assert.Equal("temporal property", (string)failure.Attribute("type"));
        Assert.Contains("The following behavior constitutes a counter-example:", failure.Value);
        using var result = JsonDocument.Parse(File.ReadAllText(t.File_("live.json")));
        Assert.Equal("liveness failure", result.RootElement.GetProperty("result").GetString());
    }

    [Fact]
    public void The_shipped_seed_spec_reproduces_TLC_through_the_CLI()
    {
        var r = CliRun.Of("check", TestPaths.Seed("bank.tla"));
        Assert.Equal(0, r.Exit);
        Assert.Contains("2266 states generated, 220 distinct states found, 0 states left on queue.", r.Out);
    }
}
