using Xunit;
using Ops.Tla.Checking;
using Ops.Tla.Config;

namespace Ops.Tla.Tests.Checking;

/// <summary>The front end as real specifications use it: monolith specs, TLC's config entries, TLCExt.</summary>
public class FrontEndTests
{
    /// <summary>Writes <paramref name="tla"/> as <paramref name="name"/>.tla and checks it with the .tla itself as
    /// the configuration, as TLC does for a monolith spec (config embedded in a CONFIG section).</summary>
    private static CheckResult CheckMonolith(string name, string tla)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, name + ".tla");
            File.WriteAllText(path, tla);
            return ModelChecker.Check(path, new CheckOptions { Workers = 1, ConfigPath = path });
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public void A_monolith_spec_takes_its_config_and_its_other_modules_from_the_tla_file()
    {
        const string tla = @"---- CONFIG Mono ----
CONSTANT N <- Three
INIT Init NEXT Next
INVARIANT Small
====
---- MODULE Mono ----
EXTENDS Counter
Three == 3
====
---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x' = IF x < N THEN x + 1 ELSE x
Small == x <= N
====
---- CONFIG Other ----
INIT Nope
====
";
        var r = CheckMonolith("Mono", tla);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates);
        Assert.Equal(5, r.StatesGenerated);
    }

    [Fact]
    public void The_monolith_config_keeps_the_line_numbers_of_the_tla_file()
    {
        var text = ConfigParser.MonolithConfig("---- MODULE A ----\n====\n------ CONFIG A ------\nINIT Init\n=====\nNEXT X\n", "A");
        var c = ConfigParser.Parse(text, "A.tla");
        Assert.Equal(4, c.Init.Span.Line);
        Assert.Null(c.Next);
        Assert.Null(ConfigParser.Parse(ConfigParser.MonolithConfig("---- CONFIG B ----\nINIT I\n====\n", "A"), "A.tla").Init);
    }
}
