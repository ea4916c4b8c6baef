using Ops.Jenkins.Explain;
using Ops.Jenkins.Model;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>From a JCasC file to the verdict, the timeline, the causes and the verified safe setting.</summary>
public class CheckerTests
{
    static CloudVerdict One(string yaml, LaunchAssumptions a = null, bool suggest = true) =>
        Assert.Single(JenkinsEcsChecker.CheckFile(TestFiles.Yaml(yaml), a, suggest).Clouds);

    [Fact]
    public void TheSeedFailsWithTheIncidentTimeline()
    {
        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5));
        Assert.Equal("unsafe", v.Verdict);
        Assert.Equal(JenkinsExitCodes.AgentTerminated, v.ExitCode);
        Assert.Equal("AgentNotTerminatedWhileBuildWaits", v.Property);

        var timeline = v.Timeline.Select(e => e.ToString()).ToList();
        Assert.StartsWith("t=0 the build is queued", timeline[0]);
        Assert.Contains(timeline, l => l.StartsWith("t=20 ECS: the task is RUNNING (the launcher's next DescribeTasks is at t=300)"));
        Assert.Contains(timeline, l => l.StartsWith("t=30..110 the agent connects"));
        Assert.Contains(timeline, l => l.StartsWith("t=300 launcher: DescribeTasks sees RUNNING") && l.Contains("deadline t=300 (slaveTimeoutInSeconds, line 7) has passed"));
        Assert.Contains(timeline, l => l.StartsWith("t=300 launcher: the agent is online; launch returns"));
        Assert.StartsWith("t>300 retention check (OnceRetentionStrategy", timeline[^1]);
        Assert.Contains("the agent is terminated while the build waits", timeline[^1]);
        // In time order.
        Assert.Equal(v.Timeline.Select(e => e.Seconds).OrderBy(s => s), v.Timeline.Select(e => e.Seconds));

        Assert.Contains(v.Causes, c => c.Contains("every 300 s (taskPollingIntervalInSeconds, line 6)"));
        Assert.Contains(v.Causes, c => c.Contains("5 min (retentionTimeout, line 8)"));
    }

    [Fact]
    public void TheSeedGetsAVerifiedPollingInterval()
    {
        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5));
        var s = v.Suggestions[0];
        Assert.Equal("taskPollingIntervalInSeconds", s.Setting);
        Assert.Equal(300, s.Current);
        Assert.Equal(295, s.Suggested);
        Assert.True(s.Verified);
        Assert.True(s.VerificationDistinctStates > 0);
        Assert.Contains(s.Candidates, c => c.Value == 150 && c.Passed);
        Assert.All(s.Candidates, c => Assert.True(c.Value < 300));
        // And the value really is safe, checked here a third time, while the next one up is not.
        Assert.True(EcsLaunchModel.Check(v.Timing.WithPoll(s.Suggested)).Passed);
        Assert.False(EcsLaunchModel.Check(v.Timing.WithPoll(s.Suggested + 5)).Passed);
    }

    [Fact]
    public void Polling150Passes()
    {
        var v = One(TestFiles.Cloud(poll: 150, timeout: 300, retention: 5));
        Assert.Equal("safe", v.Verdict);
        Assert.Equal(0, v.ExitCode);
        Assert.Empty(v.Timeline);
        Assert.Empty(v.Suggestions);
    }

    [Fact]
    public void PluginDefaultsPass()
    {
        var v = One(TestFiles.Cloud());
        Assert.True(v.Safe);
        Assert.Equal(new EcsTiming(1, 900, 5, 0, 1), v.Timing);
    }

    [Fact]
    public void WhenNoPollingIntervalHelpsTheRetentionIsRaised()
    {
        // Retention 3 min: an agent can take 120 + 90 s to come online, so it is still launching at 180 s.
        var v = One(TestFiles.Cloud(retention: 3));
        Assert.Equal("unsafe", v.Verdict);
        Assert.Equal("t>180", v.Timeline[^1].When);
        Assert.Equal("RetentionTerminates", v.Timeline[^1].Action);
        Assert.Contains(v.Causes, c => c.Contains("3 min (retentionTimeout, line 6)"));
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(("retentionTimeout", 4, true), (s.Setting, s.Suggested, s.Verified));
    }

    [Fact]
    public void APollAfterTheIdleLimitKillsTheAgentWhileItIsLaunched()
    {
        var v = One(TestFiles.Cloud(poll: 600, timeout: 300, retention: 5));
        Assert.Contains("still being launched", v.Summary);
        Assert.Contains(v.Causes, c => c.Contains("next DescribeTasks is only at t=600"));
        Assert.Equal(("taskPollingIntervalInSeconds", 295, true), (v.Suggestions[0].Setting, v.Suggestions[0].Suggested, v.Suggestions[0].Verified));
    }

    [Fact]
    public void AShortTimeoutFailsTheLaunchAndTheTimeoutIsRaised()
    {
        var v = One(TestFiles.Cloud(timeout: 120));
        Assert.Equal("unsafe", v.Verdict);
        Assert.Contains(v.Timeline, e => e.Action == "LaunchFails" && e.Text.Contains("Agent is not connected"));
        Assert.Contains("gives up", v.Summary);
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(("slaveTimeoutInSeconds", 210, true), (s.Setting, s.Suggested, s.Verified));
    }

    [Fact]
    public void NoRoomMeansWaitingForeverAndMaxAgentsIsSuggested()
    {
        var v = One(TestFiles.Cloud(extra: "        maxAgents: 4"), new LaunchAssumptions { BusyExecutors = 4 });
        Assert.Equal("waits forever", v.Verdict);
        Assert.Equal(JenkinsExitCodes.BuildWaitsForever, v.ExitCode);
        Assert.Contains("no room", v.Timeline[0].Text);
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(("maxAgents", 0, true), (s.Setting, s.Suggested, s.Verified));
    }

    [Fact]
    public void TheExampleFileHasOneUnsafeCloud()
    {
        var report = JenkinsEcsChecker.CheckFile(TestFiles.ExampleFile, suggest: false);
        Assert.Equal(new[] { "unsafe", "safe", "safe" }, report.Clouds.Select(c => c.Verdict));
        Assert.Equal(12, report.ExitCode);
        Assert.Empty(report.Clouds[0].Suggestions);
    }

    [Fact]
    public void SuggestionSearchOnItsOwn()
    {
        var found = SafeSettingSearch.Find(new EcsTiming(300, 300, 5), LaunchAssumptions.Default, new[] { "taskPollingIntervalInSeconds" });
        Assert.Equal(295, found[0].Suggested);
        Assert.True(found[0].Candidates.Count <= 10);
    }
}
