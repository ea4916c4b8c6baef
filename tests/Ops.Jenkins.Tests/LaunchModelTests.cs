using Ops.Jenkins.Model;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>The model on its own: the verdicts the issue asks for, boundaries, and the exactness of the time step.</summary>
public class LaunchModelTests
{
    static readonly EcsTiming Seed = new(PollSeconds: 300, SlaveTimeoutSeconds: 300, RetentionMinutes: 5, MaxAgents: 100);
    static readonly EcsTiming Defaults = new(1, 900, 5);

    static ModelRun Check(EcsTiming t, LaunchAssumptions a = null, int? unit = null, bool all = false) => EcsLaunchModel.Check(t, a, unit, all);

    static string Last(ModelRun run) => run.Result.Trace.Count == 0 ? "" : Explain.TraceExplainer.ActionName(run.Result.Trace[^1].Action);

    [Fact]
    public void TheSeedSettingsFail()
    {
        var run = Check(Seed);
        Assert.Equal(CheckOutcome.SafetyFailure, run.Result.Outcome);
        Assert.Equal(12, run.Result.ExitCode);
        Assert.Equal(EcsLaunchModel.SafetyProperty, run.Result.Violation.Property);
        Assert.Equal(5, run.Unit);
        Assert.Equal("RetentionTerminates", Last(run));
    }

    [Fact]
    public void PollingEvery150SecondsPasses()
    {
        var run = Check(Seed.WithPoll(150));
        Assert.True(run.Passed, run.Result.Violation?.Message);
    }

    [Fact]
    public void ThePluginDefaultsPass()
    {
        var run = Check(Defaults);
        Assert.True(run.Passed, run.Result.Violation?.Message);
        Assert.Equal(1, run.Unit);
    }

    [Theory]
    // Launch returns at the poll that sees RUNNING (<= 120 + 90 online by then); the build is handed over within 5 s,
    // and the retention check may fire from 300 s on: safe iff the poll that sees RUNNING is at <= 295 s.
    [InlineData(295, 300, 5, true)]
    [InlineData(296, 300, 5, false)]
    [InlineData(210, 300, 5, true)]
    [InlineData(300, 300, 6, true)]    // one more minute of retention saves the seed
    [InlineData(300, 900, 5, false)]   // a longer timeout alone does not
    [InlineData(1, 900, 4, true)]      // 120 + 90 + 5 <= 240
    [InlineData(1, 900, 3, false)]     // 120 + 90 + 5 > 180: the agent is still launching
    [InlineData(1, 210, 5, true)]      // the slowest agent is online exactly at the deadline
    [InlineData(1, 209, 5, false)]     // ... one second later than the last check: "Agent is not connected"
    [InlineData(600, 300, 5, false)]   // the first poll after RunTask comes after the idle limit
    public void Boundaries(int poll, int timeout, int retention, bool safe)
    {
        var run = Check(new EcsTiming(poll, timeout, retention));
        Assert.True(safe == run.Passed, $"{poll}/{timeout}/{retention}: {run.Result.OutcomeText} {Last(run)}");
    }

    [Fact]
    public void ATimeoutShorterThanTheAssumptionsFailsTheLaunch()
    {
        var run = Check(new EcsTiming(1, 209, 5));
        Assert.Equal("LaunchFails", Last(run));
    }

    [Fact]
    public void APollAfterTheIdleLimitKillsTheLaunchingAgent()
    {
        var run = Check(new EcsTiming(600, 300, 5));
        Assert.Equal("RetentionTerminates", Last(run));
        Assert.Equal("polling", Str(run, "launcher"));
    }

    [Fact]
    public void AssumptionsDecide()
    {
        var slowTasks = new LaunchAssumptions { TaskStart = new(20, 200) };
        Assert.False(Check(Seed.WithPoll(150), slowTasks).Passed); // RUNNING at 200 is seen at 300
        var fast = new LaunchAssumptions { TaskStart = new(5, 30), AgentConnect = new(5, 20) };
        Assert.True(Check(new EcsTiming(1, 60, 1), fast).Passed);  // 30 + 20 + 5 <= 60
    }

    [Fact]
    public void NoRoomUnderMaxAgentsMeansTheBuildWaitsForever()
    {
        var run = Check(new EcsTiming(1, 900, 5, MaxAgents: 2), new LaunchAssumptions { BusyExecutors = 2 });
        Assert.Equal(CheckOutcome.LivenessFailure, run.Result.Outcome);
        Assert.Equal(13, run.Result.ExitCode);
        Assert.True(Check(new EcsTiming(1, 900, 5, MaxAgents: 3), new LaunchAssumptions { BusyExecutors = 2 }).Passed);
        Assert.True(Check(new EcsTiming(1, 900, 5, MaxAgents: 0), new LaunchAssumptions { BusyExecutors = 50 }).Passed);
    }

