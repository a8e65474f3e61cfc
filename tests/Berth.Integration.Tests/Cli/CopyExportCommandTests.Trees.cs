using System.Formats.Tar;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Cli;

public sealed partial class CopyExportCommandTests
{
    // file (0640, 1234:5678), dir/{a (04755, 1234:5678), sub/b, link -> a}, flink -> file.
    private string LocalTree()
    {
        string root = _dir.Combine("src");
        Directory.CreateDirectory(Path.Join(root, "dir", "sub"));
        File.WriteAllText(Path.Join(root, "file"), "hello\n");
        File.WriteAllText(Path.Join(root, "dir", "a"), "x\n");
        File.WriteAllText(Path.Join(root, "dir", "sub", "b"), "y\n");
        File.CreateSymbolicLink(Path.Join(root, "dir", "link"), "a");
        File.CreateSymbolicLink(Path.Join(root, "flink"), "file");
        Chown(Path.Join(root, "file"), 1234, 5678);
        Chown(Path.Join(root, "dir", "a"), 1234, 5678);
        File.SetUnixFileMode(Path.Join(root, "file"), (UnixFileMode)0b110_100_000);
        File.SetUnixFileMode(Path.Join(root, "dir", "a"), (UnixFileMode)0b100_111_101_101);
        File.SetUnixFileMode(Path.Join(root, "dir", "sub", "b"), (UnixFileMode)0b110_100_100);
        return root;
    }

    private static void Chown(string path, int uid, int gid)
        => ProcessRunner.RunAsync("chown", [$"{uid}:{gid}", path]).GetAwaiter().GetResult().EnsureSuccess("chown");

    // `berth cp CONTAINER:PATH -` (or `berth export` with no path) read back: entry name → entry with its data.
    private async Task<Dictionary<string, (TarEntryType EntryType, int Mode, int Uid, int Gid, string LinkName, string Data)>> ReadAsync(
        ContainerCliSession session, string source, bool export = false)
    {
        string tar = _dir.Combine($"read-{Guid.NewGuid():N}.tar");
        string command = export ? $"export '{source}'" : $"cp '{source}' -";
        var result = await ProcessRunner.RunAsync("/bin/sh",
            ["-c", $"exec '{BerthBinaries.Cli}' --address '{session.Daemon.Address}' --namespace '{session.Namespace}' {command} > '{tar}'"]);
        ContainerCliSession.Expect(0, result);
        var entries = new Dictionary<string, (TarEntryType, int, int, int, string, string)>(StringComparer.Ordinal);
        await using var file = File.OpenRead(tar);
        await using var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            string data = entry.DataStream is { } stream ? await new StreamReader(stream).ReadToEndAsync() : string.Empty;
            entries[entry.Name.TrimEnd('/')] = (entry.EntryType, (int)entry.Mode, entry.Uid, entry.Gid, entry.LinkName, data);
        }

        return entries;
    }

    private static void AssertFile(Dictionary<string, (TarEntryType EntryType, int Mode, int Uid, int Gid, string LinkName, string Data)> tree,
        string name, int mode, int uid, int gid, string data)
    {
        Assert.True(tree.TryGetValue(name, out var entry), $"{name} is missing; have {string.Join(", ", tree.Keys)}");
        Assert.Equal((TarEntryType.RegularFile, Convert.ToString(mode, 8), uid, gid, data),
            (entry.EntryType, Convert.ToString(entry.Mode, 8), entry.Uid, entry.Gid, entry.Data));
    }
}
