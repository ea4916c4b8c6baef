using System.Text.Json;
using System.Xml.Linq;
using Ops.PowerShell;
using Ops.Tla.Output.Html;
using Ops.Tla.Tests.Cli;
using Xunit;
using static Ops.Tla.Tests.Output.Html.HtmlDoc;

namespace Ops.Tla.Tests.Output.Html;

/// <summary>The structure of <c>ops check -html</c> pages, read as XML: verdict, figures, the counterexample table
/// (rows, highlighted cells, a lasso's loop), the state graph, and escaping of the specification's own text.</summary>
public class CheckReportHtmlTests
{
    /// <summary>Values that would be markup if they were not escaped.</summary>
    public const string Hostile = """
        ---- MODULE Hostile ----
        EXTENDS Naturals
        VARIABLES x, y, note
        Init == x = 0 /\ y = 0 /\ note = "<script>alert('x')</script> & \"quoted\" ]]> <b>"
        IncX == x < 2 /\ x' = x + 1 /\ UNCHANGED <<y, note>>
        IncY == y < 2 /\ y' = y + 1 /\ UNCHANGED <<x, note>>
        Next == IncX \/ IncY
        NotBoth == ~(x = 1 /\ y = 1)
        ====
        """;
    public const string HostileCfg = "INIT Init\nNEXT Next\nINVARIANT NotBoth\n";

    /// <summary>A lasso back to the initial state: pc cycles a, b, c while n goes 0, 1, 2, 0.</summary>
    public const string Cycle = """
        ---- MODULE Cycle ----
        EXTENDS Naturals
        VARIABLES pc, n
        Init == pc = "a" /\ n = 0
        A == pc = "a" /\ pc' = "b" /\ n' = (n + 1) % 3
        B == pc = "b" /\ pc' = "c" /\ UNCHANGED n
        C == pc = "c" /\ pc' = "a" /\ UNCHANGED n
        Next == A \/ B \/ C
        Spec == Init /\ [][Next]_<<pc, n>> /\ WF_<<pc, n>>(Next)
        Never == <>(n = 5)
        ====
        """;
    public const string CycleCfg = "SPECIFICATION Spec\nPROPERTY Never\n";

    /// <summary>No fairness: the behaviour may stop anywhere (stuttering).</summary>
    public const string Stutter = """
        ---- MODULE Stutter ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % 3
        Spec == Init /\ [][Next]_x
        Reaches == <>(x = 2)
        ====
        """;
    public const string StutterCfg = "SPECIFICATION Spec\nPROPERTY Reaches\n";

    public const string Big = """
        ---- MODULE Big ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % 300
        ====
        """;
    public const string BigCfg = "INIT Init\nNEXT Next\n";

    private static (CliRun Run, HtmlDoc Page, JsonElement Json) Check(TempSpecs t, string name, string tla, string cfg, params string[] more)
    {
        var spec = t.Spec(name, tla, cfg);
        var html = t.File_(name + ".html");
        var json = t.File_(name + ".json");
        var run = CliRun.Of(new[] { "check", spec, "-html", html, "-json", json }.Concat(more).ToArray());
        Assert.Contains($"The report was written to {html} (HTML).", run.Out);
        return (run, HtmlDoc.Load(html), JsonDocument.Parse(File.ReadAllText(json)).RootElement);
    }

