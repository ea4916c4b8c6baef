using Ops.Jenkins.Model;

namespace Ops.Jenkins.Explain;

/// <summary>One candidate value the search had the checker try.</summary>
public sealed record CandidateCheck(int Value, bool Passed, long DistinctStates, long DurationMs);

/// <summary>A change of one setting that the checker found safe, and its verification.</summary>
public sealed class Suggestion
{
    /// <summary>The JCasC key.</summary>
    public string Setting { get; init; }
    public int Current { get; init; }
    public int Suggested { get; init; }
    public string Unit { get; init; } = "s";
    /// <summary>"largest safe" (polling) or "smallest safe" (timeouts).</summary>
    public string Kind { get; init; }
    /// <summary>Every value the search checked, in order.</summary>
    public IReadOnlyList<CandidateCheck> Candidates { get; init; }
    /// <summary>True when a second, separate check of the suggested value passed.</summary>
    public bool Verified { get; set; }
    public long VerificationDistinctStates { get; set; }

    public string Text =>
        $"{Setting}: {Suggested}{(Unit == "min" ? " min" : " s")} ({Kind} for these assumptions; now {Current}) -- " +
        (Verified ? $"verified by a second check ({VerificationDistinctStates} states)" : "NOT verified");

    /// <summary>"taskPollingIntervalInSeconds: 300 s -> 150 s (verified)".</summary>
    public override string ToString() => $"{Setting}: {Current} {Unit} -> {Suggested} {Unit}{(Verified ? " (verified)" : "")}";
}

/// <summary>Finds safe values for the setting at fault by asking the checker, one candidate at a time.</summary>
public static class SafeSettingSearch
{
    /// <summary>Most checks one search may run.</summary>
    public const int MaxChecks = 40;
    public const int MaxRetentionMinutes = 120;
    public const int MaxSlaveTimeoutSeconds = 3600;

    /// <summary>Safe changes, best first: the largest safe polling interval (what the seed's operators changed);
    /// when no polling interval helps, the smallest safe retentionTimeout and slaveTimeoutInSeconds; for a cloud
    /// without room, maxAgents. Each is verified by a second check.</summary>
    public static List<Suggestion> Find(EcsTiming timing, LaunchAssumptions a, IReadOnlyCollection<string> settingsAtFault, CancellationToken cancel = default)
    {
        var found = new List<Suggestion>();
        if (settingsAtFault.Contains("maxAgents"))
        {
            var s = Try("maxAgents", timing.MaxAgents, 0, "unlimited", "", timing.WithMaxAgents(0), a, cancel);
            if (s != null) found.Add(s);
            return found;
        }

        // The polling interval, on a ladder of multiples of the other numbers' gcd (so each check stays coarse).
        int q = Ladder(timing.WithPoll(0), a);
        var poll = LargestSafe("taskPollingIntervalInSeconds", timing.PollSeconds, q, timing.PollSeconds - 1,
            v => timing.WithPoll(v), a, cancel);
        if (poll != null) found.Add(poll);
        if (found.Count == 0)
        {
            var retention = SmallestSafe("retentionTimeout", timing.RetentionMinutes, timing.RetentionMinutes + 1, MaxRetentionMinutes, 1,
                v => timing.WithRetention(v), a, cancel, "min");
            if (retention != null) found.Add(retention);
            int qt = Ladder(timing.WithSlaveTimeout(0), a);
            int from = (timing.SlaveTimeoutSeconds / qt + 1) * qt;
            var timeout = SmallestSafe("slaveTimeoutInSeconds", timing.SlaveTimeoutSeconds, from, MaxSlaveTimeoutSeconds, qt,
                v => timing.WithSlaveTimeout(v), a, cancel, "s");
            if (timeout != null) found.Add(timeout);
        }
        foreach (var s in found) Verify(s, timing, a, cancel);
        return found;
    }

