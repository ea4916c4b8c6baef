using System.Text.Json;
using System.Xml.Linq;
using Ops.Tla.Checking;
using Ops.Tla.Output;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Output;

/// <summary>The shared outputs on hand-made results: every ITF value form, and JUnit's cases for every outcome.</summary>
public class OutputFormatTests
{
    private static readonly ModelValueTable Mv = new();

    private static CheckResult WithTrace(params Value[] values)
    {
        var names = values.Select((_, i) => "v" + i).ToArray();
        return new CheckResult
        {
            Outcome = CheckOutcome.SafetyFailure,
            ExitCode = 12,
            SpecPath = "/tmp/M.tla",
            Violation = new Violation { Kind = ViolationKind.Invariant, Property = "Inv", Message = "Invariant Inv is violated." },
            Invariants = { "Inv" },
            Trace = { new TraceState { Number = 1, Action = "Initial predicate", Variables = names, Values = values } },
        };
    }

    private static JsonElement State0(CheckResult r) => JsonDocument.Parse(ItfTrace.Serialize(r)).RootElement.GetProperty("states")[0];

    [Fact]
    public void Every_value_form_is_valid_ITF()
    {
        var r = WithTrace(
            IntValue.Of(-5),
            StringValue.Of("s \"q\""),
            BoolValue.True,
            Mv.Get("m1"),
            SetValue.From(new Value[] { IntValue.Of(2), IntValue.Of(1) }),
            FcnValue.Tuple(new Value[] { IntValue.Of(1), StringValue.Of("a") }),
            FcnValue.Record(new[] { "a", "b" }, new Value[] { IntValue.Of(1), BoolValue.False }),
            FcnValue.FromPairs(new Value[] { FcnValue.Tuple(new Value[] { IntValue.Of(1), IntValue.Of(2) }) }, new Value[] { StringValue.Of("pair") }),
            FcnValue.Record(new[] { "#tag" }, new Value[] { IntValue.Of(0) }),
            InfiniteSetValue.Nat,
            FcnValue.EmptyTuple,
            SetValue.From(Array.Empty<Value>()));
        var doc = ItfTrace.Serialize(r);
        Assert.Empty(ItfSchema.Validate(doc));
        var s = State0(r);
        Assert.Equal("-5", s.GetProperty("v0").GetProperty("#bigint").GetString());
        Assert.Equal("s \"q\"", s.GetProperty("v1").GetString());
        Assert.True(s.GetProperty("v2").GetBoolean());
        Assert.Equal("m1", s.GetProperty("v3").GetProperty("#unserializable").GetString());
        Assert.Equal("1", s.GetProperty("v4").GetProperty("#set")[0].GetProperty("#bigint").GetString());
        Assert.Equal("a", s.GetProperty("v5")[1].GetString());
        Assert.False(s.GetProperty("v6").GetProperty("b").GetBoolean());
        var pair = s.GetProperty("v7").GetProperty("#map")[0];
        Assert.Equal(JsonValueKind.Array, pair[0].ValueKind);
        Assert.Equal("pair", pair[1].GetString());
        Assert.Equal("#tag", s.GetProperty("v8").GetProperty("#map")[0][0].GetString()); // a '#' field cannot be a record field
        Assert.Equal("Nat", s.GetProperty("v9").GetProperty("#unserializable").GetString());
        Assert.Equal(0, s.GetProperty("v10").GetArrayLength());
        Assert.Equal(0, s.GetProperty("v11").GetProperty("#set").GetArrayLength());
        var meta = JsonDocument.Parse(doc).RootElement.GetProperty("#meta");
        Assert.Equal("ITF", meta.GetProperty("format").GetString());
        Assert.Equal("M.tla", meta.GetProperty("source").GetString());
        Assert.Equal("Inv", meta.GetProperty("property").GetString());
    }

    [Fact]
    public void A_lasso_has_its_loop_index()
    {
        var r = WithTrace(IntValue.Of(0));
        r.Trace.Add(new TraceState { Number = 2, Action = "Next", Variables = r.Trace[0].Variables, Values = new Value[] { IntValue.Of(1) } });
        r.LoopIndex = 0;
        var doc = ItfTrace.Serialize(r);
        Assert.Empty(ItfSchema.Validate(doc));
        Assert.Equal(0, JsonDocument.Parse(doc).RootElement.GetProperty("loop").GetInt32());
    }

    [Fact]
    public void No_trace_no_ITF_document()
    {
        Assert.Null(ItfTrace.Serialize(new CheckResult()));
        Assert.False(ItfTrace.WriteFile(new CheckResult(), Path.Combine(Path.GetTempPath(), "never.itf.json")));
    }

