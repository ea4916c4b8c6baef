namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// The tableau of a state-level temporal formula (Manna and Pnueli's construction, as TLC uses): each node is a
/// consistent, fully expanded set of subformulas; its literals must hold in the current state and its "next"
/// obligations define the successor nodes. An eventuality &lt;&gt;X is fulfilled at a node that contains X.
/// </summary>
public sealed class Tableau
{
    public sealed class Node
    {
        public int Id;
        public List<Ltl.Atom> Literals = new();
        /// <summary>Eventualities in this node, and whether the node fulfils each (contains its body).</summary>
        public List<(Ltl.Eventually Promise, bool Fulfilled)> Promises = new();
        public List<int> Successors = new();
        /// <summary>A node no state is consistent with (it holds FALSE).</summary>
        public bool Unsatisfiable;
        internal string NextKey;
        internal List<Ltl> Next = new();
    }

    public readonly List<Node> Nodes = new();
    public readonly List<int> Initial = new();
    private readonly Dictionary<string, List<int>> _byNextKey = new();
    private readonly Dictionary<Ltl, int> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>An empty tableau, for another construction to fill (<see cref="TlcTableau"/>).</summary>
    internal Tableau() { }

    public Tableau(Ltl formula)
    {
        Initial.AddRange(Expand(new List<Ltl> { formula }));
        // Build successors until closed.
        for (int i = 0; i < Nodes.Count; i++)
        {
            var n = Nodes[i];
            n.Successors = ExpandCached(n.NextKey, n.Next);
        }
    }

    /// <summary>A tableau with a single node that accepts everything (for branches without a tableau part).</summary>
    public static Tableau Trivial() => new(new Ltl.Const(true));

    private int IdOf(Ltl f)
    {
        if (!_ids.TryGetValue(f, out var id))
        {
            id = _ids.Count;
            _ids[f] = id;
        }
        return id;
    }

    private List<int> ExpandCached(string key, List<Ltl> pending)
    {
        if (_byNextKey.TryGetValue(key, out var ids)) return ids;
        ids = new List<int>();
        _byNextKey[key] = ids; // placeholder for recursion
        ids.AddRange(Expand(pending));
        return ids;
    }

    private readonly Dictionary<string, int> _nodeByKey = new();

    private List<int> Expand(List<Ltl> pending)
    {
        var result = new List<int>();
        ExpandRec(new List<Ltl>(pending), new List<Ltl>(), new List<Ltl>(), result);
        return result.Distinct().ToList();
    }

    /// <summary>Depth-first expansion: <paramref name="done"/> are the formulas placed in the node,
    /// <paramref name="next"/> the obligations for the next state.</summary>
    private void ExpandRec(List<Ltl> pending, List<Ltl> done, List<Ltl> next, List<int> result)
    {
        while (pending.Count > 0)
        {
            var f = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (done.Any(d => Same(d, f))) continue;
            done.Add(f);
            switch (f)
            {
                case Ltl.Const c:
                    if (!c.Value) return;
                    break;
                case Ltl.Atom a:
                    if (done.OfType<Ltl.Atom>().Any(d => Contradicts(d, a))) return;
                    break;
                case Ltl.And and:
                    pending.AddRange(and.Items);
                    break;
                case Ltl.Or or:
                    foreach (var item in or.Items)
                        ExpandRec(new List<Ltl>(pending) { item }, new List<Ltl>(done), new List<Ltl>(next), result);
                    return;
                case Ltl.Always al:
                    pending.Add(al.Body);
                    if (!next.Any(n => Same(n, al))) next.Add(al);
                    break;
                case Ltl.Eventually ev:
                    // Either the body now, or the promise carried to the next state.
                    ExpandRec(new List<Ltl>(pending) { ev.Body }, new List<Ltl>(done), new List<Ltl>(next), result);
                    var n2 = new List<Ltl>(next);
                    if (!n2.Any(n => Same(n, ev))) n2.Add(ev);
                    ExpandRec(new List<Ltl>(pending), new List<Ltl>(done), n2, result);
                    return;
            }
        }
        result.Add(MakeNode(done, next));
    }

    private static bool Same(Ltl a, Ltl b)
    {
        if (ReferenceEquals(a, b)) return true;
        return a is Ltl.Atom x && b is Ltl.Atom y && ReferenceEquals(x.Term, y.Term) && ReferenceEquals(x.Context, y.Context) && x.Negated == y.Negated;
    }

    private static bool Contradicts(Ltl.Atom a, Ltl.Atom b) =>
        ReferenceEquals(a.Term, b.Term) && ReferenceEquals(a.Context, b.Context) && a.Negated != b.Negated;

    private int MakeNode(List<Ltl> done, List<Ltl> next)
    {
        var literals = done.OfType<Ltl.Atom>().ToList();
        var litKey = string.Join(",", literals.Select(l => (l.Negated ? "-" : "+") + IdOf(CanonicalAtom(l))).OrderBy(x => x));
        var nextKey = string.Join(",", next.Select(IdOf).OrderBy(x => x));
        var promises = done.OfType<Ltl.Eventually>().Select(p => (p, done.Any(d => Same(d, p.Body)))).ToList();
        var promKey = string.Join(",", promises.Select(p => IdOf(p.p) + (p.Item2 ? "!" : "?")).OrderBy(x => x));
        var key = litKey + "|" + nextKey + "|" + promKey;
        if (_nodeByKey.TryGetValue(key, out var id)) return id;
        var node = new Node { Id = Nodes.Count, Literals = literals, NextKey = nextKey, Next = next };
        foreach (var (p, ok) in promises) node.Promises.Add((p, ok));
        Nodes.Add(node);
        _nodeByKey[key] = node.Id;
        return node.Id;
    }

    private readonly Dictionary<(object, object), Ltl.Atom> _canon = new();

    /// <summary>One object per (term, frame), so literal ids do not depend on the sign or on copies.</summary>
    private Ltl.Atom CanonicalAtom(Ltl.Atom a)
    {
        var k = ((object)a.Term, (object)a.Context);
        if (!_canon.TryGetValue(k, out var c))
        {
            c = a.Negated ? a.Negate() : a;
            _canon[k] = c;
        }
        return c;
    }
}
