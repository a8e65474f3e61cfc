using Berth.Core.Namespaces;

namespace Berth.Core.Metadata;

/// <summary>
/// The daemon's metadata: namespaces and, per namespace, content, images, leases and snapshots. The gRPC layer
/// resolves the tenant (and the lease) of a request once and hands the scope down; nothing below reads ambient state.
/// </summary>
public interface IMetadataStore
{
    /// <summary>The namespaces.</summary>
    INamespaceStore Namespaces { get; }

    /// <summary>The snapshotter names configured, the default first.</summary>
    IReadOnlyList<string> Snapshotters { get; }

    /// <summary>Garbage collection over every namespace.</summary>
    IGarbageCollector GarbageCollector { get; }

    /// <summary>
    /// The stores of one namespace; InvalidArgument if the name is not an identifier. Writes create the namespace
    /// when it does not exist. Resources written through a scope with a <paramref name="lease"/> are attached to it.
    /// </summary>
    INamespaceScope ForNamespace(string @namespace, string? lease = null);
}
