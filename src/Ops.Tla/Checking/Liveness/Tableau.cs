namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// The tableau of the temporal part of a negated property, as <see cref="TlcTableau"/> builds it (TLC's particle
/// tableau): each node holds the state predicates a state must meet to be paired with it, the eventualities it
/// carries (and whether it fulfils each), and its successor nodes.
/// </summary>
public sealed class Tableau
{
    public sealed class Node
    {
        public int Id;
        /// <summary>The state predicates of the node's particle.</summary>
        public List<Ltl.Atom> Literals = new();
        /// <summary>Eventualities in this node, and whether the node fulfils each (contains its body).</summary>
        public List<(Ltl.Eventually Promise, bool Fulfilled)> Promises = new();
        public List<int> Successors = new();
        /// <summary>A node no state is consistent with (it holds FALSE).</summary>
        public bool Unsatisfiable;
        /// <summary>TLC's accepting node (TBGraphNode.isAccepting): an empty particle whose only successor is itself,
        /// so that every continuation satisfies the negated property once a behaviour reaches it.</summary>
        public bool Accepting;
    }

    public readonly List<Node> Nodes = new();
    public readonly List<int> Initial = new();

    internal Tableau() { }

    /// <summary>The tableau of a branch without a temporal part: one node, consistent with every state, its own
    /// successor, so that the behaviour graph is the state graph (TLC checks such a branch without a tableau, so the
    /// node is not accepting).</summary>
    public static Tableau Trivial()
    {
        var t = new Tableau();
        t.Nodes.Add(new Node { Id = 0, Successors = { 0 } });
        t.Initial.Add(0);
        return t;
    }
}
