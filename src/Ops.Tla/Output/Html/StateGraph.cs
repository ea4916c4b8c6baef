using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output.Html;

/// <summary>A state of a recorded <see cref="StateGraph"/>: numbered 1, 2, ... in the order the search found it (as
/// <c>-dump dot</c> numbers them), with its BFS level (the initial states at level 1).</summary>
public sealed class GraphNode
{
    public int Id { get; init; }
    public int Level { get; init; }
    public bool Initial { get; init; }
    public Value[] Values { get; init; }
}

/// <summary>A step of a recorded <see cref="StateGraph"/>: every action that leads from one state to another
/// (several actions between the same two states make one edge).</summary>
public sealed class GraphEdge
{
    public int From { get; init; }
    public int To { get; init; }
    public List<string> Actions { get; } = new();
}

/// <summary>The reachable state graph of a small check, as the search found it (<see cref="StateGraphRecorder"/>),
/// for the HTML report to draw.</summary>
public sealed class StateGraph
{
    public string[] Variables { get; init; } = Array.Empty<string>();
    public List<GraphNode> Nodes { get; } = new();
    public List<GraphEdge> Edges { get; } = new();

    /// <summary>The node holding exactly these values, or null.</summary>
    public GraphNode Find(Value[] values)
    {
        if (values == null) return null;
        foreach (var n in Nodes)
            if (n.Values.Length == values.Length && n.Values.AsSpan().SequenceEqual(values)) return n;
        return null;
    }
}

/// <summary>
/// Records the state graph for the HTML report (an <see cref="IStateDump"/>, so the search passes it the graph as it
/// does for <c>-dump</c>), up to a number of states and edges: a bigger graph is dropped (<see cref="TooLarge"/>) and
/// costs nothing more than the calls. The states' values are kept for the new states only (a copy: the search reuses
/// its buffers).
/// </summary>
public sealed class StateGraphRecorder : IStateDump
{
    /// <summary>The most states the report draws.</summary>
    public const int DefaultMaxStates = 200;
    /// <summary>The most distinct edges (pairs of states) the report draws.</summary>
    public const int DefaultMaxEdges = 1500;

    private readonly int _maxStates, _maxEdges;
    private readonly Dictionary<ulong, GraphNode> _byFp = new();
    private readonly Dictionary<(int, int), GraphEdge> _edges = new();
    private StateGraph _graph;

    public StateGraphRecorder(int maxStates = DefaultMaxStates, int maxEdges = DefaultMaxEdges)
    {
        _maxStates = maxStates;
        _maxEdges = maxEdges;
    }

    /// <summary>True when the graph grew past the limits and was dropped.</summary>
    public bool TooLarge { get; private set; }

    public int MaxStates => _maxStates;

    /// <summary>The graph recorded, or null when it was too large (or nothing was recorded).</summary>
    public StateGraph Graph => TooLarge ? null : _graph;

    public void Begin(string[] variableNames) => _graph = new StateGraph { Variables = variableNames };

    public void Initial(ulong fp, Value[] state)
    {
        if (TooLarge || _graph == null || _byFp.ContainsKey(fp)) return;
        Add(fp, state, 1, initial: true);
    }

    public void Successor(ulong fromFp, int fromLevel, ulong toFp, Value[] to, bool isNew, ActionInfo action)
    {
        if (TooLarge || _graph == null || !_byFp.TryGetValue(fromFp, out var from)) return;
        if (!_byFp.TryGetValue(toFp, out var target))
        {
            target = Add(toFp, to, fromLevel + 1, initial: false);
            if (target == null) return;
        }
        if (!_edges.TryGetValue((from.Id, target.Id), out var edge))
        {
            if (_edges.Count >= _maxEdges)
            {
                Drop();
                return;
            }
            _edges[(from.Id, target.Id)] = edge = new GraphEdge { From = from.Id, To = target.Id };
            _graph.Edges.Add(edge);
        }
        var name = action?.Name + action?.Params;
        if (!string.IsNullOrEmpty(name) && !edge.Actions.Contains(name)) edge.Actions.Add(name);
    }

    private GraphNode Add(ulong fp, Value[] state, int level, bool initial)
    {
        if (_graph.Nodes.Count >= _maxStates)
        {
            Drop();
            return null;
        }
        var node = new GraphNode { Id = _graph.Nodes.Count + 1, Level = level, Initial = initial, Values = (Value[])state.Clone() };
        _graph.Nodes.Add(node);
        _byFp[fp] = node;
        return node;
    }

    private void Drop()
    {
        TooLarge = true;
        _byFp.Clear();
        _edges.Clear();
        _graph = null;
    }
}

/// <summary>Passes the state graph to two receivers (<c>-dump</c> and the HTML report's recorder).</summary>
public sealed class StateDumpTee : IStateDump
{
    private readonly IStateDump _a, _b;

    public StateDumpTee(IStateDump a, IStateDump b)
    {
        _a = a;
        _b = b;
    }

    /// <summary><paramref name="a"/> and <paramref name="b"/> together, or the one that is not null.</summary>
    public static IStateDump Of(IStateDump a, IStateDump b) => a == null ? b : b == null ? a : new StateDumpTee(a, b);

    public void Begin(string[] variableNames)
    {
        _a.Begin(variableNames);
        _b.Begin(variableNames);
    }

    public void Initial(ulong fp, Value[] state)
    {
        _a.Initial(fp, state);
        _b.Initial(fp, state);
    }

    public void Successor(ulong fromFp, int fromLevel, ulong toFp, Value[] to, bool isNew, ActionInfo action)
    {
        _a.Successor(fromFp, fromLevel, toFp, to, isNew, action);
        _b.Successor(fromFp, fromLevel, toFp, to, isNew, action);
    }
}
