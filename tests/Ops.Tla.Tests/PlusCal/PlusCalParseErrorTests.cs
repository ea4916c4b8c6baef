using Ops.Tla.PlusCal;
using Xunit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>Syntax errors in an algorithm come back as located TlaExceptions (file:line:column).</summary>
public class PlusCalParseErrorTests
{
    private static TlaException Fail(string algorithm)
    {
        var text = PlusCalTestKit.Module(algorithm);
        return Assert.Throws<TlaException>(() => PlusCalTranslator.Translate(text, "M.tla"));
    }

    // The module header puts the algorithm's first line on line 4.

    [Fact]
    public void Missing_semicolon_is_located_at_the_unexpected_token()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\n  A: x := 1\n  B: x := 2;\nend algorithm");
        Assert.Equal(ErrorKind.Syntax, e.Kind);
        Assert.Equal(8, e.Span.Line);
        Assert.Contains("expected `;'", e.Message);
        Assert.StartsWith("M.tla:8:", e.Describe());
    }

    [Fact]
    public void Done_is_not_a_label()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\nDone: x := 1;\nend algorithm");
        Assert.Equal(7, e.Span.Line);
        Assert.Equal(1, e.Span.Col);
        Assert.Contains("Done", e.Message);
    }

    [Fact]
    public void Either_without_or_is_an_error()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\nA: either x := 1; end either;\nend algorithm");
        Assert.Contains("no `or'", e.Message);
        Assert.Equal(7, e.Span.Line);
        Assert.Equal(4, e.Span.Col);
    }

    [Fact]
    public void Missing_label_after_a_call_is_reported_where_the_label_is_needed()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nprocedure P() begin P1: return; end procedure;\nbegin\nA: call P();\n   x := 1;\nend algorithm");
        Assert.Contains("missing label", e.Message);
        Assert.Equal(9, e.Span.Line);
        Assert.Equal(4, e.Span.Col);
    }

    [Fact]
    public void C_syntax_missing_closing_paren()
    {
        var e = Fail("--algorithm a {\nvariables x = 0;\n{ A: if (x = 0 { x := 1 } }\n}");
        Assert.Equal(ErrorKind.Syntax, e.Kind);
        Assert.True(e.HasLocation);
    }

    [Fact]
    public void Assignment_to_an_undeclared_variable_is_an_error()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\nA: y := 1;\nend algorithm");
        Assert.Contains("undeclared variable y", e.Message);
        Assert.Equal(7, e.Span.Line);
    }

    [Fact]
    public void Two_assignments_to_a_variable_in_one_step_need_a_label()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\nA: x := 1;\n   x := 2;\nend algorithm");
        Assert.Contains("missing label", e.Message);
        Assert.Equal(8, e.Span.Line);
    }

    [Fact]
    public void Return_outside_a_procedure_is_an_error()
    {
        var e = Fail("--algorithm a\nvariables x = 0;\nbegin\nA: return;\nend algorithm");
        Assert.Contains("not in a procedure", e.Message);
    }

    [Fact]
    public void Check_of_a_module_whose_algorithm_does_not_parse_is_a_parse_error_with_location()
    {
        var spec = PlusCalTestKit.WriteModel("--algorithm a\nvariables x = 0;\nbegin\n  A: x := \nend algorithm", "INIT Init\nNEXT Next\n");
        var r = Ops.Tla.Checking.ModelChecker.Check(spec);
        Assert.Equal(150, r.ExitCode);
        Assert.EndsWith(":8:1", r.Violation.Location);
    }
}
