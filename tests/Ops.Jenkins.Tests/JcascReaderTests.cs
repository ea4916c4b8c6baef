using Ops.Jenkins.Configuration;
using Xunit;

namespace Ops.Jenkins.Tests;

public class JcascReaderTests
{
    static JcascException Fails(string yaml)
    {
        var e = Assert.Throws<JcascException>(() => JcascReader.Read(yaml, "jenkins.yaml"));
        Assert.NotEmpty(e.Problems);
        return e;
    }

    [Fact]
    public void ReadsTheSeedCloudWithLines()
    {
        var doc = JcascReader.Read(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5, extra: "        retainAgents: false\n        maxAgents: 100\n        numExecutors: 1"));
        var c = Assert.Single(doc.Clouds);
        Assert.Equal("builds", c.Name);
        Assert.Equal(3, c.Line);
        Assert.Equal(300, c.TaskPollingIntervalInSeconds.Value);
        Assert.False(c.TaskPollingIntervalInSeconds.IsDefault);
        Assert.Equal(6, c.TaskPollingIntervalInSeconds.Line);
        Assert.Equal(300, c.SlaveTimeoutInSeconds.Value);
        Assert.Equal(7, c.SlaveTimeoutInSeconds.Line);
        Assert.Equal(5, c.RetentionTimeout.Value);
        Assert.Equal(100, c.MaxAgents.Value);
        Assert.False(c.RetainAgents);
        Assert.Equal("OnceRetentionStrategy", c.RetentionStrategy);
        Assert.Equal("builds", Assert.Single(c.Templates).Label);
    }

    [Fact]
    public void MissingFieldsTakeThePluginDefaults()
    {
        var c = Assert.Single(JcascReader.Read(TestFiles.Cloud()).Clouds);
        Assert.Equal((1, true), (c.TaskPollingIntervalInSeconds.Value, c.TaskPollingIntervalInSeconds.IsDefault));
        Assert.Equal((900, true), (c.SlaveTimeoutInSeconds.Value, c.SlaveTimeoutInSeconds.IsDefault));
        Assert.Equal((5, true), (c.RetentionTimeout.Value, c.RetentionTimeout.IsDefault));
        Assert.Equal(0, c.MaxAgents.Value);
        Assert.Equal(1, c.NumExecutors.Value);
        Assert.Contains("plugin default", c.TaskPollingIntervalInSeconds.Describe());
    }

    [Fact]
    public void ZeroMeansTheDefaultAsTheGettersSay()
    {
        var c = Assert.Single(JcascReader.Read(TestFiles.Cloud(poll: 0, timeout: 0, retention: 0)).Clouds);
        Assert.Equal(1, c.TaskPollingIntervalInSeconds.Value);
        Assert.Equal(900, c.SlaveTimeoutInSeconds.Value);
        Assert.Equal(5, c.RetentionTimeout.Value);
        Assert.True(c.RetentionTimeout.IsDefault);
        Assert.Contains("0 on line", c.RetentionTimeout.Describe());
    }

    [Fact]
    public void RetainAgentsPicksCloudRetentionStrategy()
    {
        var c = Assert.Single(JcascReader.Read(TestFiles.Cloud(extra: "        retainAgents: true")).Clouds);
        Assert.True(c.RetainAgents);
        Assert.Equal("CloudRetentionStrategy", c.RetentionStrategy);
    }

    [Fact]
    public void ReadsSeveralCloudsAndTemplatesAndSkipsOtherKinds()
    {
        var doc = JcascReader.ReadFile(TestFiles.ExampleFile);
        Assert.Equal(new[] { "frontend-builds", "frontend-builds-fixed", "backend-builds" }, doc.Clouds.Select(c => c.Name));
        Assert.Equal(new[] { "maven", "node" }, doc.Clouds[2].Templates.Select(t => t.DisplayName));
        Assert.Contains(doc.Notes, n => n.Contains("'kubernetes' cloud skipped"));
    }

    [Fact]
    public void FilesWithoutEcsCloudsAreNotes()
    {
        Assert.Contains("no 'jenkins:' section", Assert.Single(JcascReader.Read("unclassified:\n  location:\n    url: x\n").Notes));
        Assert.Contains("no 'ecs' cloud", Assert.Single(JcascReader.Read("jenkins:\n  systemMessage: hi\n").Notes));
        Assert.Empty(JcascReader.Read("").Clouds);
    }

    [Fact]
    public void UnknownCloudFieldIsAnErrorWithItsLineAndAHint()
    {
        var e = Fails(TestFiles.Cloud(extra: "        taskPollingIntervalSeconds: 300"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(6, p.Line);
        Assert.Equal(9, p.Column);
        Assert.Contains("unknown field 'taskPollingIntervalSeconds'", p.Message);
        Assert.Contains("did you mean 'taskPollingIntervalInSeconds'", p.Message);
        Assert.StartsWith("jenkins.yaml:6:9: ", e.Message);
    }

    [Fact]
    public void UnknownTemplateFieldIsAnError()
    {
        var yaml = TestFiles.Cloud() + "            imagee: jenkins/agent\n";
        var p = Assert.Single(Fails(yaml).Problems);
        Assert.Equal(9, p.Line);
        Assert.Contains("unknown field 'imagee' in the template of ecs cloud 'builds'", p.Message);
        Assert.Contains("did you mean 'image'", p.Message);
    }

    [Fact]
    public void EveryProblemIsReported()
    {
        var yaml = TestFiles.Cloud(extra: "        retentionTimeout: five\n        slaveTimeoutInSeconds: -1\n        bogus: 1");
        var problems = Fails(yaml).Problems;
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("'retentionTimeout' of ecs cloud 'builds' must be a whole number, not 'five'"));
        Assert.Contains(problems, p => p.Line == 7 && p.Message.Contains("must not be negative"));
        Assert.Contains(problems, p => p.Line == 8 && p.Message.Contains("unknown field 'bogus'"));
    }

    [Fact]
    public void JcascVariablesAreNotGuessed()
    {
        var p = Assert.Single(Fails(TestFiles.Cloud(extra: "        taskPollingIntervalInSeconds: ${POLL}")).Problems);
        Assert.Contains("JCasC variables are not resolved", p.Message);
    }

    [Theory]
    [InlineData("jenkins:\n  clouds:\n    - ecs:\n        name: a\n       cluster: b\n", 5)]       // bad indentation
    [InlineData("jenkins:\n  clouds:\n    - ecs: {name: a, cluster: b\n", 4)]                  // unclosed flow mapping
    [InlineData("jenkins:\n  clouds:\n\t- ecs:\n", 3)]                                           // tab indentation
    [InlineData("jenkins:\n  clouds:\n    - ecs:\n        name: a\n        name: b\n", 5)]     // duplicate key
    public void MalformedYamlIsReportedWithItsLine(string yaml, int line)
    {
        var p = Assert.Single(Fails(yaml).Problems);
        Assert.Equal(line, p.Line);
        Assert.StartsWith("malformed YAML: ", p.Message);
    }

    [Theory]
    [InlineData("jenkins:\n  clouds:\n    ecs:\n      name: a\n", "must be a list")]
    [InlineData("jenkins:\n  clouds:\n    - ecs: 3\n", "must be a mapping")]
    [InlineData("jenkins:\n  clouds:\n    - ecs:\n        name: a\n        templates: x\n", "'templates' of ecs cloud 'a' must be a list")]
    [InlineData("- jenkins\n", "must be a mapping of JCasC sections")]
    public void WrongShapesAreErrors(string yaml, string message)
    {
        Assert.Contains(message, Assert.Single(Fails(yaml).Problems).Message);
    }

    [Fact]
    public void UnreadableFileIsAConfigError()
    {
        var e = Assert.Throws<JcascException>(() => JcascReader.ReadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-ops", "x.yaml")));
        Assert.Contains("cannot read the file", e.Message);
    }
}
