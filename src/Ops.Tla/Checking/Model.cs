using Ops.Tla.Config;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Eval;
using Ops.Tla.Semantics;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>A named predicate the checker evaluates (invariant, constraint, property).</summary>
public sealed class NamedTerm
{
    public string Name;
    public Term Term;
    public int FrameSize;
    public SourceSpan Span;
    /// <summary>The term is the call of a definition the configuration names (placed in the .cfg): TLC evaluates the
    /// definition's body, so its call stack has no position for the name.</summary>
    public bool NamedInConfig;
    /// <summary>How to build the frame the term is evaluated in, when it is not a fresh root frame of
    /// <see cref="FrameSize"/> slots (a part of a property found under a LET or in an operator's argument).</summary>
    public ActionContext Context;
    /// <summary>Where the walk of the formula found the term (the liveness checker goes on from there); null for a
    /// root frame of <see cref="FrameSize"/> slots.</summary>
    public Scope Scope;
    private readonly PerEvaluator<Frame> _kept = new();

    /// <summary>The frame for one evaluation with <paramref name="es"/> (not overlapping another with the same es).</summary>
    public Frame FrameFor(EvalState es) => Context != null ? Context.Reuse(es) : Frame.Root(FrameSize);

    /// <summary>The scope to walk the term from.</summary>
    public Scope WalkScope => Scope ?? Checking.Scope.Root(FrameSize);

    /// <summary>
    /// Evaluates the predicate in <paramref name="es"/>'s states. A predicate that names a definition (the usual
    /// case: <c>INVARIANT TypeOK</c>) is evaluated in a frame kept with <paramref name="es"/> from one state to the
    /// next instead of a new one each time: its slots are always written before they are read (by the binder, LET,
    /// EXCEPT or inlined call that owns them), and this entry is never re-entered while it runs.
    /// </summary>
    /// <summary>With coverage: the predicate's coverage tree, current while it is evaluated.</summary>
    internal CoverageNode Coverage;

    public bool Holds(EvalState es)
    {
        if (Coverage == null) return HoldsCore(es);
        var saved = es.Cov;
        es.Cov = Coverage;
        try { return HoldsCore(es); }
        finally { es.Cov = saved; }
    }

    private bool HoldsCore(EvalState es)
    {
        if (FrameSize == 0 && Context == null && Term is OpCallTerm { Args.Length: 0 } c && !c.Def.IsLocal && !EvalProfile.Enabled)
        {
            var def = c.Def;
            var body = def.EnsureBody();
            if (body != null && !def.Cacheable)
            {
                var kept = _kept.Get(es);
                if (kept == null) _kept.Set(es, kept = new Frame(def.FrameSize, null));
                Value v;
                StackGuard.Check(es);
                if (es.Cov == null && !es.InitMode && es.Current != null && Conjuncts(body) is { } conjuncts
                    && AllHold(_conjunctTerms, conjuncts, es, kept) is bool holds)
                    return holds;
                try { v = body.Eval(es, kept); }
                catch (Ops.Tla.Values.ValueException e) { throw c.Error(e.Message); }
                catch (InsufficientExecutionStackException)
                {
                    throw c.Error($"the evaluation of {def.Name} recursed too deeply (a RECURSIVE definition without a base case?)");
                }
                if (v is BoolValue b) return b.B;
                // TLC names the definition's body: "TLC expected a boolean value, but did not find one. line 10,
                // col 9 to line 10, col 13 of module M".
                throw c.Error(TlcWords.NotBooleanValue(body.Span.ToTlcString(def.ModuleName)));
            }
        }
        return Term.EvalBool(es, FrameFor(es));
    }

    // For a definition that is a conjunction (TypeOK == /\ x \in S /\ f \in [D -> R] ...): per conjunct, the state
    // variable it reads when it reads one alone, its value a function, and the conjunct reads nothing else that changes
    // (no prime, effect, TLCGet or operator argument: Hoisting.StateVariablesRead) -- then its truth is a function of
    // that value, and a value found to satisfy it is marked (FcnValue.CheckedBits) and not checked again: values are
    // immutable, and states share the values they do not change (the interner makes equal values of new states one
    // instance). A token per conjunct: the generation in its upper 16 bits, its bit in the lower 16; -1 for a
    // conjunct evaluated every time. Empty when no conjunct qualifies.
    // A body that is not a conjunction is one conjunct. Decided on the second evaluation, once what the first one
    // called is compiled (the walk gives up at a definition not compiled yet).
    private (int Var, int Token)[] _conjuncts;
    private Term[] _conjunctTerms;
    private int _evaluations;

    private (int Var, int Token)[] Conjuncts(Term body)
    {
        var c = _conjuncts;
        if (c != null) return c.Length == 0 ? null : c;
        if (++_evaluations < 2) return null;
        // With an effect anywhere (Print), a conjunct must not be evaluated again after a later one fails: not done.
        var items = body is AndTerm and ? and.Items : [body];
        _conjunctTerms = items;
        c = Hoisting.ReachesEffects(items) ? [] : OneVariableConjuncts(items);
        _conjuncts = c;
        return c.Length == 0 ? null : c;
    }

    private static readonly object TokenGate = new();
    private static int _generation = 1, _nextBit;

