using System.Globalization;
using System.Text;

namespace EdgeWatch.Worker.Tests.Support;

/// <summary>One message as mosquitto_sub printed it with <see cref="Format"/>.</summary>
public sealed record ReceivedMessage(string Topic, bool Retain, int Qos, byte[] Payload)
{
    /// <summary>Topic, retain flag, QoS and the payload in hex (binary-safe, one line per message).</summary>
    public const string Format = "%t %r %q %x";

    public string Text => Encoding.UTF8.GetString(Payload);

    public static ReceivedMessage? TryParse(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length is < 3 or > 4 || parts[1] is not ("0" or "1") || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out int qos))
        {
            return null; // a debug line
        }

        string hex = parts.Length == 4 ? parts[3] : string.Empty;
        return new ReceivedMessage(parts[0], parts[1] == "1", qos, Convert.FromHexString(hex));
    }

    public override string ToString() => $"{Topic} r={(Retain ? 1 : 0)} q={Qos} '{Text}'";
}
