using Ops.Pglogical.Inventory;
using Ops.Pglogical.Sql;

namespace Ops.Pglogical.Planning;

/// <summary>Turns an inventory and the operator's choices into a plan: every table and sequence assigned to a
/// replication set or excluded with the reason. Rules (measured on PostgreSQL 15 + pglogical 2.4.2):
/// a primary key or replica identity index goes to the default set; a table without one goes to
/// default_insert_only (or is an error with Strict); partitions are added leaf by leaf, never the parent;
/// UNLOGGED, TEMP, views, materialized and foreign tables are excluded; sequences are added; tables already in
/// a set are left as they are, so a second run plans nothing.</summary>
public static class Planner
{
    /// <summary>The sets pglogical.create_node makes, with the operations they replicate.</summary>
    public static readonly ReplicationSetInfo[] NodeDefaultSets =
    {
        new() { Name = "default", ReplicateInsert = true, ReplicateUpdate = true, ReplicateDelete = true, ReplicateTruncate = true },
        new() { Name = "default_insert_only", ReplicateInsert = true, ReplicateTruncate = true },
        new() { Name = "ddl_sql", ReplicateInsert = true },
    };

    public static ReplicationPlan Build(DatabaseInventory inv, PlanOptions options, IRowFilterValidator validator = null)
    {
        var plan = new ReplicationPlan { Inventory = inv, Options = options };
        CheckEnvironment(inv, options, plan);
        foreach (var def in options.CreateSets)
        {
            if (inv.FindSet(def.Name) != null) plan.Warnings.Add($"replication set {def.Name} already exists: not created again");
            else plan.CreateSets.Add(def);
        }
        var ctx = new Context(inv, options, plan, validator);
        foreach (var rel in inv.Relations) ctx.PlanRelation(rel);
        foreach (var seq in inv.Sequences) ctx.PlanSequence(seq);
        ctx.CheckPatternsUsed();
        if (inv.Relations.Any(r => r.Kind == RelationKind.PartitionedTable && ctx.Item(r)?.Claimed == true))
            plan.Warnings.Add("partitions created later (by hand or by a partition manager) are not replicated until they are added: run the plan again after creating partitions");
        return plan;
    }