    [Fact]
    public void A_violation_page_has_the_verdict_figures_and_the_trace_with_changed_cells_highlighted()
    {
        using var t = new TempSpecs();
        var (run, page, json) = Check(t, "Hostile", Hostile, HostileCfg);
        Assert.Equal(12, run.Exit);
        Assert.Equal("check", (string)page.Root.Attribute("data-report"));
        var main = page.All("main").Single();
        Assert.Equal("safety failure", (string)main.Attribute("data-outcome"));
        Assert.Equal("12", (string)main.Attribute("data-exit-code"));
        var verdict = page.ById("verdict");
        Assert.True(HasClass(verdict, "fail"));
        Assert.Contains("Invariant NotBoth is violated.", verdict.Value);
        var figures = page.ById("figures");
        string Figure(string cls) => figures.Elements(X + "dd").Single(d => HasClass(d, cls)).Value;
        Assert.Equal(json.GetProperty("statesGenerated").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Figure("generated"));
        Assert.Equal(json.GetProperty("distinctStates").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Figure("distinct"));
        Assert.Equal("3", Figure("depth"));
        Assert.StartsWith("12 \u2014 a safety property", Figure("exit-code"));
        Assert.Equal("NotBoth", page.ById("violation").Descendants(X + "dd").Single(d => HasClass(d, "property")).Value);

        // The trace: (0,0) -IncX-> (1,0) -IncY-> (1,1); columns State, Action, x, y, note.
        var headers = page.All("table", "trace").Single().Descendants(X + "th").Select(h => h.Value).ToList();
        Assert.Equal(new[] { "State", "Action", "x", "y", "note" }, headers);
        var rows = page.TraceRows();
        Assert.Equal(3, rows.Count);
        Assert.Equal(new[] { "1", "2", "3" }, rows.Select(r => (string)r.Attribute("data-state")));
        Assert.True(HasClass(rows[2], "violation"));
        var changed = rows.Select(r => Cells(r).Skip(2).Select(c => HasClass(c, "changed")).ToArray()).ToList();
        Assert.Equal(new[] { false, false, false }, changed[0]);
        Assert.Equal(new[] { true, false, false }, changed[1]);
        Assert.Equal(new[] { false, true, false }, changed[2]);
        var action = Cells(rows[1])[1];
        Assert.Equal("IncX", action.Elements(X + "span").First().Value);
        Assert.Equal("line 5, col 9 to line 5, col 52 of module Hostile", action.Elements(X + "span").Single(s => HasClass(s, "location")).Value);

        // The specification's text is text: one script (the page's own), the value intact in its cell.
        Assert.Single(page.All("script"));
        Assert.Empty(page.All("b"));
        Assert.Equal("\"<script>alert('x')</script> & \\\"quoted\\\" ]]> <b>\"", Cells(rows[0])[4].Value);
        Assert.DoesNotContain("<script>alert", page.Text);
    }

    [Fact]
    public void The_state_graph_of_a_small_check_is_drawn_with_the_trace_highlighted()
    {
        using var t = new TempSpecs();
        var (_, page, json) = Check(t, "Hostile", Hostile, HostileCfg);
        var svg = page.All("svg", "state-graph").Single();
        var nodes = page.All("g", "node").ToList();
        Assert.Equal(json.GetProperty("distinctStates").GetInt64(), nodes.Count);
        Assert.Equal(nodes.Count.ToString(), (string)svg.Attribute("data-nodes"));
        Assert.Single(nodes, n => HasClass(n, "initial"));
        // The trace's three states are highlighted and linked to their rows; the last one is the violation.
        var onTrace = nodes.Where(n => HasClass(n, "trace")).Select(n => (string)n.Attribute("data-node")).ToList();
        Assert.Equal(3, onTrace.Count);
        Assert.Equal(page.TraceRows().Select(r => (string)r.Attribute("data-node")), onTrace);
        Assert.True(HasClass(nodes.Single(n => HasClass(n, "violation")), "trace"));
        // Two steps of the trace among the edges, each with an arrowhead of the graph's own markers.
        var edges = page.All("path", "edge").ToList();
        Assert.Equal(2, edges.Count(e => HasClass(e, "trace")));
        var id = (string)svg.Attribute("id");
        Assert.All(edges, e => Assert.StartsWith($"url(#{id}-", (string)e.Attribute("marker-end")));
        Assert.Equal(3, svg.Descendants(Svg + "marker").Count());
        // Every node's tooltip is the state as TLC prints it.
        Assert.Contains(nodes, n => n.Element(Svg + "title").Value.Contains("/\\ x = 0\n/\\ y = 0"));
    }

    [Fact]
    public void A_lasso_marks_the_state_it_returns_to_and_the_step_back()
    {
        using var t = new TempSpecs();
        var (run, page, _) = Check(t, "Cycle", Cycle, CycleCfg);
        Assert.Equal(13, run.Exit);
        var rows = page.TraceRows();
        Assert.Equal(9, rows.Count);
        Assert.True(HasClass(rows[0], "loop-start"));
        Assert.All(rows, r => Assert.True(HasClass(r, "in-loop")));
        Assert.DoesNotContain(rows, r => HasClass(r, "violation"));
        var back = page.TraceRows("back-edge").Single();
        Assert.Equal("1", (string)back.Attribute("data-state"));
        Assert.Contains("back to state 1", back.Value);
        // The step back (C: pc "c" -> "a") changes pc only.
        Assert.Equal(new[] { true, false }, Cells(back).Skip(2).Select(c => HasClass(c, "changed")));
        Assert.Equal("C", Cells(back)[1].Elements(X + "span").First().Value);
        // In the graph: the back edge from state 9 of the trace to the first one, and the loop's state.
        var loop = page.All("g", "loop").Single();
        Assert.Equal((string)rows[0].Attribute("data-node"), (string)loop.Attribute("data-node"));
        var backEdge = page.All("path", "edge").Single(e => HasClass(e, "back"));
        Assert.Equal((string)rows[^1].Attribute("data-node"), (string)backEdge.Attribute("data-from"));
        Assert.Equal((string)rows[0].Attribute("data-node"), (string)backEdge.Attribute("data-to"));
        Assert.True(HasClass(page.ById("verdict"), "fail"));
    }

