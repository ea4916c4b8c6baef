using System.Globalization;
using Ops.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.Jenkins.Configuration;

/// <summary>The file could not be read as a Jenkins configuration-as-code file with valid ECS clouds: every problem, each
/// a finding with its 1-based line and column (exit code 151).</summary>
public sealed class JcascException : ConfigException
{
    public string Path { get; }
    public IReadOnlyList<Finding> Problems { get; }

    public JcascException(string path, IReadOnlyList<Finding> problems)
        : base(Format(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    static string Format(string path, IReadOnlyList<Finding> problems)
    {
        var name = string.IsNullOrEmpty(path) ? "configuration" : path;
        return string.Join(Environment.NewLine, problems.Select(p => p.Line > 0 ? $"{name}:{p.Line}:{p.Column}: {p.Message}" : $"{name}: {p.Message}"));
    }
}

/// <summary>What a JCasC file says about ECS clouds.</summary>
public sealed class JcascDocument
{
    public string Path { get; init; }
    public IReadOnlyList<EcsCloudSettings> Clouds { get; init; }
    /// <summary>Things worth knowing that are not errors (other cloud kinds skipped, no clouds at all).</summary>
    public IReadOnlyList<string> Notes { get; init; }
}

/// <summary>Reads the <c>jenkins: clouds: - ecs: ...</c> entries of a Jenkins configuration-as-code YAML file,
/// applies the amazon-ecs plugin's defaults and reports every problem with its line. Unknown fields of an
/// <c>ecs</c> cloud or of its templates are errors, as they are for JCasC itself; other top-level sections and
/// other kinds of cloud are skipped.</summary>
public static class JcascReader
{
    /// <summary>The fields of ECSCloud that JCasC can set (its constructor and setters).</summary>
    public static readonly IReadOnlyList<string> CloudFields = new[]
    {
        "name", "credentialsId", "assumedRoleArn", "cluster", "regionName", "authRegion", "tunnel", "jenkinsUrl",
        "retainAgents", "retentionTimeout", "slaveTimeoutInSeconds", "taskPollingIntervalInSeconds",
        "allowedOverrides", "maxCpu", "maxMemory", "maxMemoryReservation", "maxAgents", "numExecutors", "templates",
    };

    /// <summary>The fields of ECSTaskTemplate that JCasC can set (its constructor and setters).</summary>
    public static readonly IReadOnlyList<string> TemplateFields = new[]
    {
        "templateName", "label", "agentContainerName", "taskDefinitionOverride", "dynamicTaskDefinitionOverride",
        "dynamicTaskDefinition", "image", "repositoryCredentials", "launchType", "operatingSystemFamily",
        "cpuArchitecture", "defaultCapacityProvider", "capacityProviderStrategies", "networkMode", "remoteFSRoot",
        "uniqueRemoteFSRoot", "platformVersion", "memory", "memoryReservation", "cpu", "ephemeralStorageSizeInGiB",
        "subnets", "securityGroups", "assignPublicIp", "privileged", "containerUser", "kernelCapabilities",
        "logDriver", "logDriverOptions", "tags", "environments", "extraHosts", "mountPoints", "efsMountPoints",
        "portMappings", "ulimits", "executionRole", "placementStrategies", "taskrole", "inheritFrom",
        "sharedMemorySize", "enableExecuteCommand", "entrypoint", "jvmArgs", "dnsSearchDomains",
    };

    public static JcascDocument ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JcascException(path, new[] { Problem(0, 0, "cannot read the file: " + e.Message) });
        }
        return Read(text, path);
    }

