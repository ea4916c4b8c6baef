using System.Xml;
using System.Xml.Linq;
using Ops.Cli;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary><c>ops jenkins-ecs check -html</c>: the page read as XML (well-formed XHTML): the file's verdict, each
/// cloud's verdict, settings, timeline, safe setting and the model's counterexample; names escaped.</summary>
public class ReportHtmlTests
{
    static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    static bool Has(XElement e, string cls) => ((string)e.Attribute("class") ?? "").Split(' ').Contains(cls);

    static (int Code, XDocument Page, string Text) Run(string yaml, params string[] more)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-jenkins-html-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var html = Path.Combine(dir, "report.html");
            var o = new StringWriter();
            var e = new StringWriter();
            int code = CliApp.Run(new[] { "jenkins-ecs", "check", TestFiles.Yaml(yaml), "-html", html }.Concat(more).ToArray(), o, e);
            Assert.Contains($"The report was written to {html} (HTML).", o.ToString());
            var text = File.ReadAllText(html);
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            return (code, XDocument.Load(reader), text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_unsafe_cloud_has_its_verdict_timeline_and_safe_setting()
    {
        var (code, page, _) = Run(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5));
        Assert.Equal(12, code);
        Assert.Equal("jenkins-ecs", (string)page.Root.Attribute("data-report"));
        Assert.Equal("12", (string)page.Descendants(X + "main").Single().Attribute("data-exit-code"));
        var verdict = page.Descendants().Single(d => (string)d.Attribute("id") == "verdict");
        Assert.True(Has(verdict, "fail"));
        Assert.Contains("1 of 1 ECS cloud(s) not safe", verdict.Value);
        var cloud = page.Descendants(X + "section").Single(s => Has(s, "cloud"));
        Assert.Equal("unsafe", (string)cloud.Attribute("data-verdict"));
        var timeline = cloud.Descendants(X + "table").Single(t => Has(t, "timeline"));
        var events = timeline.Descendants(X + "tr").Where(r => Has(r, "event")).ToList();
        Assert.Equal((string)timeline.Attribute("data-events"), events.Count.ToString());
        Assert.Contains(events, r => r.Value.Contains("launcher: DescribeTasks sees RUNNING"));
        Assert.True(Has(events[^1], "violation"));
        Assert.Contains("retention check", events[^1].Value);
        // With the default margin: the retention and the timeout together, safe if ECS and the agent are 50% slower.
        var suggestion = cloud.Descendants(X + "tr").Single(r => Has(r, "suggestion"));
        Assert.Equal("retentionTimeout", (string)suggestion.Attribute("data-key"));
        Assert.Equal("50", (string)suggestion.Attribute("data-margin-percent"));
        Assert.Contains("retentionTimeout with slaveTimeoutInSeconds", suggestion.Value);
        Assert.Contains("6 min, 315 s", suggestion.Value);
        Assert.Contains("tasks take up to 180 s to start, agents up to 135 s to connect and the queue up to 8 s to hand over the build (the assumed upper bounds + 50%)", suggestion.Value);
        // The settings the causes name are marked; the model's counterexample is the shared trace table.
        Assert.Contains(cloud.Descendants(X + "tr"), r => Has(r, "named") && (string)r.Attribute("data-key") == "taskPollingIntervalInSeconds");
        var trace = cloud.Descendants(X + "table").Single(t => Has(t, "trace"));
        Assert.True(trace.Descendants(X + "tr").Count(r => Has(r, "state")) > 1);
        Assert.Contains(trace.Descendants(X + "td"), c => Has(c, "changed"));
    }

    [Fact]
    public void A_safe_file_is_green_and_names_are_text()
    {
        var yaml = TestFiles.Cloud(poll: 150, timeout: 300, retention: 5, name: "\"<img src=x onerror=alert(1)>&\"");
        var (code, page, text) = Run(yaml);
        Assert.Equal(0, code);
        Assert.True(Has(page.Descendants().Single(d => (string)d.Attribute("id") == "verdict"), "ok"));
        Assert.Empty(page.Descendants(X + "img"));
        Assert.DoesNotContain("<img", text);
        Assert.Contains(page.Descendants(X + "h2"), h => h.Value == "Cloud <img src=x onerror=alert(1)>& (line 3)");
        Assert.Empty(page.Descendants(X + "table").Where(t => Has(t, "timeline")));
    }

    [Fact]
    public void Html_needs_a_writable_file()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(new[] { "jenkins-ecs", "check", TestFiles.Yaml(TestFiles.Cloud(poll: 150)), "-html", "/nonexistent-dir-ops/x.html" }, o, e);
        Assert.Equal(JenkinsExitCodes.Other, code);
        Assert.Contains("cannot write -html", e.ToString());
    }

    [Fact]
    public void Without_a_margin_the_page_shows_the_polling_interval_at_the_edge()
    {
        var (code, page, _) = Run(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5), "--margin", "0");
        Assert.Equal(12, code);
        var suggestion = page.Descendants(X + "tr").Single(r => Has(r, "suggestion"));
        Assert.Equal("taskPollingIntervalInSeconds", (string)suggestion.Attribute("data-key"));
        Assert.Equal("0", (string)suggestion.Attribute("data-margin-percent"));
        Assert.Contains("295 s", suggestion.Value);
        Assert.Contains("no margin", suggestion.Value);
    }
}
