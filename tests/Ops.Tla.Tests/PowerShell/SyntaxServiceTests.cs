using Ops.Tla.Differential;
using Ops.PowerShell;
using Ops.Tla.Tests.Cli;
using Xunit;
using S = Ops.Tla.Tests.Cli.TempSpecs.Samples;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>Test-TlaSyntax's service path and the completers' candidates.</summary>
public class SyntaxServiceTests
{
    [Fact]
    public void A_valid_spec_lists_its_modules()
    {
        var r = SyntaxService.Test(TestPaths.Seed("bank.tla"));
        Assert.True(r.Valid);
        Assert.Equal(new[] { "bank" }, r.Modules);
        Assert.Equal("bank.tla: valid", r.ToString());
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("ParseError", S.ParseError);
        var r = SyntaxService.Test(spec);
        Assert.False(r.Valid);
        var d = Assert.Single(r.Errors);
        Assert.Equal(spec, d.File);
        Assert.Equal(5, d.Line);
        Assert.True(d.Column > 0);
        Assert.Equal("Syntax", d.Kind);
        Assert.IsType<TlaException>(d.Exception);
        Assert.StartsWith($"{spec}:5:{d.Column}: ", d.ToString());
    }

    [Fact]
    public void Unknown_names_are_semantic_errors_unless_syntax_only()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Unknown", "---- MODULE Unknown ----\nVARIABLE x\nInit == x = Missing\n====\n");
        var r = SyntaxService.Test(spec);
        var d = Assert.Single(r.Errors);
        Assert.Equal("Semantic", d.Kind);
        Assert.Equal(3, d.Line);
        Assert.Contains("Missing", d.Message);
        Assert.True(SyntaxService.Test(spec, syntaxOnly: true).Valid);
    }

    [Fact]
    public void A_spec_with_unbound_constants_is_still_valid_syntax()
    {
        using var t = new TempSpecs();
        var counter = SyntaxService.Test(t.Spec("Counter", S.Counter));
        Assert.True(counter.Valid, counter.ToString());
        Assert.True(SyntaxService.Test(TestPaths.Seed("ExistingService.tla")).Valid);
    }

    [Fact]
    public void Config_files_are_parsed_as_configurations()
    {
        using var t = new TempSpecs();
        // A configuration TLC's parser of the file rejects (a section's names are any tokens, so the error is here a
        // keyword's value).
        t.Spec("Bad", S.Deadlock, "INIT Init\nNEXT Next\nCHECK_DEADLOCK 3\n");
        var r = SyntaxService.Test(t.File_("Bad.cfg"));
        var d = Assert.Single(r.Errors);
        Assert.Equal(3, d.Line);
        Assert.Equal(16, d.Column);
        Assert.Equal("Config", d.Kind);
        Assert.True(SyntaxService.Test(TestPaths.Seed("bank.cfg")).Valid);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var r = SyntaxService.Test(Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid() + ".tla"));
        Assert.False(r.Valid);
        Assert.Equal("IO", r.Errors[0].Kind);
    }

    [Fact]
    public void Constant_names_for_completion()
    {
        Assert.Equal(new[] { "MaxTokens", "Instances", "MaxFetches" }, SyntaxService.ConstantNames(TestPaths.Seed("ExistingService.tla")));
        Assert.Equal(new[] { "MaxTokens", "MaxFetches" }, CompletionService.ConstantNames(TestPaths.RepoRoot, "specs/seed/ExistingService", "@{ Max"));
        Assert.Empty(CompletionService.ConstantNames(TestPaths.RepoRoot, null, ""));
        using var t = new TempSpecs();
        Assert.Empty(SyntaxService.ConstantNames(t.Spec("ParseError", S.ParseError)));
    }

    [Fact]
    public void Path_candidates_are_spec_files_and_folders()
    {
        var seed = Path.Combine("specs", "seed") + Path.DirectorySeparatorChar;
        var c = CompletionService.Paths(TestPaths.RepoRoot, seed + "ban", ".tla");
        Assert.Equal(new[] { seed + "bank.tla", seed + "bank_customers.tla", seed + "bank_transfers.tla" }, c);
        Assert.Contains("specs" + Path.DirectorySeparatorChar, CompletionService.Paths(TestPaths.RepoRoot, "spe", ".tla"));
        Assert.Empty(CompletionService.Paths(TestPaths.RepoRoot, "no/such/dir/x", ".tla"));
        var cfgs = CompletionService.ConfigPaths(TestPaths.RepoRoot, Path.Combine("specs", "seed", "ExistingService.tla"), "");
        Assert.Contains(Path.Combine("specs", "seed", "ExistingService_symmetry.cfg"), cfgs);
    }
}

/// <summary>Test-TlaSyntax agrees with the checker: every corpus model the checker matches TLC on is valid.</summary>
public class SyntaxServiceCorpusTests
{
    [CorpusFact]
    public void Every_ratchet_models_spec_is_valid()
    {
        var corpus = TestPaths.Corpus;
        var expected = Ops.Tla.Differential.ConformanceCorpus.ReadExpected(corpus);
        var listed = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "conformance", "ratchet.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        var invalid = new List<string>();
        foreach (var c in expected.Where(c => listed.Contains(c.Cfg)))
        {
            var r = SyntaxService.Test(Path.Combine(corpus, c.Tla));
            if (!r.Valid) invalid.Add(r.Errors[0].ToString());
        }
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
    }
}
