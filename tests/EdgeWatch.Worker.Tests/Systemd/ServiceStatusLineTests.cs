using EdgeWatch.Pipeline.Cameras;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.Simulated;
using EdgeWatch.Pipeline.Models;
using EdgeWatch.Pipeline.Scheduling;
using EdgeWatch.Worker.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWatch.Worker.Tests.Systemd;

/// <summary>The "Status:" line of <c>systemctl status</c>: workers by kind (sticks included), cameras, the broker.</summary>
public sealed class ServiceStatusLineTests
{
    [Fact]
    public async Task Sticks_and_cpu_workers_are_counted_by_kind_and_every_camera_is_named_with_its_state()
    {
        var model = await TestModels.OpenAsync("yolox-nano");
        var scheduler = new FrameScheduler(new SchedulerOptions());
        using var stick1 = Worker("MYRIAD.1.3-ma2480", "ncs2", model, scheduler);
        using var stick2 = Worker("MYRIAD.1.4-ma2480", "ncs2", model, scheduler);
        using var cpu = Worker("cpu-1", "cpu", model, scheduler);
        CameraStatus[] cameras = [new("front", "/dev/video0"), new("back", "rtsp://cam/stream")];

        var line = ServiceStatusLine.Describe([cpu, stick1, stick2], cameras, mqttConnected: false);

        Assert.Equal("2 sticks + CPU worker ×1; camera front starting; camera back starting; MQTT not connected", line);
    }

    [Fact]
    public void Without_workers_the_reason_the_cpu_worker_failed_is_shown()
    {
        var line = ServiceStatusLine.Describe([], [], mqttConnected: true, cpuError: "ONNX Runtime (libonnxruntime.so.1) not found");

        Assert.Equal("no workers (CPU: ONNX Runtime (libonnxruntime.so.1) not found); no cameras configured; MQTT connected", line);
    }

    private static InferenceWorker Worker(string id, string kind, ModelDefinition model, FrameScheduler scheduler)
    {
        // YOLOX-Nano at 416×416 outputs [1, 3549, 85]; the simulated device answers with zeros in that shape.
        var engine = new SimulatedEngine(model, [new TensorDescription("output", "float32", [1, 3549, 85])], TimeSpan.FromMilliseconds(1), 1, id);
        return new InferenceWorker(id, kind, [engine], m => m.CreateFilter(), scheduler, 1, TimeSpan.FromSeconds(2), NullLogger.Instance);
    }
}
