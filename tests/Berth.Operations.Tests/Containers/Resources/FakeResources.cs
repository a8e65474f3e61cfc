using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Tests.Containers.Resources;

/// <summary>Scripted top tables and stats readings (each container's readings in turn, the last repeated), and the updates asked for.</summary>
internal sealed class FakeResources : IContainerResourcesClient
{
    private readonly Dictionary<string, Queue<ContainerStatsSample>> _readings = [];

    public Dictionary<string, ProcessTable> Tables { get; } = [];

    public List<(string Container, ResourceUpdate Update)> Updates { get; } = [];

    public HashSet<string> Refused { get; } = [];

    public void AddReadings(string container, params ContainerStatsSample[] samples) => _readings[container] = new Queue<ContainerStatsSample>(samples);

    public ValueTask<ProcessTable> TopAsync(string container, IReadOnlyList<string> psArgs, CancellationToken cancellationToken = default)
        => Tables.TryGetValue(container, out var table) ? ValueTask.FromResult(table) : throw new NotFoundException($"No such container: {container}");

    public ValueTask<ContainerStatsSample> StatsAsync(string container, CancellationToken cancellationToken = default)
    {
        var queue = _readings.FirstOrDefault(r => r.Key == container || r.Value.Peek().Id == container || r.Value.Peek().Name == container).Value
            ?? throw new NotFoundException($"No such container: {container}");
        return ValueTask.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public ValueTask UpdateAsync(string container, ResourceUpdate update, CancellationToken cancellationToken = default)
    {
        if (Refused.Contains(container))
        {
            throw new NotFoundException($"No such container: {container}");
        }

        Updates.Add((container, update));
        return ValueTask.CompletedTask;
    }
}
