using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// Samples what the process allocates (the runtime reports a type every ~100 KB allocated), so a benchmark can say where
/// its bytes per frame come from. Enabled with <c>--allocations</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _types = new();

    public IEnumerable<(string Type, long Samples)> Top(int count) =>
        _types.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "GCAllocationTick_V4" && eventData.PayloadNames is { } names)
        {
            var index = names.IndexOf("TypeName");
            if (index >= 0 && eventData.Payload?[index] is string type)
            {
                _types.AddOrUpdate(type, 1, (_, n) => n + 1);
            }
        }
    }
}