    private static (int, int)[] OneVariableConjuncts(Term[] items)
    {
        var found = new (int Var, int Token)[items.Length];
        int count = 0;
        for (int i = 0; i < found.Length; i++)
        {
            var vars = items[i].Lvl <= Level.State ? Hoisting.StateVariablesRead(items[i]) : null;
            found[i] = vars is { Length: 1 } ? (vars[0], 0) : (-1, -1);
            if (vars is { Length: 1 }) count++;
        }
        if (count == 0) return [];
        count = Math.Min(count, 16);
        lock (TokenGate)
        {
            // The conjuncts of one definition share a generation, so that a value holds all their marks at once.
            if (_nextBit + count > 16)
            {
                // The generations are never reused (a value of an earlier check, such as the shared empty tuple,
                // could hold a mark of the same token): once they are used up, in a process that has checked tens of
                // thousands of definitions, conjuncts are evaluated every time.
                if (_generation == 0xFFFF) return [];
                _generation++;
                _nextBit = 0;
            }
            for (int i = 0; i < found.Length; i++)
            {
                if (found[i].Var < 0) continue;
                if (count-- == 0) found[i] = (-1, -1);
                else found[i].Token = (_generation << 16) | (1 << _nextBit++);
            }
        }
        return found;
    }

    /// <summary>Whether every conjunct holds, skipping those marked true of the value they read, in order, as the
    /// conjunction is evaluated: false at the first that is FALSE; null when one fails or is not a Boolean (the caller
    /// then evaluates the whole conjunction, which reports it as before: the conjuncts before it hold and have no
    /// effects).</summary>
    private static bool? AllHold(Term[] items, (int Var, int Token)[] conjuncts, EvalState es, Frame f)
    {
        var state = es.Current;
        for (int i = 0; i < conjuncts.Length; i++)
        {
            var (var, token) = conjuncts[i];
            var fv = var >= 0 && var < state.Length ? state[var] as Ops.Tla.Values.FcnValue : null;
            if (fv != null)
            {
                int bits = fv.CheckedBits;
                if ((bits >> 16) == (token >> 16) && (bits & token & 0xFFFF) != 0) continue;
            }
            Value v;
            try { v = items[i].Eval(es, f); }
            catch (Exception e) when (e is not OperationCanceledException) { return null; }
            if (v is not Ops.Tla.Values.BoolValue b) return null;
            if (!b.B) return false;
            if (fv != null)
            {
                int bits = fv.CheckedBits;
                fv.CheckedBits = (bits >> 16) == (token >> 16) ? bits | token : token;
            }
        }
        return true;
    }
}

/// <summary>
/// A specification bound to its model configuration: what the checker needs and nothing else (initial predicate,
/// actions, invariants, constraints, properties). Built by <see cref="Load"/>.
/// </summary>
public sealed class Model
{
    public string SpecPath;
    public string ConfigPath;
    public string ModuleName;
    public SpecBuilder Spec;
    public ModelConfig Config;
    public string[] VariableNames;
    /// <summary>The indices of <see cref="VariableNames"/> in the order TLC prints a state's variables (SANY's, see
    /// <see cref="Semantics.SanyVariableOrder"/>); null: the declaration order.</summary>
    public int[] VariablePrintOrder;
    public NamedTerm Init;
    public List<ActionInfo> Actions = new();
    public NamedTerm Next;
    public List<NamedTerm> Invariants = new();
    public List<NamedTerm> Constraints = new();
    public List<NamedTerm> ActionConstraints = new();
    public List<NamedTerm> Properties = new();
    /// <summary>Action properties <c>[][A]_v</c> from PROPERTY (checked on every step, as TLC's implied actions).</summary>
    public List<NamedTerm> ActionProperties = new();
    /// <summary>State predicates <c>[]P</c> from PROPERTY (checked on every state, as TLC's implied invariants).</summary>
    public List<NamedTerm> PropertyInvariants = new();
    /// <summary>State predicates from PROPERTY without a temporal operator (checked on the initial states).</summary>
    public List<NamedTerm> InitProperties = new();
    /// <summary>Temporal properties and fairness that need liveness checking.</summary>
    public List<NamedTerm> TemporalProperties = new();
    /// <summary>The temporal parts of the specification (fairness), each in its scope.</summary>
    public List<NamedTerm> Fairness = new();
    public NamedTerm View;
    public NamedTerm Alias;
    /// <summary>POSTCONDITION(S), in the configuration's order.</summary>
    public List<NamedTerm> Postconditions = new();
    /// <summary>_POSSIBLE predicates of state level, tracked on every generated state the state constraints admit.</summary>
    public List<NamedTerm> PossibleStates = new();
    /// <summary>_POSSIBLE predicates of action level, tracked on every generated step the constraints admit.</summary>
    public List<NamedTerm> PossibleActions = new();
    /// <summary>_POSSIBLE in the configuration's order (the order their checks run in).</summary>
    public List<NamedTerm> Possible = new();
    public NamedTerm Symmetry;
    public bool CheckDeadlock = true;
    /// <summary>True for a configuration without INIT/NEXT/SPECIFICATION on a spec without variables.</summary>
    public bool NoBehavior;
    public ModelValueTable ModelValues = new();
    /// <summary>The module whose text the SPECIFICATION's [][Next]_v is in.</summary>
    private string _nextFoundIn;
    /// <summary>The configuration's SPECIFICATION (its definition's place); null with INIT and NEXT.</summary>
    public NamedTerm Specification;
    /// <summary>The order of the model's strings (TLC's intern order); current while the model is loaded and checked.</summary>
    public StringOrder Strings = new();
    /// <summary>What SANY prints while it processes the modules (its warnings, "*** Warnings: n", and its linter's),
    /// line by line: printed first, and not silenced by -nowarning (TLC prints them before it reads its options).</summary>
    public List<string> ParserMessages = new();

    /// <summary>SANY's warnings as it prints them: each its place, a blank line, its text and three blank lines; the
    /// semantic checker's after "*** Warnings: n" and a blank line, the linter's without a header.</summary>
    internal static IEnumerable<string> SanyMessages(IReadOnlyList<(string Where, string Text)> warnings, bool header)
    {
        if (warnings.Count == 0) yield break;
        if (header)
        {
            yield return $"*** Warnings: {warnings.Count}";
            yield return "";
        }
        foreach (var (where, text) in warnings)
        {
            yield return where;
            yield return "";
            foreach (var line in text.Split('\n')) yield return line;
            yield return "";
            yield return "";
            yield return "";
        }
    }

