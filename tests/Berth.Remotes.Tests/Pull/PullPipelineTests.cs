using System.Runtime.Versioning;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;
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
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.None)]
    public async Task Pull_LayerStillDownloading_ItsFilesLandBeforeItsLastBytesArrive(LayerCompression compression)
    {
        await using var fixture = await PullFixture.CreateAsync();
        var files = Enumerable.Range(0, 300).Select(i => ($"arriving/f{i:D4}.txt", (string?)new string((char)('a' + i % 26), 700 + i))).ToArray();
        var layer = TestLayer.Build(compression, [("arriving", null), .. files]);
        var reference = fixture.Registry.Push("app/arriving:1", TestImage.Of("linux/amd64", layer));
        var gate = new TaskCompletionSource();
        fixture.Registry.Gates[layer.Descriptor.Digest] = gate.Task; // the blob's last chunk waits for the gate
        var pull = fixture.PullAsync(reference, "linux/amd64");
        try
        {
            // The first files must appear in the snapshot being unpacked while the download cannot finish.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!Directory.EnumerateFiles(Path.Combine(fixture.Root, "snapshots"), "f0000.txt", SearchOption.AllDirectories).Any())
            {
                Assert.False(pull.IsCompleted, $"the pull ended before the gate opened: {pull.Exception?.Message}");
                Assert.True(DateTime.UtcNow < deadline, "no file of the layer was unpacked before its last bytes arrived");
                await Task.Delay(20, PullFixture.Token);
            }

            Assert.Empty(await fixture.ContentAsync().ContinueWith(t => t.Result.Keys.Where(d => d == layer.Descriptor.Digest)));
        }
        finally
        {
            gate.TrySetResult();
        }

        var progress = await pull;

        Assert.Equal(TransferStatus.Done, progress[^1].Status);
        var statuses = ProgressAssert.StatusesOf(progress, layer.Descriptor);
        Assert.True(statuses.IndexOf(TransferStatus.Downloaded) < statuses.IndexOf(TransferStatus.Extracting), string.Join(",", statuses));
        var chain = ChainIds.Of([layer.DiffId])[^1];
        var read = await fixture.ReadFilesAsync(StorageStack.Overlay, chain, "arriving/f0000.txt", "arriving/f0299.txt");
        Assert.Equal([files[0].Item2, files[^1].Item2], read.Values);
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
