using System.Runtime.InteropServices;
using EdgeWatch.Pipeline.Interop.OpenVino;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// The C# structs against the C compiler's layout of the 2022.3 declarations, as the test double declares them (sizes
/// and offsets computed by gcc with sizeof and offsetof).
/// </summary>
[Collection(FakeOpenVinoGroup.Name)]
public sealed class OpenVinoStructLayoutTests(FakeOpenVinoFixture fixture) : FakeOpenVinoTest(fixture)
{
    [Theory]
    [InlineData(typeof(OvShape), "ov_shape_t")]
    [InlineData(typeof(OvDimension), "ov_dimension_t")]
    [InlineData(typeof(OvPartialShape), "ov_partial_shape_t")]
    [InlineData(typeof(OvAvailableDevices), "ov_available_devices_t")]
    [InlineData(typeof(OvVersion), "ov_version_t")]
    [InlineData(typeof(OvCallback), "ov_callback_t")]
    public void Every_struct_has_the_C_size(Type type, string cType) =>
        Assert.Equal(Fixture.Faithful.SizeOf(cType), Marshal.SizeOf(type));

    [Theory]
    [InlineData(typeof(OvShape), "ov_shape_t", "rank", nameof(OvShape.Rank))]
    [InlineData(typeof(OvShape), "ov_shape_t", "dims", nameof(OvShape.Dims))]
    [InlineData(typeof(OvDimension), "ov_dimension_t", "min", nameof(OvDimension.Min))]
    [InlineData(typeof(OvDimension), "ov_dimension_t", "max", nameof(OvDimension.Max))]
    [InlineData(typeof(OvPartialShape), "ov_partial_shape_t", "rank", nameof(OvPartialShape.Rank))]
    [InlineData(typeof(OvPartialShape), "ov_partial_shape_t", "dims", nameof(OvPartialShape.Dims))]
    [InlineData(typeof(OvAvailableDevices), "ov_available_devices_t", "devices", nameof(OvAvailableDevices.Devices))]
    [InlineData(typeof(OvAvailableDevices), "ov_available_devices_t", "size", nameof(OvAvailableDevices.Size))]
    [InlineData(typeof(OvVersion), "ov_version_t", "buildNumber", nameof(OvVersion.BuildNumber))]
    [InlineData(typeof(OvVersion), "ov_version_t", "description", nameof(OvVersion.Description))]
    [InlineData(typeof(OvCallback), "ov_callback_t", "callback_func", nameof(OvCallback.Function))]
    [InlineData(typeof(OvCallback), "ov_callback_t", "args", nameof(OvCallback.Args))]
    public void Every_field_is_at_the_C_offset(Type type, string cType, string cField, string field) =>
        Assert.Equal(Fixture.Faithful.OffsetOf(cType, cField), (long)Marshal.OffsetOf(type, field));
}
