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
    private static string Trace(CheckResult r)
    {
        var sb = new StringBuilder();
        TlcText.WriteTrace(r, sb);
        return string.Join("\n", sb.ToString().Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0));
    }

    private static void AssertLasso(string expected, CheckResult r)
    {
        Assert.Equal(13, r.ExitCode);
        Assert.Equal(expected.Replace("\r\n", "\n").Trim(), Trace(r));
    }

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
}
