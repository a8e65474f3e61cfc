using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;

namespace Berth.Storage.Tests.Metadata;

public sealed class NamespaceStoreTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NewName_IsListedWithItsLabels()
    {
        await _fixture.Store.Namespaces.CreateAsync("team-a", new Dictionary<string, string> { ["owner"] = "me" }, Ct);

        Assert.Equal(["team-a"], await _fixture.Store.Namespaces.ListAsync(Ct));
        Assert.Equal("me", (await _fixture.Store.Namespaces.GetLabelsAsync("team-a", Ct))["owner"]);
    }

    [Fact]
    public async Task Create_Twice_ThrowsAlreadyExists()
    {
        await _fixture.Store.Namespaces.CreateAsync("dup", null, Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.Store.Namespaces.CreateAsync("dup", null, Ct).AsTask());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("-leading")]
    public async Task Create_InvalidName_ThrowsInvalidArgument(string name)
    {
        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.Store.Namespaces.CreateAsync(name, null, Ct).AsTask());
        Assert.Throws<InvalidArgumentException>(() => _fixture.Store.ForNamespace(name));
    }

    [Fact]
    public async Task SetLabel_EmptyValue_RemovesTheLabel()
    {
        await _fixture.Store.Namespaces.CreateAsync("ns", null, Ct);
        await _fixture.Store.Namespaces.SetLabelAsync("ns", "a", "1", Ct);
        await _fixture.Store.Namespaces.SetLabelAsync("ns", "b", "2", Ct);

        await _fixture.Store.Namespaces.SetLabelAsync("ns", "a", "", Ct);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, await _fixture.Store.Namespaces.GetLabelsAsync("ns", Ct));
    }

    [Fact]
    public async Task SetLabel_MissingNamespace_CreatesIt()
    {
        await _fixture.Store.Namespaces.SetLabelAsync("fresh", "k", "v", Ct);

        Assert.Equal(["fresh"], await _fixture.Store.Namespaces.ListAsync(Ct));
        Assert.Equal("v", (await _fixture.Store.Namespaces.GetLabelsAsync("fresh", Ct))["k"]);
    }

    [Fact]
    public async Task GetLabels_UnknownNamespace_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Store.Namespaces.GetLabelsAsync("nope", Ct).AsTask());

    [Fact]
    public async Task WriteThroughScope_MissingNamespace_CreatesIt()
    {
        await _fixture.Scope("implicit").Leases.CreateAsync("l1", null, Ct);

        Assert.Contains("implicit", await _fixture.Store.Namespaces.ListAsync(Ct));
    }

    [Fact]
    public async Task Delete_NamespaceWithObjects_ThrowsFailedPreconditionNamingThem()
    {
        var scope = _fixture.Scope("busy");
        var digest = await MetadataFixture.WriteAsync(scope.Content, "blob");
        await scope.Images.CreateAsync(new Image("img", new Descriptor(MediaTypes.OciManifest, digest, 4)), Ct);
        await scope.Snapshotter(MetadataFixture.Overlay).PrepareAsync("s", null, null, Ct);
        await scope.Leases.CreateAsync("l", null, Ct);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => _fixture.Store.Namespaces.DeleteAsync("busy", Ct).AsTask());

        Assert.Contains("namespace busy must be empty, but it still has images, blobs, snapshots, leases", error.Message);
    }

    [Fact]
    public async Task Delete_EmptiedNamespace_RemovesIt()
    {
        var scope = _fixture.Scope("gone");
        await scope.Leases.CreateAsync("l", null, Ct);
        await scope.Leases.DeleteAsync("l", false, Ct);

        await _fixture.Store.Namespaces.DeleteAsync("gone", Ct);

        Assert.DoesNotContain("gone", await _fixture.Store.Namespaces.ListAsync(Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Store.Namespaces.DeleteAsync("gone", Ct).AsTask());
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
