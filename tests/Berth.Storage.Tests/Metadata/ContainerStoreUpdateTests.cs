using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Storage.Tests.Metadata;

public sealed class ContainerStoreUpdateTests : IAsyncDisposable
{
    private readonly MetadataFixture _fixture = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PackedMessage NewSpec = new("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{}"u8.ToArray());

    private IContainerStore Containers => _fixture.Scope("a").Containers;

    [Fact]
    public async Task Update_LabelPaths_SetOneAndRemoveAnother_AsCtrLabelDoes()
    {
        await Containers.CreateAsync(ContainerStoreTests.Web() with
        {
            Labels = new Dictionary<string, string> { ["tier"] = "front", ["old"] = "x", ["other"] = "kept" },
        }, Ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));

        // ctr containers label web team=blue old= : only the named labels, an empty value clears one.
        var update = new Container("web") { Labels = new Dictionary<string, string> { ["team"] = "blue", ["old"] = "" } };
        var updated = await Containers.UpdateAsync(update, ["labels.team", "labels.old"], Ct);

        var expected = new Dictionary<string, string> { ["tier"] = "front", ["other"] = "kept", ["team"] = "blue" };
        Assert.Equal(expected, updated.Labels);
        Assert.Equal(expected, (await Containers.GetAsync("web", Ct)).Labels);
        Assert.Equal(_fixture.Time.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(updated.CreatedAt.AddSeconds(5), updated.UpdatedAt);
        Assert.Equal(ContainerStoreTests.Spec, updated.Spec);
    }

    [Fact]
    public async Task Update_NoPaths_ReplacesTheMutableFields_AndKeepsRuntimeOptionsAndSandbox()
    {
        var original = await Containers.CreateAsync(ContainerStoreTests.Web() with { Sandbox = "pod" }, Ct);
        var replacement = new Container("web")
        {
            Image = "example.com/other:2",
            Runtime = new ContainerRuntime("io.containerd.runc.v2"),
            Spec = NewSpec,
            Snapshotter = MetadataFixture.Overlay,
            SnapshotKey = "web-2",
        };

        var updated = await Containers.UpdateAsync(replacement, null, Ct);

        Assert.Equal(("example.com/other:2", "web-2", NewSpec), (updated.Image, updated.SnapshotKey, updated.Spec));
        Assert.Empty(updated.Labels);
        Assert.Empty(updated.Extensions);
        Assert.Equal(original.Runtime.Options, updated.Runtime.Options);
        Assert.Equal(("pod", original.CreatedAt), (updated.Sandbox, updated.CreatedAt));
        Assert.Equal(updated.Image, (await Containers.GetAsync("web", Ct)).Image);
    }

    [Theory]
    [InlineData("runc.other", MetadataFixture.Overlay)]
    [InlineData("io.containerd.runc.v2", MetadataFixture.Native)]
    public async Task Update_NoPaths_ChangingRuntimeOrSnapshotter_ThrowsInvalidArgument(string runtime, string snapshotter)
    {
        await Containers.CreateAsync(ContainerStoreTests.Web(), Ct);
        var replacement = ContainerStoreTests.Web() with { Runtime = new ContainerRuntime(runtime), Snapshotter = snapshotter, Image = "changed" };

        await Assert.ThrowsAsync<InvalidArgumentException>(() => Containers.UpdateAsync(replacement, null, Ct).AsTask());
        Assert.Equal(ContainerStoreTests.Web().Image, (await Containers.GetAsync("web", Ct)).Image);
    }

    [Theory]
    [InlineData("runtime")]
    [InlineData("snapshotter")]
    [InlineData("id")]
    [InlineData("created_at")]
    public async Task Update_PathOfAFieldThatNeverChanges_ThrowsInvalidArgument(string path)
    {
        await Containers.CreateAsync(ContainerStoreTests.Web(), Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => Containers.UpdateAsync(ContainerStoreTests.Web(), [path], Ct).AsTask());
    }

    [Fact]
    public async Task Update_NamedPaths_ChangeOnlyThoseFields()
    {
        await Containers.CreateAsync(ContainerStoreTests.Web(), Ct);
        var update = new Container("web") { Image = "ignored", Spec = NewSpec, SnapshotKey = "web-2" };

        var updated = await Containers.UpdateAsync(update, ["spec", "snapshotkey"], Ct);

        Assert.Equal((ContainerStoreTests.Web().Image, "web-2", NewSpec), (updated.Image, updated.SnapshotKey, updated.Spec));
        Assert.Equal("front", updated.Labels["tier"]);
    }

    [Fact]
    public async Task Update_ExtensionPaths_SetOneAndRemoveAnother()
    {
        await Containers.CreateAsync(ContainerStoreTests.Web(), Ct);
        var added = new PackedMessage("google.protobuf.StringValue", new byte[] { 0x0a, 0x01, 0x79 });
        var update = new Container("web") { Extensions = new Dictionary<string, PackedMessage> { ["added"] = added } };

        var updated = await Containers.UpdateAsync(update, ["extensions.added", "extensions.berth/hostname"], Ct);

        Assert.Equal(["added"], updated.Extensions.Keys);
        Assert.Equal(added, (await Containers.GetAsync("web", Ct)).Extensions["added"]);
    }

    [Fact]
    public async Task Update_ResultWithoutSpec_ThrowsInvalidArgumentAndKeepsTheRecord()
    {
        await Containers.CreateAsync(ContainerStoreTests.Web(), Ct);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => Containers.UpdateAsync(new Container("web"), ["spec"], Ct).AsTask());
        Assert.Equal(ContainerStoreTests.Spec, (await Containers.GetAsync("web", Ct)).Spec);
    }

    [Fact]
    public async Task Update_UnknownOrUnnamedContainer_ThrowsNotFoundOrInvalidArgument()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Containers.UpdateAsync(ContainerStoreTests.Web(), ["image"], Ct).AsTask());
        await Assert.ThrowsAsync<InvalidArgumentException>(() => Containers.UpdateAsync(new Container(""), ["image"], Ct).AsTask());
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
