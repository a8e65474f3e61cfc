using Berth.Api.Images.V1;
using Berth.Core.Errors;
using Berth.Core.IO;
using Berth.Core.Transfer;
using Google.Protobuf;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Services.Transfer;

internal sealed partial class TransferGrpcService
{
    // Big enough to keep the per-message cost small, well under gRPC's 4 MiB message limit.
    private const int ChunkSize = 1 << 20;

    public override async Task Export(ExportRequest request, IServerStreamWriter<ExportChunk> responseStream, ServerCallContext context)
    {
        var archives = Archives(context);
        var scope = metadata.Resolve(context);
        await using var chunks = new ChunkStream(responseStream, context.CancellationToken);
        await archives.ExportAsync(scope, request.ToCore(), chunks, context.CancellationToken);
        await chunks.FlushAsync(context.CancellationToken);
    }

    // Registered beside IImageTransfer by the transfer plugin; absent when that plugin did not load.
    private static IImageArchives Archives(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IImageArchives>()
            ?? throw new UnavailableException("berthd has no image archives: the transfer plugin did not load; see berthd's log");

    // Turns the archive's writes into chunks; each send waits for the client (gRPC flow control), so a slow reader slows
    // the export instead of filling memory.
    private sealed class ChunkStream(IServerStreamWriter<ExportChunk> stream, CancellationToken cancellationToken) : ForwardWriteStream
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
            await stream.WriteAsync(new ExportChunk { Data = ByteString.CopyFrom(_buffer, 0, _filled) }, cancellationToken);
            _filled = 0;
        }
    }
}
