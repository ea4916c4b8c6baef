using System.Text;

namespace Ops.Pglogical.Planning;

/// <summary>Per-table choices, for the tables a pattern matches (the seed spreadsheet's columns C and D, and
/// more). Later rules win over earlier ones for the same attribute; a leaf partition takes its parent's rule
/// unless a rule names the leaf.</summary>
public sealed class TableRule
{
    public NamePattern Pattern { get; set; }
    /// <summary>Replication set (spreadsheet column C); null: the default choice.</summary>
    public string Set { get; set; }
    /// <summary>Row filter, an SQL boolean expression on the table's columns (column D).</summary>
    public string RowFilter { get; set; }
    /// <summary>Column list; must keep the replica identity columns.</summary>
    public List<string> Columns { get; set; }
    public bool? SynchronizeData { get; set; }
    /// <summary>What can happen to the table on the provider (INSERT, UPDATE, DELETE, TRUNCATE); null: all.</summary>
    public HashSet<string> Writes { get; set; }
    /// <summary>Where the rule came from, for messages ("--row-filter", "rules.csv line 4").</summary>
    public string Source { get; set; }
}

/// <summary>A replication set the plan creates (pglogical.create_replication_set).</summary>
public sealed class SetDefinition
{
    public string Name { get; set; }
    public HashSet<string> Operations { get; set; } = new(PlanOptions.AllOperations);
}

public sealed class PlanOptions
{
    public static readonly string[] AllOperations = { "INSERT", "UPDATE", "DELETE", "TRUNCATE" };

    public List<NamePattern> Include { get; set; } = new();
    public List<NamePattern> Exclude { get; set; } = new();
    public List<TableRule> Rules { get; set; } = new();
    /// <summary>Fail on a table without a primary key instead of putting it in the insert-only set.</summary>
    public bool Strict { get; set; }
    public string DefaultSet { get; set; } = "default";
    public string InsertOnlySet { get; set; } = "default_insert_only";
    public string SequenceSet { get; set; } = "default";
    public bool SynchronizeData { get; set; } = true;
    public bool IncludeSequences { get; set; } = true;
    public List<SetDefinition> CreateSets { get; set; } = new();
    /// <summary>Create the local pglogical node (and the extension) when the database has none.</summary>
    public string CreateNodeName { get; set; }
    /// <summary>The DSN subscribers use to reach this provider; default: the connection without its password. Read
    /// back, its password is masked (the options are shown and serialized with the plan); the plan's SQL and the apply
    /// use the DSN as given.</summary>
    public string NodeDsn
    {
        get => Connection.PgConnectionSettings.MaskText(_nodeDsn);
        set => _nodeDsn = value;
    }

    private string _nodeDsn;

    /// <summary>The DSN as given, password included: only for pglogical.create_node.</summary>
    internal string NodeDsnWithPassword => _nodeDsn;
    /// <summary>Provider operations per behaviour in the model (small keeps the check fast).</summary>
    public int ModelOperations { get; set; } = 3;

    /// <summary>Parses "insert,update" (case-insensitive; "all" for all four).</summary>
    public static HashSet<string> ParseOperations(string text, string source)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var op = raw.ToUpperInvariant();
            if (op == "ALL") { set.UnionWith(AllOperations); continue; }
            if (!AllOperations.Contains(op))
                throw new PglogicalException("usage", $"'{raw}' in {source} is not an operation",
                    "use insert, update, delete, truncate (comma-separated) or all");
            set.Add(op);
        }
        if (set.Count == 0)
            throw new PglogicalException("usage", $"{source} names no operation", "use insert, update, delete, truncate (comma-separated) or all");
        return set;
    }

    /// <summary>Parses a column list: comma-separated; unquoted names fold to lower case, "Quoted" ones are exact.</summary>
    public static List<string> ParseColumnList(string text, string source)
    {
        var result = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false, any = false;
        void Flush()
        {
            if (!any) throw new PglogicalException("usage", $"the column list '{text}' in {source} has an empty name", "write a,b,\"Mixed Case\"");
            result.Add(cur.ToString());
            cur.Clear();
            any = false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (quoted && i + 1 < text.Length && text[i + 1] == '"') { cur.Append('"'); i++; continue; }
                quoted = !quoted;
                any = true;
                continue;
            }
            if (quoted) { cur.Append(c); continue; }
            if (c == ',') { Flush(); continue; }
            if (char.IsWhiteSpace(c)) continue;
            cur.Append(char.ToLowerInvariant(c));
            any = true;
        }
        if (quoted) throw new PglogicalException("usage", $"the column list '{text}' in {source} has an unclosed double quote", "close the quote");
        Flush();
        return result;
    }

    /// <summary>The options in one line: "include public.*; exclude audit; 2 rule(s); strict; no initial copy".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Include.Count > 0) parts.Add("include " + string.Join(", ", Include));
        if (Exclude.Count > 0) parts.Add("exclude " + string.Join(", ", Exclude));
        if (Rules.Count > 0) parts.Add($"{Rules.Count} rule(s)");
        if (Strict) parts.Add("strict");
        if (!SynchronizeData) parts.Add("no initial copy");
        if (!IncludeSequences) parts.Add("no sequences");
        if (CreateNodeName != null) parts.Add("create node " + CreateNodeName);
        if (CreateSets.Count > 0) parts.Add("create set(s) " + string.Join(", ", CreateSets.Select(s => s.Name)));
        return parts.Count == 0 ? "every table and sequence, default sets" : string.Join("; ", parts);
    }
}
