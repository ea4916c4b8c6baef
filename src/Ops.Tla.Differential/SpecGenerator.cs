using System.Text;
using CsCheck;

namespace Ops.Tla.Differential;

/// <summary>
/// The type of a generated TLA+ expression. Every generator below produces an expression of a known type whose value
/// lies in a known finite domain, so the specs it writes are well-formed (no type errors, no function applied outside
/// its domain, no CHOOSE without a witness) and their state spaces are finite and small.
/// </summary>
public abstract record Ty
{
    public static readonly Ty Int = new Scalar("Int");
    public static readonly Ty Bool = new Scalar("Bool");
    public static readonly Ty Str = new Scalar("Str");
    /// <summary>An element of the model-value set Procs.</summary>
    public static readonly Ty Mv = new Scalar("Mv");
}

public sealed record Scalar(string Name) : Ty
{
    public override string ToString() => Name;
}

public sealed record SetTy(Ty Elem) : Ty
{
    public override string ToString() => $"Set({Elem})";
}

/// <summary>A function over one of the fixed finite domains (so a key can always be generated inside it).</summary>
public sealed record FunTy(Dom Domain, Ty Range) : Ty
{
    public override string ToString() => $"[{Domain.Text} -> {Range}]";
}

public sealed record RecTy(string[] Fields, Ty[] Types) : Ty
{
    public bool Equals(RecTy other) => other != null && Fields.SequenceEqual(other.Fields) && Types.SequenceEqual(other.Types);
    public override int GetHashCode() => string.Join(",", Fields).GetHashCode();
    public override string ToString() => "[" + string.Join(", ", Fields.Zip(Types, (f, t) => $"{f}: {t}")) + "]";
}

public sealed record TupTy(Ty[] Items) : Ty
{
    public bool Equals(TupTy other) => other != null && Items.SequenceEqual(other.Items);
    public override int GetHashCode() => Items.Length;
    public override string ToString() => "<<" + string.Join(", ", Items.Select(i => i.ToString())) + ">>";
}

public sealed record SeqTy(Ty Elem) : Ty
{
    public override string ToString() => $"Seq({Elem})";
}

/// <summary>A fixed finite set usable as a function domain or a quantifier's range: its text, element type and size.</summary>
public sealed record Dom(string Text, Ty Elem, int Size);

/// <summary>What a generated test case is: the spec, the modules it instantiates, its configuration and TLC's flags.</summary>
public sealed class SpecCase
{
    public const string ModuleName = "Gen";
    public string Tla;
    /// <summary>Other modules (name to text) the spec instantiates.</summary>
    public Dictionary<string, string> Modules = new();
    public string Cfg;
    /// <summary>True: run without deadlock checking (TLC's -deadlock).</summary>
    public bool NoDeadlock;
    /// <summary>Workers of both checkers (TLC's -workers); with more than one, a violation's counts are the threads'.</summary>
    public int Workers = 1;
    /// <summary>Go on after an invariant violation (TLC's -continue).</summary>
    public bool Continue;
    /// <summary>The configuration names an ALIAS: the traces are compared line by line.</summary>
    public bool HasAlias;
    /// <summary>The master seed and the components left out (shrinking), which regenerate this case.</summary>
    public ulong Seed;
    public long Mask;
    public int MaxDepth;
    /// <summary>Complexity (CsCheck compares it when shrinking): smaller is simpler.</summary>
    public ulong Complexity;
    /// <summary>The spec is a PlusCal algorithm without its translation: both translators write it first (compared
    /// byte for byte), then the checkers check TLC's translator's module.</summary>
    public bool PlusCal;

    public override string ToString() => $"seed {Seed:X16} mask {Mask:X} depth {MaxDepth}\n---- {ModuleName}.tla\n{Tla}\n---- {ModuleName}.cfg\n{Cfg}" +
        string.Concat(Modules.Select(m => $"\n---- {m.Key}.tla\n{m.Value}")) + (NoDeadlock ? "\n(-deadlock)" : "") +
        (Workers > 1 ? $"\n(-workers {Workers})" : "") + (Continue ? "\n(-continue)" : "");

    /// <summary>Writes the spec, its modules and its configuration into DIR; returns the spec's path.</summary>
    public string WriteTo(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ModuleName + ".tla"), Tla);
        File.WriteAllText(Path.Combine(dir, ModuleName + ".cfg"), Cfg);
        foreach (var (name, text) in Modules) File.WriteAllText(Path.Combine(dir, name + ".tla"), text);
        return Path.Combine(dir, ModuleName + ".tla");
    }
}

/// <summary>
/// CsCheck generator of <see cref="SpecCase"/>s. Generation draws a master seed from CsCheck's PCG, then each component
/// of the spec (variables, actions, invariants, properties, constraint, view, symmetry, ...) from its own PCG derived
/// from the master seed, so a component can be left out (shrinking by <see cref="SpecCase.Mask"/>) without changing the
/// others. The Size CsCheck sees is the case's complexity (AST nodes, components), so CsCheck's shrinking keeps
/// smaller failing cases.
/// </summary>
public sealed class SpecGen : Gen<SpecCase>
{
    public const int DefaultDepth = 3;

