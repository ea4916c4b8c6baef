using System.Text;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Planning;
using Ops.Pglogical.Sql;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Pglogical.Model;

/// <summary>A way the subscriber ends up different from the provider, in the plan's words.</summary>
public sealed class Divergence
{
    /// <summary>The table or sequence of the counterexample.</summary>
    public string Object { get; set; }
    /// <summary>Other tables or sequences that behave the same way (same set, key, filter, writes...).</summary>
    public List<string> LikeIt { get; set; } = new();
    /// <summary>"TablesMatch" or "SequencesAhead".</summary>
    public string Invariant { get; set; }
    public string Problem { get; set; }
    public string Fix { get; set; }
    /// <summary>The counterexample, step by step.</summary>
    public List<string> Steps { get; set; } = new();
    /// <summary>What each side holds at the end.</summary>
    public string Outcome { get; set; }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Problem);
        for (int i = 0; i < Steps.Count; i++) sb.AppendLine($"    {i + 1}. {Steps[i]}");
        if (Outcome != null) sb.AppendLine("    then: " + Outcome);
        if (LikeIt.Count > 0) sb.AppendLine($"  the same holds for {LikeIt.Count} more like it: {string.Join(", ", LikeIt.Take(10))}{(LikeIt.Count > 10 ? ", ..." : "")}");
        if (Fix != null) sb.AppendLine("  fix: " + Fix);
        return sb.ToString().TrimEnd();
    }
}

public sealed class ModelCheckReport
{
    public bool Passed => Divergences.Count == 0 && Errors.Count == 0;
    /// <summary>Kinds of table or sequence checked (one model run each).</summary>
    public int Groups { get; set; }
    public int Tables { get; set; }
    public int Sequences { get; set; }
    public long StatesGenerated { get; set; }
    public long DistinctStates { get; set; }
    public long DurationMs { get; set; }
    public List<Divergence> Divergences { get; set; } = new();
    /// <summary>The checker failed to run (never expected: a bug in the model or the binding).</summary>
    public List<string> Errors { get; set; } = new();
    /// <summary>Where the bound models were written, when kept.</summary>
    public string ModelDirectory { get; set; }

    public string Summary =>
        $"checked {Tables} table(s) and {Sequences} sequence(s) the plan claims, as {Groups} kind(s) of object: " +
        $"{StatesGenerated} states generated, {DistinctStates} distinct, {DurationMs} ms; " +
        (Passed ? "the subscriber matches the provider in every behaviour" : $"{Divergences.Count + Errors.Count} problem(s)");

    public override string ToString() => Summary;
}

/// <summary>Binds a plan to specs/ops/pglogical_replication.tla, runs the embedded checker and explains any
/// counterexample in plain words. Objects that behave alike (same set operations, key, filter, writes, initial
/// copy) are checked once, with one representative, and named together in the explanation.</summary>
public static class ReplicationModel
{
    public const string SpecName = "pglogical_replication";

    private const string Resource = "Ops.Pglogical.pglogical_replication.tla";

    /// <summary>What every group's model checks (the constants are bound as values, per group).</summary>
    private const string ConfigText = "INIT Init\nNEXT Next\nINVARIANTS TablesMatch SequencesAhead TypeOK\nCHECK_DEADLOCK FALSE\n";

    /// <summary>The spec's text (embedded in this assembly).</summary>
    public static string SpecText() => EmbeddedModel.Text(typeof(ReplicationModel).Assembly, Resource);

    /// <summary>The embedded spec, read once and checked from memory.</summary>
    private static readonly Lazy<ModelSource> Source = new(() => ModelSource.FromText(SpecName,
        EmbeddedModel.Modules(typeof(ReplicationModel).Assembly, new Dictionary<string, string> { [SpecName] = Resource }), ConfigText));

