using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;
using static Ops.Tla.Checking.StateChecks;

namespace Ops.Tla.Checking;

/// <summary>
/// The state space of a loaded model, as a library: its initial states, the successors of a state with their actions,
/// fingerprints, the checks on a new state, and the rebuilding of a trace's states. A thin public facade over what
/// <see cref="BfsChecker"/> does for each state (the same enumerator, the same checks from <see cref="StateChecks"/>,
/// TLC's classification of errors), for searches that run outside this assembly: the distributed search
/// (<c>src/Ops.Tla.Distributed</c>) drives one <see cref="StateEvaluator"/> per partition and decides itself the order
/// of the states and what a violation stops. States travel between processes as <see cref="StateCodec"/> bytes.
/// </summary>
public sealed class StateSpace
{
    private StateSpace(Model model, CheckOptions options)
    {
        Model = model;
        Options = options;
        CanRegenerate = !Hoisting.ReachesEffects(
            model.Actions.Select(a => a.Term)
                .Concat(model.Constraints.Select(c => c.Term))
                .Concat(model.ActionConstraints.Select(c => c.Term))
                .Append(model.View?.Term)
                .Append(model.Symmetry?.Term));
    }

    /// <summary>The model (spec and configuration bound).</summary>
    public Model Model { get; }

    /// <summary>The options it was loaded with (constants, deadlock, seed...).</summary>
    public CheckOptions Options { get; }

    /// <summary>True when the actions, constraints, VIEW and SYMMETRY have no effects (TLCSet, Print, random choices):
    /// a state of a trace can then be generated again from its predecessor, its action and its fingerprint, and a
    /// search need keep only fingerprints (as <see cref="BfsChecker"/> does).</summary>
    public bool CanRegenerate { get; }

    /// <summary>Loads a model as <see cref="ModelChecker.Check(ModelSource, CheckOptions)"/> does; a user error
    /// (parse, configuration) is thrown as a <see cref="TlaException"/>.</summary>
    public static StateSpace Load(ModelSource source, CheckOptions options)
    {
        options ??= new CheckOptions();
        using var scope = CheckScope.Enter(options);
        return new StateSpace(Model.Load(source, options), options);
    }

    /// <summary>What a level-by-level search that only expands states cannot check for this model with these options
    /// (temporal properties, POSTCONDITION, _POSSIBLE, -continue, -dump, -coverage, -invlevel, -simulate), said in
    /// one sentence; null when there is nothing.</summary>
    public string SearchLimitation()
    {
        var m = Model;
        var o = Options;
        if (o.Simulation != null) return "simulation (-simulate) is a search of its own";
        if (m.TemporalProperties.Count > 0 && o.CheckLiveness) return $"the temporal properties ({string.Join(", ", m.TemporalProperties.Select(p => p.Name))}) need the whole state graph in one process (or -lncheck off)";
        if (m.Postconditions.Count > 0) return "POSTCONDITION is evaluated by the single-process search only";
        if (m.Possible.Count > 0) return "_POSSIBLE is counted by the single-process search only";
        if (o.Continue) return "-continue is supported by the single-process search only";
        if (o.Dump != null) return "-dump is supported by the single-process search only";
        if (o.CoverageMinutes.HasValue) return "-coverage is supported by the single-process search only";
        if (o.InvariantLevel != null) return "-invlevel is supported by the single-process search only";
        return null;
    }

    /// <summary>Enters, on the calling thread and the tasks it starts, what every evaluation of this model needs: the
    /// model's string order, the options' diagnostics and hoisting switches, IOEnv's environment. Dispose on the same
    /// thread.</summary>
    public IDisposable Enter() => new Entered(this);

    private sealed class Entered : IDisposable
    {
        private readonly CheckScope _scope;
        private readonly StringOrder.Scope _strings;
        private readonly IDisposable _terse;

        public Entered(StateSpace s)
        {
            _scope = CheckScope.Enter(s.Options);
            _strings = StringOrder.Enter(s.Model.Strings);
            _terse = PrintOptions.EnterTerse(s.Options.Terse);
        }

        public void Dispose()
        {
            _terse.Dispose();
            _strings.Dispose();
            _scope.Dispose();
        }
    }

    /// <summary>A new evaluator (one per thread that evaluates); <paramref name="print"/> receives Print/PrintT lines.</summary>
    public StateEvaluator NewEvaluator(Action<string> print = null) => new(this, print);

