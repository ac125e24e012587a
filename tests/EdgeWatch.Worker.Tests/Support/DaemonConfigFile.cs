using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>A daemon configuration written for one test: the sample video as a camera, CPU inference, a given broker.</summary>
internal sealed class DaemonConfigFile : IDisposable
{
    private readonly TempDirectory _directory = new("edgewatch-config-");

    public DaemonConfigFile(JsonObject configuration)
    {
        Configuration = configuration;
        Path = _directory.File("edgewatch.json");
        Save();
    }

    public JsonObject Configuration { get; }

    public string Path { get; }

    public string Directory => _directory.Path;

    /// <summary>The sample video read as fast as it decodes, once, with empty frames published too.</summary>
    public static JsonObject SampleVideo(int brokerPort, string node, bool realtime = false, bool loop = false) => new()
    {
        ["Node"] = new JsonObject { ["Name"] = node },
        ["Cameras"] = new JsonObject
        {
            ["room"] = new JsonObject
            {
                ["Source"] = RepositoryPaths.SampleVideo,
                ["Model"] = "yolox-nano",
                ["Realtime"] = realtime,
                ["Loop"] = loop,
            },
        },
        ["Cpu"] = new JsonObject { ["Mode"] = "Always", ["Workers"] = 1, ["ThreadsPerWorker"] = 2 },
        // Unpaced decoding outruns inference by far: frames must be allowed to wait a little for the worker.
        ["Scheduler"] = new JsonObject { ["MaxFrameAge"] = "00:00:05" },
        ["Mqtt"] = new JsonObject
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = brokerPort,
            ["PublishEmptyFrames"] = true,
            ["ReconnectDelay"] = new JsonObject { ["Min"] = "00:00:00.2", ["Max"] = "00:00:01" },
        },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
    };

    /// <summary>
    /// A camera that shows one still image at 2 frames a second, for ever (person.jpg: a person, a dog and a horse), so
    /// counts hold steady: person 1, dog 1. Light on the CPU.
    /// </summary>
    public static JsonObject StillImage(int brokerPort, string node, string camera = "door") => new()
    {
        ["Node"] = new JsonObject { ["Name"] = node },
        ["Cameras"] = new JsonObject
        {
            [camera] = new JsonObject
            {
                ["Source"] = SharedData.Path("testdata", "images", "person.jpg"),
                ["Model"] = "yolox-nano",
                ["Realtime"] = true,
                ["Loop"] = false,
                ["InputArguments"] = new JsonArray("-loop", "1", "-framerate", "2"),
                ["Labels"] = new JsonArray("person", "dog"),
            },
        },
        ["Cpu"] = new JsonObject { ["Mode"] = "Always", ["Workers"] = 1, ["ThreadsPerWorker"] = 1 },
        ["Snapshots"] = new JsonObject { ["Interval"] = "00:00:01" },
        ["Mqtt"] = new JsonObject
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = brokerPort,
            ["ReconnectDelay"] = new JsonObject { ["Min"] = "00:00:00.2", ["Max"] = "00:00:01" },
        },
    };

    public void Save() => File.WriteAllText(Path, Configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public void Dispose() => _directory.Dispose();
}
