namespace EdgeWatch.Worker.Sticks;

/// <summary>Where a stick stands, as health and Home Assistant show it.</summary>
public enum StickState
{
    /// <summary>Found; waiting for its turn to boot (boots are staggered).</summary>
    Waiting,

    /// <summary>The model is being compiled onto it (the stick boots and re-enumerates meanwhile).</summary>
    Booting,

    /// <summary>Serving frames.</summary>
    Ready,

    /// <summary>Its last boot or inference failed; retried after a backoff.</summary>
    Failed,

    /// <summary>Failed too often in a row; left alone until it is unplugged and plugged back.</summary>
    Quarantined,

    /// <summary>Present, but no usable OpenVINO runtime (missing, or without the MYRIAD plugin).</summary>
    Unavailable,

    /// <summary>An NCS1 (Myriad 2), which OpenVINO 2022.3 no longer drives.</summary>
    Unsupported,

    /// <summary>Sticks are disabled in the configuration.</summary>
    Disabled,
}
