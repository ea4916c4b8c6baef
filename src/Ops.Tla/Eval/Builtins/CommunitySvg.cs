using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// SVG (CommunityModules): constructors of SVG element records [name, attrs, children, innerText], and TLC's overrides
/// SVGElemToString, NodeOfRingNetwork and PointOnLine. The module text only LOCAL INSTANCEs the standard modules.
/// </summary>
internal static class SvgModule
{
    private static readonly string[] ElemFields = { "name", "attrs", "children", "innerText" };

    public static BuiltinModule Create() =>
        new BuiltinModule("SVG")
            .Add("SVGElem", 4, a => Elem(a[0], a[1], a[2], a[3]))
            .Add("Line", 5, a => Elem(S("line"), Merge(Attrs(("x1", a[0]), ("y1", a[1]), ("x2", a[2]), ("y2", a[3])), a[4]), FcnValue.EmptyTuple, S("")))
            .Add("Circle", 4, a => Elem(S("circle"), Merge(Attrs(("cx", a[0]), ("cy", a[1]), ("r", a[2])), a[3]), FcnValue.EmptyTuple, S("")))
            .Add("Rect", 5, a => Elem(S("rect"), Merge(Attrs(("x", a[0]), ("y", a[1]), ("width", a[2]), ("height", a[3])), a[4]), FcnValue.EmptyTuple, S("")))
            .Add("Text", 4, a => Elem(S("text"), Merge(Attrs(("x", a[0]), ("y", a[1])), a[3]), FcnValue.EmptyTuple, a[2]))
            .Add("Image", 6, a => Elem(S("image"),
                Merge(FcnValue.FromPairs(
                    new Value[] { S("xlink:href"), S("x"), S("y"), S("width"), S("height") },
                    new Value[] { a[4], Str(a[0]), Str(a[1]), Str(a[2]), Str(a[3]) }), a[5]),
                FcnValue.EmptyTuple, S("")))
            .Add("Group", 2, a => Elem(S("g"), a[1], a[0], S("")))
            .Add("Svg", 2, a => Elem(S("svg"), a[1], a[0], S("")))
            .Add("SVGDoc", 6, a => SvgDoc(a[0], a[1], a[2], a[3], a[4], a[5]))
            .Add("SVGElemToString", 1, a => StringValue.Of(ElemToString(a[0])))
            .Add("NodeOfRingNetwork", 5, a => NodeOfRingNetwork(a[0], a[1], a[2], a[3], a[4]))
            .Add("NodesOfDirectedMultiGraph", 3, _ =>
                throw new ValueException("SVG!NodesOfDirectedMultiGraph cannot be evaluated: it needs TLC's graph layout library (JGraphT/JUNGraphT), which is not available here."))
            .Add("PointOnLine", 3, a => PointOnLine(a[0], a[1], a[2]))
            .Add("SVGSerialize", 3, a => SvgSerialize(a[0], a[1], a[2]))
            .OverridingInText("SVGElemToString", "NodeOfRingNetwork", "NodesOfDirectedMultiGraph", "PointOnLine");

    private static StringValue S(string s) => StringValue.Of(s);

    /// <summary>TLC's ToString.</summary>
    private static StringValue Str(Value v) => StringValue.Of(v.ToString());

    private static FcnValue Attrs(params (string Key, Value Val)[] kvs) =>
        FcnValue.Record(kvs.Select(k => k.Key).ToList(), kvs.Select(k => (Value)Str(k.Val)).ToList());

    /// <summary>SVGElem(_name, _attrs, _children, _innerText) == [name |-&gt; ..., attrs |-&gt; ..., children |-&gt; ..., innerText |-&gt; ...]</summary>
    public static Value Elem(Value name, Value attrs, Value children, Value innerText) =>
        FcnValue.Record(ElemFields, new[] { name, attrs, children, innerText });

    /// <summary>[k \in DOMAIN r1 \cup DOMAIN r2 |-&gt; IF k \in DOMAIN r1 THEN r1[k] ELSE r2[k]]</summary>
    public static Value Merge(Value r1, Value r2)
    {
        var a = Conv.Fcn(r1) ?? throw new ValueException($"Attempted to compute DOMAIN of a non-function:\n{Err.Show(r1)}");
        var b = Conv.Fcn(r2) ?? throw new ValueException($"Attempted to compute DOMAIN of a non-function:\n{Err.Show(r2)}");
        var keys = new List<Value>();
        var vals = new List<Value>();
        for (int i = 0; i < a.Size; i++) { keys.Add(a.KeyAt(i)); vals.Add(a.Vals[i]); }
        for (int i = 0; i < b.Size; i++) { keys.Add(b.KeyAt(i)); vals.Add(b.Vals[i]); }
        return FcnValue.FromPairs(keys, vals);
    }

    private static Value SvgDoc(Value children, Value vbX, Value vbY, Value vbW, Value vbH, Value attrs)
    {
        var svgAttrs = FcnValue.FromPairs(
            new Value[] { S("xmlns:xlink"), S("xmlns"), S("viewBox") },
            new Value[] { S("http://www.w3.org/1999/xlink"), S("http://www.w3.org/2000/svg"), S($"{vbX} {vbY} {vbW} {vbH}") });
        return Elem(S("svg"), Merge(svgAttrs, attrs), FcnValue.Tuple(new[] { children }), S(""));
    }

