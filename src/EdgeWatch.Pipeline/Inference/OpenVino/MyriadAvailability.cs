namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>Whether the loaded OpenVINO can drive NCS2 sticks now, which it sees, and if not, why.</summary>
/// <param name="IsAvailable">The runtime has the MYRIAD plugin and lists at least one stick.</param>
/// <param name="Devices">The MYRIAD entries of AVAILABLE_DEVICES ("MYRIAD", or "MYRIAD.1.3-ma2480" for each of several).</param>
/// <param name="Reason">Why not, in words for health and logs; null when available.</param>
public sealed record MyriadAvailability(bool IsAvailable, IReadOnlyList<string> Devices, string? Reason);
