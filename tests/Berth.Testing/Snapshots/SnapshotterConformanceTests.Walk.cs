using Berth.Core.Errors;

namespace Berth.Testing.Snapshots;

public abstract partial class SnapshotterConformanceTests
{
    [Theory]
    [InlineData(new[] { "labels.\"containerd.io/gc.root\"==check-walk" }, new[] { "a", "a-np", "a-np-wl", "a-wl", "p", "p-wl", "v", "v-wl" })]
    [InlineData(new[] { "kind==active,labels.\"containerd.io/gc.root\"==check-walk" }, new[] { "a", "a-np", "a-np-wl", "a-wl" })]
    [InlineData(new[] { "kind==view,labels.\"containerd.io/gc.root\"==check-walk" }, new[] { "v", "v-wl" })]
    [InlineData(new[] { "kind==committed,labels.\"containerd.io/gc.root\"==check-walk" }, new[] { "p", "p-wl" })]
    [InlineData(new[] { "name==p", "name==a-np-wl" }, new[] { "a-np-wl", "p" })]
    [InlineData(new[] { "name==a-wl,labels.l" }, new[] { "a-wl" })]
    [InlineData(new[] { "parent==p" }, new[] { "a", "v" })]
    [InlineData(new[] { "parent!=\"\",labels.\"containerd.io/gc.root\"==check-walk" }, new[] { "a", "a-wl", "v", "v-wl" })]
    [InlineData(new[] { "labels.l" }, new[] { "a-np-wl", "a-wl", "p-wl", "v-wl" })]
    [InlineData(new[] { "labels.l==2" }, new[] { "a-np-wl", "a-wl" })]
    [InlineData(new string[0], new[] { "a", "a-np", "a-np-wl", "a-wl", "p", "p-tmp-unused", "p-wl", "v", "v-wl" })]
    public async Task Walk_Filters_SelectAsContainerd(string[] filters, string[] expected)
    {
        var snapshotter = await OpenAsync();
        Dictionary<string, string> Labels(string? l = null) => l is null
            ? new() { ["containerd.io/gc.root"] = "check-walk" }
            : new() { ["containerd.io/gc.root"] = "check-walk", ["l"] = l };
        await snapshotter.PrepareAsync("a-np", null, Labels(), Token);
        await snapshotter.PrepareAsync("p-tmp", null, Labels(), Token);
        await snapshotter.CommitAsync("p", "p-tmp", Labels(), Token);
        await snapshotter.PrepareAsync("a", "p", Labels(), Token);
        await snapshotter.ViewAsync("v", "p", Labels(), Token);
        await snapshotter.PrepareAsync("p-wl-tmp", null, Labels(), Token);
        await snapshotter.CommitAsync("p-wl", "p-wl-tmp", Labels("1"), Token);
        await snapshotter.PrepareAsync("a-wl", "p-wl", Labels("2"), Token);
        await snapshotter.ViewAsync("v-wl", "p-wl", Labels("3"), Token);
        await snapshotter.PrepareAsync("a-np-wl", null, Labels("2"), Token);
        await snapshotter.PrepareAsync("p-tmp-unused", null, null, Token);

        var names = (await WalkAllAsync(snapshotter, filters)).Select(i => i.Name).Order(StringComparer.Ordinal);

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task Walk_MalformedFilter_ThrowsInvalidArgument()
    {
        var snapshotter = await OpenAsync();
        await snapshotter.PrepareAsync("a", null, GcRoot, Token);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => WalkAllAsync(snapshotter, "name=="));
    }
}
