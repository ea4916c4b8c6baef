using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the fifth round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 5") and on small specifications written for corners, each reduced to a small
/// spec written for the test. Expected exit codes, counts and messages are what TLC printed (tla2tools cc6b616,
/// -workers 1).
/// </summary>
public class ReposRound5FindingsTests
{
    private const string Order = "---- MODULE O ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\n"
        + "Spec == Init /\\ [][Next]_x\nInv == x > 5\nP1 == x = 7\nP2 == [](x > 8)\nP3 == x = 9 /\\ [](x > 10)\n====\n";

    [Theory]
    // TLC's DoInitFunctor checks an initial state's invariants (the INVARIANTs, then the []P parts of the
    // PROPERTYs) before its implied initial predicates (the state-level parts of the PROPERTYs). Found on
    // elh/petri-tlaplus (PROPERTY IsStateMachine == /\ <constant, FALSE> /\ [](BagSum(Marking) = 1)): TLC "Invariant
    // line 104, col 22 to line 104, col 44 of module PetriNet is violated by the initial state:" (exit 12); Ops reported
    // the property's constant part first ("Property line 102 ... is violated by the initial state:", exit 13).
    [InlineData("INVARIANT Inv\nPROPERTY P1\n", 12, "Invariant Inv is violated by the initial state:")]
    [InlineData("PROPERTY P1 P2\n", 12, "Invariant P2 is violated by the initial state:")]
    [InlineData("PROPERTY P3\n", 12, "Invariant line 10, col 16 to line 10, col 25 of module O is violated by the initial state:")]
    [InlineData("PROPERTY P1\n", 13, "Property P1 is violated by the initial state:")]
    // An initial state a CONSTRAINT excludes is checked all the same; a false implied initial predicate there is
    // TLC_PROPERTY_VIOLATED_INITIAL too (exit 13; Ops said 12).
    [InlineData("PROPERTY P1\nCONSTRAINT Inv\n", 13, "Property P1 is violated by the initial state:")]
    [InlineData("PROPERTY P1\nINVARIANT Inv\nCONSTRAINT Inv\n", 12, "Invariant Inv is violated by the initial state:")]
    public void An_initial_state_is_checked_against_invariants_before_implied_initial_predicates(string cfg, int exit, string first)
    {
        var r = InlineSpec.Check("O", Order, "SPECIFICATION Spec\n" + cfg);
        Assert.Equal(exit, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Equal("Error: " + first, text.Split('\n').First(l => l.StartsWith("Error:")));
    }
}
