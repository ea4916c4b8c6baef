using System.Numerics;
using Ops.Tla.Syntax;

namespace Ops.Tla.Config;

/// <summary>A parsed TLC model configuration (.cfg). Plain data: the binder (Checking) gives it meaning.</summary>
public sealed class ModelConfig
{
    public string FilePath = "";
    /// <summary>CONSTANT(S) entries in file order (model values are created in this order, as TLC does).</summary>
    public List<ConstantAssignment> Constants = new();
    public CfgName Init;
    public CfgName Next;
    public CfgName Specification;
    public List<CfgName> Invariants = new();
    public List<CfgName> Properties = new();
    public List<CfgName> Constraints = new();
    public List<CfgName> ActionConstraints = new();
    public CfgName Symmetry;
    public CfgName View;
    public CfgName Alias;
    /// <summary>POSTCONDITION(S): constant-level formulas TLC evaluates once the search is over.</summary>
    public List<CfgName> Postconditions = new();
    /// <summary>_POSSIBLE: state or action predicates that must hold in some generated state or step (TLC's
    /// reachability check: each one false throughout the search is a false postcondition).</summary>
    public List<CfgName> Possible = new();
    /// <summary>CHECK_DEADLOCK TRUE/FALSE when present.</summary>
    public bool? CheckDeadlock;
}

/// <summary>A name in the config together with where it was written.</summary>
public sealed record CfgName(string Name, SourceSpan Span)
{
    public override string ToString() => Name;
}

/// <summary>
/// <c>N = value</c> (Value set), <c>N &lt;- Op</c> (SubstituteWith set), optionally scoped to a module with
/// <c>N = [M] value</c> / <c>N &lt;- [M] Op</c> (Module set). Name may be an operator symbol (<c>\prec &lt;- Less</c>)
/// or a qualified name (<c>I!N = 3</c>). TLC's only form with arguments is the table entry
/// <c>F(1, a) = v</c> (Args set, Arity = Args.Count); substitution is written without arguments (<c>F &lt;- G</c>).
/// </summary>
public sealed class ConstantAssignment
{
    public string Name;
    public int Arity;
    public string Module;
    public CfgValue Value;
    public string SubstituteWith;
    /// <summary>The whole entry, from the name to the end of the value or substituted name.</summary>
    public SourceSpan Span;
    /// <summary>Just the name on the left (for <c>A!B</c>, both parts and the '!').</summary>
    public SourceSpan NameSpan;
    /// <summary>
    /// TLC's operator-table form <c>F(v1, ..., vn) = v</c>: the argument values (Arity = n), else null.
    /// Several such lines for one F together define F on a finite table of arguments.
    /// </summary>
    public List<CfgValue> Args;
    /// <summary>A value bound by the program that runs the check (<c>CheckOptions.Constants</c>) instead of
    /// <see cref="Value"/>; never read from a file.</summary>
    public Values.Value Bound;
}

/// <summary>A value written in a .cfg file.</summary>
public abstract record CfgValue(SourceSpan Span);
public sealed record CfgInt(BigInteger Value, SourceSpan Span) : CfgValue(Span);
public sealed record CfgString(string Value, SourceSpan Span) : CfgValue(Span);
public sealed record CfgBool(bool Value, SourceSpan Span) : CfgValue(Span);
/// <summary>A bare identifier: a model value (TLC creates one per distinct name).</summary>
public sealed record CfgModelValue(string Name, SourceSpan Span) : CfgValue(Span);
public sealed record CfgSet(List<CfgValue> Items, SourceSpan Span) : CfgValue(Span);
public sealed record CfgTuple(List<CfgValue> Items, SourceSpan Span) : CfgValue(Span);
