using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeWatch.Pipeline.Evaluation;

/// <summary>Reads evaluation inputs, turning every way a file can fail into an <see cref="EvaluationDataException"/>.</summary>
internal static class EvaluationFiles
{
    /// <summary>Deserialises a JSON file whose top-level value must start with <paramref name="opening"/>
    /// ('{' or '[').</summary>
    public static T ReadJson<T>(string path, JsonTypeInfo<T> typeInfo, char opening, string expected)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var first = FirstSignificantByte(stream);
            if (first is '{' or '[' && first != opening)
            {
                var kind = first == '{' ? "an object" : "an array";
                throw new EvaluationDataException(path, null, $"the JSON holds {kind}, expected {expected}");
            }

            stream.Position = 0;
            return JsonSerializer.Deserialize(stream, typeInfo)
                ?? throw new EvaluationDataException(path, null, $"holds null, expected {expected}");
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : null;
            throw new EvaluationDataException(path, line, $"malformed JSON or not {expected}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    private static int FirstSignificantByte(Stream stream)
    {
        int b;
        do
        {
            b = stream.ReadByte();
        }
        while (b is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF); // whitespace, UTF-8 byte order mark
        return b;
    }

    public static string[] ReadAllLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    public static EvaluationDataException CannotRead(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new EvaluationDataException(path, null, "file not found", e),
        _ => new EvaluationDataException(path, null, $"cannot be read: {e.Message}", e),
    };
}
