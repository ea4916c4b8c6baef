using System.Text;
using System.Text.RegularExpressions;

namespace Ops.Pglogical.Planning;

/// <summary>A name pattern, read the way psql reads \dt patterns: <c>schema.table</c>, where an unquoted part is
/// folded to lower case and may use <c>*</c> (any characters) and <c>?</c> (one character), and a
/// "double-quoted" part is taken literally (so it can hold capitals, dots, spaces and <c>""</c> for a quote).
/// A pattern without a dot names a schema: <c>audit</c> means every object in schema audit;
/// <c>*.events</c> means events in any schema.</summary>
public sealed class NamePattern
{
    public string Text { get; }
    private readonly Regex _schema;
    private readonly Regex _name; // null: the whole schema
    private readonly Regex _schemaAnyCase, _nameAnyCase;

    private NamePattern(string text, string schema, string name)
    {
        Text = text;
        const RegexOptions o = RegexOptions.CultureInvariant | RegexOptions.Singleline;
        _schema = new Regex(schema, o);
        _name = name == null ? null : new Regex(name, o);
        _schemaAnyCase = new Regex(schema, o | RegexOptions.IgnoreCase);
        _nameAnyCase = name == null ? null : new Regex(name, o | RegexOptions.IgnoreCase);
    }

    /// <summary>Whether the pattern would match if case did not matter (to suggest the quoting that was meant).</summary>
    public bool MatchesIgnoringCase(string schema, string name) =>
        _schemaAnyCase.IsMatch(schema) && (_nameAnyCase == null || _nameAnyCase.IsMatch(name));

    public bool NamesSchemaOnly => _name == null;

    public bool Matches(string schema, string name) =>
        _schema.IsMatch(schema) && (_name == null || _name.IsMatch(name));

    public bool MatchesSchema(string schema) => _schema.IsMatch(schema);

    public override string ToString() => Text;

    public static NamePattern Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new PglogicalException("pattern", "an empty name pattern was given", "write schema.table, schema, or use * and ? as wildcards, e.g. public.* or \"My Schema\".\"Orders\"");
        var parts = new List<StringBuilder> { new() };
        bool quoted = false, sawQuote = false;
        var t = text.Trim();
        for (int i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c == '"')
            {
                sawQuote = true;
                if (quoted && i + 1 < t.Length && t[i + 1] == '"') { parts[^1].Append(Regex.Escape("\"")); i++; continue; }
                quoted = !quoted;
                continue;
            }
            if (quoted) { parts[^1].Append(Regex.Escape(c.ToString())); continue; }
            switch (c)
            {
                case '.': parts.Add(new StringBuilder()); break;
                case '*': parts[^1].Append(".*"); break;
                case '?': parts[^1].Append('.'); break;
                default:
                    if (char.IsWhiteSpace(c))
                        throw new PglogicalException("pattern", $"the pattern '{text}' has a space outside double quotes",
                            $"quote names with spaces: \"{t.Replace("\"", "")}\" or e.g. public.\"my table\"");
                    parts[^1].Append(Regex.Escape(char.ToLowerInvariant(c).ToString()));
                    break;
            }
        }
        if (quoted)
            throw new PglogicalException("pattern", $"the pattern '{text}' has an unclosed double quote", "close the quote; write \"\" for a quote inside a quoted name");
        if (parts.Count > 2)
            throw new PglogicalException("pattern", $"the pattern '{text}' has more than one dot outside double quotes",
                "write schema.table; quote a name that contains a dot, e.g. public.\"v1.2\"");
        if (parts.Any(p => p.Length == 0) && !sawQuote)
            throw new PglogicalException("pattern", $"the pattern '{text}' has an empty part", "write schema.table, schema, or *.table");
        static string Rx(StringBuilder sb) => "^(?:" + sb + ")$";
        return new NamePattern(text, Rx(parts[0]), parts.Count == 2 ? Rx(parts[1]) : null);
    }
}
