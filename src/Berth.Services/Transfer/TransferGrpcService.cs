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
/// berth's Transfer service over <see cref="IImageTransfer"/>. A pull belongs to the daemon, not to the call: when the
/// client goes away the service stops writing and keeps draining the pull's progress, so the pull finishes (and others
/// sharing it are not disturbed).
/// </summary>
internal sealed partial class TransferGrpcService(IMetadataStore metadata, IImageTransfer transfer, ILogger<TransferGrpcService> logger)
    : Rpc.TransferBase
{
    public override async Task Pull(PullRequest request, IServerStreamWriter<PullProgress> responseStream, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var pull = request.ToCore();
        var progress = transfer.PullAsync(scope, pull, CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
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
            // The client went away (Ctrl-C, exit): the pull goes on without a watcher.
            LogClientGone(logger, pull.Reference);
            _ = DrainAsync(progress, next, pull.Reference);
            return;
        }
        catch
        {
            await progress.DisposeAsync();
            throw;
        }

        await progress.DisposeAsync();
    }

    public override async Task<Empty> Login(LoginRequest request, ServerCallContext context)
    {
        var (server, credentials) = request.ToCore();
        await transfer.CheckLoginAsync(server, credentials, context.CancellationToken);
        return new Empty();
    }

    private async Task DrainAsync(IAsyncEnumerator<TransferProgress> progress, Task<bool>? pending, string reference)
    {
        try
        {
            if (pending is null || await pending)
            {
                while (await progress.MoveNextAsync())
                {
                }
            }

            LogFinishedUnwatched(logger, reference);
        }
        catch (Exception ex)
        {
            LogFailedUnwatched(logger, reference, ex);
        }
        finally
        {
            await progress.DisposeAsync();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "pull of {Reference}: the client went away; the pull goes on")]
    private static partial void LogClientGone(ILogger logger, string reference);

    [LoggerMessage(2, LogLevel.Information, "pull of {Reference} finished after its client went away")]
    private static partial void LogFinishedUnwatched(ILogger logger, string reference);

    [LoggerMessage(3, LogLevel.Warning, "pull of {Reference} failed after its client went away")]
    private static partial void LogFailedUnwatched(ILogger logger, string reference, Exception exception);
}