    /// <summary>The names of the variables, in the order of a state's values.</summary>
    public string[] VariableNames => Model.VariableNames;

    /// <summary>How a trace names the step of action <paramref name="action"/> (-1: the initial predicate).</summary>
    public string ActionLabel(int action) => action switch { -3 => "Stuttering", < 0 => "Initial predicate", _ => Model.Actions[action].Label };

    /// <summary>A state of this model from its <see cref="StateCodec"/> bytes (call where <see cref="Enter"/> holds).</summary>
    public Value[] Decode(ReadOnlySpan<byte> bytes, ref int offset) => StateCodec.Decode(bytes, ref offset, Model.ModelValues);

    /// <summary>The failure an exception that ended an evaluation stands for, as the single-process search reports it
    /// (TLC's classification: <see cref="StateFailure.AtState"/> says whether the trace goes to the state being worked
    /// on); null for an exception that is not the specification's (a defect).</summary>
    public StateFailure FromException(Exception e)
    {
        if (e is TlaException { TlcEvalError: true, ExitCode: null } te)
            e = new TlaException(te.Kind, te.Span, te.Message) { ExitCode = ExitStatus.SystemError, TlcEvalError = true };
        return StateChecks.FromException(e, Options.Diagnostics) is { } f ? StateFailure.Of(f, f.AtState) : null;
    }
}

/// <summary>A reason the search stops at a state or a step: the verdict, the violated property and where.</summary>
public sealed class StateFailure
{
    public CheckOutcome Outcome;
    public ViolationKind Kind;
    public string Property;
    public string Message;
    public ExitStatus ExitStatus;
    /// <summary>The trace goes to the state being expanded or checked (false: the failure has no trace).</summary>
    public bool AtState;
    /// <summary>A successor the failure is about, appended to the trace (an excluded state, the end of a step that
    /// violates an action property); null: none.</summary>
    public Value[] Successor;
    /// <summary>The action of <see cref="Successor"/>.</summary>
    public int SuccessorAction = -1;
    /// <summary>The successors generated from the expanded state when it happened (the successor's number).</summary>
    public long Ordinal;
    /// <summary>True: it happened in the checks of successor number <see cref="Ordinal"/>; false: after them (an
    /// evaluation error while computing the next successor, a deadlock).</summary>
    public bool AtSuccessor;
    /// <summary>The successor was inside the model and given to the sink before the failure (it may be a new state,
    /// then stored before the failure, as the single-process search stores it).</summary>
    public bool SuccessorEmitted;

    internal static StateFailure Of(SearchFailure f, bool atState) => new()
    {
        Outcome = f.Outcome, Kind = f.Kind, Property = f.Property, Message = f.Message, ExitStatus = f.ExitCode, AtState = atState,
    };

    internal static StateFailure Of(CheckOutcome outcome, ViolationKind kind, string property, string message, ExitStatus status, bool atState) => new()
    {
        Outcome = outcome, Kind = kind, Property = property, Message = message, ExitStatus = status, AtState = atState,
    };
}

/// <summary>The initial states in the order the single-process search stores them (duplicates removed), or the
/// failure that stopped their enumeration with the figures at that point.</summary>
public sealed class InitialStates
{
    public readonly List<Value[]> States = new();
    public readonly List<ulong> Fingerprints = new();
    /// <summary>States generated (before de-duplication and constraints), as TLC counts them.</summary>
    public long Generated;
    public StateFailure Failure;
    /// <summary>The stored state the failure's trace ends at (then <see cref="StateFailure.Successor"/> may follow);
    /// -1: the trace is the failure's successor alone, or none.</summary>
    public int FailureState = -1;
}

/// <summary>Receives a successor: <paramref name="state"/> is the evaluator's buffer, valid only during the call
/// (encode or copy it); <paramref name="ordinal"/> is its number among the successors of the state expanded.</summary>
public delegate void SuccessorSink(Value[] state, ulong fingerprint, int action, long ordinal);

