using System.Text;
using System.Text.RegularExpressions;

namespace Ops.Tla.Differential;

/// <summary>
/// The second round of components (2026-12-07, stop 34): constant-level invariants and constants from the
/// configuration, errors in a CONSTRAINT / ACTION_CONSTRAINT / VIEW / property / ASSUME, TLCGet's other keys and
/// TLCSet's registers, values a variable holds that are built lazily (some of which TLC cannot fingerprint), liveness
/// with VIEW or SYMMETRY, action-level temporal formulas and ENABLED, and the syntax real specs use that the grammar
/// never wrote (junction lists, ASCII synonyms, labels, user-defined infix operators). Each draws from its own stream,
/// and only when it is on, so that with all of them left out the specs are the ones the generator made before them.
/// </summary>
internal sealed partial class SpecBuilderState
{
    private Rng rConst, rSite, rGet, rLazy, rLive, rActT, rSyn;

    private void OpenRound2Streams()
    {
        rConst = Stream(Component.ConstLevel);
        rSite = Stream(Component.ErrorSites);
        rGet = Stream(Component.TlcGet);
        rLazy = Stream(Component.LazyValues);
        rLive = Stream(Component.LivenessReduction);
        rActT = Stream(Component.ActionTemporal);
        rSyn = Stream(Component.SyntaxForms);
    }

