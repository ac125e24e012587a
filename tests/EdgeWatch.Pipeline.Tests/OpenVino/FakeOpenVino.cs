using System.Runtime.InteropServices;
using System.Text;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

/// <summary>
/// One compiled copy of the C test double (Native/fake_openvino.c), loaded into this process: the backend loads the same
/// file through <c>OpenVinoOptions.LibraryPath</c>, and the test steers and observes it through the double's fake_*
/// exports. dlopen returns the same instance for the same path, so both see the same state.
/// </summary>
internal sealed unsafe class FakeOpenVino
{
    private readonly IntPtr _library;

    public FakeOpenVino(string path, bool hasErrorText)
    {
        LibraryPath = path;
        HasErrorText = hasErrorText;
        _library = NativeLibrary.Load(path);
    }

    /// <summary>The .so to give the backend.</summary>
    public string LibraryPath { get; }

    /// <summary>Whether this copy exports ov_get_last_err_msg (2023.2 and later); a real 2022.3 does not.</summary>
    public bool HasErrorText { get; }

    public void Reset() => ((delegate* unmanaged<void>)Export("fake_reset"))();

    public void SetVersion(string buildNumber) => CallText("fake_set_version", buildNumber);

    public void SetDevices(params string[] devices) => CallText("fake_set_devices", string.Join(',', devices));

    public void ExpectCompileDevice(string? device) => CallText("fake_expect_compile_device", device ?? string.Empty);

    public void ExpectInputElement(string? type) => CallText("fake_expect_input_element", type ?? string.Empty);

    public void FailCompile(string device, string message)
    {
        fixed (byte* d = Utf8(device))
        fixed (byte* m = Utf8(message))
        {
            ((delegate* unmanaged<byte*, byte*, void>)Export("fake_fail_compile"))(d, m);
        }
    }

    public void SetModelInput(string name, long[] dims, string type)
    {
        fixed (byte* n = Utf8(name))
        fixed (long* d = dims)
        fixed (byte* t = Utf8(type))
        {
            ((delegate* unmanaged<byte*, long*, long, byte*, void>)Export("fake_set_model_input"))(n, d, dims.Length, t);
        }
    }

    public void AddModelOutput(string name, long[] dims, float[] values)
    {
        fixed (byte* n = Utf8(name))
        fixed (long* d = dims)
        fixed (float* v = values)
        {
            ((delegate* unmanaged<byte*, long*, long, float*, nuint, void>)Export("fake_add_model_output"))(n, d, dims.Length, v, (nuint)values.Length);
        }
    }

    public void SetOutputF16(bool enabled) => ((delegate* unmanaged<int, void>)Export("fake_set_output_f16"))(enabled ? 1 : 0);

    public void SetOptimalRequests(int count) => ((delegate* unmanaged<int, void>)Export("fake_set_optimal_requests"))(count);

    public void SetThermal(string celsius) => CallText("fake_set_thermal", celsius);

    public void SetDelay(int milliseconds) => ((delegate* unmanaged<int, void>)Export("fake_set_delay_ms"))(milliseconds);

    public void SetCancelSupported(bool supported) => ((delegate* unmanaged<int, void>)Export("fake_set_cancel_supported"))(supported ? 1 : 0);

    public void HangInference(int nth) => ((delegate* unmanaged<int, void>)Export("fake_hang_inference"))(nth);

    public void FailInference(int nth, string message)
    {
        fixed (byte* m = Utf8(message))
        {
            ((delegate* unmanaged<int, byte*, void>)Export("fake_fail_inference"))(nth, m);
        }
    }

    public string LastViolation => ReadText("fake_last_violation");

    public string LastCompileProperties => ReadText("fake_last_compile_properties");

    public string LastPreprocessing => ReadText("fake_last_preprocessing");

    public string LiveSummary => ReadText("fake_live_summary");

    public int InferencesStarted => ((delegate* unmanaged<int>)Export("fake_inferences_started"))();

    public int CallbacksFired => ((delegate* unmanaged<int>)Export("fake_callbacks_fired"))();

    public int MaxConcurrentInferences => ((delegate* unmanaged<int>)Export("fake_max_concurrent_inferences"))();

    public int LiveObjects => ((delegate* unmanaged<int>)Export("fake_live_objects"))();

    public int LiveObjectsOf(string kind)
    {
        fixed (byte* k = Utf8(kind))
        {
            return ((delegate* unmanaged<byte*, int>)Export("fake_live_objects_of"))(k);
        }
    }

    public byte[] LastInput(int count)
    {
        var bytes = new byte[count];
        fixed (byte* b = bytes)
        {
            var n = ((delegate* unmanaged<byte*, nuint, nuint>)Export("fake_last_input"))(b, (nuint)count);
            return bytes[..(int)n];
        }
    }

    public long SizeOf(string type)
    {
        fixed (byte* t = Utf8(type))
        {
            return (long)((delegate* unmanaged<byte*, nuint>)Export("fake_sizeof"))(t);
        }
    }

    public long OffsetOf(string type, string field)
    {
        fixed (byte* t = Utf8(type))
        fixed (byte* f = Utf8(field))
        {
            return (long)((delegate* unmanaged<byte*, byte*, nuint>)Export("fake_offsetof"))(t, f);
        }
    }

    /// <summary>Waits until every native object has been freed (hung requests are freed in the background).</summary>
    public bool WaitUntilNoLiveObjects(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LiveObjects != 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>Waits until no object of one kind is live (a hung request is freed in the background).</summary>
    public bool WaitUntilNoLiveObjectsOf(string kind, TimeSpan timeout) => SpinWait.SpinUntil(() => LiveObjectsOf(kind) == 0, timeout);

    private IntPtr Export(string name) => NativeLibrary.GetExport(_library, name);

    private void CallText(string function, string text)
    {
        fixed (byte* t = Utf8(text))
        {
            ((delegate* unmanaged<byte*, void>)Export(function))(t);
        }
    }

    private string ReadText(string function) => Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged<byte*>)Export(function))()) ?? string.Empty;

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