    [Fact]
    public void The_validator_rejects_what_ITF_forbids()
    {
        Assert.NotEmpty(ItfSchema.Validate("{\"states\": []}"));
        Assert.NotEmpty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{}]}"));
        Assert.NotEmpty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#bigint\": \"1.5\"}}]}"));
        Assert.NotEmpty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{\"x\": null}]}"));
        Assert.NotEmpty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{\"x\": 1}], \"loop\": 3}"));
        Assert.NotEmpty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#map\": [[1]]}}]}"));
        Assert.Empty(ItfSchema.Validate("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#tup\": [1, \"a\"]}}]}"));
    }

    private static XDocument JUnit(CheckResult r)
    {
        var xml = JUnitReport.Serialize(r, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Assert.Empty(JUnitSchema.Validate(xml));
        return XDocument.Parse(xml);
    }

    [Fact]
    public void JUnit_has_a_case_per_property_and_reports_a_postcondition()
    {
        var ok = new CheckResult
        {
            Outcome = CheckOutcome.Success,
            SpecPath = "/tmp/M.tla",
            ModelLoaded = true,
            Properties = { "Live", "Safe" },
            Assumptions = 2,
        };
        var doc = JUnit(ok);
        var cases = doc.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name"));
        Assert.Equal(new[] { "Assumptions", "Property Live", "Property Safe" }, cases.Keys);
        Assert.False(cases["Property Live"].HasElements);
        Assert.False(cases["Property Safe"].HasElements);
        Assert.Equal("2025-01-02T03:04:05", (string)doc.Root.Element("testsuite").Attribute("timestamp"));

        var post = new CheckResult
        {
            Outcome = CheckOutcome.SafetyFailure,
            ExitCode = 12,
            SpecPath = "/tmp/M.tla",
            ModelLoaded = true,
            Violation = new Violation { Kind = ViolationKind.Invariant, Property = "Post", Message = "Postcondition Post is violated." },
        };
        var failed = JUnit(post).Descendants("testcase").Single(c => c.Element("failure") != null);
        Assert.Equal("Post", (string)failed.Attribute("name"));
    }

    [Fact]
    public void JUnit_stays_well_formed_with_control_characters()
    {
        var r = WithTrace(StringValue.Of("bell\u0007 and \ud800 lone"));
        r.Violation.Message = "Invariant \u0001 is violated.";
        var doc = JUnit(r);
        Assert.Contains("\uFFFD", doc.Descendants("failure").Single().Value);
    }

    [Fact]
    public void A_model_with_nothing_to_verify_still_has_one_case()
    {
        var doc = JUnit(new CheckResult { Outcome = CheckOutcome.Success, SpecPath = "/tmp/M.tla", ModelLoaded = true });
        Assert.Equal(JUnitReport.ErrorCaseName, (string)doc.Descendants("testcase").Single().Attribute("name"));
    }

    [Fact]
    public void The_progress_schedule_reports_early_then_every_minute()
    {
        var s = new ProgressSchedule();
        var due = new List<int>();
        for (int t = 0; t <= 300; t++) if (s.Due(TimeSpan.FromSeconds(t))) due.Add(t);
        Assert.Equal(new[] { 5, 15, 30, 60, 120, 180, 240, 300 }, due);
        var every = ProgressSchedule.EveryPoll(TimeSpan.Zero);
        Assert.True(every.Due(TimeSpan.Zero) && every.Due(TimeSpan.Zero));
    }

    [Fact]
    public void The_progress_line_is_TLCs()
    {
        var p = new CheckProgress(7, 1234567, 89012, 345, TimeSpan.FromMinutes(2));
        // The first report of a run: its rates are over the two minutes since the start.
        Assert.Equal("Progress(7) at 2025-01-02 03:04:05: 1,234,567 states generated (617,283 s/min), 89,012 distinct states found (44,506 ds/min), 345 states left on queue.",
            ProgressReport.Line(p, new DateTime(2025, 1, 2, 3, 4, 5)));
        // A report a minute after the previous one: what was found in that minute.
        var next = new CheckProgress(9, 4234567, 99012, 1345, TimeSpan.FromMinutes(3));
        Assert.Equal("Progress(9) at 2025-01-02 03:05:05: 4,234,567 states generated (3,000,000 s/min), 99,012 distinct states found (10,000 ds/min), 1,345 states left on queue.",
            ProgressReport.Line(next, new DateTime(2025, 1, 2, 3, 5, 5), p));
        // As TLC: a report less than a minute after the start counts what was found as one minute's worth.
        var early = new CheckProgress(3, 709746, 239631, 101515, TimeSpan.FromSeconds(4));
        Assert.Equal("Progress(3) at 2025-01-02 03:04:05: 709,746 states generated (709,746 s/min), 239,631 distinct states found (239,631 ds/min), 101,515 states left on queue.",
            ProgressReport.Line(early, new DateTime(2025, 1, 2, 3, 4, 5)));
        Assert.Equal(617283, ProgressReport.StatesPerMinute(p));
        Assert.Equal(44506, ProgressReport.DistinctPerMinute(p));
    }
}
