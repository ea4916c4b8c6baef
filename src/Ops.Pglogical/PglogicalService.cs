using Npgsql;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Planning;
using Ops.Pglogical.Sql;

namespace Ops.Pglogical;

public sealed class ApplyResult
{
    public bool DryRun { get; set; }
    /// <summary>Statements run (or, for a dry run, that would run).</summary>
    public List<PlanStatement> Statements { get; set; } = new();
    public bool Committed { get; set; }
    /// <summary>After the commit, a fresh plan of the same options had nothing left to do.</summary>
    public bool VerifiedNoOp { get; set; }
    public string Message { get; set; }

    public override string ToString() => Message ?? $"{Statements.Count} statement(s), {(Committed ? "committed" : "not committed")}";
}

/// <summary>The library's front door: what the CLI and the cmdlets call.</summary>
public static class PglogicalService
{
    public static DatabaseInventory ReadInventory(PgConnectionSettings settings) => CatalogReader.Read(settings);

    /// <summary>Reads the inventory and plans, validating row filters against the live database.</summary>
    public static ReplicationPlan Plan(PgConnectionSettings settings, PlanOptions options)
    {
        using var conn = PgConnector.Open(settings);
        var inv = CatalogReader.Read(conn, settings.Display);
        return Plan(conn, inv, options, settings);
    }

    private static ReplicationPlan Plan(NpgsqlConnection conn, DatabaseInventory inv, PlanOptions options, PgConnectionSettings settings)
    {
        var validator = new LiveRowFilterValidator(conn);
        return Planner.Build(inv, options, validator);
    }

    /// <summary>Plans from an inventory read earlier (no row-filter validation: the plan says so).</summary>
    public static ReplicationPlan Plan(DatabaseInventory inventory, PlanOptions options)
    {
        var plan = Planner.Build(inventory, options);
        if (plan.Items.Any(i => i.RowFilter != null && i.Action == PlanAction.Add))
            plan.Warnings.Add("row filters were not validated against the database (the plan was made from a saved inventory)");
        return plan;
    }

    public static ModelCheckReport Check(ReplicationPlan plan, string keepModelDirectory = null) =>
        ReplicationModel.Check(plan, keepModelDirectory);

    public static string Sql(ReplicationPlan plan) => SqlGenerator.Script(plan);

    /// <summary>Applies the plan on the provider in one transaction: all or nothing. Refuses a plan with problems.
    /// With <paramref name="dryRun"/>, returns the statements without connecting for writes.</summary>
    public static ApplyResult Apply(PgConnectionSettings settings, ReplicationPlan plan, bool dryRun)
    {
        if (!plan.IsValid)
            throw new PglogicalException("plan", $"the plan has {plan.Problems.Count} problem(s); nothing was applied:" + Environment.NewLine +
                string.Join(Environment.NewLine, plan.Problems.Select(p => "  - " + p.ToString().Replace(Environment.NewLine, Environment.NewLine + "    "))),
                "fix the problems above and run again");
        var statements = SqlGenerator.Statements(plan);
        var result = new ApplyResult { DryRun = dryRun, Statements = statements };
        if (statements.Count == 0)
        {
            result.Message = "nothing to do: every table and sequence of the plan is already in its replication set";
            result.VerifiedNoOp = true;
            return result;
        }
        if (dryRun)
        {
            result.Message = $"dry run: {statements.Count} statement(s) would run in one transaction; nothing was changed";
            return result;
        }
        using var conn = PgConnector.Open(settings);
        using (var check = new NpgsqlCommand("SELECT current_database()", conn))
        {
            var db = (string)check.ExecuteScalar();
            if (db != plan.Inventory.Database)
                throw new PglogicalException("apply", $"the plan was made for database \"{plan.Inventory.Database}\", but the connection goes to \"{db}\"; nothing was applied",
                    "connect to the database the plan was made for, or plan again for this one");
        }
        using (var tx = conn.BeginTransaction())
        {
            int n = 0;
            try
            {
                Exec(conn, tx, "SET LOCAL standard_conforming_strings = on");
                Exec(conn, tx, "SET LOCAL lock_timeout = '30s'");
                foreach (var s in statements)
                {
                    n++;
                    Exec(conn, tx, s.Sql);
                }
                tx.Commit();
                result.Committed = true;
            }
            // An internal error of pglogical (XX000: "node provider already exists") breaks the connection: Npgsql then
            // reports the server's error inside an ObjectDisposedException of the transaction.
            catch (Exception failure) when (failure is PostgresException || failure.InnerException is PostgresException)
            {
                var e = failure as PostgresException ?? (PostgresException)failure.InnerException;
                try { tx.Rollback(); } catch (Exception rollback) when (rollback is NpgsqlException or InvalidOperationException) { }
                var s = statements[Math.Max(0, n - 1)];
                throw new PglogicalException("apply",
                    $"statement {n} of {statements.Count} ({s.Description}) failed: {PgConnectionSettings.MaskText(e.MessageText)}" +
                    (e.Detail != null ? $" ({PgConnectionSettings.MaskText(e.Detail)})" : "") + "; the transaction was rolled back and nothing was applied",
                    FixFor(e, s), e);
            }
        }
        // A second plan must find nothing to do.
        var again = Plan(settings, plan.Options);
        result.VerifiedNoOp = again.IsValid && !again.HasChanges;
        result.Message = $"applied {statements.Count} statement(s) in one transaction" +
                         (result.VerifiedNoOp ? "; a fresh plan now has nothing to do" : "; WARNING: a fresh plan still has changes: " + again.Summary());
        return result;
    }

    private static string FixFor(PostgresException e, PlanStatement s)
    {
        var msg = e.MessageText + " " + e.Detail;
        if (msg.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase))
            return $"add a primary key to {s.Item?.QualifiedName}, or put it in default_insert_only";
        if (e.SqlState == "23505")
            return "it is already in a replication set (another session added it since the plan was made): run the plan again";
        if (e.SqlState == "55P03")
            return "another session holds a lock on a table of the plan: run again when it is done";
        if (e.SqlState == "42501")
            return "run the plan as a superuser (or the owner of the pglogical catalog)";
        return "correct the cause above and run again; 'ops pglogical plan' (New-PglogicalReplicationPlan) shows the statements";
    }

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.ExecuteNonQuery();
    }
}
