using Ops.Pglogical.Sql;

namespace Ops.Pglogical.Inventory;

public enum RelationKind
{
    Table,
    PartitionedTable,
    View,
    MaterializedView,
    ForeignTable,
}

public enum Persistence
{
    Permanent,
    Unlogged,
    Temporary,
}

/// <summary>REPLICA IDENTITY: what an UPDATE or DELETE sends of the old row.</summary>
public enum ReplicaIdentity
{
    Default,
    Index,
    Full,
    Nothing,
}

public sealed class ColumnInfo
{
    public string Name { get; set; }
    public int Number { get; set; }
    public string Type { get; set; }
    public bool NotNull { get; set; }
    /// <summary>"always" or "by default" for identity columns, null otherwise.</summary>
    public string Identity { get; set; }
    public bool Generated { get; set; }
}

/// <summary>A table's membership in a pglogical replication set, as the catalog has it.</summary>
public sealed class SetMembership
{
    public string Set { get; set; }
    /// <summary>The column list, or null for every column.</summary>
    public List<string> Columns { get; set; }
    /// <summary>The row filter as PostgreSQL prints it back (pg_get_expr), or null.</summary>
    public string RowFilter { get; set; }
}

/// <summary>A table, partitioned table, view, materialized view or foreign table.</summary>
public sealed class RelationInfo
{
    public uint Oid { get; set; }
    public string Schema { get; set; }
    public string Name { get; set; }
    public RelationKind Kind { get; set; }
    public Persistence Persistence { get; set; }
    public bool IsPartition { get; set; }
    /// <summary>The direct parent of a partition (its QualifiedName), or null.</summary>
    public string Parent { get; set; }
    public List<ColumnInfo> Columns { get; set; } = new();
    /// <summary>Primary key columns in key order (empty when there is no primary key).</summary>
    public List<string> PrimaryKey { get; set; } = new();
    public ReplicaIdentity ReplicaIdentity { get; set; }
    /// <summary>Columns of the REPLICA IDENTITY USING INDEX index, when that is set.</summary>
    public List<string> ReplicaIdentityIndex { get; set; } = new();
    /// <summary>The extension that owns the relation (e.g. postgis), or null.</summary>
    public string Extension { get; set; }
    /// <summary>Whether the table holds at least one row now (null when not read: views, partitioned parents).</summary>
    public bool? HasRows { get; set; }
    /// <summary>pg_stat_user_tables counters since statistics were last reset (null when unknown).</summary>
    public long? Updates { get; set; }
    public long? Deletes { get; set; }
    public List<SetMembership> Sets { get; set; } = new();

    /// <summary>"schema"."name" as SQL writes it: unambiguous even with dots in names (the key of lookups).</summary>
    public string QualifiedName => SqlText.Qualified(Schema, Name);
    public string SqlName => QualifiedName;

    /// <summary>The columns an UPDATE or DELETE identifies the old row by (pglogical needs them), or empty.</summary>
    public List<string> KeyColumns =>
        ReplicaIdentity == ReplicaIdentity.Index ? ReplicaIdentityIndex
        : ReplicaIdentity == ReplicaIdentity.Default ? PrimaryKey
        : new List<string>();

    /// <summary>pglogical accepts the table into a set that replicates UPDATE/DELETE only with a replica identity
    /// index: the primary key (REPLICA IDENTITY DEFAULT) or REPLICA IDENTITY USING INDEX. Measured: REPLICA IDENTITY
    /// FULL is refused even when the table has a primary key.</summary>
    public bool HasReplicationKey => KeyColumns.Count > 0;

    public override string ToString() => QualifiedName;
}

public sealed class SequenceInfo
{
    public uint Oid { get; set; }
    public string Schema { get; set; }
    public string Name { get; set; }
    public Persistence Persistence { get; set; }
    /// <summary>The QualifiedName of the table that owns the sequence (serial or identity column), or null.</summary>
    public string OwnedByTable { get; set; }
    public string OwnedByColumn { get; set; }
    /// <summary>"schema"."table"."column" as SQL writes it, for messages.</summary>
    public string OwnedByDisplay { get; set; }
    /// <summary>"serial" (OWNED BY), "identity", or null for a free-standing sequence.</summary>
    public string OwnerKind { get; set; }
    public long? LastValue { get; set; }
    public string Extension { get; set; }
    public List<string> Sets { get; set; } = new();

