using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeWatch.Pipeline.Frames;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Pipeline.Cameras;

/// <summary>
/// One run of ffmpeg for a camera: raw BGR frames read from its stdout into pooled buffers, its stderr drained into the
/// log. The frame size comes from ffmpeg's own description of its output stream, so every kind of source (including a
/// command's stdout) works without probing first. Disposing kills the whole process tree.
/// </summary>
public sealed partial class FfmpegFrameSource : IAsyncDisposable
{
    private readonly CameraSource _source;
    private readonly FramePool _pool;
    private readonly ILogger _logger;
    private readonly Process _process;
    private readonly TaskCompletionSource<(int Width, int Height)> _size = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stderr;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stream _stdout;
    private byte[]? _discard;
    private volatile string? _lastMessage;

    private FfmpegFrameSource(CameraSource source, FramePool pool, ILogger logger, Process process)
    {
        _source = source;
        _pool = pool;
        _logger = logger;
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        _stderr = Task.Run(() => PumpStderrAsync(_stop.Token));
    }

    /// <summary>The ffmpeg (or shell) process id, for diagnostics and tests.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last thing ffmpeg said after its header: usually why it failed.</summary>
    public string? LastMessage => _lastMessage;

    /// <summary>Starts ffmpeg for <paramref name="source"/>.</summary>
    /// <exception cref="CameraException">ffmpeg cannot be started.</exception>
    public static FfmpegFrameSource Start(CameraSource source, FramePool pool, ILogger logger, string ffmpeg = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(source);
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

    /// <summary>
    /// Reads the next frame. Returns <see cref="FrameRead.EndOfStream"/> when ffmpeg finished cleanly at a frame boundary and
    /// <see cref="FrameRead.Dropped"/> when every pooled buffer is busy (the frame was read and discarded).
    /// </summary>
    /// <exception cref="CameraException">No frame within <paramref name="stallTimeout"/>, or ffmpeg died mid-frame.</exception>
    public async ValueTask<FrameRead> ReadAsync(long number, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(stallTimeout);
        try
        {
            var (width, height) = await _size.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            var size = width * height * 3;
            var frame = _pool.TryRent(width, height);
            var buffer = frame?.Pixels ?? (_discard is { } d && d.Length == size ? d : _discard = new byte[size]);
            var read = await _stdout.ReadAtLeastAsync(buffer.AsMemory(0, size), size, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
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
            if (read == 0)
            {
                await WaitForExitAsync().ConfigureAwait(false);
                if (_process.ExitCode == 0)
                {
                    return FrameRead.EndOfStream;
                }
            }

            await WaitForExitAsync().ConfigureAwait(false);
            throw new CameraException(ExitReason(read == 0 ? "ffmpeg exited" : "ffmpeg exited mid-frame"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CameraException(_size.Task.IsCompleted
                ? $"no frame for {stallTimeout.TotalSeconds:0.#} s (stalled){Suffix()}"
                : $"ffmpeg produced no video within {stallTimeout.TotalSeconds:0.#} s{Suffix()}");
        }
        catch (IOException e) when (e is not CameraException)
        {
            throw new CameraException($"reading ffmpeg's output failed: {e.Message}{Suffix()}", e);
        }
    }

    public async ValueTask DisposeAsync()
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
            // Already gone.
        }

        await WaitForExitAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stderr.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // stderr held open by an orphan grandchild: nothing more to read that matters.
        }

        _process.Dispose();
        _stop.Dispose();
    }

    private async Task WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
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
                        _size.TrySetResult((int.Parse(match.Groups[1].ValueSpan, provider: null), int.Parse(match.Groups[2].ValueSpan, provider: null)));
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

    [GeneratedRegex(@"Stream #\d+:\d+.*Video: rawvideo.*?\bbgr24\b.*?\b(\d{1,5})x(\d{1,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutputStream();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Camera {Camera}: ffmpeg: {Line}")]
        public static partial void FfmpegHeader(ILogger logger, string camera, string line);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: ffmpeg: {Line}")]
        public static partial void FfmpegSays(ILogger logger, string camera, string line);
    }
}
