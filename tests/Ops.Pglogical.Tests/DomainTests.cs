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
    private static string Example(string name) => Path.Combine(ModelTests.RepoRoot(), "examples", "pglogical", name);

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
        Assert.Contains("ERROR [SubscriberDiffers]", report.ToText());
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
}