    /// <summary>Warnings from loading (a PlusCal algorithm translated in memory), reported with the result.</summary>
    public List<string> LoadWarnings = new();

    /// <summary>Parses the spec file and its configuration (<see cref="CheckOptions.ConfigPath"/>), binds the
    /// constants and resolves every definition.</summary>
    public static Model Load(string specPath, CheckOptions options) =>
        Load(ModelSource.FromFile(specPath, options?.ConfigPath), options);

    /// <summary>Parses the root module, the modules it uses and the configuration of <paramref name="source"/>,
    /// binds the constants and resolves every definition.</summary>
    public static Model Load(ModelSource source, CheckOptions options)
    {
        options ??= new CheckOptions();
        var rootText = source.ReadRoot();
        var specPath = rootText.Path;
        // TLC reads the configuration before it parses the modules: an error in it (a missing file, a constant
        // without `=' or `<-') is reported even when a module does not parse.
        var config = source.ReadConfig();
        // A module with a PlusCal algorithm and no (or a stale) translation is checked on its translation made in memory.
        var loadWarnings = new List<string>();
        // What pcal.trans prints while TLC validates each module's algorithm ("Labels added.").
        var pcalNotes = new List<string>();
        var modules = ModuleLoader.ParseAll(PlusCal.PlusCalHook.Prepare(rootText.Text, specPath, loadWarnings, pcalNotes), specPath);
        var root = modules.FirstOrDefault(m => m.Name == source.RootModule);
        // SANY requires the module of a file to be named exactly as the file (ParseUnit: an abort, exit 150).
        if (root == null && specPath != null && source.RootModule != null)
            throw new TlaException(ErrorKind.Syntax, modules[0].Span,
                $"File name '{source.RootModule}' does not match the name '{modules[0].Name}' of the top level module it contains.");
        root ??= modules[0];

        var model = new Model { SpecPath = specPath, ConfigPath = source.ConfigPath, ModuleName = root.Name, Config = config, LoadWarnings = loadWarnings, _log = options.Log, _modules = source.Modules };
        // Every string of the model is made in its own order, TLC's (see StringOrder).
        using var strings = StringOrder.Enter(model.Strings);
        var loader = new ModuleLoader(source.Modules)
        {
            // Modules reached by EXTENDS or INSTANCE get the same in-memory translation as the root.
            PrepareText = (text, path) => PlusCal.PlusCalHook.Prepare(text, path, loadWarnings, pcalNotes),
        };
        foreach (var m in modules) loader.Register(m);
        StringOrderBuilder.Fill(model.Strings, config, options.ConstantValues.Values, options.Constants.Values, modules, root, loader);
        var spec = new SpecBuilder(loader);
        model.Spec = spec;
        spec.BuildRoot(root);
        foreach (var note in pcalNotes) model.PrintBeforeSearch(note);
        model.ParserMessages.AddRange(SanyMessages(spec.Warnings, header: true));
        model.ParserMessages.AddRange(SanyMessages(Linter.RecordFieldNames(modules, spec), header: false));
        model.VariableNames = spec.Variables.ToArray();
        model.VariablePrintOrder = Semantics.SanyVariableOrder.Compute(root, loader, model.VariableNames);
        model.BindConstants(options);
        spec.ResolveAssumptions();
        spec.ResolveAll();
        // TLC refuses a numeral beyond its 32-bit integers in any module of the specification, used or not, once SANY
        // has accepted it (Tool's processing of the spec: EC.TLC_INTEGER_TOO_BIG, exit 255).
        foreach (var m in loader.Loaded)
            if (m.TooBigNumeral is { } big) throw Eval.TooBigNumeralTerm.TooBig(big.Span, big.Value);
        try
        {
            model.BindBehaviour(options);
        }
        catch (TlaException e)
        {
            // TLC prints its warnings as it processes the specification: those before the error come before it.
            e.Data[PriorWarningsKey] = model.LoadWarnings.ToList();
            throw;
        }
        model.CollectConstantSubstitutions();
        return model;
    }

    /// <summary>The declared constants the configuration replaces by a definition without arguments (<c>C &lt;- Foo</c>),
    /// each with a reference to that definition: TLC evaluates them as constants before the search, and one that
    /// cannot be (it reads a variable, say) is a configuration error.</summary>
    public readonly List<(string Name, NamedTerm With)> ConstantSubstitutions = new();

    private void CollectConstantSubstitutions()
    {
        foreach (var a in Config.Constants)
        {
            if (a.SubstituteWith == null || a.Module != null || (a.Args != null && a.Args.Count > 0)) continue;
            if (Spec.Root.Find(a.Name) is not ConstSymbol) continue;
            if (Spec.Root.Find(a.SubstituteWith) is not OpSymbol { Def.Arity: 0 }) continue;
            ConstantSubstitutions.Add((a.Name, Named(new CfgName(a.SubstituteWith, a.Span), "substitution")));
        }
    }

    private TlaException ConfigError(SourceSpan span, string msg) => new(ErrorKind.Config, span, msg);

    /// <summary>An initial predicate, constraint or action constraint above its level: TLC does not check the level
    /// when it reads the configuration but fails when it evaluates the prime or the temporal operator ("In evaluation,
    /// the identifier x is either undefined or not an operator.", "TLC encountered a temporal formula"), exit 75.</summary>
    /// <summary>What TLC adds to "The invariant I is not a state predicate" when the action-level invariant has level
    /// parameters in SANY's sense (EC.TLC_INVARIANT_VIOLATED_LEVEL with "includeWarning": a level-checking bug of
    /// SANY's LevelNode may be the cause).</summary>
    private const string LevelBugNote = "\nNote that a bug can cause TLC to incorrectly report this error.\n"
        + "If you believe your TLA+ or PlusCal specification to be correct,\n"
        + "please check if this bug described in LevelNode.java starting at line 590ff affects you.";

