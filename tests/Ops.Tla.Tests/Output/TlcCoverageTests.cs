using System.Text.Json;
using System.Text.RegularExpressions;
using Ops.PowerShell;
using Ops.Tla.Checking;
using Ops.Tla.Output;
using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.Output;

/// <summary>
/// TLC's -coverage against the text TLC cc6b616 printed for the same specs (tests/Ops.Tla.Tests/Output/TlcCoverage:
/// <c>tlc -coverage 0 -workers 1 SPEC.tla</c>, with -deadlock for CovActions; the lines between "The coverage
/// statistics at ..." and "End of statistics.", the date line left out). CovActions: a Next of three disjuncts, one
/// never enabled. CovProcs: actions split by \E over a constant set (added together, as TLC does), a disjunct of Next
/// named after Next with its place, an invariant, a CONSTRAINT and an ACTION_CONSTRAINT. CovSeq: LET, IF, CASE,
/// UNCHANGED of a tuple, the standard modules' operators, an action never enabled. CovSets: enumerations of set
/// literals (their cost), quantifiers, CHOOSE and a set filter in an invariant, actions split at \E.
/// The variable lines are compared as a set: TLC prints them in the order of SANY's symbol table (see
/// docs/tlc-options.md); every other line in order. The figures do not depend on the number of workers.
/// </summary>
public class TlcCoverageTests
{
    private static string Fixtures => Path.Combine(TestPaths.RepoRoot, "tests", "Ops.Tla.Tests", "Output", "TlcCoverage");

    private static CheckResult Check(TempSpecs t, string spec, int workers)
    {
        var path = t.Spec(spec, File.ReadAllText(Path.Combine(Fixtures, spec + ".tla")), File.ReadAllText(Path.Combine(Fixtures, spec + ".cfg")));
        return ModelChecker.Check(path, new CheckOptions { Workers = workers, CoverageMinutes = 0, CheckDeadlock = spec != "CovActions" });
    }

    private static readonly Regex VariableLine = new(@"^<\w+ line \d+, col \d+ to line \d+, col \d+ of module \w+>: \d+$");

    private static (List<string> Variables, List<string> Others) Split(IEnumerable<string> lines)
    {
        var vars = new List<string>();
        var rest = new List<string>();
        foreach (var l in lines)
        {
            if (l.Length == 0) continue;
            (VariableLine.IsMatch(l) ? vars : rest).Add(l);
        }
        vars.Sort(StringComparer.Ordinal);
        return (vars, rest);
    }

    [Theory]
    [InlineData("CovActions", 1)]
    [InlineData("CovActions", 2)]
    [InlineData("CovProcs", 1)]
    [InlineData("CovProcs", 2)]
    [InlineData("CovSeq", 1)]
    [InlineData("CovSeq", 2)]
    [InlineData("CovSets", 1)]
    [InlineData("CovSets", 2)]
    public void CoverageTextIsTlcs(string spec, int workers)
    {
        using var t = new TempSpecs();
        var r = Check(t, spec, workers);
        Assert.Equal(0, r.ExitCode);
        Assert.NotNull(r.Coverage);
        var ours = CoverageText.Format(r.Coverage).Replace("\r", "").Split('\n');
        Assert.StartsWith("The coverage statistics at ", ours[0]);
        Assert.Contains("(see https://explain.tlapl.us/module-coverage-statistics for how to interpret the following statistics).", ours[0]);
        var tlc = Split(File.ReadAllLines(Path.Combine(Fixtures, spec + ".coverage.txt")));
        var mine = Split(ours.Skip(1));
        Assert.Equal(tlc.Variables, mine.Variables);
        Assert.Equal(tlc.Others, mine.Others);
    }

