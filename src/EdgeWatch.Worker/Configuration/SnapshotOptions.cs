namespace EdgeWatch.Worker.Configuration;

/// <summary>Annotated JPEG snapshots on <c>&lt;prefix&gt;/&lt;node&gt;/&lt;camera&gt;/snapshot</c> (section <c>Snapshots</c>).</summary>
public sealed class SnapshotOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>At most one snapshot per camera this often (measured on the frames' own clock).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>JPEG quality as ffmpeg's <c>-q:v</c>: 2 (best, largest) to 31 (worst, smallest).</summary>
    public int Quality { get; set; } = 5;

    /// <summary>Longest an encoding may take before the encoder is restarted.</summary>
    public TimeSpan EncodeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
