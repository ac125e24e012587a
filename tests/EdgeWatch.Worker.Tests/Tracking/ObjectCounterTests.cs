using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Worker.Tracking;

namespace EdgeWatch.Worker.Tests.Tracking;

public sealed class ObjectCounterTests
{
    private static readonly Detection Person = new(0, 0.9f, new BoundingBox(0, 0, 10, 10));
    private static readonly Detection Dog = new(2, 0.9f, new BoundingBox(0, 0, 10, 10));
    private static readonly Detection Car = new(1, 0.9f, new BoundingBox(0, 0, 10, 10));

    [Fact]
    public void The_first_frame_is_published_at_once_and_later_changes_only_after_the_debounce()
    {
        var counter = new ObjectCounter([0, 2], debounceFrames: 3); // person, dog
        var changed = new List<int>();

        counter.Update([Person, Person, Car], changed);
        Assert.Equal([0], changed);
        Assert.Equal((2, 0), (counter.Published(0), counter.Published(1)));

        changed.Clear();
        counter.Update([Person, Dog], changed);
        counter.Update([Person, Dog], changed);
        Assert.Empty(changed);
        counter.Update([Person, Dog], changed);
        Assert.Equal([0, 1], changed);
        Assert.Equal((1, 1), (counter.Published(0), counter.Published(1)));
    }

    [Fact]
    public void A_count_flickering_for_fewer_frames_than_the_debounce_is_never_published()
    {
        var counter = new ObjectCounter([0], debounceFrames: 3);
        var changed = new List<int>();
        counter.Update([Person], changed);
        changed.Clear();

        foreach (var frame in (Detection[][])[[], [], [Person], [], [Person], [Person, Person], [Person]])
        {
            counter.Update(frame, changed);
        }

        Assert.Empty(changed);
        Assert.Equal(1, counter.Published(0));
    }
}
