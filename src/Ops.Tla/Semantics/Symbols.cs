using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Semantics;

/// <summary>What a name at module level stands for.</summary>
public abstract class Symbol
{
    public string Name;
    public bool IsLocal;
    public SourceSpan Span;
    /// <summary>The module whose text declares or defines the symbol (for module-scoped config overrides).</summary>
    public string Module;
}

/// <summary>A user-defined operator. In an instance with parameters (<c>I(p) == INSTANCE M</c>) the definition takes
/// the instance parameters first (<see cref="InstanceParams"/> of them).</summary>
public sealed class OpSymbol : Symbol
{
    public OpDef Def;
    /// <summary>The definition as written (null for a function definition): subexpression names
    /// (<c>Op(a)!lbl!2</c>) select parts of its body.</summary>
    public OperatorDef Syntax;
    /// <summary>True for the name of a THEOREM (LEMMA, ...) or a named ASSUME: a fact a proof can USE or HIDE.</summary>
    public bool IsFact;
    /// <summary>The scope the definition is written in (where the body of a subexpression of it is resolved).</summary>
    public ModuleScope DefScope;
    public int InstanceParams;
}

public sealed class BuiltinSymbol : Symbol
{
    public Builtin Op;
}

public sealed class VarSymbol : Symbol
{
    public int Index;
}

/// <summary>A CONSTANT of the root module (or a module it extends), bound by the model configuration.</summary>
public sealed class ConstSymbol : Symbol
{
    public int Arity;
    public ConstantBinding Binding;
}

/// <summary>The value the configuration gives a constant (or a definition it overrides).</summary>
public sealed class ConstantBinding
{
    public Value Value;
    /// <summary>Name of the definition that replaces the constant (<c>N &lt;- Op</c>).</summary>
    public string SubstituteWith;
    /// <summary>TLC's operator table (<c>F(1) = 2</c> lines of the configuration, its OpRcdValue): the argument
    /// values of each line and the value it gives, in the order of the lines.</summary>
    public List<(Value[] Args, Value Result)> Table;
    public SourceSpan Span;
}

/// <summary>A CONSTANT or VARIABLE of an instantiated module, replaced by an expression of the instantiating module.</summary>
public sealed class SubstSymbol : Symbol
{
    public Expr Expr;
    /// <summary>The scope the expression is written in (the instantiating module).</summary>
    public ModuleScope Outer;
    /// <summary>The instance parameters visible to the expression, bound in the root frame.</summary>
    public LocalScope InstanceParamScope;
    public int Arity;
    /// <summary>True for a VARIABLE of the instantiated module (false for a CONSTANT).</summary>
    public bool IsVariable;
    /// <summary>The slot of this variable's own primed value under an ENABLED written in the instantiated module
    /// (allocated on first use; see <see cref="Ops.Tla.Eval.FreshPrimedVarTerm"/>).</summary>
    public int FreshSlot = -1;
}

/// <summary>A named instance <c>I(p) == INSTANCE M WITH ...</c>; <c>I!Op</c> looks Op up in <see cref="Scope"/>.</summary>
public sealed class InstanceSymbol : Symbol
{
    public int ParamCount;
    /// <summary>The arities of the parameters (<c>I(F(_), x) == INSTANCE M</c>: 1, 0); null when all are 0.</summary>
    public int[] ParamArities;
    /// <summary>For an instance made inside LET: the local values in scope there, its leading parameters, which
    /// every reference passes (they are not written in the path).</summary>
    public IReadOnlyList<LocalBinding> Captured;
    public Func<ModuleScope> Build;
    private ModuleScope _scope;
    public ModuleScope Scope => _scope ??= Build();
}

/// <summary>The names visible at module level in one module (after EXTENDS and unnamed INSTANCE imports).</summary>
public sealed class ModuleScope
{
    public string ModuleName;
    public readonly Dictionary<string, Symbol> Symbols = new(StringComparer.Ordinal);
    /// <summary>Number of instance parameters every definition here takes first (0 outside parameterised instances).</summary>
    public int InstanceParamCount;
    /// <summary>Instance parameters, visible to substitution expressions of nested instances.</summary>
    public LocalScope InstanceParamScope;
    /// <summary>The instance this scope is a copy of (null for a module used as such).</summary>
    public Ops.Tla.Eval.InstanceMark Instance;

    public Symbol Find(string name) => Symbols.TryGetValue(name, out var s) ? s : null;

    /// <summary>The operator symbols TLA+ builds in (SANY's context before any module): the parser's canonical
    /// spelling to SANY's name for it. A definition of one (<c>a \in b == ...</c>, <c>~ a == ...</c>) is SANY's
    /// error "Symbol \in is a built-in operator, and cannot be redefined." (exit 150).</summary>
    private static readonly Dictionary<string, string> BuiltinOperatorSymbols = new(StringComparer.Ordinal)
    {
        ["\\in"] = "\\in", ["\\notin"] = "\\notin", ["="] = "=", ["#"] = "/=", ["\\cup"] = "\\union",
        ["\\cap"] = "\\intersect", ["\\subseteq"] = "\\subseteq", ["\\"] = "\\", ["=>"] = "=>", ["<=>"] = "\\equiv",
        ["/\\"] = "\\land", ["\\/"] = "\\lor", ["~"] = "\\lnot", ["\\cdot"] = "\\cdot", ["~>"] = "~>",
        ["-+->"] = "-+->", ["\\X"] = "\\times", ["[]"] = "[]", ["<>"] = "<>", ["'"] = "'",
    };

