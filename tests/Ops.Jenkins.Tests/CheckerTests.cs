using Ops.Jenkins.Explain;
using Ops.Jenkins.Model;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>From a JCasC file to the verdict, the timeline, the causes and the verified safe setting.</summary>
public class CheckerTests
{
    static CloudVerdict One(string yaml, LaunchAssumptions a = null, bool suggest = true, int margin = SafetyMargin.DefaultPercent) =>
        Assert.Single(JenkinsEcsChecker.CheckFile(TestFiles.Yaml(yaml), a, suggest, margin).Clouds);

    [Fact]
    public void TheSeedFailsWithTheIncidentTimeline()
    {
        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5));
        Assert.Equal(CloudOutcome.Unsafe, v.Outcome);
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
    public void WithoutAMarginTheSeedGetsThePollingIntervalAtTheEdge()
    {
        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5), margin: 0);
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
        Assert.Equal(CloudOutcome.Safe, v.Outcome);
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
        var v = One(TestFiles.Cloud(retention: 3), margin: 0);
        Assert.Equal(CloudOutcome.Unsafe, v.Outcome);
        Assert.Equal("t>180", v.Timeline[^1].When);
        Assert.Equal("RetentionTerminates", v.Timeline[^1].Action);
        Assert.Contains(v.Causes, c => c.Contains("3 min (retentionTimeout, line 6)"));
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(("retentionTimeout", 4, true), (s.Setting, s.Suggested, s.Verified));
    }

    [Fact]
    public void APollAfterTheIdleLimitKillsTheAgentWhileItIsLaunched()
    {
        var v = One(TestFiles.Cloud(poll: 600, timeout: 300, retention: 5), margin: 0);
        Assert.Contains("still being launched", v.Summary);
        Assert.Contains(v.Causes, c => c.Contains("next DescribeTasks is only at t=600"));
        Assert.Equal(("taskPollingIntervalInSeconds", 295, true), (v.Suggestions[0].Setting, v.Suggestions[0].Suggested, v.Suggestions[0].Verified));
    }

    [Fact]
    public void AShortTimeoutFailsTheLaunchAndTheTimeoutIsRaised()
    {
        var v = One(TestFiles.Cloud(timeout: 120), margin: 0);
        Assert.Equal(CloudOutcome.Unsafe, v.Outcome);
        Assert.Contains(v.Timeline, e => e.Action == "LaunchFails" && e.Text.Contains("Agent is not connected"));
        Assert.Contains("gives up", v.Summary);
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(("slaveTimeoutInSeconds", 210, true), (s.Setting, s.Suggested, s.Verified));
    }

    [Fact]
    public void NoRoomMeansWaitingForeverAndMaxAgentsIsSuggested()
    {
        var v = One(TestFiles.Cloud(extra: "        maxAgents: 4"), new LaunchAssumptions { BusyExecutors = 4 });
        Assert.Equal(CloudOutcome.WaitsForever, v.Outcome);
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
        var found = SafeSettingSearch.Find(new EcsTiming(300, 300, 5), LaunchAssumptions.Default, new[] { "taskPollingIntervalInSeconds" }, marginPercent: 0);
        Assert.Equal(295, found[0].Suggested);
        Assert.True(found[0].Candidates.Count <= 10);
    }

    // ---------------- suggestions with a margin ----------------

    [Fact]
    public void TheMarginWidensTheUpperBoundsOnly()
    {
        var w = LaunchAssumptions.Default.Widened(50);
        Assert.Equal((new SecondsRange(20, 180), new SecondsRange(10, 135), 8), (w.TaskStart, w.AgentConnect, w.QueueSeconds));
        Assert.Equal((new SecondsRange(20, 120), 5), (LaunchAssumptions.Default.Widened(0).TaskStart, LaunchAssumptions.Default.Widened(0).QueueSeconds));
        Assert.Throws<ArgumentException>(() => LaunchAssumptions.Default.Widened(-1));
        Assert.Throws<ArgumentException>(() => LaunchAssumptions.Default.Widened(SafetyMargin.MaxPercent + 1));
        Assert.Equal(25, SafetyMargin.Parse("25%", "--margin"));
        Assert.Throws<ArgumentException>(() => SafetyMargin.Parse("-5", "--margin"));
        Assert.Throws<ArgumentException>(() => SafetyMargin.Parse("half", "--margin"));
    }

    [Fact]
    public void TheSeedsSuggestionStaysSafeWhenTheTimingsAreHalfAgainAsLong()
    {
        // 295 s is safe only at the edge: with tasks up to 180 s to start and agents up to 135 s to connect it is not.
        var seed = new EcsTiming(300, 300, 5);
        var widened = LaunchAssumptions.Default.Widened(50);
        Assert.False(EcsLaunchModel.Check(seed.WithPoll(295), widened).Passed);
        // (as the README says: a task RUNNING after 180 s whose agent takes 135 s to connect is enough)
        Assert.False(EcsLaunchModel.Check(seed.WithPoll(295), new LaunchAssumptions { TaskStart = new(20, 180), AgentConnect = new(10, 135) }).Passed);
        Assert.True(EcsLaunchModel.Check(seed.WithPoll(295), new LaunchAssumptions { TaskStart = new(20, 180) }).Passed);

        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5));
        var s = Assert.Single(v.Suggestions);
        Assert.Equal(50, s.MarginPercent);
        Assert.True(s.Verified);
        // A launch may now take 180 + 135 s, and 8 s more to hand over the build: no polling interval alone helps,
        // the retention must outlast it and the timeout must wait for the agent.
        Assert.Equal(("retentionTimeout", 6, "min"), (s.Setting, s.Suggested, s.Unit));
        var with = Assert.Single(s.With);
        Assert.Equal(("slaveTimeoutInSeconds", 300, 315), (with.Setting, with.Current, with.Suggested));
        var fixedTiming = s.Apply(v.Timing);
        Assert.Equal(new EcsTiming(300, 315, 6, 100, 1), fixedTiming with { MaxAgents = 100, NumExecutors = 1 });
        // Checked again here, outside the search: safe with the widened timings, and each change is needed.
        Assert.True(EcsLaunchModel.Check(fixedTiming, widened).Passed);
        Assert.False(EcsLaunchModel.Check(fixedTiming.WithSlaveTimeout(314), widened).Passed);
        Assert.False(EcsLaunchModel.Check(fixedTiming.WithRetention(5), widened).Passed);
        Assert.Contains("stays safe if tasks take up to 180 s to start, agents up to 135 s to connect and the queue up to 8 s to hand over the build", s.Text);
        Assert.Contains("(the assumed upper bounds + 50%)", s.Text);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(100)]
    public void EverySuggestionIsSafeWithItsMargin(int margin)
    {
        // Each kind of mistake: polling, retention, timeout.
        foreach (var yaml in new[] { TestFiles.Cloud(poll: 300, timeout: 300, retention: 5), TestFiles.Cloud(retention: 3), TestFiles.Cloud(timeout: 120) })
        {
            var v = One(yaml, margin: margin);
            Assert.NotEmpty(v.Suggestions);
            var widened = LaunchAssumptions.Default.Widened(margin);
            foreach (var s in v.Suggestions)
            {
                Assert.True(s.Verified, s.Text);
                Assert.True(EcsLaunchModel.Check(s.Apply(v.Timing), widened).Passed, s.Text);
                Assert.True(EcsLaunchModel.Check(s.Apply(v.Timing)).Passed, s.Text);
            }
        }
    }

    [Fact]
    public void AQuarterMarginStillFindsAPollingInterval()
    {
        var v = One(TestFiles.Cloud(poll: 300, timeout: 300, retention: 5), margin: 25);
        var s = v.Suggestions[0];
        Assert.Equal("taskPollingIntervalInSeconds", s.Setting);
        Assert.Empty(s.With);
        var widened = LaunchAssumptions.Default.Widened(25);
        Assert.True(EcsLaunchModel.Check(v.Timing.WithPoll(s.Suggested), widened).Passed);
        Assert.False(EcsLaunchModel.Check(v.Timing.WithPoll(s.Suggested + 1), widened).Passed);
        Assert.Contains("stays safe if tasks take up to 150 s to start, agents up to 113 s to connect and the queue up to 7 s", s.Text);
    }
}
