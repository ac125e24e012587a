namespace EdgeWatch.Devices.Sticks;

/// <summary>The USB ids of Movidius sticks (vendor 03e7) and what each one means.</summary>
public static class MovidiusUsbIds
{
    /// <summary>Movidius (Intel) vendor id.</summary>
    public const ushort Vendor = 0x03e7;

    /// <summary>Myriad X (NCS2) before firmware boot.</summary>
    public const ushort MyriadXUnbooted = 0x2485;

    /// <summary>Myriad 2 (NCS1) before firmware boot.</summary>
    public const ushort Myriad2Unbooted = 0x2150;

    /// <summary>Any Myriad after firmware boot ("VSC mode"); only NCS2 is booted by OpenVINO 2022.3.</summary>
    public const ushort Booted = 0xf63b;

    /// <summary>Classifies a USB vendor/product pair; false for anything that is not a compute stick.</summary>
    public static bool TryIdentify(ushort vendorId, ushort productId, out StickModel model, out StickUsbState state)
    {
        model = StickModel.Ncs2;
        state = StickUsbState.Unbooted;
        if (vendorId != Vendor)
        {
            return false;
        }

        switch (productId)
        {
            case MyriadXUnbooted:
                return true;
            case Booted:
                state = StickUsbState.Booted;
                return true;
            case Myriad2Unbooted:
                model = StickModel.Ncs1;
                return true;
            default:
                return false;
        }
    }
}
