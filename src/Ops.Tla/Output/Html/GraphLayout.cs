namespace Ops.Tla.Output.Html;

/// <summary>
/// A small layered layout of a state graph (no dependency): one row per BFS level (a breadth-first search only ever
/// steps to the next level or back, so every forward edge joins two neighbouring rows), the states of a row ordered
/// to reduce crossings (barycentre sweeps down and up, keeping the order with the fewest crossings, counted exactly),
/// then placed near the mean of their neighbours in the rows above and below without overlapping.
/// </summary>
public sealed class GraphLayout
{
    public const double RowGap = 70, NodeGap = 18, NodeHeight = 34, Margin = 20, LeftGutter = 64;

    /// <summary>Node id to its box: centre x, top y, width, height.</summary>
    public Dictionary<int, (double X, double Y, double Width, double Height)> Boxes { get; } = new();
    /// <summary>The rows, top to bottom, each in its final left-to-right order.</summary>
    public List<List<int>> Rows { get; } = new();
    public double Width { get; private set; }
    public double Height { get; private set; }
    /// <summary>Crossings between neighbouring rows before and after ordering (for tests and curiosity).</summary>
    public long CrossingsBefore { get; private set; }
    public long CrossingsAfter { get; private set; }

    /// <param name="widthOf">The width a node needs (its label).</param>
    public static GraphLayout Compute(StateGraph g, Func<GraphNode, double> widthOf)
    {
        var layout = new GraphLayout();
        if (g.Nodes.Count == 0) return layout;
        int levels = g.Nodes.Max(n => n.Level);
        var levelOf = g.Nodes.ToDictionary(n => n.Id, n => n.Level);
        var rows = Enumerable.Range(0, levels).Select(_ => new List<int>()).ToList();
        foreach (var n in g.Nodes) rows[n.Level - 1].Add(n.Id);
        // Forward edges (level L to L+1), both ways, for the sweeps.
        var down = g.Nodes.ToDictionary(n => n.Id, _ => new List<int>());
        var up = g.Nodes.ToDictionary(n => n.Id, _ => new List<int>());
        foreach (var e in g.Edges)
        {
            if (levelOf[e.To] != levelOf[e.From] + 1) continue;
            down[e.From].Add(e.To);
            up[e.To].Add(e.From);
        }

        layout.CrossingsBefore = Crossings(rows, down);
        var best = rows.Select(r => r.ToList()).ToList();
        long bestCount = layout.CrossingsBefore;
        for (int iter = 0; iter < 12 && bestCount > 0; iter++)
        {
            bool downward = iter % 2 == 0;
            if (downward)
                for (int l = 1; l < rows.Count; l++) Reorder(rows[l], rows[l - 1], up);
            else
                for (int l = rows.Count - 2; l >= 0; l--) Reorder(rows[l], rows[l + 1], down);
            long c = Crossings(rows, down);
            if (c < bestCount)
            {
                bestCount = c;
                best = rows.Select(r => r.ToList()).ToList();
            }
        }
        layout.CrossingsAfter = bestCount;
        layout.Rows.AddRange(best);
        layout.Place(g, widthOf, up, down);
        return layout;
    }

    /// <summary>Sorts <paramref name="row"/> by the mean position of each node's neighbours in
    /// <paramref name="fixedRow"/> (a node without one keeps its place), stable.</summary>
    private static void Reorder(List<int> row, List<int> fixedRow, Dictionary<int, List<int>> neighbours)
    {
        var pos = new Dictionary<int, int>();
        for (int i = 0; i < fixedRow.Count; i++) pos[fixedRow[i]] = i;
        var keys = new List<(double Key, int Index, int Id)>();
        for (int i = 0; i < row.Count; i++)
        {
            var ns = neighbours[row[i]].Where(pos.ContainsKey).ToList();
            double key = ns.Count == 0 ? i * (fixedRow.Count / (double)Math.Max(1, row.Count)) : ns.Average(n => pos[n]);
            keys.Add((key, i, row[i]));
        }
        row.Clear();
        row.AddRange(keys.OrderBy(k => k.Key).ThenBy(k => k.Index).Select(k => k.Id));
    }

