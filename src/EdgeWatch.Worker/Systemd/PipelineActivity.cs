namespace EdgeWatch.Worker.Systemd;

/// <summary>What the pipeline is doing, as the systemd watchdog sees it.</summary>
public enum PipelineActivity
{
    /// <summary>It has work and published a result recently.</summary>
    Progressing,

    /// <summary>Nothing to do by design: no camera, every camera reconnecting or finished, or no device meant to serve.</summary>
    IdleByDesign,

    /// <summary>It has work but has published nothing for longer than it legitimately could: hung.</summary>
    Stalled,
}