    /// <summary>Whether <paramref name="t"/> reads a variable or a CONSTANT outside a prime or UNCHANGED, looking
    /// through the definitions it calls: SANY's level parameters of an action, as TLC's observed output follows them
    /// (<c>x' = x</c>, <c>x' = N</c>, <c>x' > x</c> have them; <c>x' = 0</c>, <c>UNCHANGED x</c>, <c>Op(1)</c> with
    /// <c>Op(a) == x' = a</c> do not).</summary>
    private static bool ReadsUnprimed(Term t, HashSet<OpDef> seen)
    {
        switch (t)
        {
            case VarTerm:
            case ConstTerm { Name: not (null or "TRUE" or "FALSE") }:
                return true;
            case PrimeTerm or PrimedVarTerm or UnchangedTerm:
                return false;
            case OpCallTerm c when seen.Add(c.Def) && c.Def.EnsureBody() is { } body && ReadsUnprimed(body, seen):
                return true;
        }
        foreach (var child in t.Children)
            if (ReadsUnprimed(child, seen)) return true;
        return false;
    }

    private static TlaException LevelError(SourceSpan span, string msg) =>
        new(ErrorKind.Eval, span, msg) { ExitCode = ExitStatus.EvaluationError };

    /// <summary>
    /// TLC evaluates a constant-level invariant, constraint or action constraint once, before the search
    /// (SpecProcessor.processConfigInvariants/Constraints): FALSE is a configuration error (151), TRUE is kept, and
    /// with <paramref name="warnWhenTrue"/> (an invariant: TLC says to write it as an ASSUME) warned about.
    /// </summary>
    private void RejectConstantFalse(NamedTerm t, SourceSpan span, string what, string name, bool warnWhenTrue = false)
    {
        if (t.Context != null || !Hoisting.IsConstantForTlc(t.Term, VariableNames)) return;
        var es = new EvalState(new ActionSplitter.ConstantHost(PrintBeforeSearch), VariableNames);
        Value value;
        // One that needs the running search (TLCGet("level"), ...) or fails here is left to the search, as before.
        try { value = t.Term.Eval(es, t.FrameFor(es)); }
        catch (TlaException) { return; }
        catch (Ops.Tla.Values.ValueException) { return; }
        // TLC's processConfigInvariants leaves a failing Assert to the search too: it fails there on the first state
        // (exit 75, the nested expressions), not while loading (Ops reported an internal error).
        catch (TlcAssertException) { return; }
        if (value is not BoolValue { B: var holds })
        {
            // TLC keeps the value of a constant definition in its place: anything but TRUE is TLC_CONFIG_ID_HAS_VALUE
            // ("The invariant of I is equal to {1}"), except a numeral or string literal, which TLC leaves a
            // definition, evaluated on the states ("TLC expected a boolean value, but did not find one. 3").
            if (Spec.Root.Find(name) is OpSymbol { Def: var d } && d.EnsureBody() is ConstTerm { Value: IntValue or StringValue }) return;
            throw ConfigError(span, $"The {what} of {name} is equal to {Term.Show(value)}");
        }
        if (!holds) throw ConfigError(span, $"The {what} of {name} is equal to FALSE");
        if (warnWhenTrue)
            AddTlcWarning($"The invariant {name} is a constant-level formula (i.e., it contains no variables, primes, or temporal operators) and evaluates to TRUE. "
                + "To assert constant-level formulas in your spec, use ASSUME ConstInv. If you optionally want to give the assumption a name, write ASSUME YourAssumption == ConstInv instead. "
                + "See https://explain.tlapl.us/assumptions-and-invariants for additional details.");
    }

    private const string NoWarningHint = "\n(Use the -nowarning option to disable this warning.)";

    /// <summary>A warning TLC prints (MP.printWarning): the first of a run is followed by the hint about
    /// -nowarning, the others are not.</summary>
    private void AddTlcWarning(string text) => LoadWarnings.Add(WithWarningHint(text));

    /// <summary>The key of an exception's Data holding the load warnings given before it (a List of string).</summary>
    public const string PriorWarningsKey = "Ops.PriorWarnings";

    /// <summary>TLC's check that the subscript of [][Next]_v holds every variable (SpecProcessor.processConfigSpec): a
    /// warning for each variable it does not find there, in TLC's order of the variables; when its collector gives up,
    /// that it could not tell.</summary>
    private void WarnOfSubscript(Term subscript)
    {
        if (subscript == null) return;
        HashSet<int> found;
        try { found = SpecWalker.SubscriptVariables(subscript); }
        catch (SpecWalker.SubscriptUnknown)
        {
            AddTlcWarning("TLC could not determine if the subscript of the next-state relation contains\nall state variables. Proceed with fingers crossed.");
            return;
        }
        if (found == null) return;
        IEnumerable<int> order = VariablePrintOrder ?? Enumerable.Range(0, VariableNames.Length);
        foreach (var i in order)
            if (!found.Contains(i))
                AddTlcWarning($"The subscript of the next-state relation specified by the specification\ndoes not seem to contain the state variable {VariableNames[i]}");
    }

    private int _warningHintGiven;

    /// <summary>The warning, followed by the hint about -nowarning when it is the run's first (thread-safe: a
    /// search's workers warn as they evaluate).</summary>
    internal string WithWarningHint(string text) =>
        Interlocked.Exchange(ref _warningHintGiven, 1) == 0 ? text + NoWarningHint : text;

    /// <summary>Lines printed (Print, PrintT) by what TLC evaluates once before the search: constant-level
    /// invariants and constraints. They come first in the run's output, as in TLC's.</summary>
    public readonly List<string> LoadOutput = new();
    private Action<string> _log;

