using System.Globalization;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// A model for the C test double: a manifest, a tiny .xml/.bin (or .onnx) the double does not parse, a labels file, and
/// the matching configuration of the double: one 300x300 image input and an SSD <c>DetectionOutput</c> [1,1,100,7] whose
/// first row is a known box.
/// </summary>
internal static class FakeDetector
{
    /// <summary>The box the double reports: label 1 ("person"), score 0.9, normalised corners.</summary>
    public static readonly float[] Box = [0f, 1f, 0.9f, 0.25f, 0.5f, 0.75f, 1f];

    public const int Size = 300;

    /// <summary>Configures the double's model: input "image" f32 [1,3,300,300] and the DetectionOutput.</summary>
    public static void Configure(FakeOpenVino fake, string inputType = "f32")
    {
        fake.SetModelInput("image", [1, 3, Size, Size], inputType);
        var rows = new float[100 * 7];
        Box.CopyTo(rows, 0);
        rows[7] = -1f; // image_id -1 ends the list
        fake.AddModelOutput("detection_out", [1, 1, 100, 7], rows);
    }

    /// <summary>Writes the model files and manifest; returns the opened model.</summary>
    /// <param name="input">The manifest's "input" object, as JSON members.</param>
    public static ModelDefinition Write(string directory, string format = "openvino-ir", string? input = null)
    {
        string modelFile;
        string? weights = null;
        if (format == "openvino-ir")
        {
            modelFile = "detector.xml";
            weights = "detector.bin";
            File.WriteAllText(Path.Combine(directory, modelFile), "<?xml version=\"1.0\"?>\n<net name=\"fake-ssd\" version=\"11\"/>\n");
            File.WriteAllBytes(Path.Combine(directory, weights), new byte[64]);
        }
        else
        {
            modelFile = "detector.onnx";
            File.WriteAllBytes(Path.Combine(directory, modelFile), [0x08, 0x07, 0x12, 0x00]);
        }

        File.WriteAllText(Path.Combine(directory, "labels.txt"), "background\nperson\ncar\n");
        input ??= """
            "name": "image", "width": 300, "height": 300, "layout": "NCHW", "elementType": "float32",
            "colorOrder": "BGR", "resize": "stretch"
            """;
        var manifest = string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "fake-ssd",
              "model": "{{modelFile}}",
              {{(weights is null ? string.Empty : $"\"weights\": \"{weights}\",")}}
              "input": { {{input}} },
              "decoder": { "type": "detection-output" },
              "labels": { "file": "labels.txt" },
              "thresholds": { "score": 0.5, "nms": null, "maxDetections": 100 }
            }
            """);
        var path = Path.Combine(directory, "fake-ssd.json");
        File.WriteAllText(path, manifest);
        return ModelDefinition.Open(ModelManifest.Load(path));
    }

    /// <summary>A uniform BGR frame.</summary>
    public static byte[] Frame(int width, int height, byte blue, byte green, byte red)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = blue;
            pixels[i + 1] = green;
            pixels[i + 2] = red;
        }

        return pixels;
    }
}
