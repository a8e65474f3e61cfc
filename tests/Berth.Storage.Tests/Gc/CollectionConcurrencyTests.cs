using Berth.Core.Content;
using Berth.Core.Images;
using Berth.Oci;
using Berth.Storage.Tests.Metadata;

namespace Berth.Storage.Tests.Gc;

public sealed class CollectionConcurrencyTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Collect_WhileABlobIsCommittedButNotYetRecorded_WaitsAndKeepsIt()
    {
        await _fixture.Scope("a").Leases.CreateAsync("pull", null, Ct);
        var inBackend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fixture.Content.AfterCommit = async _ =>
        {
            inBackend.TrySetResult();
            await release.Task;
        };
        var content = _fixture.Scope("a", "pull").Content;
        await using var writer = await content.OpenWriterAsync(new ContentWriterOptions("racing"), Ct);
        await writer.WriteAsync("racing blob"u8.ToArray(), Ct);

        var commit = writer.CommitAsync(0, null, null, Ct).AsTask();
        await inBackend.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var collect = _fixture.Store.GarbageCollector.CollectAsync(Ct).AsTask();
        await Task.Delay(200, Ct);
        bool collectedDuringCommit = collect.IsCompleted;
        release.SetResult();
        await commit;
        await collect;

        Assert.False(collectedDuringCommit);
        var digest = MetadataFixture.DigestOf("racing blob");
        Assert.Contains(digest, _fixture.Content.Digests);
        Assert.Equal(11, (await content.InfoAsync(digest, Ct)).Size);
    }

    [Fact]
    public async Task StartAsync_SweepsBackendLeftoversOfACrash_AndKeepsRecordedObjects()
    {
        var kept = await GarbageCollectionTests.PullAsync(_fixture.Scope("a"));
        var orphanBlob = _fixture.Content.Add("no record points here"u8.ToArray());
        await _fixture.Snapshots.PrepareAsync("a/99/orphan-parent-key", null, null, Ct);
        await _fixture.Snapshots.CommitAsync("a/100/orphan-parent", "a/99/orphan-parent-key", null, Ct);
        await _fixture.Snapshots.PrepareAsync("a/101/orphan-child", "a/100/orphan-parent", null, Ct);
        await using (var stray = await _fixture.Content.OpenWriterAsync(new ContentWriterOptions("a/stray"), Ct))
        {
            await stray.WriteAsync("x"u8.ToArray(), Ct);
        }

        var store = await _fixture.ReopenAsync();
        var result = await store.StartAsync(Ct);

        Assert.Equal((1, 2, 1), (result.Content, result.Snapshots, result.Ingests));
        Assert.DoesNotContain(orphanBlob, _fixture.Content.Digests);
        Assert.Equal(kept.Select(d => d.ToString()).Order(), _fixture.Content.Digests.Select(d => d.ToString()).Order());
        Assert.Equal(2, _fixture.Snapshots.Keys.Count);
        Assert.Empty(_fixture.Content.IngestRefs);
    }

    [Fact]
    public async Task DeleteImage_AfterStart_IsCollectedInTheBackground()
    {
        await _fixture.Store.StartAsync(Ct);
        var scope = _fixture.Scope("a");
        var digest = await MetadataFixture.WriteAsync(scope.Content, "background");
        await scope.Images.CreateAsync(new Image("img", new Descriptor(MediaTypes.OciManifest, digest, 10)), Ct);
        await Task.Delay(300, Ct);
        Assert.Contains(digest, _fixture.Content.Digests);

        await scope.Images.DeleteAsync("img", synchronous: false, Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_fixture.Content.Digests.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Empty(_fixture.Content.Digests);
    }

    [Fact]
    public async Task Prepare_ConcurrentWithCollections_NeverLosesARecordedSnapshot()
    {
        await _fixture.Scope("a").Leases.CreateAsync("keep", null, Ct);
        var snapshots = _fixture.Scope("a", "keep").Snapshotter(MetadataFixture.Overlay);
        var collections = Task.Run(async () =>
        {
            for (int i = 0; i < 20; i++)
            {
                await _fixture.Store.GarbageCollector.CollectAsync(Ct);
            }
        }, Ct);

        for (int i = 0; i < 20; i++)
        {
            await snapshots.PrepareAsync($"k{i}", null, null, Ct);
        }

        await collections;
        await _fixture.Store.GarbageCollector.CollectAsync(Ct);

        Assert.Equal(20, (await snapshots.WalkAsync(null, Ct).ToListAsync(Ct)).Count);
        Assert.Equal(20, _fixture.Snapshots.Keys.Count);
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
