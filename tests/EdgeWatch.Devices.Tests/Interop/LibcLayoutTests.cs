using System.Globalization;
using System.Runtime.InteropServices;
using EdgeWatch.Devices.Tests.Fixtures;
using Libc = EdgeWatch.Devices.Interop.Libc;

namespace EdgeWatch.Devices.Tests.Interop;

public sealed class LibcLayoutTests
{
    [GccFact]
    public void Sockaddr_nl_and_socket_constants_match_the_c_headers()
    {
        string output = Gcc.CompileAndRun("""
            #include <stdio.h>
            #include <stddef.h>
            #include <errno.h>
            #include <sys/socket.h>
            #include <linux/netlink.h>
            int main(void) {
                printf("sizeof=%zu\n", sizeof(struct sockaddr_nl));
                printf("nl_family=%zu\n", offsetof(struct sockaddr_nl, nl_family));
                printf("nl_pad=%zu\n", offsetof(struct sockaddr_nl, nl_pad));
                printf("nl_pid=%zu\n", offsetof(struct sockaddr_nl, nl_pid));
                printf("nl_groups=%zu\n", offsetof(struct sockaddr_nl, nl_groups));
                printf("AF_UNIX=%d\nAF_NETLINK=%d\n", AF_UNIX, AF_NETLINK);
                printf("SOCK_DGRAM=%d\nSOCK_RAW=%d\nSOCK_CLOEXEC=%d\n", SOCK_DGRAM, SOCK_RAW, SOCK_CLOEXEC);
                printf("NETLINK_KOBJECT_UEVENT=%d\n", NETLINK_KOBJECT_UEVENT);
                printf("EPERM=%d\nEACCES=%d\nEPROTONOSUPPORT=%d\nEAFNOSUPPORT=%d\n", EPERM, EACCES, EPROTONOSUPPORT, EAFNOSUPPORT);
                return 0;
            }
            """);
        Dictionary<string, int> c = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], CultureInfo.InvariantCulture));

        Assert.Equal(c["sizeof"], Marshal.SizeOf<Libc.sockaddr_nl>());
        Assert.Equal(c["nl_family"], (int)Marshal.OffsetOf<Libc.sockaddr_nl>(nameof(Libc.sockaddr_nl.nl_family)));
        Assert.Equal(c["nl_pad"], (int)Marshal.OffsetOf<Libc.sockaddr_nl>(nameof(Libc.sockaddr_nl.nl_pad)));
        Assert.Equal(c["nl_pid"], (int)Marshal.OffsetOf<Libc.sockaddr_nl>(nameof(Libc.sockaddr_nl.nl_pid)));
        Assert.Equal(c["nl_groups"], (int)Marshal.OffsetOf<Libc.sockaddr_nl>(nameof(Libc.sockaddr_nl.nl_groups)));
        Assert.Equal(Libc.AF_UNIX, c["AF_UNIX"]);
        Assert.Equal(Libc.AF_NETLINK, c["AF_NETLINK"]);
        Assert.Equal(Libc.SOCK_DGRAM, c["SOCK_DGRAM"]);
        Assert.Equal(Libc.SOCK_RAW, c["SOCK_RAW"]);
        Assert.Equal(Libc.SOCK_CLOEXEC, c["SOCK_CLOEXEC"]);
        Assert.Equal(Libc.NETLINK_KOBJECT_UEVENT, c["NETLINK_KOBJECT_UEVENT"]);
        Assert.Equal(Libc.EPERM, c["EPERM"]);
        Assert.Equal(Libc.EACCES, c["EACCES"]);
        Assert.Equal(Libc.EPROTONOSUPPORT, c["EPROTONOSUPPORT"]);
        Assert.Equal(Libc.EAFNOSUPPORT, c["EAFNOSUPPORT"]);
    }

    [Fact]
    public void A_failed_libc_call_becomes_an_io_exception_with_errno_and_libcs_message()
    {
        using var handle = Libc.socket(-1, Libc.SOCK_DGRAM, 0);
        Assert.True(handle.IsInvalid);

        LibcException error = Libc.ExceptionForLastError("socket");

        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal("socket", error.Function);
        Assert.Equal(Libc.EAFNOSUPPORT, error.Errno);
        Assert.Contains("Address family not supported", error.Message, StringComparison.Ordinal);
    }
}
