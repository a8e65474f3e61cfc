using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Tests.Pull;

[SupportedOSPlatform("linux")]
public sealed class PullPipelineTests
{
    [Fact]
    public async Task Pull_LastLayerHeldBack_LowerLayersAreUnpackedMeanwhile()
    {
        await using var fixture = await PullFixture.CreateAsync();
        var layers = Enumerable.Range(0, 4).Select(i => TestLayer.Large($"l{i}", 60_000, 20 + i)).ToArray();
        var reference = fixture.Registry.Push("app/pipeline:1", TestImage.Of("linux/amd64", layers));
        var gate = new TaskCompletionSource();
        fixture.Registry.Gates[layers[^1].Descriptor.Digest] = gate.Task;
        var seen = new List<TransferProgress>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(PullFixture.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // without the overlap the pull would wait for the gate forever

        await foreach (var item in fixture.Transfer.PullAsync(fixture.Scope,
            new ImagePullRequest(reference.ToString()) { Platform = Platforms.Parse("linux/amd64") }, timeout.Token))
        {
            seen.Add(item);
            if (item.Id == ProgressAssert.ShortId(layers[2].Descriptor) && item.Status == TransferStatus.Complete)
            {
                // Layers 0..2 are unpacked while the last one is still downloading.
                Assert.DoesNotContain(ProgressAssert.StatusesOf(seen, layers[^1].Descriptor), s => s is TransferStatus.Downloaded);
                gate.SetResult();
            }
        }

        Assert.True(gate.Task.IsCompleted, "layer 2 was not unpacked before the last layer arrived");
        Assert.Equal(TransferStatus.Done, seen[^1].Status);
        Assert.Equal(TransferStatus.Complete, ProgressAssert.StatusesOf(seen, layers[^1].Descriptor)[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Pull_ManyLayers_DownloadsAtMostTheSettingAtOnce(int limit)
    {
        await using var fixture = await PullFixture.CreateAsync(new ImageTransferSettings { MaxConcurrentDownloads = limit });
        fixture.Registry.ChunkDelay = TimeSpan.FromMilliseconds(2);
        var layers = Enumerable.Range(0, 6).Select(i => TestLayer.Large($"l{i}", 60_000, 40 + i)).ToArray();
        var reference = fixture.Registry.Push("app/bounded:1", TestImage.Of("linux/amd64", layers));

        await fixture.PullAsync(reference, "linux/amd64");

        Assert.InRange(fixture.Registry.MaxOpenStreams, limit == 1 ? 1 : 2, limit);
    }
}
