namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// Every test of the C test double runs in this one collection: the double's configuration and counters are process-wide
/// state, so its tests run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FakeOpenVinoGroup : ICollectionFixture<FakeOpenVinoFixture>
{
    public const string Name = "fake-openvino";
}
