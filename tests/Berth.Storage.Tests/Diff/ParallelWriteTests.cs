using System.Runtime.Versioning;
using Berth.Linux;
using Berth.Oci;
using Berth.Storage.Diff.Apply;

namespace Berth.Storage.Tests.Diff;

/// <summary>
/// Small files are created on <see cref="FileWriters"/> while the applier reads on: entries of the same layer that
/// touch a file still being written must see it written, as a one-thread apply would.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ParallelWriteTests : IDisposable
{
    private readonly DiffFixture _fixture = new();
    private readonly LinuxSyscalls _syscalls = LinuxSyscalls.Instance;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Apply_LaterEntriesOfTheSameLayerOnAFileJustWritten_SeeItWritten()
    {
        DiffFixture.RequireRoot();
        Assert.True(FileWriters.DefaultWorkers > 0 || Environment.ProcessorCount == 1);
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder();
        for (int i = 0; i < 300; i++)
        {
            layer.File($"many/{i % 7}/f{i}", new string('x', i * 37), mode: 0x1a4, uid: i % 5);
        }

        layer.File("twice", "first").File("twice", "second", mode: 0x180)
            .File("target", "linked").HardLink("link", "target")
            .File("gone", "g").Whiteout(".wh.gone")
            .File("was-file", "f").Folder("was-file/", 0x1c0).File("was-file/inner", "i")
            .File("kept/a", "a").Whiteout("kept/.wh..wh..opq").File("kept/b", "b");

        await _fixture.ApplyAsync(layer.Gzip(), DiffFixture.Bind(root));

        for (int i = 0; i < 300; i++)
        {
            string path = Path.Join(root, $"many/{i % 7}/f{i}");
            Assert.Equal(i * 37, new FileInfo(path).Length);
            Assert.Equal(i % 5, _syscalls.Lstat(path)!.Uid);
        }

        Assert.Equal(("second", 0x180), (File.ReadAllText(Path.Join(root, "twice")), _syscalls.Lstat(Path.Join(root, "twice"))!.Mode));
        Assert.Equal(_syscalls.Lstat(Path.Join(root, "target"))!.Inode, _syscalls.Lstat(Path.Join(root, "link"))!.Inode);
        Assert.False(File.Exists(Path.Join(root, "gone")));
        Assert.Equal(FileKind.Directory, _syscalls.Lstat(Path.Join(root, "was-file"))!.Kind);
        Assert.Equal("i", File.ReadAllText(Path.Join(root, "was-file/inner")));
        Assert.Equal(["a", "b"], Directory.EnumerateFileSystemEntries(Path.Join(root, "kept")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Apply_CutAfterManySmallFiles_LeavesNothingBehind()
    {
        DiffFixture.RequireRoot();
        string root = _fixture.Folder("root");
        var layer = new LayerBuilder();
        for (int i = 0; i < 500; i++)
        {
            layer.File($"d{i % 11}/f{i}", new string('y', 100 + i));
        }

        byte[] tar = layer.File("last", new string('z', 5000)).Tar();

        await Assert.ThrowsAsync<Core.Errors.InvalidArgumentException>(
            () => _fixture.ApplyAsync(tar[..(tar.Length - 4096)], DiffFixture.Bind(root), MediaTypes.OciLayer));

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }
}
