using System.Globalization;

namespace Ops.Tla.Differential;

/// <summary>One row of a conformance corpus (a line of expected.tsv): a model, TLC's options for it (regression-suite
/// layout) and what TLC gave.</summary>
public sealed record ConformanceCase(string Cfg, string Tla, string Result, long? Distinct, long? Total, bool Temporal, string Features,
    TimeSpan? TlcRuntime = null)
{
    /// <summary>TLC's command-line options for the row, as expected.tsv writes them (regression-suite layout; "" for
    /// the Examples layout, which runs every model with TLC's defaults).</summary>
    public string Args { get; init; } = "";

    /// <summary>TLC's exit code (regression-suite layout); null in the Examples layout, which compares the verdict by
    /// its name.</summary>
    public int? Exit { get; init; }

    /// <summary>TLC's first error line (regression-suite layout).</summary>
    public string FirstError { get; init; } = "";

    /// <summary>The configuration, followed by the specification in parentheses when that is not the configuration's
    /// namesake (rows share a configuration with different specifications).</summary>
    public string Model => Tla.Length == 0 || Tla == Cfg || Tla == Path.ChangeExtension(Cfg, ".tla") ? Cfg : $"{Cfg} ({Tla})";

    /// <summary>Rows share a configuration with different options (and specifications): the model and the options
    /// identify a row (separated by a tab; the model alone without options).</summary>
    public string Key => KeyOf(Model, Args);

    public string Name => Args.Length == 0 ? Model : Model + " " + Args;

    /// <summary>The key of a row as ratchet and deviation files write it (model, tab, options).</summary>
    public static string KeyOf(string model, string args) => string.IsNullOrEmpty(args) ? model : model + "\t" + args;
}

/// <summary>
/// The conformance corpora on disk (shared/conformance/NAME/expected.tsv, in the TLA+ Examples layout or the layout of
/// TLC's regression suite), and the row lists kept beside the tests (ratchets, deviations): read here for `ops
/// conformance`, `ops fuzz`, `ops bench` and the tests alike.
/// </summary>
public static class ConformanceCorpus
{
    /// <summary>Finds shared/conformance/tlaplus-examples by walking up from <paramref name="start"/>.</summary>
    public static string FindCorpus(string start) => FindCorpus(start, "tlaplus-examples");

    /// <summary>Finds shared/conformance/NAME (holding expected.tsv) by walking up from <paramref name="start"/>.</summary>
    public static string FindCorpus(string start, string name)
    {
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "shared", "conformance", name);
            if (File.Exists(Path.Combine(c, "expected.tsv"))) return c;
            var c2 = Path.Combine(d.FullName, "..", "shared", "conformance", name);
            if (File.Exists(Path.Combine(c2, "expected.tsv"))) return Path.GetFullPath(c2);
        }
        return null;
    }

    /// <summary>Reads expected.tsv in either layout: the Examples one (cfg, tla, result, distinct, total, ...) or the
    /// regression-suite one (cfg, tla, args, exit, result, distinct, total, depth, tlc_seconds, temporal,
    /// first_error).</summary>
    public static List<ConformanceCase> ReadExpected(string corpus)
    {
        var lines = File.ReadAllLines(Path.Combine(corpus, "expected.tsv"));
        var header = lines[0].Split('\t');
        int Col(string n) => Array.IndexOf(header, n);
        var cases = new List<ConformanceCase>();
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split('\t');
            string Get(string n) => Col(n) >= 0 && Col(n) < f.Length ? f[Col(n)].Trim() : "";
            long? Num(string n) => long.TryParse(Get(n), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
            TimeSpan? runtime = TimeSpan.TryParseExact(Get("tlc_runtime"), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var t) ? t
                : double.TryParse(Get("tlc_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) ? TimeSpan.FromSeconds(secs) : null;
            cases.Add(new ConformanceCase(Get("cfg"), Get("tla"), Get("result"), Num("distinct"), Num("total"), Get("temporal") == "yes", Get("features"), runtime)
            {
                Args = Get("args"),
                Exit = int.TryParse(Get("exit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) ? e : null,
                FirstError = Get("first_error"),
            });
        }
        return cases;
    }

    /// <summary>Reads a list of row keys (a ratchet): one row a line, configuration and options separated by a tab;
    /// blank lines and # comments skipped.</summary>
    public static List<string> ReadKeys(string path) =>
        File.ReadAllLines(path).Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();

    /// <summary>Reads a deviations file: row key (model, tab, options) and, in the last column, the reason. Lines are
    /// `cfg &lt;TAB&gt; args &lt;TAB&gt; reason` (cfg followed by " (spec.tla)" when the row's specification is not the
    /// configuration's namesake).</summary>
    public static Dictionary<string, string> ReadDeviations(string path)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path == null || !File.Exists(path)) return d;
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.Trim().Length == 0 || raw.TrimStart().StartsWith('#')) continue;
            var f = raw.Split('\t');
            if (f.Length < 3) throw new FormatException($"{path}: expected 'cfg<TAB>args<TAB>reason', got '{raw}'");
            d[ConformanceCase.KeyOf(f[0].Trim(), f[1].Trim())] = f[2].Trim();
        }
        return d;
    }

    /// <summary>The distinct models of a corpus (specification and configuration, as full paths, both present).</summary>
    public static List<(string Spec, string Config)> Models(string corpus)
    {
        var models = new List<(string, string)>();
        if (!File.Exists(Path.Combine(corpus, "expected.tsv"))) return models;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in ReadExpected(corpus))
        {
            if (c.Cfg.Length == 0) continue;
            var spec = Path.Combine(corpus, c.Tla.Length > 0 ? c.Tla : Path.ChangeExtension(c.Cfg, ".tla"));
            var cfg = Path.Combine(corpus, c.Cfg);
            if (File.Exists(spec) && File.Exists(cfg) && seen.Add(spec + "|" + cfg)) models.Add((spec, cfg));
        }
        return models;
    }
}