    private void PrintBeforeSearch(string line)
    {
        LoadOutput.Add(line);
        _log?.Invoke(line);
    }

    private void BindConstants(CheckOptions options)
    {
        var assignments = new List<ConstantAssignment>(Config.Constants);
        foreach (var (name, value) in options.ConstantValues)
            assignments.Add(new ConstantAssignment { Name = name, Value = value, Span = value.Span, NameSpan = value.Span });
        foreach (var (name, value) in options.Constants)
        {
            ArgumentNullException.ThrowIfNull(value, $"the value of constant {name}");
            assignments.Add(new ConstantAssignment { Name = name, Bound = Import(value), Span = SourceSpan.None, NameSpan = SourceSpan.None });
        }
        // F(v1, ..., vn) = v lines together make one table per name (TLC's makeConstantTable), which then replaces F
        // like any other value.
        var tables = new Dictionary<string, ConstantBinding>(StringComparer.Ordinal);
        foreach (var a in assignments)
        {
            if (a.Args != null && a.Args.Count > 0)
            {
                if (a.Value == null)
                    throw ConfigError(a.Span, $"the configuration substitutes {a.Name}(...): only F(v1, ..., vn) = v can give an operator a value for given arguments");
                var key = (a.Module ?? "") + "!" + a.Name;
                var row = (a.Args.Select(ToValue).ToArray(), ToValue(a.Value));
                if (tables.TryGetValue(key, out var known))
                {
                    if (known.Table[0].Args.Length != a.Args.Count)
                        throw ConfigError(a.Span, $"TLC has found an error in the configuration file: the operator {a.Name} is given values for different numbers of arguments.");
                    known.Table.Add(row);
                    continue;
                }
                var table = new ConstantBinding { Span = a.Span, Table = new() { row } };
                tables[key] = table;
                BindOne(a, table, fromConfig: Config.Constants.Contains(a));
                continue;
            }
            var binding = new ConstantBinding { Span = a.Span };
            if (a.SubstituteWith != null) binding.SubstituteWith = a.SubstituteWith;
            else binding.Value = a.Bound ?? ToValue(a.Value);
            BindOne(a, binding, fromConfig: Config.Constants.Contains(a));
        }
        foreach (var c in Spec.Constants)
        {
            if (Spec.FindOverride(c) == null)
                throw new TlaException(ErrorKind.Config, c.Span,
                    $"The constant parameter {c.Name} is not assigned a value by the configuration {Path.GetFileName(ConfigPath)} (add {c.Name} = ... under CONSTANTS)");
        }
    }

    /// <summary>Binds one entry of the configuration; false when TLC passes over it (a name the root module does not
    /// declare or define). A value given on the command line or through the cmdlet (not TLC's) for such a name is an
    /// error: it is a mistyped name.</summary>
    private bool BindOne(ConstantAssignment a, ConstantBinding binding, bool fromConfig)
    {
        if (a.Module != null)
        {
            Spec.OverrideIn(a.Module, a.Name, binding);
            return true;
        }
        var sym = Spec.Root.Find(a.Name);
        if (sym == null || sym is VarSymbol)
        {
            // TLC (SpecProcessor.processSpec) applies a value only to the constants and definitions the root module
            // sees and passes over any other name without a word; a substitution of such a name is an error.
            if (!fromConfig)
                throw ConfigError(a.NameSpan.Line > 0 ? a.NameSpan : a.Span,
                    sym == null ? $"The value given for {a.Name} names no constant or definition of the specification"
                                : $"{a.Name} is a VARIABLE: only constants and definitions can be given values");
            if (a.SubstituteWith != null)
                throw ConfigError(a.NameSpan.Line > 0 ? a.NameSpan : a.Span,
                    $"In the configuration file, the identifier {a.Name} does not appear in the specification.");
            // TLC says nothing (a value for a name the specification does not declare, or for a variable, is unused).
            return false;
        }
        // TLC's SpecProcessor checks every substitution when it reads the configuration, used or not (exit 151).
        if (binding.SubstituteWith != null && Spec.Root.Find(binding.SubstituteWith) == null)
            throw ConfigError(a.Span, $"The configuration file substitutes for {a.Name} with the undefined identifier {binding.SubstituteWith}.");
        Spec.Override(sym, binding);
        return true;
    }

    /// <summary>A value made outside the model (<see cref="CheckOptions.Constants"/>) as the model's own: its strings in
    /// the model's order and its model values the model's (by name), its sets and functions ordered accordingly.</summary>
    private Value Import(Value v) => v switch
    {
        StringValue s => StringValue.Of(s.S),
        ModelValue m => ModelValues.Get(m.Name),
        SetBase set when set.IsFinite => SetValue.From(set.Elements.Select(Import)),
        FcnValue { Keys: null } t => t.BuiltAsFunction ? FcnValue.FunctionOnInterval(t.Vals.Select(Import).ToArray()) : FcnValue.Tuple(t.Vals.Select(Import).ToArray()),
        FcnValue f => FcnValue.FromPairs(f.Keys.Select(Import).ToList(), f.Vals.Select(Import).ToList()),
        FcnBase f when f.Domain.IsFinite => Import(f.ToFcn()),
        // Integers, Booleans, and what holds no string to rank (Nat, Int, intervals).
        _ => v,
    };

    private Value ToValue(CfgValue v) => v switch
    {
        CfgInt i => IntValue.Of((long)i.Value),
        CfgString s => StringValue.Of(s.Value),
        CfgBool b => BoolValue.Of(b.Value),
        CfgModelValue m => ModelValues.Get(m.Name),
        CfgSet s => ToSet(s),
        CfgTuple t => FcnValue.Tuple(t.Items.Select(ToValue).ToArray()),
        _ => throw ConfigError(v.Span, "unsupported value in the configuration"),
    };

