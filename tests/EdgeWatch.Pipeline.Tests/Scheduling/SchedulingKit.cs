using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;

namespace EdgeWatch.Pipeline.Tests.Scheduling;

/// <summary>Frames, a tiny model and a recording sink, to drive the scheduler and workers without cameras.</summary>
internal sealed class SchedulingKit : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public SchedulingKit()
    {
        _folder.Write("tiny/model.onnx", "placeholder: the simulated engine never reads it");
        _folder.Write("tiny/labels.txt", "a\nb\nc\nd\ne\n");
        Model = ModelDefinition.Open(ModelManifest.Load(_folder.Write("tiny.json", """
            {
              "name": "tiny",
              "model": "tiny/model.onnx",
              "input": { "width": 8, "height": 8 },
              "decoder": { "type": "classification", "topK": 1 },
              "labels": { "file": "tiny/labels.txt" },
              "thresholds": { "score": 0.0, "nms": null, "maxDetections": 1 }
            }
            """)));
    }

    public ModelDefinition Model { get; }

    public IReadOnlyList<TensorDescription> Outputs { get; } = [new("output", "float32", [1, 5])];

    public static CameraStatus Status(string camera) => new(camera, "test");

    /// <summary>A frame numbered <paramref name="number"/>, read <paramref name="age"/> ago.</summary>
    public static Frame NewFrame(FramePool pool, long number, TimeSpan? age = null)
    {
        var frame = pool.TryRent(16, 16) ?? throw new InvalidOperationException("pool exhausted");
        var capturedAt = Stopwatch.GetTimestamp() - (long)((age ?? TimeSpan.Zero).TotalSeconds * Stopwatch.Frequency);
        frame.Rent(number, DateTime.UtcNow, capturedAt);
        return frame;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>Records what was published, in order, per camera.</summary>
internal sealed class RecordingSink : IDetectionSink
{
    private readonly ConcurrentQueue<(string Camera, long Frame, string Device)> _published = new();

    public IReadOnlyList<(string Camera, long Frame, string Device)> Published => [.. _published];

    public IReadOnlyList<long> Frames(string camera) => [.. _published.Where(p => p.Camera == camera).Select(p => p.Frame)];

    public void Publish(DetectionResult result) => _published.Enqueue((result.Camera, result.FrameNumber, result.Device));
}
