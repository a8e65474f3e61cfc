using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Linux;

namespace Berth.Storage.Snapshots.Storage;

/// <summary>
/// Measures a snapshot's folder: the bytes of its regular files and its number of inodes (the folder itself
/// included), each inode counted once however many hard links lead to it.
/// </summary>
internal static class DiskUsage
{
    public static SnapshotUsage Measure(string root, ISyscalls syscalls, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(ulong Device, ulong Inode)>();
        long size = 0;
        if (syscalls.Lstat(root) is null)
        {
            throw new NotFoundException($"folder {root} of the snapshot is missing: remove the snapshot and create it again");
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = syscalls.Lstat(path);
            if (status is null || !seen.Add((status.Device, status.Inode)))
            {
                // Gone since the folder was listed, or another link to an inode already counted.
                continue;
            }

            if (status.Kind == FileKind.Regular)
            {
                size += status.Size;
            }
            else if (status.Kind == FileKind.Directory)
            {
                foreach (string child in Directory.EnumerateFileSystemEntries(path, "*", SnapshotFolders.AllEntries))
                {
                    pending.Push(child);
                }
            }
        }

        return new SnapshotUsage(size, seen.Count);
    }
}
