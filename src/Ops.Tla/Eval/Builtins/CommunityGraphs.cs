using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// Shared machinery of the Graphs and UndirectedGraphs modules (CommunityModules). A graph is a record
/// [node |-&gt; N, edge |-&gt; E]; the two modules differ in how an element of E denotes its endpoints (an ordered pair
/// &lt;&lt;a, b&gt;&gt; or an unordered pair {a, b}) and whether the adjacency is symmetric, as in TLC's AbstractGraphs override.
/// </summary>
internal static class GraphSupport
{
    public static StringValue NodeField => StringValue.Of("node");
    public static StringValue EdgeField => StringValue.Of("edge");

    public enum Mode { Forward, Transpose, Symmetric }

    /// <summary>A validated graph: its record, node set and edge set (both enumerated).</summary>
    public sealed record Graph(FcnValue Record, SetValue Nodes, SetValue Edges);

    /// <summary>As TLC's toGraph: a record with node and edge fields that are (finite) sets.</summary>
    public static Graph ToGraph(Value v, string op, string nth, string kind)
    {
        var rec = Conv.Fcn(v);
        if (rec == null || !rec.IsRecord)
            throw Err.ArgText(nth, op, kind + " record with a node and an edge field", Err.Show(v));
        var node = rec.Apply(NodeField);
        if (node == null || Conv.EnumSet(node) is not { } nodes)
            throw Err.ArgText(nth, op, kind + " record whose node field is a set", Err.Show(v));
        var edge = rec.Apply(EdgeField);
        if (edge == null || Conv.EnumSet(edge) is not { } edges)
            throw Err.ArgText(nth, op, kind + " record whose edge field is a set", Err.Show(v));
        return new Graph(rec, nodes, edges);
    }

    /// <summary>G.field as the TLA+ definitions evaluate it (an error for a non-record or a missing field).</summary>
    public static Value Field(Value g, StringValue field)
    {
        if (g is FcnBase f)
        {
            var r = f.Apply(field);
            if (r != null) return r;
            var fn = f.ToFcn();
            if (fn.IsRecord)
                throw new ValueException($"Attempted to access the field {field.S} of the record {Err.Show(g)}, which has no such field");
            throw new ValueException($"Attempted to apply function:\n{Err.Show(g)}\nto argument {Err.Show(field)}, which is not in the domain of the function.");
        }
        throw new ValueException($"Attempted to access the field {field.S} of {Err.Show(g)}, which is not a record");
    }

    /// <summary>G.field as a finite enumerated set.</summary>
    public static SetValue SetField(Value g, StringValue field, string op)
    {
        var v = Field(g, field);
        return Conv.EnumSet(v) ?? throw new ValueException($"{op}: the field {field.S} of the graph should be a finite set, but instead it is:\n{Err.Show(v)}");
    }

    /// <summary>G = [node |-&gt; G.node, edge |-&gt; G.edge]: G is a record with exactly the fields node and edge.</summary>
    public static bool IsExactGraphRecord(Value g, out SetBase nodes, out SetBase edges)
    {
        var node = Field(g, NodeField);
        var edge = Field(g, EdgeField);
        nodes = node as SetBase;
        edges = edge as SetBase;
        var fn = ((FcnBase)g).ToFcn();
        return fn.Size == 2;
    }

    /// <summary>e[i] as the TLA+ definitions evaluate it.</summary>
    public static Value Index(Value e, int i)
    {
        var idx = IntValue.Of(i);
        if (e is FcnBase f)
        {
            var r = f.Apply(idx);
            if (r != null) return r;
            throw new ValueException($"Attempted to apply function:\n{Err.Show(e)}\nto argument {i}, which is not in the domain of the function.");
        }
        throw new ValueException($"Attempted to apply {Err.Show(e)}, which is not a function, to the argument {i}");
    }