    /// <summary>Components never generated (bits of <see cref="Component"/>), e.g. to keep a batch clear of a known,
    /// already filed disagreement.</summary>
    public long BaseMask;

    public SpecGen(long baseMask = 0) { BaseMask = baseMask; }

    public override SpecCase Generate(PCG pcg, Size min, out Size size)
    {
        var seed = pcg.Next64();
        var depth = 1 + (int)pcg.Next(DefaultDepth);
        var c = Build(seed, BaseMask, depth);
        size = new Size(c.Complexity);
        return c;
    }

    /// <summary>The case for a master seed, with the components in MASK left out and expressions at most MAXDEPTH deep.</summary>
    public static SpecCase Build(ulong seed, long mask, int maxDepth)
    {
        var b = new SpecBuilderState(seed, mask, maxDepth);
        return b.Build();
    }
}

/// <summary>Component numbers (bits of <see cref="SpecCase.Mask"/>): leaving one out keeps the spec well-formed.</summary>
public static class Component
{
    public const int Invariant0 = 0;      // 0..3: invariants
    public const int Property0 = 4;       // 4..6: temporal properties
    public const int Action0 = 8;         // 8..12: actions (at least one is always kept)
    public const int Constraint = 14;
    public const int ActionConstraint = 15;
    public const int View = 16;
    public const int Symmetry = 17;
    public const int Fairness = 18;
    public const int Instance = 19;
    public const int Helpers = 20;        // user-defined operators other than the library
    public const int ActionProperty = 21;
    /// <summary>Evaluation errors on purpose (a function applied outside its domain, CHOOSE without a witness,
    /// Head(&lt;&lt;&gt;&gt;), values of different kinds compared, division by zero, integer overflow), in an action,
    /// Init, an invariant or a helper.</summary>
    public const int Errors = 22;
    /// <summary>Values beyond the base domains: strings other than "a" and "b", negative numbers, membership in
    /// infinite sets (Nat, Int, STRING, Seq(S)).</summary>
    public const int Values = 23;
    /// <summary>TLC's module and the community modules: ASSUME, Print/PrintT/Assert, TLCGet("level"), Bags,
    /// FiniteSetsExt, SequencesExt, Functions.</summary>
    public const int TlcOps = 24;
    /// <summary>Recursive functions (f[n \in S] == ...) and function constructors over infinite domains.</summary>
    public const int RecFunctions = 25;
    /// <summary>How the checkers run: several workers (-workers 2), -continue.</summary>
    public const int RunOptions = 26;
    /// <summary>An ALIAS (the traces are then compared line by line) and a POSTCONDITION.</summary>
    public const int AliasPost = 27;
    /// <summary>Constant-level invariants, constraints and properties; constants given in the configuration
    /// (<c>Lim = k</c>, <c>Cap &lt;- CapDef</c>).</summary>
    public const int ConstLevel = 28;
    /// <summary>Evaluation errors in a CONSTRAINT, an ACTION_CONSTRAINT, the VIEW, a PROPERTY or an ASSUME.</summary>
    public const int ErrorSites = 29;
    /// <summary>TLCGet's keys other than "level" (not "duration") and TLCSet's registers.</summary>
    public const int TlcGet = 30;
    /// <summary>A variable holding a value TLC builds lazily (some it cannot fingerprint).</summary>
    public const int LazyValues = 31;
    /// <summary>Liveness with SYMMETRY or VIEW.</summary>
    public const int LivenessReduction = 32;
    /// <summary>Action-level temporal formulas other than [][A]_vars, ENABLED, fairness under other subscripts.</summary>
    public const int ActionTemporal = 33;
    /// <summary>Junction lists, ASCII synonyms, labels, user-defined infix operators.</summary>
    public const int SyntaxForms = 34;
    /// <summary>Several workers (-workers 2) given to specs that check liveness (a PROPERTY or fairness): a verdict
    /// that needs the complete search (exit 0 or 13) is compared as with one worker.</summary>
    public const int WorkersLiveness = 35;
    /// <summary>A PlusCal algorithm instead of the spec (see <see cref="PlusCalGen"/>).</summary>
    public const int PlusCal = 36;
    /// <summary>Standard-module operators at the edges of their arguments, in an invariant, an action or an ASSUME.</summary>
    public const int EdgeArgs = 37;
    /// <summary>A parameterized INSTANCE (P(k) == INSTANCE Inner WITH K &lt;- k, ...) whose operators the
    /// expressions call.</summary>
    public const int ParamInstance = 38;
    public const int Count = 39;
    /// <summary>The components before <see cref="Errors"/>: their seeds keep the positions they always had, so the
    /// specs of a batch with the newer components left out are the ones the generator always made.</summary>
    public const int Legacy = 22;

