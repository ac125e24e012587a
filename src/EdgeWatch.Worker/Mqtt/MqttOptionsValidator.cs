using System.Text;
using Microsoft.Extensions.Options;

namespace EdgeWatch.Worker.Mqtt;

/// <summary>Checks <see cref="MqttOptions"/> at start; every failure names its configuration key.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Mqtt:Host must not be empty");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add("Mqtt:Port must be 1..65535");
        }

        if (options.ClientId is not null && (options.ClientId.Length == 0 || Encoding.UTF8.GetByteCount(options.ClientId) > 65535))
        {
            failures.Add("Mqtt:ClientId must be 1..65535 bytes when set");
        }

        if (options.KeepAliveSeconds is < 5 or > 65535)
        {
            failures.Add("Mqtt:KeepAliveSeconds must be 5..65535");
        }

        if (options.ProtocolVersion is not ("3.1.1" or "5"))
        {
            failures.Add("Mqtt:ProtocolVersion must be \"3.1.1\" or \"5\"");
        }

        bool hasPassword = !string.IsNullOrEmpty(options.Password) || !string.IsNullOrEmpty(options.PasswordFile);
        if (hasPassword && string.IsNullOrEmpty(options.Username))
        {
            failures.Add("Mqtt:Username is required when Mqtt:Password or Mqtt:PasswordFile is set");
        }

        if (!string.IsNullOrEmpty(options.PasswordFile))
        {
            _ = MqttPasswordFile.TryRead(options.PasswordFile, out string? error);
            if (error is not null)
            {
                failures.Add(error);
            }
        }

        if (string.IsNullOrWhiteSpace(options.Prefix) || !IsPublishTopic(options.Prefix) || options.Prefix.EndsWith('/'))
        {
            failures.Add("Mqtt:Prefix must be a topic level without wildcards or a trailing '/'");
        }

        if (options.AvailabilityTopic is not null && !IsPublishTopic(options.AvailabilityTopic))
        {
            failures.Add("Mqtt:AvailabilityTopic must be a topic name without wildcards");
        }

        ValidateTls(options.Tls, failures);

        if (options.QueueLimit.Messages < 1)
        {
            failures.Add("Mqtt:QueueLimit:Messages must be at least 1");
        }

        if (options.QueueLimit.Bytes < 1024)
        {
            failures.Add("Mqtt:QueueLimit:Bytes must be at least 1024");
        }

        if (options.ReconnectDelay.Min <= TimeSpan.Zero)
        {
            failures.Add("Mqtt:ReconnectDelay:Min must be positive");
        }

        if (options.ReconnectDelay.Max < options.ReconnectDelay.Min)
        {
            failures.Add("Mqtt:ReconnectDelay:Max must be at least Mqtt:ReconnectDelay:Min");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    internal static void ThrowIfInvalid(MqttOptions options)
    {
        ValidateOptionsResult result = new MqttOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(MqttOptions.SectionName, typeof(MqttOptions), result.Failures);
        }
    }

    private static void ValidateTls(MqttTlsOptions tls, List<string> failures)
    {
        if (!tls.Enabled)
        {
            return;
        }

        RequireReadable(tls.CaFile, "Mqtt:Tls:CaFile", failures);
        RequireReadable(tls.CertFile, "Mqtt:Tls:CertFile", failures);
        RequireReadable(tls.KeyFile, "Mqtt:Tls:KeyFile", failures);
        if (string.IsNullOrEmpty(tls.CertFile) != string.IsNullOrEmpty(tls.KeyFile))
        {
            failures.Add("Mqtt:Tls:CertFile and Mqtt:Tls:KeyFile must be set together");
        }
    }

    private static void RequireReadable(string? path, string key, List<string> failures)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            failures.Add($"{key} '{path}' does not exist");
        }
    }

    private static bool IsPublishTopic(string topic) =>
        topic.Length > 0 && topic.IndexOfAny(['+', '#', '\0']) < 0 && Encoding.UTF8.GetByteCount(topic) <= 65535;
}
