using Microsoft.Extensions.Options;

namespace EdgeWatch.Devices.Monitoring;

/// <summary>Checks <see cref="StickMonitorOptions"/> at start; each failure names its key (<c>Devices:RescanInterval</c>).</summary>
public sealed class StickMonitorOptionsValidator : IValidateOptions<StickMonitorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StickMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = StickMonitorOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.SysfsRoot))
        {
            failures.Add($"{Section}:{nameof(options.SysfsRoot)} must not be empty");
        }

        if (options.RescanInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.RescanInterval)} must be > 0 (is {options.RescanInterval})");
        }

        if (options.RemoveGrace <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.RemoveGrace)} must be > 0 (is {options.RemoveGrace})");
        }

        if (options.UeventDebounce < TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.UeventDebounce)} must be >= 0 (is {options.UeventDebounce})");
        }

        if (options.SubscriberCapacity <= 0)
        {
            failures.Add($"{Section}:{nameof(options.SubscriberCapacity)} must be > 0 (is {options.SubscriberCapacity})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
