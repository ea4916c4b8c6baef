using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

/// <summary>Every .tla file of the TLA+ Examples conformance corpus (shared/conformance, beside the repository)
/// must parse.</summary>
public class CorpusTests
{
    /// <summary>The specifications directory, found by walking up from the test assembly; null if absent.</summary>
    public static string SpecificationsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "tlaplus-examples", "specifications");
            if (Directory.Exists(candidate)) return candidate;
            dir = dir.Parent;
        }
        return null;
    }

    public static IEnumerable<object[]> Files()
    {
        var root = SpecificationsDir();
        if (root == null) yield break;
        foreach (var f in Directory.GetFiles(root, "*.tla", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            yield return new object[] { Path.GetRelativePath(root, f) };
    }

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void ParsesWithoutError(string relativePath)
    {
        var root = SpecificationsDir();
        var path = Path.Combine(root, relativePath);
        var text = File.ReadAllText(path);
        ModuleNode m;
        try
        {
            m = TlaParser.ParseModule(text, path);
        }
        catch (TlaException e)
        {
            throw new Xunit.Sdk.XunitException(e.Describe());
        }
        Assert.False(string.IsNullOrEmpty(m.Name));
        Assert.Equal(path, m.FilePath);
        Assert.Equal(Path.GetFileNameWithoutExtension(path), m.Name);
    }

    [CorpusFact]
    public void CorpusIsLargeWhenPresent()
    {
        var root = SpecificationsDir();
        Assert.True(Directory.GetFiles(root, "*.tla", SearchOption.AllDirectories).Length > 100);
    }
}