    /// <summary>The number of crossings between neighbouring rows: for each pair of rows, the inversions of the
    /// lower ends once the edges are sorted by their upper ends (a Fenwick tree).</summary>
    public static long Crossings(List<List<int>> rows, Dictionary<int, List<int>> down)
    {
        long total = 0;
        for (int l = 0; l + 1 < rows.Count; l++)
        {
            var lower = new Dictionary<int, int>();
            for (int i = 0; i < rows[l + 1].Count; i++) lower[rows[l + 1][i]] = i;
            var ends = new List<(int U, int L)>();
            for (int i = 0; i < rows[l].Count; i++)
                foreach (var t in down[rows[l][i]])
                    if (lower.TryGetValue(t, out var p)) ends.Add((i, p));
            ends.Sort();
            var tree = new int[rows[l + 1].Count + 1];
            int seen = 0;
            foreach (var (_, p) in ends)
            {
                // Edges already seen whose lower end is strictly right of p cross this one.
                int notGreater = 0;
                for (int k = p + 1; k > 0; k -= k & -k) notGreater += tree[k];
                total += seen - notGreater;
                for (int k = p + 1; k < tree.Length; k += k & -k) tree[k]++;
                seen++;
            }
        }
        return total;
    }

    private void Place(StateGraph g, Func<GraphNode, double> widthOf, Dictionary<int, List<int>> up, Dictionary<int, List<int>> down)
    {
        var byId = g.Nodes.ToDictionary(n => n.Id);
        var width = g.Nodes.ToDictionary(n => n.Id, n => widthOf(n));
        var x = new Dictionary<int, double>();
        // Start: each row packed from the left.
        foreach (var row in Rows)
        {
            double cursor = 0;
            foreach (var id in row)
            {
                x[id] = cursor + width[id] / 2;
                cursor += width[id] + NodeGap;
            }
        }
        // A few passes: each node wants the mean x of its neighbours in the row above (then below); the row keeps its
        // order and its gaps.
        for (int pass = 0; pass < 4; pass++)
        {
            bool downward = pass % 2 == 0;
            var order = downward ? Enumerable.Range(1, Rows.Count - 1) : Enumerable.Range(0, Math.Max(0, Rows.Count - 1)).Reverse();
            foreach (var l in order)
            {
                var row = Rows[l];
                var want = row.Select(id =>
                {
                    var ns = (downward ? up[id] : down[id]).Where(x.ContainsKey).ToList();
                    return ns.Count == 0 ? x[id] : ns.Average(n => x[n]);
                }).ToList();
                Fit(row, want, width, x);
            }
        }
        double minX = x.Count == 0 ? 0 : Rows.SelectMany(r => r).Min(id => x[id] - width[id] / 2);
        double maxX = 0;
        for (int l = 0; l < Rows.Count; l++)
        {
            foreach (var id in Rows[l])
            {
                double cx = x[id] - minX + Margin + LeftGutter;
                Boxes[id] = (cx, Margin + l * (NodeHeight + RowGap), width[id], NodeHeight);
                maxX = Math.Max(maxX, cx + width[id] / 2);
            }
        }
        // Room on the right for the edges that go back up.
        Width = maxX + Margin + 60;
        Height = Margin * 2 + Rows.Count * NodeHeight + Math.Max(0, Rows.Count - 1) * RowGap;
    }

    /// <summary>Places a row's nodes as near <paramref name="want"/> as their order and gaps allow: left to right each
    /// at least a gap after the previous, then right to left the same, averaged.</summary>
    private static void Fit(List<int> row, List<double> want, Dictionary<int, double> width, Dictionary<int, double> x)
    {
        int n = row.Count;
        var left = new double[n];
        var right = new double[n];
        for (int i = 0; i < n; i++)
        {
            left[i] = want[i];
            if (i > 0) left[i] = Math.Max(left[i], left[i - 1] + (width[row[i - 1]] + width[row[i]]) / 2 + NodeGap);
        }
        for (int i = n - 1; i >= 0; i--)
        {
            right[i] = want[i];
            if (i < n - 1) right[i] = Math.Min(right[i], right[i + 1] - (width[row[i + 1]] + width[row[i]]) / 2 - NodeGap);
        }
        // The mean of two placements that each keep the gaps keeps them too.
        for (int i = 0; i < n; i++) x[row[i]] = (left[i] + right[i]) / 2;
    }
}
