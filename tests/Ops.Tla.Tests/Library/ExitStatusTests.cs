using Xunit;
using Ops.Tla.Checking;

namespace Ops.Tla.Tests.Library;

/// <summary>The catalogue of exit statuses is TLC's (tlc2.output.EC.ExitStatus), number for number, and the checker
/// reports through it.</summary>
public class ExitStatusTests
{
    [Fact]
    public void The_catalogue_has_TLCs_numbers()
    {
        var expected = new Dictionary<ExitStatus, int>
        {
            [ExitStatus.Success] = 0,
            [ExitStatus.AssumptionViolated] = 10,
            [ExitStatus.Deadlock] = 11,
            [ExitStatus.SafetyViolation] = 12,
            [ExitStatus.LivenessViolation] = 13,
            [ExitStatus.AssertFailed] = 14,
            [ExitStatus.EvaluationError] = 75,
            [ExitStatus.SafetyEvaluationError] = 76,
            [ExitStatus.LivenessEvaluationError] = 77,
            [ExitStatus.ParseError] = 150,
            [ExitStatus.ConfigError] = 151,
            [ExitStatus.SystemError] = 255,
        };
        Assert.Equal(expected.Keys.OrderBy(k => (int)k), ExitStatuses.All);
        foreach (var (status, number) in expected) Assert.Equal(number, (int)status);
        Assert.True(ExitStatuses.IsKnown(12));
        Assert.False(ExitStatuses.IsKnown(1));
        Assert.False(ExitStatuses.IsKnown(153));
    }

    [Theory]
    [InlineData(ErrorKind.Syntax, ExitStatus.ParseError)]
    [InlineData(ErrorKind.Semantic, ExitStatus.ParseError)]
    [InlineData(ErrorKind.Config, ExitStatus.ConfigError)]
    [InlineData(ErrorKind.Eval, ExitStatus.EvaluationError)]
    [InlineData(ErrorKind.Assert, ExitStatus.AssertFailed)]
    [InlineData(ErrorKind.Unsupported, ExitStatus.SystemError)]
    [InlineData(ErrorKind.TlcRefused, ExitStatus.SystemError)]
    [InlineData(ErrorKind.System, ExitStatus.SystemError)]
    public void An_error_kind_maps_to_TLCs_status(ErrorKind kind, ExitStatus status)
    {
        Assert.Equal(status, ExitStatuses.For(kind));
        Assert.Equal(status, new TlaException(kind, "x").Status);
        Assert.Equal(ExitStatus.SafetyEvaluationError, new TlaException(kind, "x") { ExitCode = ExitStatus.SafetyEvaluationError }.Status);
    }

    [Fact]
    public void Verdicts_and_violations_are_told_apart_from_errors()
    {
        Assert.True(ExitStatus.Success.IsVerdict());
        Assert.False(ExitStatus.Success.IsViolation());
        Assert.True(ExitStatus.LivenessViolation.IsViolation());
        Assert.False(ExitStatus.AssertFailed.IsVerdict());
        Assert.False(ExitStatus.ConfigError.IsVerdict());
        Assert.Equal("not one of TLC's exit codes", ((ExitStatus)3).Meaning());
    }

    [Fact]
    public void A_result_reports_its_status_typed_and_as_a_number()
    {
        var r = Checking.InlineSpec.Check("Counter", "---- MODULE Counter ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1\nSafe == x < 3\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Safe\n");
        Assert.Equal(ExitStatus.SafetyViolation, r.ExitStatus);
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
    }
}
