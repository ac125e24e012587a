using System.Globalization;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>The kinds of frame sources, told apart by the form of <see cref="CameraOptions.Source"/>.</summary>
public enum CameraSourceKind
{
    File,
    Device,
    Network,
    TestPattern,
    Command,
}

/// <summary>
/// What ffmpeg is asked to do for a camera: the input options for its kind of source and the raw BGR output. Pure
/// argument building, so every kind of source is testable without its hardware.
/// </summary>
public sealed class CameraSource
{
    private CameraSource(string camera, CameraSourceKind kind, string location, CameraOptions options)
    {
        Camera = camera;
        Kind = kind;
        Location = location;
        Options = options;
    }

    public string Camera { get; }

    public CameraSourceKind Kind { get; }

    /// <summary>The path, URL, device, filter graph or command.</summary>
    public string Location { get; }

    public CameraOptions Options { get; }

    /// <summary>A recording analysed as fast as detection goes: read on demand, every frame processed.</summary>
    public bool ReadOnDemand => Kind == CameraSourceKind.File && !Options.Realtime;

    /// <summary>Reads a source string; null with a reason when it is not one EdgeWatch understands.</summary>
    public static CameraSource? TryParse(string camera, CameraOptions options, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Source.Trim();
        problem = null;
        if (source.Length == 0)
        {
            problem = "is empty: give a device (/dev/video0), a URL (rtsp://…), a file, lavfi:GRAPH or exec:COMMAND";
            return null;
        }

        (CameraSourceKind Kind, string Location)? parsed = source switch
        {
            _ when source.StartsWith("exec:", StringComparison.Ordinal) => (CameraSourceKind.Command, source[5..].Trim()),
            _ when source.StartsWith("lavfi:", StringComparison.Ordinal) => (CameraSourceKind.TestPattern, source[6..]),
            _ when source.StartsWith("file:", StringComparison.Ordinal) => (CameraSourceKind.File, source[5..]),
            _ when source.StartsWith("/dev/", StringComparison.Ordinal) => (CameraSourceKind.Device, source),
            _ when HasScheme(source, "rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp", "srt") => (CameraSourceKind.Network, source),
            _ when source.Contains("://", StringComparison.Ordinal) => null,
            _ => (CameraSourceKind.File, source),
        };
        if (parsed is null)
        {
            problem = $"'{source}' is not a source type EdgeWatch knows (devices /dev/…, rtsp://, rtsps://, rtmp://, http(s)://, udp://, tcp://, srt://, files, lavfi:, exec:)";
            return null;
        }

        if (parsed.Value.Location.Length == 0)
        {
            problem = $"'{source}' names nothing after its prefix";
            return null;
        }

        if (parsed.Value.Kind == CameraSourceKind.Command && (options.Width is null || options.Height is null))
        {
            problem = "an exec: source needs Width and Height (the size its stream is scaled to)";
            return null;
        }

        return new CameraSource(camera, parsed.Value.Kind, parsed.Value.Location, options);
    }

    /// <summary>The ffmpeg arguments (after the program name) that write raw I420 (yuv420p) frames to stdout.</summary>
    public IReadOnlyList<string> FfmpegArguments()
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info" };
        switch (Kind)
        {
            case CameraSourceKind.File:
                if (Options.Realtime)
                {
                    args.Add("-re");
                }

                if (Options.Loop)
                {
                    args.AddRange(["-stream_loop", "-1"]);
                }

                break;
            case CameraSourceKind.Device:
                args.AddRange(["-f", "v4l2"]);
                if (Options.InputFormat is { } format)
                {
                    args.AddRange(["-input_format", format]);
                }

                if (Options.Width is { } w && Options.Height is { } h)
                {
                    args.AddRange(["-video_size", Invariant($"{w}x{h}")]);
                }

                if (Options.Fps is { } fps)
                {
                    args.AddRange(["-framerate", Invariant($"{fps}")]);
                }

                break;
            case CameraSourceKind.Network:
                if (Location.StartsWith("rtsp", StringComparison.Ordinal))
                {
                    args.AddRange(["-rtsp_transport", "tcp"]);
                }

                break;
            case CameraSourceKind.TestPattern:
                args.AddRange(["-re", "-f", "lavfi"]);
                break;
            case CameraSourceKind.Command:
                if (Options.InputFormat is { } stream)
                {
                    args.AddRange(["-f", stream]);
                }

                break;
        }

        var threads = Options.DecoderThreads ?? (ReadOnDemand ? 1 : 0);
        if (threads > 0)
        {
            args.AddRange(["-threads", Invariant($"{threads}")]);
        }

        args.AddRange(Options.InputArguments);
        args.AddRange(["-i", Kind == CameraSourceKind.Command ? "pipe:0" : Location]);
        args.AddRange(["-an", "-sn", "-dn"]);
        if (Options.Width is { } width && Options.Height is { } height && Kind != CameraSourceKind.Device)
        {
            args.AddRange(["-vf", Invariant($"scale={width}:{height}")]);
        }

        // YUV 4:2:0, as decoders produce it: half the bytes of BGR through the pipe, no full-size colour conversion in
        // ffmpeg; the pre-processor converts only the pixels the model is fed.
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
        return args;
    }

    /// <summary>
    /// The program and arguments to start: ffmpeg (through nice(1) unless <see cref="CameraOptions.DecoderNice"/> is 0),
    /// or for <c>exec:</c> a shell running the user's command piped into ffmpeg — one process tree, so stopping the camera
    /// kills both.
    /// </summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string ffmpeg)
    {
        // nice(1) sets the niceness and execs ffmpeg: the same process, every thread it starts at that priority.
        IReadOnlyList<string> decoder = Options.DecoderNice is int nice and > 0
            ? ["nice", "-n", Invariant($"{nice}"), ffmpeg, .. FfmpegArguments()]
            : [ffmpeg, .. FfmpegArguments()];
        if (Kind != CameraSourceKind.Command)
        {
            return (decoder[0], decoder.Skip(1).ToList());
        }

        var pipeline = $"{Location} | exec {string.Join(' ', decoder.Select(Quote))}";
        return ("/bin/sh", ["-c", pipeline]);
    }

    /// <summary>The source as logs and health show it, with any password in a URL hidden.</summary>
    public string Describe()
    {
        if (Kind == CameraSourceKind.Network && Uri.TryCreate(Location, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return Location.Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal);
        }

        return Location;
    }

    private static bool HasScheme(string source, params string[] schemes) =>
        schemes.Any(s => source.StartsWith(s + "://", StringComparison.OrdinalIgnoreCase));

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
