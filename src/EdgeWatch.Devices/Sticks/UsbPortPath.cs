using System.Diagnostics.CodeAnalysis;

namespace EdgeWatch.Devices.Sticks;

/// <summary>
/// A USB device's place in the tree as sysfs names it: <c>BUS-PORT[.PORT...]</c>, e.g. <c>1-1.3</c>.
/// Root hubs (<c>usb1</c>) and interfaces (<c>1-1.3:1.0</c>) are not port paths.
/// </summary>
internal static class UsbPortPath
{
    /// <summary>Splits a sysfs device name into bus number and port chain (<c>1-1.3</c> → 1, <c>1.3</c>).</summary>
    public static bool TryParse(string name, out int bus, [NotNullWhen(true)] out string? portChain)
    {
        bus = 0;
        portChain = null;
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !IsNumber(name.AsSpan(0, dash)) || !int.TryParse(name.AsSpan(0, dash), out bus))
        {
            return false;
        }

        ReadOnlySpan<char> chain = name.AsSpan(dash + 1);
        if (chain.IsEmpty)
        {
            return false;
        }

        foreach (Range part in chain.Split('.'))
        {
            if (!IsNumber(chain[part]))
            {
                return false;
            }
        }

        portChain = chain.ToString();
        return true;
    }

    /// <summary>Orders port paths numerically, component by component (<c>1-1.2</c> before <c>1-1.10</c>).</summary>
    public static int Compare(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null)
        {
            return -1;
        }

        if (right is null)
        {
            return 1;
        }

        ReadOnlySpan<char> a = left;
        ReadOnlySpan<char> b = right;
        while (!a.IsEmpty && !b.IsEmpty)
        {
            ReadOnlySpan<char> partA = NextPart(ref a);
            ReadOnlySpan<char> partB = NextPart(ref b);
            int order = int.TryParse(partA, out int numberA) && int.TryParse(partB, out int numberB)
                ? numberA.CompareTo(numberB)
                : partA.CompareTo(partB, StringComparison.Ordinal);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary><see cref="Compare"/> as an <see cref="IComparer{T}"/>.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    private static ReadOnlySpan<char> NextPart(ref ReadOnlySpan<char> rest)
    {
        int end = rest.IndexOfAny('-', '.');
        if (end < 0)
        {
            ReadOnlySpan<char> last = rest;
            rest = [];
            return last;
        }

        ReadOnlySpan<char> part = rest[..end];
        rest = rest[(end + 1)..];
        return part;
    }

    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 3)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
