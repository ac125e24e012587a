using System.Diagnostics;
using System.Globalization;

namespace EdgeWatch.Pipeline.Frames;

/// <summary>
/// Decodes still images (JPEG, PNG, anything ffmpeg reads) into BGR pixels by running ffmpeg once per file. ffmpeg writes
/// a PPM, whose small header carries the size, so no second probe is needed.
/// </summary>
public static class ImageFileDecoder
{
    /// <summary>The ffmpeg executable; tests and packaging may point elsewhere.</summary>
    public static string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Decodes <paramref name="path"/>.</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, or not an image; the message names the file.</exception>
    public static async Task<BgrImage> DecodeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ImageDecodeException($"{path}: no such file");
        }

        var start = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-frames:v", "1", "-f", "image2pipe", "-c:v", "ppm", "-pix_fmt", "rgb24", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start, path);
        try
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await Task.WhenAll(copy, errors).WaitAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0 || output.Length == 0)
            {
                var reason = LastLine(await errors.ConfigureAwait(false)) ?? $"ffmpeg exited with code {process.ExitCode}";
                throw new ImageDecodeException($"{path}: cannot decode image: {reason}");
            }

            return FromPpm(output.GetBuffer().AsSpan(0, (int)output.Length), path);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Parses a binary PPM (P6, maxval 255) and swaps RGB to BGR.</summary>
    internal static BgrImage FromPpm(ReadOnlySpan<byte> ppm, string path)
    {
        var position = 0;
        string Token(ReadOnlySpan<byte> data)
        {
            while (position < data.Length && (char.IsWhiteSpace((char)data[position]) || data[position] == '#'))
            {
                if (data[position] == '#')
                {
                    while (position < data.Length && data[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    position++;
                }
            }

            var begin = position;
            while (position < data.Length && !char.IsWhiteSpace((char)data[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(data[begin..position]);
        }

        if (Token(ppm) != "P6"
            || !int.TryParse(Token(ppm), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(Token(ppm), NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || Token(ppm) != "255")
        {
            throw new ImageDecodeException($"{path}: ffmpeg produced an unexpected picture format");
        }

        position++; // the single whitespace after maxval
        var size = width * height * 3;
        if (ppm.Length - position < size)
        {
            throw new ImageDecodeException($"{path}: ffmpeg's output is truncated");
        }

        var pixels = ppm.Slice(position, size).ToArray();
        for (var i = 0; i < size; i += 3)
        {
            (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
        }

        return new BgrImage(pixels, width, height);
    }

    private static Process StartOrExplain(ProcessStartInfo start, string path)
    {
        try
        {
            return Process.Start(start) ?? throw new ImageDecodeException($"{path}: ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageDecodeException($"{path}: cannot run {start.FileName} to decode it ({e.Message}); install ffmpeg", e);
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
