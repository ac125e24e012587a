using System.ComponentModel.DataAnnotations;

namespace EdgeWatch.Pipeline.Inference.OpenVino;

/// <summary>Settings of the OpenVINO backend, section <c>OpenVino</c>.</summary>
public sealed class OpenVinoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OpenVino";

    /// <summary>
    /// Path of libopenvino_c.so. Unset: <c>$EDGEWATCH_OPENVINO_LIBRARY</c>, then /opt/intel/openvino_2022 and
    /// /opt/intel/openvino (runtime/lib/intel64, aarch64, armv7l), /usr/lib, /usr/local/lib, then the system path.
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>Requests kept in flight per device; 0 takes the compiled model's OPTIMAL_NUMBER_OF_INFER_REQUESTS.</summary>
    [Range(0, 64)]
    public int RequestsPerDevice { get; set; }

    /// <summary>What the plugin tunes for; an NCS2 runs 4 requests under THROUGHPUT.</summary>
    [EnumDataType(typeof(OpenVinoPerformanceHint))]
    public OpenVinoPerformanceHint PerformanceHint { get; set; } = OpenVinoPerformanceHint.Throughput;

    /// <summary>Checks the values; the message of the first bad one names its key (<c>OpenVino:RequestsPerDevice</c>).</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            var first = results[0];
            var key = first.MemberNames.FirstOrDefault() ?? "?";
            throw new ArgumentException($"{SectionName}:{key}: {first.ErrorMessage}");
        }
    }
}
