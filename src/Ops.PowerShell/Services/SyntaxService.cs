using Ops.Tla;
using Ops.Tla.Config;
using Ops.Tla.Semantics;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.PowerShell;

/// <summary>One problem found in a file: where (file, line, column) and what, with the checker's exception.</summary>
public sealed class TlaDiagnostic
{
    public string File { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }
    public string Message { get; init; }
    /// <summary>Syntax, Semantic (unknown name or module) or Config.</summary>
    public string Kind { get; init; }
    /// <summary>The parser's exception (an Ops.Tla.TlaException, with its Span).</summary>
    public Exception Exception { get; init; }

    /// <summary>"file:line:column: message", the form compilers and CI annotations use.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>The outcome of Test-TlaSyntax for one file.</summary>
public sealed class TlaSyntaxResult
{
    public string Path { get; init; }
    public bool Valid => Errors.Count == 0;
    /// <summary>The modules the file defines (for a .tla file).</summary>
    public IReadOnlyList<string> Modules { get; init; } = Array.Empty<string>();
    public IReadOnlyList<TlaDiagnostic> Errors { get; init; } = Array.Empty<TlaDiagnostic>();
    /// <summary>The first error as "file:line:column: message" (the Error column of the table), or null.</summary>
    public string Error => Errors.Count > 0 ? Errors[0].ToString() : null;

    public override string ToString() => Valid ? $"{System.IO.Path.GetFileName(Path)}: valid" : Errors[0].ToString();
}

/// <summary>
/// Test-TlaSyntax's work: parses a .tla file (and, unless syntax-only, resolves its modules and names as SANY
/// would: EXTENDS, INSTANCE, unknown identifiers, arities) or a .cfg file, without checking anything.
/// </summary>
public static class SyntaxService
{
    public static TlaSyntaxResult Test(string path, bool syntaxOnly = false)
    {
        if (path.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase)) return TestConfig(path);
        var modules = new List<string>();
        try
        {
            var parsed = ModuleLoader.ParseFile(path);
            modules.AddRange(parsed.Select(m => m.Name));
            if (!syntaxOnly)
            {
                var fileModule = System.IO.Path.GetFileNameWithoutExtension(path);
                var root = parsed.FirstOrDefault(m => m.Name == fileModule) ?? parsed[0];
                var loader = new ModuleLoader(new[] { System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) });
                foreach (var m in parsed) loader.Register(m);
                var spec = new SpecBuilder(loader);
                spec.BuildRoot(root);
                // Constants have no values without a configuration: stand-in model values let every name resolve.
                var standIns = new ModelValueTable();
                foreach (var c in spec.Constants)
                    if (c.Arity == 0 && spec.FindOverride(c) == null) spec.Override(c, new ConstantBinding { Value = standIns.Get(c.Name), Span = c.Span });
                spec.ResolveAssumptions();
                spec.ResolveAll();
            }
            return new TlaSyntaxResult { Path = path, Modules = modules };
        }
        catch (TlaException e) when (e.Kind is ErrorKind.Syntax or ErrorKind.Semantic or ErrorKind.Unsupported)
        {
            return new TlaSyntaxResult { Path = path, Modules = modules, Errors = new[] { Diagnostic(path, e) } };
        }
        catch (TlaException)
        {
            // Configuration and evaluation matters (an operator constant without a definition, ...) are not the
            // file's errors: without a .cfg they cannot be decided.
            return new TlaSyntaxResult { Path = path, Modules = modules };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TlaSyntaxResult { Path = path, Errors = new[] { new TlaDiagnostic { File = path, Message = e.Message, Kind = "IO", Exception = e } } };
        }
    }

    private static TlaSyntaxResult TestConfig(string path)
    {
        try
        {
            ConfigParser.ParseFile(path);
            return new TlaSyntaxResult { Path = path };
        }
        catch (TlaException e)
        {
            return new TlaSyntaxResult { Path = path, Errors = new[] { Diagnostic(path, e) } };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TlaSyntaxResult { Path = path, Errors = new[] { new TlaDiagnostic { File = path, Message = e.Message, Kind = "IO", Exception = e } } };
        }
    }

    private static TlaDiagnostic Diagnostic(string path, TlaException e) => new()
    {
        File = string.IsNullOrEmpty(e.Span.File) ? path : e.Span.File,
        Line = e.Span.Line,
        Column = e.Span.Col,
        Message = e.Message,
        Kind = e.Kind.ToString(),
        Exception = e,
    };

    /// <summary>Every CONSTANT the specification declares, in its own module and in the modules it EXTENDS (the
    /// names a configuration must bind); null when it does not parse or resolve.</summary>
    public static List<string> DeclaredConstants(string tlaPath)
    {
        try
        {
            var parsed = ModuleLoader.ParseFile(tlaPath);
            var fileModule = System.IO.Path.GetFileNameWithoutExtension(tlaPath);
            var root = parsed.FirstOrDefault(m => m.Name == fileModule) ?? parsed[0];
            var loader = new ModuleLoader(new[] { System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tlaPath)) });
            foreach (var m in parsed) loader.Register(m);
            var spec = new SpecBuilder(loader);
            spec.BuildRoot(root);
            return spec.Constants.Select(c => c.Name).Distinct().ToList();
        }
        catch (Exception e) when (e is TlaException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The CONSTANT names a specification declares (for -Constant completion); empty when it does not parse.</summary>
    public static List<string> ConstantNames(string tlaPath)
    {
        try
        {
            var modules = ModuleLoader.ParseFile(tlaPath);
            var fileModule = System.IO.Path.GetFileNameWithoutExtension(tlaPath);
            var root = modules.FirstOrDefault(m => m.Name == fileModule) ?? modules[0];
            return root.Units.OfType<ConstantDecl>().SelectMany(c => c.Items).Where(i => i.Arity == 0).Select(i => i.Name).Distinct().ToList();
        }
        catch (Exception e) when (e is TlaException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new List<string>();
        }
    }
}

