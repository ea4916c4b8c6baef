using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ops.Aws.Testing;

/// <summary>The official API models as botocore ships them (Debian python3-botocore, or a pip botocore):
/// botocore/data/&lt;service&gt;/&lt;api-version&gt;/service-2.json (or .json.gz).</summary>
public static class BotocoreModels
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, ServiceModel> Loaded = new();
    private static string _dataDir;
    private static bool _searched;

    /// <summary>The botocore data folder used, or null when none is installed. OPS_BOTOCORE_DATA overrides the search;
    /// otherwise the newest botocore found among the Debian package and Python site-packages.</summary>
    public static string DataDirectory
    {
        get
        {
            lock (Gate)
            {
                if (_searched) return _dataDir;
                _searched = true;
                _dataDir = Search();
                return _dataDir;
            }
        }
    }

    public static bool Available => DataDirectory != null;

    public static string SkipReason =>
        "botocore's service models are not installed (apt-get install python3-botocore, or set OPS_BOTOCORE_DATA); .ci/run installs them";

    private static string Search()
    {
        var env = Environment.GetEnvironmentVariable("OPS_BOTOCORE_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
        var candidates = new List<string> { "/usr/lib/python3/dist-packages/botocore/data", "/usr/share/awscli/botocore/data" };
        foreach (var root in new[] { "/usr/lib", "/usr/local/lib", Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".local/lib") })
        {
            if (!Directory.Exists(root)) continue;
            foreach (var py in SafeDirs(root, "python3*"))
                foreach (var site in new[] { "site-packages", "dist-packages" })
                    candidates.Add(Path.Combine(py, site, "botocore", "data"));
        }
        var pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv"), "versions");
        if (Directory.Exists(pyenv))
            foreach (var v in SafeDirs(pyenv, "*"))
                foreach (var py in SafeDirs(Path.Combine(v, "lib"), "python3*"))
                    candidates.Add(Path.Combine(py, "site-packages", "botocore", "data"));
        return candidates.Where(c => File.Exists(ModelFile(c, "rds")) || File.Exists(ModelFile(c, "rds") + ".gz") || HasService(c, "rds"))
            .Distinct()
            .OrderByDescending(c => BotocoreVersion(c))
            .FirstOrDefault();
    }

    private static IEnumerable<string> SafeDirs(string root, string pattern)
    {
        try { return Directory.Exists(root) ? Directory.GetDirectories(root, pattern) : Array.Empty<string>(); }
        catch (Exception) { return Array.Empty<string>(); }
    }

    private static bool HasService(string data, string service) => Directory.Exists(Path.Combine(data, service));

    private static string ModelFile(string data, string service) => Path.Combine(data, service, "service-2.json");

    /// <summary>botocore's __version__ beside the data folder (0 when unreadable).</summary>
    public static Version BotocoreVersion(string dataDir)
    {
        try
        {
            var init = Path.Combine(Path.GetDirectoryName(dataDir)!, "__init__.py");
            var m = Regex.Match(File.ReadAllText(init), @"__version__\s*=\s*['""]([0-9.]+)");
            if (m.Success && Version.TryParse(m.Groups[1].Value, out var v)) return v;
        }
        catch (Exception)
        {
            // no version
        }
        return new Version(0, 0);
    }

    /// <summary>The newest API version of a service (rds, secretsmanager, ecs, elbv2).</summary>
    public static ServiceModel Get(string service)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(service, out var m)) return m;
            var data = DataDirectory ?? throw new InvalidOperationException(SkipReason);
            var dir = Directory.GetDirectories(Path.Combine(data, service)).OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal).First();
            var file = Path.Combine(dir, "service-2.json");
            JsonNode json;
            if (File.Exists(file)) json = JsonNode.Parse(File.ReadAllText(file));
            else
            {
                using var gz = new GZipStream(File.OpenRead(file + ".gz"), CompressionMode.Decompress);
                json = JsonNode.Parse(gz);
            }
            m = new ServiceModel(service, json!.AsObject(), file);
            Loaded[service] = m;
            return m;
        }
    }
}

/// <summary>One service-2.json: metadata, operations and shapes.</summary>
public sealed class ServiceModel
{
    public ServiceModel(string name, JsonObject json, string path)
    {
        Name = name;
        Json = json;
        Path = path;
        Metadata = json["metadata"]!.AsObject();
        Operations = json["operations"]!.AsObject();
        Shapes = json["shapes"]!.AsObject();
    }

    public string Name { get; }
    public string Path { get; }
    public JsonObject Json { get; }
    public JsonObject Metadata { get; }
    public JsonObject Operations { get; }
    public JsonObject Shapes { get; }

    public string Protocol => (string)Metadata["protocol"] ?? (string)Metadata["protocols"]?[0];
    public string ApiVersion => (string)Metadata["apiVersion"];
    public string TargetPrefix => (string)Metadata["targetPrefix"];
    public string JsonVersion => (string)Metadata["jsonVersion"];
    public string SigningName => (string)Metadata["signingName"] ?? (string)Metadata["endpointPrefix"];
    public string XmlNamespace => (string)Metadata["xmlNamespace"] ?? $"http://{Metadata["endpointPrefix"]}.amazonaws.com/doc/{ApiVersion}/";

    public JsonObject Shape(string name) => Shapes[name]?.AsObject() ?? throw new KeyNotFoundException($"{Name}: no shape {name}");

    public JsonObject Operation(string name) => Operations[name]?.AsObject();

    public bool HasMember(string shape, string member) => Shapes[shape]?["members"]?[member] != null;

    /// <summary>The error shape named code (by shape name or its error.code), or null.</summary>
    public JsonObject ErrorShape(string code)
    {
        if (Shapes[code] is JsonObject s && s["exception"] != null) return s;
        foreach (var (_, v) in Shapes)
            if (v?["error"]?["code"]?.GetValue<string>() == code) return v.AsObject();
        return null;
    }
}