    [Fact]
    public void A_behaviour_that_ends_stuttering_has_a_stuttering_row()
    {
        using var t = new TempSpecs();
        var (run, page, _) = Check(t, "Stutter", Stutter, StutterCfg);
        Assert.Equal(13, run.Exit);
        var stutter = page.TraceRows("stuttering").Single();
        Assert.Contains("Stuttering", stutter.Value);
        Assert.Empty(page.TraceRows("back-edge"));
        var rows = page.TraceRows();
        Assert.True(HasClass(rows[^1], "loop-start"));
        Assert.Single(page.All("path", "edge"), e => HasClass(e, "stutter"));
    }

    [Fact]
    public void A_success_page_has_no_trace_and_draws_the_whole_graph()
    {
        using var t = new TempSpecs();
        var (run, page, _) = Check(t, "Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        Assert.Equal(0, run.Exit);
        Assert.True(HasClass(page.ById("verdict"), "ok"));
        Assert.Empty(page.All("table", "trace"));
        Assert.Null(page.ById("counterexample"));
        Assert.Equal(3, page.All("g", "node").Count());
        Assert.Equal(3, page.All("path", "edge").Count());
        Assert.Empty(page.All("g", "trace"));
        Assert.StartsWith("0 \u2014 success", page.ById("figures").Elements(X + "dd").Single(d => HasClass(d, "exit-code")).Value);
    }

    [Fact]
    public void A_graph_over_the_limit_or_a_parallel_search_is_not_drawn_and_the_page_says_why()
    {
        using var t = new TempSpecs();
        var (_, big, _) = Check(t, "Big", Big, BigCfg);
        Assert.Empty(big.All("svg"));
        Assert.Contains("more than 200 states", big.ById("state-graph").Value);

        var (_, parallel, _) = Check(t, "Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg, "-workers", "2");
        Assert.Empty(parallel.All("svg"));
        Assert.Contains("-workers 1", parallel.ById("state-graph").Value);
    }

    [Fact]
    public void Errors_get_a_page_with_the_message_and_its_place()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("ParseError", TempSpecs.Samples.ParseError, TempSpecs.Samples.CounterCfg);
        var html = t.File_("p.html");
        var run = CliRun.Of("check", spec, "-html", html);
        Assert.Equal(150, run.Exit);
        var page = HtmlDoc.Load(html);
        Assert.True(HasClass(page.ById("verdict"), "error"));
        var where = page.ById("violation").Descendants(X + "dd").Single(d => HasClass(d, "location")).Value;
        Assert.Contains("ParseError.tla:", where);
        Assert.StartsWith("150 \u2014 the specification does not parse", page.ById("figures").Elements(X + "dd").Single(d => HasClass(d, "exit-code")).Value);
        Assert.DoesNotContain(page.ById("figures").Elements(X + "dd"), d => HasClass(d, "generated"));
    }

    [Fact]
    public void Html_needs_a_file_that_can_be_written()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        var bad = CliRun.Of("check", spec, "-html", Path.Combine(t.Dir, "missing", "r.html"));
        Assert.Equal(255, bad.Exit);
        Assert.Contains("cannot write -html", bad.Err);
        Assert.Equal(255, CliRun.Of("check", spec, "-html", "-").Exit);
    }

    [Fact]
    public void With_dump_the_graph_goes_to_both_and_agrees()
    {
        using var t = new TempSpecs();
        var (_, page, _) = Check(t, "Hostile", Hostile, HostileCfg, "-dump", "dot", t.File_("g.dot"));
        var dot = File.ReadAllText(t.File_("g.dot"));
        int dotNodes = dot.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^\\d+ \\[label="));
        Assert.Equal(dotNodes, page.All("g", "node").Count());
    }

    [Fact]
    public void Invoke_ModelCheck_ReportPath_writes_the_page_one_per_specification_in_a_folder()
    {
        using var t = new TempSpecs();
        var file = t.File_("r.html");
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("Cycle", Cycle, CycleCfg), ReportPath = file });
        Assert.Equal(file, r.ReportPath);
        Assert.Equal(9, HtmlDoc.Load(file).TraceRows().Count);
        Assert.NotEmpty(HtmlDoc.Load(file).All("g", "loop"));