/// <summary>Candidates for tab completion (the argument completers call these).</summary>
public static class CompletionService
{
    /// <summary>Files with one of <paramref name="extensions"/> and folders matching what was typed so far,
    /// relative to <paramref name="baseDirectory"/> when the word is relative.</summary>
    public static List<string> Paths(string baseDirectory, string word, params string[] extensions)
    {
        word = (word ?? "").Trim('\'', '"');
        var results = new List<string>();
        try
        {
            string dirPart = word.Contains('/') || word.Contains('\\') ? word[..(word.LastIndexOfAny(new[] { '/', '\\' }) + 1)] : "";
            string prefix = word[dirPart.Length..];
            string dir = dirPart.Length == 0 ? baseDirectory : System.IO.Path.IsPathRooted(dirPart) ? dirPart : System.IO.Path.Combine(baseDirectory, dirPart);
            if (!Directory.Exists(dir)) return results;
            foreach (var d in Directory.GetDirectories(dir).OrderBy(x => x, StringComparer.OrdinalIgnoreCase))
            {
                var n = System.IO.Path.GetFileName(d);
                if (n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !n.StartsWith('.')) results.Add(dirPart + n + System.IO.Path.DirectorySeparatorChar);
            }
            foreach (var f in Directory.GetFiles(dir).OrderBy(x => x, StringComparer.OrdinalIgnoreCase))
            {
                var n = System.IO.Path.GetFileName(f);
                if (n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && extensions.Any(e => n.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    results.Add(dirPart + n);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Completion never fails loudly.
        }
        return results;
    }

    /// <summary>The .cfg files next to a specification, then those matching the word.</summary>
    public static List<string> ConfigPaths(string baseDirectory, string specPath, string word)
    {
        var results = new List<string>();
        if (!string.IsNullOrEmpty(specPath) && string.IsNullOrEmpty(word))
        {
            var full = System.IO.Path.IsPathRooted(specPath) ? specPath : System.IO.Path.Combine(baseDirectory, specPath);
            var dir = System.IO.Path.GetDirectoryName(full);
            if (dir != null && Directory.Exists(dir))
            {
                var specDir = System.IO.Path.GetDirectoryName(specPath) ?? "";
                foreach (var f in Directory.GetFiles(dir, "*.cfg").OrderBy(x => x, StringComparer.OrdinalIgnoreCase))
                    results.Add(specDir.Length == 0 ? System.IO.Path.GetFileName(f) : System.IO.Path.Combine(specDir, System.IO.Path.GetFileName(f)));
            }
        }
        foreach (var p in Paths(baseDirectory, word, ".cfg"))
            if (!results.Contains(p)) results.Add(p);
        return results;
    }

    /// <summary>The constant names of the specification being checked that start with the word.</summary>
    public static List<string> ConstantNames(string baseDirectory, string specPath, string word)
    {
        if (string.IsNullOrEmpty(specPath)) return new List<string>();
        var full = System.IO.Path.IsPathRooted(specPath) ? specPath : System.IO.Path.Combine(baseDirectory, specPath);
        if (!full.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(full + ".tla")) full += ".tla";
        word = (word ?? "").TrimStart('@', '{', ' ');
        return SyntaxService.ConstantNames(full).Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
