using System.Xml;
using System.Xml.Linq;
using Ops.Cli;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>The plan's HTML page (<c>ops pglogical plan|check --html</c>) read as XML: the plan table, the problems,
/// the check's divergences; no password anywhere, user text escaped.</summary>
public class PlanHtmlTests
{
    static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    const string Secret = "s3cr3t-Pa55";

    static bool Has(XElement e, string cls) => ((string)e.Attribute("class") ?? "").Split(' ').Contains(cls);

    static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    static ReplicationPlan Plan(bool strict)
    {
        var inv = Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("public", "events"), Inv.Table("public", "<b>odd&name</b>", "id"));
        inv.Connection = $"host=db1 dbname=app user=ops password={Secret}";
        inv.NodeName = null;
        return Planner.Build(inv, new PlanOptions { Strict = strict, CreateNodeName = "provider", NodeDsn = $"host=db1 dbname=app password={Secret}" });
    }

    [Fact]
    public void The_plan_page_has_the_table_and_no_password()
    {
        var plan = Plan(strict: false);
        var text = PlanHtml.Render(plan);
        Assert.DoesNotContain(Secret, text);
        var page = Parse(text);
        Assert.Equal("pglogical-plan", (string)page.Root.Attribute("data-report"));
        Assert.True(Has(page.Descendants().Single(d => (string)d.Attribute("id") == "verdict"), "ok"));
        var table = page.Descendants(X + "table").Single(t => Has(t, "plan"));
        var rows = table.Descendants(X + "tr").Where(r => Has(r, "item")).ToList();
        Assert.Equal(plan.Items.Count, rows.Count);
        Assert.Equal(plan.Items.Select(i => i.Action == PlanAction.Add ? "add" : i.Action.ToString().ToLowerInvariant()), rows.Select(r => (string)r.Attribute("data-action")));
        var events = rows.Single(r => r.Descendants(X + "code").Any(c => c.Value == "public.events"));
        Assert.Contains("default_insert_only", events.Value);
        Assert.Contains(rows, r => r.Descendants(X + "code").Any(c => c.Value == "public.\"<b>odd&name</b>\""));
        Assert.Empty(page.Descendants(X + "b"));
        Assert.Contains(page.Descendants(X + "li"), li => li.Value.StartsWith("node provider (host=db1 dbname=app password=********"));
        Assert.Contains("password=********", page.Descendants(X + "dd").Single(d => Has(d, "connection")).Value);
    }

    [Fact]
    public void Problems_are_listed_with_their_fixes()
    {
        var plan = Plan(strict: true);
        Assert.False(plan.IsValid);
        var page = Parse(PlanHtml.Render(plan));
        Assert.Equal("false", (string)page.Descendants(X + "main").Single().Attribute("data-valid"));
        Assert.True(Has(page.Descendants().Single(d => (string)d.Attribute("id") == "verdict"), "fail"));
        var problems = page.Descendants(X + "li").Where(li => Has(li, "problem")).ToList();
        Assert.Equal(plan.Problems.Count, problems.Count);
        Assert.All(problems, p => Assert.Contains("fix: ", p.Value));
    }

    [Fact]
    public void A_check_page_shows_the_divergences_and_the_cli_writes_it()
    {
        // An insert-only table that the application also updates: the check finds the subscriber can differ.
        var inv = Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("public", "events"));
        var dir = Path.Combine(Path.GetTempPath(), "ops-pg-html-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var invFile = Path.Combine(dir, "inv.json");
            File.WriteAllText(invFile, PlanText.ToJson(inv));
            var html = Path.Combine(dir, "check.html");
            var o = new StringWriter();
            var e = new StringWriter();
            int code = CliApp.Run(new[] { "pglogical", "check", "--inventory", invFile, "--writes", "public.events=insert,update", "--html", html }, o, e);
            Assert.Contains($"The report was written to {html} (HTML).", o.ToString());
            var page = Parse(File.ReadAllText(html));
            var main = page.Descendants(X + "main").Single();
            Assert.Equal(code == 0 ? "passed" : "failed", (string)main.Attribute("data-check"));
            Assert.Equal(12, code);
            var divergences = page.Descendants(X + "div").Where(d => Has(d, "divergence")).ToList();
            Assert.NotEmpty(divergences);
            Assert.Contains(divergences, d => ((string)d.Attribute("data-object") ?? "").Contains("events"));
            Assert.All(divergences, d => Assert.NotEmpty(d.Descendants(X + "ol").Single().Elements(X + "li")));

            var plan = CliApp.Run(new[] { "pglogical", "plan", "--inventory", invFile, "--html", Path.Combine(dir, "plan.html") }, o, e);
            Assert.Equal(0, plan);
            Assert.Null((string)Parse(File.ReadAllText(Path.Combine(dir, "plan.html"))).Descendants(X + "main").Single().Attribute("data-check"));
            Assert.Equal(2, CliApp.Run(new[] { "pglogical", "inventory", "--html", Path.Combine(dir, "x.html") }, o, e));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