    /// <summary>A set the configuration writes: TLC sorts its elements as it reads it, so one it cannot order
    /// (<c>S = {a, "s", 2}</c>) fails then, used or not ("Attempted to compare integer 2 with non-integer", TLC's
    /// unexpected exception: exit 255).</summary>
    private Value ToSet(CfgSet s)
    {
        var set = SetValue.Build(s.Items.Select(ToValue).ToArray(), markFirst: false);
        if (set is UnorderedSetValue u)
            throw new TlaException(ErrorKind.Config, s.Span, u.Error + "\nTLC sorts the elements of a set in the " +
                "configuration when it reads it: keep one kind of value per set (model values may be mixed with any)")
                { ExitCode = ExitStatus.SystemError };
        return set is SetValue sorted ? sorted.MarkNormalized() : set;
    }

    private NamedTerm Named(CfgName n, string what)
    {
        var sym = Spec.Root.Find(n.Name);
        if (sym is OpSymbol os)
        {
            if (os.Def.Arity != 0)
                throw ConfigError(n.Span, $"The {what} {n.Name} takes arguments; the configuration can only name operators without arguments");
            var fb = new FrameBuilder(0);
            var app = new OpApp { Span = n.Span };
            app.Path.Add(new NameSegment { Name = n.Name, Span = n.Span });
            var term = new Resolver(Spec, Spec.Root, null, fb).CompileOpApp(app, false);
            return new NamedTerm { Name = n.Name, Term = term, FrameSize = fb.Count, Span = os.Def.Span, NamedInConfig = true };
        }
        if (sym is ConstSymbol or BuiltinSymbol)
        {
            var fb = new FrameBuilder(0);
            var app = new OpApp { Span = n.Span };
            app.Path.Add(new NameSegment { Name = n.Name, Span = n.Span });
            var term = new Resolver(Spec, Spec.Root, null, fb).CompileOpApp(app, false);
            return new NamedTerm { Name = n.Name, Term = term, FrameSize = fb.Count, Span = n.Span };
        }
        throw ConfigError(n.Span, $"The {what} {n.Name} named in the configuration is not defined in module {ModuleName}"
            + (n.Name.Length > 0 && (char.IsLetterOrDigit(n.Name[0]) || n.Name[0] == '_') ? "" :
                " (a section of the configuration lists names only: define the formula in the module and name the definition here)"));
    }

    /// <summary>TLC evaluates a constant definition once and keeps its value in place of the definition; a VIEW, an
    /// INIT or a NEXT naming one (or a CONSTANT) is then not an operator: "The view function View cannot be a
    /// constant.", "The next state action Next cannot be a constant." (exit 151). A numeral or string literal stays a
    /// definition there and is accepted.</summary>
    private void RejectConstantDefinition(NamedTerm t, CfgName n, string what)
    {
        var sym = Spec.Root.Find(n.Name);
        bool literal = sym is OpSymbol os && os.Def.EnsureBody() is ConstTerm { Value: Ops.Tla.Values.IntValue or Ops.Tla.Values.StringValue };
        if (t.Context == null && Hoisting.IsConstantForTlc(t.Term, VariableNames) && !literal)
            throw ConfigError(n.Span, $"The {what} {n.Name} cannot be a constant.");
    }

