using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class PprTests : BuiltinTestBase
{
    [Fact]
    public void ShortValuesAreUnchanged()
    {
        Assert.Equal("{1, 2, 3}", Ppr.Format(Set(1, 2, 3)));
        Assert.Equal("", Ppr.Format(""));
    }

    [Fact]
    public void LongSetsPutOneElementPerLine()
    {
        var s = new IntervalValue(1, 30).ToEnumerated();
        var expected = "{ " + string.Join(",\n  ", Enumerable.Range(1, 30)) + " }";
        Assert.Equal(expected, Ppr.Format(s));
    }

    [Fact]
    public void LongSequencesAndNestedValues()
    {
        var inner = Tup(Enumerable.Range(1, 12).Select(i => (Value)S("element" + i)).ToArray());
        var printed = Ppr.Format(inner);
        Assert.StartsWith("<< \"element1\",\n   \"element2\",\n", printed);
        Assert.EndsWith("\"element12\" >>", printed);

        var rec = Rec(("alpha", inner), ("b", I(1)));
        var r = Ppr.Format(rec);
        Assert.StartsWith("[ alpha |->\n      << \"element1\",\n         \"element2\",", r);
        Assert.EndsWith("\"element12\" >>,\n  b |-> 1 ]", r);
    }

    [Fact]
    public void FunctionsBreakAtAtAt()
    {
        var t = new ModelValueTable();
        var kv = Enumerable.Range(1, 8).Select(i => ((Value)t.Get("proc" + i), (Value)S("some state " + i))).ToArray();
        var f = Fcn(kv);
        var printed = Ppr.Format(f);
        Assert.StartsWith("( proc1 :> \"some state 1\" @@\n  proc2 :> \"some state 2\" @@\n", printed);
        Assert.EndsWith("  proc8 :> \"some state 8\" )", printed);
    }

    [Fact]
    public void UnparsableValuesAreLeftAsTheyAre()
    {
        // Like TLC, the pretty printer does not know '_' in model values and gives up.
        var t = new ModelValueTable();
        var s = SetValue.From(Enumerable.Range(1, 20).Select(i => (Value)t.Get("m_" + i)));
        Assert.Equal(s.ToString(), Ppr.Format(s));
    }

    [Fact]
    public void PrintUsesThePrettyPrinter()
    {
        var s = new IntervalValue(1, 30).ToEnumerated();
        Call("TLC", "PrintT", s);
        Assert.Equal(Ppr.Format(s), Host.Printed[0]);
        Assert.Contains("\n", Host.Printed[0]);
    }
}
