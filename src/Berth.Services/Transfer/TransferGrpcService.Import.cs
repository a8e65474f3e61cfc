using Berth.Api.Images.V1;
using Berth.Core.Errors;
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
        var source = new ChunkReadStream<ImportChunk>(requestStream,
            m => m.KindCase == ImportChunk.KindOneofCase.Data ? m.Data : null, "an import sends its request once, first: the chunks after it carry data only");
        await foreach (var progress in archives.ImportAsync(scope, request, source, context.CancellationToken))
        {
            await responseStream.WriteAsync(PullProgress.FromCore(progress), context.CancellationToken);
        }
    }
}
