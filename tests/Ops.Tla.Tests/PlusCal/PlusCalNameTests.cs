using Ops.Tla.PlusCal;
using Xunit;
using static Ops.Tla.Tests.PlusCal.PlusCalTestKit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>Name clashes: renamed as pcal.trans's symbol table renames them (report lines atop the translation), or
/// pcal's error at the declaration's line:column. The module header puts the algorithm's first line on line 4.</summary>
public class PlusCalNameTests
{
    private static TlaException Fail(string algorithm) =>
        Assert.Throws<TlaException>(() => PlusCalTranslator.Translate(Module(algorithm), "M.tla"));

    [Fact]
    public void Same_local_variable_and_label_in_two_processes_the_first_gets_an_underscore()
    {
        var t = Text("--algorithm a\nvariables g = 0;\nprocess P = 1\nvariables x = 0;\nbegin\nA: x := x + 1;\nend process;\n" +
                     "process Q = 2\nvariables x = 5;\nbegin\nA: x := x + g;\nend process;\nend algorithm");
        var lines = t.Split('\n');
        Assert.Equal("\\* Label A of process P at line 9 col 4 changed to A_", lines[0]);
        Assert.Equal("\\* Process variable x of process P at line 7 col 11 changed to x_", lines[1]);
        Assert.Contains("VARIABLES pc, g, x_, x", t);
        Assert.Contains("A_ == /\\ pc[1] = \"A_\"\n      /\\ x_' = x_ + 1", t);
        Assert.Contains("A == /\\ pc[2] = \"A\"\n     /\\ x' = x + g", t);
        Assert.Contains("/\\ x_ = 0", t);
        Assert.Contains("/\\ x = 5", t);
    }

    [Fact]
    public void A_label_named_like_a_variable_is_renamed_and_the_variable_is_not()
    {
        var t = Text("--algorithm a\nvariables x = 0;\nbegin\nx: x := x + 1;\nend algorithm");
        Assert.StartsWith("\\* Label x at line 7 col 4 changed to x_\n", t);
        Assert.Contains("x_ == /\\ pc = \"x_\"\n      /\\ x' = x + 1", t);
        Assert.Contains("/\\ pc = \"x_\"", t);
    }

    [Fact]
    public void A_label_twice_in_one_process_is_pcals_error_at_the_second()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nprocess P \\in 1..2\nbegin\nA: x := 1;\nB: x := 2;\nA: x := 3;\nend process;\nend algorithm");
        Assert.Contains("Label A redefined at line 10, column 4", e.Message);
        Assert.Equal(10, e.Span.Line);
        Assert.Equal(4, e.Span.Col);
        Assert.StartsWith("M.tla:10:4", e.Describe());
    }

    [Fact]
    public void A_process_variable_named_like_a_global_is_pcals_error()
    {
        var e = Fail("--algorithm a\nvariables g = 0;\nprocess P \\in 1..2\nvariables g = 1;\nbegin\nA: skip;\nend process;\nend algorithm");
        Assert.Contains("Process variable g redefined at line 7, column 11", e.Message);
        Assert.StartsWith("M.tla:7:11", e.Describe());
    }

    [Fact]
    public void A_variable_named_pc_is_pcals_error()
    {
        var e = Fail("--algorithm a\nvariables pc = 0;\nbegin\nA: skip;\nend algorithm");
        Assert.Contains("Global variable pc redefined at line 5, column 11", e.Message);
    }

    [Fact]
    public void Goto_to_a_label_of_another_process_is_pcals_error()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nprocess P = 1\nbegin\nA: x := 1;\nend process;\nprocess Q = 2\nbegin\nB: goto A;\nend process;\nend algorithm");
        Assert.Contains("goto to non-existent label `A' at line 12, column 4", e.Message);
        Assert.StartsWith("M.tla:12:4", e.Describe());
    }

    [Fact]
    public void Fairness_of_a_process_covers_the_procedures_its_procedures_call()
    {
        var t = Text("--algorithm a\nvariables n = 0;\nprocedure B()\nbegin\nB1: n := n + 1;\n    return;\nend procedure;\n" +
                     "procedure A()\nbegin\nA1: call B();\n    return;\nend procedure;\n" +
                     "fair process P \\in 1..2\nbegin\nP1: call A();\nend process;\nend algorithm");
        Assert.Contains("WF_vars(P(self))", t);
        Assert.Contains("WF_vars(A(self))", t);
        Assert.Contains("WF_vars(B(self))", t);
    }
}