    /// <summary>The endpoints of a directed edge: a 2-tuple, or null (such an element never matches &lt;&lt;a, b&gt;&gt;).</summary>
    public static (Value From, Value To)? Directed(Value edge)
    {
        var t = Conv.Tuple(edge);
        if (t == null || t.Size != 2) return null;
        return (t.Vals[0], t.Vals[1]);
    }

    /// <summary>The endpoints of an undirected edge: a set of one (a self-loop) or two elements, or null.</summary>
    public static (Value From, Value To)? Undirected(Value edge)
    {
        var s = Conv.EnumSet(edge);
        if (s == null || s.Elems.Length == 0 || s.Elems.Length > 2) return null;
        return (s.Elems[0], s.Elems.Length == 1 ? s.Elems[0] : s.Elems[1]);
    }

    /// <summary>Adjacency lists over the edges whose endpoints are both nodes.</summary>
    public static Dictionary<Value, List<Value>> Adjacency(Graph g, Func<Value, (Value From, Value To)?> parse, Mode mode)
    {
        var adj = new Dictionary<Value, List<Value>>();
        foreach (var e in g.Edges.Elems)
        {
            if (parse(e) is not var (from, to)) continue;
            if (!g.Nodes.Contains(from) || !g.Nodes.Contains(to)) continue;
            if (mode == Mode.Transpose) (from, to) = (to, from);
            AddArc(adj, from, to);
            if (mode == Mode.Symmetric && !from.Equals(to)) AddArc(adj, to, from);
        }
        return adj;
    }

    private static void AddArc(Dictionary<Value, List<Value>> adj, Value from, Value to)
    {
        if (!adj.TryGetValue(from, out var l)) adj[from] = l = new List<Value>();
        l.Add(to);
    }

    /// <summary>The nodes reachable from source (inclusive), breadth first.</summary>
    public static HashSet<Value> Reachable(Value source, Dictionary<Value, List<Value>> adj)
    {
        var visited = new HashSet<Value> { source };
        var frontier = new Queue<Value>();
        frontier.Enqueue(source);
        while (frontier.Count > 0)
        {
            var cur = frontier.Dequeue();
            if (!adj.TryGetValue(cur, out var succs)) continue;
            foreach (var s in succs)
                if (visited.Add(s)) frontier.Enqueue(s);
        }
        return visited;
    }

    /// <summary>All non-empty simple paths, by depth-first search from every node.</summary>
    public static Value SimplePaths(Graph g, Func<Value, (Value From, Value To)?> parse, Mode mode)
    {
        var adj = Adjacency(g, parse, mode);
        var paths = new List<Value>();
        var path = new List<Value>();
        var visited = new HashSet<Value>();
        void Extend(Value cur)
        {
            paths.Add(FcnValue.Tuple(path.ToArray()));
            if (!adj.TryGetValue(cur, out var succs)) return;
            foreach (var s in succs)
            {
                if (!visited.Add(s)) continue;
                path.Add(s);
                Extend(s);
                path.RemoveAt(path.Count - 1);
                visited.Remove(s);
            }
        }
        foreach (var start in g.Nodes.Elems)
        {
            path.Add(start);
            visited.Add(start);
            Extend(start);
            visited.Remove(start);
            path.RemoveAt(path.Count - 1);
        }
        return SetValue.FromList(paths);
    }

    /// <summary>AreConnectedIn(m, n, G): there is a path from m to n (so both are nodes).</summary>
    public static Value AreConnectedIn(Value m, Value n, Graph g, Func<Value, (Value From, Value To)?> parse, Mode mode)
    {
        if (!g.Nodes.Contains(m) || !g.Nodes.Contains(n)) return BoolValue.False;
        if (m.Equals(n)) return BoolValue.True;
        return BoolValue.Of(Reachable(m.Normalize(), Adjacency(g, parse, mode)).Contains(n.Normalize()));
    }

