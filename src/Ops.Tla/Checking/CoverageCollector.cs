using System.Collections.Concurrent;
using Ops.Tla.Eval;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Collects TLC's coverage figures while the search runs (only when <see cref="CheckOptions.CoverageMinutes"/> is set:
/// the search holds a null collector otherwise and tests it before each count). What is counted is what TLC's
/// Worker and ModelChecker count: for each action, the states it generates (before de-duplication and constraints)
/// and the new states it finds; for the initial predicate the same; for each variable, the distinct values it takes
/// in the new states found by an action (TLC counts them as it enqueues a successor: the initial states are not
/// counted); for each constraint, the states it is evaluated on and those it keeps. The counters are updated with
/// interlocked operations, so the workers of a parallel search share them.
/// </summary>
internal sealed class CoverageCollector
{
    private readonly Model _m;
    private long _initFound, _initDistinct, _initRejected;
    /// <summary>The coverage trees (TLC's cost models): the initial predicate's, one per action formula (shared by
    /// its instances), one per invariant and constraint.</summary>
    public readonly CoverageNode InitRoot;
    private readonly Dictionary<Term, CoverageNode> _actionRoots = new(ReferenceEqualityComparer.Instance);
    private readonly long[] _found, _distinct;
    private readonly ConcurrentDictionary<Value, byte>[] _values;
    private readonly long[] _constraintEvaluated, _constraintKept;
    private readonly long[] _actionConstraintEvaluated, _actionConstraintKept;

    public CoverageCollector(Model m)
    {
        _m = m;
        _found = new long[m.Actions.Count];
        _distinct = new long[m.Actions.Count];
        _values = new ConcurrentDictionary<Value, byte>[m.VariableNames.Length];
        for (int i = 0; i < _values.Length; i++) _values[i] = new ConcurrentDictionary<Value, byte>();
        _constraintEvaluated = new long[m.Constraints.Count];
        _constraintKept = new long[m.Constraints.Count];
        _actionConstraintEvaluated = new long[m.ActionConstraints.Count];
        _actionConstraintKept = new long[m.ActionConstraints.Count];
        if (m.Init != null) InitRoot = CoverageNode.Build(m.Init.Term, m.ModuleName);
        foreach (var a in m.Actions)
        {
            if (!_actionRoots.TryGetValue(a.Term, out var root)) _actionRoots[a.Term] = root = CoverageNode.Build(a.Term, a.Module ?? m.ModuleName);
            a.Coverage = root;
        }
        foreach (var t in m.Invariants.Concat(m.Constraints).Concat(m.ActionConstraints))
            t.Coverage = CoverageNode.Build(t.Term, m.ModuleName);
    }

    public void InitRejected() => Interlocked.Increment(ref _initRejected);

    public void InitialGenerated() => Interlocked.Increment(ref _initFound);
    public void InitialNew() => Interlocked.Increment(ref _initDistinct);
    public void Generated(int action) => Interlocked.Increment(ref _found[action]);

    /// <summary>A new state found by <paramref name="action"/> (kept by the constraints).</summary>
    public void Distinct(int action, Value[] state)
    {
        Interlocked.Increment(ref _distinct[action]);
        for (int i = 0; i < state.Length && i < _values.Length; i++)
            if (state[i] != null) _values[i].TryAdd(state[i], 0);
    }

    /// <summary>The distinct-state count of an action moved to another (a parallel search that settles, at the end of
    /// a level, which action found a state first).</summary>
    public void MoveDistinct(int from, int to)
    {
        Interlocked.Decrement(ref _distinct[from]);
        Interlocked.Increment(ref _distinct[to]);
    }

    public void Constraint(int i, bool kept)
    {
        Interlocked.Increment(ref _constraintEvaluated[i]);
        if (kept) Interlocked.Increment(ref _constraintKept[i]);
    }

    public void ActionConstraint(int i, bool kept)
    {
        Interlocked.Increment(ref _actionConstraintEvaluated[i]);
        if (kept) Interlocked.Increment(ref _actionConstraintKept[i]);
    }

