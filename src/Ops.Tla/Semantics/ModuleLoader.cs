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

    /// <summary>Applied to the text of every module file the loader reads (path given), before parsing: the model
    /// checker translates PlusCal algorithms there (a module reached by EXTENDS or INSTANCE with an algorithm and no,
    /// or a stale, translation is parsed with its translation made in memory).</summary>
    public Func<string, string, string> PrepareText { get; set; }

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
            if (PrepareText != null) text = PrepareText(text, path);
            var modules = ParseAll(text, path);
            foreach (var mod in modules) Register(mod);
            m = modules.FirstOrDefault(x => x.Name == name);
            if (m == null)
                throw new TlaException(ErrorKind.Semantic, modules[0].Span, $"the file {path} defines module {modules[0].Name}, but it should define {name} (rename the module or the file)");
            return m;
        }
        if (StandardModuleTexts.Find(name) is { } standard)
        {
            var modules = ParseAll(standard, Path.Combine(StandardModuleTexts.Folder, name + ".tla"));
            foreach (var mod in modules) Register(mod);
            return modules.First(x => x.Name == name);
        }
        return null;
    }

    /// <summary>Every top-level module of a file (SANY accepts several; later ones may use earlier ones).</summary>
    public static List<ModuleNode> ParseFile(string path) => ParseAll(File.ReadAllText(path), path);

    public static List<ModuleNode> ParseAll(string text, string path)
    {
        var result = new List<ModuleNode>();
        var lines = text.Split('\n');
        int startLine = 0; // 0-based index of the first line not yet consumed
        while (true)
        {
            var rest = string.Join("\n", lines.Skip(startLine));
            if (result.Count > 0 && ModuleHeaderScan.Find(rest, spaceAfter: true) < 0) break;
            // Blank out consumed lines so that positions stay those of the file.
            var padded = new string('\n', startLine) + rest;
            var m = TlaParser.ParseModule(padded, path);
            result.Add(m);
            if (m.Span.EndLine <= startLine) break;
            startLine = m.Span.EndLine;
            if (startLine >= lines.Length) break;
        }
        return result;
    }

    public static BuiltinModule FindBuiltin(string name) => StandardLibrary.Find(name);
}
