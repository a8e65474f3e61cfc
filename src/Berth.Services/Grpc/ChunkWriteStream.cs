using Berth.Core.IO;
using Google.Protobuf;
using Grpc.Core;

namespace Berth.Services.Grpc;

/// <summary>
/// A stream whose writes go out as data messages of up to 1 MiB (well under gRPC's 4 MiB limit, big enough to keep the
/// per-message cost small). Each send waits for the client (flow control), so a slow reader slows the writer instead
/// of filling memory.
/// </summary>
internal sealed class ChunkWriteStream<TMessage>(IServerStreamWriter<TMessage> stream, Func<ByteString, TMessage> message, CancellationToken cancellationToken)
    : ForwardWriteStream
{
    private const int ChunkSize = 1 << 20;
    private readonly byte[] _buffer = new byte[ChunkSize];
    private int _filled;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer.Span[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
            {
                await SendAsync();
            }
        }
    }

    public override Task FlushAsync(CancellationToken ct) => _filled > 0 ? SendAsync() : Task.CompletedTask;

    private async Task SendAsync()
    {
        await stream.WriteAsync(message(ByteString.CopyFrom(_buffer, 0, _filled)), cancellationToken);
        _filled = 0;
    }
}
