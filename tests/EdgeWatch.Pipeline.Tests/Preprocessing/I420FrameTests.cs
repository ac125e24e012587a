using System.Diagnostics;
using System.Text.Json;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Tests.Preprocessing;

/// <summary>
/// Cameras deliver I420 (ffmpeg's yuv420p: half the bytes of BGR, and no full-frame colour conversion); the
/// pre-processor converts only the pixels it samples. These tests hold that path to ffmpeg's own conversion of the same
/// real image, and the detector's results on it to the independent reference.
/// </summary>
public sealed class I420FrameTests
{
    private static readonly string Dog = SharedData.Path("testdata", "images", "dog.jpg");

    [Fact]
    public async Task Whole_frame_conversion_matches_ffmpegs_own_yuv_to_bgr()
    {
        var (yuv, width, height) = await DecodeI420Async(Dog);
        var ffmpegBgr = await RunFfmpegAsync(
            ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-i", "-", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"], yuv);

        var ours = new byte[width * height * 3];
        YuvToBgr.ConvertImage(new ImageView(yuv, width, height, format: PixelFormat.I420), ours);

        // ffmpeg's even-size fast path uses fixed-point tables that truncate where this rounds: about one level lower
        // on average, never more than three. Swapped or misplaced planes would be tens of levels off.
        var (mean, max) = Difference(ours, ffmpegBgr);
        Assert.True(mean < 1.5, $"mean difference {mean:F3} levels");
        Assert.True(max <= 3, $"largest difference {max} levels");
    }

    [Theory]
    [InlineData(ResizeMode.Stretch, TensorLayout.Nchw, TensorElementType.Float32, ColorOrder.Bgr, false)]
    [InlineData(ResizeMode.Letterbox, TensorLayout.Nchw, TensorElementType.Float32, ColorOrder.Rgb, false)]
    [InlineData(ResizeMode.CenterCrop, TensorLayout.Nhwc, TensorElementType.UInt8, ColorOrder.Rgb, false)]
    [InlineData(ResizeMode.Stretch, TensorLayout.Nhwc, TensorElementType.UInt8, ColorOrder.Bgr, true)]
    public async Task An_i420_frame_gives_the_tensor_its_bgr_conversion_gives(
        ResizeMode resize, TensorLayout layout, TensorElementType element, ColorOrder order, bool antialias)
    {
        var (yuv, width, height) = await DecodeI420Async(Dog);
        var bgr = new byte[width * height * 3];
        YuvToBgr.ConvertImage(new ImageView(yuv, width, height, format: PixelFormat.I420), bgr);
        var spec = new PreprocessSpec
        {
            Width = 320, Height = 240, Resize = resize, Layout = layout, ElementType = element, ColorOrder = order, Antialias = antialias,
        };

        var fromI420 = Prepare(spec, new ImageView(yuv, width, height, format: PixelFormat.I420), out var i420Transform);
        var fromBgr = Prepare(spec, new ImageView(bgr, width, height), out var bgrTransform);

        // Sampling chroma at its own (half) resolution instead of the nearest-upsampled copy moves edges by a fraction
        // of a level on average; anything larger would be a plane or channel mix-up.
        var (mean, max) = Difference(fromI420, fromBgr);
        Assert.True(mean < 1.5, $"mean difference {mean:F3} levels (largest {max:F1})");
        Assert.Equal(bgrTransform.MapFromTensor(10, 20, 300, 200), i420Transform.MapFromTensor(10, 20, 300, 200));
    }

    [Fact]
    public async Task Odd_sized_frames_round_their_chroma_planes_up()
    {
        // 101x75: chroma planes are 51x38, and the last column and row share the final chroma sample.
        var (yuv, width, height) = await DecodeI420Async(Dog, "scale=101:75");
        Assert.Equal(ImageView.ByteLength(PixelFormat.I420, 101, 75), yuv.Length);
        var ffmpegBgr = await RunFfmpegAsync(
            ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-i", "-", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"], yuv);

        var pool = new FramePool("test", capacity: 1);
        var frame = pool.TryRentCopy(new ImageView(yuv, width, height, format: PixelFormat.I420), number: 1)!;
        var bgr = new byte[width * height * 3];
        frame.CopyAsBgr(bgr);
        frame.Release();

        // At odd sizes ffmpeg's generic scaler interpolates chroma where this repeats it, so edges differ; on average
        // they agree within two levels. Chroma planes sized by rounding down (50x37) shear the colour: ~10 levels off.
        var (mean, max) = Difference(bgr, ffmpegBgr);
        Assert.True(mean < 2.5, $"mean {mean:F3}, largest {max}");
        var spec = new PreprocessSpec { Width = 64, Height = 48 };
        var (tensorMean, _) = Difference(
            Prepare(spec, new ImageView(yuv, width, height, format: PixelFormat.I420), out _),
            Prepare(spec, new ImageView(bgr, width, height), out _));
        Assert.True(tensorMean < 1.5, $"tensor mean difference {tensorMean:F3}");
    }

    [Theory]
    [InlineData("dog.jpg")]
    [InlineData("person.jpg")]
    public async Task The_detector_on_i420_frames_finds_what_the_reference_finds(string imageName)
    {
        var model = await TestModels.OpenAsync("yolox-nano");
        using var engine = OnnxRuntimeEngine.Load(model);
        using var pass = new DetectionPass(engine, model.CreateFilter());
        var (yuv, width, height) = await DecodeI420Async(SharedData.Path("testdata", "images", imageName));
        var results = new DetectionList();

        pass.Detect(new ImageView(yuv, width, height, format: PixelFormat.I420), results);

        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.Path("testdata", "reference", "yolox-nano.json")));
        var expected = document.RootElement.GetProperty(imageName).GetProperty("detections").EnumerateArray().ToList();
        var actual = results.AsReadOnlySpan().ToArray();
        Assert.Equal(
            expected.Select(d => d.GetProperty("label").GetString()).Order(),
            actual.Select(d => model.Labels[d.Label]).Order());
        foreach (var want in expected)
        {
            var b = want.GetProperty("box");
            var box = new BoundingBox(b[0].GetSingle(), b[1].GetSingle(), b[2].GetSingle(), b[3].GetSingle());
            var got = actual.Where(d => model.Labels[d.Label] == want.GetProperty("label").GetString()).MaxBy(d => d.Box.IoU(box));
            Assert.InRange(got.Score, want.GetProperty("score").GetSingle() - 0.05f, want.GetProperty("score").GetSingle() + 0.05f);
            Assert.True(got.Box.IoU(box) >= 0.85f, $"IoU {got.Box.IoU(box):F3} with {box}, got {got.Box}");
        }
    }

    private static float[] Prepare(PreprocessSpec spec, ImageView image, out ImageTransform transform)
    {
        var tensor = new TensorBuffer(spec.ElementType, spec.TensorShape);
        transform = new FramePreprocessor(spec).Prepare(image, tensor);
        return spec.ElementType == TensorElementType.UInt8
            ? tensor.Bytes.ToArray().Select(b => (float)b).ToArray()
            : tensor.Floats.ToArray();
    }

    private static (double Mean, double Max) Difference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        var max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            sum += d;
            max = Math.Max(max, d);
        }

        return ((double)sum / a.Length, max);
    }

    private static (double Mean, double Max) Difference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var pairs = a.Zip(b, (x, y) => Math.Abs((double)x - y)).ToList();
        return (pairs.Average(), pairs.Max());
    }

    private static async Task<(byte[] Pixels, int Width, int Height)> DecodeI420Async(string path, string? filter = null)
    {
        var size = await RunFfmpegAsync(["-i", path, "-frames:v", "1", .. Filter(filter), "-f", "image2pipe", "-c:v", "ppm", "-"], null);
        // A PPM header (P6 W H 255) tells the decoded size; the same decode again as yuv420p gives the planes.
        var header = System.Text.Encoding.ASCII.GetString(size, 0, 32).Split((char[])['\n', ' ', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var (width, height) = (int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture));
        var yuv = await RunFfmpegAsync(["-i", path, "-frames:v", "1", .. Filter(filter), "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"], null);
        Assert.Equal(ImageView.ByteLength(PixelFormat.I420, width, height), yuv.Length);
        return (yuv, width, height);

        static string[] Filter(string? filter) => filter is null ? [] : ["-vf", filter];
    }

    private static async Task<byte[]> RunFfmpegAsync(IEnumerable<string> arguments, byte[]? input)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["-v", "error", "-nostdin", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        if (input is not null)
        {
            start.ArgumentList.Remove("-nostdin");
        }

        using var process = Process.Start(start)!;
        var writing = Task.Run(async () =>
        {
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input);
            }

            process.StandardInput.Close();
        });
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(writing, reading);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg failed: {await errors}");
        return output.ToArray();
    }
}
