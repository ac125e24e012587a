using EdgeWatch.Pipeline.Inference.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino.Hardware;

/// <summary>
/// What the real-stick tests need, checked once: <c>EDGEWATCH_NCS2=1</c>, an OpenVINO runtime that opens (from
/// <c>EDGEWATCH_OPENVINO_LIBRARY</c> or the standard install locations) and lists a MYRIAD device, and the shared
/// YOLOX-Nano model.
/// </summary>
internal static class Ncs2Environment
{
    public const string EnableVariable = "EDGEWATCH_NCS2";

    /// <summary>Optional: the device to use, e.g. MYRIAD.1.3-ma2480 (default: the first MYRIAD device listed).</summary>
    public const string DeviceVariable = "EDGEWATCH_NCS2_DEVICE";

    private static readonly Lazy<string?> MissingOnce = new(FindMissing);

    /// <summary>Why the hardware tests cannot run here, or null when they can.</summary>
    public static string? Missing => MissingOnce.Value;

    public static string ModelManifest => Path.Combine(RepositoryPaths.Root, "models", "yolox-nano.json");

    public static string ModelDirectory => Path.Combine(RepositoryPaths.Shared, "models");

    public static OpenVinoOptions Options => new() { LibraryPath = Environment.GetEnvironmentVariable("EDGEWATCH_OPENVINO_LIBRARY") };

    private static string? FindMissing()
    {
        if (Environment.GetEnvironmentVariable(EnableVariable) != "1")
        {
            return $"needs an Intel NCS2 and OpenVINO 2022.3: {EnableVariable} is not 1 (set {EnableVariable}=1 on a machine that has both)";
        }

        if (!OpenVinoRuntime.TryOpen(Options, null, out var runtime, out var reason))
        {
            return $"{EnableVariable}=1 but OpenVINO is unusable: {reason}";
        }

        using (runtime)
        {
            var myriad = runtime.CheckMyriad();
            if (!myriad.IsAvailable)
            {
                return $"{EnableVariable}=1 but {myriad.Reason}";
            }
        }

        var model = Path.Combine(ModelDirectory, "yolox-nano", "yolox_nano.onnx");
        return File.Exists(model) ? null : $"{EnableVariable}=1 but the YOLOX-Nano model is missing: {model} (set EDGEWATCH_SHARED)";
    }
}
