using Ops.Tla.Eval;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>A part of the SPECIFICATION or of a PROPERTY as TLC classifies it, with the scope it is evaluated in and
/// the name TLC reports it under.</summary>
public sealed class FormulaPart
{
    public string Name;
    public Term Term;
    public Scope Scope;
    public string Module;

    /// <summary>The part as a named predicate of the model (evaluated in its scope's frame).</summary>
    public NamedTerm ToNamed() => new()
    {
        Name = Name,
        Term = Term,
        FrameSize = Scope.IsRoot ? Scope.RootSize : 0,
        Context = Scope.IsRoot ? null : Scope.Context,
        Scope = Scope,
        Span = Term.Span,
    };
}

/// <summary>
/// Reads a SPECIFICATION and the PROPERTY formulas the way TLC's SpecProcessor does (processConfigSpec,
/// processConfigProps): through conjunctions, definitions (with or without arguments, which are passed by name),
/// operator parameters, LET, labels and INSTANCE, down to the parts it classifies. In the specification a state
/// predicate is part of the initial predicate, <c>[][A]_v</c> the next-state relation (only one), any other
/// temporal formula fairness or a temporal part; in a property a state predicate is checked on the initial states,
/// <c>[]P</c> with P a state predicate on every state (an invariant), <c>[][A]_v</c> on every step (an action
/// property), anything else temporal by the liveness checker. An action-level formula is an error, as are the forms
/// TLC rejects, with TLC's exit code.
/// </summary>
public sealed class SpecWalker
{
    private readonly EvalState _es;
    private readonly string _cfgName;
    private readonly SourceSpan _cfgSpan;

    public readonly List<FormulaPart> Inits = new();
    public FormulaPart Next;
    public Term NextSubscript;
    /// <summary>Called with the subscript of the next-state relation when the walk meets it.</summary>
    public Action<Term> SubscriptFound;
    public readonly List<FormulaPart> Temporals = new();

    public readonly List<FormulaPart> ImpliedInits = new();
    public readonly List<FormulaPart> Invariants = new();
    public readonly List<FormulaPart> ImpliedActions = new();
    public readonly List<FormulaPart> ImpliedTemporals = new();

    /// <param name="cfgName">The name the configuration gives (for messages).</param>
    /// <param name="cfgSpan">Where the configuration names it.</param>
    public SpecWalker(string[] variables, string cfgName, SourceSpan cfgSpan)
    {
        _es = new EvalState(new ActionSplitter.ConstantHost(), variables);
        _cfgName = cfgName;
        _cfgSpan = cfgSpan;
    }

    private static TlaException Config(SourceSpan span, string msg) => new(ErrorKind.Config, span, msg);
    private static TlaException General(SourceSpan span, string msg) => new(ErrorKind.Unsupported, span, msg);
    /// <summary>A form TLC refuses by design (its message, exit 255).</summary>
    private static TlaException Refused(SourceSpan span, string msg) => new(ErrorKind.TlcRefused, span, msg);

    private const int MaxDepth = 400;

    // ------------------------------------------------------------------ SPECIFICATION

    /// <summary>Classifies the parts of the specification formula <paramref name="t"/>.</summary>
    public void WalkSpec(Term t, Scope sc, string module)
    {
        // TLC starts from the body of the definition the configuration names, whatever its level.
        if (t is OpCallTerm { Args.Length: 0 } c && !c.Def.Cacheable
            && Descend(t, sc, module, _cfgName, out var body, out var inner, out var innerModule, out var innerName))
        {
            Spec(body, inner, innerModule, innerName, 1);
            return;
        }
        Spec(t, sc, module, _cfgName, 0);
    }

