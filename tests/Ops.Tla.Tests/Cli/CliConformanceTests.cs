using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>`ops conformance`: options, and the corpus checked with several workers gives TLC's counts.</summary>
public class CliConformanceTests
{
    [Theory]
    [InlineData("-workers", "0")]
    [InlineData("-workers", "two")]
    [InlineData("-timeout", "-5")]
    public void A_count_option_without_a_positive_number_is_refused(string option, string value)
    {
        var r = CliRun.Of("conformance", option, value);
        Assert.Equal(255, r.Exit);
        Assert.Contains($"ops conformance: {option} expects a positive number", r.Err);
    }

    [Fact]
    public void An_unknown_option_names_the_options()
    {
        var r = CliRun.Of("conformance", "-jobs", "2");
        Assert.Equal(255, r.Exit);
        Assert.Contains("ops conformance: Unrecognized command or argument '-jobs'", r.Err);
        Assert.Contains("usage: ops conformance [options]  (ops conformance --help lists them)", r.Err);
    }

    [CorpusFact]
    public void Corpus_models_checked_with_two_workers_match_TLC()
    {
        // Chameneos: 34,534 distinct / 104,697 generated over 13 levels with TLC.
        var r = CliRun.Of("conformance", "-corpus", TestPaths.Corpus, "-filter", "Chameneos/", "-workers", "2");
        Assert.Equal(0, r.Exit);
        Assert.Contains("matched     specifications/Chameneos/Chameneos.cfg", r.Out);
        Assert.Contains("34534 distinct / 104697 generated", r.Out);
        Assert.Contains("conformance: 1 matched, 0 mismatched, 0 unsupported", r.Out);
    }
}
