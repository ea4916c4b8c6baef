using Xunit;
using Ops.Tla.Checking;

namespace Ops.Tla.Tests.Checking;

/// <summary>SANY's checks of INSTANCE substitutions and operator arguments that TLC reports as semantic errors (150)
/// before it reads the configuration: Leibniz operators for operator constants, the level of a substitution for
/// a constant an ASSUME mentions, the level of an argument for a primed parameter.</summary>
public class InstantiationChecksTests
{
    private const string OpConst = "---- MODULE LbOp ----\nCONSTANT Op(_)\n====\n";
    private const string Assumes = "---- MODULE LbAs ----\nCONSTANT C, D\nASSUME C = {}\n====\n";
    private const string Primes = "---- MODULE LbT ----\nVARIABLE y\nFoo == y' = 0\n====\n";

    private static CheckResult Check(string extra) =>
        InlineSpec.Check("Lb", "---- MODULE Lb ----\nVARIABLE x\nGood(a) == {a, x'}\nBad(a) == a'\nBadE(a) == ENABLED a\n" +
                               "OkI == INSTANCE LbOp WITH Op <- Good\n" + extra + "\n====\n", "",
            ("LbOp.tla", OpConst), ("LbAs.tla", Assumes), ("LbT.tla", Primes));

    [Theory]
    [InlineData("BadI == INSTANCE LbOp WITH Op <- Bad", "A non-Leibniz operator substituted for 'Op'", "Lb.tla:7:1")]
    [InlineData("BadI == INSTANCE LbOp WITH Op <- BadE", "A non-Leibniz operator substituted for 'Op'", "Lb.tla:7:1")]
    [InlineData("BadI == INSTANCE LbOp WITH Op <- LAMBDA a : a'", "A non-Leibniz operator substituted for 'Op'", "Lb.tla:7:1")]
    [InlineData("BadA == INSTANCE LbAs WITH C <- [](x = 0), D <- 1", "substituted for 'C' must be at most 2", "Lb.tla:7:1")]
    [InlineData("T(z) == INSTANCE LbT WITH y <- z\nUse == T(x')!Foo", "The level of argument 1 exceeds the maximum level", "Lb.tla:8:8")]
    [InlineData("P(a) == a' = a\nUse == P(x')", "The level of argument 1 exceeds the maximum level", "Lb.tla:8:8")]
    // SANY: "Identifier 'E' is not a legal target of a substitution." (a name the instantiated module does not
    // declare, or one it defines); Ops ignored the substitution (exit 0 where the rest was legal).
    [InlineData("BadS == INSTANCE LbAs WITH C <- 1, D <- 2, E <- 3", "Identifier 'E' is not a legal target of a substitution", "Lb.tla:7:44")]
    [InlineData("BadS == INSTANCE LbT WITH y <- x, Foo <- 1", "Identifier 'Foo' is not a legal target of a substitution", "Lb.tla:7:35")]
    public void An_illegal_instantiation_or_argument_is_a_semantic_error(string extra, string message, string at)
    {
        var r = Check(extra);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
        Assert.EndsWith(at, r.Violation.Location);
    }

    [Theory]
    [InlineData("OkA == INSTANCE LbAs WITH C <- x', D <- [](x = 0)")]
    [InlineData("T(z) == INSTANCE LbT WITH y <- z\nUse == T(x)!Foo")]
    public void Legal_instantiations_pass_the_front_end(string extra)
    {
        var r = Check(extra);
        Assert.Equal(151, r.ExitCode); // the empty configuration names no INIT: the front end accepted the module
    }
}
