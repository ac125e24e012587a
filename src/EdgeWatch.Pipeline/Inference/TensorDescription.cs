namespace EdgeWatch.Pipeline.Inference;

/// <summary>A model input or output as the model declares it; dimensions unknown until inference are -1.</summary>
public sealed record TensorDescription(string Name, string ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"'{Name}' {ElementType}[{string.Join(',', Shape)}]";
}
