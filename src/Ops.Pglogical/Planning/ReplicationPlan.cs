using Ops.Pglogical.Inventory;

namespace Ops.Pglogical.Planning;

public enum PlanAction
{
    /// <summary>Add to a replication set.</summary>
    Add,
    /// <summary>Already in the planned set with the planned columns and row filter: nothing to do.</summary>
    Present,
    /// <summary>Already in a replication set, not the one (or not the way) the plan would choose: left as is.</summary>
    Keep,
    /// <summary>Not replicated, with the reason.</summary>
    Exclude,
}

/// <summary>One table, view or sequence of the database and what the plan does with it.</summary>
public sealed class PlanItem
{
    /// <summary>"table", "partition", "partitioned table", "view", "materialized view", "foreign table", "sequence".</summary>
    public string Type { get; set; }
    public string Schema { get; set; }
    public string Name { get; set; }
    public PlanAction Action { get; set; }
    /// <summary>The set it is added to or already in.</summary>
    public string Set { get; set; }
    public List<string> Columns { get; set; }
    public string RowFilter { get; set; }
    /// <summary>The columns the row filter reads (from the database's own parser), when validated.</summary>
    public List<string> RowFilterColumns { get; set; }
    public bool SynchronizeData { get; set; }
    /// <summary>Why it is excluded, kept, or put where it is.</summary>
    public string Reason { get; set; }
    /// <summary>What can happen to the table on the provider (the model's input).</summary>
    public List<string> Writes { get; set; }
    /// <summary>The plan claims the subscriber will match this table (or sequence).</summary>
    public bool Claimed { get; set; }
    /// <summary>For a partition: its partitioned parent.</summary>
    public string Parent { get; set; }

    public string QualifiedName => Sql.SqlText.Qualified(Schema, Name);
    /// <summary>The name as SQL writes it ("Sales Dept"."Orders"): what people are shown.</summary>
    public string Display => Sql.SqlText.Qualified(Schema, Name);
    public bool IsSequence => Type == "sequence";
    public override string ToString() => $"{Action} {Type} {QualifiedName}" + (Set != null ? $" -> {Set}" : "") + (Reason != null ? $" ({Reason})" : "");
}

/// <summary>Everything the plan will do, everything it will not and why, and the problems that stop it.</summary>
public sealed class ReplicationPlan
{
    public DatabaseInventory Inventory { get; set; }
    public PlanOptions Options { get; set; }
    public List<PlanItem> Items { get; set; } = new();
    /// <summary>Errors: the plan must not be applied while there is one.</summary>
    public List<PlanProblem> Problems { get; set; } = new();
    /// <summary>Things the operator should know that do not stop the plan.</summary>
    public List<string> Warnings { get; set; } = new();
    public bool CreateExtension { get; set; }
    public string CreateNodeName { get; set; }
    /// <summary>The DSN for pglogical.create_node, with the password: internal, so that neither PowerShell nor a
    /// serializer shows it; <see cref="CreateNodeDsnDisplay"/> is the masked one.</summary>
    internal string CreateNodeDsn { get; set; }
    public string CreateNodeDsnDisplay { get; set; }
    public List<SetDefinition> CreateSets { get; set; } = new();

    public bool IsValid => Problems.Count == 0;
    public IEnumerable<PlanItem> Additions => Items.Where(i => i.Action == PlanAction.Add);
    public IEnumerable<PlanItem> Excluded => Items.Where(i => i.Action == PlanAction.Exclude);
    public bool HasChanges => CreateExtension || CreateNodeName != null || CreateSets.Count > 0 || Additions.Any();

    /// <summary>The operations each set replicates, including sets the plan creates.</summary>
    public ReplicationSetInfo FindSet(string name)
    {
        var existing = Inventory.FindSet(name);
        if (existing != null) return existing;
        var created = CreateSets.FirstOrDefault(s => s.Name == name);
        if (created != null)
            return new ReplicationSetInfo
            {
                Name = created.Name,
                ReplicateInsert = created.Operations.Contains("INSERT"),
                ReplicateUpdate = created.Operations.Contains("UPDATE"),
                ReplicateDelete = created.Operations.Contains("DELETE"),
                ReplicateTruncate = created.Operations.Contains("TRUNCATE"),
            };
        return null;
    }

    /// <summary>One line per count, e.g. "12 tables to add (default 9, default_insert_only 3), 2 sequences ...".</summary>
    public string Summary()
    {
        var adds = Additions.ToList();
        var tables = adds.Where(a => !a.IsSequence).ToList();
        var seqs = adds.Where(a => a.IsSequence).ToList();
        var bySet = string.Join(", ", tables.GroupBy(t => t.Set).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var present = Items.Count(i => i.Action is PlanAction.Present or PlanAction.Keep);
        return $"{tables.Count} table(s) to add" + (tables.Count > 0 ? $" ({bySet})" : "")
            + $", {seqs.Count} sequence(s) to add, {present} already replicated, {Excluded.Count()} excluded"
            + (Problems.Count > 0 ? $", {Problems.Count} problem(s)" : "");
    }

    public override string ToString() => Summary();
}
