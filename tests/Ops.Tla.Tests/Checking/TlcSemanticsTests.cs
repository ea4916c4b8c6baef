using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Evaluation and search semantics where TLC decides what the language leaves open: comparisons of values
/// of different kinds, assumptions that cannot be evaluated, states a CONSTRAINT excludes, deep recursion.</summary>
public class TlcSemanticsTests
{
    private static CheckResult Assume(string expr, string extends = "Integers, TLC, Sequences") =>
        InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS {extends}\nASSUME {expr}\n====\n", "");

    private static CheckResult InInit(string expr) =>
        InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS Integers, TLC, Sequences\nVARIABLE x\nInit == x = 0 /\\ ({expr})\nNext == x' = x\n====\n",
            "INIT Init\nNEXT Next\n");

    [Theory]
    [InlineData("1 = {1}", "Attempted to check equality of integer 1 with non-integer")]
    [InlineData("1 # \"a\"", "Attempted to check equality of integer 1 with non-integer")]
    [InlineData("{1} = 1", "Attempted to check equality of the set {1} with the value")]
    [InlineData("{} = <<>>", "Attempted to check equality of the set {} with the value")]
    [InlineData("<<1>> = 1", "Attempted to check equality of the function <<1>> with the value")]
    [InlineData("[a |-> 1] = <<1>>", "Attempted to check equality of record")]
    [InlineData("\"a\" = TRUE", "Attempted to check equality of string \"a\" with non-string")]
    [InlineData("TRUE = 1", "Attempted to compare equality of boolean TRUE with non-boolean")]
    [InlineData("{1} = {\"a\"}", "Attempted to check equality of integer 1 with non-integer")]
    [InlineData("<<1, 2>> = <<1, \"b\">>", "Attempted to check equality of integer 2 with non-integer")]
    [InlineData("1 \\in {\"a\"}", "Attempted to check equality of string \"a\" with non-string")]
    [InlineData("{1} \\in {1, 2}", "Attempted to check equality of integer 1 with non-integer")]
    [InlineData("\"a\" \\in 1..2", "is in the integer interval 1..2")]
    [InlineData("\"a\" \\in Nat", "is an element of Nat")]
    [InlineData("1 \\in STRING", "is an element of STRING")]
    [InlineData("1 \\in [x : {1}]", "is in the set of records")]
    [InlineData("1 \\in [{1} -> {1}]", "is in the set of functions")]
    [InlineData("1 \\in SUBSET {1}", "Attempted to check if the non-enumerable value 1")]
    [InlineData("1 \\in {1} \\X {1}", "is in the set of tuples")]
    [InlineData("<<1, 2>> \\in {1, 2}", "Attempted to check equality of integer")]
    [InlineData("{\"a\"} \\subseteq {1}", "Attempted to check equality of integer 1 with non-integer")]
    public void Comparing_values_of_different_kinds_is_an_error_as_in_TLC(string expr, string message)
    {
        var r = InInit(expr);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
        Assert.Contains("M.tla:4:", r.Violation.Location ?? r.Violation.Message);
    }

    [Theory]
    [InlineData("1 = 2")]
    [InlineData("{1} = {2}")]
    [InlineData("<<1>> = <<1, 2>>")]
    [InlineData("[a |-> 1] = [b |-> 1]")]
    [InlineData("(1 :> 2) = <<2>>")]
    [InlineData("3 \\notin {1, 2}")]
    [InlineData("<<3, 3>> \\notin {<<1, 2>>}")]
    [InlineData("{} # {1}")]
    public void Values_of_the_same_kind_compare_as_usual(string expr)
    {
        var r = InInit(expr);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void An_untyped_model_value_is_unequal_to_anything_else_a_typed_one_is_an_error()
    {
        const string tla = "---- MODULE M ----\nEXTENDS Integers\nCONSTANT N, T\nVARIABLE x\nInit == x = 0 /\\ N # 1 /\\ N \\notin 1..3 /\\ N \\notin {1, 2}\nNext == x' = x\nInv == T # 1\n====\n";
        var ok = InlineSpec.Check("M", tla, "CONSTANT N = N\nCONSTANT T = T\nINIT Init\nNEXT Next\n");
        Assert.Equal(0, ok.ExitCode);
        var typed = InlineSpec.Check("M", tla, "CONSTANT N = N\nCONSTANT T = A_t\nINIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(75, typed.ExitCode); // TLC: 75, the invariant fails to evaluate on an initial state (DoInitFunctor)
        Assert.Contains("typed model value A_t", typed.Violation.Message);
    }

    [Theory]
    [InlineData("(CHOOSE y \\in {} : TRUE) = 1", "CHOOSE")]
    [InlineData("1 = {1}", "Attempted to check equality of integer 1")]
    [InlineData("Assert(FALSE, \"boom\")", "boom")]
    public void An_assumption_that_cannot_be_evaluated_is_an_assumption_failure(string expr, string message)
    {
        var r = Assume(expr);
        Assert.Equal(10, r.ExitCode);
        Assert.Equal(CheckOutcome.AssumptionFailure, r.Outcome);
        Assert.Contains("Evaluating assumption line 3, col 8", r.Violation.Message);
        Assert.Contains(message, r.Violation.Message);
    }

    private const string Counter = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in {0, 1, 4}\nNext == x' = x + 1 \\/ x' = x\n" +
        "Inv == x < 3\nInv2 == x # 2\nConstr == x < 3\nAC == x' # 2\n====\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_successor_the_constraint_excludes_is_still_checked_against_the_invariants(int workers)
    {
        // The only violating states (x = 3) are outside the constraint: TLC reports them (6 generated, 3 distinct).
        var tla = Counter.Replace("{0, 1, 4}", "{0}");
        var r = InlineSpec.Check("M", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Constr\n", workers);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(4, r.Trace.Count);
        Assert.Equal("3", r.Trace[^1].Values[0].ToString());
        Assert.Equal(6, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_successor_the_action_constraint_excludes_is_still_checked_against_the_invariants(int workers)
    {
        var r = InlineSpec.Check("M", Counter.Replace("x' = x + 1 \\/ x' = x", "x' = x + 1"), "INIT Init\nNEXT Next\nINVARIANT Inv2\nACTION_CONSTRAINT AC\n", workers);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("Inv2", r.Violation.Property);
        Assert.Equal(2, r.Trace.Count);
        Assert.Equal(5, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    [Fact]
    public void An_initial_state_the_constraint_excludes_is_still_checked_against_the_invariants()
    {
        var r = InlineSpec.Check("M", Counter.Replace("Inv == x < 3", "Inv == x < 4"), "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Constr\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Single(r.Trace);
        Assert.Equal("4", r.Trace[0].Values[0].ToString());
    }

    [Fact]
    public void Once_every_variable_has_a_value_the_remaining_conjuncts_are_predicates()
    {
        // TLC (Tool.getNextStatesAllAssigned and its init twin): a disjunction after the last assignment yields one
        // state, before it one state per true disjunct. TLC: 5 generated for A (2 + 1 + 2), 3 for B.
        const string a = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x, y\nInit == /\\ x = 0 /\\ y = 0\n        /\\ \\/ 1 = 1\n           \\/ 2 = 2\n" +
            "Next == /\\ x' = 1 - x\n        /\\ \\/ 1 = 1\n           \\/ 2 = 2\n        /\\ y' = y\n====\n";
        var r = InlineSpec.Check("M", a, "INIT Init\nNEXT Next\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(5, r.StatesGenerated);
        var b = a.Replace("        /\\ y' = y\n", "").Replace("x' = 1 - x\n", "x' = 1 - x /\\ y' = y\n");
        r = InlineSpec.Check("M", b, "INIT Init\nNEXT Next\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
    }

    [Fact]
    public void A_universal_quantifier_over_many_elements_after_the_assignments_is_evaluated_in_a_loop()
    {
        // \A e \in SUBSET (1..17) in Init: 131072 instances, once recursed into one by one (a stack overflow).
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals, FiniteSets\nVARIABLE x\n" +
            "Init == /\\ x = 0\n        /\\ \\A e \\in SUBSET (1..17) : Cardinality(e) >= 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
    }

    [Fact]
    public void An_enumeration_too_deep_for_the_stack_is_an_evaluation_error_not_a_crash()
    {
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\n" +
            "Init == /\\ \\A e \\in 1..3000000 : e > 0\n        /\\ x = 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("nests too deeply", r.Violation.Message);
    }

    [Fact]
    public void A_recursive_function_whose_value_is_a_function_may_use_its_own_other_elements()
    {
        // f[i] is [j \in 0..3 |-> ...] and uses f[i][1] for j = 0: TLC keeps the inner function lazy.
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\n" +
            "f[i \\in 0..3] == [j \\in 0..3 |-> IF j = 0 THEN f[i][1] * 10 ELSE i + j]\n" +
            "Init == x = f[2][0]\nNext == x' = x\nInv == x = 30 /\\ f[3][0] = 40 /\\ f[3] = [j \\in 0..3 |-> IF j = 0 THEN 40 ELSE 3 + j]\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void A_recursive_function_without_a_base_case_is_an_evaluation_error_not_a_crash()
    {
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\n" +
            "f[i \\in Nat] == f[i + 1] + 1\nInit == x = f[0]\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("recursed too deeply", r.Violation.Message);
    }

    [Fact]
    public void An_initial_predicate_assigns_a_variable_passed_to_an_operator_parameter()
    {
        // TLC passes arguments unevaluated: Init(s) with Init(var) == \E val \in 0..1 : var = val /\ var < 1 assigns s,
        // also through a recursive operator.
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Integers\nVARIABLE s, t\n" +
            "I(var) == \\E val \\in 0..1 : (var = val /\\ var < 1)\nRECURSIVE Flip(_, _)\nFlip(v, n) == IF n = 0 THEN v = TRUE ELSE Flip(v, n - 1)\n" +
            "Init == I(s) /\\ Flip(t, 2)\nNext == UNCHANGED <<s, t>>\nInv == s = 0 /\\ t\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
    }

    [Fact]
    public void Subset_inclusion_of_power_sets_and_intervals_is_decided_without_enumerating_them()
    {
        var r = InInit("SUBSET (1..23) \\subseteq SUBSET (1..42) /\\ ~(SUBSET (1..42) \\subseteq SUBSET (2..42)) " +
            "/\\ (1..100000000 \\subseteq 0..100000000) /\\ ~(1..100000000 \\subseteq 2..100000000) /\\ SUBSET {} \\subseteq SUBSET {}");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void RandomSubset_picks_from_a_huge_interval_or_function_set_without_enumerating_it()
    {
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Integers, Randomization, FiniteSets\nVARIABLE x\n" +
            "Init == x \\in RandomSubset(300, [1..9 -> 1..10]) \\cup RandomSubset(2, [a : 1..100000, b : 1..100000])\nNext == UNCHANGED x\n" +
            "Inv == Cardinality(RandomSubset(1001, 1..100000000)) = 1001 /\\ RandomSubset(3, 5..100000000) \\subseteq 5..100000000\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(302, r.DistinctStates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_invariant_that_cannot_be_evaluated_exits_76_as_TLC_does(int workers)
    {
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS TLC\nVARIABLE x\nInit == x = 0\nNext == x' = 1\n" +
            "Inv == x = 0 \\/ Assert(FALSE, \"boom\")\nInv2 == x = 0 \\/ x = {1}\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(76, r.ExitCode);
        Assert.Contains("Evaluating invariant Inv failed.", r.Violation.Message);
        Assert.Contains("boom", r.Violation.Message);
        Assert.Equal(2, r.Trace.Count);
        r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS TLC\nVARIABLE x\nInit == x = 0\nNext == x' = 1\n" +
            "Inv2 == x = 0 \\/ x = {1}\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv2\n", workers);
        Assert.Equal(76, r.ExitCode);
        Assert.Contains("Attempted to check equality of integer 1", r.Violation.Message);
    }

    [Theory]
    [InlineData("Foo == x", "C <- Foo", "non-constant Foo")]
    [InlineData("Foo == TLCGet(\"diameter\")", "C <- Foo", "non-constant Foo")]
    public void A_constant_replaced_by_a_definition_that_is_not_constant_is_a_configuration_error(string def, string subst, string message)
    {
        var r = InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS TLC\nCONSTANT C\nVARIABLE x\n{def}\nInit == x = 2\nNext == x' = C\n====\n",
            $"INIT Init\nNEXT Next\nCONSTANT {subst}\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("The configuration file substitutes constant C with " + message, r.Violation.Message);
    }

    [Fact]
    public void A_constant_replaced_by_a_constant_definition_is_fine()
    {
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS TLC\nCONSTANT C\nVARIABLE x\nFoo == {1, 2}\nInit == x \\in C\nNext == x' = x\n====\n",
            "INIT Init\nNEXT Next\nCONSTANT C <- Foo\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.DistinctStates);
    }

    [Theory]
    [InlineData("<<1, 2>> \\in ({1, 2} \\X Nat) \\cup {<<3, 4>>}")]
    [InlineData("(CHOOSE j \\in {{Nat}, {Int}} : \\E k \\in j : -1 \\in k) = {Int}")]
    [InlineData("[[i \\in Int |-> i + 2] EXCEPT ![3] = [j \\in Int |-> @ + j], ![3][6] = 44][3][7] = 12")]
    [InlineData("[[i \\in Int |-> i + 2] EXCEPT ![3] = [j \\in Int |-> @ + j], ![3][6] = 44][3][6] = 44")]
    [InlineData("[[i \\in Int |-> i] EXCEPT ![1] = 5][2] = 2")]
    public void Infinite_sets_and_functions_stay_lazy_where_TLC_keeps_them_lazy(string expr)
    {
        var r = InInit(expr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.DistinctStates);
    }

    [Theory]
    [InlineData("P == x' ~> []x", 150)]
    [InlineData("P == \\A i \\in {x'} : []x", 150)]
    [InlineData("P == [][x' = x]_x /\\ <><<x' # x>>_x /\\ (x = 0 ~> x = 1)", 0)]
    public void Temporal_operators_take_no_actions_as_SANY_checks_levels(string def, int exit)
    {
        var r = InlineSpec.Check("M", $"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\n{def}\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(exit, r.ExitCode);
        // SANY's words for ~> (TLC: "Action used where only temporal formula or state predicate allowed.").
        if (exit == 150) Assert.Contains(def.Contains("~>") ? "Action used where only temporal formula or state predicate allowed." : "Level error", r.Violation.Message);
    }
}
