using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Interop.Libc;
using EdgeWatch.Pipeline.Preprocessing;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>
/// One run of ffmpeg for a camera: raw frames (I420, or BGR24 if so told) read from its stdout into pooled buffers, its
/// stderr drained into the log. The frame size comes from ffmpeg's own description of its output stream, so every kind
/// of source (including a command's stdout) works without probing first. Disposing kills the whole process tree.
/// </summary>
public sealed partial class FfmpegFrameSource : IAsyncDisposable, IDisposable
{
    private readonly CameraSource _source;
    private readonly FramePool _pool;
    private readonly ILogger _logger;
    private readonly Process _process;
    private readonly TaskCompletionSource<(int Width, int Height, PixelFormat Format)> _size = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stderr;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stream _stdout;
    private byte[]? _discard;
    private volatile string? _lastMessage;
    private volatile string? _stalled;
    private Timer? _watchdog;
    private long _waitingSince;
    private long _stallTimeoutTicks;

    private FfmpegFrameSource(CameraSource source, FramePool pool, ILogger logger, Process process)
    {
        _source = source;
        _pool = pool;
        _logger = logger;
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        _stderr = Task.Run(() => PumpStderrAsync(_stop.Token));
    }

    /// <summary>The kernel buffer of ffmpeg's output pipe, bytes (-1 when it could not be set).</summary>
    public int PipeBuffer { get; private set; } = -1;

    /// <summary>The ffmpeg (or shell) process id, for diagnostics and tests.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last thing ffmpeg said after its header: usually why it failed.</summary>
    public string? LastMessage => _lastMessage;

    /// <summary>Starts ffmpeg for <paramref name="source"/>.</summary>
    /// <exception cref="CameraException">ffmpeg cannot be started.</exception>
    public static FfmpegFrameSource Start(CameraSource source, FramePool pool, ILogger logger, string ffmpeg = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!IsExecutable(ffmpeg))
        {
            // Said here: started through nice or a shell, a missing ffmpeg would only show as their exit code 127.
            throw new CameraException($"cannot run {ffmpeg}: not found (install ffmpeg)");
        }