    /// <summary>One table of a model group, with what the model needs to know about it.</summary>
    private sealed class Heap
    {
        public string Id;
        public PlanItem Item;
        public RelationInfo Rel;
        public List<string> Writes;
        public List<string> Replicates;
        public bool Filtered, BlindDelete, Unsynced, Preloaded;
        public string Signature => $"{string.Join(",", Writes)}|{string.Join(",", Replicates)}|{Filtered}|{BlindDelete}|{Unsynced}|{Preloaded}";
    }

    private sealed class Group
    {
        public string Signature;
        public PlanItem Head;            // the claimed table, parent, or sequence
        public List<Heap> Heaps = new(); // for a parent: its leaves; for a table: itself
        public bool IsSequence, SeqReplicated;
        public List<Group> Alike = new();
    }

    public static ModelCheckReport Check(ReplicationPlan plan, string keepModelDirectory = null)
    {
        var report = new ModelCheckReport();
        var started = DateTime.UtcNow;
        var groups = BuildGroups(plan);
        report.Tables = groups.Where(g => !g.IsSequence).Sum(g => 1 + g.Alike.Count);
        report.Sequences = groups.Where(g => g.IsSequence).Sum(g => 1 + g.Alike.Count);
        report.Groups = groups.Count;
        if (keepModelDirectory != null)
        {
            Directory.CreateDirectory(keepModelDirectory);
            File.WriteAllText(Path.Combine(keepModelDirectory, SpecName + ".tla"), SpecText());
            report.ModelDirectory = keepModelDirectory;
        }
        int n = 0;
        foreach (var g in groups)
        {
            n++;
            var bound = Bind(g, plan.Options.ModelOperations);
            // Kept on request as a module and a configuration that check the same (ops check MC_001.tla).
            if (keepModelDirectory != null)
            {
                var module = $"MC_{n:D3}";
                File.WriteAllText(Path.Combine(keepModelDirectory, module + ".tla"), bound.ExportModule(module));
                File.WriteAllText(Path.Combine(keepModelDirectory, module + ".cfg"), bound.ExportConfig());
            }
            var result = ModelChecker.Check(Source.Value, new CheckOptions { Constants = bound.Constants, CheckDeadlock = false, TimeLimit = TimeSpan.FromMinutes(2) });
            report.StatesGenerated += result.StatesGenerated;
            report.DistinctStates += result.DistinctStates;
            if (result.Outcome == CheckOutcome.SafetyFailure && result.Trace.Count > 0)
                report.Divergences.Add(Explain(plan, g, bound.Names, result));
            else if (result.Outcome != CheckOutcome.Success)
                report.Errors.Add($"the model for {g.Head.Display} did not check: {result.OutcomeText}: {result.Violation?.Message} {result.Violation?.Location}");
        }
        report.DurationMs = (long)(DateTime.UtcNow - started).TotalMilliseconds;
        return report;
    }

