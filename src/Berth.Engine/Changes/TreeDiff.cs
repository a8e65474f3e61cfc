using Berth.Core.Engine;
using Berth.Linux;

namespace Berth.Engine.Changes;

/// <summary>
/// docker diff's answer from two mounted trees, the image's and the container's: paths only in the container are
/// added (a new folder with everything in it), paths only in the image deleted (a deleted folder as one line), paths in
/// both whose type, mode, owner, size, time or target differ changed. A folder is reported changed when its own mode
/// or owner changed or anything under it did, as dockerd's overlay walk reports the folders it copied up; its time
/// alone does not count, since creating the runtime's mount points touches it. Siblings come by name, parents first.
/// </summary>
internal sealed class TreeDiff(ISyscalls syscalls, string imageRoot, string containerRoot, IReadOnlySet<string> excluded)
{
    private readonly List<FileChange> _changes = [];

    public static IReadOnlyList<FileChange> Compare(ISyscalls syscalls, string imageRoot, string containerRoot, IReadOnlySet<string> excluded,
        CancellationToken cancellationToken)
    {
        var diff = new TreeDiff(syscalls, imageRoot, containerRoot, excluded);
        diff.Folder(string.Empty, cancellationToken);
        return diff._changes;
    }

    // Returns whether anything under the folder changed.
    private bool Folder(string folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var names = new SortedSet<string>(Names(containerRoot + folder), StringComparer.Ordinal);
        names.UnionWith(Names(imageRoot + folder));
        bool changed = false;
        foreach (string name in names)
        {
            string path = folder + "/" + name;
            if (!excluded.Contains(path))
            {
                changed |= Entry(path, cancellationToken);
            }
        }

        return changed;
    }

    private bool Entry(string path, CancellationToken cancellationToken)
    {
        var before = syscalls.Lstat(imageRoot + path);
        var after = syscalls.Lstat(containerRoot + path);
        if (after is null)
        {
            _changes.Add(new FileChange(FileChangeKind.Deleted, path));
            return true;
        }

        if (before is null)
        {
            Added(path, after, cancellationToken);
            return true;
        }

        if (before.Kind == FileKind.Directory && after.Kind == FileKind.Directory)
        {
            int at = _changes.Count;
            bool inner = Folder(path, cancellationToken);
            if (!inner && SameOwnerAndMode(before, after))
            {
                return false;
            }

            _changes.Insert(at, new FileChange(FileChangeKind.Changed, path));
            return true;
        }

        if (SameFile(path, before, after))
        {
            return false;
        }

        _changes.Add(new FileChange(FileChangeKind.Changed, path));
        if (after.Kind == FileKind.Directory)
        {
            // A file replaced by a folder: what the folder holds is new.
            AddedContent(path, cancellationToken);
        }

        return true;
    }

    private void Added(string path, FileStatus status, CancellationToken cancellationToken)
    {
        _changes.Add(new FileChange(FileChangeKind.Added, path));
        if (status.Kind == FileKind.Directory)
        {
            AddedContent(path, cancellationToken);
        }
    }

    private void AddedContent(string folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (string name in Names(containerRoot + folder).Order(StringComparer.Ordinal))
        {
            string path = folder + "/" + name;
            if (!excluded.Contains(path) && syscalls.Lstat(containerRoot + path) is { } status)
            {
                Added(path, status, cancellationToken);
            }
        }
    }

    private static bool SameOwnerAndMode(FileStatus a, FileStatus b) => a.Mode == b.Mode && a.Uid == b.Uid && a.Gid == b.Gid;

    private bool SameFile(string path, FileStatus a, FileStatus b)
        => a.Kind == b.Kind && SameOwnerAndMode(a, b) && a.Size == b.Size && a.ModifiedAt == b.ModifiedAt
            && a.RdevMajor == b.RdevMajor && a.RdevMinor == b.RdevMinor
            && (a.Kind != FileKind.Symlink || new FileInfo(imageRoot + path).LinkTarget == new FileInfo(containerRoot + path).LinkTarget);

    private static IEnumerable<string> Names(string folder)
        => Directory.Exists(folder) && !new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint)
            ? Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>()
            : [];
}
