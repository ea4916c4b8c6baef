using System.Text;

namespace Ops.Tla.Output.Html;

/// <summary>
/// One self-contained HTML page (the <c>-html</c> reports of <c>ops check</c>, <c>ops jenkins-ecs check</c> and
/// <c>ops pglogical plan|check</c>): the style sheet and the script are inline, nothing is loaded from anywhere (the
/// page's Content-Security-Policy forbids it), so the file works offline and can be attached to a CI run as it is.
/// <para>The markup is well-formed XML as well as HTML5 (every element closed, attributes quoted, no named entities,
/// the script in a commented CDATA section), so that tests can read it with System.Xml. Everything that is not a tag
/// or attribute name written by Ops goes through <see cref="Text"/> or an attribute value and is escaped; characters
/// XML forbids (control characters, lone surrogates) become U+FFFD.</para>
/// <para>The script only links things together (pointing at a trace row marks its node in the state graph and back);
/// the page reads the same without it. When it has run, it sets <c>data-script="done"</c> on the root element; an
/// error sets <c>data-script-error</c>.</para>
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder _body = new();
    private readonly Stack<string> _open = new();
    private readonly string _title;
    private readonly string _kind;
    private int _ids;

    /// <param name="title">The page's title (escaped).</param>
    /// <param name="kind">What the page reports (<c>check</c>, <c>jenkins-ecs</c>, <c>pglogical-plan</c>): the root
    /// element's <c>data-report</c> attribute.</param>
    public HtmlPage(string title, string kind)
    {
        _title = title ?? "";
        _kind = kind ?? "report";
    }

    /// <summary>A prefix for element ids unique within this page (two graphs on one page do not share marker ids).</summary>
    public string NewId(string stem) => $"{stem}{++_ids}";

    /// <summary>Opens <paramref name="tag"/> with attributes given as name, value pairs (a null value leaves the
    /// attribute out).</summary>
    public HtmlPage Open(string tag, params string[] attributes)
    {
        StartTag(tag, attributes);
        _body.Append('>');
        _open.Push(tag);
        return this;
    }

    /// <summary>Closes the innermost open element (which must be <paramref name="tag"/> when given).</summary>
    public HtmlPage Close(string tag = null)
    {
        if (_open.Count == 0) throw new InvalidOperationException("no element is open");
        var open = _open.Pop();
        if (tag != null && tag != open) throw new InvalidOperationException($"closing <{tag}> while <{open}> is open");
        _body.Append("</").Append(open).Append('>');
        return this;
    }

    /// <summary>Text content, escaped.</summary>
    public HtmlPage Text(string text)
    {
        AppendEscaped(_body, text, attribute: false);
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlPage Element(string tag, string text, params string[] attributes) => Open(tag, attributes).Text(text).Close(tag);

    /// <summary>An element without content: a void HTML element (<c>br</c>, <c>meta</c>) or an SVG element, written
    /// self-closed.</summary>
    public HtmlPage Empty(string tag, params string[] attributes)
    {
        // An HTML parser reads <span/> as an open <span>: only void and SVG elements may be written self-closed.
        if (!SelfClosing.Contains(tag)) throw new ArgumentException($"<{tag}/> is not a void or SVG element: open and close it");
        StartTag(tag, attributes);
        _body.Append("/>");
        return this;
    }

    private static readonly HashSet<string> SelfClosing = new(StringComparer.Ordinal)
    {
        "br", "hr", "meta", "img", "wbr", "col", "input",
        "rect", "path", "circle", "ellipse", "line", "polyline", "polygon", "use", "stop",
    };

    /// <summary>A <c>dl</c> row: the term and its description (as text).</summary>
    public HtmlPage Term(string term, string description, string cssClass = null) =>
        Element("dt", term).Element("dd", description, "class", cssClass);

    private void StartTag(string tag, string[] attributes)
    {
        CheckName(tag);
        _body.Append('<').Append(tag);
        if (attributes.Length % 2 != 0) throw new ArgumentException("attributes come as name, value pairs");
        for (int i = 0; i < attributes.Length; i += 2)
        {
            if (attributes[i + 1] == null) continue;
            CheckName(attributes[i]);
            _body.Append(' ').Append(attributes[i]).Append("=\"");
            AppendEscaped(_body, attributes[i + 1], attribute: true);
            _body.Append('"');
        }
    }

    /// <summary>Tag and attribute names are Ops's own constants; this keeps a mistake from writing markup.</summary>
    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or ':')))
            throw new ArgumentException($"not a tag or attribute name: '{name}'");
    }

    /// <summary>The whole document.</summary>
    public string Render()
    {
        if (_open.Count > 0) throw new InvalidOperationException($"<{_open.Peek()}> is not closed");
        var sb = new StringBuilder(_body.Length + Style.Length + Script.Length + 1024);
        sb.Append("<!DOCTYPE html>\n");
        sb.Append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" data-report=\"");
        AppendEscaped(sb, _kind, attribute: true);
        sb.Append("\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        // Nothing from outside: no fonts, style sheets, scripts or images beyond what the page holds.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"/>\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        sb.Append("<meta name=\"generator\" content=\"Ops\"/>\n<title>");
        AppendEscaped(sb, _title, attribute: false);
        sb.Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        sb.Append(_body);
        sb.Append("\n<script>//<![CDATA[\n").Append(Script).Append("//]]></script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the document (UTF-8, no byte order mark).</summary>
    public void WriteFile(string path) => File.WriteAllText(path, Render(), new UTF8Encoding(false));

    /// <summary><paramref name="text"/> escaped for an element's content.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        AppendEscaped(sb, text, attribute: false);
        return sb.ToString();
    }

    /// <summary><paramref name="text"/> escaped for a quoted attribute value.</summary>
    public static string EscapeAttribute(string text)
    {
        var sb = new StringBuilder();
        AppendEscaped(sb, text, attribute: true);
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string text, bool attribute)
    {
        if (text == null) return;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                case '\'' when attribute: sb.Append("&#39;"); break;
                case '\n' or '\t' when attribute: sb.Append("&#").Append((int)c).Append(';'); break;
                case '\r': if (attribute) sb.Append("&#13;"); else sb.Append('\r'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not ('\n' or '\t')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
    }

    /// <summary>The page's style sheet (shared by every report): system fonts only.</summary>
    public const string Style = """
        :root { color-scheme: light; --fail: #b3261e; --fail-bg: #fdecea; --ok: #1b6e20; --ok-bg: #e7f4e8; --warn: #8a5a00; --warn-bg: #fff4d6;
                --err: #6b3fa0; --err-bg: #f1eafa; --line: #d0d4da; --muted: #5f6670; --changed: #ffe58a; --trace: #d93025; --loop: #7b2cbf; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 24px; color: #1f2328; background: #fff; line-height: 1.4; }
        h1 { font-size: 1.5em; margin: 0 0 12px 0; }
        h2 { font-size: 1.2em; margin: 28px 0 8px 0; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 1.05em; margin: 18px 0 6px 0; }
        code, pre, .value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
        pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
        .verdict { border-radius: 8px; padding: 12px 16px; margin: 12px 0 16px 0; border: 1px solid; font-size: 1.08em; }
        .verdict strong { font-size: 1.15em; margin-right: 8px; }
        .verdict.ok { background: var(--ok-bg); border-color: var(--ok); color: var(--ok); }
        .verdict.fail { background: var(--fail-bg); border-color: var(--fail); color: var(--fail); }
        .verdict.warn { background: var(--warn-bg); border-color: var(--warn); color: var(--warn); }
        .verdict.error { background: var(--err-bg); border-color: var(--err); color: var(--err); }
        dl.figures { display: grid; grid-template-columns: max-content auto; gap: 4px 18px; margin: 8px 0; }
        dl.figures dt { color: var(--muted); }
        dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 0.94em; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f4f6; position: sticky; top: 0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .scroll { overflow: auto; max-width: 100%; }
        table.trace td.value { white-space: pre-wrap; word-break: break-word; max-width: 36em; }
        table.trace td.changed { background: var(--changed); font-weight: 600; }
        table.trace td.step { white-space: nowrap; }
        table.trace .action { font-weight: 600; }
        table.trace .location { color: var(--muted); font-size: 0.85em; display: block; }
        table.trace tr.violation td.step { border-left: 4px solid var(--trace); }
        table.trace tr.loop-start td { border-top: 3px solid var(--loop); }
        table.trace tr.loop-start td.step .marker, table.trace tr.back-edge .marker { color: var(--loop); font-weight: 700; }
        table.trace tr.in-loop td.step { border-left: 4px solid var(--loop); }
        table.trace tr.back-edge td { background: #f5effc; border-bottom: 3px solid var(--loop); }
        table.trace tr.back-edge td.changed { background: var(--changed); }
        table.trace tr.stuttering td { background: #f3f4f6; font-style: italic; }
        table.trace tr.hover td, svg .node.hover rect { outline: 2px solid #1a73e8; }
        .muted { color: var(--muted); }
        .note { color: var(--muted); font-size: 0.92em; }
        .badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 0.85em; border: 1px solid currentColor; }
        .badge.ok { color: var(--ok); } .badge.fail { color: var(--fail); } .badge.warn { color: var(--warn); } .badge.error { color: var(--err); }
        tr.never td, tr.named td { background: var(--warn-bg); }
        table.timeline tr.violation td { background: var(--fail-bg); }
        table.timeline tr.new-agent td { border-top: 2px solid var(--muted); }
        table.timeline tr.back-edge td { background: #f5effc; color: var(--loop); }
        table.plan tr.exclude td { color: var(--muted); }
        .divergence { border-left: 4px solid var(--fail); padding: 2px 12px; margin: 10px 0; }
        .fix { color: var(--ok); }
        ul.problems li { color: var(--fail); } ul.warnings li { color: var(--warn); }
        svg.state-graph { background: #fcfcfd; border: 1px solid var(--line); border-radius: 6px; }
        svg.state-graph .node rect { fill: #fff; stroke: #8c959f; stroke-width: 1.2; }
        svg.state-graph .node.initial rect { stroke: #1f2328; stroke-width: 2.2; }
        svg.state-graph .node.trace rect { fill: #fde8e6; stroke: var(--trace); stroke-width: 2.2; }
        svg.state-graph .node.violation rect { fill: #f8c9c4; }
        svg.state-graph .node.loop rect { stroke: var(--loop); stroke-width: 3; }
        svg.state-graph .node text { font-size: 11px; fill: #1f2328; font-family: ui-monospace, Menlo, Consolas, monospace; }
        svg.state-graph .node text.id { font-weight: 700; }
        svg.state-graph .edge { fill: none; stroke: #a0a7b0; stroke-width: 1.1; }
        svg.state-graph .edge.trace { stroke: var(--trace); stroke-width: 2.4; }
        svg.state-graph .edge.back { stroke: var(--loop); stroke-dasharray: 6 3; }
        svg.state-graph .edge-label { font-size: 10px; fill: #4a5058; paint-order: stroke; stroke: #fcfcfd; stroke-width: 3px; stroke-linejoin: round; }
        svg.state-graph .level-label { font-size: 10px; fill: var(--muted); }
        svg.state-graph .arrow { fill: #a0a7b0; } svg.state-graph .arrow.trace { fill: var(--trace); } svg.state-graph .arrow.back { fill: var(--loop); }
        .legend span { margin-right: 14px; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: middle; margin-right: 4px; border: 1px solid #8c959f; }
        details > summary { cursor: pointer; color: #1a73e8; margin: 6px 0; }
        footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }

        """;

    /// <summary>The page's script: links trace rows and graph nodes (<c>data-node</c>), then marks the page done.</summary>
    public const string Script = """
        (function () {
          var root = document.documentElement;
          window.addEventListener('error', function (e) { root.setAttribute('data-script-error', String(e.message || e)); });
          try {
            var linked = document.querySelectorAll('[data-node]');
            var mark = function (id, on) {
              var all = document.querySelectorAll('[data-node="' + id + '"]');
              for (var j = 0; j < all.length; j++) { all[j].classList.toggle('hover', on); }
            };
            for (var i = 0; i < linked.length; i++) {
              (function (el) {
                var id = el.getAttribute('data-node');
                el.addEventListener('mouseenter', function () { mark(id, true); });
                el.addEventListener('mouseleave', function () { mark(id, false); });
              })(linked[i]);
            }
            root.setAttribute('data-linked', String(linked.length));
            root.setAttribute('data-script', 'done');
          } catch (e) {
            root.setAttribute('data-script-error', String(e));
          }
        })();

        """;
}
