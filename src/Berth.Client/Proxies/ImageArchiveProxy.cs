using System.Buffers;
using System.Runtime.CompilerServices;
using Berth.Api.Images.V1;
using Berth.Core.Transfer;
using Google.Protobuf;
using Grpc.Core;
using Rpc = Berth.Api.Images.V1.Transfer;

namespace Berth.Client.Proxies;

/// <summary><see cref="IImageArchiveClient"/> over berth's Transfer service (Export and Import).</summary>
internal sealed class ImageArchiveProxy(Rpc.TransferClient client) : IImageArchiveClient
{
    private const int ChunkSize = 1 << 20;

    public async ValueTask ExportAsync(ImageExportRequest request, Stream destination, CancellationToken cancellationToken = default)
    {
        using var call = client.Export(ExportRequest.FromCore(request), cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            await destination.WriteAsync(call.ResponseStream.Current.Data.Memory, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<TransferProgress> ImportAsync(ImageImportRequest request, Stream source,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = client.Import(cancellationToken: cancellationToken);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendAsync(call.RequestStream, request, source, stopSending.Token);
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                yield return call.ResponseStream.Current.ToCore();
            }

            await sending.ConfigureAwait(false);
        }
        finally
        {
            await stopSending.CancelAsync().ConfigureAwait(false);
            await sending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    // When the daemon fails the call early (a bad archive), the sends fail too: the response stream carries the error.
    private static async Task SendAsync(IClientStreamWriter<ImportChunk> requests, ImageImportRequest request, Stream source, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await requests.WriteAsync(new ImportChunk { Request = ImportRequest.FromCore(request) }, cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await source.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                await requests.WriteAsync(new ImportChunk { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken).ConfigureAwait(false);
            }

            await requests.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or OperationCanceledException)
        {
            // The response stream reports why the call ended.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
