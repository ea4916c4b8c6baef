namespace Ops.Tla.Syntax;

/// <summary>A region of a source file; lines and columns are 1-based, the end is inclusive.</summary>
public readonly record struct SourceSpan(string File, int Line, int Col, int EndLine, int EndCol)
{
    public static readonly SourceSpan None = new("", 0, 0, 0, 0);
    public SourceSpan To(SourceSpan end) => new(File, Line, Col, end.EndLine, end.EndCol);
    public override string ToString() => $"{File}:{Line}:{Col}";
    /// <summary>TLC's wording: "line 5, col 3 to line 7, col 20 of module M".</summary>
    public string ToTlcString(string module) => $"line {Line}, col {Col} to line {EndLine}, col {EndCol} of module {module}";
}

public abstract class Node
{
    public SourceSpan Span;
}

// ---------------------------------------------------------------- modules and units

public sealed class ModuleNode : Node
{
    public string Name;
    /// <summary>Names in the EXTENDS clause, with their spans.</summary>
    public List<Ident> Extends = new();
    public List<Unit> Units = new();
    /// <summary>Path of the file the module was read from ("" for a built-in text).</summary>
    public string FilePath = "";
    /// <summary>The strings TLC's front end interns from the module's text (set by the parser).</summary>
    public ModuleLexicon Lexicon;
    /// <summary>The module's first numeral larger than TLC's integers (2147483647), or null: SANY parses it, TLC
    /// refuses the specification before it starts ("TLC can't handle a number this big.").</summary>
    public NumberLit TooBigNumeral;
}

public sealed class Ident : Node
{
    public string Name;
    public Ident(string name, SourceSpan span) { Name = name; Span = span; }
    public override string ToString() => Name;
}

public abstract class Unit : Node
{
    public bool Local;
}

public sealed class VariableDecl : Unit
{
    public List<Ident> Names = new();
}

/// <summary>CONSTANT(S) declaration. An item is a name, or an operator constant such as <c>F(_, _)</c> (Arity = 2)
/// or an infix constant <c>_ \prec _</c> (Name = "\\prec", Arity = 2).</summary>
public sealed class ConstantDecl : Unit
{
    public List<OpParam> Items = new();
}

/// <summary>A formal parameter of an operator definition: <c>x</c> (Arity 0), <c>F(_, _)</c> (Arity 2),
/// or an operator symbol parameter <c>_+_</c> (Name "+", Arity 2) / <c>-._</c> (Name "-.", Arity 1).</summary>
public sealed class OpParam : Node
{
    public string Name;
    public int Arity;
}

/// <summary><c>Op(p1, ..., pn) == Body</c>, also prefix/infix/postfix definitions (<c>a (+) b == ...</c> gives
/// Name "(+)" with two parameters). RECURSIVE-declared operators have Recursive = true.</summary>
public sealed class OperatorDef : Unit
{
    public string Name;
    /// <summary>Where the name is (SANY's declaration location, which TLC's coverage prints).</summary>
    public SourceSpan NameSpan;
    public List<OpParam> Params = new();
    public Expr Body;
    public bool Recursive;
}

/// <summary><c>f[x \in S, y \in T] == Body</c>: a recursive function definition.</summary>
public sealed class FunctionDef : Unit
{
    public string Name;
    /// <summary>Where the name is.</summary>
    public SourceSpan NameSpan;
    public List<BoundDecl> Bounds = new();
    public Expr Body;
}

/// <summary><c>INSTANCE M WITH a &lt;- e</c>, optionally named: <c>I(p) == INSTANCE M WITH ...</c>.
/// Name is null for an unnamed instance (its definitions are imported into the current module).</summary>
public sealed class InstanceDef : Unit
{
    public string Name;
    public List<OpParam> Params = new();
    public Ident Module;
    public List<Substitution> Substitutions = new();
}

public sealed class Substitution : Node
{
    /// <summary>The constant or variable of the instantiated module (may be an operator symbol such as "\\prec").</summary>
    public string Name;
    public Expr Value;
}

/// <summary><c>ASSUME e</c> / <c>ASSUMPTION e</c> / <c>AXIOM e</c>, optionally named (<c>ASSUME Name == e</c>).</summary>
public sealed class AssumeDecl : Unit
{
    public string Name;
    public Expr Body;
}

/// <summary>THEOREM / LEMMA / PROPOSITION / COROLLARY with its proof: parsed, kept only for its name.</summary>
public sealed class TheoremDecl : Unit
{
    public string Name;
    public Expr Body; // may be null when the statement is an ASSUME/PROVE form
}

