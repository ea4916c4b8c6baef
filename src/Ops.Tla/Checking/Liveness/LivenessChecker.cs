using Ops.Tla.Eval;
using Ops.Tla.Values;

namespace Ops.Tla.Checking.Liveness;

/// <summary>The complete state graph the liveness checker runs on (recorded by the BFS).</summary>
public sealed class StateGraph
{
    public IReadOnlyList<Value[]> States;
    public List<int> Initial;
    /// <summary>Successors of each state (state index, action index); the stuttering step is implicit.</summary>
    public List<List<(int To, int Action)>> Successors;
}

/// <summary>One disjunct of (fairness /\ ~property) in the shape the search needs.</summary>
public sealed class Branch
{
    /// <summary>State-level temporal formulas, checked through a tableau (and state predicates on the first state).</summary>
    public List<Ltl> Tableau = new();
    /// <summary>[]&lt;&gt;X: X holds infinitely often (on a state or a step of the cycle).</summary>
    public List<Ltl> InfinitelyOften = new();
    /// <summary>&lt;&gt;[]X: X holds on every state and step of the cycle.</summary>
    public List<Ltl> EventuallyAlways = new();
    /// <summary>[]X with X a predicate over steps: holds on every step of the whole behaviour.</summary>
    public List<Ltl> AlwaysSteps = new();

    public override string ToString() =>
        $"tableau: {string.Join(" /\\ ", Tableau)}; []<>: {string.Join(", ", InfinitelyOften)}; <>[]: {string.Join(", ", EventuallyAlways)}; []: {string.Join(", ", AlwaysSteps)}";
}

/// <summary>
/// Checks temporal properties on the complete state graph: for each property P it looks for a fair behaviour
/// satisfying ~P, i.e. a reachable strongly connected component of (state graph x tableau of ~P) that is fair,
/// fulfils its eventualities and meets the []&lt;&gt; / &lt;&gt;[] conditions. Sound and complete for finite graphs;
/// a violation comes back as a lasso (prefix + cycle).
/// </summary>
public sealed class LivenessChecker
{
    private readonly Model _m;
    private readonly StateGraph _g;
    private readonly EvalState _es;
    private readonly LtlBuilder _builder;

    public LivenessChecker(Model model, StateGraph graph, EvalState es)
    {
        _m = model;
        _g = graph;
        _es = es;
        _builder = new LtlBuilder(es);
        _es.EnabledFallback = EnabledFromGraph;
    }

    private int _evalState = -1;

    /// <summary>ENABLED A at the state being evaluated: does A hold for a step to one of its successors (or a
    /// stuttering step)? Used when A's primes are expressions (refinement mappings), not variables.</summary>
    private bool EnabledFromGraph(Term action, Frame f)
    {
        int s = _evalState;
        if (s < 0) return false;
        var saveCur = _es.Current;
        var saveNext = _es.Next;
        try
        {
            _es.Current = _g.States[s];
            for (int k = -1; k < _g.Successors[s].Count; k++)
            {
                _es.Next = _g.States[k < 0 ? s : _g.Successors[s][k].To];
                if (action.EvalBool(_es, f)) return true;
            }
            return false;
        }
        finally
        {
            _es.Current = saveCur;
            _es.Next = saveNext;
        }
    }

    public sealed class Counterexample
    {
        public string Property;
        public List<int> States = new();
        public List<int> Actions = new();
        public int LoopIndex;
        public bool Stuttering;
        /// <summary>A finite prefix every continuation of which violates the property (the tableau reached a node with
        /// nothing left to fulfil, and the negated property needs no fairness or cycle condition): TLC reports it as a
        /// safety violation, without a loop.</summary>
        public bool Safety;
    }

    public int BranchCount { get; private set; }