    [Theory]
    [InlineData(300, 300, 5)]
    [InlineData(150, 300, 5)]
    [InlineData(295, 300, 5)]
    [InlineData(600, 300, 5)]
    [InlineData(100, 150, 5)]
    [InlineData(60, 120, 2)]
    public void TheCoarseTimeStepGivesTheSameVerdictAsWholeSeconds(int poll, int timeout, int retention)
    {
        var t = new EcsTiming(poll, timeout, retention);
        var coarse = Check(t);
        Assert.True(coarse.Unit > 1);
        var fine = Check(t, unit: 1);
        Assert.Equal(fine.Result.Outcome, coarse.Result.Outcome);
        if (!fine.Passed) Assert.Equal(Last(fine), Last(coarse));
    }

    [Theory]
    [InlineData(5, 900, 5)]
    [InlineData(5, 900, 3)]
    [InlineData(5, 205, 5)]
    [InlineData(5, 210, 5)]
    [InlineData(60, 180, 3)]
    [InlineData(150, 300, 5)]
    [InlineData(240, 250, 5)]
    [InlineData(295, 300, 5)]
    [InlineData(300, 300, 5)]
    [InlineData(300, 300, 6)]
    [InlineData(100, 150, 4)]
    [InlineData(45, 160, 4)]
    public void RepresentativeConnectTimesGiveTheVerdictsOfAllConnectTimes(int poll, int timeout, int retention)
    {
        var t = new EcsTiming(poll, timeout, retention);
        foreach (var a in new[] { LaunchAssumptions.Default, new LaunchAssumptions { TaskStart = new(0, 60), AgentConnect = new(0, 240) } })
        {
            var few = Check(t, a);
            var all = Check(t, a, all: true);
            Assert.Equal(all.Result.Outcome, few.Result.Outcome);
            Assert.Equal(Last(all), Last(few));
            Assert.True(few.Result.DistinctStates <= all.Result.DistinctStates);
        }
    }

    [Fact]
    public void UnitIsTheGcdOfEveryNumber()
    {
        Assert.Equal(5, EcsLaunchModel.UnitFor(Seed, LaunchAssumptions.Default));
        Assert.Equal(1, EcsLaunchModel.UnitFor(Defaults, LaunchAssumptions.Default));
        Assert.Equal(1, EcsLaunchModel.UnitFor(Seed, new LaunchAssumptions { TaskStart = new(21, 120) }));
    }

    [Fact]
    public void OneCheckIsQuick()
    {
        var run = Check(Defaults); // the largest state space among the cases above: 1 s steps over 900 s
        Assert.InRange(run.Result.DistinctStates, 1, 2_000);
        Assert.InRange(Check(Seed).Result.DistinctStates, 1, 200);
    }

    [Fact]
    public void TheEmbeddedModelIsTheOneInTheRepository()
    {
        foreach (var name in new[] { "jenkins_ecs.tla", "jenkins_ecs.cfg", "jenkins_ecs_safety.cfg" })
            Assert.Equal(File.ReadAllText(TestPaths.Repo("specs", "ops", name)).Replace("\r\n", "\n"),
                EcsLaunchModel.ResourceText(name).Replace("\r\n", "\n"));
    }

    [Fact]
    public void TheRepositoryConfigsGiveTheirDocumentedVerdicts()
    {
        var spec = TestPaths.Repo("specs", "ops", "jenkins_ecs.tla");
        var defaults = ModelChecker.Check(spec, new CheckOptions());
        Assert.Equal(CheckOutcome.Success, defaults.Outcome);
        var incident = ModelChecker.Check(spec, new CheckOptions { ConfigPath = TestPaths.Repo("specs", "ops", "jenkins_ecs_incident.cfg") });
        Assert.Equal(CheckOutcome.SafetyFailure, incident.Outcome);
        Assert.Equal("AgentNotTerminatedWhileBuildWaits", incident.Violation.Property);
    }

    [Theory]
    [InlineData(300, 300, 5)]
    [InlineData(150, 300, 5)]
    [InlineData(600, 300, 5)]
    [InlineData(40, 100, 2)]
    public void TimeNeverGoesBackwards(int poll, int timeout, int retention)
    {
        // The sanity invariant, with every safety violation turned off by letting the build run anyway.
        var dir = Path.Combine(Path.GetTempPath(), "ops-jenkins-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.Copy(TestPaths.Repo("specs", "ops", "jenkins_ecs.tla"), Path.Combine(dir, "jenkins_ecs.tla"));
        var constants = EcsLaunchModel.Constants(new EcsTiming(poll, timeout, retention), LaunchAssumptions.Default, 5);
        File.WriteAllText(Path.Combine(dir, "jenkins_ecs.cfg"),
            "CONSTANTS\n" + string.Concat(constants.Select(kv => $"    {kv.Key} = {kv.Value}\n")) +
            "SPECIFICATION Spec\nINVARIANT TimeMovesForward\nCHECK_DEADLOCK FALSE\n");
        var r = ModelChecker.Check(Path.Combine(dir, "jenkins_ecs.tla"), new CheckOptions());
        Assert.True(r.Outcome == CheckOutcome.Success, r.Violation?.Message);
    }

    static string Str(ModelRun run, string name)
    {
        var s = run.Result.Trace[^1];
        return (s.Values[Array.IndexOf(s.Variables, name)] as Ops.Tla.Values.StringValue)?.S;
    }
}
