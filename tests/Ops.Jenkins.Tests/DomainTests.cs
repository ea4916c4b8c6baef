using System.Text.Json;
using System.Xml.Linq;
using Ops.Domain;
using Ops.Jenkins.Configuration;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>The Jenkins check as a domain of the shared contract: an unsafe cloud is a finding at its line with the
/// violated property, the timeline as its trace and the safe settings as its fix; a bad file is a ConfigException
/// whose problems are findings with their line and column.</summary>
public class DomainTests
{
    [Fact]
    public void An_unsafe_cloud_is_a_finding_at_its_line_with_the_safe_setting_as_fix()
    {
        var file = TestFiles.Yaml(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5) + TestFiles.Cloud(poll: 150, name: "fast").Replace("jenkins:\n  clouds:\n", ""));
        var report = JenkinsEcsChecker.CheckFile(file);
        Assert.Equal(2, report.Clouds.Count);
        Assert.False(report.Passed);
        Assert.Equal(12, report.ExitCode);
        var f = Assert.Single(report.Findings);
        Assert.Equal("AgentTerminated", f.Code);
        Assert.Equal("cloud 'builds'", f.Subject);
        Assert.Equal($"{file}:{report.Clouds[0].Line}", f.Place);
        Assert.Equal("AgentNotTerminatedWhileBuildWaits", f.Property);
        Assert.Equal(report.Clouds[0].Summary, f.Message);
        Assert.Contains(report.Clouds[0].Suggestions[0].Text, f.Fix);
        Assert.StartsWith("t=0 the build is queued", f.Trace[0]);
        Assert.Contains(f.Trace, t => t.StartsWith("why: "));
        Assert.Equal(2, report.ModelRuns.Count);
        Assert.Contains("cloud 'fast': jenkins_ecs.tla, success;", report.ModelRuns[1]);
        Assert.Empty(report.Plan);

        // The shared renderers read it in the domain's words; its own text and JSON stay the Jenkins check's.
        var junit = XDocument.Parse(ReportJUnit.Format(report));
        Assert.Contains(junit.Descendants("testcase"), c => c.Attribute("name")!.Value == "AgentTerminated cloud 'builds'" && c.Element("failure") != null);
        Assert.StartsWith("Jenkins amazon-ecs check: ", report.ToText());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(12, json.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void A_safe_file_passes_with_no_finding_and_no_plan()
    {
        var report = JenkinsEcsChecker.CheckFile(TestFiles.Yaml(TestFiles.Cloud(poll: 150)));
        Assert.True(report.Passed);
        Assert.Equal(0, report.ExitCode);
        Assert.Empty(report.Findings);
        Assert.Single(report.ModelRuns);
    }

    [Fact]
    public void A_bad_file_is_a_config_exception_with_findings_at_line_and_column()
    {
        var domain = new JenkinsEcsDomain();
        var e = Assert.Throws<JcascException>(() => domain.Read(TestFiles.Yaml(TestFiles.Cloud(extra: "        taskPollingIntervalSeconds: 300"))));
        Assert.IsAssignableFrom<ConfigException>(e);
        var p = Assert.Single(e.Problems);
        Assert.Equal(("ConfigInvalid", 6, 9), (p.Code, p.Line, p.Column));
    }
}
