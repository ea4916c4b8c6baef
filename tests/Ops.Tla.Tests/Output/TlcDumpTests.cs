using System.Text.RegularExpressions;
using Ops.Tla.Output;
using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.Output;

/// <summary>
/// TLC's -dump (state graph, plain and dot) and -dumpTrace (json, tla) against files TLC cc6b616 wrote for the same
/// specs (tests/Ops.Tla.Tests/Output/TlcDump: <c>tlc -workers 1 -dump dot,colorize,actionlabels FILE DumpGraph.tla</c>
/// and so on, from that folder). DumpGraph: two initial states, three actions, a constraint that cuts successors
/// off, a self-loop; DumpViol: an invariant violation that stops the search. Node ids differ (TLC's fingerprints,
/// Ops's numbers in order of discovery): TLC's are renumbered by first occurrence before comparing, and the states of
/// a rank line compared as a set (TLC lists them in a Java hash set's order). Lasso and Stut: a liveness
/// counterexample that loops back and a deadlock, for -dumpTrace.
/// </summary>
public class TlcDumpTests
{
    private static string Fixtures => Path.Combine(TestPaths.RepoRoot, "tests", "Ops.Tla.Tests", "Output", "TlcDump");

    private static (CliRun Run, string Dir) Check(string spec, params string[] options)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-dump-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        foreach (var ext in new[] { ".tla", ".cfg" }) File.Copy(Path.Combine(Fixtures, spec + ext), Path.Combine(dir, spec + ext));
        var args = new List<string> { "check", Path.Combine(dir, spec + ".tla"), "-workers", "1" };
        args.AddRange(options.Select(o => o.Replace("{dir}", dir)));
        return (CliRun.Of(args.ToArray()), dir);
    }

    /// <summary>Node ids renumbered 1, 2, ... by first occurrence; a rank line's ids sorted.</summary>
    private static string NormalizeDot(string dot)
    {
        var ids = new Dictionary<string, string>();
        var lines = dot.Split('\n').Select(line =>
        {
            if (line.StartsWith("{rank = same; ", StringComparison.Ordinal))
            {
                var members = line["{rank = same; ".Length..^2].Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => ids.TryGetValue(id, out var n) ? n : "?" + id).OrderBy(n => n, StringComparer.Ordinal);
                return "{rank = same; " + string.Concat(members.Select(m => m + ";")) + "}";
            }
            // An id starts a node or edge line, and follows "-> ".
            return Regex.Replace(line, @"(^|-> )(-?\d+)(?= )", m =>
            {
                var id = m.Groups[2].Value;
                if (!ids.TryGetValue(id, out var n)) ids[id] = n = (ids.Count + 1).ToString();
                return m.Groups[1].Value + n;
            });
        });
        return string.Join("\n", lines);
    }

    [Theory]
    [InlineData("DumpGraph", "dot,colorize,actionlabels", "DumpGraph-colorize-actionlabels.dot", 0)]
    [InlineData("DumpGraph", "dot", "DumpGraph-dot.dot", 0)]
    [InlineData("DumpGraph", "dot,colorize", "DumpGraph-colorize.dot", 0)]
    [InlineData("DumpViol", "dot,actionlabels", "DumpViol-actionlabels.dot", 12)]
    [InlineData("DumpViol", "dot,colorize", "DumpViol-colorize.dot", 12)]
    public void DotDumpIsTlcs(string spec, string format, string expected, int exit)
    {
        var (run, dir) = Check(spec, "-dump", format, "{dir}/graph");
        Assert.Equal(exit, run.Exit);
        var ours = File.ReadAllText(Path.Combine(dir, "graph.dot"));
        var tlc = File.ReadAllText(Path.Combine(Fixtures, expected));
        Assert.Equal(NormalizeDot(tlc), NormalizeDot(ours));
        // Ops's ids: the states numbered in the order found.
        Assert.Contains("\n1 [label=", ours);
    }

    [Fact]
    public void PlainDumpIsTlcs()
    {
        var (run, dir) = Check("DumpGraph", "-dump", "{dir}/states");
        Assert.Equal(0, run.Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, "DumpGraph-plain.dump")), File.ReadAllText(Path.Combine(dir, "states.dump")));
    }

    [Fact]
    public void DumpTraceJsonAndTlaAreTlcs()
    {
        var (run, dir) = Check("DumpViol", "-dumpTrace", "json", "{dir}/t.json", "-dumpTrace", "tla", "{dir}/t.tla");
        Assert.Equal(12, run.Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, "DumpViol-trace.json")), File.ReadAllText(Path.Combine(dir, "t.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, "DumpViol-trace.tla")), File.ReadAllText(Path.Combine(dir, "t.tla")));
        Assert.Contains($"\"CounterExample written: {dir}/t.json\"", run.Out);
    }

    [Theory]
    [InlineData("Lasso", 13)] // a lasso back into the loop: the step back is in CounterExample.action
    [InlineData("Stut", 11)]  // a deadlock
    public void DumpTraceOfALassoOrADeadlockIsTlcs(string spec, int exit)
    {
        var (run, dir) = Check(spec, "-dumpTrace", "json", "{dir}/t.json", "-dumpTrace", "tla", "{dir}/t.tla");
        Assert.Equal(exit, run.Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, spec + "-trace.json")), File.ReadAllText(Path.Combine(dir, "t.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, spec + "-trace.tla")), File.ReadAllText(Path.Combine(dir, "t.tla")));
    }

    [Fact]
    public void NoCounterexampleWritesNoTrace()
    {
        var (run, dir) = Check("DumpGraph", "-dumpTrace", "json", "{dir}/t.json");
        Assert.Equal(0, run.Exit);
        Assert.False(File.Exists(Path.Combine(dir, "t.json")));
    }

    [Fact]
    public void SnapshotIsACompleteGraph()
    {
        var (run, dir) = Check("DumpGraph", "-dump", "dot,snapshot", "{dir}/g.dot");
        Assert.Equal(0, run.Exit);
        // The last snapshot is taken after the last state: the final graph.
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "g.dot")), File.ReadAllText(Path.Combine(dir, "g_snapshot.dot")));
    }

    [Fact]
    public void DumpRunsOnOneWorker()
    {
        var (run, dir) = Check("DumpGraph", "-workers", "2", "-dump", "dot", "{dir}/g");
        Assert.Equal(0, run.Exit);
        Assert.Equal(NormalizeDot(File.ReadAllText(Path.Combine(Fixtures, "DumpGraph-dot.dot"))), NormalizeDot(File.ReadAllText(Path.Combine(dir, "g.dot"))));
    }

    [Fact]
    public void BadDumpOptionsAreRefused()
    {
        Assert.Equal(255, CliRun.Of("check", "x.tla", "-dumpTrace", "xml", "f").Exit);
        Assert.Equal(255, CliRun.Of("check", "x.tla", "-dump", "dot,shiny", "f").Exit);
    }

    [Fact]
    public void LegendInJavaHashMapOrder()
    {
        // TLC's legend for DumpGraph (actions met in the order Inc, Flip, Stay).
        Assert.Equal(new[] { "Flip", "Stay", "Inc" }, JavaHashOrder.Of(new[] { "Inc", "Flip", "Stay" }));
        Assert.Equal(2390765, JavaHashOrder.JavaHash("Mark"));
    }
}
