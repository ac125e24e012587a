using EdgeWatch.Pipeline.Detections;
using EdgeWatch.Pipeline.Frames;
using EdgeWatch.Pipeline.Inference;
using EdgeWatch.Pipeline.Inference.OnnxRuntime;
using EdgeWatch.Pipeline.Models;

namespace EdgeWatch.Worker.Benchmarks;

/// <summary>
/// The bare inference loop (pre-process, infer, decode) over frames already in memory: one thread and one ONNX Runtime
/// engine per worker, as the daemon's CPU workers run them. It runs only while resumed, so that it can take turns with the
/// daemon in one process; <see cref="Frames"/> counts the frames it finished.
/// </summary>
internal sealed class PausableInferenceLoop : IDisposable
{
    private readonly List<OnnxRuntimeEngine> _engines;
    private readonly List<Thread> _threads;
    private readonly ManualResetEventSlim _running = new(initialState: false);
    private long _frames;
    private volatile bool _stopping;

    public PausableInferenceLoop(ModelDefinition model, IReadOnlyList<Frame> frames, int workers, OnnxRuntimeOptions options)
    {
        _engines = [];
        try
        {
            for (var w = 0; w < workers; w++)
            {
                _engines.Add(OnnxRuntimeEngine.Load(model, options));
            }
        }
        catch
        {
            _engines.ForEach(e => e.Dispose());
            throw;
        }

        _threads = _engines.Select((engine, w) => new Thread(() => Loop(engine, model, frames, w)) { IsBackground = true, Name = $"raw-{w}" }).ToList();
        _threads.ForEach(t => t.Start());
    }

    /// <summary>Frames finished since start.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public void Resume() => _running.Set();

    /// <summary>Lets each thread finish the frame it is on, then hold.</summary>
    public void Pause() => _running.Reset();

    public void Dispose()
    {
        _stopping = true;
        _running.Set();
        _threads.ForEach(t => t.Join());
        _engines.ForEach(e => e.Dispose());
        _running.Dispose();
    }

    private void Loop(OnnxRuntimeEngine engine, ModelDefinition model, IReadOnlyList<Frame> frames, int worker)
    {
        using var pass = new DetectionPass(engine, model.CreateFilter());
        var results = new DetectionList();
        for (var i = worker; ; i++)
        {
            _running.Wait();
            if (_stopping)
            {
                return;
            }

            pass.Detect(frames[i % frames.Count].View, results);
            Interlocked.Increment(ref _frames);
        }
    }
}
