using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's <c>-dump dot[,colorize][,actionlabels][,snapshot] FILE</c> (tlc2.util.DotStateWriter): the reachable state
/// graph in Graphviz's language, written as the search goes, in TLC's layout: the initial states filled, each step
/// to a successor the constraints keep as an edge (a new successor's node follows its first edge, with the state as
/// label and tooltip), the edges labelled with their action's name (<c>actionlabels</c>) and coloured per action in
/// Graphviz's paired12 scheme (<c>colorize</c>: the colours 2, 3, ... in the order the actions first occur, with a
/// legend when there are two actions or more), one <c>rank = same</c> line per level of the states explored, and
/// with <c>snapshot</c> a complete copy (<c>FILE_snapshot.dot</c>) rewritten after each state.
/// <para>Differences from TLC: the nodes are numbered 1, 2, ... in the order the search finds the states (TLC uses its
/// fingerprints, which it draws at random per run), and a rank line lists its states in that order (TLC: the order
/// of a Java hash set of fingerprints). The file is FILE with <c>.dot</c> appended unless it already ends so.</para>
/// </summary>
public sealed class DotStateGraph : IStateDump, IDisposable
{
    private const string ColorScheme = "paired12";
    private readonly StreamWriter _w;
    private readonly bool _colorize, _actionLabels, _snapshot;
    private readonly Dictionary<ulong, int> _ids = new();
    private readonly SortedDictionary<int, (List<int> Order, HashSet<int> Seen)> _ranks = new();
    private readonly Dictionary<string, int> _colors = new(StringComparer.Ordinal);
    private readonly List<string> _colorOrder = new();
    private string[] _vars;
    private bool _closed;

    public string Path { get; }

    public DotStateGraph(string file, bool colorize, bool actionLabels, bool snapshot)
    {
        Path = file.EndsWith(".dot", StringComparison.Ordinal) ? file : file + ".dot";
        _colorize = colorize;
        _actionLabels = actionLabels;
        _snapshot = snapshot;
        _w = new StreamWriter(Path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        _w.Write("strict digraph DiskGraph {\nnode [shape=box,style=rounded]\n");
        if (colorize) _w.Write($"edge [colorscheme=\"{ColorScheme}\"]\n");
        _w.Write("nodesep=0.35;\nsubgraph cluster_graph {\ncolor=\"white\";\n");
    }

    public void Begin(string[] variableNames) => _vars = variableNames;

    public void Initial(ulong fp, Value[] state)
    {
        int id = Id(fp);
        _w.Write($"{id} [label=\"{Label(state)}\",style = filled]\n");
        Rank(1, id);
        Snapshot();
    }

    public void Successor(ulong fromFp, int fromLevel, ulong toFp, Value[] to, bool isNew, ActionInfo action)
    {
        int from = Id(fromFp), id = Id(toFp);
        string color = _colorize ? Color(action.Name).ToString() : "black";
        string name = _actionLabels ? action.Name : "";
        _w.Write($"{from} -> {id} [label=\"{name}\",color=\"{color}\",fontcolor=\"{color}\"];\n");
        if (isNew)
        {
            var label = Label(to);
            _w.Write($"{id} [label=\"{label}\",tooltip=\"{label}\"];\n");
        }
        Rank(fromLevel, from);
        Snapshot();
    }

    private int Id(ulong fp)
    {
        if (!_ids.TryGetValue(fp, out var id)) _ids[fp] = id = _ids.Count + 1;
        return id;
    }

    private void Rank(int level, int id)
    {
        if (!_ranks.TryGetValue(level, out var r)) _ranks[level] = r = (new List<int>(), new HashSet<int>());
        if (r.Seen.Add(id)) r.Order.Add(id);
    }

    private int Color(string action)
    {
        if (!_colors.TryGetValue(action, out var c))
        {
            // TLC: 1 is the colour of a step without an action; the actions take 2, 3, ... as they occur.
            _colors[action] = c = _colors.Count + 2;
            _colorOrder.Add(action);
        }
        return c;
    }

    /// <summary>The state as TLC prints it, escaped for a DOT string (TLC: backslashes and quotes escaped, trimmed,
    /// newlines as \n).</summary>
    private string Label(Value[] state) =>
        StateText.Format(_vars, state).Replace("\\", "\\\\").Replace("\"", "\\\"").Trim().Replace("\n", "\\n");

    private string Closing()
    {
        var sb = new StringBuilder();
        foreach (var (_, r) in _ranks)
        {
            sb.Append("{rank = same; ");
            foreach (var id in r.Order) sb.Append(id).Append(';');
            sb.Append("}\n");
        }
        sb.Append("}\n");
        if (_colorize && _colors.Count > 1)
        {
            sb.Append("subgraph cluster_legend {graph[style=bold];label = \"Next State Actions\" style=\"solid\"\n");
            sb.Append($"node [ labeljust=\"l\",colorscheme=\"{ColorScheme}\",style=filled,shape=record ]\n");
            foreach (var a in JavaHashOrder.Of(_colorOrder))
                sb.Append(a.Replace("!", ":")).Append(" [label=\"").Append(a).Append("\",fillcolor=").Append(_colors[a]).Append("]\n");
            sb.Append('}');
        }
        sb.Append('}');
        return sb.ToString();
    }

    private void Snapshot()
    {
        if (!_snapshot) return;
        _w.Flush();
        var copy = Path.Replace(".dot", "_snapshot.dot");
        File.Copy(Path, copy, overwrite: true);
        File.AppendAllText(copy, Closing());
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _w.Write(Closing());
        _w.Dispose();
    }
}

/// <summary>The order in which a java.util.HashMap (default capacity 16, load factor 0.75) with these string keys,
/// put in this order, iterates: by bucket (String.hashCode spread as HashMap.hash does), then in insertion order.
/// TLC writes its legend from such a map.</summary>
public static class JavaHashOrder
{
    public static List<string> Of(IReadOnlyList<string> keys)
    {
        int capacity = 16;
        while (keys.Count > capacity * 3 / 4) capacity *= 2;
        return keys.Select((k, i) => (k, i, Bucket: Spread(JavaHash(k)) & (capacity - 1)))
            .OrderBy(t => t.Bucket).ThenBy(t => t.i).Select(t => t.k).ToList();
    }

    public static int JavaHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }

    private static int Spread(int h) => h ^ (int)((uint)h >> 16);
}