    [Fact]
    public void The_result_carries_the_figures_as_data()
    {
        using var t = new TempSpecs();
        var r = Check(t, "CovActions", 1);
        var c = r.Coverage;
        Assert.True(c.Final);
        Assert.Equal(new[] { "x", "y" }, c.Variables.Select(v => v.Name));
        Assert.Equal(new long[] { 4, 3 }, c.Variables.Select(v => v.DistinctValues));
        Assert.Equal(new[] { CoverageKind.Init, CoverageKind.Next, CoverageKind.Next, CoverageKind.Next, CoverageKind.Invariant }, c.Actions.Select(a => a.Kind));
        var incX = c.Actions[1];
        Assert.Equal("IncX", incX.Name);
        Assert.Equal(new CoverageLocation("CovActions", 5, 1, 5, 4), incX.Location);
        Assert.Equal(new CoverageLocation("CovActions", 5, 9, 5, 42), incX.FormulaLocation);
        Assert.Equal((9L, 3L), (incX.Found, incX.Distinct));
        Assert.Equal("<IncX line 5, col 1 to line 5, col 4 of module CovActions>", incX.Label);
        // x < 3 (9 times true), x in it evaluated in every one of the 12 states, one level deeper.
        Assert.Equal((9L, 0), (incX.Expressions[0].Count, incX.Expressions[0].Depth));
        Assert.Equal((12L, 1), (incX.Expressions[1].Count, incX.Expressions[1].Depth));
        Assert.Equal(new[] { "Never" }, c.NeverEnabled.Select(a => a.Name));
        // Never's assignments were never reached.
        Assert.Equal(2, c.NeverEvaluated.Count(n => n.Action.Name == "Never"));
        // The sum of the actions' figures is the search's.
        Assert.Equal(r.StatesGenerated, c.Actions.Where(a => a.Kind is CoverageKind.Init or CoverageKind.Next).Sum(a => a.Found));
        Assert.Equal(r.DistinctStates, c.Actions.Where(a => a.Kind == CoverageKind.Next).Sum(a => a.Distinct) + c.Actions[0].Distinct);
    }

    [Fact]
    public void Nothing_is_collected_unless_asked_for()
    {
        using var t = new TempSpecs();
        var path = t.Spec("CovActions", File.ReadAllText(Path.Combine(Fixtures, "CovActions.tla")), File.ReadAllText(Path.Combine(Fixtures, "CovActions.cfg")));
        var r = ModelChecker.Check(path, new CheckOptions { CheckDeadlock = false });
        Assert.Null(r.Coverage);
        Assert.DoesNotContain("coverage", JsonReport.Serialize(r));
        Assert.DoesNotContain("The coverage statistics", TlcText.Format(r));
    }

    [Fact]
    public void Ops_check_prints_TLCs_statistics_before_the_figures_and_writes_them_in_json()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("CovActions", File.ReadAllText(Path.Combine(Fixtures, "CovActions.tla")), File.ReadAllText(Path.Combine(Fixtures, "CovActions.cfg")));
        var json = t.File_("r.json");
        var r = CliRun.Of("check", spec, "-deadlock", "-coverage", "1", "-workers", "2", "-json", json);
        Assert.Equal(0, r.Exit);
        int at = r.Out.IndexOf("The coverage statistics at ", StringComparison.Ordinal);
        int end = r.Out.IndexOf("End of statistics.", StringComparison.Ordinal);
        int figures = r.Out.IndexOf("18 states generated, 12 distinct states found", StringComparison.Ordinal);
        Assert.True(at >= 0 && at < end && end < figures, r.Out);
        Assert.Contains("<Never line 7, col 1 to line 7, col 5 of module CovActions>: 0:0\n", r.Out.Replace("\r", ""));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var actions = doc.RootElement.GetProperty("coverage").GetProperty("actions");
        var never = actions.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Never");
        Assert.Equal("next", never.GetProperty("kind").GetString());
        Assert.Equal(0, never.GetProperty("found").GetInt64());
        Assert.Equal(7, never.GetProperty("location").GetProperty("line").GetInt32());
        var expr = never.GetProperty("expressions")[0];
        Assert.Equal(12, expr.GetProperty("count").GetInt64());
        Assert.Equal(0, expr.GetProperty("depth").GetInt32());
        Assert.Equal(255, CliRun.Of("check", spec, "-coverage", "soon").Exit);
    }

    [Fact]
    public void Invoke_ModelCheck_Coverage_puts_the_statistics_on_the_result()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("CovProcs", File.ReadAllText(Path.Combine(Fixtures, "CovProcs.tla")), File.ReadAllText(Path.Combine(Fixtures, "CovProcs.cfg")));
        var without = ModelCheckService.Run(new ModelCheckRequest { Path = spec });
        Assert.Null(without.Coverage);
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Coverage = true, Workers = 2 });
        Assert.NotNull(r.Coverage);
        var step = r.Coverage.Actions.Single(a => a.Name == "Step");
        Assert.Equal((10L, 3L), (step.Found, step.Distinct));
        Assert.Equal(new[] { "Next" }, r.Coverage.NeverEnabled.Select(a => a.Name));
        Assert.Contains("<Next line 10, col 1 to line 10, col 4 of module CovProcs (12 12 12 41)>: 0:0", r.ToTlcText());
    }
}
