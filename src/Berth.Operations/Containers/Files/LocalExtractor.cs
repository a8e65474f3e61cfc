using System.Formats.Tar;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

/// <summary>
/// Unpacks a container's tar into a local folder by a <see cref="CopyPlan"/>, as docker's client does: modes, times and
/// symlinks kept, owners not (the files belong to whoever runs the command), a folder never replaced by a file nor the
/// other way round. A hard link becomes a copy of the file it names; devices and FIFOs are left out.
/// </summary>
internal sealed class LocalExtractor(CopyPlan plan)
{
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    public async Task ExtractAsync(Stream source, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(source, leaveOpen: true);
        var folders = new List<(string Path, DateTimeOffset ModifiedAt)>();
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (plan.Rename(entry.Name) is not { } name)
            {
                continue;
            }

            if (name.Split('/').Contains(".."))
            {
                throw new ClientException($"invalid tar entry {entry.Name}: it leads outside {plan.Folder}");
            }

            string target = Path.Join(plan.Folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (entry.EntryType == TarEntryType.Directory)
            {
                MakeFolder(target, entry);
                folders.Add((target, entry.ModificationTime));
                continue;
            }

            await WriteAsync(entry, target, name, cancellationToken);
        }

        for (int i = folders.Count - 1; i >= 0; i--)
        {
            Directory.SetLastWriteTimeUtc(folders[i].Path, folders[i].ModifiedAt.UtcDateTime);
        }
    }

    private static void MakeFolder(string target, TarEntry entry)
    {
        var existing = new FileInfo(target);
        if (existing.LinkTarget is null && Directory.Exists(target))
        {
            File.SetUnixFileMode(target, entry.Mode); // merged into the folder there, which takes the copy's mode
            return;
        }

        if (existing.Exists || existing.LinkTarget is not null)
        {
            throw new ClientException($"cannot overwrite non-directory \"{target}\" with directory \"{entry.Name}\"");
        }

        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, entry.Mode);
    }

    private async Task WriteAsync(TarEntry entry, string target, string name, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target) && new FileInfo(target).LinkTarget is null)
        {
            throw new ClientException($"cannot overwrite directory \"{target}\" with non-directory \"{entry.Name}\"");
        }

        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                File.Delete(target);
                await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(file, cancellationToken);
                    }
                }

                Finish(target, entry);
                _written[name] = target;
                break;
            case TarEntryType.SymbolicLink:
                File.Delete(target);
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
            case TarEntryType.HardLink when plan.Rename(entry.LinkName) is { } linked && _written.TryGetValue(linked, out string? first):
                File.Copy(first, target, overwrite: true);
                Finish(target, entry);
                break;
        }
    }

    // chmod after the data (and not through the umask), so setuid and setgid bits survive as docker's client keeps them.
    private static void Finish(string target, TarEntry entry)
    {
        File.SetUnixFileMode(target, entry.Mode);
        File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
    }
}
