using Ops.Tla.Eval;

namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// The search for a lasso as TLC makes it (LiveCheck, LiveWorker), so that a violated property comes back with the
/// states TLC prints, in its order:
/// <list type="bullet">
/// <item>the behaviour graph: nodes (state, tableau node), each node's successors in the order TLC adds them (the
/// states of a state's successor set, a hash set ordered by TLC's fingerprints, each with the consistent tableau
/// successors; a node found at a state already explored gets its successors at once, its own stuttering step first,
/// then the actions' successors);</item>
/// <item>per possible error model (the &lt;&gt;[] conditions, the []&lt;&gt; conditions on states and on steps, the
/// tableau's promises): Tarjan's search from the initial nodes as TLC runs it (the last successor explored first, a
/// step that breaks a &lt;&gt;[] condition leaves the search and starts one of its own later), every component checked
/// when it is complete;</item>
/// <item>the first component that meets the model gives the lasso: the shortest path from an initial node to its root
/// (breadth first), a greedy walk through the component until every condition has held once, and the shortest way
/// back to the root.</item>
/// </list>
/// </summary>
internal sealed class TlcLassoSearch
{
    /// <summary>One possible error model: what a component must show to be a counterexample.</summary>
    public sealed class ErrorModel
    {
        /// <summary>&lt;&gt;[]X: every step of the cycle (state atoms read the step's first state).</summary>
        public List<Ltl> EventuallyAlways = new();
        /// <summary>[]&lt;&gt;X for a state predicate X: some node of the cycle.</summary>
        public List<Ltl> InfinitelyOftenStates = new();
        /// <summary>[]&lt;&gt;A for an action A: some step of the cycle.</summary>
        public List<Ltl> InfinitelyOftenSteps = new();
    }

    private readonly StateGraph _g;
    private readonly Tableau _tab;
    private readonly Func<int, int, bool> _consistent;
    private readonly Func<Ltl, int, int, bool> _evalStep;
    private readonly Func<int, IReadOnlyList<int>> _liveOrder;
    private readonly EvalState _es;
    private readonly bool _detectAccepting;

    // The behaviour graph.
    private readonly List<int> _nodeState = new();
    private readonly List<int> _nodeTab = new();
    private readonly List<List<int>> _succ = new();
    /// <summary>The successors of the nodes with many, as a set (a short list is searched instead).</summary>
    private readonly Dictionary<int, HashSet<int>> _succSet = new();
    private readonly Dictionary<long, int> _index = new();
    private readonly List<int> _initNodes = new();
    private readonly List<Ltl.Eventually> _promises = new();
    /// <summary>The tableau nodes recorded at each state, in the order they were recorded.</summary>
    private readonly Dictionary<int, List<int>> _recorded = new();
    /// <summary>States whose successors have been added (TLC's done states): 0 .. _explored - 1.</summary>
    private int _explored;

    /// <param name="liveOrder">Each state's successors (itself included) in the order TLC's behaviour graph holds them.</param>
    /// <param name="detectAccepting">TLC's check while the graph grows (its possible error models include an empty
    /// one): a stuttering step into an accepting tableau node ends the search with a finite counterexample.</param>
    public TlcLassoSearch(StateGraph g, Tableau tableau, Func<int, IReadOnlyList<int>> liveOrder, Func<int, int, bool> consistent,
        Func<Ltl, int, int, bool> evalStep, EvalState es, bool detectAccepting)
    {
        _g = g;
        _tab = tableau;
        _liveOrder = liveOrder;
        _consistent = consistent;
        _evalStep = evalStep;
        _es = es;
        _detectAccepting = detectAccepting;
        foreach (var n in tableau.Nodes)
            foreach (var (p, _) in n.Promises)
                if (!_promises.Contains(p)) _promises.Add(p);
        foreach (var s in _g.Initial)
            foreach (var t in _tab.Initial)
                if (_consistent(s, t))
                {
                    var (id, fresh) = Record(s, t);
                    if (fresh) _initNodes.Add(id);
                }
    }

    public int NodeCount => _nodeState.Count;

