using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Worker.Hosting;

/// <summary>Hands each result to every registered sink (MQTT detections, counts, events, snapshots, the progress tracker).</summary>
public sealed class ResultFanout(IEnumerable<IDetectionSink> sinks) : IDetectionSink
{
    private readonly IDetectionSink[] _sinks = [.. sinks];

    public void Publish(DetectionResult result)
    {
        foreach (var sink in _sinks)
        {
            sink.Publish(result);
        }
    }
}
