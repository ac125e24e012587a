using System.Text.Json;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>
/// The decoders a manifest can name in <c>decoder.type</c>, each with its own parameter type. Parameters are read and
/// checked when the manifest is loaded, so a typo fails before any model is.
/// </summary>
public static class DecoderRegistry
{
    private static readonly Dictionary<string, Func<JsonElement, JsonSerializerOptions, Func<DecoderContext, IDetectionDecoder>>> Factories =
        new(StringComparer.Ordinal)
        {
            ["yolox"] = Bind<YoloxDecoderOptions>((o, c) => new YoloxDecoder(o, c)),
            ["ssd-priors"] = Bind<SsdPriorsDecoderOptions>((o, c) => new SsdPriorsDecoder(o, c)),
            ["detection-output"] = Bind<DetectionOutputDecoderOptions>((o, c) => new DetectionOutputDecoder(o, c)),
            ["tf-od-api"] = Bind<TfObjectDetectionDecoderOptions>((o, c) => new TfObjectDetectionDecoder(o, c)),
            ["yolo-v2-region"] = Bind<YoloV2RegionDecoderOptions>((o, c) => new YoloV2RegionDecoder(o, c)),
            ["classification"] = Bind<ClassificationDecoderOptions>((o, c) => new ClassificationDecoder(o, c)),
        };

    /// <summary>The known decoder types.</summary>
    public static IReadOnlyCollection<string> Types => Factories.Keys;

    /// <summary>
    /// Reads a manifest's <c>decoder</c> object and returns a factory for decoders of that type and parameters.
    /// </summary>
    /// <exception cref="DecoderException">Unknown type or parameters that do not parse.</exception>
    public static Func<DecoderContext, IDetectionDecoder> Resolve(JsonElement decoder, JsonSerializerOptions json)
    {
        if (decoder.ValueKind != JsonValueKind.Object)
        {
            throw new DecoderException("decoder must be an object with a \"type\"");
        }

        if (!decoder.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new DecoderException($"decoder.type is missing; one of: {string.Join(", ", Types)}");
        }

        var type = typeElement.GetString()!;
        if (!Factories.TryGetValue(type, out var factory))
        {
            throw new DecoderException($"decoder.type '{type}' is unknown; one of: {string.Join(", ", Types)}");
        }

        return factory(decoder, json);
    }

    private static Func<JsonElement, JsonSerializerOptions, Func<DecoderContext, IDetectionDecoder>> Bind<TOptions>(
        Func<TOptions, DecoderContext, IDetectionDecoder> create)
        where TOptions : DecoderOptions => (element, json) =>
        {
            TOptions options;
            try
            {
                options = element.Deserialize<TOptions>(json) ?? throw new DecoderException("decoder is empty");
            }
            catch (JsonException e)
            {
                throw new DecoderException($"decoder: {ManifestJson.Describe(e, "decoder")}", e);
            }

            return context => create(options, context);
        };
}
