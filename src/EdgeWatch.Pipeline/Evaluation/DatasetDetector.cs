using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Runs a model over the images of a ground truth, exactly as the daemon runs it on a frame (the same pre-processing,
/// inference and decoding in a <see cref="DetectionPass"/>), and collects the detections with their categories mapped
/// to the ground truth's: the input an evaluator scores. The next image is decoded while the current one is detected.
/// </summary>
public sealed class DatasetDetector
{
    private readonly DetectionPass _pass;
    private readonly ModelCategoryMap _categories;

    /// <param name="pass">The model, its filter (threshold, NMS, most detections per image) and one request.</param>
    /// <param name="categories">Class index → ground-truth category.</param>
    public DatasetDetector(DetectionPass pass, ModelCategoryMap categories)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(categories);
        _pass = pass;
        _categories = categories;
    }

    /// <summary>Detections left out because their class maps to no category of the ground truth (last run).</summary>
    public long Unscored { get; private set; }

    /// <summary>Time spent in pre-processing, inference and decoding over the last run.</summary>
    public TimeSpan Busy { get; private set; }

    /// <summary>Detects in every image, in the ground truth's order.</summary>
    /// <param name="images">The images, located by <see cref="GroundTruthImages.Locate"/>.</param>
    /// <param name="source">Names the detections in error messages (the model's name).</param>
    /// <param name="progress">Called after each image with (images done, total), on the calling thread's continuation.</param>
    /// <exception cref="EvaluationDataException">An image's decoded size is not the size the ground truth lists.</exception>
    /// <exception cref="ImageDecodeException">An image cannot be decoded.</exception>
    public async Task<CocoDetectionSet> DetectAsync(
        GroundTruthImages images, string source, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var detections = new CocoDetectionSet(source);
        var found = new DetectionList(256);
        var files = images.Files;
        Unscored = 0;
        Busy = TimeSpan.Zero;
        var next = files.Count > 0 ? ImageFileDecoder.DecodeAsync(files[0].Path, cancellationToken) : null;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var image = await next!.ConfigureAwait(false);
                next = i + 1 < files.Count ? ImageFileDecoder.DecodeAsync(files[i + 1].Path, cancellationToken) : null;
                var file = files[i];
                CheckSize(file, image, images.Folder);
                _pass.Detect(image.View, found);
                var timings = _pass.LastTimings;
                Busy += timings.Preprocess + timings.Inference + timings.Decode;
                foreach (var d in found.AsReadOnlySpan())
                {
                    if (_categories.CategoryIdOf(d.Label) is not { } category || !d.HasBox)
                    {
                        Unscored++;
                        continue;
                    }

                    detections.Add(file.Image.Id, category, CocoBox.FromCorners(d.Box.X1, d.Box.Y1, d.Box.X2, d.Box.Y2), d.Score);
                }

                progress?.Invoke(i + 1, files.Count);
            }
        }
        finally
        {
            if (next is not null)
            {
                // Stopped by an error: let the decode already started finish (its ffmpeg exits) and its outcome be observed.
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        return detections;
    }

    private static void CheckSize(GroundTruthImageFile file, BgrImage image, string folder)
    {
        var listed = file.Image;
        if (listed.Width > 0 && listed.Height > 0 && (listed.Width != image.Width || listed.Height != image.Height))
        {
            throw new EvaluationDataException(file.Path, null,
                $"is {image.Width}x{image.Height}, but the annotations give image {listed.Id} as {listed.Width}x{listed.Height}: "
                + $"the annotations do not match the images in {folder}");
        }
    }
}
