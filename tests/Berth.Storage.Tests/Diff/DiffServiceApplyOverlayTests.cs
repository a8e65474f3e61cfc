using System.Runtime.Versioning;
using Berth.Linux;

namespace Berth.Storage.Tests.Diff;

/// <summary>Apply straight into an overlayfs upperdir, whiteouts recorded the way the kernel reads them.</summary>
[SupportedOSPlatform("linux")]
public sealed class DiffServiceApplyOverlayTests : IDisposable
{
    private static readonly DateTimeOffset Later = LayerBuilder.Time.AddDays(1);

    private readonly DiffFixture _fixture = new();
    private readonly LinuxSyscalls _syscalls = LinuxSyscalls.Instance;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ApplyOverlay_Whiteout_IsCharDeviceZeroZeroWithTheEntryOwner()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder().File("etc/motd", "m"));
        var layer = new LayerBuilder().Raw(new Berth.Storage.Diff.Tar.LayerTarHeader("etc/.wh.motd", '0', 0, 21, 22, 0, 0));

        await _fixture.ApplyAsync(layer.Gzip(), _fixture.Overlay(upper, lower));

        var whiteout = _syscalls.Lstat(Path.Join(upper, "etc/motd"))!;
        Assert.Equal((FileKind.CharDevice, 0u, 0u, 21, 22), (whiteout.Kind, whiteout.RdevMajor, whiteout.RdevMinor, whiteout.Uid, whiteout.Gid));
        Assert.False(File.Exists(Path.Join(upper, "etc/.wh.motd")));
        Assert.True(File.Exists(Path.Join(lower, "etc/motd")));
    }

    [Fact]
    public async Task ApplyOverlay_OpaqueMarker_SetsTrustedOverlayOpaque()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder().File("var/cache/old", "o"));

        await _fixture.ApplyAsync(new LayerBuilder().Whiteout("var/cache/.wh..wh..opq").File("var/cache/new", "n").Gzip(), _fixture.Overlay(upper, lower));

        Assert.Equal("y"u8.ToArray(), _syscalls.GetXattr(Path.Join(upper, "var/cache"), "trusted.overlay.opaque"));
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Join(upper, "var/cache")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ApplyOverlay_HardLinkToLowerOnlyFile_CopiesTheFileUpFirst()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder()
            .Folder("bin/", 0x1e8, uid: 2, time: LayerBuilder.Time)
            .File("bin/busybox", "the box", mode: 0x9ed, uid: 7, gid: 8, xattrs: new Dictionary<string, string> { ["user.k"] = "v" }));

        // As containerd: the link entry's attributes (here the target's own, as diffs write them) go on the shared inode.
        await _fixture.ApplyAsync(new LayerBuilder().HardLink("bin/sh", "bin/busybox", mode: 0x9ed, uid: 7, gid: 8).Gzip(), _fixture.Overlay(upper, lower));

        var copy = _syscalls.Lstat(Path.Join(upper, "bin/busybox"))!;
        var link = _syscalls.Lstat(Path.Join(upper, "bin/sh"))!;
        Assert.Equal(copy.Inode, link.Inode);
        Assert.Equal((0x9ed, 7, 8, LayerBuilder.Time), (copy.Mode, copy.Uid, copy.Gid, copy.ModifiedAt));
        Assert.Equal("the box", File.ReadAllText(Path.Join(upper, "bin/sh")));
        Assert.Equal("v"u8.ToArray(), _syscalls.GetXattr(Path.Join(upper, "bin/busybox"), "user.k"));
        Assert.Equal((0x1e8, 2), (_syscalls.Lstat(Path.Join(upper, "bin"))!.Mode, _syscalls.Lstat(Path.Join(upper, "bin"))!.Uid));
    }

    [Fact]
    public async Task ApplyOverlay_MissingParent_TakesTheLowerFolderAttributes()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder().Folder("etc/", 0x1e8, uid: 3, gid: 4, xattrs: new Dictionary<string, string> { ["user.dir"] = "d" }));

        await _fixture.ApplyAsync(new LayerBuilder().File("etc/passwd", "p").Gzip(), _fixture.Overlay(upper, lower));

        var etc = _syscalls.Lstat(Path.Join(upper, "etc"))!;
        Assert.Equal((0x1e8, 3, 4), (etc.Mode, etc.Uid, etc.Gid));
        Assert.Equal("d"u8.ToArray(), _syscalls.GetXattr(Path.Join(upper, "etc"), "user.dir"));
    }

    [Fact]
    public async Task ApplyOverlay_SymlinkOnlyInLower_IsFollowedToItsTarget()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder().Folder("usr/lib/").Symlink("lib", "usr/lib"));

        await _fixture.ApplyAsync(new LayerBuilder().File("lib/libc.so", "c").Gzip(), _fixture.Overlay(upper, lower));

        Assert.Equal("c", File.ReadAllText(Path.Join(upper, "usr/lib/libc.so")));
        Assert.Null(_syscalls.Lstat(Path.Join(upper, "lib")));
    }

    [Fact]
    public async Task ApplyOverlay_FolderOverWhiteoutInUpper_BecomesOpaque()
    {
        DiffFixture.RequireRoot();
        var (upper, lower) = await LowerWithAsync(new LayerBuilder().File("opt/old", "o"));
        await _fixture.ApplyAsync(new LayerBuilder().Whiteout(".wh.opt").Gzip(), _fixture.Overlay(upper, lower));

        await _fixture.ApplyAsync(new LayerBuilder().Folder("opt/").File("opt/new", "n").Gzip(), _fixture.Overlay(upper, lower));

        Assert.Equal(FileKind.Directory, _syscalls.Lstat(Path.Join(upper, "opt"))!.Kind);
        Assert.Equal("y"u8.ToArray(), _syscalls.GetXattr(Path.Join(upper, "opt"), "trusted.overlay.opaque"));
    }

    [Fact]
    public async Task ApplyOverlay_MountedStack_ShowsWhatPlainApplyBuilds()
    {
        DiffFixture.RequireRoot();
        byte[][] layers = [FirstLayer().Gzip(), SecondLayer().Gzip(), ThirdLayer().Zstd()];
        string plain = _fixture.Folder("plain");
        foreach (byte[] layer in layers)
        {
            await _fixture.ApplyAsync(layer, DiffFixture.Bind(plain));
        }

        string[] uppers = [_fixture.Folder("a"), _fixture.Folder("b"), _fixture.Folder("c")];
        await _fixture.ApplyAsync(layers[0], DiffFixture.Bind(uppers[0]));
        await _fixture.ApplyAsync(layers[1], _fixture.Overlay(uppers[1], uppers[0]));
        await _fixture.ApplyAsync(layers[2], _fixture.Overlay(uppers[2], uppers[1], uppers[0]));

        string merged = _fixture.Folder("merged");
        _syscalls.Mount("overlay", merged, "overlay", MountFlags.ReadOnly, $"lowerdir={uppers[2]}:{uppers[1]}:{uppers[0]}");
        try
        {
            Assert.Equal(TreeSnapshot.Take(plain, includeRoot: false, folderLinks: false), TreeSnapshot.Take(merged, includeRoot: false, folderLinks: false));
        }
        finally
        {
            _syscalls.Unmount(merged);
        }
    }

    private static LayerBuilder FirstLayer() => new LayerBuilder()
        .Folder("etc/").File("etc/passwd", "root").File("etc/group", "wheel", xattrs: new Dictionary<string, string> { ["user.a"] = "1" })
        .Folder("usr/").Folder("usr/lib/").File("usr/lib/libc.so", "c").Symlink("lib", "usr/lib")
        .Folder("var/").Folder("var/cache/").File("var/cache/a", "a").File("var/cache/b", "b")
        .Folder("opt/").File("opt/tool", "tool", mode: 0x1ed).Folder("opt/doc/").File("opt/doc/readme", "r");

    private static LayerBuilder SecondLayer() => new LayerBuilder()
        .Folder("etc/", time: Later).Whiteout("etc/.wh.group")
        .Folder("var/", time: Later).Folder("var/cache/", 0x1c0, time: Later).Whiteout("var/cache/.wh..wh..opq").File("var/cache/new", "n")
        .Folder("opt/", time: Later).Folder("opt/tool/", time: Later).File("opt/tool/x", "x")
        .Folder("usr/", time: Later).Folder("usr/lib/", time: Later).File("lib/libm.so", "m", uid: 5);

    private static LayerBuilder ThirdLayer() => new LayerBuilder()
        .Folder("etc/", time: Later.AddDays(1)).File("etc/group", "back again", mode: 0x180)
        .Folder("var/", time: Later.AddDays(1)).Whiteout("var/.wh.cache")
        .Folder("opt/", 0x1c0, time: Later.AddDays(1)).Whiteout("opt/.wh.doc");

    private async Task<(string Upper, string Lower)> LowerWithAsync(LayerBuilder lowerLayer)
    {
        string lower = _fixture.Folder("lower");
        await _fixture.ApplyAsync(lowerLayer.Gzip(), DiffFixture.Bind(lower));
        return (_fixture.Folder("upper"), lower);
    }
}
