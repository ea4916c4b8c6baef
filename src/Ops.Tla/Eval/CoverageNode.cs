using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// One node of a coverage tree (TLC's CostModel: an ActionWrapper root and an OpApplNodeWrapper per operator
/// application): the sub-expressions of one action, initial predicate, invariant or constraint, with the definitions
/// it calls expanded in place, so that a definition used by two actions is counted separately for each. A node counts
/// its evaluations (<see cref="Count"/>; in an action, also each time the rest of the action went on from it to at
/// least one state, as TLC's getNextStates counts) and the elements it enumerated (<see cref="Cost"/>).
/// Built by <see cref="Build"/> once the model is loaded; read-only afterwards except for the counters, which are
/// updated with interlocked operations (the workers of a parallel search share the trees).
/// </summary>
public sealed class CoverageNode
{
    public readonly Term Term;
    public readonly CoverageNode Parent;
    public readonly List<CoverageNode> Children = new();
    private Dictionary<Term, CoverageNode> _byTerm;
    public long Count, Cost;
    /// <summary>An assignment (<c>x' = e</c>, <c>x' \in S</c>): printed even when never evaluated (TLC's primed
    /// locations).</summary>
    public bool Primed;
    /// <summary>A branch or the condition of an IF (printed even when zero, as TLC's ITE children).</summary>
    public bool Ite;
    /// <summary>An UNCHANGED: printed as one line with the count of what it covers.</summary>
    public bool Unchanged;
    public readonly string Module;
    public readonly SourceSpan Span;

    /// <summary>The node of a replay that records the expressions being evaluated (<see cref="NestedExpressions"/>):
    /// it stands for every term, so that evaluation takes coverage's path (TLC's structure of evaluation, no
    /// shortcuts) and reports each term to the recorder.</summary>
    internal bool IsTracking { get; private init; }

    internal static CoverageNode NewTracking() => new(null, null, "", SourceSpan.None) { IsTracking = true };

    private CoverageNode(Term term, CoverageNode parent, string module, SourceSpan span)
    {
        Term = term;
        Parent = parent;
        Module = module;
        Span = span;
    }

    /// <summary>The node of <paramref name="t"/> under this one, or under the nearest ancestor that has one (an
    /// argument evaluated inside the body of the definition it was passed to; a recursive call); null when none
    /// has (the term is not a node: a literal, LET, a label, or not part of this tree).</summary>
    public CoverageNode Find(Term t)
    {
        if (IsTracking) return this;
        for (var n = this; n != null; n = n.Parent)
            if (n._byTerm != null && n._byTerm.TryGetValue(t, out var c)) return c;
        return null;
    }

    /// <summary>Counts the evaluation of <paramref name="t"/> on its node and evaluates it with that node current.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static Value Eval(Term t, EvalState es, Frame f)
    {
        var parent = es.Cov;
        var node = parent.Find(t);
        if (node == null) return t.EvalCore(es, f);
        if (node.IsTracking) return es.Track.Eval(t, es, f);
        Interlocked.Increment(ref node.Count);
        es.Cov = node;
        try { return t.EvalCore(es, f); }
        finally { es.Cov = parent; }
    }

    /// <summary>Elements enumerated by the binder-owning term being evaluated (quantifier, constructor, filter).</summary>
    internal static void Enumerated(EvalState es, long n)
    {
        var c = es.Cov;
        if (c != null && c.Term != null) Interlocked.Add(ref c.Cost, n);
    }

    /// <summary>A set written <c>{a, b, ...}</c> (<paramref name="setTerm"/>) was enumerated with
    /// <paramref name="calls"/> requests for an element (its elements taken, plus one that found none when the
    /// enumeration ran to the end): TLC counts them as the second figure ("cost") of the set's node. Sets made by
    /// other operators (<c>a..b</c>, the standard modules' operators) are not charged, as in TLC.</summary>
    internal static void SetCost(EvalState es, Term setTerm, long calls)
    {
        if (setTerm is not SetEnumTerm || es.Cov?.Find(setTerm) is not { } n) return;
        Interlocked.Add(ref n.Cost, calls);
    }

