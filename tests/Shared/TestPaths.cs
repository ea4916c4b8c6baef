namespace Ops.Testing;

/// <summary>Locates the repository and the shared corpus from the test assembly's folder. One file, linked into the
/// test projects that need it (Ops.Tla.Tests, Ops.Tla.Distributed.Tests) with <c>&lt;Using Include="Ops.Testing" /&gt;</c>.</summary>
public static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Ops.sln"))) return d.FullName;
            throw new InvalidOperationException("cannot find Ops.sln above " + AppContext.BaseDirectory);
        }
    }

    public static string Seed(string file) => Path.Combine(RepoRoot, "specs", "seed", file);

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
