using System.Text;
using Ops.Pglogical.Planning;

namespace Ops.Pglogical.Sql;

/// <summary>One statement of the plan, with what it does in words.</summary>
public sealed class PlanStatement
{
    /// <summary>The statement as executed. Internal: it can hold the node DSN's password, which must never reach
    /// output, pipelines or logs; everything shown uses <see cref="DisplaySql"/>.</summary>
    internal string Sql { get; init; }
    /// <summary>The same statement with secrets masked (what is printed).</summary>
    public string DisplaySql { get; init; }
    public string Description { get; init; }
    public PlanItem Item { get; init; }
}

/// <summary>The plan as SQL: named arguments, every identifier and literal quoted, one transaction, and a header
/// that says what was excluded and why.</summary>
public static class SqlGenerator
{
    public static List<PlanStatement> Statements(ReplicationPlan plan)
    {
        var list = new List<PlanStatement>();
        void Add(string sql, string description, PlanItem item = null, string display = null) =>
            list.Add(new PlanStatement { Sql = sql, DisplaySql = display ?? sql, Description = description, Item = item });
        if (plan.CreateExtension)
            Add("CREATE EXTENSION IF NOT EXISTS pglogical;", "create the pglogical extension");
        if (plan.CreateNodeName != null)
        {
            string Node(string dsn) => $"SELECT pglogical.create_node(node_name := {SqlText.Literal(plan.CreateNodeName)}, dsn := {SqlText.Literal(dsn ?? "")});";
            Add(Node(plan.CreateNodeDsn), $"create the pglogical node {plan.CreateNodeName}", display: Node(plan.CreateNodeDsnDisplay));
        }
        foreach (var s in plan.CreateSets)
            Add($"SELECT pglogical.create_replication_set(set_name := {SqlText.Literal(s.Name)}, replicate_insert := {Bool(s.Operations.Contains("INSERT"))}, " +
                $"replicate_update := {Bool(s.Operations.Contains("UPDATE"))}, replicate_delete := {Bool(s.Operations.Contains("DELETE"))}, " +
                $"replicate_truncate := {Bool(s.Operations.Contains("TRUNCATE"))});",
                $"create replication set {s.Name}");
        foreach (var item in plan.Additions.Where(i => !i.IsSequence))
        {
            var sb = new StringBuilder("SELECT pglogical.replication_set_add_table(");
            sb.Append("set_name := ").Append(SqlText.Literal(item.Set));
            sb.Append(", relation := ").Append(SqlText.RegClass(item.Schema, item.Name));
            sb.Append(", synchronize_data := ").Append(Bool(item.SynchronizeData));
            if (item.Columns != null) sb.Append(", columns := ").Append(SqlText.TextArray(item.Columns));
            if (item.RowFilter != null) sb.Append(", row_filter := ").Append(SqlText.Literal(item.RowFilter));
            sb.Append(");");
            Add(sb.ToString(), $"add table {item.Display} to {item.Set}", item);
        }
        foreach (var item in plan.Additions.Where(i => i.IsSequence))
            Add($"SELECT pglogical.replication_set_add_sequence(set_name := {SqlText.Literal(item.Set)}, relation := {SqlText.RegClass(item.Schema, item.Name)}, synchronize_data := {Bool(item.SynchronizeData)});",
                $"add sequence {item.Display} to {item.Set}", item);
        return list;
    }

    private static string Bool(bool b) => b ? "true" : "false";

    /// <summary>The whole script (secrets masked): header, BEGIN, the statements, COMMIT.</summary>
    public static string Script(ReplicationPlan plan, string generatedBy = "ops pglogical plan")
    {
        var inv = plan.Inventory;
        var sb = new StringBuilder();
        void C(string line) => sb.Append("-- ").AppendLine(SqlText.CommentLine(line));
        C($"{generatedBy}: pglogical replication sets for database \"{inv.Database}\"");
        C($"provider: {inv.Connection}; PostgreSQL {inv.ServerVersion}; pglogical {inv.PglogicalVersion ?? "(not installed)"}");
        C(plan.Summary());
        var statements = Statements(plan);
        if (plan.CreateNodeDsn != null && plan.CreateNodeDsn != plan.CreateNodeDsnDisplay)
            C("the node DSN's password is masked (********): put the real one in before running this script by hand");
        var excluded = plan.Excluded.ToList();
        if (excluded.Count > 0)
        {
            C("");
            C($"Excluded ({excluded.Count}):");
            foreach (var e in excluded) C($"  {e.Type} {e.Display}: {e.Reason}");
        }
        var kept = plan.Items.Where(i => i.Action is PlanAction.Present or PlanAction.Keep).ToList();
        if (kept.Count > 0)
        {
            C("");
            C($"Already replicated, nothing to do ({kept.Count}):");
            foreach (var k in kept) C($"  {k.Type} {k.Display}: {k.Reason}");
        }
        var insertOnly = plan.Additions.Where(i => !i.IsSequence && plan.FindSet(i.Set) is { NeedsKey: false }).ToList();
        if (insertOnly.Count > 0)
        {
            C("");
            C("Only INSERT and TRUNCATE replicate for these tables (no primary key): UPDATE and DELETE on the provider");
            C("do not reach the subscriber. `ops pglogical check` (Test-PglogicalReplicationPlan) says whether that matters for the writes you declared.");
            foreach (var i in insertOnly) C($"  {i.Display} -> {i.Set}");
        }
        foreach (var w in plan.Warnings) C("warning: " + w);
        foreach (var p in plan.Problems) C("PROBLEM: " + p.Problem + (p.Fix != null ? " -- fix: " + p.Fix : ""));
        sb.AppendLine();
        if (statements.Count == 0)
        {
            C("Nothing to do: every table and sequence of the plan is already in its replication set.");
            return sb.ToString();
        }
        sb.AppendLine("BEGIN;");
        sb.AppendLine("SET LOCAL standard_conforming_strings = on;");
        foreach (var s in statements) sb.AppendLine(s.DisplaySql);
        sb.AppendLine("COMMIT;");
        return sb.ToString();
    }
}
