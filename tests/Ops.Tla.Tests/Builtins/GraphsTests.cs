using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class GraphsTests : BuiltinTestBase
{
    private static FcnValue Graph(Value nodes, Value edges) => Rec(("node", nodes), ("edge", edges));

    private static FcnValue Pair(long a, long b) => Tup(a, b);

    /// <summary>1 -&gt; 2 -&gt; 3</summary>
    private static readonly FcnValue Chain = Graph(Set(1, 2, 3), Set(Pair(1, 2), Pair(2, 3)));

    [Fact]
    public void Directed_graph_predicates()
    {
        Assert.Equal(B(true), Call("Graphs", "IsDirectedGraph", Chain));
        Assert.Equal(B(false), Call("Graphs", "IsDirectedGraph", Rec(("node", Set(1)), ("edge", Set()), ("x", I(1)))));
        Assert.Equal(B(false), Call("Graphs", "IsDirectedGraph", Graph(Set(1, 2), Set(Pair(1, 3)))));
        Assert.Equal(B(false), Call("Graphs", "IsUndirectedGraph", Chain));
        Assert.Equal(B(true), Call("Graphs", "IsUndirectedGraph", Graph(Set(1, 2), Set(Pair(1, 2), Pair(2, 1)))));
        Assert.StartsWith("Attempted to access the field node", Error("Graphs", "IsDirectedGraph", Rec(("edge", Set()))));
    }

    [Fact]
    public void Transpose_and_subgraphs()
    {
        Assert.Equal("[edge |-> {<<2, 1>>, <<3, 2>>}, node |-> {1, 2, 3}]", Str("Graphs", "Transpose", Chain));
        // N \subseteq {1, 2} and E \subseteq G.edge \cap (N \X N): 1 + 1 + 1 + 2 subgraphs.
        var small = Graph(Set(1, 2), Set(Pair(1, 2)));
        Assert.Equal(5, ((SetBase)Call("Graphs", "DirectedSubgraph", small)).Count);
        Assert.True(((SetBase)Call("Graphs", "DirectedSubgraph", small)).Contains(Graph(Set(1, 2), Set(Pair(1, 2)))));
        Assert.True(((SetBase)Call("Graphs", "DirectedSubgraph", small)).Contains(Graph(Set(), Set())));
        // Only the symmetric edge sets: {} and both directions for {1, 2}.
        var sym = Graph(Set(1, 2), Set(Pair(1, 2), Pair(2, 1)));
        var us = (SetBase)Call("Graphs", "UndirectedSubgraph", sym);
        Assert.Equal(5, us.Count);
        Assert.False(us.Contains(Graph(Set(1, 2), Set(Pair(1, 2)))));
    }

    [Fact]
    public void Paths_and_connectivity()
    {
        var simple = (SetBase)Call("Graphs", "SimplePath", Chain);
        Assert.Equal("{<<1>>, <<2>>, <<3>>, <<1, 2>>, <<2, 3>>, <<1, 2, 3>>}", simple.ToString());
        var path = (SetBase)Call("Graphs", "Path", Chain);
        Assert.True(path.Contains(Tup(1, 2, 3)));
        Assert.False(path.Contains(Tup(1, 3)));
        Assert.False(path.Contains(Tup()));
        Assert.False(path.IsFinite);
        Assert.Throws<ValueException>(() => path.ToEnumerated());
        Assert.Equal(B(true), Call("Graphs", "AreConnectedIn", I(1), I(3), Chain));
        Assert.Equal(B(false), Call("Graphs", "AreConnectedIn", I(3), I(1), Chain));
        Assert.Equal(B(true), Call("Graphs", "AreConnectedIn", I(2), I(2), Chain));
        Assert.Equal(B(false), Call("Graphs", "AreConnectedIn", I(4), I(4), Chain));
        Assert.Equal(B(false), Call("Graphs", "IsStronglyConnected", Chain));
        Assert.Equal(B(true), Call("Graphs", "IsStronglyConnected", Graph(Set(1, 2, 3), Set(Pair(1, 2), Pair(2, 3), Pair(3, 1)))));
        Assert.Equal(B(true), Call("Graphs", "IsStronglyConnected", Graph(Set(), Set())));
        var conn = (FcnValue)Call("Graphs", "ConnectionsIn", Chain);
        Assert.Equal(9, conn.Size);
        Assert.Equal(B(true), conn.Apply(Pair(1, 3)));
        Assert.Equal(B(false), conn.Apply(Pair(3, 1)));
        Assert.Equal(B(true), conn.Apply(Pair(2, 2)));
        Assert.Equal("The first argument of SimplePath should be a graph record with a node and an edge field, but instead it is:\n<<1, 2>>",
            Error("Graphs", "SimplePath", Tup(1, 2)));
    }

    [Fact]
    public void Trees()
    {
        Assert.Equal(B(true), Call("Graphs", "IsTreeWithRoot", Graph(Set(1), Set()), I(1)));
        // Edges go from a node to its parent (Graphs.tla of the CommunityModules TLC ships): none leaves the root.
        Assert.Equal(B(true), Call("Graphs", "IsTreeWithRoot", Graph(Set(1, 2), Set(Pair(1, 2))), I(2)));
        Assert.Equal(B(false), Call("Graphs", "IsTreeWithRoot", Graph(Set(1, 2), Set(Pair(1, 2))), I(1)));
        // A node with two parents is no tree.
        Assert.Equal(B(false), Call("Graphs", "IsTreeWithRoot", Graph(Set(1, 2, 3), Set(Pair(1, 2), Pair(1, 3), Pair(3, 2))), I(2)));
    }

    /// <summary>1 - 2 - 3 and an isolated 4.</summary>
    private static readonly FcnValue U = Rec(("node", Set(1, 2, 3, 4)), ("edge", Set(Set(1, 2), Set(2, 3))));

    [Fact]
    public void Undirected_graph_predicates()
    {
        Assert.Equal(B(true), Call("UndirectedGraphs", "IsUndirectedGraph", U));
        Assert.Equal(B(false), Call("UndirectedGraphs", "IsUndirectedGraph", Graph(Set(1, 2), Set(Set(1, 5)))));
        Assert.Equal(B(true), Call("UndirectedGraphs", "IsUndirectedGraph", Graph(Set(1, 2), Set(Set(1)))));
        Assert.Equal(B(false), Call("UndirectedGraphs", "IsLoopFreeUndirectedGraph", Graph(Set(1, 2), Set(Set(1)))));
        Assert.Equal(B(true), Call("UndirectedGraphs", "IsLoopFreeUndirectedGraph", U));
        Assert.Equal(B(false), Call("UndirectedGraphs", "IsUndirectedGraph", Graph(Set(1, 2), Set(Pair(1, 2)))));
    }

    [Fact]
    public void Undirected_components_and_paths()
    {
        Assert.Equal("{{4}, {1, 2, 3}}", Str("UndirectedGraphs", "ConnectedComponents", U));
        Assert.Equal(B(false), Call("UndirectedGraphs", "IsStronglyConnected", U));
        Assert.Equal(B(true), Call("UndirectedGraphs", "IsStronglyConnected", Graph(Set(1, 2, 3), Set(Set(1, 2), Set(2, 3)))));
        // ConnectedComponents of the empty graph is {}, which differs from {{}}.
        Assert.Equal(B(false), Call("UndirectedGraphs", "IsStronglyConnected", Graph(Set(), Set())));
        // Edges with an endpoint outside the node set connect nothing.
        Assert.Equal("{{1}, {2}}", Str("UndirectedGraphs", "ConnectedComponents", Graph(Set(1, 2), Set(Set(1, 5)))));
        Assert.Equal("{<<1>>, <<2>>, <<1, 2>>, <<2, 1>>}", Str("UndirectedGraphs", "SimplePath", Graph(Set(1, 2), Set(Set(1, 2)))));
        Assert.Equal(B(true), Call("UndirectedGraphs", "AreConnectedIn", I(3), I(1), U));
        Assert.Equal(B(false), Call("UndirectedGraphs", "AreConnectedIn", I(1), I(4), U));
        var path = (SetBase)Call("UndirectedGraphs", "Path", U);
        Assert.True(path.Contains(Tup(3, 2, 1)));
        Assert.False(path.Contains(Tup(1, 1)));
        Assert.True(((SetBase)Call("UndirectedGraphs", "Path", Graph(Set(1), Set(Set(1))))).Contains(Tup(1, 1)));
        Assert.Equal("The first argument of ConnectedComponents should be a undirected graph record with a node and an edge field, but instead it is:\n<<1, 2>>",
            Error("UndirectedGraphs", "ConnectedComponents", Tup(1, 2)));
    }

    [Fact]
    public void Undirected_graph_sets()
    {
        // edge \in SUBSET {{1}, {2}, {1, 2}}.
        var all = (SetBase)Call("UndirectedGraphs", "UndirectedGraphs", Set(1, 2));
        Assert.Equal(8, all.Count);
        Assert.True(all.Contains(Graph(Set(1, 2), Set(Set(1), Set(2)))));
        Assert.False(all.Contains(Graph(Set(1), Set())));
        Assert.Equal(5, ((SetBase)Call("UndirectedGraphs", "UndirectedSubgraph", Graph(Set(1, 2), Set(Set(1, 2))))).Count);
    }
}
