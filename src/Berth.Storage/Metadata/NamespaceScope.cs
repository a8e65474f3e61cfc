using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Core.Snapshots;

namespace Berth.Storage.Metadata;

/// <summary>The stores of one namespace, all writing through to the same <see cref="MetadataStore"/>.</summary>
internal sealed class NamespaceScope : INamespaceScope
{
    private readonly MetadataStore _store;
    private readonly Lazy<IDiffService> _diff;
    private readonly Dictionary<string, NamespacedSnapshotter> _snapshotters = new(StringComparer.Ordinal);

    public NamespaceScope(MetadataStore store, string @namespace, string? lease, Func<IContentStore, IDiffService> diffFactory)
    {
        _store = store;
        Namespace = @namespace;
        Lease = lease;
        var content = new NamespacedContentStore(store, @namespace, lease);
        Content = content;
        Images = new ImageStore(store, @namespace);
        Containers = new ContainerStore(store, @namespace);
        Leases = new LeaseManager(store, @namespace);
        _diff = new Lazy<IDiffService>(() => diffFactory(content));
    }

    public string Namespace { get; }

    public string? Lease { get; }

    public IContentStore Content { get; }

    public IImageStore Images { get; }

    public IContainerStore Containers { get; }

    public ILeaseManager Leases { get; }

    public IDiffService Diff => _diff.Value;

    public ISnapshotter Snapshotter(string name)
    {
        lock (_snapshotters)
        {
            if (_snapshotters.TryGetValue(name, out var existing))
            {
                return existing;
            }

            if (!_store.BackendSnapshotters.TryGetValue(name, out var backend))
            {
                throw new NotFoundException(
                    $"snapshotter {name} does not exist: use one of {string.Join(", ", _store.Snapshotters)}");
            }

            var snapshotter = new NamespacedSnapshotter(_store, Namespace, Lease, name, backend);
            _snapshotters.Add(name, snapshotter);
            return snapshotter;
        }
    }
}
