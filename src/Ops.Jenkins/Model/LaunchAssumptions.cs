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

    public override string ToString() =>
        $"task RUNNING {TaskStart} after RunTask; agent online {AgentConnect} after RUNNING; queue hand-over within {QueueSeconds} s" +
        (BusyExecutors > 0 ? $"; {BusyExecutors} executors of the cloud busy" : "");
}
