using System.Text;

namespace Ops.Tla.Differential;

/// <summary>The spec's parts: actions, invariants, temporal properties, views, instances and user operators.</summary>
internal sealed partial class SpecBuilderState
{
    /// <summary>An action A{i}: an optional guard, assignments to some variables (=, \in, EXCEPT, IF), UNCHANGED for the
    /// others; sometimes under \E, sometimes a parameterised operator called with each process.</summary>
    private (string Def, string Name) Action(int i)
    {
        var name = $"A{i}";
        var env = StateEnv();
        var header = name;
        var wrapper = (string)null;
        if (r.Chance(25))
        {
            var p = Fresh("p");
            env = env.With(p, Ty.Mv, procDom);
            header = $"Act{i}({p})";
            var q = Fresh("p");
            wrapper = $"{name} == \\E {q} \\in Procs : Act{i}({q})";
        }
        var conj = new List<string>();
        string binder = null;
        if (r.Chance(30))
        {
            var b = Fresh("n");
            var dom = r.Pick(new[] { intDom, procDom, strDom, boolDom });
            if (r.Chance(50)) binder = $"\\E {b} \\in {dom.Text} : ";
            else
            {
                binder = $"\\E {b} \\in {SetExpr(dom.Elem, env, 1)} : ";
                dom = dom.Elem == Ty.Int ? null : dom;
            }
            env = env.With(b, dom?.Elem ?? Ty.Int, dom);
        }
        if (r.Chance(60)) conj.Add(BoolExpr(env, Math.Min(maxDepth, 2)));
        var unchanged = new List<string>();
        foreach (var v in vars)
        {
            var k = r.Int(10);
            if (k < 3) { unchanged.Add(v.Name); continue; }
            conj.Add(Assign(v, env, k));
        }
        if (unchanged.Count > 0) conj.Add($"UNCHANGED <<{string.Join(", ", unchanged)}>>");
        var body = bullets
            ? Junction(conj.Select(c => $"({c})").ToList(), "/\\", labels && binder == null && wrapper == null)
            : string.Join(" /\\ ", conj.Select(c => $"({c})"));
        var def = $"{header} == {binder}{body}";
        if (wrapper != null) def += "\n" + wrapper;
        return (def, name);
    }

    private string Assign(VarInfo v, Env env, int k)
    {
        var d = Math.Max(1, maxDepth - 1);
        if (k == 3 && v.Type is Scalar)
        {
            var z = Fresh("z");
            var set = SetExpr(v.Type, env, d);
            return $"{v.Name}' \\in {{{Norm(v.Type, z)} : {z} \\in {set}}}";
        }
        if (k == 4 && v.Type is FunTy or RecTy or TupTy)
            return $"{v.Name}' = ({Norm(v.Type, Except(v.Type, v.Name, env, d))})";
        if (k == 5)
            return $"IF {BoolExpr(env, 1)} THEN {v.Name}' = ({Norm(v.Type, Expr(v.Type, env, d))}) ELSE {v.Name}' = ({Norm(v.Type, Expr(v.Type, env, d))})";
        return $"{v.Name}' = ({Norm(v.Type, Expr(v.Type, env, d))})";
    }

    private string Invariant()
    {
        var env = StateEnv();
        return r.Int(5) switch
        {
            0 => $"TypeOK /\\ {BoolExpr(env, maxDepth)}",
            1 => $"{BoolExpr(env, 1)} => {BoolExpr(env, maxDepth)}",
            _ => BoolExpr(env, maxDepth),
        };
    }

    private string Temporal()
    {
        var env = StateEnv();
        var d = Math.Min(maxDepth, 2);
        return r.Int(7) switch
        {
            0 => $"<>({BoolExpr(env, d)})",
            1 => $"[]<>({BoolExpr(env, d)})",
            2 => $"<>[]({BoolExpr(env, d)})",
            3 => $"({BoolExpr(env, d)}) ~> ({BoolExpr(env, d)})",
            4 => $"[]({BoolExpr(env, d)})",
            5 => $"[](({BoolExpr(env, d)}) => <>({BoolExpr(env, d)}))",
            _ => $"<>({BoolExpr(env, d)}) \\/ []({BoolExpr(env, d)})",
        };
    }

    /// <summary>A predicate over a step (primed and unprimed variables).</summary>
    private string ActionExpr()
    {
        var env = ActionEnv();
        var v = r.Pick(vars);
        return r.Int(3) switch
        {
            0 => $"{v.Name}' = {v.Name} \\/ {BoolExpr(env, Math.Min(maxDepth, 2))}",
            _ => BoolExpr(env, Math.Min(maxDepth, 2)),
        };
    }

    private string ViewExpr()
    {
        var env = StateEnv();
        var parts = new List<string>();
        foreach (var v in vars)
        {
            var k = r.Int(4);
            if (k == 0) continue;
            if (k == 1 && v.Type == Ty.Int) parts.Add($"{v.Name} % 2");
            else if (k == 1 && v.Type is SetTy) parts.Add($"Cardinality({v.Name})");
            else parts.Add(v.Name);
        }
        if (parts.Count == 0) parts.Add(BoolExpr(env, 1));
        return parts.Count == 1 && r.Chance(50) ? parts[0] : "<<" + string.Join(", ", parts) + ">>";
    }