    /// <summary>The mask bits for component names (ops difftest -exclude): invariants, properties, actions (all but
    /// the first), constraint, action-constraint, view, symmetry, fairness, instance, helpers, action-property, errors,
    /// values, tlc-ops, recursive-functions, run-options, alias-postcondition, and the second round's constant-level,
    /// error-sites, tlc-get, lazy-values, liveness-reduction, action-temporal, syntax-forms ("round2" is those seven);
    /// "new" is all thirteen (the generator before them); the third round's workers-liveness and pluscal ("round3");
    /// the fourth round's edge-args and param-instance ("round4").</summary>
    public static long MaskOf(string name) => name.Trim().ToLowerInvariant() switch
    {
        "invariants" or "invariant" => 0xEL,   // Inv1..Inv3 (Inv0 is kept, so a spec checks something)
        "properties" or "property" => 0x7L << Property0,
        "actions" => 0x1EL << Action0,
        "constraint" => 1L << Constraint,
        "action-constraint" => 1L << ActionConstraint,
        "view" => 1L << View,
        "symmetry" => 1L << Symmetry,
        "fairness" => 1L << Fairness,
        "instance" => 1L << Instance,
        "helpers" => 1L << Helpers,
        "action-property" => 1L << ActionProperty,
        "errors" => 1L << Errors,
        "values" => 1L << Values,
        "tlc-ops" => 1L << TlcOps,
        "recursive-functions" => 1L << RecFunctions,
        "run-options" => 1L << RunOptions,
        "alias-postcondition" => 1L << AliasPost,
        "constant-level" => 1L << ConstLevel,
        "error-sites" => 1L << ErrorSites,
        "tlc-get" => 1L << TlcGet,
        "lazy-values" => 1L << LazyValues,
        "liveness-reduction" => 1L << LivenessReduction,
        "action-temporal" => 1L << ActionTemporal,
        "syntax-forms" => 1L << SyntaxForms,
        "workers-liveness" => 1L << WorkersLiveness,
        "pluscal" => 1L << PlusCal,
        "round2" => 0x7FL << ConstLevel,
        "round3" => 3L << WorkersLiveness,
        "edge-args" => 1L << EdgeArgs,
        "param-instance" => 1L << ParamInstance,
        "round4" => 3L << EdgeArgs,
        "new" => ((1L << (Count - Errors)) - 1) << Errors,
        _ => throw new ArgumentException($"unknown component '{name}' (invariants, properties, actions, constraint, action-constraint, view, symmetry, fairness, instance, helpers, action-property, errors, values, tlc-ops, recursive-functions, run-options, alias-postcondition, constant-level, error-sites, tlc-get, lazy-values, liveness-reduction, action-temporal, syntax-forms, workers-liveness, pluscal, round2, round3, edge-args, param-instance, round4, new)"),
    };
}

internal sealed class Rng
{
    private readonly PCG pcg;
    public long Draws;
    public Rng(ulong seed) { pcg = new PCG(1, seed); }
    public int Int(int n) { Draws++; return n <= 1 ? 0 : (int)pcg.Next((uint)n); }
    public int Range(int lo, int hi) => lo + Int(hi - lo + 1);
    public bool Chance(int percent) => Int(100) < percent;
    public T Pick<T>(IReadOnlyList<T> items) => items[Int(items.Count)];
    public ulong Next64() => pcg.Next64();
}

internal sealed class Binding
{
    public string Name;
    public Ty Type;
    /// <summary>A fixed finite domain the value is known to lie in (null when unknown).</summary>
    public Dom Within;
}

internal sealed class Env
{
    public readonly List<Binding> Vars = new();
    public Env With(string name, Ty t, Dom within = null)
    {
        var e = new Env();
        e.Vars.AddRange(name == "@" ? Vars.Where(v => v.Name != "@") : Vars);
        e.Vars.Add(new Binding { Name = name, Type = t, Within = within });
        return e;
    }
}

/// <summary>A state variable: its type and the finite domain its value is kept in.</summary>
internal sealed class VarInfo
{
    public string Name;
    public Ty Type;
    /// <summary>TLA+ text of the finite set of the values it may take (used in Init and TypeOK).</summary>
    public string Universe;
    public long UniverseSize;
}

/// <summary>A user operator the expressions may call: name, parameter types, result type.</summary>
internal sealed class OpInfo
{
    public string Name;
    public Ty[] Params;
    public Ty Result;
    public bool Recursive;
    /// <summary>Reads state variables (not callable in Init, before they have values).</summary>
    public bool ReadsState;
}

internal sealed partial class SpecBuilderState
{
    private readonly ulong seed;
    private readonly long mask;
    private readonly int maxDepth;
    private readonly ulong[] componentSeeds = new ulong[Component.Legacy + 8 + (Component.Count - Component.Legacy)];
    private Rng r;
    /// <summary>The newer components' own streams (<see cref="Component.Errors"/> and after): drawn only when the
    /// component is on, so that with them left out every other draw, hence the spec, is what it always was.</summary>
    private Rng rErr, rVal, rTlc, rRec, rRun, rAlias;
    private long nodes;
    private int fresh;

