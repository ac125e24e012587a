using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Detections;
using static EdgeWatch.Pipeline.Tests.Decoding.DecoderTestKit;

namespace EdgeWatch.Pipeline.Tests.Decoding;

/// <summary>
/// The output formats no small public model is available for, decoded from tensors built by hand from their
/// specification (../shared/docs/models.md): a box placed at known coordinates must come back at the right frame pixels.
/// </summary>
public sealed class DecoderSpecificationTests
{
    [Fact]
    public void Detection_output_rows_come_back_in_frame_pixels_and_stop_at_the_first_negative_image_id()
    {
        // [1,1,N,7] rows: image_id, label, conf, x_min, y_min, x_max, y_max (normalised).
        float[][] rows =
        [
            [0, 1, 0.9f, 0.25f, 0.5f, 0.5f, 1.0f],      // person (COCO id 1)
            [0, 18, 0.6f, 0.1f, 0.1f, 0.2f, 0.3f],      // dog (COCO id 18)
            [0, 3, 0.2f, 0.0f, 0.0f, 1.0f, 1.0f],       // below the threshold
            [-1, 0, 0, 0, 0, 0, 0],                     // end of list
            [0, 5, 0.99f, 0.0f, 0.0f, 0.5f, 0.5f],      // after the end: must be ignored
        ];
        var output = Tensor("detection_out", [1, 1, rows.Length, 7], i => rows[i / 7][i % 7]);
        var decoder = new DetectionOutputDecoder(new DetectionOutputDecoderOptions(), Context(300, 300));

        var results = Decode(decoder, Stretch(300, 300, 640, 480), 0.5f, output);

        Assert.Equal(2, results.Count);
        Assert.Equal(1, results[0].Label);
        Assert.Equal(0.9f, results[0].Score);
        AssertBox(new BoundingBox(160, 240, 320, 480), results[0].Box);
        Assert.Equal(18, results[1].Label);
        AssertBox(new BoundingBox(64, 48, 128, 144), results[1].Box);
        Assert.True(decoder.OutputIsSuppressed);
    }

    [Fact]
    public void Tf_od_api_boxes_are_read_as_ymin_xmin_ymax_xmax_and_limited_by_num_detections()
    {
        float[] boxes = [0.5f, 0.25f, 1.0f, 0.5f, /* second */ 0.1f, 0.1f, 0.3f, 0.2f, /* beyond count */ 0, 0, 1, 1];
        var decoder = new TfObjectDetectionDecoder(new TfObjectDetectionDecoderOptions(), Context(300, 300));

        var results = Decode(
            decoder,
            Stretch(300, 300, 640, 480),
            0.3f,
            Tensor("detection_boxes", [1, 3, 4], i => boxes[i]),
            Tensor("detection_scores", [1, 3], i => new[] { 0.8f, 0.7f, 0.95f }[i]),
            Tensor("detection_classes", [1, 3], i => new[] { 1f, 18f, 3f }[i]),
            Tensor("num_detections", [1], _ => 2f));

        Assert.Equal(2, results.Count);
        Assert.Equal((1, 0.8f), (results[0].Label, results[0].Score));
        AssertBox(new BoundingBox(160, 240, 320, 480), results[0].Box);
        Assert.Equal(18, results[1].Label);
        AssertBox(new BoundingBox(64, 48, 128, 144), results[1].Box);
    }

