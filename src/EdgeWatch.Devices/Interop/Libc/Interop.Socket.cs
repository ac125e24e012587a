using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdgeWatch.Devices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // int socket(int domain, int type, int protocol);
        // Returns an invalid handle (-1) on failure; errno says why.
        [LibraryImport(LibraryName, EntryPoint = "socket", SetLastError = true)]
        internal static partial SafeSocketHandle socket(int domain, int type, int protocol);
    }
}
