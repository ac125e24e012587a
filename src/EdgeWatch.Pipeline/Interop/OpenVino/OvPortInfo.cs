using EdgeWatch.Pipeline.Inference;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>One model input or output as OpenVINO describes it; dynamic dimensions are -1.</summary>
internal sealed record OvPortInfo(string Name, OvElementType ElementType, IReadOnlyList<long> Shape)
{
    public TensorDescription ToDescription() => new(Name, OvElementTypeTable.NameOf(ElementType), Shape);

    public override string ToString() => ToDescription().ToString();
}