    private const string InnerModule = """
        ---- MODULE Inner ----
        EXTENDS Naturals
        CONSTANT K
        VARIABLE w
        Step(a) == (a + K) % 5
        Big == w > K
        Both(a, b) == IF a > w THEN a ELSE b + K
        ====
        """;

    /// <summary>Instances: Inner (a constant and a variable, substituted WITH), Inner2 (constants substituted implicitly
    /// by the same-named constant Procs and definition K, named or unnamed).</summary>
    private void AddInstance(StringBuilder sb, Dictionary<string, string> modules)
    {
        Use(Component.Instance);
        var intVar = vars.FirstOrDefault(v => v.Type == Ty.Int);
        if (intVar != null && r.Chance(60))
        {
            modules["Inner"] = InnerModule;
            sb.AppendLine($"I == INSTANCE Inner WITH K <- {r.Range(0, 2)}, w <- {intVar.Name}");
            ops.Add(new OpInfo { Name = "I!Step", Params = new[] { Ty.Int }, Result = Ty.Int });
            ops.Add(new OpInfo { Name = "I!Big", Params = Array.Empty<Ty>(), Result = Ty.Bool, ReadsState = true });
            ops.Add(new OpInfo { Name = "I!Both", Params = new[] { Ty.Int, Ty.Int }, Result = Ty.Int, ReadsState = true });
        }
        else
        {
            modules["Inner2"] = """
                ---- MODULE Inner2 ----
                EXTENDS Naturals, FiniteSets
                CONSTANTS Procs, K
                Count(S) == Cardinality(S \cap Procs) + K
                IsProc(p) == p \in Procs
                Pick(S) == CHOOSE p \in Procs : p \in S \/ S \cap Procs = {}
                ====
                """;
            sb.AppendLine($"K == {r.Range(0, 2)}");
            var named = r.Chance(50);
            sb.AppendLine(named ? "J == INSTANCE Inner2" : "INSTANCE Inner2");
            var pre = named ? "J!" : "";
            ops.Add(new OpInfo { Name = pre + "Count", Params = new Ty[] { new SetTy(Ty.Mv) }, Result = Ty.Int });
            ops.Add(new OpInfo { Name = pre + "IsProc", Params = new[] { Ty.Mv }, Result = Ty.Bool });
        }
    }

    /// <summary>A user operator H{i} with scalar parameters (sometimes recursive on an integer parameter).</summary>
    private void AddHelper(StringBuilder sb, int i)
    {
        var name = $"H{i}";
        var nparams = r.Range(0, 2);
        var env = new Env();
        var ps = new List<string>();
        var types = new List<Ty>();
        for (var j = 0; j < nparams; j++)
        {
            var p = Fresh("h");
            var t = AnyScalar();
            ps.Add(p);
            types.Add(t);
            env = env.With(p, t);
        }
        var result = r.Chance(50) ? Ty.Int : r.Chance(60) ? Ty.Bool : AnyType(0);
        var recursive = nparams > 0 && types[0] == Ty.Int && result is Scalar && r.Chance(30);
        string body;
        if (recursive)
        {
            var rest = string.Join("", types.Skip(1).Select((t, j) => ", " + ps[j + 1]));
            var call = $"{name}({ps[0]} - 1{rest})";
            var combine = result == Ty.Int ? $"{Leaf(Ty.Int, env)} + {call}" : result == Ty.Bool ? $"~{call}" : call;
            body = $"IF {ps[0]} <= 0 THEN {Leaf(result, env)} ELSE {combine}";
            sb.AppendLine($"RECURSIVE {name}({string.Join(", ", ps.Select(_ => "_"))})");
            sb.AppendLine($"{name}({string.Join(", ", ps)}) == {body}");
            ops.Add(new OpInfo { Name = name, Params = types.ToArray(), Result = result, Recursive = true });
            return;
        }
        // Helpers may read the state variables too.
        foreach (var b in StateEnv().Vars) env.Vars.Add(b);
        body = Expr(result, env, Math.Max(1, maxDepth - 1));
        sb.AppendLine(nparams == 0 ? $"{name} == {body}" : $"{name}({string.Join(", ", ps)}) == {body}");
        ops.Add(new OpInfo { Name = name, Params = types.ToArray(), Result = result, ReadsState = true });
    }

    /// <summary>A call of a user or instance operator returning T, or null when there is none.</summary>
    private string CallOp(Ty t, Env env, int d)
    {
        var cands = ops.Where(o => o.Result.Equals(t) && !(inInit && o.ReadsState)).ToList();
        if (cands.Count == 0) return null;
        var op = r.Pick(cands);
        if (op.Params.Length == 0) return op.Name;
        var args = op.Params.Select((p, i) => op.Recursive && i == 0 ? $"(({IntExpr0(env, Math.Min(d, 1))}) % 4)" : Expr(p, env, d));
        return $"{op.Name}({string.Join(", ", args)})";
    }
}
