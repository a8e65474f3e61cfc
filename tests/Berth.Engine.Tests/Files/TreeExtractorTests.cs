using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Engine.Files;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Engine.Tests.Files;

/// <summary>Tars unpacked into a container's root and written back: owners, modes, links and the root's bounds.</summary>
public sealed class TreeExtractorTests : IDisposable
{
    private const UnixFileMode SetuidExecutable = (UnixFileMode)0b100_111_101_101;

    private readonly TempDirectory _root = new("extract");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Extract_ThenArchive_KeepsOwnersModesLinksAndHardLinks()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "chown needs root");
        Directory.CreateDirectory(_root.Combine("dest"));
        var tar = await TarAsync(
            new PaxTarEntry(TarEntryType.Directory, "d/") { Mode = (UnixFileMode)0b111_101_000, Uid = 7, Gid = 8 },
            File("d/f", "data", SetuidExecutable, 1234, 5678),
            new PaxTarEntry(TarEntryType.SymbolicLink, "d/l") { LinkName = "f" },
            new PaxTarEntry(TarEntryType.HardLink, "d/h") { LinkName = "d/f" });

        await new TreeExtractor(LinuxSyscalls.Instance, _root.Path, "/dest").ExtractAsync(tar, CancellationToken.None);

        var written = LinuxSyscalls.Instance.Lstat(_root.Combine("dest", "d", "f"))!;
        Assert.Equal((0b100_111_101_101, 1234, 5678, 2u), (written.Mode, written.Uid, written.Gid, written.Links));
        Assert.Equal((7, 8, 0b111_101_000), (LinuxSyscalls.Instance.Lstat(_root.Combine("dest", "d"))!.Uid,
            LinuxSyscalls.Instance.Lstat(_root.Combine("dest", "d"))!.Gid, LinuxSyscalls.Instance.Lstat(_root.Combine("dest", "d"))!.Mode));
        Assert.Equal("f", new FileInfo(_root.Combine("dest", "d", "l")).LinkTarget);

        var back = new MemoryStream();
        await using (var writer = new TarWriter(back, TarEntryFormat.Pax, leaveOpen: true))
        {
            await new TreeArchiver(LinuxSyscalls.Instance, writer).AddTreeAsync(_root.Combine("dest", "d"), "d", CancellationToken.None);
        }

        back.Position = 0;
        var entries = new List<string>();
        await using var reader = new TarReader(back);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            entries.Add($"{entry.Name} {entry.EntryType} {Convert.ToString((int)entry.Mode, 8)} {entry.Uid}:{entry.Gid} {entry.LinkName}");
        }

        Assert.Equal(["d/ Directory 750 7:8 ", "d/f RegularFile 4755 1234:5678 ", "d/h HardLink 4755 1234:5678 d/f", "d/l SymbolicLink 777 0:0 f"],
            entries);
    }

    [Fact]
    public async Task Extract_ThroughAnAbsoluteLink_StaysInTheRoot()
    {
        Directory.CreateDirectory(_root.Combine("dest"));
        System.IO.File.CreateSymbolicLink(_root.Combine("dest", "esc"), "/");

        await new TreeExtractor(LinuxSyscalls.Instance, _root.Path, "/dest").ExtractAsync(await TarAsync(File("esc/tmp-berth-x", "x")), CancellationToken.None);

        Assert.Equal("x", System.IO.File.ReadAllText(_root.Combine("tmp-berth-x")));
        Assert.False(System.IO.File.Exists("/tmp-berth-x"));
    }

    [Fact]
    public async Task Extract_NameClimbingOut_IsRefused()
    {
        Directory.CreateDirectory(_root.Combine("dest"));

        await Assert.ThrowsAsync<InvalidArgumentException>(async () =>
            await new TreeExtractor(LinuxSyscalls.Instance, _root.Path, "/dest").ExtractAsync(await TarAsync(File("../x", "x")), CancellationToken.None));

        Assert.False(System.IO.File.Exists(_root.Combine("x")));
    }

    [Fact]
    public async Task Extract_FileOverFolder_IsRefusedAndKeepsTheFolder()
    {
        Directory.CreateDirectory(_root.Combine("dest", "d"));
        System.IO.File.WriteAllText(_root.Combine("dest", "d", "kept"), "k");

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(async () =>
            await new TreeExtractor(LinuxSyscalls.Instance, _root.Path, "/dest").ExtractAsync(await TarAsync(File("d", "x")), CancellationToken.None));

        Assert.Equal("cannot overwrite directory \"/dest/d\" with non-directory \"d\"", error.Message);
        Assert.Equal("k", System.IO.File.ReadAllText(_root.Combine("dest", "d", "kept")));
    }

    private static PaxTarEntry File(string name, string data, UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0, int gid = 0)
        => new(TarEntryType.RegularFile, name) { Mode = mode, Uid = uid, Gid = gid, DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)) };

    private static async Task<MemoryStream> TarAsync(params PaxTarEntry[] entries)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                await writer.WriteEntryAsync(entry);
            }
        }

        tar.Position = 0;
        return tar;
    }
}
