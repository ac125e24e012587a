using System.Runtime.InteropServices;

namespace EdgeWatch.Devices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // int socketpair(int domain, int type, int protocol, int sv[2]);
        // Used by the tests to stand in for the netlink socket with the other end of a datagram pair.
        [LibraryImport(LibraryName, EntryPoint = "socketpair", SetLastError = true)]
        internal static unsafe partial int socketpair(int domain, int type, int protocol, int* sv);
    }
}
