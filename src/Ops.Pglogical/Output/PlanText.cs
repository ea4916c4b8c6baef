using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Planning;
using Ops.Tla;

namespace Ops.Pglogical.Output;

/// <summary>Plain-text and JSON renderings shared by the CLI and the cmdlets.</summary>
public static class PlanText
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>An inventory saved by <c>ops pglogical inventory --json</c> or Get-PglogicalInventory. <paramref name="path"/>
    /// and <paramref name="option"/> (how the user gave it: <c>--inventory</c>, <c>-InventoryPath</c>) name it in the errors:
    /// malformed JSON as PATH:LINE:COLUMN, and a JSON object that names no database (any object deserializes, to an empty
    /// inventory that would be planned as database "" with made-up problems) is refused.</summary>
    public static DatabaseInventory InventoryFromJson(string json, string path = null, string option = null)
    {
        const string fix = "write one with: ops pglogical inventory --json FILE";
        var given = option == null ? path ?? "the inventory file" : $"{option} {path}";
        if (path != null) RequireJson(json, path, $"{option ?? "the file"} is not an inventory", "inventory", fix);
        DatabaseInventory inventory;
        try
        {
            inventory = JsonSerializer.Deserialize<DatabaseInventory>(json, Json)
                        ?? throw new PglogicalException("inventory", $"{given} is empty", fix);
        }
        catch (JsonException e)
        {
            throw new PglogicalException("inventory", $"{given} is not an inventory: " + e.Message, fix);
        }
        if (string.IsNullOrEmpty(inventory.Database))
            throw new PglogicalException("inventory", $"{given} is not an inventory: it names no database", fix);
        return inventory;
    }

    /// <summary>
    /// Malformed JSON in a file the user gave is an error that names the place, PATH:LINE:COLUMN (1-based, columns in
    /// characters), then <paramref name="what"/> ("-PlanPath is not a saved plan") and the parser's reason, before a loader
    /// reads it: System.Text.Json's own message has 0-based "LineNumber: 1 | BytePositionInLine: 0" in UTF-8 bytes. Comments
    /// and trailing commas are read, so this refuses nothing the loaders accept.
    /// </summary>
    public static void RequireJson(string text, string path, string what, string code, string fix)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var lines = text.Split('\n');
            var lineText = line < lines.Length ? lines[line] : "";
            int bytes = (int)(e.BytePositionInLine ?? 0), column = 0;
            while (column < lineText.Length && bytes > 0) bytes -= Encoding.UTF8.GetByteCount(lineText[column++].ToString());
            var reason = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*(Path: .*|LineNumber: .*)$", "").TrimEnd('.', ' ');
            throw new PglogicalException(code, $"{path}:{line + 1}:{column + 1}: {what}: malformed JSON ({reason})", fix);
        }
    }

    public static string Inventory(DatabaseInventory inv)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"database \"{inv.Database}\" ({inv.Connection})");
        sb.AppendLine($"  PostgreSQL {inv.ServerVersion}; wal_level {inv.WalLevel}; shared_preload_libraries '{inv.SharedPreloadLibraries}'");
        sb.AppendLine($"  pglogical {(inv.PglogicalVersion ?? (inv.PglogicalAvailable ? "available, not created" : "not installed"))}" +
                      (inv.NodeName != null ? $"; node {inv.NodeName} ({inv.NodeDsn})" : "; no node"));
        foreach (var s in inv.ReplicationSets) sb.AppendLine($"  set {s}");
        foreach (var r in inv.Relations)
        {
            var bits = new List<string> { r.Kind.ToString() };
            if (r.IsPartition) bits.Add("partition of " + r.Parent);
            if (r.Persistence != Persistence.Permanent) bits.Add(r.Persistence.ToString().ToUpperInvariant());
            if (r.Kind is RelationKind.Table or RelationKind.PartitionedTable)
                bits.Add(r.PrimaryKey.Count > 0 ? $"pk ({string.Join(", ", r.PrimaryKey)})" : "no pk");
            if (r.ReplicaIdentity != ReplicaIdentity.Default) bits.Add("replica identity " + r.ReplicaIdentity.ToString().ToLowerInvariant());
            if (r.Extension != null) bits.Add("extension " + r.Extension);
            foreach (var m in r.Sets) bits.Add("in " + m.Set + (m.RowFilter != null ? $" where {m.RowFilter}" : "") + (m.Columns != null ? $" columns ({string.Join(", ", m.Columns)})" : ""));
            sb.AppendLine($"  {r.SqlName}: {string.Join("; ", bits)}");
        }
        foreach (var s in inv.Sequences)
        {
            var bits = new List<string> { "Sequence" };
            if (s.OwnedByTable != null) bits.Add($"{s.OwnerKind} of {s.OwnedByDisplay}");
            if (s.Persistence != Persistence.Permanent) bits.Add(s.Persistence.ToString().ToUpperInvariant());
            foreach (var set in s.Sets) bits.Add("in " + set);
            sb.AppendLine($"  {s.SqlName}: {string.Join("; ", bits)}");
        }
        return sb.ToString();
    }

    public static string Plan(ReplicationPlan plan)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"plan for database \"{plan.Inventory.Database}\" ({plan.Inventory.Connection})");
        if (plan.CreateExtension) sb.AppendLine("  create   extension pglogical");
        if (plan.CreateNodeName != null) sb.AppendLine($"  create   node {plan.CreateNodeName} ({plan.CreateNodeDsnDisplay})");
        foreach (var s in plan.CreateSets) sb.AppendLine($"  create   replication set {s.Name} ({string.Join(", ", s.Operations)})");
        foreach (var i in plan.Items)
        {
            var action = i.Action switch { PlanAction.Add => "add", PlanAction.Present => "present", PlanAction.Keep => "keep", _ => "exclude" };
            var extra = new List<string>();
            if (i.Set != null) extra.Add("-> " + i.Set);
            if (i.Columns != null) extra.Add($"columns ({string.Join(", ", i.Columns)})");
            if (i.RowFilter != null && i.Action != PlanAction.Add) extra.Add("where " + i.RowFilter);
            if (i.Action == PlanAction.Add && !i.SynchronizeData) extra.Add("no initial copy");
            if (i.Writes != null && i.Writes.Count < 4 && !i.IsSequence && i.Action != PlanAction.Exclude) extra.Add("writes " + string.Join(",", i.Writes).ToLowerInvariant());
            sb.AppendLine($"  {action,-8} {i.Type,-17} {i.Display} {string.Join(" ", extra)}".TrimEnd() + (i.Reason != null ? $"  -- {i.Reason}" : ""));
        }
        sb.AppendLine("  " + plan.Summary());
        foreach (var w in plan.Warnings) sb.AppendLine("warning: " + w);
        foreach (var p in plan.Problems) sb.AppendLine("error: " + p);
        return sb.ToString();
    }

    public static string Check(ModelCheckReport report)
    {
        var sb = new StringBuilder();
        if (report.Passed) sb.AppendLine("check passed: " + report.Summary);
        else
        {
            sb.AppendLine($"check FAILED: the plan does not keep the subscriber equal to the provider ({report.Divergences.Count} way(s)):");
            foreach (var d in report.Divergences) sb.AppendLine("- " + d.ToString().Replace("\n", "\n  "));
            foreach (var e in report.Errors) sb.AppendLine("- error: " + e);
            sb.AppendLine(report.Summary);
        }
        if (report.ModelDirectory != null) sb.AppendLine($"models kept in {report.ModelDirectory} (check one with: {HostTerms.Say("ops check FILE.tla", "Invoke-ModelCheck FILE.tla")})");
        return sb.ToString();
    }
}