    /// <summary>Path(G): the infinite set of non-empty sequences of nodes linked by edges.</summary>
    public static Value Path(Value g, string module, Func<SetBase, Value, Value, bool> linked)
    {
        var nodes = Field(g, NodeField) as SetBase
            ?? throw new ValueException($"{module}!Path: the node field of the graph should be a set, but instead it is:\n{Err.Show(Field(g, NodeField))}");
        var edges = Field(g, EdgeField) as SetBase
            ?? throw new ValueException($"{module}!Path: the edge field of the graph should be a set, but instead it is:\n{Err.Show(Field(g, EdgeField))}");
        return new LazySetValue($"Path({Err.Show(g)})", p =>
        {
            var t = Conv.Tuple(p);
            if (t == null || t.Size == 0) return false;
            foreach (var x in t.Vals)
                if (!nodes.Contains(x)) return false;
            for (int i = 0; i + 1 < t.Size; i++)
                if (!linked(edges, t.Vals[i], t.Vals[i + 1])) return false;
            return true;
        });
    }

    /// <summary>Every subset of a set, in no particular order (for building sets of subgraphs).</summary>
    public static IEnumerable<Value[]> Subsets(Value[] elems)
    {
        if (elems.Length > 24) throw new ValueException($"SUBSET of a set with {elems.Length} elements is too large to enumerate");
        int total = 1 << elems.Length;
        var buf = new List<Value>();
        for (int mask = 0; mask < total; mask++)
        {
            buf.Clear();
            for (int i = 0; i < elems.Length; i++)
                if ((mask & (1 << i)) != 0) buf.Add(elems[i]);
            yield return buf.ToArray();
        }
    }

    public static FcnValue MakeGraph(Value nodes, Value edges) =>
        FcnValue.FromSorted(new Value[] { EdgeField, NodeField }, new[] { edges, nodes });
}

/// <summary>Graphs (CommunityModules): directed graphs with edges &lt;&lt;a, b&gt;&gt;; TLC's overrides for SimplePath, AreConnectedIn and IsStronglyConnected.</summary>
internal static class GraphsModule
{
    private const string Kind = "graph";

    public static BuiltinModule Create() =>
        new BuiltinModule("Graphs")
            .Add("IsDirectedGraph", 1, a => BoolValue.Of(IsDirectedGraph(a[0])))
            .Add("DirectedSubgraph", 1, a => DirectedSubgraph(a[0]))
            .Add("Transpose", 1, a => Transpose(a[0]))
            .Add("IsUndirectedGraph", 1, a => BoolValue.Of(IsUndirectedGraph(a[0])))
            .Add("UndirectedSubgraph", 1, a => UndirectedSubgraph(a[0]))
            .Add("Path", 1, a => GraphSupport.Path(a[0], "Graphs", (edges, x, y) => edges.Contains(FcnValue.Tuple(new[] { x, y }))))
            .Add("SimplePath", 1, a => GraphSupport.SimplePaths(GraphSupport.ToGraph(a[0], "SimplePath", "first", Kind), GraphSupport.Directed, GraphSupport.Mode.Forward))
            .Add("AreConnectedIn", 3, a => GraphSupport.AreConnectedIn(a[0], a[1], GraphSupport.ToGraph(a[2], "AreConnectedIn", "third", Kind), GraphSupport.Directed, GraphSupport.Mode.Forward))
            .Add("ConnectionsIn", 1, a => ConnectionsIn(a[0]))
            .Add("IsStronglyConnected", 1, a => IsStronglyConnected(a[0]))
            .Add("IsTreeWithRoot", 2, a => BoolValue.Of(IsTreeWithRoot(a[0], a[1])))
            .OverridingInText("SimplePath", "AreConnectedIn", "IsStronglyConnected");

    /// <summary>G = [node |-&gt; G.node, edge |-&gt; G.edge] /\ G.edge \subseteq (G.node \X G.node)</summary>
    public static bool IsDirectedGraph(Value g)
    {
        if (!GraphSupport.IsExactGraphRecord(g, out var nodes, out var edges)) return false;
        if (nodes == null || edges == null)
            throw new ValueException($"IsDirectedGraph: the node and edge fields of the graph should be sets:\n{Err.Show(g)}");
        foreach (var e in edges.Elements)
        {
            if (GraphSupport.Directed(e) is not var (from, to)) return false;
            if (!nodes.Contains(from) || !nodes.Contains(to)) return false;
        }
        return true;
    }

