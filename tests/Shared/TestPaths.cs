namespace Ops.Testing;

/// <summary>Locates the repository from the test assembly's folder. One file, linked into the test projects that need
/// it (<c>&lt;Compile Include="..\Shared\TestPaths.cs" Link="TestPaths.cs" /&gt;</c> and
/// <c>&lt;Using Include="Ops.Testing" /&gt;</c>); internal, so that each assembly has its own. The projects that read the
/// shared conformance corpus link <c>TestPaths.Corpus.cs</c> too.</summary>
internal static partial class TestPaths
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

    /// <summary>A file of the repository: <c>Repo("specs", "ops", "x.tla")</c>.</summary>
    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static string Seed(string file) => Repo("specs", "seed", file);

    /// <summary>A file of the worked example of a domain (examples/DOMAIN/FILE).</summary>
    public static string Example(string domain, string file) => Repo("examples", domain, file);
}
