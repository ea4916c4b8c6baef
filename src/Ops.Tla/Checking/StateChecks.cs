using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>A reason a search stops, before it is recorded in the result (and its trace attached).</summary>
internal readonly record struct SearchFailure(CheckOutcome Outcome, ViolationKind Kind, string Property, string Message, ExitStatus ExitCode)
{
    /// <summary>True when the failure happened at a state of the search (its trace is the behaviour to that state).</summary>
    public bool AtState { get; init; }
}

/// <summary>
/// What every search engine checks the same way (the breadth-first search, <see cref="BfsChecker"/>, and the random
/// simulation, <see cref="Simulator"/>): predicates on a state or a step, the assumptions and the constant
/// substitutions before the search, the classification of evaluation errors into TLC's exit codes, and a liveness
/// counterexample turned into the result's trace.
/// </summary>
internal static class StateChecks
{
    /// <summary>Enumerates the initial states (Init with every variable unassigned), calling
    /// <paramref name="onState"/> with each new state, a copy, while es.Current is that state, es.Next null and the
    /// level 1; false from it stops the enumeration. Returns false when it was stopped. An error in a property
    /// evaluated on the way is marked as met in an initial state. The evaluation state is left out of Init mode.</summary>
    public static bool EnumerateInitialStates(Model m, EvalState es, ActionEnumerator enumerator, Func<Value[], bool> onState)
    {
        var partial = new Value[m.VariableNames.Length];
        es.Current = partial;
        es.Next = partial;
        es.InitMode = true;
        es.Level = 0;
        bool ok = true;
        try
        {
            enumerator.Run(m.Init.Term, Frame.Root(m.Init.FrameSize), () =>
            {
                var state = (Value[])partial.Clone();
                es.InitMode = false;
                es.Level = 1;
                es.Current = state;
                es.Next = null;
                try
                {
                    if (onState(state)) return true;
                    ok = false;
                    return false;
                }
                finally
                {
                    es.InitMode = true;
                    es.Level = 0;
                    es.Current = partial;
                    es.Next = partial;
                }
            });
        }
        catch (PropertyEvaluationException e)
        {
            e.InInitialState = true;
            throw;
        }
        finally
        {
            es.InitMode = false;
        }
        return ok;
    }

    /// <summary>Are all the predicates true with es.Current = current and es.Next = next? Returns the first false
    /// one, or null. The states of <paramref name="es"/> are restored.</summary>
    public static NamedTerm FirstFalse(EvalState es, List<NamedTerm> predicates, Value[] current, Value[] next)
    {
        var cur = es.Current;
        var nx = es.Next;
        es.Current = current;
        es.Next = next;
        try
        {
            foreach (var p in predicates)
                if (!p.Holds(es)) return p;
            return null;
        }
        finally
        {
            es.Current = cur;
            es.Next = nx;
        }
    }

    /// <summary>As <see cref="FirstFalse"/>, for properties checked on a state: one that cannot be evaluated is
    /// TLC's "Evaluating invariant X failed." (exit 76), not an error of the specification.</summary>
    public static NamedTerm FirstFalseChecked(EvalState es, List<NamedTerm> predicates, Value[] state, string what)
    {
        var cur = es.Current;
        var nx = es.Next;
        es.Current = state;
        es.Next = null;
        NamedTerm p = null;
        try
        {
            for (int i = 0; i < predicates.Count; i++)
            {
                p = predicates[i];
                if (!p.Holds(es)) return p;
            }
            return null;
        }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
        {
            throw new PropertyEvaluationException($"Evaluating {what} {p.Name} failed.", e);
        }
        finally
        {
            es.Current = cur;
            es.Next = nx;
        }
    }

    /// <summary>The first invariant, then the first invariant-like property ([]P), that the state violates (true: a
    /// property).</summary>
    public static (NamedTerm, bool) FirstViolatedInvariant(Model m, EvalState es, Value[] state)
    {
        if (m.Invariants.Count > 0 && FirstFalseChecked(es, m.Invariants, state, "invariant") is { } inv) return (inv, false);
        // TLC checks such a property as one of its invariants (its implied invariants): one it cannot evaluate is
        // "Evaluating invariant P failed." too.
        if (m.PropertyInvariants.Count > 0 && FirstFalseChecked(es, m.PropertyInvariants, state, "invariant") is { } prop) return (prop, true);
        return (null, false);
    }

