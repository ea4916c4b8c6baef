using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Planning;
using Ops.Pglogical.Sql;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>Builds inventories by hand, as the catalog reader would produce them.</summary>
internal static class Inv
{
    public static DatabaseInventory Database(params RelationInfo[] relations)
    {
        var inv = new DatabaseInventory
        {
            Connection = "host=test dbname=app", Database = "app", ServerVersion = "15.18", ServerVersionNum = 150018,
            WalLevel = "logical", SharedPreloadLibraries = "pglogical", PglogicalAvailable = true, PglogicalVersion = "2.4.2",
            MaxReplicationSlots = 10, MaxWalSenders = 10, MaxWorkerProcesses = 16, NodeName = "provider",
            ReplicationSets = Planner.NodeDefaultSets.ToList(),
            Relations = relations.ToList(),
            Schemas = relations.Select(r => r.Schema).Distinct().ToList(),
        };
        return inv;
    }

    public static RelationInfo Table(string schema, string name, params string[] pk) => new()
    {
        Schema = schema, Name = name, Kind = RelationKind.Table, PrimaryKey = pk.ToList(), HasRows = true,
        Columns = pk.Concat(new[] { "v" }).Select((c, i) => new ColumnInfo { Name = c, Number = i + 1, Type = "text", NotNull = pk.Contains(c) }).ToList(),
    };

    public static RelationInfo Partitioned(string schema, string name, params string[] pk)
    {
        var t = Table(schema, name, pk);
        t.Kind = RelationKind.PartitionedTable;
        t.HasRows = null;
        return t;
    }

    public static RelationInfo PartitionOf(RelationInfo parent, string name)
    {
        var t = Table(parent.Schema, name, parent.PrimaryKey.ToArray());
        t.IsPartition = true;
        t.Parent = parent.QualifiedName;
        return t;
    }
}

public class PlannerTests
{
    private static PlanItem Item(ReplicationPlan p, string schema, string name) =>
        p.Items.Single(i => i.Schema == schema && i.Name == name);

