using System.Text.Json;
using EdgeWatch.Pipeline.Evaluation.Json;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Reads and writes COCO results files: a JSON array of
/// <c>{"image_id", "category_id", "bbox": [x, y, width, height], "score"}</c>.
/// Numbers are written at full precision, so a written file scores exactly like the detections in memory.
/// </summary>
public static class CocoResultsFile
{
    private const string Expected = "a COCO results file (an array of {image_id, category_id, bbox, score})";

    /// <summary>Loads a results file; an empty array is a valid (empty) result.</summary>
    /// <exception cref="EvaluationDataException">The file is missing or malformed.</exception>
    public static CocoDetectionSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var records = EvaluationFiles.ReadJson(path, CocoJsonContext.Default.ListDetectionRecord, '[', Expected);
        var detections = new CocoDetectionSet(path);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i] ?? throw new EvaluationDataException(path, null, $"element {i} is null");
            if (r.Bbox.Length != 4)
            {
                throw new EvaluationDataException(path, null, $"element {i} has a bbox of {r.Bbox.Length} numbers, expected 4 [x, y, width, height]");
            }

            detections.Add(r.ImageId, r.CategoryId, new CocoBox(r.Bbox[0], r.Bbox[1], r.Bbox[2], r.Bbox[3]), r.Score);
        }

        return detections;
    }

    /// <summary>Writes the detections to a file, replacing it.</summary>
    public static void Save(CocoDetectionSet detections, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        Write(detections, stream);
    }

    /// <summary>Writes the detections as a COCO results array.</summary>
    public static void Write(CocoDetectionSet detections, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(stream);
        var records = detections.Detections
            .Select(d => new DetectionRecord
            {
                ImageId = d.ImageId,
                CategoryId = d.CategoryId,
                Bbox = [d.Box.X, d.Box.Y, d.Box.Width, d.Box.Height],
                Score = d.Score,
            })
            .ToList();
        JsonSerializer.Serialize(stream, records, CocoJsonContext.Default.ListDetectionRecord);
    }
}
