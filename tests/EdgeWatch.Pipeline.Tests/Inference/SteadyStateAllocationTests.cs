using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;

namespace EdgeWatch.Pipeline.Tests.Inference;

/// <summary>
/// Pre-processing, inference and decoding reuse their buffers: once warm, a frame allocates no managed memory at all.
/// Counted with the runtime's per-thread allocation counter, which is exact (not a timing).
/// </summary>
public sealed class SteadyStateAllocationTests
{
    [Theory]
    [InlineData("yolox-nano", "dog.jpg")]
    [InlineData("ultraface-rfb-320", "faces-13.jpg")]
    public async Task A_warm_detection_pass_allocates_nothing_per_frame(string modelName, string imageName)
    {
        var model = await TestModels.OpenAsync(modelName);
        var image = await TestModels.ImageAsync(imageName);
        using var engine = OnnxRuntimeEngine.Load(model, new OnnxRuntimeOptions { IntraOpThreads = 1 });
        using var pass = new DetectionPass(engine, model.CreateFilter());
        var results = new DetectionList();
        for (var i = 0; i < 3; i++)
        {
            pass.Detect(image.View, results);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            pass.Detect(image.View, results);
        }

        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / 20.0;
        Assert.True(results.Count > 0);
        Assert.Equal(0, perFrame);
    }
}