    private void Spec(Term t, Scope sc, string module, string name, int depth)
    {
        if (depth > MaxDepth) throw General(t.Span, $"the specification {_cfgName} is nested too deeply (a recursive definition?)");
        switch (t)
        {
            case AndTerm a:
                foreach (var item in a.Items) Spec(item, sc, module, name, depth + 1);
                return;
            case ConstTerm { Value: BoolValue b }:
                Trivial(b.B, "FALSE", t.Span);
                return;
            case OpCallTerm { Args.Length: 0 } c when c.Def.Cacheable:
                if (c.Def.Invoke(_es, null, null) is BoolValue cb) Trivial(cb.B, c.Def.Name, t.Span);
                else throw Config(_cfgSpan, $"The operator {c.Def.Name}, which equals {Term.Show(c.Def.Invoke(_es, null, null))}, cannot be used as a specification");
                return;
            case OpCallTerm c when c.Lvl <= Level.State:
                Inits.Add(Part(name, c, sc, module));
                return;
            case VarTerm v:
                // A variable named as a conjunct of the specification (TLC_CONFIG_OP_IS_EQUAL).
                throw Config(v.Span, $"The operator {v.Name}, which equals the variable {v.Name}, cannot be used as a part of the specification {_cfgName}.");
            case TemporalTerm { Op: "[]" } box:
                SpecBox(box, sc, module, name);
                return;
            case TemporalTerm { Op: "\\AA" or "\\EE" }:
                throw Refused(t.Span, "TLC does not support temporal existential, nor universal, quantification over state variables.");
        }
        if (Descend(t, sc, module, name, out var body, out var inner, out var innerModule, out var innerName))
        {
            Spec(body, inner, innerModule, innerName, depth + 1);
            return;
        }
        if (t.Lvl <= Level.State) Inits.Add(Part(name, t, sc, module));
        else if (t.Lvl == Level.Temporal) Temporals.Add(Part(name, t, sc, module));
        else throw Refused(t.Span, $"TLC cannot handle this conjunct of the spec: {t.Span.ToTlcString(module)} (an action: write it as [][A]_v)");
    }

    private void SpecBox(TemporalTerm box, Scope sc, string module, string name)
    {
        var arg = box.Args[0];
        if (arg is ActionBoxTerm { IsAngle: false } ab)
        {
            if (Next != null)
                throw Config(box.Span, "The specification contains more than one conjunct of the form [][Next]_v,\nbut TLC can handle only specifications with one next-state relation.");
            Next = Part(name, ab.Action, sc, module);
            NextSubscript = ab.Sub;
            // TLC checks the subscript as it meets the next-state relation, before the conjuncts after it.
            SubscriptFound?.Invoke(ab.Sub);
            return;
        }
        if (arg.Lvl <= Level.State)
            throw Refused(arg.Span, $"TLC cannot handle the temporal formula {arg.Span.ToTlcString(module)}");
        Temporals.Add(Part(name, box, sc, module));
    }

    /// <summary>The variables TLC finds in the subscript of the next-state relation (SpecProcessor's
    /// SubscriptCollector): a variable, the components of a tuple, the body of a definition without arguments, of a
    /// LET or a label; any other operator is looked no further into. Null when Ops cannot tell what TLC finds (a
    /// parameter, a definition with arguments): no warning then. Throws <see cref="SubscriptUnknown"/> where TLC
    /// gives up (a number or a string written in the subscript).</summary>
    public static HashSet<int> SubscriptVariables(Term subscript)
    {
        var found = new HashSet<int>();
        return Collect(subscript, found, 0) ? found : null;
    }

    /// <summary>TLC's TLC_CANT_HANDLE_SUBSCRIPT inside its collector: it warns that it could not determine the
    /// subscript's variables.</summary>
    public sealed class SubscriptUnknown : Exception { }

