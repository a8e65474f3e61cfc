using Berth.Core.Errors;
using Berth.Core.Leases;

namespace Berth.Storage.Tests.Metadata;

public sealed class LeaseManagerTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ThenList_ShowsIdLabelsAndTime()
    {
        var leases = _fixture.Scope("a").Leases;

        var lease = await leases.CreateAsync("pull-1", new Dictionary<string, string> { ["purpose"] = "pull" }, Ct);

        var listed = Assert.Single(await leases.ListAsync(null, Ct).ToListAsync(Ct));
        Assert.Equal(("pull-1", "pull", lease.CreatedAt), (listed.Id, listed.Labels["purpose"], listed.CreatedAt));
    }

    [Fact]
    public async Task Create_Twice_ThrowsAlreadyExists()
    {
        await _fixture.Scope("a").Leases.CreateAsync("l", null, Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.Scope("a").Leases.CreateAsync("l", null, Ct).AsTask());
        await _fixture.Scope("b").Leases.CreateAsync("l", null, Ct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tinside")]
    public async Task Create_InvalidId_ThrowsInvalidArgument(string id)
        => await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.Scope("a").Leases.CreateAsync(id, null, Ct).AsTask());

    [Theory]
    [InlineData("450904665--7bS")] // what ctr's random lease ids look like
    [InlineData("a..b")]
    public async Task Create_ContainerdStyleRandomId_IsAccepted(string id)
        => Assert.Equal(id, (await _fixture.Scope("a").Leases.CreateAsync(id, null, Ct)).Id);

    [Fact]
    public async Task Delete_Missing_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("a").Leases.DeleteAsync("none", false, Ct).AsTask());

    [Fact]
    public async Task List_Filters_MatchIdAndLabels()
    {
        var leases = _fixture.Scope("a").Leases;
        await leases.CreateAsync("one", new Dictionary<string, string> { ["k"] = "x" }, Ct);
        await leases.CreateAsync("two", new Dictionary<string, string> { ["k"] = "y" }, Ct);

        Assert.Equal(["two"], (await leases.ListAsync(["labels.k==y"], Ct).ToListAsync(Ct)).Select(l => l.Id));
        Assert.Equal(["one"], (await leases.ListAsync(["id==one"], Ct).ToListAsync(Ct)).Select(l => l.Id));
        Assert.Empty(await _fixture.Scope("b").Leases.ListAsync(null, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Resources_AddListDelete_RoundTrip()
    {
        var leases = _fixture.Scope("a").Leases;
        await leases.CreateAsync("l", null, Ct);
        var digest = MetadataFixture.DigestOf("blob").ToString();
        LeaseResource[] resources =
        [
            new(digest, "content"), new("ref-1", "ingests"), new("snap", "snapshots/overlayfs"), new("img", "images"),
        ];
        foreach (var resource in resources)
        {
            await leases.AddResourceAsync("l", resource, Ct);
        }

        await leases.AddResourceAsync("l", resources[0], Ct);
        Assert.Equal(resources.OrderBy(r => r.Type).ThenBy(r => r.Id), await leases.ListResourcesAsync("l", Ct));

        await leases.DeleteResourceAsync("l", resources[1], Ct);
        Assert.DoesNotContain(resources[1], await leases.ListResourcesAsync("l", Ct));
    }

    [Theory]
    [InlineData("not-a-digest", "content")]
    [InlineData("x", "snapshots")]
    [InlineData("x", "snapshots/a/b")]
    [InlineData("x", "containers")]
    public async Task AddResource_InvalidResource_ThrowsInvalidArgument(string id, string type)
    {
        await _fixture.Scope("a").Leases.CreateAsync("l", null, Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(
            () => _fixture.Scope("a").Leases.AddResourceAsync("l", new LeaseResource(id, type), Ct).AsTask());
    }

    [Fact]
    public async Task Resources_OfMissingLease_ThrowNotFound()
    {
        var leases = _fixture.Scope("a").Leases;

        await Assert.ThrowsAsync<NotFoundException>(() => leases.AddResourceAsync("none", new LeaseResource("r", "ingests"), Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => leases.ListResourcesAsync("none", Ct).AsTask());
    }

    [Fact]
    public async Task WritesThroughLeasedScope_AttachTheirResources()
    {
        await _fixture.Scope("a").Leases.CreateAsync("l", null, Ct);
        var scope = _fixture.Scope("a", "l");

        var digest = await MetadataFixture.WriteAsync(scope.Content, "leased");
        var snapshots = scope.Snapshotter(MetadataFixture.Overlay);
        await snapshots.PrepareAsync("active", null, null, Ct);
        await snapshots.CommitAsync("committed", "active", null, Ct);

        var resources = await scope.Leases.ListResourcesAsync("l", Ct);
        Assert.Equal(
            [new LeaseResource(digest.ToString(), "content"), new LeaseResource("committed", "snapshots/overlayfs")],
            resources);
    }

    [Fact]
    public async Task WriteThroughScope_WithMissingLease_ThrowsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() => MetadataFixture.WriteAsync(_fixture.Scope("a", "nope").Content, "x"));

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
