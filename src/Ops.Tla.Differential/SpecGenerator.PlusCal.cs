using System.Text;

namespace Ops.Tla.Differential;

/// <summary>
/// The third round's PlusCal component: a whole spec written as a PlusCal algorithm (no translation in the file).
/// The harness translates it with TLC's translator (<c>java -cp tla2tools.jar pcal.trans</c>) and with Ops's
/// (<c>PlusCalTranslator</c>, in memory), compares the two modules byte for byte, then checks the translation TLC's
/// translator wrote with both checkers. The algorithm: one or two global variables over small domains (integers kept
/// below a bound with <c>%</c>, a set of integers), a process set <c>P \in 1..N</c> with a local variable and an
/// optional single process <c>Q = N + 1</c> (or a uniprocess algorithm), every statement labeled (so no step assigns a
/// variable twice): assignments (also to a function's entry and to two variables with <c>||</c>), <c>await</c>,
/// <c>if/else</c>, <c>either/or</c>, <c>with</c>, <c>skip</c>, <c>while</c> loops, <c>goto</c>, a <c>macro</c>, a
/// <c>procedure</c> called and returning; <c>fair</c> processes; invariants over the globals and <c>pc</c>, the
/// translator's <c>Termination</c> as a property.
/// </summary>
internal sealed class PlusCalGen
{
    private readonly Rng r;
    private int labels;
    private readonly List<string> globals = new();
    private bool hasFcn, hasSet, hasProc;
    private int bound;
    /// <summary>In the body of a process set (where <c>self</c> is defined).</summary>
    private bool inSet;

    public PlusCalGen(Rng rng) => r = rng;

    private string Label() => $"l{++labels}";

    /// <summary>An integer expression over the globals and (in a process) self and the local t.</summary>
    private string IntExpr(bool inProcess, int depth = 0)
    {
        var k = r.Int(inProcess ? 7 : 5);
        if (depth > 1) k %= 3;
        return k switch
        {
            0 => r.Range(0, bound - 1).ToString(),
            1 => "x",
            2 => $"(x + {r.Range(1, 2)}) % {bound}",
            3 => $"(({IntExpr(inProcess, depth + 1)}) + ({IntExpr(inProcess, depth + 1)})) % {bound}",
            4 => hasSet ? $"Cardinality(s) % {bound}" : "x",
            5 when inSet => "self % " + bound,
            5 => "x",
            _ => $"(t + x) % {bound}",
        };
    }

    private string BoolExpr(bool inProcess) => r.Int(6) switch
    {
        0 => $"x < {r.Range(1, bound - 1)}",
        1 => $"x # {IntExpr(inProcess)}",
        2 => hasSet ? $"{r.Range(0, bound - 1)} \\notin s" : "x = 0",
        3 => inProcess ? $"t < {r.Range(1, 2)}" : "x > 0",
        4 => hasFcn ? $"f[{r.Range(1, 2)}] = {r.Range(0, 1)}" : "TRUE",
        _ => $"x = {r.Range(0, bound - 1)} \\/ x = {r.Range(0, bound - 1)}",
    };

    /// <summary>A simple assignment (no label): to x, to s, to f's entry, to the local, two at once with ||.</summary>
    private string Assign(bool inProcess, bool allowLocal = true)
    {
        var k = r.Int(6);
        return k switch
        {
            1 when hasSet => r.Chance(50) ? $"s := s \\cup {{{IntExpr(inProcess)}}}" : $"s := s \\ {{{r.Range(0, bound - 1)}}}",
            2 when hasFcn => $"f[{r.Range(1, 2)}] := 1 - f[{r.Range(1, 2)}]",
            3 when inProcess && allowLocal => $"t := (t + 1) % 3",
            4 when hasSet => $"x := {IntExpr(inProcess)} || s := {{}}",
            _ => $"x := {IntExpr(inProcess)}",
        };
    }

