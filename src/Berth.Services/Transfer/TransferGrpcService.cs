using Berth.Api.Images.V1;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Services.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Rpc = Berth.Api.Images.V1.Transfer;

namespace Berth.Services.Transfer;

/// <summary>
/// berth's Transfer service over <see cref="IImageTransfer"/>. A pull or push belongs to the daemon, not to the call:
/// when the client goes away the service stops writing and keeps draining the transfer's progress, so it finishes (and
/// others sharing it are not disturbed).
/// </summary>
internal sealed partial class TransferGrpcService(IMetadataStore metadata, IImageTransfer transfer, ILogger<TransferGrpcService> logger)
    : Rpc.TransferBase
{
    public override async Task Pull(PullRequest request, IServerStreamWriter<PullProgress> responseStream, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var pull = request.ToCore();
        await RelayAsync("pull", pull.Reference, transfer.PullAsync(scope, pull, CancellationToken.None), responseStream, context);
    }

    public override async Task<Empty> Login(LoginRequest request, ServerCallContext context)
    {
        var (server, credentials) = request.ToCore();
        await transfer.CheckLoginAsync(server, credentials, context.CancellationToken);
        return new Empty();
    }

    // Writes a transfer's progress to the client. When the client goes away (Ctrl-C, exit), the transfer goes on without
    // a watcher: its progress is drained in the background until it ends.
    private async Task RelayAsync(string kind, string reference, IAsyncEnumerable<TransferProgress> transferProgress,
        IServerStreamWriter<PullProgress> responseStream, ServerCallContext context)
    {
        var progress = transferProgress.GetAsyncEnumerator(CancellationToken.None);
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next = progress.MoveNextAsync().AsTask();
                if (!await next.WaitAsync(context.CancellationToken))
                {
                    break;
                }

                next = null;
                await responseStream.WriteAsync(PullProgress.FromCore(progress.Current), context.CancellationToken);
            }
        }
        catch (Exception ex) when (context.CancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            LogClientGone(logger, kind, reference);
            _ = DrainAsync(kind, progress, next, reference);
            return;
        }
        catch
        {
            await progress.DisposeAsync();
            throw;
        }

        await progress.DisposeAsync();
    }

    private async Task DrainAsync(string kind, IAsyncEnumerator<TransferProgress> progress, Task<bool>? pending, string reference)
    {
        try
        {
            if (pending is null || await pending)
            {
                while (await progress.MoveNextAsync())
                {
                }
            }

            LogFinishedUnwatched(logger, kind, reference);
        }
        catch (Exception ex)
        {
            LogFailedUnwatched(logger, kind, reference, ex);
        }
        finally
        {
            await progress.DisposeAsync();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Kind} of {Reference}: the client went away; the transfer goes on")]
    private static partial void LogClientGone(ILogger logger, string kind, string reference);

    [LoggerMessage(2, LogLevel.Information, "{Kind} of {Reference} finished after its client went away")]
    private static partial void LogFinishedUnwatched(ILogger logger, string kind, string reference);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} of {Reference} failed after its client went away")]
    private static partial void LogFailedUnwatched(ILogger logger, string kind, string reference, Exception exception);
}