    // The fixed domains. Procs is a set of model values given in the configuration.
    private int procs;
    private Dom intDom, procDom, strDom, boolDom;
    private readonly List<VarInfo> vars = new();
    private readonly List<OpInfo> ops = new();
    private bool symmetric;
    private bool inInit;
    private bool useInstance;
    private int intMax;

    private static readonly string[] Strings = { "a", "b" };

    public SpecBuilderState(ulong seed, long mask, int maxDepth)
    {
        this.seed = seed;
        this.mask = mask;
        this.maxDepth = Math.Max(1, maxDepth);
        var master = new Rng(seed);
        for (var i = 0; i < componentSeeds.Length; i++) componentSeeds[i] = master.Next64();
    }

    private bool On(int component) => (mask & (1L << component)) == 0;

    private void Use(int component) => r = new Rng(componentSeeds[component]);

    private Rng Stream(int component) => new(componentSeeds[component < Component.Legacy ? component : component + 8]);

    private const int CoreSeed = Component.Legacy;      // variables, domains
    private const int HelperSeed = Component.Legacy + 1;
    private const int InitSeed = Component.Legacy + 2;
    private const int ConfigSeed = Component.Legacy + 3;

    public SpecCase Build()
    {
        // The third round's PlusCal: a whole algorithm instead, drawn from its own stream.
        if (On(Component.PlusCal))
        {
            var rPcal = Stream(Component.PlusCal);
            if (rPcal.Chance(12))
            {
                var (tla, cfgText, pcalComplexity) = new PlusCalGen(rPcal).Build();
                return new SpecCase { Tla = tla, Cfg = cfgText, PlusCal = true, Seed = seed, Mask = mask, MaxDepth = maxDepth, Complexity = (ulong)pcalComplexity };
            }
        }
        rErr = Stream(Component.Errors);
        rVal = Stream(Component.Values);
        rTlc = Stream(Component.TlcOps);
        rRec = Stream(Component.RecFunctions);
        rRun = Stream(Component.RunOptions);
        rAlias = Stream(Component.AliasPost);
        OpenRound2Streams();
        OpenRound4Streams();
        ChooseEdgeSite();
        ChooseSyntax();
        ChooseConfigConstants();
        ChooseLivenessReduction();
        Use(CoreSeed);
        procs = r.Range(2, 3);
        intMax = r.Range(1, 3);
        intDom = new Dom($"(0..{intMax})", Ty.Int, intMax + 1);
        procDom = new Dom("Procs", Ty.Mv, procs);
        // Written "b" first in half the specs (chosen from draws already made, so that the batches' other choices
        // stay as they were): TLC orders strings by first appearance, not alphabetically, and CHOOSE, set
        // enumeration and printing follow that order.
        strDom = new Dom((procs + intMax) % 2 == 0 ? "{\"a\", \"b\"}" : "{\"b\", \"a\"}", Ty.Str, 2);
        boolDom = new Dom("BOOLEAN", Ty.Bool, 2);
        symmetric = On(Component.Symmetry) && r.Chance(20);
        useInstance = On(Component.Instance) && r.Chance(40);

        var nvars = r.Range(1, 3);
        long product = 1;
        for (var i = 0; i < nvars; i++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var t = VarType(0);
                var (u, size) = Universe(t);
                if (product * size > 3000) continue;
                product *= size;
                vars.Add(new VarInfo { Name = VarName(i), Type = t, Universe = u, UniverseSize = size });
                break;
            }
        }
        if (vars.Count == 0) vars.Add(new VarInfo { Name = "x", Type = Ty.Int, Universe = intDom.Text, UniverseSize = intDom.Size });
        ChooseErrorSite();
        ChooseLazyValue();
        var allVars = vars.Select(v => v.Name).Concat(lazyVar != null ? new[] { lazyVar } : Array.Empty<string>()).ToList();

        var sb = new StringBuilder();
        sb.AppendLine($"---- MODULE {SpecCase.ModuleName} ----");
        sb.AppendLine("EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC");
        sb.AppendLine("CONSTANTS Procs, NoVal" + (cfgConstants ? ", Lim, Cap(_)" : ""));
        sb.AppendLine("VARIABLES " + string.Join(", ", allVars));
        sb.AppendLine("vars == <<" + string.Join(", ", allVars) + ">>");
        var headerEnd = sb.Length;
        sb.AppendLine();
        if (cfgConstants) sb.AppendLine("CapDef(n) == (n + Lim) % 4");
        sb.Append(Library);
        if (On(Component.TlcOps) && rTlc.Chance(50))
        {
            useCommunity = true;
            sb.Append(CommunityInstances);
        }
        if (On(Component.RecFunctions) && rRec.Chance(50))
        {
            useRecFunctions = true;
            sb.Append(RecFunctionLibrary);
        }
        inInit = true;
        if (TlcAssume() is { } assume) sb.AppendLine(assume);
        if (EdgeAssume() is { } edgeAssume) sb.AppendLine(edgeAssume);
        inInit = false;
        sb.AppendLine($"TypeOK == " + string.Join(" /\\ ", vars.Select(v => $"{v.Name} \\in ({v.Universe})")));

