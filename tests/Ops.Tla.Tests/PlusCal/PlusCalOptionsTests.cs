using Ops.Tla.PlusCal;
using Xunit;
using static Ops.Tla.Tests.PlusCal.PlusCalTestKit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>The `PlusCal options (...)' statement and pcal.trans's command-line options: fairness and the other
/// options change the translation as pcal's GenSpec/GenNext/parser do; an unknown option in the statement is reported
/// at line:column and, as in pcal.trans, ends the options (the algorithm is still translated).</summary>
public class PlusCalOptionsTests
{
    private const string TwoProcesses =
        "--algorithm a\nvariables n = 0;\nprocess P \\in 1..2\nbegin\nA: n := n + 1;\nend process;\nend algorithm";

    private const string FairProcess =
        "--algorithm a\nvariables n = 0;\nfair process P \\in 1..2\nbegin\nA: n := n + 1;\nend process;\nend algorithm";

    private const string Uniprocess = "--algorithm a\nvariables x = 0;\nbegin\nA: x := x + 1;\nend algorithm";

    private static PlusCalTranslation Tr(string moduleText, params string[] commandLine) =>
        PlusCalTranslator.Translate(moduleText, "M.tla", options: PlusCalOptions.FromCommandLine(commandLine));

    private static string WithStatement(string statement, string algorithm) =>
        $"---- MODULE M ----\nEXTENDS Integers\n{statement}\n(*\n{algorithm}\n*)\n====\n";

    private static string Spec(PlusCalTranslation t)
    {
        var i = t.Lines.FindIndex(l => l.StartsWith("Spec == "));
        var r = new List<string>();
        for (; i < t.Lines.Count && t.Lines[i].Length > 0; i++) r.Add(t.Lines[i]);
        return string.Join("\n", r);
    }

    [Fact]
    public void Wf_in_the_statement_makes_every_process_weakly_fair_as_fair_process_does()
    {
        var t = Tr(WithStatement("(* PlusCal options (-wf) *)", TwoProcesses));
        Assert.Equal("Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in 1..2 : WF_vars(P(self))", Spec(t));
        var fair = Tr(Module(FairProcess));
        Assert.Equal(Spec(fair), Spec(t));
        // pcal records the fairness in the algorithm's syntax tree, so the pcal checksum is that of `fair process'.
        Assert.Equal(fair.PcalChecksum, t.PcalChecksum);
    }

    [Fact]
    public void Sf_without_dash_in_a_line_comment_makes_processes_strongly_fair()
    {
        var t = Tr(WithStatement("\\* PlusCal options (sf)", TwoProcesses));
        Assert.Equal("Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in 1..2 : SF_vars(P(self))", Spec(t));
    }

    [Fact]
    public void Termination_means_wf_and_on_a_uniprocess_algorithm_wf_is_WF_of_Next()
    {
        var t = Tr(Module("PlusCal options (-termination)\n" + Uniprocess));
        Assert.Equal("Spec == /\\ Init /\\ [][Next]_vars\n        /\\ WF_vars(Next)", Spec(t));
        Assert.Equal("wf", t.Options.Fairness);
        Assert.Contains("Termination == <>(pc = \"Done\")", t.Lines);
        // Without options: no fairness.
        Assert.Equal("Spec == Init /\\ [][Next]_vars", Spec(Tr(Module(Uniprocess))));
    }

    [Fact]
    public void WfNext_conjoins_WF_of_Next_and_leaves_processes_alone()
    {
        var t = Tr(Module(TwoProcesses), "-wfNext");
        Assert.Equal("Spec == /\\ Init /\\ [][Next]_vars\n        /\\ WF_vars(Next)", Spec(t));
    }

    [Fact]
    public void Nof_removes_even_the_fairness_of_fair_processes()
    {
        var t = Tr(WithStatement("(* PlusCal options (nof) *)", FairProcess));
        Assert.Equal("Spec == Init /\\ [][Next]_vars", Spec(t));
    }

    [Fact]
    public void The_statements_fairness_replaces_the_command_lines()
    {
        var t = Tr(WithStatement("(* PlusCal options (-sf) *)", TwoProcesses), "-wf");
        Assert.Contains("SF_vars(P(self))", Spec(t));
        Assert.Throws<ArgumentException>(() => PlusCalOptions.FromCommandLine(new[] { "-wf", "-sf" }));
    }

    [Fact]
    public void NoDoneDisjunct_drops_Terminating_but_keeps_Termination()
    {
        var t = Tr(Module(Uniprocess), "-noDoneDisjunct");
        Assert.DoesNotContain(t.Lines, l => l.Contains("Terminating"));
        Assert.Contains("Next == A", t.Lines);
        Assert.Contains("Termination == <>(pc = \"Done\")", t.Lines);
    }

    [Fact]
    public void Label_adds_missing_labels_to_a_multiprocess_algorithm_with_labelRoot()
    {
        const string alg = "--algorithm a\nvariables n = 0;\nprocess P \\in 1..2\nbegin\nA: n := n + 1;\n   n := n + 2;\nend process;\nend algorithm";
        Assert.Throws<TlaException>(() => Tr(Module(alg)));
        var t = Tr(WithStatement("(* PlusCal options (label, labelRoot Step) *)", alg));
        Assert.Equal(new[] { "Step1" }, t.AddedLabels);
        Assert.Contains(t.Lines, l => l.StartsWith("Step1(self) == /\\ pc[self] = \"Step1\""));
    }

    [Fact]
    public void Spec_is_ignored_with_a_warning_and_a_later_version_translates_as_the_current_one()
    {
        var t = Tr(WithStatement("(* PlusCal options (-version 1.8 -spec PlusCal) *)", TwoProcesses));
        Assert.DoesNotContain(t.Warnings, w => w.Contains("-version"));
        Assert.Contains(t.Warnings, w => w.Contains("-spec PlusCal ignored"));
        Assert.Equal(Tr(Module(TwoProcesses)).Lines, t.Lines);
    }

    [Fact]
    public void An_unknown_option_in_the_statement_is_reported_at_its_line_and_column_and_ends_the_options_as_in_pcal()
    {
        // pcal.trans reports it ("Unknown or illegal option in options statement") and translates with the options
        // before it.
        var t = Tr(WithStatement("(* PlusCal options (-wf -bogus -sf) *)", TwoProcesses));
        var w = Assert.Single(t.Warnings);
        Assert.StartsWith("M.tla:3:25: ", w);
        Assert.Contains("-bogus", w);
        Assert.Equal(Tr(WithStatement("(* PlusCal options (-wf) *)", TwoProcesses)).Lines, t.Lines);
    }

    [Fact]
    public void A_statement_without_parenthesis_is_reported_and_the_algorithm_translated_without_it()
    {
        var t = Tr(WithStatement("(* PlusCal options -wf *)", TwoProcesses));
        Assert.Contains(t.Warnings, w => w.StartsWith("M.tla:3:") && w.Contains("not followed by `('"));
        Assert.Equal(Tr(Module(TwoProcesses)).Lines, t.Lines);
    }

    [Fact]
    public void Ops_pcal_takes_pcal_options_on_its_command_line()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-pcal-opt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var spec = Path.Combine(dir, "M.tla");
        File.WriteAllText(spec, Module(TwoProcesses));
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { "pcal", spec, "-sf", "-termination", "-translation" }, o, e));
        Assert.Contains("\\A self \\in 1..2 : SF_vars(P(self))", o.ToString());
        Assert.NotEqual(0, Ops.Cli.CliApp.Run(new[] { "pcal", spec, "-bogus" }, o, e));
        Assert.Contains("ops pcal: Unrecognized command or argument '-bogus'", e.ToString());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Ops_pcal_writes_pcal_trans_1_12_layout_by_default_and_the_older_one_with_pclast()
    {
        // pcal.trans 1.12 (no option: it has no layout option) wrote `VARIABLES pc, x, stack` for this algorithm.
        const string text = """
            ---- MODULE Count ----
            EXTENDS Naturals
            (* --algorithm count
            variables x = 0;
            procedure P() begin L: return; end procedure;
            begin
            A: x := x + 1;
            B: call P();
            end algorithm *)
            \* BEGIN TRANSLATION
            \* END TRANSLATION
            ====
            """;
        var dir = Path.Combine(Path.GetTempPath(), "ops-pcal-layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var spec = Path.Combine(dir, "Count.tla");
            File.WriteAllText(spec, text);
            string Run(params string[] extra)
            {
                var o = new StringWriter();
                Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { "pcal", spec, "-translation" }.Concat(extra).ToArray(), o, new StringWriter()));
                return o.ToString();
            }
            Assert.Contains("VARIABLES pc, x, stack\n", Run().Replace("\r\n", "\n"));
            Assert.Contains("VARIABLES pc, x, stack\n", Run("-pcfirst").Replace("\r\n", "\n"));
            Assert.Contains("VARIABLES x, pc, stack\n", Run("-pclast").Replace("\r\n", "\n"));
            var e = new StringWriter();
            Assert.NotEqual(0, Ops.Cli.CliApp.Run(new[] { "pcal", spec, "-pclast", "-pcfirst" }, new StringWriter(), e));
            Assert.Contains("-pclast and -pcfirst", e.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ConvertFrom_PlusCal_has_an_Option_parameter()
    {
        // The cmdlet passes -Option to PlusCalOptions.FromCommandLine (read from its metadata: PowerShell's own
        // assembly is not loaded in these tests).
        var dll = Path.Combine(AppContext.BaseDirectory, "Ops.PowerShell.dll");
        var c = Ops.Tla.Tests.PowerShell.CmdletMetadata.Read(dll, out _).Single(x => x.Name == "ConvertFrom-PlusCal");
        Assert.Contains("Option", c.Parameters);
    }
}
