using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Uevents;

internal sealed partial class UeventReader
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Ignored a malformed uevent datagram of {Length} bytes: {Problem}")]
    private partial void LogMalformed(int length, string problem);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Malformed datagrams on the uevent socket ({Total} so far; latest: {Problem}); they are ignored, details at Debug")]
    private partial void LogMalformedSummary(long total, string problem);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "The kernel dropped uevents (socket queue full, ENOBUFS); rescanning sysfs instead")]
    private partial void LogOverrun();

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Receiving from the uevent socket failed ({SocketError}); retrying")]
    private partial void LogReceiveFailed(SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error,
        Message = "Stopped reading uevents after {Failures} failures in a row ({SocketError}); hot-plug now relies on the periodic rescan")]
    private partial void LogReaderStopped(int failures, SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Handling uevent {Action} {DevPath} failed")]
    private partial void LogHandlerFailed(string action, string devPath, Exception exception);
}
