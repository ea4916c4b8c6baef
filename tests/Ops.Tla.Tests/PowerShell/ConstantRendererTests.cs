using System.Collections;
using System.Numerics;
using Ops.PowerShell;
using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>Invoke-ModelCheck -Constant: PowerShell values rendered as .cfg values (the documented rule).</summary>
public class ConstantRendererTests
{
    [Theory]
    [InlineData(3, "3")]
    [InlineData(3L, "3")]
    [InlineData((byte)7, "7")]
    [InlineData(-2, "-2")]
    [InlineData(4.0, "4")]
    [InlineData(true, "TRUE")]
    [InlineData(false, "FALSE")]
    [InlineData("fast", "\"fast\"")]
    [InlineData("n1", "\"n1\"")]
    [InlineData("say \"hi\"\\\n", "\"say \\\"hi\\\"\\\\\\n\"")]
    public void Scalars(object value, string cfg) => Assert.Equal(cfg, ConstantRenderer.Render(value));

    [Fact]
    public void Big_integers_and_decimals()
    {
        Assert.Equal("123456789012345678901", ConstantRenderer.Render(BigInteger.Parse("123456789012345678901")));
        Assert.Equal("10", ConstantRenderer.Render(10m));
    }

    [Fact]
    public void Arrays_are_sets_whose_strings_are_model_values()
    {
        Assert.Equal("{n1, n2}", ConstantRenderer.Render(new object[] { "n1", "n2" }));
        Assert.Equal("{n1, n2}", ConstantRenderer.Render(new[] { "n1", "n2" }));
        Assert.Equal("{1, 2, 3}", ConstantRenderer.Render(new[] { 1, 2, 3 }));
        Assert.Equal("{{1, 2}, {3}}", ConstantRenderer.Render(new object[] { new object[] { 1, 2 }, new object[] { 3 } }));
        Assert.Equal("{}", ConstantRenderer.Render(Array.Empty<object>()));
        Assert.Equal("{TRUE, a}", ConstantRenderer.Render(new List<object> { true, "a" }));
    }

    [Fact]
    public void TlaValue_says_exactly_what_to_write()
    {
        Assert.Equal("Nil", ConstantRenderer.Render(TlaValue.ModelValue("Nil")));
        Assert.Equal("\"n1\"", ConstantRenderer.Render(TlaValue.String("n1")));
        Assert.Equal("{\"a\", \"b\"}", ConstantRenderer.Render(TlaValue.Set("a", "b")));
        Assert.Equal("<<1, \"a\">>", ConstantRenderer.Render(TlaValue.Tuple(1, "a")));
        Assert.Equal("{p1, p2}", ConstantRenderer.Render(TlaValue.Raw(" {p1, p2} ")));
        Assert.Equal("{Nil, x}", ConstantRenderer.Render(new object[] { TlaValue.ModelValue("Nil"), "x" }));
        Assert.Throws<ArgumentException>(() => TlaValue.ModelValue("not one"));
        Assert.Throws<ArgumentException>(() => TlaValue.ModelValue("CHOOSE"));
        Assert.Throws<ArgumentException>(() => TlaValue.Raw(" "));
        Assert.Contains("is not a .cfg value", Assert.Throws<ArgumentException>(() => TlaValue.Raw("<<1, 2>>")).Message);
        Assert.Equal("<<<<1, 2>>, {a, b}, \"s\">>", ConstantRenderer.Render(TlaValue.Sequence(TlaValue.Tuple(1, 2), new[] { "a", "b" }, "s")));
    }

    [Theory]
    [InlineData(null, "$null has no TLA+ value")]
    [InlineData(2.5, "not a whole number")]
    [InlineData(DayOfWeek.Monday, "enum value")]
    public void Values_without_a_cfg_form_are_refused_with_a_hint(object value, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ConstantRenderer.Render(value));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Hashtables_dates_and_bad_model_values_are_refused()
    {
        Assert.Contains("cannot be a record", Assert.Throws<ArgumentException>(() => ConstantRenderer.Render(new Hashtable { ["a"] = 1 })).Message);
        Assert.Contains("has no TLA+ value", Assert.Throws<ArgumentException>(() => ConstantRenderer.Render(DateTime.Now)).Message);
        Assert.Contains("TlaValue]::Set", Assert.Throws<ArgumentException>(() => ConstantRenderer.Render(new[] { "has space" })).Message);
    }