    private void BindBehaviour(CheckOptions options)
    {
        CheckDeadlock = (Config.CheckDeadlock ?? true) && options.CheckDeadlock;
        // TLC looks the invariants up before it processes the specification (an undefined one is its first error,
        // before any warning about the specification's next-state relation).
        foreach (var n in Config.Invariants)
            if (Spec.Root.Find(n.Name) is not (OpSymbol or ConstSymbol or BuiltinSymbol)) Named(n, "invariant");
        if (Config.Specification != null)
        {
            if (Config.Init != null || Config.Next != null)
                throw ConfigError(Config.Specification.Span, "The configuration has both SPECIFICATION and INIT/NEXT: use one or the other");
            var spec = Specification = Named(Config.Specification, "specification");
            var walker = new SpecWalker(VariableNames, spec.Name, Config.Specification.Span) { SubscriptFound = WarnOfSubscript };
            walker.WalkSpec(spec.Term, Scope.Root(spec.FrameSize), ModuleName);
            if (walker.Inits.Count == 0 && VariableNames.Length == 0)
            {
                // Nothing to compute: TLC evaluates the assumptions and finds no state.
                NoBehavior = true;
                return;
            }
            if (walker.Inits.Count > 0)
            {
                var parts = walker.Inits.Select(p => p.Scope.IsRoot ? p.Term : new ScopedTerm(p.Term, p.Scope.Context.Build)).ToArray();
                var initTerm = parts.Length == 1 ? parts[0] : new AndTerm(parts, false) { Span = parts[0].Span };
                Init = new NamedTerm { Name = "Init", Term = initTerm, FrameSize = spec.FrameSize, Span = initTerm.Span };
            }
            if (walker.Next != null)
            {
                Next = walker.Next.ToNamed();
                _nextFoundIn = walker.Next.Module;
            }
            foreach (var f in walker.Temporals) Fairness.Add(f.ToNamed());
        }
        else if (Config.Init == null && Config.Next == null && VariableNames.Length == 0)
        {
            // A model of constants only (ASSUME checks): TLC evaluates the assumptions and explores no states.
            NoBehavior = true;
            return;
        }
        else
        {
            if (Config.Init == null) throw new TlaException(ErrorKind.Config, $"The configuration {Path.GetFileName(ConfigPath)} names no INIT (or SPECIFICATION)");
            // An INIT without a NEXT is TLC's too, as a SPECIFICATION without [][Next]_v: the initial states are
            // computed and checked, then "No next state actions defined to generate successor states from." (75).
            Init = Named(Config.Init, "initial predicate");
            if (Config.Next != null) Next = Named(Config.Next, "next-state relation");
            // TLC's SpecProcessor: the INIT and NEXT the configuration names must be operators, not definitions it
            // evaluated once as constants (Next == FALSE, Init == N = 3): exit 151, before any state is computed.
            RejectConstantDefinition(Init, Config.Init, "initial predicate");
            if (Next != null) RejectConstantDefinition(Next, Config.Next, "next state action");
            if (Init.Term.Lvl > Level.State) throw LevelError(Config.Init.Span, "The initial predicate must be a state predicate (it contains primes or temporal operators)");
        }

        foreach (var n in Config.Invariants)
        {
            var t = Named(n, "invariant");
            RejectConstantFalse(t, n.Span, "invariant", n.Name, warnWhenTrue: true);
            if (t.Term.Lvl > Level.State)
                throw new TlaException(ErrorKind.Eval, n.Span, $"The invariant {n.Name} is not a state predicate (one with no primes or temporal operators)."
                    + (t.Term.Lvl == Level.Action && ReadsUnprimed(t.Term, new HashSet<OpDef>()) ? LevelBugNote : ""))
                    { ExitCode = ExitStatus.SafetyEvaluationError, BeforeSearch = true };
            Invariants.Add(t);
        }
        foreach (var text in options.CommandLineInvariants) Invariants.Add(CommandLineInvariant(text));
        foreach (var n in Config.Constraints)
        {
            var t = Named(n, "constraint");
            RejectConstantFalse(t, n.Span, "constraint", n.Name);
            if (t.Term.Lvl > Level.State) throw LevelError(n.Span, $"The state constraint {n.Name} must be a state predicate (no primes or temporal operators)");
            Constraints.Add(t);
        }
        foreach (var n in Config.ActionConstraints)
        {
            var t = Named(n, "action constraint");
            RejectConstantFalse(t, n.Span, "action constraint", n.Name);
            if (t.Term.Lvl > Level.Action) throw LevelError(n.Span, $"The action constraint {n.Name} must be an action (no temporal operators)");
            ActionConstraints.Add(t);
        }
        foreach (var n in Config.Properties)
        {
            var t = Named(n, "property");
            Properties.Add(t);
            // TLC (EC.TLC_LIVE_FORMULA_STATE_LEVEL) warns of a state-level property: it is checked in the initial
            // states only.
            if (t.Term.Lvl == Level.State)
                AddTlcWarning($"The formula {n.Name} is a state-level formula, but it was used as a PROPERTY (or PROPERTIES), where a temporal formula is typically expected. "
                    + $"State-level formulas used as PROPERTY or PROPERTIES are only checked in the initial state. To verify that the formula {n.Name} holds in all states of every behavior, use INVARIANT {n.Name} instead. "
                    + $"Alternatively, applying the \"always\" temporal operator ([]) to the state-level formula {n.Name} changes it into a temporal formula, asserting that {n.Name} holds in all states of every behavior. "
                    + "See https://explain.tlapl.us/invariants-and-properties for additional details.");
            var walker = new SpecWalker(VariableNames, n.Name, n.Span);
            walker.WalkProperty(n.Name, t.Term, Scope.Root(t.FrameSize), ModuleName);
            InitProperties.AddRange(walker.ImpliedInits.Select(p => p.ToNamed()));
            PropertyInvariants.AddRange(walker.Invariants.Select(p => p.ToNamed()));
            ActionProperties.AddRange(walker.ImpliedActions.Select(p => p.ToNamed()));
            // TLC reports a violated temporal part under the property's name.
            TemporalProperties.AddRange(walker.ImpliedTemporals.Select(p => { var nt = p.ToNamed(); nt.Name = n.Name; return nt; }));
        }

        // What TLC requires of the specification once everything is read (SpecProcessor.processConfig).
        bool invariants = Invariants.Count > 0 || PropertyInvariants.Count > 0;
        if (Init == null && (InitProperties.Count > 0 || ActionProperties.Count > 0 || VariableNames.Length > 0 || invariants || TemporalProperties.Count > 0))
            throw ConfigError(Config.Specification?.Span ?? SourceSpan.None,
                "The configuration file did not specify the initial state predicate.");
        if (Next == null && (ActionProperties.Count > 0 || invariants || TemporalProperties.Count > 0))
            throw ConfigError(Config.Specification?.Span ?? SourceSpan.None, "The configuration file did not specify the next state predicate.");
        if (Next != null)
        {
            if (Next.Scope != null) ActionSplitter.Split(Next.Term, Next.Scope, ModuleName, VariableNames, Actions, _nextFoundIn);
            else SplitActions(Next.Term, Next.FrameSize, "Next", Next.Span, ModuleName);
        }

        if (Config.View != null)
        {
            View = Named(Config.View, "view");
            // TLC evaluates a constant definition once and keeps its value in place of the definition; a VIEW naming
            // one (or a CONSTANT) is then not an operator: "The view function View cannot be a constant." A numeral
            // or string literal stays a definition there and is accepted (every state then has the same view).
            RejectConstantDefinition(View, Config.View, "view function");
        }
        if (Config.Alias != null) Alias = Named(Config.Alias, "alias");
        foreach (var n in Config.Postconditions) Postconditions.Add(Named(n, "postcondition"));
        foreach (var n in Config.Possible)
        {
            var t = Named(n, "_POSSIBLE predicate");
            if (t.Term.Lvl > Level.Action)
                throw ConfigError(n.Span, $"The _POSSIBLE predicate {n.Name} is a temporal formula; only state- and action-level predicates are supported");
            if (Possible.Any(p => p.Name == t.Name)) continue;
            Possible.Add(t);
            (t.Term.Lvl == Level.Action ? PossibleActions : PossibleStates).Add(t);
        }
        if (Config.Symmetry != null)
        {
            Symmetry = Named(Config.Symmetry, "symmetry set");
            WarnSmallSymmetrySets(Config.Symmetry.Name);
            // TLC warns when the liveness checker runs on a symmetry-reduced graph.
            if (TemporalProperties.Count > 0)
                AddTlcWarning("Declaring symmetry during liveness checking is dangerous. It might cause TLC to miss violations of the stated liveness properties. Please check liveness without symmetry defined.");
        }
    }

