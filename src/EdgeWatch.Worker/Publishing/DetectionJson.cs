using System.Text.Json;
using EdgeWatch.Pipeline.Detections;

namespace EdgeWatch.Worker.Publishing;

/// <summary>The one JSON shape of a detection list, shared by the CLI and the MQTT messages.</summary>
internal static class DetectionJson
{
    /// <summary>Writes <c>"detections": [{"label", "score", "box": [x1, y1, x2, y2]}]</c>; classifiers have no box.</summary>
    public static void WriteDetections(Utf8JsonWriter writer, DetectionList detections, LabelSet labels)
    {
        writer.WriteStartArray("detections");
        foreach (ref readonly var detection in detections.AsReadOnlySpan())
        {
            writer.WriteStartObject();
            writer.WriteString("label", labels[detection.Label]);
            writer.WriteNumber("score", Math.Round(detection.Score, 4));
            if (detection.HasBox)
            {
                writer.WriteStartArray("box");
                writer.WriteNumberValue(Math.Round(detection.Box.X1, 1));
                writer.WriteNumberValue(Math.Round(detection.Box.Y1, 1));
                writer.WriteNumberValue(Math.Round(detection.Box.X2, 1));
                writer.WriteNumberValue(Math.Round(detection.Box.Y2, 1));
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
