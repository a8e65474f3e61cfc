using System.Buffers.Binary;

namespace Berth.Ttrpc.Protocol;

/// <summary>The kinds of frame ttrpc sends; streams are not used by containerd's task and events APIs.</summary>
internal enum FrameType : byte
{
    Request = 1,
    Response = 2,
}

/// <summary>
/// The 10 bytes before every ttrpc payload: length (big-endian uint32, header excluded), stream id (big-endian
/// uint32), type, flags. A client numbers its requests with odd ids; the response carries the request's id.
/// </summary>
internal readonly record struct FrameHeader(uint Length, uint StreamId, FrameType Type, byte Flags = 0)
{
    public const int Size = 10;

    /// <summary>The largest payload a peer accepts (ttrpc's messageLengthMax, 4 MiB).</summary>
    public const int MaxPayload = 4 << 20;

    public static FrameHeader Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt32BigEndian(bytes),
        BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
        (FrameType)bytes[8],
        bytes[9]);

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Length);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[4..], StreamId);
        bytes[8] = (byte)Type;
        bytes[9] = Flags;
    }
}
