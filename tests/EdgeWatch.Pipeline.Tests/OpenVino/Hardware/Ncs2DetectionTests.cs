using System.Text.Json;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.OpenVino.Hardware;

/// <summary>
/// YOLOX-Nano on a real NCS2 through the real OpenVINO 2022.3 runtime (which reads the ONNX model and compiles it to
/// FP16 for the stick). Run with <c>EDGEWATCH_NCS2=1 dotnet test --filter hardware=ncs2</c>.
/// </summary>
[Trait("hardware", "ncs2")]
public sealed class Ncs2DetectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Ncs2Fact]
    public async Task YOLOX_Nano_on_a_stick_finds_what_the_reference_implementation_finds()
    {
        using var runtime = OpenRuntime();
        using var engine = OpenVinoEngine.Load(runtime, OpenModel(), ChooseDevice(runtime));
        using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
        var image = await ImageFileDecoder.DecodeAsync(Path.Combine(RepositoryPaths.Shared, "testdata", "images", "dog.jpg"));
        var results = new DetectionList();

        pass.Detect(image.View, results, Deadline);

        // FP16 on the stick and a different resize than the reference's: same objects, close scores, overlapping boxes.
        foreach (var expected in Reference("dog.jpg").Where(r => r.Score >= 0.5f))
        {
            var found = results.AsReadOnlySpan().ToArray()
                .Where(d => engine.Model.Labels[d.Label] == expected.Label)
                .OrderByDescending(d => d.Box.IoU(expected.Box))
                .FirstOrDefault();
            Assert.True(found.Box.IoU(expected.Box) >= 0.8f, $"{expected.Label}: best IoU {found.Box.IoU(expected.Box):F2} in {Describe(engine, results)}");
            Assert.InRange(found.Score, expected.Score - 0.1f, expected.Score + 0.1f);
        }
    }

    [Ncs2Fact]
    public async Task Every_request_of_a_stick_runs_at_once_and_the_stick_reports_its_temperature()
    {
        using var runtime = OpenRuntime();
        using var engine = OpenVinoEngine.Load(runtime, OpenModel(), ChooseDevice(runtime));
        var image = await ImageFileDecoder.DecodeAsync(Path.Combine(RepositoryPaths.Shared, "testdata", "images", "person.jpg"));
        var counts = new int[engine.MaxRequests];

        await Task.WhenAll(Enumerable.Range(0, engine.MaxRequests).Select(slot => Task.Factory.StartNew(() =>
        {
            using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
            var results = new DetectionList();
            for (var frame = 0; frame < 25; frame++)
            {
                pass.Detect(image.View, results, Deadline);
                counts[slot] = Math.Max(counts[slot], results.Count);
            }
        }, TaskCreationOptions.LongRunning)));

        Assert.All(counts, count => Assert.True(count > 0, "a request saw nothing in person.jpg"));
        var celsius = engine.ReadDeviceThermal();
        Assert.NotNull(celsius);
        Assert.InRange(celsius.Value, 0f, 110f);
    }

    private static OpenVinoRuntime OpenRuntime()
    {
        Assert.True(OpenVinoRuntime.TryOpen(Ncs2Environment.Options, null, out var runtime, out var reason), reason);
        return runtime;
    }

    private static string ChooseDevice(OpenVinoRuntime runtime) =>
        Environment.GetEnvironmentVariable(Ncs2Environment.DeviceVariable) is { Length: > 0 } device ? device : runtime.CheckMyriad().Devices[0];

    // The repository's manifest, resolved against the shared model directory instead of models/.
    private static ModelDefinition OpenModel() => ModelDefinition.Open(
        ModelManifest.Load(Ncs2Environment.ModelManifest) with { SourcePath = Path.Combine(Ncs2Environment.ModelDirectory, "yolox-nano.json") });

    private static IEnumerable<(string Label, float Score, BoundingBox Box)> Reference(string image)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Shared, "testdata", "reference", "yolox-nano.json")));
        foreach (var detection in document.RootElement.GetProperty(image).GetProperty("detections").EnumerateArray())
        {
            var box = detection.GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            yield return (detection.GetProperty("label").GetString()!, detection.GetProperty("score").GetSingle(), new BoundingBox(box[0], box[1], box[2], box[3]));
        }
    }

    private static string Describe(OpenVinoEngine engine, DetectionList results) => string.Join(", ",
        results.AsReadOnlySpan().ToArray().Select(d => $"{engine.Model.Labels[d.Label]} {d.Score:F2} [{d.Box.X1:F0},{d.Box.Y1:F0},{d.Box.X2:F0},{d.Box.Y2:F0}]"));
}
