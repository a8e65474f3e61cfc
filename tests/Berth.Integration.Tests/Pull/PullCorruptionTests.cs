using System.Security.Cryptography;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Pull;

/// <summary>A blob the registry serves with the wrong bytes fails the pull with a digest error and changes nothing in the store.</summary>
public sealed class PullCorruptionTests(EngineFixture engine)
{
    [Fact]
    public async Task Pull_CorruptedLayerInTheRegistry_FailsNamingTheDigestAndAddsNoImageLayerOrSnapshot()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var (ns, reference, layer) = await PrepareAsync();
        var before = await StoreAsync(ns, withContent: false);
        var layersBefore = await ContentDigestsAsync(ns);

        var pull = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference);

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.StartsWith("Error response from daemon: ", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains($"digest mismatch: {layer.Descriptor.Digest}", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await StoreAsync(ns, withContent: false));
        Assert.DoesNotContain(layer.Descriptor.Digest.ToString(), await ContentDigestsAsync(ns));
        Assert.Single((await Ctr(ns, "content", "active")).Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
        Assert.Superset(layersBefore, await ContentDigestsAsync(ns));
    }

    [Fact]
    public async Task Pull_CorruptedLayerInTheRegistry_LeavesTheContentAsBefore()
    {
        var (ns, reference, _) = await PrepareAsync();
        string before = await StoreAsync(ns, withContent: true);

        var pull = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference);

        Assert.Equal(1, pull.ExitCode);
        string after = await StoreAsync(ns, withContent: true);
        Assert.True(before == after, $"before:\n{before}\nafter:\n{after}");
    }

    // An image already there (so the store is not empty), and one whose own layer the registry serves corrupted.
    private async Task<(string Namespace, string Reference, TestLayer Corrupted)> PrepareAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", engine.BusyboxRef)).EnsureSuccess("pull of the image already there");
        // A layer of its own: the registry stores blobs by digest, so corrupting a shared one would break other tests.
        var layer = TestLayer.Create([new LayerEntry("noise.bin", RandomNumberGenerator.GetBytes(256 * 1024))]);
        var image = TestImage.Create([FixtureImages.BusyboxLayer, layer]);
        string repository = $"test/corrupt-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await engine.Registry.PushAsync(image, repository, "v1");
        Corrupt(engine.Registry.BlobPath(layer.Descriptor.Digest));
        return (ns, $"{engine.Registry.Host}/{repository}:v1", layer);
    }

    // Same length, other bytes: only the digest can tell.
    private static void Corrupt(string blobPath)
    {
        byte[] bytes = File.ReadAllBytes(blobPath);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
        {
            bytes[i] ^= 0xff;
        }

        File.WriteAllBytes(blobPath, bytes);
    }

    /// <summary>What ctr lists of images, snapshots and content (digests, sizes, labels sorted as ctr prints them in map order; not the age).</summary>
    private async Task<string> StoreAsync(string ns, bool withContent)
    {
        var content = (await Ctr(ns, "content", "ls")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Split('\t', StringSplitOptions.RemoveEmptyEntries))
            .Select(columns => $"{columns[0]} {columns.ElementAtOrDefault(1)} {string.Join(',', columns[^1].Split(',').Order(StringComparer.Ordinal))}");
        return $"images:\n{await Ctr(ns, "images", "ls")}\nsnapshots:\n{await Ctr(ns, "snapshots", "ls")}"
            + (withContent ? $"\ncontent:\n{string.Join('\n', content)}" : string.Empty);
    }

    private async Task<HashSet<string>> ContentDigestsAsync(string ns)
        => (await Ctr(ns, "content", "ls")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => row.Split('\t')[0])
            .ToHashSet(StringComparer.Ordinal);

    private async Task<string> Ctr(string ns, params string[] arguments)
        => (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, arguments)).EnsureSuccess(string.Join(' ', arguments)).Stdout;
}
