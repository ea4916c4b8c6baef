using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace Ops.Domain.Tests;

/// <summary>The shared renderers of a report: the text the CLI prints, the JSON pipelines parse, the JUnit file CI
/// shows; each in the domain's words.</summary>
public class ReportRenderingTests
{
    internal static readonly DomainWords Words = new("queue", "the queue configuration", "model: {0} of specs/ops/queue.tla is violated by this behaviour:")
    {
        SubjectNoun = "queue",
        SubjectJsonName = "queue", PropertyJsonName = "invariant",
        Redact = s => s.Replace("hunter2", "********"),
    };

    internal sealed class QueueReport() : Report(Words)
    {
        public string Name { get; init; }
        public override string Title => $"queue {Name}";
        public override void WriteJsonFacts(Utf8JsonWriter w) => w.WriteString("name", Name);
    }

    private static QueueReport Failed()
    {
        var r = new QueueReport { Name = "orders" };
        r.Findings.Add(new Finding { Code = "NoDeadLetter", Subject = "orders", Message = "a message that fails 3 times is lost", Fix = "set deadLetter: orders-dlq", Property = "NoMessageLost", Trace = { "1. a consumer takes m1", "2. it fails three times: m1 is dropped" } });
        r.Findings.Add(new Finding { Severity = Severity.Warning, Code = "Unused", File = "queue.yaml", Line = 4, Column = 3, Message = "retention is not used (password hunter2)" });
        r.ModelRuns.Add("safety failure: 12 states generated, 9 distinct, depth 4 (NoMessageLost)");
        return r;
    }

    private static QueueReport Planned()
    {
        var r = new QueueReport { Name = "orders" };
        r.Plan.Add(new PlanStep("CreateQueue", "orders", "create queue orders with 3 partitions", _ => Task.FromResult<string>(null)));
        r.Plan.Add(new PlanStep("Wait", "orders", "wait until orders is ready", _ => Task.FromResult<string>(null)) { OnlyAfterChange = true });
        r.ModelRuns.Add("success: 30 states generated, 18 distinct, depth 8");
        return r;
    }

    [Fact]
    public void Text_lists_the_findings_with_fix_model_line_and_trace_then_the_verdict()
    {
        var text = Failed().ToText();
        Assert.Equal(string.Join(Environment.NewLine,
            "ERROR [NoDeadLetter] queue orders: a message that fails 3 times is lost",
            "  fix: set deadLetter: orders-dlq",
            "  model: NoMessageLost of specs/ops/queue.tla is violated by this behaviour:",
            "    1. a consumer takes m1",
            "    2. it fails three times: m1 is dropped",
            "WARNING [Unused] queue.yaml:4:3: retention is not used (password ********)",
            "model: safety failure: 12 states generated, 9 distinct, depth 4 (NoMessageLost)",
            "1 error(s): nothing was changed.",
            ""), text);
    }

    [Fact]
    public void Text_of_a_passed_check_is_the_numbered_plan_or_up_to_date()
    {
        Assert.EndsWith(string.Join(Environment.NewLine,
            "Plan for queue orders (2 step(s)):",
            "  1. CreateQueue orders: create queue orders with 3 partitions",
            "  2. Wait orders: wait until orders is ready",
            ""), Planned().ToText());
        Assert.Equal("queue q: up to date, no changes." + Environment.NewLine, new QueueReport { Name = "q" }.ToText());
    }

    [Fact]
    public void Json_has_the_domains_facts_and_names_then_the_shared_fields()
    {
        using var doc = JsonDocument.Parse(Failed().ToJson());
        var root = doc.RootElement;
        Assert.Equal(new[] { "name", "passed", "findings", "plan", "model", "applied" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("orders", root.GetProperty("name").GetString());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("applied").ValueKind);
        var error = root.GetProperty("findings")[0];
        Assert.Equal(new[] { "severity", "code", "queue", "message", "fix", "invariant", "trace" }, error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.Equal("NoMessageLost", error.GetProperty("invariant").GetString());
        Assert.Equal(2, error.GetProperty("trace").GetArrayLength());
        var warning = root.GetProperty("findings")[1];
        Assert.Equal(JsonValueKind.Null, warning.GetProperty("queue").ValueKind);
        Assert.Equal("queue.yaml", warning.GetProperty("file").GetString());
        Assert.Equal(4, warning.GetProperty("line").GetInt32());
        Assert.Equal(3, warning.GetProperty("column").GetInt32());
        Assert.Contains("********", warning.GetProperty("message").GetString());
        Assert.DoesNotContain("hunter2", Failed().ToJson());
    }

    [Fact]
    public void Json_of_an_apply_lists_what_was_applied()
    {
        var apply = new ApplyResult<QueueReport> { Check = Planned() };
        apply.Applied.Add(apply.Check.Plan[0].ToString());
        using var doc = JsonDocument.Parse(apply.ToJson());
        Assert.Equal("CreateQueue", doc.RootElement.GetProperty("plan")[0].GetProperty("kind").GetString());
        Assert.Equal("CreateQueue orders: create queue orders with 3 partitions", doc.RootElement.GetProperty("applied")[0].GetString());
    }

    [Fact]
    public void JUnit_fails_one_case_per_error_and_the_check_and_passes_warnings()
    {
        var xml = XDocument.Parse(ReportJUnit.Format(Failed()));
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("ops queue: queue orders", suite.Attribute("name")!.Value);
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(new[] { "NoDeadLetter queue orders", "Unused queue.yaml:4:3", "check" }, cases.Select(c => c.Attribute("name")!.Value));
        var failure = cases[0].Element("failure")!;
        Assert.Equal("NoMessageLost", failure.Attribute("type")!.Value);
        Assert.Contains("fix: set deadLetter: orders-dlq", failure.Value);
        Assert.Contains("2. it fails three times: m1 is dropped", failure.Value);
        Assert.Null(cases[1].Element("failure"));
        Assert.Contains("********", cases[1].Element("system-out")!.Value);
        Assert.Equal("1 error(s): nothing was changed", cases[2].Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void JUnit_of_a_passed_check_is_one_passing_case_with_the_plan()
    {
        var xml = XDocument.Parse(ReportJUnit.Format(Planned()));
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        var check = Assert.Single(suite.Elements("testcase"));
        Assert.Contains("1. CreateQueue orders", check.Element("system-out")!.Value);
    }
}
