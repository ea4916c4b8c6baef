using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found by differential testing (`ops difftest`, docs/differential-testing.md), reduced to
/// small specs. Each expected figure is what TLC (tla2tools cc6b616, -workers 1) printed for the spec.
/// </summary>
public class DifferentialFindingsTests
{
    private const string Counter = @"---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Spec == Init /\ [][Next]_x
NotZero == x > 0
Jumps == [][x' > x + 5]_x
Never == 1 > 2
Always == 1 < 2
====";

    [Theory]
    [InlineData("INVARIANT Never", "The invariant of Never is equal to FALSE")]
    [InlineData("CONSTRAINT Never", "The constraint of Never is equal to FALSE")]
    [InlineData("ACTION_CONSTRAINT Never", "The action constraint of Never is equal to FALSE")]
    public void A_constant_level_check_equal_to_FALSE_is_a_configuration_error(string entry, string message)
    {
        // Finding 001. TLC: "Error: The invariant of Inv0 is equal to FALSE" before any state, exit 151.
        var r = InlineSpec.Check("Counter", Counter, $"SPECIFICATION Spec\n{entry}\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains(message, r.Violation?.Message ?? "");
        Assert.Equal(0, r.StatesGenerated);
    }

    [Fact]
    public void A_constant_level_invariant_equal_to_TRUE_is_kept()
    {
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nINVARIANT Always\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        // TLC warns (TLC_INVARIANT_CONSTANT_LEVEL), once, before the search.
        var w = Assert.Single(r.Warnings);
        Assert.StartsWith("The invariant Always is a constant-level formula (i.e., it contains no variables, primes, or temporal operators) and evaluates to TRUE.", w);
        Assert.EndsWith("(Use the -nowarning option to disable this warning.)", w);
    }

    [Fact]
    public void What_a_constant_level_invariant_prints_is_printed_once_before_the_search()
    {
        // TLC (cc6b616): "[b |-> 1, a |-> 2]" once, after "Starting...", before the initial states; fields in the
        // order written.
        const string spec = @"---- MODULE ConstPrint ----
EXTENDS TLC, Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Inv == PrintT([b |-> 1, a |-> 2])
====";
        var r = InlineSpec.Check("ConstPrint", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "[b |-> 1, a |-> 2]" }, r.Output);
        Assert.Single(r.Warnings);
    }

    [Fact]
    public void An_action_property_violation_exits_13_as_TLC()
    {
        // TLC: "Error: Action property Jumps is violated.", 2 states generated, 2 distinct, exit 13.
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY Jumps\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(ViolationKind.ActionProperty, r.Violation?.Kind);
        Assert.Equal("Jumps", r.Violation.Property);
        Assert.Equal(13, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Equal(2, r.Trace.Count);
    }

    [Fact]
    public void An_action_property_violation_exits_13_with_two_workers()
    {
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY Jumps\nCHECK_DEADLOCK FALSE\n", 2);
        Assert.Equal(ViolationKind.ActionProperty, r.Violation?.Kind);
        Assert.Equal(13, r.ExitCode);
    }

    [Fact]
    public void A_property_violated_by_the_initial_state_exits_13_as_TLC()
    {
        // TLC: "Error: Property NotZero is violated by the initial state", exit 13.
        var r = InlineSpec.Check("Counter", Counter, "SPECIFICATION Spec\nPROPERTY NotZero\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal("NotZero", r.Violation?.Property);
        Assert.Equal(13, r.ExitCode);
        Assert.Single(r.Trace);
    }

    [Fact]
    public void At_inside_a_LAMBDA_or_LET_operator_of_an_EXCEPT_value_is_the_old_value()
    {
        // SANY accepts @ inside a LAMBDA (and a LET operator) of the clause's value; TLC: no error, 3 generated, 3 distinct.
        const string tla = @"---- MODULE AtLambda ----
EXTENDS Naturals
VARIABLE f
ApplyTwice(F(_), v) == F(F(v))
Init == f = [k \in 1..2 |-> 0]
Next == f[1] < 3 /\ f' = [f EXCEPT ![1] = ApplyTwice(LAMBDA v : v + @, 1), ![2] = LET g(a) == a + @ IN g(1)]
Inv == f[1] # 2
====";
        var r = InlineSpec.Check("AtLambda", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    private const string LambdaOverState = @"---- MODULE LambdaOverState ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Apply(F(_), v) == F(v)
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Reaches2 == <>(Apply(LAMBDA v : v + x, 0) = 2)
Reaches5 == <>(Apply(LAMBDA v : v + x, 0) = 5)
====";

    [Theory]
    [InlineData("Reaches2", 0)]
    [InlineData("Reaches5", 13)]
    public void A_LAMBDA_reading_a_variable_makes_the_call_state_level_in_a_temporal_property(string property, int exit)
    {
        // Finding 004. A call of an operator whose parameter is applied to a LAMBDA over x reads the state: the
        // property is a temporal formula over a state function, not a constant. TLC: 4 generated, 3 distinct,
        // exit 0 for Reaches2 and 13 (liveness) for Reaches5. Ops used to evaluate it as a constant (exit 75).
        var r = InlineSpec.Check("LambdaOverState", LambdaOverState, $"SPECIFICATION Spec\nPROPERTY {property}\n");
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    [Theory]
    [InlineData("TRUE", 151, 0)]
    [InlineData("3 + 0", 151, 0)]
    [InlineData("Nat", 151, 0)]
    [InlineData("3", 0, 1)]
    [InlineData("\"a\"", 0, 1)]
    [InlineData("<<x % 2>>", 0, 2)]
    public void A_constant_VIEW_is_a_configuration_error_as_in_TLC(string view, int exit, int distinct)
    {
        // Finding 007. TLC keeps a constant definition's value in place of the definition, so a VIEW naming one is
        // "The view function View cannot be a constant." (151); a numeral or string literal stays a definition and
        // every state has the same view. Figures from TLC on this spec.
        var spec = Counter.Replace("Always == 1 < 2", "Always == 1 < 2\nView == " + view);
        var r = InlineSpec.Check("Counter", spec, "SPECIFICATION Spec\nVIEW View\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 151) Assert.Contains("The view function View cannot be a constant.", r.Violation?.Message ?? "");
        else Assert.Equal(distinct, r.DistinctStates);
    }

    [Theory]
    [InlineData("LET l == x IN 1 >= 3")]
    [InlineData("LET f(a) == a + x IN 1 >= 3")]
    public void A_LET_whose_definitions_read_the_state_is_a_state_predicate(string constraint)
    {
        // Finding 009. TLC's level of a LET includes its definitions' (Tool.getLevelBound), used or not: the constraint
        // is a state predicate, FALSE on every initial state, not a constant equal to FALSE (151). TLC: 1 generated,
        // 0 distinct, exit 0.
        var spec = Counter.Replace("Always == 1 < 2", "Always == 1 < 2\nConstr == " + constraint);
        var r = InlineSpec.Check("Counter", spec, "SPECIFICATION Spec\nCONSTRAINT Constr\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(0, r.DistinctStates);
    }

    [Theory]
    [InlineData("Apply(LAMBDA v : IF v > 5 THEN x ELSE 0, 1) = 1", 151, 0)]
    [InlineData("Apply(LAMBDA v : v + x, 0) = 0", 12, 2)]
    public void An_invariant_through_a_LAMBDA_is_a_constant_to_TLC_when_it_evaluates_without_the_state(string inv, int exit, int generated)
    {
        // Finding 010. TLC's level bound does not look into operators passed as arguments: the first invariant is a
        // constant to TLC, evaluated before the search, FALSE, so 151; the second reads x when evaluated, so TLC leaves
        // it to the search, which finds x = 1 (2 generated, exit 12). Figures from TLC.
        var spec = Counter.Replace("Always == 1 < 2", "Always == 1 < 2\nApply(F(_), v) == F(v)\nInv == " + inv);
        var r = InlineSpec.Check("Counter", spec, "SPECIFICATION Spec\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(generated, r.StatesGenerated);
    }

    private const string StepError = @"---- MODULE Gen ----
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC
VARIABLES x
F == [k \in {1, 2} |-> k]
Init == x = 0
A0 == x < 3 /\ x' = x + 1
A1 == x = 1 /\ x' = EXPR
Next == A0 \/ A1
====
";

    private static string StepErrorBlock(string expr, out int exit)
    {
        var r = InlineSpec.Check("Gen", StepError.Replace("EXPR", expr), "INIT Init\nNEXT Next\n");
        exit = r.ExitCode;
        var text = Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n");
        var i = text.IndexOf(": ", text.IndexOf("The exception was a java.lang.RuntimeException", StringComparison.Ordinal), StringComparison.Ordinal);
        return text[(i + 2)..text.IndexOf("Error: The behavior up to this point is:", StringComparison.Ordinal)];
    }

    [Fact]
    public void CHOOSE_without_a_witness_is_worded_as_TLC_words_it_with_the_place_of_the_CHOOSE()
    {
        // Finding 012 (difftest -seed 101, errors on purpose). TLC (Tool, OPCODE_bc): the message on two lines, then
        // the CHOOSE's place; Ops printed one line with the set ("... satisfied P (S = {1, 2})").
        var block = StepErrorBlock("(CHOOSE c \\in {1, 2} : c > x + 5)", out var exit);
        Assert.Equal(75, exit);
        Assert.Equal("Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\n" +
                     "line 7, col 22 to line 7, col 52 of module Gen\n", block);
    }

    [Theory]
    // A constructor written in place is a FcnLambdaValue in TLC however constant it is (Ops evaluates it once).
    [InlineData("[k \\in {1, 2} |-> k][x + 3]", "In applying the function\n<<1, 2>>,\nthe first argument is:\n4\nwhich is not in its domain.\n\n")]
    // A constant definition is a table (processConstantDefns): FcnRcdValue's words.
    [InlineData("F[x + 3]", "Attempted to apply function:\n<<1, 2>>\nto argument 4, which is not in the domain of the function.\n")]
    // A record constructor applied to a missing field: RecordValue.apply's words.
    [InlineData("[a |-> x, b |-> TRUE][\"c\"]", "Attempted to access nonexistent field 'c' of record\n[a |-> 1, b |-> TRUE]\n")]
    public void A_function_applied_outside_its_domain_in_a_step_is_worded_after_the_value_TLC_holds(string expr, string expected)
    {
        // Finding 013 (difftest -seed 101). Ops worded a constant constructor written in an action as a table
        // ("Attempted to apply function"), and a record constructor applied to a missing field as a function.
        var block = StepErrorBlock(expr, out var exit);
        Assert.Equal(75, exit);
        Assert.Equal(expected, block);
    }
}
