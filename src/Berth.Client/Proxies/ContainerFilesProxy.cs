using System.Buffers;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Google.Protobuf;
using Grpc.Core;
using Rpc = Berth.Api.Containers.V1.Files;
using Stream = System.IO.Stream;

namespace Berth.Client.Proxies;

/// <summary><see cref="IContainerFilesClient"/> over berth's Files service.</summary>
internal sealed class ContainerFilesProxy(Rpc.FilesClient client) : IContainerFilesClient
{
    private const int ChunkSize = 1 << 20;

    public async ValueTask<ContainerPathStat> StatPathAsync(string container, string path, CancellationToken cancellationToken = default)
        => (await client.StatAsync(new StatPathRequest { Container = container, Path = path }, cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();

    public async ValueTask CopyFromAsync(string container, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        using var call = client.CopyFrom(new CopyFromRequest { Container = container, Path = path }, cancellationToken: cancellationToken);
        await CopyChunksAsync(call.ResponseStream, destination, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ExportAsync(string container, Stream destination, CancellationToken cancellationToken = default)
    {
        using var call = client.Export(new ExportContainerRequest { Container = container }, cancellationToken: cancellationToken);
        await CopyChunksAsync(call.ResponseStream, destination, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CopyToAsync(string container, ContainerCopyTo request, Stream source, CancellationToken cancellationToken = default)
    {
        using var call = client.CopyTo(cancellationToken: cancellationToken);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await call.RequestStream.WriteAsync(new CopyToInput { Request = CopyToRequest.FromCore(container, request) }, cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await source.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                await call.RequestStream.WriteAsync(new CopyToInput { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The daemon ended the call early (no such container, a refused entry): its answer below says why.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            // One answer once all is unpacked; the call's status carries a failure.
        }
    }

    private static async ValueTask CopyChunksAsync(IAsyncStreamReader<TarChunk> chunks, Stream destination, CancellationToken cancellationToken)
    {
        while (await chunks.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            await destination.WriteAsync(chunks.Current.Data.Memory, cancellationToken).ConfigureAwait(false);
        }
    }
}
