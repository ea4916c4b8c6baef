namespace Ops.Tla.Syntax;

public enum Fixity { Prefix, Infix, Postfix }

/// <summary>A built-in or user-definable operator symbol with its precedence range (Specifying Systems,
/// section 15.2.1, as implemented by SANY) and associativity.</summary>
public sealed class OpInfo
{
    /// <summary>Canonical name as it appears in <see cref="OpApp"/> ("-." for unary minus).</summary>
    public string Name;
    public int Lo, Hi;
    public bool LeftAssoc;
    public Fixity Fix;

    public OpInfo(string name, int lo, int hi, bool left, Fixity fix)
    {
        Name = name; Lo = lo; Hi = hi; LeftAssoc = left; Fix = fix;
    }

    public override string ToString() => $"{Name} {Lo}-{Hi}";
}

/// <summary>The precedence table. Two operators conflict when their ranges overlap, unless they are the same
/// left-associative operator; a conflict is a syntax error (as in SANY).</summary>
public static class Operators
{
    public static readonly Dictionary<string, OpInfo> Infix = new();
    public static readonly Dictionary<string, OpInfo> Prefix = new();
    public static readonly Dictionary<string, OpInfo> Postfix = new();

    private static void In(string name, int lo, int hi, bool left = false) =>
        Infix[name] = new OpInfo(name, lo, hi, left, Fixity.Infix);

    static Operators()
    {
        // logic
        In("=>", 1, 1);
        In("<=>", 2, 2);
        In("~>", 2, 2);
        In("-+->", 2, 2);
        In("/\\", 3, 3, true);
        In("\\/", 3, 3, true);
        // relations
        foreach (var r in new[]
                 {
                     "=", "#", "<", ">", "\\leq", "\\geq", "\\in", "\\notin", "\\subseteq", "\\subset", "\\supseteq",
                     "\\supset", "\\prec", "\\succ", "\\preceq", "\\succeq", "\\sim", "\\simeq", "\\ll", "\\gg",
                     "\\asymp", "\\approx", "\\cong", "\\sqsubset", "\\sqsubseteq", "\\sqsupset", "\\sqsupseteq",
                     "\\doteq", "\\propto", "|-", "|=", "-|", "=|", ":=", "::=",
                 })
            In(r, 5, 5);
        In("@@", 6, 6, true);
        In(":>", 7, 7);
        In("<:", 7, 7);
        In("\\", 8, 8);
        In("\\cap", 8, 8, true);
        In("\\cup", 8, 8, true);
        In("..", 9, 9);
        In("...", 9, 9);
        In("$", 9, 13, true);
        In("$$", 9, 13, true);
        In("??", 9, 13, true);
        In("##", 9, 13, true);
        In("!!", 9, 13);
        In("\\uplus", 9, 13, true);
        In("\\sqcap", 9, 13, true);
        In("\\sqcup", 9, 13, true);
        In("\\wr", 9, 14);
        In("+", 10, 10, true);
        In("++", 10, 10, true);
        In("(+)", 10, 10, true);
        In("|", 10, 11, true);
        In("||", 10, 11, true);
        In("%", 10, 11);
        In("%%", 10, 11, true);
        In("\\X", 10, 13, true);
        In("-", 11, 11, true);
        In("--", 11, 11, true);
        In("(-)", 11, 11, true);
        In("*", 13, 13, true);
        In("**", 13, 13, true);
        In("/", 13, 13);
        In("//", 13, 13);
        In("&", 13, 13, true);
        In("&&", 13, 13, true);
        In("(.)", 13, 13, true);
        In("(/)", 13, 13);
        In("(\\X)", 13, 13, true);
        In("\\div", 13, 13);
        In("\\o", 13, 13, true);
        In("\\star", 13, 13, true);
        In("\\bigcirc", 13, 13, true);
        In("\\bullet", 13, 13, true);
        In("^", 14, 14);
        In("^^", 14, 14);
        In("\\cdot", 5, 14, true);

        Prefix["~"] = new OpInfo("~", 4, 4, false, Fixity.Prefix);
        foreach (var p in new[] { "[]", "<>", "ENABLED", "UNCHANGED" })
            Prefix[p] = new OpInfo(p, 4, 15, false, Fixity.Prefix);
        foreach (var p in new[] { "SUBSET", "UNION", "DOMAIN" })
            Prefix[p] = new OpInfo(p, 10, 13, false, Fixity.Prefix);
        Prefix["-."] = new OpInfo("-.", 12, 12, false, Fixity.Prefix);

        foreach (var p in new[] { "'", "^+", "^*", "^#" })
            Postfix[p] = new OpInfo(p, 15, 15, false, Fixity.Postfix);
    }

    /// <summary>True if the operator on the right binds tighter than <paramref name="ctx"/>, false if looser;
    /// null on a precedence conflict.</summary>
    public static bool? BindsTighter(OpInfo op, OpInfo ctx)
    {
        if (op.Lo > ctx.Hi) return true;
        if (op.Hi < ctx.Lo) return false;
        if (op == ctx && ctx.LeftAssoc) return false;
        return null;
    }

    /// <summary>Operator symbols a user may define (as infix, prefix or postfix operators).</summary>
    public static bool IsUserInfix(string name) => Infix.ContainsKey(name);
    public static bool IsUserPostfix(string name) => name is "^+" or "^*" or "^#";
    public static bool IsUserPrefix(string name) => name is "-" or "-." or "~" or "[]" or "<>";
}
