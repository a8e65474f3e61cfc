using Berth.Api.Images.V1;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Services.Transfer;

internal sealed partial class TransferGrpcService
{
    public override async Task Export(ExportRequest request, IServerStreamWriter<ExportChunk> responseStream, ServerCallContext context)
    {
        var archives = Archives(context);
        var scope = metadata.Resolve(context);
        await using var chunks = new ChunkWriteStream<ExportChunk>(responseStream, data => new ExportChunk { Data = data }, context.CancellationToken);
        await archives.ExportAsync(scope, request.ToCore(), chunks, context.CancellationToken);
        await chunks.FlushAsync(context.CancellationToken);
    }

    // Registered beside IImageTransfer by the transfer plugin; absent when that plugin did not load.
    private static IImageArchives Archives(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IImageArchives>()
            ?? throw new UnavailableException("berthd has no image archives: the transfer plugin did not load; see berthd's log");
}
