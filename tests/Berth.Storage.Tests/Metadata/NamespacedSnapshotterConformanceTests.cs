using System.Runtime.Versioning;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Content.Local;
using Berth.Storage.Metadata;
using Berth.Storage.Snapshots.Overlay;
using Berth.Storage.Tests.Metadata.Fakes;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Metadata;

/// <summary>The snapshotter conformance suite against a namespace's view, over the real overlayfs backend.</summary>
[SupportedOSPlatform("linux")]
public sealed class NamespacedSnapshotterConformanceTests : SnapshotterConformanceTests
{
    private readonly List<MetadataStore> _stores = [];

    protected override async ValueTask<ISnapshotter> CreateSnapshotterAsync(string root)
    {
        var backend = await OverlaySnapshotter.OpenAsync(Path.Combine(root, "overlayfs"), LinuxSyscalls.Instance, cancellationToken: Token);
        var content = await LocalContentStore.OpenAsync(Path.Combine(root, "content"), LinuxSyscalls.Instance, cancellationToken: Token);
        var metadata = new MetadataStore(Path.Combine(root, MetadataStore.FileName), content,
            new Dictionary<string, ISnapshotter> { ["overlayfs"] = backend }, c => new RecordingDiffService(c));
        _stores.Add(metadata);
        return metadata.ForNamespace("conformance").Snapshotter("overlayfs");
    }

    protected override void DisposeSnapshotters()
    {
        foreach (var store in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
