using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Pull;

/// <summary>
/// `berth pull` unpacks what the layers say, whatever their compression: files, owners, xattrs and links of each
/// layer, whiteouts and opaque folders of upper layers applied. The rootfs is read through a mounted view of the
/// image's top snapshot. (Ctr/UnpackParityTests compares, file by file, an image mixing gzip, zstd and plain layers
/// with what containerd unpacks.)
/// </summary>
public sealed class PullLayersTests(EngineFixture engine)
{
    [Fact]
    public async Task Pull_SingleLayer_UnpacksItsFiles()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", engine.BusyboxRef)).EnsureSuccess("pull");

        var (busybox, hostname, sh) = await ReadAsync(ns, root => (
            File.ReadAllBytes(Path.Combine(root, "bin/busybox")),
            File.ReadAllText(Path.Combine(root, "etc/hostname")),
            new FileInfo(Path.Combine(root, "bin/sh")).LinkTarget));
        Assert.Equal(File.ReadAllBytes("/bin/busybox"), busybox);
        Assert.Equal(("berth-test\n", "busybox"), (hostname, sh));
        Assert.Single(await SnapshotKeysAsync(ns));
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Pull_LayersOfOneCompression_AppliesFilesWhiteoutsAndOpaqueFolders(LayerCompression compression)
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        string repository = $"test/compressed-{compression.ToString().ToLowerInvariant()}";
        var image = TestImage.Create(
        [
            TestLayer.Create([LayerEntry.File("keep/a", "a"), LayerEntry.File("gone", "x"), new("opq/"), LayerEntry.File("opq/lower", "lower")], compression),
            TestLayer.Create(
            [
                new("keep/owned", "owned\n"u8.ToArray(), Mode: (UnixFileMode)0b110_100_000) { Uid = 1234, Gid = 5678, Xattrs = new Dictionary<string, string> { ["user.k"] = "v" } },
                new("keep/link", Link: "a"),
                LayerEntry.Whiteout("gone"),
            ], compression),
            TestLayer.Create([new("opq/"), LayerEntry.Opaque("opq"), LayerEntry.File("opq/upper", "upper")], compression),
        ]);
        await engine.Registry.PushAsync(image, repository, "v1");
        string reference = $"{engine.Registry.Host}/{repository}:v1";

        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", reference)).EnsureSuccess("pull");

        var tree = await SnapshotRootfs.DescribeTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args));
        Assert.Equal(["keep", "keep/a", "keep/link", "keep/owned", "opq", "opq/upper"], tree.Keys);
        Assert.Equal("symlink -> a", tree["keep/link"].Split(" mode=")[0]);
        Assert.EndsWith("mode=640 owner=1234:5678 xattrs=[user.k=76]", tree["keep/owned"], StringComparison.Ordinal);
        Assert.Equal(3, (await SnapshotKeysAsync(ns)).Count);
        Assert.Contains(image.ManifestDescriptor.Digest.ToString(), (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls")).Stdout,
            StringComparison.Ordinal);
    }

    private Task<T> ReadAsync<T>(string ns, Func<string, T> read)
        => SnapshotRootfs.ReadTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args), read);

    private async Task<IReadOnlyList<string>> SnapshotKeysAsync(string ns)
        => [.. (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "snapshots", "ls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
}
