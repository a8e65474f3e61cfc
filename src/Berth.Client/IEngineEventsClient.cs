using Berth.Core.Engine;

namespace Berth.Client;

/// <summary>
/// berthd's EngineEvents service (<c>berth.containers.v1.EngineEvents</c>) in the client's namespace:
/// <see cref="IEngineEvents"/>'s subscription without the namespace argument.
/// </summary>
public interface IEngineEventsClient
{
    /// <summary>
    /// The stored events the query asks for, then the live ones, oldest first; the sequence ends at the query's
    /// until time and otherwise runs until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<EngineEvent> SubscribeAsync(EngineEventQuery query, CancellationToken cancellationToken = default);
}
