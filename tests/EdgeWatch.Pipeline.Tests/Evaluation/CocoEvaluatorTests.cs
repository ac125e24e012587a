using EdgeWatch.Pipeline.Evaluation;

namespace EdgeWatch.Pipeline.Tests.Evaluation;

/// <summary>Small cases whose figures are worked out by hand, each pinning one rule of COCOeval.</summary>
public sealed class CocoEvaluatorTests
{
    private const int Person = 1, Car = 2, Dog = 3;
    private const double Tolerance = 1e-12;

    // Sizes against COCO's ranges: small up to 32² = 1024, medium up to 96² = 9216, large above.
    private static readonly CocoBox LargeA = new(100, 100, 200, 200);
    private static readonly CocoBox LargeB = new(350, 100, 200, 200);
    private static readonly CocoBox Medium = new(300, 320, 50, 50);
    private static readonly CocoBox Small = new(500, 400, 20, 20);
    private static readonly CocoBox Elsewhere = new(10, 350, 100, 100);

    private long _nextAnnotationId;

    [Fact]
    public void A_perfect_detector_scores_one_on_every_figure()
    {
        var truth = Truth(
            Object(1, Person, LargeA), Object(1, Car, Medium),
            Object(2, Person, Small), Object(2, Dog, LargeB),
            Object(3, Car, Small));
        var found = Found([.. truth.Annotations.Select((a, i) => new CocoDetection(a.ImageId, a.CategoryId, a.Box, 0.9 - (0.1 * i)))]);

        var evaluation = Evaluate(truth, found);

        // Precision is tp / (tp + fp + 2^-52), as in pycocotools, hence "1" to within 1e-12.
        Assert.All(evaluation.Stats, stat => Assert.Equal(1, stat, Tolerance));
        Assert.All(evaluation.PerClass, c => Assert.Equal(1, c.Ap, Tolerance));
        Assert.Equal(5, evaluation.GroundTruthCount);
    }

    [Fact]
    public void A_detector_that_finds_nothing_scores_zero()
    {
        var truth = Truth(Object(1, Person, LargeA), Object(2, Car, Medium), Object(3, Dog, Small));

        var evaluation = Evaluate(truth, Found());

        Assert.All(evaluation.Stats, stat => Assert.Equal(0, stat));
        Assert.All(evaluation.PerClass, c => Assert.Equal(0, c.Ap));
    }

    // Two people, two exact hits and one false positive, ranked by score in the order given.
    //
    // "hit, miss, hit": after each detection (tp, fp) = (1,0), (1,1), (2,1), so
    //   recall    = 0.5, 0.5, 1.0
    //   precision = 1,   1/2, 2/3  → made non-increasing from the right: 1, 2/3, 2/3.
    // Precision at recall r is the envelope at the first rank whose recall reaches r:
    //   r = 0.00 .. 0.50 (51 thresholds) → rank 1 → 1
    //   r = 0.51 .. 1.00 (50 thresholds) → rank 3 → 2/3
    // AP = (51 × 1 + 50 × 2/3) / 101 = 253/303 ≈ 0.8350, the same at every IoU threshold (the hits are exact).
    //
    // "hit, hit, miss": precision 1, 1, 2/3; recall 0.5, 1, 1 → every threshold reached at precision 1 → AP = 1.
    // "miss, hit, hit": precision 0, 1/2, 2/3 → envelope 2/3 everywhere; recall 0 at rank 1 already reaches
    // r = 0, so all 101 thresholds get 2/3 → AP = 2/3.
    [Theory]
    [InlineData("hit, miss, hit", 253.0 / 303.0)]
    [InlineData("hit, hit, miss", 1.0)]
    [InlineData("miss, hit, hit", 2.0 / 3.0)]
    public void A_false_positive_costs_what_its_rank_says(string ranking, double expectedAp)
    {
        var truth = Truth(Object(1, Person, LargeA), Object(1, Person, LargeB));
        var hits = new Queue<CocoBox>([LargeA, LargeB]);
        var found = Found([.. ranking.Split(", ").Select((outcome, rank) =>
            new CocoDetection(1, Person, outcome == "hit" ? hits.Dequeue() : Elsewhere, 0.9 - (0.1 * rank)))]);

        var evaluation = Evaluate(truth, found);

        Assert.Equal(expectedAp, evaluation.Map, Tolerance);
        Assert.Equal(expectedAp, evaluation.Map50, Tolerance);
        Assert.Equal(expectedAp, evaluation.Map75, Tolerance);
        Assert.Equal(1, evaluation.Ar100);
    }

