using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdgeWatch.Devices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
        // Typed for the one address this project binds: struct sockaddr_nl.
        [LibraryImport(LibraryName, EntryPoint = "bind", SetLastError = true)]
        internal static partial int bind(SafeSocketHandle sockfd, in sockaddr_nl addr, uint addrlen);
    }
}
