using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Core.Namespaces;
using Berth.Core.Snapshots;

namespace Berth.Services.Tests.TestHosting;

/// <summary>
/// Hands out scopes that know their namespace and nothing else: for services that only pass the scope on to the seam
/// behind them (transfer, engine), whose fakes read the namespace.
/// </summary>
internal sealed class ScopeOnlyMetadataStore : IMetadataStore
{
    public INamespaceStore Namespaces => throw new NotSupportedException();

    public IReadOnlyList<string> Snapshotters => ["overlayfs"];

    public IGarbageCollector GarbageCollector => throw new NotSupportedException();

    public INamespaceScope ForNamespace(string @namespace, string? lease = null) => new Scope(@namespace, lease);

    private sealed record Scope(string Namespace, string? Lease) : INamespaceScope
    {
        public IContentStore Content => throw new NotSupportedException();

        public IImageStore Images => throw new NotSupportedException();

        public Core.Containers.IContainerStore Containers => throw new NotSupportedException();

        public ILeaseManager Leases => throw new NotSupportedException();

        public IDiffService Diff => throw new NotSupportedException();

        public ISnapshotter Snapshotter(string name) => throw new NotSupportedException();
    }
}
