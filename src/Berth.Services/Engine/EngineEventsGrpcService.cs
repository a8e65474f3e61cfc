using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.EngineEvents;

namespace Berth.Services.Engine;

/// <summary>
/// berth's EngineEvents service (docker's events) over <see cref="IEngineEvents"/>, looked up per call as the engine
/// is: without a runtime there are no engine events, and the call says so.
/// </summary>
internal sealed class EngineEventsGrpcService : Rpc.EngineEventsBase
{
    public override async Task Subscribe(SubscribeEventsRequest request, IServerStreamWriter<EngineEventMessage> responseStream, ServerCallContext context)
    {
        string @namespace = CallScope.Namespace(context);
        var events = context.GetHttpContext().RequestServices.GetService<IEngineEvents>()
            ?? throw new UnavailableException("berthd has no container engine: the runtime plugin did not load; see berthd's log");
        // The headers go out at once, so a client knows it is subscribed before the first event comes.
        await context.WriteResponseHeadersAsync(new Metadata());
        await foreach (var published in events.SubscribeAsync(@namespace, request.ToCore(), context.CancellationToken))
        {
            await responseStream.WriteAsync(EngineEventMessage.FromCore(published), context.CancellationToken);
        }
    }
}