    /// <summary>The node (state, tableau node) whose stuttering step reached an accepting node, or -1.</summary>
    public int ErrorNode { get; private set; } = -1;

    // ------------------------------------------------------------------ the behaviour graph, as TLC grows it

    private int NodeOf(int s, int t) => _index.TryGetValue((long)s * _tab.Nodes.Count + t, out var id) ? id : -1;

    /// <summary>Records node (s, t); returns its id and whether it is new.</summary>
    private (int Id, bool New) Record(int s, int t)
    {
        long key = (long)s * _tab.Nodes.Count + t;
        if (_index.TryGetValue(key, out var id)) return (id, false);
        id = _nodeState.Count;
        _index[key] = id;
        _nodeState.Add(s);
        _nodeTab.Add(t);
        _succ.Add(new List<int>());
        if (!_recorded.TryGetValue(s, out var list)) _recorded[s] = list = new List<int>();
        list.Add(t);
        return (id, true);
    }

    private bool AddTransition(int from, int to)
    {
        var list = _succ[from];
        if (list.Count < 16)
        {
            if (list.Contains(to)) return false;
        }
        else
        {
            if (!_succSet.TryGetValue(from, out var set)) _succSet[from] = set = new HashSet<int>(list);
            if (!set.Add(to)) return false;
        }
        list.Add(to);
        return true;
    }

    private bool Done(int s) => s < _explored && (_g.Expanded == null || _g.Expanded(s));

    /// <summary>Adds the steps of every state not explored yet (the graph of a complete search).</summary>
    public void ExploreAll()
    {
        while (_explored < _g.States.Count && ErrorNode < 0) Explore(_explored);
    }

    /// <summary>
    /// State <paramref name="s0"/> (the next one, in the order of the search) has its successors: adds the steps of
    /// its nodes as TLC's TableauLiveChecker.addNextState does (a node found at a state already explored gets its own
    /// steps at once). Returns false when a stuttering step reached an accepting node (<see cref="ErrorNode"/>).
    /// </summary>
    public bool Explore(int s0)
    {
        if (s0 != _explored) throw new InvalidOperationException($"states are explored in order: {s0} after {_explored - 1}");
        StopSignal.Poll(_es);
        _explored++;
        if (_g.Expanded != null && !_g.Expanded(s0)) return ErrorNode < 0;
        if (!_recorded.TryGetValue(s0, out var tids)) return ErrorNode < 0;
        var order = _liveOrder(s0);
        foreach (var t0 in tids.ToArray())
        {
            int node0 = NodeOf(s0, t0);
            foreach (var s1 in order)
            {
                bool isDone = Done(s1);
                foreach (var t1 in _tab.Nodes[t0].Successors)
                {
                    if (!_consistent(s1, t1)) continue;
                    var (id1, fresh) = Record(s1, t1);
                    AddTransition(node0, id1);
                    if (fresh && isDone) AddLate(s1, t1);
                }
            }
        }
        return ErrorNode < 0;
    }

    /// <summary>A node found at a state already explored gets its successors at once (TLC's
    /// TableauLiveChecker.addNextState for a done state): the stuttering step first, then the actions' successors in
    /// the order they were generated; new nodes at explored states go on depth first. With
    /// <see cref="_detectAccepting"/>, a stuttering step into an accepting node makes the node the error node and
    /// abandons it (TLC returns before the node is written, so its steps are lost).</summary>
    private void AddLate(int s, int t)
    {
        var frames = new Stack<(int S, int T, int Phase, int I, int K)>();
        frames.Push((s, t, 0, 0, 0));
        while (frames.Count > 0)
        {
            var (fs, ft, phase, i, k) = frames.Pop();
            int node = NodeOf(fs, ft);
            var next = _tab.Nodes[ft].Successors;
            bool descended = false;
            while (!descended)
            {
                int to;
                if (phase == 0)
                {
                    if (k >= next.Count) { phase = 1; i = 0; k = 0; continue; }
                    to = fs;
                }
                else
                {
                    if (i >= _g.Successors[fs].Count) break;
                    if (k >= next.Count) { i++; k = 0; continue; }
                    to = _g.Successors[fs][i].To;
                }
                int t1 = next[k++];
                if (!_consistent(to, t1)) continue;
                if (phase == 0 && _detectAccepting && ErrorNode < 0 && _tab.Nodes[t1].Accepting)
                {
                    ErrorNode = node;
                    _succ[node].Clear();
                    _succSet.Remove(node);
                    break;
                }
                var (id1, fresh) = Record(to, t1);
                AddTransition(node, id1);
                if (fresh && Done(to))
                {
                    frames.Push((fs, ft, phase, i, k));
                    frames.Push((to, t1, 0, 0, 0));
                    descended = true;
                }
            }
        }
    }

