using System.Globalization;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>
/// When to report progress on a long run: a few times early (so a run that will take minutes shows it is alive),
/// then once a minute as TLC does. The checker calls back about every <see cref="PollInterval"/>; the schedule
/// decides which of those calls are reported.
/// </summary>
public sealed class ProgressSchedule
{
    /// <summary>How often the checker should call back (CheckOptions.ProgressInterval).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The elapsed times of the first reports; after the last one, every <see cref="Steady"/>.</summary>
    public IReadOnlyList<TimeSpan> Early { get; init; } = new[]
    {
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60),
    };

    public TimeSpan Steady { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reports at every callback (tests, and hosts that display their own progress bar).</summary>
    public static ProgressSchedule EveryPoll(TimeSpan poll) => new() { PollInterval = poll, Early = Array.Empty<TimeSpan>(), Steady = TimeSpan.Zero };

    private TimeSpan _next = TimeSpan.MinValue;
    private int _early;

    /// <summary>True when a progress report is due at <paramref name="elapsed"/>; advances the schedule.</summary>
    public bool Due(TimeSpan elapsed)
    {
        if (_next == TimeSpan.MinValue) _next = Early.Count > 0 ? Early[0] : Steady;
        if (elapsed < _next) return false;
        // The next report: the next early point still ahead, else a steady step after this one.
        while (_early < Early.Count && Early[_early] <= elapsed) _early++;
        _next = _early < Early.Count ? Early[_early] : elapsed + Steady;
        return true;
    }
}

/// <summary>TLC's progress line and rates.</summary>
public static class ProgressReport
{
    /// <summary>TLC's periodic line: "Progress(D) at yyyy-MM-dd HH:mm:ss: 709,746 states generated (709,746 s/min),
    /// 239,631 distinct states found (239,631 ds/min), 101,515 states left on queue." The rates are TLC's: the states
    /// found since <paramref name="previous"/> (the last report; null: since the start) per minute, a report less than a
    /// minute after the last counting what it found as one minute's worth.</summary>
    public static string Line(CheckProgress p, DateTime now, CheckProgress? previous = null)
    {
        var (perMinute, distinctPerMinute) = IntervalRates(p, previous);
        return string.Format(CultureInfo.InvariantCulture,
            "Progress({0}) at {1:yyyy-MM-dd HH:mm:ss}: {2:N0} states generated ({3:N0} s/min), {4:N0} distinct states found ({5:N0} ds/min), {6:N0} states left on queue.",
            p.Depth, now, p.StatesGenerated, perMinute, p.DistinctStates, distinctPerMinute, p.StatesLeftOnQueue);
    }

    /// <summary>States generated and distinct states found per minute since the previous report (see
    /// <see cref="Line"/>).</summary>
    public static (long Generated, long Distinct) IntervalRates(CheckProgress p, CheckProgress? previous)
    {
        var interval = p.Elapsed - (previous?.Elapsed ?? TimeSpan.Zero);
        double minutes = Math.Max(1.0, interval.TotalMinutes);
        return ((long)((p.StatesGenerated - (previous?.StatesGenerated ?? 0)) / minutes),
            (long)((p.DistinctStates - (previous?.DistinctStates ?? 0)) / minutes));
    }

    /// <summary>States generated per minute so far (0 before the first second).</summary>
    public static long StatesPerMinute(CheckProgress p) =>
        p.Elapsed.TotalSeconds < 1 ? 0 : (long)(p.StatesGenerated / p.Elapsed.TotalMinutes);

    /// <summary>Distinct states per minute so far.</summary>
    public static long DistinctPerMinute(CheckProgress p) =>
        p.Elapsed.TotalSeconds < 1 ? 0 : (long)(p.DistinctStates / p.Elapsed.TotalMinutes);
}
