using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Finds a model output by name, or by position when the model's names are unhelpful ("output", "Identity_1").</summary>
internal static class OutputLookup
{
    public static int IndexOf(IReadOnlyList<TensorDescription> outputs, string? name, int fallbackIndex, string decoder, string role)
    {
        if (name is not null)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                if (string.Equals(outputs[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        if (fallbackIndex >= 0 && fallbackIndex < outputs.Count && name is null)
        {
            return fallbackIndex;
        }

        var names = string.Join(", ", outputs.Select(o => o.ToString()));
        throw new DecoderException(name is null
            ? $"decoder '{decoder}' needs output #{fallbackIndex} ({role}) but the model has {outputs.Count}: {names}"
            : $"decoder '{decoder}' needs an output named '{name}' ({role}); the model has {names}");
    }

    /// <summary>The last dimension of a declared shape, or -1.</summary>
    public static long LastDim(TensorDescription output) => output.Shape.Count == 0 ? -1 : output.Shape[^1];
}
