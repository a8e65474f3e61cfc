using System.Formats.Tar;
using System.Runtime.Versioning;
using Berth.Linux;
using Berth.Oci;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Tests.Diff;

[SupportedOSPlatform("linux")]
public sealed class DiffServiceApplyTests : IDisposable
{
    private readonly DiffFixture _fixture = new();
    private readonly LinuxSyscalls _syscalls = LinuxSyscalls.Instance;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Apply_Files_KeepsContentModeSpecialBitsOwnerAndMtime()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder()
            .Folder("bin/", 0x1ed)
            .File("bin/su", "su", mode: 0x9ed, uid: 0, gid: 0)             // 04755
            .File("bin/wall", "wall", mode: 0x5ed, uid: 0, gid: 5)         // 02755
            .Folder("tmp/", 0x3ff)                                         // 01777
            .File("home/me/notes", "hello", mode: 0x180, uid: 1000, gid: 1001, time: LayerBuilder.Time.AddDays(-3));

        await _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root));

        Assert.Equal("su", File.ReadAllText(Path.Join(root, "bin/su")));
        Assert.Equal(0x9ed, _syscalls.Lstat(Path.Join(root, "bin/su"))!.Mode);
        Assert.Equal(0x5ed, _syscalls.Lstat(Path.Join(root, "bin/wall"))!.Mode);
        Assert.Equal(5, _syscalls.Lstat(Path.Join(root, "bin/wall"))!.Gid);
        Assert.Equal(0x3ff, _syscalls.Lstat(Path.Join(root, "tmp"))!.Mode);
        var notes = _syscalls.Lstat(Path.Join(root, "home/me/notes"))!;
        Assert.Equal((0x180, 1000, 1001, 5L), (notes.Mode, notes.Uid, notes.Gid, notes.Size));
        Assert.Equal(LayerBuilder.Time.AddDays(-3), notes.ModifiedAt);
        Assert.Equal(0x1ed, _syscalls.Lstat(Path.Join(root, "home"))!.Mode);
        Assert.Equal(LayerBuilder.Time, _syscalls.Lstat(Path.Join(root, "bin"))!.ModifiedAt);
    }

    [Fact]
    public async Task Apply_FolderBeforeItsContent_GetsItsMtimeLast()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder().Folder("etc/", time: LayerBuilder.Time).File("etc/a", "a").File("etc/b", "b");

        await _fixture.ApplyAsync(layer.Tar(), DiffFixture.Bind(root), MediaTypes.OciLayer);

        Assert.Equal(LayerBuilder.Time, _syscalls.Lstat(Path.Join(root, "etc"))!.ModifiedAt);
    }

    [Fact]
    public async Task Apply_Xattrs_SetsUserAndBinaryCapabilityValues()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        // cap_setuid,cap_net_bind_service,cap_net_raw+ep: 0x80 is not UTF-8 on its own and 0x0a is a newline, which
        // System.Formats.Tar alone would mangle or refuse.
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0x80, 0x0a, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["security.capability"] = capability,
            ["user.origin"] = "layer"u8.ToArray(),
        };
        var layer = new LayerBuilder()
            .File("data", "d", xattrs: new Dictionary<string, string> { ["user.comment"] = "a note" })
            .Raw(new LayerTarHeader("newuidmap", LayerTarHeader.RegularType, 0x1ed, 0, 0, 3, LayerBuilder.Time.ToUnixTimeSeconds()) { Xattrs = xattrs }, "bin"u8.ToArray());

        await _fixture.ApplyAsync(layer.Zstd(), DiffFixture.Bind(root), MediaTypes.OciLayerZstd);

        Assert.Equal("a note"u8.ToArray(), _syscalls.GetXattr(Path.Join(root, "data"), "user.comment"));
        Assert.Equal(capability, _syscalls.GetXattr(Path.Join(root, "newuidmap"), "security.capability"));
        Assert.Equal("layer"u8.ToArray(), _syscalls.GetXattr(Path.Join(root, "newuidmap"), "user.origin"));
        Assert.Equal("bin", File.ReadAllText(Path.Join(root, "newuidmap")));
    }

    [Fact]
    public async Task Apply_TrustedXattrInLayer_IsNotApplied()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder().Folder("d/", xattrs: new Dictionary<string, string> { ["trusted.overlay.opaque"] = "y" });

        await _fixture.ApplyAsync(layer.Tar(), DiffFixture.Bind(root));

        Assert.Null(_syscalls.GetXattr(Path.Join(root, "d"), "trusted.overlay.opaque"));
    }

    [Fact]
    public async Task Apply_SymlinkHardLinkAndFifo_AreCreatedAsSuch()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var linkTime = LayerBuilder.Time.AddHours(-5);
        var layer = new LayerBuilder()
            .File("usr/bin/busybox", "box", mode: 0x1ed)
            .Symlink("bin", "usr/bin", uid: 12, gid: 34, time: linkTime)
            .Symlink("dangling", "/nowhere/at/all")
            .HardLink("usr/bin/sh", "usr/bin/busybox")
            .Fifo("run/pipe", 0x190, uid: 7, gid: 8);

        await _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root));

        var link = _syscalls.Lstat(Path.Join(root, "bin"))!;
        Assert.Equal((FileKind.Symlink, 12, 34, linkTime), (link.Kind, link.Uid, link.Gid, link.ModifiedAt));
        Assert.Equal("usr/bin", new FileInfo(Path.Join(root, "bin")).LinkTarget);
        Assert.Equal("/nowhere/at/all", new FileInfo(Path.Join(root, "dangling")).LinkTarget);
        var box = _syscalls.Lstat(Path.Join(root, "usr/bin/busybox"))!;
        var sh = _syscalls.Lstat(Path.Join(root, "usr/bin/sh"))!;
        Assert.Equal(box.Inode, sh.Inode);
        Assert.Equal(2u, sh.Links);
        var fifo = _syscalls.Lstat(Path.Join(root, "run/pipe"))!;
        Assert.Equal((FileKind.Fifo, 0x190, 7, 8), (fifo.Kind, fifo.Mode, fifo.Uid, fifo.Gid));
    }

    [Fact]
    public async Task Apply_Whiteouts_RemovePathsAndNeverAppearAsFiles()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().File("etc/motd", "m").File("etc/keep", "k").File("var/cache/x/y", "y").Gzip(), DiffFixture.Bind(root));

        await _fixture.ApplyAsync(new LayerBuilder().Whiteout("etc/.wh.motd").Whiteout("var/.wh.cache").Whiteout(".wh.absent").Gzip(), DiffFixture.Bind(root));

        Assert.False(File.Exists(Path.Join(root, "etc/motd")));
        Assert.True(File.Exists(Path.Join(root, "etc/keep")));
        Assert.False(Directory.Exists(Path.Join(root, "var/cache")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".wh.*", SearchOption.AllDirectories));
        Assert.Equal(["etc", "var"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Apply_OpaqueFolder_KeepsOnlyWhatThisLayerWrote()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().File("d/old", "o").File("d/sub/older", "o").File("d/sub/kept-name", "old").File("e/f", "f").Gzip(), DiffFixture.Bind(root));

        // The marker comes after some of the layer's own entries, which it must not remove.
        var layer = new LayerBuilder().File("d/new", "n").File("d/sub/kept-name", "new").Whiteout("d/.wh..wh..opq").File("d/later", "l");
        await _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root));

        Assert.Equal(["later", "new", "sub"], Directory.EnumerateFileSystemEntries(Path.Join(root, "d")).Select(Path.GetFileName).Order());
        Assert.Equal(["kept-name"], Directory.EnumerateFileSystemEntries(Path.Join(root, "d/sub")).Select(Path.GetFileName));
        Assert.Equal("new", File.ReadAllText(Path.Join(root, "d/sub/kept-name")));
        Assert.True(File.Exists(Path.Join(root, "e/f")));
    }

    [Fact]
    public async Task Apply_FolderReplacesFileAndFileReplacesFolder()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().File("x", "file").File("y/inner", "i").Symlink("z", "y").Gzip(), DiffFixture.Bind(root));

        await _fixture.ApplyAsync(new LayerBuilder().Folder("x/", 0x1c0).File("x/in", "in").File("y", "now a file").Folder("z/").Gzip(), DiffFixture.Bind(root));

        Assert.Equal(FileKind.Directory, _syscalls.Lstat(Path.Join(root, "x"))!.Kind);
        Assert.Equal(0x1c0, _syscalls.Lstat(Path.Join(root, "x"))!.Mode);
        Assert.Equal("in", File.ReadAllText(Path.Join(root, "x/in")));
        Assert.Equal("now a file", File.ReadAllText(Path.Join(root, "y")));
        Assert.Equal(FileKind.Directory, _syscalls.Lstat(Path.Join(root, "z"))!.Kind);
        Assert.True(File.Exists(Path.Join(root, "y/inner")) is false);
    }

    [Fact]
    public async Task Apply_ExistingFolder_KeepsContentAndTakesNewAttributes()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().Folder("srv/", 0x1ed).File("srv/a", "a").Gzip(), DiffFixture.Bind(root));

        await _fixture.ApplyAsync(new LayerBuilder().Folder("srv/", 0x1e8, uid: 33, gid: 33).File("srv/b", "b").Gzip(), DiffFixture.Bind(root));

        var srv = _syscalls.Lstat(Path.Join(root, "srv"))!;
        Assert.Equal((0x1e8, 33, 33), (srv.Mode, srv.Uid, srv.Gid));
        Assert.True(File.Exists(Path.Join(root, "srv/a")));
        Assert.True(File.Exists(Path.Join(root, "srv/b")));
    }

    [Fact]
    public async Task Apply_FileOverExistingFile_ReplacesItAndLeavesOtherHardLinksAlone()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().File("a", "shared").HardLink("b", "a").Gzip(), DiffFixture.Bind(root));

        await _fixture.ApplyAsync(new LayerBuilder().File("a", "replaced", mode: 0x1c0).Gzip(), DiffFixture.Bind(root));

        Assert.Equal("replaced", File.ReadAllText(Path.Join(root, "a")));
        Assert.Equal("shared", File.ReadAllText(Path.Join(root, "b")));
        Assert.Equal(1u, _syscalls.Lstat(Path.Join(root, "b"))!.Links);
    }

    [Fact]
    public async Task Apply_ThroughRelativeSymlinkInRoot_LandsAtItsTarget()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        await _fixture.ApplyAsync(new LayerBuilder().Folder("usr/lib/").Symlink("lib", "usr/lib").Symlink("usr/lib64", "../usr/./lib").Gzip(), DiffFixture.Bind(root));

        await _fixture.ApplyAsync(new LayerBuilder().File("lib/libc.so", "c").File("usr/lib64/libm.so", "m").Gzip(), DiffFixture.Bind(root));

        Assert.Equal(FileKind.Symlink, _syscalls.Lstat(Path.Join(root, "lib"))!.Kind);
        Assert.Equal("c", File.ReadAllText(Path.Join(root, "usr/lib/libc.so")));
        Assert.Equal("m", File.ReadAllText(Path.Join(root, "usr/lib/libm.so")));
    }

    [Fact]
    public async Task Apply_LeadingSlashAndDotNames_AreStripped()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");

        await _fixture.ApplyAsync(new LayerBuilder().Folder("./").File("/abs", "a").File("./dot/./x", "x").File("a/../b", "b").Gzip(), DiffFixture.Bind(root));

        Assert.Equal(["abs", "b", "dot"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order());
        Assert.Equal("x", File.ReadAllText(Path.Join(root, "dot/x")));
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.V7)]
    public async Task Apply_TarFormats_AreAllRead(TarEntryFormat format)
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        string longName = string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 4)) + "/file";
        var layer = new LayerBuilder(format).Folder("d/").File(format == TarEntryFormat.V7 ? "d/short" : longName, "content", uid: 3);

        await _fixture.ApplyAsync(layer.Tar(), DiffFixture.Bind(root), MediaTypes.OciLayer);

        string path = Path.Join(root, format == TarEntryFormat.V7 ? "d/short" : longName);
        Assert.Equal("content", File.ReadAllText(path));
        Assert.Equal(3, _syscalls.Lstat(path)!.Uid);
    }

    [Theory]
    [InlineData("plain", MediaTypes.OciLayerGzip)]
    [InlineData("gzip", MediaTypes.OciLayer)]
    [InlineData("zstd", MediaTypes.DockerLayerGzip)]
    public async Task Apply_CompressionFromFirstBytes_ReturnsUncompressedDigest(string compression, string mediaType)
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        byte[] tar = new LayerBuilder().File("f", "compressed or not").Tar();
        byte[] blob = compression switch { "gzip" => LayerBuilder.GzipOf(tar), "zstd" => LayerBuilder.ZstdOf(tar), _ => tar };

        var applied = await _fixture.ApplyAsync(blob, DiffFixture.Bind(root), mediaType);

        Assert.Equal(new Descriptor(MediaTypes.OciLayer, Digest.Sha256(tar), tar.Length), applied);
        Assert.Equal("compressed or not", File.ReadAllText(Path.Join(root, "f")));
    }

    [Fact]
    public async Task Apply_MultiMemberGzipAndTrailingBytes_CountInTheDigest()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        byte[] tar = [.. new LayerBuilder().File("f", new string('x', 20000)).Tar(), .. new byte[1536]];
        byte[] blob = [.. LayerBuilder.GzipOf(tar[..9000]), .. LayerBuilder.GzipOf(tar[9000..])];

        var applied = await _fixture.ApplyAsync(blob, DiffFixture.Bind(root));

        Assert.Equal(Digest.Sha256(tar), applied.Digest);
        Assert.Equal(tar.Length, applied.Size);
        Assert.Equal(20000, new FileInfo(Path.Join(root, "f")).Length);
    }

    [Fact]
    public async Task Apply_TarWithoutEndOfArchiveBlocks_IsAcceptedAsGoReadsIt()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        byte[] tar = new LayerBuilder().File("a", "a").File("b", "bb").Tar();

        var applied = await _fixture.ApplyAsync(tar[..^1024], DiffFixture.Bind(root), MediaTypes.OciLayer);

        Assert.Equal(Digest.Sha256(tar.AsSpan(0, tar.Length - 1024)), applied.Digest);
        Assert.Equal("bb", File.ReadAllText(Path.Join(root, "b")));
    }

    [Fact]
    public async Task Apply_PlainTarCutInsideAnEntry_IsInvalidArgumentAndLeavesNothing()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        byte[] tar = new LayerBuilder().File("a", "a").File("b", new string('b', 3000)).Tar();

        await Assert.ThrowsAsync<Core.Errors.InvalidArgumentException>(() => _fixture.ApplyAsync(tar[..2500], DiffFixture.Bind(root), MediaTypes.OciLayer));

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public async Task Apply_MissingTargetFolder_IsNotFound()
    {
        string missing = Path.Join(_fixture.Path, "missing");

        await Assert.ThrowsAsync<Core.Errors.NotFoundException>(() => _fixture.ApplyAsync(new LayerBuilder().File("f", "x").Tar(), DiffFixture.Bind(missing)));

        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Apply_ReadOnlyMount_IsInvalidArgument()
    {
        string root = _fixture.Folder("root");
        var mounts = new[] { new Core.Mounts.Mount("bind", root, ["rbind", "ro"]) };

        await Assert.ThrowsAsync<Core.Errors.InvalidArgumentException>(() => _fixture.ApplyAsync(new LayerBuilder().File("f", "x").Tar(), mounts));
    }

    [Fact]
    public async Task Apply_UnknownMediaType_IsUnimplemented()
    {
        string root = _fixture.Folder("root");
        var layer = _fixture.Store(new LayerBuilder().File("f", "x").Tar(), "application/vnd.example.encrypted");

        await Assert.ThrowsAsync<Core.Errors.UnimplementedException>(async () => await _fixture.Service.ApplyAsync(layer, DiffFixture.Bind(root), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Apply_TempMountOfTwoBinds_AppliesIntoTheMountedFolder()
    {
        DiffFixture.RequireRoot();
        string source = _fixture.Folder("source");
        var mounts = new[] { new Core.Mounts.Mount("bind", source, ["bind"]), new Core.Mounts.Mount("bind", source, ["bind"]) };

        await _fixture.ApplyAsync(new LayerBuilder().File("through/the/mount", "m").Gzip(), mounts);

        Assert.Equal("m", File.ReadAllText(Path.Join(source, "through/the/mount")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_fixture.Scratch));
    }
}
