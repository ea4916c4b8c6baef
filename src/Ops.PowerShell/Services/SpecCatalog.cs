using System.Text;
using System.Text.RegularExpressions;

namespace Ops.PowerShell;

/// <summary>A model shipped with the module: a specification and one of its configurations.</summary>
public sealed class ModelCheckSpec
{
    /// <summary>The model's name: the configuration's base name (bank, bank_customers, ExistingService_symmetry).</summary>
    public string Name { get; init; }
    /// <summary>The folder under specs/: seed (the seed posts' specs) or ops (the ops domains' models).</summary>
    public string Category { get; init; }
    /// <summary>The .tla file (binds to Invoke-ModelCheck -Path through the pipeline).</summary>
    public string Path { get; init; }
    /// <summary>The .cfg file (binds to Invoke-ModelCheck -ConfigPath through the pipeline).</summary>
    public string ConfigPath { get; init; }
    /// <summary>The TLA+ module name.</summary>
    public string Module { get; init; }
    /// <summary>The first sentence of the specification's header comment.</summary>
    public string Description { get; init; }
    /// <summary>The constants the configuration leaves unbound: a template's (the ops domains bind them from the
    /// configuration they check); give them with Invoke-ModelCheck -Constant. Empty for a checkable model.</summary>
    public string[] UnboundConstants { get; init; } = Array.Empty<string>();
    /// <summary>True for a template: the configuration does not bind every constant, so it cannot be checked as it is.</summary>
    public bool IsTemplate => UnboundConstants.Length > 0;

    public override string ToString() => $"{Category}/{Name}";
}