    public static JcascDocument Read(string text, string path = null)
    {
        var problems = new List<Finding>();
        var notes = new List<string>();
        var clouds = new List<EcsCloudSettings>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            int line = ToInt(e.Start.Line), column = ToInt(e.Start.Column);
            var message = Innermost(e);
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text) is (int l, int c))
            {
                // YamlDotNet reports where the enclosing mapping starts; the tab is what the reader has to fix.
                (line, column) = (l, c);
                message = "a tab in the indentation (YAML indents with spaces only)";
            }
            problems.Add(Problem(line, column, "malformed YAML: " + message));
            throw new JcascException(path, problems);
        }

        bool sawJenkins = false;
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is YamlScalarNode { Value: null or "" }) continue; // empty document
            if (doc.RootNode is not YamlMappingNode root)
            {
                problems.Add(At(doc.RootNode, "the file must be a mapping of JCasC sections (jenkins:, unclassified:, ...)"));
                continue;
            }
            foreach (var (keyNode, value) in root.Children)
            {
                if (Key(keyNode) != "jenkins") continue;
                sawJenkins = true;
                ReadJenkins(value, clouds, problems, notes);
            }
        }
        if (problems.Count > 0) throw new JcascException(path, problems);
        if (!sawJenkins) notes.Add("no 'jenkins:' section: nothing to check");
        else if (clouds.Count == 0) notes.Add("no 'ecs' cloud under jenkins.clouds: nothing to check");
        return new JcascDocument { Path = path, Clouds = clouds, Notes = notes };
    }

    static void ReadJenkins(YamlNode node, List<EcsCloudSettings> clouds, List<Finding> problems, List<string> notes)
    {
        if (IsNull(node)) return;
        if (node is not YamlMappingNode jenkins)
        {
            problems.Add(At(node, "'jenkins' must be a mapping"));
            return;
        }
        foreach (var (keyNode, value) in jenkins.Children)
        {
            if (Key(keyNode) != "clouds") continue;
            if (IsNull(value)) continue;
            if (value is not YamlSequenceNode list)
            {
                problems.Add(At(value, "'jenkins.clouds' must be a list (each entry '- ecs:', '- kubernetes:', ...)"));
                continue;
            }
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode entry || entry.Children.Count != 1)
                {
                    problems.Add(At(item, "each entry of 'jenkins.clouds' must be a mapping with one key naming the cloud kind, e.g. '- ecs:'"));
                    continue;
                }
                var (kindNode, body) = entry.Children.First();
                var kind = Key(kindNode);
                if (kind != "ecs")
                {
                    notes.Add($"line {Line(kindNode)}: '{kind}' cloud skipped (only 'ecs' clouds are checked)");
                    continue;
                }
                var cloud = ReadCloud(kindNode, body, problems);
                if (cloud != null) clouds.Add(cloud);
            }
        }
    }

    static EcsCloudSettings ReadCloud(YamlNode kindNode, YamlNode body, List<Finding> problems)
    {
        if (IsNull(body))
        {
            problems.Add(At(kindNode, "'ecs' cloud has no settings (at least 'name' and 'cluster')"));
            return null;
        }
        if (body is not YamlMappingNode map)
        {
            problems.Add(At(body, "'ecs' must be a mapping of the cloud's settings"));
            return null;
        }
        int before = problems.Count;
        var fields = Fields(map, CloudFields, "ecs cloud", problems);
        string name = Text(fields, "name", problems);
        string where = string.IsNullOrEmpty(name) ? "ecs cloud" : $"ecs cloud '{name}'";

        var poll = IntSetting(fields, "taskPollingIntervalInSeconds", PluginDefaults.TaskPollingIntervalInSeconds, zeroIsDefault: true, where, problems);
        var timeout = IntSetting(fields, "slaveTimeoutInSeconds", PluginDefaults.SlaveTimeoutInSeconds, zeroIsDefault: true, where, problems);
        var retention = IntSetting(fields, "retentionTimeout", PluginDefaults.RetentionTimeoutMinutes, zeroIsDefault: true, where, problems);
        var maxAgents = IntSetting(fields, "maxAgents", PluginDefaults.MaxAgents, zeroIsDefault: false, where, problems);
        var executors = IntSetting(fields, "numExecutors", PluginDefaults.NumExecutors, zeroIsDefault: false, where, problems);
        if (executors != null && executors.Value == 0)
            // ECSSlave's constructor: Math.max(1, cloud.getNumExecutors())
            executors = new Setting { Key = executors.Key, Value = 1, IsDefault = true, Line = executors.Line };
        bool retain = Bool(fields, "retainAgents", problems) ?? false;
        foreach (var key in new[] { "maxCpu", "maxMemory", "maxMemoryReservation" })
            IntSetting(fields, key, 0, zeroIsDefault: false, where, problems);

        var templates = new List<EcsTemplateSettings>();
        if (fields.TryGetValue("templates", out var t) && !IsNull(t.Value))
        {
            if (t.Value is not YamlSequenceNode seq)
                problems.Add(At(t.Value, $"'templates' of {where} must be a list"));
            else
                foreach (var item in seq.Children)
                {
                    var template = ReadTemplate(item, where, problems);
                    if (template != null) templates.Add(template);
                }
        }
        if (problems.Count > before) return null;
        return new EcsCloudSettings
        {
            Name = name,
            Line = Line(kindNode),
            Cluster = Text(fields, "cluster", problems),
            RegionName = Text(fields, "regionName", problems),
            TaskPollingIntervalInSeconds = poll,
            SlaveTimeoutInSeconds = timeout,
            RetentionTimeout = retention,
            MaxAgents = maxAgents,
            NumExecutors = executors,
            RetainAgents = retain,
            Templates = templates,
        };
    }

    static EcsTemplateSettings ReadTemplate(YamlNode node, string where, List<Finding> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add(At(node, $"each template of {where} must be a mapping of its settings"));
            return null;
        }
        int before = problems.Count;
        var fields = Fields(map, TemplateFields, $"template of {where}", problems);
        foreach (var key in new[] { "memory", "memoryReservation", "cpu", "sharedMemorySize", "ephemeralStorageSizeInGiB" })
            IntSetting(fields, key, 0, zeroIsDefault: false, $"template of {where}", problems);
        foreach (var key in new[] { "assignPublicIp", "privileged", "uniqueRemoteFSRoot", "defaultCapacityProvider", "enableExecuteCommand" })
            Bool(fields, key, problems);
        var template = new EcsTemplateSettings
        {
            TemplateName = Text(fields, "templateName", problems),
            Label = Text(fields, "label", problems),
            LaunchType = Text(fields, "launchType", problems),
            Line = Line(node),
        };
        return problems.Count > before ? null : template;
    }

    // ---- field helpers --------------------------------------------------------------------------------

    readonly record struct Field(YamlNode KeyNode, YamlNode Value);

    static Dictionary<string, Field> Fields(YamlMappingNode map, IReadOnlyList<string> known, string what, List<Finding> problems)
    {
        var result = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Key(keyNode);
            if (key == null)
            {
                problems.Add(At(keyNode, $"a key of the {what} is not a plain name"));
                continue;
            }
            if (!known.Contains(key))
            {
                var hint = Closest(key, known);
                problems.Add(At(keyNode, $"unknown field '{key}' in the {what}" + (hint != null ? $" (did you mean '{hint}'?)" : "")));
                continue;
            }
            result[key] = new Field(keyNode, value);
        }
        return result;
    }

    static Setting IntSetting(Dictionary<string, Field> fields, string key, int pluginDefault, bool zeroIsDefault, string where, List<Finding> problems)
    {
        if (!fields.TryGetValue(key, out var f) || IsNull(f.Value))
            return new Setting { Key = key, Value = pluginDefault, IsDefault = true };
        if (f.Value is not YamlScalarNode scalar)
        {
            problems.Add(At(f.Value, $"'{key}' of {where} must be a whole number"));
            return null;
        }
        var text = scalar.Value?.Trim() ?? "";
        if (text.Contains("${"))
        {
            problems.Add(At(f.Value, $"'{key}' of {where} is '{text}': JCasC variables are not resolved here; put the number in the file to check it"));
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            problems.Add(At(f.Value, $"'{key}' of {where} must be a whole number, not '{text}'"));
            return null;
        }
        if (n < 0)
        {
            problems.Add(At(f.Value, $"'{key}' of {where} must not be negative ({n})"));
            return null;
        }
        if (n == 0 && zeroIsDefault)
            return new Setting { Key = key, Value = pluginDefault, IsDefault = true, Line = Line(f.KeyNode) };
        return new Setting { Key = key, Value = n, IsDefault = false, Line = Line(f.KeyNode) };
    }

    static bool? Bool(Dictionary<string, Field> fields, string key, List<Finding> problems)
    {
        if (!fields.TryGetValue(key, out var f) || IsNull(f.Value)) return null;
        var text = (f.Value as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
        switch (text)
        {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
        }
        problems.Add(At(f.Value, $"'{key}' must be true or false" + (text != null ? $", not '{text}'" : "")));
        return null;
    }

    static string Text(Dictionary<string, Field> fields, string key, List<Finding> problems)
    {
        if (!fields.TryGetValue(key, out var f) || IsNull(f.Value)) return null;
        if (f.Value is YamlScalarNode s) return s.Value;
        problems.Add(At(f.Value, $"'{key}' must be a single value"));
        return null;
    }

    // ---- YAML helpers ----------------------------------------------------------------------------------

    static string Key(YamlNode node) => node is YamlScalarNode s ? s.Value : null;

    static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    static int Line(YamlNode node) => ToInt(node.Start.Line);

    static Finding At(YamlNode node, string message) => Problem(ToInt(node.Start.Line), ToInt(node.Start.Column), message);

    static Finding Problem(int line, int column, string message) => new() { Code = "ConfigInvalid", Line = line, Column = column, Message = message };

    /// <summary>The first line whose indentation contains a tab, and the tab's column (1-based).</summary>
    static (int, int)? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            for (int j = 0; j < lines[i].Length && (lines[i][j] == ' ' || lines[i][j] == '\t'); j++)
                if (lines[i][j] == '\t') return (i + 1, j + 1);
        }
        return null;
    }

    static int ToInt(long v) => v > int.MaxValue ? int.MaxValue : (int)v;

    static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        var m = e.Message;
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the position is reported separately.
        int i = m.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && m.StartsWith("(Line", StringComparison.Ordinal) ? m[(i + 3)..] : m;
    }

    /// <summary>The known name closest to an unknown one, when it is close enough to be a typo.</summary>
    static string Closest(string key, IReadOnlyList<string> known)
    {
        string best = null;
        int bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            int d = Distance(key.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        return bestDistance <= Math.Max(2, key.Length / 4) ? best : null;
    }

    static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
