using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Storage.Tests.Metadata;

public sealed class ContentLabelsTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Update_LabelFieldPaths_SetsAndRemovesSingleLabels()
    {
        var content = _fixture.Scope("a").Content;
        var digest = await MetadataFixture.WriteAsync(content, "x", new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" });
        var info = await content.InfoAsync(digest, Ct);

        var updated = await content.UpdateAsync(info with { Labels = new Dictionary<string, string> { ["new"] = "3" } },
            ["labels.new", "labels.drop"], Ct);

        var expected = new Dictionary<string, string> { ["keep"] = "1", ["new"] = "3" };
        Assert.Equal(expected, updated.Labels);
        Assert.Equal(expected, (await content.InfoAsync(digest, Ct)).Labels);
    }

    [Fact]
    public async Task Update_NoFieldPaths_ReplacesAllLabels()
    {
        var content = _fixture.Scope("a").Content;
        var digest = await MetadataFixture.WriteAsync(content, "x", new Dictionary<string, string> { ["old"] = "1" });
        var info = await content.InfoAsync(digest, Ct);

        await content.UpdateAsync(info with { Labels = new Dictionary<string, string> { ["only"] = "2" } }, null, Ct);

        Assert.Equal(["only"], (await content.InfoAsync(digest, Ct)).Labels.Keys);
    }

    [Fact]
    public async Task Update_SizeFieldPath_ThrowsInvalidArgument()
    {
        var content = _fixture.Scope("a").Content;
        var info = await content.InfoAsync(await MetadataFixture.WriteAsync(content, "x"), Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => content.UpdateAsync(info with { Size = 99 }, ["size"], Ct).AsTask());
    }

    [Fact]
    public async Task Update_OtherNamespacesBlob_ThrowsNotFound()
    {
        var info = await _fixture.Scope("a").Content.InfoAsync(await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "x"), Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("b").Content.UpdateAsync(info, null, Ct).AsTask());
    }

    [Fact]
    public async Task Commit_OversizedLabel_ThrowsInvalidArgument()
    {
        var labels = new Dictionary<string, string> { ["big"] = new string('v', 5000) };

        await Assert.ThrowsAsync<InvalidArgumentException>(() => MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "x", labels));
    }

    [Fact]
    public async Task Walk_Filters_MatchDigestAndLabels()
    {
        var content = _fixture.Scope("a").Content;
        var first = await MetadataFixture.WriteAsync(content, "1", new Dictionary<string, string> { ["kind"] = "config" });
        var second = await MetadataFixture.WriteAsync(content, "2", new Dictionary<string, string> { ["kind"] = "layer" });

        Assert.Equal([second], await Digests(content, "labels.kind==layer"));
        Assert.Equal([first], await Digests(content, $"digest=={first}"));
        Assert.Equal(2, (await Digests(content, "labels.kind")).Count);
        Assert.Equal(2, (await Digests(content, "labels.kind==config", "labels.kind==layer")).Count);
    }

    [Fact]
    public async Task Delete_RemovesOnlyThisNamespacesRecord()
    {
        var digest = await MetadataFixture.WriteAsync(_fixture.Scope("a").Content, "both");
        await Assert.ThrowsAsync<AlreadyExistsException>(() => MetadataFixture.WriteAsync(_fixture.Scope("b").Content, "both"));

        await _fixture.Scope("a").Content.DeleteAsync(digest, Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("a").Content.InfoAsync(digest, Ct).AsTask());
        Assert.Equal(4, (await _fixture.Scope("b").Content.InfoAsync(digest, Ct)).Size);
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("a").Content.DeleteAsync(digest, Ct).AsTask());
    }

    private static async Task<List<Oci.Digest>> Digests(IContentStore content, params string[] filters)
        => (await content.WalkAsync(filters, Ct).ToListAsync(Ct)).Select(i => i.Digest).ToList();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