    /// <summary>Runs GEN with the expression generators drawing from STREAM (and the error generators too), then
    /// puts the streams back.</summary>
    private T With<T>(Rng stream, Func<T> gen)
    {
        var (savedR, savedErr) = (r, rErr);
        r = stream;
        rErr = stream;
        try { return gen(); }
        finally { (r, rErr) = (savedR, savedErr); }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Constants from the configuration and constant-level checks.

    /// <summary>The spec declares Lim (an integer given in the configuration, <c>Lim = k</c>) and Cap (replaced by a
    /// definition, <c>Cap &lt;- CapDef</c>).</summary>
    private bool cfgConstants;
    private int limValue;

    private void ChooseConfigConstants()
    {
        if (!On(Component.ConstLevel) || !rConst.Chance(40)) return;
        cfgConstants = true;
        limValue = rConst.Range(0, 3);
    }

    /// <summary>Constant-level definitions: an invariant, a CONSTRAINT or an ACTION_CONSTRAINT that reads no
    /// variable (TLC evaluates them once, before the search: FALSE is error 151), sometimes a constant PROPERTY.</summary>
    private void ConstantLevelChecks(StringBuilder sb, List<string> invariants, List<string> constraints, List<string> actionConstraints, List<string> properties)
    {
        if (!On(Component.ConstLevel) || !rConst.Chance(35)) return;
        var saveInit = inInit;
        inInit = true;
        try
        {
            string Body() => With(rConst, () =>
            {
                var env = ConstEnv();
                if (cfgConstants && rConst.Chance(50))
                    return rConst.Int(3) switch
                    {
                        0 => $"Lim {rConst.Pick(new[] { "<", "<=", "#", "=" })} {rConst.Range(0, 3)}",
                        1 => $"Cap({IntExpr0(env, 1)}) >= Lim",
                        _ => $"(Lim \\in {SetExpr(Ty.Int, env, 1)}) \\/ Cardinality(Procs) > Lim",
                    };
                return rConst.Chance(60) ? BoolExpr(env, 2) : rConst.Pick(new[] { "TRUE", "Cardinality(Procs) > 1", "NoVal \\notin Procs", "FALSE", "Procs = {}" });
            });
            switch (rConst.Int(6))
            {
                case 0: case 1: case 2:
                    sb.AppendLine($"InvC == {Body()}");
                    invariants.Insert(rConst.Int(invariants.Count + 1), "InvC");
                    break;
                case 3:
                    sb.AppendLine($"ConstrC == {Body()}");
                    constraints.Add("ConstrC");
                    break;
                case 4:
                    sb.AppendLine($"ActConstrC == {Body()}");
                    actionConstraints.Add("ActConstrC");
                    break;
                default:
                    sb.AppendLine($"PropC == {Body()}");
                    properties.Add("PropC");
                    break;
            }
        }
        finally { inInit = saveInit; }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Errors where the first round did not put them.

    private enum SiteKind { None, Constraint, ActionConstraint, View, SafetyProperty, LivenessProperty, ActionProperty, Assume }

    /// <summary>An evaluation error in a CONSTRAINT, an ACTION_CONSTRAINT, the VIEW, a temporal or action PROPERTY,
    /// or an ASSUME, under a guard on the state (so that it comes some steps into the search, or never).</summary>
    private (SiteKind Kind, string Def) ErrorSite(bool viewTaken)
    {
        if (!On(Component.ErrorSites) || !rSite.Chance(30)) return (SiteKind.None, null);
        var kind = (SiteKind)(1 + rSite.Int(7));
        if (kind == SiteKind.View && viewTaken) kind = SiteKind.Constraint;
        return With(rSite, () =>
        {
            var env = StateEnv();
            switch (kind)
            {
                case SiteKind.Constraint: return (kind, $"ConstrErr == IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE TRUE");
                case SiteKind.ActionConstraint: return (kind, $"ActConstrErr == IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE {vars[0].Name}' = {vars[0].Name} \\/ TRUE");
                case SiteKind.View:
                    {
                        var all = string.Join(", ", vars.Select(v => v.Name));
                        var bad = rSite.Chance(50) ? ErrInt(env) : $"(IF {ErrBool(env)} THEN 1 ELSE 0)";
                        return (kind, $"ViewErr == IF {ErrGuard(env)} THEN <<{all}, {bad}>> ELSE <<{all}, 0>>");
                    }
                case SiteKind.SafetyProperty: return (kind, $"PropErr == [](IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE TRUE)");
                case SiteKind.LivenessProperty:
                    return (kind, rSite.Chance(50)
                        ? $"PropErr == []<>(IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE TRUE)"
                        : $"PropErr == <>(IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE {BoolExpr(env, 1)})");
                case SiteKind.ActionProperty: return (kind, $"PropErr == [][IF {ErrGuard(env)} THEN {ErrBool(env)} ELSE TRUE]_vars");
                default:
                    {
                        var saveInit = inInit;
                        inInit = true;
                        try
                        {
                            // ErrInt may read a variable's function or sequence: an ASSUME must stay constant.
                            var e = ErrBool(ConstEnv());
                            if (vars.Any(v => Regex.IsMatch(e, $@"\b{v.Name}\b"))) e = "((CHOOSE c \\in {} : TRUE) = 1)";
                            return (kind, $"ASSUME {e}");
                        }
                        finally { inInit = saveInit; }
                    }
            }
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // TLCGet's other keys, TLCSet's registers.

    /// <summary>Which TLCGet check the spec has (-1: none); 7 is register 1 counting the steps TLC evaluates (TLCSet
    /// in Next, set to 0 in Init, read by a CONSTRAINT).</summary>
    private int tlcGetKind = -1;
    private bool stepCounterPlanned;

    private void ChooseTlcGet()
    {
        if (!On(Component.TlcGet) || !rGet.Chance(35)) return;
        tlcGetKind = rGet.Int(8);
        stepCounterPlanned = tlcGetKind == 7;
    }

    /// <summary>TLCGet of the search's figures or the configuration (not "duration", the clock's), a register set in
    /// an ASSUME and read later, or the step counter: an invariant or a constraint.</summary>
    private void TlcGetChecks(StringBuilder sb, List<string> invariants, List<string> constraints)
    {
        if (tlcGetKind < 0) return;
        string body;
        switch (tlcGetKind)
        {
            case 0: body = $"TLCGet(\"distinct\") {rGet.Pick(new[] { "<", "<=" })} {rGet.Range(2, 30)}"; break;
            case 1: body = $"TLCGet(\"generated\") < {rGet.Range(2, 60)}"; break;
            case 2: body = $"TLCGet(\"diameter\") < {rGet.Range(1, 5)}"; break;
            case 3: body = $"TLCGet(\"queue\") < {rGet.Range(1, 8)}"; break;
            case 4: body = $"TLCGet(\"stats\").{rGet.Pick(new[] { "distinct", "generated", "diameter", "queue" })} < {rGet.Range(2, 30)}"; break;
            case 5:
                body = rGet.Int(4) switch
                {
                    0 => "TLCGet(\"config\").mode = \"bfs\"",
                    1 => "TLCGet(\"config\").deadlock",
                    2 => $"TLCGet(\"config\").worker = {rGet.Range(1, 2)}",
                    _ => "TLCGet(\"config\").depth > 0",
                };
                body = $"{vars[0].Name} = {vars[0].Name} /\\ {body}";
                break;
            case 6:
                {
                    var reg = rGet.Pick(new[] { "3", "\"reg\"" });
                    sb.AppendLine($"ASSUME TLCSet({reg}, {rGet.Range(0, 5)})");
                    body = $"{vars[0].Name} = {vars[0].Name} /\\ TLCGet({reg}) {rGet.Pick(new[] { "=", "#", "<" })} {rGet.Range(0, 5)}";
                    break;
                }
            default:
                body = $"TLCGet(1) < {rGet.Range(1, 25)}";
                break;
        }
        var asConstraint = stepCounterPlanned || rGet.Chance(50);
        var name = asConstraint ? "ConstrGet" : "InvGet";
        sb.AppendLine($"{name} == {body}");
        if (asConstraint) constraints.Add(name);
        else invariants.Add(name);
    }

    /// <summary>An action's definition with the lazily valued variable left unchanged (the legacy actions do not know
    /// it).</summary>
    private string Frame(string def) => lazyVar == null ? def : def + $" /\\ UNCHANGED {lazyVar}";

    // -------------------------------------------------------------------------------------------------------------
    // Values built lazily, held by a variable.

    /// <summary>A variable w the legacy actions leave unchanged; an extra action (or Init) gives it a value TLC builds
    /// lazily: a function constructor, a set of functions or records, SUBSET, a product, a filter, and some TLC cannot
    /// fingerprint (a function over Nat, Int or STRING; Seq(S); a set filter over Nat).</summary>
    private string lazyVar;
    private string lazyInit, lazyAction;

    private static readonly string[] LazyValues =
    {
        "[n \\in 0..2 |-> n * 2]", "[b \\in BOOLEAN |-> ~b]", "[{1, 2} -> BOOLEAN]", "SUBSET {1, 2}", "SUBSET SUBSET {1}",
        "{1, 2} \\X {\"a\"}", "{n \\in 0..4 : n % 2 = 0}", "[a : {1, 2}, b : {TRUE}]", "UNION {{1}, {2, 3}}",
        "<<[n \\in 0..1 |-> n], {}>>", "[p \\in Procs |-> {}]", "{[n \\in 0..1 |-> n], [n \\in 0..1 |-> 0]}",
        "[s \\in {\"a\", \"b\"} |-> s]", "[k \\in {} |-> 1]", "{<<1, 2>>, <<>>}", "[n \\in 1..2 |-> n] @@ (3 :> 3)",
        "[[n \\in 0..1 |-> n] EXCEPT ![0] = 5]", "[SUBSET {1} -> {0}]", "(0..2) \\ {1}", "{s \\in SUBSET {1, 2} : s # {}}",
        // TLC cannot fingerprint (or enumerate) these.
        "[n \\in Nat |-> n]", "[n \\in Int |-> 0]", "[s \\in STRING |-> 1]", "[r |-> [n \\in Nat |-> n]]",
        "<<[n \\in Nat |-> n + 1]>>", "{[n \\in Nat |-> n]}", "Seq({1})", "{n \\in Nat : n > 2}", "[Nat -> {1}]",
    };

    private void ChooseLazyValue()
    {
        if (!On(Component.LazyValues) || !rLazy.Chance(25)) return;
        lazyVar = "w";
        var value = rLazy.Pick(LazyValues);
        if (rLazy.Chance(25)) lazyInit = value;
        else
        {
            lazyInit = "0";
            var guard = With(rLazy, () => ErrGuard(StateEnv()));
            lazyAction = $"AVal == ({guard}) /\\ w = 0 /\\ w' = {value} /\\ UNCHANGED <<{string.Join(", ", vars.Select(v => v.Name))}>>";
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Liveness with VIEW or SYMMETRY; action-level temporal formulas.

    private bool liveWithSymmetry, liveWithView;

    private void ChooseLivenessReduction()
    {
        ChooseTlcGet();
        if (!On(Component.LivenessReduction)) return;
        liveWithSymmetry = rLive.Chance(40);
        liveWithView = rLive.Chance(30);
    }

    /// <summary>A temporal property about actions: <c>[]&lt;&gt;&lt;&lt;A&gt;&gt;_v</c>, <c>&lt;&gt;&lt;&lt;A&gt;&gt;_v</c>,
    /// <c>[][A]_x</c> with another subscript, <c>&lt;&gt;[][A]_vars</c>, ENABLED, WF/SF as a property; sometimes an
    /// invariant with ENABLED.</summary>
    private void ActionTemporal(StringBuilder sb, List<string> actions, List<string> properties, List<string> invariants, List<string> fairness)
    {
        if (!On(Component.ActionTemporal) || !rActT.Chance(35)) return;
        var a = rActT.Pick(actions);
        var sub = Subscript();
        var text = With(rActT, () =>
        {
            var env = StateEnv();
            return rActT.Int(11) switch
            {
                0 => $"[]<><<{a}>>_{sub}",
                1 => $"<><<{a}>>_{sub}",
                2 => $"[][{ActionExpr()}]_{sub}",
                3 => $"<>[][{ActionExpr()}]_{sub}",
                4 => $"[]<>(ENABLED {a})",
                5 => $"<>[](~ENABLED {a})",
                6 => $"[](ENABLED {a} => <><<{a}>>_{sub})",
                7 => $"WF_{sub}({a})",
                8 => $"SF_{sub}({a})",
                9 => $"[]<><<{ActionExpr()}>>_{sub}",
                _ => $"({BoolExpr(env, 1)}) ~> (ENABLED {a})",
            };
        });
        sb.AppendLine($"PropAct == {text}");
        properties.Add("PropAct");
        if (rActT.Chance(30))
        {
            sb.AppendLine($"InvEn == {(rActT.Chance(50) ? "" : "~")}ENABLED {rActT.Pick(actions)} \\/ {vars[0].Name} = {vars[0].Name}");
            invariants.Add("InvEn");
        }
        // Fairness under another subscript than vars.
        if (rActT.Chance(30)) fairness.Add($"WF_{Subscript()}({rActT.Pick(actions)})");
    }

    private string Subscript()
    {
        if (rActT.Chance(50)) return "vars";
        var v = rActT.Pick(vars);
        return rActT.Chance(50) ? v.Name : $"<<{v.Name}>>";
    }

    // -------------------------------------------------------------------------------------------------------------
    // The syntax of real specs.

    private bool bullets, synonyms, labels, infixOp;

    private void ChooseSyntax()
    {
        if (!On(Component.SyntaxForms)) return;
        bullets = rSyn.Chance(50);
        synonyms = rSyn.Chance(40);
        labels = bullets && rSyn.Chance(40);
        infixOp = rSyn.Chance(30);
    }

    /// <summary>The conjuncts of an action or Init as a junction list (<c>/\ c</c> items aligned under the
    /// definition), the first sometimes labelled.</summary>
    private string Junction(IReadOnlyList<string> items, string op, bool label, string indent = "    ")
    {
        var sb = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append('\n').Append(indent).Append(op).Append(' ');
            if (label && i == 0) sb.Append($"lbl{fresh++}:: ");
            sb.Append(items[i]);
        }
        return sb.ToString();
    }

    /// <summary>A user-defined infix operator and a definition using it (an invariant).</summary>
    private void InfixOperator(StringBuilder sb, List<string> invariants)
    {
        if (!infixOp) return;
        var sym = rSyn.Pick(new[] { "++", "(+)", "\\oplus", "%%", "##", "\\prec" });
        var body = sym == "\\prec" ? "a < b" : "(a + b) % 5";
        sb.AppendLine($"a {sym} b == {body}");
        var env = StateEnv();
        var inv = With(rSyn, () => sym == "\\prec"
            ? $"({IntExpr0(env, 1)} {sym} {IntExpr0(env, 1)}) \\/ TRUE"
            : $"({IntExpr0(env, 1)} {sym} {IntExpr0(env, 1)}) \\in 0..4");
        sb.AppendLine($"InvInfix == {StateLevel(inv)}");
        invariants.Add("InvInfix");
    }

    private static readonly (Regex From, string[] To)[] Synonyms =
    {
        (new Regex(@"\\cup\b"), new[] { "\\union" }),
        (new Regex(@"\\cap\b"), new[] { "\\intersect" }),
        (new Regex(@" # "), new[] { " /= " }),
        (new Regex(@" <= "), new[] { " =< ", " \\leq " }),
        (new Regex(@" >= "), new[] { " \\geq " }),
        (new Regex(@"~(?!>)"), new[] { "\\lnot ", "\\neg " }),
        (new Regex(@"(?<=\S) /\\ "), new[] { " \\land " }),
        (new Regex(@"(?<=\S) \\/ "), new[] { " \\lor " }),
        (new Regex(@" <=> "), new[] { " \\equiv " }),
        (new Regex(@"\\o\b"), new[] { "\\circ" }),
        (new Regex(@"\\X\b"), new[] { "\\times" }),
    };

    /// <summary>ASCII synonyms in the definitions (not the module header): <c>\union</c>, <c>/=</c>, <c>=&lt;</c>,
    /// <c>\lnot</c>, <c>\land</c>, <c>\equiv</c>, ... each operator's spelling chosen once per spec.</summary>
    private string ApplySynonyms(string text)
    {
        if (!synonyms) return text;
        // Strings are left alone: split on string literals.
        var parts = Regex.Split(text, "(\"(?:[^\"\\\\]|\\\\.)*\")");
        foreach (var (from, to) in Synonyms)
        {
            if (!rSyn.Chance(50)) continue;
            var spelling = rSyn.Pick(to);
            for (var i = 0; i < parts.Length; i += 2) parts[i] = from.Replace(parts[i], spelling);
        }
        return string.Concat(parts);
    }
}
