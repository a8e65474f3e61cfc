using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullSharingTests
{
    [Fact]
    public async Task Pull_TwoCallersAtOnce_ShareOneFetchPerBlob()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layers = new[] { TestLayer.Large("one", 100_000, 1), TestLayer.Large("two", 100_000, 2) };
        var image = TestImage.Of("linux/amd64", layers);
        var reference = fixture.Registry.Push("app/shared:1", image);
        var gate = new TaskCompletionSource();
        fixture.Registry.Gates[layers[1].Descriptor.Digest] = gate.Task;

        var first = fixture.PullAsync(reference, "linux/amd64");
        await WaitUntilAsync(() => fixture.Registry.FetchCount(layers[1].Descriptor.Digest) == 1);
        var second = fixture.PullAsync(reference, "linux/amd64");
        gate.SetResult();
        var (one, two) = (await first, await second);

        Assert.Equal((TransferStatus.Done, image.Root.Digest.ToString()), (one[^1].Status, one[^1].Detail));
        Assert.Equal((TransferStatus.Done, image.Root.Digest.ToString()), (two[^1].Status, two[^1].Detail));
        Assert.All(image.Blobs.Keys, digest => Assert.Equal(1, fixture.Registry.FetchCount(digest)));
        Assert.Equal(1, fixture.Registry.ResolveCount);
        // The late caller first sees where each layer stood, then the rest.
        Assert.Equal(TransferStatus.Resolving, two[0].Status);
        Assert.Equal(TransferStatus.Complete, ProgressAssert.StatusesOf(two, layers[1].Descriptor)[^1]);
    }

    [Fact]
    public async Task Pull_CallerCancels_PullCarriesOn()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Large("slow", 100_000, 5);
        var reference = fixture.Registry.Push("app/detached:1", TestImage.Of("linux/amd64", layer));
        var gate = new TaskCompletionSource();
        fixture.Registry.Gates[layer.Descriptor.Digest] = gate.Task;
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(PullFixture.Token);

        var pull = fixture.PullAsync(new ImagePullRequest(reference.ToString()) { Platform = Platforms.Parse("linux/amd64") }, caller.Token);
        await WaitUntilAsync(() => fixture.Registry.FetchCount(layer.Descriptor.Digest) == 1);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        gate.SetResult();

        await WaitUntilAsync(async () => await PullErrorTests.ImagesAsync(fixture) is [_]);
        Assert.Single(await fixture.SnapshotsAsync());
        await WaitUntilAsync(async () => (await LeasesAsync(fixture)) == 0);
    }

    internal static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 20 s");
            await Task.Delay(10, PullFixture.Token);
        }
    }

    private static async Task<int> LeasesAsync(PullFixture fixture)
    {
        int count = 0;
        await foreach (var lease in fixture.Scope.Leases.ListAsync(null, PullFixture.Token))
        {
            count++;
        }

        return count;
    }
}
