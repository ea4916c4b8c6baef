using Ops.Pglogical.Connection;
using Ops.Pglogical.Planning;
using Ops.Tla;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>The library's messages name options in the words of the front end that shows them: <c>--exclude</c> for
/// <c>ops pglogical</c>, <c>-Exclude</c> for the cmdlets (<see cref="HostTerms"/>).</summary>
public class HostTermsTests
{
    [Fact]
    public void Plan_reasons_and_fixes_name_PowerShell_parameters_in_PowerShell()
    {
        var options = () => new PlanOptions { Exclude = { NamePattern.Parse("public.audit"), NamePattern.Parse("nosuch") }, Strict = true };
        var inventory = () => Inv.Database(Inv.Table("public", "audit", "id"), Inv.Table("public", "events"));

        var cli = Planner.Build(inventory(), options());
        Assert.Equal("matches --exclude public.audit", cli.Items.Single(i => i.Name == "audit").Reason);

        using (HostTerms.Use(CommandHost.PowerShell))
        {
            var ps = Planner.Build(inventory(), options());
            Assert.Equal("matches -Exclude public.audit", ps.Items.Single(i => i.Name == "audit").Reason);
            var all = string.Join("\n", ps.Problems.Select(p => p.Problem + " " + p.Fix));
            Assert.Contains("the pattern -Exclude nosuch matches no table", all);
            Assert.Contains("and -Strict forbids", all);
            Assert.Contains("drop -Strict", all);
            Assert.DoesNotContain("--", all);
        }
    }

    [Fact]
    public void A_divergence_fix_names_the_InsertOnly_and_Writes_parameters_in_PowerShell()
    {
        var events = Inv.Table("public", "events");
        events.Updates = 3;
        using (HostTerms.Use(CommandHost.PowerShell))
        {
            var plan = Planner.Build(Inv.Database(Inv.Table("public", "orders", "id"), events), new PlanOptions());
            var d = Assert.Single(Model.ReplicationModel.Check(plan).Divergences);
            Assert.Contains("-InsertOnly public.events", d.Fix);
            Assert.DoesNotContain("--", d.Fix);
        }
    }

    [Fact]
    public void A_connection_failure_says_to_fix_Connection_in_PowerShell()
    {
        var settings = PgConnectionSettings.Parse("host=127.0.0.1 port=1 dbname=app user=ops", null);
        var refused = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        Assert.Contains("in --connection", PgConnector.Explain(refused, settings).Fix);
        using (HostTerms.Use(CommandHost.PowerShell))
            Assert.Contains("in -Connection", PgConnector.Explain(refused, settings).Fix);
    }

    [Fact]
    public void The_terms_flow_into_threads_the_scope_starts_and_end_with_it()
    {
        string seen = null;
        using (HostTerms.Use(CommandHost.PowerShell))
        {
            var t = new Thread(() => seen = HostTerms.Say("--x", "-X"));
            t.Start();
            t.Join();
        }
        Assert.Equal("-X", seen);
        Assert.Equal("--x", HostTerms.Say("--x", "-X"));
    }
}
