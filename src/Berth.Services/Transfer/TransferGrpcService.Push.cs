using Berth.Api.Images.V1;
using Berth.Core.Transfer;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Berth.Services.Transfer;

internal sealed partial class TransferGrpcService
{
    // As Pull: the push belongs to the daemon; when the client goes away the service keeps draining its progress.
    public override async Task Push(PushRequest request, IServerStreamWriter<PullProgress> responseStream, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var push = request.ToCore();
        var progress = transfer.PushAsync(scope, push, CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
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
            LogPushClientGone(logger, push.Reference);
            _ = DrainPushAsync(progress, next, push.Reference);
            return;
        }
        catch
        {
            await progress.DisposeAsync();
            throw;
        }

        await progress.DisposeAsync();
    }

    private async Task DrainPushAsync(IAsyncEnumerator<TransferProgress> progress, Task<bool>? pending, string reference)
    {
        try
        {
            if (pending is null || await pending)
            {
                while (await progress.MoveNextAsync())
                {
                }
            }

            LogPushFinishedUnwatched(logger, reference);
        }
        catch (Exception ex)
        {
            LogPushFailedUnwatched(logger, reference, ex);
        }
        finally
        {
            await progress.DisposeAsync();
        }
    }

    [LoggerMessage(20, LogLevel.Information, "push of {Reference}: the client went away; the push goes on")]
    private static partial void LogPushClientGone(ILogger logger, string reference);

    [LoggerMessage(21, LogLevel.Information, "push of {Reference} finished after its client went away")]
    private static partial void LogPushFinishedUnwatched(ILogger logger, string reference);

    [LoggerMessage(22, LogLevel.Warning, "push of {Reference} failed after its client went away")]
    private static partial void LogPushFailedUnwatched(ILogger logger, string reference, Exception exception);
}