    private static void CheckEnvironment(DatabaseInventory inv, PlanOptions options, ReplicationPlan plan)
    {
        void Problem(string code, string problem, string fix) =>
            plan.Problems.Add(new PlanProblem { Code = code, Object = inv.Database, Problem = problem, Fix = fix });
        if (!inv.PglogicalAvailable && inv.PglogicalVersion == null)
            Problem("no-pglogical-package", $"the server hosting database \"{inv.Database}\" has no pglogical extension to install (it is not in pg_available_extensions)",
                $"install pglogical on the database server (Debian: apt-get install postgresql-{inv.ServerVersionNum / 10000}-pglogical), set shared_preload_libraries = 'pglogical' and restart PostgreSQL");
        else if (!inv.PglogicalPreloaded)
            Problem("shared-preload-libraries", $"pglogical is not in shared_preload_libraries (it is '{inv.SharedPreloadLibraries}'), so pglogical cannot run on this server",
                "add pglogical to shared_preload_libraries in postgresql.conf (keep the libraries already there, e.g. shared_preload_libraries = '" +
                string.Join(", ", (inv.SharedPreloadLibraries ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("pglogical")) +
                "'; on RDS, in the DB parameter group) and restart PostgreSQL");
        if (inv.WalLevel != "logical")
            Problem("wal-level", $"wal_level is '{inv.WalLevel}': logical replication needs 'logical'",
                "set wal_level = logical in postgresql.conf (on RDS: rds.logical_replication = 1) and restart PostgreSQL");
        if (inv.PglogicalVersion == null)
        {
            if (options.CreateNodeName != null && inv.PglogicalAvailable) plan.CreateExtension = true;
            else
                Problem("no-extension", $"database \"{inv.Database}\" has no pglogical extension",
                    $"run CREATE EXTENSION pglogical; in database \"{inv.Database}\" (as a superuser), or pass {Flags.CreateNode} NAME to create the extension and the node with the plan");
        }
        if (inv.NodeName == null)
        {
            if (options.CreateNodeName != null)
            {
                plan.CreateNodeName = options.CreateNodeName;
                plan.CreateNodeDsn = options.NodeDsnWithPassword;
                plan.CreateNodeDsnDisplay = options.NodeDsn;
                if (options.NodeDsn == null)
                    Problem("node-dsn", $"{Flags.CreateNode} {options.CreateNodeName} needs the DSN subscribers will use to reach this provider",
                        $"pass {Flags.NodeDsn} \"host=... port=... dbname=... user=...\"");
            }
            else if (inv.PglogicalVersion != null)
                Problem("no-node", $"database \"{inv.Database}\" has no local pglogical node, so it has no replication sets",
                    $"pass {Flags.CreateNode} NAME {Flags.NodeDsn} \"host=... dbname=...\" to create it with the plan, or run SELECT pglogical.create_node(node_name := 'provider', dsn := 'host=... dbname=...');");
        }
        else if (options.CreateNodeName != null && options.CreateNodeName != inv.NodeName)
            plan.Warnings.Add($"database \"{inv.Database}\" already has the pglogical node {inv.NodeName}: {Flags.CreateNode} {options.CreateNodeName} is ignored");
        if (inv.MaxReplicationSlots < 1 || inv.MaxWalSenders < 1)
            plan.Warnings.Add($"max_replication_slots is {inv.MaxReplicationSlots} and max_wal_senders is {inv.MaxWalSenders}: each subscriber needs one of each (raise them and restart)");
    }

    /// <summary>How an excluded object's reason starts: "matches --exclude" ("matches -Exclude" in PowerShell).</summary>
    private static string ExcludedBy => $"matches {Flags.Exclude}";

    private sealed class Context
    {
        private readonly DatabaseInventory _inv;
        private readonly PlanOptions _opt;
        private readonly ReplicationPlan _plan;
        private readonly IRowFilterValidator _validator;
        private readonly Dictionary<string, PlanItem> _items = new();
        private readonly Dictionary<NamePattern, int> _used = new();
        private readonly Dictionary<TableRule, int> _ruleUsed = new();

        public Context(DatabaseInventory inv, PlanOptions opt, ReplicationPlan plan, IRowFilterValidator validator)
        {
            _inv = inv;
            _opt = opt;
            _plan = plan;
            _validator = validator;
            foreach (var p in opt.Include.Concat(opt.Exclude)) _used[p] = 0;
            foreach (var r in opt.Rules) _ruleUsed[r] = 0;
        }

        public PlanItem Item(RelationInfo r) => _items.GetValueOrDefault("r:" + r.QualifiedName);

        private void Problem(string code, string obj, string problem, string fix) =>
            _plan.Problems.Add(new PlanProblem { Code = code, Object = obj, Problem = problem, Fix = fix });

        private ReplicationSetInfo FindSet(string name) =>
            _plan.FindSet(name) ?? (_inv.NodeName == null ? NodeDefaultSets.FirstOrDefault(s => s.Name == name) : null);

        private IEnumerable<string> KnownSets =>
            (_inv.NodeName == null ? NodeDefaultSets.Select(s => s.Name) : _inv.ReplicationSets.Select(s => s.Name))
            .Concat(_plan.CreateSets.Select(s => s.Name));

        /// <summary>Why the object is left out by the patterns, or null when it is selected. Partitions follow their
        /// ancestors: excluding or including a partitioned table covers its partitions.</summary>
        private string Selection(string schema, string name, IEnumerable<RelationInfo> ancestors)
        {
            var names = new List<(string Schema, string Name)> { (schema, name) };
            names.AddRange(ancestors.Select(a => (a.Schema, a.Name)));
            string excluded = null;
            foreach (var p in _opt.Exclude)
                if (names.Any(n => p.Matches(n.Schema, n.Name)))
                {
                    _used[p]++;
                    excluded ??= $"{ExcludedBy} {p}";
                }
            bool included = _opt.Include.Count == 0;
            foreach (var p in _opt.Include)
                if (names.Any(n => p.Matches(n.Schema, n.Name)))
                {
                    _used[p]++;
                    included = true;
                }
            if (excluded != null) return excluded;
            return included ? null : $"not matched by any {Flags.Include} pattern";
        }

        /// <summary>The effective rule attributes: a rule naming the object itself beats one naming an ancestor;
        /// among rules naming the same object, the later wins.</summary>
        private TableRule Rule(RelationInfo rel, IReadOnlyList<RelationInfo> ancestors)
        {
            var merged = new TableRule();
            var chain = new List<RelationInfo>(ancestors.Reverse()) { rel }; // farthest ancestor first
            foreach (var level in chain)
                foreach (var rule in _opt.Rules)
                {
                    if (!rule.Pattern.Matches(level.Schema, level.Name)) continue;
                    _ruleUsed[rule]++;
                    if (rule.Set != null) merged.Set = rule.Set;
                    if (rule.RowFilter != null) { merged.RowFilter = rule.RowFilter; merged.Source = rule.Source; }
                    if (rule.Columns != null) merged.Columns = rule.Columns;
                    if (rule.SynchronizeData != null) merged.SynchronizeData = rule.SynchronizeData;
                    if (rule.Writes != null) merged.Writes = rule.Writes;
                }
            return merged;
        }

        private static string TypeOf(RelationInfo r) => r.Kind switch
        {
            RelationKind.Table => r.IsPartition ? "partition" : "table",
            RelationKind.PartitionedTable => r.IsPartition ? "partitioned partition" : "partitioned table",
            RelationKind.View => "view",
            RelationKind.MaterializedView => "materialized view",
            _ => "foreign table",
        };

        private PlanItem Add(RelationInfo r, PlanItem item)
        {
            item.Type = TypeOf(r);
            item.Schema = r.Schema;
            item.Name = r.Name;
            item.Parent = r.Parent;
            _items["r:" + r.QualifiedName] = item;
            _plan.Items.Add(item);
            return item;
        }

        public void PlanRelation(RelationInfo r)
        {
            var ancestors = _inv.AncestorsOf(r).ToList();
            var left = Selection(r.Schema, r.Name, ancestors);
            if (left != null)
            {
                if (r.Sets.Count > 0)
                    Add(r, new PlanItem { Action = PlanAction.Keep, Set = r.Sets[0].Set, Columns = r.Sets[0].Columns, RowFilter = r.Sets[0].RowFilter,
                        Reason = $"{left}, but it is already in replication set {r.Sets[0].Set}: it stays replicated (remove it with pglogical.replication_set_remove_table)" });
                else Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = left });
                return;
            }
            if (r.Extension != null) { Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = $"belongs to extension {r.Extension}: create the extension on the subscriber" }); return; }
            switch (r.Kind)
            {
                case RelationKind.View:
                    Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = "a view holds no rows: pglogical cannot add it; create it on the subscriber" });
                    return;
                case RelationKind.MaterializedView:
                    Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = "a materialized view cannot be replicated: REFRESH it on the subscriber" });
                    return;
                case RelationKind.ForeignTable:
                    Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = "a foreign table's rows live on another server: nothing to replicate" });
                    return;
                case RelationKind.PartitionedTable:
                {
                    var leaves = _inv.LeavesOf(r).ToList();
                    var reason = leaves.Count == 0
                        ? "partitioned table without partitions yet: nothing to replicate (add its partitions when they are created)"
                        : $"partitioned table: pglogical replicates nothing through the parent, so its {leaves.Count} leaf partition(s) are added one by one";
                    var rule = Rule(r, ancestors);
                    var item = Add(r, new PlanItem
                    {
                        Action = r.Sets.Count > 0 ? PlanAction.Keep : PlanAction.Exclude,
                        Set = r.Sets.FirstOrDefault()?.Set,
                        Reason = r.Sets.Count > 0 ? $"already in replication set {r.Sets[0].Set}; {reason}" : reason,
                        Claimed = leaves.Count > 0 && !r.IsPartition,
                        Writes = (rule.Writes ?? new HashSet<string>(PlanOptions.AllOperations)).OrderBy(Order).ToList(),
                    });
                    _ = item;
                    return;
                }
            }
            if (r.Persistence == Persistence.Temporary)
            {
                Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = "TEMP table: it lives only in its session; pglogical cannot replicate it" });
                return;
            }
            if (r.Persistence == Persistence.Unlogged)
            {
                Add(r, new PlanItem { Action = PlanAction.Exclude, Reason = $"UNLOGGED table: not written to WAL, so pglogical cannot replicate it (ALTER TABLE {r.SqlName} SET LOGGED to replicate it)" });
                return;
            }
            PlanTable(r, ancestors);
        }

        private static int Order(string op) => Array.IndexOf(PlanOptions.AllOperations, op);

        private void PlanTable(RelationInfo r, List<RelationInfo> ancestors)
        {
            var name = r.SqlName;
            var rule = Rule(r, ancestors);
            var item = new PlanItem
            {
                Action = PlanAction.Add,
                SynchronizeData = rule.SynchronizeData ?? _opt.SynchronizeData,
                Writes = (rule.Writes ?? new HashSet<string>(PlanOptions.AllOperations)).OrderBy(Order).ToList(),
                Claimed = true,
            };
            Add(r, item);
            var keyText = r.HasReplicationKey
                ? (r.ReplicaIdentity == ReplicaIdentity.Index ? $"replica identity index ({string.Join(", ", r.KeyColumns)})" : $"primary key ({string.Join(", ", r.KeyColumns)})")
                : null;
            string setName;
            if (rule.Set != null)
            {
                setName = rule.Set;
                item.Reason = "set chosen by a rule";
            }
            else if (r.HasReplicationKey)
            {
                setName = _opt.DefaultSet;
                item.Reason = keyText;
            }
            else
            {
                setName = _opt.InsertOnlySet;
                item.Reason = r.ReplicaIdentity switch
                {
                    ReplicaIdentity.Full => "REPLICA IDENTITY FULL: pglogical accepts only a primary key or a replica identity index for UPDATE/DELETE, so only INSERT and TRUNCATE replicate",
                    ReplicaIdentity.Nothing => "REPLICA IDENTITY NOTHING: only INSERT and TRUNCATE replicate",
                    _ => "no primary key: only INSERT and TRUNCATE replicate",
                };
                if (_opt.Strict)
                    Problem("no-key", name, $"table {name} has no primary key (nor a replica identity index), and {Flags.Strict} forbids putting it in {_opt.InsertOnlySet}",
                        $"add a primary key (ALTER TABLE {r.SqlName} ADD PRIMARY KEY (...)), exclude it ({Flags.Exclude} {PatternFor(r)}), or drop {Flags.Strict} to replicate only its INSERTs");
            }
            item.Set = setName;
            var set = FindSet(setName);
            if (set == null)
                Problem("unknown-set", name, $"replication set '{setName}' for table {name} does not exist" + (rule.Set != null ? " (named by a rule)" : ""),
                    $"create it with {Flags.CreateSet} {setName}[=insert,update,delete,truncate] or SELECT pglogical.create_replication_set('{setName}'); existing sets: {string.Join(", ", KnownSets)}");
            else if (set.NeedsKey && !r.HasReplicationKey)
                Problem("no-key", name, $"table {name} has no primary key (nor a replica identity index) and cannot join replication set {setName}, which replicates {string.Join(", ", set.Operations)}",
                    $"add a primary key to {name}, or put it in a set that replicates only INSERT/TRUNCATE (e.g. {_opt.InsertOnlySet})");

            if (rule.Columns != null)
            {
                var missing = rule.Columns.Where(c => r.Columns.All(x => x.Name != c)).ToList();
                var all = string.Join(", ", r.Columns.Select(c => SqlText.Ident(c.Name)));
                if (missing.Count > 0)
                    Problem("column-list", name, $"the column list for {name} names column(s) {string.Join(", ", missing.Select(SqlText.Ident))} that {name} does not have",
                        $"use the table's columns: {all} (quote mixed-case names in the list, e.g. \"Name\")");
                var keyMissing = r.KeyColumns.Where(k => !rule.Columns.Contains(k)).ToList();
                if (keyMissing.Count > 0)
                    Problem("column-list", name, $"the column list for {name} leaves out its replica identity column(s) {string.Join(", ", keyMissing.Select(SqlText.Ident))}: pglogical needs them to apply UPDATE and DELETE",
                        $"add {string.Join(", ", keyMissing.Select(SqlText.Ident))} to the column list");
                var notNullLeft = r.Columns.Where(c => c.NotNull && !rule.Columns.Contains(c.Name) && !r.KeyColumns.Contains(c.Name)).ToList();
                if (notNullLeft.Count > 0)
                    _plan.Warnings.Add($"the column list for {name} leaves out NOT NULL column(s) {string.Join(", ", notNullLeft.Select(c => SqlText.Ident(c.Name)))}: on the subscriber they need a default or must be nullable");
                item.Columns = rule.Columns.ToList();
            }
            if (rule.RowFilter != null)
            {
                item.RowFilter = rule.RowFilter;
                var check = Validate(r, rule.RowFilter);
                if (check != null)
                {
                    if (check.Error != null && !check.Unchecked) Problem("row-filter", name, check.Error, check.Fix);
                    else if (check.Error != null) _plan.Warnings.Add(check.Error);
                    item.RowFilterColumns = check.Columns;
                }
                item.Reason += "; row filter " + rule.RowFilter;
            }

            // Already in a replication set?
            if (r.Sets.Count > 0)
            {
                var same = r.Sets.FirstOrDefault(m => m.Set == setName);
                if (same != null && SameColumns(same.Columns, item.Columns) && SameFilter(r, same.RowFilter, item.RowFilter))
                {
                    item.Action = PlanAction.Present;
                    item.Reason = $"already in replication set {setName}";
                    item.RowFilter = same.RowFilter;
                    return;
                }
                var m = same ?? r.Sets[0];
                item.Action = PlanAction.Keep;
                item.Reason = $"already in replication set {m.Set}" + (m.Columns != null ? $" with columns ({string.Join(", ", m.Columns)})" : "") + (m.RowFilter != null ? $" with row filter {m.RowFilter}" : "")
                    + $"; the plan would add it to {setName}" + (item.Columns != null ? $" with columns ({string.Join(", ", item.Columns)})" : "") + (item.RowFilter != null ? $" with row filter {item.RowFilter}" : "")
                    + ": left as is (to change it: pglogical.replication_set_remove_table, then plan again)";
                _plan.Warnings.Add($"{name}: {item.Reason}");
                item.Set = m.Set;
                item.Columns = m.Columns;
                item.RowFilter = m.RowFilter;
                item.RowFilterColumns = m.RowFilter != null ? Validate(r, m.RowFilter)?.Columns : null;
                // Existing problems that pglogical accepted are not the plan's to report.
                _plan.Problems.RemoveAll(p => p.Object == name);
            }
        }

        private RowFilterCheck Validate(RelationInfo r, string filter) => _validator?.Check(r, filter);

        private static bool SameColumns(List<string> a, List<string> b) =>
            (a == null && b == null) || (a != null && b != null && a.ToHashSet().SetEquals(b));

        private bool SameFilter(RelationInfo r, string existing, string wanted)
        {
            if (existing == null || wanted == null) return existing == wanted;
            if (existing == wanted) return true;
            var normalized = Validate(r, wanted)?.Normalized;
            return normalized != null && normalized == existing;
        }

        private static string PatternFor(RelationInfo r) => SqlText.Ident(r.Schema) + "." + SqlText.Ident(r.Name);

        public void PlanSequence(SequenceInfo s)
        {
            var item = new PlanItem { Type = "sequence", Schema = s.Schema, Name = s.Name, SynchronizeData = _opt.SynchronizeData, Parent = s.OwnedByTable };
            _items["s:" + s.QualifiedName] = item;
            _plan.Items.Add(item);
            var ownerItem = s.OwnedByTable != null ? _items.GetValueOrDefault("r:" + s.OwnedByTable) : null;
            string left;
            if (ownerItem != null)
            {
                // Serial and identity sequences follow their table (a pattern naming the sequence itself also counts).
                var own = Selection(s.Schema, s.Name, Array.Empty<RelationInfo>());
                left = ownerItem.Claimed ? null : $"owned by {ownerItem.Display}, which is not replicated";
                if (own != null && own.StartsWith(ExcludedBy, StringComparison.Ordinal)) left = own;
            }
            else left = Selection(s.Schema, s.Name, Array.Empty<RelationInfo>());
            var owner = s.OwnedByTable != null ? $" ({s.OwnerKind} of {s.OwnedByDisplay})" : "";
            item.Claimed = left == null || ownerItem?.Claimed == true;
            if (s.Sets.Count > 0)
            {
                item.Set = s.Sets.Contains(_opt.SequenceSet) ? _opt.SequenceSet : s.Sets[0];
                item.Action = s.Sets.Contains(_opt.SequenceSet) ? PlanAction.Present : PlanAction.Keep;
                item.Reason = $"already in replication set {item.Set}{owner}";
                return;
            }
            if (left != null) { item.Action = PlanAction.Exclude; item.Reason = left + owner; item.Claimed = false; return; }
            if (s.Extension != null) { item.Action = PlanAction.Exclude; item.Reason = $"belongs to extension {s.Extension}"; item.Claimed = false; return; }
            if (s.Persistence != Persistence.Permanent)
            {
                item.Action = PlanAction.Exclude;
                item.Reason = (s.Persistence == Persistence.Unlogged ? "UNLOGGED" : "TEMP") + " sequence: pglogical cannot replicate it" + owner;
                item.Claimed = false;
                return;
            }
            if (!_opt.IncludeSequences)
            {
                item.Action = PlanAction.Exclude;
                item.Reason = $"sequences not requested ({Flags.NoSequences})" + owner;
                return; // still claimed when its table is: the model shows what that costs
            }
            var set = FindSet(_opt.SequenceSet);
            if (set == null)
                Problem("unknown-set", s.SqlName, $"replication set '{_opt.SequenceSet}' for sequences does not exist",
                    $"create it with {Flags.CreateSet} {_opt.SequenceSet}, or choose an existing set: {string.Join(", ", KnownSets)}");
            item.Action = PlanAction.Add;
            item.Set = _opt.SequenceSet;
            item.Reason = s.OwnedByTable != null ? owner.Trim(' ', '(', ')') : "sequence";
        }

        public void CheckPatternsUsed()
        {
            foreach (var (p, n) in _used)
            {
                if (n > 0) continue;
                var flag = _opt.Include.Contains(p) ? Flags.Include : Flags.Exclude;
                Problem("pattern", p.Text, $"the pattern {flag} {p.Text} matches no table, view or sequence in database \"{_inv.Database}\"", Suggest(p));
            }
            foreach (var (rule, n) in _ruleUsed)
            {
                if (n > 0) continue;
                Problem("pattern", rule.Pattern.Text, $"the rule for {rule.Pattern.Text}" + (rule.Source != null ? $" ({rule.Source})" : "") + $" matches no table in database \"{_inv.Database}\"", Suggest(rule.Pattern));
            }
        }

        private string Suggest(NamePattern p)
        {
            var names = _inv.Relations.Select(r => (r.Schema, r.Name)).Concat(_inv.Sequences.Select(s => (s.Schema, s.Name))).ToList();
            // A case slip: the pattern matches when compared without case (names with capitals need double quotes).
            var caseHits = names.Where(n => p.MatchesIgnoringCase(n.Schema, n.Name))
                .Select(h => p.NamesSchemaOnly ? SqlText.Ident(h.Schema) : SqlText.Ident(h.Schema) + "." + SqlText.Ident(h.Name))
                .Distinct().Take(3).ToList();
            if (caseHits.Count > 0)
                return "names with capitals (or spaces) need double quotes in patterns, and are matched exactly inside them: did you mean " +
                       string.Join(" or ", caseHits) + "?";
            var schemas = _inv.Schemas.Count > 0 ? _inv.Schemas : names.Select(n => n.Schema).Distinct().ToList();
            var inSchema = names.Where(n => p.MatchesSchema(n.Schema)).Select(n => SqlText.Ident(n.Name)).Distinct().Take(8).ToList();
            if (!schemas.Any(p.MatchesSchema) && !p.NamesSchemaOnly || p.NamesSchemaOnly && !schemas.Any(p.MatchesSchema))
                return $"check the schema: schemas are {string.Join(", ", schemas.Select(SqlText.Ident))} (a pattern without a dot names a schema; use *.name for a table in any schema)";
            return inSchema.Count > 0
                ? $"check the name: that schema holds {string.Join(", ", inSchema)}{(inSchema.Count == 8 ? ", ..." : "")}"
                : "that schema has no tables or sequences: remove the pattern";
        }
    }
}
