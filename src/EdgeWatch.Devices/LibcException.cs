namespace EdgeWatch.Devices;

/// <summary>A libc call failed; carries the function name, errno and libc's message for it.</summary>
public sealed class LibcException : IOException
{
    /// <summary>Creates the exception for a failed call of <paramref name="function"/>.</summary>
    public LibcException(string function, int errno, string message)
        : base($"{function}() failed: {message} (errno {errno})")
    {
        Function = function;
        Errno = errno;
    }

    /// <summary>The libc function that failed, e.g. <c>socket</c>.</summary>
    public string Function { get; }

    /// <summary>The errno value the call left, e.g. 1 for EPERM.</summary>
    public int Errno { get; }
}
