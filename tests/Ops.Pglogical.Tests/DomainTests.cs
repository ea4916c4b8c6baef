using Ops.Domain;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>pglogical as a domain of the shared contract, on the worked example's saved inventory (no database): the
/// model's divergence is a finding in the plan's words, a clean plan is one step of SQL in one transaction that a saved
/// inventory cannot apply.</summary>
public class DomainTests
{
    private static string Example(string name) => TestPaths.Example("pglogical", name);

    private static PglogicalDomain Saved() => new(PlanText.InventoryFromJson(File.ReadAllText(Example("inventory.json"))));

    [Fact]
    public async Task The_row_filter_of_the_example_is_a_divergence_finding()
    {
        var domain = Saved();
        var options = domain.Read(Example("rules.csv"));
        options.Exclude.Add(NamePattern.Parse("ref"));
        var report = await DomainPipeline.CheckAsync(domain, options);
        Assert.False(report.Passed);
        Assert.Equal(12, report.ExitCode);
        var f = report.Findings.First(x => x.IsError);
        Assert.Equal("SubscriberDiffers", f.Code);
        Assert.Contains("table sales.customers has row filter region = 'eu'", f.Message);
        Assert.NotNull(f.Property);
        Assert.NotNull(f.Fix);
        Assert.NotEmpty(f.Trace);
        Assert.Equal(report.ModelCheck.Divergences.Count, report.Findings.Count(x => x.Code == "SubscriberDiffers"));
        Assert.Contains("checked ", Assert.Single(report.ModelRuns));
        Assert.Empty(report.Plan);
        // The text is the one `ops pglogical check` published: the plan's summary and the model check's verdict.
        Assert.StartsWith("7 table(s) to add", report.ToText());
        Assert.Contains("check FAILED: the plan does not keep the subscriber equal to the provider (1 way(s))", report.ToText());
    }

    [Fact]
    public async Task Without_the_row_filter_the_plan_is_one_transaction_a_saved_inventory_cannot_apply()
    {
        var rules = Path.Combine(Directory.CreateTempSubdirectory("ops-pglogical-domain").FullName, "rules.csv");
        File.WriteAllLines(rules, File.ReadAllLines(Example("rules.csv")).Where(l => !l.StartsWith("sales,customers,")));
        var domain = Saved();
        var options = domain.Read(rules);
        options.Exclude.Add(NamePattern.Parse("ref"));
        var report = await DomainPipeline.CheckAsync(domain, options);
        Assert.True(report.Passed);
        var step = Assert.Single(report.Plan);
        Assert.Equal("ApplyInOneTransaction", step.Kind);
        Assert.Contains("statement(s) in one transaction", step.Description);
        Assert.False(step.Runnable);
        var applied = await DomainPipeline.ExecuteAsync(domain, report, report.Plan.ToHashSet());
        Assert.Empty(applied.Applied);
        Assert.Single(applied.Skipped);
        Directory.Delete(Path.GetDirectoryName(rules)!, true);
    }

    [Fact]
    public void A_bad_rules_file_is_a_config_exception()
    {
        var empty = Path.GetTempFileName();
        try
        {
            Assert.Contains("is empty", Assert.Throws<ConfigException>(() => Saved().Read(empty)).Message);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    /// <summary>On a live provider the plan's one step runs the SQL in one transaction, and a second check of the same
    /// rules plans nothing.</summary>
    [PgFact]
    public async Task On_a_live_provider_the_step_applies_and_a_second_check_plans_nothing()
    {
        using var db = new TempDatabase("domain");
        db.Exec(AwkwardSchema.Ddl);
        db.Exec("CREATE EXTENSION pglogical");
        db.Exec($"SELECT pglogical.create_node(node_name := 'p', dsn := '{db.Settings.ToLibpq(true)}')");
        var options = new PlanOptions { Exclude = { NamePattern.Parse("public.customers") } };
        var domain = new PglogicalDomain(db.Settings);
        // First the model's divergence (public.events has no key and its UPDATEs would not reach the subscriber), then
        // its fix applied: the table declared insert-only.
        var refused = await domain.ApplyAsync(options);
        Assert.Contains(refused.Check.Findings, f => f.Code == "SubscriberDiffers" && f.Subject == "public.events" && f.Fix.Contains("--insert-only public.events"));
        Assert.Empty(refused.Applied);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table"));
        options.Rules.Add(new TableRule { Pattern = NamePattern.Parse("public.events"), Writes = new HashSet<string> { "INSERT" }, Source = "test" });
        var applied = await domain.ApplyAsync(options);
        Assert.True(applied.Check.Passed, applied.Check.ToText());
        var step = Assert.Single(applied.Check.Plan);
        Assert.True(step.Runnable);
        Assert.Equal(new[] { step.ToString() }, applied.Applied);
        Assert.True(db.Scalar<long>("SELECT count(*) FROM pglogical.replication_set_table") > 0);

        var again = await domain.CheckAsync(options);
        Assert.True(again.Passed);
        Assert.Empty(again.Plan);
        Assert.False(again.Replication.HasChanges);
        Assert.Contains("check passed", again.ToText());
    }
}
