using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>How the CONSTANT(S) section of the configuration binds names, as TLC's SpecProcessor does it; each
/// expectation was taken from TLC on the same spec.</summary>
public class ConfigConstantsTests
{
    private const string Counter = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\n====\n";

    [Fact]
    public void A_value_for_a_name_the_spec_does_not_declare_is_passed_over()
    {
        // TLC applies values to the constants and definitions the root module sees only; Z is not one, nor is x. It
        // says nothing about them.
        var r = InlineSpec.Check("M", Counter, "INIT Init\nNEXT Next\nCONSTANTS Z = 42\nx = 3\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void A_substitution_of_a_name_the_spec_does_not_declare_is_an_error()
    {
        var r = InlineSpec.Check("M", Counter.Replace("Next ==", "Foo == 1\nNext =="), "INIT Init\nNEXT Next\nCONSTANT Z <- Foo\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("the identifier Z does not appear in the specification", r.Violation.Message);
    }

    private const string Table = "---- MODULE M ----\nCONSTANT F(_, _)\nVARIABLE x\nInit == x = 0\nNext == x' = F(x, \"a\")\nInv == x # 9\n====\n";

    [Fact]
    public void Lines_giving_an_operator_values_for_arguments_make_one_table()
    {
        var r = InlineSpec.Check("M", Table, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTANT\nF(0, \"a\") = 1\nF(1, \"a\") = 2\nF(2, \"a\") = 9\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(4, r.StatesGenerated);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void Applying_a_table_to_arguments_it_does_not_list_is_an_evaluation_error()
    {
        var r = InlineSpec.Check("M", Table, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTANT\nF(0, \"a\") = 1\nF(1, \"b\") = 2\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Attempted to apply operator:\n{ <0, \"a\", 1>, <1, \"b\", 2>}\nto arguments (1, \"a\"), which is undefined.", r.Violation.Message);
    }

    [Fact]
    public void The_cardinality_of_a_set_of_more_than_2pow31_minus_1_elements_is_TLCs_overflow_error()
    {
        // TLC counts elements in a 32-bit int: 2000^3 elements overflow it.
        var r = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals, FiniteSets\nASSUME Cardinality([0..2 -> 1..2000]) > 0\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("Overflow when computing the number of elements in:\n[0..2 -> 1..2000]", r.Violation.Message);
        var ok = InlineSpec.Check("M", "---- MODULE M ----\nEXTENDS Naturals, FiniteSets\nASSUME Cardinality([0..1 -> 1..2000]) = 4000000\n====\n", "");
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public void A_subseteq_on_an_unassigned_variable_assigns_each_subset_and_init_arguments_are_passed_by_name()
    {
        // TLC: 4 initial states (x \subseteq {1, 2}), each with 8 successors (x' \subseteq {1, 2, 3}); 68 generated,
        // 8 distinct. MyInit(Init) walks Init as TLC's getInitStates does (the argument is not evaluated first).
        var r = InlineSpec.Check("M",
            "---- MODULE M ----\nVARIABLES x, y\nInit == x \\subseteq {1, 2} /\\ y = {1, 2, 3}\nNext == UNCHANGED y /\\ x' \\subseteq y'\n"
            + "MyInit(p) == p\nSpec == MyInit(Init) /\\ [][Next]_<<x, y>>\n====\n",
            "SPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(68, r.StatesGenerated);
        Assert.Equal(8, r.DistinctStates);
    }

    [Fact]
    public void Overriding_an_operator_of_a_native_module_replaces_it_wherever_the_module_is_extended()
    {
        // TLC: Nat <- [Naturals]MyNat replaces Naturals' Nat, which the root module (and any module extending Naturals)
        // sees: x \in Nat fails at x = 2, so 3 states, not an endless search.
        var r = InlineSpec.Check("M",
            "---- MODULE M ----\nEXTENDS Integers\nVARIABLES x\nSpec == x = 0 /\\ [][(x \\in Nat /\\ x' = x + 1)]_x\nMyNat == 0..1\n====\n",
            "CONSTANT\nNat <- [Naturals]MyNat\nSPECIFICATION\nSpec\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    [Fact]
    public void TLCCache_evaluates_a_constant_expression_once_per_value_of_its_closure()
    {
        // TLC prints <<1, 1, 2, 2>>, <<1, 1, 3>> (the closure is the key: g(2) gets g(1)'s value) and <<7, 7, 4>>.
        var r = InlineSpec.Check("M",
            "---- MODULE M ----\nEXTENDS Integers, TLC, TLCExt\nASSUME TLCSet(1, 0)\ninc(v) == CASE TLCSet(1, TLCGet(1) + 1) -> v\n"
            + "f(n) == TLCCache(inc(n), {n})\ng(n) == TLCCache(inc(n), {})\nh == TLCCache(inc(7), {})\n"
            + "ASSUME PrintT(<<f(1), f(1), f(2), TLCGet(1)>>)\nASSUME PrintT(<<g(1), g(2), TLCGet(1)>>)\nASSUME PrintT(<<h, h, TLCGet(1)>>)\n====\n",
            "");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "<<1, 1, 2, 2>>", "<<1, 1, 3>>", "<<7, 7, 4>>" }, r.Output);
    }

    [Fact]
    public void Applying_a_constructed_function_outside_its_domain_is_worded_as_TLC_words_a_FcnLambdaValue()
    {
        // TLC's message for a function it holds as a constructor (AssertError compares it exactly).
        var r = InlineSpec.Check("M",
            "---- MODULE M ----\nEXTENDS Integers, TLCExt\nASSUME LET f == [n \\in 0..3 |-> n] IN "
            + "AssertError(\"In applying the function\\n(0 :> 0 @@ 1 :> 1 @@ 2 :> 2 @@ 3 :> 3),\\nthe first argument is:\\n-4\\nwhich is not in its domain.\\n\", f[-4])\n====\n",
            "");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Ordering_typed_model_values_of_different_types_is_an_error()
    {
        // TLC: "Attempted to compare the differently-typed model values B_a and A_a" when it orders the set, which it
        // does to fingerprint the initial state: its general failure (exit 255), without a state or statistics. TLC's
        // sort compares the second element with the first (B_a with A_a).
        var r = InlineSpec.Check("M",
            "---- MODULE M ----\nEXTENDS TLCExt\nVARIABLE v\nInit == v = {TLCModelValue(\"A_a\"), TLCModelValue(\"B_a\")}\nNext == UNCHANGED v\n====\n",
            "INIT Init\nNEXT Next\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("Attempted to compare the differently-typed model values B_a and A_a", r.Violation.Message);
        Assert.DoesNotContain("states generated", Ops.Tla.Output.TlcText.Format(r));
    }
}
