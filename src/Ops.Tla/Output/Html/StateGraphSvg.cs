using System.Globalization;
using System.Text;

namespace Ops.Tla.Output.Html;

/// <summary>What of a state graph a counterexample goes through: its states in order, and how it ends.</summary>
public sealed class TracePath
{
    /// <summary>The graph node of each trace state, in order (0 where the state is not in the graph).</summary>
    public IReadOnlyList<int> Nodes { get; init; } = Array.Empty<int>();
    /// <summary>For a lasso: the index in <see cref="Nodes"/> the behaviour returns to.</summary>
    public int? LoopIndex { get; init; }
    public bool Stuttering { get; init; }
    /// <summary>True when the last state violates what was checked (an invariant, a deadlock).</summary>
    public bool LastViolates { get; init; }
}

/// <summary>Draws a <see cref="StateGraph"/> as inline SVG with <see cref="GraphLayout"/>: a box per state (its number
/// and, when short, its values; the whole state as the tooltip), a path with an arrowhead per step, the
/// counterexample's states and steps highlighted, a lasso's back edge dashed.</summary>
public static class StateGraphSvg
{
    private const int MaxInlineLabel = 28;

    public static void Write(HtmlPage page, StateGraph g, TracePath trace)
    {
        trace ??= new TracePath();
        string Compact(GraphNode n)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < n.Values.Length && i < g.Variables.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                if (g.Variables.Length > 1) sb.Append(g.Variables[i]).Append('=');
                n.Values[i].Print(sb);
                if (sb.Length > MaxInlineLabel) return null;
            }
            return sb.ToString();
        }
        var labels = g.Nodes.ToDictionary(n => n.Id, Compact);
        var boxWidth = g.Nodes.ToDictionary(n => n.Id, n => Math.Max(34, 6.8 * Math.Max(n.Id.ToString(CultureInfo.InvariantCulture).Length, labels[n.Id]?.Length ?? 0) + 16));
        var levelOf = g.Nodes.ToDictionary(n => n.Id, n => n.Level);
        bool labelEdges = g.Nodes.Count <= 40 && g.Edges.Count <= 50;
        // With edge labels, a state takes the room of the longest label of a step into it (labels sit near the target).
        var room = new Dictionary<int, double>(boxWidth);
        if (labelEdges)
            foreach (var e in g.Edges)
                if (levelOf[e.To] == levelOf[e.From] + 1 && e.Actions.Count > 0)
                    room[e.To] = Math.Max(room[e.To], 6.2 * string.Join(", ", e.Actions).Length + 8);
        var layout = GraphLayout.Compute(g, n => room[n.Id]);
        foreach (var n in g.Nodes)
        {
            var (bx, by, _, bh) = layout.Boxes[n.Id];
            layout.Boxes[n.Id] = (bx, by, boxWidth[n.Id], bh);
        }

        var traceNodes = new HashSet<int>(trace.Nodes.Where(n => n > 0));
        var traceEdges = new HashSet<(int, int)>();
        for (int i = 0; i + 1 < trace.Nodes.Count; i++)
            if (trace.Nodes[i] > 0 && trace.Nodes[i + 1] > 0) traceEdges.Add((trace.Nodes[i], trace.Nodes[i + 1]));
        (int, int)? back = null;
        int loopNode = 0;
        if (trace.LoopIndex is int li && li < trace.Nodes.Count && trace.Nodes.Count > 0)
        {
            loopNode = trace.Nodes[li];
            if (!trace.Stuttering && loopNode > 0 && trace.Nodes[^1] > 0) back = (trace.Nodes[^1], loopNode);
        }
        int lastNode = trace.Nodes.Count > 0 ? trace.Nodes[^1] : 0;

        var id = page.NewId("g");
        page.Open("div", "class", "scroll");
        page.Open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "state-graph", "id", id, "role", "img",
            "width", N(layout.Width), "height", N(layout.Height), "viewBox", $"0 0 {N(layout.Width)} {N(layout.Height)}",
            "data-nodes", g.Nodes.Count.ToString(CultureInfo.InvariantCulture), "data-edges", g.Edges.Count.ToString(CultureInfo.InvariantCulture));
        page.Element("title", $"State graph: {g.Nodes.Count} states, {g.Edges.Count} steps");
        page.Open("defs");
        foreach (var (suffix, cls) in new[] { ("a", "arrow"), ("t", "arrow trace"), ("b", "arrow back") })
        {
            page.Open("marker", "id", $"{id}-{suffix}", "viewBox", "0 0 10 10", "refX", "9", "refY", "5", "markerWidth", "7", "markerHeight", "7",
                "orient", "auto", "markerUnits", "userSpaceOnUse");
            page.Empty("path", "class", cls, "d", "M0,0 L10,5 L0,10 z");
            page.Close("marker");
        }
        page.Close("defs");

        for (int l = 0; l < layout.Rows.Count; l++)
        {
            double y = GraphLayout.Margin + l * (GraphLayout.NodeHeight + GraphLayout.RowGap) + GraphLayout.NodeHeight / 2 + 4;
            page.Element("text", $"depth {l + 1}", "class", "level-label", "x", N(GraphLayout.Margin - 12), "y", N(y));
        }

        // Ordinary edges first, the counterexample's on top of them, the nodes on top of all.
        var labelsInto = new Dictionary<int, int>();
        var ordered = g.Edges.OrderBy(e => traceEdges.Contains((e.From, e.To)) || back == (e.From, e.To) ? 1 : 0).ToList();
        foreach (var e in ordered)
        {
            bool isBack = back == (e.From, e.To);
            bool onTrace = traceEdges.Contains((e.From, e.To));
            var cls = "edge" + (onTrace || isBack ? " trace" : "") + (isBack ? " back" : "");
            var marker = isBack ? "b" : onTrace ? "t" : "a";
            var (d, lx, ly) = PathOf(layout, levelOf, e.From, e.To);
            page.Open("path", "class", cls, "d", d, "marker-end", $"url(#{id}-{marker})", "data-from", e.From.ToString(CultureInfo.InvariantCulture),
                "data-to", e.To.ToString(CultureInfo.InvariantCulture));
            page.Element("title", $"{e.From} \u2192 {e.To}: {string.Join(", ", e.Actions)}");
            page.Close("path");
            if (labelEdges && lx.HasValue && e.Actions.Count > 0)
            {
                // Labels of steps into the same state sit near it: stacked, one line each.
                int stack = labelsInto.TryGetValue(e.To, out var k) ? k : 0;
                labelsInto[e.To] = stack + 1;
                page.Element("text", string.Join(", ", e.Actions), "class", "edge-label", "x", N(lx.Value), "y", N(ly.Value + 3 - 11 * stack), "text-anchor", "middle");
            }
        }
        // A lasso whose back step is not an edge of the graph (the graph stopped early): drawn anyway.
        if (back is (int bf, int bt) && !g.Edges.Any(e => e.From == bf && e.To == bt) && layout.Boxes.ContainsKey(bf) && layout.Boxes.ContainsKey(bt))
        {
            var (d, _, _) = PathOf(layout, levelOf, bf, bt);
            page.Open("path", "class", "edge trace back", "d", d, "marker-end", $"url(#{id}-b)", "data-from", bf.ToString(CultureInfo.InvariantCulture), "data-to", bt.ToString(CultureInfo.InvariantCulture));
            page.Element("title", $"{bf} \u2192 {bt}: back to state {bt}");
            page.Close("path");
        }
        if (trace.Stuttering && lastNode > 0 && layout.Boxes.ContainsKey(lastNode))
        {
            var (d, _, _) = PathOf(layout, levelOf, lastNode, lastNode);
            page.Open("path", "class", "edge trace back stutter", "d", d, "marker-end", $"url(#{id}-b)");
            page.Element("title", $"state {lastNode} stutters forever");
            page.Close("path");
        }

        foreach (var n in g.Nodes)
        {
            var (cx, y, w, h) = layout.Boxes[n.Id];
            var cls = "node" + (n.Initial ? " initial" : "") + (traceNodes.Contains(n.Id) ? " trace" : "")
                + (n.Id == loopNode && loopNode > 0 ? " loop" : "") + (trace.LastViolates && n.Id == lastNode ? " violation" : "");
            page.Open("g", "class", cls, "data-node", n.Id.ToString(CultureInfo.InvariantCulture));
            var full = new StringBuilder();
            full.Append("State ").Append(n.Id).Append(" (depth ").Append(n.Level).Append(")\n");
            StateText.Append(full, g.Variables, n.Values);
            page.Element("title", full.ToString().TrimEnd());
            page.Empty("rect", "x", N(cx - w / 2), "y", N(y), "width", N(w), "height", N(h), "rx", "6", "ry", "6");
            var label = labels[n.Id];
            if (label == null)
                page.Element("text", n.Id.ToString(CultureInfo.InvariantCulture), "class", "id", "x", N(cx), "y", N(y + h / 2 + 4), "text-anchor", "middle");
            else
            {
                page.Element("text", n.Id.ToString(CultureInfo.InvariantCulture), "class", "id", "x", N(cx), "y", N(y + 14), "text-anchor", "middle");
                page.Element("text", label, "x", N(cx), "y", N(y + 27), "text-anchor", "middle");
            }
            page.Close("g");
        }
        page.Close("svg");
        page.Close("div");

        page.Open("p", "class", "legend note");
        page.Open("span").Open("span", "class", "swatch", "style", "border: 2px solid #1f2328").Close("span").Text("initial state").Close("span");
        if (traceNodes.Count > 0)
            page.Open("span").Open("span", "class", "swatch", "style", "background: #fde8e6; border-color: #d93025").Close("span").Text("the counterexample's states and steps").Close("span");
        if (loopNode > 0)
            page.Open("span").Open("span", "class", "swatch", "style", "border: 3px solid #7b2cbf").Close("span").Text(trace.Stuttering ? "the state it stutters in forever" : "the state the behaviour returns to (dashed: the step back)").Close("span");
        page.Text($"{g.Nodes.Count} states, {g.Edges.Count} steps; rows are BFS depths; hover a state for its values.");
        page.Close("p");
    }

    /// <summary>The path of an edge, and where its label goes (forward edges only).</summary>
    private static (string D, double? LabelX, double? LabelY) PathOf(GraphLayout layout, Dictionary<int, int> levelOf, int from, int to)
    {
        var (x1, y1, w1, h1) = layout.Boxes[from];
        var (x2, y2, w2, h2) = layout.Boxes[to];
        if (from == to)
        {
            double xr = x1 + w1 / 2, ym = y1 + h1 / 2;
            return ($"M{N(xr)},{N(ym - 7)} C{N(xr + 34)},{N(ym - 26)} {N(xr + 34)},{N(ym + 26)} {N(xr + 1)},{N(ym + 7)}", null, null);
        }
        if (levelOf[to] == levelOf[from] + 1)
        {
            double sy = y1 + h1, ey = y2 - 1, mid = (sy + ey) / 2;
            // The label three quarters of the way (the point of the curve at t = 0.75): siblings' labels spread apart.
            double lx = 0.015625 * x1 + 0.140625 * x1 + 0.421875 * x2 + 0.421875 * x2, ly = 0.015625 * sy + 0.140625 * mid + 0.421875 * mid + 0.421875 * ey;
            return ($"M{N(x1)},{N(sy)} C{N(x1)},{N(mid)} {N(x2)},{N(mid)} {N(x2)},{N(ey)}", lx, ly);
        }
        // Back, sideways or (not in a BFS graph) further down: out of the right sides, around.
        double ax = x1 + w1 / 2, ay = y1 + h1 / 2, bx = x2 + w2 / 2 + 1, by = y2 + h2 / 2;
        double bulge = Math.Max(ax, bx) + 30 + 6 * Math.Abs(levelOf[to] - levelOf[from]);
        return ($"M{N(ax)},{N(ay)} C{N(bulge)},{N(ay)} {N(bulge)},{N(by)} {N(bx)},{N(by)}", null, null);
    }

    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
