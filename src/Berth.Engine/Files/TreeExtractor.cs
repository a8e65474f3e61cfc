using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Files;

/// <summary>
/// Unpacks a tar into a folder of a container's root as dockerd does in a chroot: each entry's parent is resolved within
/// the root (so a symlink in the container leads where it would for the container), names that climb out of the folder
/// are refused, and entries keep their owners (or <see cref="Owner"/>), modes, times, links and devices.
/// </summary>
internal sealed class TreeExtractor(ISyscalls syscalls, string root, string folder)
{
    /// <summary>The owner every entry gets (<c>cp -a</c> into a container with a user); null keeps the entries' own.</summary>
    public (int Uid, int Gid)? Owner { get; init; }

    /// <summary>Whether a folder may be replaced by a file or the other way round.</summary>
    public bool AllowOverwriteDirWithFile { get; init; }

    public async ValueTask ExtractAsync(Stream source, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(source, leaveOpen: true);
        // Folder times are set last: the entries written into a folder change its time.
        var folders = new List<(string Path, DateTimeOffset ModifiedAt)>();
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (EntryName.Clean(entry.Name) is not { } relative)
            {
                continue;
            }

            string parent = ScopedPath.Resolve(syscalls, root, ScopedPath.Parent(ScopedPath.Combine(folder, relative)), followLast: true);
            string hostParent = ScopedPath.HostPath(root, parent);
            Directory.CreateDirectory(hostParent);
            string target = Path.Join(hostParent, Path.GetFileName(relative));
            if (!Replace(target, entry.EntryType == TarEntryType.Directory, relative))
            {
                continue; // no such type here: a global pax header and the like
            }

            await WriteAsync(entry, target, relative, cancellationToken);
            if (entry.EntryType == TarEntryType.Directory)
            {
                folders.Add((target, entry.ModificationTime));
            }
        }

        for (int i = folders.Count - 1; i >= 0; i--)
        {
            syscalls.SetTimes(folders[i].Path, folders[i].ModifiedAt, folders[i].ModifiedAt);
        }
    }

    // Makes room for the entry; false when what is there stays (a folder over a folder merges).
    private bool Replace(string target, bool isFolder, string name)
    {
        if (syscalls.Lstat(target) is not { } existing)
        {
            return true;
        }

        bool existingFolder = existing.Kind == FileKind.Directory;
        if (existingFolder && isFolder)
        {
            return true;
        }

        if (!AllowOverwriteDirWithFile && existingFolder != isFolder)
        {
            throw new InvalidArgumentException(existingFolder
                ? $"cannot overwrite directory \"{target[root.Length..]}\" with non-directory \"{name}\""
                : $"cannot overwrite non-directory \"{target[root.Length..]}\" with directory \"{name}\"");
        }

        if (existingFolder)
        {
            Directory.Delete(target, recursive: true);
        }
        else
        {
            File.Delete(target);
        }

        return true;
    }

    private async ValueTask WriteAsync(TarEntry entry, string target, string relative, CancellationToken cancellationToken)
    {
        int mode = (int)entry.Mode;
        var (uid, gid) = Owner ?? (entry.Uid, entry.Gid);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (!Directory.Exists(target))
                {
                    Directory.CreateDirectory(target);
                }

                syscalls.Lchown(target, uid, gid);
                File.SetUnixFileMode(target, (UnixFileMode)mode);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                await using (var file = new FileStream(syscalls.CreateExclusive(target, mode & 0x1FF), FileAccess.Write))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(file, cancellationToken);
                    }

                    await file.FlushAsync(cancellationToken);
                    // chown clears setuid and setgid: the mode goes after it.
                    syscalls.Chown(file.SafeFileHandle, uid, gid);
                    syscalls.Chmod(file.SafeFileHandle, mode);
                    syscalls.SetTimes(file.SafeFileHandle, entry.ModificationTime, entry.ModificationTime);
                }

                break;
            case TarEntryType.SymbolicLink:
                File.CreateSymbolicLink(target, entry.LinkName);
                syscalls.Lchown(target, uid, gid);
                syscalls.SetTimes(target, entry.ModificationTime, entry.ModificationTime);
                break;
            case TarEntryType.HardLink:
                string linked = EntryName.Clean(entry.LinkName)
                    ?? throw new InvalidArgumentException($"invalid hard link {relative}: it names no file of the archive");
                string existing = ScopedPath.Resolve(syscalls, root, ScopedPath.Combine(folder, linked), followLast: false);
                syscalls.Link(ScopedPath.HostPath(root, existing), target);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var kind = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => FileKind.CharDevice,
                    TarEntryType.BlockDevice => FileKind.BlockDevice,
                    _ => FileKind.Fifo,
                };
                var (major, minor) = entry is PosixTarEntry posix ? ((uint)posix.DeviceMajor, (uint)posix.DeviceMinor) : (0u, 0u);
                syscalls.MakeNode(target, kind, mode, major, minor);
                syscalls.Lchown(target, uid, gid);
                File.SetUnixFileMode(target, (UnixFileMode)mode);
                syscalls.SetTimes(target, entry.ModificationTime, entry.ModificationTime);
                break;
        }
    }
}
