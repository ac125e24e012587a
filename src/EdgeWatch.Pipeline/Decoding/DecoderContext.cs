using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>What a decoder knows about its model besides the outputs: the input it was fed and its labels.</summary>
public sealed record DecoderContext(PreprocessSpec Input, LabelSet Labels);