    /// <summary>The figures now, in TLC's order.</summary>
    public CoverageReport Snapshot(bool final)
    {
        var r = new CoverageReport { At = DateTime.UtcNow, Final = final };
        var decls = _m.Spec.VariableDecls;
        // In declaration order. TLC prints them in the order of SANY's symbol table of the root module (a hash table
        // of the names, whose size depends on how many names the module sees): docs/tlc-options.md.
        var vars = Enumerable.Range(0, _m.VariableNames.Length);
        foreach (int i in vars)
        {
            var (module, span) = i < decls.Count ? decls[i] : (_m.ModuleName, SourceSpan.None);
            r.Variables.Add(new VariableCoverage { Name = _m.VariableNames[i], Location = Loc(module, span), DistinctValues = _values[i].Count });
        }

        if (_m.Init != null)
        {
            var (name, decl, body) = Describe(_m.Init.Term, _m.Init.Name);
            var initAction = new ActionCoverage
            {
                Kind = CoverageKind.Init, Name = name, Location = decl, FormulaLocation = body,
                Label = Label(name, decl, body, body), Found = Interlocked.Read(ref _initFound), Distinct = Interlocked.Read(ref _initDistinct),
                Rejected = Interlocked.Read(ref _initRejected),
            };
            CoverageLines.Add(InitRoot, initAction.Expressions);
            r.Actions.Add(initAction);
        }

        // The next-state actions: one line per action formula (the instances of \E c \in S : A(c) added together),
        // sorted by the formula's location, as TLC's CostModelCreator.report.
        var groups = new List<(Term Term, ActionInfo First, long Found, long Distinct)>();
        for (int a = 0; a < _m.Actions.Count; a++)
        {
            var act = _m.Actions[a];
            int g = groups.FindIndex(x => ReferenceEquals(x.Term, act.Term));
            if (g < 0) groups.Add((act.Term, act, Interlocked.Read(ref _found[a]), Interlocked.Read(ref _distinct[a])));
            else groups[g] = (groups[g].Term, groups[g].First, groups[g].Found + Interlocked.Read(ref _found[a]), groups[g].Distinct + Interlocked.Read(ref _distinct[a]));
        }
        foreach (var (term, act, found, distinct) in groups.OrderBy(x => Loc(x.First.Module ?? _m.ModuleName, x.First.Span)))
        {
            var def = act.Definition;
            var formula = Loc(act.Module ?? _m.ModuleName, act.Span);
            CoverageLocation decl = def != null && def.NameSpan.Line > 0 ? Loc(def.ModuleName, def.NameSpan) : formula;
            CoverageLocation body = def?.Body != null ? Loc(def.ModuleName, def.Span) : formula;
            var ac = new ActionCoverage
            {
                Kind = CoverageKind.Next, Name = act.Name, Location = decl, FormulaLocation = formula,
                Label = Label(act.Name, decl, body, formula), Found = found, Distinct = distinct,
            };
            CoverageLines.Add(act.Coverage, ac.Expressions);
            r.Actions.Add(ac);
        }

        foreach (var inv in _m.Invariants)
        {
            var (name, decl, body) = Describe(inv.Term, inv.Name);
            var ac = new ActionCoverage { Kind = CoverageKind.Invariant, Name = name, Location = decl, FormulaLocation = body, Label = Label(name, decl, body, body) };
            CoverageLines.Add(inv.Coverage, ac.Expressions);
            r.Actions.Add(ac);
        }
        // TLC: the action constraints, then the state constraints ("kept:evaluated").
        for (int i = 0; i < _m.ActionConstraints.Count; i++)
            r.Actions.Add(ConstraintLine(_m.ActionConstraints[i], _actionConstraintEvaluated[i], _actionConstraintKept[i]));
        for (int i = 0; i < _m.Constraints.Count; i++)
            r.Actions.Add(ConstraintLine(_m.Constraints[i], _constraintEvaluated[i], _constraintKept[i]));
        return r;
    }

    private ActionCoverage ConstraintLine(NamedTerm c, long evaluated, long kept)
    {
        var (name, decl, body) = Describe(c.Term, c.Name);
        var ac = new ActionCoverage
        {
            Kind = CoverageKind.Constraint, Name = name, Location = decl, FormulaLocation = body, Label = Label(name, decl, body, body),
            Found = Interlocked.Read(ref evaluated), Distinct = Interlocked.Read(ref kept),
        };
        CoverageLines.Add(c.Coverage, ac.Expressions);
        return ac;
    }

    /// <summary>The definition a configuration entry names (INIT Init, INVARIANT Inv): its name, where the name is
    /// declared, where its body is.</summary>
    private (string Name, CoverageLocation Decl, CoverageLocation Body) Describe(Term t, string name)
    {
        if (t is OpCallTerm c && c.Def != null)
        {
            var def = c.Def;
            var body = Loc(def.ModuleName, def.Span);
            return (def.Name, def.NameSpan.Line > 0 ? Loc(def.ModuleName, def.NameSpan) : body, body);
        }
        var here = Loc(_m.ModuleName, t.Span);
        return (name, here, here);
    }