    [Fact]
    public void RenderAll_checks_names_unwraps_and_names_the_constant_in_errors()
    {
        var wrapped = new Wrapper(new object[] { "n1", new Wrapper("n2") });
        var all = ConstantRenderer.RenderAll(new Hashtable { ["N"] = 3, ["Nodes"] = wrapped }, o => o is Wrapper w ? w.Inner : o);
        Assert.Equal("3", all["N"]);
        Assert.Equal("{n1, n2}", all["Nodes"]);
        Assert.Contains("'bad name' is not a constant name", Assert.Throws<ArgumentException>(() => ConstantRenderer.RenderAll(new Hashtable { ["bad name"] = 1 })).Message);
        Assert.StartsWith("-Constant N: ", Assert.Throws<ArgumentException>(() => ConstantRenderer.RenderAll(new Hashtable { ["N"] = null })).Message);
        Assert.Empty(ConstantRenderer.RenderAll(null));
    }

    private sealed record Wrapper(object Inner);

    [Fact]
    public void Overrides_reach_the_checker_over_the_cfg()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Constants = new Hashtable { ["N"] = 7 } });
        Assert.True(r.Succeeded);
        Assert.Equal(7, r.DistinctStates);

        var nodes = t.Spec("Invariant", TempSpecs.Samples.Invariant, TempSpecs.Samples.InvariantCfg);
        var r2 = ModelCheckService.Run(new ModelCheckRequest { Path = nodes, Constants = new Hashtable { ["Nodes"] = new[] { "a", "b", "c" } } });
        Assert.Equal("safety failure", r2.Result);
        Assert.Equal(new object[] { "a", "b", "c" }, ((TlaMap)((ModelCheckTraceState)r2.Trace[0]).GetVariables()["owner"]).Keys.Cast<object>());
    }

    [Fact]
    public void A_bad_override_is_a_config_error_with_exit_151()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Constants = new Hashtable { ["Nope"] = 1 } });
        Assert.Equal(151, r.ExitCode);
        Assert.Contains("Nope", r.Violation.Message);
    }

    [Fact]
    public void Tuples_and_sequences_are_bound_as_values_and_reach_the_checker()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Pairs", """
            ---- MODULE Pairs ----
            EXTENDS Naturals, Sequences
            CONSTANTS Pair, Route
            ASSUME Pair = <<1, "a">>
            ASSUME Route = <<<<1, 2>>, <<2, 3>>>> /\ Len(Route) = 2
            VARIABLE i
            Init == i = 1
            Next == i < Len(Route) /\ i' = i + 1
            InRoute == Route[i][1] = i
            ====
            """, "CONSTANTS Pair = 0 Route = 0\nINIT Init\nNEXT Next\nINVARIANT InRoute\nCHECK_DEADLOCK FALSE\n");
        var r = ModelCheckService.Run(new ModelCheckRequest
        {
            Path = spec,
            Constants = new Hashtable { ["Pair"] = TlaValue.Tuple(1, "a"), ["Route"] = TlaValue.Sequence(TlaValue.Tuple(1, 2), TlaValue.Tuple(2, 3)) },
        });
        Assert.Null(r.Violation?.Message);
        Assert.Equal("success", r.Result);
        Assert.Equal(2, r.DistinctStates);
    }

    [Fact]
    public void An_error_in_a_value_names_the_Constant_entry()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Counter", TempSpecs.Samples.Counter, TempSpecs.Samples.CounterCfg);
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec, Constants = new Hashtable { ["Nope"] = TlaValue.Tuple(1) } });
        Assert.Equal(151, r.ExitCode);
        Assert.StartsWith("-Constant Nope", r.Violation.Location ?? "");
    }
}
