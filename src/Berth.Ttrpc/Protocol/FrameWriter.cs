using System.Buffers;
using Berth.Core.Errors;
using Google.Protobuf;

namespace Berth.Ttrpc.Protocol;

/// <summary>
/// Writes whole frames onto one connection. Concurrent callers take turns; each frame goes out in one write, and a
/// write once started is never cancelled, since half a frame would leave the peer out of step.
/// </summary>
internal sealed class FrameWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async ValueTask WriteAsync(uint streamId, FrameType type, IMessage message, CancellationToken cancellationToken)
    {
        int length = message.CalculateSize();
        if (length > FrameHeader.MaxPayload)
        {
            throw new ResourceExhaustedException(
                $"a ttrpc message of {length} bytes exceeds the protocol's limit of {FrameHeader.MaxPayload} bytes: send less at once");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(FrameHeader.Size + length);
        try
        {
            new FrameHeader((uint)length, streamId, type).Write(buffer);
            message.WriteTo(buffer.AsSpan(FrameHeader.Size, length));
            await _turn.WaitAsync(cancellationToken);
            try
            {
                await stream.WriteAsync(buffer.AsMemory(0, FrameHeader.Size + length), CancellationToken.None);
                await stream.FlushAsync(CancellationToken.None);
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _turn.Dispose();
}
