using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the seventh round of probe specifications, on liveness and temporal properties (see
/// docs/differential-testing.md, "Liveness and temporal properties, round 7"), each reduced to a small spec. Expected
/// exit codes, counts and messages are what TLC printed (tla2tools cc6b616, -workers 1 -fp 0).
/// </summary>
public class LivenessRound7FindingsTests
{
    private const string Cycle = "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x /\\ WF_x(Next)\n";

    private static string Module(string name, string body, string extends = "Naturals, TLC") =>
        $"---- MODULE {name} ----\nEXTENDS {extends}\n{body}====\n";

    private static CheckResult Check(string name, string body, string cfg, params (string File, string Text)[] extra) =>
        InlineSpec.Check(name, Module(name, body), cfg, extra);

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    [Theory]
    // TLC (SpecProcessor.processConfigProps) names the invariant of a boxed state predicate []e by e's operator when e
    // is an operator application without arguments in SANY's sense: a definition, a LET definition, an operator's
    // parameter, a variable, a CONSTANT, TRUE or FALSE. Ops named the property but for a definition.
    [InlineData("P == []FALSE", "", "Error: Invariant FALSE is violated by the initial state:")]
    [InlineData("P == LET L == x < 1 IN []L", "", "Error: Invariant L is violated.")]
    [InlineData("Op(z) == []z\nP == Op(x < 1)", "", "Error: Invariant z is violated.")]
    [InlineData("CONSTANT B\nP == []B", "CONSTANT B = FALSE\n", "Error: Invariant B is violated by the initial state:")]
    [InlineData("Inv == x < 1\nP == []Inv", "", "Error: Invariant Inv is violated.")]
    [InlineData("P == [](x < 1)", "", "Error: Invariant P is violated.")]
    public void A_boxed_state_predicate_is_named_by_its_operator(string defs, string cfg, string message)
    {
        var r = Check("Boxed", Cycle + defs + "\n", cfg + "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Contains(message + "\n", Text(r));
    }

    [Theory]
    // TLC refuses an invariant above state level while it reads the configuration: exit 76, no figures after the
    // message. For an action whose level SANY derives from variables or constants read unprimed (its "level
    // parameters") TLC adds its note on a level-checking bug; not for a temporal formula, x' = 0, UNCHANGED x, or a
    // call Op(1) with Op(a) == x' = a.
    [InlineData("P == <>(x = 2)", false)]
    [InlineData("P == [](x > 0)", false)]
    [InlineData("P == x' = x", true)]
    [InlineData("P == x' = N", true)]
    [InlineData("P == x' > x", true)]
    [InlineData("P == Next", true)]
    [InlineData("P == x' = 0", false)]
    [InlineData("P == UNCHANGED x", false)]
    [InlineData("Op(a) == x' = a\nP == Op(1)", false)]
    public void An_invariant_above_state_level_is_refused_before_the_search(string defs, bool note)
    {
        var r = Check("Lvl", "CONSTANT N\n" + Cycle + defs + "\n", "CONSTANT N = 1\nSPECIFICATION Spec\nINVARIANT P\n");
        Assert.Equal(76, r.ExitCode);
        var expected = "Error: The invariant P is not a state predicate (one with no primes or temporal operators).\n"
            + (note ? "Note that a bug can cause TLC to incorrectly report this error.\nIf you believe your TLA+ or PlusCal specification to be correct,\n"
                      + "please check if this bug described in LevelNode.java starting at line 590ff affects you.\n" : "");
        var text = Text(r);
        Assert.StartsWith(expected, text.Substring(text.IndexOf("Error:", StringComparison.Ordinal)));
        Assert.DoesNotContain("states generated", text);
    }

    [Theory]
    // TLC gives TLCGet state level in a temporal formula: TLCGet("level") is the depth of each state of the behaviour
    // graph (TLC evaluates the predicates on the state as it was found). Ops evaluated it once, as a constant (0), and
    // reported <>(TLCGet("level") > 2) violated.
    [InlineData("P == <>(TLCGet(\"level\") > 2)", 0)]
    [InlineData("P == []<>(TLCGet(\"level\") = 1)", 0)]
    [InlineData("P == <>[](TLCGet(\"level\") < 3)", 13)]
    public void TLCGet_level_in_a_temporal_property_is_the_states_depth(string defs, int exit)
    {
        var r = Check("Lev", Cycle + defs + "\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(3, r.DistinctStates);
    }

    [Fact]
    public void A_lasso_under_symmetry_is_a_behaviour_of_the_states_TLC_regenerates()
    {
        // With SYMMETRY a kept state stands for its permutations, and an edge of the graph leads to a fingerprint, not
        // to the state kept: TLC prints each state of the lasso as the successor of the state printed before it
        // (Tool.getState(fp, s), the first action reaching it), and the loop's action likewise. Ops printed the kept
        // states (State 5 pc = (p1 :> "wait" @@ p2 :> "idle") after Leave(p1) from (cs, wait)).
        var tla = @"---- MODULE Sym7 ----
EXTENDS Naturals, TLC, FiniteSets, Sequences
CONSTANT Procs
VARIABLES pc, cnt
vars == <<pc, cnt>>
Init == pc = [p \in Procs |-> ""idle""] /\ cnt = 0
Try(p) == pc[p] = ""idle"" /\ pc' = [pc EXCEPT ![p] = ""wait""] /\ UNCHANGED cnt
Enter(p) == pc[p] = ""wait"" /\ \A q \in Procs : pc[q] # ""cs"" /\ pc' = [pc EXCEPT ![p] = ""cs""] /\ cnt' = (cnt + 1) % 2
Leave(p) == pc[p] = ""cs"" /\ pc' = [pc EXCEPT ![p] = ""idle""] /\ UNCHANGED cnt
Next == \E p \in Procs : Try(p) \/ Enter(p) \/ Leave(p)
Spec == Init /\ [][Next]_vars /\ \A p \in Procs : WF_vars(Enter(p)) /\ WF_vars(Leave(p))
Starv == \A p \in Procs : pc[p] = ""wait"" ~> pc[p] = ""cs""
Sym == Permutations(Procs)
====
";
        var r = InlineSpec.Check("Sym7", tla, "CONSTANT Procs = {p1, p2}\nSPECIFICATION Spec\nPROPERTY Starv\nSYMMETRY Sym\n");
        Assert.Equal(13, r.ExitCode);
        Assert.Equal((19, 10), (r.StatesGenerated, r.DistinctStates));
        var text = Text(r);
        int from = text.IndexOf("Error: Temporal", StringComparison.Ordinal);
        int to = text.IndexOf("Back to state", StringComparison.Ordinal);
        to = text.IndexOf('\n', to);
        Assert.Equal(@"Error: Temporal property Starv was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
/\ cnt = 0
/\ pc = (p1 :> ""idle"" @@ p2 :> ""idle"")

State 2: <Try(p1) line 7, col 11 to line 7, col 76 of module Sym7>
/\ cnt = 0
/\ pc = (p1 :> ""wait"" @@ p2 :> ""idle"")

State 3: <Try(p2) line 7, col 11 to line 7, col 76 of module Sym7>
/\ cnt = 0
/\ pc = (p1 :> ""wait"" @@ p2 :> ""wait"")

State 4: <Enter(p1) line 8, col 13 to line 8, col 116 of module Sym7>
/\ cnt = 1
/\ pc = (p1 :> ""cs"" @@ p2 :> ""wait"")

State 5: <Leave(p1) line 9, col 13 to line 9, col 76 of module Sym7>
/\ cnt = 1
/\ pc = (p1 :> ""idle"" @@ p2 :> ""wait"")

State 6: <Try(p1) line 7, col 11 to line 7, col 76 of module Sym7>
/\ cnt = 1
/\ pc = (p1 :> ""wait"" @@ p2 :> ""wait"")

State 7: <Enter(p1) line 8, col 13 to line 8, col 116 of module Sym7>
/\ cnt = 0
/\ pc = (p1 :> ""cs"" @@ p2 :> ""wait"")

State 8: <Leave(p1) line 9, col 13 to line 9, col 76 of module Sym7>
/\ cnt = 0
/\ pc = (p1 :> ""idle"" @@ p2 :> ""wait"")

Back to state 3: <Try(p1) line 7, col 11 to line 7, col 76 of module Sym7>".Replace("\r\n", "\n"), text[from..to]);
    }

    private const string Abs = "---- MODULE AbsSpec ----\nEXTENDS Naturals\nVARIABLE y\nInit == y = 0\nNext == y' = 1 - y\n"
        + "Spec == Init /\\ [][Next]_y\nFSpec == Spec /\\ WF_y(Next)\nLive == []<>(y = 1)\n====\n";

    [Theory]
    // A property of a parameterised INSTANCE (Abs(v) == INSTANCE AbsSpec WITH y <- v, P == Abs(x % 2)!FSpec): inside
    // the instance, FSpec's Spec is for SANY a definition without arguments, which TLC looks through (Init an implied
    // initial predicate, [][Next]_y an action property, WF a temporal formula). Ops classified Spec whole (it passes the
    // instance's parameter on as an argument) and failed with "Temporal formulas containing actions must be of forms
    // <>[]A or []<>A." (exit 255).
    [InlineData("Abs(x % 2)!FSpec", true, 0)]
    [InlineData("Abs(x % 2)!Spec", true, 0)]
    [InlineData("Abs(x % 2)!FSpec", false, 13)]
    [InlineData("Abs(x % 2)!Live", true, 0)]
    public void A_property_of_a_parameterised_instance_is_split_as_TLC_splits_it(string prop, bool fair, int exit)
    {
        var body = "VARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 4\nSpec == Init /\\ [][Next]_x" + (fair ? " /\\ WF_x(Next)" : "")
            + "\nAbs(v) == INSTANCE AbsSpec WITH y <- v\nP == " + prop + "\n";
        var r = Check("PInst", body, "SPECIFICATION Spec\nPROPERTY P\n", ("AbsSpec.tla", Abs));
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal((5, 4), (r.StatesGenerated, r.DistinctStates));
    }

    [Theory]
    // TLC reads the temporal formulas before its search, and before it checks the assumptions (LiveCheck's
    // processLiveness): a formula outside its fragment is its error then, exit 255, no state computed and no figures.
    // Ops found them after the search (and printed its figures), or failed the assumption first.
    [InlineData("P == <>(x = 1 /\\ <><<Next>>_x)", "Temporal formulas containing actions must be of forms <>[]A or []<>A.")]
    [InlineData("P == ~[][x' = x]_x", "Temporal formulas containing actions must be of forms <>[]A or []<>A.")]
    [InlineData("P == [][x' > x]_x \\/ <>(x = 1)", "Temporal formulas containing actions must be of forms <>[]A or []<>A.")]
    // A temporal quantifier: TLC's liveness checker has none (Ops: "the temporal operator \EE is not supported").
    [InlineData("P == \\EE y : []<>(x = 1)", "TLC cannot handle the temporal formula line 8, col 6 to line 8, col 24 of module Frag")]
    [InlineData("P == \\AA y : []<>(x = 1)", "TLC cannot handle the temporal formula line 8, col 6 to line 8, col 24 of module Frag")]
    public void A_temporal_formula_TLC_cannot_handle_is_its_error_before_the_search(string defs, string message)
    {
        var r = Check("Frag", "ASSUME 1 = 2\n" + Cycle + defs + "\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.EndsWith(message, r.Violation.Message);
        Assert.Equal(0, r.DistinctStates);
        Assert.DoesNotContain("states generated", Text(r));
    }

    [Fact]
    public void A_quantifier_over_a_state_dependent_set_in_a_temporal_property_is_refused()
    {
        // TLC enumerates the domain without a state: "TLC cannot handle the temporal formula ...:" and the evaluation
        // error (exit 255, before the search). Ops failed evaluating it after the search (exit 75, with a trace).
        var r = Check("Dom", Cycle + "P == \\A i \\in {x} : <>(x = i)\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("TLC cannot handle the temporal formula line 7, col 6 to line 7, col 29 of module Dom:\n", r.Violation.Message);
        Assert.DoesNotContain("The behavior up to this point", Text(r));
    }

    [Theory]
    // SANY refuses an action on either side of ~>, <<A>>_v too (exit 150); [][A]_v is a temporal formula there.
    [InlineData("P == (x = 0) ~> <<Next>>_x", 150)]
    [InlineData("P == <<Next>>_x ~> (x = 1)", 150)]
    [InlineData("P == (x = 0) ~> (x' = 1)", 150)]
    [InlineData("P == [][Next]_x ~> (x = 1)", 255)]
    public void An_action_under_leads_to_is_SANYs_level_error(string defs, int exit)
    {
        var r = Check("Lt", Cycle + defs + "\n", "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 150) Assert.Equal("Action used where only temporal formula or state predicate allowed.", r.Violation.Message);
    }

    [Fact]
    public void A_specification_without_an_initial_predicate_is_TLCs_one_line_message()
    {
        // TLC cc6b616 prints EC.TLC_CONFIG_MISSING_INIT without the old hint on parameterised instances.
        var r = Check("NoInit", Cycle + "S3 == \\E i \\in {1} : [][Next]_x\n", "SPECIFICATION S3\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Equal("The configuration file did not specify the initial state predicate.", r.Violation.Message);
    }
}