    public static bool IsUndirectedGraph(Value g)
    {
        if (!IsDirectedGraph(g)) return false;
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, "IsUndirectedGraph");
        foreach (var e in edges.Elems)
        {
            var rev = FcnValue.Tuple(new[] { GraphSupport.Index(e, 2), GraphSupport.Index(e, 1) });
            if (!edges.Contains(rev)) return false;
        }
        return true;
    }

    /// <summary>All [node |-&gt; N, edge |-&gt; E] with N \subseteq G.node and E \subseteq G.edge \cap (N \X N).</summary>
    public static Value DirectedSubgraph(Value g) => Subgraphs(g, "DirectedSubgraph", undirectedOnly: false);

    public static Value UndirectedSubgraph(Value g) => Subgraphs(g, "UndirectedSubgraph", undirectedOnly: true);

    private static Value Subgraphs(Value g, string op, bool undirectedOnly)
    {
        var nodes = GraphSupport.SetField(g, GraphSupport.NodeField, op);
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, op);
        var result = new List<Value>();
        foreach (var ns in GraphSupport.Subsets(nodes.Elems))
        {
            var n = new SetValue(ns);
            var candidates = new List<Value>();
            foreach (var e in edges.Elems)
                if (GraphSupport.Directed(e) is var (from, to) && n.Contains(from) && n.Contains(to)) candidates.Add(e);
            foreach (var es in GraphSupport.Subsets(candidates.ToArray()))
            {
                var eset = new SetValue(es);
                if (undirectedOnly && !IsSymmetric(eset)) continue;
                result.Add(GraphSupport.MakeGraph(n, eset));
            }
        }
        return SetValue.FromList(result);
    }

    private static bool IsSymmetric(SetValue edges)
    {
        foreach (var e in edges.Elems)
        {
            var (from, to) = GraphSupport.Directed(e).Value;
            if (!edges.Contains(FcnValue.Tuple(new[] { to, from }))) return false;
        }
        return true;
    }

    /// <summary>[edge |-&gt; {&lt;&lt;e[2], e[1]&gt;&gt; : e \in G.edge}, node |-&gt; G.node]</summary>
    public static Value Transpose(Value g)
    {
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, "Transpose");
        var rev = new List<Value>();
        foreach (var e in edges.Elems)
            rev.Add(FcnValue.Tuple(new[] { GraphSupport.Index(e, 2), GraphSupport.Index(e, 1) }));
        return GraphSupport.MakeGraph(GraphSupport.Field(g, GraphSupport.NodeField), SetValue.From(rev));
    }

    /// <summary>[m, n \in G.node |-&gt; there is a path from m to n (m = n included)], by reachability.</summary>
    public static Value ConnectionsIn(Value g)
    {
        var nodes = GraphSupport.SetField(g, GraphSupport.NodeField, "ConnectionsIn");
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, "ConnectionsIn");
        var graph = new GraphSupport.Graph(null, nodes, edges);
        var adj = GraphSupport.Adjacency(graph, GraphSupport.Directed, GraphSupport.Mode.Forward);
        var keys = new List<Value>();
        var vals = new List<Value>();
        foreach (var m in nodes.Elems)
        {
            var reach = GraphSupport.Reachable(m, adj);
            foreach (var n in nodes.Elems)
            {
                keys.Add(FcnValue.Tuple(new[] { m, n }));
                vals.Add(BoolValue.Of(reach.Contains(n)));
            }
        }
        return FcnValue.FromPairs(keys, vals);
    }

    /// <summary>TLC's override: every node is reachable from some root r, and r from every node (in the transpose).</summary>
    public static Value IsStronglyConnected(Value v)
    {
        var g = GraphSupport.ToGraph(v, "IsStronglyConnected", "first", Kind);
        if (g.Nodes.Elems.Length == 0) return BoolValue.True;
        var root = g.Nodes.Elems[0];
        if (GraphSupport.Reachable(root, GraphSupport.Adjacency(g, GraphSupport.Directed, GraphSupport.Mode.Forward)).Count != g.Nodes.Elems.Length)
            return BoolValue.False;
        if (GraphSupport.Reachable(root, GraphSupport.Adjacency(g, GraphSupport.Directed, GraphSupport.Mode.Transpose)).Count != g.Nodes.Elems.Length)
            return BoolValue.False;
        return BoolValue.True;
    }

    /// <summary>
    /// IsDirectedGraph(G) /\ \A e \in G.edge : e[1] # r /\ \A f \in G.edge : (e[1] = f[1]) =&gt; (e = f)
    /// /\ \A n \in G.node : AreConnectedIn(n, r, G): edges point from a node to its parent (the Graphs module of the
    /// CommunityModules TLC ships with).
    /// </summary>
    public static bool IsTreeWithRoot(Value g, Value r)
    {
        if (!IsDirectedGraph(g)) return false;
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, "IsTreeWithRoot");
        foreach (var e in edges.Elems)
        {
            var tail = GraphSupport.Index(e, 1);
            if (tail.Equals(r)) return false;
            foreach (var f in edges.Elems)
                if (tail.Equals(GraphSupport.Index(f, 1)) && !e.Equals(f)) return false;
        }
        var graph = GraphSupport.ToGraph(g, "AreConnectedIn", "third", Kind);
        foreach (var n in graph.Nodes.Elems)
            if (GraphSupport.AreConnectedIn(n, r, graph, GraphSupport.Directed, GraphSupport.Mode.Forward) != BoolValue.True) return false;
        return true;
    }
}