    public string QualifiedName => SqlText.Qualified(Schema, Name);
    public string SqlName => QualifiedName;
    public override string ToString() => QualifiedName;
}

public sealed class ReplicationSetInfo
{
    public string Name { get; set; }
    public bool ReplicateInsert { get; set; }
    public bool ReplicateUpdate { get; set; }
    public bool ReplicateDelete { get; set; }
    public bool ReplicateTruncate { get; set; }

    public IEnumerable<string> Operations
    {
        get
        {
            if (ReplicateInsert) yield return "INSERT";
            if (ReplicateUpdate) yield return "UPDATE";
            if (ReplicateDelete) yield return "DELETE";
            if (ReplicateTruncate) yield return "TRUNCATE";
        }
    }

    /// <summary>pglogical refuses a table without a key in a set that replicates UPDATE or DELETE.</summary>
    public bool NeedsKey => ReplicateUpdate || ReplicateDelete;

    public override string ToString() => $"{Name} ({string.Join(", ", Operations)})";
}

/// <summary>What the provider database holds, read from its live catalog.</summary>
public sealed class DatabaseInventory
{
    /// <summary>The connection, password masked.</summary>
    public string Connection { get; set; }
    public string Database { get; set; }
    public string ServerVersion { get; set; }
    public int ServerVersionNum { get; set; }
    public string WalLevel { get; set; }
    public string SharedPreloadLibraries { get; set; }
    public int MaxReplicationSlots { get; set; }
    public int MaxWalSenders { get; set; }
    public int MaxWorkerProcesses { get; set; }
    /// <summary>Whether the server can install the extension (pg_available_extensions).</summary>
    public bool PglogicalAvailable { get; set; }
    /// <summary>The installed extension's version, or null when CREATE EXTENSION pglogical was not run.</summary>
    public string PglogicalVersion { get; set; }
    /// <summary>The local pglogical node, or null.</summary>
    public string NodeName { get; set; }
    /// <summary>The node's DSN, password masked.</summary>
    public string NodeDsn { get; set; }
    public List<ReplicationSetInfo> ReplicationSets { get; set; } = new();
    public List<RelationInfo> Relations { get; set; } = new();
    public List<SequenceInfo> Sequences { get; set; } = new();
    public List<string> Schemas { get; set; } = new();

    public bool PglogicalPreloaded =>
        (SharedPreloadLibraries ?? "").Split(',').Select(s => s.Trim().Trim('"')).Any(s => s == "pglogical");

    public RelationInfo FindRelation(string qualifiedName) => Relations.FirstOrDefault(r => r.QualifiedName == qualifiedName);
    public ReplicationSetInfo FindSet(string name) => ReplicationSets.FirstOrDefault(s => s.Name == name);

    /// <summary>The leaf partitions under a partitioned table, at any depth.</summary>
    public IEnumerable<RelationInfo> LeavesOf(RelationInfo parent)
    {
        foreach (var child in Relations.Where(r => r.Parent == parent.QualifiedName))
        {
            if (child.Kind == RelationKind.PartitionedTable)
                foreach (var leaf in LeavesOf(child)) yield return leaf;
            else yield return child;
        }
    }

    /// <summary>The parent chain of a partition, nearest first.</summary>
    public IEnumerable<RelationInfo> AncestorsOf(RelationInfo r)
    {
        var seen = new HashSet<string>();
        for (var p = r.Parent; p != null && seen.Add(p);)
        {
            var parent = FindRelation(p);
            if (parent == null) yield break;
            yield return parent;
            p = parent.Parent;
        }
    }

    /// <summary>"database "app" (PostgreSQL 15.18, pglogical 2.4.2, node provider): 12 relations, 3 sequences".</summary>
    public override string ToString() =>
        $"database \"{Database}\" (PostgreSQL {ServerVersion}, {(PglogicalVersion != null ? "pglogical " + PglogicalVersion : "no pglogical")}{(NodeName != null ? ", node " + NodeName : "")}): {Relations.Count} relations, {Sequences.Count} sequences";
}