/// <summary>
/// The specifications shipped in the module's specs/ folder (specs/seed, specs/ops): one entry per configuration,
/// so <c>Get-ModelCheckSpec | Invoke-ModelCheck</c> checks every shipped model. A configuration belongs to the .tla
/// of the same name, else to the longest spec name it starts with followed by '_' (syn_nodes_live_lossy.cfg to
/// syn_nodes_live.tla). Templates, configurations that leave constants unbound (the ops domains bind them from what
/// they check), are listed only when asked for, with the constants they need.
/// </summary>
public static class SpecCatalog
{
    /// <summary>The module's specs folder: next to the assembly (out/Ops/specs, or the build output), else the
    /// repository's specs/ when running from a source tree.</summary>
    public static string DefaultRoot(string assemblyDirectory)
    {
        var here = System.IO.Path.Combine(assemblyDirectory, "specs");
        if (Directory.Exists(here)) return here;
        for (var d = new DirectoryInfo(assemblyDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Ops.sln")) && Directory.Exists(System.IO.Path.Combine(d.FullName, "specs")))
                return System.IO.Path.Combine(d.FullName, "specs");
        }
        return here;
    }

    /// <summary>Every model under <paramref name="root"/>, sorted by category then name; filtered by name
    /// (wildcards * and ?, case-insensitive) and category when given.</summary>
    public static List<ModelCheckSpec> List(string root, IEnumerable<string> names = null, string category = null, bool includeTemplates = false)
    {
        var result = new List<ModelCheckSpec>();
        if (!Directory.Exists(root)) return result;
        var patterns = names?.Where(n => !string.IsNullOrEmpty(n)).Select(WildcardToRegex).ToList();
        foreach (var dir in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            var cat = System.IO.Path.GetFileName(dir);
            if (category != null && !cat.Equals(category, StringComparison.OrdinalIgnoreCase)) continue;
            var tlas = Directory.GetFiles(dir, "*.tla").OrderBy(f => f, StringComparer.Ordinal).ToList();
            foreach (var cfg in Directory.GetFiles(dir, "*.cfg").OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(cfg);
                var tla = SpecFor(name, tlas);
                if (tla == null) continue;
                if (patterns != null && patterns.Count > 0 && !patterns.Any(p => p.IsMatch(name))) continue;
                var module = System.IO.Path.GetFileNameWithoutExtension(tla);
                var description = Describe(tla);
                if (name != module) description = $"{description} ({name}.cfg)".TrimStart();
                var unbound = Unbound(tla, cfg);
                if (unbound.Length > 0)
                {
                    if (!includeTemplates) continue;
                    description = $"{description} Template: give -Constant {string.Join(", ", unbound)}.".TrimStart();
                }
                result.Add(new ModelCheckSpec { Name = name, Category = cat, Path = tla, ConfigPath = cfg, Module = module, Description = description, UnboundConstants = unbound });
            }
        }
        return result;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, DateTime, string, DateTime), string[]> UnboundCache = new();

    /// <summary>The constants <paramref name="tla"/> declares that <paramref name="cfg"/> does not bind (cached per
    /// file version: tab completion lists the models too). A pair that does not parse counts as checkable: checking it
    /// reports the error.</summary>
    public static string[] Unbound(string tla, string cfg)
    {
        var key = (tla, File.GetLastWriteTimeUtc(tla), cfg, File.GetLastWriteTimeUtc(cfg));
        return UnboundCache.GetOrAdd(key, _ =>
        {
            var declared = SyntaxService.DeclaredConstants(tla);
            if (declared == null) return Array.Empty<string>();
            HashSet<string> bound;
            try { bound = Ops.Tla.Config.ConfigParser.ParseFile(cfg).Constants.Select(c => c.Name).ToHashSet(StringComparer.Ordinal); }
            catch (Exception e) when (e is Ops.Tla.TlaException or IOException or UnauthorizedAccessException) { return Array.Empty<string>(); }
            return declared.Where(c => !bound.Contains(c)).ToArray();
        });
    }

    /// <summary>The .tla a configuration belongs to: same base name, else the longest spec name that prefixes the
    /// configuration's followed by '_' (ExistingService_symmetry.cfg belongs to ExistingService.tla).</summary>
    private static string SpecFor(string cfgName, List<string> tlas)
    {
        var same = tlas.FirstOrDefault(t => System.IO.Path.GetFileNameWithoutExtension(t) == cfgName);
        if (same != null) return same;
        return tlas.Where(t => cfgName.StartsWith(System.IO.Path.GetFileNameWithoutExtension(t) + "_", StringComparison.Ordinal))
            .OrderByDescending(t => t.Length).FirstOrDefault();
    }

    /// <summary>The first sentence of the comment at the top of a .tla file ("" when there is none).</summary>
    public static string Describe(string tlaPath)
    {
        string text;
        try { text = File.ReadAllText(tlaPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
        var sb = new StringBuilder();
        bool inBlock = false;
        foreach (var raw in text.Split('\n'))
        {
            var t = raw.Trim();
            if (!inBlock && (t.Length == 0 || Regex.IsMatch(t, @"^-{4,}\s*MODULE\b")))
            {
                if (sb.Length > 0) break;
                continue;
            }
            bool comment = inBlock || t.StartsWith("(*", StringComparison.Ordinal) || t.StartsWith("\\*", StringComparison.Ordinal);
            if (!comment) break;
            if (t.StartsWith("(*", StringComparison.Ordinal) && !t.EndsWith("*)", StringComparison.Ordinal)) inBlock = true;
            else if (inBlock && t.EndsWith("*)", StringComparison.Ordinal)) inBlock = false;
            var body = Regex.Replace(t, @"^(\(\*+|\\\*+)|\*+\)$", "").Trim();
            if (body.Trim('*', '-', '=', ' ', '(', ')').Length == 0) continue;
            sb.Append(' ').Append(body);
            if (Regex.IsMatch(sb.ToString(), @"[.!?](\s|$)")) break;
        }
        var all = Regex.Replace(sb.ToString(), @"\s+", " ").Trim();
        var m = Regex.Match(all, @"^(.*?[.!?])(\s|$)");
        return m.Success ? m.Groups[1].Value : all;
    }

    public static Regex WildcardToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
