using Berth.Api.Containers.V1;
using Berth.Core.Errors;
using Berth.Core.IO;
using Google.Protobuf;
using Grpc.Core;

namespace Berth.Services.Engine;

internal sealed partial class FilesGrpcService
{
    // Big enough to keep the per-message cost small, well under gRPC's 4 MiB message limit.
    private const int ChunkSize = 1 << 20;

    // Turns the tar's writes into chunks; each send waits for the client (flow control), so a slow reader slows the copy.
    private sealed class TarChunkStream(IServerStreamWriter<TarChunk> stream, CancellationToken cancellationToken) : ForwardWriteStream
    {
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
            await stream.WriteAsync(new TarChunk { Data = ByteString.CopyFrom(_buffer, 0, _filled) }, cancellationToken);
            _filled = 0;
        }
    }

    // The tar's bytes as the client sends them; the end of the request stream is the end of the tar.
    private sealed class TarInputStream(IAsyncStreamReader<CopyToInput> chunks) : ForwardReadStream
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

                if (chunks.Current.KindCase != CopyToInput.KindOneofCase.Data)
                {
                    throw new InvalidArgumentException("a copy sends its request once, first: the messages after it carry data only");
                }

                _current = chunks.Current.Data.Memory;
            }

            int take = Math.Min(buffer.Length, _current.Length);
            _current.Span[..take].CopyTo(buffer.Span);
            _current = _current[take..];
            return take;
        }
    }
}
