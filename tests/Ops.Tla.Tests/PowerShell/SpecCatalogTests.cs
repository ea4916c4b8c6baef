using Ops.PowerShell;
using Ops.Tla.Tests.Cli;
using Xunit;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>Get-ModelCheckSpec's service path: the shipped models, one per configuration.</summary>
public class SpecCatalogTests
{
    private static string Root => Path.Combine(TestPaths.RepoRoot, "specs");

    [Fact]
    public void Every_seed_configuration_is_a_model_with_its_spec()
    {
        var all = SpecCatalog.List(Root);
        var names = all.Where(s => s.Category == "seed").Select(s => s.Name).ToList();
        Assert.Contains("bank", names);
        Assert.Contains("bank_transfers", names);
        Assert.Contains("syn_nodes_safety", names);
        Assert.Contains("ExistingService_symmetry", names);
        var sym = all.Single(s => s.Name == "ExistingService_symmetry");
        Assert.EndsWith(Path.Combine("seed", "ExistingService.tla"), sym.Path);
        Assert.EndsWith(Path.Combine("seed", "ExistingService_symmetry.cfg"), sym.ConfigPath);
        Assert.Equal("ExistingService", sym.Module);
        var safety = all.Single(s => s.Name == "syn_nodes_safety");
        Assert.EndsWith("syn_nodes.tla", safety.Path);
        Assert.All(all, s => Assert.True(File.Exists(s.Path) && File.Exists(s.ConfigPath)));
        Assert.Equal("seed/bank", all.Single(s => s.Name == "bank").ToString());
    }

    [Fact]
    public void Descriptions_are_the_first_sentence_of_the_header()
    {
        var bank = SpecCatalog.List(Root, new[] { "bank" }).Single();
        Assert.Equal("Seed spec from the blog post \"Specifying a state machine with TLA+\".", bank.Description);
        var sym = SpecCatalog.List(Root, new[] { "ExistingService_symmetry" }).Single();
        Assert.EndsWith("(ExistingService_symmetry.cfg)", sym.Description);
    }

    [Fact]
    public void Names_take_wildcards_and_category_filters()
    {
        var bank = SpecCatalog.List(Root, new[] { "BANK*" }).Select(s => s.Name).ToList();
        Assert.Equal(new[] { "bank", "bank_customers", "bank_transfers" }, bank);
        Assert.Empty(SpecCatalog.List(Root, new[] { "nothing-like-this" }));
        Assert.All(SpecCatalog.List(Root, category: "seed"), s => Assert.Equal("seed", s.Category));
        Assert.Empty(SpecCatalog.List(Root, category: "nope"));
        Assert.Empty(SpecCatalog.List(Path.Combine(Root, "does-not-exist")));
    }

    [Fact]
    public void The_module_finds_its_specs_next_to_the_assembly()
    {
        // The build copies specs/ next to Ops.PowerShell.dll (and so into the test output, and out/Ops).
        var root = SpecCatalog.DefaultRoot(AppContext.BaseDirectory);
        Assert.True(Directory.Exists(root));
        Assert.Contains(SpecCatalog.List(root), s => s.Name == "bank");
    }

    [Fact]
    public void A_shipped_model_pipes_into_the_check()
    {
        var spec = SpecCatalog.List(Root, new[] { "bank_transfers" }).Single();
        var r = ModelCheckService.Run(new ModelCheckRequest { Path = spec.Path, ConfigPath = spec.ConfigPath });
        Assert.Equal("safety failure", r.Result);
        Assert.Equal(5, r.Trace.Length);
    }

    [Fact]
    public void Describe_reads_line_comments_too()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Lined", "\\* A model of one lock. More text.\n---- MODULE Lined ----\n====\n");
        Assert.Equal("A model of one lock.", SpecCatalog.Describe(spec));
        var none = t.Spec("None", "---- MODULE None ----\nVARIABLE x\n====\n");
        Assert.Equal("", SpecCatalog.Describe(none));
    }

    [Fact]
    public void A_variant_configuration_pairs_with_the_longest_spec_name_it_starts_with()
    {
        var lossy = SpecCatalog.List(Root, new[] { "syn_nodes_live_lossy" }).Single();
        Assert.EndsWith(Path.Combine("seed", "syn_nodes_live.tla"), lossy.Path);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(Root, "seed"), "*.cfg"),
            cfg => SpecCatalog.List(Root, includeTemplates: true).All(s => s.ConfigPath != cfg));
    }

    [Fact]
    public void Templates_are_listed_only_when_asked_for_with_the_constants_they_need()
    {
        var listed = SpecCatalog.List(Root);
        Assert.DoesNotContain(listed, s => s.Name is "ecs_service_check" or "rds_proxy_check");
        Assert.All(listed, s => Assert.False(s.IsTemplate));

        var all = SpecCatalog.List(Root, includeTemplates: true);
        var ecs = all.Single(s => s.Name == "ecs_service_check");
        Assert.True(ecs.IsTemplate);
        Assert.NotEmpty(ecs.UnboundConstants);
        Assert.Contains("Template: give -Constant", ecs.Description);
        Assert.True(all.Single(s => s.Name == "rds_proxy_check").IsTemplate);
        Assert.Equal(listed.Count + 2, all.Count);
    }
}
