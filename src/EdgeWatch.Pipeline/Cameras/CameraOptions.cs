namespace EdgeWatch.Pipeline.Cameras;

/// <summary>One camera of the configuration (<c>Cameras:NAME</c>): where frames come from and how they are analysed.</summary>
public sealed class CameraOptions
{
    /// <summary>
    /// Where frames come from: <c>/dev/videoN</c>, <c>rtsp://…</c>, <c>http(s)://…</c>, a file path (or <c>file:PATH</c>),
    /// <c>lavfi:GRAPH</c> (an ffmpeg test pattern), or <c>exec:COMMAND</c> (a command writing a video stream to stdout,
    /// e.g. <c>exec:rpicam-vid -t 0 --codec mjpeg -o -</c>).
    /// </summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The model to run (a name in the model directory or a manifest path).</summary>
    public string Model { get; set; } = "yolox-nano";

    /// <summary>Frame width to capture or scale to; by default the source's own (required for <c>exec:</c>).</summary>
    public int? Width { get; set; }

    /// <summary>Frame height to capture or scale to.</summary>
    public int? Height { get; set; }

    /// <summary>Capture rate for cameras (<c>-framerate</c>).</summary>
    public double? Fps { get; set; }

    /// <summary>
    /// Capture format for V4L2 cameras (<c>mjpeg</c>, <c>yuyv422</c>, …); for <c>exec:</c> sources, the format of the
    /// command's stream (<c>mjpeg</c>, <c>h264</c>, …). Without it ffmpeg guesses, and on a raw stream its guess may wait
    /// for megabytes of input (seconds, at a camera's pace) before the first frame.
    /// </summary>
    public string? InputFormat { get; set; }

    /// <summary>For files: start again at the end (default true: a file stands in for a camera).</summary>
    public bool Loop { get; set; } = true;

    /// <summary>
    /// For files: read at the file's own frame rate, as a camera would deliver it (default true). Off: analyse the
    /// recording as fast as detection goes, every frame, none dropped.
    /// </summary>
    public bool Realtime { get; set; } = true;

    /// <summary>At most this many detections per second for this camera; 0 = as fast as the workers allow.</summary>
    public double DetectFps { get; set; }

    /// <summary>Only these labels are reported (empty = all the model knows).</summary>
    public IList<string> Labels { get; init; } = [];

    /// <summary>Minimum score, overriding the model's default.</summary>
    public float? Threshold { get; set; }

    /// <summary>No frame for this long restarts the source.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// ffmpeg decoding threads: 0 = ffmpeg's choice (one per core, needed to keep up with big live streams); a recording
    /// analysed on demand defaults to 1, which costs the least CPU per frame and leaves the cores to inference.
    /// </summary>
    public int? DecoderThreads { get; set; }

    /// <summary>
    /// The niceness ffmpeg runs at (0-19; 0 = the daemon's own priority). The daemon's default is 10 when CPU inference
    /// runs on two or more threads per worker, 0 otherwise. Threads of one inference wait for each other: a decoder that
    /// pre-empts one of them stalls the run, while a frame decoded a millisecond later costs nothing. Single-threaded
    /// workers wait for no one, and a niced decoder would then only be starved of the cores they fill.
    /// </summary>
    public int? DecoderNice { get; set; }

    /// <summary>Extra ffmpeg input options, inserted before <c>-i</c> (for unusual cameras).</summary>
    public IList<string> InputArguments { get; init; } = [];
}
