using Berth.Core.Images;
using Berth.Core.Namespaces;
using Berth.Core.Plugins;
using Berth.Core.Snapshots;

namespace Berth.Client;

/// <summary>A connection to berthd (or containerd), bound to one namespace. Cheap to re-bind with <see cref="WithNamespace"/>.</summary>
public interface IBerthClient : IAsyncDisposable
{
    /// <summary>The socket this client talks to.</summary>
    string Address { get; }

    /// <summary>The namespace calls are made in.</summary>
    string Namespace { get; }

    /// <summary>The daemon's namespaces.</summary>
    INamespaceStore Namespaces { get; }

    /// <summary>The images of <see cref="Namespace"/>.</summary>
    IImageStore Images { get; }

    /// <summary>The tasks (running containers) of <see cref="Namespace"/>.</summary>
    ITaskClient Tasks { get; }

    /// <summary>berthd's container engine (docker's containers: names, logs, attach, restart policies) in <see cref="Namespace"/>.</summary>
    IContainerEngineClient Engine { get; }

    /// <summary>berthd's volumes in <see cref="Namespace"/>.</summary>
    IVolumeClient Volumes { get; }

    /// <summary>berthd's engine events (docker events) in <see cref="Namespace"/>.</summary>
    IEngineEventsClient Events { get; }

    /// <summary>The files of berthd's containers in <see cref="Namespace"/>, as tar streams (cp, export).</summary>
    IContainerFilesClient Files { get; }

    /// <summary>berthd's view of containers' processes, usage and limits (top, stats, update) in <see cref="Namespace"/>.</summary>
    IContainerResourcesClient Resources { get; }

    /// <summary>berthd's container changes (docker diff and commit) in <see cref="Namespace"/>.</summary>
    IContainerChangesClient Changes { get; }

    /// <summary>The blobs of <see cref="Namespace"/>.</summary>
    IContentClient Content { get; }

    /// <summary>berthd's image transfers (pull, login), in <see cref="Namespace"/>.</summary>
    IImageTransferClient Transfer { get; }

    /// <summary>berthd's archive transfers (save, load, import), in <see cref="Namespace"/>.</summary>
    IImageArchiveClient Archives { get; }

    /// <summary>The snapshots of <see cref="Namespace"/> in the snapshotter named <paramref name="name"/> (such as <c>overlayfs</c>).</summary>
    ISnapshotter Snapshotter(string name);

    /// <summary>The same connection, bound to another namespace.</summary>
    IBerthClient WithNamespace(string @namespace);

    /// <summary>The daemon's version.</summary>
    ValueTask<ServerVersion> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The daemon's identity (Introspection.Server).</summary>
    ValueTask<string> ServerUuidAsync(CancellationToken cancellationToken = default);

    /// <summary>The daemon's plugins, optionally filtered (<c>type==io.containerd.snapshotter.v1</c>).</summary>
    ValueTask<IReadOnlyList<PluginInfo>> PluginsAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);
}
