using System.Xml;
using System.Xml.Linq;
using Xunit;

namespace Ops.Tla.Tests.Output.Html;

/// <summary>Reads a report page as XML (the pages are well-formed XHTML as well as HTML5) and finds its parts.</summary>
public sealed class HtmlDoc
{
    public static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public XDocument Doc { get; }
    public string Text { get; }

    private HtmlDoc(string text)
    {
        Text = text;
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        Doc = XDocument.Load(reader);
    }

    public static HtmlDoc Load(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        return new HtmlDoc(File.ReadAllText(path));
    }

    public static HtmlDoc Parse(string text) => new(text);

    public XElement Root => Doc.Root;

    public static bool HasClass(XElement e, string cls) => ((string)e.Attribute("class") ?? "").Split(' ').Contains(cls);

    public IEnumerable<XElement> All(string tag, string cls = null) =>
        Doc.Descendants(X + tag).Concat(Doc.Descendants(Svg + tag)).Where(e => cls == null || HasClass(e, cls));

    public XElement ById(string id) => Doc.Descendants().FirstOrDefault(e => (string)e.Attribute("id") == id);

    /// <summary>The trace table's state rows (the first table of class trace).</summary>
    public List<XElement> TraceRows(string cls = "state") =>
        All("table", "trace").First().Descendants(X + "tr").Where(r => HasClass(r, cls)).ToList();

    public static List<XElement> Cells(XElement row) => row.Elements(X + "td").ToList();
}
