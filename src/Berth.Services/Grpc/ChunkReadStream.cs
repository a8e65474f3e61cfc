using Berth.Core.Errors;
using Berth.Core.IO;
using Google.Protobuf;
using Grpc.Core;

namespace Berth.Services.Grpc;

/// <summary>
/// The bytes a client streams after its request: each message's data in turn; the end of the request stream is the
/// end of the bytes. <paramref name="dataOf"/> gives a message's data, or null for a message that carries none.
/// </summary>
internal sealed class ChunkReadStream<TMessage>(IAsyncStreamReader<TMessage> chunks, Func<TMessage, ByteString?> dataOf, string misplaced)
    : ForwardReadStream
{
    private ReadOnlyMemory<byte> _current;
    private bool _ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty && !_ended)
        {
            if (!await chunks.MoveNext(cancellationToken))
            {
                _ended = true;
                break;
            }

            _current = (dataOf(chunks.Current) ?? throw new InvalidArgumentException(misplaced)).Memory;
        }

        int take = Math.Min(buffer.Length, _current.Length);
        _current.Span[..take].CopyTo(buffer.Span);
        _current = _current[take..];
        return take;
    }
}
