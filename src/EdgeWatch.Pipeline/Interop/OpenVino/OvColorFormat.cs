namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// <c>ov_color_format_e</c> (ov_prepostprocess.h). Only the leading values are used; they are the same in 2022.3 and
/// later releases (GRAY was inserted after BGR, which moved RGBX and BGRX, never RGB and BGR).
/// </summary>
internal enum OvColorFormat
{
    Undefined = 0,
    Nv12SinglePlane = 1,
    Nv12TwoPlanes = 2,
    I420SinglePlane = 3,
    I420ThreePlanes = 4,
    Rgb = 5,
    Bgr = 6,
}