    /// <summary>One labeled statement (or a while loop holding some), indented by IND.</summary>
    private void Statement(StringBuilder sb, string ind, bool inProcess, int depth, List<string> targets, bool last)
    {
        var l = Label();
        targets.Add(l);
        var k = r.Int(depth > 0 ? 8 : 10);
        sb.Append(ind).Append(l).Append(": ");
        switch (k)
        {
            case 0:
                sb.Append("await ").Append(BoolExpr(inProcess)).AppendLine(";");
                return;
            case 1:
                sb.Append("if ").Append(BoolExpr(inProcess)).Append(" then ").Append(Assign(inProcess)).Append("; else ")
                  .Append(r.Chance(50) ? "skip" : Assign(inProcess)).AppendLine("; end if;");
                return;
            case 2:
                sb.Append("either ").Append(Assign(inProcess)).Append("; or ").Append(Assign(inProcess)).AppendLine("; end either;");
                return;
            case 3:
                sb.Append($"with v \\in {{{r.Range(0, bound - 1)}, {r.Range(0, bound - 1)}}} do x := (v + ({IntExpr(inProcess, 2)})) % {bound}; end with;").AppendLine();
                return;
            case 4:
                sb.AppendLine("skip;");
                return;
            case 5 when hasProc && inProcess:
                sb.AppendLine($"call Bump({r.Range(0, bound - 1)});");
                return;
            case 6 when !last && depth == 0:
                // A jump back to an earlier label of this body (a loop written with goto), or on.
                sb.Append("if ").Append(BoolExpr(inProcess)).Append(" then goto ").Append(targets[r.Int(targets.Count)]).AppendLine("; end if;");
                return;
            case 8 or 9 when depth == 0:
                sb.Append("while ").Append(BoolExpr(inProcess)).AppendLine(" do");
                var n = r.Range(1, 2);
                for (var i = 0; i < n; i++) Statement(sb, ind + "  ", inProcess, depth + 1, targets, i == n - 1);
                sb.Append(ind).AppendLine("end while;");
                return;
            case 7:
                sb.Append("Set(").Append(IntExpr(inProcess)).AppendLine(");");
                return;
            default:
                sb.Append(Assign(inProcess)).AppendLine(";");
                return;
        }
    }

    private void Body(StringBuilder sb, string ind, bool inProcess)
    {
        var targets = new List<string>();
        var n = r.Range(1, 4);
        for (var i = 0; i < n; i++) Statement(sb, ind, inProcess, 0, targets, i == n - 1);
    }

    /// <summary>The module (without a translation) and its configuration.</summary>
    public (string Tla, string Cfg, long Complexity) Build()
    {
        bound = r.Range(2, 4);
        hasSet = r.Chance(50);
        hasFcn = r.Chance(35);
        var multi = r.Chance(75);
        hasProc = multi && r.Chance(30);
        var fair = r.Chance(40);
        var fairAlg = !multi && r.Chance(40);
        var sb = new StringBuilder();
        sb.AppendLine($"---- MODULE {SpecCase.ModuleName} ----");
        sb.AppendLine("EXTENDS Naturals, Sequences, FiniteSets, TLC");
        sb.AppendLine($"(* --{(fairAlg ? "fair " : "")}algorithm {SpecCase.ModuleName}");
        sb.Append($"variables x = {r.Range(0, bound - 1)}");
        if (hasSet) sb.Append(r.Chance(50) ? ", s = {}" : $", s \\in {{{{}}, {{{r.Range(0, bound - 1)}}}}}");
        if (hasFcn) sb.Append(", f = [i \\in 1..2 |-> 0]");
        sb.AppendLine(";");
        sb.AppendLine("macro Set(v) begin");
        sb.AppendLine($"  x := (v) % {bound};");
        sb.AppendLine("end macro;");
        if (hasProc)
        {
            sb.AppendLine("procedure Bump(d)");
            sb.AppendLine("begin");
            sb.AppendLine($"  b1: x := (x + d) % {bound};");
            sb.AppendLine("  b2: return;");
            sb.AppendLine("end procedure;");
        }
        if (multi)
        {
            var n = r.Range(1, 2);
            sb.AppendLine($"{(fair ? "fair " : "")}process P \\in 1..{n}");
            sb.AppendLine("variable t = 0;");
            sb.AppendLine("begin");
            inSet = true;
            Body(sb, "  ", true);
            inSet = false;
            sb.AppendLine("end process;");
            if (r.Chance(50))
            {
                sb.AppendLine($"{(fair && r.Chance(50) ? "fair+ " : "")}process Q = {n + 1}");
                sb.AppendLine("variable t = 0;");
                sb.AppendLine("begin");
                Body(sb, "  ", true);
                sb.AppendLine("end process;");
            }
        }
        else
        {
            sb.AppendLine("begin");
            Body(sb, "  ", false);
        }
        sb.AppendLine("end algorithm; *)");
        // Invariants over the globals and pc.
        sb.AppendLine($"Inv0 == x \\in 0..{bound - 1}");
        sb.AppendLine($"Inv1 == x # {r.Range(0, bound)}" + (hasSet ? $" \\/ Cardinality(s) < {r.Range(1, 2)}" : ""));
        sb.AppendLine("====");
        var cfg = new StringBuilder();
        cfg.AppendLine("SPECIFICATION Spec");
        // A procedure's parameter starts as the translation's CONSTANT defaultInitValue.
        if (hasProc) cfg.AppendLine("CONSTANT defaultInitValue = defaultInitValue");
        cfg.AppendLine("INVARIANT Inv0");
        if (r.Chance(50)) cfg.AppendLine("INVARIANT Inv1");
        if ((fair || fairAlg) && r.Chance(60)) cfg.AppendLine("PROPERTY Termination");
        return (sb.ToString(), cfg.ToString(), labels * 32 + (multi ? 64 : 0) + (hasProc ? 64 : 0));
    }
}
