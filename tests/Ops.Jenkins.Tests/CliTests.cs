using System.Text.Json;
using Ops.Cli;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary><c>ops jenkins-ecs check</c>: output and exit codes.</summary>
public class CliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void UnsafeFileExits12WithTimelineAndSuggestion()
    {
        var (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.Yaml(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5)));
        Assert.Equal(12, code);
        Assert.Contains("cloud 'builds' (line 3): UNSAFE", stdout);
        Assert.Contains("t=300      launcher: DescribeTasks sees RUNNING", stdout);
        Assert.Contains("t>300      retention check", stdout);
        Assert.Contains("retentionTimeout: 6 min together with slaveTimeoutInSeconds: 315 s", stdout);
        Assert.Contains("stays safe if tasks take up to 180 s to start, agents up to 135 s to connect and the queue up to 8 s to hand over the build (the assumed upper bounds + 50%)", stdout);
        Assert.Contains("verified by a second check with those timings", stdout);
        Assert.Contains("1 of 1 ECS cloud(s) not safe (exit 12).", stdout);
    }

    [Fact]
    public void TheExampleAsTheReadmeTourRunsIt()
    {
        var (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.ExampleFile);
        Assert.Equal(12, code);
        Assert.Contains("cloud 'frontend-builds' (line 13): UNSAFE", stdout);
        Assert.Contains("cloud 'frontend-builds-fixed' (line 36): safe", stdout);
        Assert.Contains("cloud 'backend-builds' (line 51): safe", stdout);
        Assert.Contains("retentionTimeout: 6 min together with slaveTimeoutInSeconds: 315 s (now 5 min and 300 s; no one setting alone is safe with a 50% margin): " +
                        "stays safe if tasks take up to 180 s to start, agents up to 135 s to connect and the queue up to 8 s to hand over the build", stdout);
        Assert.Contains("1 of 3 ECS cloud(s) not safe (exit 12).", stdout);
        (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.ExampleFile, "--margin", "0");
        Assert.Equal(12, code);
        Assert.Contains("taskPollingIntervalInSeconds: 295 s (largest safe with no margin; now 300 s): safe at the edge of the assumptions", stdout);
    }

    [Fact]
    public void A_stopped_check_ends_at_once_with_no_verdict()
    {
        // Ctrl+C before the first cloud's model run: before, every cloud's run ended on its own (a cancelled run each,
        // then the search for a safe setting went on over them, about 30 ms a cloud) and the check printed verdicts
        // made of cancelled runs; now the first run asked for throws, and the CLI says it stopped (exit 255).
        var clouds = string.Concat(Enumerable.Range(1, 50).Select(i =>
            $"    - ecs:\n        name: c{i}\n        cluster: arn:aws:ecs:eu-west-2:123456789012:cluster/c\n        maxAgents: 100\n" +
            "        retentionTimeout: 5\n        taskPollingIntervalInSeconds: 300\n        slaveTimeoutInSeconds: 300\n" +
            $"        templates:\n          - templateName: t{i}\n            label: t{i}\n            image: jenkins/inbound-agent\n"));
        var file = Path.Combine(Path.GetTempPath(), "ops-jenkins-stop-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, "jenkins:\n  clouds:\n" + clouds);
        try
        {
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            Assert.Throws<OperationCanceledException>(() => JenkinsEcsChecker.CheckFile(file, cancel: stop.Token));
            var o = new StringWriter();
            var e = new StringWriter();
            int code = CliApp.Run(new[] { "jenkins-ecs", "check", file }, o, e, new CliHost { Cancellation = stop.Token });
            Assert.Equal(255, code);
            Assert.Equal("", o.ToString());
            Assert.Equal("ops: stopped (Ctrl+C or SIGTERM) before the command finished: no verdict, nothing written", e.ToString().Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void SafeFileExits0()
    {
        var (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.Yaml(TestFiles.Cloud(poll: 150, timeout: 300, retention: 5)));
        Assert.Equal(0, code);
        Assert.Contains("cloud 'builds' (line 3): safe", stdout);
        Assert.Contains("All 1 ECS cloud(s) safe.", stdout);
    }

    [Fact]
    public void AssumptionFlagsChangeTheVerdict()
    {
        var file = TestFiles.Yaml(TestFiles.Cloud(poll: 150, timeout: 300, retention: 5));
        Assert.Equal(12, Run("jenkins-ecs", "check", file, "--task-start", "20,200", "--no-suggest").code);
        var (code, stdout, _) = Run("jenkins-ecs", "check", file, "--task-start", "20,120", "--agent-connect", "10,90");
        Assert.Equal(0, code);
        Assert.Contains("task RUNNING 20..120 s after RunTask; agent online 10..90 s after RUNNING", stdout);
    }

    [Fact]
    public void BadYamlExits151WithTheLine()
    {
        var file = TestFiles.Yaml(TestFiles.Cloud(extra: "        retentionTimout: 5"));
        var (code, stdout, stderr) = Run("jenkins-ecs", "check", file);
        Assert.Equal(151, code);
        Assert.Equal("", stdout);
        Assert.Contains($"{file}:6:9: unknown field 'retentionTimout' in the ecs cloud (did you mean 'retentionTimeout'?)", stderr);
        Assert.Contains("is not a valid configuration (1 problem)", stderr);

        (code, _, stderr) = Run("jenkins-ecs", "check", TestFiles.Yaml("jenkins:\n  clouds:\n    - ecs: [\n"));
        Assert.Equal(151, code);
        Assert.Contains("malformed YAML", stderr);
    }

    [Fact]
    public void JsonReportOnStdout()
    {
        var (code, stdout, stderr) = Run("jenkins-ecs", "check", TestFiles.ExampleFile, "-json", "-", "--no-suggest");
        Assert.Equal(12, code);
        Assert.Contains("UNSAFE", stderr); // the text goes to stderr when JSON takes stdout
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(12, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(120, root.GetProperty("assumptions").GetProperty("taskStartMaxSeconds").GetInt32());
        var clouds = root.GetProperty("clouds");
        Assert.Equal(3, clouds.GetArrayLength());
        var first = clouds[0];
        Assert.Equal("unsafe", first.GetProperty("verdict").GetString());
        Assert.Equal(23, first.GetProperty("settings").GetProperty("taskPollingIntervalInSeconds").GetProperty("line").GetInt32());
        var timeline = first.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal("RetentionTerminates", timeline[^1].GetProperty("action").GetString());
        Assert.Equal(300, timeline[^1].GetProperty("t").GetInt32());
        Assert.Equal("safety failure", first.GetProperty("model").GetProperty("result").GetString());
        Assert.True(clouds[2].GetProperty("settings").GetProperty("slaveTimeoutInSeconds").GetProperty("default").GetBoolean());
    }

    [Fact]
    public void JsonReportToAFile()
    {
        var json = Path.Combine(Path.GetTempPath(), "ops-jenkins-tests", Guid.NewGuid().ToString("N") + ".json");
        var (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.Yaml(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5)), "-json", json, "--margin", "0");
        Assert.Equal(12, code);
        Assert.Contains("UNSAFE", stdout);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var sug = doc.RootElement.GetProperty("clouds")[0].GetProperty("suggestions")[0];
            Assert.Equal(295, sug.GetProperty("suggested").GetInt32());
            Assert.Equal(0, sug.GetProperty("marginPercent").GetInt32());
            Assert.True(sug.GetProperty("verified").GetBoolean());
        }

        (code, _, _) = Run("jenkins-ecs", "check", TestFiles.Yaml(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5)), "-json", json, "--margin", "100%");
        Assert.Equal(12, code);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            Assert.Equal(100, doc.RootElement.GetProperty("assumptions").GetProperty("marginPercent").GetInt32());
            var sug = doc.RootElement.GetProperty("clouds")[0].GetProperty("suggestions")[0];
            Assert.Equal(100, sug.GetProperty("marginPercent").GetInt32());
            Assert.Equal(240, sug.GetProperty("safeUpTo").GetProperty("taskStartMaxSeconds").GetInt32());
            Assert.Equal(180, sug.GetProperty("safeUpTo").GetProperty("agentConnectMaxSeconds").GetInt32());
            Assert.Equal(10, sug.GetProperty("safeUpTo").GetProperty("queueSeconds").GetInt32());
            Assert.True(sug.GetProperty("verified").GetBoolean());
        }
    }

    [Theory]
    [InlineData(new[] { "jenkins-ecs" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "--help" }, 0)]
    [InlineData(new[] { "jenkins-ecs", "lint", "x.yaml" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--task-start", "120,20" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--agent-connect", "ten" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--frobnicate" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--margin", "-10" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--margin", "1000" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--margin", "lots" }, 255)]
    [InlineData(new[] { "jenkins-ecs", "check", "a.yaml", "--margin" }, 255)]
    public void UsageErrors(string[] args, int expected)
    {
        Assert.Equal(expected, Run(args).code);
    }

    [Fact]
    public void MissingFileIsAConfigError()
    {
        var (code, _, stderr) = Run("jenkins-ecs", "check", Path.Combine(Path.GetTempPath(), "ops-no-such", "jenkins.yaml"));
        Assert.Equal(151, code);
        Assert.Contains("cannot read the file", stderr);
    }

    [Fact]
    public void NoEcsCloudIsSafeWithANote()
    {
        var (code, stdout, _) = Run("jenkins-ecs", "check", TestFiles.Yaml("jenkins:\n  clouds:\n    - kubernetes:\n        name: k\n"));
        Assert.Equal(0, code);
        Assert.Contains("note: line 3: 'kubernetes' cloud skipped", stdout);
        Assert.Contains("No ECS cloud to check.", stdout);
    }
}