    [Fact]
    public void A_box_overlapping_exactly_half_matches_at_iou_050_only()
    {
        // IoU = (100 × 50) / (100 × 100) = 0.5 exactly: a match at threshold 0.50 (IoU ≥ threshold), a miss at
        // 0.55 .. 0.95. AP @[.50:.95] = 1/10 of the thresholds at precision 1.
        var truth = Truth(Object(1, Person, new CocoBox(0, 0, 100, 100)));

        var evaluation = Evaluate(truth, Found(new CocoDetection(1, Person, new CocoBox(0, 0, 100, 50), 0.9)));

        Assert.Equal(1, evaluation.Map50, Tolerance);
        Assert.Equal(0, evaluation.Map75);
        Assert.Equal(0.1, evaluation.Map, Tolerance);
        Assert.Equal(0.1, evaluation.Ar100, Tolerance);
    }

    [Fact]
    public void Detections_inside_a_crowd_region_are_neither_right_nor_wrong()
    {
        // A crowd region's IoU is intersection over the detection's own area, so each detection inside it
        // overlaps it fully, matches it (a crowd takes any number of matches), and is then ignored.
        var crowd = new CocoBox(300, 0, 300, 300);
        CocoDetection[] insideCrowd =
        [
            new(1, Person, new CocoBox(310, 10, 50, 100), 0.9),
            new(1, Person, new CocoBox(400, 50, 60, 120), 0.8),
            new(1, Person, new CocoBox(500, 150, 80, 100), 0.7),
        ];
        var hit = new CocoDetection(1, Person, LargeA, 0.5);

        var withCrowd = Evaluate(Truth(Object(1, Person, LargeA), Object(1, Person, crowd, crowd: true)), Found([.. insideCrowd, hit]));

        Assert.Equal(1, withCrowd.Map, Tolerance);
        Assert.Equal(1, withCrowd.Map50, Tolerance);
        Assert.Equal(1, withCrowd.Map75, Tolerance);
        Assert.Equal(1, withCrowd.Ar100);
        Assert.Equal(0, withCrowd.Ar1); // the one detection kept per image is the best-scored, inside the crowd
        Assert.Equal(1, withCrowd.GroundTruthCount); // the crowd region is not an object to find

        // The same region as an ordinary object: the three detections cover too little of it (IoU < 0.5) and
        // become false positives ranked above the hit, and the region is a miss. Precision at the hit is 1/4,
        // recall 1/2: thresholds 0.00 .. 0.50 (51) get 1/4, the rest 0 → AP = 51 × 0.25 / 101.
        var withoutCrowd = Evaluate(Truth(Object(1, Person, LargeA), Object(1, Person, crowd)), Found([.. insideCrowd, hit]));

        Assert.Equal(51 * 0.25 / 101, withoutCrowd.Map, Tolerance);
    }

    [Fact]
    public void A_category_with_only_crowd_regions_is_left_out_of_the_means()
    {
        var truth = Truth(Object(1, Person, LargeA), Object(2, Dog, LargeB, crowd: true));
        var found = Found(new CocoDetection(1, Person, LargeA, 0.9), new CocoDetection(2, Dog, LargeB, 0.9));

        var evaluation = Evaluate(truth, found);

        Assert.Equal(1, evaluation.Map, Tolerance);
        var dog = evaluation.PerClass.Single(c => c.CategoryId == Dog);
        Assert.Equal((-1.0, 0, false), (dog.Ap, dog.GroundTruthCount, dog.HasGroundTruth));
    }

