using Ops.Tla.Checking;
using Xunit;
using static Ops.Tla.Tests.PlusCal.PlusCalTestKit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>Each construct translates as pcal.trans translates it, and the translation checks.</summary>
public class PlusCalConstructTests
{
    [Fact]
    public void Uniprocess_labels_pc_Termination_and_stuttering()
    {
        var t = Text("--algorithm a\nvariables x = 0;\nbegin\nA: x := x + 1;\nB: skip;\nend algorithm");
        Assert.Contains("VARIABLES pc, x", t);
        Assert.Contains("vars == << pc, x >>", t);
        Assert.Contains("Init == (* Global variables *)\n        /\\ x = 0\n        /\\ pc = \"A\"", t);
        Assert.Contains("A == /\\ pc = \"A\"\n     /\\ x' = x + 1\n     /\\ pc' = \"B\"", t);
        Assert.Contains("B == /\\ pc = \"B\"\n     /\\ TRUE\n     /\\ pc' = \"Done\"\n     /\\ x' = x", t);
        Assert.Contains("Terminating == pc = \"Done\" /\\ UNCHANGED vars", t);
        Assert.Contains("Next == A \\/ B\n           \\/ Terminating", t);
        Assert.Contains("Spec == Init /\\ [][Next]_vars", t);
        Assert.Contains("Termination == <>(pc = \"Done\")", t);
    }

    [Fact]
    public void While_if_elsif_else_and_unchanged_per_branch()
    {
        var t = Text("--algorithm a\nvariables x = 0, y = 0, z = 0;\nbegin\nL: while x < 3 do\n  if x = 0 then y := 1;\n  elsif x = 1 then z := 5;\n  else skip;\n  end if;\n  x := x + 1;\nend while;\nend algorithm");
        Assert.Contains("L == /\\ pc = \"L\"\n     /\\ IF x < 3\n           THEN /\\ IF x = 0\n", t);
        Assert.Contains("/\\ pc' = \"L\"", t);
        Assert.Contains("ELSE /\\ pc' = \"Done\"", t);
        Assert.Contains("UNCHANGED << x, y, z >>", t);
        Assert.Contains("/\\ z' = z", t);
    }

    [Fact]
    public void While_TRUE_process_set_omits_pc_when_there_is_one_label()
    {
        var t = Text("--algorithm a\nvariables n = 0;\nprocess P \\in 1..2\nbegin\nL: while TRUE do\n  n := (n + 1) % 3;\nend while;\nend process;\nend algorithm");
        Assert.Contains("VARIABLE n", t);
        Assert.DoesNotContain("pc", t);
        Assert.Contains("P(self) == n' = (n + 1) % 3", t);
        Assert.Contains("Next == (\\E self \\in 1..2: P(self))", t);
        Assert.DoesNotContain("Terminating", t);
    }

    [Fact]
    public void Process_variables_get_self_subscripts_and_await_with_either()
    {
        var t = Text("--algorithm a\nvariables q = <<>>;\nfair process P \\in {1, 2}\nvariable v = 0;\nbegin\nA: await Len(q) < 2;\n   with m \\in 1..2 do\n     either q := Append(q, m); or v := m; end either;\n   end with;\nend process;\nend algorithm");
        Assert.Contains("/\\ v = [self \\in {1, 2} |-> 0]", t);
        Assert.Contains("A(self) == /\\ pc[self] = \"A\"\n           /\\ Len(q) < 2\n           /\\ \\E m \\in 1..2:\n                \\/ /\\ q' = Append(q, m)\n                   /\\ v' = v\n                \\/ /\\ v' = [v EXCEPT ![self] = m]\n                   /\\ q' = q", t);
        Assert.Contains("Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in {1, 2} : WF_vars(P(self))", t);
        Assert.Contains("Termination == <>(\\A self \\in ProcSet: pc[self] = \"Done\")", t);
    }

    [Fact]
    public void Multiple_assignment_and_primed_reads_after_an_assignment()
    {
        var t = Text("--algorithm a\nvariables x = 0, y = 0, z = 0;\nbegin\nA: x := 1 || y := 2;\n   z := x + y;\nend algorithm");
        Assert.Contains("A == /\\ pc = \"A\"\n     /\\ /\\ x' = 1\n        /\\ y' = 2\n     /\\ z' = x' + y'\n     /\\ pc' = \"Done\"", t);
    }

