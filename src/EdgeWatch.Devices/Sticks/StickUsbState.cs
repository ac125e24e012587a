namespace EdgeWatch.Devices.Sticks;

/// <summary>Whether a stick's firmware has been booted; the USB product id tells.</summary>
public enum StickUsbState
{
    /// <summary>Fresh from plug-in (product 2485 or 2150): waiting for a runtime to load firmware.</summary>
    Unbooted,

    /// <summary>Firmware loaded (product f63b): the stick re-enumerated at the same port and is in use.</summary>
    Booted,
}
