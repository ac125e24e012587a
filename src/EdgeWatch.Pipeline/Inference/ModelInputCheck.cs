using System.Globalization;
using EdgeWatch.Pipeline.Decoding;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Pipeline.Inference;

/// <summary>
/// The checks every backend makes when it loads a model against its manifest — which input to feed, whether its shape and
/// element type are what the manifest says, whether the decoder fits the outputs — with one wording of every error, naming
/// the manifest key.
/// </summary>
internal static class ModelInputCheck
{
    /// <summary>The index of the input EdgeWatch feeds: the one named by <c>input.name</c>, else the only one.</summary>
    /// <param name="inputs">Each input's name and a description for messages.</param>
    public static int ChooseInput(ModelDefinition model, IReadOnlyList<(string Name, string Description)> inputs)
    {
        var manifest = model.Manifest.SourcePath;
        if (inputs.Count == 0)
        {
            throw new ModelLoadException($"{model.ModelPath}: the model has no inputs");
        }

        var all = string.Join(", ", inputs.Select(i => i.Description));
        var wanted = model.Manifest.Input.Name;
        if (wanted is null)
        {
            return inputs.Count == 1
                ? 0
                : throw new ModelLoadException($"{manifest}: {model.ModelPath} has {inputs.Count} inputs ({all}); EdgeWatch feeds one image input");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Name == wanted)
            {
                return i;
            }
        }

        throw new ModelLoadException($"{manifest}: input.name '{wanted}' is not an input of {model.ModelPath}; it has {all}");
    }

    /// <summary>Checks the input's element type and its 4-D shape (dimensions unknown until inference are -1).</summary>
    public static void CheckInput(ModelDefinition model, IReadOnlyList<long> shape, string description, bool elementTypeFits, bool requireStaticSize)
    {
        var manifest = model.Manifest.SourcePath;
        var spec = model.Preprocess;
        if (!elementTypeFits)
        {
            var expected = spec.ElementType == TensorElementType.Float32 ? "float32" : "uint8";
            throw new ModelLoadException($"{manifest}: input.elementType is {expected} but the model's input is {description}");
        }

        var (h, w, c) = spec.Layout == TensorLayout.Nchw ? (2, 3, 1) : (1, 2, 3);
        if (shape.Count != 4 || (shape[c] > 0 && shape[c] != 3))
        {
            throw new ModelLoadException($"{manifest}: input.layout is {spec.Layout.ToString().ToUpperInvariant()} with 3 channels but the model's input is {description}");
        }

        if (requireStaticSize && (shape[w] <= 0 || shape[h] <= 0))
        {
            throw new ModelLoadException($"{manifest}: the model's input {description} has a dynamic size; this device needs a static one");
        }

        if ((shape[w] > 0 && shape[w] != spec.Width) || (shape[h] > 0 && shape[h] != spec.Height))
        {
            throw new ModelLoadException(string.Create(CultureInfo.InvariantCulture,
                $"{manifest}: input.width x input.height is {spec.Width}x{spec.Height} but the model's input is {description}"));
        }
    }

    /// <summary>Binds a decoder to the outputs once, so a wrong decoder fails at load time, not on the first frame.</summary>
    public static void CheckDecoder(ModelDefinition model, IReadOnlyList<TensorDescription> outputs)
    {
        try
        {
            model.CreateDecoder().Bind(outputs);
        }
        catch (DecoderException e)
        {
            throw new ModelLoadException($"{model.Manifest.SourcePath}: {e.Message}", e);
        }
    }
}
