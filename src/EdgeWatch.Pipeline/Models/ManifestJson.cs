using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeWatch.Pipeline.Models;

/// <summary>How manifests are read: camelCase keys, enums as kebab-case strings, comments allowed, unknown keys refused.</summary>
public static class ManifestJson
{
    /// <summary>The serializer options for manifests and decoder parameters.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>A short, user-facing description of a JSON error: the key and what is wrong with it.</summary>
    public static string Describe(JsonException error, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var path = error.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : null;
        if (prefix is not null)
        {
            path = path is null ? prefix : $"{prefix}.{path}";
        }

        var message = error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            var key = start >= 0 && end > start ? message[(start + 1)..end] : "?";
            var where = path is null ? key : path.EndsWith(key, StringComparison.Ordinal) ? path : $"{path}.{key}";
            return $"{where}: unknown key";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            message = "has the wrong type or an unknown value";
        }

        var line = error.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
        return path is null ? $"{message}{line}" : $"{path}: {message}{line}";
    }
}
