using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.Output;

/// <summary>TLC's -terse (TLCGlobals.expand = false): the sets TLC keeps unexpanded print as written. Expected lines:
/// TLC cc6b616, <c>tlc -terse T.tla</c> on the same spec.</summary>
public class TerseTests
{
    private const string Spec = """
        ---- MODULE T ----
        EXTENDS Naturals, TLC
        VARIABLE x
        Init == x = 0
        Next == /\ PrintT(SUBSET {1, 2})
                /\ PrintT([{1, 2} -> {3}])
                /\ PrintT({1, 2} \X {3})
                /\ PrintT([a : {1, 2}])
                /\ UNCHANGED x
        ====
        """;

    [Fact]
    public void Terse_prints_unexpanded_sets_as_written_and_without_it_they_are_enumerated()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("T", Spec, "INIT Init\nNEXT Next\n");
        var terse = CliRun.Of("check", spec, "-terse");
        Assert.Equal(0, terse.Exit);
        Assert.Contains("SUBSET {1, 2}\n[{1, 2} -> {3}]\n({1, 2} \\X {3})\n[a: {1, 2}]\n", terse.Out);
        var expanded = CliRun.Of("check", spec);
        Assert.Contains("{{}, {1}, {2}, {1, 2}}\n{<<3, 3>>}\n{<<1, 3>>, <<2, 3>>}\n{[a |-> 1], [a |-> 2]}\n", expanded.Out);
    }
}
