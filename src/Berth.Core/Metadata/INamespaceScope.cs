using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Snapshots;

namespace Berth.Core.Metadata;

/// <summary>The stores of one namespace, optionally bound to a lease.</summary>
public interface INamespaceScope
{
    /// <summary>The namespace.</summary>
    string Namespace { get; }

    /// <summary>The lease new resources are attached to, if any.</summary>
    string? Lease { get; }

    /// <summary>The namespace's view of the content store.</summary>
    IContentStore Content { get; }

    /// <summary>The namespace's images.</summary>
    IImageStore Images { get; }

    /// <summary>The namespace's containers.</summary>
    IContainerStore Containers { get; }

    /// <summary>The namespace's leases.</summary>
    ILeaseManager Leases { get; }

    /// <summary>Applies and computes layers with this namespace's content.</summary>
    IDiffService Diff { get; }

    /// <summary>The namespace's view of a snapshotter; NotFound if no snapshotter has that name.</summary>
    ISnapshotter Snapshotter(string name);
}