    /// <summary>The finite counterexample ending at <see cref="ErrorNode"/>: the shortest path from an initial node
    /// (TLC's getPath), its states without the repeats of stuttering steps.</summary>
    public LivenessChecker.Counterexample PrefixCounterexample()
    {
        var cx = new LivenessChecker.Counterexample { Safety = true, LoopIndex = -1 };
        foreach (var n in PathTo(ErrorNode))
            if (cx.States.Count == 0 || cx.States[^1] != _nodeState[n]) cx.States.Add(_nodeState[n]);
        return cx;
    }

    // ------------------------------------------------------------------ the components (LiveWorker.checkSccs)

    private const long Unvisited = -1, Marker = long.MinValue, Checked = long.MaxValue;

    private ErrorModel _pem;
    private long[] _link;

    private bool EaOk(int u, int v)
    {
        foreach (var x in _pem.EventuallyAlways)
            if (!_evalStep(x, _nodeState[u], _nodeState[v])) return false;
        return true;
    }

    private bool Fulfils(int node, Ltl.Eventually p)
    {
        var ps = _tab.Nodes[_nodeTab[node]].Promises;
        bool has = false;
        foreach (var (q, ok) in ps)
        {
            if (!ReferenceEquals(q, p)) continue;
            has = true;
            if (ok) return true;
        }
        return !has;
    }

    /// <summary>The first lasso of <paramref name="pem"/>, as node ids (prefix, cycle), or null.</summary>
    public LivenessChecker.Counterexample Search(ErrorModel pem)
    {
        _pem = pem;
        _link = new long[_nodeState.Count];
        Array.Fill(_link, Unvisited);
        var nodeQueue = new Queue<int>(_initNodes);
        var dfs = new List<long>();
        var com = new Stack<int>();
        while (nodeQueue.Count > 0)
        {
            int rootNode = nodeQueue.Dequeue();
            dfs.Clear();
            dfs.Add(rootNode);
            dfs.Add(Unvisited);
            dfs.Add(0);
            long newLink = 0;
            while (dfs.Count >= 3)
            {
                StopSignal.Poll(_es);
                long lowLink = Pop(dfs);
                long curLoc = Pop(dfs);
                int cur = (int)Pop(dfs);
                if (curLoc == Marker)
                {
                    if (_link[cur] == lowLink && CheckComponent(cur, com) is { } cx) return cx;
                    long plow = Pop(dfs);
                    dfs.Add(Math.Min(plow, lowLink));
                    continue;
                }
                if (_link[cur] != Unvisited)
                {
                    dfs.Add(Math.Min(lowLink, _link[cur]));
                    continue;
                }
                _link[cur] = newLink;
                dfs.Add(lowLink);
                dfs.Add(cur);
                dfs.Add(Marker);
                com.Push(cur);
                long nextLowLink = newLink++;
                foreach (var next in _succ[cur])
                {
                    long nextLink = _link[next];
                    if (EaOk(cur, next))
                    {
                        if (nextLink == Unvisited)
                        {
                            dfs.Add(next);
                            dfs.Add(Unvisited);
                        }
                        else nextLowLink = Math.Min(nextLowLink, nextLink);
                    }
                    else if (nextLink == Unvisited) nodeQueue.Enqueue(next);
                }
                dfs.Add(nextLowLink);
            }
        }
        return null;
    }