    private static List<Group> BuildGroups(ReplicationPlan plan)
    {
        var inv = plan.Inventory;
        var byName = plan.Items.Where(i => !i.IsSequence).ToDictionary(i => i.QualifiedName);
        bool Member(PlanItem i) => i.Action is PlanAction.Add or PlanAction.Present or PlanAction.Keep && i.Set != null && i.Type is "table" or "partition";
        Heap MakeHeap(PlanItem item, List<string> inheritedWrites)
        {
            var rel = inv.FindRelation(item.QualifiedName);
            var set = Member(item) ? plan.FindSet(item.Set) ?? Planner.NodeDefaultSets.FirstOrDefault(s => s.Name == item.Set) : null;
            var filtered = Member(item) && item.RowFilter != null;
            var key = rel?.KeyColumns ?? new List<string>();
            return new Heap
            {
                Item = item,
                Rel = rel,
                Writes = item.Writes ?? inheritedWrites ?? PlanOptions.AllOperations.ToList(),
                Replicates = set?.Operations.ToList() ?? new List<string>(),
                Filtered = filtered,
                BlindDelete = filtered && (item.RowFilterColumns == null || item.RowFilterColumns.Any(c => !key.Contains(c))),
                Unsynced = item.Action == PlanAction.Add && !item.SynchronizeData,
                Preloaded = rel?.HasRows ?? true,
            };
        }
        var groups = new List<Group>();
        foreach (var item in plan.Items.Where(i => i.Claimed && !i.IsSequence))
        {
            var rel = inv.FindRelation(item.QualifiedName);
            if (rel == null) continue;
            if (rel.Kind == RelationKind.PartitionedTable)
            {
                if (rel.IsPartition) continue; // checked with its top-level parent
                var g = new Group { Head = item };
                foreach (var leaf in inv.LeavesOf(rel))
                    if (byName.TryGetValue(leaf.QualifiedName, out var li)) g.Heaps.Add(MakeHeap(li, item.Writes));
                if (g.Heaps.Count == 0) continue;
                g.Signature = "P:" + string.Join(";", g.Heaps.Select(h => h.Signature).OrderBy(s => s, StringComparer.Ordinal));
                groups.Add(g);
            }
            else
            {
                // A leaf whose top-level parent is claimed is checked with the parent.
                if (rel.IsPartition && inv.AncestorsOf(rel).LastOrDefault() is { } top && byName.TryGetValue(top.QualifiedName, out var topItem) && topItem.Claimed)
                    continue;
                var h = MakeHeap(item, null);
                groups.Add(new Group { Head = item, Heaps = { h }, Signature = "T:" + h.Signature });
            }
        }
        foreach (var item in plan.Items.Where(i => i.Claimed && i.IsSequence))
        {
            var replicated = item.Action is PlanAction.Add or PlanAction.Present or PlanAction.Keep;
            groups.Add(new Group { Head = item, IsSequence = true, SeqReplicated = replicated, Signature = "S:" + replicated });
        }
        // One representative per signature.
        var result = new List<Group>();
        foreach (var g in groups.GroupBy(g => g.Signature))
        {
            var first = g.First();
            first.Alike = g.Skip(1).ToList();
            result.Add(first);
        }
        return result;
    }

    /// <summary>One group bound to the model: the constants as values, and the same model written as a module and a
    /// configuration for a user who keeps it (<c>--keep-model</c>).</summary>
    private sealed class Bound
    {
        public readonly Dictionary<string, Heap> Names = new();
        public readonly List<string> Tables = new(), Claimed = new(), Filtered = new(), Blind = new(), Unsynced = new(), Preloaded = new(), Seqs = new(), SeqRep = new();
        public readonly List<(string, string)> Leaves = new(), Writes = new(), Reps = new();
        public int MaxOps;
        public string Comment;

        public Dictionary<string, Value> Constants => new()
        {
            ["Tables"] = TlaValue.Set(Tables), ["Claimed"] = TlaValue.Set(Claimed),
            ["Leaves"] = Pairs(Leaves), ["Writes"] = Pairs(Writes), ["Replicates"] = Pairs(Reps),
            ["Filtered"] = TlaValue.Set(Filtered), ["BlindDelete"] = TlaValue.Set(Blind), ["Unsynced"] = TlaValue.Set(Unsynced),
            ["Preloaded"] = TlaValue.Set(Preloaded), ["Sequences"] = TlaValue.Set(Seqs), ["SeqReplicated"] = TlaValue.Set(SeqRep),
            ["SeqClaimed"] = TlaValue.Set(Seqs), ["MaxOps"] = TlaValue.Int(MaxOps),
        };

        private static Value Pairs(List<(string, string)> pairs) => TlaValue.Set(pairs.Select(p => TlaValue.Seq(p.Item1, p.Item2)));