/// <summary>UndirectedGraphs (CommunityModules): edges are sets {a, b}; TLC's overrides for SimplePath, AreConnectedIn and ConnectedComponents.</summary>
internal static class UndirectedGraphsModule
{
    private const string Kind = "undirected graph";

    public static BuiltinModule Create() =>
        new BuiltinModule("UndirectedGraphs")
            .Add("IsUndirectedGraph", 1, a => BoolValue.Of(IsUndirected(a[0], loopFree: false)))
            .Add("IsLoopFreeUndirectedGraph", 1, a => BoolValue.Of(IsUndirected(a[0], loopFree: true)))
            .Add("UndirectedSubgraph", 1, a => UndirectedSubgraph(a[0]))
            .Add("Path", 1, a => GraphSupport.Path(a[0], "UndirectedGraphs", (edges, x, y) => edges.Contains(SetValue.From(new[] { x, y }))))
            .Add("SimplePath", 1, a => GraphSupport.SimplePaths(GraphSupport.ToGraph(a[0], "SimplePath", "first", Kind), GraphSupport.Undirected, GraphSupport.Mode.Symmetric))
            .Add("AreConnectedIn", 3, a => GraphSupport.AreConnectedIn(a[0], a[1], GraphSupport.ToGraph(a[2], "AreConnectedIn", "third", Kind), GraphSupport.Undirected, GraphSupport.Mode.Symmetric))
            .Add("ConnectedComponents", 1, a => ConnectedComponents(a[0]))
            .Add("IsStronglyConnected", 1, a => IsStronglyConnected(a[0]))
            .Add("UndirectedGraphs", 1, a => AllGraphs(a[0]))
            .OverridingInText("SimplePath", "AreConnectedIn", "ConnectedComponents");

