using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Worker.Snapshots;

namespace EdgeWatch.Worker.Tests.Snapshots;

public sealed class FrameAnnotatorTests
{
    private const int Width = 320;
    private const int Height = 240;
    private static readonly LabelSet Labels = new(["person", "car"]);
    private static readonly BgrColour Grey = new(90, 90, 90);

    [Fact]
    public void A_box_is_drawn_along_its_edges_in_its_label_colour_and_leaves_the_inside_alone()
    {
        var pixels = Image(Grey);
        var box = new BoundingBox(100.4f, 80.6f, 200.2f, 220f);

        FrameAnnotator.Annotate(pixels, Width, Height, [new Detection(1, 0.5f, box)], Labels);

        var colour = LabelColours.For(1);
        var thickness = FrameAnnotator.Thickness(Height);
        Assert.Equal(2, thickness);
        // Columns 100..200 (x2 = 200.2 ends in column 200), rows 80..219; lines 2 px wide, inward.
        for (var y = 80; y <= 219; y++)
        {
            Assert.Equal(colour, At(pixels, 100, y));
            Assert.Equal(colour, At(pixels, 101, y));
            Assert.Equal(colour, At(pixels, 199, y));
            Assert.Equal(colour, At(pixels, 200, y));
            Assert.Equal(Grey, At(pixels, 201, y));
            Assert.Equal(Grey, At(pixels, 99, y));
            if (y is >= 82 and <= 217)
            {
                Assert.Equal(Grey, At(pixels, 102, y));
                Assert.Equal(Grey, At(pixels, 150, y));
            }
        }

        for (var x = 100; x <= 200; x++)
        {
            Assert.Equal(colour, At(pixels, x, 80));
            Assert.Equal(colour, At(pixels, x, 81));
            Assert.Equal(colour, At(pixels, x, 218));
            Assert.Equal(colour, At(pixels, x, 219));
            Assert.Equal(Grey, At(pixels, x, 220));
        }
    }

    [Fact]
    public void The_label_and_score_are_written_in_a_tag_above_the_box()
    {
        var pixels = Image(Grey);
        FrameAnnotator.Annotate(pixels, Width, Height, [new Detection(0, 0.873f, new BoundingBox(40, 100, 140, 200))], Labels);

        var scale = FrameAnnotator.TextScale(Height);
        var tagHeight = (BitmapFont.GlyphHeight + 2) * scale;
        var tagWidth = (BitmapFont.Measure("person 87%") + 2) * scale;
        var colour = LabelColours.For(0);
        var text = colour.Luma >= 128 ? BgrColour.Black : BgrColour.White;
        var tag = Enumerable.Range(100 - tagHeight, tagHeight).SelectMany(y => Enumerable.Range(40, tagWidth).Select(x => At(pixels, x, y))).ToList();
        Assert.All(tag, p => Assert.True(p == colour || p == text, $"{p} in the tag"));
        // The ink of "person 87%" at this scale: every glyph's set bits, each scale x scale.
        var ink = "person 87%".Sum(c => BitmapFont.Glyph(c).ToArray().Sum(row => System.Numerics.BitOperations.PopCount(row))) * scale * scale;
        Assert.Equal(ink, tag.Count(p => p == text));
        Assert.Equal(Grey, At(pixels, 40 + tagWidth, 100 - tagHeight)); // nothing past the tag
    }

    [Fact]
    public void At_the_top_of_the_frame_the_tag_hangs_inside_the_box()
    {
        var pixels = Image(Grey);
        FrameAnnotator.Annotate(pixels, Width, Height, [new Detection(0, 0.5f, new BoundingBox(10, 0, 100, 100))], Labels);

        var scale = FrameAnnotator.TextScale(Height);
        Assert.Equal(LabelColours.For(0), At(pixels, 12, (BitmapFont.GlyphHeight + 2) * scale - 1)); // tag's bottom row, inside
    }

    [Fact]
    public void Boxes_reaching_past_the_frame_and_text_outside_it_are_clipped()
    {
        var pixels = Image(Grey);
        FrameAnnotator.Annotate(pixels, Width, Height, [
            new Detection(0, 0.9f, new BoundingBox(-50, -30, 400, 300)),
            new Detection(1, 0.9f, new BoundingBox(310, 230, 330, 260)),
            new Detection(0, 0.9f, new BoundingBox(0, 0, 0, 0), HasBox: false),
        ], Labels);
        FrameAnnotator.DrawText(pixels, Width, Height, Width - 3, Height - 3, "clipped ~", BgrColour.White, 3);

        Assert.Equal(LabelColours.For(0), At(pixels, 0, 120));
        Assert.Equal(LabelColours.For(0), At(pixels, Width - 1, 120));
    }

    [Fact]
    public void Every_printable_character_has_its_own_glyph_and_others_draw_as_a_question_mark()
    {
        var glyphs = Enumerable.Range(' ', '~' - ' ' + 1).Select(c => Convert.ToHexString(BitmapFont.Glyph((char)c))).ToList();
        Assert.Equal(95, glyphs.Distinct().Count());
        Assert.Equal(Convert.ToHexString(BitmapFont.Glyph('?')), Convert.ToHexString(BitmapFont.Glyph('é')));
        Assert.All(glyphs.Skip(1), g => Assert.NotEqual("0000000000000000", g));
        Assert.All(Enumerable.Range(' ', 95), c => Assert.All(BitmapFont.Glyph((char)c).ToArray(), row => Assert.True(row < 32)));
    }

    private static byte[] Image(BgrColour colour)
    {
        var pixels = new byte[Width * Height * 3];
        FrameAnnotator.FillRectangle(pixels, Width, Height, 0, 0, Width - 1, Height - 1, colour);
        return pixels;
    }

    private static BgrColour At(byte[] pixels, int x, int y)
    {
        var i = ((y * Width) + x) * 3;
        return new BgrColour(pixels[i], pixels[i + 1], pixels[i + 2]);
    }
}