    /// <summary>The modules' texts by name, for <see cref="SourceImage"/>.</summary>
    private IModuleSource _modules;

    /// <summary>
    /// TLC's warning (EC.TLC_SYMMETRY_SET_TOO_SMALL) when the SYMMETRY definition permutes a set of fewer than two
    /// elements: it looks at the definition's body only, <c>Permutations(S)</c> or <c>A \cup B</c>, and at each operand
    /// of the union, <c>Permutations(S)</c> (then at S) or any other expression (then at its value); it names each
    /// such set by its text without blanks (<c>A\cupB</c>, <c>{C}</c>). Two such operands: "The sets A, and B have been
    /// defined to be a symmetry set but contain less than two elements."
    /// </summary>
    private void WarnSmallSymmetrySets(string name)
    {
        if (Spec.Root.Find(name) is not OpSymbol { Syntax.Body: { } body } os) return;
        List<Expr> operands;
        if (body is OpApp { IsSimple: true, Name: "\\cup", Args.Count: 2 } union) operands = union.Args;
        else if (PermutationsOf(body) != null) operands = new List<Expr> { body };
        else return; // TLC fails on other forms (a ClassCastException); nothing to warn about here
        var small = new List<string>();
        foreach (var operand in operands)
        {
            var set = PermutationsOf(operand) ?? operand;
            Value v;
            try
            {
                var fb = new FrameBuilder(0);
                var term = new Resolver(Spec, os.DefScope ?? Spec.Root, null, fb).Compile(set);
                if (term.Lvl != Level.Constant) continue;
                v = term.Eval(new EvalState(new ActionSplitter.ConstantHost(PrintBeforeSearch), VariableNames), Frame.Root(fb.Count));
            }
            catch (TlaException) { continue; }
            catch (ValueException) { continue; }
            catch (TlcAssertException) { continue; }
            if (v is SetBase sb && sb.IsFinite && sb.Count < 2) small.Add(SourceImage(set));
        }
        if (small.Count == 1)
            AddTlcWarning($"The set {small[0]} has been defined to be a symmetry set but contains less than two elements.");
        else if (small.Count > 1)
            AddTlcWarning($"The sets {string.Join(", and ", small)} have been defined to be a symmetry set but contain less than two elements.");
    }

    private static Expr PermutationsOf(Expr e) =>
        e is OpApp { IsSimple: true, Name: "Permutations", Args.Count: 1 } p ? p.Args[0] : null;

    /// <summary>An expression's text as TLC shows it in some messages: the source without blanks (an identifier: its
    /// name; a text that cannot be read: the expression printed by the parser's printer).</summary>
    private string SourceImage(Expr e)
    {
        if (e is OpApp { IsSimple: true, Args.Count: 0 } id)
        {
            // A definition the configuration substitutes for a constant (C <- D) is named as that constant (MCPaxos:
            // Permutations(MCAcceptor) with Acceptor <- MCAcceptor is "Acceptor").
            foreach (var a in Config.Constants)
                if (a.SubstituteWith == id.Name && a.Module == null && (a.Args == null || a.Args.Count == 0)) return a.Name;
            return id.Name;
        }
        var sp = e.Span;
        string text = null;
        try
        {
            text = _modules?.Find(Path.GetFileNameWithoutExtension(sp.File)) is { } m && m.Path == sp.File ? m.Text
                : File.Exists(sp.File) ? File.ReadAllText(sp.File) : null;
        }
        catch (IOException) { }
        var lines = text?.Split('\n');
        if (lines == null || sp.Line < 1 || sp.EndLine > lines.Length || sp.EndLine < sp.Line) return AstPrinter.Print(e);
        var sb = new System.Text.StringBuilder();
        for (int l = sp.Line; l <= sp.EndLine; l++)
        {
            var line = lines[l - 1];
            int from = l == sp.Line ? sp.Col - 1 : 0;
            int to = l == sp.EndLine ? Math.Min(sp.EndCol, line.Length) : line.Length;
            if (from < 0 || from > to) return AstPrinter.Print(e);
            sb.Append(line, from, to - from);
        }
        return string.Concat(sb.ToString().Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>TLC's -inv EXPR: a state predicate parsed and resolved in the root module's scope (TLC adds it to
    /// the root module as a definition). A syntax error is a parse error (exit 150), as TLC's.</summary>
    private NamedTerm CommandLineInvariant(string text)
    {
        Expr expr;
        try
        {
            expr = TlaParser.ParseExpression(text, "-inv");
        }
        catch (TlaException e)
        {
            throw new TlaException(ErrorKind.Syntax, e.Span, $"Syntax error while parsing the -inv expression \"{text}\": {e.Message}");
        }
        var fb = new FrameBuilder(0);
        var term = new Resolver(Spec, Spec.Root, null, fb).Compile(expr);
        if (term.Lvl > Level.State)
            // TLC fails evaluating it (exit 75).
            throw new TlaException(ErrorKind.Eval, term.Span, $"The -inv expression \"{text}\" is not a state predicate (it contains primes or temporal operators): an invariant is evaluated on one state");
        return new NamedTerm { Name = text, Term = term, FrameSize = fb.Count, Span = term.Span };
    }

    /// <summary>Splits Next into the actions TLC reports (see <see cref="ActionSplitter"/>).</summary>
    private void SplitActions(Term t, int frameSize, string name, SourceSpan span, string module) =>
        ActionSplitter.Split(t, frameSize, module, VariableNames, Actions);
}
