using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using Berth.Core.Diff;
using Berth.Linux;
using Berth.Oci;
using Berth.Storage.Diff;

namespace Berth.Storage.Tests.Diff;

[SupportedOSPlatform("linux")]
public sealed class DiffServiceCompareTests : IDisposable
{
    private static readonly byte[] Capability = [0x01, 0x00, 0x00, 0x02, 0x80, 0x0a, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly DiffFixture _fixture = new();
    private readonly LinuxSyscalls _syscalls = LinuxSyscalls.Instance;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Compare_ThenApply_ReproducesTheUpperTree()
    {
        DiffFixture.RequireRoot();
        var (lower, upper) = await LowerAndChangedUpperAsync();
        string target = _fixture.Folder("target");
        TreeTools.CopyTree(lower, target);

        var layer = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), DiffFixture.Bind(upper), cancellationToken: TestContext.Current.CancellationToken);
        await _fixture.Service.ApplyAsync(layer, DiffFixture.Bind(target), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TreeSnapshot.Take(upper, includeRoot: false), TreeSnapshot.Take(target, includeRoot: false));
    }

    [Fact]
    public async Task Compare_Deletions_AreWhiteoutsAfterTheirParentFolders()
    {
        DiffFixture.RequireRoot();
        var (lower, upper) = await LowerAndChangedUpperAsync();

        var layer = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), DiffFixture.Bind(upper), cancellationToken: TestContext.Current.CancellationToken);

        var names = EntryNames(Decompress(_fixture.Content.Get(layer.Digest)));
        Assert.Contains("etc/.wh.motd", names);
        Assert.Contains("var/.wh.cache", names);
        Assert.DoesNotContain(names, name => name.StartsWith("var/cache/", StringComparison.Ordinal));
        Assert.True(names.IndexOf("etc/") < names.IndexOf("etc/.wh.motd"));
        Assert.DoesNotContain("bin/tool", names);
        Assert.All(names, name => Assert.False(name.StartsWith('/') || name.StartsWith("./", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Compare_SameChangeTwice_GivesTheSameDigest()
    {
        DiffFixture.RequireRoot();
        var (lower, upper) = await LowerAndChangedUpperAsync();
        string upperCopy = _fixture.Folder("upper-copy");
        TreeTools.CopyTree(upper, upperCopy);

        var first = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), DiffFixture.Bind(upper), cancellationToken: TestContext.Current.CancellationToken);
        var second = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), DiffFixture.Bind(upperCopy),
            new DiffCompareOptions { Ref = "second" }, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Equal(0, _fixture.Content.IngestCount);
    }

    [Theory]
    [InlineData(MediaTypes.OciLayerGzip)]
    [InlineData(MediaTypes.OciLayerZstd)]
    [InlineData(MediaTypes.OciLayer)]
    [InlineData(MediaTypes.DockerLayerGzip)]
    public async Task Compare_MediaType_PicksCompressionAndLabelsTheUncompressedDigest(string mediaType)
    {
        DiffFixture.RequireRoot();
        var (lower, upper) = await LowerAndChangedUpperAsync();
        var options = new DiffCompareOptions { MediaType = mediaType, Labels = new Dictionary<string, string> { ["origin"] = "test" } };

        var layer = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), DiffFixture.Bind(upper), options, TestContext.Current.CancellationToken);

        byte[] blob = _fixture.Content.Get(layer.Digest);
        var info = await _fixture.Content.InfoAsync(layer.Digest, TestContext.Current.CancellationToken);
        Assert.Equal(new Descriptor(mediaType, Digest.Sha256(blob), blob.Length), layer);
        Assert.Equal(Digest.Sha256(Decompress(blob)).ToString(), info.Labels[DiffService.UncompressedLabel]);
        Assert.Equal("test", info.Labels["origin"]);
        byte[] magic = MediaTypes.CompressionOf(mediaType) switch
        {
            LayerCompression.Gzip => [0x1f, 0x8b],
            LayerCompression.Zstd => [0x28, 0xb5, 0x2f, 0xfd],
            _ => blob[..2],
        };
        Assert.Equal(magic, blob[..magic.Length]);
    }

    [Fact]
    public async Task Compare_UnknownMediaType_IsUnimplemented()
    {
        await Assert.ThrowsAsync<Core.Errors.UnimplementedException>(async () => await _fixture.Service.CompareAsync(
            [], DiffFixture.Bind(_fixture.Folder("u")), new DiffCompareOptions { MediaType = "application/x-bzip2" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Compare_NoLowerMounts_PutsTheWholeUpperInTheLayer()
    {
        DiffFixture.RequireRoot();
        string upper = _fixture.Folder("upper");
        TreeTools.Write(Path.Join(upper, "a/b"), "b", LayerBuilder.Time);
        TreeTools.WholeSecondTimes(upper);

        var layer = await _fixture.Service.CompareAsync([], DiffFixture.Bind(upper), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["a/", "a/b"], EntryNames(Decompress(_fixture.Content.Get(layer.Digest))));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_fixture.Scratch));
    }

    [Fact]
    public async Task Compare_ActiveOverlaySnapshot_DiffsItsMergedView()
    {
        DiffFixture.RequireRoot();
        string lower = _fixture.Folder("lower");
        await _fixture.ApplyAsync(BaseLayer().Gzip(), DiffFixture.Bind(lower));
        TreeTools.WholeSecondTimes(lower);
        string upper = _fixture.Folder("upper"), work = _fixture.Folder("work"), mounted = _fixture.Folder("mounted");
        _syscalls.Mount("overlay", mounted, "overlay", MountFlags.None, $"lowerdir={lower},upperdir={upper},workdir={work}");
        try
        {
            File.Delete(Path.Join(mounted, "etc/motd"));
            Directory.Delete(Path.Join(mounted, "var/cache"), recursive: true);
            TreeTools.Write(Path.Join(mounted, "var/cache/fresh"), "fresh");
            TreeTools.Write(Path.Join(mounted, "etc/hosts"), "changed through the overlay");
            File.AppendAllText(Path.Join(mounted, "opt/app"), " and more");
            TreeTools.WholeSecondTimes(mounted);
        }
        finally
        {
            _syscalls.Unmount(mounted);
        }

        var overlay = new[] { new Core.Mounts.Mount("overlay", "overlay", [$"workdir={work}", $"upperdir={upper}", $"lowerdir={lower}"]) };
        var layer = await _fixture.Service.CompareAsync(DiffFixture.Bind(lower), overlay, cancellationToken: TestContext.Current.CancellationToken);
        string target = _fixture.Folder("target");
        TreeTools.CopyTree(lower, target);
        await _fixture.Service.ApplyAsync(layer, DiffFixture.Bind(target), cancellationToken: TestContext.Current.CancellationToken);

        _syscalls.Mount("overlay", mounted, "overlay", MountFlags.ReadOnly, $"lowerdir={upper}:{lower}");
        try
        {
            Assert.Equal(TreeSnapshot.Take(mounted, includeRoot: false, folderLinks: false), TreeSnapshot.Take(target, includeRoot: false, folderLinks: false));
        }
        finally
        {
            _syscalls.Unmount(mounted);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_fixture.Scratch));
    }

    private static LayerBuilder BaseLayer() => new LayerBuilder()
        .Folder("etc/").File("etc/passwd", "root:x:0:0").File("etc/motd", "hi").File("etc/hosts", "127.0.0.1")
        .File("etc/same-size", "aaaa").Symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
        .Folder("var/").Folder("var/cache/").File("var/cache/a", "a").Folder("var/cache/deep/").File("var/cache/deep/b", "b")
        .Folder("opt/").File("opt/app", "app", mode: 0x1ed).Folder("opt/plugins/").File("opt/plugins/p", "p")
        .File("srv", "file").File("bin/tool", "tool").HardLink("bin/tool-link", "bin/tool").File("bin/lonely", "l");

    // A lower tree and a copy of it changed in every way a layer can express.
    private async Task<(string Lower, string Upper)> LowerAndChangedUpperAsync()
    {
        string lower = _fixture.Folder("lower");
        await _fixture.ApplyAsync(BaseLayer().Gzip(), DiffFixture.Bind(lower));
        TreeTools.WholeSecondTimes(lower);
        string upper = _fixture.Folder("upper");
        TreeTools.CopyTree(lower, upper);

        File.Delete(Path.Join(upper, "etc/motd"));
        Directory.Delete(Path.Join(upper, "var/cache"), recursive: true);
        TreeTools.Write(Path.Join(upper, "etc/hosts"), "10.0.0.1 host");
        TreeTools.Write(Path.Join(upper, "etc/same-size"), "bbbb", LayerBuilder.Time);          // same size and mtime: content decides
        File.SetUnixFileMode(Path.Join(upper, "opt/app"), (UnixFileMode)0x9ed);
        _syscalls.Lchown(Path.Join(upper, "etc/passwd"), 0, 42);
        File.Delete(Path.Join(upper, "etc/localtime"));
        File.CreateSymbolicLink(Path.Join(upper, "etc/localtime"), "/usr/share/zoneinfo/CET");
        Directory.Delete(Path.Join(upper, "opt/plugins"), recursive: true);
        TreeTools.Write(Path.Join(upper, "opt/plugins"), "a file where a folder was");
        File.Delete(Path.Join(upper, "srv"));
        TreeTools.Write(Path.Join(upper, "srv/index.html"), "<html/>");
        TreeTools.Write(Path.Join(upper, "bin/new"), "new");
        _syscalls.Link(Path.Join(upper, "bin/new"), Path.Join(upper, "bin/new-link"));
        _syscalls.Link(Path.Join(upper, "bin/lonely"), Path.Join(upper, "bin/lonely-link"));
        File.Delete(Path.Join(upper, "bin/tool-link"));
        _syscalls.MakeNode(Path.Join(upper, "bin/pipe"), FileKind.Fifo, 0x180, 0, 0);
        TreeTools.Write(Path.Join(upper, "bin/capable"), "cap");
        _syscalls.SetXattr(Path.Join(upper, "bin/capable"), "security.capability", Capability);
        _syscalls.SetXattr(Path.Join(upper, "bin/capable"), "user.note", "n"u8);
        _syscalls.SetXattr(Path.Join(upper, "opt"), "user.folder", "f"u8);
        TreeTools.WholeSecondTimes(upper);
        return (lower, upper);
    }

    private static byte[] Decompress(byte[] blob)
    {
        if (blob is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(blob), CompressionMode.Decompress);
            var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }

        if (blob is [0x28, 0xb5, 0x2f, 0xfd, ..])
        {
            using var zstd = new ZstdSharp.Decompressor();
            return zstd.Unwrap(blob).ToArray();
        }

        return blob;
    }

    private static List<string> EntryNames(byte[] tar)
    {
        var names = new List<string>();
        // Through the tap: System.Formats.Tar alone refuses the newline in the capability value.
        using var reader = new TarReader(new Berth.Storage.Diff.Tar.TarStreamTap(new MemoryStream(tar)));
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