    /// <summary>The gcd of the numbers other than the one searched (a zero there leaves it out).</summary>
    static int Ladder(EcsTiming t, LaunchAssumptions a)
    {
        int g = 0;
        foreach (var v in new[] { t.PollSeconds, t.SlaveTimeoutSeconds, t.RetentionMinutes * 60, a.QueueSeconds,
                     a.TaskStart.Min, a.TaskStart.Max, a.AgentConnect.Min, a.AgentConnect.Max })
            g = EcsLaunchModel.Gcd(g, v);
        return Math.Max(1, g);
    }

    static Suggestion LargestSafe(string key, int current, int step, int max, Func<int, EcsTiming> with, LaunchAssumptions a, CancellationToken cancel)
    {
        var tried = new List<CandidateCheck>();
        int lo = 1, hi = max / step; // candidates k * step, k in [lo, hi]
        if (hi < lo) return null;
        if (!Passes(lo * step)) return null; // even the shortest interval on the ladder fails: polling cannot fix it
        int best = lo;
        lo++;
        // Invariant: best passes; search the largest passing k in [lo, hi].
        while (lo <= hi && tried.Count < MaxChecks)
        {
            int mid = lo + (hi - lo) / 2;
            if (Passes(mid * step)) { best = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return new Suggestion { Setting = key, Current = current, Suggested = best * step, Kind = "largest safe", Candidates = tried };

        bool Passes(int value)
        {
            var run = EcsLaunchModel.Check(with(value), a, safetyOnly: true, cancel: cancel);
            tried.Add(new CandidateCheck(value, run.Passed, run.Result.DistinctStates, run.Result.DurationMs));
            return run.Passed;
        }
    }

    static Suggestion SmallestSafe(string key, int current, int from, int max, int step, Func<int, EcsTiming> with, LaunchAssumptions a, CancellationToken cancel, string unit)
    {
        var tried = new List<CandidateCheck>();
        int lo = (from + step - 1) / step, hi = max / step;
        if (hi < lo) return null;
        if (!Passes(hi * step)) return null; // even the largest value tried fails
        int best = hi;
        hi--;
        while (lo <= hi && tried.Count < MaxChecks)
        {
            int mid = lo + (hi - lo) / 2;
            if (Passes(mid * step)) { best = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return new Suggestion { Setting = key, Current = current, Suggested = best * step, Kind = "smallest safe", Candidates = tried, Unit = unit };

        bool Passes(int value)
        {
            var run = EcsLaunchModel.Check(with(value), a, safetyOnly: true, cancel: cancel);
            tried.Add(new CandidateCheck(value, run.Passed, run.Result.DistinctStates, run.Result.DurationMs));
            return run.Passed;
        }
    }

    static Suggestion Try(string key, int current, int value, string kind, string unit, EcsTiming timing, LaunchAssumptions a, CancellationToken cancel)
    {
        var run = EcsLaunchModel.Check(timing, a, cancel: cancel);
        if (!run.Passed) return null;
        var s = new Suggestion
        {
            Setting = key, Current = current, Suggested = value, Kind = kind, Unit = unit,
            Candidates = new[] { new CandidateCheck(value, true, run.Result.DistinctStates, run.Result.DurationMs) },
        };
        Verify(s, timing, a, cancel);
        return s;
    }

    /// <summary>The second check: the suggested value, from scratch.</summary>
    static void Verify(Suggestion s, EcsTiming timing, LaunchAssumptions a, CancellationToken cancel)
    {
        var t = s.Setting switch
        {
            "taskPollingIntervalInSeconds" => timing.WithPoll(s.Suggested),
            "retentionTimeout" => timing.WithRetention(s.Suggested),
            "slaveTimeoutInSeconds" => timing.WithSlaveTimeout(s.Suggested),
            "maxAgents" => timing.WithMaxAgents(s.Suggested),
            _ => timing,
        };
        var run = EcsLaunchModel.Check(t, a, cancel: cancel);
        s.Verified = run.Passed;
        s.VerificationDistinctStates = run.Result.DistinctStates;
    }
}
