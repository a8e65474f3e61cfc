using System.Runtime.CompilerServices;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Grpc.Core;
using Rpc = Berth.Api.Containers.V1.EngineEvents;

namespace Berth.Client.Proxies;

/// <summary><see cref="IEngineEventsClient"/> over berth's EngineEvents service.</summary>
internal sealed class EngineEventsProxy(Rpc.EngineEventsClient client) : IEngineEventsClient
{
    public async IAsyncEnumerable<EngineEvent> SubscribeAsync(EngineEventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = client.Subscribe(SubscribeEventsRequest.FromCore(query), cancellationToken: cancellationToken);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return message.ToCore();
        }
    }
}
