using System.Diagnostics.Tracing;
using System.Globalization;

namespace Ops.Cli;

/// <summary>
/// For <c>ops bench -child</c> with OPS_GC_TRACE=1: one line per garbage collection on standard error (generation,
/// reason, pause), from the runtime's GC events, to see what triggers the collections of a model.
/// </summary>
internal sealed class GcTrace : EventListener
{
    private readonly List<string> _lines = new();
    private long _startTicks;
    private int _depth, _reason;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == null || e.Payload == null) return;
        if (e.EventName.StartsWith("GCStart", StringComparison.Ordinal))
        {
            _depth = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("Depth")], CultureInfo.InvariantCulture);
            _reason = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("Reason")], CultureInfo.InvariantCulture);
            _startTicks = e.TimeStamp.Ticks;
        }
        else if (e.EventName.StartsWith("GCEnd", StringComparison.Ordinal))
        {
            double ms = (e.TimeStamp.Ticks - _startTicks) / 10000.0;
            lock (_lines) _lines.Add(string.Create(CultureInfo.InvariantCulture, $"gc gen{_depth} reason {_reason} {ms:0.0} ms"));
        }
        else if (e.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal))
        {
            long Get(string n) => Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf(n)], CultureInfo.InvariantCulture);
            lock (_lines) _lines.Add($"   heap gen0 {Get("GenerationSize0") >> 20} MB gen1 {Get("GenerationSize1") >> 20} MB gen2 {Get("GenerationSize2") >> 20} MB loh {Get("GenerationSize3") >> 20} MB promoted {(Get("TotalPromotedSize0") + Get("TotalPromotedSize1")) >> 20} MB");
        }
    }

    public void Report(TextWriter w)
    {
        lock (_lines) foreach (var l in _lines) w.WriteLine(l);
    }
}
