using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// TLC's call stack of an evaluation error ("The error occurred when TLC was evaluating the nested expressions at the
/// following positions:"): TLC evaluates the failing initial predicate or step again with every expression it
/// evaluates pushed on a stack (CallStackTool), and keeps the stack as it is when the error is raised. Here the
/// replay runs on coverage's path with a node that stands for every term (<see cref="CoverageNode.NewTracking"/>):
/// each term evaluated or walked as an action is pushed while it runs, and the stack is copied when an error first
/// passes through it.
/// </summary>
internal sealed class NestedExpressions
{
    private readonly List<Term> _stack = new();
    private readonly Dictionary<Exception, List<Term>> _captured = new(ReferenceEqualityComparer.Instance);
    private List<Term> _last;
    private readonly HashSet<Term> _transparent;

    /// <param name="transparent">Terms not shown: the calls of the definitions the configuration names (the initial
    /// predicate, the invariants, the constraints), which stand for their bodies.</param>
    public NestedExpressions(IEnumerable<Term> transparent = null, IReadOnlyDictionary<Term, (InstanceMark Mark, bool Around)> substIn = null)
    {
        _transparent = new HashSet<Term>(transparent ?? Array.Empty<Term>(), ReferenceEqualityComparer.Instance);
        _substIn = substIn;
    }

    /// <summary>Action terms that stand for an INSTANCE's SubstInNode (see <c>ActionInfo.SubstIn</c>).</summary>
    private readonly IReadOnlyDictionary<Term, (InstanceMark Mark, bool Around)> _substIn;

    /// <summary>The positions, outermost first, where <paramref name="error"/> (the error that ended the replay, or
    /// the one it wraps) was raised: the expressions being evaluated then, consecutive repeats of one place shown
    /// once (TLC skips a node pushed twice in a row). When neither passed through an evaluation, those of the last
    /// error raised; null when none was.</summary>
    public List<SourceSpan> Positions(Exception error)
    {
        List<Term> stack = null;
        for (var e = error; e != null && stack == null; e = e.InnerException)
            _captured.TryGetValue(e, out stack);
        stack ??= _last;
        if (stack == null) return null;
        var r = new List<SourceSpan>();
        void Add(SourceSpan s)
        {
            if (s.Line <= 0) return;
            if (r.Count > 0 && r[^1] == s) return;
            r.Add(s);
        }
        // SANY wraps the body of a definition an INSTANCE with substitutions brings (I!A, entered from outside the
        // instance) in a SubstInNode placed at the INSTANCE statement; TLC's stack shows it when evaluation enters the
        // definition: after the call, or in place of the call when the call is the action TLC expanded.
        InstanceMark inside = null;
        foreach (var t in stack)
        {
            switch (t)
            {
                case OpCallTerm call:
                {
                    var mark = call.Def.Instance is { HasSubstitutions: true, Span.Line: > 0 } m ? m : null;
                    if (mark != null && !ReferenceEquals(mark, inside))
                    {
                        if (_substIn != null && _substIn.TryGetValue(t, out var root) && ReferenceEquals(root.Mark, mark))
                        {
                            Add(mark.Span);
                            if (root.Around && !_transparent.Contains(t)) Add(t.Span);
                        }
                        else
                        {
                            if (!_transparent.Contains(t)) Add(t.Span);
                            Add(mark.Span);
                        }
                        inside = mark;
                        continue;
                    }
                    inside = call.Def.Instance;
                    break;
                }
                case ParamCallTerm:
                    // An operator argument: its definition is the caller's, outside the instance.
                    inside = null;
                    break;
            }
            if (_transparent.Contains(t)) continue;
            Add(t.Span);
        }
        // A failure inside a value that has a source: TLC's CallStack.freeze(FingerprintException) pushes the sources
        // of the values it went through after the frames.
        if (FingerprintSources(error) is { } sources)
            foreach (var t in sources) Add(t.Span);
        return r;
    }

    /// <summary>The stack when <paramref name="e"/> first passes through an evaluation (its innermost one).</summary>
    private bool Capture(Exception e)
    {
        if (e is TlaException { Kind: ErrorKind.Eval } and not UnassignedPrimeException or ValueException or TlcAssertException
            && !_captured.ContainsKey(e))
        {
            _last = new List<Term>(_stack);
            _captured[e] = _last;
        }
        return false;
    }

    public Value Eval(Term t, EvalState es, Frame f)
    {
        _stack.Add(t);
        try
        {
            // A constant expression Ops evaluated once (CachedTerm) is evaluated again, as TLC evaluates it where it
            // stands: the values it builds get their sources.
            var v = t is CachedTerm cached ? cached.Inner.Eval(es, Frame.Root(cached.FrameSize)) : t.EvalCore(es, f);
            if (BuildsInPlace(t) && HoldsSource(t, v)) _sources[v] = CachedTerm.Unwrap(t);
            // A constant definition TLC evaluates before the search (SpecProcessor): its value has no source.
            else if (t is OpCallTerm { Args.Length: 0 } call && !call.Def.IsLocal && call.Def.EnsureBody() is { Lvl: Level.Constant }) _sources.Remove(v);
            return v;
        }
        catch (Exception e) when (Capture(e)) { throw; }
        finally { _stack.RemoveAt(_stack.Count - 1); }
    }

    // ------------------------------------------------------------------ values built in place (TLC's setSource)

