using Ops.Tla.Checking;
using Ops.Tla.Tests.Checking;
using Xunit;

namespace Ops.Tla.Tests.Config;

/// <summary>
/// What TLC checks when it reads the configuration and what it leaves to evaluation. Verdicts are TLC's (tla2tools
/// cc6b616, -workers 1).
/// </summary>
public class ConfigurationReadAsTlcTests
{
    private const string Spec = "---- MODULE Cfg ----\nEXTENDS Naturals, FiniteSets\nCONSTANT N\nVARIABLE x\nInit == x = 0\n" +
        "Next == x < 2 /\\ x' = x + 1\nInv == x < 5\nTemporal == [](x < 3)\nPrimed == x' > 0\nBoxed == [][Next]_x\n";

    private static CheckResult Check(string units, string cfg) => InlineSpec.Check("Cfg", Spec + units + "\n====\n", cfg);

    [Fact]
    public void A_substitution_by_an_undefined_name_is_a_configuration_error_even_when_unused()
    {
        // TLC: "The configuration file substitutes for N with the undefined identifier Nope." (exit 151); Ops checked
        // the model, N being unused (exit 0).
        var r = Check("", "INIT Init\nNEXT Next\nCONSTANT N <- Nope\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("The configuration file substitutes for N with the undefined identifier Nope.", r.Violation.Message);
    }

    [Theory]
    // TLC does not check these levels when it reads the configuration: it fails evaluating the prime ("In evaluation,
    // the identifier x is either undefined or not an operator.") or the temporal operator ("TLC encountered a
    // temporal formula ([]A) when evaluating a predicate or action."), exit 75. Ops said so before the search with
    // exit 151.
    [InlineData("Init2 == x = 0 /\\ (x' = 1 \\/ TRUE)", "INIT Init2\nNEXT Next\nCONSTANT N = 1\n", "The initial predicate must be a state predicate")]
    [InlineData("Init2 == x = 0 /\\ [](x = 0)", "INIT Init2\nNEXT Next\nCONSTANT N = 1\n", "The initial predicate must be a state predicate")]
    [InlineData("", "INIT Init\nNEXT Next\nCONSTANT N = 1\nCONSTRAINT Primed\n", "The state constraint Primed must be a state predicate")]
    [InlineData("", "INIT Init\nNEXT Next\nCONSTANT N = 1\nCONSTRAINT Temporal\n", "The state constraint Temporal must be a state predicate")]
    [InlineData("", "INIT Init\nNEXT Next\nCONSTANT N = 1\nACTION_CONSTRAINT Boxed\n", "The action constraint Boxed must be an action")]
    public void A_formula_above_its_level_fails_as_TLCs_evaluation_does(string units, string cfg, string message)
    {
        var r = Check(units, cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
        Assert.Equal(0, r.DistinctStates);
    }

    [Theory]
    // TLC's parser of the file throws a ConfigFileException ("The keyword INIT appeared twice.", a keyword with
    // nothing after it): "TLC threw an unexpected exception", exit 255. Ops said 151.
    [InlineData("INIT Init\nINIT Init\nNEXT Next\nCONSTANT N = 1\n", "INIT is given twice")]
    [InlineData("INIT Init\nNEXT Next\nNEXT Next\nCONSTANT N = 1\n", "NEXT is given twice")]
    [InlineData("INIT Init\nNEXT Next\nVIEW Inv\nVIEW Inv\nCONSTANT N = 1\n", "VIEW is given twice")]
    [InlineData("CONSTANT N = 1\nINIT Init\nNEXT Next\nALIAS Inv\nALIAS Inv\n", "ALIAS is given twice")]
    [InlineData("CONSTANT N = 1\nSPECIFICATION Boxed\nSPECIFICATION Boxed\n", "SPECIFICATION is given twice")]
    [InlineData("CONSTANT N = 1\nINIT", "INIT expects the name of a definition after it, but the file ends here")]
    public void A_section_given_twice_or_left_empty_at_the_end_is_TLCs_unexpected_exception(string cfg, string message)
    {
        var r = Check("", cfg);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void INIT_without_NEXT_computes_the_initial_states_then_stops_as_TLC_does()
    {
        // TLC: "Finished computing initial states: 1 distinct state generated", then "Error: No next state actions
        // defined to generate successor states from." (exit 75). Ops refused the configuration (exit 151).
        var r = Check("", "INIT Init\nCONSTANT N = 1\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("No next state actions defined to generate successor states from.", r.Violation.Message);
        Assert.Equal(1, r.DistinctStates);
    }

    [Theory]
    // TLC sorts a configuration set's elements as it reads it: "The exception was a java.lang.RuntimeException:
    // Attempted to compare integer 2 with non-integer: "s"" (exit 255), with N unused. Ops checked the model (exit 0).
    [InlineData("{a, \"s\", 2}", "Attempted to compare integer 2 with non-integer:\n\"s\"")]
    [InlineData("{{1}, {\"s\"}}", "Attempted to compare string \"s\" with non-string:\n1")]
    [InlineData("{TRUE, 1}", "Attempted to compare integer 1 with non-integer:\nTRUE")]
    public void A_configuration_set_TLC_cannot_order_fails_when_read(string set, string message)
    {
        var r = Check("", $"INIT Init\nNEXT Next\nCONSTANT N = {set}\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void Model_values_mix_with_any_kind_in_a_configuration_set()
    {
        // TLC: exit 0 (model values compare with anything; the invariant holds).
        var r = Check("Inv2 == Cardinality(N) = 3", "INIT Init\nNEXT Next\nCONSTANT N = {a, 1, b}\nINVARIANT Inv2\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void An_invariant_naming_a_definition_that_is_not_Boolean_fails_in_TLCs_words()
    {
        // TLC: "TLC expected a boolean value, but did not find one. line 11, col 8 to line 11, col 12 of module Cfg",
        // "While working on the initial state:" (exit 75). Ops said it in its own words.
        var r = Check("Val == x + 1", "INIT Init\nNEXT Next\nCONSTANT N = 1\nINVARIANT Val\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("TLC expected a boolean value, but did not find one. line 11, col 8 to line 11, col 12 of module Cfg", r.Violation.Message);
    }

    [Fact]
    public void A_postcondition_reading_a_variable_fails_as_TLCs_lookup_in_no_state()
    {
        // TLC: "Evaluating postcondition Post at line 11, col 9 to line 11, col 13 of module Cfg failed.", "In
        // evaluation, the identifier x is either undefined or not an operator.", "line 11, col 9 to line 11, col 9 of
        // module Cfg" (exit 10). Ops said the variable could not be used there, in its own words.
        var r = Check("Post == x = 2", "INIT Init\nNEXT Next\nCONSTANT N = 1\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("In evaluation, the identifier x is either undefined or not an operator.\nline 11, col 9 to line 11, col 9 of module Cfg", r.Violation.Message);
    }
}
