using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Storage.Tests.Metadata;

public sealed class ContainerStoreTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly PackedMessage Spec = new("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{\"ociVersion\":\"1.0.2\"}"u8.ToArray());

    internal static Container Web(string id = "web") => new(id)
    {
        Image = "docker.io/library/busybox:latest",
        Runtime = new ContainerRuntime("io.containerd.runc.v2", new PackedMessage("containerd.runc.v1.Options", new byte[] { 0x0a, 0x01, 0x78 })),
        Spec = Spec,
        Snapshotter = MetadataFixture.Overlay,
        SnapshotKey = id,
        Labels = new Dictionary<string, string> { ["tier"] = "front" },
        Extensions = new Dictionary<string, PackedMessage> { ["berth/hostname"] = new("google.protobuf.StringValue", new byte[] { 0x0a, 0x02, 0x68, 0x69 }) },
    };

    [Fact]
    public async Task Create_ThenGet_RoundTripsEveryField()
    {
        var containers = _fixture.Scope("a").Containers;

        var created = await containers.CreateAsync(Web() with { Sandbox = "pod-1" }, Ct);
        var read = await containers.GetAsync("web", Ct);

        Assert.Equal(("docker.io/library/busybox:latest", "io.containerd.runc.v2"), (read.Image, read.Runtime.Name));
        Assert.Equal(Web().Runtime.Options, read.Runtime.Options);
        Assert.Equal(Spec, read.Spec);
        Assert.Equal((MetadataFixture.Overlay, "web", "pod-1"), (read.Snapshotter, read.SnapshotKey, read.Sandbox));
        Assert.Equal("front", read.Labels["tier"]);
        Assert.Equal(Web().Extensions["berth/hostname"], read.Extensions["berth/hostname"]);
        Assert.Equal((_fixture.Time.GetUtcNow(), _fixture.Time.GetUtcNow()), (read.CreatedAt, read.UpdatedAt));
        Assert.Equal(created.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task Create_EmptySpecAndNoOptions_RoundTrip()
    {
        var containers = _fixture.Scope("a").Containers;
        var bare = new Container("bare") { Runtime = new ContainerRuntime("io.containerd.runc.v2"), Spec = new PackedMessage("", default) };

        await containers.CreateAsync(bare, Ct);
        var read = await containers.GetAsync("bare", Ct);

        Assert.Null(read.Runtime.Options);
        Assert.Equal(new PackedMessage("", default), read.Spec);
        Assert.Empty(read.Extensions);
        Assert.Equal(("", "", ""), (read.Image, read.Snapshotter, read.SnapshotKey));
    }

    [Fact]
    public async Task Create_Twice_ThrowsAlreadyExists_ButAnotherNamespaceMayUseTheId()
    {
        await _fixture.Scope("a").Containers.CreateAsync(Web(), Ct);

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.Scope("a").Containers.CreateAsync(Web(), Ct).AsTask());
        Assert.Contains("web", error.Message, StringComparison.Ordinal);
        await _fixture.Scope("b").Containers.CreateAsync(Web(), Ct);
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Scope("c").Containers.GetAsync("web", Ct).AsTask());
    }

    public static TheoryData<string> InvalidContainers => ["bad id", "no runtime", "no spec", "key without snapshotter", "empty extension name"];

    [Theory]
    [MemberData(nameof(InvalidContainers))]
    public async Task Create_Invalid_ThrowsInvalidArgumentAndWritesNothing(string what)
    {
        var container = what switch
        {
            "bad id" => Web("-web"),
            "no runtime" => Web() with { Runtime = ContainerRuntime.None },
            "no spec" => Web() with { Spec = null },
            "key without snapshotter" => Web() with { Snapshotter = "" },
            _ => Web() with { Extensions = new Dictionary<string, PackedMessage> { [""] = Spec } },
        };

        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.Scope("a").Containers.CreateAsync(container, Ct).AsTask());
        Assert.Empty(await _fixture.Scope("a").Containers.ListAsync(null, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Create_LabelWithEmptyValue_IsDropped()
    {
        var container = Web() with { Labels = new Dictionary<string, string> { ["kept"] = "x", ["dropped"] = "" } };

        var created = await _fixture.Scope("a").Containers.CreateAsync(container, Ct);

        Assert.Equal(["kept"], created.Labels.Keys);
        Assert.Equal(["kept"], (await _fixture.Scope("a").Containers.GetAsync("web", Ct)).Labels.Keys);
    }

    [Theory]
    [InlineData("id==db", "db")]
    [InlineData("image==docker.io/library/busybox:latest", "web")]
    [InlineData("image", "web")]
    [InlineData("runtime.name==io.containerd.runc.v2", "db,web")]
    [InlineData("runtime.name~=crun", "")]
    [InlineData("labels.tier==back", "db")]
    [InlineData("labels.tier", "db,web")]
    [InlineData("labels.\"app.kind\"==sql", "db")]
    [InlineData("id~=^w", "web")]
    [InlineData("image!=docker.io/library/busybox:latest", "db")]
    public async Task List_Filters_MatchAsContainerd(string filter, string expected)
    {
        var containers = _fixture.Scope("a").Containers;
        await containers.CreateAsync(Web(), Ct);
        await containers.CreateAsync(Web("db") with
        {
            Image = "",
            Labels = new Dictionary<string, string> { ["tier"] = "back", ["app.kind"] = "sql" },
        }, Ct);

        var ids = await containers.ListAsync([filter], Ct).Select(c => c.Id).ToListAsync(Ct);

        Assert.Equal(expected, string.Join(',', ids));
    }

    [Fact]
    public async Task List_SeveralFilters_MatchWhenAnyDoes()
    {
        var containers = _fixture.Scope("a").Containers;
        await containers.CreateAsync(Web("one"), Ct);
        await containers.CreateAsync(Web("two"), Ct);
        await containers.CreateAsync(Web("three"), Ct);

        var ids = await containers.ListAsync(["id==one", "id==three"], Ct).Select(c => c.Id).ToListAsync(Ct);

        Assert.Equal(["one", "three"], ids);
    }

    [Fact]
    public async Task Delete_RemovesTheRecord_AndASecondDeleteIsNotFound()
    {
        var containers = _fixture.Scope("a").Containers;
        await containers.CreateAsync(Web(), Ct);

        await containers.DeleteAsync("web", Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => containers.GetAsync("web", Ct).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => containers.DeleteAsync("web", Ct).AsTask());
        await containers.CreateAsync(Web() with { Extensions = Container.EmptyExtensions }, Ct);
        Assert.Empty((await containers.GetAsync("web", Ct)).Extensions);
    }

    [Fact]
    public async Task Reopen_KeepsContainers()
    {
        await _fixture.Scope("a").Containers.CreateAsync(Web(), Ct);

        var store = await _fixture.ReopenAsync();

        var read = await store.ForNamespace("a").Containers.GetAsync("web", Ct);
        Assert.Equal(Spec, read.Spec);
        Assert.Single(read.Extensions);
    }

    [Fact]
    public async Task DeleteNamespace_WithAContainer_ThrowsFailedPreconditionNamingContainers()
    {
        await _fixture.Scope("a").Containers.CreateAsync(Web() with { Snapshotter = "", SnapshotKey = "" }, Ct);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => _fixture.Store.Namespaces.DeleteAsync("a", Ct).AsTask());

        Assert.Contains("containers", error.Message, StringComparison.Ordinal);
        await _fixture.Scope("a").Containers.DeleteAsync("web", Ct);
        await _fixture.Store.Namespaces.DeleteAsync("a", Ct);
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
