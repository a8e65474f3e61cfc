using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Filters;

namespace Berth.Storage.Metadata;

/// <summary>
/// One namespace's container records (containerd's metadata/containers.go). Every container is a collection root
/// (<see cref="ResourceGraph"/>): it keeps its snapshot and what its <c>containerd.io/gc.ref.*</c> labels name.
/// </summary>
internal sealed partial class ContainerStore(MetadataStore store, string @namespace) : IContainerStore
{
    public ValueTask<Container> GetAsync(string id, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(store.Database.Read(c => ContainerRows.Find(c, null, @namespace, id)) ?? throw NotFound(id));

    public IAsyncEnumerable<Container> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var containers = store.Database.Read(c => ContainerRows.All(c, @namespace));
        return containers.Where(container => filter.Match(path => Lookup(container, path))).ToAsyncEnumerable();
    }

    public ValueTask<Container> CreateAsync(Container container, CancellationToken cancellationToken = default)
    {
        var now = store.Now();
        var created = WithoutEmptyLabels(container) with { CreatedAt = now, UpdatedAt = now };
        Validate(created);
        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            if (ContainerRows.Find(c, t, @namespace, created.Id) is not null)
            {
                throw new AlreadyExistsException(
                    $"container {created.Id} already exists in namespace {@namespace}: pick another id, or delete it first");
            }

            ContainerRows.Write(c, t, @namespace, created);
        });
        return ValueTask.FromResult(created);
    }

    /// <summary>Deletes the record; what only the container kept (its snapshot, if the client left it) goes at the next
    /// collection.</summary>
    public ValueTask DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!store.Database.Write((c, t) => ContainerRows.Delete(c, t, @namespace, id)))
        {
            throw NotFound(id);
        }

        store.ScheduleCollection();
        return ValueTask.CompletedTask;
    }

    /// <summary>containerd's adaptor: an empty id, image or runtime name counts as absent.</summary>
    private static string? Lookup(Container container, IReadOnlyList<string> path) => path switch
    {
        ["id"] => NullIfEmpty(container.Id),
        ["image"] => NullIfEmpty(container.Image),
        ["runtime", "name"] => NullIfEmpty(container.Runtime.Name),
        ["labels", ..] => FieldLookups.FromMap(path, 1, container.Labels),
        _ => null,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private NotFoundException NotFound(string id) => new($"container {id} not found in namespace {@namespace}");
}