/// <summary><c>RECURSIVE F(_), G</c>: forward declarations.</summary>
public sealed class RecursiveDecl : Unit
{
    public List<OpParam> Items = new();
}

/// <summary>A nested <c>---- MODULE Inner ----</c> ... <c>====</c>.</summary>
public sealed class SubmoduleUnit : Unit
{
    public ModuleNode Module;
}

/// <summary>USE / HIDE and other proof-only units that are skipped.</summary>
public sealed class SkippedUnit : Unit
{
    public string What;
    /// <summary>For HIDE: the facts it names (expressions; MODULE M items are left out).</summary>
    public List<Expr> Facts;
}

// ---------------------------------------------------------------- expressions

public abstract class Expr : Node { }

/// <summary>One segment of an operator reference: <c>Op</c>, <c>Op(a, b)</c>. A path <c>I(x)!J!Op(y)</c> has three.</summary>
public sealed class NameSegment : Node
{
    public string Name;
    public List<Expr> Args = new(); // empty when written without parentheses
}

/// <summary>
/// A reference or application of a named operator, variable, constant or bound identifier: <c>x</c>, <c>Op(a)</c>,
/// <c>M!Op(a)</c>. Built-in prefix/infix/postfix operators are also represented as an OpApp whose single segment
/// names the operator in its ASCII canonical form: "+", "-", "\\in", "\\notin", "=", "#", "\\cup", "\\cap",
/// "\\", "\\subseteq", "=>", "&lt;=&gt;", "~" (negation), "-." (unary minus), "..", "\\o", "[]", "&lt;&gt;", "~&gt;",
/// "ENABLED", "UNCHANGED", "SUBSET", "UNION", "DOMAIN", "/\\", "\\/", "\\X" is NOT here (see CartesianExpr),
/// "^+", "^*", "^#" (postfix), "\\cdot" (action composition), "@@", ":&gt;", "\\div", "%", "^", "&lt;", "&gt;", "\\leq", "\\geq", "\\prec", ...
/// Unicode and synonym spellings are normalised by the lexer (≤ and =&lt; become "\\leq", ≠ and /= become "#",
/// \land becomes "/\\", \lnot and \neg become "~", \union becomes "\\cup", \intersect "\\cap", \circ "\\o",
/// \equiv "&lt;=&gt;", \geq and &gt;= become "\\geq").
/// </summary>
public sealed class OpApp : Expr
{
    public List<NameSegment> Path = new();
    public string Name => Path[^1].Name;
    public List<Expr> Args => Path[^1].Args;
    public bool IsSimple => Path.Count == 1;
}

public sealed class NumberLit : Expr
{
    public System.Numerics.BigInteger Value;
    /// <summary>Set for a decimal like 1.5 (Reals), null otherwise.</summary>
    public string Decimal;
}

public sealed class StringLit : Expr
{
    public string Value;
}

public sealed class BoolLit : Expr
{
    public bool Value;
}

/// <summary>The <c>@</c> inside an EXCEPT value.</summary>
public sealed class AtExpr : Expr { }

/// <summary><c>e'</c></summary>
public sealed class PrimeExpr : Expr
{
    public Expr Inner;
}

/// <summary>A bulleted conjunction or disjunction list, aligned on its column (<c>/\ a /\ b</c>).
/// Infix <c>a /\ b</c> is an OpApp named "/\\".</summary>
public sealed class JunctionList : Expr
{
    public bool IsConjunction;
    public List<Expr> Items = new();
}

/// <summary>A binder: <c>x \in S</c>, <c>x, y \in S</c> (Names has two entries, one set), <c>&lt;&lt;x, y&gt;&gt; \in S</c>
/// (IsTuple, Names are the tuple's components). Set is null for an unbounded binder (<c>\E x : P</c>).</summary>
public sealed class BoundDecl : Node
{
    public List<Ident> Names = new();
    public bool IsTuple;
    public Expr Set;
}

/// <summary><c>\A</c>, <c>\E</c> (bounded or unbounded), and the temporal <c>\AA</c>, <c>\EE</c>.</summary>
public sealed class QuantExpr : Expr
{
    public bool IsForall;
    public bool IsTemporal;
    public List<BoundDecl> Bounds = new();
    public Expr Body;
}

