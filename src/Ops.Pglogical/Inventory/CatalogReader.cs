using Npgsql;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Sql;

namespace Ops.Pglogical.Inventory;

/// <summary>Reads a <see cref="DatabaseInventory"/> from the live catalog (pg_catalog, and pglogical's own
/// tables when the extension is installed). Read-only: everything runs in one READ ONLY transaction.</summary>
public static class CatalogReader
{
    /// <summary>Schemas that are never replicated: the system's and pglogical's own.</summary>
    public static readonly string[] SystemSchemas = { "pg_catalog", "information_schema", "pglogical", "pg_toast" };

    public static DatabaseInventory Read(PgConnectionSettings settings)
    {
        using var conn = PgConnector.Open(settings);
        return Read(conn, settings.Display);
    }

    public static DatabaseInventory Read(NpgsqlConnection conn, string display)
    {
        var inv = new DatabaseInventory { Connection = display };
        using var tx = conn.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        Exec(conn, tx, "SET TRANSACTION READ ONLY");
        ReadServer(conn, tx, inv);
        ReadRelations(conn, tx, inv);
        ReadColumnsAndKeys(conn, tx, inv);
        ReadSequences(conn, tx, inv);
        ReadHasRows(conn, tx, inv);
        if (inv.PglogicalVersion != null) ReadPglogical(conn, tx, inv);
        tx.Rollback();
        return inv;
    }

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.ExecuteNonQuery();
    }

    private static NpgsqlDataReader Query(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params (string, object)[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd.ExecuteReader();
    }

    private static void ReadServer(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        using (var r = Query(conn, tx, """
            SELECT current_database(), current_setting('server_version'), current_setting('server_version_num')::int,
                   current_setting('wal_level'), current_setting('shared_preload_libraries'),
                   current_setting('max_replication_slots')::int, current_setting('max_wal_senders')::int,
                   current_setting('max_worker_processes')::int,
                   (SELECT extversion FROM pg_extension WHERE extname = 'pglogical'),
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pglogical')
            """))
        {
            r.Read();
            inv.Database = r.GetString(0);
            inv.ServerVersion = r.GetString(1);
            inv.ServerVersionNum = r.GetInt32(2);
            inv.WalLevel = r.GetString(3);
            inv.SharedPreloadLibraries = r.GetString(4);
            inv.MaxReplicationSlots = r.GetInt32(5);
            inv.MaxWalSenders = r.GetInt32(6);
            inv.MaxWorkerProcesses = r.GetInt32(7);
            inv.PglogicalVersion = r.IsDBNull(8) ? null : r.GetString(8);
            inv.PglogicalAvailable = r.GetBoolean(9);
        }
        using (var r = Query(conn, tx, """
            SELECT nspname FROM pg_namespace
            WHERE nspname <> ALL (@system) AND nspname !~ '^pg_(toast|temp_|toast_temp_)'
            ORDER BY nspname
            """, ("system", SystemSchemas)))
            while (r.Read()) inv.Schemas.Add(r.GetString(0));
    }

    private static string Key(string[] schemaAndName) => SqlText.Qualified(schemaAndName[0], schemaAndName[1]);

    private static Persistence ToPersistence(char c) => c switch { 'u' => Persistence.Unlogged, 't' => Persistence.Temporary, _ => Persistence.Permanent };

    private static void ReadRelations(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        using var r = Query(conn, tx, """
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition, c.relreplident,
                   (SELECT ARRAY[pn.nspname::text, p.relname::text]
                      FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                     WHERE i.inhrelid = c.oid AND c.relispartition LIMIT 1) AS parent,
                   (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' LIMIT 1) AS extension,
                   s.n_tup_upd, s.n_tup_del
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
               AND n.nspname <> ALL (@system) AND n.nspname !~ '^pg_(toast|toast_temp_)'
             ORDER BY n.nspname, c.relname
            """, ("system", SystemSchemas));
        while (r.Read())
        {
            var kind = r.GetChar(3) switch
            {
                'r' => RelationKind.Table,
                'p' => RelationKind.PartitionedTable,
                'v' => RelationKind.View,
                'm' => RelationKind.MaterializedView,
                _ => RelationKind.ForeignTable,
            };
            inv.Relations.Add(new RelationInfo
            {
                Oid = r.GetFieldValue<uint>(0),
                Schema = r.GetString(1),
                Name = r.GetString(2),
                Kind = kind,
                Persistence = ToPersistence(r.GetChar(4)),
                IsPartition = r.GetBoolean(5),
                ReplicaIdentity = r.GetChar(6) switch { 'i' => ReplicaIdentity.Index, 'f' => ReplicaIdentity.Full, 'n' => ReplicaIdentity.Nothing, _ => ReplicaIdentity.Default },
                Parent = r.IsDBNull(7) ? null : Key(r.GetFieldValue<string[]>(7)),
                Extension = r.IsDBNull(8) ? null : r.GetString(8),
                Updates = r.IsDBNull(9) ? null : r.GetInt64(9),
                Deletes = r.IsDBNull(10) ? null : r.GetInt64(10),
            });
        }
    }

    private static void ReadColumnsAndKeys(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        var byOid = inv.Relations.ToDictionary(x => x.Oid);
        var oids = byOid.Keys.Select(o => (long)o).ToArray();
        using (var r = Query(conn, tx, """
            SELECT a.attrelid, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text, a.attgenerated::text
              FROM pg_attribute a
             WHERE a.attrelid::bigint = ANY (@oids) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attrelid, a.attnum
            """, ("oids", oids)))
            while (r.Read())
            {
                var ident = r.GetString(5);
                byOid[r.GetFieldValue<uint>(0)].Columns.Add(new ColumnInfo
                {
                    Name = r.GetString(1),
                    Number = r.GetInt16(2),
                    Type = r.GetString(3),
                    NotNull = r.GetBoolean(4),
                    Identity = ident == "a" ? "always" : ident == "d" ? "by default" : null,
                    Generated = r.GetString(6) == "s",
                });
            }
        using (var r = Query(conn, tx, """
            SELECT i.indrelid, i.indisprimary, i.indisreplident,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                          ORDER BY k.ord)::text[]
              FROM pg_index i
             WHERE i.indrelid::bigint = ANY (@oids) AND (i.indisprimary OR i.indisreplident) AND i.indisvalid
            """, ("oids", oids)))
            while (r.Read())
            {
                var rel = byOid[r.GetFieldValue<uint>(0)];
                var cols = r.GetFieldValue<string[]>(3).ToList();
                if (r.GetBoolean(1)) rel.PrimaryKey = cols;
                if (r.GetBoolean(2)) rel.ReplicaIdentityIndex = cols;
            }
    }

    private static void ReadSequences(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        using var r = Query(conn, tx, """
            SELECT c.oid, n.nspname, c.relname, c.relpersistence,
                   ARRAY[tn.nspname::text, t.relname::text], a.attname, d.deptype::text,
                   CASE WHEN has_sequence_privilege(c.oid, 'SELECT') THEN ps.last_value END,
                   (SELECT e.extname FROM pg_depend x JOIN pg_extension e ON e.oid = x.refobjid
                     WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                       AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e' LIMIT 1),
                   NULL
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
              LEFT JOIN pg_class t ON t.oid = d.refobjid
              LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
              LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
              LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
             WHERE c.relkind = 'S'
               AND n.nspname <> ALL (@system) AND n.nspname !~ '^pg_(toast|toast_temp_)'
             ORDER BY n.nspname, c.relname
            """, ("system", SystemSchemas));
        while (r.Read())
        {
            inv.Sequences.Add(new SequenceInfo
            {
                Oid = r.GetFieldValue<uint>(0),
                Schema = r.GetString(1),
                Name = r.GetString(2),
                Persistence = ToPersistence(r.GetChar(3)),
                OwnedByTable = r.IsDBNull(4) || r.GetFieldValue<string[]>(4)[0] == null ? null : Key(r.GetFieldValue<string[]>(4)),
                OwnedByColumn = r.IsDBNull(5) ? null : r.GetString(5),
                OwnerKind = r.IsDBNull(6) ? null : r.GetString(6) == "i" ? "identity" : "serial",
                LastValue = r.IsDBNull(7) ? null : r.GetInt64(7),
                Extension = r.IsDBNull(8) ? null : r.GetString(8),
                OwnedByDisplay = r.IsDBNull(4) || r.IsDBNull(5) ? null : Key(r.GetFieldValue<string[]>(4)) + "." + SqlText.Ident(r.GetString(5)),
            });
        }
    }

    /// <summary>Whether each permanent table holds a row now: it decides whether skipping the initial copy loses
    /// data. Reads one row at most per table.</summary>
    private static void ReadHasRows(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        var tables = inv.Relations.Where(x => x.Kind == RelationKind.Table && x.Persistence != Persistence.Temporary).ToList();
        const int chunk = 200;
        for (int i = 0; i < tables.Count; i += chunk)
        {
            var part = tables.Skip(i).Take(chunk).ToList();
            var sql = "SELECT " + string.Join(", ", part.Select(t => $"EXISTS (SELECT 1 FROM ONLY {t.SqlName})"));
            try
            {
                Exec(conn, tx, "SAVEPOINT ops_rows");
                using var cmd = new NpgsqlCommand(sql, conn, tx);
                using var r = cmd.ExecuteReader();
                r.Read();
                for (int j = 0; j < part.Count; j++) part[j].HasRows = r.GetBoolean(j);
            }
            catch (PostgresException e) when (e.SqlState == "42501")
            {
                // No SELECT privilege on some table: leave HasRows unknown (null) for this chunk.
                Exec(conn, tx, "ROLLBACK TO SAVEPOINT ops_rows");
            }
        }
    }

    private static void ReadPglogical(NpgsqlConnection conn, NpgsqlTransaction tx, DatabaseInventory inv)
    {
        using (var r = Query(conn, tx, """
            SELECT n.node_name, i.if_dsn
              FROM pglogical.local_node l
              JOIN pglogical.node n ON n.node_id = l.node_id
              JOIN pglogical.node_interface i ON i.if_id = l.node_local_interface
            """))
            if (r.Read())
            {
                inv.NodeName = r.GetString(0);
                inv.NodeDsn = PgConnectionSettings.MaskText(r.GetString(1));
            }
        if (inv.NodeName == null) return;
        using (var r = Query(conn, tx, """
            SELECT s.set_name, s.replicate_insert, s.replicate_update, s.replicate_delete, s.replicate_truncate
              FROM pglogical.replication_set s JOIN pglogical.local_node l ON l.node_id = s.set_nodeid
             ORDER BY s.set_name
            """))
            while (r.Read())
                inv.ReplicationSets.Add(new ReplicationSetInfo
                {
                    Name = r.GetString(0),
                    ReplicateInsert = r.GetBoolean(1),
                    ReplicateUpdate = r.GetBoolean(2),
                    ReplicateDelete = r.GetBoolean(3),
                    ReplicateTruncate = r.GetBoolean(4),
                });
        var byOid = inv.Relations.ToDictionary(x => x.Oid);
        using (var r = Query(conn, tx, """
            SELECT s.set_name, t.set_reloid::oid, t.set_att_list, pg_get_expr(t.set_row_filter, t.set_reloid)
              FROM pglogical.replication_set_table t
              JOIN pglogical.replication_set s ON s.set_id = t.set_id
              JOIN pglogical.local_node l ON l.node_id = s.set_nodeid
             ORDER BY s.set_name
            """))
            while (r.Read())
                if (byOid.TryGetValue(r.GetFieldValue<uint>(1), out var rel))
                    rel.Sets.Add(new SetMembership
                    {
                        Set = r.GetString(0),
                        Columns = r.IsDBNull(2) ? null : r.GetFieldValue<string[]>(2).ToList(),
                        RowFilter = r.IsDBNull(3) ? null : r.GetString(3),
                    });
        var seqByOid = inv.Sequences.ToDictionary(x => x.Oid);
        using (var r = Query(conn, tx, """
            SELECT s.set_name, q.set_seqoid::oid
              FROM pglogical.replication_set_seq q
              JOIN pglogical.replication_set s ON s.set_id = q.set_id
              JOIN pglogical.local_node l ON l.node_id = s.set_nodeid
             ORDER BY s.set_name
            """))
            while (r.Read())
                if (seqByOid.TryGetValue(r.GetFieldValue<uint>(1), out var seq))
                    seq.Sets.Add(r.GetString(0));
    }
}
