using System.Text.RegularExpressions;
using Ops.Tla.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Tests.Output.Html;

/// <summary>
/// The report pages in a real browser: headless Chromium loads each page from a file (nothing from the network: the
/// page's policy forbids it), the DOM after the page's script ran must hold the trace rows, the highlighted cells and
/// the graph's nodes, the script must have finished without error (it sets data-script="done"; an error sets
/// data-script-error), and a screenshot must be a PNG of the window's size showing the page's colours (the verdict
/// banner, the highlighted cells). Skipped with a note without chromium, except under CI=true where it fails.
/// One class: the pages load one after the other.
/// </summary>
public class BrowserTests
{
    private const int Width = 1280, Height = 1600;
    private readonly ITestOutputHelper _out;

    public BrowserTests(ITestOutputHelper output) => _out = output;

    private Chromium Browser()
    {
        var c = Chromium.Find();
        if (c == null)
        {
            if (Chromium.InCi) Assert.Fail("chromium is not installed (CI=true): .ci/run installs it with apt-get install -y chromium");
            _out.WriteLine("skipped: chromium not found (apt-get install -y chromium, or OPS_CHROMIUM=PATH)");
        }
        return c;
    }

    private static string Page(TempSpecs t, string name, string tla, string cfg, int exit)
    {
        var html = t.File_(name + ".html");
        var run = CliRun.Of("check", t.Spec(name, tla, cfg), "-html", html);
        Assert.Equal(exit, run.Exit);
        return html;
    }

    private static int Count(string dom, string pattern) => Regex.Matches(dom, pattern).Count;

    /// <summary>The script ran to its end and reported no error.</summary>
    private static void ScriptRan(string dom)
    {
        var root = Regex.Match(dom, "<html[^>]*>").Value;
        Assert.Contains("data-script=\"done\"", root);
        Assert.DoesNotContain("data-script-error", root);
    }

    private Png Shot(Chromium c, TempSpecs t, string html)
    {
        var png = Png.Read(c.Screenshot(html, t.Dir, Width, Height));
        Assert.Equal(Width, png.Width);
        Assert.Equal(Height, png.Height);
        var inked = png.NonWhite();
        _out.WriteLine($"{Path.GetFileName(html)}: {inked:P1} of the pixels not white");
        Assert.InRange(inked, 0.02, 0.9);
        return png;
    }

    [Fact]
    public void A_violation_page_renders_its_trace_table_and_graph()
    {
        var c = Browser();
        if (c == null) return;
        using var t = new TempSpecs();
        var html = Page(t, "Hostile", CheckReportHtmlTests.Hostile, CheckReportHtmlTests.HostileCfg, 12);
        var dom = c.DumpDom(html, t.Dir);
        ScriptRan(dom);
        Assert.Equal(3, Count(dom, "<tr class=\"state[^\"]*\""));
        Assert.Equal(2, Count(dom, "<td class=\"value changed\""));
        Assert.Equal(3, Count(dom, "<g class=\"node[^\"]* trace"));
        Assert.True(Count(dom, "<g class=\"node") >= 3);
        // The hostile value stayed text: the only script element is the page's own.
        Assert.Equal(1, Count(dom, "<script"));
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", dom);
        // The browser's parse is the one intended (an HTML parser reads <span/> as an open span): the legend's swatches are empty.
        Assert.Equal(2, Count(dom, "<span class=\"swatch\"[^>]*></span>"));
        // Rows and nodes linked by the script: three rows and three (or more) nodes carry data-node.
        Assert.Matches("data-linked=\"([6-9]|\\d\\d+)\"", Regex.Match(dom, "<html[^>]*>").Value);

        var png = Shot(c, t, html);
        Assert.True(png.Count("#fdecea") > 2000, "the red verdict banner is not visible");
        Assert.True(png.Count("#ffe58a") > 100, "no highlighted cell is visible");
    }

