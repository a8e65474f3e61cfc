using Berth.Core.Content;
using Berth.Linux;
using Berth.Storage.Content.Local;
using Berth.Storage.Metadata;
using Berth.Storage.Tests.Metadata.Fakes;
using Berth.Testing.Content;

namespace Berth.Storage.Tests.Metadata;

/// <summary>The content-store conformance suite against a namespace's view, over the real local store.</summary>
public sealed class NamespacedContentStoreConformanceTests : ContentStoreConformanceTests
{
    private MetadataStore? _metadata;

    protected override async ValueTask<IContentStore> CreateStoreAsync(string root)
    {
        var backend = await LocalContentStore.OpenAsync(Path.Combine(root, "content"), LinuxSyscalls.Instance);
        _metadata = new MetadataStore(Path.Combine(root, MetadataStore.FileName), backend,
            new Dictionary<string, Core.Snapshots.ISnapshotter>(), content => new RecordingDiffService(content));
        return _metadata.ForNamespace("conformance").Content;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_metadata is not null)
        {
            await _metadata.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
