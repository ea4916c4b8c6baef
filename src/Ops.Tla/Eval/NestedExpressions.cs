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
        try { return t.EvalCore(es, f); }
        catch (Exception e) when (Capture(e)) { throw; }
        finally { _stack.RemoveAt(_stack.Count - 1); }
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
