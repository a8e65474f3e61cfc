using System.Runtime.CompilerServices;
using Berth.Client;
using Berth.Core.Engine;

namespace Berth.Operations.Tests.Fakes;

/// <summary>Engine events a test scripts: every subscription gets <see cref="Stored"/>, and the query it was made with is kept.</summary>
internal sealed class FakeEvents : IEngineEventsClient
{
    public List<EngineEvent> Stored { get; } = [];

    public List<EngineEventQuery> Queries { get; } = [];

    public async IAsyncEnumerable<EngineEvent> SubscribeAsync(EngineEventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        foreach (var stored in Stored)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return stored;
        }
    }
}
