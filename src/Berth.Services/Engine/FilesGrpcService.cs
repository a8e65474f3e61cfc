using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Files;

namespace Berth.Services.Engine;

/// <summary>
/// berth's Files service (<c>cp</c>, <c>export</c>) over <see cref="IContainerFiles"/>, looked up per call as the engine is:
/// without a runtime the calls fail with Unavailable. Tar bytes travel in chunks, each send waiting for the reader.
/// </summary>
internal sealed partial class FilesGrpcService(IMetadataStore metadata) : Rpc.FilesBase
{
    private static readonly CopyToResponse Copied = new();

    public override async Task<PathStat> Stat(StatPathRequest request, ServerCallContext context)
        => PathStat.FromCore(await Files(context).StatPathAsync(metadata.Resolve(context), request.Container, request.Path, context.CancellationToken));

    public override async Task CopyFrom(CopyFromRequest request, IServerStreamWriter<TarChunk> responseStream, ServerCallContext context)
    {
        var files = Files(context);
        await using var chunks = Chunks(responseStream, context.CancellationToken);
        await files.CopyFromAsync(metadata.Resolve(context), request.Container, request.Path, chunks, context.CancellationToken);
        await chunks.FlushAsync(context.CancellationToken);
    }

    public override async Task Export(ExportContainerRequest request, IServerStreamWriter<TarChunk> responseStream, ServerCallContext context)
    {
        var files = Files(context);
        await using var chunks = Chunks(responseStream, context.CancellationToken);
        await files.ExportAsync(metadata.Resolve(context), request.Container, chunks, context.CancellationToken);
        await chunks.FlushAsync(context.CancellationToken);
    }

    public override async Task CopyTo(IAsyncStreamReader<CopyToInput> requestStream, IServerStreamWriter<CopyToResponse> responseStream,
        ServerCallContext context)
    {
        var files = Files(context);
        var scope = metadata.Resolve(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.KindCase != CopyToInput.KindOneofCase.Request)
        {
            throw new InvalidArgumentException("a copy into a container starts with its request, then the tar's bytes: send the request first");
        }

        var request = requestStream.Current.Request;
        await using var source = new ChunkReadStream<CopyToInput>(requestStream,
            m => m.KindCase == CopyToInput.KindOneofCase.Data ? m.Data : null, "a copy sends its request once, first: the messages after it carry data only");
        await files.CopyToAsync(scope, request.Container, request.ToCore(), source, context.CancellationToken);
        await responseStream.WriteAsync(Copied, context.CancellationToken);
    }

    private static ChunkWriteStream<TarChunk> Chunks(IServerStreamWriter<TarChunk> stream, CancellationToken cancellationToken)
        => new(stream, data => new TarChunk { Data = data }, cancellationToken);

    private static IContainerFiles Files(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IContainerFiles>()
            ?? throw new UnavailableException("berthd has no container engine: the runtime plugin did not load; see berthd's log");
}
