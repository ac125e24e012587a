using System.Diagnostics;
using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OpenVino;
using EdgeWatch.Pipeline.Interop.OpenVino;
using EdgeWatch.Pipeline.Preprocessing;

namespace EdgeWatch.Pipeline.Tests.OpenVino;

[Collection(FakeOpenVinoGroup.Name)]
public sealed class OpenVinoInferenceTests(FakeOpenVinoFixture fixture) : FakeOpenVinoTest(fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_frame_goes_in_as_raw_BGR_and_the_detection_lands_on_the_right_pixels()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.ExpectInputElement("u8");
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
        var results = new DetectionList();

        pass.Detect(new ImageView(FakeDetector.Frame(600, 400, 10, 20, 30), 600, 400), results, Generous);

        Assert.Equal([10, 20, 30, 10, 20, 30], fake.LastInput(6));
        AssertTheKnownBox(engine, results, 600, 400);
    }

    [Theory]
    [InlineData("2024.4.0-16579-c3152d32c9c-releases/2024/4")]
    [InlineData("2025.1.0-18503-6fec06580ab-releases/2025/1")]
    [InlineData("2026.1.0-20000-f3a30a671d3-releases/2026/1")]
    public void Newer_runtimes_get_their_own_element_type_numbers(string buildNumber)
    {
        var fake = Fixture.Faithful;
        fake.SetVersion(buildNumber);
        fake.SetDevices("CPU");
        FakeDetector.Configure(fake);
        fake.ExpectInputElement("u8"); // the double fails the call unless the code means u8 in this release's numbering
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "CPU");
        using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
        var results = new DetectionList();

        pass.Detect(new ImageView(FakeDetector.Frame(320, 240, 1, 2, 3), 320, 240), results, Generous);

        AssertTheKnownBox(engine, results, 320, 240);
    }

    [Fact]
    public void A_run_allocates_no_managed_memory_once_warm()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDelay(1);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();
        for (var i = 0; i < 20; i++)
        {
            request.Run(Generous);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            request.Run(Generous);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Float16_outputs_of_a_device_are_converted_to_float32()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetOutputF16(true);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
        var results = new DetectionList();

        pass.Detect(new ImageView(FakeDetector.Frame(600, 400, 0, 0, 0), 600, 400), results, Generous);

        AssertTheKnownBox(engine, results, 600, 400, scoreTolerance: 0.001f);
    }

    [Fact]
    public void Concurrent_requests_complete_through_callbacks_from_the_runtimes_threads()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDelay(30);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        const int Frames = 10;
        var failures = new List<Exception>();
        var workers = Enumerable.Range(0, engine.MaxRequests).Select(_ => new Thread(() =>
        {
            try
            {
                using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
                var results = new DetectionList();
                for (var frame = 0; frame < Frames; frame++)
                {
                    pass.Detect(new ImageView(FakeDetector.Frame(600, 400, 5, 6, 7), 600, 400), results, Generous);
                    AssertTheKnownBox(engine, results, 600, 400);
                }
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromMinutes(2))));

        Assert.Empty(failures);
        Assert.Equal(4, engine.MaxRequests);
        Assert.Equal(4 * Frames, fake.InferencesStarted);
        Assert.Equal(4 * Frames, fake.CallbacksFired);
        Assert.True(fake.MaxConcurrentInferences >= 2, $"at most {fake.MaxConcurrentInferences} inference(s) ran at once");
    }

    [Fact]
    public void A_stick_pulled_mid_inference_is_a_lost_device_with_the_runtimes_NC_ERROR()
    {
        var fake = Fixture.WithErrorText;
        FakeDetector.Configure(fake);
        fake.FailInference(2, "Failed to read output from FIFO: NC_ERROR");
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();

        request.Run(Generous);
        var error = Assert.Throws<DeviceLostException>(() => request.Run(Generous));

        Assert.Equal("MYRIAD: inference failed: ov_infer_request_wait failed: GENERAL_ERROR (-1): Failed to read output from FIFO: NC_ERROR", error.Message);
        var native = Assert.IsType<OpenVinoException>(error.InnerException);
        Assert.Equal((OpenVinoStatus.GeneralError, "ov_infer_request_wait"), (native.Status, native.Operation));
        Assert.Equal(2, fake.CallbacksFired);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Without_error_text_a_failed_inference_is_still_a_lost_device()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.FailInference(1, "Failed to queue inference: NC_ERROR");
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();

        var error = Assert.Throws<DeviceLostException>(() => request.Run(Generous));

        Assert.Equal("MYRIAD: inference failed: ov_infer_request_wait failed: GENERAL_ERROR (-1) (this OpenVINO reports no error text)", error.Message);
    }

    [Fact]
    public void A_hung_device_times_out_at_the_deadline_and_its_request_can_still_be_disposed()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.HangInference(1);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        var request = engine.CreateRequest();
        var deadline = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InferenceTimeoutException>(() => request.Run(deadline));
        clock.Stop();

        Assert.StartsWith("MYRIAD: no answer within ", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, deadline - TimeSpan.FromMilliseconds(20), deadline + TimeSpan.FromSeconds(10));
        clock.Restart();
        request.Dispose(); // the device never answers: the native request is freed in the background
        Assert.True(clock.Elapsed < OvInferenceBinding.DisposeGrace + TimeSpan.FromSeconds(10), $"Dispose blocked for {clock.Elapsed}");
        Assert.True(fake.WaitUntilNoLiveObjectsOf("infer_request", Eventually), fake.LiveSummary);
        Assert.Equal(0, fake.CallbacksFired);
    }

    [Fact]
    public void A_callback_arriving_after_the_timeout_does_no_harm_and_the_request_works_again()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDelay(1500);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var pass = new DetectionPass(engine, engine.Model.CreateFilter());
        var pixels = FakeDetector.Frame(600, 400, 9, 9, 9);
        var results = new DetectionList();

        Assert.Throws<InferenceTimeoutException>(() => pass.Detect(new ImageView(pixels, 600, 400), results, TimeSpan.FromMilliseconds(200)));
        Assert.True(SpinWait.SpinUntil(() => fake.CallbacksFired == 1, Eventually), "the late callback never came");
        fake.SetDelay(5);
        pass.Detect(new ImageView(pixels, 600, 400), results, Generous);

        AssertTheKnownBox(engine, results, 600, 400);
        Assert.Equal(0L, OvCompletion.CallbackFailures);
    }

    [Fact]
    public void The_next_run_waits_within_its_own_timeout_for_a_late_callback()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDelay(700);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();

        Assert.Throws<InferenceTimeoutException>(() => request.Run(TimeSpan.FromMilliseconds(100)));
        fake.SetDelay(5);
        request.Run(Generous); // would be REQUEST_BUSY if started while the first is still running

        Assert.Equal(2, fake.InferencesStarted);
        Assert.Equal(2, fake.CallbacksFired);
    }

    [Fact]
    public void A_request_disposed_mid_inference_keeps_its_callback_state_until_the_runtime_lets_go()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDelay(2500);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        var request = engine.CreateRequest();

        Assert.Throws<InferenceTimeoutException>(() => request.Run(TimeSpan.FromMilliseconds(100)));
        request.Dispose(); // frees in the background: ov_infer_request_free waits for the inference, which then calls back

        Assert.True(fake.WaitUntilNoLiveObjectsOf("infer_request", Eventually), fake.LiveSummary);
        Assert.Equal(1, fake.CallbacksFired);
        Assert.Equal(string.Empty, fake.LastViolation); // the double checks the ov_callback_t was intact when it fired
    }

    [Fact]
    public void A_run_still_held_by_a_hung_device_fails_the_next_run_at_its_deadline()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.HangInference(1);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();

        Assert.Throws<InferenceTimeoutException>(() => request.Run(TimeSpan.FromMilliseconds(100)));
        var error = Assert.Throws<InferenceTimeoutException>(() => request.Run(TimeSpan.FromMilliseconds(100)));

        Assert.Equal("MYRIAD: the previous inference on this request has still not completed; the device is presumed hung", error.Message);
        Assert.Equal(1, fake.InferencesStarted);
    }

    [Fact]
    public void Abort_makes_a_waiting_run_give_up_at_once()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.HangInference(1);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        using var request = engine.CreateRequest();
        Exception? failure = null;
        var runner = new Thread(() => failure = Record.Exception(() => request.Run(TimeSpan.FromMinutes(5))));

        runner.Start();
        Assert.True(SpinWait.SpinUntil(() => fake.InferencesStarted == 1, Eventually));
        request.Abort();

        Assert.True(runner.Join(Generous), "Run did not return after Abort");
        Assert.StartsWith("MYRIAD: inference aborted after ", Assert.IsType<InferenceTimeoutException>(failure).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_cancels_the_inference_on_a_device_that_can_cancel()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.SetDevices("CPU");
        fake.SetCancelSupported(true);
        fake.HangInference(1);
        using var runtime = Open(fake);
        using var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "CPU");
        using var request = engine.CreateRequest();
        var runner = new Thread(() => Record.Exception(() => request.Run(TimeSpan.FromMinutes(5))));

        runner.Start();
        Assert.True(SpinWait.SpinUntil(() => fake.InferencesStarted == 1, Eventually));
        request.Abort();
        Assert.True(runner.Join(Generous));

        Assert.True(SpinWait.SpinUntil(() => fake.CallbacksFired == 1, Eventually), "the cancelled inference never called back");
        request.Run(Generous);
        Assert.Equal(2, fake.CallbacksFired);
    }

    [Fact]
    public void Disposing_the_engine_with_a_hung_request_frees_everything_eventually()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.HangInference(2);
        var runtime = Open(fake);
        var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        var healthy = engine.CreateRequest();
        var hung = engine.CreateRequest();

        healthy.Run(Generous);
        Assert.Throws<InferenceTimeoutException>(() => hung.Run(TimeSpan.FromMilliseconds(100)));
        engine.Dispose();
        runtime.Dispose();

        Assert.True(fake.WaitUntilNoLiveObjects(Eventually), fake.LiveSummary);
        Assert.Throws<ObjectDisposedException>(() => engine.CreateRequest());
    }

    [Fact]
    public void Disposing_the_engine_under_a_waiting_worker_makes_its_run_give_up_before_anything_is_freed()
    {
        var fake = Fixture.Faithful;
        FakeDetector.Configure(fake);
        fake.HangInference(1);
        using var runtime = Open(fake);
        var engine = OpenVinoEngine.Load(runtime, FakeDetector.Write(TemporaryDirectory()), "MYRIAD");
        var request = engine.CreateRequest();
        Exception? failure = null;
        var worker = new Thread(() => failure = Record.Exception(() => request.Run(TimeSpan.FromMinutes(5))));

        worker.Start();
        Assert.True(SpinWait.SpinUntil(() => fake.InferencesStarted == 1, Eventually));
        engine.Dispose();

        Assert.True(worker.Join(Generous), "the worker's run did not return");
        Assert.IsType<InferenceTimeoutException>(failure);
        Assert.Throws<ObjectDisposedException>(() => request.Run(Generous));
    }

    private static void AssertTheKnownBox(OpenVinoEngine engine, DetectionList results, int width, int height, float scoreTolerance = 1e-6f)
    {
        var detection = Assert.Single(results.AsReadOnlySpan().ToArray());
        Assert.Equal("person", engine.Model.Labels[detection.Label]);
        Assert.Equal(0.9f, detection.Score, scoreTolerance);
        var box = detection.Box;
        Assert.Equal(0.25f * width, box.X1, 0.01f);
        Assert.Equal(0.5f * height, box.Y1, 0.01f);
        Assert.Equal(0.75f * width, box.X2, 0.01f);
        Assert.Equal(1f * height, box.Y2, 0.01f);
    }
}
