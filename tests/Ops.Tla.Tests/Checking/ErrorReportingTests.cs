using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Bad input comes back as a result with TLC's exit code and a located message, never as an exception.</summary>
public class ErrorReportingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-err-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Run(string tla, string cfg, CheckOptions options = null)
    {
        var spec = Path.Combine(_dir, "M.tla");
        File.WriteAllText(spec, tla);
        File.WriteAllText(Path.Combine(_dir, "M.cfg"), cfg);
        return ModelChecker.Check(spec, options);
    }

    private const string Good = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\n====\n";

    [Fact]
    public void Syntax_error_names_file_line_and_column_and_exits_150()
    {
        var r = Run("---- MODULE M ----\nVARIABLE x\nInit == x = (1 +\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Equal(150, r.ExitCode);
        Assert.Equal(ViolationKind.Parse, r.Violation.Kind);
        Assert.EndsWith("M.tla:4:6", r.Violation.Location);
        Assert.Contains("Expected ')' to close the parenthesis opened at line 3, col 13", r.Violation.Message);
    }

    [Fact]
    public void Unknown_operator_is_a_semantic_error_with_exit_150()
    {
        var r = Run("---- MODULE M ----\nVARIABLE x\nInit == x = Foo\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("Unknown operator: 'Foo'", r.Violation.Message);
        Assert.EndsWith("M.tla:3:13", r.Violation.Location);
    }

    [Fact]
    public void Config_errors_exit_151_with_location()
    {
        var r = Run(Good, "INIT Init\nNEXT Next\nINVARIANT NoSuchInvariant\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("NoSuchInvariant", r.Violation.Message);
        Assert.EndsWith("M.cfg:3:11", r.Violation.Location);

        var unassigned = Run("---- MODULE M ----\nCONSTANT N\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(151, unassigned.ExitCode);
        Assert.Contains("The constant parameter N is not assigned", unassigned.Violation.Message);
    }

    [Fact]
    public void Evaluation_error_exits_75_with_the_trace_to_the_state()
    {
        var r = Run("---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = <<1, 2>>\nNext == x' = <<x[3]>>\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds.", r.Violation.Message);
        Assert.Single(r.Trace);
    }

    [Fact]
    public void Deadlock_and_its_switch()
    {
        const string spec = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n====\n";
        var r = Run(spec, "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.DeadlockFailure, r.Outcome);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(3, r.Trace.Count);
        var off = Run(spec, "INIT Init\nNEXT Next\n", new CheckOptions { CheckDeadlock = false });
        Assert.Equal(CheckOutcome.Success, off.Outcome);
        var cfgOff = Run(spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.Success, cfgOff.Outcome);
    }

    [Fact]
    public void False_assumption_exits_10_and_Assert_exits_14()
    {
        var a = Run("---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nASSUME 1 > 2\nInit == x = 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.AssumptionFailure, a.Outcome);
        Assert.Equal(10, a.ExitCode);
        var t = Run("---- MODULE M ----\nEXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1 /\\ Assert(x < 2, \"x grew\")\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(14, t.ExitCode);
        Assert.Contains("x grew", t.Violation.Message);
    }

    [Fact]
    public void Missing_files_are_reported_not_thrown()
    {
        var r = ModelChecker.Check(Path.Combine(_dir, "Nope.tla"));
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("Nope.tla", r.Violation.Message);
        File.WriteAllText(Path.Combine(_dir, "NoCfg.tla"), Good.Replace("MODULE M", "MODULE NoCfg"));
        var c = ModelChecker.Check(Path.Combine(_dir, "NoCfg.tla"));
        Assert.Equal(255, c.ExitCode); // TLC: ConfigFileException, "unexpected exception", exit 255
    }

    [Fact]
    public void Constant_overrides_apply_over_the_config()
    {
        const string spec = "---- MODULE M ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\n====\n";
        var r = Run(spec, "CONSTANT N = 2\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
            new CheckOptions { Constants = { ["N"] = Ops.Tla.Values.TlaValue.Int(5) } });
        Assert.Equal(6, r.DistinctStates);
    }
}
