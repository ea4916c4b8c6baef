using Ops.Jenkins.Model;

namespace Ops.Jenkins.Explain;

/// <summary>One candidate value the search had the checker try.</summary>
public sealed record CandidateCheck(int Value, bool Passed, long DistinctStates, long DurationMs);

/// <summary>A setting that must change together with a suggestion's own (e.g. slaveTimeoutInSeconds with retentionTimeout).</summary>
public sealed record SettingChange(string Setting, int Current, int Suggested, string Unit)
{
    /// <summary>The values the search checked for this setting (with the suggestion's own setting already changed).</summary>
    public IReadOnlyList<CandidateCheck> Candidates { get; init; } = Array.Empty<CandidateCheck>();

    public override string ToString() => $"{Setting}: {Suggested}{(Unit == "min" ? " min" : Unit == "" ? "" : " s")}";
}

/// <summary>A change of one setting (sometimes with others, <see cref="With"/>) that the checker found safe even when the
/// assumed timings are off by the margin, and its verification.</summary>
public sealed class Suggestion
{
    /// <summary>The JCasC key.</summary>
    public string Setting { get; init; }
    public int Current { get; init; }
    public int Suggested { get; init; }
    public string Unit { get; init; } = "s";
    /// <summary>"largest safe" (polling) or "smallest safe" (timeouts).</summary>
    public string Kind { get; init; }
    /// <summary>Settings that change together with this one (empty when it is safe alone).</summary>
    public IReadOnlyList<SettingChange> With { get; init; } = Array.Empty<SettingChange>();
    /// <summary>How many percent longer than assumed the upper bounds of the timings may be (0: no margin).</summary>
    public int MarginPercent { get; init; }
    /// <summary>The widened assumptions the value was searched and verified with (null for maxAgents, which is not a matter of timing).</summary>
    public LaunchAssumptions Margin { get; init; }
    /// <summary>Every value the search checked, in order.</summary>
    public IReadOnlyList<CandidateCheck> Candidates { get; init; }
    /// <summary>True when a second, separate check of the suggested value passed, with the widened timings and with the
    /// assumptions as stated.</summary>
    public bool Verified { get; set; }
    /// <summary>Distinct states of the second check with the widened timings.</summary>
    public long VerificationDistinctStates { get; set; }

    /// <summary>This change and the ones that go with it.</summary>
    public IEnumerable<SettingChange> Changes => new[] { new SettingChange(Setting, Current, Suggested, Unit) }.Concat(With);

    /// <summary>The settings with every change of this suggestion applied.</summary>
    public EcsTiming Apply(EcsTiming timing)
    {
        foreach (var c in Changes) timing = SafeSettingSearch.With(timing, c.Setting, c.Suggested);
        return timing;
    }

    static string Value(int v, string unit) => $"{v}{(unit == "min" ? " min" : unit == "" ? "" : " s")}";

    public string Text
    {
        get
        {
            var margin = MarginPercent == 0 ? "no margin" : $"a {MarginPercent}% margin";
            var what = Margin == null
                ? $"{Setting}: {Value(Suggested, Unit)} ({Kind}; now {Value(Current, Unit)})"
                : With.Count == 0
                ? $"{Setting}: {Value(Suggested, Unit)} ({Kind} with {margin}; now {Value(Current, Unit)})"
                : $"{Setting}: {Value(Suggested, Unit)} together with {string.Join(", ", With)} " +
                  $"(now {string.Join(" and ", Changes.Select(c => Value(c.Current, c.Unit)))}; no one setting alone is safe with {margin})";
            var stays = Margin == null ? "room for the build's agent (capacity, not timing: the margin does not apply)"
                : MarginPercent == 0 ? "safe at the edge of the assumptions"
                : $"stays safe if {SafetyMargin.Describe(Margin)} (the assumed upper bounds + {MarginPercent}%)";
            return $"{what}: {stays} -- " +
                   (Verified ? $"verified by a second check{(MarginPercent == 0 ? "" : " with those timings")} ({VerificationDistinctStates} states)" : "NOT verified");
        }
    }

    /// <summary>"taskPollingIntervalInSeconds: 300 s -> 150 s (verified)".</summary>
    public override string ToString() =>
        string.Join(", ", Changes.Select(c => $"{c.Setting}: {c.Current} {c.Unit} -> {c.Suggested} {c.Unit}")) + (Verified ? " (verified)" : "");
}

/// <summary>Finds safe values for the setting at fault by asking the checker, one candidate at a time. Every candidate is
/// checked with the assumptions widened by the margin (<see cref="LaunchAssumptions.Widened"/>), so a value is proposed only
/// when it stays safe if ECS and the agents are that much slower than assumed.</summary>
public static class SafeSettingSearch
{
    /// <summary>Most checks one search may run.</summary>
    public const int MaxChecks = 40;
    public const int MaxRetentionMinutes = 120;
    public const int MaxSlaveTimeoutSeconds = 3600;

