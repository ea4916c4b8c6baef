using System.Diagnostics.Tracing;
using System.Globalization;

namespace Ops.Cli;

/// <summary>
/// A sampling allocation profile for <c>ops bench</c> children (environment OPS_ALLOC_PROFILE=1): the runtime's
/// AllocationTick events (one about every 100 KB allocated) by type, printed to standard error at the end.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private readonly Dictionary<string, long> _bytes = new();
    private long _total;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null) return;
        int ti = e.PayloadNames.IndexOf("TypeName");
        int ai = e.PayloadNames.IndexOf("AllocationAmount64");
        if (ai < 0) ai = e.PayloadNames.IndexOf("AllocationAmount");
        if (ti < 0 || ai < 0) return;
        var type = e.Payload[ti] as string ?? "?";
        long amount = Convert.ToInt64(e.Payload[ai], CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            _total += amount;
        }
    }

    public void Report(TextWriter w)
    {
        lock (_bytes)
        {
            w.WriteLine($"allocation profile: {_total >> 20} MB sampled");
            foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(25))
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / Math.Max(1, _total),5:0.0}%  {type}"));
        }
    }
}
