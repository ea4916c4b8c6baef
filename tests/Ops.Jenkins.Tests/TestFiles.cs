namespace Ops.Jenkins.Tests;

/// <summary>The repository (found from the test assembly's folder) and throwaway YAML files.</summary>
public static class TestFiles
{
    public static string ExampleFile => TestPaths.Example("jenkins", "jenkins.yaml");

    /// <summary>Writes YAML to a new temporary file and returns its path.</summary>
    public static string Yaml(string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-jenkins-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    /// <summary>A JCasC file with one ecs cloud with these timing fields (omitted when null).</summary>
    public static string Cloud(int? poll = null, int? timeout = null, int? retention = null, string name = "builds", string extra = "")
    {
        var lines = new List<string>
        {
            "jenkins:",
            "  clouds:",
            "    - ecs:",
            $"        name: {name}",
            "        cluster: arn:aws:ecs:eu-west-2:123456789012:cluster/builds",
        };
        if (poll != null) lines.Add($"        taskPollingIntervalInSeconds: {poll}");
        if (timeout != null) lines.Add($"        slaveTimeoutInSeconds: {timeout}");
        if (retention != null) lines.Add($"        retentionTimeout: {retention}");
        if (extra.Length > 0) lines.Add(extra);
        lines.Add("        templates:");
        lines.Add("          - label: builds");
        lines.Add("            image: jenkins/inbound-agent");
        return string.Join("\n", lines) + "\n";
    }
}
