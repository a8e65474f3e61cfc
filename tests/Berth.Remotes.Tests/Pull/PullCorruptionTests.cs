using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullCorruptionTests
{
    // With the client's own check (a read from offset 0 is verified) and without it (only the store's commit checks).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_CorruptLayer_FailsWithDigestErrorAndLeavesTheStoreAsBefore(bool clientVerifies)
    {
        await using var fixture = await PullFixture.CreateAsync();
        var kept = fixture.Registry.Push("app/kept:1", TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("k", "k"))));
        await fixture.PullAsync(kept, "linux/amd64");
        var blobsBefore = (await fixture.ContentAsync()).Keys.Select(d => d.ToString()).Order().ToList();
        var snapshotsBefore = (await fixture.SnapshotsAsync()).Keys.Order().ToList();
        var good = TestLayer.Build(LayerCompression.Gzip, ("a", "fine"));
        var bad = TestLayer.Large("big", 200_000, seed: 7);
        var reference = fixture.Registry.Push("app/broken:1", TestImage.Of("linux/amd64", good, bad));
        fixture.Registry.Corrupt[bad.Descriptor.Digest] = true;
        fixture.Registry.VerifyFullReads = clientVerifies;

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => fixture.PullAsync(reference, "linux/amd64"));

        Assert.Contains(bad.Descriptor.Digest.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal([kept.ToString()], await PullErrorTests.ImagesAsync(fixture));
        await fixture.Storage.Metadata.GarbageCollector.CollectAsync(PullFixture.Token);
        Assert.Equal(blobsBefore, (await fixture.ContentAsync()).Keys.Select(d => d.ToString()).Order().ToList());
        Assert.Equal(snapshotsBefore, (await fixture.SnapshotsAsync()).Keys.Order().ToList());
        await ProgressAssert.NothingLeftOverAsync(fixture);
        var backend = new List<Digest>();
        await foreach (var info in fixture.Storage.BackendContent.WalkAsync(null, PullFixture.Token))
        {
            backend.Add(info.Digest);
        }

        Assert.Equal(blobsBefore, backend.Select(d => d.ToString()).Order().ToList());
    }

    [Fact]
    public async Task Pull_CorruptBlob_EveryCallerGetsTheError()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Large("big", 100_000, seed: 3);
        var reference = fixture.Registry.Push("app/broken:2", TestImage.Of("linux/amd64", layer));
        fixture.Registry.Corrupt[layer.Descriptor.Digest] = true;
        var gate = new TaskCompletionSource();
        fixture.Registry.Gates[layer.Descriptor.Digest] = gate.Task;

        var first = fixture.PullAsync(reference, "linux/amd64");
        await PullSharingTests.WaitUntilAsync(() => fixture.Registry.FetchCount(layer.Descriptor.Digest) == 1);
        var second = fixture.PullAsync(reference, "linux/amd64");
        gate.SetResult();

        await Assert.ThrowsAsync<FailedPreconditionException>(() => first);
        await Assert.ThrowsAsync<FailedPreconditionException>(() => second);
        Assert.Equal(1, fixture.Registry.FetchCount(layer.Descriptor.Digest));
    }
}
