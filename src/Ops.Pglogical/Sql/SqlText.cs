using System.Text;

namespace Ops.Pglogical.Sql;

/// <summary>Quoting of PostgreSQL identifiers and literals. Identifiers are left bare only when PostgreSQL would
/// read them back unchanged (lower-case ASCII letters, digits, underscores, not a reserved word); everything else
/// is double-quoted with embedded quotes doubled. Literals are standard-conforming strings: single quotes
/// doubled, backslashes literal (the generated script sets standard_conforming_strings on).</summary>
public static class SqlText
{
    // PostgreSQL 15's reserved key words (and those reserved except as function or type names): a bare
    // identifier equal to one of these does not parse as a name.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
        "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
        "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec",
        "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract",
        "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group",
        "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
        "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
        "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
        "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
        "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row",
        "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user",
        "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union",
        "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
        "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
        "xmlroot", "xmlserialize", "xmltable",
    };

    /// <summary>True when <paramref name="name"/> can be written without quotes and reads back as itself.</summary>
    public static bool IsBareIdentifier(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63) return false;
        if (!(name[0] is >= 'a' and <= 'z' or '_')) return false;
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')) return false;
        return !Reserved.Contains(name);
    }

    /// <summary>An identifier as PostgreSQL reads it back exactly: bare when safe, else "double-quoted".</summary>
    public static string Ident(string name)
    {
        if (name == null) throw new ArgumentNullException(nameof(name));
        if (name.Length == 0) throw new ArgumentException("an identifier cannot be empty", nameof(name));
        if (name.Contains('\0')) throw new ArgumentException("an identifier cannot contain a NUL character", nameof(name));
        return IsBareIdentifier(name) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>schema.name with each part quoted as needed.</summary>
    public static string Qualified(string schema, string name) => Ident(schema) + "." + Ident(name);

    /// <summary>A string literal (standard_conforming_strings = on): 'it''s'.</summary>
    public static string Literal(string value)
    {
        if (value == null) return "NULL";
        if (value.Contains('\0')) throw new ArgumentException("a string literal cannot contain a NUL character", nameof(value));
        return "'" + value.Replace("'", "''") + "'";
    }

    /// <summary>A regclass literal for schema.name: '"My Schema"."Tab"'::regclass.</summary>
    public static string RegClass(string schema, string name) => Literal(Qualified(schema, name)) + "::regclass";

    /// <summary>ARRAY['a', 'B c']::text[] (NULL for null).</summary>
    public static string TextArray(IEnumerable<string> values)
    {
        if (values == null) return "NULL";
        var sb = new StringBuilder("ARRAY[");
        bool first = true;
        foreach (var v in values)
        {
            if (!first) sb.Append(", ");
            sb.Append(Literal(v));
            first = false;
        }
        return sb.Append("]::text[]").ToString();
    }

    /// <summary>Makes text safe to put after "-- " on one line of an SQL comment.</summary>
    public static string CommentLine(string text) =>
        text.Replace("\r", " ").Replace("\n", " ");
}
