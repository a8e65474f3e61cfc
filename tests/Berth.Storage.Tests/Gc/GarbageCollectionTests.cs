using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Metadata;
using Berth.Oci;
using Berth.Storage.Tests.Metadata;

namespace Berth.Storage.Tests.Gc;

/// <summary>Collections over an image graph built as a pull and unpack would build it.</summary>
public sealed class GarbageCollectionTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// manifest -(gc.ref.content.config / .l.0 / .l.1)-> config, layer0, layer1; config -(gc.ref.snapshot.overlayfs)-> chain2;
    /// chain2 -(parent)-> chain1. Returns the digests in that order.
    /// </summary>
    internal static async Task<Digest[]> PullAsync(INamespaceScope scope, string name = "docker.io/library/app:1", bool withImage = true)
    {
        var snapshots = scope.Snapshotter(MetadataFixture.Overlay);
        await snapshots.PrepareAsync("extract-1", null, null, Ct);
        await snapshots.CommitAsync("chain1", "extract-1", null, Ct);
        await snapshots.PrepareAsync("extract-2", "chain1", null, Ct);
        await snapshots.CommitAsync("chain2", "extract-2", null, Ct);

        var layer0 = await WriteOrAdoptAsync(scope, "layer 0", null);
        var layer1 = await WriteOrAdoptAsync(scope, "layer 1", null);
        var config = await WriteOrAdoptAsync(scope, "config",
            new Dictionary<string, string> { ["containerd.io/gc.ref.snapshot.overlayfs"] = "chain2" });
        var manifest = await WriteOrAdoptAsync(scope, "manifest", new Dictionary<string, string>
        {
            ["containerd.io/gc.ref.content.config"] = config.ToString(),
            ["containerd.io/gc.ref.content.l.0"] = layer0.ToString(),
            ["containerd.io/gc.ref.content.l.1"] = layer1.ToString(),
        });
        if (withImage)
        {
            await scope.Images.CreateAsync(new Image(name, new Descriptor(MediaTypes.OciManifest, manifest, 8)), Ct);
        }

        return [manifest, config, layer0, layer1];
    }

    private static async Task<Digest> WriteOrAdoptAsync(INamespaceScope scope, string text, IReadOnlyDictionary<string, string>? labels)
    {
        try
        {
            return await MetadataFixture.WriteAsync(scope.Content, text, labels);
        }
        catch (AlreadyExistsException)
        {
            var digest = MetadataFixture.DigestOf(text);
            var info = await scope.Content.InfoAsync(digest, Ct);
            await scope.Content.UpdateAsync(info with { Labels = labels ?? info.Labels }, null, Ct);
            return digest;
        }
    }

    [Fact]
    public async Task Collect_ImageReferencesEverything_RemovesNothing()
    {
        var digests = await PullAsync(_fixture.Scope("a"));

        var result = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((0, 0, 0, 0), (result.Content, result.Snapshots, result.Ingests, result.Leases));
        Assert.Equal(digests.Select(d => d.ToString()).Order(), _fixture.Content.Digests.Select(d => d.ToString()).Order());
        Assert.Equal(2, _fixture.Snapshots.Keys.Count);
    }

    [Fact]
    public async Task DeleteImage_Synchronous_RemovesEveryRecordBlobAndSnapshot()
    {
        var scope = _fixture.Scope("a");
        var digests = await PullAsync(scope);

        await scope.Images.DeleteAsync("docker.io/library/app:1", synchronous: true, Ct);

        Assert.Empty(await scope.Content.WalkAsync(null, Ct).ToListAsync(Ct));
        Assert.Empty(await scope.Snapshotter(MetadataFixture.Overlay).WalkAsync(null, Ct).ToListAsync(Ct));
        Assert.Empty(_fixture.Content.Digests);
        Assert.Empty(_fixture.Snapshots.Keys);
        Assert.True(_fixture.Snapshots.Cleanups > 0);
        Assert.Equal(4, digests.Length);
    }

    [Fact]
    public async Task Collect_ReportsWhatItRemoved()
    {
        var scope = _fixture.Scope("a");
        await PullAsync(scope);
        await scope.Images.DeleteAsync("docker.io/library/app:1", false, Ct);

        var result = await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal((4, 2, 0, 0), (result.Content, result.Snapshots, result.Ingests, result.Leases));
    }

    [Fact]
    public async Task DeleteImage_SameContentInAnotherNamespace_KeepsTheSharedBlobs()
    {
        await PullAsync(_fixture.Scope("a"));
        var digests = await PullAsync(_fixture.Scope("b"));

        await _fixture.Scope("a").Images.DeleteAsync("docker.io/library/app:1", synchronous: true, Ct);

        Assert.Equal(digests.Select(d => d.ToString()).Order(), _fixture.Content.Digests.Select(d => d.ToString()).Order());
        Assert.Empty(await _fixture.Scope("a").Content.WalkAsync(null, Ct).ToListAsync(Ct));
        Assert.Equal(4, (await _fixture.Scope("b").Content.WalkAsync(null, Ct).ToListAsync(Ct)).Count);
        Assert.All(_fixture.Snapshots.Keys, key => Assert.StartsWith("b/", key));
    }

    [Fact]
    public async Task Collect_ContentAndSnapshotLabelledGcRoot_AreKept()
    {
        var scope = _fixture.Scope("a");
        var root = new Dictionary<string, string> { ["containerd.io/gc.root"] = "keep" };
        var kept = await MetadataFixture.WriteAsync(scope.Content, "kept", root);
        await MetadataFixture.WriteAsync(scope.Content, "dropped");
        var snapshots = scope.Snapshotter(MetadataFixture.Overlay);
        await snapshots.PrepareAsync("kept-snapshot", null, root, Ct);
        await snapshots.PrepareAsync("dropped-snapshot", null, null, Ct);

        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal([kept], _fixture.Content.Digests);
        Assert.Equal(["kept-snapshot"], (await snapshots.WalkAsync(null, Ct).ToListAsync(Ct)).Select(s => s.Name));
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
