namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>
/// Scores detections against ground truth exactly as pycocotools' COCOeval does for bounding boxes
/// (cocodataset/cocoapi 8c9bcc3, iouType "bbox"): greedy matching per image and category in score order at
/// IoU 0.50:0.05:0.95, crowd regions and out-of-range objects ignored, 101-point interpolated precision,
/// averaged over the categories that have ground truth.
/// </summary>
/// <remarks>
/// Differences from pycocotools, all outside what its default run computes: detections of images or
/// categories that are not in the ground truth are an error here (pycocotools fails on the first and silently
/// drops the second); with a last detection limit other than 100, the AP figures use that limit (pycocotools
/// reports -1 for its first figure then); an empty detection set scores 0 (pycocotools fails on it).
/// </remarks>
public sealed class CocoEvaluator
{
    // numpy.spacing(1): pycocotools adds it to tp + fp so that precision is 0, not NaN, before the first detection.
    private static readonly double Spacing1 = Math.ScaleB(1.0, -52);

    private readonly int[] _maxDetections;

    /// <summary>An evaluator with COCO's parameters, or the given ones.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public CocoEvaluator(CocoEvaluationOptions? options = null)
    {
        Options = options ?? new CocoEvaluationOptions();
        Options.Validate();
        _maxDetections = [.. Options.MaxDetections];
    }

    /// <summary>The options in use.</summary>
    public CocoEvaluationOptions Options { get; }

    /// <summary>Scores the detections.</summary>
    /// <exception cref="EvaluationDataException">A detection refers to an image or category that is not in
    /// the ground truth.</exception>
    /// <exception cref="ArgumentException"><see cref="CocoEvaluationOptions.CategoryIds"/> or
    /// <see cref="CocoEvaluationOptions.ImageIds"/> names something the ground truth does not have.</exception>
    public CocoEvaluation Evaluate(CocoGroundTruth groundTruth, CocoDetectionSet detections)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(detections);
        CheckDetectionsMatch(groundTruth, detections);
        var imageIds = SelectedIds(Options.ImageIds, groundTruth.Images.Select(i => i.Id), nameof(CocoEvaluationOptions.ImageIds), groundTruth);
        var categoryIds = SelectedIds(Options.CategoryIds, groundTruth.Categories.Select(c => c.Id), nameof(CocoEvaluationOptions.CategoryIds), groundTruth);
        var imageSet = imageIds.ToHashSet();
        var categorySet = categoryIds.ToHashSet();

        // Grouped by (image, category) in their original order, which decides ties as in pycocotools.
        var truthByKey = groundTruth.Annotations
            .Where(a => imageSet.Contains(a.ImageId) && categorySet.Contains(a.CategoryId))
            .GroupBy(a => (a.ImageId, a.CategoryId))
            .ToDictionary(g => g.Key, g => g.ToArray());
        var detectionsByKey = detections.Detections
            .Where(d => imageSet.Contains(d.ImageId) && categorySet.Contains(d.CategoryId))
            .GroupBy(d => (d.ImageId, d.CategoryId))
            .ToDictionary(g => g.Key, g => g.ToArray());

        var areas = CocoAreaRange.Standard;
        var table = new CocoPrecisionTable(categoryIds.Length, areas.Count, _maxDetections.Length);
        var matchesByArea = areas.Select(_ => new List<ImageCategoryMatch>()).ToArray();
        for (var k = 0; k < categoryIds.Length; k++)
        {
            foreach (var list in matchesByArea)
            {
                list.Clear();
            }

            foreach (var imageId in imageIds)
            {
                var truth = truthByKey.GetValueOrDefault((imageId, categoryIds[k])) ?? [];
                var found = detectionsByKey.GetValueOrDefault((imageId, categoryIds[k])) ?? [];
                if (truth.Length == 0 && found.Length == 0)
                {
                    continue;
                }

                var ranked = OrderByScoreDescending(found.Select(d => d.Score).ToArray())
                    .Take(_maxDetections[^1])
                    .Select(i => found[i])
                    .ToArray();
                var ious = IntersectionsOverUnion(ranked, truth);
                for (var a = 0; a < areas.Count; a++)
                {
                    matchesByArea[a].Add(Match(truth, ranked, ious, areas[a]));
                }
            }

            for (var a = 0; a < areas.Count; a++)
            {
                for (var m = 0; m < _maxDetections.Length; m++)
                {
                    Accumulate(matchesByArea[a], _maxDetections[m], table, k, a, m);
                }
            }
        }

