using System.Runtime.InteropServices;

namespace EdgeWatch.Devices;

internal static partial class Interop
{
    /// <summary>Raw glibc bindings. Names and constants keep their C spelling.</summary>
    internal static partial class Libc
    {
        internal const string LibraryName = "libc";

        // <bits/socket.h>
        internal const int AF_UNIX = 1;
        internal const int AF_NETLINK = 16;

        // <bits/socket_type.h>; SOCK_CLOEXEC is O_CLOEXEC (02000000) on x86, x86-64, arm and arm64.
        internal const int SOCK_DGRAM = 2;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_CLOEXEC = 0x80000;

        // <linux/netlink.h>
        internal const int NETLINK_KOBJECT_UEVENT = 15;

        // <asm-generic/errno-base.h>, <asm-generic/errno.h>
        internal const int EPERM = 1;
        internal const int EACCES = 13;
        internal const int EPROTONOSUPPORT = 93;
        internal const int EAFNOSUPPORT = 97;

        /// <summary>
        /// The one place that turns a failed libc call into an exception: reads errno right after the call
        /// (LibraryImport with SetLastError) and keeps libc's own message.
        /// </summary>
        internal static LibcException ExceptionForLastError(string function)
        {
            int errno = Marshal.GetLastPInvokeError();
            return new LibcException(function, errno, Marshal.GetPInvokeErrorMessage(errno));
        }
    }
}
