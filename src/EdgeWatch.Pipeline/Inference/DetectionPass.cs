using System.Diagnostics;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// The three steps of detecting on one frame with one inference request — prepare the input, run the model, decode and
/// filter the outputs — each timed. Workers hold one per request; the CLI uses one directly.
/// </summary>
public sealed class DetectionPass : IDisposable
{
    private readonly FramePreprocessor _preprocessor;
    private readonly IDetectionDecoder _decoder;
    private readonly DetectionFilter _filter;
    private readonly bool _ownsRequest;

    public DetectionPass(IInferenceEngine engine, DetectionFilter filter, IInferenceRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(filter);
        Engine = engine;
        _filter = filter;
        _ownsRequest = request is null;
        Request = request ?? engine.CreateRequest();
        _preprocessor = new FramePreprocessor(engine.Input);
        _decoder = engine.Model.CreateDecoder(engine.Model.Preprocess);
        _decoder.Bind(engine.Outputs);
    }

    public IInferenceEngine Engine { get; }

    public IInferenceRequest Request { get; }

    /// <summary>Time spent in each step of the last frame.</summary>
    public PassTimings LastTimings { get; private set; }

    /// <summary>Writes the frame into the request's input; returns the mapping back to frame pixels.</summary>
    public ImageTransform Prepare(ImageView image)
    {
        var start = Stopwatch.GetTimestamp();
        var transform = _preprocessor.Prepare(image, Request.Input);
        LastTimings = LastTimings with { Preprocess = Stopwatch.GetElapsedTime(start) };
        return transform;
    }

    /// <summary>Runs the model on what <see cref="Prepare"/> wrote.</summary>
    public void Infer(TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        Request.Run(timeout);
        LastTimings = LastTimings with { Inference = Stopwatch.GetElapsedTime(start) };
    }

    /// <summary>Decodes and filters the request's outputs into <paramref name="results"/> (cleared first).</summary>
    public void Decode(in ImageTransform transform, DetectionList results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var start = Stopwatch.GetTimestamp();
        results.Clear();
        _decoder.Decode(Request.Outputs, transform, _filter.MinimumThreshold, results);
        _filter.Apply(results, _decoder.OutputIsSuppressed);
        LastTimings = LastTimings with { Decode = Stopwatch.GetElapsedTime(start) };
    }

    /// <summary>All three steps on one image.</summary>
    public void Detect(ImageView image, DetectionList results, TimeSpan? timeout = null)
    {
        var transform = Prepare(image);
        Infer(timeout ?? TimeSpan.FromSeconds(30));
        Decode(transform, results);
    }

    public void Dispose()
    {
        if (_ownsRequest)
        {
            Request.Dispose();
        }
    }
}
