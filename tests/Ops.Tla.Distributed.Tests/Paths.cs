namespace Ops.Tla.Distributed.Tests;

/// <summary>The repository's seed specs and, beside the repository, the TLA+ Examples corpus (shared/).</summary>
public static class Paths
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

    /// <summary>shared/conformance/tlaplus-examples/specifications above the repository, or null when absent.</summary>
    public static string Corpus
    {
        get
        {
            for (var d = new DirectoryInfo(RepoRoot); d != null; d = d.Parent)
            {
                var c = Path.Combine(d.FullName, "shared", "conformance", "tlaplus-examples", "specifications");
                if (Directory.Exists(c)) return c;
            }
            return null;
        }
    }
}
