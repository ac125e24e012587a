using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>
/// Turns a model's raw outputs into labelled boxes in frame pixels. One small class per output format; the manifest's
/// <c>decoder.type</c> picks it (see <see cref="DecoderRegistry"/>).
/// </summary>
public interface IDetectionDecoder
{
    /// <summary>Whether the model already suppressed overlapping boxes (then EdgeWatch does not run NMS again).</summary>
    bool OutputIsSuppressed { get; }

    /// <summary>
    /// Checks the model's declared outputs once, at load time, and remembers which is which, so a wrong decoder or shape
    /// fails with a clear message instead of on the first frame. Dimensions unknown until inference are -1.
    /// </summary>
    /// <exception cref="DecoderException">The outputs do not fit this decoder.</exception>
    void Bind(IReadOnlyList<TensorDescription> outputs);

    /// <summary>Appends every candidate scoring at least <paramref name="minScore"/> to <paramref name="results"/>.</summary>
    void Decode(IReadOnlyList<OutputTensor> outputs, in ImageTransform transform, float minScore, DetectionList results);
}
