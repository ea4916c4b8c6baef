using Ops.Cli;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The developers' switches are options the caller passes (the library reads no environment variable): each
/// does what it says, writes only to the writer given, and none changes the figures.</summary>
public class DiagnosticOptionsTests
{
    // A constant sub-expression inside a quantifier (hoisted), values that repeat (interned), two levels at least.
    private const string Tla = """
        ---- MODULE Diag ----
        EXTENDS Naturals
        VARIABLES x, y
        Limit == {n \in 0..10 : n % 2 = 0}
        Init == x = 0 /\ y = 0
        Next == \/ /\ x < 6 /\ \E n \in Limit : n = x + 2 /\ x' = n /\ y' = y
                \/ /\ y < 3 /\ y' = y + 1 /\ UNCHANGED x
        Double(n) == n + n
        Small == Double(x) <= 12
        ====
        """;

    private const string Cfg = "INIT Init\nNEXT Next\nINVARIANT Small\nCHECK_DEADLOCK FALSE\n";

    private static (CheckResult Result, string Output) Check(DiagnosticOptions diagnostics, int workers = 1)
    {
        var output = new StringWriter();
        var r = InlineSpec.Check("Diag", Tla, Cfg, new CheckOptions { Workers = workers, Diagnostics = diagnostics with { Output = output } });
        return (r, output.ToString());
    }

    [Fact]
    public void Without_switches_nothing_is_written_and_the_figures_are_the_reference()
    {
        var (r, output) = Check(DiagnosticOptions.None);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal("", output);
    }

    [Fact]
    public void Each_switch_writes_its_trace_to_the_writer_given_and_leaves_the_figures_alone()
    {
        var reference = Check(DiagnosticOptions.None).Result;
        foreach (var (switches, workers, expected) in new (DiagnosticOptions, int, string)[]
                 {
                     (new() { HoistTrace = true }, 1, "hoisting: "),
                     (new() { InternTrace = true }, 1, "intern: x: "),
                     (new() { ParallelTrace = true }, 2, "parallel: "),
                     (new() { ParallelTrace = true, ShareEveryLevel = true }, 2, "parallel: "),
                     (new() { EvalProfile = true }, 1, "evaluation profile"),
                     (new() { KeepStates = true, NoIntern = true, NoHoist = true }, 1, null),
                 })
        {
            var (r, output) = Check(switches, workers);
            Assert.Equal((reference.Outcome, reference.DistinctStates, reference.StatesGenerated, reference.Depth),
                (r.Outcome, r.DistinctStates, r.StatesGenerated, r.Depth));
            if (expected == null) Assert.Equal("", output);
            else Assert.Contains(expected, output);
        }
    }

    [Fact]
    public void The_parallel_trace_gives_every_level_its_states_and_times()
    {
        var (r, output) = Check(new DiagnosticOptions { ParallelTrace = true }, workers: 2);
        int levels = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"parallel: (\d+) levels").Groups[1].Value);
        var lines = System.Text.RegularExpressions.Regex.Matches(output,
            @"(?m)^level: (\d+) states, (shared|worker 0 alone), workers [\d.]+ ms, stored in [\d.]+ ms, JIT \d+ methods in \d+ ms\r?$");
        // One line per level expanded, in order; each state is expanded once, in its level.
        Assert.Equal(levels, lines.Count);
        Assert.Equal(r.Depth, levels);
        Assert.Equal(r.DistinctStates, lines.Sum(m => long.Parse(m.Groups[1].Value)));
        Assert.Equal("1", lines[0].Groups[1].Value);
    }

    [Fact]
    public void NoHoist_turns_hoisting_off_for_that_check_only()
    {
        var (_, traced) = Check(new DiagnosticOptions { HoistTrace = true, NoHoist = true });
        Assert.DoesNotContain("hoisting: ", traced);
        // The next check in the same process hoists again.
        (_, traced) = Check(new DiagnosticOptions { HoistTrace = true });
        Assert.Contains("hoisting: ", traced);
    }

    [Fact]
    public void The_CLI_reads_the_OPS_variables_into_the_switches()
    {
        var set = new Dictionary<string, string> { ["OPS_NO_HOIST"] = "1", ["OPS_PAR_TRACE"] = "true", ["OPS_DEBUG"] = "0" };
        var d = EnvironmentOptions.Diagnostics(name => set.GetValueOrDefault(name));
        Assert.Equal(new DiagnosticOptions { NoHoist = true, ParallelTrace = true }, d);
        var all = EnvironmentOptions.Diagnostics(name => name.StartsWith("OPS_", StringComparison.Ordinal) ? "1" : null);
        Assert.Equal(new DiagnosticOptions
        {
            Debug = true, KeepStates = true, NoIntern = true, InternTrace = true, ParallelTrace = true, ShareEveryLevel = true, NoHoist = true,
            NoPreGuard = true, NoDeferExcept = true, NoRecycle = true, HoistTrace = true, EvalProfile = true,
        }, all);
    }
}
