using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Tests.Decoding;

/// <summary>Builds output tensors from a format's specification and runs a decoder on them.</summary>
internal static class DecoderTestKit
{
    public static OutputTensor Tensor(string name, int[] shape, Func<int, float>? value = null)
    {
        var tensor = new OutputTensor(name, shape);
        var data = tensor.Writable;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = value?.Invoke(i) ?? 0f;
        }

        return tensor;
    }

    public static TensorDescription Describe(OutputTensor tensor) => new(tensor.Name, "float32", [.. tensor.Shape.Select(d => (long)d)]);

    /// <summary>Binds the decoder to the tensors' shapes and decodes them into a list.</summary>
    public static DetectionList Decode(IDetectionDecoder decoder, ImageTransform transform, float minScore, params OutputTensor[] outputs)
    {
        decoder.Bind([.. outputs.Select(Describe)]);
        var results = new DetectionList();
        decoder.Decode(outputs, transform, minScore, results);
        return results;
    }

    /// <summary>A 300x300 stretched input taken from a 640x480 frame: normalised x maps to x * 640.</summary>
    public static ImageTransform Stretch(int tensorWidth, int tensorHeight, int frameWidth, int frameHeight) =>
        new(frameWidth / (float)tensorWidth, frameHeight / (float)tensorHeight, 0, 0, frameWidth, frameHeight, tensorWidth, tensorHeight);

    public static DecoderContext Context(int width, int height, int labels = 91) =>
        new(new PreprocessSpec { Width = width, Height = height }, LabelSet.Numbered(labels));

    public static void AssertBox(BoundingBox expected, BoundingBox actual, float tolerance = 0.5f)
    {
        Assert.InRange(actual.X1, expected.X1 - tolerance, expected.X1 + tolerance);
        Assert.InRange(actual.Y1, expected.Y1 - tolerance, expected.Y1 + tolerance);
        Assert.InRange(actual.X2, expected.X2 - tolerance, expected.X2 + tolerance);
        Assert.InRange(actual.Y2, expected.Y2 - tolerance, expected.Y2 + tolerance);
    }
}
