using System.Diagnostics;

namespace EdgeWatch.Worker.Cli;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place at most ten times a second; silent when stderr is not a terminal,
/// so logs and pipes get no control characters.
/// </summary>
internal sealed class ProgressLine
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private long _lastDraw;
    private bool _drawn;

    public void Show(string label, long done, long? total)
    {
        if (!_enabled || (Stopwatch.GetElapsedTime(_lastDraw).TotalMilliseconds < 100 && done != total))
        {
            return;
        }

        _lastDraw = Stopwatch.GetTimestamp();
        const int Width = 30;
        string text;
        if (total is > 0)
        {
            var fraction = Math.Clamp(done / (double)total.Value, 0, 1);
            var filled = (int)(fraction * Width);
            text = $"  [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {label}";
        }
        else
        {
            text = $"  {done,12:N0} {label}";
        }

        var width = Math.Max(20, SafeWindowWidth() - 1);
        Console.Error.Write('\r' + (text.Length > width ? text[..width] : text.PadRight(width)));
        _drawn = true;
    }

    public void Clear()
    {
        if (_drawn)
        {
            Console.Error.Write('\r' + new string(' ', Math.Max(20, SafeWindowWidth() - 1)) + '\r');
            _drawn = false;
        }
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