    private static bool Collect(Term t, HashSet<int> found, int depth)
    {
        if (depth > 64) return false;
        switch (t)
        {
            case VarTerm v:
                found.Add(v.Index);
                return true;
            case TupleTerm tt:
                foreach (var item in tt.Items)
                    if (!Collect(item, found, depth + 1)) return false;
                return true;
            case CachedTerm c: return Collect(c.Inner, found, depth + 1);
            case InlineTerm inl: return Collect(inl.Body, found, depth + 1);
            case LabelTerm lb: return Collect(lb.Body, found, depth + 1);
            case LetTerm let: return Collect(let.Body, found, depth + 1);
            // A constant definition: TLC evaluated it before (processConstantDefns) and finds its value, which it
            // does not look into.
            case OpCallTerm { Args.Length: 0, Def.Cacheable: true }:
                return true;
            case OpCallTerm { Args.Length: 0 } call:
                return call.Def.EnsureBody() is { } body && Collect(body, found, depth + 1);
            case ConstTerm { Literal: true }:
                throw new SubscriptUnknown();
            case ConstTerm:
                return true;
            case OpCallTerm or LocalTerm or ParamCallTerm or ScopedTerm or LambdaTerm:
                return false;
            default:
                // An application of a built-in operator: TLC looks no further.
                return true;
        }
    }

    private void Trivial(bool value, string name, SourceSpan span)
    {
        if (value) return;
        throw Config(span.Line > 0 ? span : _cfgSpan, $"The spec is trivially false because {name} is false.");
    }

    /// <summary>A property, or a conjunct of one, that is the constant FALSE, in TLC's words
    /// (SpecProcessor.processConfigProps): the configured name itself is "The property of P is equal to FALSE"
    /// (TLC_CONFIG_ID_HAS_VALUE); a part of it is "The spec is trivially false because F is false." (the literal
    /// FALSE is named FALSE).</summary>
    private void PropertyTrivial(bool value, string name, SourceSpan span, int depth)
    {
        if (value) return;
        throw Config(span.Line > 0 ? span : _cfgSpan, depth == 0
            ? $"The property of {name} is equal to FALSE"
            : $"The spec is trivially false because {name} is false.");
    }