        return Summarise(table, groundTruth, categoryIds, truthByKey, detectionsByKey);
    }

    /// <summary>Indices of <paramref name="scores"/> from highest to lowest, ties in index order — the order a
    /// stable sort gives (pycocotools sorts with numpy's stable kind='mergesort').</summary>
    internal static int[] OrderByScoreDescending(double[] scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => scores[y].CompareTo(scores[x]) is var c && c != 0 ? c : x.CompareTo(y));
        return order;
    }

    /// <summary>IoU of every (detection, object) pair, [detection * objects + object]. For a crowd object the
    /// union is the detection's own area: a detection inside a crowd region overlaps it fully.</summary>
    internal static double[] IntersectionsOverUnion(CocoDetection[] detections, CocoAnnotation[] truth)
    {
        var ious = new double[detections.Length * truth.Length];
        for (var d = 0; d < detections.Length; d++)
        {
            var db = detections[d].Box;
            var detectionArea = db.Width * db.Height;
            for (var g = 0; g < truth.Length; g++)
            {
                var gb = truth[g].Box;
                var w = Math.Min(db.Width + db.X, gb.Width + gb.X) - Math.Max(db.X, gb.X);
                if (w <= 0)
                {
                    continue;
                }

                var h = Math.Min(db.Height + db.Y, gb.Height + gb.Y) - Math.Max(db.Y, gb.Y);
                if (h <= 0)
                {
                    continue;
                }

                var intersection = w * h;
                var union = truth[g].IsCrowd ? detectionArea : detectionArea + (gb.Width * gb.Height) - intersection;
                ious[(d * truth.Length) + g] = intersection / union;
            }
        }

        return ious;
    }

    /// <summary>Greedy matching of one image's detections of one category (pycocotools' evaluateImg).</summary>
    private static ImageCategoryMatch Match(CocoAnnotation[] truth, CocoDetection[] ranked, double[] ious, CocoAreaRange area)
    {
        var thresholds = CocoThresholds.Iou;
        int T = thresholds.Length, G = truth.Length, D = ranked.Length;

        // Objects that count come first, ignored ones (crowd or out of range) after, each group in its order.
        var truthIgnored = truth.Select(g => g.IsCrowd || area.Excludes(g.Area)).ToArray();
        var order = Enumerable.Range(0, G).Where(g => !truthIgnored[g]).Concat(Enumerable.Range(0, G).Where(g => truthIgnored[g])).ToArray();
        var matchedTruthId = new long[T * D];
        var ignored = new bool[T * D];
        var truthTaken = new bool[T * G];
        if (G > 0 && D > 0)
        {
            for (var t = 0; t < T; t++)
            {
                for (var d = 0; d < D; d++)
                {
                    var best = Math.Min(thresholds[t], 1 - 1e-10);
                    var m = -1;
                    for (var j = 0; j < G; j++)
                    {
                        var g = order[j];
                        if (truthTaken[(t * G) + j] && !truth[g].IsCrowd)
                        {
                            continue; // taken, and only crowd regions take several detections
                        }

                        if (m > -1 && !truthIgnored[order[m]] && truthIgnored[g])
                        {
                            break; // matched an object that counts: never trade it for an ignored one
                        }

                        var iou = ious[(d * G) + g];
                        if (iou < best)
                        {
                            continue;
                        }

                        best = iou;
                        m = j;
                    }

                    if (m == -1)
                    {
                        continue;
                    }

                    ignored[(t * D) + d] = truthIgnored[order[m]];
                    matchedTruthId[(t * D) + d] = truth[order[m]].Id;
                    truthTaken[(t * G) + m] = true;
                }
            }
        }

        var matched = new bool[T * D];
        for (var t = 0; t < T; t++)
        {
            for (var d = 0; d < D; d++)
            {
                var i = (t * D) + d;

                // pycocotools records a match as the object's id and tests it for non-zero: an object with id 0
                // never counts as matched. Reproduced so that the figures are identical.
                matched[i] = matchedTruthId[i] != 0;
                ignored[i] |= !matched[i] && area.Excludes(ranked[d].Box.Area);
            }
        }

        return new ImageCategoryMatch(
            [.. ranked.Select(d => d.Score)], matched, ignored, truthIgnored.Count(ignore => !ignore));
    }

    /// <summary>Precision at each recall threshold and final recall, for one category, area range and
    /// detection limit, over all images (pycocotools' accumulate).</summary>
    private static void Accumulate(List<ImageCategoryMatch> matches, int maxDetections, CocoPrecisionTable table, int k, int a, int m)
    {
        if (matches.Count == 0)
        {
            return; // no ground truth and no detections: stays -1
        }

        var counted = matches.Sum(e => e.CountedGroundTruth);
        if (counted == 0)
        {
            return; // no ground truth that counts: stays -1, left out of the means
        }

        // All images' top detections, concatenated in image order, then stably sorted by score.
        var owners = new List<(ImageCategoryMatch Match, int Index)>();
        foreach (var e in matches)
        {
            for (var d = 0; d < Math.Min(maxDetections, e.Scores.Length); d++)
            {
                owners.Add((e, d));
            }
        }

        var order = OrderByScoreDescending([.. owners.Select(o => o.Match.Scores[o.Index])]);
        var n = order.Length;
        var recallAt = new double[n];
        var precisionAt = new double[n];
        var recallThresholds = CocoThresholds.Recall;
        for (var t = 0; t < CocoThresholds.Iou.Length; t++)
        {
            double truePositives = 0, falsePositives = 0;
            for (var j = 0; j < n; j++)
            {
                var (e, d) = owners[order[j]];
                var i = (t * e.Scores.Length) + d;
                if (!e.Ignored[i])
                {
                    if (e.Matched[i])
                    {
                        truePositives++;
                    }
                    else
                    {
                        falsePositives++;
                    }
                }

                recallAt[j] = truePositives / counted;
                precisionAt[j] = truePositives / (falsePositives + truePositives + Spacing1);
            }

            table.SetRecall(t, k, a, m, n > 0 ? recallAt[n - 1] : 0);

            // Precision envelope: at each rank, the best precision reachable at that recall or beyond.
            for (var j = n - 1; j > 0; j--)
            {
                if (precisionAt[j] > precisionAt[j - 1])
                {
                    precisionAt[j - 1] = precisionAt[j];
                }
            }

            // For each recall threshold, the first rank whose recall reaches it (numpy searchsorted, side
            // 'left'); thresholds never reached get precision 0.
            var rank = 0;
            for (var r = 0; r < recallThresholds.Length; r++)
            {
                while (rank < n && recallAt[rank] < recallThresholds[r])
                {
                    rank++;
                }

                table.SetPrecision(t, r, k, a, m, rank < n ? precisionAt[rank] : 0);
            }
        }
    }

    private CocoEvaluation Summarise(
        CocoPrecisionTable table,
        CocoGroundTruth groundTruth,
        int[] categoryIds,
        Dictionary<(int ImageId, int CategoryId), CocoAnnotation[]> truthByKey,
        Dictionary<(int ImageId, int CategoryId), CocoDetection[]> detectionsByKey)
    {
        const int All = 0, Small = 1, Medium = 2, Large = 3;
        int last = _maxDetections.Length - 1, t50 = CocoThresholds.IouIndex(0.5), t75 = CocoThresholds.IouIndex(0.75);
        var truthCounts = new int[categoryIds.Length];
        foreach (var ((_, categoryId), objects) in truthByKey)
        {
            truthCounts[Array.IndexOf(categoryIds, categoryId)] += objects.Count(o => !o.IsCrowd);
        }

        var perClass = categoryIds
            .Select((id, k) => new CocoClassAveragePrecision(
                id,
                groundTruth.TryGetCategory(id, out var category) ? category.Name : "",
                table.MeanPrecision(null, All, last, k),
                table.MeanPrecision(t50, All, last, k),
                truthCounts[k]))
            .ToList();

        return new CocoEvaluation
        {
            Map = table.MeanPrecision(null, All, last),
            Map50 = table.MeanPrecision(t50, All, last),
            Map75 = table.MeanPrecision(t75, All, last),
            MapSmall = table.MeanPrecision(null, Small, last),
            MapMedium = table.MeanPrecision(null, Medium, last),
            MapLarge = table.MeanPrecision(null, Large, last),
            Ar1 = table.MeanRecall(All, 0),
            Ar10 = table.MeanRecall(All, 1),
            Ar100 = table.MeanRecall(All, last),
            ArSmall = table.MeanRecall(Small, last),
            ArMedium = table.MeanRecall(Medium, last),
            ArLarge = table.MeanRecall(Large, last),
            MaxDetections = [.. _maxDetections],
            PerClass = perClass,
            ImageCount = groundTruth.Images.Count(i => Options.ImageIds is null || Options.ImageIds.Contains(i.Id)),
            GroundTruthCount = truthCounts.Sum(),
            DetectionCount = detectionsByKey.Values.Sum(d => d.Length),
        };
    }

    private static int[] SelectedIds(IReadOnlyCollection<int>? selected, IEnumerable<int> available, string option, CocoGroundTruth groundTruth)
    {
        var all = available.ToHashSet();
        if (selected is null)
        {
            return [.. all.Order()];
        }

        var missing = selected.Where(id => !all.Contains(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{option}: {string.Join(", ", missing)} not in {groundTruth.Source}.", option);
        }

        return [.. selected.Distinct().Order()];
    }

    private static void CheckDetectionsMatch(CocoGroundTruth groundTruth, CocoDetectionSet detections)
    {
        var unknownImages = new SortedSet<int>();
        var unknownCategories = new SortedSet<int>();
        int firstImage = -1, firstCategory = -1;
        for (var i = 0; i < detections.Count; i++)
        {
            var d = detections.Detections[i];
            if (!groundTruth.TryGetImage(d.ImageId, out _) && unknownImages.Add(d.ImageId) && firstImage < 0)
            {
                firstImage = i;
            }

            if (!groundTruth.TryGetCategory(d.CategoryId, out _) && unknownCategories.Add(d.CategoryId) && firstCategory < 0)
            {
                firstCategory = i;
            }
        }

        if (unknownImages.Count > 0)
        {
            throw new EvaluationDataException(detections.Source, null,
                $"detections refer to {unknownImages.Count} image id(s) that are not in {groundTruth.Source} "
                + $"({List(unknownImages)}; the first at index {firstImage})");
        }

        if (unknownCategories.Count > 0)
        {
            throw new EvaluationDataException(detections.Source, null,
                $"detections refer to {unknownCategories.Count} category id(s) that are not in {groundTruth.Source} "
                + $"({List(unknownCategories)}; the first at index {firstCategory}); map model labels to its category ids");
        }
    }

    private static string List(SortedSet<int> ids) =>
        string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $", ... {ids.Count - 10} more" : "");
}
