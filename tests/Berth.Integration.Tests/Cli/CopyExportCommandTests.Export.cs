using System.Formats.Tar;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

public sealed partial class CopyExportCommandTests
{
    [Fact]
    public async Task Export_AndVolumesOfAStoppedContainer_AreItsFiles()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "vols", "-v", $"{session.Namespace}-data:/vol", session.Image, "sh", "-c",
            "echo in > /vol/inside && echo root > /rootfile && sleep 600");
        await WaitForAsync(session, "vols", "/rootfile");
        var running = await ReadAsync(session, "vols", export: true);
        await session.OkAsync("stop", "-t", "0", "vols");

        // A stopped container's volume is mounted for the copy, both ways.
        await session.OkAsync("cp", Path.Join(LocalTree(), "file"), "vols:/vol/copied");
        var volume = await ReadAsync(session, "vols:/vol");
        Assert.Equal("in\n", volume["vol/inside"].Data);
        AssertFile(volume, "vol/copied", 0b110_100_000, 1234, 5678, "hello\n");

        // export: the root filesystem only, for a running and a stopped container alike.
        string file = _dir.Combine("vols.tar");
        await session.OkAsync("export", "-o", file, "vols");
        await using var tar = File.OpenRead(file);
        var stopped = new Dictionary<string, TarEntryType>(StringComparer.Ordinal);
        await using (var reader = new TarReader(tar))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                stopped[entry.Name] = entry.EntryType;
            }
        }

        foreach (var tree in new[] { running.ToDictionary(e => e.Key, e => e.Value.EntryType), stopped })
        {
            Assert.Equal(TarEntryType.RegularFile, tree["bin/busybox"]);
            Assert.Equal(TarEntryType.RegularFile, tree["rootfile"]);
            Assert.DoesNotContain(tree.Keys, name => name.StartsWith("vol/", StringComparison.Ordinal) && name.Length > 4);
            Assert.DoesNotContain(tree.Keys, name => name.StartsWith("proc/", StringComparison.Ordinal) && name.Length > 5);
        }

        Assert.Empty(LeftMounts());
    }
}
