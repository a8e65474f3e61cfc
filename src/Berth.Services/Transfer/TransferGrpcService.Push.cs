using Berth.Api.Images.V1;
using Berth.Services.Grpc;
using Grpc.Core;

namespace Berth.Services.Transfer;

internal sealed partial class TransferGrpcService
{
    // As Pull: the push belongs to the daemon; when the client goes away the service keeps draining its progress.
    public override async Task Push(PushRequest request, IServerStreamWriter<PullProgress> responseStream, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var push = request.ToCore();
        await RelayAsync("push", push.Reference, transfer.PushAsync(scope, push, CancellationToken.None), responseStream, context);
    }
}