    /// <summary>Throws SANY's error when <paramref name="name"/>, the name of a definition written at
    /// <paramref name="at"/>, is one of the operator symbols TLA+ builds in.</summary>
    public static void CheckNotBuiltinOperator(string name, SourceSpan at)
    {
        if (name != null && BuiltinOperatorSymbols.TryGetValue(name, out var sany))
            throw new TlaException(ErrorKind.Semantic, at,
                $"Symbol {sany} is a built-in operator, and cannot be redefined: give this definition another operator " +
                "symbol (\\prec, \\oplus, ++, ...) or a name");
    }

    /// <param name="onDuplicate">For a name imported by EXTENDS or an unnamed INSTANCE that is already bound to
    /// something else: decides (SANY's rules) whether that is an error (it throws) or a warning (it returns, and the
    /// name keeps its first meaning).</param>
    public void Add(Symbol s, bool allowSame = true, Action<Symbol, Symbol> onDuplicate = null)
    {
        if (s is OpSymbol && onDuplicate == null) CheckNotBuiltinOperator(s.Name, s.Span);
        if (Symbols.TryGetValue(s.Name, out var existing))
        {
            if (allowSame && SameThing(existing, s)) return;
            if (existing is BuiltinSymbol eb && s is OpSymbol)
            {
                // SANY: a module's own definition of a name a standard module it extends or instantiates defines is
                // an error ("Operator Len already defined or declared."). Operators Ops adds to a standard module
                // beyond TLC's text of it are not SANY's, so the module's definition is the name's meaning.
                if (onDuplicate == null && !Ops.Tla.Eval.Builtins.StandardLibrary.IsBeyondTlcText(eb.Module, eb.Name))
                    throw new TlaException(ErrorKind.Semantic, s.Span,
                        $"Operator {s.Name} already defined or declared: the standard module {eb.Module} defines it, and this module " +
                        $"extends or instantiates {eb.Module}; rename this definition");
                Symbols[s.Name] = s;
                return;
            }
            if (existing is OpSymbol && s is BuiltinSymbol) return;
            if (onDuplicate != null) { onDuplicate(existing, s); return; }
            throw new TlaException(ErrorKind.Semantic, s.Span,
                $"Multiply-defined symbol '{s.Name}': it is already defined at {existing.Span} (rename one of them)");
        }
        Symbols[s.Name] = s;
    }

    private static bool SameThing(Symbol a, Symbol b) => (a, b) switch
    {
        (OpSymbol x, OpSymbol y) => ReferenceEquals(x.Def, y.Def) || (x.Def.Span == y.Def.Span && x.Def.Span.Line > 0),
        (BuiltinSymbol x, BuiltinSymbol y) => ReferenceEquals(x.Op, y.Op) || x.Op.Name == y.Op.Name,
        (VarSymbol x, VarSymbol y) => x.Index == y.Index,
        (ConstSymbol x, ConstSymbol y) => x.Name == y.Name && x.Arity == y.Arity, // the same parameter declared by two extended modules
        (InstanceSymbol x, InstanceSymbol y) => ReferenceEquals(x, y),
        (SubstSymbol x, SubstSymbol y) => ReferenceEquals(x, y) || x.Expr == y.Expr,
        _ => false,
    };
}

/// <summary>A local binding: a frame slot (bound identifier, parameter, LET value) or a local operator.</summary>
public sealed class LocalBinding
{
    public string Name;
    public int Depth;     // frame depth where the binding lives
    public int Slot;      // for slots
    public int Arity;     // operator parameters: their arity; local operators: arity
    public OpDef LocalOp; // LET operator with parameters / recursive LET
    public InstanceSymbol Instance; // LET I == INSTANCE M
    public int Level;     // level of a LET value (for level computation)
    /// <summary>For a parameter: the operator it belongs to (to mark parameters used under a prime).</summary>
    public OpDef ParamOf;
    /// <summary>A parameter of the instance the definitions being resolved belong to (slot of their root frame).</summary>
    public bool IsInstanceParam;
    /// <summary>Where the name is bound (for messages).</summary>
    public SourceSpan Span;
}

/// <summary>A chain of local bindings (innermost first).</summary>
public sealed class LocalScope
{
    public readonly LocalBinding Binding;
    public readonly LocalScope Parent;
    public LocalScope(LocalBinding b, LocalScope parent) { Binding = b; Parent = parent; }

    public static LocalBinding Find(LocalScope s, string name)
    {
        for (; s != null; s = s.Parent)
            if (s.Binding.Name == name) return s.Binding;
        return null;
    }
}

/// <summary>Allocates the slots of one frame while its operator body is resolved.</summary>
public sealed class FrameBuilder
{
    public readonly int Depth;
    public int Count;
    /// <summary>How many ENABLED the expression being compiled in this frame is under (a parameter used only there
    /// does not raise the level of a call: SANY's level parameters).</summary>
    public int EnabledDepth;
    /// <summary>The module-level definition whose body (and LET/LAMBDA operators) is being resolved: its root frame
    /// holds the instance parameters.</summary>
    public OpDef RootOwner;
    public FrameBuilder(int depth) { Depth = depth; }
    public int Alloc() => Count++;
}