    [Fact]
    public void Define_macro_goto_print_assert()
    {
        var t = Text("--algorithm a\nvariables x = 0;\ndefine Small == x < 5 end define;\nmacro inc(v) begin v := v + 1; end macro;\nbegin\nA: inc(x);\n   assert Small;\n   print x;\nB: goto A;\nend algorithm");
        Assert.Contains("(* define statement *)\nSmall == x < 5", t);
        Assert.Contains("/\\ x' = x + 1", t);
        Assert.Contains("/\\ Assert(Small, \"Failure of assertion at line 10, column 4.\")", t);
        Assert.Contains("/\\ PrintT(x')", t);
        Assert.Contains("B == /\\ pc = \"B\"\n     /\\ pc' = \"A\"\n     /\\ x' = x", t);
    }

    [Fact]
    public void Procedures_call_and_return_use_the_stack()
    {
        var t = Text("--algorithm a\nvariables r = 0;\nprocedure inc(d = 1)\nvariable tmp = 0;\nbegin\nI1: tmp := r + d;\nI2: r := tmp;\n    return;\nend procedure;\nprocess P \\in 1..2\nbegin\nC: call inc(self);\nD: skip;\nend process;\nend algorithm");
        Assert.Contains("VARIABLES pc, r, stack, d, tmp", t);
        Assert.Contains("/\\ d = [ self \\in ProcSet |-> 1]", t);
        Assert.Contains("/\\ stack = [self \\in ProcSet |-> << >>]", t);
        Assert.Contains(string.Join("\n",
            "C(self) == /\\ pc[self] = \"C\"",
            "           /\\ /\\ d' = [d EXCEPT ![self] = self]",
            "              /\\ stack' = [stack EXCEPT ![self] = << [ procedure |->  \"inc\",",
            "                                                       pc        |->  \"D\",",
            "                                                       tmp       |->  tmp[self],",
            "                                                       d         |->  d[self] ] >>",
            "                                                   \\o stack[self]]",
            "           /\\ tmp' = [tmp EXCEPT ![self] = 0]",
            "           /\\ pc' = [pc EXCEPT ![self] = \"I1\"]",
            "           /\\ r' = r"), t);
        Assert.Contains(string.Join("\n",
            "I2(self) == /\\ pc[self] = \"I2\"",
            "            /\\ r' = tmp[self]",
            "            /\\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]",
            "            /\\ tmp' = [tmp EXCEPT ![self] = Head(stack[self]).tmp]",
            "            /\\ d' = [d EXCEPT ![self] = Head(stack[self]).d]",
            "            /\\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]"), t);
        Assert.Contains("inc(self) == I1(self) \\/ I2(self)", t);
        Assert.Contains("Next == (\\E self \\in ProcSet: inc(self))\n           \\/ (\\E self \\in 1..2: P(self))\n           \\/ Terminating", t);
    }

    [Fact]
    public void C_syntax_single_processes_and_fair_plus()
    {
        var t = Text("--algorithm a {\n  variables flag = FALSE;\n  fair+ process (Setter = \"s\") { S: flag := TRUE; }\n  process (Reader = \"r\") { R: await flag; }\n}");
        Assert.Contains("ProcSet == {\"s\"} \\cup {\"r\"}", t);
        Assert.Contains("/\\ pc = [self \\in ProcSet |-> CASE self = \"s\" -> \"S\"\n                                        [] self = \"r\" -> \"R\"]", t);
        Assert.Contains("S == /\\ pc[\"s\"] = \"S\"\n     /\\ flag' = TRUE\n     /\\ pc' = [pc EXCEPT ![\"s\"] = \"Done\"]", t);
        Assert.Contains("Next == Setter \\/ Reader\n           \\/ Terminating", t);
        Assert.Contains("/\\ SF_vars(Setter)", t);
    }

    [Fact]
    public void Labels_are_added_to_an_algorithm_without_labels()
    {
        var t = Text("--algorithm a\nvariables x = 0;\nbegin\n  x := 1;\n  while x < 3 do x := x + 1; end while;\nend algorithm");
        Assert.Contains("Lbl_1 == /\\ pc = \"Lbl_1\"", t);
        Assert.Contains("Lbl_2 == /\\ pc = \"Lbl_2\"", t);
    }