/// <summary>
/// One evaluator of a <see cref="StateSpace"/> (not thread-safe: one per thread; the model is shared). The checks are
/// <see cref="BfsChecker"/>'s, on the same levels (TLCGet("level")), in the same order.
/// </summary>
public sealed class StateEvaluator : IBuiltinHost
{
    private readonly StateSpace _space;
    private readonly Model _m;
    private readonly CheckOptions _o;
    private readonly EvalState _es;
    private readonly ActionEnumerator _enum;
    private readonly Action<string> _print;
    private readonly Dictionary<Value, Value> _registers = new();
    private readonly FingerprintSet _checkedTransitions = new();
    private readonly Value[] _next;
    private readonly Random _random = new(20260101);
    private readonly SeededChoices _seeded;
    private SymmetryGroup _symmetry;
    private SymmetryGroup.Cache _symmetryCache;
    private bool _beforeSearch;
    private ulong _expandingFp;
    private bool _expanding;
    private long _generated;

    internal StateEvaluator(StateSpace space, Action<string> print)
    {
        _space = space;
        _m = space.Model;
        _o = space.Options;
        _print = print;
        _es = new EvalState(this, _m.VariableNames);
        _enum = new ActionEnumerator(_es) { IntermediateStates = n => _generated += n };
        _next = new Value[_m.VariableNames.Length];
        if (_o.Seed.HasValue) _seeded = new SeededChoices(_o.Seed.Value);
    }

    /// <summary>What the search does once before any state: the SYMMETRY group (every evaluator that fingerprints
    /// needs it), then, with <paramref name="checkModel"/>, the constant substitutions and the assumptions. The first
    /// failure, or null.</summary>
    public StateFailure Prepare(bool checkModel)
    {
        try
        {
            if (_m.Symmetry != null)
            {
                _es.Current = null;
                _es.Next = null;
                var set = _m.Symmetry.Term.Eval(_es, Frame.Root(_m.Symmetry.FrameSize));
                var group = SymmetryGroup.FromValue(set, _m.Symmetry.Name, _m.Symmetry.Span, _m.VariablePrintOrder);
                _symmetry = group.Count == 0 ? null : group;
            }
            if (!checkModel) return null;
            if (_m.ConstantSubstitutions.Count > 0)
            {
                _beforeSearch = true;
                try
                {
                    if (ConstantSubstitutions(_m, _es) is { } c) return StateFailure.Of(c, false);
                }
                finally { _beforeSearch = false; }
            }
            return Assumptions(_m, _es) is { } a ? StateFailure.Of(a, false) : null;
        }
        catch (Exception e) when (_space.FromException(e) is { } f)
        {
            f.AtState = false;
            return f;
        }
    }

    /// <summary>True when the specification has no behaviour to search (nothing after the assumptions).</summary>
    public bool NoBehavior => _m.NoBehavior;

