namespace Ops.Jenkins.Model;

/// <summary>A closed range of whole seconds.</summary>
public readonly record struct SecondsRange(int Min, int Max)
{
    public override string ToString() => $"{Min}..{Max} s";

    /// <summary>Parses "20,120" (or "20..120", "20-120").</summary>
    public static SecondsRange Parse(string text, string what)
    {
        var parts = (text ?? "").Split(new[] { ",", "..", "-" }, StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], out var lo) && int.TryParse(parts[1], out var hi))
            return Create(lo, hi, what);
        throw new ArgumentException($"{what} expects MIN,MAX in seconds (e.g. 20,120), not '{text}'");
    }

    public static SecondsRange FromArray(int[] values, string what)
    {
        if (values == null || values.Length != 2) throw new ArgumentException($"{what} expects two numbers: MIN, MAX seconds");
        return Create(values[0], values[1], what);
    }

    public static SecondsRange Create(int lo, int hi, string what)
    {
        if (lo < 0 || hi < lo) throw new ArgumentException($"{what} expects 0 <= MIN <= MAX, not {lo},{hi}");
        if (hi > 86_400) throw new ArgumentException($"{what}: {hi} s is more than a day");
        return new SecondsRange(lo, hi);
    }
}

/// <summary>What the operator assumes about the environment of one agent launch.</summary>
public sealed class LaunchAssumptions
{
    /// <summary>From RunTask until ECS reports the task RUNNING.</summary>
    public SecondsRange TaskStart { get; init; } = new(20, 120);
    /// <summary>From RUNNING until the agent has connected to the controller.</summary>
    public SecondsRange AgentConnect { get; init; } = new(10, 90);
    /// <summary>Longest wait for the queue to hand a build to a node that accepts work: Queue#maintain runs every 5 s.</summary>
    public int QueueSeconds { get; init; } = 5;
    /// <summary>Executors of the cloud already online or connecting (they count against maxAgents).</summary>
    public int BusyExecutors { get; init; } = 0;

    public static LaunchAssumptions Default { get; } = new();

    /// <summary>The same assumptions with every upper bound (task start, agent connection, queue hand-over) longer by
    /// <paramref name="percent"/>, rounded up to a whole second; the lower bounds stay. Every behaviour the original
    /// assumptions allow is one of the widened ones, so a setting safe for these is safe for the original.</summary>
    public LaunchAssumptions Widened(int percent)
    {
        SafetyMargin.Validate(percent, nameof(percent));
        return new LaunchAssumptions
        {
            TaskStart = new SecondsRange(TaskStart.Min, SafetyMargin.Longer(TaskStart.Max, percent)),
            AgentConnect = new SecondsRange(AgentConnect.Min, SafetyMargin.Longer(AgentConnect.Max, percent)),
            QueueSeconds = SafetyMargin.Longer(QueueSeconds, percent),
            BusyExecutors = BusyExecutors,
        };
    }

    public override string ToString() =>
        $"task RUNNING {TaskStart} after RunTask; agent online {AgentConnect} after RUNNING; queue hand-over within {QueueSeconds} s" +
        (BusyExecutors > 0 ? $"; {BusyExecutors} executors of the cloud busy" : "");
}

/// <summary>How much longer than assumed the environment may be for a suggested setting to stay safe: the search for a
/// safe value checks the model with every upper bound of the assumptions longer by this many percent, so that the value
/// it proposes is not safe only at the very edge of the assumptions.</summary>
public static class SafetyMargin
{
    /// <summary>The default: upper bounds 50% longer (tasks up to 180 s to start instead of 120 s, ...).</summary>
    public const int DefaultPercent = 50;
    /// <summary>The largest margin accepted (ten times the assumed times).</summary>
    public const int MaxPercent = 900;

    /// <summary><paramref name="seconds"/> longer by <paramref name="percent"/>, rounded up to a whole second.</summary>
    public static int Longer(int seconds, int percent) => (int)(((long)seconds * (100 + percent) + 99) / 100);

    public static void Validate(int percent, string what)
    {
        if (percent < 0 || percent > MaxPercent)
            throw new ArgumentException($"{what} expects a margin from 0 to {MaxPercent} percent, not {percent}");
    }

    /// <summary>Parses "50", "50%" or "0".</summary>
    public static int Parse(string text, string what)
    {
        var t = (text ?? "").Trim();
        if (t.EndsWith('%')) t = t[..^1].TrimEnd();
        if (!int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
            throw new ArgumentException($"{what} expects a margin in percent from 0 to {MaxPercent} (e.g. 50), not '{text}'");
        Validate(p, what);
        return p;
    }

    /// <summary>"tasks take up to 180 s to start, agents up to 135 s to connect and the queue up to 8 s to hand over the build".</summary>
    public static string Describe(LaunchAssumptions widened) =>
        $"tasks take up to {widened.TaskStart.Max} s to start, agents up to {widened.AgentConnect.Max} s to connect " +
        $"and the queue up to {widened.QueueSeconds} s to hand over the build";
}
