using System.Runtime.CompilerServices;
using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Services.Tests.Containers;

/// <summary>Container records in a dictionary, recording what the service passed; the rules live in the SQLite store.</summary>
internal sealed class InMemoryContainerStore(DateTimeOffset now) : IContainerStore
{
    private readonly Dictionary<string, Container> _containers = new(StringComparer.Ordinal);

    public IReadOnlyList<string>? LastFilters { get; private set; }

    public IReadOnlyList<string>? LastFieldPaths { get; private set; }

    public ValueTask<Container> GetAsync(string id, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_containers.TryGetValue(id, out var container) ? container : throw new NotFoundException($"container {id} not found"));

    public async IAsyncEnumerable<Container> ListAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastFilters = filters;
        await Task.Yield();
        foreach (var container in _containers.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            yield return container;
        }
    }

    public ValueTask<Container> CreateAsync(Container container, CancellationToken cancellationToken = default)
    {
        if (_containers.ContainsKey(container.Id))
        {
            throw new AlreadyExistsException($"container {container.Id} already exists");
        }

        var created = container with { CreatedAt = now, UpdatedAt = now };
        _containers.Add(container.Id, created);
        return ValueTask.FromResult(created);
    }

    public ValueTask<Container> UpdateAsync(Container container, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        LastFieldPaths = fieldPaths;
        var current = _containers.TryGetValue(container.Id, out var found) ? found : throw new NotFoundException($"container {container.Id} not found");
        var updated = current with { Labels = container.Labels, UpdatedAt = now.AddSeconds(1) };
        _containers[container.Id] = updated;
        return ValueTask.FromResult(updated);
    }

    public ValueTask DeleteAsync(string id, CancellationToken cancellationToken = default)
        => _containers.Remove(id) ? ValueTask.CompletedTask : throw new NotFoundException($"container {id} not found");
}