    private static long Pop(List<long> stack)
    {
        long v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private bool IsStuttering(int node)
    {
        foreach (var next in _succ[node])
            if (next == node) return EaOk(node, node);
        return false;
    }

    private LivenessChecker.Counterexample CheckComponent(int root, Stack<int> comStack)
    {
        int top = comStack.Pop();
        if (top == root && !IsStuttering(root))
        {
            _link[root] = Checked;
            return null;
        }
        var com = new List<int>();
        while (true)
        {
            com.Add(top);
            _link[top] = Checked;
            if (top == root) break;
            top = comStack.Pop();
        }
        var inCom = new HashSet<int>(com);
        var aeState = new bool[_pem.InfinitelyOftenStates.Count];
        var aeAction = new bool[_pem.InfinitelyOftenSteps.Count];
        var promise = new bool[_promises.Count];
        foreach (var u in com)
        {
            int s = _nodeState[u];
            for (int i = 0; i < aeState.Length; i++)
                if (!aeState[i]) aeState[i] = _evalStep(_pem.InfinitelyOftenStates[i], s, s);
            if (aeAction.Length > 0)
                foreach (var v in _succ[u])
                {
                    if (!inCom.Contains(v) || !EaOk(u, v)) continue;
                    for (int j = 0; j < aeAction.Length; j++)
                        if (!aeAction[j]) aeAction[j] = _evalStep(_pem.InfinitelyOftenSteps[j], s, _nodeState[v]);
                }
            for (int i = 0; i < promise.Length; i++)
                if (!promise[i]) promise[i] = Fulfils(u, _promises[i]);
        }
        if (aeState.Any(x => !x) || aeAction.Any(x => !x) || promise.Any(x => !x)) return null;
        return Lasso(root, com, inCom);
    }

    // ------------------------------------------------------------------ error models with many strong fairness conditions

    /// <summary>
    /// Whether some error model that adds, for each pair of <paramref name="free"/> (strong fairness SF_v(A) as
    /// (~ENABLED &lt;&lt;A&gt;&gt;_v, &lt;&lt;A&gt;&gt;_v)), either its &lt;&gt;[] or its []&lt;&gt; alternative to
    /// <paramref name="pem"/> has a counterexample: a reachable cycle that meets <paramref name="pem"/> and, for each
    /// pair, takes the action or stays where it is not enabled (a Streett condition). It lets the checker find TLC's
    /// first error model among 2^k without searching them one by one.
    /// </summary>
    public bool Satisfiable(ErrorModel pem, IReadOnlyList<(Ltl NotEnabled, Ltl Taken)> free)
    {
        var reached = new List<int>();
        var seen = new bool[_nodeState.Count];
        var queue = new Queue<int>();
        foreach (var n in _initNodes)
            if (!seen[n]) { seen[n] = true; queue.Enqueue(n); }
        while (queue.Count > 0)
        {
            int u = queue.Dequeue();
            reached.Add(u);
            foreach (var v in _succ[u])
                if (!seen[v]) { seen[v] = true; queue.Enqueue(v); }
        }
        return Streett(reached, pem, pem.EventuallyAlways, free);
    }

    private bool Streett(List<int> nodes, ErrorModel pem, List<Ltl> always, IReadOnlyList<(Ltl NotEnabled, Ltl Taken)> free)
    {
        var inSet = new HashSet<int>(nodes);
        bool Ok(int u, int v)
        {
            if (!inSet.Contains(v)) return false;
            foreach (var x in always)
                if (!_evalStep(x, _nodeState[u], _nodeState[v])) return false;
            return true;
        }
        foreach (var comp in Components(nodes, Ok))
        {
            StopSignal.Poll(_es);
            var inCom = new HashSet<int>(comp);
            if (comp.Count == 1 && !(_succ[comp[0]].Contains(comp[0]) && Ok(comp[0], comp[0]))) continue;
            bool StepIn(Ltl x) => comp.Any(u => _succ[u].Any(v => inCom.Contains(v) && Ok(u, v) && _evalStep(x, _nodeState[u], _nodeState[v])));
            if (!pem.InfinitelyOftenStates.All(x => comp.Any(u => _evalStep(x, _nodeState[u], _nodeState[u])))) continue;
            if (!pem.InfinitelyOftenSteps.All(StepIn)) continue;
            if (!_promises.All(p => comp.Any(u => Fulfils(u, p)))) continue;
            int broken = -1;
            for (int i = 0; i < free.Count && broken < 0; i++)
            {
                var (notEnabled, taken) = free[i];
                if (StepIn(taken)) continue;
                bool stays = comp.All(u => _succ[u].All(v => !inCom.Contains(v) || !Ok(u, v) || _evalStep(notEnabled, _nodeState[u], _nodeState[v])));
                if (!stays) broken = i;
            }
            if (broken < 0) return true;
            // No step of the component takes the action: a cycle in it meets the pair only where it is not enabled.
            var rest = free.Where((_, i) => i != broken).ToList();
            if (Streett(comp, pem, always.Append(free[broken].NotEnabled).ToList(), rest)) return true;
        }
        return false;
    }

    /// <summary>The strongly connected components of the subgraph of <paramref name="nodes"/> whose steps meet
    /// <paramref name="ok"/> (Tarjan's algorithm, iterative).</summary>
    private List<List<int>> Components(List<int> nodes, Func<int, int, bool> ok)
    {
        var index = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var onStack = new HashSet<int>();
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root)) continue;
            var call = new Stack<(int Node, int Edge)>();
            call.Push((root, 0));
            index[root] = low[root] = index.Count;
            stack.Push(root);
            onStack.Add(root);
            while (call.Count > 0)
            {
                var (v, e) = call.Pop();
                var edges = _succ[v];
                bool descended = false;
                while (e < edges.Count)
                {
                    int w = edges[e++];
                    if (!ok(v, w)) continue;
                    if (!index.ContainsKey(w))
                    {
                        call.Push((v, e));
                        index[w] = low[w] = index.Count;
                        stack.Push(w);
                        onStack.Add(w);
                        call.Push((w, 0));
                        descended = true;
                        break;
                    }
                    if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
                }
                if (descended) continue;
                if (low[v] == index[v])
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

    // ------------------------------------------------------------------ the lasso (LiveWorker.printTrace)

    private LivenessChecker.Counterexample Lasso(int root, List<int> com, HashSet<int> inCom)
    {
        var prefix = PathTo(root);
        var states = new List<int>();
        foreach (var n in prefix)
            if (states.Count == 0 || states[^1] != _nodeState[n]) states.Add(_nodeState[n]);
        var (end, cycleStack) = GreedyWalk(root, inCom);
        var back = PathBack(root, com, end);
        // TLC prints the walk (from the root), then the way back, skipping a state equal to the one before it.
        var cycle = new List<int>(cycleStack.Select(n => _nodeState[n]));
        back.Reverse();
        cycle.AddRange(back);
        int rootState = _nodeState[root];
        int last = rootState;
        var cx = new LivenessChecker.Counterexample();
        cx.States.AddRange(states);
        foreach (var s in cycle)
        {
            if (s == last) continue;
            cx.States.Add(s);
            last = s;
        }
        cx.LoopIndex = states.Count - 1;
        cx.Stuttering = last == rootState;
        return cx;
    }

    /// <summary>The shortest path (breadth first, successors in order) from an initial node to <paramref name="target"/>,
    /// as TLC's getPath finds it.</summary>
    private List<int> PathTo(int target)
    {
        if (_initNodes.Contains(target)) return new List<int> { target };
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        foreach (var n in _initNodes)
        {
            if (parent.ContainsKey(n)) continue;
            parent[n] = -1;
            queue.Enqueue(n);
        }
        while (queue.Count > 0)
        {
            int cur = queue.Dequeue();
            foreach (var next in _succ[cur])
            {
                if (next == cur) continue;
                if (next == target)
                {
                    var path = new List<int> { target };
                    for (int at = cur; at >= 0; at = parent[at]) path.Add(at);
                    path.Reverse();
                    return path;
                }
                if (parent.ContainsKey(next)) continue;
                parent[next] = cur;
                queue.Enqueue(next);
            }
        }
        throw new InvalidOperationException("no path from an initial state to the component");
    }

    /// <summary>TLC's dfsPostFix: from the root, a greedy walk through the component that takes a step as soon as it
    /// meets a condition not met yet, otherwise explores depth first; returns where it ends and the nodes it walked
    /// through (the root first).</summary>
    private (int End, List<int> Walked) GreedyWalk(int root, HashSet<int> inCom)
    {
        var aeState = new bool[_pem.InfinitelyOftenStates.Count];
        var aeAction = new bool[_pem.InfinitelyOftenSteps.Count];
        var promise = new bool[_promises.Count];
        int cnt = aeState.Length + aeAction.Length + promise.Length;
        var seen = new HashSet<int> { root };
        var stack = new List<int>();
        int cur = root;
        while (cnt > 0)
        {
            int cnt0 = cnt;
            while (true)
            {
                int s = _nodeState[cur];
                for (int i = 0; i < aeState.Length; i++)
                    if (!aeState[i] && _evalStep(_pem.InfinitelyOftenStates[i], s, s)) { aeState[i] = true; cnt--; }
                for (int i = 0; i < promise.Length; i++)
                    if (!promise[i] && Fulfils(cur, _promises[i])) { promise[i] = true; cnt--; }
                if (cnt <= 0) break;
                int next1 = -1, next2 = -1;
                bool hasUnvisited = false, moved = false;
                int cnt1 = cnt;
                foreach (var next in _succ[cur])
                {
                    if (!inCom.Contains(next) || !EaOk(cur, next)) continue;
                    next1 = next;
                    for (int j = 0; j < aeAction.Length; j++)
                        if (!aeAction[j] && _evalStep(_pem.InfinitelyOftenSteps[j], s, _nodeState[next])) { aeAction[j] = true; cnt--; }
                    if (cnt < cnt1)
                    {
                        stack.Add(cur);
                        cur = next;
                        seen.Clear();
                        moved = true;
                        break;
                    }
                    if (!seen.Contains(next))
                    {
                        hasUnvisited = true;
                        next2 = next;
                    }
                }
                if (moved) break;
                if (cnt < cnt0)
                {
                    stack.Add(cur);
                    cur = next1;
                    seen.Clear();
                    break;
                }
                while (!hasUnvisited)
                {
                    if (stack.Count == 0) throw new InvalidOperationException("the walk through the component is stuck");
                    cur = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    foreach (var next in _succ[cur])
                        if (inCom.Contains(next) && !seen.Contains(next))
                        {
                            hasUnvisited = true;
                            next2 = next;
                            break;
                        }
                }
                stack.Add(cur);
                cur = next2;
                seen.Add(next2);
            }
        }
        return (cur, stack);
    }

    /// <summary>TLC's bfsPostFix: the shortest way (breadth first over the component's states) from the end of the walk
    /// back to the root; returned from the last state before the root back to the walk's end.</summary>
    private List<int> PathBack(int root, List<int> com, int from)
    {
        var result = new List<int>();
        if (from == root) return result;
        var byState = new Dictionary<int, List<int>>();
        foreach (var n in com)
        {
            if (!byState.TryGetValue(_nodeState[n], out var list)) byState[_nodeState[n]] = list = new List<int>();
            list.Add(n);
        }
        int start = _nodeState[from];
        var seen = new HashSet<int> { start };
        var parentOf = new Dictionary<int, int>();
        var queue = new Queue<(int S, int P)>();
        int curS = start, pS = -1;
        while (true)
        {
            foreach (var u in byState[curS])
                foreach (var v in _succ[u])
                {
                    if (v == u || !EaOk(u, v)) continue;
                    if (v == root)
                    {
                        int x = curS, px = pS;
                        while (x != start)
                        {
                            result.Add(x);
                            x = px;
                            px = parentOf[x];
                        }
                        result.Add(start);
                        return result;
                    }
                    int vs = _nodeState[v];
                    if (byState.ContainsKey(vs) && seen.Add(vs)) queue.Enqueue((vs, curS));
                }
            parentOf[curS] = pS;
            if (queue.Count == 0) throw new InvalidOperationException("no way back to the root of the component");
            (curS, pS) = queue.Dequeue();
        }
    }
}
