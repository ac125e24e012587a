using System.Runtime.InteropServices;

namespace EdgeWatch.Worker.Interop.Mosquitto;

/// <summary>
/// struct mosquitto_message from mosquitto.h; the library owns it and it is valid only during the callback.
/// Field offsets are checked against the header by a compiled test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MosquittoMessage
{
    public int Mid;              // int mid;
    public byte* Topic;          // char *topic;
    public byte* Payload;        // void *payload;
    public int PayloadLength;    // int payloadlen;
    public int Qos;              // int qos;
    public byte Retain;          // bool retain;
}
