using System.Globalization;
using System.Text.Json;
using EdgeWatch.Worker.Snapshots;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.Publishing;

/// <summary>
/// The counts, events and snapshot topics as an independent subscriber (mosquitto_sub) sees them when the daemon analyses
/// the sample video: people walk into an empty room one at a time, six times.
/// </summary>
public sealed class SampleVideoTopicsTests(SampleVideoRun run) : IClassFixture<SampleVideoRun>
{
    private const string Camera = SampleVideoRun.Camera;
    private static readonly string[] CountedLabels = ["person", "car", "dog", "cat"]; // Tracking:DefaultLabels: the camera sets none

    // YOLOX-Nano loses a walking person now and then; the tracker must bridge that, but one visit may still split in two
    // or a very short one be missed.
    private const int ExpectedVisits = 6;
    private const int VisitTolerance = 1;

    [Fact]
    public void Counts_are_retained_numbers_published_on_change_that_go_up_and_down_with_each_visit()
    {
        var counts = run.On($"{Camera}/person/count");
        Assert.NotEmpty(counts);
        Assert.All(counts, m => Assert.True(m.Retain && m.Qos == 1, $"{m} should be retained, QoS 1"));
        var values = counts.Select(m => int.Parse(m.Text, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, values[0]); // nothing seen yet at connection
        Assert.Equal(0, values[^1]); // the video ends with the room empty
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // on change only
        var arrivals = values.Zip(values.Skip(1)).Count(pair => pair.First == 0 && pair.Second > 0);
        Assert.InRange(arrivals, ExpectedVisits - VisitTolerance, ExpectedVisits + VisitTolerance);

        var detected = run.On($"{Camera}/person/detected");
        Assert.All(detected, m => Assert.True(m.Retain && m.Qos == 1 && m.Text is "ON" or "OFF", $"{m} should be ON/OFF, retained, QoS 1"));
        Assert.Equal("OFF", detected[0].Text);
        Assert.Equal(arrivals, detected.Count(m => m.Text == "ON"));
        Assert.All(detected.Zip(detected.Skip(1)), pair => Assert.NotEqual(pair.First.Text, pair.Second.Text));

        // Nobody brought a car, dog or cat (YOLOX may take a crouching person for a dog for a few frames).
        foreach (var label in CountedLabels.Skip(1))
        {
            Assert.Equal("0", run.On($"{Camera}/{label}/count")[^1].Text);
            Assert.True(run.On($"{Camera}/{label}/count").Count <= 5, $"{label} counted {run.On($"{Camera}/{label}/count").Count} times");
        }
    }

    [Fact]
    public void People_walking_in_one_at_a_time_are_one_new_and_one_end_per_visit()
    {
        var messages = run.On($"{Camera}/events");
        Assert.All(messages, m => Assert.True(!m.Retain && m.Qos == 1, $"{m} should be QoS 1, not retained"));
        var events = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.All(events, CheckShape);
        Assert.All(events, e => Assert.Contains(e.GetProperty("label").GetString(), CountedLabels)); // only counted labels are tracked
        // YOLOX may take a crouching person for a dog for a few frames: such objects are brief; people are followed.
        Assert.All(events.Where(e => e.GetProperty("label").GetString() != "person"), e => Assert.True(e.GetProperty("frames").GetInt32() < 20, $"{e}"));
        events = [.. events.Where(e => e.GetProperty("label").GetString() == "person")];

        var created = events.Where(e => Type(e) == "new").ToList();
        var ended = events.Where(e => Type(e) == "end").ToList();
        var summary = string.Join('\n', events.Where(e => Type(e) != "update").Select(e => $"{Type(e)} {Id(e)} frames {Frame(e, "first_frame")}-{Frame(e, "last_frame")}"));
        Assert.True(created.Count is >= ExpectedVisits - VisitTolerance and <= ExpectedVisits + VisitTolerance,
            $"{created.Count} new events for {ExpectedVisits} visits:\n{summary}");
        Assert.Equal(created.Select(Id).Order(), ended.Select(Id).Order());
        Assert.Equal(created.Count, created.Select(Id).Distinct().Count());
        foreach (var start in created)
        {
            var end = ended.Single(e => Id(e) == Id(start));
            Assert.True(events.IndexOf(start) < events.IndexOf(end));
            Assert.Equal(Frame(start, "first_frame"), Frame(end, "first_frame"));
            var first = Frame(start, "first_frame");
            var last = Frame(end, "last_frame");
            Assert.True(SampleVideoRun.Visits.Any(v => first >= v.First - 10 && last <= v.Last + 10),
                $"object {Id(start)} seen in frames {first}-{last}, which is no visit:\n{summary}");
            Assert.True(end.GetProperty("frames").GetInt32() > 20, $"{Id(start)} matched in only {end.GetProperty("frames")} frames");
        }

        // A handful of messages per visit, not one per frame.
        Assert.InRange(events.Count, 2 * created.Count, 8 * created.Count);
    }

    [Fact]
    public void A_subscriber_arriving_afterwards_gets_every_retained_state_and_no_events()
    {
        var retained = run.Retained.ToDictionary(m => m.Topic[(SampleVideoRun.Root.Length + 1)..]);
        foreach (var label in CountedLabels)
        {
            Assert.Equal("0", retained[$"{Camera}/{label}/count"].Text);
            Assert.Equal("OFF", retained[$"{Camera}/{label}/detected"].Text);
        }

        Assert.Equal("online", retained["availability"].Text);
        Assert.StartsWith("EdgeWatch camera=room frame=", Assert.Single(JpegMarkers.Comments(retained[$"{Camera}/snapshot"].Payload), c => c.StartsWith("EdgeWatch", StringComparison.Ordinal)));
        Assert.DoesNotContain($"{Camera}/events", retained.Keys);
        Assert.DoesNotContain($"{Camera}/detections", retained.Keys);
    }

    [Fact]
    public async Task Snapshots_are_jpegs_with_boxes_drawn_where_the_detections_of_their_frame_are()
    {
        var snapshots = run.On($"{Camera}/snapshot");
        Assert.True(snapshots.Count >= 3, $"{snapshots.Count} snapshots");
        var green = LabelColours.For(0); // person
        var checkedEdges = 0;
        foreach (var snapshot in snapshots)
        {
            Assert.True(snapshot.Retain, $"{snapshot.Topic} is not retained");
            Assert.Equal(("mjpeg", 768, 432), await FfmpegImages.ProbeAsync(snapshot.Payload));
            var frame = FrameOf(snapshot.Payload);
            var detections = run.DetectionsOf(frame).GetProperty("detections").EnumerateArray().ToList();
            Assert.NotEmpty(detections); // only frames with detections become snapshots
            var (width, _, pixels) = await FfmpegImages.DecodeAsync(snapshot.Payload);
            foreach (var detection in detections.Where(d => d.GetProperty("label").GetString() == "person"))
            {
                var box = Box(detection);
                var others = detections.Where(d => !Box(d).SequenceEqual(box)).SelectMany(d => Drawn(d, width)).ToList();
                // The lines are 3 px wide from the box's edge inwards: the middle column is 1 px in, whatever the rounding.
                // Rows are taken from the middle half (away from the label tag), where no other detection's box is drawn.
                var left = (int)Math.Floor(box[0]) + 1;
                var right = (int)Math.Ceiling(box[2]) - 2;
                var rows = Enumerable.Range((int)(box[1] + ((box[3] - box[1]) * 0.25)), (int)((box[3] - box[1]) * 0.5)).ToList();
                foreach (var column in new[] { left, right })
                {
                    var onLine = rows.Where(y => !others.Any(o => column >= o[0] && column <= o[2] && y >= o[1] && y <= o[3]))
                        .Select(y => (Row: y, Colour: Pixel(pixels, width, column, y))).ToList();
                    if (onLine.Count < 20)
                    {
                        continue; // crossed by other boxes along most of its length
                    }

                    var share = onLine.Count(p => IsNear(p.Colour, green)) / (double)onLine.Count;
                    Assert.True(share >= 0.9,
                        $"frame {frame}: column {column} of box [{string.Join(", ", box)}] is the label colour in {share:P0} of {onLine.Count} rows; " +
                        $"not in: {string.Join(' ', onLine.Where(p => !IsNear(p.Colour, green)).Take(12).Select(p => $"{p.Row}:{p.Colour.B},{p.Colour.G},{p.Colour.R}"))}; " +
                        $"detections: {run.DetectionsOf(frame).GetProperty("detections")}");
                    checkedEdges++;
                }

                // A control: a few pixels outside the box the scene shows through.
                var outside = Math.Max(0, left - 7);
                var beside = rows.Count(y => IsNear(Pixel(pixels, width, outside, y), green)) / (double)rows.Count;
                Assert.True(beside < 0.5, $"frame {frame}: column {outside}, outside the box, is green too ({beside:P0})");
            }
        }

        Assert.True(checkedEdges >= 4, $"only {checkedEdges} box edges could be checked");
    }

    [Fact]
    public void Snapshots_come_at_most_once_per_interval_on_the_frames_clock()
    {
        var times = run.On($"{Camera}/snapshot").Select(s => TimeOf(s.Payload)).ToList();
        Assert.True(times.Count >= 3, $"{times.Count} snapshots");
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1.95),
            $"snapshots {pair.First:O} and {pair.Second:O} are closer than the 2 s interval"));
    }

    [Fact]
    public void The_daemon_ends_open_objects_and_stops_cleanly()
    {
        Assert.DoesNotContain("Unhandled exception", run.DaemonOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", run.DaemonOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Snapshot of camera", run.DaemonOutput, StringComparison.Ordinal);
    }

    private static void CheckShape(JsonElement e)
    {
        string[] keys = ["type", "id", "camera", "label", "score", "top_score", "box", "first_seen", "last_seen", "first_frame", "last_frame", "frames"];
        Assert.Equal(keys.Order(), e.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(Type(e), (string[])["new", "update", "end"]);
        Assert.Equal(Camera, e.GetProperty("camera").GetString());
        Assert.InRange(e.GetProperty("score").GetDouble(), 0, e.GetProperty("top_score").GetDouble());
        Assert.InRange(e.GetProperty("top_score").GetDouble(), 0, 1);
        var box = e.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(4, box.Length);
        Assert.True(box[0] < box[2] && box[1] < box[3], $"box {string.Join(", ", box)}");
        var firstSeen = e.GetProperty("first_seen").GetDateTime();
        Assert.Equal(DateTimeKind.Utc, firstSeen.Kind);
        Assert.True(firstSeen <= e.GetProperty("last_seen").GetDateTime());
        Assert.InRange(Frame(e, "first_frame"), 1, Frame(e, "last_frame"));
        Assert.InRange(e.GetProperty("frames").GetInt32(), 1, Frame(e, "last_frame") - Frame(e, "first_frame") + 1);
    }

    /// <summary>Where another detection's drawing may be: its box and its label tag (above it, or hanging inside), with a margin.</summary>
    private static IEnumerable<double[]> Drawn(JsonElement detection, int width)
    {
        var box = Box(detection);
        var text = $"{detection.GetProperty("label").GetString()} {Math.Round(detection.GetProperty("score").GetDouble() * 100)}%";
        var scale = FrameAnnotator.TextScale(432);
        var tagWidth = (BitmapFont.Measure(text) + 2) * scale;
        var tagHeight = (BitmapFont.GlyphHeight + 2) * scale;
        var tagX = Math.Min(box[0], width - tagWidth);
        yield return [box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4];
        yield return [tagX - 4, box[1] - tagHeight - 4, tagX + tagWidth + 4, box[1] + tagHeight + 4];
    }

    private static double[] Box(JsonElement detection) => [.. detection.GetProperty("box").EnumerateArray().Select(v => v.GetDouble())];

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static long Frame(JsonElement e, string key) => e.GetProperty(key).GetInt64();

    private static string Comment(byte[] jpeg) => JpegMarkers.Comments(jpeg).Single(c => c.StartsWith("EdgeWatch ", StringComparison.Ordinal));

    private static long FrameOf(byte[] jpeg) =>
        long.Parse(Comment(jpeg).Split(' ').Single(p => p.StartsWith("frame=", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);

    private static DateTime TimeOf(byte[] jpeg) =>
        DateTime.Parse(Comment(jpeg).Split(' ').Single(p => p.StartsWith("time=", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static BgrColour Pixel(byte[] bgr, int width, int x, int y)
    {
        var i = ((y * width) + x) * 3;
        return new BgrColour(bgr[i], bgr[i + 1], bgr[i + 2]);
    }

    // JPEG's 4:2:0 chroma blurs a 3 px line's colour into its neighbours: a pixel is the (pure) label colour when its full
    // channels are bright and its empty ones clearly darker than those.
    private static bool IsNear(BgrColour actual, BgrColour expected)
    {
        int[] want = [expected.B, expected.G, expected.R];
        int[] got = [actual.B, actual.G, actual.R];
        var full = Enumerable.Range(0, 3).Where(i => want[i] == 255).ToList();
        var empty = Enumerable.Range(0, 3).Where(i => want[i] == 0).ToList();
        var dimmestFull = full.Min(i => got[i]);
        return dimmestFull >= 140 && empty.All(i => got[i] <= dimmestFull - 60);
    }
}
