using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking.Liveness;

/// <summary>
/// Liveness counterexamples and temporal-property reports as TLC prints them, for the mechanisms behind TLC's choice
/// of lasso and of the names it reports. Each expected text is what TLC 2026.04.29 (rev cc6b616) printed with
/// <c>-workers 1 -fp 0</c> for the same specification and configuration.
/// </summary>
public class LassoParityTests
{
    private static string Trace(CheckResult r) => LivenessLassoTests.Trace(r);

    private static void AssertLasso(string expected, CheckResult r) => LivenessLassoTests.AssertLasso(expected, r);

    private const string Ring = """
        ---- MODULE Ring ----
        EXTENDS Naturals
        CONSTANT Procs, Pad
        VARIABLES owner, n
        Init == owner \in Procs /\ n = 0
        Pass(p) == owner' = p /\ n' = (n + 1) % 3
        Next == \E p \in Procs : Pass(p)
        Spec == Init /\ [][Next]_<<owner, n>> /\ WF_<<owner, n>>(Next)
        Reaches == <>(n = 5)
        ====
        """;

    /// <summary>TLC fingerprints a model value by the intern number of its name (util.UniqueString's token), not by
    /// its characters; TLC interns the .cfg's strings and model values first, in the order the .cfg names them. The
    /// fingerprints order each state's successors in TLC's behaviour graph, so they decide the lasso: here the
    /// owner of the cycle's states. A string named before the model values moves their numbers by one, and TLC's
    /// lasso with them.</summary>
    [Theory]
    [InlineData("CONSTANTS\n  Procs = {a, b, c}\n  Pad = 0\n", "c")]
    [InlineData("CONSTANTS\n  Pad = \"pad\"\n  Procs = {a, b, c}\n", "b")]
    public void A_model_values_fingerprint_is_its_intern_number_in_TLCs_order_of_the_cfg(string constants, string owner)
    {
        var r = InlineSpec.Check("Ring", Ring, constants + "SPECIFICATION Spec\nPROPERTY Reaches\n", new CheckOptions { FingerprintIndex = 0 });
        Assert.Equal("Reaches", r.Violation.Property);
        AssertLasso($"""
            State 1: <Initial predicate>
            /\ owner = a
            /\ n = 0
            State 2: <Pass({owner}) line 6, col 12 to line 6, col 41 of module Ring>
            /\ owner = {owner}
            /\ n = 1
            State 3: <Pass({owner}) line 6, col 12 to line 6, col 41 of module Ring>
            /\ owner = {owner}
            /\ n = 2
            Back to state 1: <Pass(a) line 6, col 12 to line 6, col 41 of module Ring>
            """, r);
        Assert.Equal(30, r.StatesGenerated);
        Assert.Equal(9, r.DistinctStates);
    }

    private const string Stutter = """
        ---- MODULE Stutter ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x < 2 /\ x' = x + 1
        Spec ==
            Init /\ [][Next]_x
        FairSpec == Spec /\ WF_x(Next)
        Reaches == <>(x = 2)
        Never == <>(x = 3)
        Settles == <>[](x = 5)
        ====
        """;

    private const string NoFairness = "Warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the "
        + "behavior specification Spec defined at line 6, col 1 to line 7, col 22 of module Stutter. To rule out such counterexamples, conjoin a "
        + "suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).\n"
        + "(Use the -nowarning option to disable this warning.)";

    private const string NoSpecification = "Warning: The stuttering counterexample above may be caused by the absence of a behavior specification "
        + "(SPECIFICATION). Only INIT and NEXT have been provided, so TLC permits infinite stuttering. To rule out such counterexamples, use "
        + "SPECIFICATION Spec, with Spec asserting a suitable fairness constraint (compare Chapter 8, page 87ff of Specifying Systems at "
        + "https://lamport.azurewebsites.net/tla/book.html).\n(Use the -nowarning option to disable this warning.)";

    /// <summary>After a stuttering lasso TLC warns that fairness may be missing: naming the SPECIFICATION and where it
    /// is defined when it has no fairness, or saying that INIT and NEXT permit stuttering. It does not when the
    /// specification has fairness, nor when the property's every error model is empty and its tableau's promises hold
    /// no [] (an eventuality the behaviour never meets: TLC's OrderOfSolution.hasEmptyPEMAndBoxFreePromises).</summary>
    [Theory]
    [InlineData("SPECIFICATION Spec\nPROPERTY Settles\n", 4, NoFairness)]
    [InlineData("INIT Init\nNEXT Next\nPROPERTY Settles\n", 4, NoSpecification)]
    [InlineData("SPECIFICATION Spec\nPROPERTY Reaches\n", 3, null)]
    [InlineData("INIT Init\nNEXT Next\nPROPERTY Reaches\n", 3, null)]
    [InlineData("SPECIFICATION FairSpec\nPROPERTY Never\n", 4, null)]
    public void A_stuttering_counterexample_is_followed_by_TLCs_warning_about_fairness(string cfg, int stutterAt, string warning)
    {
        var r = InlineSpec.Check("Stutter", Stutter, cfg, new CheckOptions { FingerprintIndex = 0, CheckDeadlock = false });
        var expected = new StringBuilder("State 1: <Initial predicate>\nx = 0");
        for (int i = 2; i < stutterAt; i++)
            expected.Append($"\nState {i}: <Next line 5, col 9 to line 5, col 27 of module Stutter>\nx = {i - 1}");
        expected.Append($"\nState {stutterAt}: Stuttering");
        if (warning != null) expected.Append('\n').Append(warning);
        AssertLasso(expected.ToString(), r);

        var quiet = InlineSpec.Check("Stutter", Stutter, cfg, new CheckOptions { FingerprintIndex = 0, CheckDeadlock = false, NoWarnings = true });
        Assert.DoesNotContain("Warning", Trace(quiet));
    }