    /// <summary>Returns the first violated property's lasso, or null when every property holds.</summary>
    public Counterexample Check()
    {
        // Fairness of the specification, as one formula.
        _es.Current = null;
        _es.Next = null;
        // Fairness: WF gives a []<> condition, SF a Streett pair; anything else joins the formula's branches.
        var fairness = new List<Ltl>();
        foreach (var f in _m.Fairness)
        {
            var built = _builder.Build(f.Term, f.WalkScope, negate: false);
            CheckActionForms(built, f.Span);
            foreach (var part in built is Ltl.And and ? and.Items : new[] { built })
            {
                if (part is Ltl.Always { Body: Ltl.Eventually { Body: var x } } && x.IsPredicate) _fairInfinitelyOften.Add(x);
                else if (part is Ltl.Or { Items.Length: 2 } or && or.Items[0] is Ltl.Eventually { Body: Ltl.Always { Body: var ea } }
                         && or.Items[1] is Ltl.Always { Body: Ltl.Eventually { Body: var ae } } && ea.IsPredicate && !ea.HasAction && ae.IsPredicate)
                    _fairStreett.Add((ea, ae));
                else fairness.Add(part);
            }
        }
        foreach (var p in _m.TemporalProperties)
        {
            CheckActionForms(_builder.Build(p.Term, p.WalkScope, negate: false), p.Span);
            var neg = _builder.Build(p.Term, p.WalkScope, negate: true);
            var formula = Ltl.MkAnd(fairness.Append(neg).ToArray());
            if (formula is Ltl.Const { Value: false })
                throw new TlaException(ErrorKind.Eval, p.Span, "Temporal formula is a tautology (its negation is unsatisfiable).") { ExitCode = ExitStatus.LivenessEvaluationError };
            foreach (var branch in Branches(formula))
            {
                BranchCount++;
                var cx = SearchBranch(branch);
                if (cx != null)
                {
                    cx.Property = p.Name;
                    return cx;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// TLC's rule for actions in temporal formulas (Liveness.processLiveness): written positively, an action may only
    /// be the A of []&lt;&gt;A, &lt;&gt;[]A or []A ([][A]_v); anything else (&lt;&gt;&lt;&lt;A&gt;&gt;_v, ~[][A]_v, an
    /// action under a nested eventuality...) is an error TLC reports with exit 255.
    /// </summary>
    private static void CheckActionForms(Ltl positive, Ops.Tla.Syntax.SourceSpan span)
    {
        if (!ActionFormsOk(positive))
            throw new TlaException(ErrorKind.TlcRefused, span, "Temporal formulas containing actions must be of forms <>[]A or []<>A.");
    }

    private static bool ActionFormsOk(Ltl f) => f switch
    {
        Ltl.Atom a => !a.IsAction,
        Ltl.Const => true,
        Ltl.And a => a.Items.All(ActionFormsOk),
        Ltl.Or o => o.Items.All(ActionFormsOk),
        Ltl.Always { Body: Ltl.Eventually { Body: var x } } when x.IsPredicate => true,
        Ltl.Eventually { Body: Ltl.Always { Body: var x } } when x.IsPredicate => true,
        Ltl.Always { Body: var x } when x.IsPredicate => true,
        Ltl.Always al => ActionFormsOk(al.Body),
        Ltl.Eventually ev => ActionFormsOk(ev.Body),
        _ => true,
    };

    // ------------------------------------------------------------------ disjunctive normal form

    private static List<List<Ltl>> Dnf(Ltl f)
    {
        switch (f)
        {
            case Ltl.Or o:
                return o.Items.SelectMany(Dnf).ToList();
            case Ltl.And a:
            {
                var acc = new List<List<Ltl>> { new() };
                foreach (var item in a.Items)
                {
                    var d = Dnf(item);
                    var next = new List<List<Ltl>>();
                    foreach (var x in acc)
                        foreach (var y in d)
                            next.Add(x.Concat(y).ToList());
                    acc = next;
                    if (acc.Count > 4096) throw new TlaException(ErrorKind.Unsupported, "the temporal formula has too many disjunctive branches to check");
                }
                return acc;
            }
            case Ltl.Const { Value: false }:
                return new List<List<Ltl>>();
            case Ltl.Const { Value: true }:
                return new List<List<Ltl>> { new() };
            default:
                return new List<List<Ltl>> { new() { f } };
        }
    }

    public static List<Branch> Branches(Ltl formula)
    {
        var result = new List<Branch>();
        foreach (var conj in Dnf(formula))
        {
            var b = new Branch();
            foreach (var c in conj)
            {
                switch (c)
                {
                    case Ltl.Always { Body: Ltl.Eventually { Body: var x } } when x.IsPredicate:
                        b.InfinitelyOften.Add(x);
                        break;
                    case Ltl.Eventually { Body: Ltl.Always { Body: var x } } when x.IsPredicate:
                        b.EventuallyAlways.Add(x);
                        break;
                    case Ltl.Always { Body: var x } when x.IsPredicate && x.HasAction:
                        b.AlwaysSteps.Add(x);
                        break;
                    default:
                        // Anything else goes through the tableau; its action literals are conditions on the step
                        // from the node's state to the next one (<>A, <><<A>>_v, []<>[A]_v nested deeper...).
                        b.Tableau.Add(c);
                        break;
                }
            }
            result.Add(b);
        }
        return result;
    }

    // ------------------------------------------------------------------ predicates on states and steps

    private readonly List<Ltl> _fairInfinitelyOften = new();
    /// <summary>Strong fairness as Streett pairs (X, Y): &lt;&gt;[]X \/ []&lt;&gt;Y.</summary>
    private readonly List<(Ltl EventuallyAlways, Ltl InfinitelyOften)> _fairStreett = new();

    private readonly Dictionary<(Term, ActionContext, int), bool> _stateCache = new();
    private readonly Dictionary<(Term, ActionContext, long), bool> _stepCache = new();

    private bool EvalAtomState(Ltl.Atom a, int s)
    {
        if (_stateCache.TryGetValue((a.Term, a.Context, s), out var v)) return v != a.Negated;
        _es.Current = _g.States[s];
        _es.Next = null;
        _evalState = s;
        v = a.Term.EvalBool(_es, a.FrameFor(_es));
        _evalState = -1;
        _stateCache[(a.Term, a.Context, s)] = v;
        return v != a.Negated;
    }

    private bool EvalAtomStep(Ltl.Atom a, int s, int t)
    {
        if (!a.IsAction) return EvalAtomState(a, s);
        long key = (long)s * _g.States.Count + t;
        if (!_stepCache.TryGetValue((a.Term, a.Context, key), out var v))
        {
            _es.Current = _g.States[s];
            _es.Next = _g.States[t];
            v = a.Term.EvalBool(_es, a.FrameFor(_es));
            _stepCache[(a.Term, a.Context, key)] = v;
        }
        return v != a.Negated;
    }

    /// <summary>A predicate (no temporal operators) on the step s -&gt; t (state atoms read s).</summary>
    private bool EvalStep(Ltl p, int s, int t) => p switch
    {
        Ltl.Const c => c.Value,
        Ltl.Atom a => EvalAtomStep(a, s, t),
        Ltl.And and => and.Items.All(i => EvalStep(i, s, t)),
        Ltl.Or or => or.Items.Any(i => EvalStep(i, s, t)),
        _ => throw new InvalidOperationException("not a predicate"),
    };

    private bool HasState(Ltl p) => !p.HasAction;

    // ------------------------------------------------------------------ the search

    /// <summary>TLC's <c>-fp</c>: the polynomial of the fingerprints that order each state's successors in TLC's
    /// behaviour graph, and so decide which lasso is reported (TLC picks one at random when it is not given).</summary>
    public int FingerprintIndex { get; init; }

    private List<int>[] _liveOrder;

    /// <summary>Each state's successors (itself, for the stuttering step, included) in the order TLC's behaviour graph
    /// holds them: the order of TLC's hash set of successor states (SetOfStates, open addressing on the fingerprint),
    /// whose first size grows with the worker's history (Worker.doNextCheckLiveness).</summary>
    private IReadOnlyList<List<int>> LiveOrder()
    {
        if (_liveOrder != null) return _liveOrder;
        var fpf = TlcFingerprint.For(FingerprintIndex);
        int n = _g.States.Count;
        var fps = new int[n];
        for (int i = 0; i < n; i++) fps[i] = unchecked((int)fpf.OfState(_g.States[i], _m.VariablePrintOrder)) & 0x7FFFFFFF;
        var order = new List<int>[n];
        const int initialCapacity = 16;
        int multiplier = 1;
        var items = new List<int>();
        for (int s = 0; s < n; s++)
        {
            items.Clear();
            bool self = false;
            foreach (var (t, _) in _g.Successors[s])
            {
                items.Add(t);
                self |= t == s;
            }
            if (!self) items.Add(s);
            int length = initialCapacity * multiplier;
            var slots = new int[length];
            Array.Fill(slots, -1);
            int count = 0;
            void Put(int x)
            {
                int loc = fps[x] % length;
                while (slots[loc] >= 0) loc = (loc + 1) % length;
                slots[loc] = x;
                count++;
            }
            foreach (var x in items)
            {
                if (count >= length / 2)
                {
                    var old = slots;
                    length = 2 * length + 1;
                    slots = new int[length];
                    Array.Fill(slots, -1);
                    count = 0;
                    foreach (var y in old) if (y >= 0) Put(y);
                }
                Put(x);
            }
            var list = new List<int>(count);
            foreach (var y in slots) if (y >= 0) list.Add(y);
            order[s] = list;
            if (length > multiplier * initialCapacity) multiplier++;
        }
        return _liveOrder = order;
    }

    /// <summary>The possible error models of a branch, as TLC splits it: strong fairness SF_v(A) is
    /// &lt;&gt;[]~ENABLED &lt;&lt;A&gt;&gt;_v \/ []&lt;&gt;&lt;&lt;A&gt;&gt;_v, one model per choice.</summary>
    private IEnumerable<TlcLassoSearch.ErrorModel> ErrorModels(Branch b)
    {
        int k = _fairStreett.Count;
        for (long mask = 0; mask < 1L << k; mask++)
        {
            var pem = new TlcLassoSearch.ErrorModel();
            pem.EventuallyAlways.AddRange(b.EventuallyAlways);
            foreach (var x in b.InfinitelyOften.Concat(_fairInfinitelyOften))
                (x.HasAction ? pem.InfinitelyOftenSteps : pem.InfinitelyOftenStates).Add(x);
            for (int i = 0; i < k; i++)
            {
                // The first pair varies slowest; its <>[] alternative first.
                bool always = (mask >> (k - 1 - i) & 1) == 0;
                var (ea, ae) = _fairStreett[i];
                if (always) pem.EventuallyAlways.Add(ea);
                else (ae.HasAction ? pem.InfinitelyOftenSteps : pem.InfinitelyOftenStates).Add(ae);
            }
            yield return pem;
        }
    }

    private Counterexample SearchLikeTlc(Branch b)
    {
        // TLC's particle tableau (its nodes and their order decide the behaviour graph TLC searches).
        var tableau = b.Tableau.Count == 0 ? Tableau.Trivial() : TlcTableau.Build(Ltl.MkAnd(b.Tableau.ToArray()));
        bool consistent(int s, int n)
        {
            var node = tableau.Nodes[n];
            if (node.Unsatisfiable) return false;
            foreach (var lit in node.Literals)
                if (!lit.IsAction && !EvalAtomState(lit, s)) return false;
            return true;
        }
        bool stepConsistent(int s, int n, int t)
        {
            foreach (var lit in tableau.Nodes[n].Literals)
                if (lit.IsAction && !EvalAtomStep(lit, s, t)) return false;
            return true;
        }
        var search = new TlcLassoSearch(_g, tableau, LiveOrder(), consistent, stepConsistent, EvalStep, _es);
        foreach (var pem in ErrorModels(b))
        {
            var cx = search.Search(pem);
            if (cx == null) continue;
            for (int i = 0; i < cx.States.Count; i++)
                cx.Actions.Add(i == 0 ? -1 : ActionBetween(cx.States[i - 1], cx.States[i]));
            return cx;
        }
        return null;
    }

    private Counterexample SearchBranch(Branch b)
    {
        var tableau = b.Tableau.Count == 0 ? Tableau.Trivial() : new Tableau(Ltl.MkAnd(b.Tableau.ToArray()));
        int tn = tableau.Nodes.Count;
        bool Consistent(int s, int n)
        {
            foreach (var lit in tableau.Nodes[n].Literals)
                if (!lit.IsAction && !EvalAtomState(lit, s)) return false;
            return true;
        }
        // The action literals of a tableau node hold on the step leaving it.
        bool StepConsistent(int s, int n, int t)
        {
            foreach (var lit in tableau.Nodes[n].Literals)
                if (lit.IsAction && !EvalAtomStep(lit, s, t)) return false;
            return true;
        }
        bool StepAllowed(int s, int t)
        {
            foreach (var x in b.AlwaysSteps)
                if (!EvalStep(x, s, t)) return false;
            return true;
        }

        // Reachable product graph.
        var index = new Dictionary<long, int>();
        var nodeState = new List<int>();
        var nodeTab = new List<int>();
        var parent = new List<int>();
        var adj = new List<List<int>>();
        var queue = new Queue<int>();
        int Add(int s, int n, int from)
        {
            long key = (long)s * tn + n;
            if (index.TryGetValue(key, out var id)) return id;
            id = nodeState.Count;
            index[key] = id;
            nodeState.Add(s);
            nodeTab.Add(n);
            parent.Add(from);
            adj.Add(new List<int>());
            queue.Enqueue(id);
            return id;
        }
        foreach (var s in _g.Initial)
            foreach (var n in tableau.Initial)
                if (Consistent(s, n)) Add(s, n, -1);
        // Without conditions on the cycle, a node of the tableau with nothing left to fulfil accepts every
        // continuation: the prefix that reaches it is a counterexample (TLC: a safety violation).
        bool prefixSuffices = b.InfinitelyOften.Count == 0 && b.EventuallyAlways.Count == 0 && b.AlwaysSteps.Count == 0
                              && _fairInfinitelyOften.Count == 0 && _fairStreett.Count == 0;
        // TLC's search, unless the branch has a condition TLC does not take ([]A of an action) or too many strong
        // fairness conditions to split.
        bool likeTlc = b.AlwaysSteps.Count == 0 && _fairStreett.Count <= 8;
        if (likeTlc && !prefixSuffices) return SearchLikeTlc(b);
        while (queue.Count > 0)
        {
            StopSignal.Poll(_es);
            int id = queue.Dequeue();
            if (prefixSuffices && tableau.Nodes[nodeTab[id]].Next.Count == 0 && !tableau.Nodes[nodeTab[id]].Literals.Any(l => l.IsAction))
            {
                var cx = new Counterexample { Safety = true };
                for (int at = id; at >= 0; at = parent[at]) cx.States.Add(nodeState[at]);
                cx.States.Reverse();
                for (int i = 0; i < cx.States.Count; i++) cx.Actions.Add(i == 0 ? -1 : ActionBetween(cx.States[i - 1], cx.States[i]));
                // Stuttering steps of the prefix (a state repeated) are not states of the trace.
                var states = new List<int>();
                var actions = new List<int>();
                for (int i = 0; i < cx.States.Count; i++)
                {
                    if (i > 0 && cx.States[i] == cx.States[i - 1]) continue;
                    states.Add(cx.States[i]);
                    actions.Add(cx.Actions[i]);
                }
                cx.States = states;
                cx.Actions = actions;
                cx.LoopIndex = -1;
                return cx;
            }
            int s = nodeState[id], n = nodeTab[id];
            var succStates = _g.Successors[s];
            var tsucc = tableau.Nodes[n].Successors;
            // The stuttering step s -> s, then the real successors.
            for (int k = -1; k < succStates.Count; k++)
            {
                int t = k < 0 ? s : succStates[k].To;
                if (!StepAllowed(s, t) || !StepConsistent(s, n, t)) continue;
                foreach (var n2 in tsucc)
                {
                    if (!Consistent(t, n2)) continue;
                    int to = Add(t, n2, id);
                    if (!adj[id].Contains(to)) adj[id].Add(to);
                }
            }
        }

        if (likeTlc) return SearchLikeTlc(b);

        // Strongly connected components of the subgraph where the <>[] conditions hold, refined until every
        // component left fulfils its eventualities.
        bool EdgeOk(int u, int v)
        {
            foreach (var x in b.EventuallyAlways)
            {
                if (!EvalStep(x, nodeState[u], nodeState[v])) return false;
                if (HasState(x) && !EvalStep(x, nodeState[v], nodeState[v])) return false;
            }
            return true;
        }
        var alive = new bool[nodeState.Count];
        Array.Fill(alive, true);
        var work = new Stack<List<int>>();
        work.Push(Enumerable.Range(0, nodeState.Count).ToList());
        while (work.Count > 0)
        {
            StopSignal.Poll(_es);
            var subset = work.Pop();
            foreach (var comp in Scc(subset, alive, adj, EdgeOk, _es))
            {
                if (!IsNontrivial(comp, adj, alive, EdgeOk)) continue;
                // Eventualities that some node of the component carries but none fulfils.
                var inComp = new HashSet<int>(comp);
                var unfulfilled = new List<Ltl.Eventually>();
                var promises = comp.SelectMany(id => tableau.Nodes[nodeTab[id]].Promises).Select(p => p.Promise).Distinct().ToList();
                foreach (var p in promises)
                    if (!comp.Any(id => tableau.Nodes[nodeTab[id]].Promises.Any(q => ReferenceEquals(q.Promise, p) && q.Fulfilled)
                                        || !tableau.Nodes[nodeTab[id]].Promises.Any(q => ReferenceEquals(q.Promise, p))))
                        unfulfilled.Add(p);
                if (unfulfilled.Count > 0)
                {
                    var keep = comp.Where(id => !tableau.Nodes[nodeTab[id]].Promises.Any(q => unfulfilled.Contains(q.Promise) && !q.Fulfilled)).ToList();
                    foreach (var id in comp) if (!keep.Contains(id)) alive[id] = false;
                    if (keep.Count > 0) work.Push(keep);
                    continue;
                }
                // Strong fairness: a component that visits states where X fails (the action is enabled) must take
                // a Y step; otherwise those states cannot recur, so drop them and look again.
                var drop = new HashSet<int>();
                foreach (var (x, y) in _fairStreett)
                {
                    var bad = comp.Where(id => !EvalStep(x, nodeState[id], nodeState[id])).ToList();
                    if (bad.Count == 0) continue;
                    bool taken = comp.Any(u => adj[u].Any(v => inComp.Contains(v) && alive[v] && EdgeOk(u, v) && EvalStep(y, nodeState[u], nodeState[v])));
                    if (!taken) foreach (var id in bad) drop.Add(id);
                }
                if (drop.Count > 0)
                {
                    foreach (var id in drop) alive[id] = false;
                    var rest = comp.Where(id => !drop.Contains(id)).ToList();
                    if (rest.Count > 0) work.Push(rest);
                    continue;
                }
                // []<> conditions (the branch's and weak fairness): some step (or state) of the component satisfies each.
                var witnesses = new List<(int From, int To)>();
                bool ok = true;
                // A Streett pair whose action is enabled somewhere in the component needs its step on the cycle too.
                var streettSteps = _fairStreett.Where(p => comp.Any(id => !EvalStep(p.EventuallyAlways, nodeState[id], nodeState[id]))).Select(p => p.InfinitelyOften);
                foreach (var x in b.InfinitelyOften.Concat(_fairInfinitelyOften).Concat(streettSteps))
                {
                    (int, int)? w = null;
                    foreach (var u in comp)
                    {
                        foreach (var v in adj[u])
                        {
                            if (!inComp.Contains(v) || !alive[v] || !EdgeOk(u, v)) continue;
                            if (EvalStep(x, nodeState[u], nodeState[v])) { w = (u, v); break; }
                        }
                        if (w != null) break;
                    }
                    if (w == null) { ok = false; break; }
                    witnesses.Add(w.Value);
                }
                if (!ok) continue;
                // Nodes fulfilling each promise.
                var promiseNodes = promises.Select(p => comp.First(id =>
                    tableau.Nodes[nodeTab[id]].Promises.Any(q => ReferenceEquals(q.Promise, p) && q.Fulfilled)
                    || !tableau.Nodes[nodeTab[id]].Promises.Any(q => ReferenceEquals(q.Promise, p)))).ToList();
                return BuildLasso(comp, inComp, alive, adj, parent, nodeState, EdgeOk, witnesses, promiseNodes);
            }
        }
        return null;
    }

    private static bool IsNontrivial(List<int> comp, List<List<int>> adj, bool[] alive, Func<int, int, bool> edgeOk)
    {
        if (comp.Count > 1) return true;
        int u = comp[0];
        return adj[u].Contains(u) && edgeOk(u, u);
    }

    /// <summary>Tarjan's algorithm (iterative) on the nodes of <paramref name="subset"/>.</summary>
    private static List<List<int>> Scc(List<int> subset, bool[] alive, List<List<int>> adj, Func<int, int, bool> edgeOk, EvalState es)
    {
        var inSet = new HashSet<int>(subset.Where(i => alive[i]));
        var idx = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var onStack = new HashSet<int>();
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        int counter = 0;
        foreach (var root in subset)
        {
            if (!inSet.Contains(root) || idx.ContainsKey(root)) continue;
            var call = new Stack<(int Node, int Edge)>();
            call.Push((root, 0));
            idx[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (call.Count > 0)
            {
                StopSignal.Poll(es);
                var (v, e) = call.Pop();
                var edges = adj[v];
                bool descended = false;
                while (e < edges.Count)
                {
                    int w = edges[e++];
                    if (!inSet.Contains(w) || !edgeOk(v, w)) continue;
                    if (!idx.ContainsKey(w))
                    {
                        call.Push((v, e));
                        idx[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack.Add(w);
                        call.Push((w, 0));
                        descended = true;
                        break;
                    }
                    if (onStack.Contains(w)) low[v] = Math.Min(low[v], idx[w]);
                }
                if (descended) continue;
                if (low[v] == idx[v])
                {
                    var comp = new List<int>();
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        comp.Add(w);
                    } while (w != v);
                    result.Add(comp);
                }
                if (call.Count > 0)
                {
                    var (p, _) = call.Peek();
                    low[p] = Math.Min(low[p], low[v]);
                }
            }
        }
        return result;
    }

    private Counterexample BuildLasso(List<int> comp, HashSet<int> inComp, bool[] alive, List<List<int>> adj, List<int> parent,
        List<int> nodeState, Func<int, int, bool> edgeOk, List<(int From, int To)> witnesses, List<int> promiseNodes)
    {
        // Prefix: from an initial product node to the component's entry node.
        int entry = comp.OrderBy(id => id).First();
        var prefix = new List<int>();
        for (int id = entry; id >= 0; id = parent[id]) prefix.Add(id);
        prefix.Reverse();

        // Cycle: entry -> each witness edge and promise node -> back to entry, inside the component.
        List<int> PathInComp(int from, int to)
        {
            if (from == to) return new List<int> { from };
            var prev = new Dictionary<int, int> { [from] = -1 };
            var q = new Queue<int>();
            q.Enqueue(from);
            while (q.Count > 0)
            {
                int u = q.Dequeue();
                foreach (var v in adj[u])
                {
                    if (!inComp.Contains(v) || !alive[v] || prev.ContainsKey(v) || !edgeOk(u, v)) continue;
                    prev[v] = u;
                    if (v == to)
                    {
                        var path = new List<int>();
                        for (int x = v; x >= 0; x = prev[x]) path.Add(x);
                        path.Reverse();
                        return path;
                    }
                    q.Enqueue(v);
                }
            }
            throw new InvalidOperationException("no path inside a strongly connected component");
        }

        var cycle = new List<int> { entry };
        int at = entry;
        void Go(int target)
        {
            var p = PathInComp(at, target);
            cycle.AddRange(p.Skip(1));
            at = target;
        }
        foreach (var (u, v) in witnesses)
        {
            Go(u);
            cycle.Add(v);
            at = v;
        }
        foreach (var n in promiseNodes) Go(n);
        // Close the loop (at least one step).
        if (at == entry && cycle.Count == 1)
        {
            if (adj[entry].Contains(entry) && edgeOk(entry, entry)) cycle.Add(entry);
            else
            {
                int next = adj[entry].First(v => inComp.Contains(v) && alive[v] && edgeOk(entry, v));
                cycle.Add(next);
                at = next;
                Go(entry);
            }
        }
        else if (at != entry) Go(entry);

        // Product nodes to states; collapse repeated stuttering at the end into TLC's "Stuttering".
        var cx = new Counterexample();
        var statesPath = prefix.Concat(cycle.Skip(1)).Select(id => nodeState[id]).ToList();
        int loopAt = prefix.Count - 1;
        bool pureStutter = cycle.All(id => nodeState[id] == nodeState[entry]);
        if (pureStutter)
        {
            cx.States = prefix.Select(id => nodeState[id]).ToList();
            cx.Stuttering = true;
            cx.LoopIndex = cx.States.Count - 1;
        }
        else
        {
            // Drop the final return to the entry state: the trace ends with "Back to state".
            cx.States = statesPath.Take(statesPath.Count - 1).ToList();
            cx.LoopIndex = loopAt;
        }
        // A stuttering step (the tableau moved, the state did not) is no state of the trace.
        for (int i = cx.States.Count - 1; i > 0; i--)
        {
            if (cx.States[i] != cx.States[i - 1]) continue;
            cx.States.RemoveAt(i);
            if (i <= cx.LoopIndex) cx.LoopIndex--;
        }
        for (int i = 0; i < cx.States.Count; i++)
            cx.Actions.Add(i == 0 ? -1 : ActionBetween(cx.States[i - 1], cx.States[i]));
        return cx;
    }

    // ------------------------------------------------------------------ during the search (TLC's TableauLiveChecker)

    /// <summary>A branch of a property's negation that needs no cycle condition (TLC: an empty possible-error model):
    /// the product of the states explored so far with its tableau, built as TLC builds its liveness graph while the
    /// search runs, so that a finite prefix violating the property stops the search where TLC's does.</summary>
    private sealed class PrefixMonitor
    {
        public string Property;
        public Tableau Tableau;
        public readonly Dictionary<long, int> Index = new();
        public readonly List<int> NodeState = new();
        public readonly List<int> NodeTab = new();
        public readonly List<int> Parent = new();
        public readonly Dictionary<int, List<int>> ByState = new();
    }

    private List<PrefixMonitor> _monitors;
    private readonly HashSet<int> _explored = new();

    /// <summary>Prepares the check during the search: only without fairness (whose conditions are on cycles); false
    /// when no property has a branch a finite prefix can violate. Errors in the formulas are left to <see cref="Check"/>.</summary>
    public bool StartDuringSearch()
    {
        _monitors = null;
        var monitors = new List<PrefixMonitor>();
        var atoms = new List<Ltl.Atom>();
        try
        {
            foreach (var f in _m.Fairness) atoms.AddRange(_builder.Build(f.Term, f.WalkScope, negate: false).Atoms);
            foreach (var p in _m.TemporalProperties)
            {
                var neg = _builder.Build(p.Term, p.WalkScope, negate: true);
                if (neg is Ltl.Const) continue;
                atoms.AddRange(neg.Atoms);
                if (_m.Fairness.Count > 0) continue;
                foreach (var b in Branches(neg))
                    if (b.InfinitelyOften.Count == 0 && b.EventuallyAlways.Count == 0 && b.AlwaysSteps.Count == 0 && b.Tableau.Count > 0)
                        monitors.Add(new PrefixMonitor { Property = p.Name, Tableau = new Tableau(Ltl.MkAnd(b.Tableau.ToArray())) });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
        var seen = new HashSet<(Term, ActionContext)>();
        _atoms = atoms.Where(a => seen.Add((a.Term, a.Context))).ToList();
        _monitors = monitors.Count > 0 ? monitors : null;
        if (_monitors != null)
            foreach (var m in _monitors)
                foreach (var s in _g.Initial)
                    foreach (var n in m.Tableau.Initial)
                        if (NodeConsistent(m.Tableau, s, n)) Record(m, s, n, -1, out _);
        return true;
    }

    /// <summary>The predicates of the fairness and of the negated properties, each once.</summary>
    private List<Ltl.Atom> _atoms;


    /// <summary>
    /// TLC evaluates the predicates of its liveness checkers on every state it explores and on every step to a
    /// successor (LiveCheck.addNextState: checkState, checkAction, the tableau's consistency): a predicate that fails
    /// to evaluate stops the search there, with TLC's general error (exit 255). The results are kept for the final
    /// check.
    /// </summary>
    private void EvaluateAtoms(int s)
    {
        if (_atoms == null || _atoms.Count == 0) return;
        try
        {
            foreach (var a in _atoms)
            {
                if (!a.IsAction)
                {
                    EvalAtomState(a, s);
                    continue;
                }
                foreach (var (t, _) in _g.Successors[s]) EvalAtomStep(a, s, t);
            }
        }
        catch (TlaException e) when (e.ExitCode == null)
        {
            throw new TlaException(e.Kind, e.Span, e.Message) { ExitCode = ExitStatus.SystemError };
        }
        catch (ValueException e)
        {
            throw new TlaException(ErrorKind.Eval, e.Message) { ExitCode = ExitStatus.SystemError };
        }
    }

    private bool NodeConsistent(Tableau t, int s, int n)
    {
        foreach (var lit in t.Nodes[n].Literals)
            if (!lit.IsAction && !EvalAtomState(lit, s)) return false;
        return true;
    }

    private bool NodeStepConsistent(Tableau t, int s, int n, int to)
    {
        foreach (var lit in t.Nodes[n].Literals)
            if (lit.IsAction && !EvalAtomStep(lit, s, to)) return false;
        return true;
    }

    /// <summary>A node of the tableau that accepts every continuation: nothing to hold now, nothing left for later.</summary>
    private static bool Accepting(Tableau t, int n) => t.Nodes[n].Literals.Count == 0 && t.Nodes[n].Next.Count == 0;

    private static bool Record(PrefixMonitor m, int s, int n, int from, out int id)
    {
        long key = (long)s * m.Tableau.Nodes.Count + n;
        if (m.Index.TryGetValue(key, out id)) return false;
        id = m.NodeState.Count;
        m.Index[key] = id;
        m.NodeState.Add(s);
        m.NodeTab.Add(n);
        m.Parent.Add(from);
        if (!m.ByState.TryGetValue(s, out var list)) m.ByState[s] = list = new List<int>();
        list.Add(id);
        return true;
    }

    /// <summary>
    /// The search has generated the successors of state <paramref name="s0"/>: extends each monitored product by the
    /// steps from s0 (its stuttering step included) as TLC's liveness graph grows (LiveCheck.addNextState), going on
    /// through the states already explored; returns the finite counterexample when a node reaches an accepting node of
    /// the tableau by stuttering, as TLC finds it at this point of its search.
    /// </summary>
    public Counterexample OnExplored(int s0)
    {
        EvaluateAtoms(s0);
        if (_monitors == null) return null;
        _explored.Add(s0);
        foreach (var m in _monitors)
        {
            var work = new Stack<int>();
            if (!m.ByState.TryGetValue(s0, out var ids)) continue;
            foreach (var id0 in ids.ToArray())
                if (Extend(m, id0, work, stutterCheck: false) is { } hit) return PrefixCounterexample(m, hit);
            while (work.Count > 0)
                if (Extend(m, work.Pop(), work, stutterCheck: true) is { } hit) return PrefixCounterexample(m, hit);
        }
        return null;
    }

    /// <summary>Adds the steps leaving product node <paramref name="id"/>; new nodes at explored states go on
    /// <paramref name="work"/>. With <paramref name="stutterCheck"/> (a node TLC reaches at a state already explored) a
    /// stuttering step into an accepting node is a counterexample: returns the node it leaves.</summary>
    private int? Extend(PrefixMonitor m, int id, Stack<int> work, bool stutterCheck)
    {
        var t = m.Tableau;
        int s = m.NodeState[id], n = m.NodeTab[id];
        var succ = _g.Successors[s];
        for (int k = -1; k < succ.Count; k++)
        {
            int to = k < 0 ? s : succ[k].To;
            if (!NodeStepConsistent(t, s, n, to)) continue;
            foreach (var n1 in t.Nodes[n].Successors)
            {
                if (!NodeConsistent(t, to, n1)) continue;
                if (stutterCheck && k < 0 && Accepting(t, n1)) return id;
                if (Record(m, to, n1, id, out var nid) && _explored.Contains(to)) work.Push(nid);
            }
        }
        return null;
    }

    private Counterexample PrefixCounterexample(PrefixMonitor m, int id)
    {
        var path = new List<int>();
        for (int at = id; at >= 0; at = m.Parent[at]) path.Add(m.NodeState[at]);
        path.Reverse();
        var cx = new Counterexample { Safety = true, Property = m.Property, LoopIndex = -1 };
        foreach (var s in path)
        {
            if (cx.States.Count > 0 && cx.States[^1] == s) continue;
            cx.Actions.Add(cx.States.Count == 0 ? -1 : ActionBetween(cx.States[^1], s));
            cx.States.Add(s);
        }
        return cx;
    }

    public int ActionBetween(int from, int to)
    {
        if (from < 0) return -1;
        foreach (var (t, a) in _g.Successors[from])
            if (t == to) return a;
        return -2; // stuttering
    }
}