    /// <summary>The values the replay built in place, each with the term that built it: TLC's CallStackTool gives a
    /// value the expression that made it (Value.setSource, in Tool's evalAppl for a tuple, a record, a set written out
    /// or built from another, a product, a set of functions or records, SUBSET, UNION, DOMAIN, \cup, \cap, \). Kept
    /// here, for the replay only: the values themselves carry nothing (the search stores them unchanged).</summary>
    private readonly Dictionary<Value, Term> _sources = new(ReferenceEqualityComparer.Instance);

    /// <summary>The failures raised inside a method of a value that has a source, with the sources of the values whose
    /// methods it went through, outermost first (TLC's FingerprintException chain, FingerprintException.asTrace).</summary>
    private readonly Dictionary<Exception, List<Term>> _fingerprint = new(ReferenceEqualityComparer.Instance);

    private static bool BuildsInPlace(Term t) => t switch
    {
        TupleTerm or RecordTerm or SetEnumTerm or SetMapTerm or SetFilterTerm or CartesianTerm or RecordSetTerm or FcnSetTerm => true,
        SetOpTerm { Kind: not SetOpTerm.Op.Subseteq } => true,
        CachedTerm c => BuildsInPlace(c.Inner),
        _ => false,
    };

    /// <summary>A set filter over a set TLC cannot enumerate is its SetPredValue, which CallStackTool copies (without
    /// the source) as it returns it: only a filter written out (SetEnumValue) keeps its source.</summary>
    private static bool HoldsSource(Term t, Value v) =>
        CachedTerm.Unwrap(t) is not SetFilterTerm || v is SetValue or UnorderedSetValue;

    /// <summary>The term that built <paramref name="v"/> in this replay, or null.</summary>
    public Term SourceOf(Value v) => v != null && _sources.TryGetValue(v, out var t) ? t : null;

    /// <summary><paramref name="e"/> was raised inside a method of <paramref name="receivers"/>[0] (TLC's value
    /// method), through those of the others in turn (the values it compared, innermost last): when one of them has a
    /// source, TLC's value wraps the failure in a FingerprintException, which the replay reports as "TLC was unable to
    /// fingerprint". Returns false (for an exception filter).</summary>
    public bool Fingerprint(Exception e, params Value[] receivers)
    {
        if (_fingerprint.ContainsKey(e)) return false;
        List<Term> chain = null;
        foreach (var r in receivers)
            if (SourceOf(r) is { } t) (chain ??= new List<Term>()).Add(t);
        if (chain != null) _fingerprint[e] = chain;
        return false;
    }

    /// <summary>As <see cref="Fingerprint(Exception, Value[])"/> with the sources given.</summary>
    public bool FingerprintAt(Exception e, List<Term> sources)
    {
        if (sources is { Count: > 0 } && !_fingerprint.ContainsKey(e)) _fingerprint[e] = sources;
        return false;
    }

    /// <summary>Errors raised outside any evaluation (a successor fingerprinted): TLC's call stack is empty then.</summary>
    private readonly HashSet<Exception> _outside = new(ReferenceEqualityComparer.Instance);

    /// <summary><paramref name="e"/> was raised fingerprinting <paramref name="path"/>[^1], reached from the state's
    /// value <paramref name="path"/>[0] through the values between (TLC's fingerPrint of each, in turn): outside any
    /// evaluation, with the sources of those values that have one. Returns false (for an exception filter).</summary>
    public bool OutsideEvaluation(Exception e, List<Value> path)
    {
        _outside.Add(e);
        return Fingerprint(e, path.ToArray());
    }

    /// <summary>Was <paramref name="error"/> (or one it wraps) raised outside any evaluation?</summary>
    public bool IsOutside(Exception error)
    {
        for (var e = error; e != null; e = e.InnerException)
            if (_outside.Contains(e)) return true;
        return false;
    }

    /// <summary>TLC's lines for a FingerprintException raised with an empty call stack (FingerprintException.getTrace):
    /// the sources innermost first, numbered from the outermost ("1) line 5, col 25 to line 5, col 32 of module M",
    /// then "0) ..."), a place repeated next to itself shown once.</summary>
    public List<string> TraceLines(Exception error)
    {
        var sources = FingerprintSources(error);
        if (sources == null) return null;
        var kept = new List<Term>();
        foreach (var t in sources)
            if (kept.Count == 0 || kept[^1].Span != t.Span) kept.Add(t);
        var r = new List<string>();
        for (int i = kept.Count - 1; i >= 0; i--)
            r.Add($"{i}) {kept[i].Span.ToTlcString(ModuleOf(kept[i].Span))}");
        return r;
    }

    /// <summary>Whether <paramref name="error"/> (or one it wraps) is a failure of a value that has a source.</summary>
    public bool IsFingerprintFailure(Exception error) => FingerprintSources(error) != null;

    private List<Term> FingerprintSources(Exception error)
    {
        for (var e = error; e != null; e = e.InnerException)
            if (_fingerprint.TryGetValue(e, out var s)) return s;
        return null;
    }

    public bool Enum(Term t, Func<bool> walk)
    {
        _stack.Add(t);
        try { return walk(); }
        catch (Exception e) when (Capture(e)) { throw; }
        finally { _stack.RemoveAt(_stack.Count - 1); }
    }

    /// <summary>TLC's lines for the positions: "0. Line 5, column 9 to line 5, column 16 in M", one per position.</summary>
    public static List<string> Lines(List<SourceSpan> positions)
    {
        var r = new List<string>();
        int i = 0;
        foreach (var s in positions)
            r.Add($"{i++}. Line {s.Line}, column {s.Col} to line {s.EndLine}, column {s.EndCol} in {ModuleOf(s)}");
        return r;
    }

    private static string ModuleOf(SourceSpan s) => Path.GetFileNameWithoutExtension(s.File);
}