        var folder = Directory.CreateDirectory(t.File_("reports")).FullName;
        var reports = new ModelCheckReportFiles();
        foreach (var (name, tla, cfg) in new[] { ("Cycle", Cycle, CycleCfg), ("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg) })
            ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec(name, tla, cfg), ReportPath = folder }, reports: reports);
        Assert.True(HasClass(HtmlDoc.Load(Path.Combine(folder, "Counter.html")).ById("verdict"), "ok"));
        Assert.True(HasClass(HtmlDoc.Load(Path.Combine(folder, "Cycle.html")).ById("verdict"), "fail"));

        // One file for two specifications: the second is refused with the way out.
        var one = new ModelCheckReportFiles();
        ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("Cycle", Cycle, CycleCfg), ReportPath = file }, reports: one);
        var e = Assert.Throws<IOException>(() => ModelCheckService.Run(new ModelCheckRequest { Path = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg), ReportPath = file }, reports: one));
        Assert.Contains("give -ReportPath a folder", e.Message);
    }
}

/// <summary>The page builder and the layout on their own.</summary>
public class HtmlPageTests
{
    [Fact]
    public void Text_and_attributes_are_escaped_and_forbidden_characters_replaced()
    {
        var page = new HtmlPage("t <&> \"", "test");
        page.Open("p", "title", "a\"b'c<d>&\n").Text("x < y && z > \u0001 \ud800 ]]>").Close("p");
        var doc = HtmlDoc.Parse(page.Render());
        var p = doc.All("p").Single();
        Assert.Equal("a\"b'c<d>&\n", (string)p.Attribute("title"));
        Assert.Equal("x < y && z > \uFFFD \uFFFD ]]>", p.Value);
        Assert.Equal("t <&> \"", doc.All("title").Single().Value);
    }

    [Fact]
    public void Markup_mistakes_are_refused()
    {
        var page = new HtmlPage("t", "test");
        Assert.Throws<ArgumentException>(() => page.Open("p onclick=x"));
        Assert.Throws<ArgumentException>(() => page.Open("p", "on click", "x"));
        Assert.Throws<ArgumentException>(() => page.Empty("span"));
        page.Empty("br").Empty("rect");
        page.Open("div");
        Assert.Throws<InvalidOperationException>(() => page.Close("p"));
        Assert.Throws<InvalidOperationException>(() => new HtmlPage("t", "t").Open("div").Render());
    }

    [Fact]
    public void The_page_loads_nothing_from_outside()
    {
        var text = new HtmlPage("t", "test").Render();
        Assert.Contains("Content-Security-Policy", text);
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/1999/xhtml", ""));
        Assert.DoesNotContain("https://", text);
        Assert.DoesNotContain(" src=", text);
        Assert.DoesNotContain("<link", text);
        Assert.DoesNotContain("@import", text);
    }

    [Fact]
    public void The_layout_orders_rows_to_remove_crossings_and_keeps_nodes_apart()
    {
        // 1 -> 2, 3 ; 2 -> 5 ; 3 -> 4: found in the order 4, 5 on level 3, which crosses once.
        var g = new StateGraph { Variables = new[] { "x" } };
        var v = Ops.Tla.Values.IntValue.Of(0);
        int[] levels = { 1, 2, 2, 3, 3 };
        for (int i = 0; i < levels.Length; i++) g.Nodes.Add(new GraphNode { Id = i + 1, Level = levels[i], Initial = i == 0, Values = new[] { v } });
        foreach (var (a, b) in new[] { (1, 2), (1, 3), (2, 5), (3, 4), (4, 1) })
            g.Edges.Add(new GraphEdge { From = a, To = b });
        var layout = GraphLayout.Compute(g, _ => 40);
        Assert.Equal(1, layout.CrossingsBefore);
        Assert.Equal(0, layout.CrossingsAfter);
        foreach (var row in layout.Rows)
            for (int i = 1; i < row.Count; i++)
                Assert.True(layout.Boxes[row[i]].X - layout.Boxes[row[i - 1]].X >= 40 + GraphLayout.NodeGap - 0.01);
        Assert.True(layout.Boxes[1].Y < layout.Boxes[2].Y && layout.Boxes[2].Y < layout.Boxes[4].Y);
    }
}

