using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.Inference;

/// <summary>Bad files give one clear exception naming the file, never a crash in native code.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task A_corrupt_model_file_is_reported_with_its_path_and_onnx_runtimes_reason()
    {
        var model = await ModelWithFileAsync(Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 4096));

        var error = Assert.Throws<ModelLoadException>(() => OnnxRuntimeEngine.Load(model));

        Assert.Contains(model.ModelPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_whose_manifest_gives_the_wrong_input_size_is_refused_naming_the_key()
    {
        var real = await TestModels.OpenAsync("yolox-nano");
        var text = File.ReadAllText(real.Manifest.SourcePath)
            .Replace("\"width\": 416", "\"width\": 320", StringComparison.Ordinal)
            .Replace("\"model\": \"yolox-nano/", $"\"model\": \"{real.Manifest.Directory}/yolox-nano/", StringComparison.Ordinal)
            .Replace("\"file\": \"yolox-nano/", $"\"file\": \"{real.Manifest.Directory}/yolox-nano/", StringComparison.Ordinal);
        var manifest = ModelManifest.Load(_folder.Write("yolox-320.json", text));

        var error = Assert.Throws<ModelLoadException>(() => OnnxRuntimeEngine.Load(ModelDefinition.Open(manifest)));

        Assert.Contains("input.width x input.height is 320x416", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1,3,416,416]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decoder_that_does_not_fit_the_models_outputs_is_refused_at_load()
    {
        var real = await TestModels.OpenAsync("yolox-nano");
        var text = File.ReadAllText(real.Manifest.SourcePath)
            .Replace("\"type\": \"yolox\", \"strides\": [8, 16, 32], \"multiLabel\": true", "\"type\": \"detection-output\"", StringComparison.Ordinal)
            .Replace("\"model\": \"yolox-nano/", $"\"model\": \"{real.Manifest.Directory}/yolox-nano/", StringComparison.Ordinal)
            .Replace("\"file\": \"yolox-nano/", $"\"file\": \"{real.Manifest.Directory}/yolox-nano/", StringComparison.Ordinal);
        var manifest = ModelManifest.Load(_folder.Write("yolox-ssd.json", text));

        var error = Assert.Throws<ModelLoadException>(() => OnnxRuntimeEngine.Load(ModelDefinition.Open(manifest)));

        Assert.Contains("detection-output", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1,3549,85]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_image_is_reported_with_its_path_and_ffmpegs_reason()
    {
        var path = _folder.Write("photo.jpg", "this is not a jpeg");
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => ImageFileDecoder.DecodeAsync(path));
        Assert.StartsWith(path + ": cannot decode image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_is_reported_with_its_path()
    {
        var path = _folder.Combine("nowhere.jpg");
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => ImageFileDecoder.DecodeAsync(path));
        Assert.Equal(path + ": no such file", error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<ModelDefinition> ModelWithFileAsync(byte[] content)
    {
        var real = await TestModels.OpenAsync("yolox-nano");
        File.WriteAllBytes(_folder.Combine("broken.onnx"), content);
        var text = File.ReadAllText(real.Manifest.SourcePath)
            .Replace("\"model\": \"yolox-nano/yolox_nano.onnx\"", "\"model\": \"broken.onnx\"", StringComparison.Ordinal)
            .Replace("\"file\": \"yolox-nano/", $"\"file\": \"{real.Manifest.Directory}/yolox-nano/", StringComparison.Ordinal);
        return ModelDefinition.Open(ModelManifest.Load(_folder.Write("broken.json", text)));
    }
}