    [Fact]
    public void A_lasso_page_renders_the_loop()
    {
        var c = Browser();
        if (c == null) return;
        using var t = new TempSpecs();
        var html = Page(t, "Cycle", CheckReportHtmlTests.Cycle, CheckReportHtmlTests.CycleCfg, 13);
        var dom = c.DumpDom(html, t.Dir);
        ScriptRan(dom);
        Assert.Equal(9, Count(dom, "<tr class=\"state[^\"]*\""));
        Assert.Equal(1, Count(dom, "<tr class=\"state loop-start"));
        Assert.Equal(1, Count(dom, "<tr class=\"back-edge\""));
        Assert.Equal(1, Count(dom, "<path class=\"edge trace back\""));
        Assert.Equal(9, Count(dom, "<g class=\"node"));

        var png = Shot(c, t, html);
        Assert.True(png.Count("#f5effc") > 500, "the back-edge row is not visible");
    }

    [Fact]
    public void A_success_page_renders_the_graph_without_a_trace()
    {
        var c = Browser();
        if (c == null) return;
        using var t = new TempSpecs();
        var html = Page(t, "Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg, 0);
        var dom = c.DumpDom(html, t.Dir);
        ScriptRan(dom);
        Assert.Equal(0, Count(dom, "<tr class=\"state"));
        Assert.Equal(3, Count(dom, "<g class=\"node"));
        var png = Shot(c, t, html);
        Assert.True(png.Count("#e7f4e8") > 2000, "the green verdict banner is not visible");
    }

    [Fact]
    public void The_Jenkins_ECS_page_renders_each_clouds_verdict_and_timeline()
    {
        var c = Browser();
        if (c == null) return;
        using var t = new TempSpecs();
        var html = t.File_("jenkins.html");
        var run = CliRun.Of("jenkins-ecs", "check", Path.Combine(TestPaths.RepoRoot, "examples", "jenkins", "jenkins.yaml"), "-html", html);
        Assert.Equal(12, run.Exit);
        var dom = c.DumpDom(html, t.Dir);
        ScriptRan(dom);
        Assert.Equal(3, Count(dom, "<section class=\"cloud\""));
        Assert.Equal(1, Count(dom, "<section class=\"cloud\" id=\"cloud-\\d\" data-verdict=\"unsafe\""));
        Assert.True(Count(dom, "<tr class=\"event") >= 5);
        Assert.Equal(1, Count(dom, "<tr class=\"suggestion\""));
        var png = Shot(c, t, html);
        Assert.True(png.Count("#fdecea") > 2000, "the red verdict banner is not visible");
    }

    [Fact]
    public void The_pglogical_plan_page_renders_the_plan_table_and_problems()
    {
        var c = Browser();
        if (c == null) return;
        using var t = new TempSpecs();
        Ops.Pglogical.Inventory.RelationInfo Table(string name, params string[] pk) => new()
        {
            Schema = "public", Name = name, Kind = Ops.Pglogical.Inventory.RelationKind.Table, PrimaryKey = pk.ToList(), HasRows = true,
            Columns = pk.Append("v").Select((col, i) => new Ops.Pglogical.Inventory.ColumnInfo { Name = col, Number = i + 1, Type = "text", NotNull = pk.Contains(col) }).ToList(),
        };
        var inv = new Ops.Pglogical.Inventory.DatabaseInventory
        {
            Connection = "host=db1 dbname=app user=ops password=hunter2", Database = "app", ServerVersion = "15.18", ServerVersionNum = 150018,
            WalLevel = "logical", SharedPreloadLibraries = "pglogical", PglogicalAvailable = true, PglogicalVersion = "2.4.2",
            MaxReplicationSlots = 10, MaxWalSenders = 10, MaxWorkerProcesses = 16, NodeName = "provider",
            ReplicationSets = Ops.Pglogical.Planning.Planner.NodeDefaultSets.ToList(),
            Relations = new() { Table("orders", "id"), Table("events"), Table("audit") },
            Schemas = new() { "public" },
        };
        var invFile = t.File_("inv.json");
        File.WriteAllText(invFile, Ops.Pglogical.Output.PlanText.ToJson(inv));
        var html = t.File_("plan.html");
        var run = CliRun.Of("pglogical", "plan", "--inventory", invFile, "--strict", "--html", html);
        Assert.Equal(1, run.Exit);
        var dom = c.DumpDom(html, t.Dir);
        ScriptRan(dom);
        Assert.DoesNotContain("hunter2", dom);
        Assert.Equal(3, Count(dom, "<tr class=\"item "));
        Assert.True(Count(dom, "<li class=\"problem\"") >= 2);
        var png = Shot(c, t, html);
        Assert.True(png.Count("#fdecea") > 2000, "the red verdict banner is not visible");
    }
}