/// <summary>-continue: every violation reported gets its table, and the first one's path is drawn.</summary>
public class ContinueReportHtmlTests
{
    [Fact]
    public void Each_violation_reported_has_its_table_and_is_marked_violated()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Two", """
            ---- MODULE Two ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x < 4 /\ x' = x + 1
            Below2 == x < 2
            Below3 == x < 3
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Below2\nINVARIANT Below3\n");
        var html = t.File_("two.html");
        var run = CliRun.Of("check", spec, "-continue", "-deadlock", "-html", html);
        Assert.Equal(0, run.Exit);
        var page = HtmlDoc.Load(html);
        Assert.True(HasClass(page.ById("verdict"), "warn"));
        var tables = page.ById("continued").Descendants(X + "table").ToList();
        // As TLC: each state that violates an invariant is reported (x = 2, 3, 4 violate Below2, checked first).
        Assert.Equal(3, tables.Count);
        Assert.Equal(new[] { 3, 4, 5 }, tables.Select(tb => tb.Descendants(X + "tr").Count(r => HasClass(r, "state"))));
        Assert.Equal("Below2", page.All("li", "violated").Single().Descendants(X + "code").Single().Value);
        Assert.Equal(3, page.All("g", "trace").Count());
    }
}

/// <summary>-simulate: the page says what the simulation did and that it has no graph.</summary>
public class SimulationReportHtmlTests
{
    [Fact]
    public void A_simulation_page_has_its_seed_and_no_graph()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Hostile", CheckReportHtmlTests.Hostile, CheckReportHtmlTests.HostileCfg);
        var html = t.File_("sim.html");
        var run = CliRun.Of("check", spec, "-simulate", "num=50", "-depth", "10", "-seed", "7", "-html", html);
        var page = HtmlDoc.Load(html);
        Assert.Equal(run.Exit.ToString(), (string)page.All("main").Single().Attribute("data-exit-code"));
        Assert.Contains("seed 7", page.ById("figures").Elements(X + "dd").Single(d => HasClass(d, "simulation")).Value);
        Assert.Empty(page.All("svg"));
        Assert.Contains("-simulate", page.ById("state-graph").Value);
    }
}

/// <summary>-coverage: the page has the coverage per action, the actions never enabled and the expressions never
/// evaluated.</summary>
public class CoverageReportHtmlTests
{
    public const string Grid = """
        ---- MODULE Grid ----
        EXTENDS Naturals
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
        IncY == y < 2 /\ y' = y + 1 /\ UNCHANGED x
        Jump == x = 5 /\ x' = 0 /\ UNCHANGED y
        Next == IncX \/ IncY \/ Jump
        TypeOK == x \in 0..3 /\ y \in 0..2
        ====
        """;

    [Fact]
    public void Coverage_per_action_is_on_the_page_with_the_actions_never_enabled()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Grid", Grid, "INIT Init\nNEXT Next\nINVARIANT TypeOK\n");
        var html = t.File_("grid.html");
        var json = t.File_("grid.json");
        var run = CliRun.Of("check", spec, "-coverage", "1", "-deadlock", "-html", html, "-json", json);
        Assert.Equal(0, run.Exit);
        var page = HtmlDoc.Load(html);
        Assert.True(HasClass(page.ById("verdict"), "ok"));
        Assert.Equal("true", (string)page.ById("coverage").Attribute("data-final"));
        Assert.Equal("Jump", page.ById("never-enabled").Elements().Last().NextNode is System.Xml.Linq.XText text ? text.Value : null);
        var rows = page.ById("coverage-actions").Descendants(X + "tr").Where(r => HasClass(r, "action")).ToList();
        Assert.Equal(new[] { "Init", "IncX", "IncY", "Jump", "TypeOK" }, rows.Select(r => (string)r.Attribute("data-action")));
        Assert.True(HasClass(rows.Single(r => (string)r.Attribute("data-action") == "Jump"), "never"));
        // The figures are the result's own: distinct states of Init and the actions add up to the check's.
        long distinct = rows.Where(r => HasClass(r, "init") || HasClass(r, "next"))
            .Sum(r => long.Parse(r.Elements(X + "td").Single(c => HasClass(c, "distinct")).Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, distinct);
        Assert.Contains(page.All("tr", "expression"), r => HasClass(r, "never"));
        Assert.Equal(12, page.All("g", "node").Count());
    }

    [Fact]
    public void Without_coverage_there_is_no_section()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Grid", Grid, "INIT Init\nNEXT Next\nINVARIANT TypeOK\n");
        var html = t.File_("grid.html");
        CliRun.Of("check", spec, "-deadlock", "-html", html);
        Assert.Null(HtmlDoc.Load(html).ById("coverage"));
    }
}
