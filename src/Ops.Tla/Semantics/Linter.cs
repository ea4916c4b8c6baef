using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>
/// SANY's linter (tla2sany.linter.Linter), which TLC runs after the semantic check: a record constructor whose field
/// is named like a definition or declaration the module sees (<c>[Proc |-&gt; "YES"]</c> with <c>CONSTANT Proc</c>)
/// suggests a reader expects the field to take that value. It is not reported when the value of a field of that
/// record, or of any record with the same field names, is built from a CONSTANT, a VARIABLE, a parameter or bound
/// identifier, BOOLEAN, Nat, Int or Real (following the definitions it uses): the writer then knows fields are strings.
/// </summary>
internal static class Linter
{
    public static List<(string Where, string Text)> RecordFieldNames(IEnumerable<ModuleNode> modules, SpecBuilder spec)
    {
        var result = new List<(string, string)>();
        var root = spec.RootNode;
        var user = modules.Where(m => !string.IsNullOrEmpty(m.FilePath)).ToList();
        // SANY lints the modules in the order it processed them: those the root uses first, the root last.
        var ordered = user.Where(m => m != root).ToList();
        if (root != null && user.Contains(root)) ordered.Add(root);
        var records = ordered.ToDictionary(m => m, m => RecordsOf(m).ToList());
        var all = records.Values.SelectMany(r => r).ToList();
        foreach (var m in ordered)
        {
            var scope = spec.ScopeOf(m.Name);
            if (scope == null) continue;
            foreach (var record in records[m])
            {
                bool? anyBuilt = null;
                foreach (var (field, value) in record.Fields)
                {
                    var sym = scope.Find(field.Name);
                    if (sym == null || sym.Span.Line <= 0) continue;
                    if (BuiltFromDeclarations(value, scope)) continue;
                    anyBuilt ??= record.Fields.Any(f => BuiltFromDeclarations(f.Value, scope))
                                 || all.Where(r => SameDomain(r, record)).SelectMany(r => r.Fields).Any(f => BuiltFromDeclarations(f.Value, scope));
                    if (anyBuilt == true) continue;
                    var n = field.Name;
                    result.Add((field.Span.ToTlcString(m.Name),
                        $"The field name \"{n}\" in the record constructor is identical to the existing definition or declaration\n" +
                        $"named {n}, located at {sym.Span.ToTlcString(sym.Module ?? m.Name)}.\n" +
                        $"The field in the record will not take the value of the {n} definition or declaration.\n" +
                        "In TLA+, field names in records are strings, regardless of any similarly named declarations or definitions.\n" +
                        $"Therefore, DOMAIN [{n} |-> ...] = {{\"{n}\"}} holds true."));
                }
            }
        }
        return result;
    }

    private static bool SameDomain(RecordExpr a, RecordExpr b) =>
        ReferenceEquals(a, b) || (a.Fields.Count == b.Fields.Count && a.Fields.All(f => b.Fields.Any(g => g.Field.Name == f.Field.Name)));

    private static IEnumerable<RecordExpr> RecordsOf(ModuleNode m)
    {
        foreach (var u in m.Units)
        {
            IEnumerable<Expr> roots = u switch
            {
                OperatorDef od => new[] { od.Body },
                FunctionDef fd => fd.Bounds.Select(b => b.Set).Append(fd.Body),
                AssumeDecl a => new[] { a.Body },
                _ => Array.Empty<Expr>(),
            };
            foreach (var r in roots)
                foreach (var e in Walk(r))
                    if (e is RecordExpr re) yield return re;
        }
    }

    /// <summary>Every expression of <paramref name="e"/>, LET definitions included.</summary>
    private static IEnumerable<Expr> Walk(Expr e)
    {
        if (e == null) yield break;
        yield return e;
        IEnumerable<Expr> children = e switch
        {
            LetExpr le => le.Defs.SelectMany(d => d switch
            {
                OperatorDef od => new[] { od.Body },
                FunctionDef fd => fd.Bounds.Select(b => b.Set).Append(fd.Body),
                _ => Array.Empty<Expr>(),
            }).Append(le.Body),
            LabelExpr lb => new[] { lb.Body },
            _ => Subexpressions.Children(e),
        };
        foreach (var c in children)
            foreach (var x in Walk(c))
                yield return x;
    }

    private static readonly HashSet<string> DeclarationLike = new(StringComparer.Ordinal) { "BOOLEAN", "Nat", "Int", "Real" };

    private static bool BuiltFromDeclarations(Expr e, ModuleScope scope) => BuiltFrom(e, scope, new HashSet<object>());

    private static bool BuiltFrom(Expr e, ModuleScope scope, HashSet<object> visited)
    {
        foreach (var x in Walk(e))
        {
            if (x is not OpApp { IsSimple: true } op) continue;
            var name = op.Name;
            if (DeclarationLike.Contains(name)) return true;
            var sym = scope.Find(name);
            switch (sym)
            {
                case ConstSymbol or VarSymbol:
                    return true;
                case OpSymbol { Syntax.Body: { } body } os when visited.Add(os):
                    // The definition's parameters are parameters: a body that uses one is built from declarations.
                    if (os.Syntax.Params.Count > 0 || BuiltFrom(body, os.DefScope ?? scope, visited)) return true;
                    break;
                case null when name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_'):
                    // Not a name of the module: a bound identifier or a parameter.
                    return true;
            }
        }
        return false;
    }
}
