using EdgeWatch.Devices.Sticks;
using Microsoft.Extensions.Logging;

namespace EdgeWatch.Devices.Monitoring;

public sealed partial class StickMonitor
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Stick added at USB port {Port}: {Model} {UsbState} ({UsbId}), OpenVINO device {OpenVinoDevice}")]
    private partial void LogStickAdded(string port, StickModel model, StickUsbState usbState, string usbId, string openVinoDevice);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Stick at USB port {Port} is an {Model} ({UsbId}), which OpenVINO 2022.3 does not support: listed, not used")]
    private partial void LogUnsupportedStickAdded(string port, StickModel model, string usbId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Stick at USB port {Port} changed: {PreviousUsbId} {PreviousUsbState} (device {PreviousDeviceNumber}) -> {UsbId} {UsbState} (device {DeviceNumber})")]
    private partial void LogStickChanged(string port, string previousUsbId, StickUsbState previousUsbState, int previousDeviceNumber,
        string usbId, StickUsbState usbState, int deviceNumber);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Stick removed from USB port {Port} ({Model}, OpenVINO device {OpenVinoDevice}): gone for more than {Grace}")]
    private partial void LogStickRemoved(string port, StickModel model, string openVinoDevice, TimeSpan grace);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug,
        Message = "Stick at USB port {Port} vanished from sysfs; kept for {Grace} in case it is re-enumerating (firmware boot)")]
    private partial void LogStickVanished(string port, TimeSpan grace);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Cannot listen to kernel uevents ({Reason}); USB hot-plug will be noticed by the periodic rescan every {RescanInterval}")]
    private partial void LogUeventsUnavailable(string reason, TimeSpan rescanInterval);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information,
        Message = "Kernel uevents are disabled (Devices:EnableUevents); USB hot-plug will be noticed by the periodic rescan every {RescanInterval}")]
    private partial void LogUeventsDisabled(TimeSpan rescanInterval);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Scanning sysfs for USB devices failed; keeping the last inventory")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "There is no USB bus at {Directory} (a VM or container without USB, or a wrong Devices:SysfsRoot?); no stick can appear until it exists")]
    private partial void LogNoUsbBus(string directory);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "A stick event subscriber fell more than {Capacity} events behind; its subscription was closed and it must subscribe again")]
    private partial void LogSubscriberOverflow(int capacity);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "The stick monitor loop failed; retrying")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "USB device entries not readable yet (being created or removed): {Ports}")]
    private partial void LogIncompleteEntries(IReadOnlyList<string> ports);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information,
        Message = "Stick monitor started on {Directory}: {StickCount} stick(s), uevents {WatchingUevents}, rescan every {RescanInterval}")]
    private partial void LogStarted(string directory, int stickCount, bool watchingUevents, TimeSpan rescanInterval);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Debug, Message = "Stick monitor stopped")]
    private partial void LogStopped();

    [LoggerMessage(EventId = 2014, Level = LogLevel.Debug, Message = "Stick monitor loop cancelled")]
    private partial void LogLoopEnded();

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Stopping the stick monitor timed out; its tasks will end on their own")]
    private partial void LogStopTimedOut();
}
