namespace Ops.Tla.Semantics;

/// <summary>The text of one module, and the file name its errors name (<c>file:line:column</c>).</summary>
/// <param name="Name">The module name the text was found under.</param>
/// <param name="Text">The TLA+ text (a file may hold several modules; the one named <paramref name="Name"/> is used).</param>
/// <param name="Path">What errors name: a file-system path, or for a module in memory its name with .tla.</param>
public sealed record ModuleText(string Name, string Text, string Path);

/// <summary>
/// Where the checker finds the text of a module by name: the root module, and the modules it reaches by EXTENDS and
/// INSTANCE. Every module the checker reads goes through one (<see cref="ModuleLoader"/>): files in folders
/// (<see cref="DirectoryModuleSource"/>), texts in memory (<see cref="InMemoryModuleSource"/>), or both in turn
/// (<see cref="ModuleSources.Chain"/>). The standard modules are the loader's, after the source's.
/// </summary>
public interface IModuleSource
{
    /// <summary>The text of module <paramref name="name"/>, or null when this source has none.</summary>
    ModuleText Find(string name);
}

/// <summary>Modules as files <c>NAME.tla</c> in folders searched in order (TLC's: the specification's folder).</summary>
public sealed class DirectoryModuleSource : IModuleSource
{
    private readonly List<string> _dirs = new();

    public DirectoryModuleSource(IEnumerable<string> directories)
    {
        foreach (var d in directories)
            if (!string.IsNullOrEmpty(d) && !_dirs.Contains(d)) _dirs.Add(d);
    }

    public IReadOnlyList<string> Directories => _dirs;

    public ModuleText Find(string name)
    {
        foreach (var dir in _dirs)
        {
            var path = Path.Combine(dir, name + ".tla");
            if (File.Exists(path)) return new ModuleText(name, File.ReadAllText(path), path);
        }
        return null;
    }
}

/// <summary>Modules given as text, by module name (a domain's embedded model, a test's, an editor's buffer). Errors
/// name the module's file as <c>NAME.tla</c>.</summary>
public sealed class InMemoryModuleSource : IModuleSource
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public InMemoryModuleSource() { }

    public InMemoryModuleSource(IEnumerable<KeyValuePair<string, string>> modules)
    {
        foreach (var (name, text) in modules) Add(name, text);
    }

    /// <summary>Adds (or replaces) the text of module <paramref name="name"/>.</summary>
    public InMemoryModuleSource Add(string name, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _texts[name] = text ?? throw new ArgumentNullException(nameof(text));
        return this;
    }

    public IReadOnlyCollection<string> Names => _texts.Keys;

    public ModuleText Find(string name) => name != null && _texts.TryGetValue(name, out var t) ? new ModuleText(name, t, name + ".tla") : null;
}

public static class ModuleSources
{
    /// <summary>A source that asks each of <paramref name="sources"/> in turn.</summary>
    public static IModuleSource Chain(params IModuleSource[] sources) => new ChainSource(sources.Where(s => s != null).ToArray());

    private sealed class ChainSource(IModuleSource[] sources) : IModuleSource
    {
        public ModuleText Find(string name)
        {
            foreach (var s in sources)
                if (s.Find(name) is { } t) return t;
            return null;
        }
    }
}
