using Ops.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Pglogical.Tests;

/// <summary>examples/pglogical, as the README's tour runs it: the seed's spreadsheet as a rules file, checked against a
/// saved inventory (no database needed).</summary>
public class ExampleTests(ITestOutputHelper output)
{
    private static string Example(string name) => Path.Combine(ModelTests.RepoRoot(), "examples", "pglogical", name);

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
}
