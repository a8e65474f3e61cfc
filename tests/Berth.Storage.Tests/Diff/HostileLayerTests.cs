using System.Formats.Tar;
using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Storage.Tests.Diff;

/// <summary>
/// Hostile or broken layers: each is refused, and the target (non-empty, with the layer's valid first half already
/// applied when the bad part comes) is back byte for byte and mode for mode; nothing outside it changes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostileLayerTests : IDisposable
{
    // Created by the absolute-symlink case if it ever escaped; never expected to exist.
    private static readonly string EtcProbe = $"berth-diff-test-{Guid.NewGuid():N}";

    private readonly DiffFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in HostileEntries.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    private static readonly Dictionary<string, Action<LayerBuilder>> HostileEntries = new(StringComparer.Ordinal)
    {
        ["dotdot"] = layer => layer.File("../../etc/passwd", "root::0:0::/:/bin/sh"),
        ["dotdot-inside"] = layer => layer.File("a/../../x", "x"),
        ["absolute-symlink-parent"] = layer => layer.Symlink("evil", "/etc").File($"evil/{EtcProbe}", "pwned"),
        ["climbing-symlink-parent"] = layer => layer.Symlink("up", "../../..").File("up/x", "x"),
        ["hardlink-outside"] = layer => layer.HardLink("shadow", "../../etc/shadow"),
        ["hardlink-through-symlink"] = layer => layer.Symlink("out", "../..").HardLink("shadow", "out/etc/shadow"),
        ["char-device"] = layer => layer.Device("dev/null", TarEntryType.CharacterDevice, 1, 3),
        ["block-device"] = layer => layer.Device("dev/sda", TarEntryType.BlockDevice, 8, 0),
        ["whiteout-outside"] = layer => layer.Whiteout("../.wh.x"),
        ["whiteout-through-symlink"] = layer => layer.Symlink("parent", "..").Whiteout("parent/.wh.x"),
        ["whiteout-of-dotdot"] = layer => layer.Whiteout("etc/.wh.."),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Apply_HostileEntryAfterValidHalf_RefusedAndTargetRestored(string hostile, bool overlay)
    {
        DiffFixture.RequireRoot();
        var (mounts, layer) = await PrepareAsync(overlay);
        HostileEntries[hostile](layer);
        var before = TreeSnapshot.Take(_fixture.Path);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync(layer.Gzip(), mounts));

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(_fixture.Path));
        Assert.False(File.Exists(Path.Join("/etc", EtcProbe)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Apply_ValidHalfAlone_AppliesAndChangesTheTarget(bool overlay)
    {
        DiffFixture.RequireRoot();
        var (mounts, layer) = await PrepareAsync(overlay);
        string root = Path.Join(_fixture.Path, "outer", "inner", "root");
        var before = TreeSnapshot.Take(_fixture.Path);

        await _fixture.ApplyAsync(layer.Gzip(), mounts);

        Assert.NotEqual(before, TreeSnapshot.Take(_fixture.Path));
        Assert.Equal("replaced", File.ReadAllText(Path.Join(root, "etc/hosts")));
        Assert.Equal(overlay, File.Exists(Path.Join(root, "etc/motd")));
        Assert.Equal(["fresh"], Directory.EnumerateFileSystemEntries(Path.Join(root, "var/lib")).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".berth-apply-*"));
    }

    [Theory]
    [InlineData("dotdot", "layer entry ../../etc/passwd would land outside the snapshot: refused")]
    [InlineData("absolute-symlink-parent", "goes through absolute symlink evil -> /etc")]
    [InlineData("climbing-symlink-parent", "goes through symlink up -> ../../.., which leads outside the snapshot: refused")]
    [InlineData("hardlink-outside", "is a hard link to ../../etc/shadow, which would land outside the snapshot: refused")]
    [InlineData("char-device", "layer entry dev/null is a device node")]
    [InlineData("whiteout-of-dotdot", "is a whiteout that names no file in its folder: refused")]
    public async Task Apply_HostileEntry_MessageNamesEntryAndReason(string hostile, string expected)
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("outer", "inner", "root");
        var layer = new LayerBuilder();
        HostileEntries[hostile](layer);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0.5)]
    [InlineData(true, 0.5)]
    [InlineData(false, -4)]
    [InlineData(true, -4)]
    public async Task Apply_TruncatedGzip_RefusedAndTargetRestored(bool overlay, double cut)
    {
        DiffFixture.RequireRoot();
        var (mounts, layer) = await PrepareAsync(overlay);
        byte[] gzip = layer.Gzip();
        byte[] truncated = gzip[..(cut < 0 ? gzip.Length + (int)cut : (int)(gzip.Length * cut))];
        var before = TreeSnapshot.Take(_fixture.Path);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync(truncated, mounts));

        Assert.Equal(before, TreeSnapshot.Take(_fixture.Path));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("checksum")]
    public async Task Apply_BrokenZstd_RefusedAndTargetRestored(string damage)
    {
        DiffFixture.RequireRoot();
        var (mounts, layer) = await PrepareAsync(overlay: false);
        // Incompressible content spreads the frame over many blocks, so the valid half is applied before the damage.
        byte[] noise = new byte[600_000];
        new Random(42).NextBytes(noise);
        byte[] tar = layer.File("big", Convert.ToBase64String(noise)).Tar();
        using var compressor = new ZstdSharp.Compressor();
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        byte[] zstd = compressor.Wrap(tar).ToArray();
        if (damage == "truncated")
        {
            zstd = zstd[..(zstd.Length * 3 / 4)];
        }
        else
        {
            zstd[zstd.Length * 3 / 4] ^= 0x5a;
        }

        var before = TreeSnapshot.Take(_fixture.Path);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync(zstd, mounts, MediaTypes.OciLayerZstd));

        Assert.Equal(before, TreeSnapshot.Take(_fixture.Path));
    }

    [Fact]
    public async Task Apply_GarbageBlob_IsInvalidArgument()
    {
        string root = _fixture.Folder("root");

        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync([.. Enumerable.Range(0, 2048).Select(i => (byte)(i * 7))], DiffFixture.Bind(root)));
        await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.ApplyAsync([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2], DiffFixture.Bind(root)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Apply_CancelledMidLayer_RollsBack(bool overlay)
    {
        DiffFixture.RequireRoot();
        var (mounts, layer) = await PrepareAsync(overlay);
        for (int i = 0; i < 40; i++)
        {
            layer.File($"many/file-{i}", new string('m', 10_000));
        }

        var descriptor = _fixture.Store(layer.Tar(), MediaTypes.OciLayer);
        var before = TreeSnapshot.Take(_fixture.Path);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _fixture.Content.OnRead = offset =>
        {
            if (offset > 200_000)
            {
                cancel.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _fixture.Service.ApplyAsync(descriptor, mounts, cancellationToken: cancel.Token));

        Assert.Equal(before, TreeSnapshot.Take(_fixture.Path));
    }

    [Fact]
    public async Task Apply_DiskFull_IsResourceExhaustedAndRollsBack()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("outer", "inner", "root");
        LinuxSyscalls.Instance.Mount("tmpfs", root, "tmpfs", MountFlags.None, "size=256k,mode=755");
        try
        {
            await _fixture.ApplyAsync(SetupLayer().Gzip(), DiffFixture.Bind(root));
            var layer = ValidHalf(new LayerBuilder()).File("huge", new string('h', 1 << 20));
            var before = TreeSnapshot.Take(root);

            await Assert.ThrowsAsync<ResourceExhaustedException>(() => _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root)));

            Assert.Equal(before, TreeSnapshot.Take(root));
        }
        finally
        {
            LinuxSyscalls.Instance.Unmount(root);
        }
    }

    // A non-empty target, files just outside it that an escape would touch, and the valid first half of a layer.
    private async Task<(IReadOnlyList<Mount> Mounts, LayerBuilder Layer)> PrepareAsync(bool overlay)
    {
        string root = _fixture.Folder("outer", "inner", "root");
        File.WriteAllText(Path.Join(_fixture.Folder("outer", "etc"), "passwd"), "outside");
        File.WriteAllText(Path.Join(_fixture.Folder("outer", "etc"), "shadow"), "outside");
        File.WriteAllText(Path.Join(_fixture.Folder("outer", "inner"), "x"), "outside");
        await _fixture.ApplyAsync(SetupLayer().Gzip(), DiffFixture.Bind(root));
        IReadOnlyList<Mount> mounts = DiffFixture.Bind(root);
        if (overlay)
        {
            string lower = _fixture.Folder("lower");
            await _fixture.ApplyAsync(new LayerBuilder().File("usr/bin/tool", "tool", mode: 0x1ed, uid: 9).Folder("var/lib/lower/").Gzip(), DiffFixture.Bind(lower));
            mounts = _fixture.Overlay(root, lower);
        }

        var layer = ValidHalf(new LayerBuilder());
        if (overlay)
        {
            layer.HardLink("usr/bin/tool2", "usr/bin/tool").Whiteout("usr/bin/.wh.tool");
        }

        return (mounts, layer);
    }

    private static LayerBuilder SetupLayer() => new LayerBuilder()
        .Folder("etc/", 0x1ed, time: LayerBuilder.Time.AddDays(-1))
        .File("etc/hosts", "127.0.0.1 localhost", xattrs: new Dictionary<string, string> { ["user.kept"] = "yes" })
        .File("etc/motd", "welcome")
        .File("bin/su", "su", mode: 0x9ed)
        .HardLink("bin/su-again", "bin/su")
        .Symlink("sbin", "bin")
        .Fifo("run/fifo")
        .Folder("var/lib/", 0x1e8, uid: 4, gid: 4, time: LayerBuilder.Time.AddDays(-2))
        .File("var/lib/state", "state")
        .Folder("var/lib/db/")
        .File("var/lib/db/data", "data")
        .Folder("opt/").File("opt/app", "app")
        .File("srv", "a file for now");

    private static LayerBuilder ValidHalf(LayerBuilder layer) => layer
        .Folder("etc/", 0x1c0, uid: 1, gid: 2, xattrs: new Dictionary<string, string> { ["user.added"] = "new" })
        .File("etc/hosts", "replaced")
        .Whiteout("etc/.wh.motd")
        .HardLink("etc/su-link", "bin/su")
        .Whiteout("var/lib/.wh..wh..opq")
        .File("var/lib/fresh", "fresh")
        .File("opt", "the folder became a file")
        .Folder("srv/")
        .File("srv/index.html", "<html/>")
        .Fifo("run/fifo2")
        .Symlink("bin/su", "/bin/false");
}