        public string ExportModule(string module)
        {
            var tla = new StringBuilder();
            tla.AppendLine($"---- MODULE {module} ----");
            tla.AppendLine(Comment);
            foreach (var (id, h) in Names) tla.AppendLine($"\\* {id}: {h.Item.Type} {h.Item.QualifiedName.Replace("\n", " ")}");
            tla.AppendLine($"EXTENDS {SpecName}");
            tla.AppendLine($"MCLeaves == {SetOf(Leaves)}");
            tla.AppendLine($"MCWrites == {SetOf(Writes)}");
            tla.AppendLine($"MCReplicates == {SetOf(Reps)}");
            tla.AppendLine("====");
            return tla.ToString();
        }

        public string ExportConfig()
        {
            var cfg = new StringBuilder();
            cfg.AppendLine("CONSTANTS");
            cfg.AppendLine($"    Tables = {SetOf(Tables)}");
            cfg.AppendLine($"    Claimed = {SetOf(Claimed)}");
            cfg.AppendLine("    Leaves <- MCLeaves");
            cfg.AppendLine("    Writes <- MCWrites");
            cfg.AppendLine("    Replicates <- MCReplicates");
            cfg.AppendLine($"    Filtered = {SetOf(Filtered)}");
            cfg.AppendLine($"    BlindDelete = {SetOf(Blind)}");
            cfg.AppendLine($"    Unsynced = {SetOf(Unsynced)}");
            cfg.AppendLine($"    Preloaded = {SetOf(Preloaded)}");
            cfg.AppendLine($"    Sequences = {SetOf(Seqs)}");
            cfg.AppendLine($"    SeqReplicated = {SetOf(SeqRep)}");
            cfg.AppendLine($"    SeqClaimed = {SetOf(Seqs)}");
            cfg.AppendLine($"    MaxOps = {MaxOps}");
            cfg.Append(ConfigText);
            return cfg.ToString();
        }

        private static string Str(string s) => "\"" + s + "\"";
        private static string SetOf(IEnumerable<string> items) => "{" + string.Join(", ", items.Select(Str)) + "}";
        private static string SetOf(IEnumerable<(string, string)> pairs) => "{" + string.Join(", ", pairs.Select(p => $"<<{Str(p.Item1)}, {Str(p.Item2)}>>")) + "}";
    }

    private static Bound Bind(Group g, int maxOps)
    {
        var b = new Bound { MaxOps = Math.Max(1, maxOps) };
        if (g.IsSequence)
        {
            b.Seqs.Add("s1");
            if (g.SeqReplicated) b.SeqRep.Add("s1");
        }
        else
        {
            bool parent = g.Heaps.Count != 1 || g.Heaps[0].Item != g.Head;
            if (parent)
            {
                b.Tables.Add("t0");
                b.Claimed.Add("t0");
            }
            int i = 0;
            foreach (var h in g.Heaps)
            {
                var id = "t" + (++i);
                h.Id = id;
                b.Names[id] = h;
                b.Tables.Add(id);
                if (parent) b.Leaves.Add((id, "t0"));
                else b.Claimed.Add(id);
                b.Writes.AddRange(h.Writes.Select(op => (id, op)));
                b.Reps.AddRange(h.Replicates.Select(op => (id, op)));
                if (h.Filtered) b.Filtered.Add(id);
                if (h.BlindDelete) b.Blind.Add(id);
                if (h.Unsynced) b.Unsynced.Add(id);
                if (h.Preloaded) b.Preloaded.Add(id);
            }
        }
        b.Comment = $"\\* Bound by Ops.Pglogical for {(g.IsSequence ? "sequence" : "table")} {g.Head.Display.Replace("\n", " ")}" + (g.Alike.Count > 0 ? $" and {g.Alike.Count} more like it" : "");
        return b;
    }

    // ---- explaining a counterexample ----

    private static Value Var(TraceState s, string name)
    {
        var i = Array.IndexOf(s.Variables, name);
        return i < 0 ? null : s.Values[i];
    }

