using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// A successor an action leaves incompletely specified, reported in TLC's words (tla2tools cc6b616, -workers 1):
/// the action named when the next-state relation has several, every variable left unassigned, in the order TLC prints
/// a state's variables; the fix follows on a line of its own.
/// </summary>
public class IncompleteSuccessorTests
{
    private static CheckResult Check(string vars, string defs) =>
        InlineSpec.Check("Inc", $"---- MODULE Inc ----\nEXTENDS Naturals\nVARIABLES {vars}\n{defs}\n====\n", "INIT Init\nNEXT Next\n");

    [Theory]
    // TLC: "Successor state is not completely specified by action A of the next-state relation. The following
    // variable is not defined: y."
    [InlineData("x, y", "Init == x = 0 /\\ y = 0\nA == x' = 1\nB == y' = 2 /\\ x' = 1\nNext == A \\/ B",
        "Successor state is not completely specified by action A of the next-state relation. The following variable is not defined: y.")]
    // One action: "by the next-state action", both variables.
    [InlineData("x, y, z", "Init == x = 0 /\\ y = 0 /\\ z = 0\nNext == x' = 1",
        "Successor state is not completely specified by the next-state action. The following variables are not defined: y, z.")]
    // Declared z, x, y: TLC lists them in its printing order, y before z.
    [InlineData("z, x, y", "Init == x = 0 /\\ y = 0 /\\ z = 0\nNext == \\/ x' = 1 /\\ y' = 1 /\\ z' = 1\n        \\/ UNCHANGED x",
        "Successor state is not completely specified by action Next of the next-state relation. The following variables are not defined: y, z.")]
    public void The_message_is_TLCs(string vars, string defs, string message)
    {
        var r = Check(vars, defs);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Inc.tla:", r.Violation.Message);
        Assert.Contains(": " + message + "\n", r.Violation.Message);
        Assert.Contains("UNCHANGED", r.Violation.Message);
    }
}
