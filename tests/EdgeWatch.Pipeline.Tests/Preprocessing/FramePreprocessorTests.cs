using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Tests.Preprocessing;

public sealed class FramePreprocessorTests
{
    [Fact]
    public void Letterbox_at_top_left_keeps_the_aspect_ratio_pads_the_rest_and_maps_boxes_back()
    {
        var spec = new PreprocessSpec { Width = 416, Height = 416, Resize = ResizeMode.Letterbox, PadValue = 114 };
        var image = Solid(768, 576, blue: 10, green: 20, red: 30);
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);

        var transform = new FramePreprocessor(spec).Prepare(image.View(), tensor);

        // 768x576 scaled by 416/768 is 416x312: rows 0..311 are the image, 312..415 the padding.
        var planes = tensor.Floats;
        Assert.Equal(10f, planes[At(0, 311, 415)], 2);   // B plane, last image row
        Assert.Equal(20f, planes[At(1, 0, 0)], 2);
        Assert.Equal(30f, planes[At(2, 100, 200)], 2);
        Assert.Equal(114f, planes[At(0, 312, 0)]);       // first padding row
        Assert.Equal(114f, planes[At(2, 415, 415)]);
        var box = transform.MapFromTensor(208, 156, 416, 312);
        Assert.Equal((384f, 288f, 768f, 576f), (box.X1, box.Y1, box.X2, box.Y2));