    /// <summary>Safe changes, best first: the largest safe polling interval (what the seed's operators changed);
    /// when no polling interval helps, the smallest safe retentionTimeout and slaveTimeoutInSeconds; when neither alone
    /// helps, the smallest retentionTimeout with the smallest slaveTimeoutInSeconds that go together; for a cloud
    /// without room, maxAgents. Each is searched with the assumptions widened by <paramref name="marginPercent"/> and
    /// verified by a second check, with the widened and with the stated assumptions.</summary>
    public static List<Suggestion> Find(EcsTiming timing, LaunchAssumptions a, IReadOnlyCollection<string> settingsAtFault,
        int marginPercent = SafetyMargin.DefaultPercent, CancellationToken cancel = default)
    {
        SafetyMargin.Validate(marginPercent, "the margin");
        var w = a.Widened(marginPercent);
        var found = new List<Suggestion>();
        Suggestion Mark(Suggestion s) => s == null ? null : new Suggestion
        {
            Setting = s.Setting, Current = s.Current, Suggested = s.Suggested, Unit = s.Unit, Kind = s.Kind, With = s.With,
            Candidates = s.Candidates, MarginPercent = marginPercent, Margin = w,
        };
        if (settingsAtFault.Contains("maxAgents"))
        {
            // Room is not a matter of timing: checked with the assumptions as stated (the margin does not apply).
            var s = Try("maxAgents", timing.MaxAgents, 0, "unlimited", "", timing.WithMaxAgents(0), a, cancel);
            if (s != null)
            {
                Verify(s, timing, a, a, cancel);
                found.Add(s);
            }
            return found;
        }

        // The polling interval, on a ladder of multiples of the other numbers' gcd (so each check stays coarse).
        int q = Ladder(timing.WithPoll(0), w);
        var poll = Mark(LargestSafe("taskPollingIntervalInSeconds", timing.PollSeconds, q, timing.PollSeconds - 1,
            v => timing.WithPoll(v), w, cancel));
        if (poll != null) found.Add(poll);
        if (found.Count == 0)
        {
            var retention = Mark(SmallestSafe("retentionTimeout", timing.RetentionMinutes, timing.RetentionMinutes + 1, MaxRetentionMinutes, 1,
                v => timing.WithRetention(v), w, cancel, "min"));
            if (retention != null) found.Add(retention);
            var timeout = Mark(SmallestTimeout(timing, w, cancel));
            if (timeout != null) found.Add(timeout);
        }
        if (found.Count == 0 && timing.SlaveTimeoutSeconds < MaxSlaveTimeoutSeconds)
        {
            // Neither alone: the smallest retention that is safe with the longest timeout, then the smallest timeout
            // that is safe with that retention (a longer launch needs both: time to connect, and to be idle that long).
            var longest = timing.WithSlaveTimeout(MaxSlaveTimeoutSeconds);
            var retention = SmallestSafe("retentionTimeout", timing.RetentionMinutes, timing.RetentionMinutes + 1, MaxRetentionMinutes, 1,
                v => longest.WithRetention(v), w, cancel, "min");
            if (retention != null)
            {
                var withRetention = timing.WithRetention(retention.Suggested);
                var timeout = SmallestTimeout(withRetention, w, cancel);
                if (timeout != null)
                    found.Add(Mark(new Suggestion
                    {
                        Setting = retention.Setting, Current = retention.Current, Suggested = retention.Suggested, Unit = "min", Kind = "smallest safe",
                        With = new[] { new SettingChange(timeout.Setting, timeout.Current, timeout.Suggested, "s") { Candidates = timeout.Candidates } },
                        Candidates = retention.Candidates,
                    }));
            }
        }
        foreach (var s in found) Verify(s, timing, a, w, cancel);
        return found;
    }

    static Suggestion SmallestTimeout(EcsTiming timing, LaunchAssumptions w, CancellationToken cancel)
    {
        int qt = Ladder(timing.WithSlaveTimeout(0), w);
        int from = (timing.SlaveTimeoutSeconds / qt + 1) * qt;
        return SmallestSafe("slaveTimeoutInSeconds", timing.SlaveTimeoutSeconds, from, MaxSlaveTimeoutSeconds, qt,
            v => timing.WithSlaveTimeout(v), w, cancel, "s");
    }

    /// <summary>The settings with <paramref name="setting"/> set to <paramref name="value"/>.</summary>
    public static EcsTiming With(EcsTiming timing, string setting, int value) => setting switch
    {
        "taskPollingIntervalInSeconds" => timing.WithPoll(value),
        "retentionTimeout" => timing.WithRetention(value),
        "slaveTimeoutInSeconds" => timing.WithSlaveTimeout(value),
        "maxAgents" => timing.WithMaxAgents(value),
        _ => throw new ArgumentException($"not a setting the search changes: {setting}"),
    };

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
        return new Suggestion
        {
            Setting = key, Current = current, Suggested = value, Kind = kind, Unit = unit,
            Candidates = new[] { new CandidateCheck(value, true, run.Result.DistinctStates, run.Result.DurationMs) },
        };
    }

    /// <summary>The second check: the suggested settings, from scratch, with safety and liveness, once with the widened
    /// timings and once with the assumptions as stated.</summary>
    static void Verify(Suggestion s, EcsTiming timing, LaunchAssumptions stated, LaunchAssumptions widened, CancellationToken cancel)
    {
        var t = s.Apply(timing);
        var run = EcsLaunchModel.Check(t, widened, cancel: cancel);
        s.VerificationDistinctStates = run.Result.DistinctStates;
        s.Verified = run.Passed && EcsLaunchModel.Check(t, stated, cancel: cancel).Passed;
    }
}
