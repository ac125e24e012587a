namespace EdgeWatch.Pipeline.Decoding;

/// <summary>Base of every decoder's parameters: the manifest's <c>decoder</c> object, whose <c>type</c> chose the decoder.</summary>
public abstract record DecoderOptions
{
    public string? Type { get; init; }
}
