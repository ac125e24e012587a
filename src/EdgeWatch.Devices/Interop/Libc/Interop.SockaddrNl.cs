using System.Runtime.InteropServices;

namespace EdgeWatch.Devices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // struct sockaddr_nl {
        //     __kernel_sa_family_t nl_family;  /* AF_NETLINK */
        //     unsigned short       nl_pad;     /* zero */
        //     __u32                nl_pid;     /* port ID; 0 lets the kernel assign one */
        //     __u32                nl_groups;  /* multicast groups mask */
        // };
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_nl
        {
            public ushort nl_family;
            public ushort nl_pad;
            public uint nl_pid;
            public uint nl_groups;
        }
    }
}
