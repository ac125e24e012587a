namespace EdgeWatch.Pipeline.Scheduling;

/// <summary>
/// Receives detection results, per camera in frame order. Called on worker threads, one camera at a time (results of one
/// camera never overlap); must be quick — queue anything slow.
/// </summary>
public interface IDetectionSink
{
    void Publish(DetectionResult result);
}