    [Fact]
    public void Keys_decide_the_set_and_excluded_kinds_carry_reasons()
    {
        var unlogged = Inv.Table("public", "scratch", "id");
        unlogged.Persistence = Persistence.Unlogged;
        var temp = Inv.Table("pg_temp_3", "tmp", "id");
        temp.Persistence = Persistence.Temporary;
        var view = new RelationInfo { Schema = "public", Name = "v", Kind = RelationKind.View };
        var riIndex = Inv.Table("public", "ri");
        riIndex.ReplicaIdentity = ReplicaIdentity.Index;
        riIndex.ReplicaIdentityIndex = new List<string> { "v" };
        var full = Inv.Table("public", "full_ri");
        full.ReplicaIdentity = ReplicaIdentity.Full;
        var plan = Planner.Build(Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("public", "events"), unlogged, temp, view, riIndex, full), new PlanOptions());
        Assert.True(plan.IsValid, string.Join("\n", plan.Problems));
        Assert.Equal(("default", PlanAction.Add), (Item(plan, "public", "orders").Set, Item(plan, "public", "orders").Action));
        Assert.Equal("default_insert_only", Item(plan, "public", "events").Set);
        Assert.Equal("default", Item(plan, "public", "ri").Set);
        Assert.Equal("default_insert_only", Item(plan, "public", "full_ri").Set);
        Assert.Contains("REPLICA IDENTITY FULL: pglogical accepts only", Item(plan, "public", "full_ri").Reason);
        Assert.Contains("UNLOGGED", Item(plan, "public", "scratch").Reason);
        Assert.Contains("TEMP", Item(plan, "pg_temp_3", "tmp").Reason);
        Assert.Contains("view", Item(plan, "public", "v").Reason);
        Assert.Equal(PlanAction.Exclude, Item(plan, "public", "v").Action);
    }

    [Fact]
    public void Strict_turns_a_table_without_primary_key_into_an_error_with_the_fix()
    {
        var plan = Planner.Build(Inv.Database(Inv.Table("public", "events")), new PlanOptions { Strict = true });
        var p = Assert.Single(plan.Problems);
        Assert.Equal("no-key", p.Code);
        Assert.Contains("public.events has no primary key", p.Problem);
        Assert.Contains("ADD PRIMARY KEY", p.Fix);
    }

    [Fact]
    public void Partitions_are_added_leaf_by_leaf_never_the_parent()
    {
        var parent = Inv.Partitioned("public", "m", "id");
        var mid = Inv.PartitionOf(parent, "m_2024");
        mid.Kind = RelationKind.PartitionedTable;
        var leaf1 = Inv.PartitionOf(mid, "m_2024_01");
        var leaf2 = Inv.PartitionOf(parent, "m_2025");
        var plan = Planner.Build(Inv.Database(parent, mid, leaf1, leaf2), new PlanOptions());
        Assert.Equal(PlanAction.Exclude, Item(plan, "public", "m").Action);
        Assert.True(Item(plan, "public", "m").Claimed);
        Assert.Contains("2 leaf partition(s)", Item(plan, "public", "m").Reason);
        Assert.Equal(PlanAction.Exclude, Item(plan, "public", "m_2024").Action);
        Assert.Equal(new[] { "public.m_2024_01", "public.m_2025" }, plan.Additions.Select(a => a.QualifiedName).OrderBy(x => x));
        Assert.DoesNotContain("'public.m'::regclass", SqlGenerator.Script(plan));
    }

    [Fact]
    public void Excluding_a_partitioned_table_excludes_its_partitions_and_patterns_that_match_nothing_are_errors()
    {
        var parent = Inv.Partitioned("public", "m", "id");
        var plan = Planner.Build(Inv.Database(parent, Inv.PartitionOf(parent, "m_1"), Inv.Table("public", "Orders", "id")),
            new PlanOptions { Exclude = { NamePattern.Parse("public.m"), NamePattern.Parse("public.orders"), NamePattern.Parse("nosuch") } });
        Assert.Equal("matches --exclude public.m", Item(plan, "public", "m_1").Reason);
        Assert.Equal(2, plan.Problems.Count);
        var caseSlip = plan.Problems.Single(p => p.Object == "public.orders");
        Assert.Contains("matches no table", caseSlip.Problem);
        Assert.Contains("public.\"Orders\"", caseSlip.Fix);
        var noSchema = plan.Problems.Single(p => p.Object == "nosuch");
        Assert.Contains("schemas are public", noSchema.Fix);
    }

    [Fact]
    public void Column_lists_must_exist_and_keep_the_replica_identity()
    {
        var t = Inv.Table("public", "c", "id");
        var plan = Planner.Build(Inv.Database(t), new PlanOptions
        {
            Rules = { new TableRule { Pattern = NamePattern.Parse("public.c"), Columns = new List<string> { "v", "nope" } } },
        });
        Assert.Equal(2, plan.Problems.Count);
        Assert.Contains(plan.Problems, p => p.Problem.Contains("does not have") && p.Problem.Contains("nope"));
        Assert.Contains(plan.Problems, p => p.Problem.Contains("leaves out its replica identity column(s) id"));
    }

    [Fact]
    public void A_rule_naming_an_unknown_set_or_a_keyless_table_in_default_is_an_error()
    {
        var plan = Planner.Build(Inv.Database(Inv.Table("public", "a", "id"), Inv.Table("public", "nokey")), new PlanOptions
        {
            Rules =
            {
                new TableRule { Pattern = NamePattern.Parse("public.a"), Set = "archive" },
                new TableRule { Pattern = NamePattern.Parse("public.nokey"), Set = "default" },
            },
        });
        Assert.Contains(plan.Problems, p => p.Code == "unknown-set" && p.Fix.Contains("--create-set archive"));
        Assert.Contains(plan.Problems, p => p.Code == "no-key" && p.Problem.Contains("cannot join replication set default"));
        var created = Planner.Build(Inv.Database(Inv.Table("public", "a", "id")), new PlanOptions
        {
            Rules = { new TableRule { Pattern = NamePattern.Parse("public.a"), Set = "archive" } },
            CreateSets = { new SetDefinition { Name = "archive", Operations = new HashSet<string> { "INSERT" } } },
        });
        Assert.True(created.IsValid);
        Assert.Contains("pglogical.create_replication_set(set_name := 'archive', replicate_insert := true, replicate_update := false", SqlGenerator.Script(created));
    }

    [Fact]
    public void Tables_already_in_their_set_are_skipped_so_a_second_run_plans_nothing()
    {
        var t = Inv.Table("public", "orders", "id");
        t.Sets.Add(new SetMembership { Set = "default" });
        var other = Inv.Table("public", "moved", "id");
        other.Sets.Add(new SetMembership { Set = "default_insert_only" });
        var plan = Planner.Build(Inv.Database(t, other), new PlanOptions());
        Assert.Equal(PlanAction.Present, Item(plan, "public", "orders").Action);
        Assert.Equal(PlanAction.Keep, Item(plan, "public", "moved").Action);
        Assert.Contains("left as is", Item(plan, "public", "moved").Reason);
        Assert.False(plan.HasChanges);
        Assert.Contains("Nothing to do", SqlGenerator.Script(plan));
    }

    [Fact]
    public void Sequences_follow_their_table_and_unlogged_ones_are_excluded()
    {
        var inv = Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("audit", "log", "id"));
        inv.Sequences.Add(new SequenceInfo { Schema = "public", Name = "orders_id_seq", OwnedByTable = "public.orders", OwnedByColumn = "id", OwnerKind = "serial" });
        inv.Sequences.Add(new SequenceInfo { Schema = "audit", Name = "log_id_seq", OwnedByTable = "audit.log", OwnedByColumn = "id", OwnerKind = "identity" });
        inv.Sequences.Add(new SequenceInfo { Schema = "public", Name = "u", Persistence = Persistence.Unlogged });
        var plan = Planner.Build(inv, new PlanOptions { Exclude = { NamePattern.Parse("audit") } });
        Assert.Equal(PlanAction.Add, Item(plan, "public", "orders_id_seq").Action);
        Assert.Equal(PlanAction.Exclude, Item(plan, "audit", "log_id_seq").Action);
        Assert.Contains("UNLOGGED sequence", Item(plan, "public", "u").Reason);
        Assert.Contains("pglogical.replication_set_add_sequence(set_name := 'default', relation := 'public.orders_id_seq'::regclass, synchronize_data := true);", SqlGenerator.Script(plan));
    }

    [Fact]
    public void Server_settings_that_stop_pglogical_are_reported_with_the_fix()
    {
        var inv = Inv.Database(Inv.Table("public", "a", "id"));
        inv.SharedPreloadLibraries = "pg_stat_statements";
        inv.WalLevel = "replica";
        inv.PglogicalVersion = null;
        inv.NodeName = null;
        inv.ReplicationSets.Clear();
        var plan = Planner.Build(inv, new PlanOptions());
        Assert.Contains(plan.Problems, p => p.Code == "shared-preload-libraries" && p.Fix.Contains("shared_preload_libraries = 'pg_stat_statements, pglogical'"));
        Assert.Contains(plan.Problems, p => p.Code == "wal-level");
        Assert.Contains(plan.Problems, p => p.Code == "no-extension" && p.Fix.Contains("CREATE EXTENSION pglogical"));
    }

    [Fact]
    public void The_script_is_one_transaction_with_named_arguments_and_a_header()
    {
        var plan = Planner.Build(Inv.Database(Inv.Table("Sales Dept", "Order \"Items\"", "id"), Inv.Table("public", "v1.2", "id")), new PlanOptions
        {
            Rules = { new TableRule { Pattern = NamePattern.Parse("\"Sales Dept\".*"), RowFilter = "v <> 'it''s'", Columns = new List<string> { "id", "v" } } },
        });
        var sql = SqlGenerator.Script(plan);
        Assert.Contains("BEGIN;", sql);
        Assert.EndsWith("COMMIT;" + Environment.NewLine, sql);
        Assert.Contains("relation := '\"Sales Dept\".\"Order \"\"Items\"\"\"'::regclass", sql);
        Assert.Contains("columns := ARRAY['id', 'v']::text[], row_filter := 'v <> ''it''''s'''", sql);
        Assert.Contains("relation := 'public.\"v1.2\"'::regclass", sql);
        Assert.StartsWith("-- ops pglogical plan", sql);
    }
}