        static int At(int channel, int y, int x) => (channel * 416 * 416) + (y * 416) + x;
    }

    [Fact]
    public void Centred_letterbox_splits_the_padding_and_its_transform_removes_the_offset()
    {
        var spec = new PreprocessSpec { Width = 100, Height = 100, Resize = ResizeMode.Letterbox, Anchor = LetterboxAnchor.Center, PadValue = 0 };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);

        var transform = new FramePreprocessor(spec).Prepare(Solid(200, 100, 255, 255, 255).View(), tensor);

        // 200x100 → 100x50, centred: rows 25..74 hold the image.
        Assert.Equal(0f, tensor.Floats[24 * 100 + 50]);
        Assert.Equal(255f, tensor.Floats[25 * 100 + 50], 1);
        Assert.Equal(255f, tensor.Floats[74 * 100 + 50], 1);
        Assert.Equal(0f, tensor.Floats[75 * 100 + 50]);
        var box = transform.MapFromTensor(0, 25, 100, 75);
        Assert.Equal((0f, 0f, 200f, 100f), (box.X1, box.Y1, box.X2, box.Y2));
    }

    [Fact]
    public void Rgb_models_get_red_first_and_normalisation_is_applied_per_channel()
    {
        var spec = new PreprocessSpec
        {
            Width = 8, Height = 8, ColorOrder = ColorOrder.Rgb, Scale = 1f / 255, Mean = [0.5f, 0.25f, 0f], Std = [0.5f, 0.25f, 1f],
        };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);

        new FramePreprocessor(spec).Prepare(Solid(16, 16, blue: 0, green: 255, red: 255).View(), tensor);

        Assert.Equal((1f - 0.5f) / 0.5f, tensor.Floats[0], 3);        // R
        Assert.Equal((1f - 0.25f) / 0.25f, tensor.Floats[64], 3);     // G
        Assert.Equal(0f, tensor.Floats[128], 3);                      // B
    }

    [Fact]
    public void A_horizontal_gradient_is_resampled_at_pixel_centres_like_opencv()
    {
        // Source x = 0..199 with value x; halving the width samples at source 2x + 0.5, i.e. the mean of two pixels.
        var image = new TestImage(200, 10);
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                image.Set(x, y, (byte)x, (byte)x, (byte)x);
            }
        }

        var spec = new PreprocessSpec { Width = 100, Height = 5 };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);
        new FramePreprocessor(spec).Prepare(image.View(), tensor);

        for (var x = 1; x < 99; x++)
        {
            Assert.Equal((2 * x) + 0.5f, tensor.Floats[(2 * 100) + x], 1);
        }
    }

    [Fact]
    public void Byte_tensors_in_nhwc_hold_the_raw_pixels_interleaved()
    {
        var spec = new PreprocessSpec { Width = 4, Height = 4, Layout = TensorLayout.Nhwc, ElementType = TensorElementType.UInt8 };
        var tensor = new TensorBuffer(TensorElementType.UInt8, spec.TensorShape);

        new FramePreprocessor(spec).Prepare(Solid(4, 4, 1, 2, 3).View(), tensor);

        Assert.Equal([1, 2, 3, 1, 2, 3], tensor.Bytes[..6].ToArray());
    }

    [Fact]
    public void Centre_crop_takes_the_middle_of_the_short_side_scaled_frame()
    {
        // 400x200 frame, 50x50 input, crop fraction 0.5: the short side goes to 100, the crop is the central 100x100 source square.
        var image = new TestImage(400, 200);
        for (var y = 0; y < 200; y++)
        {
            for (var x = 0; x < 400; x++)
            {
                var inside = x >= 150 && x < 250 && y >= 50 && y < 150;
                image.Set(x, y, inside ? (byte)200 : (byte)0, 0, 0);
            }
        }

        var spec = new PreprocessSpec { Width = 50, Height = 50, Resize = ResizeMode.CenterCrop, CropFraction = 0.5f };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);
        var transform = new FramePreprocessor(spec).Prepare(image.View(), tensor);

        Assert.Equal(200f, tensor.Floats[0], 1);
        Assert.Equal(200f, tensor.Floats[(49 * 50) + 49], 1);
        var box = transform.MapFromTensor(0, 0, 50, 50);
        Assert.Equal((150f, 50f, 250f, 150f), (box.X1, box.Y1, box.X2, box.Y2));
    }

    [Fact]
    public void Antialiasing_averages_what_plain_bilinear_skips()
    {
        // Alternating black and white columns shrunk 4x: bilinear samples between neighbours and lands on 127.5 only by
        // luck of phase, while the filtered resize averages every column: all outputs are close to the mean.
        var image = new TestImage(400, 8);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 400; x++)
            {
                var v = (byte)(x % 4 == 0 ? 255 : 0);
                image.Set(x, y, v, v, v);
            }
        }

        var spec = new PreprocessSpec { Width = 100, Height = 2, Antialias = true };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);
        new FramePreprocessor(spec).Prepare(image.View(), tensor);

        for (var x = 2; x < 98; x++)
        {
            Assert.InRange(tensor.Floats[x], 63.75f - 20f, 63.75f + 20f);
        }
    }

    [Fact]
    public void Frames_of_a_new_size_rebuild_the_geometry()
    {
        var spec = new PreprocessSpec { Width = 32, Height = 32, Resize = ResizeMode.Letterbox, PadValue = 0 };
        var tensor = new TensorBuffer(TensorElementType.Float32, spec.TensorShape);
        var preprocessor = new FramePreprocessor(spec);

        preprocessor.Prepare(Solid(64, 32, 50, 50, 50).View(), tensor);     // image fills rows 0..15
        var transform = preprocessor.Prepare(Solid(32, 64, 90, 90, 90).View(), tensor); // now columns 0..15, full height

        Assert.Equal(90f, tensor.Floats[31 * 32], 1);
        Assert.Equal(0f, tensor.Floats[(31 * 32) + 20]); // padding of the new geometry
        Assert.Equal(2f, transform.ScaleX);
    }

    private static TestImage Solid(int width, int height, byte blue, byte green, byte red)
    {
        var image = new TestImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image.Set(x, y, blue, green, red);
            }
        }

        return image;
    }

    private sealed class TestImage(int width, int height)
    {
        private readonly byte[] _pixels = new byte[width * height * 3];

        public void Set(int x, int y, byte blue, byte green, byte red)
        {
            var at = ((y * width) + x) * 3;
            (_pixels[at], _pixels[at + 1], _pixels[at + 2]) = (blue, green, red);
        }

        public ImageView View() => new(_pixels, width, height);
    }
}