    /// <summary>
    /// G = [node |-&gt; G.node, edge |-&gt; G.edge] /\ \A e \in G.edge : \E a, b \in G.node : (a # b) /\ e = {a, b}
    /// (the inequality only for loop-free graphs).
    /// </summary>
    public static bool IsUndirected(Value g, bool loopFree)
    {
        if (!GraphSupport.IsExactGraphRecord(g, out var nodes, out var edges)) return false;
        if (nodes == null || edges == null)
            throw new ValueException($"{(loopFree ? "IsLoopFreeUndirectedGraph" : "IsUndirectedGraph")}: the node and edge fields of the graph should be sets:\n{Err.Show(g)}");
        foreach (var e in edges.Elements)
            if (!IsEdgeOver(e, nodes, loopFree)) return false;
        return true;
    }

    private static bool IsEdgeOver(Value e, SetBase nodes, bool loopFree)
    {
        if (GraphSupport.Undirected(e) is not var (a, b)) return false;
        if (loopFree && a.Equals(b)) return false;
        return nodes.Contains(a) && nodes.Contains(b);
    }

    /// <summary>{H \in [node : SUBSET G.node, edge : SUBSET G.edge] : IsUndirectedGraph(H)}</summary>
    public static Value UndirectedSubgraph(Value g)
    {
        var nodes = GraphSupport.SetField(g, GraphSupport.NodeField, "UndirectedSubgraph");
        var edges = GraphSupport.SetField(g, GraphSupport.EdgeField, "UndirectedSubgraph");
        var result = new List<Value>();
        foreach (var ns in GraphSupport.Subsets(nodes.Elems))
        {
            var n = new SetValue(ns);
            var candidates = edges.Elems.Where(e => IsEdgeOver(e, n, loopFree: false)).ToArray();
            foreach (var es in GraphSupport.Subsets(candidates))
                result.Add(GraphSupport.MakeGraph(n, new SetValue(es)));
        }
        return SetValue.FromList(result);
    }

    /// <summary>TLC's override: union-find over the edges whose endpoints are both nodes.</summary>
    public static SetValue ConnectedComponents(Value v)
    {
        var g = GraphSupport.ToGraph(v, "ConnectedComponents", "first", Kind);
        var parent = new Dictionary<Value, Value>();
        foreach (var n in g.Nodes.Elems) parent[n] = n;
        Value Find(Value x)
        {
            var root = x;
            while (!parent[root].Equals(root)) root = parent[root];
            while (!x.Equals(root))
            {
                var next = parent[x];
                parent[x] = root;
                x = next;
            }
            return root;
        }
        foreach (var e in g.Edges.Elems)
        {
            if (GraphSupport.Undirected(e) is not var (a, b)) continue;
            if (!g.Nodes.Contains(a) || !g.Nodes.Contains(b)) continue;
            var ra = Find(a.Normalize());
            var rb = Find(b.Normalize());
            if (!ra.Equals(rb)) parent[rb] = ra;
        }
        var comps = new Dictionary<Value, List<Value>>();
        foreach (var n in g.Nodes.Elems)
        {
            var r = Find(n);
            if (!comps.TryGetValue(r, out var l)) comps[r] = l = new List<Value>();
            l.Add(n);
        }
        return SetValue.FromList(comps.Values.Select(l => (Value)new SetValue(l.ToArray())).ToList());
    }

    /// <summary>ConnectedComponents(G) = {G.node}</summary>
    public static Value IsStronglyConnected(Value g)
    {
        var cc = ConnectedComponents(g);
        var nodes = GraphSupport.Field(g, GraphSupport.NodeField);
        return BoolValue.Of(cc.Equals(SetValue.From(new[] { nodes })));
    }

    /// <summary>[node : {S}, edge : SUBSET {{s, t} : &lt;&lt;s, t&gt;&gt; \in S \X S}]</summary>
    public static Value AllGraphs(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.OneArg("UndirectedGraphs", "finite set", s);
        var pairs = new List<Value>();
        foreach (var x in set.Elems)
            foreach (var y in set.Elems)
                pairs.Add(SetValue.From(new[] { x, y }));
        return new RecordSetValue(
            new[] { GraphSupport.NodeField, GraphSupport.EdgeField },
            new SetBase[] { new SetValue(new Value[] { set }), new SubsetValue(SetValue.From(pairs)) });
    }
}