    private static string Field(Value record, string field) =>
        record is FcnBase f && f.Apply(StringValue.Of(field)) is { } v ? v switch
        {
            StringValue sv => sv.S,
            BoolValue b => b.B ? "TRUE" : "FALSE",
            _ => v.ToString(),
        } : null;

    private static string Row(Value fcn, string id) => fcn is FcnBase f ? (f.Apply(StringValue.Of(id)) as StringValue)?.S : null;

    private static string Describe(Heap h, string v) => v switch
    {
        "none" or null => "no row",
        "in" => h.Filtered ? "a row that matches the row filter" : "the row (version 1)",
        _ => h.Filtered ? "a row that does not match the row filter" : "the row (version 2)",
    };

    private static string Ops(IEnumerable<string> ops)
    {
        var list = ops.ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list);
    }

    private static Divergence Explain(ReplicationPlan plan, Group g, Dictionary<string, Heap> names, CheckResult result)
    {
        var d = new Divergence
        {
            Object = g.Head.Display,
            Invariant = result.Violation?.Property,
            LikeIt = g.Alike.Select(a => a.Head.Display).ToList(),
        };
        var trace = result.Trace;
        if (g.IsSequence) return ExplainSequence(plan, g, d, trace);

        string Name(string id) => names.TryGetValue(id, out var h) ? h.Item.Display : id;
        (string Problem, string Fix)? cause = null;
        for (int i = 1; i < trace.Count; i++)
        {
            var last = Var(trace[i], "last");
            var op = Field(last, "op");
            var change = Field(last, "change");
            var id = Field(last, "t");
            var v = Field(last, "v");
            var sent = Field(last, "sent") == "TRUE";
            if (!names.TryGetValue(id ?? "", out var h)) continue;
            var before = Row(Var(trace[i - 1], "prov"), id);
            if (op == "APPLY")
            {
                var subBefore = Row(Var(trace[i - 1], "sub"), id);
                if (change == "UPDATE" && subBefore == "none")
                {
                    d.Steps.Add($"the subscriber has no such row in {Name(id)} and skips the UPDATE (pglogical logs \"CONFLICT: remote UPDATE ... tuple not found. Resolution: skip\")");
                    cause ??= (
                        $"table {Name(id)} has row filter {h.Item.RowFilter}: an UPDATE that makes a row match the filter is sent as an UPDATE, and the subscriber, which never received the row, skips it",
                        $"filter on columns that never change after INSERT (then no UPDATE moves a row into or out of the filter), or drop the row filter; if that is guaranteed, {Flags.AllowDivergence} applies the plan anyway");
                }
                else d.Steps.Add($"the subscriber applies the {change} on {Name(id)}");
                continue;
            }
            var what = op switch
            {
                "INSERT" => $"INSERT into {Name(id)} ({Describe(h, v)})",
                "UPDATE" => h.Filtered
                    ? $"UPDATE on {Name(id)} ({Describe(h, before)} is changed so that it {(v == "in" ? "matches" : "no longer matches")})"
                    : $"UPDATE on {Name(id)} ({(before == "in" ? "version 1" : "version 2")} of the row becomes {(v == "in" ? "version 1" : "version 2")})",
                "DELETE" => $"DELETE from {Name(id)} ({Describe(h, before)})",
                _ => $"TRUNCATE {Name(id)}",
            };
            if (sent) { d.Steps.Add(what + ": sent to the subscriber"); continue; }
            var (why, problem, fix) = WhyNotSent(plan, g, h, op, before, v);
            d.Steps.Add(what + ": not sent, " + why);
            if (problem != null) cause ??= (problem, fix);
        }
        if (cause == null)
        {
            // The initial state already differs: the initial copy was skipped or the table is in no set.
            var first = trace[0];
            foreach (var (id, h) in names)
            {
                var p = Row(Var(first, "prov"), id);
                var s = Row(Var(first, "sub"), id);
                if (p == s) continue;
                d.Steps.Insert(0, $"{Name(id)} already holds rows on the provider when the subscription starts");
                if (h.Replicates.Count == 0) cause = NotInAnySet(plan, g, h, "its existing rows are not copied either");
                else if (h.Unsynced)
                    cause = ($"table {Name(id)} holds rows on the provider and the plan adds it with synchronize_data := false: the subscriber starts without them",
                        $"let the plan copy the data (drop {Flags.NoSync}, or synchronize_data true for {Name(id)} in the rules), or load the subscriber first (pg_dump --data-only) and apply with {Flags.AllowDivergence}");
                break;
            }
        }
        cause ??= ($"the subscriber ends up different from the provider for {g.Head.Display}", null);
        d.Problem = cause.Value.Problem;
        d.Fix = cause.Value.Fix;
        var end = trace[^1];
        d.Outcome = string.Join("; ", names.Select(kv =>
            $"{Name(kv.Key)}: the provider has {Describe(kv.Value, Row(Var(end, "prov"), kv.Key))}, the subscriber has {Describe(kv.Value, Row(Var(end, "sub"), kv.Key))}"));
        return d;
    }

    private static (string Problem, string Fix) NotInAnySet(ReplicationPlan plan, Group g, Heap h, string extra)
    {
        var name = h.Item.Display;
        if (g.Head != h.Item)
            return ($"partition {name} of {g.Head.Display} is in no replication set ({h.Item.Reason}): adding a partitioned table replicates nothing of its partitions, so rows that land in {name} never reach the subscriber; {extra}",
                $"add the partition itself (remove what excludes it), or exclude {g.Head.Display} as a whole");
        return ($"table {name} is in no replication set ({h.Item.Reason}); {extra}", $"add {name} to a replication set");
    }

    private static (string Why, string Problem, string Fix) WhyNotSent(ReplicationPlan plan, Group g, Heap h, string op, string before, string v)
    {
        var name = h.Item.Display;
        var pattern = SqlText.Ident(h.Item.Schema) + "." + SqlText.Ident(h.Item.Name);
        if (h.Replicates.Count == 0)
        {
            var (p, f) = NotInAnySet(plan, g, h, $"an {op} there is not replicated, so the subscriber differs");
            return ("the table is in no replication set", p, f);
        }
        if (!h.Replicates.Contains(op))
        {
            var set = h.Item.Set;
            var why = $"set {set} replicates only {Ops(h.Replicates)}";
            var noKey = h.Rel != null && !h.Rel.HasReplicationKey;
            if (noKey && op is "UPDATE" or "DELETE" && h.Rel.PrimaryKey.Count > 0)
                return (why, $"table {name} has REPLICA IDENTITY {h.Rel.ReplicaIdentity.ToString().ToUpperInvariant()}, which pglogical does not accept for UPDATE and DELETE, so it is in set {set}; an {op} on the provider is not replicated, so the subscriber differs" + StatsNote(h.Rel),
                    $"ALTER TABLE {h.Rel.SqlName} REPLICA IDENTITY DEFAULT (its primary key), then plan again; or, if its rows are only ever inserted, declare it with {Flags.InsertOnly} {pattern}");
            if (noKey && op is "UPDATE" or "DELETE")
                return (why, $"table {name} has no primary key and is in set {set}; an {op} on the provider is not replicated, so the subscriber differs" + StatsNote(h.Rel),
                    $"add a primary key to {name} (pglogical can then replicate its UPDATEs and DELETEs in set {plan.Options.DefaultSet}); or, if its rows are only ever inserted, declare it with {Flags.InsertOnly} {pattern}");
            return (why, $"table {name} is in set {set}, which does not replicate {op}; an {op} on the provider is not replicated, so the subscriber differs",
                $"put {name} in a set that replicates {op}, or declare what really happens to it with {Flags.Writes(pattern, string.Join(",", h.Writes.Where(w => h.Replicates.Contains(w))).ToLowerInvariant())}");
        }
        // The set replicates op: the row filter stopped it.
        if (op == "INSERT") return ("the new row does not match the row filter (as intended)", null, null);
        if (op == "UPDATE")
            return ("the changed row no longer matches the row filter",
                $"table {name} has row filter {h.Item.RowFilter}: an UPDATE that moves a row out of the filter is not sent, so the subscriber keeps the old row",
                $"filter on columns that never change after INSERT, or drop the row filter and remove the rows on the subscriber instead; if no UPDATE ever changes whether a row matches, {Flags.AllowDivergence} applies the plan anyway");
        if (op == "DELETE" && before == "in" && h.BlindDelete)
        {
            var key = h.Rel?.KeyColumns ?? new List<string>();
            var cols = h.Item.RowFilterColumns is { Count: > 0 } rc ? string.Join(", ", rc) : "its columns";
            return ("a DELETE sends only the replica identity columns, so the row filter sees NULLs",
                $"table {name} has row filter {h.Item.RowFilter} on {cols}, but a DELETE sends only the replica identity ({string.Join(", ", key)}): the filter sees NULLs, the DELETE is not sent and the subscriber keeps the row",
                $"filter only on {string.Join(", ", key)}, or make the filtered columns part of the replica identity: CREATE UNIQUE INDEX ... ON {h.Rel?.SqlName ?? name} ({string.Join(", ", key.Concat(h.Item.RowFilterColumns ?? new List<string>()).Distinct())}) with NOT NULL columns, then ALTER TABLE ... REPLICA IDENTITY USING INDEX ... (REPLICA IDENTITY FULL does not work: pglogical refuses it in sets that replicate UPDATE/DELETE); or, if rows are never deleted, declare it with {Flags.Writes(pattern, string.Join(",", h.Writes.Where(w => w != "DELETE")).ToLowerInvariant())}");
        }
        return ("the old row does not match the row filter (as intended)", null, null);
    }

    private static string StatsNote(RelationInfo rel)
    {
        if (rel == null) return "";
        var parts = new List<string>();
        if (rel.Updates > 0) parts.Add($"{rel.Updates} UPDATE(s)");
        if (rel.Deletes > 0) parts.Add($"{rel.Deletes} DELETE(s)");
        return parts.Count > 0 ? $" (pg_stat_user_tables counts {string.Join(" and ", parts)} on it since statistics were last reset)" : "";
    }

    private static Divergence ExplainSequence(ReplicationPlan plan, Group g, Divergence d, List<TraceState> trace)
    {
        var item = g.Head;
        var seq = plan.Inventory.Sequences.FirstOrDefault(s => s.QualifiedName == item.QualifiedName);
        var owner = seq?.OwnedByTable != null ? $" ({seq.OwnerKind} of {seq.OwnedByDisplay})" : "";
        foreach (var s in trace.Skip(1))
        {
            var op = Field(Var(s, "last"), "op");
            d.Steps.Add(op == "NEXTVAL" ? $"nextval('{item.Display}') on the provider" : $"pglogical copies {item.Display} to the subscriber");
        }
        d.Problem = $"sequence {item.Display}{owner} is not replicated ({item.Reason}): after nextval() on the provider the subscriber's sequence is behind, so after switching over, new rows would reuse values";
        d.Fix = seq?.Persistence == Persistence.Unlogged
            ? $"ALTER SEQUENCE {seq.SqlName} SET LOGGED, then plan again"
            : $"add it to a replication set (drop {Flags.NoSequences}, or the {Flags.Exclude} that removes it), or set it by hand on the subscriber before switching over";
        var end = trace[^1];
        d.Outcome = $"the provider's sequence is at step {(Var(end, "pseq") as FcnBase)?.Apply(StringValue.Of("s1"))}, the subscriber's at {(Var(end, "sseq") as FcnBase)?.Apply(StringValue.Of("s1"))}";
        return d;
    }
}