        var modules = new Dictionary<string, string>();
        if (useInstance) AddInstance(sb, modules);
        ParamInstance(sb, modules);

        if (On(Component.Helpers))
        {
            Use(HelperSeed);
            var nops = r.Range(0, 3);
            for (var i = 0; i < nops; i++) AddHelper(sb, i);
        }
        string errAction = null;
        if (errSite == ErrSite.Helper) sb.AppendLine(ErrorHelper(out errAction));

        // Init.
        Use(InitSeed);
        var init = new List<string>();
        inInit = true;
        foreach (var v in vars)
        {
            if (r.Chance(50)) init.Add($"{v.Name} \\in ({v.Universe})");
            else init.Add($"{v.Name} = ({Norm(v, Expr(v.Type, ConstEnv(), 2))})");
        }
        inInit = false;
        if (errSite == ErrSite.Init) init.Add(ErrorInitConjunct());
        if (lazyVar != null) init.Add($"{lazyVar} = {lazyInit}");
        if (stepCounterPlanned) init.Add("TLCSet(1, 0)");
        sb.AppendLine("Init ==" + (bullets ? Junction(init, "/\\", false) : " " + string.Join(" /\\ ", init)));

        // Actions.
        var actions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var comp = Component.Action0 + i;
            Use(comp);
            if (i > 0 && !r.Chance(55)) continue;
            if (!On(comp) && !(i == 0 && actions.Count == 0 && AllActionsMasked())) continue;
            var (def, name) = Action(i);
            sb.AppendLine(Frame(def));
            actions.Add(name);
        }
        if (actions.Count == 0) { sb.AppendLine("A0 == UNCHANGED vars"); actions.Add("A0"); }
        if (TlcAction() is { } check)
        {
            sb.AppendLine(Frame(check));
            actions.Insert(rTlc.Int(actions.Count + 1), "AChk");
        }
        if (errSite == ErrSite.Action) errAction = ErrorAction();
        if (errAction != null)
        {
            sb.AppendLine(Frame(errAction));
            actions.Insert(rErr.Int(actions.Count + 1), "AErr");
        }
        if (lazyAction != null)
        {
            sb.AppendLine(lazyAction);
            actions.Insert(rLazy.Int(actions.Count + 1), "AVal");
        }
        if (EdgeAction() is { } edgeAction)
        {
            sb.AppendLine(Frame(edgeAction));
            actions.Insert(rEdge.Int(actions.Count + 1), "AEdge");
        }
        var next = bullets ? Junction(actions, "\\/", false) : " " + string.Join(" \\/ ", actions);
        if (stepCounterPlanned) next = rGet.Chance(50) ? $" TLCSet(1, TLCGet(1) + 1) /\\ ({next.Trim()})" : $" ({next.Trim()}) /\\ TLCSet(1, TLCGet(1) + 1)";
        sb.AppendLine("Next ==" + next);

        // Fairness and the temporal formula.
        var fairness = new List<string>();
        var properties = new List<string>();
        var invariants = new List<string>();
        string constraint = null, actionConstraint = null, view = null, actionProperty = null;
        var useSymmetry = false;

        for (var i = 0; i < 4; i++)
        {
            Use(Component.Invariant0 + i);
            if (i > 0 && !r.Chance(50)) continue;
            if (!On(Component.Invariant0 + i)) continue;
            var name = $"Inv{i}";
            var body = i == 0 && r.Chance(40) ? "TypeOK" : Invariant();
            // A constant-level invariant is a configuration error for TLC when FALSE (finding 001, open in Ops): keep
            // every invariant state-level.
            if (body != "TypeOK") body = StateLevel(body);
            sb.AppendLine($"{name} == {body}");
            invariants.Add(name);
        }
        var moreConstraints = new List<string>();
        var moreActionConstraints = new List<string>();
        ConstantLevelChecks(sb, invariants, moreConstraints, moreActionConstraints, properties);
        EdgeInvariant(sb, invariants);
        TlcGetChecks(sb, invariants, moreConstraints);
        InfixOperator(sb, invariants);
        var (levelDef, levelIsConstraint) = TlcLevel();
        if (levelDef != null)
        {
            sb.AppendLine(levelDef);
            if (!levelIsConstraint) invariants.Add("InvLvl");
        }
        if (errSite == ErrSite.Invariant)
        {
            sb.AppendLine($"InvErr == {ErrorInvariant()}");
            invariants.Insert(rErr.Int(invariants.Count + 1), "InvErr");
        }

        var liveness = false;
        for (var i = 0; i < 3; i++)
        {
            Use(Component.Property0 + i);
            if (!r.Chance(i == 0 ? 35 : 25)) continue;
            if (!On(Component.Property0 + i) || (symmetric && !liveWithSymmetry)) continue;
            var name = $"Prop{i}";
            sb.AppendLine($"{name} == {Temporal()}");
            properties.Add(name);
            liveness = true;
        }
        Use(Component.ActionProperty);
        if (r.Chance(20) && On(Component.ActionProperty))
        {
            actionProperty = "ActProp";
            sb.AppendLine($"ActProp == [][{ActionExpr()}]_vars");
        }

        if (!symmetric || liveWithSymmetry)
        {
            var before = properties.Count;
            ActionTemporal(sb, actions, properties, invariants, fairness);
            if (properties.Count > before) liveness = true;
        }
        Use(Component.Fairness);
        if (On(Component.Fairness) && (liveness || r.Chance(20)))
        {
            foreach (var a in actions)
            {
                if (!r.Chance(60)) continue;
                fairness.Add(r.Chance(70) ? $"WF_vars({a})" : $"SF_vars({a})");
            }
            if (r.Chance(30)) fairness.Add("WF_vars(Next)");
        }
        sb.AppendLine("Spec == Init /\\ [][Next]_vars" + string.Concat(fairness.Select(f => " /\\ " + f)));

        Use(Component.Constraint);
        if (r.Chance(30) && On(Component.Constraint))
        {
            constraint = "Constr";
            sb.AppendLine($"Constr == {StateLevel(BoolExpr(StateEnv(), maxDepth))}");
        }
        Use(Component.ActionConstraint);
        if (r.Chance(20) && On(Component.ActionConstraint))
        {
            actionConstraint = "ActConstr";
            sb.AppendLine($"ActConstr == {StateLevel(ActionExpr())}");
        }
        Use(Component.View);
        if ((r.Chance(15) || (liveWithView && liveness && rLive.Chance(40))) && On(Component.View) && ((!liveness && actionProperty == null) || liveWithView))
        {
            view = "View";
            sb.AppendLine($"View == {ViewExpr()}");
        }
        if (symmetric && On(Component.Symmetry) && !asymmetric)
        {
            useSymmetry = true;
            sb.AppendLine("Perms == Permutations(Procs)");
        }
        var (site, siteDef) = ErrorSite(view != null);
        if (siteDef != null)
        {
            sb.AppendLine(siteDef);
            switch (site)
            {
                case SiteKind.Constraint: moreConstraints.Add("ConstrErr"); break;
                case SiteKind.ActionConstraint: moreActionConstraints.Add("ActConstrErr"); break;
                case SiteKind.View: view = "ViewErr"; break;
                case SiteKind.Assume: break;
                default: properties.Add("PropErr"); break;
            }
        }
        var (hasAlias, hasPost) = AliasAndPostcondition(sb);
        sb.AppendLine("====");
        if (synonyms) sb = new StringBuilder(sb.ToString(0, headerEnd) + ApplySynonyms(sb.ToString(headerEnd, sb.Length - headerEnd)));

        // The configuration.
        Use(ConfigSeed);
        var cfg = new StringBuilder();
        var useSpec = fairness.Count > 0 || properties.Count > 0 || actionProperty != null || r.Chance(30);
        if (useSpec) cfg.AppendLine("SPECIFICATION Spec");
        else cfg.AppendLine("INIT Init\nNEXT Next");
        cfg.AppendLine("CONSTANTS");
        cfg.AppendLine("  Procs = {" + string.Join(", ", Enumerable.Range(1, procs).Select(i => $"p{i}")) + "}");
        cfg.AppendLine("  NoVal = NoVal");
        if (cfgConstants)
        {
            cfg.AppendLine($"  Lim = {limValue}");
            cfg.AppendLine("  Cap <- CapDef");
        }
        foreach (var inv in invariants) cfg.AppendLine($"INVARIANT {inv}");
        foreach (var p in properties) cfg.AppendLine($"PROPERTY {p}");
        if (actionProperty != null) cfg.AppendLine($"PROPERTY {actionProperty}");
        if (constraint != null) cfg.AppendLine($"CONSTRAINT {constraint}");
        if (levelDef != null && levelIsConstraint) cfg.AppendLine("CONSTRAINT ConstrLvl");
        foreach (var c in moreConstraints) cfg.AppendLine($"CONSTRAINT {c}");
        if (actionConstraint != null) cfg.AppendLine($"ACTION_CONSTRAINT {actionConstraint}");
        foreach (var c in moreActionConstraints) cfg.AppendLine($"ACTION_CONSTRAINT {c}");
        if (view != null) cfg.AppendLine($"VIEW {view}");
        if (useSymmetry) cfg.AppendLine("SYMMETRY Perms");
        var noDeadlock = false;
        if (r.Chance(50))
        {
            if (r.Chance(50)) noDeadlock = true;
            else cfg.AppendLine("CHECK_DEADLOCK FALSE");
        }

        var workers = 1;
        var cont = false;
        if (On(Component.RunOptions))
        {
            if (rRun.Chance(20)) workers = 2;
            if (rRun.Chance(15)) cont = true;
        }
        // Several workers with liveness: drawn from its own stream, and only for specs that check liveness.
        // Not with TLCSet registers, which each TLC worker keeps apart.
        if (On(Component.WorkersLiveness) && workers == 1 && (properties.Count > 0 || fairness.Count > 0)
            && !sb.ToString().Contains("TLCSet(", StringComparison.Ordinal)
            && Stream(Component.WorkersLiveness).Chance(40))
            workers = 2;
        if (hasAlias) cfg.AppendLine("ALIAS Alias");
        if (hasPost) cfg.AppendLine("POSTCONDITION Post");

        long complexity = nodes * 16 + vars.Count * 64 + actions.Count * 64 + invariants.Count * 32 + properties.Count * 64
            + (constraint != null ? 32 : 0) + (actionConstraint != null ? 32 : 0) + (view != null ? 32 : 0) + (useSymmetry ? 32 : 0)
            + fairness.Count * 16 + (useInstance ? 64 : 0) + maxDepth;
        return new SpecCase
        {
            Tla = sb.ToString(),
            Cfg = cfg.ToString(),
            Modules = modules,
            NoDeadlock = noDeadlock,
            Workers = workers,
            Continue = cont,
            HasAlias = hasAlias,
            Seed = seed,
            Mask = mask,
            MaxDepth = maxDepth,
            Complexity = (ulong)complexity,
        };
    }

    /// <summary>BODY made to mention a state variable: a constant-level INVARIANT, CONSTRAINT or ACTION_CONSTRAINT that
    /// is FALSE is a configuration error for TLC (exit 151) that Ops does not report (finding 001, open).</summary>
    private string StateLevel(string body)
    {
        if (vars.Any(v => System.Text.RegularExpressions.Regex.IsMatch(body, $@"\b{v.Name}\b"))) return body;
        return $"{vars[0].Name} = {vars[0].Name} /\\ ({body})";
    }

    private bool AllActionsMasked()
    {
        for (var i = 0; i < 5; i++) if (On(Component.Action0 + i)) return false;
        return true;
    }

    private static string VarName(int i) => i switch { 0 => "x", 1 => "y", _ => "z" };

    /// <summary>The operators every spec may use: recursive, higher-order and sequence helpers.</summary>
    private const string Library = """
        RECURSIVE SumSet(_)
        SumSet(S) == IF S = {} THEN 0 ELSE LET m == CHOOSE e \in S : TRUE IN m + SumSet(S \ {m})
        RECURSIVE FoldSeq(_, _, _)
        FoldSeq(Op(_, _), acc, s) == IF s = <<>> THEN acc ELSE FoldSeq(Op, Op(acc, Head(s)), Tail(s))
        ApplyTwice(F(_), v) == F(F(v))
        Max2(a, b) == IF a > b THEN a ELSE b
        Trunc(s, n) == IF Len(s) <= n THEN s ELSE SubSeq(s, 1, n)
        RECURSIVE Fact(_)
        Fact(n) == IF n <= 0 THEN 1 ELSE n * Fact(n - 1)
        MapSeq(F(_), s) == [i \in 1..Len(s) |-> F(s[i])]
        SetMax(S, d) == IF S = {} THEN d ELSE CHOOSE m \in S : \A o \in S : o <= m
        Plus(a, b) == a + b

        """;

    // ---------------------------------------------------------------------------------------------------------
    // Types and universes.

    private Ty ScalarType() => r.Int(10) switch
    {
        < 5 => Ty.Int,
        < 7 => Ty.Bool,
        < 8 => Ty.Str,
        _ => Ty.Mv,
    };

    /// <summary>A type for a state variable: bounded so its universe is small.</summary>
    private Ty VarType(int level)
    {
        var k = r.Int(level == 0 ? 10 : 4);
        return k switch
        {
            < 4 => ScalarType(),
            4 => new SetTy(r.Chance(70) ? Ty.Int : Ty.Mv),
            5 => new FunTy(r.Chance(60) ? procDom : strDom, r.Chance(70) ? Ty.Int : Ty.Bool),
            6 => new RecTy(new[] { "a", "b" }, new[] { Ty.Int, r.Chance(50) ? Ty.Bool : Ty.Str }),
            7 => new TupTy(new[] { Ty.Int, r.Chance(50) ? Ty.Bool : Ty.Mv }),
            8 => new SeqTy(Ty.Int),
            _ => new FunTy(procDom, new RecTy(new[] { "a", "b" }, new[] { Ty.Int, Ty.Bool })),
        };
    }

    private Dom ScalarDom(Ty t) => t == Ty.Int ? intDom : t == Ty.Bool ? boolDom : t == Ty.Str ? strDom : procDom;

    /// <summary>The finite set a variable of type T lives in, and its size.</summary>
    private (string Text, long Size) Universe(Ty t)
    {
        switch (t)
        {
            case Scalar:
                var d = ScalarDom(t);
                return (d.Text, d.Size);
            case SetTy s:
                var (et, es) = Universe(s.Elem);
                return ($"SUBSET ({et})", 1L << (int)Math.Min(es, 20));
            case FunTy f:
                var (rt, rs) = Universe(f.Range);
                return ($"[{f.Domain.Text} -> ({rt})]", Pow(rs, f.Domain.Size));
            case RecTy rec:
                {
                    long size = 1;
                    var parts = new List<string>();
                    for (var i = 0; i < rec.Fields.Length; i++)
                    {
                        var (ft, fs) = Universe(rec.Types[i]);
                        parts.Add($"{rec.Fields[i]}: ({ft})");
                        size *= fs;
                    }
                    return ("[" + string.Join(", ", parts) + "]", size);
                }
            case TupTy tup:
                {
                    long size = 1;
                    var parts = new List<string>();
                    foreach (var it in tup.Items)
                    {
                        var (ft, fs) = Universe(it);
                        parts.Add($"({ft})");
                        size *= fs;
                    }
                    return (string.Join(" \\X ", parts), size);
                }
            case SeqTy sq:
                {
                    var (qt, qs) = Universe(sq.Elem);
                    // Sequences of length at most 2.
                    return ($"{{<<>>}} \\cup {{<<e>> : e \\in {qt}}} \\cup {{<<e1, e2>> : e1 \\in {qt}, e2 \\in {qt}}}", 1 + qs + qs * qs);
                }
        }
        throw new InvalidOperationException(t.ToString());
    }

    private static long Pow(long b, int e)
    {
        long p = 1;
        for (var i = 0; i < e; i++) p = Math.Min(p * b, 1_000_000);
        return p;
    }

    /// <summary>Brings the value of E (of the variable's type) back into the variable's universe.</summary>
    private string Norm(VarInfo v, string e) => Norm(v.Type, e);

    private string Norm(Ty t, string e)
    {
        switch (t)
        {
            case Scalar when t == Ty.Int:
                return $"(({e}) % {intMax + 1})";
            case Scalar:
                return e;
            case SetTy s when s.Elem == Ty.Int:
                return $"(({e}) \\cap {intDom.Text})";
            case SetTy:
                return e;
            case FunTy f:
                if (!NeedsNorm(f.Range)) return e;
                var k = Fresh("k");
                return $"[{k} \\in {f.Domain.Text} |-> {Norm(f.Range, $"({e})[{k}]")}]";
            case RecTy rec:
                if (!rec.Types.Any(NeedsNorm)) return e;
                var rv = Fresh("r");
                return $"(LET {rv} == {e} IN [" + string.Join(", ", rec.Fields.Select((f, i) => $"{f} |-> {Norm(rec.Types[i], $"{rv}.{f}")}")) + "])";
            case TupTy tup:
                if (!tup.Items.Any(NeedsNorm)) return e;
                var tv = Fresh("t");
                return $"(LET {tv} == {e} IN <<" + string.Join(", ", tup.Items.Select((it, i) => Norm(it, $"{tv}[{i + 1}]"))) + ">>)";
            case SeqTy sq:
                return NormSeq(sq, e);
        }
        return e;
    }

    private string NormSeq(SeqTy sq, string e)
    {
        var sv = Fresh("s");
        var iv = Fresh("i");
        return $"(LET {sv} == Trunc({e}, 2) IN [{iv} \\in 1..Len({sv}) |-> {Norm(sq.Elem, $"{sv}[{iv}]")}])";
    }

    private static bool NeedsNorm(Ty t) => t switch
    {
        Scalar s => s == Ty.Int,
        SetTy s => s.Elem == Ty.Int,
        FunTy f => NeedsNorm(f.Range),
        RecTy rec => rec.Types.Any(NeedsNorm),
        TupTy tup => tup.Items.Any(NeedsNorm),
        SeqTy => true,
        _ => false,
    };

    private string Fresh(string prefix) => $"{prefix}{fresh++}";

    private Env ConstEnv() => new();

    private Env StateEnv()
    {
        var e = new Env();
        foreach (var v in vars) e.Vars.Add(new Binding { Name = v.Name, Type = v.Type, Within = v.Type is Scalar ? ScalarDom(v.Type) : null });
        return e;
    }

    private Env ActionEnv()
    {
        var e = StateEnv();
        foreach (var v in vars) e.Vars.Add(new Binding { Name = v.Name + "'", Type = v.Type, Within = v.Type is Scalar ? ScalarDom(v.Type) : null });
        return e;
    }
}
