using Berth.Linux;
using Berth.Storage.Diff.FileSystem;

namespace Berth.Storage.Diff.Compare;

/// <summary>
/// Walks the lower and the upper tree side by side and reports what changed (continuity's doubleWalkDiff): the
/// content of a deleted folder, or of a folder replaced by a file, is not reported one path at a time.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ChangeWalker(ISyscalls syscalls)
{
    /// <summary>The xattrs that describe a file; overlayfs' own ones are bookkeeping, not content.</summary>
    public static bool IsContentXattr(string name) => !name.StartsWith("trusted.overlay.", StringComparison.Ordinal);

    public IEnumerable<Change> Changes(string lowerRoot, string upperRoot, CancellationToken cancellationToken)
    {
        using var lower = TreeWalker.Walk(syscalls, lowerRoot, cancellationToken).GetEnumerator();
        using var upper = TreeWalker.Walk(syscalls, upperRoot, cancellationToken).GetEnumerator();
        TreeNode? before = Next(lower), after = Next(upper);
        string? removedFolder = null;
        while (before is not null || after is not null)
        {
            int order = before is null ? 1 : after is null ? -1 : PathOrder.Instance.Compare(before.Path, after.Path);
            if (order > 0)
            {
                removedFolder = null;
                yield return new Change(ChangeKind.Add, after!.Path, after);
                after = Next(upper);
                continue;
            }

            if (order < 0)
            {
                bool inRemovedFolder = removedFolder is not null && before!.Path.StartsWith(removedFolder, StringComparison.Ordinal);
                if (!inRemovedFolder)
                {
                    removedFolder = before!.Status.Kind == FileKind.Directory ? before.Path + "/" : null;
                    yield return new Change(ChangeKind.Delete, before.Path, null);
                }

                before = Next(lower);
                continue;
            }

            bool same = SameFile(before!, after!);
            removedFolder = before!.Status.Kind == FileKind.Directory && after!.Status.Kind != FileKind.Directory ? before.Path + "/" : null;
            if (!same)
            {
                yield return new Change(ChangeKind.Modify, after!.Path, after);
            }
            else if (after!.Status is { Kind: not FileKind.Directory, Links: > 1 })
            {
                yield return new Change(ChangeKind.Unmodified, after.Path, after);
            }

            before = Next(lower);
            after = Next(upper);
        }
    }

    private static TreeNode? Next(IEnumerator<TreeNode> walk) => walk.MoveNext() ? walk.Current : null;

    // continuity's sameFile: equal stat fields and xattrs; for non-folders equal size and mtime, and when both
    // mtimes have no sub-second part (a copy may have truncated them), equal content.
    private bool SameFile(TreeNode lower, TreeNode upper)
    {
        FileStatus a = lower.Status, b = upper.Status;
        if (a.Device == b.Device && a.Inode == b.Inode)
        {
            return true;
        }

        if (a.Kind != b.Kind || a.Mode != b.Mode || a.Uid != b.Uid || a.Gid != b.Gid || a.RdevMajor != b.RdevMajor || a.RdevMinor != b.RdevMinor)
        {
            return false;
        }

        if (!SameXattrs(lower.HostPath, upper.HostPath))
        {
            return false;
        }

        if (a.Kind == FileKind.Directory)
        {
            return true;
        }

        long ticksA = a.ModifiedAt.UtcTicks, ticksB = b.ModifiedAt.UtcTicks;
        if (a.Size != b.Size || ticksA / TimeSpan.TicksPerSecond != ticksB / TimeSpan.TicksPerSecond)
        {
            return false;
        }

        long fractionA = ticksA % TimeSpan.TicksPerSecond, fractionB = ticksB % TimeSpan.TicksPerSecond;
        if (fractionA != 0 || fractionB != 0)
        {
            return fractionA == fractionB;
        }

        return a.Kind switch
        {
            FileKind.Symlink => FsOps.ReadLink(lower.HostPath) == FsOps.ReadLink(upper.HostPath),
            FileKind.Regular => a.Size == 0 || SameContent(lower.HostPath, upper.HostPath),
            _ => true,
        };
    }

    private bool SameXattrs(string a, string b)
    {
        var left = FsOps.ReadXattrs(syscalls, a, IsContentXattr);
        var right = FsOps.ReadXattrs(syscalls, b, IsContentXattr);
        return left.Count == right.Count
            && left.All(pair => right.TryGetValue(pair.Key, out var value) && value.AsSpan().SequenceEqual(pair.Value));
    }

    private static bool SameContent(string a, string b)
    {
        using var left = File.OpenRead(a);
        using var right = File.OpenRead(b);
        byte[] bufferA = new byte[32 * 1024], bufferB = new byte[32 * 1024];
        while (true)
        {
            int readA = left.ReadAtLeast(bufferA, bufferA.Length, throwOnEndOfStream: false);
            int readB = right.ReadAtLeast(bufferB, bufferB.Length, throwOnEndOfStream: false);
            if (readA != readB || !bufferA.AsSpan(0, readA).SequenceEqual(bufferB.AsSpan(0, readB)))
            {
                return false;
            }

            if (readA == 0)
            {
                return true;
            }
        }
    }
}
