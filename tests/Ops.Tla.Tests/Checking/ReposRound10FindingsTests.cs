using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the tenth round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 10"), each reduced to a small spec written for the test. Expected exit codes,
/// counts and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound10FindingsTests
{
    private const string Cfg = "INIT Init\nNEXT Next\n";

    private static string Text(CheckResult r) => TlcText.Format(r).Replace("\r\n", "\n");

    /// <summary>A module holding <paramref name="algorithm"/> (a P-syntax body after <c>--algorithm A</c>) and a
    /// translation written by hand, which both checkers check as written: x counts from 0 to 2, then deadlocks.</summary>
    private static string WithAlgorithm(string name, string algorithm, string before = "") =>
        $"---- MODULE {name} ----\nEXTENDS Naturals\n{before}(* --algorithm A\n{algorithm}end algorithm; *)\n" +
        "\\* BEGIN TRANSLATION\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n\\* END TRANSLATION\n====\n";

    // TLC's parse of a module validates its PlusCal algorithm (SpecObj.validateParseUnit runs pcal's Validator, which
    // translates it); when the translation fails, pcal's PcalDebug.reportError prints "Unrecoverable error:" and the
    // error, and TLC goes on to check the translation in the file. Found on zunairazaman2021/Pluscal-Algorithms-Progress'
    // DistributedBakeryAlgorithm.tla (an algorithm in Distributed PlusCal, `PlusCal options (-distpcal)`) and
    // jdangerx/learntla's book/mapreduce/main.tla (a string left open in the algorithm). Ops printed nothing.

    [Fact]
    public void The_translators_error_is_printed_and_the_written_translation_checked()
    {
        var r = InlineSpec.Check("U1", WithAlgorithm("U1", "variables x = 0;\nbegin\n  A: x := x + 1;\n     y := 2;\n"), Cfg);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(new[] { "\nUnrecoverable error:\n -- Assignment to undeclared variable y\n    at line 7, column 6.\n" }, r.Output);
    }

    [Fact]
    public void An_unknown_option_and_a_parse_error_are_both_reported_in_pcals_words()
    {
        // A process with a second body (Distributed PlusCal's threads): TLC's translator stops at the second `{'.
        var alg = "--algorithm A {\nvariables x = 0;\nprocess (p \\in 1..2)\n{ L1: x := 1; }\n{ L2: x := 2; }\n}\n";
        var tla = "---- MODULE U2 ----\nEXTENDS Naturals\n(* PlusCal options (-distpcal) *)\n(* " + alg + "*)\n" +
                  "\\* BEGIN TRANSLATION\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n\\* END TRANSLATION\n====\n";
        var r = InlineSpec.Check("U2", tla, Cfg);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(new[]
        {
            "\nUnrecoverable error:\n -- Command-line error: Unknown or illegal option in options statement: -distpcal..\n",
            "\nUnrecoverable error:\n -- Expected \"}\" but found \"{\"\n    line 8, column 1.\n",
        }, r.Output);
    }

    [Fact]
    public void Redefined_names_and_missing_labels_are_reported_as_pcal_reports_them()
    {
        var r1 = InlineSpec.Check("U3", WithAlgorithm("U3", "variables x = 0, x = 1;\nbegin\n  A: x := x + 1;\n"), Cfg);
        Assert.Equal(new[] { "\nUnrecoverable error:\n -- \nGlobal variable x redefined at line 4, column 18.\n" }, r1.Output);
        var r2 = InlineSpec.Check("U4", WithAlgorithm("U4", "variables x = 0;\nbegin\n  A: x := x + 1;\n  A: x := x + 2;\n"), Cfg);
        Assert.Equal(new[] { "\nUnrecoverable error:\n -- \nLabel A redefined at line 7, column 6.\n" }, r2.Output);
        var r3 = InlineSpec.Check("U5", WithAlgorithm("U5",
            "variables x = 0;\nprocedure P() begin\n  P1: x := 1;\n  return;\nend procedure;\nbegin\n  A: call P();\n     x := 5;\n     call P();\n     x := 6;\n"), Cfg);
        Assert.Equal(new[] { "\nUnrecoverable error:\n -- Missing labels at the following locations:\n     line 11, column 6\n     line 13, column 6.\n" }, r3.Output);
        Assert.All(new[] { r1, r2, r3 }, r => Assert.Equal(11, r.ExitCode));
    }

    [Theory]
    [InlineData("variables x = 0, y = 0;\nbegin\n  A: x := 1 y := 2;\n", "Expected \";\" but found \":=\"\n    line 6, column 15.")]
    [InlineData("variables x = 0;\nbegin\n  A: x = 1;\n", "Expected \":=\" but found \";\"\n    line 6, column 11.")]
    [InlineData("variables x = 0;\nbegin\n  A: either x := 1; end either;\n", "`either' statement has no `or'\n    at line 6, column 6.")]
    [InlineData("variables x = 0;\nmacro M() begin\n  L: x := 1;\nend macro;\nbegin\n  A: M();\n", "A label may not appear in a macro.\n    line 6, column 3.")]
    [InlineData("variables x = 0;\nbegin\n  A: x := 1;\n     goto Nowhere;\n", "goto to non-existent label `Nowhere' at line 7, column 6.")]
    [InlineData("variables x = 0;\nbegin\n  A: call Nope();\n", "Call of non-existent procedure Nope\n    at line 6, column 6.")]
    [InlineData("variables x = 0;\nbegin\n  A: return;\n", "return statement not in a procedure at line 6, column 6.")]
    [InlineData("variables x = 0;\nbegin\n  A: with i \\in {1, 2} do\n       B: x := i;\n     end with;\n", "Label in `with' statement\n    at line 7, column 11.")]
    [InlineData("variables x = 0;\nbegin\n  A: with i \\in {1, 2} do\n       while x < 2 do x := x + 1; end while;\n     end with;\n", "`while' inside a `with' statement\n    at line 7, column 8.")]
    [InlineData("variables x = 0;\nbegin\n  Done: x := 1;\n", "Cannot use `Done' as a label.\n    line 6, column 3.")]
    public void Other_translation_errors_are_reported_in_pcals_words(string algorithm, string report)
    {
        // Each report as TLC printed it (and pcal.trans, which reports the same words) for the algorithm.
        var r = InlineSpec.Check("U7", WithAlgorithm("U7", algorithm), Cfg);
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(new[] { $"\nUnrecoverable error:\n -- {report}\n" }, r.Output);
    }

    [Fact]
    public void A_string_left_open_in_the_algorithm_fails_the_parse_of_the_module()
    {
        // pcal's Validator meets it in its uncomment pass, before it parses the algorithm: TLC prints "Unterminated
        // string in line 6.", then "*** Errors: 1 ... A unexpected problem was encountered attempting to validate the
        // specification for U6" and fails the parse (exit 150), although the translation in the file is correct.
        var r = InlineSpec.Check("U6", WithAlgorithm("U6", "variables x = 0;\nbegin\n  A: x := \"abc;\n"), Cfg);
        Assert.Equal(150, r.ExitCode);
        Assert.Equal(0, r.StatesGenerated);
        Assert.Contains("Unterminated string in line 6.", Text(r));
    }

    // TLC reads the configuration file before it parses the modules: a constant written without `=' or `<-' (or a
    // missing file) is its error (exit 255, "TLC found an error in the configuration file at line 3") even when a
    // module does not parse. Found on jdangerx/learntla's mapreduce with `ItemRange = 0..1` in a .cfg written for it;
    // Ops parsed the modules first and reported the module's error (exit 150).

    [Fact]
    public void A_bad_configuration_is_reported_before_a_module_that_does_not_parse()
    {
        const string tla = "---- MODULE P1 ----\nVARIABLE x\nInit == x = \nNext == x' = x\n====\n";
        var r = InlineSpec.Check("P1", tla, Cfg + "CONSTANT A = 0..1\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("configuration", Text(r));
    }

    [Fact]
    public void A_missing_configuration_is_reported_before_a_module_that_does_not_parse()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "P2.tla"), "---- MODULE P2 ----\nVARIABLE x\nInit == x = \nNext == x' = x\n====\n");
            var r = ModelChecker.Check(Path.Combine(dir, "P2.tla"), new CheckOptions { Workers = 1, ConfigPath = Path.Combine(dir, "none.cfg") });
            Assert.Equal(255, r.ExitCode);
            Assert.Contains("none.cfg", Text(r));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