/// <summary><c>CHOOSE x \in S : P</c>, <c>CHOOSE x : P</c>, <c>CHOOSE &lt;&lt;x, y&gt;&gt; \in S : P</c>.</summary>
public sealed class ChooseExpr : Expr
{
    public BoundDecl Bound;
    public Expr Body;
}

/// <summary><c>{a, b, c}</c></summary>
public sealed class SetEnumExpr : Expr
{
    public List<Expr> Items = new();
}

/// <summary><c>{x \in S : P}</c> (also with a tuple binder)</summary>
public sealed class SetFilterExpr : Expr
{
    public BoundDecl Bound;
    public Expr Predicate;
}

/// <summary><c>{e : x \in S, y \in T}</c></summary>
public sealed class SetMapExpr : Expr
{
    public Expr Body;
    public List<BoundDecl> Bounds = new();
}

/// <summary><c>[x \in S, y \in T |-&gt; e]</c></summary>
public sealed class FunctionExpr : Expr
{
    public List<BoundDecl> Bounds = new();
    public Expr Body;
}

/// <summary><c>[S -&gt; T]</c></summary>
public sealed class FunctionSetExpr : Expr
{
    public Expr Domain;
    public Expr Range;
}

/// <summary><c>[a |-&gt; 1, b |-&gt; 2]</c></summary>
public sealed class RecordExpr : Expr
{
    public List<(Ident Field, Expr Value)> Fields = new();
}

/// <summary><c>[a : S, b : T]</c></summary>
public sealed class RecordSetExpr : Expr
{
    public List<(Ident Field, Expr Set)> Fields = new();
}

/// <summary><c>&lt;&lt;a, b&gt;&gt;</c></summary>
public sealed class TupleExpr : Expr
{
    public List<Expr> Items = new();
}

/// <summary><c>A \X B \X C</c>: one node with all factors (not nested pairs).</summary>
public sealed class CartesianExpr : Expr
{
    public List<Expr> Factors = new();
}

/// <summary><c>f[a]</c>, <c>f[a, b]</c> (which means f[&lt;&lt;a, b&gt;&gt;]).</summary>
public sealed class FunctionAppExpr : Expr
{
    public Expr Function;
    public List<Expr> Args = new();
}

/// <summary><c>r.field</c></summary>
public sealed class FieldExpr : Expr
{
    public Expr Record;
    public Ident Field;
}

/// <summary><c>[f EXCEPT ![a].b[c] = e, !.x = @ + 1]</c></summary>
public sealed class ExceptExpr : Expr
{
    public Expr Function;
    public List<ExceptClause> Clauses = new();
}

public sealed class ExceptClause : Node
{
    public List<ExceptStep> Path = new();
    public Expr Value;
}

/// <summary>One step of an EXCEPT path: <c>[a]</c> / <c>[a, b]</c> (Index, Field null) or <c>.b</c> (Field set).</summary>
public sealed class ExceptStep : Node
{
    public List<Expr> Index; // null for a field step
    public Ident Field;       // null for an index step
}

public sealed class IfExpr : Expr
{
    public Expr Cond, Then, Else;
}

public sealed class CaseExpr : Expr
{
    public List<(Expr Guard, Expr Value)> Arms = new();
    public Expr Other; // null when there is no OTHER arm
}

/// <summary><c>LET defs IN body</c>. Defs holds OperatorDef, FunctionDef, RecursiveDecl and (named) InstanceDef units.</summary>
public sealed class LetExpr : Expr
{
    public List<Unit> Defs = new();
    public Expr Body;
}

public sealed class LambdaExpr : Expr
{
    public List<Ident> Params = new();
    public Expr Body;
}

/// <summary><c>[A]_v</c> (IsAngle false) and <c>&lt;&lt;A&gt;&gt;_v</c> (IsAngle true).</summary>
public sealed class ActionExpr : Expr
{
    public bool IsAngle;
    public Expr Action;
    public Expr Sub;
}

/// <summary><c>WF_v(A)</c> and <c>SF_v(A)</c>.</summary>
public sealed class FairnessExpr : Expr
{
    public bool IsStrong;
    public Expr Sub;
    public Expr Action;
}

/// <summary><c>lbl :: e</c> or <c>lbl(x, y) :: e</c> (PlusCal-style labels in expressions).</summary>
public sealed class LabelExpr : Expr
{
    public string Label;
    /// <summary>The bound identifiers the label names (<c>lab(x, y) :: e</c>), in order; empty for <c>lab :: e</c>.</summary>
    public List<string> Params = new();
    public Expr Body;
}
