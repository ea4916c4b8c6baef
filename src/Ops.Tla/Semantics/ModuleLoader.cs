using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>
/// Finds and parses modules by name: first in the directories of the specification (as TLC does), then the
/// natively implemented standard library.
/// </summary>
public sealed class ModuleLoader
{
    private readonly List<string> _dirs = new();
    private readonly Dictionary<string, ModuleNode> _parsed = new(StringComparer.Ordinal);

    public ModuleLoader(IEnumerable<string> searchDirectories)
    {
        foreach (var d in searchDirectories)
            if (!string.IsNullOrEmpty(d) && !_dirs.Contains(d)) _dirs.Add(d);
    }

    /// <summary>Registers an already parsed module (the root, or a submodule).</summary>
    public void Register(ModuleNode m)
    {
        _parsed.TryAdd(m.Name, m);
        foreach (var u in m.Units)
            if (u is SubmoduleUnit sm) Register(sm.Module);
    }

    /// <summary>The parsed module named <paramref name="name"/>, or null when no file defines it.</summary>
    public ModuleNode Find(string name)
    {
        if (_parsed.TryGetValue(name, out var m)) return m;
        foreach (var dir in _dirs)
        {
            var path = Path.Combine(dir, name + ".tla");
            if (!File.Exists(path)) continue;
            var text = File.ReadAllText(path);
            m = TlaParser.ParseModule(text, path);
            if (m.Name != name)
                throw new TlaException(ErrorKind.Semantic, m.Span, $"the file {path} defines module {m.Name}, but it should define {name} (rename the module or the file)");
            Register(m);
            return m;
        }
        return null;
    }

    public static BuiltinModule FindBuiltin(string name) => StandardLibrary.Find(name);
}