    private const string Counter = """
        ---- MODULE Counter ----
        EXTENDS Naturals
        CONSTANT Limit
        VARIABLE c
        Inc == c < Limit /\ c' = c + 1
        Reset == c = Limit /\ c' = 0
        Next == Inc \/ Reset
        ISpec == c = 0 /\ [][Next]_c /\ WF_c(Next)
        ====
        """;

    private const string Inst = """
        ---- MODULE Inst ----
        EXTENDS Naturals
        VARIABLE c
        P(Limit) == INSTANCE Counter
        Q == INSTANCE Counter WITH Limit <- 2
        Init == c = 0
        SpecP == Init /\ [][P(2)!Inc \/ P(2)!Reset]_c /\ WF_c(P(2)!Next)
        SpecN == Init /\ [][P(2)!Next]_c /\ WF_c(P(2)!Next)
        SpecQ == Init /\ [][Q!Inc \/ Q!Reset]_c /\ WF_c(Q!Next)
        SpecI == Q!ISpec
        Prop == <>(c = 5)
        ====
        """;

    /// <summary>A definition an INSTANCE that substitutes copied is one action for TLC (SANY wraps its body in a
    /// SubstInNode, which TLC's getActions does not split): named I!A with the instance's arguments and placed at the
    /// INSTANCE statement, in the lasso as in any trace. A specification of the instance (I!Spec) has its whole
    /// next-state relation wrapped so: one action, "Action".</summary>
    [Theory]
    [InlineData("SpecP", "P!Inc(2) line 4, col 1 to line 4, col 28 of module Inst", "P!Reset(2) line 4, col 1 to line 4, col 28 of module Inst")]
    [InlineData("SpecN", "P!Next(2) line 4, col 1 to line 4, col 28 of module Inst", "P!Next(2) line 4, col 1 to line 4, col 28 of module Inst")]
    [InlineData("SpecQ", "Q!Inc line 5, col 1 to line 5, col 37 of module Inst", "Q!Reset line 5, col 1 to line 5, col 37 of module Inst")]
    [InlineData("SpecI", "Action line 5, col 1 to line 5, col 37 of module Inst", "Action line 5, col 1 to line 5, col 37 of module Inst")]
    public void An_action_of_an_instance_that_substitutes_is_named_at_the_INSTANCE_as_TLC_names_it(string spec, string step, string back)
    {
        var r = InlineSpec.Check("Inst", Inst, $"SPECIFICATION {spec}\nPROPERTY Prop\n", new CheckOptions { FingerprintIndex = 0 }, ("Counter.tla", Counter));
        AssertLasso($"""
            State 1: <Initial predicate>
            c = 0
            State 2: <{step}>
            c = 1
            State 3: <{step}>
            c = 2
            Back to state 1: <{back}>
            """, r);
    }

    private const string Multi = """
        ---- MODULE Multi ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x < 3 /\ x' = x + 1
        Spec == Init /\ [][Next]_x
        A == <>(x = 7)
        B == []<>(x = 0)
        C == <>[](x = 1)
        D == <>(x = 2)
        E == [](x < 5)
        F == (x = 0) ~> (x = 9)
        ====
        """;

    /// <summary>TLC evaluates every temporal property on the lasso it found (Liveness.findViolatedProperties) and
    /// names each one the lasso violates, in the order of the properties: "Temporal properties A, B, C, and F were
    /// violated." The lasso is the one found for the first property violated (here D's, with E first: E holds, and
    /// so does C on D's lasso).</summary>
    [Theory]
    [InlineData("A B C D E F", 4, "Temporal properties A, B, C, and F were violated.", false)]
    [InlineData("E D C B A", 2, "Temporal properties D, B, and A were violated.", false)]
    [InlineData("E A", 4, "Temporal property A was violated.", false)]
    [InlineData("E C B", 4, "Temporal properties C and B were violated.", true)]
    public void Every_property_the_lasso_violates_is_named_in_TLCs_order(string properties, int states, string message, bool warns)
    {
        var r = InlineSpec.Check("Multi", Multi, $"SPECIFICATION Spec\nPROPERTIES {properties}\n", new CheckOptions { FingerprintIndex = 0, CheckDeadlock = false });
        Assert.Equal(message, r.Violation.Message);
        var expected = new StringBuilder("State 1: <Initial predicate>\nx = 0");
        for (int i = 2; i <= states; i++)
            expected.Append($"\nState {i}: <Next line 5, col 9 to line 5, col 27 of module Multi>\nx = {i - 1}");
        expected.Append($"\nState {states + 1}: Stuttering");
        if (warns)
            expected.Append("\n").Append(NoFairness.Replace("line 6, col 1 to line 7, col 22 of module Stutter", "line 6, col 1 to line 6, col 26 of module Multi"));
        AssertLasso(expected.ToString(), r);
    }
}
