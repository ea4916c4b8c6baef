namespace Ops.Testing;

/// <summary>The shared conformance corpus beside the repository (for the projects that reference Ops.Tla.Differential).</summary>
internal static partial class TestPaths
{
    /// <summary>shared/conformance/tlaplus-examples next to the repository, or null when absent.</summary>
    public static string Corpus => Ops.Tla.Differential.ConformanceCorpus.FindCorpus(RepoRoot);

    /// <summary>A specification of the corpus (<paramref name="file"/> under its specifications folder), or null when
    /// the corpus is absent.</summary>
    public static string CorpusSpec(string file) => CorpusOrNull is { } corpus ? Path.Combine(corpus, "specifications", file) : null;

    /// <summary><see cref="Corpus"/>, or null where the repository itself cannot be found either.</summary>
    public static string CorpusOrNull
    {
        get
        {
            try { return Corpus; }
            catch (InvalidOperationException) { return null; }
        }
    }

    public const string CorpusAbsentNote =
        "needs the TLA+ Examples corpus (shared/conformance/tlaplus-examples with expected.tsv beside the repository), " +
        "which this checkout does not have: skipped";
}
