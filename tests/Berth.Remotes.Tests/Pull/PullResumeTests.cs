using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullResumeTests
{
    [Fact]
    public async Task Pull_CutOffMidLayer_ResumesWithARangedFetch()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Large("data/big", 300_000, seed: 11);
        var image = TestImage.Of("linux/amd64", layer);
        var reference = fixture.Registry.Push("app/flaky:1", image);
        fixture.Registry.FailOnceAfter[layer.Descriptor.Digest] = 40_000;

        await fixture.PullAsync(reference, "linux/amd64");

        var fetches = fixture.Registry.Fetches.Where(f => f.Digest == layer.Descriptor.Digest).Select(f => f.Offset).ToList();
        Assert.Equal([0L, 40_000L], fetches);
        var chainId = ChainIds.Top(image.Config().RootFs.DiffIds);
        Assert.Equal(300_000, (await fixture.ReadFilesAsync(StorageStack.Overlay, chainId, "data/big"))["data/big"]!.Length);
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Fact]
    public async Task Pull_IngestLeftByAnEarlierPull_ContinuesWhereItStopped()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layer = TestLayer.Large("data/big", 300_000, seed: 12);
        var reference = fixture.Registry.Push("app/resumed:1", TestImage.Of("linux/amd64", layer));
        var descriptor = layer.Descriptor;
        await using (var writer = await fixture.Scope.Content.OpenWriterAsync(
            new ContentWriterOptions("layer-" + descriptor.Digest) { ExpectedDigest = descriptor.Digest, ExpectedSize = descriptor.Size }, PullFixture.Token))
        {
            await writer.WriteAsync(layer.Blob.AsMemory(0, 12_345), PullFixture.Token);
        }

        await fixture.PullAsync(reference, "linux/amd64");

        Assert.Equal([12_345L], fixture.Registry.Fetches.Where(f => f.Digest == descriptor.Digest).Select(f => f.Offset));
        Assert.Equal(descriptor.Size, (await fixture.Scope.Content.InfoAsync(descriptor.Digest, PullFixture.Token)).Size);
        await ProgressAssert.NothingLeftOverAsync(fixture);
    }

    [Fact]
    public async Task Pull_CutOffTooOften_UnavailableAndTheNextPullResumesEvenAfterCollection()
    {
        await using var fixture = await PullFixture.CreateAsync(new Berth.Remotes.Pull.ImageTransferSettings { MaxResumes = 0 });
        var layer = TestLayer.Large("data/big", 300_000, seed: 13);
        var reference = fixture.Registry.Push("app/down:1", TestImage.Of("linux/amd64", layer));
        fixture.Registry.FailOnceAfter[layer.Descriptor.Digest] = 50_000;

        var error = await Assert.ThrowsAsync<Core.Errors.UnavailableException>(() => fixture.PullAsync(reference, "linux/amd64"));

        Assert.Contains("pull again to resume", error.Message, StringComparison.Ordinal);
        await fixture.Storage.Metadata.GarbageCollector.CollectAsync(PullFixture.Token);
        await fixture.PullAsync(reference, "linux/amd64");
        Assert.Equal([0L, 50_000L], fixture.Registry.Fetches.Where(f => f.Digest == layer.Descriptor.Digest).Select(f => f.Offset));
    }
}
