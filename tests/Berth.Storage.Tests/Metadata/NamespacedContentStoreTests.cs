using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Storage.Tests.Metadata;

public sealed class NamespacedContentStoreTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_InOneNamespace_IsInvisibleInAnother()
    {
        var digest = await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "only in a");

        Assert.Equal(9, (await _fixture.Scope("a").Content.InfoAsync(digest, Ct)).Size);
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Content.InfoAsync(digest, Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Content.OpenReadAsync(digest, Ct).AsTask());
        Assert.Empty(await _fixture.Scope("b").Content.WalkAsync(null, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task OpenWriter_DigestAnotherNamespaceHas_AddsRecordAndThrowsAlreadyExists()
    {
        var digest = await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "shared bytes");
        var b = _fixture.Scope("b").Content;

        await Assert.ThrowsAsync<AlreadyExistsException>(() => b.OpenWriterAsync(
            new ContentWriterOptions("pull") { ExpectedDigest = digest, ExpectedSize = 12 }, Ct).AsTask());

        Assert.Equal(12, (await b.InfoAsync(digest, Ct)).Size);
        Assert.Equal("shared bytes", System.Text.Encoding.UTF8.GetString(await b.ReadAllBytesAsync(digest, Ct)));
        Assert.Empty(_fixture.Content.IngestRefs);
    }

    [Fact]
    public async Task OpenWriter_DigestSameNamespaceHas_ThrowsAlreadyExists()
    {
        var a = _fixture.Scope("a").Content;
        var digest = await MetadataFixture.WriteAsync(a, "twice");

        await Assert.ThrowsAsync<AlreadyExistsException>(() => MetadataFixture.WriteAsync(a, "twice"));
    }

    [Fact]
    public async Task Commit_ContentTheBackendHasWithoutDigestUpFront_RecordsItAndThrowsAlreadyExists()
    {
        await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "again");
        var b = _fixture.Scope("b").Content;
        await using var writer = await b.OpenWriterAsync(new ContentWriterOptions("blind"), Ct);
        await writer.WriteAsync("again"u8.ToArray(), Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => writer.CommitAsync(5, null, null, Ct).AsTask());

        Assert.Equal(5, (await b.InfoAsync(MetadataFixture.DigestOf("again"), Ct)).Size);
        await Assert.ThrowsAsync<NotFoundException>(() => b.StatusAsync("blind", Ct).AsTask());
    }

    [Fact]
    public async Task Commit_WithLabels_StoresThemOnThisNamespacesRecordOnly()
    {
        var labels = new Dictionary<string, string> { ["containerd.io/gc.root"] = "yes" };
        var digest = await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "labelled", labels);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => MetadataFixture.WriteAsync(_fixture.Scope("b").Content, "labelled"));

        Assert.Equal("yes", (await _fixture.Scope("a").Content.InfoAsync(digest, Ct)).Labels["containerd.io/gc.root"]);
        Assert.Empty((await _fixture.Scope("b").Content.InfoAsync(digest, Ct)).Labels);
    }

    [Fact]
    public async Task Commit_WrongDigest_ThrowsAndKeepsTheIngest()
    {
        var content = _fixture.Scope("a").Content;
        await using var writer = await content.OpenWriterAsync(new ContentWriterOptions("bad"), Ct);
        await writer.WriteAsync("abc"u8.ToArray(), Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(
            () => writer.CommitAsync(3, MetadataFixture.DigestOf("xyz"), null, Ct).AsTask());

        Assert.Equal(3, (await content.StatusAsync("bad", Ct)).Offset);
    }

    [Fact]
    public async Task Ingests_AreNamespacedOnTheBackendAndShownWithTheCallersRef()
    {
        var a = _fixture.Scope("a").Content;
        var b = _fixture.Scope("b").Content;
        await using (var writer = await a.OpenWriterAsync(new ContentWriterOptions("layer/1") { ExpectedSize = 10 }, Ct))
        {
            await writer.WriteAsync("12345"u8.ToArray(), Ct);
            Assert.Equal("layer/1", (await writer.StatusAsync(Ct)).Ref);
        }

        await using (var other = await b.OpenWriterAsync(new ContentWriterOptions("layer/1"), Ct))
        {
            await other.WriteAsync("x"u8.ToArray(), Ct);
        }

        var status = await a.StatusAsync("layer/1", Ct);
        Assert.Equal(("layer/1", 5L, 10L), (status.Ref, status.Offset, status.Total));
        Assert.Equal(["layer/1"], (await a.ListStatusesAsync(null, Ct).ToListAsync(Ct)).Select(s => s.Ref));
        Assert.Equal(2, _fixture.Content.IngestRefs.Count);
        Assert.Contains("a/layer%2F1", _fixture.Content.IngestRefs);
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("c").Content.StatusAsync("layer/1", Ct).AsTask());
    }

    [Fact]
    public async Task OpenWriter_SameRefAgain_ResumesAtTheOffset()
    {
        var content = _fixture.Scope("a").Content;
        await using (var first = await content.OpenWriterAsync(new ContentWriterOptions("resume"), Ct))
        {
            await first.WriteAsync("hello "u8.ToArray(), Ct);
        }

        await using var second = await content.OpenWriterAsync(new ContentWriterOptions("resume"), Ct);
        Assert.Equal(6, (await second.StatusAsync(Ct)).Offset);
        await second.WriteAsync("world"u8.ToArray(), Ct);
        await second.CommitAsync(11, MetadataFixture.DigestOf("hello world"), null, Ct);

        Assert.Equal(11, (await content.InfoAsync(MetadataFixture.DigestOf("hello world"), Ct)).Size);
    }

    [Fact]
    public async Task Abort_OtherNamespacesIngest_ThrowsNotFoundAndLeavesIt()
    {
        await using (var writer = await _fixture.Scope("a").Content.OpenWriterAsync(new ContentWriterOptions("mine"), Ct))
        {
            await writer.WriteAsync("x"u8.ToArray(), Ct);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Content.AbortAsync("mine", Ct).AsTask());
        await _fixture.Scope("a").Content.AbortAsync("mine", Ct);

        Assert.Empty(_fixture.Content.IngestRefs);
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("a").Content.StatusAsync("mine", Ct).AsTask());
    }

    [Fact]
    public async Task OpenWriter_EmptyRef_ThrowsInvalidArgument()
        => await Assert.ThrowsAsync<InvalidArgumentException>(
            () => _fixture.Scope("a").Content.OpenWriterAsync(new ContentWriterOptions(""), Ct).AsTask());

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
