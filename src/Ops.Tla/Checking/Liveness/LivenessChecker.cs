using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Checking.Liveness;

/// <summary>The complete state graph the liveness checker runs on (recorded by the BFS).</summary>
public sealed class StateGraph
{
    public IReadOnlyList<Value[]> States;
    public List<int> Initial;
    /// <summary>Successors of each state (state index, action index); the stuttering step is implicit.</summary>
    public List<List<(int To, int Action)>> Successors;
    /// <summary>The BFS level of each state (TLCGet("level") while its predicates are evaluated: TLC evaluates them on
    /// the state as it was found, whose level is its depth); null keeps the evaluator's level.</summary>
    public Func<int, int> LevelOf;
    /// <summary>Whether a state was expanded (its successors generated); null: every state was. A search ended by
    /// TLCSet("exit", TRUE) leaves states on the queue: TLC's behaviour graph has no steps, not even stuttering, from
    /// a state it never expanded.</summary>
    public Func<int, bool> Expanded;
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
    public override string ToString() =>
        $"tableau: {string.Join(" /\\ ", Tableau)}; []<>: {string.Join(", ", InfinitelyOften)}; <>[]: {string.Join(", ", EventuallyAlways)}";
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
        /// <summary>The properties the lasso violates, in TLC's order of the properties (TLC names them all); null
        /// until known, or for a finite counterexample.</summary>
        public List<string> Properties;
        public List<int> States = new();
        public List<int> Actions = new();
        public int LoopIndex;
        public bool Stuttering;
        /// <summary>A finite prefix every continuation of which violates the property (the tableau reached a node with
        /// nothing left to fulfil, and the negated property needs no fairness or cycle condition): TLC reports it as a
        /// safety violation, without a loop.</summary>
        public bool Safety;
        /// <summary>A stuttering lasso TLC follows with its warning that fairness may be missing: unless every error
        /// model of the property is empty and no promise of its tableau holds a [] (TLC's
        /// OrderOfSolution.hasEmptyPEMAndBoxFreePromises).</summary>
        public bool WarnStuttering;
    }

    public int BranchCount { get; private set; }

    // ------------------------------------------------------------------ the formulas, as TLC's processLiveness reads them

    /// <summary>
    /// The branches of one property that share the temporal part of their negation (TLC's OrderOfSolution: TLC lumps
    /// the disjuncts with the same tableau formula into one behaviour graph, each disjunct one or more possible error
    /// models).
    /// </summary>
    private sealed class Solution
    {
        public string Property;
        /// <summary>The tableau formula (null: none, the behaviour graph is the state graph).</summary>
        public Ltl TableauFormula;
        public readonly List<Branch> Branches = new();
        /// <summary>Some error model of the solution has no condition (TLC's hasEmptyPEM): then a finite prefix that
        /// reaches an accepting tableau node is a counterexample, found while the graph grows.</summary>
        public bool HasEmptyErrorModel;
        /// <summary>Every error model of the solution has no condition (and there is no fairness condition).</summary>
        public bool AllErrorModelsEmpty = true;
        public TlcLassoSearch Graph;
    }

    private List<Solution> _solutions;

    /// <summary>Reads the fairness and the properties into solutions (once); throws TLC's errors for formulas TLC
    /// refuses.</summary>
    private List<Solution> Prepare()
    {
        if (_solutions != null) return _solutions;
        _es.Current = null;
        _es.Next = null;
        // Fairness: WF gives a []<> condition, SF a Streett pair; anything else joins the formula's branches.
        var fairness = new List<Ltl>();
        _fairInfinitelyOften.Clear();
        _fairStreett.Clear();
        // TLC (Liveness.parseLiveness) turns every fairness formula and then every property into its live expression
        // (astToLive, which evaluates their constant parts: a failure there ends the run) before it classifies any of
        // them (classifyExpr, where an action in the wrong place is refused): so a failing constant part of a later
        // property comes before an action-level form of an earlier one.
        var builtFairness = _m.Fairness.Select(f => _builder.Build(f.Term, f.WalkScope, negate: false)).ToList();
        var builtProperties = _m.TemporalProperties.Select(p => _builder.Build(p.Term, p.WalkScope, negate: false)).ToList();
        for (int fi = 0; fi < _m.Fairness.Count; fi++)
        {
            var f = _m.Fairness[fi];
            var built = builtFairness[fi];
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
        var solutions = new List<Solution>();
        for (int pi = 0; pi < _m.TemporalProperties.Count; pi++)
        {
            var p = _m.TemporalProperties[pi];
            CheckActionForms(builtProperties[pi], p.Span);
            var neg = _builder.Build(p.Term, p.WalkScope, negate: true);
            var formula = Ltl.MkAnd(fairness.Append(neg).ToArray());
            if (formula is Ltl.Const { Value: false })
                throw new TlaException(ErrorKind.Eval, p.Span, "Temporal formula is a tautology (its negation is unsatisfiable).") { ExitCode = ExitStatus.LivenessEvaluationError };
            var mine = new List<Solution>();
            foreach (var branch in Branches(formula))
            {
                // TLC (Liveness.classifyExpr): an action may only be the A of a <>[]A or []<>A conjunct; anywhere
                // else in a disjunct of the negation (the tableau's part) it is TLC's error.
                if (branch.Tableau.Any(t => t.HasAction))
                    throw ActionForms();
                var tf = branch.Tableau.Count == 0 ? null : Ltl.MkAnd(branch.Tableau.ToArray());
                var s = mine.FirstOrDefault(x => SameFormula(x.TableauFormula, tf));
                if (s == null) mine.Add(s = new Solution { Property = p.Name, TableauFormula = tf });
                s.Branches.Add(branch);
                if (branch.InfinitelyOften.Count == 0 && branch.EventuallyAlways.Count == 0 && _fairInfinitelyOften.Count == 0 && _fairStreett.Count == 0)
                    s.HasEmptyErrorModel = true;
                else s.AllErrorModelsEmpty = false;
            }
            solutions.AddRange(mine);
        }
        return _solutions = solutions;
    }

    /// <summary>Syntactic equality of two formulas (TLC compares tableau formulas so: LiveExprNode.equals).</summary>
    private static bool SameFormula(Ltl a, Ltl b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a == null || b == null) return false;
        switch (a)
        {
            case Ltl.Atom x when b is Ltl.Atom y:
                return ReferenceEquals(x.Term, y.Term) && ReferenceEquals(x.Context, y.Context) && x.Negated == y.Negated;
            case Ltl.Const x when b is Ltl.Const y:
                return x.Value == y.Value;
            case Ltl.Atom or Ltl.Const:
                return false;
        }
        if (a.GetType() != b.GetType()) return false;
        var ka = a.Children;
        var kb = b.Children;
        if (ka.Length != kb.Length) return false;
        for (int i = 0; i < ka.Length; i++)
            if (!SameFormula(ka[i], kb[i])) return false;
        return true;
    }

    /// <summary>Returns the first violated property's counterexample, or null when every property holds.</summary>
    public Counterexample Check()
    {
        foreach (var sol in Prepare())
        {
            BranchCount++;
            var cx = Search(sol);
            sol.Graph = null;
            if (cx != null)
            {
                cx.Property = sol.Property;
                cx.Properties = ViolatedBy(cx);
                if (cx.Properties.Count > 0) cx.Property = cx.Properties[0];
                else cx.Properties.Add(sol.Property);
                cx.WarnStuttering = cx.Stuttering && !cx.Safety && !(sol.AllErrorModelsEmpty && !BoxInPromise(sol.TableauFormula));
                return cx;
            }
        }
        return null;
    }

    /// <summary>
    /// The temporal properties the lasso <paramref name="cx"/> violates, each evaluated on it (TLC's
    /// Liveness.findViolatedProperties after it found a lasso for one of them): in the order of the properties, each
    /// name once. A property that cannot be evaluated there is left out.
    /// </summary>
    private List<string> ViolatedBy(Counterexample cx)
    {
        var names = new List<string>();
        if (cx.Safety || cx.States.Count == 0 || cx.LoopIndex < 0 || cx.LoopIndex >= cx.States.Count) return names;
        foreach (var p in _m.TemporalProperties)
        {
            if (names.Contains(p.Name)) continue;
            try
            {
                if (!OnLasso(_builder.Build(p.Term, p.WalkScope, negate: false), cx.States, cx.LoopIndex)[0]) names.Add(p.Name);
            }
            catch (Exception e) when (e is TlaException or ValueException)
            {
                // TLC prints the error and goes on with the other properties.
            }
        }
        return names;
    }

    /// <summary>The truth of <paramref name="f"/> at each position of the lasso: the states
    /// <paramref name="states"/>, the last one followed by the one at <paramref name="loop"/> (itself: stuttering).
    /// From a position in the cycle every position of the cycle is reached again; before it, the positions after
    /// it.</summary>
    private bool[] OnLasso(Ltl f, List<int> states, int loop)
    {
        int n = states.Count;
        var r = new bool[n];
        switch (f)
        {
            case Ltl.Always or Ltl.Eventually:
            {
                bool always = f is Ltl.Always;
                var b = OnLasso(f.Children[0], states, loop);
                bool cycle = always;
                for (int i = loop; i < n; i++) cycle = always ? cycle && b[i] : cycle || b[i];
                for (int i = n - 1; i >= 0; i--)
                    r[i] = i >= loop ? cycle : always ? b[i] && r[i + 1] : b[i] || r[i + 1];
                return r;
            }
            case Ltl.And or Ltl.Or when !f.IsPredicate:
            {
                bool and = f is Ltl.And;
                Array.Fill(r, and);
                foreach (var c in f.Children)
                {
                    var b = OnLasso(c, states, loop);
                    for (int i = 0; i < n; i++) r[i] = and ? r[i] && b[i] : r[i] || b[i];
                }
                return r;
            }
            default:
                for (int i = 0; i < n; i++) r[i] = EvalStep(f, states[i], states[i + 1 < n ? i + 1 : loop]);
                return r;
        }
    }

    /// <summary>Some eventuality of the tableau formula has an always under it (TLC's containsBoxInPromise).</summary>
    private static bool BoxInPromise(Ltl f) => f switch
    {
        null => false,
        Ltl.Eventually ev when HasAlways(ev.Body) => true,
        _ => f.Children.Any(BoxInPromise),
    };

    private static bool HasAlways(Ltl f) => f is Ltl.Always || f.Children.Any(HasAlways);

    /// <summary>
    /// TLC's rule for actions in temporal formulas (Liveness.processLiveness): written positively, an action may only
    /// be the A of []&lt;&gt;A, &lt;&gt;[]A or []A ([][A]_v); anything else (&lt;&gt;&lt;&lt;A&gt;&gt;_v, ~[][A]_v, an
    /// action under a nested eventuality...) is an error TLC reports with exit 255. (The disjuncts of the negation are
    /// checked again in <see cref="Prepare"/>, as TLC checks them.)
    /// </summary>
    /// <summary>TLC's error for an action outside <c>&lt;&gt;[]A</c> and <c>[]&lt;&gt;A</c> (EC.TLC_LIVE_WRONG_FORMULA_FORMAT):
    /// the sentence alone, without a place, exit 255.</summary>
    private static TlaException ActionForms() =>
        new(ErrorKind.TlcRefused, "Temporal formulas containing actions must be of forms <>[]A or []<>A.");

    private static void CheckActionForms(Ltl positive, Ops.Tla.Syntax.SourceSpan span)
    {
        if (!ActionFormsOk(positive))
            throw ActionForms();
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

    /// <summary>The disjuncts of <paramref name="formula"/> (in negation normal form), each split as TLC's
    /// classifyExpr splits it: []&lt;&gt;X and &lt;&gt;[]X conditions, and the rest (the tableau's part).</summary>
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
                    default:
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
    private readonly Dictionary<(Term, ActionContext, int, int), bool> _stepCache = new();

    /// <summary>The predicate being evaluated, on which state (and successor), for <see cref="ReplayAtom"/>.</summary>
    private (Ltl.Atom Atom, int State, int Next) _evaluating;

    private bool EvalAtomState(Ltl.Atom a, int s)
    {
        if (_stateCache.TryGetValue((a.Term, a.Context, s), out var v)) return v != a.Negated;
        _evaluating = (a, s, -1);
        _es.Current = _g.States[s];
        _es.Next = null;
        if (_g.LevelOf != null) _es.Level = _g.LevelOf(s);
        _evalState = s;
        v = a.Term.EvalBool(_es, a.FrameFor(_es));
        _evalState = -1;
        _stateCache[(a.Term, a.Context, s)] = v;
        return v != a.Negated;
    }

    private bool EvalAtomStep(Ltl.Atom a, int s, int t)
    {
        if (!a.IsAction) return EvalAtomState(a, s);
        if (!_stepCache.TryGetValue((a.Term, a.Context, s, t), out var v))
        {
            _evaluating = (a, s, t);
            _es.Current = _g.States[s];
            _es.Next = _g.States[t];
            if (_g.LevelOf != null) _es.Level = _g.LevelOf(s);
            v = a.Term.EvalBool(_es, a.FrameFor(_es));
            _stepCache[(a.Term, a.Context, s, t)] = v;
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


    // ------------------------------------------------------------------ the search

    /// <summary>TLC's <c>-fp</c>: the polynomial of the fingerprints that order each state's successors in TLC's
    /// behaviour graph, and so decide which lasso is reported (TLC picks one at random when it is not given).</summary>
    public int FingerprintIndex { get; init; }

    /// <summary>TLC's fingerprint of each state, when the search keeps them (then they are not computed again).</summary>
    public Func<int, long> TlcFingerprintOf { get; init; }

    private readonly List<List<int>> _liveOrder = new();
    private readonly List<int> _tlcFp = new();
    private int _liveOrderMultiplier = 1;
    private TlcFingerprint _fpf;

    private int TlcFp(int s)
    {
        if (TlcFingerprintOf != null) return unchecked((int)TlcFingerprintOf(s)) & 0x7FFFFFFF;
        _fpf ??= TlcFingerprint.For(FingerprintIndex);
        while (_tlcFp.Count <= s) _tlcFp.Add(unchecked((int)_fpf.OfState(_g.States[_tlcFp.Count], _m.VariablePrintOrder)) & 0x7FFFFFFF);
        return _tlcFp[s];
    }

    /// <summary>A state's successors (itself, for the stuttering step, included) in the order TLC's behaviour graph
    /// holds them: the order of TLC's hash set of successor states (SetOfStates, open addressing on the fingerprint),
    /// whose first size grows with the worker's history (Worker.doNextCheckLiveness), so the states are taken in the
    /// order of the search.</summary>
    private IReadOnlyList<int> LiveOrder(int upTo)
    {
        const int initialCapacity = 16;
        while (_liveOrder.Count <= upTo)
        {
            int s = _liveOrder.Count;
            var items = new List<int>();
            bool self = false;
            foreach (var (t, _) in _g.Successors[s])
            {
                items.Add(t);
                self |= t == s;
            }
            if (!self) items.Add(s);
            int length = initialCapacity * _liveOrderMultiplier;
            var slots = new int[length];
            Array.Fill(slots, -1);
            int count = 0;
            void Put(int x)
            {
                int loc = TlcFp(x) % length;
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
            _liveOrder.Add(list);
            if (length > _liveOrderMultiplier * initialCapacity) _liveOrderMultiplier++;
        }
        return _liveOrder[upTo];
    }

    /// <summary>The behaviour graph of a solution: TLC's particle tableau of its formula (its nodes and their order
    /// decide the graph TLC searches), the state graph's states paired with it.</summary>
    private TlcLassoSearch NewGraph(Solution sol)
    {
        var tableau = sol.TableauFormula == null ? Tableau.Trivial() : TlcTableau.Build(sol.TableauFormula);
        bool consistent(int s, int n)
        {
            var node = tableau.Nodes[n];
            if (node.Unsatisfiable) return false;
            foreach (var lit in node.Literals)
                if (!EvalAtomState(lit, s)) return false;
            return true;
        }
        return new TlcLassoSearch(_g, tableau, LiveOrder, consistent, EvalStep, _es, sol.HasEmptyErrorModel && sol.TableauFormula != null);
    }

    /// <summary>The possible error models of a branch, as TLC splits it: strong fairness SF_v(A) is
    /// &lt;&gt;[]~ENABLED &lt;&lt;A&gt;&gt;_v \/ []&lt;&gt;&lt;&lt;A&gt;&gt;_v, one model per choice; <paramref name="always"/>
    /// [i] picks the first alternative for the i-th strong fairness condition.</summary>
    private TlcLassoSearch.ErrorModel ErrorModel(Branch b, bool[] always, int fixedCount)
    {
        var pem = new TlcLassoSearch.ErrorModel();
        pem.EventuallyAlways.AddRange(b.EventuallyAlways);
        foreach (var x in b.InfinitelyOften.Concat(_fairInfinitelyOften))
            (x.HasAction ? pem.InfinitelyOftenSteps : pem.InfinitelyOftenStates).Add(x);
        for (int i = 0; i < fixedCount; i++)
        {
            var (ea, ae) = _fairStreett[i];
            if (always[i]) pem.EventuallyAlways.Add(ea);
            else (ae.HasAction ? pem.InfinitelyOftenSteps : pem.InfinitelyOftenStates).Add(ae);
        }
        return pem;
    }

    /// <summary>TLC's 2^k error models are searched one by one up to this many strong fairness conditions; beyond, the
    /// first one with a counterexample is found by fixing the conditions one at a time.</summary>
    private const int EnumeratedStrongFairness = 8;

    /// <summary>
    /// The counterexample of a solution as TLC's LiveWorker finds it: its error models in TLC's order (the strong
    /// fairness choices, the first condition varying slowest and its &lt;&gt;[] alternative first; within a choice the
    /// solution's disjuncts), the first with a complete component that meets it gives the lasso. A solution with an
    /// empty error model first grows its graph looking for an accepting tableau node, as TLC does while it searches.
    /// </summary>
    private Counterexample Search(Solution sol)
    {
        var graph = sol.Graph ??= NewGraph(sol);
        graph.ExploreAll();
        if (graph.ErrorNode >= 0) return Finish(graph.PrefixCounterexample());
        int k = _fairStreett.Count;
        var always = new bool[k];
        if (k <= EnumeratedStrongFairness)
        {
            for (long mask = 0; mask < 1L << k; mask++)
            {
                for (int i = 0; i < k; i++) always[i] = (mask >> (k - 1 - i) & 1) == 0;
                foreach (var b in sol.Branches)
                    if (graph.Search(ErrorModel(b, always, k)) is { } cx) return Finish(cx);
            }
            return null;
        }
        bool Satisfiable(int fixedCount) => sol.Branches.Any(b => graph.Satisfiable(ErrorModel(b, always, fixedCount), _fairStreett.Skip(fixedCount).ToList()));
        if (!Satisfiable(0)) return null;
        for (int i = 0; i < k; i++)
        {
            always[i] = true;
            if (!Satisfiable(i + 1)) always[i] = false;
        }
        foreach (var b in sol.Branches)
            if (graph.Search(ErrorModel(b, always, k)) is { } cx) return Finish(cx);
        throw new InvalidOperationException("an error model that has a counterexample gave none");
    }

    private Counterexample Finish(Counterexample cx)
    {
        cx.Actions.Clear();
        for (int i = 0; i < cx.States.Count; i++)
            cx.Actions.Add(i == 0 ? -1 : ActionBetween(cx.States[i - 1], cx.States[i]));
        return cx;
    }

    // ------------------------------------------------------------------ during the search (TLC's TableauLiveChecker)

    private List<Solution> _monitored;

    /// <summary>Prepares the check during the search: the behaviour graphs of the solutions with an empty error model
    /// grow with the search (TLC finds a finite counterexample while it searches only for those); false when the
    /// formulas have an error (left to <see cref="Check"/>).</summary>
    /// <summary>Reads the fairness and the properties as TLC does before its search starts (LiveCheck's
    /// processLiveness, before the assumptions are checked): a formula TLC cannot handle is its error then, with no
    /// state computed. Other failures (a tautology, an evaluation) are reported where the check runs.</summary>
    public void CheckFormsBeforeSearch()
    {
        try { Prepare(); }
        catch (TlaException e) when (e.Kind is not (ErrorKind.TlcRefused or ErrorKind.Unsupported))
        {
            _solutions = null;
        }
        finally
        {
            _es.Current = null;
            _es.Next = null;
        }
    }

    public bool StartDuringSearch()
    {
        _monitored = null;
        var atoms = new List<Ltl.Atom>();
        List<Solution> solutions;
        try
        {
            foreach (var f in _m.Fairness) atoms.AddRange(_builder.Build(f.Term, f.WalkScope, negate: false).Atoms);
            foreach (var p in _m.TemporalProperties)
            {
                var neg = _builder.Build(p.Term, p.WalkScope, negate: true);
                if (neg is not Ltl.Const) atoms.AddRange(neg.Atoms);
            }
            solutions = Prepare();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _solutions = null;
            return false;
        }
        var seen = new HashSet<(Term, ActionContext)>();
        _atoms = atoms.Where(a => seen.Add((a.Term, a.Context))).ToList();
        var monitored = solutions.Where(s => s.HasEmptyErrorModel && s.TableauFormula != null).ToList();
        foreach (var sol in monitored) sol.Graph = NewGraph(sol);
        _monitored = monitored.Count > 0 ? monitored : null;
        return true;
    }

    /// <summary>
    /// The search has generated the successors of state <paramref name="s0"/> (the states are explored in the order
    /// of their indices): evaluates the predicates as TLC does at this point and grows the monitored behaviour graphs;
    /// returns the finite counterexample when a stuttering step reached an accepting tableau node, as TLC finds it at
    /// this point of its search.
    /// </summary>
    public Counterexample OnExplored(int s0)
    {
        try
        {
            EvaluateAtoms(s0);
            if (_monitored == null) return null;
            foreach (var sol in _monitored)
            {
                if (sol.Graph.Explore(s0)) continue;
                var cx = Finish(sol.Graph.PrefixCounterexample());
                cx.Property = sol.Property;
                return cx;
            }
            return null;
        }
        catch (TlaException e) when (e.ExitCode == null && e.Kind == ErrorKind.Eval)
        {
            ErrorPositions ??= ReplayAtom();
            throw General(e.Message, e.TlcEvalError);
        }
        catch (ValueException e)
        {
            ErrorPositions ??= ReplayAtom();
            throw General(e.Message, e.TlcEvalError);
        }
    }

    /// <summary>
    /// A predicate of the liveness checkers that fails while the search runs (TLC's LiveCheck evaluating a state's
    /// predicates or a tableau node's consistency with a successor): TLC's general error, exit 255, its message framed
    /// as MP frames an unexpected exception (the Java class named), without a place.
    /// </summary>
    private static TlaException General(string message, bool tlcEval) =>
        new(ErrorKind.Eval, TlcWords.Unexpected(message, tlcEval)) { ExitCode = ExitStatus.SystemError, TlcEvalError = tlcEval };

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
        catch (TlaException e) when (e.ExitCode == null && e.Kind == ErrorKind.Eval)
        {
            ErrorPositions = ReplayAtom();
            throw General(e.Message, e.TlcEvalError);
        }
        catch (ValueException e)
        {
            ErrorPositions = ReplayAtom();
            throw General(e.Message, e.TlcEvalError);
        }
    }

    /// <summary>TLC's nested expressions of a predicate that failed during the search (Worker.doNextCheckLiveness runs
    /// LiveCheck.addNextState again with a CallStackTool and prints the stack before the error), or null.</summary>
    public List<string> ErrorPositions { get; private set; }

    /// <summary>The failing predicate evaluated again with every expression recorded: TLC's positions, outermost
    /// first (the predicate itself, then what it calls), or null when the replay does not fail.</summary>
    private List<string> ReplayAtom()
    {
        var (a, s, t) = _evaluating;
        if (a == null) return null;
        var (cur, next, level, cov, track) = (_es.Current, _es.Next, _es.Level, _es.Cov, _es.Track);
        var nested = new NestedExpressions();
        try
        {
            _es.Current = _g.States[s];
            _es.Next = a.IsAction && t >= 0 ? _g.States[t] : null;
            if (_g.LevelOf != null) _es.Level = _g.LevelOf(s);
            _es.Track = nested;
            _es.Cov = CoverageNode.NewTracking();
            a.Term.EvalBool(_es, a.FrameFor(_es));
            return null;
        }
        catch (Exception e) when (e is TlaException or ValueException or TlcAssertException)
        {
            return nested.Positions(e) is { Count: > 0 } p ? NestedExpressions.Lines(p) : null;
        }
        finally
        {
            (_es.Current, _es.Next, _es.Level, _es.Cov, _es.Track) = (cur, next, level, cov, track);
        }
    }

    public int ActionBetween(int from, int to)
    {
        if (from < 0) return -1;
        foreach (var (t, a) in _g.Successors[from])
            if (t == to) return a;
        return -2; // stuttering
    }
}