    /// <summary>TLC evaluates a definition that replaces a declared constant (<c>C &lt;- Foo</c>) once, as a constant,
    /// before the search (SpecProcessor): one that cannot be evaluated without a state, or whose value only the search
    /// would give (TLCGet("diameter")), is a configuration error. Null when all evaluate.</summary>
    public static SearchFailure? ConstantSubstitutions(Model m, EvalState es)
    {
        es.Current = null;
        es.Next = null;
        foreach (var (name, with) in m.ConstantSubstitutions)
        {
            try { with.Term.Eval(es, Frame.Root(with.FrameSize)); }
            catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
            {
                string what = e is TlaException te ? te.Message : e.Message;
                return new SearchFailure(CheckOutcome.Error, ViolationKind.Config, null,
                    $"The configuration file substitutes constant {name} with non-constant {with.Name} - specifically: {what}", ExitStatus.ConfigError);
            }
        }
        return null;
    }

    /// <summary>The ASSUMEs of the specification and the modules it uses, as TLC checks them before any search: the
    /// first false one (or one that cannot be evaluated, TLC's EC.TLC_ASSUMPTION_EVALUATION_ERROR) is an assumption
    /// failure, exit 10. Null when all hold.</summary>
    public static SearchFailure? Assumptions(Model m, EvalState es)
    {
        es.Current = null;
        es.Next = null;
        foreach (var a in m.Spec.Assumptions)
        {
            bool ok;
            try
            {
                var v = a.Term.Eval(es, Frame.Root(a.FrameSize));
                ok = v is BoolValue b ? b.B : throw new ValueException(TlcWords.NotBooleanValue(a.Span.ToTlcString(a.ModuleName)));
            }
            catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or TlcAssertException)
            {
                // TLC names the assumption, not the place of the error in it.
                string what = e.Message;
                return new SearchFailure(CheckOutcome.AssumptionFailure, ViolationKind.Assumption, a.Name,
                    $"Evaluating assumption {a.Span.ToTlcString(a.ModuleName)} failed.\n{what}", ExitStatus.AssumptionViolated);
            }
            if (!ok)
                return new SearchFailure(CheckOutcome.AssumptionFailure, ViolationKind.Assumption, a.Name,
                    $"Assumption {a.Span.ToTlcString(a.ModuleName)} is false.", ExitStatus.AssumptionViolated);
        }
        return null;
    }

    /// <summary>A POSTCONDITION that is false once the search is over: TLC's message; exit 10, as a false assumption.</summary>
    /// <summary>
    /// One POSTCONDITION after the search, as TLC checks it: null when it holds. A definition TLC evaluated before the
    /// search as a constant (constant level, not reading the search's figures, evaluating without error) has become a
    /// value TLC cannot check: "The post condition P cannot be a constant." (exit 255 after a breadth-first search, 151
    /// after a simulation: <paramref name="constantStatus"/>). One that fails to evaluate is TLC's
    /// "Evaluating postcondition P ... failed." with the evaluation's message (exit 10, no trace); one that is false is
    /// <see cref="PostconditionFalse"/>.
    /// </summary>
    public static SearchFailure? Postcondition(Model m, EvalState es, NamedTerm p, ExitStatus constantStatus)
    {
        bool holds;
        try
        {
            holds = p.Term.EvalBool(es, Frame.Root(p.FrameSize));
        }
        catch (Exception e) when (e is TlaException { Kind: not (ErrorKind.Unsupported or ErrorKind.TlcRefused or ErrorKind.Config) }
                                   or PropertyEvaluationException or TlcAssertException or InsufficientExecutionStackException)
        {
            var message = e switch
            {
                TlaException t => t.Message,
                PropertyEvaluationException { InnerException: TlaException inner } => inner.Message,
                InsufficientExecutionStackException => "The evaluation recursed too deeply (a RECURSIVE definition without a reachable base case?)",
                _ => e.Message,
            };
            return new SearchFailure(CheckOutcome.AssumptionFailure, ViolationKind.Postcondition, p.Name,
                $"Evaluating postcondition {p.Name} at {p.Span.ToTlcString(ModuleOf(m, p))} failed.\n{message}", ExitStatus.AssumptionViolated);
        }
        if (p.Term is OpCallTerm { Args.Length: 0 } call && call.Def.Cacheable)
            return new SearchFailure(CheckOutcome.Error, constantStatus == ExitStatus.ConfigError ? ViolationKind.Config : ViolationKind.Evaluation,
                p.Name, $"The post condition {p.Name} cannot be a constant.", constantStatus);
        return holds ? null : PostconditionFalse(m, p);
    }

    private static string ModuleOf(Model m, NamedTerm p) => p.Term is OpCallTerm c ? c.Def.ModuleName : m.ModuleName;

    public static SearchFailure PostconditionFalse(Model m, NamedTerm p) =>
        new(CheckOutcome.AssumptionFailure, ViolationKind.Postcondition, p.Name,
            $"Postcondition {p.Name} at {p.Span.ToTlcString(p.Term is OpCallTerm c ? c.Def.ModuleName : m.ModuleName)} is false.", ExitStatus.AssumptionViolated);

    /// <summary>
    /// How an exception that ends a search is reported (TLC's classification): an unsupported construct, a formula TLC
    /// refuses and a configuration error are not at a state; an evaluation error, an invariant that cannot be
    /// evaluated, a failed Assert and a too deep recursion are, with the trace to the state being worked on. Null for
    /// an exception that is not the specification's (a defect, cancellation, the memory budget).
    /// </summary>
    public static SearchFailure? FromException(Exception e, DiagnosticOptions diagnostics) => e switch
    {
        TlaException { Kind: ErrorKind.Unsupported } t =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Unsupported, null, t.Describe(), ExitStatus.SystemError),
        TlaException { Kind: ErrorKind.TlcRefused } t =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.TlcRefused, null, t.Describe(), ExitStatus.SystemError),
        TlaException { Kind: ErrorKind.Config } t =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Config, null, t.Describe(), t.Status),
        TlaException t =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, t.Describe() + DebugDetail(t, diagnostics), t.Status) { AtState = true },
        PropertyEvaluationException p =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, p.Report, p.ExitCode) { AtState = true },
        TlcAssertException a =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Assert, null, a.Message, ExitStatus.AssertFailed) { AtState = true },
        InsufficientExecutionStackException =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, "The evaluation recursed too deeply (a RECURSIVE definition without a reachable base case?)", ExitStatus.EvaluationError) { AtState = true },
        // A set TLC cannot sort, met when a state is fingerprinted: TLC's general failure of a runtime exception.
        ValueException { NotOrderable: true } v =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, BfsChecker.UnexpectedException + v.Message, ExitStatus.EvaluationError) { AtState = true },
        ValueException v =>
            new SearchFailure(CheckOutcome.Error, ViolationKind.Evaluation, null, v.Message, ExitStatus.EvaluationError) { AtState = true },
        _ => null,
    };

    /// <summary>With <see cref="DiagnosticOptions.Debug"/> (OPS_DEBUG=1) the internal stack is appended to error
    /// messages (for bug reports).</summary>
    public static string DebugDetail(Exception e, DiagnosticOptions diagnostics) =>
        diagnostics?.Debug == true ? "\n" + e.StackTrace : "";

    /// <summary>Records a liveness counterexample in the result as TLC prints it: a lasso (its loop and the step back,
    /// or stuttering), or a finite prefix reported as a safety violation. <paramref name="states"/> are the graph's
    /// states the counterexample indexes. Returns the index of the action of the step back (-1: none).</summary>
    public static int RecordLiveness(CheckResult r, Model m, Liveness.LivenessChecker.Counterexample cx, Liveness.LivenessChecker live,
        IReadOnlyList<Value[]> states, Func<int, string> actionLabel, Action<List<TraceState>, Value[]> showTrace,
        Func<Value[], int, (Value[] State, int Action)> successorOf = null)
    {
        r.Outcome = cx.Safety ? CheckOutcome.SafetyFailure : CheckOutcome.LivenessFailure;
        r.ExitStatus = cx.Safety ? ExitStatus.SafetyViolation : ExitStatus.LivenessViolation;
        r.Violation = new Violation { Kind = ViolationKind.Temporal, Property = cx.Property, Message = ViolatedMessage(cx.Properties ?? new List<string> { cx.Property }) };
        r.Trace = new List<TraceState>();
        Value[] previous = null;
        for (int i = 0; i < cx.States.Count; i++)
        {
            var values = states[cx.States[i]];
            int action = cx.Actions[i];
            // With SYMMETRY or a VIEW a kept state stands for all the states of its fingerprint, and an edge of the
            // graph need not lead to the very state kept: TLC prints each state of the lasso as the successor of the
            // one printed before it that has the edge's fingerprint (Tool.getState(fp, s), its first action that
            // reaches it), so the lasso it prints is a behaviour.
            if (i > 0 && successorOf != null && successorOf(previous, cx.States[i]) is { State: { } concrete } found)
                (values, action) = (concrete, found.Action);
            r.Trace.Add(new TraceState { Number = i + 1, Action = actionLabel(action == -2 ? -3 : action), ActionIndex = action, Variables = m.VariableNames, Values = values });
            previous = values;
        }
        if (cx.Safety) return -1;
        r.LoopIndex = cx.LoopIndex;
        r.Stuttering = cx.Stuttering;
        if (cx.WarnStuttering) r.StutteringWarning = StutteringWarning(m);
        var backState = cx.Stuttering ? null : states[cx.States[cx.LoopIndex]];
        int back = -1;
        bool backFound = false;
        if (!cx.Stuttering && successorOf != null && successorOf(previous, cx.States[cx.LoopIndex]) is { State: { } closing } closed)
            (backState, back, backFound) = (closing, closed.Action, true);
        showTrace(r.Trace, backState);
        if (cx.Stuttering) return -1;
        if (!backFound) back = live.ActionBetween(cx.States[^1], cx.States[cx.LoopIndex]);
        r.LoopAction = back >= 0 ? m.Actions[back].Label : "Stuttering";
        r.LoopActionIndex = back;
        return back;
    }

    /// <summary>TLC's message naming the violated temporal properties (EC.TLC_TEMPORAL_PROPERTY_VIOLATED): "Temporal
    /// property A was violated.", "Temporal properties A and B were violated.", "Temporal properties A, B, and C were
    /// violated."</summary>
    public static string ViolatedMessage(IReadOnlyList<string> names)
    {
        if (names.Count == 1) return $"Temporal property {names[0]} was violated.";
        var sb = new System.Text.StringBuilder("Temporal properties");
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(i < names.Count - 1 ? "," : names.Count == 2 ? " and" : ", and");
            sb.Append(' ').Append(names[i]);
        }
        return sb.Append(" were violated.").ToString();
    }

    /// <summary>TLC's warning after a stuttering counterexample (Liveness.printStutteringCounterExampleWarning): a
    /// SPECIFICATION without fairness names the specification and where it is defined; INIT and NEXT say that they
    /// permit stuttering; a specification with fairness has none (null).</summary>
    private static string StutteringWarning(Model m)
    {
        string text;
        if (m.Specification is { } spec)
        {
            if (m.Fairness.Count > 0) return null;
            text = $"The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification {spec.Name} defined at "
                + $"{DefinitionSpan(spec).ToTlcString(ModuleOf(m, spec))}. To rule out such counterexamples, conjoin a suitable fairness constraint to {spec.Name} "
                + "(compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).";
        }
        else
            text = "The stuttering counterexample above may be caused by the absence of a behavior specification (SPECIFICATION). Only INIT and NEXT have been provided, "
                + "so TLC permits infinite stuttering. To rule out such counterexamples, use SPECIFICATION Spec, with Spec asserting a suitable fairness constraint "
                + "(compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).";
        return m.WithWarningHint(text);
    }

    /// <summary>Where a definition is, from its name to the end of its body (SANY's location of an OpDefNode).</summary>
    private static Ops.Tla.Syntax.SourceSpan DefinitionSpan(NamedTerm t) =>
        t.Term is OpCallTerm { Def: { NameSpan.Line: > 0 } d } ? d.NameSpan.To(d.Span) : t.Span;

    /// <summary>The fingerprint of a state's values (no VIEW or symmetry).</summary>
    public static ulong Fingerprint(Value[] state)
    {
        ulong h = Fp.Seed;
        for (int i = 0; i < state.Length; i++) h = Fp.Mix(h, state[i].Fingerprint);
        return Fp.Finish(h);
    }
}