    [Fact]
    public void A_small_object_counts_only_in_the_small_range()
    {
        // Person: a small object found, below an unmatched medium-sized false positive.
        //   area all:   miss then hit → precision envelope 1/2 everywhere → AP 0.5
        //   area small: the false positive is outside the range and matches nothing → ignored → AP 1
        // Car: a large object found → AP 1 in "all" and "large"; in "small" it is out of range (ignored), so
        // the car has no small ground truth and is left out of APs.
        var truth = Truth(Object(1, Person, Small), Object(1, Car, LargeA));
        var found = Found(
            new CocoDetection(1, Person, Medium, 0.95),
            new CocoDetection(1, Person, Small, 0.9),
            new CocoDetection(1, Car, LargeA, 0.8));

        var evaluation = Evaluate(truth, found);

        Assert.Equal((0.5 + 1) / 2, evaluation.Map, Tolerance);
        Assert.Equal(1, evaluation.MapSmall, Tolerance); // person only
        Assert.Equal(-1, evaluation.MapMedium); // no medium object at all
        Assert.Equal(1, evaluation.MapLarge, Tolerance); // car only
        Assert.Equal(1, evaluation.ArSmall);
        Assert.Equal(-1, evaluation.ArMedium);
        Assert.Equal(1, evaluation.ArLarge);
    }

    [Fact]
    public void The_annotated_area_not_the_box_decides_the_size_range()
    {
        // COCO areas are segmentation areas: a 50×50 box around an object of 900 px² is a small object.
        var truth = Truth(Object(1, Person, Medium, area: 900));

        var evaluation = Evaluate(truth, Found(new CocoDetection(1, Person, Medium, 0.9)));

        Assert.Equal(1, evaluation.MapSmall, Tolerance);
        Assert.Equal(-1, evaluation.MapMedium);
    }

    [Fact]
    public void Only_the_best_scored_detections_up_to_the_limit_count()
    {
        // Four people, four exact hits at falling scores, limits 1, 2, 3 per image: recall 1/4, 2/4, 3/4.
        // AP at limit 3: recall reaches 0.75 at precision 1; thresholds 0.00 .. 0.75 (76) get 1, the 25 above 0
        // → 76/101.
        CocoBox[] boxes = [LargeA, LargeB, Medium, Small];
        var truth = Truth([.. boxes.Select(b => Object(1, Person, b))]);
        var found = Found([.. boxes.Select((b, i) => new CocoDetection(1, Person, b, 0.9 - (0.1 * i)))]);

        var limited = Evaluate(truth, found, new CocoEvaluationOptions { MaxDetections = [1, 2, 3] });

        Assert.Equal(76.0 / 101, limited.Map, Tolerance);
        Assert.Equal(0.25, limited.Ar1);
        Assert.Equal(0.5, limited.Ar10);
        Assert.Equal(0.75, limited.Ar100);
        Assert.Contains("maxDets=  3 ] = 0.752", CocoSummaryText.Format(limited), StringComparison.Ordinal);

        var standard = Evaluate(truth, found);

        Assert.Equal(1, standard.Map, Tolerance);
        Assert.Equal(0.25, standard.Ar1);
        Assert.Equal(1, standard.Ar10);
    }

    [Fact]
    public void The_detection_limit_applies_per_image()
    {
        // Image 1 keeps only its false positive at limit 1; image 2 its hit → AR1 = 1/2. At 10 both hit → 1.
        var truth = Truth(Object(1, Person, LargeA), Object(2, Person, LargeA));
        var found = Found(
            new CocoDetection(1, Person, Elsewhere, 0.9),
            new CocoDetection(1, Person, LargeA, 0.8),
            new CocoDetection(2, Person, LargeA, 0.95));

        var evaluation = Evaluate(truth, found);

        Assert.Equal(0.5, evaluation.Ar1);
        Assert.Equal(1, evaluation.Ar10);
    }

    [Fact]
    public void Categories_without_ground_truth_are_left_out_of_the_means()
    {
        // Person found (AP 1), dog missed (AP 0), car has no objects but false detections (AP -1, left out).
        var truth = Truth(Object(1, Person, LargeA), Object(2, Dog, LargeB));
        var found = Found(new CocoDetection(1, Person, LargeA, 0.9), new CocoDetection(3, Car, Medium, 0.99));

        var evaluation = Evaluate(truth, found);

        Assert.Equal(0.5, evaluation.Map, Tolerance);
        Assert.Equal(0.5, evaluation.Ar100);
        Assert.Equal([1.0, -1.0, 0.0], evaluation.PerClass.Select(c => Math.Round(c.Ap, 9)));
        Assert.Equal(-1, evaluation.MapSmall); // no ground truth of any category in range: -1, as pycocotools
    }

