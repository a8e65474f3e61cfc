using Berth.Core.Errors;
using Berth.Storage.Metadata;
using Berth.Storage.Sqlite;
using Berth.Storage.Tests.Metadata.Fakes;

namespace Berth.Storage.Tests.Metadata;

public sealed class MetadataStoreTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Snapshotters_KeepTheConfiguredOrder()
        => Assert.Equal([MetadataFixture.Overlay, MetadataFixture.Native], _fixture.Store.Snapshotters);

    [Fact]
    public void Diff_IsMadeOverTheNamespacesContent()
    {
        var scope = _fixture.Scope("a");

        var diff = Assert.IsType<RecordingDiffService>(scope.Diff);

        Assert.Same(scope.Content, diff.Content);
    }

    [Fact]
    public async Task Reopen_KeepsEveryRecord()
    {
        var scope = _fixture.Scope("a");
        var digest = await MetadataFixture.WriteAsync(scope.Content, "persisted");
        await scope.Leases.CreateAsync("l", null, Ct);
        await scope.Snapshotter(MetadataFixture.Overlay).PrepareAsync("k", null, null, Ct);

        var store = await _fixture.ReopenAsync();

        var reopened = store.ForNamespace("a");
        Assert.Equal(9, (await reopened.Content.InfoAsync(digest, Ct)).Size);
        Assert.Single(await reopened.Leases.ListAsync(null, Ct).ToListAsync(Ct));
        Assert.Equal(Core.Snapshots.SnapshotKind.Active, (await reopened.Snapshotter(MetadataFixture.Overlay).StatAsync("k", Ct)).Kind);
    }

    [Fact]
    public async Task Construct_WithDatabaseOfAnotherSchema_ThrowsFailedPrecondition()
    {
        using var directory = new Testing.TempDirectory("schema");
        // One migration more than the store knows, whatever its count.
        var database = SqliteDatabase.Open(directory.Combine("other.db"),
            ["CREATE TABLE unrelated (x INTEGER);", .. Enumerable.Repeat("SELECT 1;", MetadataSchema.Migrations.Count)]);

        Assert.Throws<FailedPreconditionException>(() => new MetadataStore(database, _fixture.Content,
            new Dictionary<string, Core.Snapshots.ISnapshotter>(), c => new RecordingDiffService(c)));
        await Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
