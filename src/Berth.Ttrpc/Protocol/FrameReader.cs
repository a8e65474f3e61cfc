using System.Buffers;

namespace Berth.Ttrpc.Protocol;

/// <summary>
/// Reads frames off one connection, one at a time. A payload is valid until the next read: the buffer is reused, so a
/// connection costs no allocation per frame. A frame over the size limit is skipped and reported with no payload,
/// so that the peer can be told (the stream stays in step).
/// </summary>
internal sealed class FrameReader(Stream stream) : IDisposable
{
    private const int KeptBufferSize = 64 * 1024;
    private readonly byte[] _header = new byte[FrameHeader.Size];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

    /// <summary>The next frame, or null at a clean end of the connection (between frames).</summary>
    /// <exception cref="EndOfStreamException">The connection ended inside a frame.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        ShrinkBuffer();
        int got = await stream.ReadAtLeastAsync(_header, FrameHeader.Size, throwOnEndOfStream: false, cancellationToken);
        if (got == 0)
        {
            return null;
        }

        if (got < FrameHeader.Size)
        {
            throw new EndOfStreamException("the connection ended inside a ttrpc frame header");
        }

        var header = FrameHeader.Read(_header);
        if (header.Length > FrameHeader.MaxPayload)
        {
            await SkipAsync(header.Length, cancellationToken);
            return new Frame(header, ReadOnlyMemory<byte>.Empty, Oversized: true);
        }

        int length = (int)header.Length;
        if (_buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        await stream.ReadExactlyAsync(_buffer.AsMemory(0, length), cancellationToken);
        return new Frame(header, _buffer.AsMemory(0, length), Oversized: false);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void ShrinkBuffer()
    {
        // One large message must not pin megabytes for the life of a long connection.
        if (_buffer.Length > KeptBufferSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }
    }

    private async ValueTask SkipAsync(uint length, CancellationToken cancellationToken)
    {
        for (long left = length; left > 0;)
        {
            int chunk = (int)Math.Min(left, _buffer.Length);
            await stream.ReadExactlyAsync(_buffer.AsMemory(0, chunk), cancellationToken);
            left -= chunk;
        }
    }
}

/// <summary>A frame as read: its payload is valid until the reader reads again.</summary>
internal readonly record struct Frame(FrameHeader Header, ReadOnlyMemory<byte> Payload, bool Oversized);