        var (fileName, arguments) = source.Command(ffmpeg);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new CameraException($"{fileName} did not start");
            return new FfmpegFrameSource(source, pool, logger, process);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CameraException($"cannot run {fileName}: {e.Message} (install ffmpeg)", e);
        }
    }

    private static bool IsExecutable(string program) => program.Contains('/', StringComparison.Ordinal)
        ? File.Exists(program)
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>
    /// Reads the next frame, blocking (the camera's own thread). Returns <see cref="FrameRead.EndOfStream"/> when ffmpeg
    /// finished cleanly at a frame boundary and <see cref="FrameRead.Dropped"/> when every pooled buffer is busy (the frame
    /// was read and discarded). Allocation-free per frame.
    /// </summary>
    /// <exception cref="CameraException">No frame within <paramref name="stallTimeout"/>, or ffmpeg died mid-frame.</exception>
    public FrameRead Read(long number, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        // A stalled ffmpeg would block the read for ever: the watchdog kills it, which ends the read.
        Volatile.Write(ref _stallTimeoutTicks, (long)(stallTimeout.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref _waitingSince, Stopwatch.GetTimestamp());
        _watchdog ??= new Timer(static state => ((FfmpegFrameSource)state!).CheckStall(), this, 250, 250);
        try
        {
            var (width, height, format) = WaitForSize(stallTimeout, cancellationToken);
            var size = ImageView.ByteLength(format, width, height);
            if (PipeBuffer < 0)
            {
                // Room for a whole frame (or as close as allowed), so ffmpeg hands it over in one write.
                PipeBuffer = PipeCapacity.TryEnlarge(_stdout, size);
                PipeBuffer = PipeBuffer < 0 ? 0 : PipeBuffer;
            }

            var frame = _pool.TryRent(width, height, format);
            var buffer = frame?.Pixels ?? (_discard is { } d && d.Length == size ? d : _discard = new byte[size]);
            var read = _stdout.ReadAtLeast(buffer.AsSpan(0, size), size, throwOnEndOfStream: false);
            if (read == size)
            {
                if (frame is null)
                {
                    return FrameRead.Dropped;
                }

                frame.Rent(number, DateTime.UtcNow, Stopwatch.GetTimestamp());
                return new FrameRead(frame, FrameReadOutcome.Frame);
            }

            frame?.Rent(0, default, 0);
            frame?.Release();
            cancellationToken.ThrowIfCancellationRequested();
            if (_stalled is { } stall)
            {
                throw new CameraException(stall);
            }

            WaitForExit();
            if (read == 0 && _process.ExitCode == 0)
            {
                return FrameRead.EndOfStream;
            }

            throw new CameraException(ExitReason(read == 0 ? "ffmpeg exited" : "ffmpeg exited mid-frame"));
        }
        catch (IOException e) when (e is not CameraException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new CameraException(_stalled ?? $"reading ffmpeg's output failed: {e.Message}{Suffix()}", e);
        }
        finally
        {
            Volatile.Write(ref _waitingSince, 0);
        }
    }

    /// <summary>Ends a blocked <see cref="Read"/> from another thread (shutdown).</summary>
    public void Interrupt()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Kills the whole process tree and waits for it: no orphan ffmpeg, ever.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Kills the whole process tree and waits for it (from the camera's thread).</summary>
    public void Dispose()
    {
        _watchdog?.Dispose();
        Interrupt();
        WaitForExit();
        _stop.Cancel();

        // stderr ends with the process; a grandchild holding it open is not worth waiting for.
        _stderr.Wait(TimeSpan.FromSeconds(2));
        _process.Dispose();
        _stop.Dispose();
    }

    private void WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
    }

    private (int Width, int Height, PixelFormat Format) WaitForSize(TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        if (_size.Task.IsCompletedSuccessfully)
        {
            return _size.Task.Result;
        }

        try
        {
            if (!_size.Task.Wait((int)stallTimeout.TotalMilliseconds, cancellationToken))
            {
                Interrupt();
                throw new CameraException($"ffmpeg produced no video within {stallTimeout.TotalSeconds:0.#} s{Suffix()}");
            }
        }
        catch (AggregateException e) when (e.InnerException is CameraException inner)
        {
            throw inner;
        }

        return _size.Task.Result;
    }

    private void CheckStall()
    {
        var since = Volatile.Read(ref _waitingSince);
        if (since != 0 && _size.Task.IsCompletedSuccessfully && Stopwatch.GetTimestamp() - since > Volatile.Read(ref _stallTimeoutTicks))
        {
            _stalled = $"no frame for {Volatile.Read(ref _stallTimeoutTicks) / (double)Stopwatch.Frequency:0.#} s (stalled){Suffix()}";
            Interrupt();
        }
    }

    private string ExitReason(string what)
    {
        var code = _process.HasExited ? $" (code {_process.ExitCode})" : string.Empty;
        return $"{what}{code}{Suffix()}";
    }

    private string Suffix() => _lastMessage is { } message ? $": {message}" : string.Empty;

    private async Task PumpStderrAsync(CancellationToken cancellationToken)
    {
        var reader = _process.StandardError;
        var inOutputSection = false;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!_size.Task.IsCompleted)
                {
                    inOutputSection |= line.StartsWith("Output #0", StringComparison.Ordinal);
                    if (inOutputSection && OutputStream().Match(line) is { Success: true } match)
                    {
                        var format = match.Groups["format"].ValueSpan is "yuv420p" ? PixelFormat.I420 : PixelFormat.Bgr24;
                        _size.TrySetResult((int.Parse(match.Groups["width"].ValueSpan, provider: null), int.Parse(match.Groups["height"].ValueSpan, provider: null), format));
                    }

                    Log.FfmpegHeader(_logger, _source.Camera, line);
                    if (IsProblem(line))
                    {
                        _lastMessage = line.Trim();
                    }

                    continue;
                }

                if (line.StartsWith(' ') || line.StartsWith('\t'))
                {
                    // The rest of the header (stream metadata): not news.
                    Log.FfmpegHeader(_logger, _source.Camera, line);
                    continue;
                }

                _lastMessage = line.Trim();
                Log.FfmpegSays(_logger, _source.Camera, line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            _size.TrySetException(new CameraException($"ffmpeg ended before describing its output{Suffix()}"));
        }
    }

    // Header lines worth keeping as the reason of a failure: ffmpeg's error messages, not its banner or stream listing.
    private static bool IsProblem(string line) =>
        !line.StartsWith(' ') && !line.StartsWith("Input #", StringComparison.Ordinal) && !line.StartsWith("Output #", StringComparison.Ordinal)
        && !line.StartsWith("Stream mapping", StringComparison.Ordinal) && !line.StartsWith("Press [q]", StringComparison.Ordinal);

    [GeneratedRegex(@"Stream #\d+:\d+.*Video: rawvideo.*?\b(?<format>bgr24|yuv420p)\b.*?\b(?<width>\d{1,5})x(?<height>\d{1,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutputStream();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Camera {Camera}: ffmpeg: {Line}")]
        public static partial void FfmpegHeader(ILogger logger, string camera, string line);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: ffmpeg: {Line}")]
        public static partial void FfmpegSays(ILogger logger, string camera, string line);
    }
}
