namespace EdgeWatch.Devices.Tests.Fixtures;

/// <summary>A fact that compiles a C program against the system headers; skipped where gcc is not installed.</summary>
internal sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (Gcc.Path is null)
        {
            Skip = "gcc is not installed: cannot check struct layouts against the C headers";
        }
    }
}