    /// <summary>TLC's ActionWrapper.printLocation: the name and its declaration, and when the action is a part of the
    /// definition's body, the part's place as "(line col line col)".</summary>
    private static string Label(string name, CoverageLocation decl, CoverageLocation body, CoverageLocation formula) =>
        body.Equals(formula)
            ? $"<{name} {decl}>"
            : $"<{name} {decl} ({formula.Line} {formula.Col} {formula.EndLine} {formula.EndCol})>";

    internal static CoverageLocation Loc(string module, SourceSpan s) => new(module, s.Line, s.Col, s.EndLine, s.EndCol);
}

/// <summary>
/// TLC's printing of a coverage tree (OpApplNodeWrapper.print): a node is printed with its count (and ":cost" when it
/// enumerated something) unless a subtree can be summed up by one line: a node never counted itself whose
/// descendants all have the same figures is printed once with them; a node whose descendants all have its own
/// figures is printed alone; a node never counted is not printed (its children are, at its depth). Assignments and IF
/// branches are printed even when zero (TLC's primed and ITE nodes); an UNCHANGED is one line with the count of what
/// it covers. Each level of depth is one '|'.
/// </summary>
internal static class CoverageLines
{
    private readonly record struct Pair(long Primary, long Secondary)
    {
        public bool IsZero => Primary == 0 && Secondary == 0;
    }

    public static void Add(CoverageNode root, List<ExpressionCoverage> into)
    {
        if (root == null) return;
        var frozen = new Dictionary<CoverageNode, Pair>(ReferenceEqualityComparer.Instance);
        Freeze(root, frozen);
        foreach (var c in root.Children) Print(c, 0, frozen, into);
    }

    private static void Freeze(CoverageNode n, Dictionary<CoverageNode, Pair> frozen)
    {
        frozen[n] = new Pair(Interlocked.Read(ref n.Count), Interlocked.Read(ref n.Cost));
        foreach (var c in n.Children) Freeze(c, frozen);
    }

    private static bool Printed(CoverageNode n) => n.Primed || n.Ite || n.Unchanged;

    /// <summary>The figures of n's descendants (each node counted, primed or IF branch).</summary>
    private static void Collect(CoverageNode n, Dictionary<CoverageNode, Pair> frozen, HashSet<Pair> into)
    {
        foreach (var c in n.Children)
        {
            var p = frozen[c];
            if (!p.IsZero || Printed(c)) into.Add(p);
            Collect(c, frozen, into);
        }
    }

    private static void Print(CoverageNode n, int level, Dictionary<CoverageNode, Pair> frozen, List<ExpressionCoverage> into)
    {
        var self = frozen[n];
        if (n.Unchanged)
        {
            // TLC's UnchangedOpApplNodeWrapper: one line, with what the variables under it counted.
            var counts = new HashSet<Pair>();
            Collect(n, frozen, counts);
            long best = self.Primary;
            foreach (var p in counts) if (p.Primary > best) best = p.Primary;
            Line(n, level, best, 0, into);
            return;
        }
        var collected = new HashSet<Pair>();
        Collect(n, frozen, collected);
        if (collected.Count == 0)
        {
            if (self.IsZero && !Printed(n)) return;
            Line(n, level, self.Primary, self.Secondary, into);
            return;
        }
        if (collected.Count == 1)
        {
            var only = collected.First();
            if (only.Primary < self.Primary)
            {
                Line(n, level, self.Primary, self.Secondary, into);
                foreach (var c in n.Children) Print(c, level + 1, frozen, into);
                return;
            }
            if (!Printed(n) && self.IsZero && !only.IsZero)
            {
                Line(n, level, only.Primary, only.Secondary, into);
                return;
            }
            if (self.IsZero && only.IsZero)
            {
                if (Printed(n)) Line(n, level++, self.Primary, self.Secondary, into);
                foreach (var c in n.Children) Print(c, level, frozen, into);
                return;
            }
            if (self.Equals(only))
            {
                Line(n, level, self.Primary, self.Secondary, into);
                return;
            }
        }
        if (!self.IsZero || Printed(n)) Line(n, level++, self.Primary, self.Secondary, into);
        foreach (var c in n.Children) Print(c, level, frozen, into);
    }

    private static void Line(CoverageNode n, int level, long count, long cost, List<ExpressionCoverage> into) =>
        into.Add(new ExpressionCoverage { Location = CoverageCollector.Loc(n.Module, n.Span), Count = count, Cost = cost, Depth = level });
}
