using Npgsql;
using Ops.Cli;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Planning;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Pglogical.Tests;

/// <summary>Runs `ops ...` in-process and keeps what it printed.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>An awkward database: capitals, spaces, quotes, dots and non-ASCII in names, a table without a
/// primary key, a partitioned table, an unlogged table, views, serial, identity and free sequences.</summary>
internal static class AwkwardSchema
{
    public const string Ddl = """"
        CREATE SCHEMA "Sales Dept";
        CREATE TABLE "Sales Dept"."Order ""Items""" (id serial PRIMARY KEY, "Qty" int NOT NULL, note text);
        CREATE TABLE public."événements" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text);
        CREATE TABLE public.events (at timestamptz NOT NULL DEFAULT now(), msg text);
        CREATE TABLE public."dotted.name" (id int PRIMARY KEY, "Value" text);
        CREATE TABLE public.measurements (id int, k int, v text, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
        CREATE TABLE public.measurements_a PARTITION OF public.measurements FOR VALUES FROM (0) TO (10);
        CREATE TABLE public.measurements_b PARTITION OF public.measurements FOR VALUES FROM (10) TO (20);
        CREATE UNLOGGED TABLE public.scratch (id int PRIMARY KEY);
        CREATE VIEW public.v_orders AS SELECT * FROM "Sales Dept"."Order ""Items""";
        CREATE MATERIALIZED VIEW public.mv_count AS SELECT count(*) AS n FROM public.events;
        CREATE TABLE public.customers (id int PRIMARY KEY, region text NOT NULL, name text, secret text);
        -- the row filter reads region: region joins the replica identity, so a DELETE carries it (FULL would
        -- keep the table out of the default set)
        CREATE UNIQUE INDEX customers_id_region ON public.customers (id, region);
        ALTER TABLE public.customers REPLICA IDENTITY USING INDEX customers_id_region;
        CREATE SEQUENCE public.free_seq;
        CREATE SCHEMA audit;
        CREATE TABLE audit.trail (id int PRIMARY KEY, what text);
        """";

    public const string Rows = """"
        INSERT INTO "Sales Dept"."Order ""Items""" ("Qty", note) VALUES (1, 'first'), (2, 'it''s "quoted"');
        INSERT INTO public."événements" (payload) VALUES ('été'), ('hiver');
        INSERT INTO public.events (at, msg) VALUES ('2024-01-01', 'boot');
        INSERT INTO public."dotted.name" VALUES (1, 'one'), (2, 'two');
        INSERT INTO public.measurements VALUES (1, 1, 'a'), (2, 15, 'b');
        INSERT INTO public.customers VALUES (1, 'eu', 'Anna', 's1'), (2, 'us', 'Bob', 's2'), (3, 'eu', 'Chloé', 's3');
        INSERT INTO public.scratch VALUES (1);
        INSERT INTO audit.trail VALUES (1, 'x');
        SELECT nextval('public.free_seq');
        """";

    public static string[] SelectionArgs => new[]
    {
        "--exclude", "audit",
        "--insert-only", "public.events",
        "--row-filter", "public.customers=region = 'eu'",
        "--columns", "public.customers=id,region,name",
        "--writes", "public.customers=insert,delete,truncate",
    };
}

[Collection("postgres")]
public class EndToEndTests
{
    private readonly ITestOutputHelper _out;
    public EndToEndTests(ITestOutputHelper output) => _out = output;

    [PgFact]
    public void Plan_check_apply_on_an_awkward_database_then_the_subscriber_matches_the_provider()
    {
        using var prov = new TempDatabase("prov");
        using var sub = new TempDatabase("sub");
        prov.Exec(AwkwardSchema.Ddl);
        prov.Exec(AwkwardSchema.Rows);
        sub.Exec(AwkwardSchema.Ddl);
        var conn = prov.Settings.ToLibpq(includePassword: true);
        // trust authentication ignores the password; it is there to show that it is never printed
        var nodeDsn = prov.Settings.ToLibpq(includePassword: true) + " password=Hunter2Secret";
        string[] Args(string verb, params string[] more) =>
            new[] { "pglogical", verb, "--connection", conn, "--create-node", "provider", "--node-dsn", nodeDsn }
                .Concat(AwkwardSchema.SelectionArgs).Concat(more).ToArray();

        // plan: the database has no pglogical yet; the plan creates the extension and the node with the sets.
        var plan = CliRun.Of(Args("plan"));
        _out.WriteLine(plan.ToString());
        Assert.Equal(0, plan.Exit);
        Assert.Contains("CREATE EXTENSION IF NOT EXISTS pglogical;", plan.Out);
        Assert.Contains("relation := '\"Sales Dept\".\"Order \"\"Items\"\"\"'::regclass", plan.Out);
        Assert.Contains("relation := 'public.\"dotted.name\"'::regclass", plan.Out);
        Assert.Contains("relation := 'public.measurements_a'::regclass", plan.Out);
        Assert.DoesNotContain("relation := 'public.measurements'::regclass", plan.Out);
        Assert.Contains("public.scratch: UNLOGGED table", plan.Out);
        Assert.Contains("view public.v_orders", plan.Out);
        Assert.Contains("audit.trail: matches --exclude audit", plan.Out);
        Assert.Contains("set_name := 'default_insert_only', relation := 'public.events'::regclass", plan.Out);
        Assert.Contains("row_filter := 'region = ''eu'''", plan.Out);
        Assert.Contains("password=********", plan.Out);
        Assert.DoesNotContain("Hunter2Secret", plan.Out + plan.Err);

        var check = CliRun.Of(Args("check"));
        _out.WriteLine(check.ToString());
        Assert.Equal(0, check.Exit);
        Assert.Contains("check passed", check.Out);

        // dry run: prints, changes nothing
        var dry = CliRun.Of(Args("apply", "--dry-run"));
        Assert.Equal(0, dry.Exit);
        Assert.Contains("dry run", dry.Out);
        Assert.Equal(0, prov.Scalar<long>("SELECT count(*) FROM pg_extension WHERE extname = 'pglogical'"));

        var apply = CliRun.Of(Args("apply"));
        _out.WriteLine(apply.ToString());
        Assert.Equal(0, apply.Exit);
        Assert.Contains("a fresh plan now has nothing to do", apply.Out);
        Assert.DoesNotContain("Hunter2Secret", apply.Out + apply.Err);
        Assert.Contains("Hunter2Secret", prov.Scalar<string>("SELECT if_dsn FROM pglogical.node_interface")); // the real DSN was applied
        var tablesInSets = prov.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table");
        var seqsInSets = prov.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_seq");
        Assert.Equal(7, tablesInSets);  // Order Items, événements, events, dotted.name, 2 partitions, customers
        Assert.Equal(3, seqsInSets);    // serial, identity, free

        // a second apply changes nothing
        var again = CliRun.Of(Args("apply"));
        Assert.Equal(0, again.Exit);
        Assert.Contains("nothing to do", again.Out);
        Assert.Equal(tablesInSets, prov.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table"));

        // the subscriber
        sub.Exec("CREATE EXTENSION pglogical");
        sub.Exec($"SELECT pglogical.create_node(node_name := 'subscriber', dsn := '{sub.Settings.ToLibpq(true)}')");
        sub.Exec($"SELECT pglogical.create_subscription(subscription_name := 'ops_e2e', provider_dsn := '{nodeDsn}', synchronize_structure := false, synchronize_data := true)");
        sub.Exec("SELECT pglogical.wait_for_subscription_sync_complete('ops_e2e')");
        var finalPlan = PglogicalService.Plan(prov.Settings, OptionsFromArgs());
        SyncSequences(prov, finalPlan);
        AssertSame(prov, sub, finalPlan, "after the initial copy");

        // DML of every kind on the provider
        prov.Exec(""""
            INSERT INTO "Sales Dept"."Order ""Items""" ("Qty", note) VALUES (3, 'third'), (4, NULL);
            UPDATE "Sales Dept"."Order ""Items""" SET "Qty" = "Qty" * 10 WHERE note = 'first';
            DELETE FROM "Sales Dept"."Order ""Items""" WHERE "Qty" = 4;
            INSERT INTO public."événements" (payload) VALUES ('printemps');
            UPDATE public."événements" SET payload = 'automne' WHERE payload = 'hiver';
            DELETE FROM public."événements" WHERE payload = 'été';
            INSERT INTO public.events (at, msg) VALUES ('2024-01-02', 'tick'), ('2024-01-03', 'tock');
            INSERT INTO public."dotted.name" VALUES (3, 'three');
            UPDATE public."dotted.name" SET "Value" = 'TWO' WHERE id = 2;
            DELETE FROM public."dotted.name" WHERE id = 1;
            INSERT INTO public.measurements VALUES (3, 5, 'c'), (4, 12, 'd');
            UPDATE public.measurements SET v = 'b2' WHERE id = 2;
            DELETE FROM public.measurements WHERE id = 1;
            INSERT INTO public.customers VALUES (4, 'eu', 'Dana', 's4'), (5, 'us', 'Eve', 's5');
            DELETE FROM public.customers WHERE id IN (1, 2);
            INSERT INTO public.scratch VALUES (2);
            SELECT nextval('public.free_seq') FROM generate_series(1, 5);
            """");
        SyncSequences(prov, finalPlan);
        AssertSame(prov, sub, finalPlan, "after INSERT, UPDATE and DELETE on the provider");
        Assert.Equal(new[] { "3|eu|Chloé|NULL", "4|eu|Dana|NULL" }, sub.Rows("SELECT id, region, name, secret FROM public.customers ORDER BY id"));

        // What the model says about a table without a primary key is what pglogical does: an UPDATE on
        // public.events (declared insert-only, updated anyway) does not reach the subscriber.
        prov.Exec("UPDATE public.events SET msg = 'changed' WHERE msg = 'boot'");
        WaitForSubscriber(prov);
        Assert.Contains("2024-01-01 00:00:00+00|boot", string.Join(",", sub.Rows("SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'), msg FROM public.events")));
        Assert.DoesNotContain("boot", string.Join(",", prov.Rows("SELECT msg FROM public.events")));
    }

    private static PlanOptions OptionsFromArgs() => new()
    {
        Exclude = { NamePattern.Parse("audit") },
        Rules =
        {
            new TableRule { Pattern = NamePattern.Parse("public.events"), Writes = new HashSet<string> { "INSERT" } },
            new TableRule { Pattern = NamePattern.Parse("public.customers"), RowFilter = "region = 'eu'", Columns = new List<string> { "id", "region", "name" }, Writes = new HashSet<string> { "INSERT", "DELETE", "TRUNCATE" } },
        },
    };

    /// <summary>pglogical copies sequences now and then; ask for it now, then wait for the subscriber.</summary>
    private static void SyncSequences(TempDatabase prov, ReplicationPlan plan)
    {
        foreach (var seq in plan.Items.Where(i => i.IsSequence && i.Action != PlanAction.Exclude))
            prov.Exec($"SELECT pglogical.synchronize_sequence({Sql.SqlText.RegClass(seq.Schema, seq.Name)})");
        WaitForSubscriber(prov);
    }

    private static void WaitForSubscriber(TempDatabase prov)
    {
        prov.Exec("SELECT pglogical.wait_slot_confirm_lsn(NULL, NULL)");
    }

    /// <summary>For every table the plan claims, the subscriber holds exactly the provider's rows (filtered and
    /// projected as planned); every replicated sequence is at least where the provider's is.</summary>
    private void AssertSame(TempDatabase prov, TempDatabase sub, ReplicationPlan plan, string when)
    {
        int compared = 0;
        foreach (var item in plan.Items.Where(i => i.Claimed && !i.IsSequence))
        {
            var rel = plan.Inventory.FindRelation(item.QualifiedName);
            var cols = item.Columns ?? rel.Columns.Select(c => c.Name).ToList();
            var list = string.Join(", ", cols.Select(Sql.SqlText.Ident));
            var order = string.Join(", ", Enumerable.Range(1, cols.Count));
            var where = item.RowFilter != null ? $" WHERE {item.RowFilter}" : "";
            var expected = prov.Rows($"SELECT {list} FROM {item.QualifiedName}{where} ORDER BY {order}");
            var actual = sub.Rows($"SELECT {list} FROM {item.QualifiedName} ORDER BY {order}");
            _out.WriteLine($"{when}: {item.QualifiedName}: {expected.Count} row(s)");
            Assert.True(expected.SequenceEqual(actual),
                $"{when}: {item.QualifiedName} differs\nprovider:   {string.Join(" / ", expected)}\nsubscriber: {string.Join(" / ", actual)}");
            compared++;
        }
        Assert.True(compared >= 6, $"compared only {compared} tables");
        foreach (var item in plan.Items.Where(i => i.IsSequence && i.Claimed))
        {
            var p = prov.Scalar<long>($"SELECT last_value FROM {item.QualifiedName}");
            var s = sub.Scalar<long>($"SELECT last_value FROM {item.QualifiedName}");
            Assert.True(s >= p, $"{when}: sequence {item.QualifiedName} is behind on the subscriber ({s} < {p})");
        }
    }

    [PgFact]
    public void Check_on_the_live_database_explains_the_table_without_primary_key()
    {
        using var db = new TempDatabase("chk");
        db.Exec(AwkwardSchema.Ddl);
        db.Exec(AwkwardSchema.Rows);
        db.Exec("UPDATE public.events SET msg = 'x'");
        db.Exec("CREATE EXTENSION pglogical");
        db.Exec($"SELECT pglogical.create_node(node_name := 'p', dsn := '{db.Settings.ToLibpq(true)}')");
        var r = CliRun.Of("pglogical", "check", "--connection", db.Settings.ToLibpq(true), "--exclude", "public.customers");
        Assert.Equal(12, r.Exit);
        Assert.Contains("table public.events has no primary key and is in set default_insert_only; an UPDATE on the provider is not replicated, so the subscriber differs", r.Out);
        Assert.Contains("--insert-only public.events", r.Out);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table"));
        // apply refuses a plan that fails the check, and changes nothing
        var apply = CliRun.Of("pglogical", "apply", "--connection", db.Settings.ToLibpq(true), "--exclude", "public.customers");
        Assert.Equal(12, apply.Exit);
        Assert.Contains("nothing was applied", apply.Err);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table"));
    }
}

[Collection("postgres")]
public class InventoryTests
{
    [PgFact]
    public void The_inventory_reads_partitions_keys_persistence_owners_and_temp_tables()
    {
        using var db = new TempDatabase("inv");
        db.Exec(AwkwardSchema.Ddl);
        db.Exec(AwkwardSchema.Rows);
        using var other = new NpgsqlConnection(db.Settings.ToNpgsql());
        other.Open();
        using (var cmd = new NpgsqlCommand("CREATE TEMP TABLE session_only (id int PRIMARY KEY)", other)) cmd.ExecuteNonQuery();
        var inv = CatalogReader.Read(db.Settings);
        Assert.Equal("15", inv.ServerVersion.Split('.')[0]);
        Assert.Null(inv.PglogicalVersion);
        Assert.True(inv.PglogicalAvailable);
        var items = inv.FindRelation("\"Sales Dept\".\"Order \"\"Items\"\"\"");
        Assert.Equal(new[] { "id" }, items.PrimaryKey);
        Assert.Equal(new[] { "id", "Qty", "note" }, items.Columns.Select(c => c.Name));
        Assert.Equal(RelationKind.PartitionedTable, inv.FindRelation("public.measurements").Kind);
        Assert.Equal("public.measurements", inv.FindRelation("public.measurements_b").Parent);
        Assert.Equal(Persistence.Unlogged, inv.FindRelation("public.scratch").Persistence);
        Assert.Equal(ReplicaIdentity.Index, inv.FindRelation("public.customers").ReplicaIdentity);
        Assert.Equal(new[] { "id", "region" }, inv.FindRelation("public.customers").ReplicaIdentityIndex);
        Assert.Empty(inv.FindRelation("public.events").PrimaryKey);
        Assert.True(inv.FindRelation("public.events").HasRows);
        var temp = Assert.Single(inv.Relations, r => r.Name == "session_only");
        Assert.Equal(Persistence.Temporary, temp.Persistence);
        var serial = inv.Sequences.Single(s => s.Name == "Order \"Items\"_id_seq");
        Assert.Equal(("serial", "\"Sales Dept\".\"Order \"\"Items\"\"\"", "id"), (serial.OwnerKind, serial.OwnedByTable, serial.OwnedByColumn));
        Assert.Equal("identity", inv.Sequences.Single(s => s.Name == "événements_id_seq").OwnerKind);
        Assert.Null(inv.Sequences.Single(s => s.Name == "free_seq").OwnedByTable);
        Assert.Equal(1, inv.Sequences.Single(s => s.Name == "free_seq").LastValue);

        var plan = Planner.Build(inv, new PlanOptions());
        Assert.Contains("TEMP table", plan.Items.Single(i => i.Name == "session_only").Reason);
    }

    [PgFact]
    public void Row_filters_are_checked_by_the_database_parser()
    {
        using var db = new TempDatabase("rf");
        db.Exec(AwkwardSchema.Ddl);
        var inv = CatalogReader.Read(db.Settings);
        using var conn = PgConnector.Open(db.Settings);
        var v = new LiveRowFilterValidator(conn);
        var customers = inv.FindRelation("public.customers");
        var ok = v.Check(customers, "region = 'eu' AND name IS NOT NULL");
        Assert.Null(ok.Error);
        Assert.Equal(new[] { "region", "name" }, ok.Columns);
        Assert.Equal("((region = 'eu'::text) AND (name IS NOT NULL))", ok.Normalized);
        Assert.Contains("names a column public.customers does not have: column \"regoin\" does not exist", v.Check(customers, "regoin = 'eu'").Error);
        Assert.Contains("not valid SQL", v.Check(customers, "region = = 'eu'").Error);
        Assert.Contains("not a boolean expression", v.Check(customers, "id + 1").Error);
        Assert.Contains("holds a ';'", v.Check(customers, "true; DROP TABLE public.customers").Error);
        Assert.Null(v.Check(customers, "name <> 'a;b'").Error);
        var mixed = v.Check(inv.FindRelation("public.\"dotted.name\""), "\"Value\" <> ''");
        Assert.Equal(new[] { "Value" }, mixed.Columns);
        Assert.Equal(1L, db.Scalar<long>("SELECT count(*) FROM public.customers WHERE false") + 1); // table still there
    }
}

[Collection("postgres")]
public class FailureTests
{
    private static long InSets(TempDatabase db) =>
        db.Scalar<long>("SELECT CASE WHEN to_regclass('pglogical.replication_set_table') IS NULL THEN 0 ELSE (SELECT count(*) FROM pglogical.replication_set_table) END");

    private static TempDatabase ProviderWithNode(string prefix)
    {
        var db = new TempDatabase(prefix);
        db.Exec(AwkwardSchema.Ddl);
        db.Exec("CREATE EXTENSION pglogical");
        db.Exec($"SELECT pglogical.create_node(node_name := 'p', dsn := '{db.Settings.ToLibpq(true)}')");
        return db;
    }

    [PgFact]
    public void Wrong_connection_details_give_one_message_with_the_fix_and_never_the_password()
    {
        var server = PgTest.Server();
        var refused = CliRun.Of("pglogical", "plan", "--connection", $"host=127.0.0.1 port=1 dbname=x user=postgres password=Hunter2Secret");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("connection refused", refused.Err);
        Assert.Contains("fix: check host= and port=", refused.Err);
        Assert.DoesNotContain("Hunter2Secret", refused.Out + refused.Err);

        var noDb = CliRun.Of("pglogical", "apply", "--connection", server.WithDatabase("ops_no_such_db").ToLibpq(true) + " password=Hunter2Secret");
        Assert.Equal(1, noDb.Exit);
        Assert.Contains("database \"ops_no_such_db\" does not exist", noDb.Err);
        Assert.DoesNotContain("Hunter2Secret", noDb.Out + noDb.Err);

        var noRole = CliRun.Of("pglogical", "plan", "--connection", $"postgresql://ops_no_such_role:Hunter2Secret@{server.EffectiveHost}:{server.EffectivePort}/postgres");
        Assert.Equal(1, noRole.Exit);
        Assert.Contains("ops_no_such_role", noRole.Err);
        Assert.DoesNotContain("Hunter2Secret", noRole.Out + noRole.Err);
    }

    [PgFact]
    public void A_database_without_the_extension_is_refused_with_the_fix()
    {
        using var db = new TempDatabase("noext");
        db.Exec(AwkwardSchema.Ddl);
        var r = CliRun.Of("pglogical", "apply", "--connection", db.Settings.ToLibpq(true));
        Assert.Equal(1, r.Exit);
        Assert.Contains("has no pglogical extension", r.Out);
        Assert.Contains("CREATE EXTENSION pglogical", r.Out);
        Assert.Contains("nothing was applied", r.Err);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM pg_extension WHERE extname = 'pglogical'"));
    }

    /// <summary>A plan saved before it was applied is applied once; applied again it has gone stale (its node exists
    /// now): pglogical's error breaks the connection, and the failed statement is still named, with nothing applied.</summary>
    [PgFact]
    public void A_saved_plan_applies_once_and_a_stale_one_names_the_statement_that_failed()
    {
        using var db = new TempDatabase("saved");
        db.Exec(AwkwardSchema.Ddl);
        db.Exec("CREATE EXTENSION pglogical");
        var saved = Path.Combine(Directory.CreateTempSubdirectory("ops-pglogical-saved").FullName, "plan.json");
        var conn = db.Settings.ToLibpq(true);
        var plan = CliRun.Of("pglogical", "plan", "--connection", conn, "--exclude", "public.customers", "--insert-only", "public.events",
            "--create-node", "p", "--node-dsn", db.Settings.Display, "--save", saved, "--json", Path.ChangeExtension(saved, ".out.json"));
        Assert.True(plan.Exit == 0, plan.Out + plan.Err);
        var applied = CliRun.Of("pglogical", "apply", "--plan", saved, "--connection", conn);
        Assert.True(applied.Exit == 0, applied.Out + applied.Err);
        Assert.Contains("a fresh plan now has nothing to do", applied.Out);
        var stale = CliRun.Of("pglogical", "apply", "--plan", saved, "--connection", conn);
        Assert.Equal(1, stale.Exit);
        Assert.Contains("statement 1 of", stale.Err);
        Assert.Contains("(create the pglogical node p) failed: node p already exists; the transaction was rolled back and nothing was applied", stale.Err);
        Directory.Delete(Path.GetDirectoryName(saved)!, true);
    }

    [BarePgFact]
    public void A_server_without_pglogical_in_shared_preload_libraries_is_refused_with_the_fix()
    {
        using var db = new TempDatabase("bare", bare: true);
        db.Exec("CREATE TABLE t (id int PRIMARY KEY)");
        var r = CliRun.Of("pglogical", "apply", "--connection", db.Settings.ToLibpq(true), "--create-node", "p", "--node-dsn", db.Settings.Display);
        Assert.Equal(1, r.Exit);
        Assert.Contains("pglogical is not in shared_preload_libraries", r.Out);
        Assert.Contains("restart PostgreSQL", r.Out);
        Assert.Contains("wal_level is 'replica'", r.Out);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM pg_extension WHERE extname = 'pglogical'"));
    }

    [PgFact]
    public void A_pattern_that_matches_nothing_stops_the_apply()
    {
        using var db = ProviderWithNode("pat");
        var r = CliRun.Of("pglogical", "apply", "--connection", db.Settings.ToLibpq(true), "--exclude", "\"Sales dept\"", "--insert-only", "public.events", "--exclude", "public.customers");
        Assert.Equal(1, r.Exit);
        Assert.Contains("the pattern --exclude \"Sales dept\" matches no table, view or sequence", r.Out);
        Assert.Contains("did you mean \"Sales Dept\"?", r.Out);
        var r2 = CliRun.Of("pglogical", "plan", "--connection", db.Settings.ToLibpq(true), "--include", "nosuch.*");
        Assert.Equal(1, r2.Exit);
        Assert.Contains("the pattern --include nosuch.* matches no table", r2.Out);
        Assert.Contains("check the schema: schemas are \"Sales Dept\", audit, public", r2.Out);
        Assert.Equal(0, InSets(db));
    }

    [PgFact]
    public void A_row_filter_naming_a_missing_column_stops_the_apply()
    {
        using var db = ProviderWithNode("rfm");
        var r = CliRun.Of("pglogical", "apply", "--connection", db.Settings.ToLibpq(true), "--insert-only", "public.events",
            "--row-filter", "public.customers=regoin = 'eu'", "--writes", "public.customers=insert");
        Assert.Equal(1, r.Exit);
        Assert.Contains("the row filter for public.customers (regoin = 'eu') names a column public.customers does not have", r.Out);
        Assert.Contains("fix: use the table's columns: id, region, name, secret", r.Out);
        Assert.Equal(0, InSets(db));
    }

    [PgFact]
    public void A_statement_that_fails_mid_apply_rolls_back_everything()
    {
        using var db = ProviderWithNode("atom");
        var options = new PlanOptions { Exclude = { NamePattern.Parse("public.customers") } };
        var plan = PglogicalService.Plan(db.Settings, options);
        Assert.True(plan.IsValid);
        var last = plan.Additions.Last(i => !i.IsSequence);
        // Behind the plan's back, another session adds the plan's last table: its statement will fail.
        db.Exec($"SELECT pglogical.replication_set_add_table('{last.Set}', {Sql.SqlText.RegClass(last.Schema, last.Name)})");
        var e = Assert.Throws<PglogicalException>(() => PglogicalService.Apply(db.Settings, plan, dryRun: false));
        Assert.Equal("apply", e.Code);
        Assert.Contains("the transaction was rolled back and nothing was applied", e.Problem);
        Assert.Contains($"add table {last.QualifiedName}", e.Problem);
        Assert.Equal(1, InSets(db)); // only the sabotage; none of the plan's earlier statements stuck
        // planning again picks up where it is, and applies cleanly
        var again = PglogicalService.Plan(db.Settings, options);
        var ok = PglogicalService.Apply(db.Settings, again, dryRun: false);
        Assert.True(ok.VerifiedNoOp, ok.Message);
    }
}
