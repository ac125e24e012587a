namespace EdgeWatch.Pipeline.Tests.OpenVino.Hardware;

/// <summary>
/// A fact that needs a real NCS2: skipped, with the reason shown in the test report, unless <c>EDGEWATCH_NCS2=1</c> and
/// a working OpenVINO 2022.3 with a stick are present. (xunit 2 has no conditional skip; setting <c>Skip</c> from the
/// constructor is its documented way to get one.)
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Ncs2FactAttribute : FactAttribute
{
    public Ncs2FactAttribute()
    {
        if (Ncs2Environment.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
