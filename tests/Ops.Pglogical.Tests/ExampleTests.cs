using Ops.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Pglogical.Tests;

/// <summary>examples/pglogical, as the README's tour runs it: the seed's spreadsheet as a rules file, checked against a
/// saved inventory (no database needed).</summary>
public class ExampleTests(ITestOutputHelper output)
{
    private static string Example(string name) => TestPaths.Example("pglogical", name);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e);
        output.WriteLine(o + e.ToString());
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void The_rules_files_row_filter_lets_the_subscriber_differ()
    {
        var (code, stdout, _) = Run("pglogical", "check", "--inventory", Example("inventory.json"), "--rules", Example("rules.csv"), "--exclude", "ref");
        Assert.Equal(12, code);
        Assert.Contains("7 table(s) to add (default 6, default_insert_only 1), 5 sequence(s) to add, 0 already replicated, 2 excluded", stdout);
        Assert.Contains("check FAILED", stdout);
        Assert.Contains("table sales.customers has row filter region = 'eu'", stdout);
        Assert.Contains("fix:", stdout);
    }

    [Fact]
    public void Without_the_row_filter_the_plan_passes_and_audit_events_is_insert_only()
    {
        var rules = Path.Combine(Directory.CreateTempSubdirectory("ops-pglogical-example").FullName, "rules.csv");
        File.WriteAllLines(rules, File.ReadAllLines(Example("rules.csv")).Where(l => !l.StartsWith("sales,customers,")));
        var (code, stdout, _) = Run("pglogical", "check", "--inventory", Example("inventory.json"), "--rules", rules, "--exclude", "ref");
        Assert.Equal(0, code);
        (code, stdout, _) = Run("pglogical", "plan", "--inventory", Example("inventory.json"), "--rules", rules, "--exclude", "ref", "--sql", "-");
        Assert.Equal(0, code);
        Assert.Contains("'default_insert_only'", stdout);
        Assert.Contains("'audit.events'", stdout);
        Directory.Delete(Path.GetDirectoryName(rules)!, true);
    }

    /// <summary>As every domain's check: <c>-json -</c> the report as JSON on stdout (the text to stderr) and <c>-junit
    /// FILE</c> a failing test case per divergence, the exit code the same.</summary>
    [Fact]
    public void The_check_writes_the_shared_JSON_and_JUnit_reports()
    {
        var junit = Path.Combine(Directory.CreateTempSubdirectory("ops-pglogical-junit").FullName, "check.xml");
        var (code, stdout, stderr) = Run("pglogical", "check", "--inventory", Example("inventory.json"), "--rules", Example("rules.csv"), "--exclude", "ref",
            "-json", "-", "-junit", junit);
        Assert.Equal(12, code);
        Assert.Contains("check FAILED", stderr);
        var json = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("shop", json.GetProperty("database").GetString());
        Assert.False(json.GetProperty("passed").GetBoolean());
        var divergence = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal("SubscriberDiffers", divergence.GetProperty("code").GetString());
        Assert.Equal("sales.customers", divergence.GetProperty("subject").GetString());
        Assert.Equal("TablesMatch", divergence.GetProperty("property").GetString());
        var xml = System.Xml.Linq.XDocument.Load(junit);
        Assert.Contains(xml.Descendants("testcase"), t => t.Attribute("name")!.Value == "SubscriberDiffers sales.customers" && t.Element("failure")?.Attribute("type")?.Value == "TablesMatch");
        Directory.Delete(Path.GetDirectoryName(junit)!, true);
    }

    /// <summary>A dry run of the apply needs the live database, so a saved inventory is refused as a usage error.</summary>
    [Fact]
    public void Apply_takes_no_saved_inventory_even_as_a_dry_run()
    {
        var (code, _, stderr) = Run("pglogical", "apply", "--inventory", Example("inventory.json"), "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("ops pglogical apply: --inventory cannot be used with apply", stderr);
    }

    /// <summary>A plan saved by one command is checked by another as it was made: the same verdict and text, and no
    /// password in the file.</summary>
    [Fact]
    public void A_saved_plan_is_checked_as_it_was_made_and_keeps_no_password()
    {
        var dir = Directory.CreateTempSubdirectory("ops-pglogical-saved").FullName;
        var saved = Path.Combine(dir, "plan.json");
        var args = new[] { "--inventory", Example("inventory.json"), "--rules", Example("rules.csv"), "--exclude", "ref" };
        var (code, _, _) = Run(new[] { "pglogical", "plan", "--save", saved, "--json", Path.Combine(dir, "p.json") }.Concat(args)
            .Concat(new[] { "--create-node", "p2", "--node-dsn", "host=db1 dbname=shop password=Hunter2Secret" }).ToArray());
        Assert.Equal(0, code);
        Assert.DoesNotContain("Hunter2Secret", File.ReadAllText(saved));
        var (fromFile, fromFileOut, _) = Run("pglogical", "check", "--plan", saved);
        var (again, againOut, _) = Run(new[] { "pglogical", "check" }.Concat(args).ToArray());
        Assert.Equal(12, fromFile);
        Assert.Equal(again, fromFile);
        static string NoTimes(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\d+ ms\b", "N ms");
        Assert.Equal(NoTimes(againOut), NoTimes(fromFileOut));

        var plan = Ops.Pglogical.Output.PlanFile.Load(File.ReadAllText(saved), saved);
        Assert.Equal("shop", plan.Inventory.Database);
        Assert.Contains("password=********", plan.Options.NodeDsn);
        Assert.Equal(2, Run("pglogical", "check", "--plan", Path.Combine(dir, "nosuch.json"), "--bogus").Code);
        Directory.Delete(dir, true);
    }
}