public class ModelTests
{
    private static ModelCheckReport Check(DatabaseInventory inv, PlanOptions options = null)
    {
        var plan = Planner.Build(inv, options ?? new PlanOptions());
        Assert.True(plan.IsValid, string.Join("\n", plan.Problems));
        return ReplicationModel.Check(plan);
    }

    [Fact]
    public void A_table_without_primary_key_whose_rows_are_updated_is_a_counterexample_in_plain_words()
    {
        var events = Inv.Table("public", "events");
        events.Updates = 12;
        var report = Check(Inv.Database(Inv.Table("public", "orders", "id"), events));
        var d = Assert.Single(report.Divergences);
        Assert.Equal("public.events", d.Object);
        Assert.StartsWith("table public.events has no primary key and is in set default_insert_only; an UPDATE on the provider is not replicated, so the subscriber differs", d.Problem);
        Assert.Contains("pg_stat_user_tables counts 12 UPDATE(s)", d.Problem);
        Assert.Contains("--insert-only public.events", d.Fix);
        Assert.Contains(d.Steps, s => s.StartsWith("UPDATE on public.events") && s.Contains("not sent, set default_insert_only replicates only INSERT, TRUNCATE"));
    }

    [Fact]
    public void Declaring_the_table_insert_only_makes_the_check_pass()
    {
        var report = Check(Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("public", "events")),
            new PlanOptions { Rules = { new TableRule { Pattern = NamePattern.Parse("public.events"), Writes = new HashSet<string> { "INSERT" } } } });
        Assert.True(report.Passed, string.Join("\n", report.Divergences));
        Assert.Equal(2, report.Tables);
    }

    [Fact]
    public void A_partitioned_parent_in_a_set_without_its_partitions_is_a_counterexample()
    {
        var parent = Inv.Partitioned("public", "m", "id");
        parent.Sets.Add(new SetMembership { Set = "default" }); // added the naive way, by name
        var p1 = Inv.PartitionOf(parent, "m_1");
        var p2 = Inv.PartitionOf(parent, "m_2");
        var report = Check(Inv.Database(parent, p1, p2), new PlanOptions { Exclude = { NamePattern.Parse("public.m_2") } });
        var d = Assert.Single(report.Divergences);
        Assert.Equal("public.m", d.Object);
        Assert.Contains("partition public.m_2 of public.m is in no replication set", d.Problem);
        Assert.Contains("adding a partitioned table replicates nothing of its partitions", d.Problem);
    }

    [Fact]
    public void Many_tables_alike_are_checked_once_and_named_together()
    {
        var tables = Enumerable.Range(1, 40).Select(i => Inv.Table("public", $"log{i:D2}")).ToArray();
        var report = Check(Inv.Database(tables));
        Assert.Equal(1, report.Groups);
        var d = Assert.Single(report.Divergences);
        Assert.Equal(39, d.LikeIt.Count);
        Assert.True(report.DurationMs < 10_000);
    }

    [Fact]
    public void A_row_filter_on_columns_outside_the_replica_identity_loses_deletes()
    {
        var c = Inv.Table("public", "customers", "id");
        var rule = new TableRule { Pattern = NamePattern.Parse("public.customers"), RowFilter = "v = 'eu'", Writes = new HashSet<string> { "INSERT", "DELETE" } };
        var inv = Inv.Database(c);
        var plan = Planner.Build(inv, new PlanOptions { Rules = { rule } });
        plan.Items.Single(i => i.Name == "customers").RowFilterColumns = new List<string> { "v" };
        var d = Assert.Single(ReplicationModel.Check(plan).Divergences);
        Assert.Contains("a DELETE sends only the replica identity (id)", d.Problem);
        Assert.Contains("REPLICA IDENTITY USING INDEX", d.Fix);

        // the filtered column in the replica identity index: deletes carry it, the check passes
        c.ReplicaIdentity = ReplicaIdentity.Index;
        c.ReplicaIdentityIndex = new List<string> { "id", "v" };
        plan = Planner.Build(inv, new PlanOptions { Rules = { rule } });
        plan.Items.Single(i => i.Name == "customers").RowFilterColumns = new List<string> { "v" };
        Assert.True(ReplicationModel.Check(plan).Passed);
    }

    [Fact]
    public void Replica_identity_full_on_a_table_with_a_primary_key_is_explained()
    {
        var t = Inv.Table("public", "orders", "id");
        t.ReplicaIdentity = ReplicaIdentity.Full;
        var d = Assert.Single(Check(Inv.Database(t)).Divergences);
        Assert.Contains("has REPLICA IDENTITY FULL, which pglogical does not accept for UPDATE and DELETE", d.Problem);
        Assert.Contains("REPLICA IDENTITY DEFAULT", d.Fix);
    }

    [Fact]
    public void Skipping_the_initial_copy_of_a_table_with_rows_is_a_counterexample()
    {
        var d = Assert.Single(Check(Inv.Database(Inv.Table("public", "orders", "id")), new PlanOptions { SynchronizeData = false, IncludeSequences = false }).Divergences);
        Assert.Contains("synchronize_data := false", d.Problem);
    }

    [Fact]
    public void A_sequence_of_a_replicated_table_left_out_is_a_counterexample()
    {
        var inv = Inv.Database(Inv.Table("public", "orders", "id"));
        inv.Sequences.Add(new SequenceInfo { Schema = "public", Name = "orders_id_seq", OwnedByTable = "public.orders", OwnedByColumn = "id", OwnerKind = "serial", OwnedByDisplay = "public.orders.id" });
        var d = Assert.Single(Check(inv, new PlanOptions { IncludeSequences = false }).Divergences);
        Assert.Equal("SequencesAhead", d.Invariant);
        Assert.Contains("sequence public.orders_id_seq (serial of public.orders.id) is not replicated", d.Problem);
        Assert.True(Check(inv).Passed);
    }

    [Fact]
    public void A_kept_model_is_written_as_files_that_check_as_the_bound_values_did()
    {
        var plan = Planner.Build(Inv.Database(Inv.Table("public", "orders", "id"), Inv.Table("public", "events")),
            new PlanOptions { SynchronizeData = false, IncludeSequences = false });
        var dir = Path.Combine(Path.GetTempPath(), "ops-pglogical-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var report = ReplicationModel.Check(plan, dir);
            Assert.Equal(dir, report.ModelDirectory);
            Assert.Equal(ReplicationModel.SpecText(), File.ReadAllText(Path.Combine(dir, "pglogical_replication.tla")));
            var kept = Directory.GetFiles(dir, "MC_*.tla").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(report.Groups, kept.Count);
            var results = kept.Select(f => Ops.Tla.Checking.ModelChecker.Check(f, new Ops.Tla.Checking.CheckOptions { CheckDeadlock = false })).ToList();
            Assert.Equal(report.StatesGenerated, results.Sum(r => r.StatesGenerated));
            Assert.Equal(report.DistinctStates, results.Sum(r => r.DistinctStates));
            Assert.Equal(report.Divergences.Count, results.Count(r => r.Outcome == Ops.Tla.Checking.CheckOutcome.SafetyFailure));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_spec_in_the_repository_checks_with_its_example_binding()
    {
        var spec = TestPaths.Repo("specs", "ops", "pglogical_replication.tla");
        var result = Ops.Tla.Checking.ModelChecker.Check(spec, new Ops.Tla.Checking.CheckOptions { CheckDeadlock = false });
        Assert.Equal(Ops.Tla.Checking.CheckOutcome.Success, result.Outcome);
        Assert.True(result.DistinctStates > 100);
        Assert.Equal(File.ReadAllText(spec), ReplicationModel.SpecText());
    }
}

public class CliTests
{
    [Fact]
    public void Plan_and_check_work_offline_from_a_saved_inventory()
    {
        var events = Inv.Table("public", "events");
        var inv = Inv.Database(Inv.Table("Sales Dept", "Order \"Items\"", "id"), events);
        var path = Path.Combine(Path.GetTempPath(), $"ops-inv-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Ops.Pglogical.Output.PlanText.ToJson(inv));
        try
        {
            var plan = CliRun.Of("pglogical", "plan", "--inventory", path, "--sql", "-");
            Assert.Equal(0, plan.Exit);
            Assert.Contains("relation := '\"Sales Dept\".\"Order \"\"Items\"\"\"'::regclass", plan.Out);
            var check = CliRun.Of("pglogical", "check", "--inventory", path);
            Assert.Equal(12, check.Exit);
            Assert.Contains("table public.events has no primary key", check.Out);
            var ok = CliRun.Of("pglogical", "check", "--inventory", path, "--insert-only", "public.events");
            Assert.Equal(0, ok.Exit);
            Assert.Contains("check passed", ok.Out);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--row-filter public.t", "ops pglogical plan: --row-filter 'public.t' has no '='")]
    [InlineData("--writes public.t=upsert", "ops pglogical plan: 'upsert' in --writes is not an operation")]
    [InlineData("--columns public.t=a,,b", "has an empty name")]
    [InlineData("--model-ops 9", "ops pglogical plan: --model-ops '9' is not a number from 1 to 8")]
    public void A_bad_value_exits_2_and_says_what_to_write(string args, string expected)
    {
        var r = CliRun.Of(new[] { "pglogical", "plan" }.Concat(args.Split(' ')).ToArray());
        Assert.Equal(2, r.Exit);
        Assert.Contains(expected, r.Err);
        Assert.Contains("fix:", r.Err);
        Assert.Contains("usage: ops pglogical plan [options]", r.Err);
    }

    /// <summary>An option pglogical does not have, or one without its value, is System.CommandLine's error, with the
    /// usage line and pglogical's usage exit code.</summary>
    [Theory]
    [InlineData("--bogus", "ops pglogical plan: Unrecognized command or argument '--bogus'.")]
    [InlineData("--set", "ops pglogical plan: Required argument missing for option: '--set'.")]
    [InlineData("--exlude ref", "--exlude: did you mean --exclude?")]
    public void A_bad_option_is_the_parsers_error_and_exits_2(string args, string expected)
    {
        var r = CliRun.Of(new[] { "pglogical", "plan" }.Concat(args.Split(' ')).ToArray());
        Assert.Equal(2, r.Exit);
        Assert.Contains(expected, r.Err);
        Assert.Contains("usage: ops pglogical plan [options]", r.Err);
    }

    /// <summary>Among rules naming the same table the later wins, whichever options give them.</summary>
    [Fact]
    public void Rules_apply_in_the_order_given_across_options()
    {
        var events = Inv.Table("public", "events");
        var path = Path.Combine(Path.GetTempPath(), $"ops-inv-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Ops.Pglogical.Output.PlanText.ToJson(Inv.Database(events)));
        try
        {
            Assert.Equal(12, CliRun.Of("pglogical", "check", "--inventory", path, "--insert-only", "public.events", "--writes", "public.events=insert,update").Exit);
            Assert.Equal(0, CliRun.Of("pglogical", "check", "--inventory", path, "--writes", "public.events=insert,update", "--insert-only", "public.events").Exit);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Apply_refuses_a_saved_inventory()
    {
        var r = CliRun.Of("pglogical", "apply", "--inventory", "x.json");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--inventory cannot be used with apply", r.Err);
    }
}