    /// <summary>The value of a constant definition without arguments, or null when it cannot be evaluated without a
    /// state (TLC then keeps the definition and looks through it).</summary>
    private Value ConstantValue(OpCallTerm c)
    {
        try { return c.Def.Invoke(_es, null, null); }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException) { return null; }
    }

    // ------------------------------------------------------------------ PROPERTY

    /// <summary>Classifies the parts of the property <paramref name="t"/> named <paramref name="name"/>.</summary>
    public void WalkProperty(string name, Term t, Scope sc, string module) => Prop(name, t, sc, module, 0, false);

    /// <param name="subs">Whether the walk went through an instantiated definition (SANY's SubstInNode): from there on
    /// TLC's processConfigProps looks through definitions without arguments only, so a call with arguments is
    /// classified as a whole (by its level).</param>
    private void Prop(string name, Term t, Scope sc, string module, int depth, bool subs)
    {
        if (depth > MaxDepth) throw General(t.Span, $"the property {name} is nested too deeply (a recursive definition?)");
        switch (t)
        {
            case AndTerm a:
                // TLC names each conjunct by its location.
                foreach (var item in a.Items) Prop(item.Span.ToTlcString(module), item, sc, module, depth + 1, subs);
                return;
            case ConstTerm { Value: BoolValue b }:
                PropertyTrivial(b.B, depth == 0 ? name : b.B ? "TRUE" : "FALSE", t.Span, depth);
                return;
            case OpCallTerm { Args.Length: 0 } c when c.Def.Cacheable && ConstantValue(c) is { } value:
                // TLC evaluates a constant definition once (SpecProcessor.processConstantDefns) and keeps its value in
                // place of the definition; one that fails to evaluate stays a definition and is looked through below.
                if (value is BoolValue cb)
                {
                    PropertyTrivial(cb.B, c.Def.Name, t.Span, depth);
                    return;
                }
                if (depth > 0)
                    throw Config(_cfgSpan, $"The operator {c.Def.Name}, which equals {Term.Show(value)},\ncannot be used as a property");
                // The configured name itself (processConfig: TLC_CONFIG_ID_HAS_VALUE), unless its body is a numeral or
                // string literal: TLC keeps such a definition as it is, and checks it as a constant-level property on
                // the initial states ("TLC expected a boolean value, but did not find one. 3", exit 75).
                if (c.Def.EnsureBody() is not ConstTerm { Value: IntValue or StringValue })
                    throw Config(_cfgSpan, $"The property of {name} is equal to {Term.Show(value)}");
                break;
            case QuantTerm { IsForall: true } q when q.Binders.All(b => b.Set != null) && Bindings(q, sc) is { } bindings:
            {
                // TLC expands a bounded \A over a constant set: each instance of the body is classified on its own,
                // named by the body's location.
                var bodyName = q.Body.Span.ToTlcString(module);
                if (bindings.Count == 0 && q.Lvl == Level.Temporal)
                {
                    // Over an empty set the temporal \A is TRUE: TLC keeps it as one temporal formula, whose negation the
                    // liveness checker then finds unsatisfiable (a tautology, TLC's 77).
                    ImpliedTemporals.Add(Part(name, t, sc, module));
                    return;
                }
                foreach (var values in bindings)
                {
                    for (int i = 0; i < q.Slots.Length; i++) sc.Frame.Slots[q.Slots[i]] = values[i];
                    Prop(bodyName, q.Body, sc.Bind(q, _es), module, depth + 1, subs);
                }
                return;
            }
            case TemporalTerm { Op: "[]" } box:
            {
                var arg = box.Args[0];
                if (arg is ActionBoxTerm { IsAngle: false } ab)
                    ImpliedActions.Add(Part(name, ab, sc, module));
                else if (arg.Lvl <= Level.State)
                    Invariants.Add(Part(AppliedName(arg) ?? name, arg, sc, module));
                else
                    ImpliedTemporals.Add(Part(name, box, sc, module));
                return;
            }
        }
        if (InlinedByProps(t, subs) && Descend(t, sc, module, name, out var body, out var inner, out var innerModule, out var innerName))
        {
            Prop(innerName, body, inner, innerModule, depth + 1, subs || EntersInstance(t));
            return;
        }
        if (t.Lvl <= Level.State) ImpliedInits.Add(Part(name, t, sc, module));
        else if (t.Lvl == Level.Temporal) ImpliedTemporals.Add(Part(name, t, sc, module));
        else
        {
            var loc = t.Span.ToTlcString(module);
            throw Config(t.Span,
                $"The formula {name} at {loc} is an action-level formula (i.e., it contains no temporal operators). Only temporal-level " +
                $"(or state-level) formulas are allowed under PROPERTY or PROPERTIES. To check that action {name} holds in *every* step " +
                $"of the behavior, define a temporal property: Let A be the formula at {loc}; rewrite A as [][A]_v, where v is a state " +
                "function (typically the tuple of variables) (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).");
        }
    }

    /// <summary>The name of an operator application without arguments, as SANY keeps one (a definition, a LET
    /// definition, an operator's parameter, a variable, a CONSTANT, TRUE or FALSE): TLC names the invariant of a
    /// boxed state predicate by it ("Invariant Inv is violated" for <c>P == []Inv</c>, "Invariant FALSE" for
    /// <c>[]FALSE</c>); null for any other expression, which keeps the property's name.</summary>
    private static string AppliedName(Term t) => t switch
    {
        OpCallTerm { Args.Length: 0 } c => c.Def.Name,
        LocalTerm l => l.Name,
        VarTerm v => v.Name,
        ConstTerm { Name: { } n } => n,
        _ => null,
    };

    /// <summary>TLC's processConfigProps looks through a call with arguments only outside instantiated definitions and
    /// not into a RECURSIVE operator; a definition without arguments it always looks through.</summary>
    private static bool InlinedByProps(Term t, bool subs) => t switch
    {
        // Inside a parameterised instance a definition calls another with the instance's parameters passed on: for
        // SANY a call without arguments.
        OpCallTerm { Args.Length: > 0 } c when c.Args.All(a => a is LocalTerm { Name: LocalTerm.InstanceParameter }) => true,
        OpCallTerm { Args.Length: > 0 } c => !subs && !c.Def.IsRecursive,
        ParamCallTerm => !subs,
        _ => true,
    };

    /// <summary>Whether looking through <paramref name="t"/> enters a definition copied by an INSTANCE that substitutes
    /// (whose body SANY wraps in a SubstInNode).</summary>
    private static bool EntersInstance(Term t) => t is OpCallTerm { Def.Instance.HasSubstitutions: true };

    // ------------------------------------------------------------------ shared

    /// <summary>The bindings of a quantifier's identifiers over its domains, or null when a domain cannot be evaluated
    /// without a state.</summary>
    private List<Value[]> Bindings(QuantTerm q, Scope sc)
    {
        var list = new List<Value[]>();
        try
        {
            q.Hoists?.Enter(_es, sc.Frame);
            Binder.ForAll(q.Binders, 0, _es, sc.Frame, q, () =>
            {
                list.Add(q.Slots.Select(s => sc.Frame.Slots[s]).ToArray());
                return true;
            });
        }
        catch (Exception e) when (e is TlaException or ValueException or InvalidCastException)
        {
            return null;
        }
        return list;
    }

    /// <summary>
    /// One step into the formula where TLC looks through: a label, a LET, a definition (its arguments passed by name),
    /// an operator parameter bound to a definition, an argument or LET definition read by name. The name follows as
    /// TLC's does: a definition or operator parameter names what is under it, as does a LET definition.
    /// </summary>
    private bool Descend(Term t, Scope sc, string module, string name, out Term body, out Scope inner, out string innerModule, out string innerName)
    {
        body = null;
        inner = sc;
        innerModule = module;
        innerName = name;
        switch (t)
        {
            case LabelTerm l:
                body = l.Body;
                return true;
            case LetTerm let:
                body = let.Body;
                inner = sc.Let(let, _es);
                return true;
            case OpCallTerm c:
            {
                var def = c.Def;
                if (def.EnsureBody() == null) return false;
                body = def.Body;
                inner = sc.Call(c, _es);
                innerModule = def.ModuleName ?? module;
                innerName = def.Name;
                return true;
            }
            case ParamCallTerm pc:
            {
                var s = sc.CallParam(pc, _es, out var def);
                if (s == null || def.EnsureBody() == null) return false;
                body = def.Body;
                inner = s;
                innerModule = def.ModuleName ?? module;
                innerName = pc.Name;
                return true;
            }
            case LocalTerm lt:
            {
                var slot = sc.Frame.Up(lt.Hops).Slots[lt.Slot];
                bool isLet = slot is LetPending;
                if (slot is not (Thunk or LetPending) || lt.Raw(sc.Frame, _es) is not Thunk th) return false;
                var s = sc.Enter(th);
                if (s == null) return false;
                body = th.Body;
                inner = s;
                if (isLet) innerName = lt.Name;
                return true;
            }
        }
        return false;
    }

    /// <summary>A part evaluated at <paramref name="sc"/>; one that reads nothing of its frame (a definition without
    /// arguments, a constant) is evaluated in a root frame, as if it were written at top level.</summary>
    private static FormulaPart Part(string name, Term t, Scope sc, string module) =>
        new() { Name = name, Term = t, Scope = ReadsNoFrame(t) ? Scope.Root(0) : sc, Module = module };

    private static bool ReadsNoFrame(Term t) => t switch
    {
        OpCallTerm { Args.Length: 0 } c => !c.Def.IsLocal,
        ConstTerm or VarTerm or PrimedVarTerm => true,
        ActionBoxTerm ab => ReadsNoFrame(ab.Action) && ReadsNoFrame(ab.Sub),
        TupleTerm tup => tup.Items.All(ReadsNoFrame),
        _ => false,
    };
}
