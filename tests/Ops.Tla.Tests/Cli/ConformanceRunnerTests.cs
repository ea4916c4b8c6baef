using Ops.Tla.Differential;
using System.Text.Json;
using Ops.Cli;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops conformance -corpus DIR` on a corpus in the layout of TLC's regression suite (expected.tsv with
/// args and exit columns): rows keyed by model and options, TLC's options passed, exit codes and counts compared,
/// a row that does not finish is a mismatch and the run goes on, deviations reported apart.</summary>
public class ConformanceRunnerTests
{
    private const string Header = "cfg\ttla\targs\texit\tresult\tdistinct\ttotal\tdepth\ttlc_seconds\ttemporal\tfirst_error\n";

    // x counts up from 0 or 7 to 9; Inv1 fails at 7 (an initial state), Inv2 at 7 and 8.
    private const string Cont = """
        ---- MODULE Cont ----
        EXTENDS Naturals
        VARIABLE x
        Init == x \in {0, 7}
        Next == x < 9 /\ x' = x + 1
        Inv1 == x # 7
        Inv2 == x # 8 /\ x # 7
        ====
        """;

    private const string Forever = """
        ---- MODULE Forever ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = x + 1
        ====
        """;

    private static string Corpus(TempSpecs t, string rows)
    {
        t.Spec("Cont", Cont, "INIT Init\nNEXT Next\nINVARIANT Inv1\nINVARIANT Inv2\n");
        t.Spec("Forever", Forever, "INIT Init\nNEXT Next\n");
        File.WriteAllText(t.File_("expected.tsv"), Header + rows);
        return t.Dir;
    }

    [Fact]
    public void Rows_sharing_a_configuration_run_with_their_own_TLC_options_and_compare_exit_codes_and_counts()
    {
        using var t = new TempSpecs();
        // TLC's figures: without -continue Inv1 fails in an initial state (2 generated, 2 distinct); with it, the
        // search explores everything and exits 0 (11 generated, 10 distinct); a row with other counts is a mismatch.
        var corpus = Corpus(t,
            "Cont.cfg\tCont.tla\t-deadlock\t12\tviolation_safety\t2\t2\t1\t0.5\tno\tError: Invariant Inv1 is violated by the initial state:\n" +
            "Cont.cfg\tCont.tla\t-deadlock -continue\t0\tsuccess\t10\t11\t7\t0.5\tno\t\n" +
            "Cont.cfg\tCont.tla\t-deadlock -lncheck final\t12\tviolation_safety\t3\t3\t1\t0.5\tno\t\n" +
            "Cont.cfg\tCont.tla\t-deadlock -inv garbled input\t150\terror_spec_parse\t\t\t\t0.5\tno\t\n");
        var r = CliRun.Of("conformance", "-corpus", corpus, "-tsv", "-", "-parallel", "2");
        Assert.Equal(1, r.Exit);
        Assert.Contains("matched     Cont.cfg -deadlock  [", r.Err);
        Assert.Contains("matched     Cont.cfg -deadlock -continue  [", r.Err);
        Assert.Contains("mismatched  Cont.cfg -deadlock -lncheck final  [", r.Err);
        Assert.Contains("expected 3 distinct / 3 generated, got 2 / 2", r.Err);
        Assert.Contains("matched     Cont.cfg -deadlock -inv garbled input  [", r.Err);
        Assert.Contains("conformance: 3 matched, 1 mismatched, 0 unsupported (of 4)", r.Err);
        // The TSV on stdout, one row a line in the corpus's order, with both exit codes and both counts.
        var lines = r.Out.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("cfg\ttla\targs\tverdict\ttlc_exit\texit\ttlc_generated\tgenerated\ttlc_distinct\tdistinct", lines[0]);
        Assert.StartsWith("Cont.cfg\tCont.tla\t-deadlock -continue\tmatched\t0\t0\t11\t11\t10\t10\t", lines[2]);
    }

    [Fact]
    public void A_row_that_does_not_finish_in_time_is_a_mismatch_and_the_run_goes_on()
    {
        using var t = new TempSpecs();
        var corpus = Corpus(t,
            "Forever.cfg\tForever.tla\t-deadlock\t0\tsuccess\t10\t10\t10\t0.5\tno\t\n" +
            "Cont.cfg\tCont.tla\t-deadlock\t12\tviolation_safety\t2\t2\t1\t0.1\tno\t\n");
        var r = CliRun.Of("conformance", "-corpus", corpus, "-timeout", "2", "-json", "-");
        Assert.Equal(1, r.Exit);
        Assert.Contains("conformance: 1 matched, 1 mismatched, 0 unsupported (of 2)", r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal("mismatched", rows[0].GetProperty("verdict").GetString());
        Assert.Contains("time limit", rows[0].GetProperty("detail").GetString());
        Assert.Equal("matched", rows[1].GetProperty("verdict").GetString());
        Assert.Equal(12, rows[1].GetProperty("exit").GetInt32());
        Assert.Equal(2, rows[1].GetProperty("tlcGenerated").GetInt64());
    }

    [Fact]
    public void Listed_deviations_are_reported_apart_but_a_missed_violation_never_is_one()
    {
        using var t = new TempSpecs();
        var corpus = Corpus(t,
            // Counts differ (TLC's would come from its own random choices, say): a deviation.
            "Cont.cfg\tCont.tla\t-deadlock -continue\t0\tsuccess\t99\t99\t7\t0.5\tno\t\n" +
            // TLC reports a deadlock that Ops (with -deadlock) does not: listed or not, a mismatch.
            "Forever.cfg\tForever.tla\t-deadlock -invlevel 5\t11\tviolation_deadlock\t5\t5\t5\t0.5\tno\t\n");
        var deviations = t.File_("deviations.tsv");
        File.WriteAllText(deviations, "# reasons\nCont.cfg\t-deadlock -continue\tTLC's counts come from a random choice\n"
            + "Forever.cfg\t-deadlock -invlevel 5\tsays TLC is wrong\n");
        var r = CliRun.Of("conformance", "-corpus", corpus, "-deviations", deviations);
        Assert.Equal(1, r.Exit);
        Assert.Contains("deviation   Cont.cfg -deadlock -continue  [", r.Out);
        Assert.Contains("-- deviation: TLC's counts come from a random choice", r.Out);
        Assert.Contains("mismatched  Forever.cfg -deadlock -invlevel 5  [", r.Out);
        Assert.Contains("TLC's violation is missed: never a deviation", r.Out);
        Assert.Contains("conformance: 0 matched, 1 mismatched, 0 unsupported, 1 deviations (of 2)", r.Out);
        Assert.Contains("deliberate deviations (1, listed in", r.Out);
    }

    [Fact]
    public void Both_layouts_of_expected_tsv_are_read_and_rows_are_keyed_by_model_and_options()
    {
        using var t = new TempSpecs();
        File.WriteAllText(t.File_("expected.tsv"), Header
            + "M.cfg\tMa.tla\t-deadlock\t12\tviolation_safety\t2\t5\t2\t0.5\tno\t\n"
            + "M.cfg\tMb.tla\t-deadlock\t12\tviolation_safety\t3\t3\t3\t1.5\tno\t\n"
            + "M.tla\tM.tla\t\t0\tsuccess\t1\t1\t1\t0.5\tno\t\n");
        var rows = ConformanceCorpus.ReadExpected(t.Dir);
        Assert.Equal(new[] { "M.cfg (Ma.tla)\t-deadlock", "M.cfg (Mb.tla)\t-deadlock", "M.tla" }, rows.Select(c => c.Key));
        Assert.Equal(12, rows[0].Exit);
        Assert.Equal(TimeSpan.FromSeconds(1.5), rows[1].TlcRuntime);
        using var e = new TempSpecs();
        File.WriteAllText(e.File_("expected.tsv"), "cfg\ttla\tresult\tdistinct\ttotal\tdepth\ttlc_runtime\ttemporal\nA.cfg\tA.tla\tsuccess\t3\t4\t2\t00:00:01\tno\n");
        var ex = Assert.Single(ConformanceCorpus.ReadExpected(e.Dir));
        Assert.Equal(("A.cfg", "", null, 3L), (ex.Key, ex.Args, ex.Exit, ex.Distinct!.Value));
    }

    [Fact]
    public void A_recursive_function_without_a_base_case_is_an_evaluation_error_not_a_crash()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Rec", """
            ---- MODULE Rec ----
            EXTENDS Naturals
            VARIABLE x
            f[n \in Nat] == f[n + 1]
            Init == x = 0
            Next == x' = x
            Inv == f[0] = 0
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var r = ModelChecker.Check(spec, new CheckOptions());
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("recursed too deeply", r.Violation.Message);
    }
}
