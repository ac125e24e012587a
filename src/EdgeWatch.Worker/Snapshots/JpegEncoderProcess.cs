using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Worker.Snapshots;

/// <summary>
/// One long-lived ffmpeg that turns raw BGR24 frames of one size, written to its stdin, into JPEGs on its stdout, one in,
/// one out: <c>-f rawvideo -pix_fmt bgr24 -s WxH -i - -threads 1 -f image2pipe -c:v mjpeg -q:v N -</c>. A single encoder
/// thread matters: with frame threads ffmpeg holds each JPEG back until the next frame arrives. Disposing kills it.
/// </summary>
/// <remarks>Not thread-safe: one encoding at a time (the snapshot thread's).</remarks>
public sealed partial class JpegEncoderProcess : IDisposable
{
    private const int ReadChunk = 64 * 1024;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Task _stderr;
    private readonly ILogger _logger;
    private volatile string? _lastMessage;
    private int _disposed;

    private JpegEncoderProcess(Process process, int width, int height, ILogger logger)
    {
        _process = process;
        _logger = logger;
        Width = width;
        Height = height;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        _stderr = Task.Run(PumpStderrAsync);
    }

    public int Width { get; }

    public int Height { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts ffmpeg for <paramref name="width"/> x <paramref name="height"/> frames at <c>-q:v</c> <paramref name="quality"/>.</summary>
    /// <exception cref="SnapshotEncoderException">ffmpeg cannot be started.</exception>
    public static JpegEncoderProcess Start(string ffmpeg, int width, int height, int quality, ILogger logger)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            // -loglevel error: the one "deprecated pixel format" warning of every start (yuvj420p) is not news.
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"), "-i", "-",
            "-threads", "1", "-flush_packets", "1", "-pix_fmt", "yuvj420p",
            "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", quality.ToString(CultureInfo.InvariantCulture), "-"])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new SnapshotEncoderException($"{ffmpeg} did not start");
            return new JpegEncoderProcess(process, width, height, logger);
        }
        catch (Win32Exception e)
        {
            throw new SnapshotEncoderException($"cannot run {ffmpeg}: {e.Message} (install ffmpeg)", e);
        }
    }

    /// <summary>
    /// Encodes one frame; the JPEG replaces <paramref name="output"/>'s contents. Blocks the calling thread (the snapshot
    /// thread, never a worker); past <paramref name="timeout"/> ffmpeg is killed and this throws.
    /// </summary>
    /// <exception cref="SnapshotEncoderException">ffmpeg failed, died, stalled or wrote something that is not a JPEG.</exception>
    public int Encode(ReadOnlySpan<byte> bgr, ArrayBufferWriter<byte> output, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (bgr.Length != Width * Height * 3)
        {
            throw new ArgumentException($"{bgr.Length} bytes is not a {Width}x{Height} BGR frame.", nameof(bgr));
        }

        using var watchdog = new CancellationTokenSource(timeout);
        using var kill = watchdog.Token.Register(static state => ((JpegEncoderProcess)state!).Kill(), this);
        output.ResetWrittenCount();
        try
        {
            _stdin.Write(bgr);
            _stdin.Flush();
            while (true)
            {
                var read = _stdout.Read(output.GetSpan(ReadChunk));
                if (read == 0)
                {
                    throw Failure(watchdog.IsCancellationRequested ? $"no JPEG within {timeout.TotalSeconds:0.#} s" : "ffmpeg exited", null);
                }

                output.Advance(read);
                var length = JpegMarkers.CompleteLength(output.WrittenSpan);
                if (length > 0)
                {
                    if (length != output.WrittenCount)
                    {
                        throw Failure($"ffmpeg wrote {output.WrittenCount - length} bytes past the JPEG", null);
                    }

                    return length;
                }
            }
        }
        catch (IOException e)
        {
            throw Failure(watchdog.IsCancellationRequested ? $"no JPEG within {timeout.TotalSeconds:0.#} s" : e.Message, e);
        }
        catch (InvalidDataException e)
        {
            throw Failure(e.Message, e);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        _process.WaitForExit(5000);
        _stderr.Wait(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }

    /// <summary>Kills ffmpeg from any thread: an encoding in progress fails at once (used to stop without waiting).</summary>
    public void Abort() => Kill();

    private SnapshotEncoderException Failure(string what, Exception? inner)
    {
        var said = _lastMessage is { } message ? $" (ffmpeg: {message})" : string.Empty;
        return new SnapshotEncoderException($"JPEG encoder (pid {_process.Id}): {what}{said}", inner);
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (Win32Exception)
        {
            // already exiting
        }
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _lastMessage = line;
                Log.Said(_logger, _process.Id, line);
            }
        }
        catch (IOException)
        {
            // the process is gone
        }
        catch (ObjectDisposedException)
        {
            // disposed while reading
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "JPEG encoder (pid {Pid}): {Line}")]
        public static partial void Said(ILogger logger, int pid, string line);
    }
}
