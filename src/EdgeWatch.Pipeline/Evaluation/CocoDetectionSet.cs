namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// A detector's output over a set of images, built up image by image as a model runs, or loaded from a COCO
/// results file (<see cref="CocoResultsFile"/>). Keeps the order detections were added in: pycocotools breaks
/// score ties by that order. Not thread-safe: add from one thread.
/// </summary>
public sealed class CocoDetectionSet
{
    private readonly List<CocoDetection> _detections = [];

    /// <summary>An empty set.</summary>
    /// <param name="source">What the detections came from (a file path, a model name), for error messages.</param>
    public CocoDetectionSet(string source = "detections")
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    /// <summary>What the detections came from, used in error messages.</summary>
    public string Source { get; }

    /// <summary>How many detections there are.</summary>
    public int Count => _detections.Count;

    /// <summary>The detections in the order they were added.</summary>
    public IReadOnlyList<CocoDetection> Detections => _detections;

    /// <summary>Adds one detection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The box or score is not a finite number.</exception>
    public void Add(int imageId, int categoryId, CocoBox box, double score) =>
        Add(new CocoDetection(imageId, categoryId, box, score));

    /// <summary>Adds one detection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The box or score is not a finite number.</exception>
    public void Add(CocoDetection detection)
    {
        if (!detection.Box.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(detection), detection.Box, "The box must be finite.");
        }

        if (!double.IsFinite(detection.Score))
        {
            throw new ArgumentOutOfRangeException(nameof(detection), detection.Score, "The score must be finite.");
        }

        _detections.Add(detection);
    }

    /// <summary>Adds several detections, in order.</summary>
    public void AddRange(IEnumerable<CocoDetection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        foreach (var detection in detections)
        {
            Add(detection);
        }
    }
}