    /// <summary>The initial states, checked as the single-process search checks them (constraints, implied initial
    /// predicates, invariants), in its order.</summary>
    public InitialStates Initial()
    {
        var r = new InitialStates();
        int failing = -1;
        var seen = new HashSet<ulong>();
        bool invariants = _m.Invariants.Count > 0 || _m.PropertyInvariants.Count > 0;
        try
        {
            EnumerateInitialStates(_m, _es, _enum, state =>
            {
                r.Generated++;
                if (_m.Constraints.Count > 0 && FirstFalse(_es, _m.Constraints, state, null) != null)
                {
                    // As BfsChecker.CheckExcludedState for an initial state: its invariants, then its implied
                    // initial predicates; the trace is the state alone.
                    if (!invariants && _m.InitProperties.Count == 0) return true;
                    failing = -1;
                    NamedTerm inv;
                    bool isProperty;
                    try { (inv, isProperty) = FirstViolatedInvariant(_m, _es, state); }
                    catch (PropertyEvaluationException e)
                    {
                        e.InInitialState = true;
                        r.Failure = StateFailure.Of(CheckOutcome.Error, ViolationKind.Evaluation, null, e.Report, e.ExitCode, false);
                        r.Failure.Successor = (Value[])state.Clone();
                        return false;
                    }
                    if (inv != null)
                    {
                        r.Failure = StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                            isProperty ? $"Property {inv.Name} is violated." : $"Invariant {inv.Name} is violated.", ExitStatus.SafetyViolation, false);
                        r.Failure.Successor = (Value[])state.Clone();
                        return false;
                    }
                    if (_m.InitProperties.Count > 0 && FirstFalse(_es, _m.InitProperties, state, null) is { } p)
                    {
                        r.Failure = StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, p.Name,
                            $"Property {p.Name} is violated by the initial state.", ExitStatus.LivenessViolation, false);
                        r.Failure.Successor = (Value[])state.Clone();
                        return false;
                    }
                    return true;
                }
                ulong fp = Fingerprint(state);
                if (!seen.Add(fp)) return true;
                r.States.Add(state);
                r.Fingerprints.Add(fp);
                int idx = r.States.Count - 1;
                // As TLC's DoInitFunctor: the invariants first, then the implied initial predicates.
                if (invariants)
                {
                    failing = idx;
                    var (bad, _) = FirstViolatedInvariant(_m, _es, state);
                    if (bad != null)
                    {
                        r.Failure = StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, bad.Name, $"Invariant {bad.Name} is violated.", ExitStatus.SafetyViolation, true);
                        r.FailureState = idx;
                        return false;
                    }
                }
                if (_m.InitProperties.Count > 0 && FirstFalse(_es, _m.InitProperties, state, null) is { } ip)
                {
                    r.Failure = StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, ip.Name,
                        $"Property {ip.Name} is violated by the initial state.", ExitStatus.LivenessViolation, true);
                    r.FailureState = idx;
                    return false;
                }
                return true;
            });
        }
        catch (Exception e) when (_space.FromException(e) is { } f)
        {
            r.Failure = f;
            r.FailureState = f.AtState ? failing : -1;
        }
        if (r.Failure == null && _m.Next == null && r.States.Count > 0)
            r.Failure = StateFailure.Of(CheckOutcome.Error, ViolationKind.Evaluation, null, "No next state actions defined to generate successor states from.", ExitStatus.EvaluationError, false);
        return r;
    }

    /// <summary>The fingerprint of a state, through the VIEW and the SYMMETRY as the search takes it.</summary>
    public ulong Fingerprint(Value[] state)
    {
        // SYMMETRY first, then the VIEW of the smallest permutation (see BfsChecker.Fingerprint).
        if (_symmetry != null) state = _symmetry.Canonical(state, _symmetryCache ??= new SymmetryGroup.Cache(_symmetry));
        if (_m.View != null)
        {
            var cur = _es.Current;
            _es.Current = state;
            try { return _m.View.Term.Eval(_es, Frame.Root(_m.View.FrameSize)).Normalize().Fingerprint; }
            finally { _es.Current = cur; }
        }
        return StateChecks.Fingerprint(state);
    }

    /// <summary>
    /// Generates the successors of <paramref name="state"/> (at BFS level <paramref name="level"/>, fingerprint
    /// <paramref name="fp"/>) through every action in order, as the single-process search does: every successor is
    /// counted; one the constraints exclude has its invariants and action properties checked and is not given to the
    /// sink; one inside the model has its action properties checked and is given to the sink (whose owner decides
    /// whether it is new and checks its invariants). Stops at the first failure (deadlock included) and returns it;
    /// <paramref name="generated"/> is the count of successors generated (TLC's "states generated" share).
    /// </summary>
    public StateFailure Expand(Value[] state, ulong fp, int level, SuccessorSink sink, out long generated)
    {
        _generated = 0;
        _expanding = true;
        _expandingFp = fp;
        StateFailure failure = null;
        var es = _es;
        var next = _next;
        int action = 0;
        try
        {
            for (action = 0; action < _m.Actions.Count && failure == null; action++)
            {
                var a = _m.Actions[action];
                es.Current = state;
                es.Next = next;
                es.InitMode = false;
                es.Level = level;
                Array.Clear(next);
                int act = action;
                _enum.Run(a.Term, a.ReuseFrame(es), () =>
                {
                    long ordinal = ++_generated;
                    failure = Successor(state, next, act, level, ordinal, sink);
                    es.Current = state;
                    es.Next = next;
                    return failure == null;
                });
            }
        }
        catch (Exception e) when (_space.FromException(e) is { } f)
        {
            failure = f;
            failure.Ordinal = _generated;
            failure.AtSuccessor = false;
        }
        finally
        {
            _expanding = false;
        }
        generated = _generated;
        if (failure == null && _generated == 0 && _m.CheckDeadlock)
            failure = StateFailure.Of(CheckOutcome.DeadlockFailure, ViolationKind.Deadlock, null, "Deadlock reached.", ExitStatus.Deadlock, true);
        return failure;
    }

    private StateFailure Successor(Value[] state, Value[] next, int action, int level, long ordinal, SuccessorSink sink)
    {
        var es = _es;
        bool inModel = InModel(state, next, level);
        if (!inModel)
        {
            if (_m.Invariants.Count > 0 || _m.PropertyInvariants.Count > 0)
            {
                NamedTerm inv;
                bool isProperty;
                try { (inv, isProperty) = FirstViolatedInvariant(_m, es, next); }
                catch (PropertyEvaluationException e)
                {
                    return At(StateFailure.Of(CheckOutcome.Error, ViolationKind.Evaluation, null, e.Message + "\n" + e.Detail, e.ExitCode, true),
                        next, action, ordinal, emitted: false);
                }
                if (inv != null)
                    return At(StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                        isProperty ? $"Property {inv.Name} is violated." : $"Invariant {inv.Name} is violated.", ExitStatus.SafetyViolation, true),
                        next, action, ordinal, emitted: false);
            }
        }
        var failed = FirstViolatedActionProperty(state, next);
        if (inModel) sink(next, Fingerprint(next), action, ordinal);
        if (failed != null)
            return At(StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.ActionProperty, failed.Name,
                $"Action property {failed.Name} is violated.", ExitStatus.LivenessViolation, true), next, action, ordinal, emitted: inModel);
        return null;
    }

    private static StateFailure At(StateFailure f, Value[] successor, int action, long ordinal, bool emitted)
    {
        f.Successor = (Value[])successor.Clone();
        f.SuccessorAction = action;
        f.Ordinal = ordinal;
        f.AtSuccessor = true;
        f.SuccessorEmitted = emitted;
        return f;
    }

    /// <summary>Is the step from → to inside the model: the state constraints on <paramref name="to"/> (at level + 1),
    /// the action constraints on the step?</summary>
    private bool InModel(Value[] from, Value[] to, int level)
    {
        var es = _es;
        if (_m.Constraints.Count > 0)
        {
            es.Level = level + 1;
            try
            {
                if (FirstFalse(es, _m.Constraints, to, null) != null) return false;
            }
            finally { es.Level = level; }
        }
        return _m.ActionConstraints.Count == 0 || FirstFalse(es, _m.ActionConstraints, from, to) == null;
    }

    private NamedTerm FirstViolatedActionProperty(Value[] from, Value[] to)
    {
        if (_m.ActionProperties.Count == 0) return null;
        ulong h = 0x7A11510UL;
        for (int i = 0; i < from.Length; i++) h = Fp.Mix(h, from[i].Fingerprint);
        for (int i = 0; i < to.Length; i++) h = Fp.Mix(h, to[i].Fingerprint);
        ulong transition = Fp.Finish(h);
        if (_checkedTransitions.Contains(transition)) return null;
        var failed = FirstFalse(_es, _m.ActionProperties, from, to);
        if (failed == null) _checkedTransitions.Add(transition);
        return failed;
    }

    /// <summary>The checks on a state found new at level <paramref name="level"/> (its invariants, then its
    /// invariant-like properties): the failure, with the trace to that state, or null.</summary>
    public StateFailure CheckNew(Value[] state, int level)
    {
        if (_m.Invariants.Count == 0 && _m.PropertyInvariants.Count == 0) return null;
        int saved = _es.Level;
        _es.Level = level;
        try
        {
            var (inv, _) = FirstViolatedInvariant(_m, _es, state);
            return inv == null ? null : StateFailure.Of(CheckOutcome.SafetyFailure, ViolationKind.Invariant, inv.Name,
                $"Invariant {inv.Name} is violated.", ExitStatus.SafetyViolation, true);
        }
        catch (Exception e) when (_space.FromException(e) is { } f)
        {
            return f;
        }
        finally { _es.Level = saved; }
    }

    /// <summary>The first successor of <paramref name="from"/> through action <paramref name="action"/> inside the
    /// model whose fingerprint is <paramref name="fp"/> (a state of a trace, generated again; see
    /// <see cref="StateSpace.CanRegenerate"/>), or null.</summary>
    public Value[] Regenerate(Value[] from, int action, ulong fp, int level)
    {
        var es = _es;
        var buf = new Value[_m.VariableNames.Length];
        Value[] found = null;
        es.Current = from;
        es.Next = buf;
        es.InitMode = false;
        es.Level = level;
        var a = _m.Actions[action];
        _enum.Run(a.Term, a.NewFrame(es), () =>
        {
            if (InModel(from, buf, level) && Fingerprint(buf) == fp)
            {
                found = (Value[])buf.Clone();
                return false;
            }
            es.Current = from;
            es.Next = buf;
            return true;
        });
        return found;
    }

    /// <summary>The trace of a behaviour: its states, each with the action that reached it (-1: the initial
    /// predicate), numbered and labelled as the single-process search labels them, shown through the ALIAS (and with
    /// -view through the VIEW).</summary>
    public List<TraceState> MakeTrace(IReadOnlyList<Value[]> states, IReadOnlyList<int> actions)
    {
        var trace = new List<TraceState>(states.Count);
        for (int k = 0; k < states.Count; k++)
            trace.Add(new TraceState { Number = k + 1, Action = _space.ActionLabel(actions[k]), ActionIndex = actions[k], Variables = _m.VariableNames, Values = states[k] });
        ShowTrace(trace);
        return trace;
    }

    /// <summary>A trace as it is shown: through the ALIAS, and with -view through the VIEW.</summary>
    public void ShowTrace(List<TraceState> trace)
    {
        TraceAlias.Apply(_m, _es, trace, null);
        if (_o.PrintView) TraceAlias.ApplyView(_m, _es, trace);
    }

    // ------------------------------------------------------------------ IBuiltinHost

    public void Print(string line) => _print?.Invoke(line);

    public Random Random => _seeded == null ? _random : _expanding ? _seeded.For(_expandingFp) : _seeded.Initial;

    public ModelValue GetModelValue(string name) => _m.ModelValues.Get(name);

    public System.Collections.Concurrent.ConcurrentDictionary<(Syntax.SourceSpan, Value), Value> ConstantCache { get; } = new();

    public Value TlcGet(Value key)
    {
        if (key is StringValue s)
        {
            if (_beforeSearch && s.S is "level" or "diameter" or "distinct" or "generated" or "queue" or "duration" or "stats")
                throw new ValueException($"TLCGet(\"{s.S}\") has no value before the search starts");
            switch (s.S)
            {
                case "level": return IntValue.Of(_es.Level);
                case "action": return Eval.Builtins.TlcModule.UnnamedAction();
                case "diameter" or "distinct" or "generated" or "queue" or "duration" or "stats" or "s:_possible":
                    throw new TlaException(ErrorKind.Unsupported,
                        $"TLCGet(\"{s.S}\") reads the whole search's figures, which a search spread over several processes does not have while it runs: check this model with the single-process search");
                case "config":
                    return FcnValue.Record(
                        new[] { "install", "mode", "deadlock", "seed", "fingerprint", "worker" },
                        new Value[] { StringValue.Of(""), StringValue.Of("bfs"), BoolValue.Of(_m.CheckDeadlock), StringValue.Of((_o.Seed ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)), StringValue.Of("0"), IntValue.Of(1) });
                case "all" or "all:named":
                {
                    var keys = new List<Value>();
                    var vals = new List<Value>();
                    bool named = s.S == "all:named";
                    foreach (var (k, v) in _registers)
                        if (named ? k is StringValue : k is IntValue) { keys.Add(k); vals.Add(FcnValue.Tuple(new List<Value> { v })); }
                    return FcnValue.FromPairs(keys, vals);
                }
                case "spec":
                    return FcnValue.Record(new[] { "name", "config" }, new Value[] { StringValue.Of(_m.ModuleName), StringValue.Of(_m.ConfigPath ?? "") });
                case var p when p.StartsWith("-D", StringComparison.Ordinal):
                    return StringValue.Of(p == "-Dtlc2.tool.impl.Tool.cdot" ? "true" : "");
            }
        }
        if (_registers.TryGetValue(key, out var value)) return value;
        // Undefined: the builtin fails in TLC's words (TLC.TlcGet).
        return null;
    }

    public void TlcSet(Value key, Value value) => _registers[key] = value;

    public Value Trace() => throw new TlaException(ErrorKind.Unsupported,
        "TLCExt!Trace needs the whole state graph in one process: check this model with the single-process search");
}