    [Fact]
    public void The_checker_translates_an_algorithm_without_translation_in_memory_and_warns()
    {
        var spec = WriteModel("--fair algorithm a\nvariables x = 0;\nbegin\nA: while x < 3 do x := x + 1; end while;\nend algorithm", "SPECIFICATION Spec\nPROPERTY Termination\n");
        var r = ModelChecker.Check(spec);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(5, r.DistinctStates);
        Assert.Contains(r.Warnings, w => w.Contains("no translation"));
    }

    [Fact]
    public void The_checker_checks_the_files_translation_as_written_and_warns_when_its_checksums_show_an_edit()
    {
        var spec = WriteModel("--algorithm a\nvariables x = 0;\nbegin\nA: while x < 3 do x := x + 1; end while;\nend algorithm", "INIT Init\nNEXT Next\n");
        var t = Ops.Tla.PlusCal.PlusCalTranslator.Translate(File.ReadAllText(spec), spec);
        File.WriteAllText(spec, t.ModuleText);
        var r = ModelChecker.Check(spec);
        Assert.Empty(r.Warnings);
        Assert.Equal(5, r.DistinctStates);
        // Edit the algorithm only: TLC checks the translation in the file (x up to 3) and warns that the
        // algorithm changed (chksum(pcal) no longer matches).
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("while x < 3", "while x < 5"));
        r = ModelChecker.Check(spec);
        Assert.Equal(5, r.DistinctStates);
        var w = Assert.Single(r.Warnings);
        Assert.Contains("the PlusCal algorithm in module", w);
        Assert.Contains("has changed since its last translation", w);
        // Edit the translation too: both checksums differ; the file's translation (now up to 4) is checked.
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("IF x < 3", "IF x < 4"));
        r = ModelChecker.Check(spec);
        Assert.Equal(6, r.DistinctStates);
        Assert.Contains("the PlusCal algorithm and its TLA+ translation in module", Assert.Single(r.Warnings));
        // Restore the algorithm: only the translation's checksum differs.
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("while x < 5", "while x < 3"));
        r = ModelChecker.Check(spec);
        Assert.Equal(6, r.DistinctStates);
        Assert.Contains("the TLA+ translation in module", Assert.Single(r.Warnings));
    }

    [Fact]
    public void A_translation_edited_by_hand_without_checksums_is_checked_as_written_without_warning()
    {
        // The file's translation adds fairness the algorithm does not ask for (as an older pcal.trans, or a user,
        // may have written it) and records no checksums: TLC checks it as it is, so Termination holds.
        var spec = WriteModel("--algorithm a\nvariables x = 0;\nbegin\nA: x := 1;\nend algorithm", "SPECIFICATION Spec\nPROPERTY Termination\n");
        var t = Ops.Tla.PlusCal.PlusCalTranslator.Translate(File.ReadAllText(spec), spec);
        var text = System.Text.RegularExpressions.Regex.Replace(t.ModuleText, @"\\\* BEGIN TRANSLATION.*", "\\* BEGIN TRANSLATION")
            .Replace("Spec == Init /\\ [][Next]_vars", "Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next)");
        Assert.Contains("WF_vars(Next)", text);
        File.WriteAllText(spec, text);
        var r = ModelChecker.Check(spec);
        Assert.Empty(r.Warnings);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(2, r.DistinctStates);
        // Without the fairness the same translation violates Termination (stuttering in A).
        File.WriteAllText(spec, text.Replace(" /\\ WF_vars(Next)", ""));
        Assert.Equal(CheckOutcome.LivenessFailure, ModelChecker.Check(spec).Outcome);
    }

    [Fact]
    public void Ops_pcal_writes_the_translation_with_checksums_into_the_file()
    {
        var spec = WriteModel("--fair algorithm a\nvariables x = 0;\nbegin\nA: x := 1;\nend algorithm", "SPECIFICATION Spec\n");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { "pcal", spec }, o, e));
        var text = File.ReadAllText(spec);
        Assert.Contains("\\* BEGIN TRANSLATION (chksum(pcal) = \"7c28162a\" /\\ chksum(tla) = \"", text);
        Assert.Contains("\\* END TRANSLATION", text);
        Assert.Contains("/\\ WF_vars(Next)", text);
        Assert.Equal(1, Ops.Cli.CliApp.Run(new[] { "pcal", spec, "-whatif" }, o, e) == 0 ? 1 : 0);
        var r = ModelChecker.Check(spec);
        Assert.Empty(r.Warnings);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }
}
