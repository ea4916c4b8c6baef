using System.Globalization;

namespace Ops.Tla.Checking;

/// <summary>
/// TLC's coverage statistics (<c>-coverage MINUTES</c>, <c>Invoke-ModelCheck -Coverage</c>), as data: what TLC prints
/// between "The coverage statistics at ..." and "End of statistics.", one object per printed line, in TLC's order.
/// <list type="bullet">
/// <item><see cref="Variables"/>: each variable and the number of distinct values it takes in the distinct states
/// (TLC's <c>&lt;x line 3, col 11 to line 3, col 11 of module M&gt;: 4</c>).</item>
/// <item><see cref="Actions"/>: the initial predicate, each action of the next-state relation (sorted by location, the
/// instances of one action formula — <c>\E c \in Clients : Deposit(c)</c> — added together, as TLC does), the
/// invariants, the action constraints and the state constraints; each with its counts and the sub-expressions'
/// evaluation counts (<see cref="ActionCoverage.Expressions"/>, the indented lines under it).</item>
/// </list>
/// Only collected when asked for (<see cref="CheckOptions.Coverage"/>): a check without it has a null
/// <see cref="CheckResult.Coverage"/> and pays nothing. The text form is <see cref="Output.CoverageText"/>.
/// </summary>
public sealed class CoverageReport
{
    /// <summary>The variables in declaration order, with the distinct values each takes.</summary>
    public List<VariableCoverage> Variables { get; } = new();
    /// <summary>Init, the next-state actions, invariants and constraints, in TLC's printing order.</summary>
    public List<ActionCoverage> Actions { get; } = new();
    /// <summary>When the figures were taken (UTC).</summary>
    public DateTime At { get; set; } = DateTime.UtcNow;
    /// <summary>False for a report taken while the search was running (a periodic report): the figures are partial.</summary>
    public bool Final { get; set; } = true;

    /// <summary>The next-state actions that never produced a state (TLC's <c>: 0:0</c> lines): what a user looks for.</summary>
    public IEnumerable<ActionCoverage> NeverEnabled => Actions.Where(a => a.Kind == CoverageKind.Next && a.Found == 0);

    /// <summary>The sub-expressions never evaluated (count 0), with the action they are under.</summary>
    public IEnumerable<(ActionCoverage Action, ExpressionCoverage Expression)> NeverEvaluated =>
        Actions.SelectMany(a => a.Expressions.Where(e => e.Count == 0).Select(e => (a, e)));
}

/// <summary>What an <see cref="ActionCoverage"/> stands for (TLC's ActionWrapper.Relation).</summary>
public enum CoverageKind
{
    /// <summary>The initial predicate (TLC prints "generated:generated+rejected", see <see cref="ActionCoverage.Rejected"/>).</summary>
    Init,
    /// <summary>A next-state action (TLC: "distinct:found": the new states it found, the states it generated).</summary>
    Next,
    /// <summary>An invariant (TLC prints its location and no counts; only its sub-expressions are counted).</summary>
    Invariant,
    /// <summary>A CONSTRAINT or ACTION_CONSTRAINT (TLC: "false:evaluated").</summary>
    Constraint,
}

/// <summary>A place in a module, as TLC prints it: <c>line 5, col 9 to line 5, col 13 of module M</c>.</summary>
public readonly record struct CoverageLocation(string Module, int Line, int Col, int EndLine, int EndCol) : IComparable<CoverageLocation>
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"line {Line}, col {Col} to line {EndLine}, col {EndCol} of module {Module}");

    /// <summary>TLC's Location order: module, then begin line, begin column, end line, end column.</summary>
    public int CompareTo(CoverageLocation o)
    {
        int c = string.CompareOrdinal(Module, o.Module);
        if (c != 0) return c;
        c = Line.CompareTo(o.Line);
        if (c != 0) return c;
        c = Col.CompareTo(o.Col);
        if (c != 0) return c;
        c = EndLine.CompareTo(o.EndLine);
        return c != 0 ? c : EndCol.CompareTo(o.EndCol);
    }
}

/// <summary>One variable: where it is declared and how many distinct values it takes in the distinct states.</summary>
public sealed class VariableCoverage
{
    public string Name { get; init; }
    public CoverageLocation Location { get; init; }
    public long DistinctValues { get; set; }
}

/// <summary>
/// The initial predicate, one next-state action, an invariant or a constraint. <see cref="Label"/> is TLC's text
/// before the counts: <c>&lt;IncX line 5, col 1 to line 5, col 4 of module M&gt;</c> — the name of the definition and
/// where its name is declared — with, when the definition has several actions (its body is a disjunction), the place
/// of this one in short form: <c>&lt;Next line 8, col 1 to line 8, col 4 of module M (9 12 9 30)&gt;</c>.
/// </summary>
public sealed class ActionCoverage
{
    public CoverageKind Kind { get; init; }
    /// <summary>The definition's name (IncX, Init, Inv...).</summary>
    public string Name { get; init; }
    /// <summary>Where the definition's name is (TLC's declaration location).</summary>
    public CoverageLocation Location { get; init; }
    /// <summary>Where the action's own formula is (differs from the definition's body for one disjunct of it).</summary>
    public CoverageLocation FormulaLocation { get; init; }
    /// <summary>TLC's label, between angle brackets.</summary>
    public string Label { get; init; }
    /// <summary>Init and Next: the states generated (before de-duplication and constraints). Constraint: the states
    /// evaluated. Invariant: 0 (TLC prints no counts for invariants).</summary>
    public long Found { get; set; }
    /// <summary>Init and Next: the new (distinct) states, each counted for the first action that found it.
    /// Constraint: the states it excluded.</summary>
    public long Distinct { get; set; }
    /// <summary>Init: the candidate states rejected once every variable had a value (TLC adds them to the second
    /// figure of the Init line: "generated:generated+rejected"). 0 otherwise.</summary>
    public long Rejected { get; set; }
    /// <summary>The sub-expressions' lines under the action, in TLC's order (after TLC's collapsing of subtrees whose
    /// counts are all the same).</summary>
    public List<ExpressionCoverage> Expressions { get; } = new();
}

/// <summary>One sub-expression line: where it is, how often it was evaluated, and (for an expression that enumerates a
/// set: <c>\E</c>, <c>\A</c>, <c>{x \in S : P}</c>...) the elements enumerated. <see cref="Depth"/> is the number of
/// <c>|</c> TLC prints before it (0 for an expression directly under the action).</summary>
public sealed class ExpressionCoverage
{
    public CoverageLocation Location { get; init; }
    public long Count { get; init; }
    /// <summary>TLC's second figure ("count:cost"), 0 when TLC prints only the count.</summary>
    public long Cost { get; init; }
    public int Depth { get; init; }
}