    private static Value Field(FcnValue rec, string field)
    {
        var v = rec.Apply(StringValue.Of(field));
        if (v == null)
            throw new ValueException($"Attempted to access the field {field} of the record {Err.Show(rec)}, which has no such field");
        return v;
    }

    private static string StrField(FcnValue rec, string field)
    {
        var v = Field(rec, field);
        return v is StringValue s ? s.S
            : throw new ValueException($"SVGElemToString: the {field} of an SVG element must be a string, but instead it is:\n{Err.Show(v)}");
    }

    /// <summary>TLC's override: &lt;name a1='v1' ...&gt;innerText children&lt;/name&gt;, attribute names with _ as -.</summary>
    public static string ElemToString(Value elem)
    {
        var sb = new StringBuilder();
        Write(sb, elem);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Value elem)
    {
        var rec = Conv.Fcn(elem);
        if (rec == null || !rec.IsRecord)
            throw new ValueException($"An SVG element must be a record. Value given is:\n{Err.Show(elem)}");
        var name = StrField(rec, "name");
        var attrsVal = Field(rec, "attrs");
        var attrs = Conv.Fcn(attrsVal);
        if (attrs == null || !(attrs.IsRecord || attrs.Size == 0))
            throw new ValueException("Was unable to convert element to a record: " + attrsVal);
        var childrenVal = Field(rec, "children");
        var children = Conv.Fcn(childrenVal)
            ?? throw new ValueException("Was unable to convert element to a tuple or (function) record: " + childrenVal);
        var innerText = StrField(rec, "innerText");

        sb.Append('<').Append(name);
        for (int i = 0; i < attrs.Size; i++)
        {
            var key = ((StringValue)attrs.Keys[i]).S.Replace('_', '-');
            if (attrs.Vals[i] is not StringValue v)
                throw new ValueException($"SVGElemToString: the value of the attribute {key} must be a string, but instead it is:\n{Err.Show(attrs.Vals[i])}");
            sb.Append(' ').Append(key).Append("='").Append(v.S).Append('\'');
        }
        sb.Append('>');
        sb.Append(innerText.Replace("<<", "&lt;&lt;").Replace(">>", "&gt;&gt;"));
        foreach (var child in children.Vals) Write(sb, child);
        sb.Append("</").Append(name).Append('>');
    }

    private static long Int(Value v, string nth, string op) =>
        v is IntValue i ? i.V : throw Err.Arg(nth, op, "integer", v);

    /// <summary>Java's (int) conversion of a double: truncation, saturating, NaN to 0.</summary>
    private static long JavaD2I(double d)
    {
        if (double.IsNaN(d)) return 0;
        if (d >= int.MaxValue) return int.MaxValue;
        if (d <= int.MinValue) return int.MinValue;
        return (long)Math.Truncate(d);
    }

    private static FcnValue Point(long x, long y) =>
        FcnValue.Record(new[] { "x", "y" }, new Value[] { IntValue.Of(x), IntValue.Of(y) });

    /// <summary>The n-th of m points on the circle of radius r around (cx, cy), coordinates truncated to integers.</summary>
    public static Value NodeOfRingNetwork(Value cx, Value cy, Value r, Value n, Value m)
    {
        const string op = "NodeOfRingNetwork";
        long x0 = Int(cx, "first", op), y0 = Int(cy, "second", op), rad = Int(r, "third", op);
        long nn = Int(n, "fourth", op), mm = Int(m, "fifth", op);
        double angle = (2.0 * Math.PI / mm) * nn;
        return Point(JavaD2I(x0 + rad * Math.Cos(angle)), JavaD2I(y0 + rad * Math.Sin(angle)));
    }

    /// <summary>TLC's override: from + (to - from) / segment, per coordinate, in floating point, truncated.</summary>
    public static Value PointOnLine(Value from, Value to, Value segment)
    {
        const string op = "PointOnLine";
        var f = Conv.Fcn(from) ?? throw Err.Arg("first", op, "record", from);
        var t = Conv.Fcn(to) ?? throw Err.Arg("second", op, "record", to);
        long idx = Int(segment, "third", op);
        long fx = Int(Field(f, "x"), "first", op), fy = Int(Field(f, "y"), "first", op);
        long tx = Int(Field(t, "x"), "second", op), ty = Int(Field(t, "y"), "second", op);
        return Point(JavaD2I(fx + (tx - fx) / (idx * 1d)), JavaD2I(fy + (ty - fy) / (idx * 1d)));
    }

    /// <summary>IOUtils!Serialize(SVGElemToString(svg), prefix \o ToString(n) \o ".svg", [format |-&gt; "TXT", ...])</summary>
    public static Value SvgSerialize(Value svg, Value prefix, Value frame)
    {
        if (prefix is not StringValue p)
            throw new ValueException($"Evaluating an expression of the form s \\o t when s is not a string or sequence:\n{Err.Show(prefix)}");
        var text = StringValue.Of(ElemToString(svg));
        var file = StringValue.Of(p.S + frame + ".svg");
        var options = FcnValue.Record(new[] { "format", "charset", "openOptions" },
            new Value[] { S("TXT"), S("UTF-8"), FcnValue.Tuple(new Value[] { S("WRITE"), S("CREATE"), S("TRUNCATE_EXISTING") }) });
        return IOUtilsModule.Serialize(text, file, options);
    }
}
