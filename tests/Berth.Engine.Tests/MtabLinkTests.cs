using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Engine.Tests;

public sealed class MtabLinkTests
{
    private static readonly LinuxSyscalls Syscalls = LinuxSyscalls.Instance;

    [Fact]
    public void Overlay_ImageWithoutMtab_LinksItInTheUpperLayerWithTheImagesEtcMode()
    {
        using var dir = new TempDirectory("mtab");
        string upper = Folder(dir, "upper"), top = Folder(dir, "top"), bottom = Folder(dir, "bottom");
        Directory.CreateDirectory(Path.Join(bottom, "etc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        Syscalls.Lchown(Path.Join(bottom, "etc"), 0, 4);

        MtabLink.Add(Syscalls, [Overlay(upper, top, bottom)]);

        var link = new FileInfo(Path.Join(upper, "etc", "mtab"));
        Assert.Equal("/proc/mounts", link.LinkTarget);
        var etc = Syscalls.Lstat(Path.Join(upper, "etc"))!;
        Assert.Equal((0b111_101_000, 0, 4), (etc.Mode & 0xFFF, etc.Uid, etc.Gid));
    }

    [Fact]
    public void Overlay_ImageWithMtab_LeavesTheLayerAlone()
    {
        using var dir = new TempDirectory("mtab");
        string upper = Folder(dir, "upper"), lower = Folder(dir, "lower");
        Directory.CreateDirectory(Path.Join(lower, "etc"));
        File.WriteAllText(Path.Join(lower, "etc", "mtab"), "image's own\n");

        MtabLink.Add(Syscalls, [Overlay(upper, lower)]);

        Assert.Empty(Directory.EnumerateFileSystemEntries(upper));
    }

    [Fact]
    public void Overlay_EtcIsNotAFolder_LeavesTheLayerAlone()
    {
        using var dir = new TempDirectory("mtab");
        string upper = Folder(dir, "upper"), lower = Folder(dir, "lower");
        File.CreateSymbolicLink(Path.Join(lower, "etc"), "/elsewhere");

        MtabLink.Add(Syscalls, [Overlay(upper, lower)]);

        Assert.Empty(Directory.EnumerateFileSystemEntries(upper));
    }

    [Fact]
    public void Bind_FirstLayerSnapshot_LinksInItsFolder()
    {
        using var dir = new TempDirectory("mtab");
        string root = Folder(dir, "root");

        MtabLink.Add(Syscalls, [new Mount("bind", root, ["rbind", "rw"])]);

        Assert.Equal("/proc/mounts", new FileInfo(Path.Join(root, "etc", "mtab")).LinkTarget);
    }

    private static Mount Overlay(string upper, params string[] lowers)
        => new("overlay", "overlay", [$"upperdir={upper}", $"workdir={upper}-work", $"lowerdir={string.Join(':', lowers)}"]);

    private static string Folder(TempDirectory dir, string name) => Directory.CreateDirectory(dir.Combine(name)).FullName;
}
