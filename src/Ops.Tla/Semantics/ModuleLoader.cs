using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>
/// Finds and parses modules by name: first from its <see cref="IModuleSource"/> (for a file, the specification's
/// folder, as TLC does; for a model in memory, its texts), then the natively implemented standard library.
/// </summary>
public sealed class ModuleLoader
{
    private readonly Dictionary<string, ModuleNode> _parsed = new(StringComparer.Ordinal);

    public ModuleLoader(IModuleSource source) { Source = source ?? new InMemoryModuleSource(); }

    /// <summary>A loader that reads NAME.tla in <paramref name="searchDirectories"/>, in order.</summary>
    public ModuleLoader(IEnumerable<string> searchDirectories) : this(new DirectoryModuleSource(searchDirectories)) { }

    /// <summary>Where the texts of the modules come from.</summary>
    public IModuleSource Source { get; }

    /// <summary>Applied to the text of every module the loader reads (its path given), before parsing: the model
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

    /// <summary>Every module parsed so far, in the order they were registered.</summary>
    public IEnumerable<ModuleNode> Loaded => _parsed.Values;

    /// <summary>The parsed module named <paramref name="name"/>, or null when neither the source nor the standard
    /// library has it.</summary>
    public ModuleNode Find(string name)
    {
        if (_parsed.TryGetValue(name, out var m)) return m;
        if (Source.Find(name) is { } found)
        {
            var text = found.Text;
            if (PrepareText != null) text = PrepareText(text, found.Path);
            var modules = ParseAll(text, found.Path);
            foreach (var mod in modules) Register(mod);
            m = modules.FirstOrDefault(x => x.Name == name);
            if (m == null)
                // SANY's abort for a file whose module is not named as the file (ParseUnit), exit 150.
                throw new TlaException(ErrorKind.Semantic, modules[0].Span, $"File name '{name}' does not match the name '{modules[0].Name}' of the top level module it contains.");
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
