namespace EdgeWatch.Worker.Configuration;

/// <summary>This EdgeWatch installation (section <c>Node</c>).</summary>
public sealed class NodeOptions
{
    /// <summary>Names the node in MQTT topics and Home Assistant; the host name by default.</summary>
    public string? Name { get; set; }

    /// <summary>The directory of model manifests; by default the checkout's models/ or /usr/share/edgewatch/models.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>The ffmpeg program.</summary>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>The node name to use: configured, else the host name, made topic-safe.</summary>
    public string EffectiveName => TopicSafe(string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name);

    /// <summary>Lower case, with anything but letters, digits, '-' and '_' replaced by '-'.</summary>
    public static string TopicSafe(string text) =>
        new([.. text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
