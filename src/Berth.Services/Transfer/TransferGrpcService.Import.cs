using Berth.Api.Images.V1;
using Berth.Core.Errors;
using Berth.Core.IO;
using Berth.Services.Grpc;
using Grpc.Core;

namespace Berth.Services.Transfer;

internal sealed partial class TransferGrpcService
{
    public override async Task Import(IAsyncStreamReader<ImportChunk> requestStream, IServerStreamWriter<PullProgress> responseStream,
        ServerCallContext context)
    {
        var archives = Archives(context);
        var scope = metadata.Resolve(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.KindCase != ImportChunk.KindOneofCase.Request)
        {
            throw new InvalidArgumentException("an import starts with its request, then the archive's bytes: send the request first");
        }

        var request = requestStream.Current.Request.ToCore();
        var source = new ChunkReadStream(requestStream);
        await foreach (var progress in archives.ImportAsync(scope, request, source, context.CancellationToken))
        {
            await responseStream.WriteAsync(PullProgress.FromCore(progress), context.CancellationToken);
        }
    }

    // The archive's bytes as the client sends them; the end of the request stream is the end of the archive.
    private sealed class ChunkReadStream(IAsyncStreamReader<ImportChunk> chunks) : ForwardReadStream
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

                if (chunks.Current.KindCase != ImportChunk.KindOneofCase.Data)
                {
                    throw new InvalidArgumentException("an import sends its request once, first: the chunks after it carry data only");
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