    private CoverageNode Add(Term t, string module, SourceSpan span, bool hidden)
    {
        var n = new CoverageNode(t, this, module, span);
        // A LET definition's body is counted where it is evaluated but not printed (TLC keeps it among the "lets"
        // of the IN part, which its report does not walk).
        if (!hidden) Children.Add(n);
        // A term reached twice from one node (the same definition applied twice in one expression) shares the node.
        _byTerm ??= new Dictionary<Term, CoverageNode>(ReferenceEqualityComparer.Instance);
        _byTerm.TryAdd(t, n);
        return n;
    }

    /// <summary>The tree of <paramref name="root"/> (in module <paramref name="module"/>): a root node whose
    /// children are the root's nodes. A call of a definition without arguments (INIT Init, INVARIANT Inv) stands
    /// for the definition's body, as TLC's actions do.</summary>
    public static CoverageNode Build(Term root, string module)
    {
        var r = new CoverageNode(null, null, module, SourceSpan.None);
        if (root is OpCallTerm { Args.Length: 0 } c && c.Def.EnsureBody() is { } body && !c.Def.Cacheable)
        {
            // The call itself passes through (not a node), its body's nodes are the root's.
            new Builder(c.Def).Walk(body, r, c.Def.ModuleName);
        }
        else new Builder(null).Walk(root, r, module);
        return r;
    }

    private sealed class Builder
    {
        private readonly HashSet<OpDef> _open = new();
        private int _nodes;
        private const int MaxNodes = 200_000;

        public Builder(OpDef rootDef)
        {
            if (rootDef != null) _open.Add(rootDef);
        }

        private bool _hidden;

        private CoverageNode Node(Term t, CoverageNode parent, string module) => parent.Add(t, module, t.Span, _hidden);

        /// <summary>Adds the nodes of <paramref name="t"/> under <paramref name="parent"/>: its node, and under it the
        /// nodes of its children in <see cref="Term.Children"/>'s order (SANY's, which TLC's report follows).</summary>
        public void Walk(Term t, CoverageNode parent, string module)
        {
            if (t == null || ++_nodes > MaxNodes) return;
            switch (t)
            {
                // Not operator applications for SANY: their parts belong to the enclosing node.
                case ConstTerm { Literal: true }:
                case OperatorArgTerm:
                    return;
                case LetTerm let:
                {
                    bool was = _hidden;
                    _hidden = true;
                    foreach (var b in let.Bodies) Walk(b, parent, module);
                    _hidden = was;
                    Walk(let.Body, parent, module);
                    return;
                }
                // Labels, and what the resolver and the hoisting pass wrap around SANY's nodes: transparent.
                case LabelTerm or ScopedTerm or HoistTerm or CachedTerm or InlineTerm or RecursiveFcnTerm:
                    foreach (var c in t.Children) Walk(c, parent, module);
                    return;
            }
            var n = Node(t, parent, module);
            n.Primed = t is EqTerm { A: PrimedVarTerm or FreshPrimedVarTerm } or InTerm { Elem: PrimedVarTerm or FreshPrimedVarTerm };
            n.Unchanged = t is UnchangedTerm;
            // TLC walks the body of the definition under the call (once: a RECURSIVE one is not re-entered, its
            // recursive calls count in the outer call's nodes), before the arguments; a constant definition is a value.
            if (t is OpCallTerm { Def: var def } && !def.Cacheable && _open.Add(def))
            {
                var body = def.EnsureBody();
                if (body != null) Walk(body, n, def.ModuleName ?? module);
                _open.Remove(def);
            }
            int from = n.Children.Count;
            foreach (var c in t.Children) Walk(c, n, module);
            if (t is IfTerm)
                for (int i = from; i < n.Children.Count; i++) n.Children[i].Ite = true;
        }
    }
}