    // pycocotools sorts with numpy's stable mergesort: equal scores keep the order detections were given in,
    // within an image; across images, detections are gathered in image-id order before sorting.
    [Theory]
    [InlineData(false, 0.5)] // same image: the false positive added first ranks first → envelope 1/2
    [InlineData(true, 1.0)] // same image: the hit added first ranks first → AP 1
    public void Equal_scores_rank_in_the_order_detections_were_added(bool hitFirst, double expectedAp)
    {
        var truth = Truth(Object(1, Person, LargeA));
        CocoDetection hit = new(1, Person, LargeA, 0.5), miss = new(1, Person, Elsewhere, 0.5);

        var evaluation = Evaluate(truth, hitFirst ? Found(hit, miss) : Found(miss, hit));

        Assert.Equal(expectedAp, evaluation.Map, Tolerance);
    }

    [Fact]
    public void Equal_scores_in_different_images_rank_by_image_id()
    {
        // The hit (image 2) is added before the miss (image 1), but image 1's detections come first.
        var truth = Truth(Object(2, Person, LargeA));

        var evaluation = Evaluate(truth, Found(new CocoDetection(2, Person, LargeA, 0.5), new CocoDetection(1, Person, LargeA, 0.5)));

        Assert.Equal(0.5, evaluation.Map, Tolerance);
    }

    [Fact]
    public void Scoring_can_be_limited_to_the_categories_a_model_knows()
    {
        // A VOC-style model that knows people but not dogs, scored on people only.
        var truth = Truth(Object(1, Person, LargeA), Object(2, Dog, LargeB));
        var found = Found(new CocoDetection(1, Person, LargeA, 0.9));

        var all = Evaluate(truth, found);
        var peopleOnly = Evaluate(truth, found, new CocoEvaluationOptions { CategoryIds = [Person] });

        Assert.Equal(0.5, all.Map, Tolerance);
        Assert.Equal(1, peopleOnly.Map, Tolerance);
        Assert.Equal([Person], peopleOnly.PerClass.Select(c => c.CategoryId));
    }

    [Fact]
    public void Invalid_options_are_refused_by_name()
    {
        var limits = Assert.Throws<ArgumentException>(() => new CocoEvaluator(new CocoEvaluationOptions { MaxDetections = [10, 1, 100] }));
        Assert.Contains("MaxDetections", limits.Message, StringComparison.Ordinal);

        var evaluator = new CocoEvaluator(new CocoEvaluationOptions { CategoryIds = [Person, 77] });
        var categories = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(Truth(Object(1, Person, LargeA)), Found()));
        Assert.Contains("CategoryIds: 77", categories.Message, StringComparison.Ordinal);

        Assert.Equal([1, 10, 300], CocoEvaluationOptions.WithMaxDetections(300).MaxDetections);
    }

    private static CocoEvaluation Evaluate(CocoGroundTruth truth, CocoDetectionSet found, CocoEvaluationOptions? options = null) =>
        new CocoEvaluator(options).Evaluate(truth, found);

    private static CocoGroundTruth Truth(params CocoAnnotation[] objects) => new(
        [new CocoImage(1, "1.jpg", 640, 480), new CocoImage(2, "2.jpg", 640, 480), new CocoImage(3, "3.jpg", 640, 480)],
        [new CocoCategory(Person, "person"), new CocoCategory(Car, "car"), new CocoCategory(Dog, "dog")],
        objects);

    private CocoAnnotation Object(int imageId, int categoryId, CocoBox box, bool crowd = false, double? area = null) =>
        new(++_nextAnnotationId, imageId, categoryId, box, area ?? box.Area, crowd);

    private static CocoDetectionSet Found(params CocoDetection[] detections)
    {
        var set = new CocoDetectionSet("test detections");
        set.AddRange(detections);
        return set;
    }
}
