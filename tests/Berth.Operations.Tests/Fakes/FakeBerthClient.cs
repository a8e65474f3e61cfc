using Berth.Client;
using Berth.Core.Images;
using Berth.Core.Namespaces;
using Berth.Core.Plugins;
using Berth.Core.Snapshots;

namespace Berth.Operations.Tests.Fakes;

/// <summary>A client over in-memory stores: images, blobs, snapshot usage, and a scripted transfer.</summary>
internal sealed class FakeBerthClient : IBerthClient
{
    public string Address => "/fake/berthd.sock";

    public string Namespace => "default";

    public INamespaceStore Namespaces => throw new NotSupportedException();

    public FakeImageStore ImageStore { get; } = new();

    public IImageStore Images => ImageStore;

    public ITaskClient Tasks => throw new NotSupportedException();

    public FakeEngine EngineFake { get; } = new();

    public IContainerEngineClient Engine => EngineFake;

    public FakeVolumes VolumeFake { get; } = new();

    public IVolumeClient Volumes => VolumeFake;

    public FakeEvents EventsFake { get; } = new();

    public IEngineEventsClient Events => EventsFake;

    public FakeFiles FilesFake { get; } = new();

    public IContainerFilesClient Files => FilesFake;

    public Containers.Resources.FakeResources ResourcesFake { get; } = new();

    public IContainerResourcesClient Resources => ResourcesFake;

    public FakeChanges ChangesFake { get; } = new();

    public IContainerChangesClient Changes => ChangesFake;

    public FakeContent Blobs { get; } = new();

    public IContentClient Content => Blobs;

    public FakeTransfer Transfers { get; } = new();

    public IImageTransferClient Transfer => Transfers;

    public FakeArchives ArchiveClient { get; } = new();

    public IImageArchiveClient Archives => ArchiveClient;

    /// <summary>Snapshot usage by snapshotter and key: what an unpacked image occupies.</summary>
    public Dictionary<(string Snapshotter, string Key), long> Usage { get; } = [];

    public ISnapshotter Snapshotter(string name) => new FakeSnapshotter(this, name);

    public IBerthClient WithNamespace(string @namespace) => throw new NotSupportedException();

    public ValueTask<ServerVersion> VersionAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new ServerVersion("v0.1.0", "test"));

    public ValueTask<string> ServerUuidAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("uuid");

    public ValueTask<IReadOnlyList<PluginInfo>> PluginsAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<PluginInfo>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