    [Fact]
    public void Tf_od_api_decoder_names_a_missing_output()
    {
        var decoder = new TfObjectDetectionDecoder(new TfObjectDetectionDecoderOptions(), Context(300, 300));
        var error = Assert.Throws<DecoderException>(() => decoder.Bind([Describe(Tensor("boxes", [1, 3, 4]))]));
        Assert.Contains("detection_boxes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yolo_v2_region_cell_and_anchor_decode_to_the_expected_box_and_class()
    {
        // Tiny-YOLOv2 VOC: [1, 125, 13, 13] = 5 anchors x (tx, ty, tw, th, to, 20 class logits), channel-major.
        const int Grid = 13, Classes = 20, PerAnchor = 5 + Classes;
        var values = new float[5 * PerAnchor * Grid * Grid];
        Array.Fill(values, -10f); // every objectness far below zero: nothing found except the cell we set
        int anchor = 2, row = 6, col = 4, plane = Grid * Grid;
        float At(int channel) => values[(anchor * PerAnchor + channel) * plane + row * Grid + col];
        void Set(int channel, float v) => values[(anchor * PerAnchor + channel) * plane + row * Grid + col] = v;
        Set(0, 0f);                // sigmoid 0.5 → centre of the cell
        Set(1, 0f);
        Set(2, MathF.Log(1f));     // width = anchor width (6.63 cells)
        Set(3, MathF.Log(0.5f));   // height = half the anchor height (11.38 / 2 cells)
        Set(4, 4f);                // objectness sigmoid(4) = 0.982
        for (var c = 0; c < Classes; c++)
        {
            Set(5 + c, c == 11 ? 6f : 0f); // class 11 (dog) dominates the softmax
        }

        _ = At(0);
        var output = Tensor("grid", [1, 5 * PerAnchor, Grid, Grid], i => values[i]);
        var decoder = new YoloV2RegionDecoder(new YoloV2RegionDecoderOptions(), Context(416, 416, 20));

        var results = Decode(decoder, Stretch(416, 416, 416, 416), 0.5f, output);

        Assert.Equal(1, results.Count);
        Assert.Equal(11, results[0].Label);
        var expectedScore = 1f / (1f + MathF.Exp(-4f)) * MathF.Exp(6f) / (MathF.Exp(6f) + 19f);
        Assert.Equal(expectedScore, results[0].Score, 4);
        float cellSize = 416f / Grid, cx = (col + 0.5f) * cellSize, cy = (row + 0.5f) * cellSize;
        float w = 6.63f * cellSize, h = 11.38f / 2 * cellSize;
        var expected = new BoundingBox(cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2));
        AssertBox(new BoundingBox(Math.Max(0, expected.X1), Math.Max(0, expected.Y1), Math.Min(416, expected.X2), Math.Min(416, expected.Y2)), results[0].Box);
    }

    [Fact]
    public void Yolo_v2_region_refuses_an_output_that_does_not_divide_into_its_anchors()
    {
        var decoder = new YoloV2RegionDecoder(new YoloV2RegionDecoderOptions(), Context(416, 416, 20));
        var error = Assert.Throws<DecoderException>(() => decoder.Bind([Describe(Tensor("grid", [1, 124, 13, 13]))]));
        Assert.Contains("5 anchors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yolox_grid_row_decodes_to_its_stride_and_cell()
    {
        // 64x64 input: strides 8/16/32 give 8x8 + 4x4 + 2x2 = 84 rows of (cx, cy, log w, log h, obj, 2 classes).
        var values = new float[84 * 7];
        var row = 64 + 5;            // stride 16 grid (rows 64..79), cell (x 1, y 1)
        values[row * 7 + 0] = 0.5f;  // cx = (0.5 + 1) * 16 = 24
        values[row * 7 + 1] = 0.25f; // cy = (0.25 + 1) * 16 = 20
        values[row * 7 + 2] = MathF.Log(2f); // w = 32
        values[row * 7 + 3] = 0f;            // h = 16
        values[row * 7 + 4] = 0.9f;
        values[row * 7 + 6] = 0.8f;          // class 1
        var decoder = new YoloxDecoder(new YoloxDecoderOptions(), Context(64, 64, 2));

        var results = Decode(decoder, Stretch(64, 64, 128, 128), 0.5f, Tensor("output", [1, 84, 7], i => values[i]));

        Assert.Equal(1, results.Count);
        Assert.Equal(1, results[0].Label);
        Assert.Equal(0.72f, results[0].Score, 4);
        AssertBox(new BoundingBox(16, 24, 80, 56), results[0].Box); // (8..40, 12..28) scaled by 2
    }

    [Fact]
    public void Ssd_priors_regression_of_zero_returns_the_prior_itself()
    {
        // 320x240 input, strides 8..64: the very first prior is cell (0,0) of stride 8 with size 10.
        var decoder = new SsdPriorsDecoder(new SsdPriorsDecoderOptions(), Context(320, 240, 2));
        var priors = decoder.PriorCount;
        Assert.Equal(4420, priors); // what RFB-320's outputs declare
        var scores = Tensor("scores", [1, priors, 2], i => i == 1 ? 0.95f : i % 2 == 0 ? 1f : 0f);
        var boxes = Tensor("boxes", [1, priors, 4]);

        var results = Decode(decoder, Stretch(320, 240, 320, 240), 0.7f, scores, boxes);

        Assert.Equal(1, results.Count);
        Assert.Equal(1, results[0].Label);
        AssertBox(new BoundingBox(-1f, -1f, 9f, 9f) with { X1 = 0, Y1 = 0 }, results[0].Box); // centre (4, 4), 10x10, clipped
    }

    [Fact]
    public void Classification_reports_the_top_k_softmax_probabilities_without_boxes()
    {
        float[] logits = [1f, 5f, 3f, 0f, 4f];
        var decoder = new ClassificationDecoder(new ClassificationDecoderOptions { TopK = 3 }, Context(224, 224, 5));

        var results = Decode(decoder, Stretch(224, 224, 224, 224), 0f, Tensor("output", [1, 5], i => logits[i]));

        Assert.Equal([1, 4, 2], results.AsReadOnlySpan().ToArray().Select(d => d.Label));
        var sum = logits.Sum(MathF.Exp);
        Assert.Equal(MathF.Exp(5f) / sum, results[0].Score, 5);
        Assert.False(results[0].HasBox);
    }
}
