using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class SvgTests : BuiltinTestBase
{
    private string Svg(Value elem) => ((StringValue)Call("SVG", "SVGElemToString", elem)).S;

    [Fact]
    public void Element_constructors_build_records()
    {
        Assert.Equal("[attrs |-> [height |-> \"4\", width |-> \"3\", x |-> \"1\", y |-> \"2\"], children |-> <<>>, innerText |-> \"\", name |-> \"rect\"]",
            Str("SVG", "Rect", I(1), I(2), I(3), I(4), Tup()));
        Assert.Equal("[attrs |-> <<>>, children |-> <<1>>, innerText |-> \"\", name |-> \"g\"]", Str("SVG", "Group", Tup(1), Tup()));
        Assert.Equal("[attrs |-> [a |-> \"b\"], children |-> <<>>, innerText |-> \"t\", name |-> \"path\"]",
            Str("SVG", "SVGElem", S("path"), Rec(("a", S("b"))), Tup(), S("t")));
        // The element's own attributes take precedence over the ones passed in.
        var circle = (FcnValue)Call("SVG", "Circle", I(1), I(2), I(3), Rec(("r", S("9")), ("fill", S("red"))));
        Assert.Equal("[cx |-> \"1\", cy |-> \"2\", fill |-> \"red\", r |-> \"3\"]", circle.Apply(S("attrs")).ToString());
        var image = (FcnValue)Call("SVG", "Image", I(0), I(0), I(5), I(6), S("a.png"), Tup());
        Assert.Equal(S("a.png"), ((FcnValue)image.Apply(S("attrs"))).Apply(S("xlink:href")));
    }

    [Fact]
    public void SVGElemToString_renders_as_TLCs_override()
    {
        Assert.Equal("<rect fill='red' height='4' width='3' x='1' y='2'></rect>",
            Svg(Call("SVG", "Rect", I(1), I(2), I(3), I(4), Fcn((S("fill"), S("red"))))));
        Assert.Equal("<text stroke-width='2' x='0' y='1'>&lt;&lt;1, 2&gt;&gt;</text>",
            Svg(Call("SVG", "Text", I(0), I(1), S("<<1, 2>>"), Rec(("stroke_width", S("2"))))));
        var line = Call("SVG", "Line", I(0), I(1), I(2), I(3), Tup());
        var group = Call("SVG", "Group", Tup(line, Call("SVG", "Circle", I(5), I(5), I(1), Tup())), Rec(("id", S("g1"))));
        Assert.Equal("<g id='g1'><line x1='0' x2='2' y1='1' y2='3'></line><circle cx='5' cy='5' r='1'></circle></g>", Svg(group));
        // Children given as a function are rendered in the order of its domain.
        Assert.Equal("<g><g></g><text x='1' y='1'>b</text></g>",
            Svg(Call("SVG", "Group", Fcn((S("a"), Call("SVG", "Group", Tup(), Tup())), (S("b"), Call("SVG", "Text", I(1), I(1), S("b"), Tup()))), Tup())));
        Assert.Equal("<svg viewBox='0 0 100 50' xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><g></g></svg>",
            Svg(Call("SVG", "SVGDoc", Call("SVG", "Group", Tup(), Tup()), I(0), I(0), I(100), I(50), Tup())));
        Assert.StartsWith("An SVG element must be a record", Error("SVG", "SVGElemToString", I(1)));
        Assert.Contains("must be a string", Error("SVG", "SVGElemToString", Call("SVG", "SVGElem", S("g"), Rec(("x", I(1))), Tup(), S(""))));
    }

    [Fact]
    public void Geometry_follows_the_Java_overrides()
    {
        Assert.Equal("[x |-> 15, y |-> 10]", Str("SVG", "NodeOfRingNetwork", I(10), I(10), I(5), I(0), I(4)));
        Assert.Equal("[x |-> 10, y |-> 15]", Str("SVG", "NodeOfRingNetwork", I(10), I(10), I(5), I(1), I(4)));
        Assert.Equal("[x |-> 5, y |-> 10]", Str("SVG", "NodeOfRingNetwork", I(10), I(10), I(5), I(2), I(4)));
        // Truncation toward zero (the TLA+ text's \div would give -3).
        Assert.Equal("[x |-> 5, y |-> -2]", Str("SVG", "PointOnLine", Rec(("x", I(0)), ("y", I(0))), Rec(("x", I(10)), ("y", I(-5))), I(2)));
        Assert.Contains("NodesOfDirectedMultiGraph", Error("SVG", "NodesOfDirectedMultiGraph", Set(1), Set(), Rec(("algo", S("Sugiyama")))));
    }

    [Fact]
    public void SVGSerialize_writes_a_numbered_frame()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-svg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var doc = Call("SVG", "SVGDoc", Call("SVG", "Group", Tup(), Tup()), I(0), I(0), I(10), I(10), Tup());
            var r = (FcnValue)Call("SVG", "SVGSerialize", doc, S(Path.Combine(dir, "frame_")), I(3));
            Assert.Equal(I(0), r.Apply(S("exitValue")));
            Assert.Equal(Svg(doc), File.ReadAllText(Path.Combine(dir, "frame_3.svg")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
