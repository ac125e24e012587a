namespace EdgeWatch.Worker.Mqtt;

/// <summary>Reads <see cref="MqttOptions.PasswordFile"/>.</summary>
internal static class MqttPasswordFile
{
    /// <summary>The password, or null with <paramref name="error"/> naming the key.</summary>
    internal static string? TryRead(string path, out string? error)
    {
        try
        {
            // Only line endings are trimmed: a password may legitimately end in other whitespace.
            string password = File.ReadAllText(path).TrimEnd('\r', '\n');
            error = null;
            return password;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"Mqtt:PasswordFile '{path}' cannot be read: {ex.Message}";
            return null;
        }
    }

    /// <summary>The password to use: the file's content if <see cref="MqttOptions.PasswordFile"/> is set, else <see cref="MqttOptions.Password"/>.</summary>
    internal static string? Resolve(MqttOptions options)
    {
        if (string.IsNullOrEmpty(options.PasswordFile))
        {
            return options.Password;
        }

        return TryRead(options.PasswordFile, out string? error)
            ?? throw new Microsoft.Extensions.Options.OptionsValidationException(
                MqttOptions.SectionName, typeof(MqttOptions), [error!]);
    }
}
