using System.Text;

namespace Ops.Pglogical.Planning;

/// <summary>Reads per-table rules from a CSV file shaped like the seed's spreadsheet, exported as CSV:
/// a header row naming the columns, then one row per table. Columns: <c>schema</c>, <c>table</c> (exact names,
/// as the catalog spells them: no quoting needed), and optionally <c>set</c>, <c>row_filter</c>, <c>columns</c>
/// (comma-separated; quote mixed-case names with double quotes), <c>synchronize_data</c> (true/false),
/// <c>writes</c> (insert,update,delete,truncate). Empty cells mean "the default". Fields follow RFC 4180:
/// double-quote a field that holds commas, quotes ("") or line breaks.</summary>
public static class RulesFile
{
    private static readonly string[] Known = { "schema", "table", "set", "row_filter", "columns", "synchronize_data", "writes" };

    public static List<TableRule> Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new PglogicalException("rules", $"cannot read the rules file {path}: {e.Message}", $"check the path given to {Flags.Rules}"); }
        catch (UnauthorizedAccessException e) { throw new PglogicalException("rules", $"cannot read the rules file {path}: {e.Message}", "check the file's permissions"); }
        return Parse(text, Path.GetFileName(path));
    }

    public static List<TableRule> Parse(string text, string sourceName)
    {
        var rows = ParseCsv(text, sourceName);
        if (rows.Count == 0) throw new PglogicalException("rules", $"{sourceName} is empty", "start with a header row: schema,table,set,row_filter,columns");
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var h in header)
            if (!Known.Contains(h))
                throw new PglogicalException("rules", $"{sourceName}: unknown column '{h}' in the header", "columns are: " + string.Join(", ", Known));
        int Col(string name) => header.IndexOf(name);
        if (Col("schema") < 0 || Col("table") < 0)
            throw new PglogicalException("rules", $"{sourceName}: the header needs 'schema' and 'table' columns", "e.g. schema,table,set,row_filter");
        var rules = new List<TableRule>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.All(string.IsNullOrWhiteSpace)) continue;
            var source = $"{sourceName} line {row.Line}";
            string Cell(string name)
            {
                var i = Col(name);
                if (i < 0 || i >= row.Fields.Count) return null;
                var v = row.Fields[i];
                return string.IsNullOrWhiteSpace(v) ? null : v;
            }
            var schema = Cell("schema");
            var table = Cell("table");
            if (schema == null || table == null)
                throw new PglogicalException("rules", $"{source}: schema and table are both needed", "fill in the schema and table cells");
            var rule = new TableRule
            {
                Pattern = NamePattern.Parse(Quote(schema) + "." + Quote(table)),
                Set = Cell("set")?.Trim(),
                RowFilter = Cell("row_filter"),
                Source = source,
            };
            if (Cell("columns") is { } cols) rule.Columns = PlanOptions.ParseColumnList(cols, source);
            if (Cell("writes") is { } w) rule.Writes = PlanOptions.ParseOperations(w, source);
            if (Cell("synchronize_data") is { } sd)
            {
                rule.SynchronizeData = sd.Trim().ToLowerInvariant() switch
                {
                    "true" or "t" or "yes" or "1" => true,
                    "false" or "f" or "no" or "0" => false,
                    _ => throw new PglogicalException("rules", $"{source}: synchronize_data '{sd}' is not true or false", "write true or false"),
                };
            }
            rules.Add(rule);
        }
        return rules;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public sealed record CsvRow(int Line, List<string> Fields);

    public static List<CsvRow> ParseCsv(string text, string sourceName)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var cur = new StringBuilder();
        int line = 1, rowLine = 1;
        bool quoted = false, fieldStarted = false;
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cur.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cur.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cur.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(cur.ToString());
                    cur.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(cur.ToString());
                    cur.Clear();
                    fieldStarted = false;
                    rows.Add(new CsvRow(rowLine, fields));
                    fields = new List<string>();
                    line++;
                    rowLine = line;
                    break;
                default:
                    cur.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted) throw new PglogicalException("rules", $"{sourceName} line {rowLine}: a quoted field is not closed", "close the field with a double quote (write \"\" for a quote inside it)");
        if (cur.Length > 0 || fields.Count > 0 || fieldStarted)
        {
            fields.Add(cur.ToString());
            rows.Add(new CsvRow(rowLine, fields));
        }
        return rows;
    }
}
